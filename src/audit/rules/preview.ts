/**
 * preview: when the page lets the user sign a document, the document can be viewed before signing.
 * Sources: eIDAS Annex II(2) (data presented to the signatory prior to signing), ETSI TS 119 431-2 WYSIWYS
 * principles (secondary), Dokobit Gateway signing page (shows the document) — domain.md §3.3, §4, §6.4 WY-1.
 */
import { aggregate, reasonsOf, type CheckVerdict } from '../checks';
import {
  fullText,
  isDocumentPart,
  isWrapper,
  namesDocument,
  readsAsDocument,
  showsDocumentText,
  isDocumentBlock,
} from '../signals/document';
import { findConfirmationStep, findSigningIntent, type SigningIntent } from '../signals/step';
import { isDocumentViewerUrl, isGatewaySigningUrl, showsPdf } from '../urls';
import { layoutEvidence, nodeFinding } from '../findings';
import { format } from '../messages';
import { inSiteChrome, isHiddenNode, isRendered, modelsOf, type FrameModel } from '../model';
import { sameDocument } from '../redact';
import {
  FULL_TEXT,
  PAGE_MARK,
  OTHER_DOCUMENTS,
  STRONG_PREVIEW,
  APPLICATION,
  CHECK_DATA,
  AFTER_SIGNING,
  CODE_LABEL,
  CODE_WORD,
  DOCUMENT,
  DOWNLOAD,
  MOBILE_ID,
  PHONE_INSTRUCTION,
  PREVIEW,
  SIGN,
  SMART_ID,
  fold,
  hasConcept,
} from '../text';
import type { Finding, PageSnapshot, Rule, RuleOutcome, SnapNode } from '../types';

export const messages = {
  notApplicable: 'Nothing is offered for signing on this page.',
  authOnly: 'This is an authentication step; no document is signed.',
  pass: 'The document can be viewed before signing: ${how}.',
  review: 'Whether the document can be viewed is unclear: ${reasons}.',
  fail: 'The user can sign but cannot see the document: ${reasons}.',
  none: 'no document viewer, document text or preview control is offered',
  viewer: '${kind} "${src}"',
  gateway: 'the Dokobit Documents Gateway signing page shows it',
  pdfjs: 'a PDF viewer with ${pages} rendered page(s)',
  pageImages: '${count} page image(s)',
  text: 'the document text is shown in the page (${chars} characters)',
  formData: 'the data being signed is shown in the page (${count} fields under "${context}")',
  control: 'the control "${name}" opens it',
  hiddenViewer: 'the document viewer is hidden (${how})',
  tinyViewer: 'the document viewer is only ${w}×${h} px',
  disabledControl: 'the preview control "${name}" is disabled (${how})',
  afterSigning: 'the document is only offered after signing ("${text}")',
  fileNameOnly: 'only the file name "${name}" is shown',
  rowWithoutPreview: 'the document "${name}" has no way to be opened',
  batchMissing: '${missing} of ${total} documents cannot be opened (${names})',
  unknownFrame: 'an embedded frame from ${origin} (${w}×${h} px) may show the document, but its content could not be read',
  signal: 'Signing is offered: "${text}"',
};

export const meta = {
  id: 'preview' as const,
  title: 'Document can be previewed before signing',
  failureTitle: 'Document cannot be previewed before signing',
  description:
    'What You See Is What You Sign: before the user can sign, the document itself must be viewable (a PDF viewer, the rendered text, the Dokobit Gateway signing page, or a clearly labelled preview control).',
  severity: 'critical' as const,
  source: 'eIDAS Annex II(2); ETSI TS 119 431-2 (WYSIWYS); Dokobit Documents Gateway (domain.md §3.3, §4, §6.4)',
};

const MIN_VIEWER_PX = 150;
const FILE_NAME = /[\p{L}\p{N}_.()\- ]{1,80}\.(pdf|docx?|odt|rtf|txt|asice|asics|bdoc|edoc|adoc|xlsx?|pptx?)\b/iu;
/**
 * What every FILE_NAME match ends with, found in one quick pass: FILE_NAME itself tries up to 80 characters of name
 * at every position of a text, which on a long page costs more than the rest of the rule.
 */
