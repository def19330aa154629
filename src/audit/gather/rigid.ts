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
import type { Box, SnapNode } from '../types';
import { animationsOf, anyRule, clientRectCount, contains, rectOf } from './dom';
import type { GatherMemo, WalkState } from './gather';

/** A node with no box of its own in the snapshot is worth a box read when it holds this many nodes. */
export const WRAPPER_NODES = 16;
/** Within this distance of the frame's top, unrounded boxes plus a move are exact (see above). */
const EXACT_PX = 100_000;
/** Elements whose size can change with no DOM change: asked again inside a region moved rigidly. */
const ASKED = new Set(['img', 'video', 'object', 'embed', 'input', 'textarea', 'select']);

export const rawBox = (r: DOMRect): Box => ({ x: r.left, y: r.top, w: r.width, h: r.height });

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
 * hold at least WRAPPER_NODES nodes: the regions a later re-read can move whole. Laid-out nodes have theirs from the walk.
 */
export function readWrapperBoxes(w: WalkState, from: number, to: number): void {
  const { nodes, elements, raw } = w;
  const size = new Uint32Array(to - from);
  for (let i = to - 1; i >= from; i--) {
    const n = nodes[i];
    size[i - from]++;
    if (n.parent >= from) size[n.parent - from] += size[i - from];
    if (!n.layout && !n.unread && size[i - from] >= WRAPPER_NODES) raw[i] = rawBox(rectOf(elements[i]));
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
 * inside the text, images drawn as content by style (they load with no DOM change). A stylesheet's rule counts only where its selector matches (frameworks declare float utilities
 * that few pages use); one whose selector cannot be asked (nested, unknown to this browser) counts.
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

/** Whether a rule's selector matches an element of the document (or of a pseudo-element's one); true when it cannot be asked. */
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

/**
 * Whether node `at`'s subtree [at, end) moved rigidly by `dy` (its own box read again: the same x, width and height
 * as its last one, `dy` lower). `owns` tells the nodes that clip or scroll their content. The elements asked again
 * (ASKED) are asked here: one not where the move puts it, and the region is read box by box.
 */
export function movesRigidly(w: WalkState, scope: RigidScope, at: number, end: number, dy: number, owns: (i: number) => boolean): boolean {
  const { nodes, elements, raw, ctxOf, apart } = w;
  const el = elements[at];
  const inRange = (b: Box) => Math.abs(b.y) < EXACT_PX && Math.abs(b.y + dy) < EXACT_PX;
  // A box of nothing (display: none, or contents: its children are laid out in its parent) says nothing of them.
  const none = (b: Box) => !b.x && !b.y && !b.w && !b.h;
  if (none(raw[at]!)) return false;
  for (let k = at; k < end; k++) {
    const n: SnapNode = nodes[k];
    const ctx = ctxOf[k];
    if (ctx.scaled || ctx.turned || owns(k) || n.unread || n.shadow || n.inShadow) return false;
    // Content the browser skips (content-visibility) may be laid out anew as it comes into view.
    if (n.layout?.hidden === 'content-visibility') return false;
    if (k > at && apart.has(k)) return false;
    const was = raw[k];
    if (n.layout && !was) return false;
    if (was && (!inRange(was) || (k > at && none(was)))) return false;
  }
  for (const target of scope.animated) if (contains(el, target)) return false;
  if (clientRectCount(el) !== 1) return false;
  // Laid out from outside its box: a table's row or cell (the columns are the table's, the baseline the row's), a
  // subgrid (the tracks are its parent's).
  const style = w.win.getComputedStyle(el);
  if (style.display.startsWith('table-') || /subgrid/.test(`${style.gridTemplateRows} ${style.gridTemplateColumns}`)) return false;
  for (let k = at + 1; k < end; k++) {
    const was = raw[k];
    if (!was || !ASKED.has(nodes[k].tag)) continue;
    const r = rectOf(elements[k]);
    if (r.left !== was.x || r.width !== was.w || r.height !== was.h || r.top !== was.y + dy) return false;
  }
  return true;
}
