/**
 * Visual text: read a short text with digits the way the user sees it — from the boxes its glyphs are painted in —
 * not in DOM order. Digit boxes laid out with `flex-direction: row-reverse` or `order`, a code drawn with
 * `unicode-bidi: bidi-override; direction: rtl` (or bidi control characters), digits placed by absolute positioning
 * or transforms, ::before / ::after content, glyphs clipped away or drawn over each other: the DOM says 0041 while the
 * screen shows 1400. For a WYSIWYS auditor the screen is what counts.
 *
 * The same holds for every short text a rule judges by its characters: a control's name ("lecnaC" drawn rtl shows
 * "Cancel"), a brand name ("Smart-ID" in letter spans shuffled by `order`). Those are read after the codes.
 *
 * Cost: only code-like regions and short names are read (an element's own short text with a few digits, or with
 * letters on or in a control or naming a brand, read only when a cheap style check says it may differ; a small
 * container of digit or letter boxes), one Range rect per text, and one per character only where CSS can reorder or
 * cut glyphs inside the text (bidi, negative spacing, flips, clips), under a per-document budget in which regions
 * that can only be codes come first and names last. Reading is read-only: no style or DOM writes.
 * Not read: ::marker, counter() content, icon-font ligatures, canvas/SVG-drawn digits, an rtl override on an
 * ancestor of an element that sets direction: ltr again (rare; the override still applies to its text).
 */
import { finishSteps } from './steps';
import { clipsOverflow, transparentText } from './paint';
import { CODE_LABEL, MOBILE_ID, SMART_ID, hasConcept, squash } from '../text';
import {
  attr,
  boxOf,
  firstChildOf,
  localNameOf,
  nextSiblingOf,
  overflowsBox,
  ownerDocumentOf,
  parentElementOf,
  parentOf,
  rectOf,
  shadowRootOf as shadowOf,
} from './dom';
import type { Box, SnapNode, VisualText } from '../types';

/** A glyph (or a pseudo-element's whole string) with the box it is painted in. */
export interface Glyph {
  ch: string;
  box: Box;
  /** The box is inferred (pseudo-element content has no rects of its own): it orders, but never counts as overlap. */
  estimated?: boolean;
}

/** A painted reading: its text, whether digits overlap, and for each glyph given the number of the word it is in. */
export interface Reading {
  text: string;
  overlap: boolean;
  words: number[];
}

/**
 * Two digits whose left edges are closer than this share of the glyph height are drawn over each other: a digit is
 * at least about half an em wide (0.43 of the glyph box height), so a code set tighter than this loses its shapes.
 * Only digits are judged: narrow letters and punctuation ("il:") are legitimately closer.
 */
const OVERLAP_SHARE = 0.3;
/** A gap wider than this share of the glyph height reads as a space (a space is about 0.24 of it; glyphs abut). */
const SPACE_SHARE = 0.15;

/**
 * Reads glyphs in the order a person reads them on screen: lines top to bottom (a glyph whose centre lies within a
 * line's band joins it), each line left to right. Pure: shared by the gather and the unit tests.
 */
export function readingOrder(glyphs: Glyph[]): Reading {
  const indexed = glyphs.map((g, i) => ({ g, i, cy: g.box.y + g.box.h / 2, cx: g.box.x + g.box.w / 2 }));
  indexed.sort((a, b) => a.cy - b.cy || a.i - b.i);
  const lines: { top: number; bottom: number; items: typeof indexed }[] = [];
  for (const it of indexed) {
    const line = lines[lines.length - 1];
    if (line && it.cy >= line.top && it.cy <= line.bottom) {
      line.items.push(it);
      line.top = Math.min(line.top, it.g.box.y);
      line.bottom = Math.max(line.bottom, it.g.box.y + it.g.box.h);
    } else {
      lines.push({ top: it.g.box.y, bottom: it.g.box.y + it.g.box.h, items: [it] });
    }
  }
  let text = '';
  let overlap = false;
  const words: number[] = new Array(glyphs.length);
  let word = -1;
  for (const line of lines) {
    line.items.sort((a, b) => a.cx - b.cx || a.i - b.i);
    if (text) text += ' ';
    word++;
    let prev: Glyph | undefined;
    for (const { g, i } of line.items) {
      if (prev) {
        const height = Math.min(prev.box.h, g.box.h) || Math.max(prev.box.h, g.box.h);
        if (!prev.estimated && !g.estimated && /^\d$/.test(prev.ch) && /^\d$/.test(g.ch) && g.box.x - prev.box.x < OVERLAP_SHARE * height)
          overlap = true;
        if (g.box.x - (prev.box.x + prev.box.w) > SPACE_SHARE * height) {
          text += ' ';
          word++;
        }
      }
      text += g.ch;
      words[i] = word;
      prev = g;
    }
  }
  return { text, overlap, words };
}

/** What two readings share: their characters without spaces, case folded (text-transform is recorded elsewhere). */
export function sameCharacters(a: string, b: string): boolean {
  return a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();
}

/** The string a `content` value draws: its quoted strings (attr() is already resolved by the browser). */
export function contentString(content: string): string | undefined {
  if (!content || content === 'none' || content === 'normal') return undefined;
  // Alternative text for speech follows a slash: `"0" / ""` draws "0".
  let out = '';
  let k = 0;
  let drawn = false;
  while (k < content.length) {
    const c = content[k];
    if (c === '"' || c === "'") {
      let s = '';
      k++;
      while (k < content.length && content[k] !== c) {
        if (content[k] === '\\' && k + 1 < content.length) {
          const hex = /^[0-9a-fA-F]{1,6} ?/.exec(content.slice(k + 1));
          if (hex) {
            s += String.fromCodePoint(parseInt(hex[0].trim(), 16));
            k += 1 + hex[0].length;
            continue;
          }
          s += content[k + 1];
          k += 2;
          continue;
        }
        s += content[k++];
      }
      k++;
      out += s;
      drawn = true;
    } else if (c === '/') break;
    else if (c === '(') {
      // A function (url(), counter(), image-set()): draws an image or what we cannot resolve, never its arguments.
      let depth = 0;
      for (; k < content.length; k++) {
        if (content[k] === '(') depth++;
        else if (content[k] === ')' && --depth === 0) break;
        else if (content[k] === '"' || content[k] === "'")
          k = content.indexOf(content[k], k + 1) === -1 ? content.length : content.indexOf(content[k], k + 1);
      }
      k++;
    } else k++;
  }
  return drawn ? out : undefined;
}

