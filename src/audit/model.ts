/**
 * Read-only helpers over a frame snapshot: the tree, text of a subtree, visibility, selectors and geometry.
 * Built once per frame per evaluation and shared by all rules.
 */
import type { Box, FrameSnapshot, PageSnapshot, SnapNode } from './types';
import { squash } from './text';
import { sameDocument } from './redact';

/** The children of every leaf: read only, like every list of FrameModel.children. */
const NO_CHILDREN: number[] = Object.freeze([]) as unknown as number[];

export class FrameModel {
  readonly children: number[][];
  /**
   * What was read of the subtrees' texts (see SubtreeTexts): kept for the frame's next snapshot, which starts from
   * the readings of every subtree the patch left alone.
   */
  private readonly texts: SubtreeTexts;
  /** The facts read from nodes and their ancestors alone (chainFacts), kept like the texts. */
  private readonly chain: ChainFacts;
  /** Derived data computed once per frame by shared detectors (code candidates, label nodes). */
  readonly memo = new Map<string, unknown>();

  /**
   * A value computed once per frame. `compute` is given the model, so that a caller asked per node can pass a function
   * written once at module level instead of a new closure on every call.
   */
  cached<T>(key: string, compute: (model: FrameModel) => T): T {
    const value = this.memo.get(key);
    if (value !== undefined || this.memo.has(key)) return value as T;
    const computed = compute(this);
    this.memo.set(key, computed);
    return computed;
  }

  /**
   * One derived fact per node, computed once per frame: a map per fact, so that asking about many nodes builds no
   * key string per node (`cached(\`fact:${i}\`)` allocates and hashes a new string on every call). `compute` is given
   * the node and the model, so that a hot caller can pass a function written once instead of a closure per call.
   */
  cachedFor<T>(fact: string, i: number, compute: (i: number, model: FrameModel) => T): T {
    const known = this.perNode<T>(fact);
    if (known.asked[i]) return known.values[i];
    const computed = compute(i, this);
    known.values[i] = computed;
    known.asked[i] = 1;
    return computed;
  }

  /**
   * A fact a node takes from the nearest of itself and its ancestors that settles it (`decide` returns undefined to
   * ask the parent; past the root the answer is `otherwise`). `decide` is given the model, so that it can be written
   * once at module level rather than as a new closure per call. Memoised per node, so each walk up stops at the first
   * node already answered: every text of a page 200 levels deep asks, and would walk the same ancestors again.
   */
  inherited<T>(fact: string, i: number, decide: (n: SnapNode, model: FrameModel) => T | undefined, otherwise: T): T {
    const known = this.perNode<T>(fact);
    if (known.asked[i]) return known.values[i];
    // Up to the node that settles it (answered before, or deciding now), then the walk again to note the answer on
    // the way: no path array per call (a page's worth of them was a good part of an audit's garbage).
    let value = otherwise;
    let settled = -1;
    for (let k = i; k >= 0; k = this.node(k).parent) {
      if (known.asked[k]) {
        value = known.values[k];
        settled = k;
        break;
      }
      const own = decide(this.node(k), this);
      if (own !== undefined) {
        value = own;
        settled = this.node(k).parent;
        break;
      }
    }
    for (let k = i; k >= 0 && k !== settled; k = this.node(k).parent) {
      known.values[k] = value;
      known.asked[k] = 1;
    }
    return value;
  }

  /**
   * A yes-or-no fact of node i read from its subtree alone — through what sameReadFields compares (tag, text, flow,
   * control, name, whether it is rendered or hidden) and the subtree's shape, nothing else of the node, its
   * ancestors, its siblings or the frame — computed once per frame snapshot and, like the subtree texts, kept for the
   * next snapshot wherever the subtree is the same (see carriedTexts). A fact that reads more must use cachedFor.
   */
  subtreeFact(fact: string, i: number, decide: (i: number, model: FrameModel) => boolean): boolean {
    let known = this.texts.facts.get(fact);
    if (!known) this.texts.facts.set(fact, (known = new Uint8Array(this.nodes.length)));
    if (!known[i]) known[i] = decide(i, this) ? 2 : 1;
    return known[i] === 2;
  }

