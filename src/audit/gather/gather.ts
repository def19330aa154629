/**
 * Gather: read one document (and, on request, its same-origin child frames) into a serialisable snapshot.
 * One depth-first walk reads each element's computed style once and carries what is inherited down the walk
 * (hidden by an ancestor, accumulated opacity, overflow clip boxes, effective background, inert/disabled), so
 * rules get visibility, box, font size, colours, contrast and cover without ever touching the DOM.
 * It only reads: no scrolling, no focus, no attribute or style writes.
 */
import { composite, contrastRatio, formatColor, readColor, WHITE, type Rgba } from '../color';
import type { Box, FrameSnapshot, NodeLayout, NodeVisual, SnapNode } from '../types';
import { squash } from '../text';
import { redactUrl } from '../redact';
import { pointsToPdf } from '../urls';
import { SCAN_BUDGET, scanSecretSteps } from './secrets';
import { type DeclaredCache, HTML_NS, UNDECLARED, undeclaredFor, undeclaredIn } from './undeclared';
import { finishSteps, pacedSteps } from './steps';
import { clipsOverflow, paintedWithoutFill, textColor } from './paint';
import { childLists, mirrors, readVisualTextSteps, type RegionOutcome, type RegionSearch, type VisualReadOptions } from './visual-text';
import {
  attr,
  baseURIOf,
  boxOf,
  checkVisible,
  attrNamesOf,
  childCount,
  childrenOf,
  classNameOf,
  contains,
  firstChildOf,
  idOf,
  innerTextOf,
  localNameOf,
  namespaceOf,
  nextSiblingOf,
  offsetHeightOf,
  ownerDocumentOf,
  parentOf,
  positionOf,
  query,
  queryAll,
  rectOf,
  rootOf,
  shadowRootOf,
  textOf,
  hasAttr,
} from './dom';

export interface GatherOptions {
  /** Also walk same-origin child frames into their own FrameSnapshots (tests and CLI fallbacks). */
  descendFrames?: boolean;
  /** Stop reading after this many elements (a page with 100,000 nodes stays affordable). */
  maxNodes?: number;
  /** Reaches closed shadow roots: chrome.dom.openOrClosedShadowRoot or Firefox's element.openOrClosedShadowRoot. */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /** Elements to leave out entirely (our own overlay host). */
  skip?: (el: Element) => boolean;
  /** Natural size of a background image URL when known (a loader in the content script fills it and re-audits). */
  imageSize?: (url: string) => { w: number; h: number } | undefined;
  /** Called with each shadow root walked, so a live observer can watch inside it too. */
  onShadowRoot?: (root: ShadowRoot) => void;
  now?: () => number;
  /** Receives what a gather of one document (descendFrames off) keeps for re-reading parts of it later. */
  keep?: (memo: GatherMemo) => void;
  /**
   * Read every property of every element, even those no style of the page declares (undeclared.ts): for the tests and
   * the bench, which compare it with the usual walk.
   */
  readEveryProperty?: boolean;
}

const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'link', 'meta', 'head', 'base', 'title']);
const KEPT_ATTRS = [
  'id',
  'class',
  'role',
  'type',
  'name',
  'href',
  'src',
  'data',
  'alt',
  'title',
  'value',
  'placeholder',
  'lang',
  'for',
  'aria-label',
  'aria-modal',
  'aria-hidden',
  'aria-disabled',
  'aria-live',
  'aria-busy',
  'readonly',
  'tabindex',
  'download',
  'target',
  'action',
  'open',
  'hidden',
  'inputmode',
  'maxlength',
  'srcdoc',
  'data-page-number',
  'autocomplete',
  'hreflang',
  'aria-controls',
  'aria-expanded',
  'data-bs-target',
  'data-target',
];
const CONTROL_TAGS = new Set(['button', 'a', 'input', 'select', 'textarea', 'summary', 'option']);
const CONTROL_ROLES = new Set(['button', 'link', 'menuitem', 'tab', 'checkbox', 'radio', 'switch', 'option']);
const MEDIA_TAGS = new Set(['img', 'iframe', 'frame', 'embed', 'object', 'canvas', 'svg', 'video', 'picture']);
/** A node whose looks rules judge (digits, controls, media, fields): its colours, contrast and what covers it are read. */
export const judgedLooks = (n: SnapNode): boolean =>
  (!!n.text && /\d/.test(n.text)) || !!n.control || MEDIA_TAGS.has(n.tag) || n.tag === 'input';
const URL_ATTRS = new Set(['href', 'src', 'data', 'action']);
const ATTR_MAX = 300;
const TEXT_MAX = 600;
const NAME_MAX = 200;
const DEFAULT_MAX_NODES = 30000;

export interface WalkContext {
  parent: number;
  hidden?: NodeLayout['hidden'];
  opacity: number;
  clips: Box[];
  /** The clips that apply at the nearest positioned ancestor: all that clips an absolutely positioned descendant. */
  cbClips: Box[];
  background: Rgba;
  backgroundUncertain: boolean;
  /** A background colour on the way down that could not be read ("background-color: <value>"). */
  backgroundUnreadable?: string;
  inert: boolean;
  disabledFieldset: boolean;
  ariaDisabled: boolean;
  pointerNone: boolean;
  /** Inside (or is) a position: fixed element. */
  fixed?: boolean;
  /** Recolouring / distorting CSS on ancestors, inherited visually by everything inside. */
  effects: string[];
  /** Inside a flipping transform (negative scale, a half turn): glyphs are drawn in another order than written. */
  mirrored?: boolean;
  /** Inside (or at) a transform, a zoom or a <foreignObject>: text may be painted at another size than computed. */
  scaled?: boolean;
  /** Inside a rotation or a skew: the box on screen no longer gives the text's painted size. */
  turned?: boolean;
  /** The properties nothing of this scope declares (a mask of UNDECLARED, undeclared.ts): their initial values hold. */
  undeclared: number;
}

export type Item = { el: Element; ctx: WalkContext; nth: number; inShadow?: boolean };

/**
 * The walk items for an element's children (its shadow tree's first, then its light children), with their
 * nth-of-type position for selectors, which restarts at the shadow root boundary as selectors do.
 */
/** One counter for every element's children (cleared per call): a Map per element of a 10k-element walk is garbage. */
const nthCounter = new Map<string, number>();

function childItems(el: Element, children: Element[], ctx: WalkContext, options: GatherOptions, walked?: (c: Element) => boolean): Item[] {
  nthCounter.clear();
  const items: Item[] = [];
  let lastRoot: Node | null = null;
  for (const c of children) {
    const rootNode = parentOf(c);
    if (rootNode !== lastRoot) {
      nthCounter.clear();
      lastRoot = rootNode;
    }
    const ctag = localNameOf(c).toLowerCase();
    const n = (nthCounter.get(ctag) ?? 0) + 1;
    nthCounter.set(ctag, n);
    if (SKIPPED_TAGS.has(ctag) || options.skip?.(c) || (walked && !walked(c))) continue;
    items.push({ el: c, ctx, nth: n, inShadow: rootNode !== el });
  }
  return items;
}

/**
 * The walk's clock: the walk asks `due()` between elements and pauses (yields) when its slice is used up. A walk
 * run to the end in one go never pauses; `pausedMs` keeps time spent paused out of the gather's own cost.
 */
export class SliceClock {
  private sliceStart = performance.now();
  private checks = 0;
  pausedMs = 0;
  constructor(private readonly budgetMs: number) {}
  /** Between elements: reading the clock costs more than a counter, so it is read every 32 elements. */
  due(): boolean {
    if (this.budgetMs === Infinity || ++this.checks % 32 !== 0) return false;
    return this.spent();
  }
  /** Between the walk's phases. */
  spent(): boolean {
    return this.budgetMs !== Infinity && performance.now() - this.sliceStart >= this.budgetMs;
  }
  resumed(pausedAt: number): void {
    const now = performance.now();
    this.pausedMs += now - pausedAt;
    this.sliceStart = now;
  }
}