const FILE_EXTENSION = /\.(pdf|docx?|odt|rtf|txt|asice|asics|bdoc|edoc|adoc|xlsx?|pptx?)\b/iu;
/** The first file name in a text (FILE_NAME), tried only on texts that show a file extension at all. */
const fileNameIn = (text: string) => (FILE_EXTENSION.test(text) ? FILE_NAME.exec(text) : null);
const showsFileName = (text: string) => fileNameIn(text) !== null;
/** Every file name in a text, one token each (FILE_NAMES). */
const fileNamesIn = (text: string) => (FILE_EXTENSION.test(text) ? (text.match(FILE_NAMES) ?? []) : []);
/** For counting the file names in a text: one token each, so that "a.pdf b.pdf" is two. */
const FILE_NAMES = /(?<![\p{L}\p{N}_.()-])[\p{L}\p{N}_.()-]+\.(pdf|docx?|odt|rtf|txt|asice|asics|bdoc|edoc|adoc|xlsx?|pptx?)\b/giu;

function strongPreview(name: string): boolean {
  const folded = fold(name);
  return STRONG_PREVIEW.some((w) => folded.includes(w));
}

/**
 * The file name as shown, not the sentence before it: FILE_NAME allows spaces ("Nuomos sutartis 2024.pdf"), so a
 * match may start at "Preview is not available for this document. loan.pdf".
 */
function fileNameOf(match: string): string {
  const tail = match
    .split(/[.!?;,]\s+/)
    .pop()!
    .trim();
  const words = tail.split(/\s+/);
  // A name with underscores is one token; a name people typed has a few words at most.
  if (words[words.length - 1].includes('_')) return words[words.length - 1];
  return words.slice(-5).join(' ');
}

/** A URL short enough for a sentence: a data: URL by its type only, a long one cut. */
function shortUrl(url: string): string {
  if (/^data:/i.test(url)) return `${url.split(/[;,]/)[0]},…`;
  return url.length > 100 ? `${url.slice(0, 99)}…` : url;
}

function urlOf(n: SnapNode): string {
  return n.attrs.src ?? n.attrs.data ?? n.attrs.href ?? '';
}

/** One way the page offers to see the document (a viewer, its text, a control), judged ok, doubtful (review) or not. */
export interface Means {
  frame: number;
  node: number;
  how: string;
  ok: boolean;
  review?: boolean;
  /** A control that opens the document (not a viewer showing it): batches count these per row. */
  opener?: true;
  evidence: Record<string, unknown>;
}

function viewerMeans(models: FrameModel[], model: FrameModel, holding: readonly number[] = []): Means[] {
  const out: Means[] = [];
  for (const n of model.nodes) {
    if (!['iframe', 'frame', 'embed', 'object'].includes(n.tag)) continue;
    const src = urlOf(n);
    const type = (n.attrs.type ?? '').toLowerCase();
    const pdf = type === 'application/pdf' || showsPdf(src);
    const gateway = isGatewaySigningUrl(src);
    const docViewer = !pdf && !gateway && (n.tag === 'iframe' || n.tag === 'frame') && isDocumentViewerUrl(src);
    const childFrame =
      n.frame !== undefined
        ? models[n.frame]
        : models.find((m) => !m.frame.isTop && m.frame.url && sameDocument(src, model.frame.url, m.frame.url));
    const l = n.layout;
    const evidence = { src, type, ...layoutEvidence(l) };
    if (!pdf && !gateway && !docViewer) {
      // A frame we could not read, large and visible: it may be a viewer.
      if (!childFrame && src && !src.startsWith('about:') && l && !l.hidden && l.box.w >= 300 && l.box.h >= 300) {
        let origin = src;
        try {
          origin = new URL(src, model.frame.url).origin;
        } catch {
          /* keep the raw src */
        }
        out.push({
          frame: model.index,
          node: n.i,
          how: format(messages.unknownFrame, { origin, w: l.box.w, h: l.box.h }),
          ok: false,
          review: true,
          evidence,
        });
      }
      continue;
    }
    const kind = gateway
      ? 'Dokobit Gateway frame'
      : docViewer
        ? 'document viewer frame'
        : n.tag === 'iframe'
          ? 'PDF frame'
          : `PDF ${n.tag}`;
    if (!l || isHiddenNode(n) || (l.hidden && l.hidden !== 'offscreen')) {
      // A collapsed viewer counts when a control opens it (accordion, <details>, a toggle pointing at it).
      const toggle = l?.hidden === 'display' || isHiddenNode(n) ? disclosureControl(model, n.i, holding) : undefined;
      if (toggle) {
        out.push({
          frame: model.index,
          node: toggle.i,
          how: format(messages.control, { name: toggle.name ?? '' }),
          ok: true,
          opener: true,
          evidence: { ...evidence, name: toggle.name },
        });
      } else {
        out.push({
          frame: model.index,
          node: n.i,
          how: format(messages.hiddenViewer, { how: l?.hidden ?? 'not rendered' }),
          ok: false,
          evidence,
        });
      }
    } else if (l.box.w < MIN_VIEWER_PX || l.box.h < MIN_VIEWER_PX) {
      out.push({
        frame: model.index,
        node: n.i,
        how: format(messages.tinyViewer, { w: l.box.w, h: l.box.h }),
        ok: false,
        review: true,
        evidence,
      });
    } else {
      out.push({
        frame: model.index,
        node: n.i,
        how: gateway ? messages.gateway : format(messages.viewer, { kind, src: shortUrl(src) }),
        ok: true,
        evidence,
      });
    }
  }
  return out;
}