  /**
   * A fact of every node, read from the node and its ancestors alone — any of their fields but their places (i,
   * parent) and boxes (layout.box), nothing of their siblings, descendants or the frame — by node index: computed once
   * per frame snapshot and kept for the next snapshot wherever its patch left the node and every ancestor as they were
   * (see ChainFacts). A value must name no node and no index (an insertion moves them); a fact that reads more must
   * use cachedFor. All at once: a pass over the page then calls no function per node.
   */
  chainFacts<T>(fact: string, compute: (i: number, model: FrameModel) => T): readonly T[] {
    const values = this.chain.of(fact);
    for (let i = 0; i < values.length; i++) if (values[i] === UNASKED) values[i] = compute(i, this);
    return values as T[];
  }

  /** Arrays indexed by node, not a Map: facts asked of every node of a large page are looked up 10,000s of times. */
  private perNode<T>(fact: string): { asked: Uint8Array; values: T[] } {
    // Looked up without cached(): its compute closure would be allocated on every question about every node.
    let known = this.memo.get(fact) as { asked: Uint8Array; values: T[] } | undefined;
    if (!known) this.memo.set(fact, (known = { asked: new Uint8Array(this.nodes.length), values: new Array<T>(this.nodes.length) }));
    return known;
  }

  /** The frame's nodes (a field, not a getter: loops over every node ask for it per node). */
  readonly nodes: SnapNode[];

  constructor(
    readonly frame: FrameSnapshot,
    readonly index: number,
  ) {
    this.nodes = frame.nodes;
    // Built for every frame snapshot, often before the engine has optimised anything: indexed loops (no iterator
    // result per node), each list made at its size and one shared empty list for the leaves (10,000s of lists grown
    // by push, each to a first capacity of 17, were a good part of a model's garbage).
    const nodes = frame.nodes;
    const counts = new Uint32Array(nodes.length);
    for (let k = 0; k < nodes.length; k++) if (nodes[k].parent >= 0) counts[nodes[k].parent]++;
    const children: number[][] = new Array(nodes.length);
    for (let k = 0; k < nodes.length; k++) children[k] = counts[k] ? new Array<number>(counts[k]) : NO_CHILDREN;
    const filled = counts.fill(0);
    for (let k = 0; k < nodes.length; k++) {
      const parent = nodes[k].parent;
      if (parent >= 0) children[parent][filled[parent]++] = nodes[k].i;
    }
    this.children = children;
    const from = patchedFrom.get(frame);
    patchedFrom.delete(frame);
    // Which base node each node is: one pass for both carries (read once, on the snapshot's first model).
    const carry = from && { from, kept: keptNodes(from, frame.nodes) };
    this.texts = textsFor(frame, carry);
    this.chain = chainFactsFor(frame, carry);
  }

  /** Number of nodes in the subtree of node i, itself included (counted once per frame, on first use). */
  subtreeSize(i: number): number {
    return this.cached('subtree-sizes', subtreeSizes)[i];
  }

  node(i: number): SnapNode {
    return this.nodes[i];
  }

  /**
   * The first of node `from` and its ancestors, nearest first, that `test` accepts, looking at `count` nodes at most
   * (pass a node's parent to look at its ancestors alone; -1 finds nothing). No generator or array: asked of every
   * text of a page, and a page may nest hundreds deep.
   */
  firstUp(from: number, test: (n: SnapNode, model: FrameModel) => boolean, count = Infinity): SnapNode | undefined {
    for (let k = from, seen = 0; k >= 0 && seen < count; k = this.nodes[k].parent, seen++)
      if (test(this.nodes[k], this)) return this.nodes[k];
    return undefined;
  }

  /**
   * Per node, 1 when its subtree holds a node that `test` accepts (the node itself counts only `withSelf`): one pass
   * that marks the ancestors of each accepted node, stopping where an earlier one marked the rest.
   */
  holdersOf(test: (n: SnapNode) => boolean, withSelf = false): Uint8Array {
    const holders = new Uint8Array(this.nodes.length);
    for (const n of this.nodes) {
      if (!test(n)) continue;
      for (let k = withSelf ? n.i : n.parent; k >= 0 && !holders[k]; k = this.nodes[k].parent) holders[k] = 1;
    }
    return holders;
  }

  /** Ancestors from the parent up to the root, or only the nearest `limit` of them. */
  *ancestors(i: number, limit = Infinity): Generator<SnapNode> {
    for (let p = this.node(i).parent, n = 0; p >= 0 && n < limit; p = this.node(p).parent, n++) yield this.node(p);
  }

  isAncestor(ancestor: number, of: number): boolean {
    for (let p = this.node(of).parent; p >= 0; p = this.node(p).parent) if (p === ancestor) return true;
    return false;
  }

  contains(ancestor: number, of: number): boolean {
    return ancestor === of || this.isAncestor(ancestor, of);
  }

