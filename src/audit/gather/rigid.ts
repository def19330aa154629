/**
 * Rigid moves (issue 12): after elements were added or removed, most of a page only moves up or down with the
 * content above it. Where a box (`R`, outside what changed) lies at the same x with the same width and height, moved
 * by dy, and nothing inside it can move apart from it, every box inside moved by the same dy — so the re-read
 * (reshape.ts) gives them their last unrounded box plus dy instead of asking each one (a getBoundingClientRect per
 * laid-out node was half of an insertion's re-read). It is exact only where the browser lays R's content out from
 * R's width and height alone; that is required of R, and asked of the page, here:
 * - nothing inside R is placed apart from the flow (absolute, fixed, sticky: their containing block may be outside
 *   R; a transform, a scale, a rotation or a zoom: painted boxes would not move by exactly dy), nor is R under such
 *   a transform or zoom; nothing inside R scrolls or clips (a scroll offset changes without a DOM change); no shadow
 *   tree inside R (its own stylesheets are not looked through); R is one box, not split over lines or columns;
 * - no float on the page (a float outside R re-wraps R's lines when R moves past it), no counter or marker drawn
 *   inside the text (a list item added renumbers those after it) and no image drawn by style in the content (a
 *   pseudo-element's `content: url(…)`, a `list-style-image`: it sizes its box when it loads, and no element is
 *   there to ask): neither declared by a stylesheet nor by a style attribute or an `align`;
 * - no animation or transition runs inside R, the fonts loaded are the same as when the last boxes were read, and
 *   every image, video, embedded object and form field inside R (whose size can change with no DOM change: a picture
 *   loaded, a field sized by what is typed) is where the move puts it — those are asked, not assumed;
 * - boxes within 100,000 px of the top (getBoundingClientRect's values are exact floats there, so last box + dy is
 *   the very number the browser would give).
 * Everything else is read as before, box by box.
 */
import type { Box } from '../types';
import { animationsOf, anyRule, boxOf, clientRectCount, contains, rectOf } from './dom';
import type { GatherMemo, WalkState } from './gather';

/** A node with no box of its own in the snapshot is worth a box read when it holds this many nodes. */
export const WRAPPER_NODES = 16;
/** Within this distance of the frame's top, unrounded boxes plus a move are exact (see above). */
const EXACT_PX = 100_000;
/** Elements whose size can change with no DOM change: asked again inside a region moved rigidly. */
const ASKED = new Set(['img', 'video', 'object', 'embed', 'input', 'textarea', 'select']);

/** The fonts' load state ('' where fonts cannot be asked); undefined while a font is loading. */
export function fontsState(doc: Document): string | undefined {
  try {
    const fonts = doc.fonts;
    if (!fonts) return '';
    if (fonts.status !== 'loaded') return undefined;
    let loaded = 0;
    fonts.forEach((face) => {
      if (face.status === 'loaded') loaded++;
    });
    return String(loaded);
  } catch {
    return undefined;
  }
}

/**
 * Reads the unrounded boxes of the nodes in [from, to) that have none of their own in the snapshot (no layout) but
 * hold at least WRAPPER_NODES nodes: the regions a later re-read can move whole. Laid-out nodes have theirs from the
 * walk.
 */
export function readWrapperBoxes(w: WalkState, from: number, to: number): void {
  const { nodes, elements, raw } = w;
  const size = new Uint32Array(to - from);
  for (let i = to - 1; i >= from; i--) {
    const n = nodes[i];
    size[i - from]++;
    if (n.parent >= from) size[n.parent - from] += size[i - from];
    if (!n.layout && !n.unread && size[i - from] >= WRAPPER_NODES) raw[i] = boxOf(rectOf(elements[i]));
  }
}

/**
 * Called before a whole gather; what it returns is called with the memo the gather kept, in the gather's last slice
 * (before the page can change): the wrappers' boxes are read, and the fonts' state noted with them — if no font
 * loaded while the gather ran (its slices read boxes at different moments). From then on a re-read can move
 * regions rigidly.
 */
export function rigidPreparer(win: Window): (memo: GatherMemo) => void {
  const fonts = fontsState(win.document);
  return (memo) => {
    if (fonts === undefined || fontsState(win.document) !== fonts) return;
    try {
      readWrapperBoxes(memo.walk, 0, memo.walk.nodes.length);
      memo.rigidFonts = fonts;
    } catch {
      /* a page that breaks a box read: no rigid moves, every box is read */
    }
  };
}

/**
 * Style that lays a box's content out from outside it, on an element of the page: floats, counters and markers
 * inside the text, images drawn as content by style (they load with no DOM change). A stylesheet's rule counts only
 * where its selector matches (frameworks declare float utilities that few pages use); one whose selector cannot be
 * asked (nested, unknown to this browser) counts.
 */
