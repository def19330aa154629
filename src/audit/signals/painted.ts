/**
 * Painted names: what the screen shows of a text that a rule judges by its words (a control's name, a brand name),
 * set beside what the DOM text says. The gather reads short names glyph by glyph where CSS can reorder, draw or hide
 * their glyphs (SnapNode.visual, gather/visual-text.ts); this puts those readings in their place in a longer text.
 * For a WYSIWYS auditor the painted reading is the one judged; the DOM's is shown beside it when they differ.
 */
import { isHiddenNode, type FrameModel } from '../model';
import { squash } from '../text';
import type { SnapNode } from '../types';

export interface PaintedReading {
  /** The text as painted. */
  text: string;
  /** The same text as the DOM says it. */
  dom: string;
  /** CSS that moves, draws or hides glyphs in it ("unicode-bidi: bidi-override", "order", "::after content"). */
  cues: string[];
  /** The readings differ in letters, digits or punctuation, not only in spacing, case or icon glyphs. */
  differs: boolean;
}

/** Text as the user reads it after CSS text-transform (innerText, and so flow text, already has it applied). */
export function asShown(text: string, transform: 'uppercase' | 'lowercase' | 'capitalize' | undefined): string {
  if (transform === 'uppercase') return text.toUpperCase();
  if (transform === 'lowercase') return text.toLowerCase();
  if (transform === 'capitalize') return text.replace(/(^|[\s(["'«„“])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase());
  return text;
}

const MAX_NODES = 300;
const WORDS = /[\p{L}\p{N}]/u;

/** Per node, 1 when it or a node of its subtree has a painted reading. */
const paintedHolders = (model: FrameModel) => model.holdersOf(hasPaintedReading, true);
const hasPaintedReading = (n: SnapNode) => !!n.visual;

/**
 * The painted reading of `base`, a text of node i's subtree (its flow text, its accessible name, or with `own` its
 * own text): each part of it that the gather read as painted differently is put in its place. Undefined when no part
 * of it is read, or when what is painted has no letters or digits (an icon; a text clipped away entirely): then
 * nothing is painted in words and the DOM's text is all there is, as for an aria-label.
 */
export function paintedReading(model: FrameModel, i: number, base: string, own = false): PaintedReading | undefined {
  // Most frames have few painted readings, or none: look inside a subtree only when one of them is there.
  if (!model.cached('painted:holders', paintedHolders)[i]) return undefined;
  const parts = own ? (model.node(i).visual?.scope === 'own' ? [model.node(i)] : []) : paintedParts(model, i);
  const shown = parts.filter((p) => WORDS.test(p.visual!.text));
  if (!shown.length) return undefined;
  const substituted = substitute(base, shown, model) ?? assemble(model, i, own, new Set(shown.map((p) => p.i)));
  const text = squash(substituted.painted);
  const dom = squash(substituted.dom);
  if (!WORDS.test(text)) return undefined;
  const cues = [...new Set(shown.flatMap((p) => p.visual!.cues ?? []))];
  return { text, dom, cues, differs: wordsOf(text) !== wordsOf(dom) };
}

/** Evidence for a finding: both readings and the CSS that makes them differ, when they do. */
export function paintedEvidence(reading: PaintedReading | undefined): Record<string, unknown> {
  if (!reading?.differs) return {};
  return { visualText: reading.text, domText: reading.dom, ...(reading.cues.length ? { visualCause: reading.cues.join(', ') } : {}) };
}

/** What a reading says in words: spaces, invisible format characters, case and symbols (icons, arrows) left out. */
function wordsOf(text: string): string {
  return text.replace(/[\s\p{Cf}\p{S}\p{Co}]+/gu, '').toLowerCase();
}

/** Nodes of the subtree with a painted reading, in document order; nothing inside a region read as a whole. */
function paintedParts(model: FrameModel, i: number): SnapNode[] {
  const out: SnapNode[] = [];
  const stack = [i];
  for (let seen = 0; stack.length && seen < MAX_NODES; seen++) {
    const n = model.node(stack.pop()!);
    if (isHiddenNode(n)) continue;
    if (n.visual) out.push(n);
    if (n.visual?.scope === 'content') continue;
    const kids = model.children[n.i];
    for (let c = kids.length - 1; c >= 0; c--) stack.push(kids[c]);
  }
  return out;
}

/** A part's DOM text and painted text. A letter-box region's DOM text is its characters as the gather spaced them. */
function partTexts(model: FrameModel, n: SnapNode): { written: string; dom: string; painted: string } {
  const v = n.visual!;
  if (v.scope === 'own') {
    // A button field paints its value, not text nodes.
    const own = n.text ?? (n.tag === 'input' ? (n.attrs.value ?? '') : '');
    return { written: own, dom: own, painted: v.text };
  }
  const written = model.subtreeText(n.i, 200);
  return { written, dom: v.dom ?? written, painted: v.text };
}

/** Puts each part's readings in place of its DOM text in `base`; undefined when a part cannot be found there. */
function substitute(base: string, parts: SnapNode[], model: FrameModel): { painted: string; dom: string } | undefined {
  let painted = '';
  let dom = '';
  let cursor = 0;
  for (const p of parts) {
    const t = partTexts(model, p);
    const at = locate(base, t.written, cursor);
    if (!at) return undefined;
    painted += base.slice(cursor, at[0]) + t.painted;
    dom += base.slice(cursor, at[0]) + t.dom;
    cursor = at[1];
  }
  return { painted: painted + base.slice(cursor), dom: dom + base.slice(cursor) };
}

/**
 * Where `needle` occurs in `text` from `from` on, ignoring spaces and case (flow text spaces letter boxes apart and
 * applies text-transform), as [start, end) in `text`. Undefined for an empty needle.
 */
function locate(text: string, needle: string, from: number): [number, number] | undefined {
  const want = [...needle.replace(/\s+/g, '')].map((c) => c.toLowerCase());
  if (!want.length) return undefined;
  for (let start = from; start < text.length; start++) {
    if (/\s/.test(text[start])) continue;
    let k = 0;
    let at = start;
    while (at < text.length && k < want.length) {
      const cp = text.codePointAt(at)!;
      const ch = String.fromCodePoint(cp);
      if (/\s/.test(ch) && k > 0) {
        at += ch.length;
        continue;
      }
      if (ch.toLowerCase() !== want[k]) break;
      k++;
      at += ch.length;
    }
    if (k === want.length) return [start, at];
  }
  return undefined;
}

/**
 * The subtree's texts in document order (an element's own text, then its children's, as the accessible name is
 * built), each part replaced by its readings: used when the base text does not hold a part's DOM text as such
 * (an aria-label, own text split around children, a name drawn only by CSS).
 */
function assemble(model: FrameModel, i: number, own: boolean, parts: Set<number>): { painted: string; dom: string } {
  const painted: string[] = [];
  const dom: string[] = [];
  const stack = [i];
  for (let seen = 0; stack.length && seen < MAX_NODES; seen++) {
    const n = model.node(stack.pop()!);
    if (isHiddenNode(n) || (n.i !== i && n.attrs['aria-hidden'] === 'true' && !parts.has(n.i))) continue;
    if (parts.has(n.i)) {
      const t = partTexts(model, n);
      painted.push(t.painted);
      dom.push(t.dom);
      if (n.visual!.scope === 'content') continue;
    } else if (n.text) {
      painted.push(asShown(n.text, n.layout?.textTransform));
      dom.push(n.text);
    }
    if (own) break;
    const kids = model.children[n.i];
    for (let c = kids.length - 1; c >= 0; c--) stack.push(kids[c]);
  }
  return { painted: painted.join(' '), dom: dom.join(' ') };
}
