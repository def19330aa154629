/**
 * Re-reading a document after elements were added or removed (a control code appears in its slot, a spinner gives
 * way to a message, a row of a signer list goes): the subtree that holds every change is walked again, and every
 * other node of the previous snapshot keeps what it read from its style — only what depends on where its box lies is
 * asked again, because the content after the change may have moved. It is used only where that is provably the same
 * as a whole gather, and gives up (a refusal: gather the whole document) wherever it cannot tell:
 * - elements (and text) were added or removed, and texts changed, but no attribute (the caller's part,
 *   local-changes.ts, which also turns away added or removed styles, scripts and frames);
 * - the page did not scroll, resize or navigate, and the first walk was whole (not truncated);
 * - no stylesheet styles an element by what it holds or by its container's size (:has(), an :empty or :blank
 *   followed by a sibling combinator, container queries): then only the walked-again subtree can have restyled;
 * - the subtree holds no frame and lies under no shadow host (light children are drawn where a slot puts them); a
 *   shadow tree inside it is walked again with it, as a whole gather walks it.
 * Every other laid-out node has its box read again (one getBoundingClientRect each, against dozens of style reads; or,
 * inside a region whose box moved as one piece and lays its content out from that box alone, its last box moved with
 * the region's: rigid.ts): a
 * box that kept its size keeps every style-read fact, and its overflow clips (the clipping elements' boxes read
 * again), whether it is on screen and what covers it are asked again as a whole gather asks them; a box whose size
 * changed (a table column widened, the ancestors that grew) is read again whole, and so are the ancestors of the
 * subtree (their flowed text and names come from their content) and the fields named by a text in it. Ids are counted
 * again (an added id can make another a duplicate), names completed, and the painted-text pass runs again over the
 * whole document; the secret scan is the previous one, as after any re-read.
 */
import type { Box, NodeLayout, SnapNode } from '../types';
import { anyRule, boxOf, contains, HAS_SELECTOR, isConnectedOf, parentElementOf, rectOf, rootOf } from './dom';
import {
  countIds,
  type GatherMemo,
  type Item,
  judgedLooks,
  roundPx,
  type SliceClock,
  type WalkContext,
  type WalkReaders,
  type WalkState,
} from './gather';
import { type LocalChanges, REGATHER_MAX_ELEMENTS, type RegatherResult, sameBox, subtreeEnd, viewChanged } from './reread';
import { fontsState, movesRigidly, type RigidPlan, readWrapperBoxes, rigidPlan, rigidScope, WRAPPER_NODES } from './rigid';
import { pacedSteps } from './steps';
import { childLists, type RegionOutcome, type RegionSearch } from './visual-text';

/**
 * Rules that restyle elements away from an added or removed one: `:has()` (an ancestor or earlier element, by what
 * it holds), `:empty` or `:blank` followed by a sibling combinator (`.slot:empty + .hint`: the element after the
 * changed one), and container queries (an element sized by its container, which the change may have resized).
 */
const EMPTY = /:(?:empty|blank)\b/i;
/**
 * A sibling combinator somewhere after an :empty or :blank (the whole list at once: `:is(.slot:empty, .x) + .hint`
 * splits badly at its comma; a list that only seems to have one is read as having it, which only costs a re-read).
 */
const siblingAfterEmpty = (selectors: string) => {
  const at = selectors.search(EMPTY);
  return at >= 0 && /[+~]/.test(selectors.slice(at));
};
function stylesByContentOrSize(doc: Document): boolean | undefined {
  return anyRule(doc, (rule) => {
    const selectors = (rule as CSSStyleRule).selectorText ?? '';
    if (HAS_SELECTOR.test(selectors) || siblingAfterEmpty(selectors)) return true;
    if (typeof (rule as { containerQuery?: unknown }).containerQuery === 'string') return true;
    const container = (rule as CSSStyleRule).style?.getPropertyValue('container-type');
    return !!container && container !== 'normal';
  });
}

/** Which positional facts of a layout a move can change: where its box is, whether it is clipped, on screen, covered. */
const samePlacing = (a: NodeLayout, b: NodeLayout) =>
  sameBox(a.box, b.box) && a.hidden === b.hidden && a.inViewport === b.inViewport && a.coveredBy === b.coveredBy;

/** Hidden for a reason of style (display, visibility, opacity, size…): not where the box lies, which decides the rest. */
const hiddenByStyle = (layout: NodeLayout) => !!layout.hidden && layout.hidden !== 'clipped' && layout.hidden !== 'offscreen';

