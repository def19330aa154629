/**
 * The hand-over of a frame's snapshot from the content script to the background, as a patch against the one sent
 * before: on a live page most audits change a few nodes of thousands, and the port serialises every message (a
 * 10k-element snapshot is about 2 MB of JSON, serialised on the page's main thread). The background rebuilds the
 * very same snapshot from its copy of the base, so a patch can never change a verdict; when it has no base of that
 * number (a restarted service worker), it asks for the whole snapshot again.
 */
import {
  type Box,
  type FrameSnapshot,
  finishSteps,
  notePatchedFrame,
  roundPx,
  type SnapNode,
  uniformFrame,
  uniformLayout,
  uniformNode,
} from '../audit';

/** Fields that say when, how long and how it was read, not what: two snapshots differing only here tell the background nothing. */
export const TIMING_FIELDS = ['gatheredAt', 'gatherMs', 'reread', 'rigidlyMoved'] as const satisfies readonly (keyof FrameSnapshot)[];
export type HowRead = Pick<FrameSnapshot, (typeof TIMING_FIELDS)[number]>;
const TIMING = new Set<string>(TIMING_FIELDS);

/** The snapshot's when/how-long/how-read fields alone. */
export function howReadOf(snapshot: FrameSnapshot): HowRead {
  const out: Record<string, unknown> = {};
  for (const key of TIMING_FIELDS) out[key] = snapshot[key];
  return out as HowRead;
}

export interface SnapshotPatch {
  /** The number of the snapshot this patch applies to. */
  base: number;
  /** The snapshot's fields other than its nodes. */
  head: Omit<FrameSnapshot, 'nodes'>;
  /** The number of nodes of the new snapshot. */
  count: number;
  /** Nodes that differ from the base (or are new), by index. */
  nodes: [number, SnapNode][];
  /** Nodes inserted or removed before the rest moved the rest: see NodeShift. */
  shift?: NodeShift;
}

/**
 * Elements inserted (or removed) in the middle of a page move every node after them to another index, and the
 * layout usually moves their boxes down (or up) by the same amount; a scroll moves every box. Without this, a code
 * inserted near the top changes thousands of nodes and the whole snapshot travels. From `from` on, node j of the
 * new snapshot is the base's node j − by renumbered (its own index, and its parent's when that is at base index
 * `at` or later, moved by `by`; `frame` names one of the page's frames, not a node, and stays) with its box's top
 * moved by `dy` (rounded as the gather rounds boxes) — or set to the top `ys` gives it (a fixed bar that stayed, a
 * column beside the insertion, a rounding step). The content script only uses it for nodes it rebuilt and found
 * equal, so the background rebuilds exactly the new snapshot; every other node travels whole in `nodes`.
 */
export interface NodeShift {
  from: number;
  by: number;
  at: number;
  dy: number;
  ys: [number, number][];
}

export type HandOver =
  | { kind: 'unchanged' }
  | { kind: 'patch'; nodes: [number, SnapNode][]; head: Omit<FrameSnapshot, 'nodes'>; shift?: NodeShift }
  | { kind: 'whole' };

/** The patch message for a hand-over of kind 'patch' of a snapshot of `count` nodes, made against snapshot `base`. */
export function patchOf(base: number, change: Extract<HandOver, { kind: 'patch' }>, count: number): SnapshotPatch {
  return { base, head: change.head, count, nodes: change.nodes, shift: change.shift };
}

/**
 * What to send for `next`, given the snapshot sent before (null: none, or the background lost it): nothing when
 * only the timing changed, a patch when it is smaller than the whole, else the whole snapshot.
 */
export function handOver(previous: FrameSnapshot | null, next: FrameSnapshot): HandOver {
  return finishSteps(handOverSteps(previous, next));
}

/**
 * handOver as steps: it pauses (yields) every few hundred nodes, so that the content script can leave the page its
 * tasks on a huge page (comparing 30,000 nodes is a long task of its own).
 */