  /** Descendants of a node, nearest first, at most `limit` of them. */
  descendants(i: number, limit = 300): number[] {
    // Breadth first, the list itself as the queue; nothing past the limit is queued (a wide node has 1,000s of children).
    const out: number[] = [];
    const kids = this.children[i];
    for (let c = 0; c < kids.length && out.length < limit; c++) out.push(kids[c]);
    for (let q = 0; q < out.length && out.length < limit; q++) {
      const next = this.children[out[q]];
      for (let c = 0; c < next.length && out.length < limit; c++) out.push(next[c]);
    }
    return out;
  }

  /** Lowest common ancestor of two nodes. */
  lca(a: number, b: number): number {
    const seen = new Set<number>();
    for (let p = a; p >= 0; p = this.node(p).parent) seen.add(p);
    for (let p = b; p >= 0; p = this.node(p).parent) if (seen.has(p)) return p;
    return 0;
  }

  /** Path from `from` (exclusive) up to `to` (exclusive). */
  between(from: number, to: number): SnapNode[] {
    const out: SnapNode[] = [];
    for (let p = this.node(from).parent; p >= 0 && p !== to; p = this.node(p).parent) out.push(this.node(p));
    return out;
  }

  /**
   * Visible, human-readable text of a subtree (hidden parts left out), capped, in reading order: an element whose
   * own text is split around inline children ("Call <b>1855</b> on weekdays") reads as the gather's rendered `flow`
   * of it, not as its own text followed by its children's.
   */
  subtreeText(i: number, max = 2000): string {
    const cached = this.texts.read[i];
    // Reuse a read made with a cap at least as large, or one that ended before its cap (the whole text).
    if (cached && (cached.max >= max || cached.text.length < cached.max)) return cached.text.slice(0, max);
    const text = this.readText(i, max, true);
    this.texts.read[i] = { text, max };
    return text;
  }
  /**
   * The subtree's text (as subtreeText reads it) when it is shorter than `limit` characters, else undefined. A long
   * subtree is read only up to about `limit` characters and not cached: a capped read is a prefix of the full one,
   * so it being `limit` long already says the full one is too.
   */
  shortSubtreeText(i: number, limit: number): string | undefined {
    if (!this.texts.read[i]) {
      // Its own text comes first in the read, and a flow read instead holds the same characters (limit ≤ 200 of the
      // first 400): that many letters or digits of its own make it long without reading on.
      const own = this.node(i).text;
      if (own && !isHiddenNode(this.node(i)) && limit <= 200 && nonSpaceCount(own, limit) >= limit) return undefined;
      if (this.readText(i, limit, true).length >= limit) return undefined;
    }
    const text = this.subtreeText(i);
    return text.length < limit ? text : undefined;
  }

  /**
   * The subtree's texts one after another (own text, then the children's), or with `inOrder`, each element that has
   * a rendered flow read as that flow — only when the flow holds the same characters (it reorders, never adds what
   * the snapshot hides, such as a shadow root's text that innerText leaves out). What it reads of a node is what
   * sameReadFields compares: a reading carried to the next snapshot must be the one it would make again.
   */
  private readText(i: number, max: number, inOrder: boolean): string {
    const parts: string[] = [];
    let length = 0;
    // An explicit stack, not recursion: a page nested 5,000 deep must not overflow the call stack.
    const stack = [i];
    while (stack.length && length <= max) {
      const k = stack.pop()!;
      const n = this.node(k);
      if (isHiddenNode(n)) continue;
      if (inOrder && n.flow && this.children[k].length && this.readsAsFlow(k, n.flow)) {
        parts.push(n.flow);
        length += n.flow.length + 1;
        continue;
      }
      if (n.text) {
        parts.push(n.text);
        length += n.text.length + 1;
      }
      if (n.control && !n.text && n.name && this.children[k].length === 0) parts.push(n.name);
      const kids = this.children[k];
      for (let c = kids.length - 1; c >= 0; c--) stack.push(kids[c]);
    }
    return squash(parts.join(' ')).slice(0, max);
  }

  private readsAsFlow(k: number, flow: string): boolean {
    const known = this.texts.flowReadable;
    if (!known[k]) known[k] = sameCharacters(flow, this.readText(k, 400, false)) ? 1 : 2;
    return known[k] === 1;
  }

  /** Every visible node with own text (listed once per frame: several rules walk them, a generator made garbage per node). */
  visibleTextNodes(): readonly SnapNode[] {
    return this.cached('visible-text-nodes', visibleTextNodes);
  }

