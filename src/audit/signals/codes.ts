/**
 * Finds 4-digit verification codes in a frame: a plain "0041", a spaced "00 41" / "0 0 4 1" alone in its element,
 * a dash-grouped "00-41" that is the whole text of its element, or four digit boxes (spans, readonly inputs) in one
 * container. Numbers that are prices, years, dates, times, phone numbers, identifiers, parts of longer numbers or of
 * names ("report_2024.pdf"), and pager / stepper numbers are decoys, not codes.
 */
import { type FrameModel, boxDistance, isHiddenNode, showsFixedValue } from '../model';
import {
  YEAR_WORD_AFTER,
  MONTH_BEFORE,
  MONTH_AFTER,
  DOCUMENT_CONTEXT,
  NUMBER_WORD,
  DIGIT_NAME,
  CODE_LABEL,
  CODE_WORD,
  COMPARE_CODE,
  IDENTIFIER_CONTEXT,
  OTHER_CODE,
  PHONE_CONTEXT,
  PRICE_CONTEXT,
  YEAR_CONTEXT,
  BoundedMap,
  findConcept,
  fold,
  hasConcept,
} from '../text';
import type { Box, NodeLayout, SnapNode, VisualText } from '../types';
import { paintedReading } from './painted';

export interface CodeCandidate {
  frame: number;
  /** The element showing the code (the container for digit boxes). */
  node: number;
  /** The code as painted: its glyphs read in visual order (SnapNode.visual), or the DOM text when they agree. */
  code: string;
  /** The digits the DOM text says, set only when the painted code differs from them ("" when CSS draws it all). */
  domCode?: string;
  /** Glyphs of the code are drawn over each other, so no one can read it. */
  overlap?: true;
  /** The painted reading of the region and the CSS that moves or draws its glyphs, when code or overlap come from it. */
  visualText?: string;
  visualCause?: string[];
  /** 'dashed': "38-14", two pairs joined by a dash; a code only right after its label (hours and dates look the same). */
  form: 'plain' | 'spaced' | 'dashed' | 'boxes';
  /** Layout of the code as the user sees it (boxes merged). */
  layout?: NodeLayout;
  /** Why it is not a code, when it is a decoy. */
  decoy?: 'price' | 'year' | 'date' | 'identifier';
  /** The label text that names it, when found. */
  label?: string;
  labelNode?: number;
}

