/**
 * Does a block of the page read as a document? One home for the question preview asks (is the document being signed
 * shown?) and localization asks (document text keeps its own language): a block marked as a document by the page,
 * or numbered clauses under a document word — and not help on how to sign, a privacy note or another of the site's
 * documents, which are long text too.
 */
import { isHiddenNode, isVisible, type FrameModel } from '../model';
import {
  DOCUMENT_MARK,
  OTHER_DOCUMENTS,
  CONTRACT_WORDS,
  HOW_TO_SIGN,
  DOC_TITLE,
  CODE_LABEL,
  COMPARE_CODE,
  DOCUMENT,
  DOCUMENT_COMPOUND,
  MOBILE_ID,
  PHONE_INSTRUCTION,
  PIN_ENTRY,
  SIGN,
  SMART_ID,
  fold,
  hasConcept,
  squash,
  type Concept,
} from '../text';
import type { SnapNode } from '../types';

/** Whether the page marks this element as a document or a document viewer (its class, id, aria-label or role). */
export function markedAsDocument(n: SnapNode): boolean {
  return DOCUMENT_MARK.test(fold(`${n.attrs.class ?? ''} ${n.attrs.id ?? ''} ${n.attrs['aria-label'] ?? ''} ${n.attrs.role ?? ''}`));
}

/** A document noun: a document word, or a contract compound ("laenulepingut", "pirkumlīgums"). */
export function namesDocument(text: string): boolean {
  return hasConcept(text, DOCUMENT) || namesCompound(fold(text));
}

/** A contract compound in a folded text. */
function namesCompound(folded: string): boolean {
  // The pattern backtracks over every word of the text: only a text holding one of its endings can match.
  return (folded.includes('leping') || folded.includes('ligum')) && DOCUMENT_COMPOUND.test(folded);
}

/**
 * A generic wrapper: <div> and the sectioning tags a page may use in its place, and custom elements (<app-panel>).
 * Which of them wraps a text is invisible to the user, so none of them may change what counts as a document.
 */
export function isWrapper(tag: string): boolean {
  return WRAPPER_TAGS.has(tag) || tag.includes('-');
}
const WRAPPER_TAGS = new Set(['div', 'section', 'article', 'aside', 'main']);
/** A block that may hold a document's text. <ol>: a contract's clauses as a list (numbered by the browser, so the numbers are not in the text). */
export const isDocumentBlock = (tag: string) => isWrapper(tag) || tag === 'pre' || tag === 'body' || tag === 'ol';
/** A part of such a block: a paragraph, an item, a heading, a wrapper of them. */
export const isDocumentPart = (tag: string) => isWrapper(tag) || ['p', 'li', 'ol', 'ul', 'h1', 'h2', 'h3', 'h4'].includes(tag);

/** Text of a subtree with its hidden parts, in reading order: what a collapsed block shows once it is opened. */
export function fullText(model: FrameModel, i: number, max: number): string {
  const parts: string[] = [];
  let length = 0;
  const stack = [i];
  while (stack.length && length <= max) {
    const k = stack.pop()!;
    const t = model.node(k).text;
    if (t) {
      parts.push(t);
      length += t.length + 1;
    }
    const kids = model.children[k];
    for (let c = kids.length - 1; c >= 0; c--) stack.push(kids[c]);
  }
  return squash(parts.join(' ')).slice(0, max);
}

/** What the phone step's help names: the method, the PIN, the code to compare (a contract rarely names two of them). */
const PHONE_STEP_TERMS: Concept[] = [PIN_ENTRY, COMPARE_CODE, CODE_LABEL, SMART_ID, MOBILE_ID];
/** …and what its steps speak of: those, the phone and the app. */
const PHONE_STEP: Concept[] = [...PHONE_STEP_TERMS, PHONE_INSTRUCTION];

/** A clause number before a capitalised word ("1.2. Šalys", "§ 4 The"), anywhere in a text. */
const NUMBERED = /(^|\s)(§\s*\d+|\d+\.\d*\.?)\s+\p{Lu}/gu;

/**
 * A long block reads as a document: marked as such by the page, or numbered clauses (at least three) under a
 * document word. Help steps, privacy notes and footers are long text too, so text length alone is not enough.
 * `text` is the block's text as judged (shown, or in full for a collapsed block), `parts` its parts with text.
 */
export function readsAsDocument(model: FrameModel, n: SnapNode, text: string, parts: number): boolean {
  if (parts < 3 && n.tag !== 'pre') return false;
  const marked = markedAsDocument(n);
  let clauses = (text.match(NUMBERED) ?? []).length;
  let named = namesDocument(text.slice(0, 400)) || hasConcept(text.slice(0, 200), CONTRACT_WORDS);
  if (n.tag === 'ol') {
    // Its items are the clauses; the document's name is in the heading just before, unless that heading speaks of
    // signing ("Sutarties pasirašymas": the steps of signing, not the contract).
    const heading = headingBefore(model, n);
    clauses = Math.max(clauses, parts);
    named = (namesDocument(heading) || namesCompound(fold(heading))) && !hasConcept(heading, SIGN);
  }
  const framed = !model.frame.isTop && model.nodes.filter((x) => x.control).length <= 2;
  // Unmarked text with clauses must be the text alone: a block that also holds the page's buttons is the page.
  // (Counted only when it decides: a block's first 2,000 descendants.)
  const buttons = () => model.descendants(n.i, 2000).filter((k) => model.node(k).control && model.node(k).tag !== 'a').length;
  const clauseText = clauses >= 3 && (named || framed) && (framed || buttons() === 0);
  if (!marked && !clauseText && !(framed && text.length >= 600)) return false;
  // Privacy / cookie / help text is not the document being signed.
  if (!marked && hasConcept(text.slice(0, 200), OTHER_DOCUMENTS)) return false;
  return !helpSteps(model, n, text);
}

