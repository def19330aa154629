import { describe, expect, it } from 'vitest';
import type { FrameSnapshot, SnapNode } from '../../src/audit';
import {
  applyPatch,
  handOver,
  handOverSliced,
  PartsAssembler,
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
  const patch: SnapshotPatch = JSON.parse(
    JSON.stringify({ base: 1, head: change.head, count: next.nodes.length, nodes: change.nodes } satisfies SnapshotPatch),
  );
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