export function* reshapeSteps(
  { visitElement, placeBox, completeNames, readPaintedSteps }: WalkReaders,
  win: Window,
  memo: GatherMemo,
  changes: Pick<LocalChanges, 'children' | 'text'>,
  clock: SliceClock,
  now: () => number = () => Date.now(),
): Generator<void, RegatherResult> {
  const started = performance.now();
  const gatheredAt = now();
  const prev = memo.walk;
  const doc = win.document;
  const moved = viewChanged(win, memo);
  if (moved) return { refused: moved };
  if (prev.snapshot.truncated) return { refused: 'too many' };
  if ((memo.stylesByContentOrSize ??= stylesByContentOrSize(doc) ?? true)) return { refused: 'selects by content' };
  const fonts = fontsState(doc);

  // The one subtree to walk again: the nearest element that holds every change.
  let top: Element | null = null;
  for (const el of [...changes.children, ...changes.text]) {
    if (!isConnectedOf(el)) return { refused: 'moved' };
    top ??= el;
    while (top && !contains(top, el)) top = parentElementOf(top);
  }
  if (!top || rootOf(top) !== doc) return { refused: 'shadow' };
  // One scan of the walk's elements (a map of them would cost more than the scan, and be stale after this re-read).
  const p = memo.indexOf?.get(top) ?? prev.elements.indexOf(top);
  if (p < 0) return { refused: 'not walked' };
  const old = prev.nodes;
  const endOld = subtreeEnd(old, p);
  if (endOld - p > REGATHER_MAX_ELEMENTS) return { refused: 'too many' };
  for (let k = p; k < endOld; k++) {
    if (old[k].tag === 'iframe' || old[k].tag === 'frame') return { refused: 'frame' };
    if (old[k].unread) return { refused: 'unreadable' };
  }
  for (let a = old[p].parent; a >= 0; a = old[a].parent) if (old[a].shadow) return { refused: 'shadow' };
  if (clock.spent()) yield;

  // The overflow clips outside the subtree, read again from the elements that clip (an ancestor that grew clips a
  // taller box): the owner of a clip is the node whose children's context has it and whose own context does not.
  const kids = memo.kids;
  const clipNow = new Map<Box, Box>();
  /** The nodes that clip (or scroll) their content, by their index in the previous walk. */
  const owners = new Set<number>();
  for (let k = 0; k < old.length; k++) {
    if (k === p) k = endOld;
    if (k >= old.length) break;
    const first = kids[k][0];
    // An unreadable node passes its own context on: it clips nothing.
    if (first === undefined || old[k].unread) continue;
    const clips = prev.ctxOf[first].clips;
    const own = clips[clips.length - 1];
    if (!own || prev.clipsOf[k].includes(own)) continue;
    owners.add(k);
    const r = rectOf(prev.elements[k]);
    const box = boxOf(r);
    clipNow.set(own, sameBox(own, box) ? own : box);
    if (clock.due()) yield;
  }
  // Node indices after the subtree move by the difference in its size (known once it is walked again).
  let delta = 0;
  const renumber = (i: number) => (i >= endOld ? i + delta : i);
  const lists = new Map<Box[], Box[]>();
  const clipsNow = (list: Box[]): Box[] => {
    let out = lists.get(list);
    if (!out) {
      const read = list.map((b) => clipNow.get(b) ?? b);
      out = read.every((b, i) => b === list[i]) ? list : read;
      lists.set(list, out);
    }
    return out;
  };
  // A context is shared by siblings, whose parent lies before the subtree or after it — never both — so one mapping
  // per context holds whenever it is made.
  const contexts = new Map<WalkContext, WalkContext>();
  const contextNow = (ctx: WalkContext): WalkContext => {
    let out = contexts.get(ctx);
    if (!out) {
      const parent = renumber(ctx.parent);
      const clips = clipsNow(ctx.clips);
      const cbClips = clipsNow(ctx.cbClips);
      out = parent === ctx.parent && clips === ctx.clips && cbClips === ctx.cbClips ? ctx : { ...ctx, parent, clips, cbClips };
      contexts.set(ctx, out);
    }
    return out;
  };

  const nodes = old.slice(0, p);
  const idCounts = new Map(prev.idCounts);
  countIds(idCounts, doc);
  const mirrored = new Set<number>();
  for (const k of prev.mirrored) if (k < p) mirrored.add(k);
  const apart = new Set<number>();
  for (const k of prev.apart) if (k < p) apart.add(k);
  // Codes the page's API responses carried are the caller's to add, as after a whole gather.
  const { receivedCodes: _codes, ...kept } = prev.snapshot;
  const w: WalkState = {
    ...prev,
    snapshot: { ...kept, nodes, unreachableFrames: undefined },
    nodes,
    elements: prev.elements.slice(0, p),
    clipsOf: prev.clipsOf.slice(0, p).map(clipsNow),
    ctxOf: prev.ctxOf.slice(0, p).map(contextNow),
    mirrored,
    raw: prev.raw.slice(0, p),
    apart,
    idCounts,
    unread: 0,
    // Its few elements as styled now (the stylesheets may have changed since the whole gather).
    readsEveryProperty: true,
  };
  // The subtree in walk order, as a whole gather walks it.
  const stack: Item[] = [{ el: top, ctx: contextNow(prev.ctxOf[p]), nth: old[p].nth, inShadow: old[p].inShadow }];
  let at = p;
  while (stack.length) {
    if (clock.due()) yield;
    if (at - p >= REGATHER_MAX_ELEMENTS) return { refused: 'too many' };
    const next = visitElement(w, stack.pop()!, at);
    const node = nodes[at++];
    if (!Array.isArray(next) || node.tag === 'iframe' || node.tag === 'frame') return { refused: 'frame' };
    for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]);
  }
  if (w.unread) return { refused: 'unreadable' };
  delta = at - endOld;
  // The nodes after it: the same elements, renumbered (copies: the previous snapshot keeps its own).
  for (let k = endOld; k < old.length; k++) {
    if (clock.due()) yield;
    const j = k + delta;
    const n = old[k];
    // Object.assign, not a spread: over nodes of many shapes a spread takes the slow path (see shiftNode).
    const copy: SnapNode = Object.assign({}, n);
    copy.i = j;
    copy.parent = renumber(n.parent);
    nodes[j] = copy;
    w.elements[j] = prev.elements[k];
    w.clipsOf[j] = clipsNow(prev.clipsOf[k]);
    w.ctxOf[j] = contextNow(prev.ctxOf[k]);
    if (prev.mirrored.has(k)) mirrored.add(j);
    if (prev.apart.has(k)) apart.add(j);
    w.raw[j] = prev.raw[k];
  }
  const { elements } = w;
  const walkedEnd = at;
  const walked = (j: number) => j >= p && j < walkedEnd;
  /** Nodes before the subtree are the previous snapshot's objects until something of theirs changes. */
  const copied = new Set<number>();
  const writable = (j: number): SnapNode => {
    if (j < p && !copied.has(j)) {
      nodes[j] = { ...nodes[j] };
      copied.add(j);
    }
    return nodes[j];
  };

  // Read again whole: the ancestors (their flowed text and names come from what they hold), the fields named from
  // elsewhere, and every node whose box changed its size.
  const alone = new Set<number>();
  /** Kept nodes, placed again, that are hidden otherwise now (see Reshaped in visual-text.ts). */
  const shownOtherwise = new Set<number>();
  for (let a = old[p].parent; a >= 0; a = old[a].parent) alone.add(a);
  // A field named from elsewhere (aria-labelledby, <label for>) may have gained, lost or changed its label in the
  // subtree — a label removed can no longer be found from the field — so each is read again (a few per page; the
  // inputs with an id, which a <label for> may name, are picked up in the pass over the nodes below).
  for (const el of doc.querySelectorAll('[aria-labelledby]')) {
    const i = elements.indexOf(el);
    if (i >= 0 && !walked(i)) alone.add(i);
  }
  const docIds = idCounts.get(doc);
  const { raw } = w;
  // Regions moved rigidly (rigid.ts): nodes before `shiftEnd` take their last unrounded box plus `dy`, unread.
  const rigid = rigidScope(win, memo, fonts);
  const owns = (j: number) => owners.has(j < p ? j : j - delta);
  let plan: RigidPlan | undefined;
  let shiftEnd = -1;
  let dy = 0;
  let rigidlyMoved = 0;
  for (let j = 0; j < nodes.length; j++) {
    if (j === p) j = walkedEnd;
    if (j >= nodes.length) break;
    if (clock.due()) yield;
    const n = nodes[j];
    // An id added or removed in the subtree may make another element's id a duplicate, or no longer one.
    const id = n.attrs.id;
    if (id && !!n.duplicateId !== (docIds?.get(id) !== 1) && rootOf(elements[j]) === doc) {
      const copy = writable(j);
      if (copy.duplicateId) delete copy.duplicateId;
      else copy.duplicateId = true;
    }
    if (n.tag === 'input' && id) alone.add(j);
    const layout = n.layout;
    const was = raw[j];
    if ((!layout && !was) || alone.has(j)) continue;
    let r: Box;
    if (j < shiftEnd) {
      r = { x: was!.x, y: was!.y + dy, w: was!.w, h: was!.h };
      rigidlyMoved++;
    } else {
      r = boxOf(rectOf(elements[j]));
      // Moved up or down as one piece (the same x, width and height), and nothing inside can have moved apart.
      if (rigid && was && r.x === was.x && r.w === was.w && r.h === was.h) {
        plan ??= rigidPlan(w, owns);
        const end = j + plan.size[j];
        if (end - j > 1 && (j >= walkedEnd || end <= p) && movesRigidly(w, rigid, plan, j, r.y - was.y)) {
          shiftEnd = end;
          dy = r.y - was.y;
        }
      }
    }
    raw[j] = r;
    if (!layout) continue;
    const box: Box = { x: roundPx(r.x), y: roundPx(r.y), w: roundPx(r.w), h: roundPx(r.h) };
    if (box.w !== layout.box.w || box.h !== layout.box.h) {
      alone.add(j);
      continue;
    }
    if (hiddenByStyle(layout)) {
      if (!sameBox(box, layout.box)) writable(j).layout = { ...layout, box };
      continue;
    }
    const { hidden: _hidden, coveredBy: _coveredBy, ...style } = layout;
    const placed: NodeLayout = { ...style, box, inViewport: false };
    placeBox(placed, elements[j], !!n.fixed, w.clipsOf[j], w, judgedLooks(n));
    if (!samePlacing(placed, layout)) {
      writable(j).layout = placed;
      // Moved on or off the screen, or into or out of a box that clips it: its kind of region is asked again.
      if (placed.hidden !== layout.hidden) shownOtherwise.add(j);
    }
  }
  if (alone.size > REGATHER_MAX_ELEMENTS) return { refused: 'too many' };
  for (const j of alone) {
    if (clock.due()) yield;
    visitElement(w, { el: elements[j], ctx: w.ctxOf[j], nth: nodes[j].nth, inShadow: nodes[j].inShadow }, j);
    copied.add(j);
  }
  if (w.unread || nodes.length !== old.length + delta) return { refused: 'unreadable' };
  // The wrappers' boxes for the next re-read: those walked again and the ancestors read again, or every one where
  // the last boxes were not read together.
  if (memo.rigidFonts === undefined) readWrapperBoxes(w, 0, nodes.length);
  else {
    readWrapperBoxes(w, p, walkedEnd);
    for (const a of alone) {
      if (nodes[a].layout) continue;
      plan ??= rigidPlan(w, owns);
      if (plan.size[a] >= WRAPPER_NODES) raw[a] = boxOf(rectOf(elements[a]));
    }
  }
  const rigidFonts = fonts !== undefined && fontsState(doc) === fonts ? fonts : undefined;

  const newKids = childLists(nodes);
  const reread = new Set<number>(alone);
  for (let j = p; j < walkedEnd; j++) reread.add(j);
  completeNames(nodes, newKids, reread);
  // The painted readings the walk itself recorded; the painted-text pass reads every other one again, so a reading
  // of its last run is taken off (from a copy) first.
  const walkVisual = new Set<number>();
  for (const k of memo.walkVisual) if (k < p || k >= endOld) walkVisual.add(renumber(k));
  for (const j of reread) {
    if (nodes[j].visual) walkVisual.add(j);
    else walkVisual.delete(j);
  }
  for (let j = 0; j < nodes.length; j++)
    if (nodes[j].visual && !walkVisual.has(j)) {
      const { visual: _last, ...rest } = nodes[j];
      nodes[j] = rest;
      if (j < p) copied.add(j);
    }
  if (clock.spent()) yield;
  // The last pass's region readings, renumbered, for the regions outside what was read again: replayed where the
  // region reads as it did (see keptReading), read again everywhere else.
  const outcomes = new Map<number, RegionOutcome>();
  for (const [o, outcome] of memo.regions) if (o < p || o >= endOld) outcomes.set(renumber(o), outcome);
  const oldIndex = (j: number) => (j < p ? j : j - delta);
  // The region search moves the last one's facts and classifies again only around what changed (see
  // searchReshaped), unless a node read again became or stopped being a control (a name a few levels below one is
  // judged as one): then all of it is searched again. Nodes read again alone are classified again in any case.
  let sameControls = true;
  for (const j of alone) if (!nodes[j].control !== !old[oldIndex(j)].control) sameControls = false;
  const previous = sameControls ? memo.search : undefined;
  const fresh = (j: number) =>
    reread.has(j) || reread.has(nodes[j].parent) || !keptReading(old, nodes, prev.clipsOf, w.clipsOf, j, oldIndex, outcomes.get(j));
  const regions = new Map<number, RegionOutcome>();
  let search: RegionSearch | undefined;
  const keep = (found: RegionSearch) => {
    search = found;
  };
  const reshaped = { at: p, oldEnd: endOld, newEnd: walkedEnd, shownOtherwise };
  yield* pacedSteps(readPaintedSteps(w, regions, writable, { outcomes, fresh }, { kids: newKids, previous, reread, reshaped, keep }), () =>
    clock.spent(),
  );

  const snapshot = w.snapshot;
  if (prev.snapshot.unreachableFrames) snapshot.unreachableFrames = prev.snapshot.unreachableFrames.map(renumber);
  else delete snapshot.unreachableFrames;
  snapshot.elementCount = Math.max(nodes.length, doc.getElementsByTagName('*').length);
  snapshot.gatheredAt = gatheredAt;
  snapshot.gatherMs = Math.round((performance.now() - started - clock.pausedMs) * 10) / 10;
  snapshot.reread = 'reshaped';
  snapshot.rigidlyMoved = rigidlyMoved;
  const covered: number[] = [];
  for (const n of nodes) if (n.layout?.coveredBy) covered.push(n.i);
  return {
    snapshot,
    memo: {
      walk: w,
      url: memo.url,
      walkVisual,
      regions,
      search,
      kids: newKids,
      wholeAt: memo.wholeAt,
      covered,
      selectsByContent: memo.selectsByContent,
      stylesByContentOrSize: memo.stylesByContentOrSize,
      rigidFonts,
      flowsAround: memo.flowsAround,
    },
  };
}

