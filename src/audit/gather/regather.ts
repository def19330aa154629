/**
 * Re-reading a document after only text or in-place attributes changed (a countdown ticking, a status line
 * rewritten, a button disabled): the elements around the change are read again and every other node of the previous
 * snapshot is kept as it was, which costs a few elements instead of the whole walk. It is used only where that is
 * provably the same as a whole gather, and gives up (a refusal: gather the whole document) wherever it cannot tell:
 * - only text, or attributes that act on the element and its subtree, changed: no attribute that names, links or
 *   reaches others, no event that moves layout (the caller's part, local-changes.ts); elements added or removed are
 *   the other re-read's (reshape.ts), which this one hands them to;
 * - the page did not scroll, resize or navigate, and each re-read block keeps its box to the pixel, so nothing
 *   around it moved (a text that grew and pushed the page down is a whole gather);
 * - an element whose attributes changed lies in normal flow, it and everything around and inside it (nothing
 *   positioned out of flow or transformed: such an element may lie over others, whose readings it changes), and no
 *   node of its subtree moved, appeared or disappeared (a menu shown by a class is a whole gather); the siblings
 *   after it are read again (sibling selectors), and a page whose stylesheets select by content (:has()) is a whole
 *   gather;
 * - no re-read element lies in a shadow tree, under a shadow host (slotted text is drawn elsewhere), holds a frame,
 *   or is unreadable.
 * An inline element that now spans more than one line is a whole gather too (its bounding box hides where its last line
 * ends). The ancestors of each re-read block are read again (names and flowed text come from their content), and
 * so are fields and controls labelled by a changed text (aria-labelledby, <label for>) and the nodes found covered by
 * an element that changed (their evidence quotes it). The painted-text pass runs
 * again over the whole document; the secret scan (scripts, storage, cookies, URLs) is the previous one — neither
 * text nor these attributes change it, and the caller gathers the whole document again every few seconds.
 */
import type { FrameSnapshot, SnapNode } from '../types';
import { type LocalChanges, REGATHER_MAX_ELEMENTS, type RegatherResult, sameBox, subtreeEnd, viewChanged } from './reread';
import { reshapeSteps } from './reshape';
import { finishSteps, pacedSteps } from './steps';
import type { RegionOutcome, RegionSearch } from './visual-text';
import { attr, boxOf, clientRectCount, contains, isConnectedOf, parentElementOf, rectOf, rootOf, selectsByContent } from './dom';
import { fontsState, rigidPreparer } from './rigid';
import { describe, describedAs, type GatherMemo, type Item, SliceClock, type WalkReaders, type WalkState } from './gather';

/** The element whose box holds the text of `el`: itself, or (display: contents has no box) the nearest ancestor with one. */
function boxHolder(win: Window, el: Element): Element {
  let at = el;
  for (let up = parentElementOf(at); up && win.getComputedStyle(at).display === 'contents'; up = parentElementOf(at)) at = up;
  return at;
}

/**
 * The box of a re-read element still says where everything around it is: it is the same to the pixel, and an inline
 * element still lies on one line (the bounding box of an inline split over lines can keep its size while its last
 * line, and what follows on that line, moved).
 */
function keptItsPlace(win: Window, el: Element, before: SnapNode, after: SnapNode): boolean {
  const a = before.layout?.box;
  const b = after.layout?.box;
  if (!a || !b || !a.w || !a.h || !sameBox(a, b)) return false;
  return !win.getComputedStyle(el).display.startsWith('inline') || clientRectCount(el) === 1;
}

/** The node paints in the same box, and is hidden (or shown) for the same reason, as before. */
function samePlace(before: SnapNode, after: SnapNode): boolean {
  if (!before.layout || !after.layout) return !before.layout && !after.layout;
  return sameBox(before.layout.box, after.layout.box) && before.layout.hidden === after.layout.hidden;
}

/**
 * An element that may lie over other content: positioned out of flow (absolute, fixed, sticky) or transformed. A
 * change of its looks can cover or uncover nodes outside its subtree, which a re-read would not read again.
 */