  /** CSS selector path for a node: one string per tree, hops through shadow roots as separate strings. */
  selectorParts(i: number): string[] {
    const segments: string[] = [];
    let current: string[] = [];
    let k = i;
    while (k >= 0) {
      const n = this.node(k);
      if (n.attrs.id && !n.duplicateId && /^[A-Za-z_][\w-]*$/.test(n.attrs.id)) {
        current.unshift(`#${n.attrs.id}`);
        // An id is unique in its tree: jump to the top of this tree.
        while (k >= 0 && !this.node(k).inShadow) k = this.node(k).parent;
        if (k < 0) break;
      } else {
        const plain =
          k === 0 && n.tag === 'html' ? 'html' : n.tag === 'body' && !n.inShadow && this.node(n.parent)?.tag === 'html' ? 'body' : '';
        current.unshift(plain || `${cssTag(n.tag)}:nth-of-type(${n.nth})`);
      }
      if (this.node(k).inShadow) {
        segments.unshift(current.join(' > '));
        current = [];
      }
      k = this.node(k).parent;
    }
    if (current.length) segments.unshift(current.join(' > '));
    return segments;
  }

  /** The target of a node for reports: a string, or the array of shadow hops. */
  target(i: number): string | string[] {
    const parts = this.selectorParts(i);
    return parts.length === 1 ? parts[0] : parts;
  }

  /** A short human description: tag, id/class and text. */
  describe(i: number): string {
    const n = this.node(i);
    const id = n.attrs.id ? `#${n.attrs.id}` : '';
    const cls = n.attrs.class ? '.' + n.attrs.class.trim().split(/\s+/).slice(0, 2).join('.') : '';
    return `<${n.tag}${id}${cls}>`;
  }
}

/** SVG names the walk can pass through (the way down to a <foreignObject>) that selectors match only as written. */
const SVG_CASED: Record<string, string> = { foreignobject: 'foreignObject', clippath: 'clipPath' };

function cssTag(tag: string): string {
  return SVG_CASED[tag] ?? (/^[a-z][a-z0-9-]*$/.test(tag) ? tag : `*`);
}

/** How many characters of a text are not whitespace, counting up to `atMost`. */
function nonSpaceCount(text: string, atMost: number): number {
  let count = 0;
  for (let k = 0; k < text.length && count < atMost; k++) if (!/\s/.test(text[k])) count++;
  return count;
}

/** The same characters in any order, whitespace aside: one text is the other reordered. */
function sameCharacters(a: string, b: string): boolean {
  const bare = (t: string) => t.replace(/\s+/g, '');
  const x = bare(a);
  const y = bare(b);
  // The usual answers without sorting: the flow reads in DOM order, or one text has more characters.
  if (x === y) return true;
  if (x.length !== y.length) return false;
  // A surrogate pairs up with its neighbour into one character: only those texts are compared by code point.
  if (/[\ud800-\udfff]/.test(x + y)) {
    const chars = (t: string) => [...t].sort().join('');
    return chars(x) === chars(y);
  }
  // Equal lengths: the same units iff every unit of x is counted as often in y (a tally, not a sort: a reordered
  // flow is the usual case, one per inline-split element of the page).
  tally ??= new Int32Array(65536);
  for (let k = 0; k < x.length; k++) tally[x.charCodeAt(k)]++;
  for (let k = 0; k < y.length; k++) tally[y.charCodeAt(k)]--;
  let same = true;
  for (let k = 0; k < x.length && same; k++) same = tally[x.charCodeAt(k)] === 0;
  for (let k = 0; k < x.length; k++) tally[x.charCodeAt(k)] = 0;
  for (let k = 0; k < y.length; k++) tally[y.charCodeAt(k)] = 0;
  return same;
}
let tally: Int32Array | undefined;

export function isHiddenNode(n: SnapNode): boolean {
  return n.layout?.hidden === 'display' || n.layout?.hidden === 'content-visibility';
}

/** Rendered and not hidden by any means; may still be offscreen or covered. */
export function isRendered(n: SnapNode): boolean {
  const h = n.layout?.hidden;
  return !!n.layout && (h === undefined || h === 'offscreen');
}

/** Rendered and on screen (first viewport or brought into view). */
export function isVisible(n: SnapNode): boolean {
  return !!n.layout && n.layout.hidden === undefined;
}

export function boxDistance(a: Box, b: Box): number {
  const dx = Math.max(0, Math.max(a.x, b.x) - Math.min(a.x + a.w, b.x + b.w));
  const dy = Math.max(0, Math.max(a.y, b.y) - Math.min(a.y + a.h, b.y + b.h));
  return Math.hypot(dx, dy);
}