const NUMBER_RUN = /[+#№]?\d[\d\s\u00a0.,:/\-–]*\d|\d/g;
const CURRENCY = /[€$£₽]|\b(eur|usd|gbp|rub)\b/i;

function nextToMonth(pre: string, post: string): boolean {
  // Only the words right before the year can name its month: a bounded window keeps the end-anchored test linear.
  return MONTH_BEFORE.test(fold(pre.slice(-40))) || MONTH_AFTER.test(fold(post));
}

/** A postal code with its country prefix: "LV-1050", "LT-01103", "EE-10111". */
const POSTAL_PREFIX = /\b(LV|LT|EE)\s?[-‐–]\s?$/;

export function findCodeCandidates(model: FrameModel): CodeCandidate[] {
  return model.cached('code-candidates', collectCodeCandidates);
}

function collectCodeCandidates(model: FrameModel): CodeCandidate[] {
  const out: CodeCandidate[] = [];
  const inBoxes = new Set<number>();
  // Digit boxes first, so their single digits are not read again.
  for (const n of model.nodes) {
    const boxes = digitBoxes(model, n.i);
    if (!boxes) continue;
    for (const k of boxes.members) inBoxes.add(k);
    out.push(
      painted(
        { frame: model.index, node: n.i, code: boxes.code, form: 'boxes', layout: boxes.layout },
        n.visual,
        boxes.code,
        n.visual?.scope === 'content' ? paintedDigits(n.visual.text) : undefined,
      ),
    );
  }
  for (const n of model.nodes) {
    if (inBoxes.has(n.i)) continue;
    const text = n.text ?? (showsFixedValue(n) ? n.attrs.value : undefined);
    if (!text || !HAS_DIGIT.test(text)) continue;
    for (const { run, digits, form, decoy } of textCodeRuns(model, n.i, text)) {
      const candidate: CodeCandidate = { frame: model.index, node: n.i, code: digits, form, layout: n.layout };
      if (decoy) candidate.decoy = decoy;
      out.push(n.text && n.visual ? painted(candidate, n.visual, digits, paintedRunOf(text, run, n.visual.text)) : candidate);
    }
  }
  // Codes only the painted reading shows: CSS content completes "041", or draws every digit of empty boxes.
  for (const n of model.nodes) {
    if (!n.visual || inBoxes.has(n.i) || out.some((c) => model.contains(n.i, c.node) || model.contains(c.node, n.i))) continue;
    const boxes = n.visual.scope === 'content';
    const domDigits = (boxes ? model.subtreeText(n.i) : (n.text ?? '')).replace(/\D/g, '');
    for (const { digits, form, decoy } of codeRuns(model, n.i, n.visual.text, boxes ? () => 'boxes' : codeForm)) {
      const candidate: CodeCandidate = { frame: model.index, node: n.i, code: digits, form, layout: n.layout ?? contentLayout(model, n.i) };
      if (decoy) candidate.decoy = decoy;
      out.push(painted(candidate, n.visual, domDigits, digits));
    }
  }
  return out;
}

type CodeRun = { run: string; digits: string; form: CodeCandidate['form']; decoy: CodeCandidate['decoy'] };

/**
 * The code runs of an element's own text, kept per text when it is judged on its own words (a live page shows the
 * same prices, dates and numbers audit after audit). A number alone in its element is judged with its parent's text
 * around it (decoyOf): that is no fact of the text alone, and is worked out each time.
 */
const runsOfText = /* @__PURE__ */ new BoundedMap<CodeRun[]>(1_000_000);

function textCodeRuns(model: FrameModel, i: number, text: string): CodeRun[] {
  const known = runsOfText.get(text);
  if (known) return known;
  const runs = [...codeRuns(model, i, text, codeForm)];
  const whole = text.trim();
  if (!runs.some((r) => r.run.trim() === whole)) runsOfText.set(text, runs);
  return runs;
}

/** The 4-digit runs of a text written the way a code is (its form), each with the reason it is something else, if any. */
function* codeRuns(
  model: FrameModel,
  i: number,
  text: string,
  formOf: (text: string, run: string) => CodeCandidate['form'] | undefined,
): Generator<CodeRun> {
  for (const m of text.matchAll(NUMBER_RUN)) {
    const run = m[0];
    const digits = run.replace(/\D/g, '');
    if (digits.length !== 4) continue;
    const form = formOf(text, run);
    if (!form) continue;
    yield { run, digits, form, decoy: decoyOf(model, i, text, m.index ?? 0, run, form === 'dashed') };
  }
}

/** How a 4-digit run is written: plain "0041", spaced "0 0 4 1" / "00 41" alone, or dashed "00-41" as the whole text. */
function codeForm(text: string, run: string): CodeCandidate['form'] | undefined {
  if (/^\d{4}$/.test(run)) return 'plain';
  // Spaced for reading: single digits "0 0 4 1" or pairs "00 41"; "7 412" is a thousands-grouped count.
  if (/^(?:\d(?:[\s\u00a0]+\d){3}|\d\d[\s\u00a0]+\d\d)$/.test(run) && isAlone(text, run)) return 'spaced';
  // Some pages group the code for reading as "38-14"; only as the whole text of its element (a <kbd>, a badge).
  if (/^\d\d[\s\u00a0]?[-‐–][\s\u00a0]?\d\d$/.test(run) && text.trim() === run) return 'dashed';
  return undefined;
}

/** Characters of a painted code: its digits, or the discs -webkit-text-security draws instead of them. */
const PAINTED_RUN = /[\d•◦■](?:[\s\u00a0.,:/\-–]*[\d•◦■])*/g;

function paintedDigits(text: string): string {
  return text.replace(/[^\d•◦■]/g, '');
}

/**
 * The painted reading of one number of an element's text. The painted text holds the same numbers, possibly
 * reordered as a whole (a reversed sentence): the run with the same digits in any order, else the one at the same
 * place among the numbers, else the only one.
 */
function paintedRunOf(domText: string, run: string, shownText: string): string | undefined {
  const domRuns = [...domText.matchAll(PAINTED_RUN)].map((m) => m[0]);
  const shownRuns = [...shownText.matchAll(PAINTED_RUN)].map((m) => paintedDigits(m[0]));
  if (!shownRuns.length) return '';
  const digits = run.replace(/\D/g, '');
  const at = Math.max(
    0,
    domRuns.findIndex((r) => r.includes(run) || run.includes(r)),
  );
  const sorted = (s: string) => [...s].sort().join('');
  const same = shownRuns.map((r, k) => ({ r, k })).filter((x) => sorted(x.r) === sorted(digits));
  if (same.length) return (same.find((x) => x.k === at) ?? same.find((x) => x.k === shownRuns.length - 1 - at) ?? same[0]).r;
  if (shownRuns.length === domRuns.length) return shownRuns[at];
  if (shownRuns.length === 1) return shownRuns[0];
  // More or fewer numbers painted than written (CSS content added one): the one sharing most digits.
  const shared = (a: string) =>
    [...digits].filter((d, k, all) => all.slice(0, k).filter((x) => x === d).length < [...a].filter((x) => x === d).length).length;
  return shownRuns.reduce((a, b) => (shared(b) > shared(a) ? b : a));
}

/** Applies the painted reading to a candidate read from the DOM: the painted code wins, the DOM's is kept beside it. */
function painted(c: CodeCandidate, visual: VisualText | undefined, domDigits: string, shown: string | undefined): CodeCandidate {
  if (!visual) return c;
  const differs = shown !== undefined && shown !== domDigits;
  if (!differs && !visual.overlap) return c;
  if (differs) {
    c.code = shown!;
    c.domCode = domDigits;
  }
  if (visual.overlap) c.overlap = true;
  c.visualText = visual.text;
  if (visual.cues?.length) c.visualCause = visual.cues;
  return c;
}

/** The look of a container that has no text of its own (its boxes are drawn by CSS): its members' layouts merged. */
function contentLayout(model: FrameModel, i: number): NodeLayout | undefined {
  const layouts = model
    .descendants(i, 40)
    .map((k) => model.node(k).layout)
    .filter((l): l is NodeLayout => !!l && l.fontSize > 0);
  return mergeLayouts(layouts);
}

function isAlone(text: string, run: string): boolean {
  return text.replace(run, '').replace(/[\s:]/g, '').length === 0 || !/\d/.test(text.replace(run, ''));
}

/** Context around the number: its own text, widened to the parent block when the number stands alone. */
function decoyOf(model: FrameModel, i: number, text: string, at: number, run: string, dashed = false): CodeCandidate['decoy'] {
  const before = text.slice(Math.max(0, at - 30), at);
  const after = text.slice(at + run.length, at + run.length + 20);
  let context = `${before} ${run} ${after}`;
  // The whole sentence before the number, for "is it named as the code": labels lead long sentences ("Make sure the
  // control code that arrived on your phone is the same: 3318").
  let sentenceBefore = text.slice(0, at);
  const alone = text.trim() === run.trim();
  if (alone) {
    const parent = model.node(i).parent;
    if (parent >= 0) {
      const block = model.subtreeText(parent);
      const pos = block.indexOf(run);
      if (pos >= 0) {
        context = block.slice(Math.max(0, pos - 30), pos + run.length + 20);
        sentenceBefore = block.slice(Math.max(0, pos - 200), pos);
      }
    }
  }
  sentenceBefore = sentenceBefore.split(/[.!?;]\s+|\n/).pop() ?? '';
  const pos = context.indexOf(run);
  // Only the same sentence counts: "…sent to your phone. Control code 3127" is not a phone number.
  const pre =
    context
      .slice(0, pos)
      .split(/[.!?;]\s+|\n/)
      .pop() ?? '';
  const post = context.slice(pos + run.length, pos + run.length + 20);
  // Glued to a word: "aruanne_2024.pdf", "GPM2024", "SUT2025A" are parts of names and identifiers, not codes.
  if (/[\p{L}_]$/u.test(before) || /^[\p{L}_]/u.test(after)) return 'identifier';
  // Joined to letters by a dash or slash: "MB-3390", "ДГ-4471", "PS/2024" are references (a postal "LV-1050" too).
  if (/\p{L}[-‐–/]$/u.test(before) || /^[-‐–/]\p{L}/u.test(after)) return 'identifier';
  // Immediate neighbours decide first: "1299 €", "€2024", "#1234", "12.03.2024", "2024 m.", "1234,50".
  if (CURRENCY.test(pre.slice(-6)) || CURRENCY.test(post.slice(0, 6)) || /^\s*[,.]\d/.test(post)) return 'price';
  if (/[#№]\s*$|\b(no|nr|n°)\.?\s*$/i.test(pre)) return 'identifier';
  // The visible tail of a masked number: "****4567", "••• 4567", "******-*2345".
  if (/(?<![*•·xX])[*•·xX]{2,}[\s-]*(?:\*\s*)?$/.test(pre)) return 'identifier';
  if (/\d[./-]\s*$/.test(pre) || /^\s*[./-]\d/.test(post) || /^\s*:\d/.test(post) || /\d:\s*$/.test(pre)) return 'date';
  const year = Number(run) >= 1900 && Number(run) <= 2099;
  // Before the sentence split: the dot of "Mar. 2025" or "14. märts" does not end a sentence.
  if (year && nextToMonth(context.slice(0, pos), post)) return 'date';
  if (POSTAL_PREFIX.test(pre)) return 'identifier';
  // A code label right before the number wins over any other word in the sentence.
  const near = pre.slice(-40);
  if (hasConcept(pre.slice(-24), OTHER_CODE)) return 'identifier';
  if (findConcept(near, CODE_LABEL) || hasConcept(near, CODE_WORD)) return undefined;
  // "08-17", "12-03" read as hours, dates or ranges unless a code label comes right before them.
  if (dashed) return 'date';
  const labelledSentence =
    !!findConcept(sentenceBefore, CODE_LABEL) || hasConcept(pre, CODE_WORD) || !!findConcept(sentenceBefore, COMPARE_CODE);
  // A year inside a title or sentence that does not name it as the code ("Pajamų deklaracija 2024", "Annual report
  // 2024"): a label in another element nearby must not claim it. A code stands alone or is named in its sentence.
  const sentenceAfter = text
    .slice(at + run.length)
    .split(/[.!?;]\s|\n/)[0]
    .slice(0, 60);
  if (
    year &&
    !alone &&
    /\p{L}{2}/u.test(text.replace(run, '')) &&
    !labelledSentence &&
    !findConcept(sentenceAfter, CODE_LABEL) &&
    !hasConcept(sentenceAfter, CODE_WORD)
  )
    return 'year';
  if (year && (/[©]|\(c\)/i.test(pre) || YEAR_WORD_AFTER.test(post) || hasConcept(`${pre} ${post}`, YEAR_CONTEXT))) return 'year';
  if (hasConcept(pre.slice(-18) + ' ' + post.slice(0, 12), PRICE_CONTEXT)) return 'price';
  if (hasConcept(pre.slice(-18), IDENTIFIER_CONTEXT) || hasConcept(pre.slice(-18), DOCUMENT_CONTEXT)) return 'identifier';
  // After the code label check: "Control number 1234" is the code, "Policy number 1234" is not.
  if (NUMBER_WORD.test(fold(pre))) return 'identifier';
  // Phone numbers and their endings in the same sentence: "number ending in 5678", "trumpuoju numeriu 1884".
  if (!labelledSentence && hasConcept(pre.slice(-50), PHONE_CONTEXT)) return 'identifier';
  return undefined;
}

/** Stands for any text too long to be a digit box or a separator between boxes. */
const LONG_TEXT = 'long text';
// Asked of every node or of every child of a small container: at module level (a literal is a new object per call).
const HAS_DIGIT = /\d/;
const LETTER_OR_DIGIT = /[\p{L}\d]/u;
const SEQUENCE_ROLE = /^(navigation|tablist|menubar|menu)$/;
const BOX_DIGITS = /^\d{1,2}$/;
const BOX_SEPARATOR = /^[\s\-–·•]$/;

/** Consecutive children showing the digits in boxes ("0" "0" "4" "1", or "00" "41"), nothing else in the container: one code. */
function digitBoxes(model: FrameModel, i: number): { code: string; members: number[]; layout?: NodeLayout } | undefined {
  const kids = model.children[i];
  if (kids.length < 2 || kids.length > 9) return undefined;
  const box = model.node(i);
  const own = box.text ?? '';
  if (LETTER_OR_DIGIT.test(own)) return undefined;
  // Page buttons "1 2 3 4" under a document viewer and numbered steppers are positions in a sequence, not a code.
  if (box.tag === 'nav' || SEQUENCE_ROLE.test(box.attrs.role ?? '')) return undefined;
  // Made at the first digit: every container of 2–9 children on the page comes here, and most hold none.
  let digits: { k: number; d: string }[] | undefined;
  for (const k of kids) {
    const kid = model.node(k);
    if (isSequenceItem(kid)) return undefined;
    // A kid with a longer text is neither a digit nor a separator: its text need not be read in full (deep
    // containers hold most of the page).
    const d = (kid.tag === 'input' ? (kid.attrs.value ?? '') : (model.shortSubtreeText(k, 8) ?? LONG_TEXT)).trim();
    if (BOX_DIGITS.test(d)) (digits ??= []).push({ k, d });
    // A visually hidden copy for screen readers ("Kontrolinis kodas: 7052" in an sr-only span) is not part of the look.
    else if (kid.layout?.hidden === 'size' || kid.layout?.hidden === 'clipped' || kid.layout?.hidden === 'offscreen') continue;
    else if (d && !BOX_SEPARATOR.test(d)) return undefined;
  }
  if (!digits) return undefined;
  if (digits.length < 2 || digits.map((x) => x.d).join('').length !== 4) return undefined;
  // Boxes are all one digit, or all two: "4 82 1" is not a code layout.
  if (new Set(digits.map((x) => x.d.length)).size !== 1) return undefined;
  const members: number[] = [];
  for (const { k } of digits) {
    members.push(k);
    const stack = [...model.children[k]];
    while (stack.length) {
      const c = stack.pop()!;
      members.push(c);
      stack.push(...model.children[c]);
    }
  }
  const layouts = members.map((k) => model.node(k).layout).filter((l): l is NodeLayout => !!l && l.fontSize > 0);
  return { code: digits.map((x) => x.d).join(''), members, layout: mergeLayouts(layouts) };
}

/**
 * A numbered item of a pager or stepper: a button or link (readonly inputs excepted), the current page or step
 * (aria-current), or an item whose own accessible name is a word ("Page 2", "Dokuments") and not a digit of a code.
 */
function isSequenceItem(n: SnapNode): boolean {
  if (n.control && n.tag !== 'input') return true;
  if (n.attrs['aria-current'] !== undefined) return true;
  const name = n.attrs['aria-label'] ?? '';
  // "Digit 1", "Kontrolinio kodo skaitmuo" name a box of the code itself.
  return /\p{L}/u.test(name) && !DIGIT_NAME.test(fold(name)) && !findConcept(name, CODE_LABEL) && !hasConcept(name, CODE_WORD);
}

/** The code's look when split over boxes: the union box, the smallest font, the weakest contrast, any problem. */
function mergeLayouts(layouts: NodeLayout[]): NodeLayout | undefined {
  if (!layouts.length) return undefined;
  const union = unionBox(layouts.map((l) => l.box))!;
  const weakest = layouts.reduce((a, b) => ((b.contrast ?? 21) < (a.contrast ?? 21) ? b : a));
  const smallest = layouts.reduce((a, b) => (b.fontSize < a.fontSize ? b : a));
  return {
    box: union,
    fontSize: smallest.fontSize,
    fontWeight: smallest.fontWeight,
    color: weakest.color,
    background: weakest.background,
    contrast: weakest.contrast,
    backgroundUncertain: layouts.some((l) => l.backgroundUncertain) || undefined,
    hidden: layouts.find((l) => l.hidden)?.hidden,
    coveredBy: layouts.find((l) => l.coveredBy)?.coveredBy,
    inViewport: layouts.every((l) => l.inViewport),
  };
}

const LABEL_DISTANCE_PX = 300;
const LABEL_TREE_LEVELS = 4;

/**
 * Finds the label that names a candidate as the code: in its own text or accessible name, or a label text in the
 * same small container (a few levels up) or within 300 px on screen. `stepPresent` lets a bare "code" word count.
 */
export function labelFor(model: FrameModel, c: CodeCandidate, stepPresent: boolean): { text: string; node: number } | undefined {
  const n = model.node(c.node);
  const ownWords = (n.text ?? '').replace(c.domCode ?? c.code, ' ') + ' ' + (n.attrs['aria-label'] ?? '') + ' ' + (n.attrs.title ?? '');
  if (isLabelText(ownWords, stepPresent)) return { text: ownWords.trim(), node: c.node };
  // The number's own key names it: "Policy number | 4410" is not claimed by a code label further away.
  const key = ownKey(model, c);
  if (key) return isLabelText(key.text, stepPresent) ? key : undefined;
  let best: { text: string; node: number; score: number } | undefined;
  for (const other of labelNodes(model, stepPresent)) {
    if (other.i === c.node) continue;
    const lca = model.lca(other.i, c.node);
    let levels = 0;
    for (let p = c.node; p >= 0 && p !== lca; p = model.node(p).parent) levels++;
    const treeClose = levels <= LABEL_TREE_LEVELS && lca !== 0 && model.node(lca).tag !== 'body';
    const a = c.layout?.box,
      b = other.layout?.box;
    const distance = a && b && a.w > 0 && b.w > 0 ? boxDistance(a, b) : Infinity;
    if (!treeClose && distance > LABEL_DISTANCE_PX) continue;
    const score = (treeClose ? 0 : 1000) + levels * 10 + Math.min(distance, 999) / 100;
    if (!best || score < best.score) best = { text: labelShown(model, other), node: other.i, score };
  }
  return best && { text: best.text, node: best.node };
}

/**
 * The key a number is shown under: "Key: 1234" in its own element, the <label for> of its field, the <dt> of its
 * <dd>, or the <th> of its table row. Only looked for while the number stands alone in its cell.
 */
function ownKey(model: FrameModel, c: CodeCandidate): { text: string; node: number } | undefined {
  const n = model.node(c.node);
  const own = n.text ?? '';
  const written = c.domCode ?? c.code;
  const at = written && own.includes(written) ? own.indexOf(written) : own.search(/\d/);
  const head = at > 0 ? own.slice(0, at) : '';
  if (/\p{L}/u.test(head) && /:\s*$/.test(head)) return { text: head.replace(/:\s*$/, '').trim(), node: c.node };
  if (n.attrs.id && (n.tag === 'input' || n.tag === 'textarea' || n.tag === 'output')) {
    const label = model.nodes.find((l) => l.tag === 'label' && l.attrs.for === n.attrs.id && !isHiddenNode(l));
    const text = label && model.subtreeText(label.i);
    if (label && text && /\p{L}/u.test(text)) return { text, node: label.i };
  }
  const bare = (t: string) => t.replace(/[^\p{L}\d]/gu, '');
  for (let k = c.node, up = 0; k >= 0 && up < 3; k = model.node(k).parent, up++) {
    const cell = model.node(k);
    if (bare(model.subtreeText(k)) !== (c.domCode ?? c.code)) return undefined;
    if (cell.tag !== 'dd' && cell.tag !== 'td') continue;
    const siblings = model.children[cell.parent] ?? [];
    const before = siblings.slice(0, siblings.indexOf(k)).reverse();
    // A <dd> is named by its <dt>; a cell by the row's header, or by the text cell before it ("Policy number | 4410").
    const keyTags = cell.tag === 'dd' ? ['dt'] : ['th', 'td'];
    const keyNode = before.find(
      (s) => keyTags.includes(model.node(s).tag) && !isHiddenNode(model.node(s)) && /\p{L}/u.test(model.subtreeText(s)),
    );
    const text = keyNode !== undefined ? model.subtreeText(keyNode) : '';
    return keyNode !== undefined && /\p{L}/u.test(text) ? { text, node: keyNode } : undefined;
  }
  return undefined;
}

/** Visible texts that could label a code, computed once per frame. */
function labelNodes(model: FrameModel, stepPresent: boolean): SnapNode[] {
  return model.cached(`label-nodes:${stepPresent}`, () =>
    model.nodes.filter((n) => n.text && !isHiddenNode(n) && !n.layout?.hidden && isLabelText(labelShown(model, n), stepPresent)),
  );
}

/** A label is judged by the words it paints (a label drawn right to left, or reordered by CSS, reads as painted). */
function labelShown(model: FrameModel, n: SnapNode): string {
  return n.visual?.scope === 'own' ? (paintedReading(model, n.i, n.text ?? '', true)?.text ?? n.text ?? '') : (n.text ?? '');
}

function isLabelText(text: string, stepPresent: boolean): boolean {
  if (!/\p{L}/u.test(text)) return false;
  if (findConcept(text, CODE_LABEL) || findConcept(text, COMPARE_CODE)) return true;
  return stepPresent && hasConcept(text, CODE_WORD) && !hasConcept(text, OTHER_CODE) && fold(text).length < 80;
}

export function unionBox(boxes: Box[]): Box | undefined {
  if (!boxes.length) return undefined;
  return boxes.reduce((a, b) => {
    const x = Math.min(a.x, b.x),
      y = Math.min(a.y, b.y);
    return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  });
}