function mayOverlap(win: Window, el: Element): boolean {
  const style = win.getComputedStyle(el);
  const position = style.position;
  return position === 'absolute' || position === 'fixed' || position === 'sticky' || (!!style.transform && style.transform !== 'none');
}

/** The re-reads, bound to the walk's readers (the content script hands them over when it loads this module). */
export interface Rereader {
  /**
   * Re-reads the document of `win` after `changes`, reusing `memo` from the previous gather: the elements whose
   * text or attributes changed, or the subtree whose elements were added or removed (reshape.ts). Returns the new
   * snapshot and memo, or why it refused.
   */
  regather(win: Window, memo: GatherMemo, changes: LocalChanges, now?: () => number): RegatherResult;
  /**
   * regather in slices of about `sliceMs` with the page's tasks between them, as the whole gather runs: a re-read of
   * a huge page (the painted-text pass goes over every node) never holds the page for one long task. What changes
   * between two slices is read as it is when its turn comes; the caller gathers the whole document next time.
   */
  regatherSliced(win: Window, memo: GatherMemo, changes: LocalChanges, sliceMs?: number): Promise<RegatherResult>;
  /**
   * Readies the memo of the whole gather about to run for moving regions rigidly in later re-reads (rigid.ts): call
   * it before the gather, and what it returns from the gather's `keep`.
   */
  preparing(win: Window): (memo: GatherMemo) => void;
}

// A page that breaks a re-read (a member made to throw) costs the re-read, not the audit: a whole gather follows.
export const rereader = (readers: WalkReaders): Rereader => ({
  regather(win, memo, changes, now) {
    try {
      return finishSteps(regatherSteps(readers, win, memo, changes, new SliceClock(Infinity), now));
    } catch {
      return { refused: 'unreadable' };
    }
  },
  async regatherSliced(win, memo, changes, sliceMs = 8) {
    const clock = new SliceClock(sliceMs);
    const steps = regatherSteps(readers, win, memo, changes, clock);
    try {
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
        const pausedAt = performance.now();
        await readers.yieldToPage();
        clock.resumed(pausedAt);
      }
    } catch {
      return { refused: 'unreadable' };
    }
  },
  preparing: rigidPreparer,
});

function* regatherSteps(
  readers: WalkReaders,
  win: Window,
  memo: GatherMemo,
  changes: LocalChanges,
  clock: SliceClock,
  now: () => number = () => Date.now(),
): Generator<void, RegatherResult> {
  if (changes.children.size) {
    if (changes.attributes.size) return { refused: 'restyled and reshaped' };
    return yield* reshapeSteps(readers, win, memo, changes, clock, now);
  }
  const inPlace = yield* inPlaceSteps(readers, win, memo, changes, clock, now);
  // A text that changed its box (a status line that now wraps) moved what follows: placed again by the other re-read.
  if ('refused' in inPlace && inPlace.refused === 'box changed' && !changes.attributes.size)
    return yield* reshapeSteps(readers, win, memo, changes, clock, now);
  return inPlace;
}