const modelCache = new WeakMap<PageSnapshot, FrameModel[]>();

/**
 * The subtree texts a frame's models read (FrameModel.subtreeText): per node the text with the cap it was read
 * under (a shorter read must not cut a later, longer one), and whether its rendered flow holds the same characters
 * as its subtree (0 not asked yet, 1 yes, 2 no; every read of an ancestor's text asks it again). Reading them is a
 * good part of an evaluation, and a live page changes a few nodes between two snapshots: the background builds new
 * models for every snapshot, which start from these readings (and the yes-or-no facts read from subtrees alone)
 * wherever the subtree is the same.
 */
interface SubtreeTexts {
  /** Per node (an array, not a Map: a patched frame copies the readings of 10,000s of nodes on every change). */
  read: ({ text: string; max: number } | undefined)[];
  flowReadable: Uint8Array;
  /** The answers of FrameModel.subtreeFact, per fact and node: 0 not asked yet, 1 no, 2 yes. */
  facts: Map<string, Uint8Array>;
}

/** The readings made for each frame snapshot, shared by every model of it (a page re-evaluated on a network event). */
const textsOfFrame = new WeakMap<FrameSnapshot, SubtreeTexts>();
/** The chain facts asked of each frame snapshot, shared by every model of it. */
const chainFactsOfFrame = new WeakMap<FrameSnapshot, ChainFacts>();

/** What a frame snapshot patched from another was built from: where its own readings start. */
interface PatchedFrom {
  nodes: SnapNode[];
  texts: SubtreeTexts;
  chain: Map<string, unknown[]>;
  shift?: { from: number; by: number };
  /** The nodes the patch sent (the rest are the base's, renumbered after the shift). */
  replaced: readonly number[];
}
/** A frame snapshot patched from another that a model read: where its own readings start (carriedTexts, ChainFacts). */
const patchedFrom = new WeakMap<FrameSnapshot, PatchedFrom>();

/**
 * `next` was built from `base` by a patch (src/shared/snapshot-patch.ts): the nodes at `replaced` are the patch's,
 * every other node is the base's node in the same place or, from `shift.from` on, the base's node j − `shift.by`
 * renumbered (its box possibly moved). Its models will start from the base's readings of the subtrees that stayed the
 * same. Only the last step is kept: a base nobody evaluated leaves nothing to carry.
 */
export function notePatchedFrame(
  next: FrameSnapshot,
  base: FrameSnapshot,
  replaced: readonly number[],
  shift?: { from: number; by: number },
): void {
  const texts = textsOfFrame.get(base);
  const chain = chainFactsOfFrame.get(base);
  if (texts && chain)
    patchedFrom.set(next, { nodes: base.nodes, texts, chain: chain.values, shift: shift && { from: shift.from, by: shift.by }, replaced });
}

/** A chain fact not asked of a node yet (undefined is an answer). */
const UNASKED: unique symbol = Symbol('unasked');

/** A patched snapshot's base, with the base node each of its nodes is (keptNodes). */
interface Carry {
  from: PatchedFrom;
  kept: Int32Array;
}

/** The base's index of node j of a patched snapshot: its place before the shift (out of range when it had none). */
const baseIndex = (shift: PatchedFrom['shift'], j: number) => (shift && j >= shift.from ? j - shift.by : j);

/**
 * Per node of `after`, the base node it is when the patch did not send it — the base's node in the same place or,
 * from `shift.from` on, renumbered: the same node in every field but i, parent and layout.box — or -1 (sent by the
 * patch, or past the base's end).
 */
function keptNodes(from: PatchedFrom, after: SnapNode[]): Int32Array {
  const { nodes: before, shift } = from;
  const kept = new Int32Array(after.length);
  for (let j = 0; j < after.length; j++) {
    const o = baseIndex(shift, j);
    kept[j] = o >= 0 && o < before.length ? o : -1;
  }
  for (const j of from.replaced) if (j >= 0 && j < after.length) kept[j] = -1;
  return kept;
}

/**
 * The answers of FrameModel.chainFacts for one frame snapshot, per fact and node. A snapshot patched from another
 * starts from the base's answers of every node that the patch left as it was under ancestors it left as they were
 * (the same nodes, read the same: only their places and boxes moved). Carried at once, so that nothing of the base
 * is kept.
 */
class ChainFacts {
  readonly values = new Map<string, unknown[]>();

  private readonly size: number;