/** pdf.js and similar viewers: page containers with canvases or text layers, or large page images. */
/** The class of a viewer's page container (pdf.js, react-pdf). */
const PAGE_CLASS = /(^|\s)(page|pdf-page|react-pdf__page)(\s|$)/i;

function renderedPages(model: FrameModel): Means[] {
  const out: Means[] = [];
  const pages = model.nodes.filter((n) =>
    isRendered(n) || !n.layout
      ? n.attrs['data-page-number'] !== undefined || (n.attrs.class !== undefined && PAGE_CLASS.test(n.attrs.class))
      : false,
  );
  const canvases = model.nodes.filter(
    (n) => n.tag === 'canvas' && n.layout && !n.layout.hidden && n.layout.box.w >= 200 && n.layout.box.h >= 200,
  );
  const pageCanvases = canvases.filter((c) =>
    [...model.ancestors(c.i)].some(
      (a) => PAGE_MARK.test(fold(`${a.attrs.class ?? ''} ${a.attrs.id ?? ''}`)) || a.attrs['data-page-number'] !== undefined,
    ),
  );
  if (pages.length || pageCanvases.length) {
    const visible = [...pages, ...pageCanvases].filter((n) => !isHiddenNode(n) && !n.layout?.hidden);
    const first = visible[0] ?? pages[0] ?? pageCanvases[0];
    const count = Math.max(pages.length, pageCanvases.length);
    if (visible.length)
      out.push({ frame: model.index, node: first.i, how: format(messages.pdfjs, { pages: count }), ok: true, evidence: { pages: count } });
  }
  // A page image is named as one: by its markup, or by its text alternative in the page's words ("Nomas līgums — 1. lapa").
  const images = model.nodes.filter(
    (n) =>
      n.tag === 'img' &&
      n.layout &&
      !n.layout.hidden &&
      n.layout.box.w >= 250 &&
      n.layout.box.h >= 300 &&
      (PAGE_MARK.test(
        fold(
          `${n.attrs.src ?? ''} ${n.attrs.alt ?? ''} ${n.attrs.class ?? ''} ${[...model.ancestors(n.i)]
            .slice(0, 3)
            .map((a) => a.attrs.class ?? '')
            .join(' ')}`,
        ),
      ) ||
        namesDocument(`${n.attrs.alt ?? ''} ${n.attrs.title ?? ''}`)),
  );
  if (images.length)
    out.push({
      frame: model.index,
      node: images[0].i,
      how: format(messages.pageImages, { count: images.length }),
      ok: true,
      evidence: { count: images.length, src: images[0].attrs.src },
    });
  return out;
}

/**
 * The document's own text in the page: a block of several paragraphs that reads like a document. A collapsed block
 * (accordion, <details>) counts when an enabled control opens it.
 */
function documentText(model: FrameModel, holding: readonly number[] = []): Means[] {
  let best: { node: number; chars: number } | undefined;
  let collapsed: { node: number; chars: number; toggle: SnapNode } | undefined;
  const hiddenText = new Map<number, string>();
  const allText = (i: number) => {
    if (!hiddenText.has(i)) hiddenText.set(i, fullText(model, i, 4000));
    return hiddenText.get(i)!;
  };
  for (const n of model.nodes) {
    // <body> only counts inside a frame (a document shown in an iframe), never for the whole page.
    if (!isDocumentBlock(n.tag) || isHiddenNode(n)) continue;
    if (n.tag === 'body' && model.frame.isTop) continue;
    const text = model.subtreeText(n.i, 4000);
    if (text.length >= 400) {
      // Prefer the smallest such block (the document, not the whole page around it).
      if (showsDocumentText(model, n) && (!best || text.length < best.chars)) best = { node: n.i, chars: text.length };
      continue;
    }
    // Collapsed: hardly any text shows, but the block holds a document once opened.
    if (text.length > 40 || best) continue;
    const full = allText(n.i);
    if (full.length < 120) continue;
    const toggle = disclosureControl(model, n.i, holding);
    // A short text ("Read the initiative's full text") is the document when its opener says it shows it.
    const namedOpener = !!toggle && hasConcept(toggle.name ?? '', PREVIEW);
    if (full.length < 400 && !namedOpener) continue;
    const kids = model.children[n.i].filter((k) => isDocumentPart(model.node(k).tag) && allText(k).length > 40).length;
    if (full.length >= 400 && !readsAsDocument(model, n, full, kids)) continue;
    if (toggle && (!collapsed || full.length < collapsed.chars)) collapsed = { node: n.i, chars: full.length, toggle };
  }
  if (best)
    return [
      { frame: model.index, node: best.node, how: format(messages.text, { chars: best.chars }), ok: true, evidence: { chars: best.chars } },
    ];
  if (collapsed) {
    const name = collapsed.toggle.name ?? '';
    return [
      {
        frame: model.index,
        node: collapsed.toggle.i,
        how: format(messages.control, { name }),
        ok: true,
        opener: true,
        evidence: { name, chars: collapsed.chars },
      },
    ];
  }
  return [];
}

