/**
 * What the background's models keep between two snapshots of a frame (issue 12): the subtree texts read for a
 * snapshot carry to the one patched from it wherever the subtree is the same, and a page judged again with the same
 * frames (a network event, time passing) finds its models already built.
 */
import { describe, expect, it } from 'vitest';
import { evaluatePage } from '../../src/audit';
import { FrameModel, isVisible, modelsOf } from '../../src/audit/model';
import * as environment from '../../src/audit/rules/environment';
import { languageContext } from '../../src/audit/rules/localization';
import { titledAsDocument } from '../../src/audit/signals/document';
import type { FrameSnapshot, PageSnapshot, SnapNode } from '../../src/audit/types';
import { applyPatch, handOver, patchOf, type SnapshotPatch } from '../../src/shared/snapshot-patch';
import { emptyFrame } from '../support/snapshots';

/** An element of a generated page, before it is written out as snapshot nodes in walk order. */
interface Element {
  tag: string;
  text?: string;
  hidden?: 'display' | 'content-visibility';
  /** Not rendered at all (no layout box: detached from the render tree, or never laid out). */
  unrendered?: boolean;
  control?: boolean;
  name?: string;
  /** Its rendered flow: its subtree's words in another order ('reordered') or other characters ('other'). */
  flow?: 'reordered' | 'other';
  /** What facts read of a node and its ancestors: lang, class, aria-hidden, a placeholder. */
  attrs?: Record<string, string>;
  kids: Element[];
}

/** Attributes a change may set or remove, with the values it picks from (see mutate). */
const ATTRS: [string, string[]][] = [
  ['lang', ['lt', 'ru', 'en']],
  ['class', ['material-icons', 'toolbar', 'note']],
  ['aria-hidden', ['true']],
  ['placeholder', ['Įveskite kodą', 'Введите код']],
];

const WORDS = ['Kontrolinis', 'kodas', '4821', 'Atšaukti', 'Pasirašyti', 'sutartis', 'Kods', 'Отменить', 'PIN', 'Smart-ID'];

function randomOf(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    // From the high bits: the low bits of this generator repeat within a few draws.
    return Math.floor((s / 2 ** 31) * n);
  };
}

function randomElement(random: (n: number) => number, depth: number): Element {
  const el: Element = { tag: ['div', 'p', 'span', 'button', 'section', 'b'][random(6)], kids: [] };
  if (random(3)) el.text = `${WORDS[random(WORDS.length)]} ${WORDS[random(WORDS.length)]}`;
  if (!random(5)) setRandomAttr(el, random);
  if (!random(9)) el.hidden = random(2) ? 'display' : 'content-visibility';
  if (el.tag === 'button') {
    el.control = true;
    if (random(2)) el.name = WORDS[random(WORDS.length)];
  }
  if (depth < 4) for (let k = random(4); k > 0; k--) el.kids.push(randomElement(random, depth + 1));
  if (el.kids.length && !random(3)) el.flow = random(3) ? 'reordered' : 'other';
  return el;
}

function setRandomAttr(el: Element, random: (n: number) => number): void {
  const [name, values] = ATTRS[random(ATTRS.length)];
  el.attrs = { ...el.attrs, [name]: values[random(values.length)] };
}

/** Own text first, then the children's: the words a flow holds. */
function wordsOf(el: Element): string[] {
  return [...(el.text ? el.text.split(' ') : []), ...el.kids.flatMap(wordsOf)];
}

/** The page as the gather writes it: nodes in walk order, each with its parent's index. */
function snapshotOf(root: Element, at: number): FrameSnapshot {
  const nodes: SnapNode[] = [];
  const write = (el: Element, parent: number, nth: number) => {
    const node: SnapNode = { i: nodes.length, parent, tag: el.tag, nth, attrs: { ...el.attrs } };
    if (el.text) node.text = el.text;
    if (el.control) node.control = true;
    if (el.name) node.name = el.name;
    if (el.hidden) node.layout = { box: { x: 0, y: 0, w: 0, h: 0 }, fontSize: 16, fontWeight: 400, inViewport: false, hidden: el.hidden };
    else if (!el.unrendered)
      node.layout = { box: { x: 0, y: 20 * nodes.length, w: 200, h: 20 }, fontSize: 16, fontWeight: 400, inViewport: true };
    if (el.flow === 'reordered') node.flow = wordsOf(el).reverse().join(' ');
    if (el.flow === 'other') node.flow = `${wordsOf(el).join(' ')} extra`;
    nodes.push(node);
    for (const [n, k] of el.kids.entries()) write(k, node.i, n + 1);
  };
  write(root, -1, 1);
  return emptyFrame('https://sign.example/', { nodes, gatheredAt: at, elementCount: nodes.length });
}

