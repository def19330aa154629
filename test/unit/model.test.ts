/** The frame model's shared text reads: a short read made first must not cut a longer one made later. */
import { describe, expect, it } from 'vitest';
import { FrameModel } from '../../src/audit/model';
import type { FrameSnapshot, SnapNode } from '../../src/audit/types';

const frame: FrameSnapshot = {
  url: 'http://x/',
  isTop: true,
  title: '',
  lang: 'lv',
  viewport: { w: 1280, h: 900 },
  scroll: { x: 0, y: 0 },
  gatheredAt: 0,
  gatherMs: 0,
  elementCount: 3,
  nodes: [
    { i: 0, parent: -1, tag: 'div', nth: 1, attrs: {} },
    { i: 1, parent: 0, tag: 'span', nth: 1, attrs: {}, text: 'Kontroles kods' },
    { i: 2, parent: 0, tag: 'span', nth: 2, attrs: {}, text: '2519' },
  ],
};

describe('frame model text', () => {
  it('reads a subtree in full after a capped read of the same node', () => {
    const model = new FrameModel(frame, 0);
    expect(model.subtreeText(0, 10)).toBe('Kontroles ');
    expect(model.subtreeText(0)).toBe('Kontroles kods 2519');
    expect(model.subtreeText(0, 5)).toBe('Kontr');
  });
});

/** A page with an element whose rendered flow reorders its children's text, and lang carriers above the texts. */
const nested: FrameSnapshot = {
  ...frame,
  elementCount: 7,
  nodes: [
    { i: 0, parent: -1, tag: 'html', nth: 1, attrs: { lang: 'lv' } },
    { i: 1, parent: 0, tag: 'div', nth: 1, attrs: { lang: 'ru' } },
    { i: 2, parent: 1, tag: 'p', nth: 1, attrs: {}, flow: 'Kods 2519 ir', text: 'Kods ir' },
    { i: 3, parent: 2, tag: 'b', nth: 1, attrs: {}, text: '2519' },
    { i: 4, parent: 0, tag: 'p', nth: 2, attrs: {}, flow: '12', text: '1' },
    { i: 5, parent: 4, tag: 'b', nth: 1, attrs: {}, text: '3' },
    { i: 6, parent: 0, tag: 'span', nth: 1, attrs: {}, text: '7' },
  ],
};

describe('frame model indexes (issue 12)', () => {
  it('reads an element as its flow only when the flow holds the same characters, and remembers it', () => {
    const model = new FrameModel(nested, 0);
    expect(model.subtreeText(2)).toBe('Kods 2519 ir');
    // "12" is not "1 3": the children are read instead.
    expect(model.subtreeText(4)).toBe('1 3');
    expect(model.subtreeText(0)).toBe('Kods 2519 ir 1 3 7');
  });

  it('tells a short subtree text, and reads no further than needed to call one long', () => {
    const model = new FrameModel(nested, 0);
    expect(model.shortSubtreeText(6, 8)).toBe('7');
    expect(model.shortSubtreeText(2, 8)).toBeUndefined();
    expect(model.shortSubtreeText(0, 8)).toBeUndefined();
    expect(model.shortSubtreeText(4, 8)).toBe('1 3');
  });

  it('gives each node the fact of its nearest deciding ancestor, the same in any order of asking', () => {
    const lang = (model: FrameModel, i: number) => model.inherited('lang', i, (n) => n.attrs.lang || undefined, 'none');
    const first = new FrameModel(nested, 0);
    const second = new FrameModel(nested, 0);
    const order = [3, 6, 2, 5, 0, 1, 4];
    const asked = order.map((i) => lang(first, i));
    expect(asked).toEqual(['ru', 'lv', 'ru', 'lv', 'lv', 'ru', 'lv']);
    expect([...order].reverse().map((i) => lang(second, i))).toEqual([...asked].reverse());
  });

  it('asks each node at most once for an inherited fact, and notes the answer on every node walked', () => {
    const model = new FrameModel(nested, 0);
    const asked: number[] = [];
    const divOf = (n: SnapNode) => {
      asked.push(n.i);
      return n.tag === 'div' ? n.i : undefined;
    };
    const carrier = (i: number) => model.inherited('div-above', i, divOf, -1);
    expect(carrier(3)).toBe(1);
    expect(asked).toEqual([3, 2, 1]);
    // Node 2 was walked: known without asking again; node 5 walks to the root and finds none.
    expect([carrier(2), carrier(5), carrier(4), carrier(0)]).toEqual([1, -1, -1, -1]);
    expect(asked).toEqual([3, 2, 1, 5, 4, 0]);
  });

  it('lists descendants breadth first up to a limit, and ancestors up to a limit', () => {
    const model = new FrameModel(nested, 0);
    expect(model.descendants(0)).toEqual([1, 4, 6, 2, 5, 3]);
    expect(model.descendants(0, 4)).toEqual([1, 4, 6, 2]);
    expect([...model.ancestors(3, 2)].map((n) => n.i)).toEqual([2, 1]);
  });

  it('counts the nodes of each subtree, the node itself included', () => {
    const model = new FrameModel(nested, 0);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => model.subtreeSize(i))).toEqual([7, 3, 2, 1, 2, 1, 1]);
  });

  it('counts them as well in a snapshot whose children come before their parents', () => {
    // The same tree, written from the last node to the first: node k of `nested` is node 6 − k here.
    const reversed = nested.nodes.map((n) => ({ ...n, i: 6 - n.i, parent: n.parent < 0 ? -1 : 6 - n.parent })).reverse();
    const model = new FrameModel({ ...nested, nodes: reversed }, 0);
    expect([6, 5, 4, 3, 2, 1, 0].map((i) => model.subtreeSize(i))).toEqual([7, 3, 2, 1, 2, 1, 1]);
  });
});

describe('frame model walks up and marks holders without lists (issue 12)', () => {
  const model = new FrameModel(nested, 0);
  const isDiv = (n: SnapNode) => n.tag === 'div';
  const isBold = (n: SnapNode) => n.tag === 'b';

  it('finds the nearest of a node and its ancestors that passes, within the count asked', () => {
    // b(3) → p(2) → div(1) → html(0)
    expect(model.firstUp(3, isDiv)?.i).toBe(1);
    expect(model.firstUp(3, isDiv, 3)?.i).toBe(1);
    expect(model.firstUp(3, isDiv, 2)).toBeUndefined();
    expect(model.firstUp(3, isBold)?.i).toBe(3);
    // From the parent: the node itself is not asked.
    expect(model.firstUp(model.node(3).parent, isBold)).toBeUndefined();
    expect(model.firstUp(-1, isDiv)).toBeUndefined();
  });

  it('marks every ancestor of a passing node, and the node itself only when asked', () => {
    expect([...model.holdersOf(isBold)]).toEqual([1, 1, 1, 0, 1, 0, 0]);
    expect([...model.holdersOf(isBold, true)]).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect([...model.holdersOf(() => false)]).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