  constructor(nodes: SnapNode[], carry?: Carry) {
    const size = (this.size = nodes.length);
    if (!carry?.from.chain.size) return;
    const oldOf = sameChains(carry, nodes);
    for (const [fact, before] of carry.from.chain) {
      const values = new Array<unknown>(size).fill(UNASKED);
      for (let j = 0; j < size; j++) if (oldOf[j] >= 0) values[j] = before[oldOf[j]];
      this.values.set(fact, values);
    }
  }

  /** The answers to `fact`, made at the frame's size on first use. */
  of(fact: string): unknown[] {
    let values = this.values.get(fact);
    if (!values) this.values.set(fact, (values = new Array<unknown>(this.size).fill(UNASKED)));
    return values;
  }
}

/**
 * Per node of `after`, the base node it is with every ancestor the base's same ancestor — kept (not sent by the
 * patch), under the image of its old parent — or -1. Parents come before their children in a snapshot (walk order);
 * a node whose parent does not is never carried.
 */
function sameChains({ from, kept }: Carry, after: SnapNode[]): Int32Array {
  const before = from.nodes;
  const oldOf = new Int32Array(after.length).fill(-1);
  for (let j = 0; j < after.length; j++) {
    const o = kept[j];
    if (o < 0) continue;
    const parent = after[j].parent;
    if (parent < 0 ? before[o].parent < 0 : parent < j && oldOf[parent] >= 0 && oldOf[parent] === before[o].parent) oldOf[j] = o;
  }
  return oldOf;
}

function chainFactsFor(frame: FrameSnapshot, carry: Carry | undefined): ChainFacts {
  let chain = chainFactsOfFrame.get(frame);
  if (!chain) chainFactsOfFrame.set(frame, (chain = new ChainFacts(frame.nodes, carry)));
  return chain;
}

/** Per node, the size of its subtree, itself included. */
function subtreeSizes(model: FrameModel): Int32Array {
  const nodes = model.nodes;
  const out = new Int32Array(nodes.length).fill(1);
  // The gather writes a parent before its children: summed from the last node back in one pass (no order to build,
  // often run before the engine has optimised anything).
  let k = nodes.length - 1;
  for (; k >= 0 && nodes[k].parent < k; k--) if (nodes[k].parent >= 0) out[nodes[k].parent] += out[k];
  if (k < 0) return out;
  out.fill(1);
  // A snapshot in another order (written by hand, or by an older gather): children after their parents (an explicit
  // stack: a page may nest 5,000 deep), then summed from the leaves up.
  const order: number[] = [];
  const stack = model.nodes.filter((n) => n.parent < 0).map((n) => n.i);
  while (stack.length) {
    const k = stack.pop()!;
    order.push(k);
    for (const c of model.children[k]) stack.push(c);
  }
  for (let q = order.length - 1; q >= 0; q--) {
    const parent = model.node(order[q]).parent;
    if (parent >= 0) out[parent] += out[order[q]];
  }
  return out;
}

const visibleTextNodes = (model: FrameModel) => model.nodes.filter((n) => n.text && isVisible(n));

function textsFor(frame: FrameSnapshot, carry: Carry | undefined): SubtreeTexts {
  let texts = textsOfFrame.get(frame);
  if (!texts) {
    texts = (carry && carriedTexts(carry, frame.nodes)) ?? {
      read: new Array(frame.nodes.length),
      flowReadable: new Uint8Array(frame.nodes.length),
      facts: new Map(),
    };
    textsOfFrame.set(frame, texts);
  }
  return texts;
}

/**
 * Every field of a node that FrameModel.readText and the subtree facts read (equal, they read the node the same):
 * its text, flow, control and name, whether it is rendered and how it is hidden, and its tag (another element in the
 * same place is not taken for the same one, even with the same text).
 */
function sameReadFields(a: SnapNode, b: SnapNode): boolean {
  return (
    a.tag === b.tag &&
    a.text === b.text &&
    a.flow === b.flow &&
    !!a.control === !!b.control &&
    a.name === b.name &&
    !a.layout === !b.layout &&
    a.layout?.hidden === b.layout?.hidden
  );
}

/**
 * The readings of `before` that hold for `after`: those of every node whose whole subtree is the same — the same
 * nodes as far as reading them goes (sameReadFields), under the same parents, in the same order, none added or
 * lost. A node changed, added, removed or moved makes its ancestors' readings (which hold its text) read again.
 * Undefined when nothing matches in order (then the model reads afresh).
 */