// Characters that are never painted as glyphs: bidi controls, zero-width marks, soft hyphens.
const FORMAT_CHAR = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const SECURITY_GLYPH: Record<string, string> = { disc: '•', circle: '◦', square: '■' };
const SKIPPED = new Set(['script', 'style', 'template', 'noscript']);
/** Elements that draw something of their own (an image, a field, a frame) rather than CSS content: never empty boxes. */
const REPLACED = new Set([
  'img',
  'input',
  'textarea',
  'select',
  'svg',
  'canvas',
  'video',
  'audio',
  'iframe',
  'object',
  'embed',
  'picture',
  'br',
  'hr',
  'wbr',
]);
/** Regions are short: longer texts are not codes, and per-character reads must stay cheap. */
const MAX_REGION_CHARS = 40;
const MAX_REGION_ELEMENTS = 24;
const MAX_CONTENT_TEXT = 80;

/** Per-document budget: regions read, characters read one by one, and cheap style checks of own texts. */
export interface VisualBudget {
  regions: number;
  chars: number;
  checks?: number;
}
export const DEFAULT_VISUAL_BUDGET: VisualBudget = { regions: 150, chars: 2500, checks: 400 };
/** A control's name may sit a few wrappers below the control (<button><span><b>Cancel</b></span></button>). */
const CONTROL_DEPTH = 3;

export interface VisualReadOptions {
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  budget?: VisualBudget;
  /**
   * Where to record node i's reading (default: the node itself). A re-read that reuses the node objects of an earlier
   * snapshot writes into its own copy, so the earlier snapshot still says what it said.
   */
  nodeToWrite?: (i: number) => SnapNode;
  /** Receives what each region read came to, for a later pass over the same page to replay (see `replay`). */
  record?: Map<number, RegionOutcome>;
  /**
   * What an earlier pass over the same document read, region by region, and which regions must be read again (their
   * nodes were re-read): every other region's outcome is replayed — its reading and the budget it spent — instead of
   * reading its glyphs again, so the pass ends exactly as a fresh one would on a page that changed only there.
   */
  replay?: { outcomes: Map<number, RegionOutcome>; fresh: (i: number) => boolean };
  /**
   * The region search: the children lists to use (the walk's), an earlier search of the same document to redo only
   * around the nodes `reread` (same elements in the same places, see searchAgain), and where to keep this one.
   */
  search?: {
    kids?: number[][];
    previous?: RegionSearch;
    reread?: Set<number>;
    /** With `previous`: the subtree walked again, and the kept nodes now shown otherwise (see Reshaped). */
    reshaped?: Reshaped;
    keep?: (search: RegionSearch) => void;
  };
}

/**
 * Old nodes [at, oldEnd) were replaced by new nodes [at, newEnd), every later node moved by newEnd − oldEnd (see
 * reshape.ts); `shownOtherwise`: kept nodes, by their new index, that gained or lost their layout or are hidden
 * otherwise now (moved off the screen, or out of a box that clips them) — what a node's kind reads of its layout.
 */
export interface Reshaped {
  at: number;
  oldEnd: number;
  newEnd: number;
  shownOtherwise: Set<number>;
}

/** What reading one region came to: whether its own text needed the glyph read, the characters it spent, its reading. */
export interface RegionOutcome {
  scope: VisualText['scope'];
  read: boolean;
  chars: number;
  visual?: VisualText;
}

class RegionTooLarge extends Error {}

/**
 * After the walk: finds the code-like regions and short names among the gathered nodes and records their painted
 * reading where it differs from the DOM. `elements[i]` is the element of node i; `clips[i]` the overflow clip boxes around it.
 */
export function readVisualTexts(...args: Parameters<typeof readVisualTextSteps>): void {
  finishSteps(readVisualTextSteps(...args));
}

/** Nodes between two pauses of the region search, and regions between two pauses of the reading. */
const NODES_PER_STEP = 2048;

/**
 * readVisualTexts as steps: it pauses (yields) every few thousand nodes and after every region it reads, so the
 * gather can give a huge page its turn between slices. Between two steps the page may change: an element removed
 * meanwhile reads as not painted, and the change asks for the next audit.
 */