/**
 * Whether the region of node j (old node `oldIndex(j)`), outside the re-read nodes, paints what its last reading read.
 * Its styles are those it was read with (reshape re-reads every node whose styles may have changed); what it paints
 * is its glyphs' places relative to one another and to the boxes that clip it. Where it did not move, and neither did
 * its clips nor any ancestor (a pseudo-element placed from a containing block moves with it), that is the same. Where
 * it moved down or up with the content above it, only a region whose last pass found nothing to read keeps its
 * outcome (that check reads styles, pseudo-element content and the box against its clips), and only when it moved as
 * one piece with its clips and its whole subtree.
 */
function keptReading(
  old: SnapNode[],
  nodes: SnapNode[],
  oldClips: Box[][],
  clips: Box[][],
  j: number,
  oldIndex: (j: number) => number,
  outcome: RegionOutcome | undefined,
): boolean {
  if (!outcome) return false;
  const o = oldIndex(j);
  const before = old[o].layout?.box;
  const after = nodes[j].layout?.box;
  if (!before || !after || before.w !== after.w || before.h !== after.h) return false;
  const dx = after.x - before.x;
  const dy = after.y - before.y;
  if ((dx || dy) && outcome.read) return false;
  // Rounded boxes: the same move may differ by a floating-point error, never by more.
  const same = (d: number, by: number) => Math.abs(d - by) < 0.001;
  const movedBy = (a: Box | undefined, b: Box | undefined) =>
    !!a && !!b && a.w === b.w && a.h === b.h && same(b.x - a.x, dx) && same(b.y - a.y, dy);
  const was = oldClips[o];
  const now = clips[j];
  if (was.length !== now.length) return false;
  for (let k = 0; k < now.length; k++) if (!movedBy(was[k], now[k])) return false;
  for (let k = j + 1, end = subtreeEnd(nodes, j); k < end; k++) {
    const a = old[oldIndex(k)].layout?.box;
    const b = nodes[k].layout?.box;
    if ((a || b) && !movedBy(a, b)) return false;
  }
  if (outcome.read)
    for (let a = nodes[j].parent; a >= 0; a = nodes[a].parent) {
      const x = old[oldIndex(a)].layout?.box;
      const y = nodes[a].layout?.box;
      if (!x !== !y || (x && y && (x.x !== y.x || x.y !== y.y))) return false;
    }
  return true;
}