function carriedTexts({ from, kept }: Carry, after: SnapNode[]): SubtreeTexts | undefined {
  const { nodes: before, texts, shift } = from;
  // Old node → the new node that is the same node read the same (-1: changed, removed, or moved elsewhere): a node the
  // patch did not send is its base node; one it sent is compared with the node that was in its place.
  const imageOf = new Int32Array(before.length).fill(-1);
  for (let j = 0; j < after.length; j++) {
    if (kept[j] >= 0) {
      imageOf[kept[j]] = j;
      continue;
    }
    const o = baseIndex(shift, j);
    if (o >= 0 && o < before.length && sameReadFields(after[j], before[o])) imageOf[o] = j;
  }
  // Under the image of its old parent; the images in order (children are read in index order).
  let last = -1;
  for (let o = 0; o < before.length; o++) {
    const j = imageOf[o];
    if (j < 0) continue;
    if (j <= last) return undefined;
    last = j;
    const parent = before[o].parent;
    if (parent < 0 ? after[j].parent >= 0 : parent >= before.length || imageOf[parent] !== after[j].parent) imageOf[o] = -1;
  }
  // Changed: every new node that is no old node's image, and the image of every old node's parent that lost it.
  const changed = new Uint8Array(after.length).fill(1);
  for (let o = 0; o < before.length; o++) if (imageOf[o] >= 0) changed[imageOf[o]] = 0;
  for (let o = 0; o < before.length; o++) {
    const parent = before[o].parent;
    if (imageOf[o] < 0 && parent >= 0 && parent < before.length && imageOf[parent] >= 0) changed[imageOf[parent]] = 1;
  }
  // A change reads again every ancestor's text (a walk stops at one already marked, its own ancestors marked or to be).
  const stale = changed.slice();
  for (let j = 0; j < after.length; j++) {
    if (!changed[j]) continue;
    for (let k = after[j].parent, steps = 0; k >= 0 && k < after.length && !stale[k] && steps < after.length; k = after[k].parent, steps++)
      stale[k] = 1;
  }
  const carried: SubtreeTexts = { read: new Array(after.length), flowReadable: new Uint8Array(after.length), facts: new Map() };
  const facts = [...texts.facts].map(([fact, answers]) => {
    const kept = new Uint8Array(after.length);
    carried.facts.set(fact, kept);
    return { answers, kept };
  });
  for (let o = 0; o < before.length; o++) {
    const j = imageOf[o];
    if (j < 0 || stale[j]) continue;
    const reading = texts.read[o];
    if (reading) carried.read[j] = reading;
    carried.flowReadable[j] = texts.flowReadable[o];
    for (let f = 0; f < facts.length; f++) facts[f].kept[j] = facts[f].answers[o];
  }
  return carried;
}

/**
 * The model built last for each frame snapshot, and the list built last under a page's first frame. A model's facts
 * are read from its frame alone (the facts of a page of frames are kept per list), never from the page's time,
 * timeline or URL: the background judging the same frames again (a network event, time passing) finds every fact
 * already there, and a page of frames of which one changed rebuilds that frame's model alone.
 */
const modelOfFrame = new WeakMap<FrameSnapshot, FrameModel>();
const modelsOfFrames = new WeakMap<FrameSnapshot, FrameModel[]>();

/** One set of models per page snapshot, shared by all rules (and their caches); the same models for the same frames. */
export function modelsOf(page: PageSnapshot): FrameModel[] {
  let models = modelCache.get(page);
  if (!models) {
    const first = page.frames[0];
    const last = first && modelsOfFrames.get(first);
    if (last && last.length === page.frames.length && last.every((m, i) => m.frame === page.frames[i])) models = last;
    else {
      // A model knows its place among the page's frames (findings name it): kept only in the same place.
      models = page.frames.map((f, i) => {
        const kept = modelOfFrame.get(f);
        return kept?.index === i ? kept : new FrameModel(f, i);
      });
      for (const m of models) modelOfFrame.set(m.frame, m);
      if (first) modelsOfFrames.set(first, models);
    }
    modelCache.set(page, models);
  }
  return models;
}

/** Language hint of a node: nearest lang attribute, else the frame's. */
export function langOf(model: FrameModel, i: number): string {
  return model.inherited('lang', i, ownLang, model.frame.lang);
}
// Module-level deciders: an arrow written in the call would be a new function object on every call.
const ownLang = (n: SnapNode) => n.attrs.lang || undefined;
const ownLangCarrier = (n: SnapNode) => (n.attrs.lang && n.tag !== 'html' ? n : undefined);