export function* readVisualTextSteps(
  win: Window,
  nodes: SnapNode[],
  elements: Element[],
  clips: Box[][],
  options: VisualReadOptions = {},
  /** Nodes inside a flipping transform (negative scale, a half turn): their glyph order must be read one by one. */
  mirrored?: (i: number) => boolean,
): Generator<void, void> {
  const budget = { ...(options.budget ?? DEFAULT_VISUAL_BUDGET) };
  const asked = options.search;
  const search = asked?.previous
    ? asked.reshaped && asked.kids
      ? searchReshaped(nodes, elements, asked.previous, asked.kids, asked.reshaped, asked.reread ?? new Set())
      : searchAgain(nodes, elements, asked.previous, asked.reread ?? new Set())
    : yield* searchSteps(nodes, elements, asked?.kids);
  options.search?.keep?.(search);
  // Regions that can only be a code (digit boxes, a text of digits alone) first, so a page full of prices and
  // dates never spends the budget before its code; then short texts that mention a few digits; names last.
  const first: Region[] = [];
  const later: Region[] = [];
  const names: Region[] = [];
  const { kinds } = search;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind === NOT_A_REGION) continue;
    if (kind === DIGIT_BOXES) first.push({ i, scope: 'content' });
    else if (kind === DIGITS_ALONE) first.push({ i, scope: 'own' });
    else if (kind === FEW_DIGITS) later.push({ i, scope: 'own' });
    else if (kind === LETTER_BOXES) {
      const k = search.tree.kids[i];
      names.push({ i, scope: 'content', name: true, shownAs: nodes[i].flow ?? k.map((c) => nodes[c].text ?? '').join(' ') });
    } else names.push({ i, scope: 'own', name: true });
  }
  let checked = 0;
  const write = (i: number, visual: VisualText) => {
    (options.nodeToWrite?.(i) ?? nodes[i]).visual = visual;
  };
  for (const region of [...first, ...later, ...names]) {
    const { i, scope } = region;
    if (budget.regions <= 0 || budget.chars <= 0) break;
    if (scope === 'own') {
      // The cheap check first: most texts are painted as written and need no glyph reads.
      if (budget.checks !== undefined && budget.checks-- <= 0) continue;
      if (++checked % 16 === 0) yield;
    }
    const before = options.replay && !options.replay.fresh(i) ? options.replay.outcomes.get(i) : undefined;
    if (before && before.scope === scope) {
      options.record?.set(i, before);
      if (!before.read) continue;
      budget.regions--;
      budget.chars -= before.chars;
      if (before.visual) write(i, before.visual);
      continue;
    }
    if (scope === 'own') {
      if (!elements[i].isConnected) continue;
      if (!ownTextMayDiffer(win, elements[i], clips[i] ?? [], mirrored?.(i) ?? false)) {
        options.record?.set(i, { scope, read: false, chars: 0 });
        continue;
      }
    }
    yield;
    // Removed while the gather paused: nothing of it is painted any more.
    if (!elements[i].isConnected) continue;
    budget.regions--;
    const charsBefore = budget.chars;
    let visual: VisualText | undefined;
    try {
      visual = readRegion(
        win,
        elements[i],
        scope,
        clips[i] ?? [],
        budget,
        options.shadowRootOf,
        mirrored?.(i) ?? false,
        region.name ? { shownAs: region.shownAs } : undefined,
      );
    } catch (e) {
      if (!(e instanceof RegionTooLarge)) throw e;
    }
    options.record?.set(i, { scope, read: true, chars: charsBefore - budget.chars, visual });
    if (visual) write(i, visual);
  }
}

/**
 * What the region search reads of the tree: each node's children and subtree size (the shape, which a re-read of
 * changed text keeps), and each node's own and subtree text length and digit count.
 */
export interface TreeFacts {
  kids: number[][];
  size: Int32Array;
  ownLength: Int32Array;
  ownDigits: Int32Array;
  textLength: Int32Array;
  digits: Int32Array;
}

/** The region search's outcome: the facts it read and each node's kind of region (see classify). */
export interface RegionSearch {
  tree: TreeFacts;
  kinds: Int8Array;
}

const NOT_A_REGION = 0;
/** Digit boxes, or boxes drawn only by CSS content: a code and nothing else. */
const DIGIT_BOXES = 1;
/** An own text of digits alone. */
const DIGITS_ALONE = 2;
/** An own short text that mentions a few digits. */
const FEW_DIGITS = 3;
/** A word spelled one letter per element. */
const LETTER_BOXES = 4;
/** A short own text judged by its words (a control's name, a brand). */
const NAME_TEXT = 5;

/** Each node's children, in document order. */
export function childLists(nodes: SnapNode[]): number[][] {
  const kids: number[][] = nodes.map(() => []);
  for (const n of nodes) if (n.parent >= 0) kids[n.parent].push(n.i);
  return kids;
}

/** The text a node shows of its own for the region search (an input shows its value). */
const ownTextOf = (n: SnapNode) => (n.tag === 'input' ? (n.attrs.value ?? '') : (n.text ?? ''));

/** The whole search: the tree's facts bottom-up, then every node classified, pausing every few thousand nodes. */
function* searchSteps(nodes: SnapNode[], elements: Element[], kids = childLists(nodes)): Generator<void, RegionSearch> {
  const count = nodes.length;
  const tree: TreeFacts = {
    kids,
    size: new Int32Array(count),
    ownLength: new Int32Array(count),
    ownDigits: new Int32Array(count),
    textLength: new Int32Array(count),
    digits: new Int32Array(count),
  };
  for (const n of nodes) {
    if (n.i % NODES_PER_STEP === NODES_PER_STEP - 1) yield;
    const own = ownTextOf(n);
    tree.ownLength[n.i] = tree.textLength[n.i] = own.length;
    tree.ownDigits[n.i] = tree.digits[n.i] = own ? countDigits(own) : 0;
  }
  // Bottom-up: how many descendants and how much text each subtree holds (a region must be small).
  for (let i = count - 1; i >= 0; i--) {
    const p = nodes[i].parent;
    if (p < 0) continue;
    tree.size[p] += tree.size[i] + 1;
    tree.textLength[p] += tree.textLength[i];
    tree.digits[p] += tree.digits[i];
  }
  const kinds = new Int8Array(count);
  for (const n of nodes) {
    if (n.i % NODES_PER_STEP === NODES_PER_STEP - 1) yield;
    kinds[n.i] = classify(nodes, elements, tree, kinds, n);
  }
  return { tree, kinds };
}

/**
 * The search again after the nodes in `reread` were read anew with the same elements in the same places (a change of
 * text alone): only what depends on them is classified again — themselves, their parents and children (a parent's
 * kind reads its children's texts, a child's reads its parent's kind), and every ancestor whose subtree's text
 * length or digits changed. The caller searches all again when a re-read node became or stopped being a control (a
 * name a few levels below a control is judged as one).
 */
function searchAgain(nodes: SnapNode[], elements: Element[], previous: RegionSearch, reread: Set<number>): RegionSearch {
  const before = previous.tree;
  if (before.kids.length !== nodes.length) return finishSteps(searchSteps(nodes, elements));
  const tree: TreeFacts = {
    kids: before.kids,
    size: before.size,
    ownLength: before.ownLength.slice(),
    ownDigits: before.ownDigits.slice(),
    textLength: before.textLength.slice(),
    digits: before.digits.slice(),
  };
  const again = new Set<number>();
  for (const i of reread) {
    const n = nodes[i];
    again.add(i);
    if (n.parent >= 0) again.add(n.parent);
    for (const c of before.kids[i]) again.add(c);
    recountOwn(nodes, tree, i, again);
  }
  const kinds = classifyAgain(nodes, elements, tree, previous.kinds.slice(), again);
  return { tree, kinds };
}