/** Every element with its parent, in walk order. */
function elementsOf(root: Element): { el: Element; parent?: Element }[] {
  const out: { el: Element; parent?: Element }[] = [];
  const visit = (el: Element, parent?: Element) => {
    out.push({ el, parent });
    for (const k of el.kids) visit(k, el);
  };
  visit(root);
  return out;
}

/**
 * One change as a live page makes them: a text rewritten, shown or hidden, rendered or not, a name, an element added,
 * removed or moved, an attribute set or removed, an element of another tag in its place (code, a field).
 */
function mutate(root: Element, random: (n: number) => number): void {
  if (!root.kids.length) root.kids.push(randomElement(random, 1));
  const all = elementsOf(root);
  const { el, parent } = all[1 + random(all.length - 1)];
  switch (random(10)) {
    case 0:
      el.text = `${WORDS[random(WORDS.length)]} ${random(10_000)}`;
      break;
    case 1:
      el.hidden = el.hidden ? undefined : 'display';
      break;
    case 2:
      el.name = el.control ? `${WORDS[random(WORDS.length)]}!` : undefined;
      break;
    case 3:
      el.kids.splice(random(el.kids.length + 1), 0, randomElement(random, 3));
      break;
    case 4:
      parent?.kids.splice(parent.kids.indexOf(el), 1);
      break;
    case 5: {
      // Moved under another element that is not inside it.
      if (!parent) break;
      const inside = new Set(elementsOf(el).map((e) => e.el));
      const targets = all.filter((e) => !inside.has(e.el));
      const target = targets[random(targets.length)].el;
      parent.kids.splice(parent.kids.indexOf(el), 1);
      target.kids.splice(random(target.kids.length + 1), 0, el);
      break;
    }
    case 6:
      el.unrendered = !el.unrendered;
      break;
    case 7:
      if (el.attrs && random(2)) el.attrs = undefined;
      else setRandomAttr(el, random);
      break;
    case 8:
      el.tag = ['code', 'textarea', 'input', 'div', 'p', 'span'][random(6)];
      break;
    default:
      el.flow = el.flow ? undefined : 'reordered';
  }
}

/** What the background rebuilds from the content script's message (a patch, through a JSON round trip). */
function delivered(previous: FrameSnapshot, next: FrameSnapshot): FrameSnapshot | undefined {
  const change = handOver(previous, next);
  if (change.kind !== 'patch') return undefined;
  const patch: SnapshotPatch = JSON.parse(JSON.stringify(patchOf(1, change, next.nodes.length)));
  return applyPatch(previous, patch);
}

/** Reads every subtree as rules do (three caps, and the short read), in one order, and returns what it read. */
function readEverything(model: FrameModel): string[] {
  const out: string[] = [];
  for (let i = 0; i < model.nodes.length; i++)
    out.push(model.subtreeText(i, 40), String(model.shortSubtreeText(i, 12)), model.subtreeText(i), model.subtreeText(i, 400));
  return out;
}

/**
 * A subtree fact as rules write them, reading all that one may (texts, tags, controls, names, rendered and hidden,
 * the subtree's shape): the subtree holds a shown control, or an odd number of rendered nodes and letters of text.
 */
function shownSubtreeFact(i: number, model: FrameModel): boolean {
  subtreeFactsDecided++;
  let rendered = 0;
  for (const k of [i, ...model.descendants(i, 10_000)]) {
    const d = model.node(k);
    if (d.control && isVisible(d)) return true;
    if (d.layout && !d.layout.hidden) rendered += 1 + d.tag.length + (d.name?.length ?? 0);
  }
  return (rendered + model.subtreeText(i).length) % 2 === 1;
}
let subtreeFactsDecided = 0;

