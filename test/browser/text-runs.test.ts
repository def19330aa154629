/**
 * Own text is read as painted: text nodes side by side draw one run however a framework split them (React's
 * `{brand}{suffix}`, its server renderer's empty comments, Vue's fragment anchors), while a child element between two
 * runs parts them. The same holds for the text a <slot> shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatheredPages } from '../support/gathered-page';
import type { SnapNode } from '../../src/audit/types';

const pages = new GatheredPages();
beforeAll(() => pages.start());
afterAll(() => pages.stop());

/** The gathered node with `id` (top frame). */
async function nodeWithId(html: string, id: string): Promise<SnapNode> {
  const snapshot = await pages.snapshot(html);
  const node = snapshot.frames[0].nodes.find((n) => n.attrs.id === id);
  if (!node) throw new Error(`no node #${id}`);
  return node;
}

/** A script that appends `parts` as separate text nodes to #`id`. */
const splitInto = (id: string, parts: string[]) =>
  `<script>(function(){var el=document.getElementById(${JSON.stringify(id)});` +
  `${JSON.stringify(parts)}.forEach(function(t){el.appendChild(document.createTextNode(t));});})();</script>`;

describe('own text of split text nodes', () => {
  it('joins adjacent text nodes as the screen draws them', async () => {
    const node = await nodeWithId(`<button id="b"></button>${splitInto('b', ['Sign with ', 'Smart-', 'ID'])}`, 'b');
    expect(node.text).toBe('Sign with Smart-ID');
    expect(node.name).toBe('Sign with Smart-ID');
  });
  it('joins a word split in the middle without inventing a space', async () => {
    const node = await nodeWithId(`<p id="p"></p>${splitInto('p', ['Patvirtin', 'kite kodą ', '48', '21'])}`, 'p');
    expect(node.text).toBe('Patvirtinkite kodą 4821');
  });
  it('reads through comments, which paint nothing', async () => {
    const node = await nodeWithId('<button id="b">Подписать через Mobile<!--[-->-<!--]-->ID<!-- --></button>', 'b');
    expect(node.text).toBe('Подписать через Mobile-ID');
  });
  it('keeps a space where a child element parts two runs of own text', async () => {
    const node = await nodeWithId('<p id="p">Kodas:<b>4821</b>įveskite telefone</p>', 'p');
    expect(node.text).toBe('Kodas: įveskite telefone');
    expect(node.flow).toBe('Kodas:4821įveskite telefone');
  });
  it('parts runs around a child <form> whose field shadows nodeType', async () => {
    const node = await nodeWithId('<div id="d">Pasirašykite<form><input name="nodeType"></form>telefone</div>', 'd');
    expect(node.text).toBe('Pasirašykite telefone');
  });
});

describe('slotted text of split text nodes', () => {
  it('joins adjacent slotted text nodes and parts slotted elements', async () => {
    const html =
      '<sign-button id="host">Atšauk<!-- -->ti <i>dabar</i></sign-button>' +
      '<script>(function(){var root=document.getElementById("host").attachShadow({mode:"open"});' +
      'root.innerHTML=\'<button id="inner"><slot></slot></button>\';})();</script>';
    const snapshot = await pages.snapshot(html, 'lt');
    const slot = snapshot.frames[0].nodes.find((n) => n.tag === 'slot');
    const button = snapshot.frames[0].nodes.find((n) => n.attrs.id === 'inner');
    expect(slot?.slotted).toBe('Atšaukti dabar');
    expect(button?.name).toBe('Atšaukti dabar');
  });
});