/** The nearest of node i and its ancestors that carries a lang of its own (<html lang> is the page's, not one). */
export function langCarrier(model: FrameModel, i: number): SnapNode | undefined {
  return model.inherited('lang-carrier', i, ownLangCarrier, undefined);
}

/**
 * The target of a node within the whole page: the selector of the <iframe> that holds its frame (when the frame
 * was walked by the same gather, or matched by URL in the parent frame), then the node's own selector.
 */
export function pageTarget(models: FrameModel[], frameIndex: number, i: number): (string | string[])[] {
  const chain: (string | string[])[] = [models[frameIndex].target(i)];
  let current = frameIndex;
  for (let guard = 0; guard < 8; guard++) {
    const host = findFrameHost(models, current);
    if (!host) break;
    chain.unshift(models[host.frame].target(host.node));
    current = host.frame;
  }
  return chain;
}

function findFrameHost(models: FrameModel[], frameIndex: number): { frame: number; node: number } | undefined {
  const frame = models[frameIndex].frame;
  if (frame.isTop) return undefined;
  for (const m of models) {
    if (m.index === frameIndex) continue;
    for (const n of m.nodes) {
      if (n.frame === frameIndex) return { frame: m.index, node: n.i };
    }
  }
  // Frames reported by separate content scripts: match the iframe's src against the frame URL.
  const candidates: { frame: number; node: number }[] = [];
  for (const m of models) {
    if (m.index === frameIndex) continue;
    if (frame.parentFrameId !== undefined && m.frame.frameId !== undefined && m.frame.frameId !== frame.parentFrameId) continue;
    for (const n of m.nodes) {
      if ((n.tag === 'iframe' || n.tag === 'frame') && n.attrs.src && sameDocument(n.attrs.src, m.frame.url, frame.url)) {
        candidates.push({ frame: m.index, node: n.i });
      }
    }
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

const TEXT_FIELD_TYPES = new Set(['text', 'tel', 'number', 'email', 'password', 'search', '']);

/**
 * A field the user types into: a text-like input or a textarea that is neither read-only nor disabled (those only
 * show a value, as frameworks often do with a code), or an editable div (role=textbox) as chat widgets use.
 */
export function isEditableTextField(n: SnapNode): boolean {
  if (n.disabled || n.attrs.readonly !== undefined) return false;
  if (n.tag === 'textarea' || n.attrs.role === 'textbox') return true;
  return n.tag === 'input' && TEXT_FIELD_TYPES.has((n.attrs.type ?? 'text').toLowerCase());
}

/** A text-like input the user cannot edit (read-only or disabled): it shows its value the way a label shows text. */
export function showsFixedValue(n: SnapNode): boolean {
  if (n.tag !== 'input') return false;
  const type = (n.attrs.type ?? 'text').toLowerCase();
  return type !== 'password' && TEXT_FIELD_TYPES.has(type) && (n.attrs.readonly !== undefined || !!n.disabled);
}

const SCOPING_TAGS = new Set(['article', 'section', 'main', 'form', 'dialog']);

/**
 * Inside the site's navigation, banner, footer or a side region: account and site links, not the page's task.
 * As in HTML's landmark rules, a <header>/<footer> inside an article, section, main, form or dialog belongs to that
 * content (a modal's footer, a sticky action bar of a form), not to the site.
 */
export function inSiteChrome(model: FrameModel, i: number, holding: readonly number[] = [], sideRegions = true): boolean {
  const container = siteChromeOf(model, i);
  if (container && !sideRegions && (container.tag === 'aside' || container.attrs.role === 'complementary')) return false;
  // Evidence beats structure: a "sidebar" that holds the signing itself (its sign control, its code) is the panel.
  return !!container && !holding.some((h) => h === container.i || model.contains(container.i, h));
}

/** The nearest navigation, sidebar, banner or page footer around node i, if any. */
export function siteChromeOf(model: FrameModel, i: number): SnapNode | undefined {
  const up = [...model.ancestors(i)];
  for (let k = 0; k < up.length; k++) {
    const a = up[k];
    if (a.tag === 'nav' || a.tag === 'aside') return a;
    if (a.attrs.role === 'navigation' || a.attrs.role === 'banner' || a.attrs.role === 'contentinfo' || a.attrs.role === 'complementary')
      return a;
    if ((a.tag === 'header' || a.tag === 'footer') && !up.slice(k + 1).some((b) => SCOPING_TAGS.has(b.tag) || b.attrs.role === 'dialog'))
      return a;
  }
  return undefined;
}