/** Parts of a shown block that show more than 40 characters (hidden ones do not count). */
function shownParts(model: FrameModel, i: number): number {
  return model.children[i].filter((k) => {
    const c = model.node(k);
    return isDocumentPart(c.tag) && !isHiddenNode(c) && model.subtreeText(k, 400).length > 40;
  }).length;
}

/**
 * A shown block that reads as a document, judged on the text it shows (at least 400 characters). The whole page's
 * <body> never does; a frame's <body> may (a document shown in an iframe).
 */
export function showsDocumentText(model: FrameModel, n: SnapNode): boolean {
  if (!isDocumentBlock(n.tag) || isHiddenNode(n) || (n.tag === 'body' && model.frame.isTop)) return false;
  const text = model.subtreeText(n.i, 4000);
  if (text.length < 400) return false;
  // Asked by preview and localization of the same blocks: judged once per block and frame.
  return model.cachedFor('document:shows-text', n.i, () => readsAsDocument(model, n, text, shownParts(model, n.i)));
}

/** A numbered clause: "1.", "2.3.", "§ 4", "IV." at the start of a paragraph. */
const CLAUSE = /^(?:\d{1,2}(?:\.\d{1,2})*\.?|§\s*\d+\.?|[IVX]{1,4}\.)\s+\S/;

/**
 * Document text titled as one, with no marking of its own (a Tailwind "prose" article, a plain scroll box): a
 * container without controls, whose first text names a contract / agreement / terms (not a question: "How to sign
 * the document?" is help), and whose body is numbered clauses or many sentences. Localization's detector (moved here
 * as it was); preview judges by readsAsDocument.
 */
export function titledAsDocument(model: FrameModel, c: SnapNode): boolean {
  if (!TITLED_TAGS.has(c.tag)) return false;
  // Read from the subtree alone (its fields, texts and shape): kept for the next snapshot while the subtree is the same.
  return model.subtreeFact('document:titled', c.i, readsTitled);
}

const TITLED_TAGS = new Set(['article', 'section', 'div', 'main', 'aside', 'pre', 'blockquote']);

/** titledAsDocument of node i, once its tag may be one (module level: asked of every container up from each text). */
function readsTitled(i: number, model: FrameModel): boolean {
  const c = model.node(i);
  // Asked of every container up from each text: the two quick refusals below, told without listing its descendants.
  if (model.subtreeSize(c.i) > 2000 || holdsShownField(model)[c.i]) return false;
  const inside = model.descendants(c.i, 2000).map((k) => model.node(k));
  // Too big to be one document box (a page wrapper), or with controls in it (a form, a dialog): not document text.
  if (inside.length >= 2000 || inside.some(isShownField)) return false;
  const texts = inside.filter((n) => n.text && !isHiddenNode(n)).map((n) => n.text!.trim());
  const title = texts.find((t) => /\p{L}/u.test(t));
  if (!title || title.length > 160 || /\?\s*$/.test(title) || !DOC_TITLE.test(fold(title))) return false;
  const body = texts.slice(texts.indexOf(title) + 1);
  const clauses = body.filter((t) => CLAUSE.test(t) && t.length >= 40).length;
  const sentences = body
    .join(' ')
    .split(/[.!?;](?:\s|$)/)
    .filter((x) => x.trim().length >= 30).length;
  return body.join(' ').length >= 250 && (clauses >= 3 || sentences >= 5);
}

/** A visible control or field. */
function isShownField(n: SnapNode): boolean {
  return (!!n.control || n.tag === 'input' || n.tag === 'textarea' || n.tag === 'select') && isVisible(n);
}

/** Per node, 1 when a visible control or field is below it (computed once per frame). */
function holdsShownField(model: FrameModel): Uint8Array {
  return model.cached('document:holds-field', findShownFieldHolders);
}

const findShownFieldHolders = (model: FrameModel) => model.holdersOf(isShownField);

/** The text of the heading right before a block (its previous sibling), or ''. */
function headingBefore(model: FrameModel, n: SnapNode): string {
  const siblings = n.parent >= 0 ? model.children[n.parent] : [];
  const before = siblings[siblings.indexOf(n.i) - 1];
  return before !== undefined && /^h[1-6]$/.test(model.node(before).tag) ? fullText(model, before, 200) : '';
}

/**
 * Numbered help on how to sign ("1. Press 'Sign with Mobile-ID' … 3. Enter PIN2"): under a "how to sign" heading,
 * or paragraphs that mostly speak of the phone step and name at least two of its terms. A phone contract speaks of
 * phones in every clause, but not of PINs, control codes and signing methods.
 */
export function helpSteps(model: FrameModel, n: SnapNode, text: string): boolean {
  const heading = headingBefore(model, n);
  if (hasConcept(`${heading} ${text.slice(0, 200)}`, HOW_TO_SIGN)) return true;
  const parts = model.children[n.i].map((k) => fullText(model, k, 600)).filter((t) => t.length > 40);
  const steps = parts.filter((t) => PHONE_STEP.some((c) => hasConcept(t, c))).length;
  const terms = PHONE_STEP_TERMS.filter((c) => hasConcept(text, c)).length;
  return parts.length >= 2 && steps * 2 >= parts.length && terms >= 2;
}