export function* handOverSteps(previous: FrameSnapshot | null, next: FrameSnapshot): Generator<void, HandOver> {
  if (!previous) return { kind: 'whole' };
  const { nodes: _nextNodes, ...head } = next;
  const { nodes: _previousNodes, ...previousHead } = previous;
  const headSame = sameData(stripTiming(previousHead), stripTiming(head));
  const before = previous.nodes;
  const after = next.nodes;
  const changed: [number, SnapNode][] = [];
  const limit = Math.max(16, after.length >> 2);
  // The unchanged start, then the rest aligned from the end: nodes inserted (by > 0) or removed (by < 0) at the
  // first difference put every later node `by` places further on.
  let first = 0;
  const common = Math.min(before.length, after.length);
  while (first < common && sameData(before[first], after[first])) {
    if (first % 512 === 511) yield;
    first++;
  }
  const by = after.length - before.length;
  const from = first + Math.max(by, 0);
  const at = from - by;
  const dy = boxMove(before, after, from, by);
  const ys: [number, number][] = [];
  for (let i = first; i < after.length; i++) {
    if (i % 512 === 511) yield;
    if (i < from) {
      if (i >= before.length || !sameData(before[i], after[i])) changed.push([i, after[i]]);
    } else if (!sameShifted(before[i - by], after[i], by, at, dy)) {
      // Only the box's top differs (it moved by another amount): its top travels, not the node.
      const y = after[i].layout?.box.y;
      if (y !== undefined && before[i - by].layout && sameData(shiftNode(before[i - by], by, at, dy, y), after[i])) ys.push([i, y]);
      else changed.push([i, after[i]]);
    }
    // More than a quarter changed (a new page in the same document): the whole snapshot costs about the same.
    if (changed.length + (ys.length >> 3) > limit) return { kind: 'whole' };
  }
  // Boxes moved by `dy` are a change even when every node matched its shifted self.
  if (headSame && !changed.length && !ys.length && !by && !dy) return { kind: 'unchanged' };
  return by || dy || ys.length
    ? { kind: 'patch', nodes: changed, head, shift: { from, by, at, dy, ys } }
    : { kind: 'patch', nodes: changed, head };
}

/**
 * How far the boxes after an insertion moved: the most common vertical move of the first few laid-out nodes that
 * follow it (a wrong guess only costs a bigger patch).
 */
function boxMove(before: SnapNode[], after: SnapNode[], from: number, by: number): number {
  if (from >= after.length) return 0;
  const moves = new Map<number, number>();
  for (let i = from, seen = 0; i < after.length && seen < 8; i++) {
    const was = before[i - by].layout?.box;
    const is = after[i].layout?.box;
    if (!was || !is) continue;
    seen++;
    const move = roundPx(is.y - was.y);
    moves.set(move, (moves.get(move) ?? 0) + 1);
  }
  let best = 0;
  let count = 0;
  for (const [move, n] of moves) if (n > count) [best, count] = [move, n];
  return best;
}

/** Where a node's box's top is: what a shift moves by `dy` (see sameMoved). */
const TOP_PATH = ['layout', 'box', 'y'];

/**
 * sameData(shiftNode(node, by, at, dy), after), without the copy: asked of every node after an insertion (10,000s on
 * a large page, on the page's main thread).
 */
function sameShifted(node: SnapNode, after: SnapNode, by: number, at: number, dy: number): boolean {
  if (after.i !== node.i + by || after.parent !== (node.parent >= at ? node.parent + by : node.parent)) return false;
  // The top is moved only when there is a move (shiftNode leaves the layout as it is otherwise).
  return sameFields(node, after, dy, dy ? 0 : -1);
}

/**
 * sameData(a, b) for two objects, field by field: with `depth` 0 or more, a's field at TOP_PATH[depth…] is taken as
 * moved by `dy`; with `depth` -1 or 0 (a node), its index and parent are left to the caller; -2: plain data.
 */
function sameFields(a: object, b: unknown, dy: number, depth: number): boolean {
  if (typeof b !== 'object' || b === null || Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    if (x[key] === undefined) continue;
    keys++;
    if ((depth === 0 || depth === -1) && (key === 'i' || key === 'parent')) continue;
    if (!(depth >= 0 && key === TOP_PATH[depth] ? sameMoved(x[key], y[key], dy, depth + 1) : sameData(x[key], y[key]))) return false;
  }
  for (const key in y) if (y[key] !== undefined) keys--;
  return keys === 0;
}

/** The value at TOP_PATH[depth - 1] of a moved node (the box's top, moved by `dy`) compared with the other's. */
function sameMoved(a: unknown, b: unknown, dy: number, depth: number): boolean {
  if (depth === TOP_PATH.length) return sameData(roundPx((a as number) + dy), b);
  return typeof a === 'object' && a !== null && !Array.isArray(a) ? sameFields(a, b, dy, depth) : sameData(a, b);
}

/**
 * A copy of a node with its box replaced (`box` undefined: the same layout). The content script compares with plain
 * copies; the background keeps its nodes in one shape (uniform.ts), which only applyPatch needs to name, so the content
 * script does not carry it.
 */
type NodeCopy = (node: SnapNode, box: Box | undefined) => SnapNode;