/**
 * The search again after a subtree was walked anew (elements added or removed, see Reshaped): the facts of the kept
 * nodes are moved to their new places, the new subtree's are counted, and its ancestors' and every re-read node's
 * own text are counted again up the tree. Classified again: the new subtree, the re-read nodes, the kept nodes shown
 * otherwise, every ancestor whose facts changed, and the parents and children of all of them (a parent's kind reads its
 * children's texts, a child's reads its parent's kind). The caller searches all again when a re-read node became or
 * stopped being a control.
 */
function searchReshaped(
  nodes: SnapNode[],
  elements: Element[],
  previous: RegionSearch,
  kids: number[][],
  { at, oldEnd, newEnd, shownOtherwise }: Reshaped,
  reread: Set<number>,
): RegionSearch {
  const before = previous.tree;
  const by = newEnd - oldEnd;
  const count = nodes.length;
  if (before.kids.length + by !== count || kids.length !== count) return finishSteps(searchSteps(nodes, elements, kids));
  const moved = (from: Int32Array | Int8Array, into: Int32Array | Int8Array) => {
    into.set(from.subarray(0, at));
    into.set(from.subarray(oldEnd), newEnd);
    return into;
  };
  const tree: TreeFacts = {
    kids,
    size: moved(before.size, new Int32Array(count)) as Int32Array,
    ownLength: moved(before.ownLength, new Int32Array(count)) as Int32Array,
    ownDigits: moved(before.ownDigits, new Int32Array(count)) as Int32Array,
    textLength: moved(before.textLength, new Int32Array(count)) as Int32Array,
    digits: moved(before.digits, new Int32Array(count)) as Int32Array,
  };
  const again = new Set<number>();
  // The new subtree, counted as the whole search counts it.
  for (let j = at; j < newEnd; j++) {
    const own = ownTextOf(nodes[j]);
    tree.ownLength[j] = tree.textLength[j] = own.length;
    tree.ownDigits[j] = tree.digits[j] = own ? countDigits(own) : 0;
    tree.size[j] = 0;
    again.add(j);
  }
  for (let j = newEnd - 1; j > at; j--) {
    const parent = nodes[j].parent;
    tree.size[parent] += tree.size[j] + 1;
    tree.textLength[parent] += tree.textLength[j];
    tree.digits[parent] += tree.digits[j];
  }
  if (newEnd > at) {
    const size = tree.size[at] - before.size[at];
    countUp(nodes, tree, nodes[at].parent, size, tree.textLength[at] - before.textLength[at], tree.digits[at] - before.digits[at], again);
  }
  // Kept nodes read again (ancestors, fields named from elsewhere, boxes resized): a field's value may have changed.
  for (const k of reread) {
    if (k >= at && k < newEnd) continue;
    again.add(k);
    recountOwn(nodes, tree, k, again);
  }
  for (const k of shownOtherwise) again.add(k);
  // Parents and children of everything above.
  for (const k of [...again]) {
    const parent = nodes[k].parent;
    if (parent >= 0) again.add(parent);
    for (const c of kids[k]) again.add(c);
  }
  const kinds = classifyAgain(nodes, elements, tree, moved(previous.kinds, new Int8Array(count)) as Int8Array, again);
  return { tree, kinds };
}

/** Node k's own text counted again; a difference is carried up through its ancestors, each to be classified again. */
function recountOwn(nodes: SnapNode[], tree: TreeFacts, k: number, again: Set<number>): void {
  const own = ownTextOf(nodes[k]);
  const length = own.length - tree.ownLength[k];
  const digits = (own ? countDigits(own) : 0) - tree.ownDigits[k];
  if (!length && !digits) return;
  tree.ownLength[k] += length;
  tree.ownDigits[k] += digits;
  countUp(nodes, tree, k, 0, length, digits, again);
}

/** Adds to the subtree facts of node `from` and its ancestors, each then to be classified again. */
function countUp(nodes: SnapNode[], tree: TreeFacts, from: number, size: number, length: number, digits: number, again: Set<number>): void {
  for (let k = from; k >= 0; k = nodes[k].parent) {
    tree.size[k] += size;
    tree.textLength[k] += length;
    tree.digits[k] += digits;
    again.add(k);
  }
}

/** `kinds` with the nodes in `again` classified anew, in document order (a node's kind reads its parent's). */
function classifyAgain(nodes: SnapNode[], elements: Element[], tree: TreeFacts, kinds: Int8Array, again: Set<number>): Int8Array {
  for (const i of [...again].sort((a, b) => a - b)) kinds[i] = classify(nodes, elements, tree, kinds, nodes[i]);
  return kinds;
}

/** Which kind of region node n is, if any (its parent's kind already in `kinds`). */
function classify(nodes: SnapNode[], elements: Element[], tree: TreeFacts, kinds: Int8Array, n: SnapNode): number {
  if (!elements[n.i] || n.layout?.hidden === 'display' || n.layout?.hidden === 'content-visibility') return NOT_A_REGION;
  const { kids, size, textLength, digits } = tree;
  const k = kids[n.i];
  // Boxes drawn only by CSS content (empty spans whose ::before shows a digit) are a code region too.
  // Any element kind: a wrapper tag the user cannot see (<span>, <i>, <div>, a custom element) changes nothing.
  const emptyBoxes = k.length >= 2 && k.length <= 9 && k.every((c) => !nodes[c].text && !kids[c].length && !REPLACED.has(nodes[c].tag));
  // Digit boxes: at least two children showing one or two digits each (a price row or a table row is not one).
  const digitKids = k.length >= 2 && k.length <= 9 ? k.filter((c) => digits[c] >= 1 && textLength[c] <= 2).length : 0;
  const small = size[n.i] <= MAX_REGION_ELEMENTS && !n.frame && n.tag !== 'svg';
  if (small && textLength[n.i] <= MAX_CONTENT_TEXT && ((digitKids >= 2 && digits[n.i] <= 8) || emptyBoxes)) return DIGIT_BOXES;
  if (
    n.text &&
    n.text.length <= MAX_REGION_CHARS &&
    codeLikeDigits(n.text) &&
    n.layout &&
    (!n.layout.hidden || n.layout.hidden === 'offscreen')
  )
    return ONLY_DIGITS.test(n.text) ? DIGITS_ALONE : FEW_DIGITS;
  // Letter boxes: a word spelled one letter per element (animated headings, "tile" buttons), laid out by CSS.
  if (small && textLength[n.i] <= MAX_REGION_CHARS && isLetterBoxes(nodes, kids, k)) return LETTER_BOXES;
  // 'opacity' includes a text drawn transparent, whose ::before / ::after may paint the name instead.
  if (
    n.layout &&
    (!n.layout.hidden || n.layout.hidden === 'offscreen' || n.layout.hidden === 'opacity') &&
    kinds[n.parent] !== LETTER_BOXES &&
    isNameText(nodes, n, textLength[n.i], size[n.i])
  )
    return NAME_TEXT;
  return NOT_A_REGION;
}