function* inPlaceSteps(
  readers: WalkReaders,
  win: Window,
  memo: GatherMemo,
  changes: LocalChanges,
  clock: SliceClock,
  now: () => number,
): Generator<void, RegatherResult> {
  const { visitElement, completeNames, readPaintedSteps } = readers;
  const started = performance.now();
  // When the reading began, as a whole gather says it.
  const gatheredAt = now();
  const due = () => clock.spent();
  const prev = memo.walk;
  const doc = win.document;
  const moved = viewChanged(win, memo);
  if (moved) return { refused: moved };

  if (!memo.indexOf) {
    memo.indexOf = new Map(prev.elements.map((el, i) => [el, i]));
    if (due()) yield;
  }
  const indexOf = memo.indexOf;
  const old = prev.nodes;
  /** The blocks to re-read, by node index. */
  const roots = new Set<number>();
  const changedList = [...new Set([...changes.text, ...changes.attributes])];
  for (const el of changedList) {
    if (!isConnectedOf(el)) return { refused: 'moved' };
    if (rootOf(el) !== doc) return { refused: 'shadow' };
    const i = indexOf.get(boxHolder(win, el));
    if (i === undefined) return { refused: 'not walked' };
    roots.add(i);
  }
  // A page that styles elements by what they hold (:has()) restyles ancestors' other descendants for a change
  // inside them: an attribute change there is a whole gather (asked once per walk; unknown counts as yes).
  if (changes.attributes.size && (memo.selectsByContent ??= selectsByContent(doc) ?? true)) return { refused: 'selects by content' };
  /** Nodes whose attributes changed: their subtrees must paint where and as visibly as before. */
  const restyled = new Set<number>();
  // Ancestors found in flow, so that elements changed side by side ask each of them once.
  const inFlow = new Set<Element>();
  for (const el of changes.attributes) {
    const i = indexOf.get(el);
    if (i === undefined) return { refused: 'not walked' };
    for (let a: Element | null = parentElementOf(el); a && !inFlow.has(a); a = parentElementOf(a)) {
      if (mayOverlap(win, a)) return { refused: 'may overlap' };
      inFlow.add(a);
    }
    restyled.add(i);
  }
  // Fields and controls named by a changed text: <label for> and aria-labelledby read it from elsewhere in the page.
  const changedEls = [...roots].map((i) => prev.elements[i]);
  const touches = (target: Element | null) => !!target && changedEls.some((c) => contains(c, target) || contains(target, c));
  const named = new Set<number>();
  // Who names whom cannot change between re-reads (a node added, or an id, for or aria-labelledby set, takes a whole
  // gather): listed once.
  if (!memo.naming) {
    memo.naming = [];
    for (const el of doc.querySelectorAll('[aria-labelledby]')) {
      const i = indexOf.get(el);
      if (i === undefined) continue;
      const ids = (attr(el, 'aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      for (const id of ids) {
        const source = doc.getElementById(id);
        if (source) memo.naming.push({ source, named: i });
      }
    }
    for (const source of doc.querySelectorAll('label[for]')) {
      const field = doc.getElementById(attr(source, 'for') ?? '');
      const i = field ? indexOf.get(field) : undefined;
      if (i !== undefined) memo.naming.push({ source, named: i });
    }
    if (due()) yield;
  }
  for (const { source, named: i } of memo.naming) if (!named.has(i) && touches(source)) named.add(i);

  if (due()) yield;
  // Attributes restyle what follows the element too (`[aria-expanded=true] + .menu`, `.invalid ~ .hint`): its later
  // siblings are read again, and held to the same rule as its subtree.
  /** Those siblings: read again, but (unlike a changed block) they may be empty or hidden, as long as they stay so. */
  const following = new Set<number>();
  for (const r of [...restyled]) {
    const parent = old[r].parent;
    if (parent < 0) continue;
    for (const k of memo.kids[parent])
      if (k > r) {
        restyled.add(k);
        if (!roots.has(k)) following.add(k);
      }
  }
  for (const k of following) roots.add(k);
  // Whole subtrees, outermost first; a root inside another's subtree is read with it.
  const ranges: [number, number][] = [];
  for (const i of [...roots].sort((a, b) => a - b)) {
    if (ranges.length && i < ranges[ranges.length - 1][1]) continue;
    ranges.push([i, subtreeEnd(old, i)]);
  }
  const inRange = (k: number) => ranges.some(([a, b]) => k >= a && k < b);
  /** Ancestors of the re-read blocks, and the labelled nodes, each read alone (its children are kept). */
  const alone = new Set<number>();
  let count = 0;
  for (const [a, b] of ranges) {
    count += b - a;
    for (let k = a; k < b; k++) if (old[k].tag === 'iframe' || old[k].tag === 'frame') return { refused: 'frame' };
    for (let p = old[a].parent; p >= 0; p = old[p].parent) {
      if (old[p].shadow) return { refused: 'shadow' };
      alone.add(p);
    }
  }
  for (const i of named) if (!inRange(i)) alone.add(i);
  // A covered node names what covers it with that element's text, which changed if it holds a changed text: an
  // ancestor of one. A description that such an element's tag, id and class start, but that is not its description
  // now, is read again (what covers it may be another element described alike: reading it again is safe).
  // One whose attributes changed (or an ancestor of it) may have started or stopped letting what lies beneath show
  // through with the same description: the nodes it may cover are read again whatever their description says.
  const holders = new Map<string, Element[]>();
  const restyledHeads = new Set<string>();
  for (const el of changedList)
    for (let a: Element | null = el; a; a = parentElementOf(a)) {
      const head = describedAs(a);
      if (changes.attributes.has(el)) restyledHeads.add(head);
      const same = holders.get(head);
      if (!same) holders.set(head, [a]);
      else if (!same.includes(a)) same.push(a);
    }
  const described = new Map<Element, string>();
  const describeOnce = (el: Element) => described.get(el) ?? described.set(el, describe(el)).get(el)!;
  // The covered nodes are listed once (at 100k nodes a scan of all costs a few ms) and kept up to date below.
  memo.covered ??= old.filter((n) => n.layout?.coveredBy).map((n) => n.i);
  for (const i of memo.covered) {
    const n = old[i];
    const by = n.layout?.coveredBy;
    if (!by || inRange(n.i)) continue;
    const quote = by.indexOf(' "');
    const head = quote < 0 ? by : by.slice(0, quote);
    const alike = holders.get(head);
    if (restyledHeads.has(head) || alike?.some((a) => describeOnce(a) !== by)) alone.add(n.i);
  }
  if (count + alone.size > REGATHER_MAX_ELEMENTS) return { refused: 'too many' };
  if (due()) yield;

  const nodes = old.slice();
  // Codes the page's API responses carried are the caller's to add, as after a whole gather.
  const { receivedCodes: _codes, ...kept } = prev.snapshot;
  const snapshot: FrameSnapshot = { ...kept, nodes };
  const w: WalkState = {
    ...prev,
    snapshot: { ...snapshot, unreachableFrames: undefined },
    nodes,
    elements: prev.elements.slice(),
    clipsOf: prev.clipsOf.slice(),
    ctxOf: prev.ctxOf.slice(),
    mirrored: new Set(prev.mirrored),
    raw: prev.raw.slice(),
    apart: new Set(prev.apart),
    idCounts: new Map(prev.idCounts),
    unread: 0,
    // Its few elements as styled now (the stylesheets may have changed since the whole gather).
    readsEveryProperty: true,
  };
  const itemOf = (k: number): Item => ({ el: prev.elements[k], ctx: prev.ctxOf[k], nth: old[k].nth, inShadow: old[k].inShadow });
  for (const [a, b] of ranges) {
    // The subtree in walk order again; the same elements in the same order land on the same indices.
    const stack: Item[] = [itemOf(a)];
    let at = a;
    while (stack.length) {
      if (due()) yield;
      const item = stack.pop()!;
      if (at >= b || prev.elements[at] !== item.el) return { refused: 'moved' };
      const next = visitElement(w, item, at++);
      if (!Array.isArray(next)) return { refused: 'frame' };
      for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]);
    }
    if (at !== b) return { refused: 'moved' };
    if (!following.has(a) && !keptItsPlace(win, prev.elements[a], old[a], nodes[a])) return { refused: 'box changed' };
  }
  // A subtree restyled in place: every node paints where it did, as visibly, and none of it is laid over others.
  for (const r of restyled)
    for (let k = r, end = subtreeEnd(old, r); k < end; k++) {
      if (due()) yield;
      if (mayOverlap(win, prev.elements[k])) return { refused: 'may overlap' };
      if (!samePlace(old[k], nodes[k])) return { refused: 'box changed' };
    }
  for (const k of alone) {
    if (due()) yield;
    visitElement(w, itemOf(k), k);
    if (!!old[k].layout !== !!nodes[k].layout || (old[k].layout && !sameBox(old[k].layout?.box, nodes[k].layout?.box)))
      return { refused: 'box changed' };
  }
  if (w.unread || w.nodes.length !== old.length) return { refused: 'unreadable' };

  // Names from content, then the painted readings. A kept node is never written into: it is the previous
  // snapshot's too. One whose reading came from the last pass is copied without it, and the pass writes into
  // copies (a reading it no longer finds, or finds anew, must not survive in or leak into the previous snapshot).
  const reread = new Set<number>(alone);
  for (const [a, b] of ranges) for (let k = a; k < b; k++) reread.add(k);
  // Kept nodes keep their names (a control named by a changed text is an ancestor of it, and read again).
  completeNames(nodes, memo.kids, reread);
  // The painted readings the walk itself recorded: the last walk's, and those of re-read nodes as read now.
  const walkVisual = new Set(memo.walkVisual);
  for (const k of reread) {
    if (nodes[k].visual) walkVisual.add(k);
    else walkVisual.delete(k);
  }
  if (due()) yield;
  const copied = new Set<number>(reread);
  const writable = (k: number) => {
    if (!copied.has(k)) {
      nodes[k] = { ...nodes[k] };
      copied.add(k);
    }
    return nodes[k];
  };
  for (const [i, outcome] of memo.regions)
    if (outcome.visual && old[i].visual && !memo.walkVisual.has(i) && !copied.has(i)) {
      const { visual: _previous, ...rest } = old[i];
      nodes[i] = rest;
      copied.add(i);
    }
  // Regions of nodes read again (or whose parent was: a row of letter boxes is judged from its parent) are read
  // again; every other region's outcome is replayed from the last pass.
  const regions = new Map<number, RegionOutcome>();
  const fresh = (k: number) => reread.has(k) || reread.has(nodes[k].parent);
  // The region search is redone only around re-read nodes, unless one became or stopped being a control.
  const sameControls = [...reread].every((k) => !old[k].control === !nodes[k].control);
  let search: RegionSearch | undefined;
  const keep = (found: RegionSearch) => {
    search = found;
  };
  yield* pacedSteps(
    readPaintedSteps(
      w,
      regions,
      writable,
      { outcomes: memo.regions, fresh },
      {
        kids: memo.kids,
        previous: sameControls ? memo.search : undefined,
        reread,
        keep,
      },
    ),
    due,
  );

  snapshot.gatheredAt = gatheredAt;
  snapshot.gatherMs = Math.round((performance.now() - started - clock.pausedMs) * 10) / 10;
  snapshot.reread = 'in place';
  delete snapshot.rigidlyMoved;
  const walk: WalkState = { ...w, snapshot };
  // The unrounded boxes still hold together if every box read again is where it was to the last bit (a text
  // rewritten at the same width moved nothing else).
  let rigidFonts = memo.rigidFonts;
  for (const k of reread) {
    const a = prev.raw[k];
    // A wrapper's box was read by the re-read module, not by the walk: read again here.
    if (a && !nodes[k].layout && !nodes[k].unread) w.raw[k] = boxOf(rectOf(w.elements[k]));
    const b = w.raw[k];
    if (a !== b && (!a || !b || a.x !== b.x || a.y !== b.y || a.w !== b.w || a.h !== b.h)) rigidFonts = undefined;
  }
  if (rigidFonts !== undefined && fontsState(win.document) !== rigidFonts) rigidFonts = undefined;
  const covered = new Set(memo.covered);
  for (const k of reread) {
    if (nodes[k].layout?.coveredBy) covered.add(k);
    else covered.delete(k);
  }
  return {
    snapshot,
    memo: {
      walk,
      url: memo.url,
      walkVisual,
      regions,
      search,
      kids: memo.kids,
      wholeAt: memo.wholeAt,
      indexOf,
      naming: memo.naming,
      covered: [...covered],
      selectsByContent: memo.selectsByContent,
      rigidFonts,
      flowsAround: memo.flowsAround,
    },
  };
}