/** Copied with Object.assign, not a spread: a spread of objects of many shapes takes V8's slow path. */
const plainCopy: NodeCopy = (node, box) => {
  const copy: SnapNode = Object.assign({}, node);
  if (box && node.layout) copy.layout = Object.assign({}, node.layout, { box });
  return copy;
};

const uniformCopy: NodeCopy = (node, box) => {
  let layout = node.layout;
  if (box && layout) layout = uniformLayout(layout, box);
  return uniformNode(node, layout);
};

/** A base node as it stands after the shift: renumbered, its box's top moved by `dy` (or set to `y`). */
function shiftNode(node: SnapNode, by: number, at: number, dy: number, y?: number, copy = plainCopy): SnapNode {
  if (!by && !dy && y === undefined) return node;
  const box = node.layout?.box;
  const moved = copy(node, box && (dy || y !== undefined) ? { x: box.x, y: y ?? roundPx(box.y + dy), w: box.w, h: box.h } : undefined);
  moved.i = node.i + by;
  if (node.parent >= at) moved.parent = node.parent + by;
  return moved;
}

/**
 * handOver in slices of about `sliceMs`, awaiting `pause()` between them (the page's tasks run meanwhile); null
 * when `pause` says to stop (the content script was stopped).
 */
export async function handOverSliced(
  previous: FrameSnapshot | null,
  next: FrameSnapshot,
  pause: () => Promise<boolean>,
  sliceMs = 8,
): Promise<HandOver | null> {
  const steps = handOverSteps(previous, next);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      if (!(await pause())) return null;
      sliceStart = performance.now();
    }
  }
}

/** The snapshot a patch describes, built on `base` (which is not modified). */
export function applyPatch(base: FrameSnapshot, patch: SnapshotPatch): FrameSnapshot {
  const shift = patch.shift;
  const nodes = base.nodes.slice(0, shift ? Math.min(shift.from, patch.count) : patch.count);
  if (shift) {
    const ys = new Map(shift.ys);
    for (let i = shift.from; i < patch.count; i++)
      nodes[i] = shiftNode(base.nodes[i - shift.by], shift.by, shift.at, shift.dy, ys.get(i), uniformCopy);
  }
  for (const [i, node] of patch.nodes) nodes[i] = uniformNode(node);
  const next: FrameSnapshot = { ...patch.head, nodes };
  // Its evaluation starts from what was read of the base's unchanged subtrees.
  notePatchedFrame(
    next,
    base,
    patch.nodes.map(([i]) => i),
    shift,
  );
  return next;
}

function stripTiming(head: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(head)) if (!TIMING.has(key)) out[key] = head[key];
  return out;
}

/**
 * Equal as JSON data: the same keys with the same values, an absent key and one holding undefined alike (the port
 * drops both), NaN equal to NaN. Key order does not matter.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  return sameFields(a, b, 0, -2);
}

/**
 * A whole snapshot of a huge page goes in parts of this many nodes, with the page's tasks between them: the port
 * serialises each message on the page's main thread, and 30,000 nodes at once are a long task of their own.
 */
export const NODES_PER_PART = 2000;

/** The parts of a whole snapshot: its nodes in order, `NODES_PER_PART` at a time (at least one part). */
export function wholeParts(snapshot: FrameSnapshot, perPart = NODES_PER_PART): { head: Omit<FrameSnapshot, 'nodes'>; parts: SnapNode[][] } {
  const { nodes, ...head } = snapshot;
  const parts: SnapNode[][] = [];
  for (let at = 0; at < nodes.length || !parts.length; at += perPart) parts.push(nodes.slice(at, at + perPart));
  return { head, parts };
}

/**
 * The background's side of a snapshot sent in parts: the parts of one `seq` in order, then the end with the head
 * and the node count. A part of another `seq` starts over; an end that does not match what arrived (a part lost
 * to a reconnect) yields null, and the content script is asked for the whole snapshot again.
 */
export class PartsAssembler {
  private seq = -1;
  private nodes: SnapNode[] = [];
  private index = 0;

  part(seq: number, index: number, nodes: SnapNode[]): void {
    if (seq !== this.seq || index !== this.index) {
      // A new snapshot, or parts out of order: only a first part can start one.
      this.seq = index === 0 ? seq : -1;
      this.nodes = [];
      this.index = 0;
      if (index !== 0) return;
    }
    for (const node of nodes) this.nodes.push(node);
    this.index++;
  }

  end(seq: number, parts: number, count: number, head: Omit<FrameSnapshot, 'nodes'>): FrameSnapshot | null {
    const whole =
      seq === this.seq && parts === this.index && count === this.nodes.length ? uniformFrame({ ...head, nodes: this.nodes }) : null;
    this.seq = -1;
    this.nodes = [];
    this.index = 0;
    return whole;
  }
}