/** Gathers the document of `win` (and same-origin child frames when asked). The first snapshot is `win`'s own. */
export function gatherFrames(win: Window, options: GatherOptions = {}): FrameSnapshot[] {
  const out: FrameSnapshot[] = [];
  // A content script runs in every frame: the frame knows whether it is the top page itself.
  finishSteps(gatherSteps(win, options, out, win === win.parent, new SliceClock(Infinity)));
  return out;
}

/** Gathers just the document of `win`. */
export function gatherFrame(win: Window, options: GatherOptions = {}): FrameSnapshot {
  return gatherFrames(win, { ...options, descendFrames: false })[0];
}

/**
 * Gives the page's own work its turn: a message-channel task (input and rendering run first; unlike timers and
 * scheduler.yield continuations it is not throttled in a background tab, where a slice would otherwise wait a second).
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    // One channel for every pause (a new one per pause is two ports and a pipe, 150 times an audit of a huge page);
    // messages arrive in the order sent, so the waiting resolves run first in, first out.
    yieldChannel ??= openYieldChannel();
    waitingForTurn.push(resolve);
    yieldChannel.port2.postMessage(null);
  });
}
let yieldChannel: MessageChannel | undefined;
const waitingForTurn: (() => void)[] = [];
function openYieldChannel(): MessageChannel {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => waitingForTurn.shift()?.();
  return channel;
}

/**
 * Gathers the document of `win` like gatherFrame, in slices of about `sliceMs` with the page's own tasks between
 * them, so a 100,000-element page never sees one long task from the audit. What changes between two slices is read
 * as it is when its turn comes (a node removed meanwhile reads as not rendered); the change itself asks for the
 * next audit.
 */
export async function gatherFrameSliced(win: Window, options?: SlicedGatherOptions): Promise<FrameSnapshot>;
/** With `giveWay`: asked after every pause; true stops the walk, and the gather resolves to undefined. */
export async function gatherFrameSliced(
  win: Window,
  options: SlicedGatherOptions & { giveWay: () => boolean },
): Promise<FrameSnapshot | undefined>;
export async function gatherFrameSliced(
  win: Window,
  options: SlicedGatherOptions & { giveWay?: () => boolean } = {},
): Promise<FrameSnapshot | undefined> {
  const out: FrameSnapshot[] = [];
  const clock = new SliceClock(options.sliceMs ?? 8);
  const walk = gatherSteps(win, { ...options, descendFrames: false }, out, win === win.parent, clock);
  while (!walk.next().done) {
    const pausedAt = performance.now();
    await yieldToPage();
    if (options.giveWay?.()) {
      walk.return(0);
      return undefined;
    }
    clock.resumed(pausedAt);
  }
  return out[0];
}

type SlicedGatherOptions = GatherOptions & { sliceMs?: number };

function* gatherSteps(
  win: Window,
  options: GatherOptions,
  out: FrameSnapshot[],
  isTop: boolean,
  clock: SliceClock,
): Generator<void, number> {
  const now = options.now ?? (() => Date.now());
  const started = performance.now();
  const doc = win.document;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const vw = win.innerWidth || doc.documentElement.clientWidth;
  const vh = win.innerHeight || doc.documentElement.clientHeight;
  const scroll = { x: win.scrollX || 0, y: win.scrollY || 0 };
  const snapshot: FrameSnapshot = {
    url: redactUrl(doc.URL),
    isTop,
    title: squash(doc.title || ''),
    // XML documents (SVG, XHTML served as XML) may say it with xml:lang.
    lang: doc.documentElement?.getAttribute('lang') ?? doc.documentElement?.getAttribute('xml:lang') ?? '',
    viewport: { w: vw, h: vh },
    scroll,
    nodes: [],
    gatheredAt: now(),
    gatherMs: 0,
    elementCount: 0,
  };
  // All elements of the light DOM, so a truncated walk still says how large the page is.
  const lightElements = doc.getElementsByTagName('*').length;
  const index = out.length;
  out.push(snapshot);
  const nodes = snapshot.nodes;
  const root = doc.documentElement;
  if (!root) return index;

  const w: WalkState = {
    win,
    doc,
    options,
    snapshot,
    nodes,
    elements: [],
    clipsOf: [],
    ctxOf: [],
    mirrored: new Set<number>(),
    raw: [],
    apart: new Set<number>(),
    idCounts: new Map(),
    viewportBox: { x: 0, y: 0, w: vw, h: vh },
    scroll,
    vh,
    placement: isTop ? undefined : placementInTop(win),
    unread: 0,
    declared: new Map(),
  };
  countIds(w.idCounts, doc);
  const undeclared = options.readEveryProperty ? 0 : undeclaredIn(doc, true, w.declared);
  const stack: Item[] = [{ el: root, nth: 1, ctx: undeclared ? { ...ROOT_CONTEXT, undeclared } : ROOT_CONTEXT }];

  while (stack.length) {
    if (clock.due()) yield;
    const item = stack.pop()!;
    snapshot.elementCount++;
    if (nodes.length >= maxNodes) {
      snapshot.truncated = true;
      continue;
    }
    const at = nodes.length;
    const next = visitElement(w, item, at);
    if (Array.isArray(next)) {
      // Push in reverse so the walk visits children in document order.
      for (let k = next.length - 1; k >= 0; k--) stack.push(next[k]);
    } else {
      const childIndex = yield* gatherSteps(next, options, out, false, clock);
      nodes[at].frame = childIndex;
      out[childIndex].parentFrameId = index;
    }
  }
  if (w.unread) snapshot.unreadElements = (snapshot.unreadElements ?? 0) + w.unread;

  // One children list per node, for the names and the painted-text pass (and kept: a re-read keeps the shape).
  const kids = childLists(nodes);
  completeNames(nodes, kids);
  const walkVisual = paintedByWalk(nodes);
  if (clock.spent()) yield;
  const regions = new Map<number, RegionOutcome>();
  let search: RegionSearch | undefined;
  const keepSearch = (found: RegionSearch) => {
    search = found;
  };
  yield* pacedSteps(readPaintedSteps(w, regions, undefined, undefined, { kids, keep: keepSearch }), () => clock.spent());
  if (clock.spent()) yield;
  try {
    // The scan's time budget counts its own work, not the page's tasks run while the gather paused.
    snapshot.exposure = yield* pacedSteps(
      scanSecretSteps(doc, win, SCAN_BUDGET, () => performance.now() - clock.pausedMs),
      () => clock.spent(),
    );
  } catch {
    /* a document that refuses storage access still gets audited */
  }
  snapshot.elementCount = Math.max(snapshot.elementCount, lightElements);
  snapshot.gatherMs = Math.round((performance.now() - started - clock.pausedMs) * 10) / 10;
  if (!options.descendFrames) options.keep?.({ walk: w, url: doc.URL, walkVisual, regions, search, kids, wholeAt: performance.now() });
  return index;
}

/** The nodes whose painted reading the walk itself recorded (the painted-text pass records the others). */
function paintedByWalk(nodes: SnapNode[]): Set<number> {
  const out = new Set<number>();
  for (const n of nodes) if (n.visual) out.add(n.i);
  return out;
}

/** The painted-text pass over a walked document: code-like texts and short names read as drawn. */
export function* readPaintedSteps(
  w: WalkState,
  record: Map<number, RegionOutcome>,
  nodeToWrite?: (i: number) => SnapNode,
  replay?: VisualReadOptions['replay'],
  search?: VisualReadOptions['search'],
): Generator<void, void> {
  try {
    yield* readVisualTextSteps(
      w.win,
      w.nodes,
      w.elements,
      w.clipsOf,
      { shadowRootOf: w.options.shadowRootOf, nodeToWrite, record, replay, search },
      (i) => w.mirrored.has(i),
    );
  } catch {
    /* the painted reading is extra evidence: a page that breaks it is still audited from its DOM */
  }
}

/**
 * What a whole gather of one document keeps for re-reading parts of it later (see regather.ts): its walk, with the
 * element and context of every node.
 */