function flowsAround(doc: Document): boolean {
  const attributes =
    '[align]:is(img, table, iframe, object, embed, input), [style*="float" i], [style*="counter" i], [style*="inside" i], [style*="list-item" i], :is([style*="url(" i], [style*="image-set" i]):is([style*="content" i], [style*="list-style" i])';
  if (doc.querySelector(attributes)) return true;
  const set = (v: string) => !!v && v !== 'none';
  const found = anyRule(doc, (rule) => {
    const style = (rule as CSSStyleRule).style;
    if (!style?.length) return false;
    const value = (p: string) => style.getPropertyValue(p);
    const declares =
      set(value('float')) ||
      set(value('counter-increment')) ||
      set(value('counter-reset')) ||
      set(value('counter-set')) ||
      /counters?\(|url\(|image-set\(/i.test(value('content')) ||
      set(value('list-style-image')) ||
      value('list-style-position') === 'inside' ||
      // A list item made of another element may count, and its marker may stand inside.
      /list-item/i.test(value('display'));
    return declares && matchesAny(doc, (rule as CSSStyleRule).selectorText);
  });
  // A stylesheet that cannot be read may declare any of them.
  return found !== false;
}

/**
 * Whether a rule's selector matches an element of the document (or of a pseudo-element's one); true when it cannot be
 * asked.
 */
function matchesAny(doc: Document, selector: string | undefined): boolean {
  if (!selector) return true;
  try {
    return !!doc.querySelector(selector.replace(/::?(?:before|after|marker|first-letter|first-line)\b/gi, ''));
  } catch {
    return true;
  }
}

/** What a re-read asks once, before it moves any region rigidly: the elements an animation or a transition moves. */
export interface RigidScope {
  animated: Element[];
}

/**
 * Whether this re-read may move regions rigidly at all: the memo was prepared (its boxes read together) with the
 * fonts loaded now (`fonts`, fontsState at the re-read's start), and nothing on the page lays content out from
 * outside its box (asked once per whole gather's memo).
 */
export function rigidScope(win: Window, memo: GatherMemo, fonts: string | undefined): RigidScope | undefined {
  if (fonts === undefined || fonts !== memo.rigidFonts) return undefined;
  if ((memo.flowsAround ??= flowsAround(win.document))) return undefined;
  const animated: Element[] = [];
  for (const a of animationsOf(win.document, true)) {
    const target = (a.effect as KeyframeEffect | null)?.target;
    if (target) animated.push(target);
  }
  return { animated };
}

/** A box of nothing (display: none, or contents: its children are laid out in its parent) says nothing of them. */
const none = (b: Box) => !b.x && !b.y && !b.w && !b.h;

/** Whether node k, at a region's top or inside it, keeps the region from moving as one piece (see above). */
function stops(w: WalkState, k: number, owns: (i: number) => boolean): boolean {
  const n = w.nodes[k];
  const ctx = w.ctxOf[k];
  const was = w.raw[k];
  return (
    !!ctx.scaled ||
    !!ctx.turned ||
    owns(k) ||
    !!n.unread ||
    !!n.shadow ||
    !!n.inShadow ||
    // Content the browser skips (content-visibility) may be laid out anew as it comes into view.
    n.layout?.hidden === 'content-visibility' ||
    (!!n.layout && !was) ||
    (!!was && none(was))
  );
}

/**
 * What a re-read knows of every node's subtree before it moves any region, from one pass over the walk (asking it of
 * a region then costs nothing, however deep a hazard lies and however many regions hold it).
 */
export interface RigidPlan {
  /** Nodes in the subtree, the node included. */
  size: Uint32Array;
  /**
   * Not 0 where the node itself, or a node inside it (placed apart from its flow, too), keeps it from moving as one
   * piece.
   */
  blocked: Uint8Array;
  /** The lowest and highest top of a last box in the subtree. */
  top: Float64Array;
  bottom: Float64Array;
}

/**
 * Reads the walk's nodes once, last to first (a node's parent comes before it), into a RigidPlan. `owns` tells the
 * nodes that clip or scroll their content.
 */
export function rigidPlan(w: WalkState, owns: (i: number) => boolean): RigidPlan {
  const { nodes, raw, apart } = w;
  const count = nodes.length;
  const size = new Uint32Array(count);
  const blocked = new Uint8Array(count);
  const top = new Float64Array(count).fill(Number.POSITIVE_INFINITY);
  const bottom = new Float64Array(count).fill(Number.NEGATIVE_INFINITY);
  for (let k = count - 1; k >= 0; k--) {
    size[k]++;
    const y = raw[k]?.y;
    if (y !== undefined) {
      if (y < top[k]) top[k] = y;
      if (y > bottom[k]) bottom[k] = y;
    }
    if (stops(w, k, owns)) blocked[k] = 1;
    const parent = nodes[k].parent;
    if (parent < 0) continue;
    size[parent] += size[k];
    if (blocked[k] || apart.has(k)) blocked[parent] = 1;
    if (top[k] < top[parent]) top[parent] = top[k];
    if (bottom[k] > bottom[parent]) bottom[parent] = bottom[k];
  }
  return { size, blocked, top, bottom };
}

/**
 * Whether node `at`'s subtree moved rigidly by `dy` (its own box read again: the same x, width and height as its
 * last one, `dy` lower), with `plan` made for this re-read. The elements asked again
 * (ASKED) are asked here: one not where the move puts it, and the region is read box by box.
 */
export function movesRigidly(w: WalkState, scope: RigidScope, plan: RigidPlan, at: number, dy: number): boolean {
  const { nodes, elements, raw } = w;
  if (plan.blocked[at]) return false;
  const { top, bottom } = plan;
  if (Math.max(bottom[at], bottom[at] + dy) >= EXACT_PX || Math.min(top[at], top[at] + dy) <= -EXACT_PX) return false;
  const el = elements[at];
  for (const target of scope.animated) if (contains(el, target)) return false;
  if (clientRectCount(el) !== 1) return false;
  // Laid out from outside its box: a table's row or cell (the columns are the table's, the baseline the row's), a
  // subgrid (the tracks are its parent's).
  const style = w.win.getComputedStyle(el);
  if (style.display.startsWith('table-') || /subgrid/.test(`${style.gridTemplateRows} ${style.gridTemplateColumns}`)) return false;
  for (let k = at + 1, end = at + plan.size[at]; k < end; k++) {
    const was = raw[k];
    if (!was || !ASKED.has(nodes[k].tag)) continue;
    const r = rectOf(elements[k]);
    if (r.left !== was.x || r.width !== was.w || r.height !== was.h || r.top !== was.y + dy) return false;
  }
  return true;
}
