import { describe, expect, it } from 'vitest';
import { type FrameSnapshot, type NodeLayout, type SnapNode, uniformFrame, uniformLayout, uniformNode } from '../../src/audit';
import {
  applyPatch,
  handOver,
  handOverSliced,
  PartsAssembler,
  patchOf,
  type SnapshotPatch,
  sameData,
  wholeParts,
} from '../../src/shared/snapshot-patch';
import { emptyFrame } from '../support/snapshots';

/** A page of `n` paragraphs under <html>, gathered at `at`. */
function page(n: number, at = 1000, edit?: (nodes: SnapNode[]) => void): FrameSnapshot {
  const nodes: SnapNode[] = [{ i: 0, parent: -1, tag: 'html', nth: 1, attrs: {} }];
  for (let k = 1; k <= n; k++) nodes.push({ i: k, parent: 0, tag: 'p', nth: k, attrs: { class: 'line' }, text: `Line ${k}` });
  edit?.(nodes);
  return emptyFrame('https://sign.example/', { nodes, gatheredAt: at, gatherMs: at / 100, elementCount: n + 1 });
}

/** What the background rebuilds from what the content script would send, through a JSON round trip like the port's. */
function delivered(previous: FrameSnapshot, next: FrameSnapshot): FrameSnapshot | 'unchanged' | 'whole' {
  const change = handOver(previous, next);
  if (change.kind !== 'patch') return change.kind;
  const patch: SnapshotPatch = JSON.parse(JSON.stringify(patchOf(1, change, next.nodes.length)));
  return applyPatch(previous, patch);
}

describe('snapshot hand-over (content script → background)', () => {
  it('sends nothing when only the timing fields changed', () => {
    expect(handOver(page(50, 1000), page(50, 2000)).kind).toBe('unchanged');
  });

  it('sends the whole snapshot when the background has none', () => {
    expect(handOver(null, page(5)).kind).toBe('whole');
  });

  it('patches a changed text: only that node travels, and the rebuilt snapshot equals the new one', () => {
    const next = page(100, 2000, (nodes) => {
      nodes[40].text = 'Kontrolinis kodas 4821';
    });
    const change = handOver(page(100), next);
    expect(change.kind).toBe('patch');
    if (change.kind === 'patch') expect(change.nodes.map(([i]) => i)).toEqual([40]);
    expect(delivered(page(100), next)).toEqual(next);
  });

  it('patches nodes added at the end and nodes removed from the end', () => {
    const grown = page(103, 2000);
    expect(delivered(page(100), grown)).toEqual(grown);
    const shrunk = page(97, 2000);
    const rebuilt = delivered(page(100), shrunk);
    expect(rebuilt).not.toBe('unchanged');
    expect(rebuilt).toEqual(shrunk);
  });

  it('patches a change of the frame fields alone (title, scroll) with no node', () => {
    const next = page(100, 2000);
    next.title = 'Pasirašymas';
    next.scroll = { x: 0, y: 300 };
    const change = handOver(page(100), next);
    expect(change.kind).toBe('patch');
    if (change.kind === 'patch') expect(change.nodes).toEqual([]);
    expect(delivered(page(100), next)).toEqual(next);
  });

  it('sends the whole snapshot when more than a quarter of the nodes changed (a new view)', () => {
    const next = page(100, 2000, (nodes) => {
      for (const n of nodes) n.text = `${n.text ?? ''} (changed)`;
    });
    expect(handOver(page(100), next).kind).toBe('whole');
  });

  it('does not modify the base it patches', () => {
    const base = page(10);
    const before = JSON.stringify(base);
    delivered(
      base,
      page(10, 2000, (nodes) => (nodes[3].text = 'other')),
    );
    expect(JSON.stringify(base)).toBe(before);
  });
});

/**
 * A laid-out page: <html><body> with `sections` sections of a heading and three paragraphs, stacked 20 px apart,
 * a fixed bar at the end (its box does not move with the flow) and an iframe whose document was walked as frame 40.
 * `insert` puts paragraphs into section `into` after its heading, as the gather would read them: later nodes
 * renumbered, later boxes moved down, later same-tag siblings' nth moved on.
 */