export interface GatherMemo {
  walk: WalkState;
  /** The document's address when it was read (unredacted: only compared, never sent). */
  url: string;
  /** Nodes whose painted reading the walk recorded. */
  walkVisual: Set<number>;
  /** What the painted-text pass read, region by region (replayed where nothing changed). */
  regions: Map<number, RegionOutcome>;
  /** The painted-text pass's region search (undefined: the pass failed), redone only around re-read nodes. */
  search: RegionSearch | undefined;
  /** Each node's children (a re-read keeps the shape of the tree). */
  kids: number[][];
  /** performance.now() when the whole gather ended. */
  wholeAt: number;
  /** Node index per element, made on the first re-read. */
  indexOf?: Map<Element, number>;
  /** What names a field or control from elsewhere (aria-labelledby's targets, <label for>), listed on the first re-read. */
  naming?: { source: Element; named: number }[];
  /** Nodes whose layout names what covers them, listed on the first re-read and kept up to date by each. */
  covered?: number[];
  /** A stylesheet selects by content (:has()), asked on the first re-read of changed attributes. */
  selectsByContent?: boolean;
  /** A stylesheet styles by content or by a container's size, asked on the first re-read after elements were added or removed. */
  stylesByContentOrSize?: boolean;
  /**
   * The fonts' load state when the walk's unrounded boxes (raw) were all read together — its laid-out nodes' and
   * its big wrappers' — or undefined: not read together, so no region may be moved rigidly from them (rigid.ts).
   */
  rigidFonts?: string;
  /** A float, a counter or a marker inside the text is declared on the page (rigid.ts), asked once per whole gather. */
  flowsAround?: boolean;
}

/** What the walk of one document shares between its elements, and what re-reading some of them later needs again. */
export interface WalkState {
  win: Window;
  doc: Document;
  options: GatherOptions;
  snapshot: FrameSnapshot;
  nodes: SnapNode[];
  /** Per node: its element, the overflow clips around it (for reading code-like texts as painted after the walk), and the context it was read in. */
  elements: Element[];
  clipsOf: Box[][];
  ctxOf: WalkContext[];
  /** Nodes inside a flipping transform. */
  mirrored: Set<number>;
  /**
   * Per node: its box as getBoundingClientRect gave it, unrounded (laid-out nodes; big wrappers once a re-read
   * module read them, rigid.ts), and the nodes placed apart from the flow of their parent (absolute, fixed or
   * sticky, transformed or zoomed), whose boxes do not move with it.
   */
  raw: (Box | undefined)[];
  apart: Set<number>;
  /** Per document or shadow root: how many elements carry each id. */
  idCounts: Map<Node, Map<string, number>>;
  viewportBox: Box;
  scroll: { x: number; y: number };
  vh: number;
  placement: FramePlacement | undefined;
  /** Elements the page made unreadable in this walk. */
  unread: number;
  /**
   * Read every property, whatever the contexts say is undeclared: a re-read (regather.ts, reshape.ts) reads its few
   * elements as styled now, not as the stylesheets were at the whole gather.
   */
  readsEveryProperty?: boolean;
  /** The stylesheets looked through in this walk, for the undeclared properties of each shadow root. */
  declared: DeclaredCache;
}

const ROOT_CONTEXT: WalkContext = {
  parent: -1,
  opacity: 1,
  clips: [],
  cbClips: [],
  background: WHITE,
  backgroundUncertain: false,
  inert: false,
  disabledFieldset: false,
  ariaDisabled: false,
  pointerNone: false,
  effects: [],
  undeclared: 0,
};
const NO_ITEMS: Item[] = [];

export function countIds(idCounts: WalkState['idCounts'], scope: Document | ShadowRoot): void {
  const counts = new Map<string, number>();
  for (const el of scope.querySelectorAll('[id]')) counts.set(idOf(el), (counts.get(idOf(el)) ?? 0) + 1);
  idCounts.set(scope, counts);
}

/**
 * Reads one element into node `at` (what it shows, how it is painted, what it inherits) and returns the walk items of
 * its children — or, for a same-origin frame the walk descends into, that frame's window.
 */