const MIN_FORM_FIELDS = 5;

/**
 * A form's summary signed as it stands ("Check the application's data before signing"): a list of at least five
 * labelled values (<dl>, a two-column table) under a heading that names an application or asks to check the data.
 * The data shown is the document. A summary that names a contract or sits beside a file name describes another
 * document (its number, date, pages), so it never counts then.
 */
function formData(model: FrameModel, signalTexts: string[]): Means[] {
  for (const n of model.visibleTextNodes()) if (showsFileName(n.text!)) return [];
  for (const n of model.nodes) {
    if ((n.tag !== 'dl' && n.tag !== 'table') || isHiddenNode(n)) continue;
    const fields = n.tag === 'dl' ? dlPairs(model, n) : tablePairs(model, n);
    if (fields < MIN_FORM_FIELDS) continue;
    const heading = [headingsAbove(model, n), n.attrs['aria-label'] ?? ''].filter(Boolean).join(' · ');
    const context = [heading, ...signalTexts].join(' · ');
    if (namesDocument(context) || !(hasConcept(context, APPLICATION) || hasConcept(context, CHECK_DATA))) continue;
    const shown = (heading || signalTexts[0] || '').slice(0, 120);
    return [
      {
        frame: model.index,
        node: n.i,
        how: format(messages.formData, { count: fields, context: shown }),
        ok: true,
        evidence: { count: fields, context: shown },
      },
    ];
  }
  return [];
}

/** Term/value pairs of a <dl> (also wrapped in <div>s, as HTML allows), both shown. */
function dlPairs(model: FrameModel, dl: SnapNode): number {
  const items = model
    .descendants(dl.i, 200)
    .map((k) => model.node(k))
    .filter((c) => (c.tag === 'dt' || c.tag === 'dd') && showsText(model, c.i));
  return Math.min(items.filter((c) => c.tag === 'dt').length, items.filter((c) => c.tag === 'dd').length);
}

/** Rows of a two-column key/value table whose both cells show text. */
function tablePairs(model: FrameModel, table: SnapNode): number {
  return model
    .descendants(table.i, 400)
    .map((k) => model.node(k))
    .filter((r) => {
      if (r.tag !== 'tr' || isHiddenNode(r)) return false;
      const cells = model.children[r.i].map((c) => model.node(c)).filter((c) => c.tag === 'td' || c.tag === 'th');
      return cells.length === 2 && cells.every((c) => showsText(model, c.i));
    }).length;
}

/** Whether a subtree shows text on the page (only elements with text of their own have a layout to ask). */
function showsText(model: FrameModel, i: number): boolean {
  return [i, ...model.descendants(i, 60)].some((k) => {
    const c = model.node(k);
    return !!c.text?.trim() && isRendered(c);
  });
}

/** Headings and legends just above a block: up to three previous siblings, at it and its two nearest ancestors. */
function headingsAbove(model: FrameModel, n: SnapNode): string {
  const texts: string[] = [];
  let k = n.i;
  for (let up = 0; up < 3 && k > 0; up++) {
    const siblings = model.children[model.node(k).parent] ?? [];
    const at = siblings.indexOf(k);
    for (const b of siblings.slice(Math.max(0, at - 3), at).reverse()) {
      const t = model.node(b).tag;
      if (/^h[1-6]$/.test(t) || t === 'legend' || t === 'caption') texts.push(model.subtreeText(b, 200));
    }
    k = model.node(k).parent;
  }
  for (const c of model.children[n.i]) if (model.node(c).tag === 'caption') texts.push(model.subtreeText(c, 200));
  return texts.filter(Boolean).join(' · ');
}

/**
 * The enabled control that opens a collapsed block or viewer: the <summary> of its <details>, a control that points
 * at it (href="#id"; aria-controls, data-bs-target, data-target when the snapshot keeps them), or the one control of
 * the header just before it (the accordion / expansion-panel layout: a header with its toggle, then the panel).
 */