function laidOut(sections: number, edit?: { into: number; insert?: number; remove?: number }): FrameSnapshot {
  const nodes: SnapNode[] = [
    { i: 0, parent: -1, tag: 'html', nth: 1, attrs: {} },
    { i: 1, parent: 0, tag: 'body', nth: 1, attrs: {} },
  ];
  let y = 0;
  const box = (h = 18) => {
    const b = { x: 8, y, w: 600, h };
    y += 20;
    return { box: b, fontSize: 16, fontWeight: 400, inViewport: b.y < 900 };
  };
  const add = (node: Omit<SnapNode, 'i'>) => nodes.push({ ...node, i: nodes.length } as SnapNode);
  for (let s = 0; s < sections; s++) {
    const section = nodes.length;
    add({ parent: 1, tag: 'section', nth: s + 1, attrs: { class: 'card' } });
    add({ parent: section, tag: 'h2', nth: 1, attrs: {}, text: `Section ${s}`, layout: box() });
    let paragraphs = 3;
    let inserted = 0;
    if (edit?.into === s) {
      inserted = edit.insert ?? 0;
      paragraphs -= edit.remove ?? 0;
    }
    for (let k = 0; k < inserted; k++)
      add({ parent: section, tag: 'p', nth: k + 1, attrs: { class: 'code' }, text: `Code 00${k}1`, layout: box(40) });
    for (let k = 0; k < paragraphs; k++)
      add({ parent: section, tag: 'p', nth: inserted + k + 1, attrs: {}, text: `Paragraph ${s}.${k}`, layout: box() });
  }
  // Fixed and frame-bearing nodes at the end, whose boxes do not follow the flow.
  const bar = nodes.length;
  add({ parent: 1, tag: 'div', nth: 1, attrs: { class: 'bar' }, fixed: true });
  add({
    parent: bar,
    tag: 'button',
    nth: 1,
    attrs: {},
    text: 'Atšaukti',
    control: true,
    layout: { box: { x: 0, y: 860, w: 120, h: 40 }, fontSize: 16, fontWeight: 400, inViewport: true, fixed: true },
  });
  // `frame` is the index of the frame's own snapshot among the page's frames (a page of many frames), not a node.
  add({ parent: 1, tag: 'iframe', nth: 1, attrs: { src: '/doc' }, frame: 40, layout: box(300) });
  add({ parent: 1, tag: 'p', nth: 1, attrs: {}, text: 'In the frame', layout: box() });
  return emptyFrame('https://sign.example/', { nodes, gatheredAt: 1000, gatherMs: 10, elementCount: nodes.length });
}

describe('hand-over of elements inserted or removed mid-page (indices and boxes move)', () => {
  it('sends the inserted nodes and what really changed, not every node after them; the rebuilt snapshot equals the new one', () => {
    const base = laidOut(300);
    const next = laidOut(300, { into: 2, insert: 1 });
    const change = handOver(base, next);
    expect(change.kind).toBe('patch');
    if (change.kind !== 'patch') return;
    expect(change.shift).toMatchObject({ by: 1, dy: 20 }); // the flow advances 20 px per element
    // The new paragraph, the three after it in its section whose nth moved on, and the heading pushed out of the
    // first viewport: five of 1,500 nodes (the iframe keeps naming frame 40).
    expect(change.nodes.map(([, n]) => n.text)).toEqual(['Code 0001', 'Paragraph 2.0', 'Paragraph 2.1', 'Paragraph 2.2', 'Section 11']);
    // The fixed bar's button kept its box: only its top travels, not the node.
    expect(change.shift!.ys).toEqual([[next.nodes.findIndex((n) => n.text === 'Atšaukti'), 860]]);
    expect(delivered(base, next)).toEqual(next);
  });

  it('does the same for nodes removed mid-page', () => {
    const base = laidOut(300);
    const next = laidOut(300, { into: 5, remove: 2 });
    const change = handOver(base, next);
    expect(change.kind).toBe('patch');
    if (change.kind === 'patch') {
      expect(change.shift).toMatchObject({ by: -2, dy: -40 });
      expect(change.nodes.length).toBeLessThanOrEqual(2);
    }
    expect(delivered(base, next)).toEqual(next);
  });

  it('still rebuilds the new snapshot exactly when the boxes moved unevenly or other nodes changed too', () => {
    const base = laidOut(200);
    const next = laidOut(200, { into: 3, insert: 2 });
    // Some later boxes moved by another amount, a text changed far below, a parent pointer moved.
    for (let i = 400; i < 430; i++) if (next.nodes[i].layout) next.nodes[i].layout!.box.y += 7;
    next.nodes[600].text = 'Kontrolinis kodas 4821';
    next.nodes[700].parent = 1;
    expect(delivered(base, next)).toEqual(next);
    // And from an edited snapshot back to the plain one.
    expect(delivered(next, base)).toEqual(base);
  });

  it('sends a node after the insertion whole when more than its place changed (its box left or wider, a layout or node field gained or lost)', () => {
    const base = laidOut(200);
    const next = laidOut(200, { into: 3, insert: 1 });
    const edits: ((n: SnapNode) => void)[] = [
      (n) => (n.layout!.box.x += 3),
      (n) => (n.layout!.box.w += 1),
      (n) => (n.layout!.fontSize = 30),
      (n) => (n.layout!.coveredBy = '<div.cookie-banner>'),
      (n) => (n.layout = undefined),
      (n) => (n.control = true),
      (n) => (n.attrs = { ...n.attrs, class: 'line wide' }),
    ];
    const laid = next.nodes.filter((n) => n.layout && n.i > 600 && n.i < 1200);
    const edited = edits.map((edit, k) => {
      const n = laid[k * 20];
      edit(n);
      return n.i;
    });
    const change = handOver(base, next);
    expect(change.kind).toBe('patch');
    if (change.kind === 'patch') for (const i of edited) expect(change.nodes.map(([at]) => at)).toContain(i);
    expect(delivered(base, next)).toEqual(next);
  });

  it('sends a patch, never "unchanged", when only the boxes moved (a banner above grew, the page scrolled)', () => {
    const base = laidOut(100);
    const next = laidOut(100);
    for (const n of next.nodes) if (n.layout) n.layout.box.y += 30;
    const change = handOver(base, next);
    expect(change.kind).toBe('patch');
    if (change.kind === 'patch') {
      expect(change.shift).toMatchObject({ by: 0, dy: 30 });
      expect(change.nodes).toEqual([]);
    }
    expect(delivered(base, next)).toEqual(next);
  });

  it('rebuilds every random sequence of inserts and removals exactly (a patch can never change a verdict)', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let previous = laidOut(60);
    for (let round = 0; round < 40; round++) {
      const next = laidOut(60, { into: random(60), insert: random(4), remove: random(3) });
      if (random(3) === 0) next.nodes[random(next.nodes.length)].text = `edit ${round}`;
      const rebuilt = delivered(previous, next);
      if (rebuilt !== 'whole' && rebuilt !== 'unchanged') expect(rebuilt).toEqual(next);
      previous = next;
    }
  });
});