/** Asks the subtree facts of every node: the test's own, and titledAsDocument. */
function factsOfEverything(model: FrameModel): boolean[] {
  return model.nodes.flatMap((n) => [model.subtreeFact('test:shown', n.i, shownSubtreeFact), titledAsDocument(model, n)]);
}

/** Counts the reads of the frame's nodes by index from now on (the frame object stays the same). */
function countingReads(frame: FrameSnapshot): { reads: number } {
  const counter = { reads: 0 };
  frame.nodes = new Proxy(frame.nodes, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return counter;
}

/**
 * 40 random pages from `firstSeed` on, each through 6 steps of one or two random changes, handed over as the content
 * script does: each snapshot the background rebuilds from a patch goes to `check` (after its base was read with
 * `read`, so there is something to carry). Returns how many patched snapshots were checked.
 */
function throughRandomChanges(
  firstSeed: number,
  read: (model: FrameModel) => unknown,
  check: (rebuilt: FrameSnapshot, where: string) => void,
): number {
  let patched = 0;
  for (let seed = firstSeed; seed < firstSeed + 40; seed++) {
    const random = randomOf(seed);
    const root: Element = { tag: 'body', kids: [0, 1, 2, 3].map(() => randomElement(random, 1)) };
    let previous = snapshotOf(root, 0);
    read(new FrameModel(previous, 0));
    for (let step = 1; step <= 6; step++) {
      for (let k = random(2) + 1; k > 0; k--) mutate(root, random);
      const next = snapshotOf(root, step);
      const rebuilt = delivered(previous, next);
      if (!rebuilt) {
        previous = next;
        read(new FrameModel(previous, 0));
        continue;
      }
      patched++;
      check(rebuilt, `seed ${seed}, step ${step}`);
      previous = rebuilt;
    }
  }
  return patched;
}

describe('subtree texts carried to a patched snapshot', () => {
  it('reads every subtree of the patched snapshot as a fresh model does, through any sequence of changes', () => {
    let carriedReads = 0;
    let freshReads = 0;
    const patched = throughRandomChanges(1, readEverything, (rebuilt, where) => {
      const fresh = structuredClone(rebuilt);
      const counted = countingReads(rebuilt);
      const model = new FrameModel(rebuilt, 0);
      counted.reads = 0;
      const freshCount = countingReads(fresh);
      const freshModel = new FrameModel(fresh, 0);
      freshCount.reads = 0;
      expect(readEverything(model), where).toEqual(readEverything(freshModel));
      carriedReads += counted.reads;
      freshReads += freshCount.reads;
    });
    expect(patched).toBeGreaterThan(100);
    // Not read again: the carried readings of the subtrees no change reached (small pages: most nodes are the
    // ancestors of some change; with nothing carried, both would read the same).
    expect(carriedReads).toBeLessThan(freshReads * 0.8);
  });

  it('answers every subtree fact of the patched snapshot as a fresh model does, deciding again only where a change reached', () => {
    let carriedDecisions = 0;
    let freshDecisions = 0;
    const patched = throughRandomChanges(101, factsOfEverything, (rebuilt, where) => {
      const freshModel = new FrameModel(structuredClone(rebuilt), 0);
      subtreeFactsDecided = 0;
      const fresh = factsOfEverything(freshModel);
      freshDecisions += subtreeFactsDecided;
      subtreeFactsDecided = 0;
      expect(factsOfEverything(new FrameModel(rebuilt, 0)), where).toEqual(fresh);
      carriedDecisions += subtreeFactsDecided;
    });
    expect(patched).toBeGreaterThan(100);
    expect(freshDecisions).toBeGreaterThan(1000);
    expect(carriedDecisions).toBeLessThan(freshDecisions * 0.8);
  });

  it('decides a subtree fact again when a node of the subtree stops being rendered, though its text reads the same', () => {
    const page = (rendered: boolean) =>
      snapshotOf(
        {
          tag: 'body',
          kids: [
            { tag: 'section', kids: [{ tag: 'button', control: true, unrendered: !rendered, kids: [] }] },
            { tag: 'section', kids: [{ tag: 'p', text: 'Sutartis Nr. 12', kids: [] }] },
          ],
        },
        0,
      );
    const holdsShownControl = (i: number, model: FrameModel) =>
      model.descendants(i).some((k) => !!model.node(k).control && isVisible(model.node(k)));
    const before = page(true);
    const first = new FrameModel(before, 0);
    expect([0, 1, 3].map((i) => first.subtreeFact('test:holds-control', i, holdsShownControl))).toEqual([true, true, false]);
    const after = delivered(before, page(false))!;
    const model = new FrameModel(after, 0);
    expect([0, 1, 3].map((i) => model.subtreeFact('test:holds-control', i, holdsShownControl))).toEqual([false, false, false]);
  });

  it('reads again the ancestors of a changed text and nothing else', () => {
    const page = (changed: string) =>
      snapshotOf(
        {
          tag: 'body',
          kids: [
            {
              tag: 'section',
              kids: [
                { tag: 'p', text: 'Kontrolinis kodas', kids: [] },
                { tag: 'b', text: changed, kids: [] },
              ],
            },
            { tag: 'section', kids: [{ tag: 'p', text: 'Sutartis Nr. 12', kids: [] }] },
          ],
        },
        0,
      );
    const before = page('4821');
    readEverything(new FrameModel(before, 0));
    const after = delivered(before, page('7304'))!;
    const counted = countingReads(after);
    const model = new FrameModel(after, 0);
    // The other section and the label beside the code: nothing to read.
    counted.reads = 0;
    expect(model.subtreeText(4)).toBe('Sutartis Nr. 12');
    expect(model.subtreeText(2)).toBe('Kontrolinis kodas');
    expect(counted.reads).toBe(0);
    // The code's section and the page: read again, with the new code.
    expect(model.subtreeText(1)).toBe('Kontrolinis kodas 7304');
    expect(model.subtreeText(0)).toBe('Kontrolinis kodas 7304 Sutartis Nr. 12');
    expect(counted.reads).toBeGreaterThan(0);
  });

  it('carries the readings of the subtrees after an element inserted or removed before them (renumbered)', () => {
    const page = (code: boolean) =>
      snapshotOf(
        {
          tag: 'body',
          kids: [
            { tag: 'div', kids: code ? [{ tag: 'p', text: 'Kodas 4821', kids: [{ tag: 'b', text: '!', kids: [] }] }] : [] },
            { tag: 'section', kids: [{ tag: 'p', text: 'Sutartis Nr. 12', kids: [] }] },
            { tag: 'section', kids: [{ tag: 'p', text: 'Šalys', kids: [] }] },
          ],
        },
        0,
      );
    for (const [before, after] of [
      [page(false), page(true)],
      [page(true), page(false)],
    ]) {
      readEverything(new FrameModel(before, 0));
      const rebuilt = delivered(before, after)!;
      expect(rebuilt.nodes.map((n) => n.i)).toEqual(after.nodes.map((n) => n.i));
      const counted = countingReads(rebuilt);
      const model = new FrameModel(rebuilt, 0);
      counted.reads = 0;
      const last = after.nodes.length - 2;
      expect(model.subtreeText(last)).toBe('Šalys');
      expect(model.subtreeText(last - 2)).toBe('Sutartis Nr. 12');
      expect(counted.reads).toBe(0);
      expect(model.subtreeText(0)).toBe(
        after.nodes.length > before.nodes.length ? 'Kodas 4821 ! Sutartis Nr. 12 Šalys' : 'Sutartis Nr. 12 Šalys',
      );
    }
  });

  it('carries nothing from a base no model read, and keeps no chain of older snapshots', () => {
    const base = snapshotOf({ tag: 'body', kids: [{ tag: 'p', text: 'Kodas 1111', kids: [] }] }, 0);
    const next = delivered(base, snapshotOf({ tag: 'body', kids: [{ tag: 'p', text: 'Kodas 2222', kids: [] }] }, 1))!;
    const counted = countingReads(next);
    const model = new FrameModel(next, 0);
    counted.reads = 0;
    expect(model.subtreeText(0)).toBe('Kodas 2222');
    expect(counted.reads).toBeGreaterThan(0);
  });
});

/**
 * A chain fact as rules may write them, reading all that one may of the node and its ancestors (every field but their
 * places and boxes): what each of them is, from the node up.
 */
function chainSignature(i: number, model: FrameModel): string {
  chainFactsDecided.push(i);
  const parts: string[] = [];
  for (let k = i; k >= 0; k = model.node(k).parent) {
    const { tag, text, attrs, control, name, layout, flow, nth } = model.node(k);
    parts.push(JSON.stringify([tag, nth, text, attrs, control, name, flow, !!layout, layout?.hidden, layout?.fontSize]));
  }
  return parts.join(' > ');
}
/** The nodes whose chain facts were decided (not carried), in order. */
let chainFactsDecided: number[] = [];

const chainsOfEverything = (model: FrameModel) => model.chainFacts('test:chain', chainSignature);

describe('chain facts carried to a patched snapshot', () => {
  it('answers every chain fact of the patched snapshot as a fresh model does, deciding again only where a change reached', () => {
    let carriedDecisions = 0;
    let freshDecisions = 0;
    const patched = throughRandomChanges(201, chainsOfEverything, (rebuilt, where) => {
      chainFactsDecided = [];
      const fresh = chainsOfEverything(new FrameModel(structuredClone(rebuilt), 0));
      freshDecisions += chainFactsDecided.length;
      chainFactsDecided = [];
      expect(chainsOfEverything(new FrameModel(rebuilt, 0)), where).toEqual(fresh);
      carriedDecisions += chainFactsDecided.length;
    });
    expect(patched).toBeGreaterThan(100);
    expect(carriedDecisions).toBeLessThan(freshDecisions * 0.8);
  });

  const page = (lang: string | undefined, code: boolean) =>
    snapshotOf(
      {
        tag: 'body',
        kids: [
          { tag: 'div', kids: code ? [{ tag: 'p', text: 'Kodas 4821', kids: [] }] : [] },
          { tag: 'section', attrs: lang ? { lang } : undefined, kids: [{ tag: 'p', text: 'Atšaukti', kids: [] }] },
          { tag: 'section', kids: [{ tag: 'p', text: 'Šalys', kids: [] }] },
        ],
      },
      0,
    );

  it("decides again the facts of a changed node and its descendants (an ancestor's attribute), and no others", () => {
    const before = page(undefined, false);
    chainsOfEverything(new FrameModel(before, 0));
    const after = delivered(before, page('ru', false))!;
    chainFactsDecided = [];
    const facts = chainsOfEverything(new FrameModel(after, 0));
    // The section given a lang (node 2) and the paragraph in it; not the page, the empty slot, the other section.
    expect(chainFactsDecided).toEqual([2, 3]);
    expect(facts[3]).toContain('"lang":"ru"');
    expect(facts).toEqual(chainsOfEverything(new FrameModel(structuredClone(after), 0)));
  });

  it('carries the facts of the nodes after an element inserted or removed before them (renumbered)', () => {
    for (const [before, after] of [
      [page('lt', false), page('lt', true)],
      [page('lt', true), page('lt', false)],
    ]) {
      chainsOfEverything(new FrameModel(before, 0));
      const rebuilt = delivered(before, after)!;
      chainFactsDecided = [];
      const facts = chainsOfEverything(new FrameModel(rebuilt, 0));
      // Only the inserted paragraph (node 2) is new: every other node, renumbered after it or not, is carried.
      expect(chainFactsDecided).toEqual(after.nodes.length > before.nodes.length ? [2] : []);
      expect(facts).toEqual(chainsOfEverything(new FrameModel(structuredClone(after), 0)));
      expect(facts[rebuilt.nodes.length - 3]).toContain('Atšaukti');
    }
  });
});

describe('vendor hosts of a patched snapshot (the environment check)', () => {
  const environmentOf = (frame: FrameSnapshot) => environment.evaluate({ url: 'https://sign.example/', frames: [frame], now: 1_000 });
  const page = (links: string[], inserted: boolean) =>
    snapshotOf(
      {
        tag: 'body',
        kids: [
          { tag: 'div', kids: inserted ? [{ tag: 'p', text: 'Kodas 4821', kids: [] }] : [] },
          ...links.map((href) => ({ tag: 'a', text: 'Dokobit', attrs: { href }, kids: [] })),
        ],
      },
      0,
    );

  it('are those a fresh model reads, after a link changed, a node inserted before the links, and a link removed', () => {
    const steps = [
      page(['https://developers.dokobit.com/sign', 'https://sign.example/help'], false),
      page(['https://developers.dokobit.com/sign', 'https://gateway.dokobit.com/sign'], false),
      page(['https://developers.dokobit.com/sign', 'https://gateway.dokobit.com/sign'], true),
      page(['https://gateway.dokobit.com/sign'], true),
    ];
    let judged = steps[0];
    const verdicts = [environmentOf(judged)];
    for (const next of steps.slice(1)) {
      const rebuilt = delivered(judged, next)!;
      expect(rebuilt).toBeDefined();
      const verdict = environmentOf(rebuilt);
      expect(verdict).toEqual(environmentOf(structuredClone(rebuilt)));
      verdicts.push(verdict);
      judged = rebuilt;
    }
    // Sandbox alone; then mixed with production (a fail), still mixed after the insertion; production alone.
    expect(
      verdicts.map((v) => JSON.stringify(v)).map((v) => [v.includes('gateway.dokobit.com'), v.includes('developers.dokobit.com')]),
    ).toEqual([
      [false, true],
      [true, true],
      [true, true],
      [true, false],
    ]);
  });
});

describe('localization text blocks of a patched snapshot', () => {
  /** What the language check reads of a page's blocks: which node, what text, which language, under which lang. */
  const blocksRead = (frame: FrameSnapshot) => {
    const context = languageContext(modelsOf({ url: frame.url, frames: [frame] }));
    return [...(context?.blocksByFrame.values() ?? [])].flat().map((b) => ({
      at: b.node.i,
      text: b.text,
      lang: b.detection.lang,
      control: b.control,
      ownLang: b.ownLang,
    }));
  };

  it('are those of a fresh model, through any sequence of changes', () => {
    let withBlocks = 0;
    const patched = throughRandomChanges(
      301,
      (model) => blocksRead(model.frame),
      (rebuilt, where) => {
        const fresh = blocksRead(structuredClone(rebuilt));
        if (fresh.length) withBlocks++;
        expect(blocksRead(rebuilt), where).toEqual(fresh);
      },
    );
    expect(patched).toBeGreaterThan(100);
    expect(withBlocks).toBeGreaterThan(100);
  });
});

describe('models of the same frames, judged again', () => {
  const frames = (): FrameSnapshot[] => {
    const random = randomOf(3);
    const root = randomElement(random, 0);
    root.tag = 'body';
    return [snapshotOf(root, 0), { ...snapshotOf(randomElement(random, 1), 0), isTop: false, url: 'https://sign.example/frame' }];
  };

  it('are the same models, and judge the page as new models do', () => {
    const kept = frames();
    const first: PageSnapshot = { url: 'https://sign.example/', frames: kept, now: 1_000 };
    const again: PageSnapshot = { url: 'https://sign.example/', frames: [...kept], now: 5_000 };
    const firstVerdicts = evaluatePage(first);
    expect(modelsOf(again)).toBe(modelsOf(first));
    const fresh: PageSnapshot = { ...again, frames: structuredClone(kept) };
    expect(evaluatePage(again)).toEqual(evaluatePage(fresh));
    expect(evaluatePage(again)).toEqual(firstVerdicts);
  });

  it('are built anew for a frame that is another snapshot, or in another place among the frames', () => {
    const kept = frames();
    const url = 'https://sign.example/';
    const first = modelsOf({ url, frames: kept });
    // One frame changed: its model is new, the other frame's is the one kept — and the page judges as with new models.
    const replaced = { url, frames: [kept[0], structuredClone(kept[1])], now: 1_000 };
    const models = modelsOf(replaced);
    expect(models).not.toBe(first);
    expect(models[0]).toBe(first[0]);
    expect(models[1]).not.toBe(first[1]);
    expect(evaluatePage(replaced)).toEqual(evaluatePage({ ...replaced, frames: structuredClone(replaced.frames) }));
    // Another order: each frame's model knows its place (findings name the frame), so none is kept.
    const swapped = modelsOf({ url, frames: [kept[1], kept[0]] });
    expect(swapped[0]).not.toBe(first[1]);
    expect(swapped[1]).not.toBe(first[0]);
    expect(modelsOf({ url, frames: [kept[0]] })).not.toBe(first);
  });
});