function disclosureControl(model: FrameModel, block: number, holding: readonly number[] = []): SnapNode | undefined {
  const usable = (c: SnapNode) =>
    c.control &&
    !c.disabled &&
    isRendered(c) &&
    !inSiteChrome(model, c.i, holding, false) &&
    !hasConcept(c.name ?? '', SIGN) &&
    !hasConcept(`${c.name ?? ''} ${c.attrs.href ?? ''}`, OTHER_DOCUMENTS);
  let k = block;
  for (let up = 0; up < 5 && k > 0; up++) {
    const a = model.node(k);
    const parent = model.node(a.parent);
    if (parent.tag === 'details' && a.tag !== 'summary') {
      const summary = model.children[parent.i].map((c) => model.node(c)).find((c) => c.tag === 'summary');
      return summary && usable(summary) ? summary : undefined;
    }
    const id = a.attrs.id;
    if (id) {
      const pointing = model.nodes.find(
        (c) =>
          usable(c) &&
          [c.attrs['aria-controls'], c.attrs['data-bs-target'], c.attrs['data-target'], c.attrs.href].some((ref) =>
            ref?.split(/\s+/).some((r) => r === id || r.endsWith(`#${id}`)),
          ),
      );
      if (pointing) return pointing;
    }
    const siblings = model.children[a.parent];
    const before = siblings[siblings.indexOf(k) - 1];
    if (before !== undefined) {
      const controls = [before, ...model.descendants(before, 60)].map((c) => model.node(c)).filter((c) => c.control);
      const name = controls[0]?.name ?? '';
      if (controls.length === 1 && usable(controls[0]) && (namesDocument(name) || hasConcept(name, PREVIEW) || strongPreview(name)))
        return controls[0];
    }
    // Climb only through wrappers of the collapsed part: an ancestor that shows text is past the panel.
    if (model.subtreeText(a.parent, 50)) break;
    k = a.parent;
  }
  return undefined;
}

function controlMeans(model: FrameModel, holding: readonly number[] = []): Means[] {
  const out: Means[] = [];
  for (const n of model.nodes) {
    if (!n.control) continue;
    const name = n.name ?? '';
    const href = n.attrs.href ?? '';
    // Another document (tariffs, privacy policy, help) or the site's own navigation never shows this document,
    // however strongly it says "preview". A side region (<aside>) is not navigation: a control there that opens a
    // document is judged by what it says, like anywhere else.
    if (hasConcept(`${name} ${href}`, OTHER_DOCUMENTS) || inSiteChrome(model, n.i, holding, false)) continue;
    const names = strongPreview(name) || (hasConcept(name, PREVIEW) && (namesDocument(name) || hasConcept(name, FULL_TEXT)));
    const pdfLink = n.tag === 'a' && showsPdf(href);
    const download = hasConcept(name, DOWNLOAD) && namesDocument(name);
    // A bare "View", "Atvērt", "Atsisiųsti" (or a link with the download attribute) opens the file or document of its
    // own row: downloading before signing lets the user read it too.
    const row = names || pdfLink || download || !bareOpener(n) ? undefined : documentRow(model, n.i);
    if (!names && !pdfLink && !download && !row) continue;
    const context = `${name} ${model.subtreeText(n.parent >= 0 ? n.parent : n.i, 300)}`;
    const evidence = { name, href, disabled: n.disabled, ...(row ? { context: row.slice(0, 120) } : {}), ...layoutEvidence(n.layout) };
    // "View the signed document" names the result of signing, however strongly it says "view".
    if (hasConcept(name, AFTER_SIGNING) || (hasConcept(context, AFTER_SIGNING) && !names)) {
      out.push({ frame: model.index, node: n.i, how: format(messages.afterSigning, { text: name || href }), ok: false, evidence });
      continue;
    }
    if (!n.layout || isHiddenNode(n) || (n.layout.hidden && n.layout.hidden !== 'offscreen')) continue;
    if (n.disabled) {
      out.push({ frame: model.index, node: n.i, how: format(messages.disabledControl, { name, how: n.disabled }), ok: false, evidence });
      continue;
    }
    out.push({ frame: model.index, node: n.i, how: format(messages.control, { name: name || href }), ok: true, opener: true, evidence });
  }
  return out;
}

/**
 * A control that opens whatever its row holds: a preview or download word, or a download link. A short name only
 * ("View", "Atsisiųsti (PDF)"): longer ones say what they open, and signing, the app or the code are not the document.
 */