/** A text of digits alone (with spaces, dashes and invisible format characters between them). */
const ONLY_DIGITS = /^[\d\s\-‐–\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+$/;

interface Region {
  i: number;
  scope: VisualText['scope'];
  /** A name, not a code: recorded only when letters are involved. */
  name?: true;
  /** The DOM's reading of a letter-box region (flow text): a painted reading spaced otherwise is recorded too. */
  shownAs?: string;
}

const LETTER = /\p{L}/u;

/** At least three children that each show one or two characters, letters among them, and few other children. */
function isLetterBoxes(nodes: SnapNode[], kids: number[][], k: number[]): boolean {
  if (k.length < 3 || k.length >= MAX_REGION_ELEMENTS) return false;
  let letters = 0;
  let single = 0;
  for (const c of k) {
    const t = nodes[c].text ?? '';
    if (kids[c].length || !t || t.length > 2) continue;
    single++;
    if (LETTER.test(t)) letters++;
  }
  return letters >= 3 && single * 2 >= k.length;
}

/**
 * A short text judged by its words: the own text (with letters) of a control or of an element a few levels inside
 * one, or a text that names a brand or labels a code (also when written backwards, as a text drawn right to left
 * is). A control with no text of its own and nothing inside may draw its name with ::before / ::after: read it too.
 */
function isNameText(nodes: SnapNode[], n: SnapNode, textLength: number, size: number): boolean {
  const text = n.text;
  if (!text) return !!n.control && !textLength && size <= 2 && !REPLACED.has(n.tag);
  if (text.length > MAX_REGION_CHARS || !LETTER.test(text)) return false;
  let up: SnapNode | undefined = n;
  for (let d = 0; up && d <= CONTROL_DEPTH; d++, up = up.parent >= 0 ? nodes[up.parent] : undefined) if (up.control) return true;
  return namesBrandOrLabel(text) || namesBrandOrLabel([...text].reverse().join(''));
}

/** The brand and code-label vocabulary (text.ts) the checks share; the gather knows no signal. */
function namesBrandOrLabel(text: string): boolean {
  return hasConcept(text, SMART_ID) || hasConcept(text, MOBILE_ID) || hasConcept(text, CODE_LABEL);
}

/** A code has four digits; CSS may add or hide one or two. Phone numbers, long references and plain prose are skipped. */
function codeLikeDigits(text: string): boolean {
  const count = countDigits(text);
  return count >= 2 && count <= 8;
}

function countDigits(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}

interface Piece {
  box?: Box;
  order: number;
}

/**
 * Reads one region; undefined when the painted reading equals the DOM text and no glyphs overlap. An own text is
 * read whatever its style: the caller asks ownTextMayDiffer first. A name (`name`) is recorded only when letters are
 * painted or written, and a letter-box region also when its painted words are spaced otherwise than `shownAs`.
 */
export function readRegion(
  win: Window,
  root: Element,
  scope: VisualText['scope'],
  outerClips: Box[],
  budget: VisualBudget,
  shadowRootOf?: (el: Element) => ShadowRoot | null,
  mirrored = false,
  name?: { shownAs?: string },
): VisualText | undefined {
  const doc = ownerDocumentOf(root)!;
  const range = doc.createRange();
  const glyphs: Glyph[] = [];
  const cues = new Set<string>();
  let logical = '';
  // The DOM's characters in order, with the glyph each is painted as (none when it is not painted) and whether the
  // DOM puts a space before it: the region's own reading of its text, for content regions.
  const written: { ch: string; glyph?: Glyph; space: boolean }[] = [];
  let spaceBefore = false;
  let elements = 0;
  let chars = 0;

  const visit = (e: Element, clips: Box[], opacity: number, isRoot: boolean, exact: boolean): Box | undefined => {
    if (++elements > MAX_REGION_ELEMENTS) throw new RegionTooLarge();
    const st = win.getComputedStyle(e);
    if (st.display === 'none') return undefined;
    noteCues(st, isRoot, cues);
    const alpha = opacity * (Number.isFinite(parseFloat(st.opacity)) ? parseFloat(st.opacity) : 1);
    const painted = st.visibility === 'visible' && alpha > 0.01 && !transparentText(st);
    const own = rectOf(e);
    const inner = clipsOverflow(st) ? [...clips, boxOf(own)] : clips;
    const security = SECURITY_GLYPH[st.getPropertyValue('-webkit-text-security').trim()];
    if (security) cues.add('-webkit-text-security');
    if (localNameOf(e) === 'input') return readField(e as HTMLInputElement, own, painted, inner);
    const flexOrGrid = /flex|grid/.test(st.display);
    const pieces: Piece[] = [];
    const firstGlyph = glyphs.length;

    // Glyph by glyph only where CSS can reorder, overlap or cut glyphs inside one text (one Range rect per
    // character is the costly read); otherwise one rect for the text, its characters spread over it in order.
    const exactHere =
      exact ||
      st.direction === 'rtl' ||
      /override|plaintext/.test(st.unicodeBidi) ||
      mirrors(st) ||
      parseFloat(st.letterSpacing) < 0 ||
      parseFloat(st.wordSpacing) < 0;
    const readText = (t: Text) => {
      const data = t.data;
      // slot: the character's place in the collapsed text, a run of spaces taking one (so words stay apart).
      const shown: { ch: string; at: number; k: number; slot: number }[] = [];
      let offset = 0;
      let bidiControl = false;
      let slots = 0;
      let gap = false;
      for (const ch of data) {
        const at = offset;
        offset += ch.length;
        if (/\s/.test(ch)) {
          spaceBefore = gap = true;
          continue;
        }
        if (FORMAT_CHAR.test(ch)) {
          if (BIDI_CONTROL.test(ch)) bidiControl = true;
          continue;
        }
        logical += ch;
        written.push({ ch, space: spaceBefore });
        spaceBefore = false;
        if (gap) slots++;
        gap = false;
        shown.push({ ch, at, k: written.length - 1, slot: slots++ });
      }
      if (bidiControl) cues.add('bidi control characters');
      if (!painted || !shown.length) {
        pieces.push({ box: undefined, order: 0 });
        return;
      }
      let union: Box | undefined;
      const push = (ch: string, box: Box, k: number) => {
        const glyph = { ch: security ?? transformed(ch, st.textTransform, glyphs[glyphs.length - 1]?.ch), box };
        glyphs.push(glyph);
        written[k].glyph = glyph;
        union = union ? unite(union, box) : box;
      };
      if (!exactHere && !bidiControl) {
        range.selectNodeContents(t);
        const rects = range.getClientRects();
        const r = rects.length === 1 ? rects[0] : undefined;
        const box = r && boxOf(r);
        if (box && box.h >= 1 && fullyInside(box, inner)) {
          // The rect spans the collapsed text; the characters keep their logical order along it.
          const step = box.w / slots;
          for (const { ch, k, slot } of shown) push(ch, { x: box.x + slot * step, y: box.y, w: step, h: box.h }, k);
          pieces.push({ box: union, order: 0 });
          return;
        }
      }
      for (const { ch, at, k } of shown) {
        if (++chars > MAX_REGION_CHARS || budget.chars-- <= 0) throw new RegionTooLarge();
        range.setStart(t, at);
        range.setEnd(t, at + ch.length);
        const r = range.getBoundingClientRect();
        if (r.height < 1) continue;
        const box = boxOf(r);
        if (!insideClips(box, inner)) {
          cues.add('overflow clip');
          continue;
        }
        push(ch, box, k);
      }
      pieces.push({ box: union, order: 0 });
    };

    const before = pseudo(e, '::before');
    const readChildren = (parent: Node) => {
      for (let c = firstChildOf(parent); c; c = nextSiblingOf(c)) {
        if (c.nodeType === 3) {
          readText(c as Text);
        } else if (c.nodeType === 1) {
          const child = c as Element;
          if (SKIPPED.has(localNameOf(child))) continue;
          const childStyleOrder = flexOrGrid ? parseInt(win.getComputedStyle(child).order, 10) || 0 : 0;
          if (scope === 'own' && isRoot) {
            const r = rectOf(child);
            pieces.push({
              box: r.width || r.height ? boxOf(r) : undefined,
              order: childStyleOrder,
            });
            continue;
          }
          if (localNameOf(child) === 'slot') {
            const assigned = (child as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
            if (assigned.length) {
              for (const a of assigned) {
                if (a.nodeType === 3) readText(a as Text);
                else if (a.nodeType === 1)
                  pieces.push({ box: visit(a as Element, inner, alpha, false, exactHere), order: childStyleOrder });
              }
              continue;
            }
          }
          pieces.push({ box: visit(child, inner, alpha, false, exactHere), order: childStyleOrder });
        }
      }
    };
    const shadow = scope === 'content' ? (shadowOf(e) ?? (shadowRootOf ? safe(() => shadowRootOf(e)) : null)) : null;
    readChildren(shadow ?? e);
    // Pseudo-elements draw after their neighbours are known: their place is inferred from them.
    const after = pseudo(e, '::after');
    for (const [which, p] of [
      ['::before', before],
      ['::after', after],
    ] as const) {
      if (!p) continue;
      cues.add(`${which} content`);
      // The pseudo-element has its own colour and visibility: a host text drawn transparent does not hide it.
      if (p.hidden || alpha <= 0.01) continue;
      const box = pseudoBox(win, e, st, p.style, pieces, which, own);
      const clipped = !insideClips(box, inner);
      if (clipped) {
        cues.add('overflow clip');
        continue;
      }
      glyphs.push({ ch: security ?? transformed(p.text, p.style.textTransform), box, estimated: true });
    }
    if (isRoot && scope === 'own') hideFirstLetter(e, st, glyphs, firstGlyph, cues);
    const drawn = glyphs.slice(firstGlyph);
    return drawn.length ? drawn.map((g) => g.box).reduce(unite) : own.width || own.height ? boxOf(own) : undefined;
  };

  // A read-only field shows its value like a label (digit boxes built of inputs); its characters have no rects.
  const readField = (input: HTMLInputElement, own: DOMRect, painted: boolean, clips: Box[]): Box | undefined => {
    const type = (attr(input, 'type') ?? 'text').toLowerCase();
    if (!['text', 'tel', 'number', ''].includes(type) || !(input.readOnly || input.disabled)) return undefined;
    const value = (input.value ?? '').replace(/\s+/g, '');
    if (!value) return undefined;
    logical += value;
    const box = boxOf(own);
    const shown = painted && own.height >= 1 && insideClips(box, clips);
    const glyph = { ch: value, box, estimated: true };
    written.push({ ch: value, glyph: shown ? glyph : undefined, space: spaceBefore });
    spaceBefore = false;
    if (!shown) return undefined;
    glyphs.push(glyph);
    return box;
  };

  const pseudo = (e: Element, which: '::before' | '::after') => {
    const ps = win.getComputedStyle(e, which);
    const text = contentString(ps.content);
    if (!text?.trim()) return undefined;
    const hidden = ps.display === 'none' || ps.visibility !== 'visible' || transparentText(ps) || parseFloat(ps.fontSize) === 0;
    return { text: text.replace(/\s+/g, ' ').trim(), style: ps, hidden };
  };

  try {
    visit(root, outerClips, 1, true, mirrored);
  } finally {
    range.detach?.();
  }
  const { text, overlap, words } = readingOrder(glyphs);
  let dom: string | undefined;
  if (scope === 'content') {
    const wordOf = new Map(glyphs.map((g, k) => [g, words[k]]));
    dom = writtenReading(written.map(({ ch, glyph, space }) => ({ ch, space, word: glyph && wordOf.get(glyph) })));
  }
  if (name) {
    // A name matters for its letters: icon glyphs and digits alone are not a name.
    if (!LETTER.test(text) && !LETTER.test(logical)) return undefined;
    const respaced = name.shownAs !== undefined && squash(text).toLowerCase() !== squash(name.shownAs).toLowerCase();
    if (sameCharacters(text, logical) && !respaced) return undefined;
  } else if (sameCharacters(text, logical) && !overlap) return undefined;
  const visual: VisualText = { text: text.slice(0, MAX_REGION_CHARS * 2), scope };
  if (dom !== undefined) visual.dom = dom.slice(0, MAX_REGION_CHARS * 2);
  if (overlap) visual.overlap = true;
  if (cues.size) visual.cues = [...cues].slice(0, 8);
  return visual;
}

/**
 * The DOM's characters in their order, split into words as the screen splits them: two characters painted in one
 * word on screen (letter boxes that abut, in whatever order) are one word here too; a character that is not
 * painted keeps the DOM's own spacing. `word` is the number readingOrder gave the character's glyph.
 */
export function writtenReading(chars: { ch: string; word?: number; space: boolean }[]): string {
  let out = '';
  let prev: { word?: number } | undefined;
  for (const c of chars) {
    if (prev && (c.word !== undefined && prev.word !== undefined ? c.word !== prev.word : c.space)) out += ' ';
    out += c.ch;
    prev = c;
  }
  return out;
}

/**
 * An element's own text is painted in DOM order unless something says otherwise: bidi (rtl, an override, control
 * characters), negative spacing, a flip, text-security, content or a hidden first letter from pseudo-elements, or
 * a clip that cuts it. Cheap style reads decide whether the glyph-by-glyph read is needed at all.
 */
function ownTextMayDiffer(win: Window, el: Element, clips: Box[], mirrored: boolean): boolean {
  const st = win.getComputedStyle(el);
  if (mirrored || mirrors(st) || st.direction === 'rtl' || /override|plaintext/.test(st.unicodeBidi)) return true;
  if (parseFloat(st.letterSpacing) < 0 || parseFloat(st.wordSpacing) < 0) return true;
  if (SECURITY_GLYPH[st.getPropertyValue('-webkit-text-security').trim()]) return true;
  for (let n = firstChildOf(el); n; n = nextSiblingOf(n)) if (n.nodeType === 3 && BIDI_CONTROL.test((n as Text).data)) return true;
  for (const which of ['::before', '::after'] as const) if (contentString(win.getComputedStyle(el, which).content)?.trim()) return true;
  const fl = win.getComputedStyle(el, '::first-letter');
  if (parseFloat(fl.fontSize) === 0 || transparentText(fl) || fl.visibility !== 'visible') return true;
  const r = rectOf(el);
  if (!fullyInside(boxOf(r), clips)) return true;
  // Text wider or taller than a box that clips it.
  return clipsOverflow(st) && overflowsBox(el);
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

function transformed(ch: string, transform: string, previous?: string): string {
  if (transform === 'uppercase') return ch.toUpperCase();
  if (transform === 'lowercase') return ch.toLowerCase();
  if (transform === 'capitalize' && (!previous || !/\p{L}/u.test(previous))) return ch.toUpperCase();
  return ch;
}

/** CSS in the region that can move, draw or hide glyphs, named for the evidence. */
function noteCues(st: CSSStyleDeclaration, isRoot: boolean, cues: Set<string>): void {
  if (/override/.test(st.unicodeBidi)) cues.add(`unicode-bidi: ${st.unicodeBidi}`);
  if (st.direction === 'rtl') cues.add('direction: rtl');
  if (/flex/.test(st.display) && /reverse/.test(st.flexDirection)) cues.add(`flex-direction: ${st.flexDirection}`);
  if (/reverse/.test(st.flexWrap)) cues.add(`flex-wrap: ${st.flexWrap}`);
  if (!isRoot && st.order !== '0') cues.add('order');
  if (!isRoot && (st.position === 'absolute' || st.position === 'fixed')) cues.add(`position: ${st.position}`);
  if (!isRoot && st.position === 'relative' && ['left', 'right', 'top', 'bottom'].some((s) => parseFloat(st.getPropertyValue(s)) || 0))
    cues.add('position: relative');
  if (!isRoot && st.transform !== 'none') cues.add('transform');
  if (st.float !== 'none') cues.add('float');
  if (parseFloat(st.letterSpacing) < 0) cues.add('letter-spacing');
  if (!isRoot && (parseFloat(st.marginLeft) < 0 || parseFloat(st.marginRight) < 0)) cues.add('negative margin');
}

function insideClips(b: Box, clips: Box[]): boolean {
  const cx = b.x + b.w / 2,
    cy = b.y + b.h / 2;
  return clips.every((c) => cx >= c.x - 0.5 && cx <= c.x + c.w + 0.5 && cy >= c.y - 0.5 && cy <= c.y + c.h + 0.5);
}

function fullyInside(b: Box, clips: Box[]): boolean {
  return clips.every((c) => b.x >= c.x - 0.5 && b.y >= c.y - 0.5 && b.x + b.w <= c.x + c.w + 0.5 && b.y + b.h <= c.y + c.h + 0.5);
}

/** A transform that flips (negative scale, a half turn): it reverses the order glyphs are drawn in. */
/** Takes the computed style, or the transform properties already read from it. */
export function mirrors(st: Pick<CSSStyleDeclaration, 'transform' | 'scale' | 'rotate'>): boolean {
  const m = /^matrix(3d)?\(([^)]*)\)/.exec(st.transform);
  if (m) {
    const v = m[2].split(',').map(Number);
    const [a, d] = m[1] ? [v[0], v[5]] : [v[0], v[3]];
    if (a < 0 || d < 0) return true;
  }
  return /-/.test(st.scale ?? '') || (!!st.rotate && st.rotate !== 'none' && !/^0(deg)?$/.test(st.rotate));
}

function unite(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x),
    y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

function px(v: string): number | undefined {
  const n = parseFloat(v);
  return /px$/.test(v) && Number.isFinite(n) ? n : undefined;
}

/**
 * Where a pseudo-element's content is drawn. Positioned: from its offsets in the containing block. In flow: beside
 * its logical neighbour (the first piece for ::before, the last for ::after, by `order` in flex and grid), on the
 * side the main axis puts it (direction, flex-direction), or on its own line when it is a block.
 */
function pseudoBox(
  win: Window,
  host: Element,
  hs: CSSStyleDeclaration,
  ps: CSSStyleDeclaration,
  pieces: Piece[],
  which: '::before' | '::after',
  hostRect: DOMRect,
): Box {
  const font = parseFloat(ps.fontSize) || 16;
  const text = contentString(ps.content) ?? '';
  const w = px(ps.width) ?? font * 0.6 * [...text].length;
  const h = px(ps.height) ?? font * 1.15;
  if (ps.position === 'absolute' || ps.position === 'fixed') {
    const cb = ps.position === 'fixed' ? { x: 0, y: 0, w: win.innerWidth, h: win.innerHeight } : containingBlock(win, host);
    const left = px(ps.left),
      right = px(ps.right),
      top = px(ps.top),
      bottom = px(ps.bottom);
    const x = left !== undefined ? cb.x + left : right !== undefined ? cb.x + cb.w - right - w : hostRect.left;
    const y = top !== undefined ? cb.y + top : bottom !== undefined ? cb.y + cb.h - bottom - h : hostRect.top;
    return { x, y, w, h };
  }
  const hostBox = boxOf(hostRect);
  if (ps.float === 'left' || (ps.float === 'inline-start' && hs.direction !== 'rtl')) return { x: hostBox.x, y: hostBox.y, w, h };
  if (ps.float === 'right' || (ps.float === 'inline-start' && hs.direction === 'rtl'))
    return { x: hostBox.x + hostBox.w - w, y: hostBox.y, w, h };
  const flex = /flex/.test(hs.display);
  const grid = /grid/.test(hs.display);
  const rtl = hs.direction === 'rtl';
  let dx = rtl ? -1 : 1,
    dy = 0;
  if (flex) {
    const fd = hs.flexDirection;
    if (fd === 'row-reverse') dx = -dx;
    else if (fd === 'column') [dx, dy] = [0, 1];
    else if (fd === 'column-reverse') [dx, dy] = [0, -1];
  } else if (!grid && /^(block|flex|grid|table|list-item|flow-root)$/.test(ps.display)) [dx, dy] = [0, 1];
  const order = flex || grid ? parseInt(ps.order, 10) || 0 : 0;
  const all = pieces.map((p, idx) => ({ ...p, idx }));
  const self = { box: undefined as Box | undefined, order, idx: which === '::before' ? -1 : pieces.length };
  const sorted = [...all, self].sort((a, b) => a.order - b.order || a.idx - b.idx);
  const k = sorted.indexOf(self);
  const next = sorted.slice(k + 1).find((p) => p.box)?.box;
  const prev = sorted
    .slice(0, k)
    .reverse()
    .find((p) => p.box)?.box;
  const place = (n: Box, side: -1 | 1): Box => {
    // side -1: before n along the axis; +1: after it.
    if (dy === 0) {
      const forward = dx * side > 0;
      return { x: forward ? n.x + n.w : n.x - w, y: n.y + n.h / 2 - h / 2, w, h };
    }
    const down = dy * side > 0;
    return { x: n.x, y: down ? n.y + n.h : n.y - h, w, h };
  };
  if (next) return place(next, -1);
  if (prev) return place(prev, 1);
  return { x: dx < 0 ? hostBox.x + hostBox.w - w : hostBox.x, y: dy < 0 ? hostBox.y + hostBox.h - h : hostBox.y, w, h };
}

/** The padding box of the nearest positioned ancestor (the element itself included), or the initial containing block. */
function containingBlock(win: Window, host: Element): Box {
  for (let e: Element | null = host; e; e = parentElementOf(e) ?? (parentOf(e) as ShadowRoot | null)?.host ?? null) {
    const st = win.getComputedStyle(e);
    if (st.position !== 'static' || st.transform !== 'none') {
      const r = rectOf(e);
      const bl = parseFloat(st.borderLeftWidth) || 0,
        bt = parseFloat(st.borderTopWidth) || 0;
      const br = parseFloat(st.borderRightWidth) || 0,
        bb = parseFloat(st.borderBottomWidth) || 0;
      return { x: r.left + bl, y: r.top + bt, w: r.width - bl - br, h: r.height - bt - bb };
    }
  }
  return { x: -win.scrollX, y: -win.scrollY, w: win.innerWidth, h: win.innerHeight };
}

/** A ::first-letter drawn transparent or at size 0 hides the first glyph of a block. */
function hideFirstLetter(e: Element, st: CSSStyleDeclaration, glyphs: Glyph[], from: number, cues: Set<string>): void {
  if (!/^(block|inline-block|list-item|flow-root|table-cell)$/.test(st.display)) return;
  const view = ownerDocumentOf(e)?.defaultView;
  const fl = view?.getComputedStyle(e, '::first-letter');
  if (!fl) return;
  const hidden = parseFloat(fl.fontSize) === 0 || transparentText(fl) || fl.visibility !== 'visible';
  if (!hidden) return;
  // The first glyph in logical order among this element's own glyphs (not a pseudo's estimated one).
  const k = glyphs.findIndex((g, i) => i >= from && !g.estimated);
  if (k >= 0) {
    glyphs.splice(k, 1);
    cues.add('::first-letter');
  }
}