describe('sliced hand-over (a huge page keeps its tasks)', () => {
  const previous = page(3000);
  const next = page(3000, 2000, (nodes) => {
    nodes[2500].text = 'changed';
  });

  it('pauses between slices and comes to the same answer as in one go', async () => {
    let pauses = 0;
    const sliced = await handOverSliced(previous, next, async () => ++pauses > 0, 0);
    expect(pauses).toBeGreaterThanOrEqual(5);
    expect(sliced).toEqual(handOver(previous, next));
  });

  it('stops when the pause says so (the content script was stopped)', async () => {
    expect(await handOverSliced(previous, next, async () => false, 0)).toBeNull();
  });
});

describe('sameData: equal as the port delivers JSON', () => {
  it('treats an absent key and an undefined one alike, and ignores key order', () => {
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
  it('tells different values, lengths and kinds apart', () => {
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData('1', 1)).toBe(false);
  });
  it('holds NaN equal to NaN (as both serialise to null)', () => {
    expect(sameData({ w: Number.NaN }, { w: Number.NaN })).toBe(true);
  });
});

describe('a whole snapshot in parts (a huge page)', () => {
  const big = page(4500);
  const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v));

  it('splits the nodes in order into parts of the given size, and the background rebuilds the very same snapshot', () => {
    const { head, parts } = wholeParts(big, 2000);
    expect(parts.map((p) => p.length)).toEqual([2000, 2000, 501]);
    const assembler = new PartsAssembler();
    for (const [index, nodes] of parts.entries()) assembler.part(7, index, roundTrip(nodes));
    expect(assembler.end(7, parts.length, big.nodes.length, roundTrip(head))).toEqual(roundTrip(big));
  });

  it('gives an empty snapshot one part', () => {
    expect(wholeParts(page(0), 2000).parts).toHaveLength(1);
  });

  it('rebuilds nothing when a part went missing, arrived out of order, or belongs to another snapshot', () => {
    const { head, parts } = wholeParts(big, 2000);
    const assembler = new PartsAssembler();
    assembler.part(7, 0, parts[0]);
    assembler.part(7, 2, parts[2]);
    expect(assembler.end(7, 3, big.nodes.length, head)).toBeNull();

    assembler.part(8, 0, parts[0]);
    assembler.part(9, 1, parts[1]);
    expect(assembler.end(9, 2, 4000, head)).toBeNull();

    // A reconnect's fresh start (part 0 of a new seq) replaces what an older snapshot left half sent.
    assembler.part(10, 0, parts[0]);
    assembler.part(11, 0, parts[0]);
    assembler.part(11, 1, parts[1]);
    assembler.part(11, 2, parts[2]);
    expect(assembler.end(11, 3, big.nodes.length, head)?.nodes).toHaveLength(big.nodes.length);
    // An end without its parts, after a good one.
    expect(assembler.end(11, 3, big.nodes.length, head)).toBeNull();
  });
});