function bareOpener(n: SnapNode): boolean {
  const name = n.name ?? '';
  if (!hasConcept(name, PREVIEW) && !hasConcept(name, DOWNLOAD) && !(n.tag === 'a' && n.attrs.download !== undefined)) return false;
  if ((name.match(/\p{L}{2,}/gu) ?? []).length > 3) return false;
  return ![SIGN, SMART_ID, MOBILE_ID, PHONE_INSTRUCTION, CODE_LABEL, CODE_WORD, AFTER_SIGNING].some((c) => hasConcept(name, c));
}

/**
 * The row, list item or card of one file or document around a control: the nearest ancestor (up to 4 levels, short
 * text) that shows one file name, or a document word besides the control's own name. Returns its text.
 */
function documentRow(model: FrameModel, i: number): string | undefined {
  const own = fold(model.node(i).name ?? '');
  let k = model.node(i).parent;
  for (let up = 0; up < 4 && k > 0; up++) {
    const text = model.subtreeText(k, 500);
    if (text.length > 400) break;
    const files = fileNamesIn(text);
    if (files.length > 1) break;
    if (files.length === 1 || namesDocument(fold(text).replace(own, ' '))) return text;
    k = model.node(k).parent;
  }
  return undefined;
}

/** An enabled, shown control that opens a document: named by a preview or download word, a download link, a PDF link. */
function opensDocument(c: SnapNode): boolean {
  const name = c.name ?? '';
  const href = c.attrs.href ?? '';
  return (
    !!c.control &&
    !c.disabled &&
    !!c.layout &&
    !c.layout.hidden &&
    (strongPreview(name) ||
      hasConcept(name, PREVIEW) ||
      hasConcept(name, DOWNLOAD) ||
      (c.tag === 'a' && c.attrs.download !== undefined) ||
      showsPdf(href)) &&
    !hasConcept(name, AFTER_SIGNING) &&
    !hasConcept(`${name} ${href}`, OTHER_DOCUMENTS)
  );
}

/** Controls that select rather than open: a file name on a checkbox is picked for signing, not shown. */
const SELECTING_ROLES = new Set(['checkbox', 'radio', 'switch', 'option']);

/** A control that opens what it names: a link, a button or a tab of a viewer (not a field or a picker). */
const opensFile = (a: SnapNode) =>
  !!a.control && !a.disabled && a.tag !== 'input' && a.tag !== 'label' && !SELECTING_ROLES.has(a.attrs.role ?? '');

/** File names shown on the page, and whether each can be opened (a control on it or an opening control in its row). */
function fileNames(model: FrameModel): { node: number; name: string; openable: boolean }[] {
  const out: { node: number; name: string; openable: boolean }[] = [];
  for (const n of model.visibleTextNodes()) {
    const m = fileNameIn(n.text!);
    if (!m) continue;
    const name = fileNameOf(m[0]);
    // The name is itself a control (a link, a button, a tab of a viewer).
    let openable = !!model.firstUp(n.i, opensFile, 4);
    if (!openable) {
      // A row: the nearest ancestor that holds just this file name.
      let row = n.parent;
      for (let up = 0; up < 4 && row > 0; up++) {
        const text = model.subtreeText(row, 500);
        const names = fileNamesIn(text);
        if (names.length > 1) break;
        if (model.descendants(row, 200).some((k) => opensDocument(model.node(k)))) {
          openable = true;
          break;
        }
        row = model.node(row).parent;
      }
    }
    out.push({ node: n.i, name, openable });
  }
  return out;
}

const ROW_TAGS = new Set(['tr', 'li']);
const ROW_ROLES = new Set(['row', 'listitem']);

/**
 * Batches laid out as rows (table rows, list items, repeated cards): when some rows offer a way to open their
 * document, every sibling row that names a document must too. Returns the rows that cannot be opened.
 */
function batchRowsWithoutPreview(model: FrameModel, opened: number[]): { node: number; name: string }[] {
  const missing: { node: number; name: string }[] = [];
  const seenParents = new Set<number>();
  const openers = new Set(opened);
  for (const control of opened) {
    let listRow: SnapNode | undefined;
    for (let k = control; k >= 0 && !listRow; k = model.node(k).parent) {
      const a = model.node(k);
      if (ROW_TAGS.has(a.tag) || ROW_ROLES.has(a.attrs.role ?? '')) listRow = a;
    }
    const row = listRow ?? repeatedAncestor(model, control);
    if (!row || row.parent < 0 || seenParents.has(row.parent)) continue;
    seenParents.add(row.parent);
    const rowLength = model.subtreeText(row.i, 300).length;
    for (const k of model.children[row.parent]) {
      const sibling = model.node(k);
      if (sibling.tag !== row.tag || isHiddenNode(sibling) || k === row.i) continue;
      const cells = model.children[k].map((c) => model.node(c));
      if (cells.length && cells.every((c) => c.tag === 'th' || c.attrs.role === 'columnheader')) continue; // header row
      const text = model.subtreeText(k, 300);
      if (!/\p{L}{3}/u.test(text)) continue;
      // Table rows and list items are a batch by structure; repeated cards only when they name a document.
      if (!listRow && !showsFileName(text) && !hasConcept(text, DOCUMENT)) continue;
      if (!listRow && text.length > 3 * Math.max(60, rowLength)) continue;
      const openable = model.descendants(k, 200).some((d) => openers.has(d));
      if (!openable) missing.push({ node: k, name: text.slice(0, 60) });
    }
  }
  return missing;
}