export function visitElement(w: WalkState, item: Item, at: number): Item[] | Window {
  const { win, doc, options } = w;
  const { el, ctx, nth, inShadow } = item;
  try {
    w.raw[at] = undefined;
    const tag = localNameOf(el).toLowerCase();
    const node: SnapNode = { i: at, parent: ctx.parent, tag, nth, attrs: readAttrs(el) };
    if (tag === 'input') readLiveValue(el as HTMLInputElement, node.attrs);
    // An image chosen from srcset / <picture> has no src attribute: the source the browser picked is its src.
    if (tag === 'img' && !node.attrs.src && (el as HTMLImageElement).currentSrc) {
      const current = redactUrl((el as HTMLImageElement).currentSrc);
      node.attrs.src = current.length > ATTR_MAX ? current.slice(0, ATTR_MAX) : current;
    }
    if (inShadow) node.inShadow = true;
    if (node.attrs.id && w.idCounts.get(rootOf(el))?.get(node.attrs.id) !== 1) node.duplicateId = true;
    w.nodes[at] = node;
    w.elements[at] = el;
    w.ctxOf[at] = ctx;

    const style = win.getComputedStyle(el);
    // A shadow tree's stylesheets style its host too (:host), and its slotted light children (::slotted).
    const shadow = shadowRootOf(el) ?? (options.shadowRootOf ? safeShadowRoot(options.shadowRootOf, el) : null);
    let scopeUndeclared = w.readsEveryProperty ? 0 : ctx.undeclared;
    if (shadow && scopeUndeclared) scopeUndeclared &= undeclaredIn(shadow, false, w.declared);
    const child: WalkContext = { ...ctx, parent: node.i, undeclared: scopeUndeclared };
    const namespace = namespaceOf(el);
    const undeclared = undeclaredFor(el, tag, namespace === HTML_NS, node.attrs, scopeUndeclared);
    if (!ctx.hidden) {
      if (style.display === 'none') child.hidden = 'display';
      else if (!(undeclared & UNDECLARED.contentVisibility) && style.contentVisibility === 'hidden') child.hidden = 'content-visibility';
    }
    const opacity = undeclared & UNDECLARED.opacity ? 1 : parseFloat(style.opacity);
    child.opacity = ctx.opacity * (Number.isFinite(opacity) ? opacity : 1);
    if (hasAttr(el, 'inert')) child.inert = true;
    if (tag === 'fieldset' && hasAttr(el, 'disabled')) child.disabledFieldset = true;
    if (attr(el, 'aria-disabled') === 'true') child.ariaDisabled = true;
    child.pointerNone = style.pointerEvents === 'none';

    // Effective background: composite this element's background colour over what is behind it.
    // Each computed-style property is read once per element: every read is a serialisation in the browser, and
    // they are most of the walk's cost (about 0.5 µs each, a few dozen per element).
    const colorValue = style.color;
    const ownColor = readColor(colorValue);
    const backgroundColor = style.backgroundColor;
    const backgroundImage = style.backgroundImage;
    const hasBackgroundImage = !!backgroundImage && backgroundImage !== 'none';
    const bg = readColor(backgroundColor, ownColor);
    if (hasBackgroundImage) child.backgroundUncertain = true;
    if (!bg) {
      // Painted in a colour we cannot read: what is behind the text is unknown, not transparent.
      child.backgroundUncertain = true;
      child.backgroundUnreadable = `background-color: ${backgroundColor}`;
    } else if (bg.a > 0) {
      child.background = composite(bg, ctx.background);
      if (bg.a >= 1 && !hasBackgroundImage) {
        child.backgroundUncertain = false;
        child.backgroundUnreadable = undefined;
      }
    }
    const position = style.position;
    // Overflow clipping reaches an absolutely positioned element only from its containing block up; fixed ones escape it.
    const ownClips = position === 'absolute' ? ctx.cbClips : position === 'fixed' ? [] : ctx.clips;
    child.clips = ownClips;
    w.clipsOf[at] = ownClips;
    if (position === 'fixed') child.fixed = node.fixed = true;
    const layoutParent = ownClips === ctx.clips ? ctx : { ...ctx, clips: ownClips };
    const transforms = readTransforms(style, undeclared);
    const effects = visualEffects(style, transforms, undeclared);
    if (effects.length) child.effects = [...ctx.effects, ...effects];
    if (!ctx.mirrored && (effects.length || transforms.transform !== 'none') && mirrors(transforms)) child.mirrored = true;
    // An svg viewBox scales the HTML a <foreignObject> holds as a transform does.
    if (
      !ctx.scaled &&
      (transforms.transform !== 'none' || transforms.scale !== 'none' || tag === 'foreignobject' || zoomed(style, undeclared))
    )
      child.scaled = true;
    if (!ctx.turned && turns(transforms)) child.turned = true;
    if (child.mirrored) w.mirrored.add(at);
    else w.mirrored.delete(at);
    if (
      (position !== 'static' && position !== 'relative') ||
      transforms.transform !== 'none' ||
      transforms.rotate !== 'none' ||
      transforms.scale !== 'none' ||
      (child.scaled && !ctx.scaled)
    )
      w.apart.add(at);
    else w.apart.delete(at);

    const ownText = readOwnText(el);
    if (ownText) node.text = ownText;
    if (tag === 'slot') {
      const shown = slottedText(el as HTMLSlotElement);
      if (shown) node.slotted = shown;
    }
    // Text split over inline elements ("<b>Smart</b>-ID") reads as one string only in the element around it.
    const elementChildren = childCount(el);
    if (elementChildren > 0 && elementChildren < 12 && !child.hidden && (ownText || hasInlineChildren(el))) {
      const flow = squash(innerTextOf(el));
      if (flow && flow.length <= 300 && flow !== ownText) node.flow = flow;
    }
    const isControl = isControlElement(el, tag, style);
    const isMedia = MEDIA_TAGS.has(tag);
    if (isControl || isMedia || tag === 'input') {
      const name = accessibleName(el, tag, doc);
      if (name) node.name = name;
    }
    const disabled = disabledReason(el, tag, ctx, child);
    if (disabled && (isControl || tag === 'input')) node.disabled = disabled;
    if (isControl) node.control = true;

    const backgroundUrl = hasBackgroundImage && /url\(/.test(backgroundImage) ? backgroundImage : '';
    const edge = (isControl || tag === 'label') && hasVisibleEdge(style, bg, ctx.background, ownColor);
    const wantsLayout = !!ownText || isControl || isMedia || tag === 'input' || tag === 'label' || !!backgroundUrl;
    if (wantsLayout) {
      node.layout = readLayout(el, style, colorValue, position, child, layoutParent, w, judgedLooks(node), at);
      if (edge) node.layout.edge = true;
      const transform = style.textTransform;
      // A field's value is drawn in the field's text-transform too (<input type=button value="Smart-ID">).
      const drawsText = !!ownText || (tag === 'input' && !!node.attrs.value);
      if (drawsText && (transform === 'uppercase' || transform === 'lowercase' || transform === 'capitalize'))
        node.layout.textTransform = transform;
      // A button's value drawn right to left letter by letter (unicode-bidi: bidi-override; direction: rtl): the
      // glyphs of a field cannot be measured, but this CSS paints its letters in reverse order.
      if (tag === 'input' && node.attrs.value && !ownText && /override/.test(style.unicodeBidi) && style.direction === 'rtl') {
        node.visual = {
          text: [...node.attrs.value].reverse().join(''),
          scope: 'own',
          cues: [`unicode-bidi: ${style.unicodeBidi}`, 'direction: rtl'],
        };
      }
      // A web component's own text is drawn through a <slot> of its shadow tree, in that slot's font and colour.
      if (ownText && !node.layout.hidden) restyleSlottedText(win, el, node.layout, child);
      if (isControl || tag === 'label') {
        const pseudo = pseudoImage(win, el, options.imageSize);
        if (pseudo) {
          if (child.effects.length) pseudo.effects = child.effects;
          if (child.opacity < 1) pseudo.inheritedOpacity = Math.round(child.opacity * 100) / 100;
          node.layout.pseudoImage = pseudo;
        }
      }
      if (isMedia || backgroundUrl || (tag === 'input' && attr(el, 'type') === 'image')) {
        node.layout.visual = readVisual(el, tag, style, child, backgroundUrl, options.imageSize);
      }
    }

    // Clip boxes for descendants: this element clips its overflow.
    if (!child.hidden && clipsOverflow(style)) {
      const r = rectOf(el);
      child.clips = [...child.clips, boxOf(r)];
    }
    if (position !== 'static') child.cbClips = child.clips;

    // Child frames: walk same-origin documents when asked, otherwise note the ones we cannot read.
    if (tag === 'iframe' || tag === 'frame') {
      const frameWin = (el as HTMLIFrameElement).contentWindow;
      let frameDoc: Document | null = null;
      // A frame showing a PDF is the browser's own viewer: touching its document can crash the renderer in
      // Chromium (blob: PDFs), and there is nothing of the page's to read in it; the PDF is judged by its URL.
      const src = attr(el, 'src') ?? '';
      const pdfViewer = pointsToPdf(src) || /pdf/i.test(attr(el, 'type') ?? '');
      try {
        frameDoc = pdfViewer ? null : (el as HTMLIFrameElement).contentDocument;
      } catch {
        frameDoc = null;
      }
      if (options.descendFrames && frameWin && frameDoc?.documentElement) return frameWin;
      if (!frameDoc && !pdfViewer) (w.snapshot.unreachableFrames ??= []).push(at);
      return NO_ITEMS;
    }
    if (tag === 'svg') {
      // Words drawn by the SVG itself (<text>) are visible text like any other.
      // (A <text> in HTML that a <foreignObject> holds belongs to the svg drawn there, walked as its own node.)
      const holdsHtml = !!query(el, 'foreignObject');
      const texts = holdsHtml ? queryAll(el, 'text').filter((t) => !inForeignObject(t, el)) : queryAll(el, 'text');
      const drawn = squash(texts.map((t) => t.textContent ?? '').join(' '));
      if (drawn && !node.text) {
        node.text = drawn.length > TEXT_MAX ? drawn.slice(0, TEXT_MAX) : drawn;
        if (node.layout && !node.layout.hidden) svgTextLayout(win, el as SVGSVGElement, texts, node.layout, child);
      }
      return holdsHtml ? childItems(el, childrenOf(el), child, options, leadsToForeignObject) : NO_ITEMS;
    }
    // Inside an svg only the way down to a <foreignObject> is walked: its HTML is laid out and painted like the
    // page's own (a whole step can live there), while the svg's own shapes and <text> are read with the svg above.
    if (tag !== 'foreignobject' && namespace === SVG_NS) return towardForeignObjects(el, child, options);
    if (tag === 'math') return NO_ITEMS;

    // Children: the shadow tree first (what renders), then light children (rendered only where slotted).
    const children: Element[] = [];
    if (shadow) {
      node.shadow = shadow.mode === 'closed' ? 'closed' : 'open';
      if (!w.idCounts.has(shadow)) countIds(w.idCounts, shadow);
      options.onShadowRoot?.(shadow);
      for (const c of shadow.children) children.push(c);
    }
    for (const c of childrenOf(el)) children.push(c);
    return childItems(el, children, child, options);
  } catch {
    // One element the page made unreadable (a form field named like a member, a throwing getter) costs that
    // element, not the frame: drop what was read of it and walk on into its children.
    w.unread++;
    w.nodes.length = at;
    w.elements.length = at;
    try {
      // A bare node keeps its place in the tree, so the children's selectors still pass through it.
      const bare: SnapNode = { i: at, parent: ctx.parent, tag: localNameOf(el).toLowerCase(), nth, attrs: {}, unread: true };
      if (inShadow) bare.inShadow = true;
      w.nodes[at] = bare;
      // Every list keeps an entry per node (a re-read looks nodes up by element and renumbers them).
      w.elements[at] = el;
      w.ctxOf[at] = ctx;
      w.clipsOf[at] = ctx.clips;
      return childItems(el, childrenOf(el), { ...ctx, parent: at }, options);
    } catch {
      /* not even its children: the subtree is lost, and counted above */
      return NO_ITEMS;
    }
  }
}

/**
 * The walk's own readers, handed to the re-reads (regather.ts, reshape.ts): the content script loads them as a module
 * of its own, which must not carry a second copy of the walk (nor a second channel to yield to the page through).
 */
export interface WalkReaders {
  visitElement: typeof visitElement;
  placeBox: typeof placeBox;
  completeNames: typeof completeNames;
  readPaintedSteps: typeof readPaintedSteps;
  yieldToPage: typeof yieldToPage;
}
export const walkReaders: WalkReaders = { visitElement, placeBox, completeNames, readPaintedSteps, yieldToPage };

const SVG_NS = 'http://www.w3.org/2000/svg';
const leadsToForeignObject = (c: Element) => localNameOf(c) === 'foreignObject' || !!query(c, 'foreignObject');

function inForeignObject(node: Element, svg: Element): boolean {
  for (let p = parentOf(node); p && p !== svg; p = parentOf(p))
    if (p.nodeType === 1 && localNameOf(p as Element) === 'foreignObject') return true;
  return false;
}

/** The children of an svg element that are or hold a <foreignObject> (none for almost every svg: one query). */
function towardForeignObjects(el: Element, ctx: WalkContext, options: GatherOptions): Item[] {
  if (!query(el, 'foreignObject')) return NO_ITEMS;
  return childItems(el, childrenOf(el), ctx, options, leadsToForeignObject);
}

function safeShadowRoot(fn: (el: Element) => ShadowRoot | null, el: Element): ShadowRoot | null {
  try {
    return fn(el);
  } catch {
    return null;
  }
}

function readAttrs(el: Element): Record<string, string> {
  const attrs: Record<string, string> = {};
  // One call for the names the element has (usually none to three) instead of one lookup per kept name; the kept
  // names are lower case, so an attribute getAttribute would find has that name once lower-cased.
  const present = attrNamesOf(el);
  if (!present.length) return attrs;
  const has = new Set(present.map((n) => n.toLowerCase()));
  for (const name of KEPT_ATTRS) {
    if (!has.has(name)) continue;
    let v = attr(el, name);
    if (v === null) continue;
    // Secrets in URLs (access_token=…) never enter a snapshot.
    if (URL_ATTRS.has(name) && v.includes('=')) {
      try {
        v = redactUrl(new URL(v, baseURIOf(el)).toString());
      } catch {
        /* not a URL: keep as written */
      }
    }
    attrs[name] = v.length > ATTR_MAX ? v.slice(0, ATTR_MAX) : v;
  }
  return attrs;
}

/** Size and colour of text an SVG draws: its largest <text>, scaled from the viewBox to the screen, in its fill. */
function svgTextLayout(win: Window, svg: SVGSVGElement, texts: Element[], layout: NodeLayout, self: WalkContext): void {
  const vb = svg.viewBox?.baseVal;
  const scale = vb && vb.height > 0 ? layout.box.h / vb.height : 1;
  let best: CSSStyleDeclaration | undefined;
  let bestEl: Element | undefined;
  for (const t of texts) {
    const style = win.getComputedStyle(t);
    if (!best || parseFloat(style.fontSize) > parseFloat(best.fontSize)) {
      best = style;
      bestEl = t;
    }
  }
  if (!best || !bestEl) return;
  layout.fontSize = roundPx((parseFloat(best.fontSize) || 0) * scale);
  layout.fontWeight = parseInt(best.fontWeight, 10) || layout.fontWeight;
  const fillValue = best.fill && best.fill !== 'none' ? best.fill : best.color;
  const fill = readColor(fillValue, readColor(best.color));
  let bg = self.background.a > 0 ? self.background : WHITE;
  // A shape drawn before the text and under its centre (a badge) is its background; a gradient or pattern is not
  // one colour, and a shape that covers the text only partly leaves it uncertain.
  const r = rectOf(bestEl);
  const cx = r.left + r.width / 2;
  const cy = r.top + r.height / 2;
  let uncertain = false;
  for (const shape of queryAll(svg, 'rect, circle, ellipse, path, polygon')) {
    if (!(positionOf(shape, bestEl) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
    const b = rectOf(shape);
    if (cx < b.left || cx > b.right || cy < b.top || cy > b.bottom) continue;
    const shapeStyle = win.getComputedStyle(shape);
    const shapeFill = shapeStyle.fill;
    if (!shapeFill || shapeFill === 'none') continue;
    // A gradient or pattern (url(…)) or a colour we cannot read is not one known colour.
    const shapeColor = /url\(/.test(shapeFill) ? undefined : readColor(shapeFill, readColor(shapeStyle.color));
    if (!shapeColor) {
      uncertain = true;
      continue;
    }
    const contains = r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    if (!contains) uncertain = true;
    bg = composite(shapeColor, bg);
  }
  paintText(layout, fill, `fill: ${fillValue}`, self.opacity, bg, self.backgroundUnreadable);
  if (uncertain) layout.backgroundUncertain = true;
}

/**
 * The text's colour as shown (opacity applied), its background and their WCAG contrast, into the layout. A colour
 * that could not be read (`fg` undefined, or a background colour on the way down) leaves the contrast unmeasured and
 * names the value instead: never a guess, never 1:1.
 */
function paintText(layout: NodeLayout, fg: Rgba | undefined, fgValue: string, opacity: number, bg: Rgba, bgUnreadable?: string): void {
  layout.background = formatColor(bg);
  delete layout.color;
  delete layout.contrast;
  delete layout.colorUnreadable;
  const unreadable = fg ? bgUnreadable : fgValue;
  if (fg) layout.color = formatColor({ ...fg, a: fg.a * opacity });
  if (unreadable) layout.colorUnreadable = unreadable;
  else if (fg) layout.contrast = contrastRatio({ ...fg, a: fg.a * opacity }, bg);
}

/** Text of what a slot shows (light-DOM nodes assigned to it), for the names of controls built around slots. */
function slottedText(slot: HTMLSlotElement): string {
  if (typeof slot.assignedNodes !== 'function') return '';
  // Text nodes assigned one after another draw one run, as in readOwnText; an element's text is apart.
  let text = '';
  let previousText = false;
  for (const n of slot.assignedNodes({ flatten: true })) {
    const isText = n.nodeType === 3;
    text += (isText && previousText) || !text ? textOf(n) : ' ' + textOf(n);
    previousText = isText;
  }
  return cap(text);
}

/** Own text assigned to a slot renders with the slot's inherited style, not the host's. */
function restyleSlottedText(win: Window, el: Element, layout: NodeLayout, self: WalkContext): void {
  let slot: HTMLSlotElement | null = null;
  for (let n = firstChildOf(el); n && !slot; n = nextSiblingOf(n))
    if (n.nodeType === 3 && (n as Text).data.trim()) slot = (n as Text).assignedSlot;
  if (!slot) return;
  const style = win.getComputedStyle(slot);
  const computed = parseFloat(style.fontSize);
  if (computed) {
    const scale = layout.cssFontSize ? layout.fontSize / layout.cssFontSize : 1;
    if (layout.cssFontSize) layout.cssFontSize = roundPx(computed);
    layout.fontSize = roundPx(computed * scale);
  }
  layout.fontWeight = parseInt(style.fontWeight, 10) || layout.fontWeight;
  if (layout.background !== undefined) {
    const text = textColor(style);
    paintText(layout, text.color, text.value, self.opacity, self.background.a > 0 ? self.background : WHITE, self.backgroundUnreadable);
  }
}

/**
 * Frameworks (Vue, Angular, React) set an input's value property, not its attribute. For fields the user cannot
 * edit (read-only, disabled), which show text like a label does, keep what is displayed. Never for passwords or
 * hidden fields, and nothing the user typed.
 */
function readLiveValue(el: HTMLInputElement, attrs: Record<string, string>): void {
  const type = (attr(el, 'type') ?? 'text').toLowerCase();
  if (!['text', 'tel', 'number', ''].includes(type)) return;
  if (!hasAttr(el, 'readonly') && !hasAttr(el, 'disabled')) return;
  const v = typeof el.value === 'string' ? el.value : '';
  if (v && v !== attrs.value) attrs.value = v.length > ATTR_MAX ? v.slice(0, ATTR_MAX) : v;
}

const INLINE_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'span',
  'a',
  'small',
  'sup',
  'sub',
  'mark',
  'u',
  'abbr',
  'code',
  'kbd',
  'label',
  'bdi',
  'bdo',
  'font',
]);

function hasInlineChildren(el: Element): boolean {
  for (const c of childrenOf(el)) if (INLINE_TAGS.has(localNameOf(c))) return true;
  return false;
}

/**
 * The element's own text as painted: adjacent text nodes draw one run ("Smart" + "-ID", as frameworks render
 * `{brand}{suffix}`; a comment between them, a framework's anchor, draws nothing), so they join as they are; a child
 * element between two runs parts them with a space (its own text is its own node's).
 */
function readOwnText(el: Element): string {
  let text = '';
  let parted = false;
  for (let n = firstChildOf(el); n; n = nextSiblingOf(n)) {
    const type = n.nodeType;
    if (type === 3) {
      text += parted ? ' ' + (n as Text).data : (n as Text).data;
      parted = false;
      // Anything else but a comment or processing instruction is an element (also a <form> whose field is named
      // "nodeType").
    } else if (type !== 8 && type !== 7) parted = true;
    if (text.length > TEXT_MAX * 2) break;
  }
  const s = squash(text);
  return s.length > TEXT_MAX ? s.slice(0, TEXT_MAX) : s;
}

function isControlElement(el: Element, tag: string, style: CSSStyleDeclaration): boolean {
  // An <a> without href is clickable only through a script: the pointer cursor its CSS gives it says so.
  if (tag === 'a') return hasAttr(el, 'href') || hasAttr(el, 'role') || hasAttr(el, 'tabindex') || style.cursor === 'pointer';
  if (tag === 'input') {
    const type = (attr(el, 'type') ?? 'text').toLowerCase();
    return ['button', 'submit', 'reset', 'image'].includes(type);
  }
  if (CONTROL_TAGS.has(tag)) return tag !== 'option';
  const role = attr(el, 'role');
  if (role && CONTROL_ROLES.has(role)) return true;
  if (hasAttr(el, 'onclick')) return true;
  // Framework click handlers are invisible from here; a pointer cursor on a short, focusable-looking element is the tell.
  return hasAttr(el, 'tabindex') && style.cursor === 'pointer';
}

function disabledReason(el: Element, tag: string, ctx: WalkContext, child: WalkContext): SnapNode['disabled'] {
  if ((tag === 'button' || tag === 'input' || tag === 'select' || tag === 'textarea') && hasAttr(el, 'disabled')) return 'disabled';
  if (ctx.disabledFieldset && tag !== 'legend' && ['button', 'input', 'select', 'textarea'].includes(tag)) return 'fieldset';
  if (child.inert) return 'inert';
  if (child.ariaDisabled) return 'aria-disabled';
  if (child.pointerNone) return 'pointer-events';
  return undefined;
}

/** A logo drawn by ::before / ::after (background-image or content: url()), with its size when the CSS sets one. */
function pseudoImage(
  win: Window,
  el: Element,
  imageSize?: (url: string) => { w: number; h: number } | undefined,
): NodeLayout['pseudoImage'] {
  for (const which of ['::before', '::after'] as const) {
    const st = win.getComputedStyle(el, which);
    if (!st || st.content === 'none' || st.display === 'none') continue;
    const source = /url\(/.test(st.backgroundImage) ? st.backgroundImage : /url\(/.test(st.content) ? st.content : '';
    if (!source) continue;
    const url = cssUrl(source);
    const w = parseFloat(st.width),
      h = parseFloat(st.height);
    const natural = url ? imageSize?.(url) : undefined;
    return {
      url: url.startsWith('data:') ? url.slice(0, 60) + '…' : url,
      w: Number.isFinite(w) ? w : undefined,
      h: Number.isFinite(h) ? h : undefined,
      backgroundSize: st.backgroundSize,
      natural,
      filter: st.filter !== 'none' ? st.filter : undefined,
      opacity: parseFloat(st.opacity),
    };
  }
  return undefined;
}

/**
 * A border on any side, or an opaque background that differs from the one behind. A colour that cannot be read
 * (undefined) is taken as painted: a page sets one to be seen, and only `transparent` (which reads) paints nothing.
 */
function hasVisibleEdge(style: CSSStyleDeclaration, own: Rgba | undefined, behind: Rgba, current: Rgba | undefined): boolean {
  for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
    const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
    const kind = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
    const color = readColor(style.getPropertyValue(`border-${side.toLowerCase()}-color`), current);
    if (width > 0 && kind !== 'none' && kind !== 'hidden' && (!color || color.a > 0)) return true;
  }
  if (!own) return true;
  return own.a > 0.5 && Math.abs(own.r - behind.r) + Math.abs(own.g - behind.g) + Math.abs(own.b - behind.b) > 30;
}

/** The transform properties of one element, each read once (visual effects and mirroring both look at them). */
interface Transforms {
  transform: string;
  rotate: string;
  scale: string;
}
const NO_TRANSFORMS: Transforms = { transform: 'none', rotate: 'none', scale: 'none' };
/** `undeclared`: a mask of UNDECLARED (undeclared.ts), the properties read as their initial values. */
function readTransforms(style: CSSStyleDeclaration, undeclared: number): Transforms {
  if ((undeclared & TRANSFORMS) === TRANSFORMS) return NO_TRANSFORMS;
  return {
    transform: undeclared & UNDECLARED.transform ? 'none' : style.transform || 'none',
    rotate: undeclared & UNDECLARED.rotate ? 'none' : style.rotate || 'none',
    scale: undeclared & UNDECLARED.scale ? 'none' : style.scale || 'none',
  };
}
const TRANSFORMS = UNDECLARED.transform | UNDECLARED.rotate | UNDECLARED.scale;

/** CSS that changes how an image looks: filters, blending, rotation or skew. Translation and uniform scale are fine. */
function visualEffects(style: CSSStyleDeclaration, { transform: t, rotate, scale: scaleValue }: Transforms, undeclared: number): string[] {
  const out: string[] = [];
  const filter = undeclared & UNDECLARED.filter ? 'none' : style.filter;
  if (filter && filter !== 'none') out.push(`filter: ${filter}`);
  const blend = undeclared & UNDECLARED.mixBlendMode ? 'normal' : style.mixBlendMode;
  if (blend && blend !== 'normal') out.push(`mix-blend-mode: ${blend}`);
  if (t !== 'none') {
    const linear = linearPart(t);
    if (linear) {
      const [a, b, c, d] = linear;
      // Rotation or skew, or a scale that stretches one way more than the other (more than 2 %).
      const stretched = Math.abs(a) > 0.001 && Math.abs(d) > 0.001 && Math.abs(Math.abs(a / d) - 1) > 0.02;
      if (Math.abs(b) > 0.001 || Math.abs(c) > 0.001 || stretched) out.push(`transform: ${t}`);
    }
  }
  if (rotate !== 'none' && !/^0(deg)?$/.test(rotate)) out.push(`rotate: ${rotate}`);
  if (scaleValue !== 'none') {
    const scale = scaleValue.trim().split(/\s+/).map(Number);
    if (scale.length >= 2 && scale.every(Number.isFinite) && scale[1] !== 0 && Math.abs(Math.abs(scale[0] / scale[1]) - 1) > 0.02)
      out.push(`scale: ${scaleValue}`);
  }
  return out;
}

/** The <symbol> an svg draws when its only content is one <use> of a symbol in the same document or shadow root. */
function spriteSymbol(svg: Element): Element | undefined {
  const shown = Array.from(svg.children).filter((c) => c.localName !== 'title' && c.localName !== 'desc');
  if (shown.length !== 1 || shown[0].localName !== 'use') return undefined;
  const href = shown[0].getAttribute('href') ?? shown[0].getAttribute('xlink:href') ?? '';
  if (!href.startsWith('#')) return undefined;
  const root = svg.getRootNode() as Document | ShadowRoot;
  const target = root.getElementById?.(href.slice(1)) ?? svg.ownerDocument?.getElementById(href.slice(1));
  return target?.localName === 'symbol' ? target : undefined;
}

function readVisual(
  el: Element,
  tag: string,
  style: CSSStyleDeclaration,
  self: WalkContext,
  backgroundUrl: string,
  imageSize?: (url: string) => { w: number; h: number } | undefined,
): NodeVisual {
  const visual: NodeVisual = { effects: self.effects, opacity: Math.round(self.opacity * 100) / 100 };
  if (tag === 'img' && (el as HTMLImageElement).naturalWidth) {
    visual.natural = { w: (el as HTMLImageElement).naturalWidth, h: (el as HTMLImageElement).naturalHeight };
  } else if (tag === 'svg') {
    const vb = (el as SVGSVGElement).viewBox?.baseVal;
    // An icon sprite (<svg><use href="#logo"/></svg>) draws the <symbol>'s viewBox, fitted by the symbol's own
    // preserveAspectRatio.
    const drawn = vb?.width && vb.height ? el : spriteSymbol(el);
    const box = drawn === el ? vb : (drawn as SVGSymbolElement | undefined)?.viewBox?.baseVal;
    if (box?.width && box.height) visual.natural = { w: box.width, h: box.height };
    const par = attr(drawn ?? el, 'preserveAspectRatio');
    if (par) visual.preserveAspectRatio = par;
  } else if (tag === 'input') {
    const src = attr(el, 'src');
    const size = src && imageSize?.((el as HTMLInputElement).src);
    if (size) visual.natural = size;
  }
  if (style.objectFit && style.objectFit !== 'fill') visual.objectFit = style.objectFit;
  if (backgroundUrl) {
    const url = cssUrl(backgroundUrl);
    visual.backgroundImage = url.startsWith('data:') ? url.slice(0, 60) + '…' : url;
    visual.backgroundSize = style.backgroundSize;
    const size = url && imageSize?.(url);
    if (size && !visual.natural) visual.natural = size;
  }
  return visual;
}

/** Where a frame's viewport sits in the top page's viewport, when every frame up to the top can be read. */
interface FramePlacement {
  x: number;
  y: number;
  /** The top page's viewport and scroll position. */
  vw: number;
  vh: number;
  scrollY: number;
  /** Some frame element up the chain is position: fixed (the frame stays put however the top page scrolls). */
  fixed: boolean;
}

function placementInTop(win: Window): FramePlacement | undefined {
  let x = 0;
  let y = 0;
  let fixed = false;
  let w: Window = win;
  try {
    while (w !== w.parent) {
      const host = w.frameElement;
      if (!host) return undefined;
      const r = host.getBoundingClientRect();
      const style = getComputedStyle(host);
      // The frame's document starts inside the element's border and padding.
      x += r.left + host.clientLeft + (parseFloat(style.paddingLeft) || 0);
      y += r.top + host.clientTop + (parseFloat(style.paddingTop) || 0);
      if (style.position === 'fixed') fixed = true;
      w = w.parent;
    }
    return { x, y, vw: w.innerWidth, vh: w.innerHeight, scrollY: w.scrollY || 0, fixed };
  } catch {
    // A cross-origin parent: its layout is not ours to read; the frame's own viewport is all we know.
    return undefined;
  }
}

function intersect(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const r = Math.min(a.x + a.w, b.x + b.w);
  const btm = Math.min(a.y + a.h, b.y + b.h);
  return r > x && btm > y ? { x, y, w: r - x, h: btm - y } : null;
}

const zoomed = (style: CSSStyleDeclaration, undeclared: number): boolean => {
  if (undeclared & UNDECLARED.zoom) return false;
  const zoom = style.zoom;
  return !!zoom && zoom !== '1' && zoom !== 'normal';
};

/**
 * Text under a scale is painted at the computed size times that scale (transform: scale(.25) makes 40 px text
 * 10 px tall on screen): the height of the box on screen against its layout height gives it, for a uniform scale
 * and for a stretch alike (a font's size is its height). Not under a rotation or a skew (`turned`), where the box on
 * screen is the bounds of a turned box: the computed size stays.
 */
function paintScale(el: Element, r: DOMRect, layout: NodeLayout): void {
  const height = offsetHeightOf(el);
  if (height === undefined || height < 2 || r.height <= 0) return;
  const scale = r.height / height;
  // offsetHeight is whole pixels: a ratio within that rounding is no scale.
  if (Math.abs(scale - 1) <= 0.02 + 1 / height) return;
  layout.cssFontSize = layout.fontSize;
  layout.fontSize = roundPx(layout.fontSize * scale);
}

/** A transform or rotate that turns or skews what it draws (a matrix with b or c set, a rotation other than 0). */
function turns({ transform: t, rotate }: Transforms): boolean {
  if (rotate !== 'none' && !/^0(deg)?$/.test(rotate)) return true;
  if (t === 'none') return false;
  const linear = linearPart(t);
  if (!linear) return true; // a form we cannot read: not taken as a plain scale
  const [, b, c] = linear;
  return Math.abs(b) > 0.001 || Math.abs(c) > 0.001;
}

/** The 2×2 linear part (a b c d) of a computed transform matrix (for matrix3d, its upper-left 2×2). */
function linearPart(t: string): [number, number, number, number] | undefined {
  const m = /^matrix(3d)?\(([^)]*)\)/.exec(t);
  if (!m) return undefined;
  const v = m[2].split(',').map(Number);
  return m[1] ? [v[0], v[1], v[4], v[5]] : [v[0], v[1], v[2], v[3]];
}

function readLayout(
  el: Element,
  style: CSSStyleDeclaration,
  colorValue: string,
  position: string,
  self: WalkContext,
  parent: WalkContext,
  w: WalkState,
  detailed: boolean,
  at: number,
): NodeLayout {
  const r = rectOf(el);
  w.raw[at] = boxOf(r);
  const box: Box = { x: roundPx(r.left), y: roundPx(r.top), w: roundPx(r.width), h: roundPx(r.height) };
  const text = textColor(style, colorValue);
  const layout: NodeLayout = {
    box,
    fontSize: roundPx(parseFloat(style.fontSize) || 0),
    fontWeight: parseInt(style.fontWeight, 10) || 400,
    inViewport: false,
  };
  if (self.scaled && !self.turned) paintScale(el, r, layout);
  if (detailed) {
    paintText(layout, text.color, text.value, self.opacity, self.background.a > 0 ? self.background : WHITE, self.backgroundUnreadable);
    if (self.backgroundUncertain) layout.backgroundUncertain = true;
  }
  if (self.pointerNone) layout.pointerEvents = 'none';
  if (self.fixed) layout.fixed = true;

  let hidden: NodeLayout['hidden'] = self.hidden ?? parent.hidden;
  if (!hidden && style.visibility !== 'visible') hidden = 'visibility';
  if (!hidden && self.opacity <= 0.01) hidden = 'opacity';
  if (!hidden && (r.width < 2 || r.height < 2)) hidden = 'size';
  // Only a colour read as fully transparent hides text; one that could not be read is not evidence of anything.
  if (!hidden && text.color?.a === 0 && childCount(el) === 0) {
    // Gradient or outlined text is visible, but its contrast cannot be measured from one colour.
    if (paintedWithoutFill(style)) layout.backgroundUncertain = true;
    else hidden = 'opacity';
  }
  // Content the browser does not render although its own style says it would (a closed <details>, a hidden slot).
  if (!hidden && !checkVisible(el)) hidden = 'display';
  if (hidden) layout.hidden = hidden;
  else placeBox(layout, el, position === 'fixed', parent.clips, w, detailed);
  return layout;
}

/**
 * The facts of a rendered node that depend only on where its box lies (`layout.box`, read by the caller): clipped
 * away by the overflow of `clips`, in view (now, or on the first screen), or covered by something else at its centre.
 * A whole gather asks it of every laid-out node; a re-read after elements were added or removed asks it again of
 * the nodes that only moved (reshape.ts).
 */
export function placeBox(layout: NodeLayout, el: Element, ownFixed: boolean, clips: Box[], w: WalkState, detailed: boolean): void {
  const { viewportBox: viewport, scroll, vh, placement } = w;
  const box = layout.box;
  let visible: Box | null = box;
  for (const clip of clips) visible = visible && intersect(visible, clip);
  if (!visible || visible.w < 2 || visible.h < 2) {
    layout.hidden = 'clipped';
    return;
  }
  // In view now, or inside the first viewport of the document (where the user lands).
  let inCurrent = !!intersect(visible, viewport);
  const firstViewportTop = box.y + scroll.y;
  let inFirst = ownFixed ? inCurrent : firstViewportTop < vh && firstViewportTop + box.h > 0 && box.x < viewport.w && box.x + box.w > 0;
  // In a frame, the user sees the top page's viewport: a frame placed below the fold shows nothing on the first
  // screen, however its own document is laid out.
  if (placement) {
    const top: Box = { x: visible.x + placement.x, y: visible.y + placement.y, w: visible.w, h: visible.h };
    inCurrent &&= !!intersect(top, { x: 0, y: 0, w: placement.vw, h: placement.vh });
    // Where it stood when the page opened: a fixed frame does not move with the top page's scroll.
    const pageTop = firstViewportTop + placement.y + (placement.fixed ? 0 : placement.scrollY);
    inFirst = ownFixed ? inCurrent : inFirst && pageTop < placement.vh && pageTop + box.h > 0;
  }
  layout.inViewport = inCurrent || inFirst;
  if (!inCurrent && !inFirst) layout.hidden = 'offscreen';

  if (detailed && inCurrent) {
    const cx = Math.min(Math.max(visible.x + visible.w / 2, 0), viewport.w - 1);
    const cy = Math.min(Math.max(visible.y + visible.h / 2, 0), viewport.h - 1);
    const root = rootOf(el) as Document | ShadowRoot;
    const skip = w.options.skip;
    const related = (h: Element) => h === el || contains(el, h) || contains(h, el);
    // Mostly the element itself (or a part of it) is on top there: one hit test says so. Otherwise the stack is read:
    // our own panel may float over the page (look beneath it, at what the user's page itself shows there), and
    // elements that paint nothing at that point (an empty SVG canvas around a countdown ring, a transparent wrapper)
    // do not hide what is beneath them.
    const top = typeof root.elementFromPoint === 'function' ? root.elementFromPoint(cx, cy) : null;
    if (top && !skip?.(top) && related(top)) return;
    const hits = typeof root.elementsFromPoint === 'function' ? root.elementsFromPoint(cx, cy) : [];
    const hit = hits.find((h) => !skip?.(h) && (related(h) || !seeThrough(h))) ?? null;
    if (hit && hit !== el && !contains(el, hit) && !contains(hit, el) && !sameComposedTree(el, hit)) {
      layout.coveredBy = describe(hit);
    }
  }
}

const REPLACED = new Set(['img', 'video', 'canvas', 'iframe', 'embed', 'object', 'input', 'textarea', 'select', 'button', 'picture']);

/** Paints nothing where it was hit: no background, no text of its own, not an image or a form control. */
function seeThrough(h: Element): boolean {
  if (REPLACED.has(localNameOf(h))) return false;
  const view = ownerDocumentOf(h)!.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(h);
  // A background colour that cannot be read still paints something.
  const bg = readColor(style.backgroundColor, readColor(style.color));
  if (!bg || bg.a > 0 || (style.backgroundImage && style.backgroundImage !== 'none')) return false;
  if (h instanceof SVGElement && localNameOf(h) !== 'svg' && localNameOf(h) !== 'g') return false;
  for (let n = firstChildOf(h); n; n = nextSiblingOf(n)) if (n.nodeType === 3 && (n as Text).data.trim()) return false;
  return true;
}

/** A hit inside the element's own shadow tree (or its host chain) is the element itself. */
function sameComposedTree(el: Element, hit: Element): boolean {
  let n: Node | null = hit;
  while (n) {
    if (n === el) return true;
    const parent: Node | null = parentOf(n);
    n = parent instanceof ShadowRoot ? parent.host : parent;
  }
  let m: Node | null = el;
  while (m) {
    if (m === hit) return true;
    const parent: Node | null = parentOf(m);
    m = parent instanceof ShadowRoot ? parent.host : parent;
  }
  return false;
}

/** An element as evidence names it: `tag#id.class "its text"` (what covers a node, for one). */
export function describe(el: Element): string {
  const text = squash(textOf(el)).slice(0, 60);
  return `${describedAs(el)}${text ? ` "${text}"` : ''}`;
}

/** The part of describe() that is not the element's text. */
export function describedAs(el: Element): string {
  const id = idOf(el) ? `#${idOf(el)}` : '';
  const className = classNameOf(el).trim();
  const cls = className ? '.' + className.split(/\s+/).slice(0, 2).join('.') : '';
  return `${localNameOf(el)}${id}${cls}`;
}

/** Box coordinates and sizes as snapshots carry them: to 0.1 CSS px. */
export function roundPx(n: number): number {
  return Math.round(n * 10) / 10;
}

function accessibleName(el: Element, tag: string, doc: Document): string {
  const labelledBy = attr(el, 'aria-labelledby');
  if (labelledBy) {
    const root = rootOf(el) as Document | ShadowRoot;
    const text = labelledBy
      .split(/\s+/)
      .map((id) => {
        const target = root.getElementById?.(id) ?? doc.getElementById(id);
        return target ? textOf(target) : '';
      })
      .join(' ');
    if (squash(text)) return cap(text);
  }
  const label = attr(el, 'aria-label');
  if (label && squash(label)) return cap(label);
  if (tag === 'input') {
    const type = (attr(el, 'type') ?? 'text').toLowerCase();
    if (type === 'image') return cap(attr(el, 'alt') ?? attr(el, 'title') ?? '');
    if (['button', 'submit', 'reset'].includes(type)) {
      const v = (el as HTMLInputElement).value || attr(el, 'value') || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '');
      if (squash(v)) return cap(v);
    }
    const id = attr(el, 'id');
    if (id) {
      const lab = (rootOf(el) as Document | ShadowRoot).querySelector?.(`label[for="${CSS.escape(id)}"]`);
      const labelText = lab ? textOf(lab) : '';
      if (squash(labelText)) return cap(labelText);
    }
  }
  if (tag === 'img' || tag === 'area') {
    const alt = attr(el, 'alt');
    if (alt && squash(alt)) return cap(alt);
  }
  if (tag === 'svg') {
    const titleEl = query(el, 'title');
    const title = titleEl ? textOf(titleEl) : '';
    if (title && squash(title)) return cap(title);
  }
  // Text and child names are filled in by completeNames(), which sees shadow content too.
  return '';
}

function cap(s: string): string {
  const t = squash(s);
  return t.length > NAME_MAX ? t.slice(0, NAME_MAX) : t;
}

/**
 * Name from content for controls: descendant text, image alts and svg titles (shadow trees included), then title.
 * `kids`: each node's children; `only`: the nodes to name (default all; a re-read names the nodes it read anew).
 */
export function completeNames(nodes: SnapNode[], kids: number[][], only?: Iterable<number>): void {
  const contentText = (i: number, depth: number): string => {
    const n = nodes[i];
    if (depth > 12) return '';
    const parts: string[] = [];
    if (n.text) parts.push(n.text);
    if (n.slotted) parts.push(n.slotted);
    if ((n.tag === 'img' || n.tag === 'svg') && n.name) parts.push(n.name);
    else if (n.tag === 'img' && n.attrs.alt) parts.push(n.attrs.alt);
    for (const k of kids[i]) {
      // Hidden from assistive technology: icon-font ligatures ("visibility", "close") are not the control's name.
      if (nodes[k].layout?.hidden === 'display' || nodes[k].attrs['aria-hidden'] === 'true') continue;
      const t = contentText(k, depth + 1);
      if (t) parts.push(t);
      if (parts.join(' ').length > NAME_MAX) break;
    }
    return parts.join(' ');
  };
  for (const i of only ?? nodes.keys()) {
    const n = nodes[i];
    if (n.name || !n.control) continue;
    const text = cap(contentText(n.i, 0));
    const name = text || cap(n.attrs.title ?? '');
    if (name) n.name = name;
  }
}

/** The address inside a CSS url(…), quoted or not; read by index, so a value with many "url(" stays linear. */
function cssUrl(value: string): string {
  const start = value.indexOf('url(');
  if (start < 0) return '';
  let i = start + 4;
  while (i < value.length && /\s/.test(value[i])) i++;
  const quote = value[i] === '"' || value[i] === "'" ? value[i] : '';
  const end = quote ? value.indexOf(quote, i + 1) : value.indexOf(')', i);
  if (end < 0) return '';
  return (quote ? value.slice(i + 1, end) : value.slice(i, end)).trim();
}