describe("the background's nodes in one shape (src/audit/uniform.ts)", () => {
  const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v));
  const keysOf = (n: SnapNode) => [Object.keys(n).join(), n.layout ? Object.keys(n.layout).join() : ''];
  const shapes = (f: FrameSnapshot) => new Set(f.nodes.filter((n) => n.layout).map((n) => keysOf(n).join('|')));

  it('gives nodes with different optional fields the same fields in the same order, and the same data', () => {
    const base = laidOut(300);
    // As JSON gives them: fields in the order each node was written, only those it has.
    expect(new Set(base.nodes.map((n) => Object.keys(n).join())).size).toBeGreaterThan(1);
    const copy = roundTrip(base);
    uniformFrame(copy);
    expect(shapes(copy).size).toBe(1);
    expect(new Set(copy.nodes.map((n) => Object.keys(n).join())).size).toBe(1);
    expect(copy).toEqual(base);
    expect(sameData(copy, base)).toBe(true);
    // JSON (the port, exports) drops the fields a node does not have: the same fields as before, no null added.
    const sortedKeys = (f: FrameSnapshot) => f.nodes.map((n) => Object.keys(n).sort().join());
    expect(sortedKeys(roundTrip(copy))).toEqual(sortedKeys(base));
  });

  it('keeps that shape in every node the background rebuilds: patched, renumbered after an insertion, moved, assembled from parts', () => {
    const base = laidOut(300);
    const received = uniformFrame(roundTrip(base));
    for (const edit of [
      { into: 2, insert: 1 },
      { into: 5, remove: 2 },
    ]) {
      const next = laidOut(300, edit);
      const change = handOver(base, next);
      expect(change.kind).toBe('patch');
      if (change.kind !== 'patch') continue;
      const rebuilt = applyPatch(received, roundTrip(patchOf(1, change, next.nodes.length)));
      expect(rebuilt).toEqual(next);
      expect([...shapes(rebuilt)]).toEqual([...shapes(received)]);
    }
    const { head, parts } = wholeParts(base, 500);
    const assembler = new PartsAssembler();
    for (const [index, nodes] of parts.entries()) assembler.part(3, index, roundTrip(nodes));
    const assembled = assembler.end(3, parts.length, base.nodes.length, roundTrip(head))!;
    expect(assembled).toEqual(base);
    expect([...shapes(assembled)]).toEqual([...shapes(received)]);
  });

  it('copies every field it declares (a field declared and not copied would be lost in the background)', () => {
    // Each field a distinct value, read back from the uniform copy: the compiler checks the classes declare every
    // field of the types, this checks their constructors copy each one.
    const layoutKeys = Object.keys(uniformLayout({ box: { x: 0, y: 0, w: 0, h: 0 }, fontSize: 0, fontWeight: 0, inViewport: false }));
    const nodeKeys = Object.keys(uniformNode({ i: 0, parent: -1, tag: 'p', nth: 1, attrs: {} }));
    const layout = Object.fromEntries(layoutKeys.map((k) => [k, `layout:${k}`])) as unknown as NodeLayout;
    const node = { ...Object.fromEntries(nodeKeys.map((k) => [k, `node:${k}`])), layout } as unknown as SnapNode;
    const copy = uniformNode(node);
    expect(nodeKeys.length).toBeGreaterThan(15);
    expect(layoutKeys.length).toBeGreaterThan(15);
    for (const k of nodeKeys) if (k !== 'layout') expect((copy as unknown as Record<string, unknown>)[k], k).toBe(`node:${k}`);
    for (const k of layoutKeys) expect((copy.layout as unknown as Record<string, unknown>)[k], k).toBe(`layout:${k}`);
    expect(uniformLayout(layout, { x: 1, y: 2, w: 3, h: 4 }).box).toEqual({ x: 1, y: 2, w: 3, h: 4 });
  });
});