/** How many children of n's parent (n among them) have its tag and class: counted, not listed (asked per level). */
function alikeSiblings(model: FrameModel, n: SnapNode): number {
  const cls = n.attrs.class ?? '';
  let count = 0;
  for (const c of model.children[n.parent]) if (model.node(c).tag === n.tag && (model.node(c).attrs.class ?? '') === cls) count++;
  return count;
}

/** The nearest ancestor (up to 4 levels) whose parent holds at least two siblings of the same tag and class. */
function repeatedAncestor(model: FrameModel, i: number): SnapNode | undefined {
  let k = model.node(i).parent;
  for (let up = 0; up < 4 && k > 0; up++) {
    const n = model.node(k);
    const parent = n.parent;
    // Repeated cards share a class; bare paragraphs of one card do not make a batch.
    if (parent >= 0 && n.attrs.class?.trim() && (isWrapper(n.tag) || n.tag === 'li') && alikeSiblings(model, n) >= 2) return n;
    k = parent;
  }
  return undefined;
}

/** Signature containers (ASiC-E, BDOC, EDOC, ADOC): created by signing; their files are the documents. */
const CONTAINER_FILE = /\.(asice|asics|sce|scs|bdoc|edoc|adoc)$/i;

/**
 * An e-government signing page names the container it will create ("avaldus.asice") and lists the files inside it:
 * the files are what the user reads, the container is the envelope. Without any other file, the container is the
 * document and stays.
 */
function signedContainersAside<T extends { name: string }>(files: T[]): T[] {
  const inner = files.filter((f) => !CONTAINER_FILE.test(f.name));
  return inner.length ? inner : files;
}

/** A file name the page lists, and whether it can be opened. */
export interface ListedFile {
  frame: number;
  node: number;
  name: string;
  openable: boolean;
}

/** What the page offers to see the document by, and the files it lists, frame by frame. */
export function previewEvidence(models: FrameModel[], intent: SigningIntent): { means: Means[]; files: ListedFile[] } {
  const means: Means[] = [];
  const files: ListedFile[] = [];
  for (const model of models) {
    // The signing in this frame: a side region that holds it is the signing panel, not the site's chrome.
    const holding = intent.signals.filter((x) => x.frame === model.index).map((x) => x.node);
    if (isGatewaySigningUrl(model.frame.url)) {
      means.push({ frame: model.index, node: 0, how: messages.gateway, ok: true, evidence: { frameUrl: model.frame.url } });
    }
    means.push(
      ...viewerMeans(models, model, holding),
      ...renderedPages(model),
      ...documentText(model, holding),
      ...controlMeans(model, holding),
      ...formData(
        model,
        intent.signals.filter((x) => x.kind === 'sign-control').map((x) => x.text),
      ),
    );
    files.push(...fileNames(model).map((f) => ({ ...f, frame: model.index })));
  }
  return { means, files };
}

/** The documents a page lists: each file name once, a signature container set aside when its files are listed. */
function listedDocuments(files: ListedFile[]): ListedFile[] {
  return signedContainersAside([...new Map(files.map((f) => [f.name.toLowerCase(), f])).values()]);
}

const fileNameOnly = (models: FrameModel[], f: ListedFile): Finding =>
  nodeFinding(models, f.frame, f.node, 'critical', format(messages.fileNameOnly, { name: f.name }), { fileName: f.name }, 'fail');

