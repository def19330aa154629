/**
 * Finds 4-digit verification codes in a frame: a plain "0041", a spaced "00 41" / "0 0 4 1" alone in its element,
 * or four digit boxes (spans, readonly inputs) in one container. Numbers that are prices, years, dates, times,
 * phone numbers, identifiers or parts of longer numbers are decoys, not codes.
 */
import { FrameModel, boxDistance, isHiddenNode } from '../model';
import {
  CODE_LABEL, CODE_WORD, COMPARE_CODE, IDENTIFIER_CONTEXT, OTHER_CODE, PHONE_CONTEXT, PRICE_CONTEXT, YEAR_CONTEXT, findConcept, fold, hasConcept,
} from '../text';
import type { Box, NodeLayout, SnapNode } from '../types';

export interface CodeCandidate {
  frame: number;
  /** The element showing the code (the container for digit boxes). */
  node: number;
  code: string;
  form: 'plain' | 'spaced' | 'boxes';
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

export function findCodeCandidates(model: FrameModel): CodeCandidate[] {
  return model.cached('code-candidates', () => collectCodeCandidates(model));
}

function collectCodeCandidates(model: FrameModel): CodeCandidate[] {
  const out: CodeCandidate[] = [];
  const inBoxes = new Set<number>();
  // Digit boxes first, so their single digits are not read again.
  for (const n of model.nodes) {
    const boxes = digitBoxes(model, n.i);
    if (!boxes) continue;
    for (const k of boxes.members) inBoxes.add(k);
    out.push({ frame: model.index, node: n.i, code: boxes.code, form: 'boxes', layout: boxes.layout });
  }
  for (const n of model.nodes) {
    if (inBoxes.has(n.i)) continue;
    const text = n.text ?? (n.tag === 'input' && n.attrs.readonly !== undefined ? n.attrs.value : undefined);
    if (!text || !/\d/.test(text)) continue;
    for (const m of text.matchAll(NUMBER_RUN)) {
      const run = m[0];
      const digits = run.replace(/\D/g, '');
      if (digits.length !== 4) continue;
      const plain = /^\d{4}$/.test(run);
      const spaced = !plain && /^\d(?:[\s\u00a0]*\d){3}$/.test(run) && isAlone(text, run);
      if (!plain && !spaced) continue;
      const candidate: CodeCandidate = { frame: model.index, node: n.i, code: digits, form: plain ? 'plain' : 'spaced', layout: n.layout };
      const decoy = decoyOf(model, n.i, text, m.index ?? 0, run);
      if (decoy) candidate.decoy = decoy;
      out.push(candidate);
    }
  }
  return out;
}

function isAlone(text: string, run: string): boolean {
  return text.replace(run, '').replace(/[\s:]/g, '').length === 0 || !/\d/.test(text.replace(run, ''));
}

/** Context around the number: its own text, widened to the parent block when the number stands alone. */
function decoyOf(model: FrameModel, i: number, text: string, at: number, run: string): CodeCandidate['decoy'] {
  const before = text.slice(Math.max(0, at - 30), at);
  const after = text.slice(at + run.length, at + run.length + 20);
  let context = `${before} ${run} ${after}`;
  const alone = text.trim() === run.trim();
  if (alone) {
    const parent = model.node(i).parent;
    if (parent >= 0) {
      const block = model.subtreeText(parent, 300);
      const pos = block.indexOf(run);
      if (pos >= 0) context = block.slice(Math.max(0, pos - 30), pos + run.length + 20);
    }
  }
  const pos = context.indexOf(run);
  // Only the same sentence counts: "…sent to your phone. Control code 3127" is not a phone number.
  const pre = context.slice(0, pos).split(/[.!?;]\s+|\n/).pop() ?? '';
  const post = context.slice(pos + run.length, pos + run.length + 20);
  // Immediate neighbours decide first: "1299 €", "€2024", "#1234", "12.03.2024", "2024 m.", "1234,50".
  if (CURRENCY.test(pre.slice(-6)) || CURRENCY.test(post.slice(0, 6)) || /^\s*[,.]\d/.test(post)) return 'price';
  if (/[#№]\s*$|\b(no|nr|n°)\.?\s*$/i.test(pre)) return 'identifier';
  // The visible tail of a masked number: "****4567", "••• 4567", "******-*2345".
  if (/[*•·xX]{2,}[\s-]*\*?\s*$/.test(pre)) return 'identifier';
  if (/\d[./-]\s*$/.test(pre) || /^\s*[./-]\d/.test(post) || /^\s*:\d/.test(post) || /\d:\s*$/.test(pre)) return 'date';
  // A code label right before the number wins over any other word in the sentence.
  const near = pre.slice(-40);
  if (hasConcept(pre.slice(-24), OTHER_CODE)) return 'identifier';
  if (findConcept(near, CODE_LABEL) || hasConcept(near, CODE_WORD)) return undefined;
  const labelledSentence = !!findConcept(pre, CODE_LABEL) || hasConcept(pre, CODE_WORD);
  const year = Number(run) >= 1900 && Number(run) <= 2099;
  if (year && (/[©]|\(c\)/i.test(pre) || /^\.?\s*(m\.|г\.|г(?![\p{L}])|gad|a\.|aasta|metai|year|год)/iu.test(post) || hasConcept(`${pre} ${post}`, YEAR_CONTEXT))) return 'year';
  if (hasConcept(pre.slice(-18) + ' ' + post.slice(0, 12), PRICE_CONTEXT)) return 'price';
  if (hasConcept(pre.slice(-18), IDENTIFIER_CONTEXT)) return 'identifier';
  // Phone numbers and their endings in the same sentence: "number ending in 5678", "trumpuoju numeriu 1884".
  if (!labelledSentence && hasConcept(pre.slice(-50), PHONE_CONTEXT)) return 'identifier';
  return undefined;
}

/** Consecutive children showing the digits in boxes ("0" "0" "4" "1", or "00" "41"), nothing else in the container: one code. */
function digitBoxes(model: FrameModel, i: number): { code: string; members: number[]; layout?: NodeLayout } | undefined {
  const kids = model.children[i];
  if (kids.length < 2 || kids.length > 9) return undefined;
  const own = model.node(i).text ?? '';
  if (/[\p{L}\d]/u.test(own)) return undefined;
  const digits: { k: number; d: string }[] = [];
  for (const k of kids) {
    const kid = model.node(k);
    const d = kid.tag === 'input' ? kid.attrs.value ?? '' : model.subtreeText(k, 10);
    if (/^\d{1,2}$/.test(d.trim())) digits.push({ k, d: d.trim() });
    else if (d.trim() && !/^[\s\-–·•]$/.test(d.trim())) return undefined;
  }
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
  const ownWords = (n.text ?? '').replace(c.code, ' ') + ' ' + (n.attrs['aria-label'] ?? '') + ' ' + (n.attrs.title ?? '');
  if (isLabelText(ownWords, stepPresent)) return { text: ownWords.trim(), node: c.node };
  let best: { text: string; node: number; score: number } | undefined;
  for (const other of labelNodes(model, stepPresent)) {
    if (other.i === c.node) continue;
    const lca = model.lca(other.i, c.node);
    let levels = 0;
    for (let p = c.node; p >= 0 && p !== lca; p = model.node(p).parent) levels++;
    const treeClose = levels <= LABEL_TREE_LEVELS && lca !== 0 && model.node(lca).tag !== 'body';
    const a = c.layout?.box, b = other.layout?.box;
    const distance = a && b && a.w > 0 && b.w > 0 ? boxDistance(a, b) : Infinity;
    if (!treeClose && distance > LABEL_DISTANCE_PX) continue;
    const score = (treeClose ? 0 : 1000) + levels * 10 + Math.min(distance, 999) / 100;
    if (!best || score < best.score) best = { text: other.text ?? '', node: other.i, score };
  }
  return best && { text: best.text, node: best.node };
}

/** Visible texts that could label a code, computed once per frame. */
function labelNodes(model: FrameModel, stepPresent: boolean): SnapNode[] {
  return model.cached(`label-nodes:${stepPresent}`, () =>
    model.nodes.filter((n) => n.text && !isHiddenNode(n) && !n.layout?.hidden && isLabelText(n.text, stepPresent)));
}

function isLabelText(text: string, stepPresent: boolean): boolean {
  if (!/\p{L}/u.test(text)) return false;
  if (findConcept(text, CODE_LABEL) || findConcept(text, COMPARE_CODE)) return true;
  return stepPresent && hasConcept(text, CODE_WORD) && !hasConcept(text, OTHER_CODE) && fold(text).length < 80;
}

export function unionBox(boxes: Box[]): Box | undefined {
  if (!boxes.length) return undefined;
  return boxes.reduce((a, b) => {
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  });
}