/** batch-rows-openable: in a batch laid out as rows, some of which can be opened, every row that names a document can. */
export function batchRowsOpenable(models: FrameModel[], means: Means[]): CheckVerdict[] {
  const openers = means.filter((m) => m.ok && m.opener);
  const missing = models.flatMap((model) => {
    const opened = openers.filter((m) => m.frame === model.index).map((m) => m.node);
    return opened.length ? batchRowsWithoutPreview(model, opened).map((r) => ({ ...r, frame: model.index })) : [];
  });
  if (!missing.length) return [];
  const names = missing.map((r) => r.name).join(', ');
  return [
    {
      check: 'batch-rows-openable',
      verdict: 'fail',
      reason: format(messages.batchMissing, { missing: missing.length, total: missing.length + openers.length, names }),
      findings: missing.map((r) =>
        nodeFinding(models, r.frame, r.node, 'critical', format(messages.rowWithoutPreview, { name: r.name }), { text: r.name }, 'fail'),
      ),
    },
  ];
}

/**
 * batch-files-openable: when several documents are listed, each can be opened, even when one of them is shown: the
 * files that cannot be opened outnumber the viewers that may show them.
 */
export function batchFilesOpenable(models: FrameModel[], files: ListedFile[], means: Means[]): CheckVerdict[] {
  const listed = listedDocuments(files);
  const missing = listed.filter((f) => !f.openable);
  const viewers = means.filter((m) => m.ok && !m.opener).length;
  if (listed.length < 2 || missing.length <= viewers) return [];
  const names = missing.map((f) => f.name).join(', ');
  return [
    {
      check: 'batch-files-openable',
      verdict: 'fail',
      reason: format(messages.batchMissing, { missing: missing.length, total: listed.length, names }),
      findings: missing.map((f) => fileNameOnly(models, f)),
    },
  ];
}

/** means-of-preview: each way offered to see the document, as it stands (one that works is enough). */
export function meansOfPreview(models: FrameModel[], means: Means[]): CheckVerdict[] {
  return means.map((m) => {
    const verdict = m.ok ? 'pass' : m.review ? 'review' : 'fail';
    const severity = m.ok ? 'minor' : m.review ? 'moderate' : 'critical';
    return {
      check: 'means-of-preview',
      verdict,
      reason: m.how,
      findings: [nodeFinding(models, m.frame, m.node, severity, m.how, m.evidence, verdict)],
    };
  });
}

/**
 * unviewable-documents: when nothing shows the document, nor may (no working or doubtful means), what the page says of
 * it instead: the file names it lists, and a download offered only after signing.
 */
export function unviewableDocuments(models: FrameModel[], files: ListedFile[], means: Means[]): CheckVerdict[] {
  if (means.some((m) => m.ok || m.review)) return [];
  const verdict = 'fail' as const;
  const named = listedDocuments(files).map((f) => ({
    check: 'unviewable-documents',
    verdict,
    reason: format(messages.fileNameOnly, { name: f.name }),
    findings: [fileNameOnly(models, f)],
  }));
  const afterSigning = models.flatMap((model) => {
    for (const n of model.visibleTextNodes())
      if (hasConcept(n.text!, AFTER_SIGNING) && hasConcept(n.text!, DOWNLOAD))
        return [
          { check: 'unviewable-documents', verdict, reason: format(messages.afterSigning, { text: n.text!.slice(0, 100) }), findings: [] },
        ];
    return [];
  });
  return [...named, ...afterSigning];
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const intent = findSigningIntent(models, findConfirmationStep(models));
  if (!intent.signals.length) {
    return { status: 'not-applicable', summary: intent.authenticationOnly ? messages.authOnly : messages.notApplicable, findings: [] };
  }
  const signal = intent.signals[0];
  const signalFinding = nodeFinding(models, signal.frame, signal.node, 'minor', format(messages.signal, { text: signal.text }), {
    text: signal.text,
    kind: signal.kind,
  });
  const { means, files } = previewEvidence(models, intent);
  // A batch with a document that cannot be opened fails whatever else is shown; else one working means is enough;
  // else a clear failure outranks doubt; with nothing offered at all, the rule fails.
  const {
    status = 'fail',
    decisive,
    findings,
  } = aggregate([
    { mode: 'all', verdicts: batchRowsOpenable(models, means) },
    { mode: 'all', verdicts: batchFilesOpenable(models, files, means) },
    { mode: 'any-fail-first', verdicts: meansOfPreview(models, means) },
    { mode: 'all', verdicts: unviewableDocuments(models, files, means) },
  ]);
  const summary =
    status === 'pass'
      ? format(messages.pass, { how: decisive[0].reason })
      : format(messages[status], { reasons: reasonsOf(decisive, status).join('; ') || messages.none });
  // Two checks may judge one element in the same words (the files of a batch that nothing shows): it is listed once.
  const once = [...new Map(findings.map((f) => [`${JSON.stringify(f.target)} ${f.message}`, f])).values()];
  return { status, summary, findings: [...once, signalFinding] };
}

export const preview = { meta, evaluate, messages, reads: 'frames' } satisfies Rule;
