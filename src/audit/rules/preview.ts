/**
 * preview: when the page lets the user sign a document, the document can be viewed before signing.
 * Sources: eIDAS Annex II(2) (data presented to the signatory prior to signing), ETSI TS 119 431-2 WYSIWYS
 * principles (secondary), Dokobit Gateway signing page (shows the document) — domain.md §3.3, §4, §6.4 WY-1.
 */
import { findConfirmationStep, findSigningIntent, isGatewaySigningUrl } from '../signals/step';
import { layoutEvidence, nodeFinding } from '../findings';
import { format } from '../messages';
import { isHiddenNode, isRendered, modelsOf, type FrameModel } from '../model';
import { sameDocument } from '../redact';
import { AFTER_SIGNING, DOCUMENT, DOWNLOAD, PREVIEW, fold, hasConcept } from '../text';
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
  id: 'preview',
  title: 'Document can be previewed before signing',
  failureTitle: 'Document cannot be previewed before signing',
  description:
    'What You See Is What You Sign: before the user can sign, the document itself must be viewable (a PDF viewer, the rendered text, the Dokobit Gateway signing page, or a clearly labelled preview control).',
  severity: 'critical' as const,
  source: 'eIDAS Annex II(2); ETSI TS 119 431-2 (WYSIWYS); Dokobit Documents Gateway (domain.md §3.3, §4, §6.4)',
};

const MIN_VIEWER_PX = 150;
const FILE_NAME = /[\p{L}\p{N}_.()\- ]{1,80}\.(pdf|docx?|odt|rtf|txt|asice|asics|bdoc|edoc|adoc|xlsx?|pptx?)\b/iu;
/** Words that name a preview on their own (no "document" needed). */
const STRONG_PREVIEW = ['preview', 'perziur', 'prieksskat', 'eelvaad', 'просмотр', 'предпросмотр', 'предварительн'] as const;
const DOC_HINT = /doc|contract|agreement|terms|preview|pdf|page|sutart|ligum|leping|договор|viewer/i;

function urlOf(n: SnapNode): string {
  return n.attrs.src ?? n.attrs.data ?? n.attrs.href ?? '';
}

function isPdfUrl(url: string): boolean {
  const u = url.trim().toLowerCase();
  if (u.startsWith('blob:') || u.startsWith('data:application/pdf')) return true;
  const path = u.split(/[?#]/)[0];
  return path.endsWith('.pdf') || /[?&](file|url|src|doc)=[^&]*\.pdf/.test(u) || /\/(pdf|pdfjs|viewer)(\/|\.html|$)/.test(path);
}

interface Means {
  frame: number;
  node: number;
  how: string;
  ok: boolean;
  review?: boolean;
  evidence: Record<string, unknown>;
}

function viewerMeans(models: FrameModel[], model: FrameModel): Means[] {
  const out: Means[] = [];
  for (const n of model.nodes) {
    if (!['iframe', 'frame', 'embed', 'object'].includes(n.tag)) continue;
    const src = urlOf(n);
    const type = (n.attrs.type ?? '').toLowerCase();
    const pdf = type === 'application/pdf' || isPdfUrl(src);
    const gateway = isGatewaySigningUrl(src);
    const childFrame = n.frame !== undefined ? models[n.frame] : models.find((m) => !m.frame.isTop && m.frame.url && sameDocument(src, model.frame.url, m.frame.url));
    const l = n.layout;
    const evidence = { src, type, ...layoutEvidence(l) };
    if (!pdf && !gateway) {
      // A frame we could not read, large and visible: it may be a viewer.
      if (!childFrame && src && !src.startsWith('about:') && l && !l.hidden && l.box.w >= 300 && l.box.h >= 300) {
        let origin = src;
        try {
          origin = new URL(src, model.frame.url).origin;
        } catch { /* keep the raw src */ }
        out.push({ frame: model.index, node: n.i, how: format(messages.unknownFrame, { origin, w: l.box.w, h: l.box.h }), ok: false, review: true, evidence });
      }
      continue;
    }
    const kind = gateway ? 'Dokobit Gateway frame' : n.tag === 'iframe' ? 'PDF frame' : `PDF ${n.tag}`;
    if (!l || isHiddenNode(n) || (l.hidden && l.hidden !== 'offscreen')) {
      out.push({ frame: model.index, node: n.i, how: format(messages.hiddenViewer, { how: l?.hidden ?? 'not rendered' }), ok: false, evidence });
    } else if (l.box.w < MIN_VIEWER_PX || l.box.h < MIN_VIEWER_PX) {
      out.push({ frame: model.index, node: n.i, how: format(messages.tinyViewer, { w: l.box.w, h: l.box.h }), ok: false, review: true, evidence });
    } else {
      out.push({ frame: model.index, node: n.i, how: gateway ? messages.gateway : format(messages.viewer, { kind, src }), ok: true, evidence });
    }
  }
  return out;
}


/** pdf.js and similar viewers: page containers with canvases or text layers, or large page images. */
function renderedPages(model: FrameModel): Means[] {
  const out: Means[] = [];
  const pages = model.nodes.filter((n) =>
    isRendered(n) || !n.layout ? n.attrs['data-page-number'] !== undefined || /(^|\s)(page|pdf-page|react-pdf__page)(\s|$)/i.test(n.attrs.class ?? '') : false);
  const canvases = model.nodes.filter((n) => n.tag === 'canvas' && n.layout && !n.layout.hidden && n.layout.box.w >= 200 && n.layout.box.h >= 200);
  const pageCanvases = canvases.filter((c) => [...model.ancestors(c.i)].some((a) => DOC_HINT.test(`${a.attrs.class ?? ''} ${a.attrs.id ?? ''}`) || a.attrs['data-page-number'] !== undefined));
  if (pages.length || pageCanvases.length) {
    const visible = [...pages, ...pageCanvases].filter((n) => !isHiddenNode(n) && (!n.layout || !n.layout.hidden));
    const first = visible[0] ?? pages[0] ?? pageCanvases[0];
    const count = Math.max(pages.length, pageCanvases.length);
    if (visible.length) out.push({ frame: model.index, node: first.i, how: format(messages.pdfjs, { pages: count }), ok: true, evidence: { pages: count } });
  }
  const images = model.nodes.filter((n) => n.tag === 'img' && n.layout && !n.layout.hidden && n.layout.box.w >= 250 && n.layout.box.h >= 300
    && DOC_HINT.test(`${n.attrs.src ?? ''} ${n.attrs.alt ?? ''} ${n.attrs.class ?? ''} ${[...model.ancestors(n.i)].slice(0, 3).map((a) => a.attrs.class ?? '').join(' ')}`));
  if (images.length) out.push({ frame: model.index, node: images[0].i, how: format(messages.pageImages, { count: images.length }), ok: true, evidence: { count: images.length, src: images[0].attrs.src } });
  return out;
}

/** The document's own text rendered in the page: a block of several paragraphs that reads like a document. */
function documentText(model: FrameModel): Means[] {
  let best: { node: number; chars: number } | undefined;
  for (const n of model.nodes) {
    // <body> only counts inside a frame (a document shown in an iframe), never for the whole page.
    if (!['article', 'section', 'div', 'main', 'pre', 'body'].includes(n.tag) || isHiddenNode(n)) continue;
    if (n.tag === 'body' && model.frame.isTop) continue;
    const kids = model.children[n.i].filter((k) => {
      const c = model.node(k);
      return (['p', 'li', 'ol', 'ul', 'h1', 'h2', 'h3', 'h4', 'div', 'section'].includes(c.tag)) && !isHiddenNode(c) && model.subtreeText(k, 400).length > 40;
    });
    if (kids.length < 3 && n.tag !== 'pre') continue;
    const text = model.subtreeText(n.i, 4000);
    if (text.length < 400) continue;
    // A document reads as one: marked as such by the page, or numbered clauses (at least three) under a
    // document word. Help steps, privacy notes and footers are long text too, so text length alone is not enough.
    const marked = DOC_HINT.test(`${n.attrs.class ?? ''} ${n.attrs.id ?? ''} ${n.attrs['aria-label'] ?? ''} ${n.attrs.role ?? ''}`);
    const clauses = (text.match(/(^|\s)(§\s*\d+|\d+\.\d*\.?)\s+\p{Lu}/gu) ?? []).length;
    const named = hasConcept(text.slice(0, 400), DOCUMENT) || hasConcept(text.slice(0, 200), CONTRACT_WORDS);
    const framed = !model.frame.isTop && model.nodes.filter((x) => x.control).length <= 2;
    // Unmarked text with clauses must be the text alone: a block that also holds the page's buttons is the page.
    const buttons = model.descendants(n.i, 2000).filter((k) => model.node(k).control && model.node(k).tag !== 'a').length;
    const clauseText = clauses >= 3 && (named || framed) && (buttons === 0 || framed);
    if (!marked && !clauseText && !(framed && text.length >= 600)) continue;
    // Privacy / cookie / help text is not the document being signed.
    if (!marked && hasConcept(text.slice(0, 200), OTHER_DOCUMENTS)) continue;
    // Prefer the smallest such block (the document, not the whole page around it).
    if (!best || text.length < best.chars) best = { node: n.i, chars: text.length };
  }
  return best ? [{ frame: model.index, node: best.node, how: format(messages.text, { chars: best.chars }), ok: true, evidence: { chars: best.chars } }] : [];
}

function controlMeans(model: FrameModel): Means[] {
  const out: Means[] = [];
  for (const n of model.nodes) {
    if (!n.control) continue;
    const name = n.name ?? '';
    const href = n.attrs.href ?? '';
    const folded = fold(name);
    const strong = STRONG_PREVIEW.some((w) => folded.includes(w));
    const names = strong || (hasConcept(name, PREVIEW) && hasConcept(name, DOCUMENT));
    // A PDF link is the document unless it is another one (tariffs, privacy policy) or sits in the site's chrome.
    const pdfLink = n.tag === 'a' && isPdfUrl(href) && !hasConcept(`${name} ${href}`, OTHER_DOCUMENTS) && !inSiteChrome(model, n.i);
    const download = hasConcept(name, DOWNLOAD) && hasConcept(name, DOCUMENT);
    if (!names && !pdfLink && !download) continue;
    const context = `${name} ${model.subtreeText(n.parent >= 0 ? n.parent : n.i, 300)}`;
    const evidence = { name, href, disabled: n.disabled, ...layoutEvidence(n.layout) };
    if (hasConcept(context, AFTER_SIGNING) && !names) {
      out.push({ frame: model.index, node: n.i, how: format(messages.afterSigning, { text: name || href }), ok: false, evidence });
      continue;
    }
    if (!n.layout || isHiddenNode(n) || (n.layout.hidden && n.layout.hidden !== 'offscreen')) continue;
    if (n.disabled) {
      out.push({ frame: model.index, node: n.i, how: format(messages.disabledControl, { name, how: n.disabled }), ok: false, evidence });
      continue;
    }
    out.push({ frame: model.index, node: n.i, how: format(messages.control, { name: name || href }), ok: true, evidence });
  }
  return out;
}

/** File names shown on the page, and whether each can be opened (a link on it or a preview control in its row). */
function fileNames(model: FrameModel): { node: number; name: string; openable: boolean }[] {
  const out: { node: number; name: string; openable: boolean }[] = [];
  for (const n of model.visibleTextNodes()) {
    const m = FILE_NAME.exec(n.text!);
    if (!m) continue;
    const name = m[0].trim();
    let openable = false;
    for (const a of [n, ...model.ancestors(n.i)].slice(0, 4)) {
      if (a.control && !a.disabled && (a.tag === 'a' || a.tag === 'button')) openable = true;
    }
    if (!openable) {
      // A row: the nearest ancestor that holds just this file name.
      let row = n.parent;
      for (let up = 0; up < 4 && row > 0; up++) {
        const text = model.subtreeText(row, 500);
        const names = text.match(new RegExp(FILE_NAME.source, 'giu')) ?? [];
        if (names.length > 1) break;
        const ctl = model.descendants(row, 200).find((k) => {
          const c = model.node(k);
          const cname = c.name ?? '';
          return c.control && !c.disabled && c.layout && !c.layout.hidden
            && (STRONG_PREVIEW.some((w) => fold(cname).includes(w)) || hasConcept(cname, PREVIEW) || isPdfUrl(c.attrs.href ?? ''))
            && !hasConcept(cname, AFTER_SIGNING);
        });
        if (ctl !== undefined) {
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

/** Documents that are not the one being signed: price lists, privacy and cookie policies, general terms of the site. */
const OTHER_DOCUMENTS = [
  'tariff', 'price list', 'pricing', 'privacy', 'cookie', 'personal data', 'data protection', 'help', 'faq', 'instruction',
  'kainyn', 'ikainiai', 'privatum', 'slapuk', 'asmens duomen', 'pagalba', 'instrukcij',
  'cenradis', 'tarif', 'privatum', 'sikdatn', 'personas dati', 'palidziba',
  'hinnakiri', 'privaatsus', 'kupsis', 'isikuandmet', 'juhend',
  'тариф', 'прайс', 'конфиденциальн', 'персональн', 'cookie', 'помощь', 'инструкц',
] as const;
const CONTRACT_WORDS = ['agreement', 'terms and conditions', 'sutartis', 'sutarties', 'ligums', 'liguma', 'leping', 'lepingu', 'договор', 'соглашение'] as const;

function inSiteChrome(model: FrameModel, i: number): boolean {
  return [...model.ancestors(i)].some((a) => a.tag === 'footer' || a.tag === 'nav' || a.attrs.role === 'contentinfo' || a.attrs.role === 'navigation');
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
  for (const control of opened) {
    const listRow = [model.node(control), ...model.ancestors(control)].find((a) => ROW_TAGS.has(a.tag) || ROW_ROLES.has(a.attrs.role ?? ''));
    const row = listRow ?? repeatedAncestor(model, control);
    if (!row || row.parent < 0 || seenParents.has(row.parent)) continue;
    seenParents.add(row.parent);
    for (const k of model.children[row.parent]) {
      const sibling = model.node(k);
      if (sibling.tag !== row.tag || isHiddenNode(sibling) || k === row.i) continue;
      const cells = model.children[k].map((c) => model.node(c));
      if (cells.length && cells.every((c) => c.tag === 'th')) continue; // header row
      const text = model.subtreeText(k, 300);
      if (!/\p{L}{3}/u.test(text)) continue;
      // Table rows and list items are a batch by structure; repeated cards only when they name a document.
      if (!listRow && !FILE_NAME.test(text) && !hasConcept(text, DOCUMENT)) continue;
      if (!listRow && text.length > 3 * Math.max(60, model.subtreeText(row.i, 300).length)) continue;
      const openable = model.descendants(k, 200).some((d) => opened.includes(d));
      if (!openable) missing.push({ node: k, name: text.slice(0, 60) });
    }
  }
  return missing;
}

/** The nearest ancestor (up to 4 levels) whose parent holds at least two siblings of the same tag and class. */
function repeatedAncestor(model: FrameModel, i: number): SnapNode | undefined {
  let k = model.node(i).parent;
  for (let up = 0; up < 4 && k > 0; up++) {
    const n = model.node(k);
    const parent = n.parent;
    if (parent >= 0) {
      const same = model.children[parent].filter((c) => model.node(c).tag === n.tag && (model.node(c).attrs.class ?? '') === (n.attrs.class ?? ''));
      // Repeated cards share a class; bare paragraphs of one card do not make a batch.
      if (same.length >= 2 && n.attrs.class?.trim() && ['div', 'article', 'section', 'li'].includes(n.tag)) return n;
    }
    k = parent;
  }
  return undefined;
}


export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const step = findConfirmationStep(models);
  const intent = findSigningIntent(models, step);
  if (!intent.signals.length) {
    return { status: 'not-applicable', summary: intent.authenticationOnly ? messages.authOnly : messages.notApplicable, findings: [] };
  }
  const signal = intent.signals[0];
  const signalFinding = nodeFinding(models, signal.frame, signal.node, 'minor', format(messages.signal, { text: signal.text }), { text: signal.text, kind: signal.kind });
  const means: Means[] = [];
  const files: { frame: number; node: number; name: string; openable: boolean }[] = [];
  for (const model of models) {
    if (isGatewaySigningUrl(model.frame.url)) {
      means.push({ frame: model.index, node: 0, how: messages.gateway, ok: true, evidence: { frameUrl: model.frame.url } });
    }
    means.push(...viewerMeans(models, model), ...renderedPages(model), ...documentText(model), ...controlMeans(model));
    files.push(...fileNames(model).map((f) => ({ ...f, frame: model.index })));
  }
  const toFinding = (m: Means): Finding =>
    nodeFinding(models, m.frame, m.node, m.ok ? 'minor' : m.review ? 'moderate' : 'critical', m.how, m.evidence, m.ok ? 'pass' : m.review ? 'review' : 'fail');

  const good = means.filter((m) => m.ok);
  // Rows of a batch whose siblings can be opened but they cannot.
  const rowsMissing: { frame: number; node: number; name: string }[] = [];
  for (const model of models) {
    const opened = good.filter((m) => m.frame === model.index && m.how.startsWith('the control')).map((m) => m.node);
    if (opened.length) rowsMissing.push(...batchRowsWithoutPreview(model, opened).map((r) => ({ ...r, frame: model.index })));
  }
  if (rowsMissing.length) {
    const total = rowsMissing.length + good.filter((m) => m.how.startsWith('the control')).length;
    const reason = format(messages.batchMissing, { missing: rowsMissing.length, total, names: rowsMissing.map((r) => r.name).join(', ') });
    const findings = [
      ...rowsMissing.map((r) => nodeFinding(models, r.frame, r.node, 'critical', format(messages.rowWithoutPreview, { name: r.name }), { text: r.name }, 'fail')),
      ...means.map(toFinding),
      signalFinding,
    ];
    return { status: 'fail', summary: format(messages.fail, { reasons: reason }), findings };
  }
  // A batch: every listed document must be openable, even when one of them is shown.
  const distinctFiles = [...new Map(files.map((f) => [f.name.toLowerCase(), f])).values()];
  if (distinctFiles.length > 1) {
    const missing = distinctFiles.filter((f) => !f.openable);
    const viewers = good.filter((m) => !m.how.startsWith('the control')).length;
    if (missing.length > viewers) {
      const reason = format(messages.batchMissing, { missing: missing.length, total: distinctFiles.length, names: missing.map((f) => f.name).join(', ') });
      const findings = [
        ...missing.map((f) => nodeFinding(models, f.frame, f.node, 'critical', format(messages.fileNameOnly, { name: f.name }), { fileName: f.name }, 'fail')),
        ...means.map(toFinding),
        signalFinding,
      ];
      return { status: 'fail', summary: format(messages.fail, { reasons: reason }), findings };
    }
  }
  if (good.length) {
    return { status: 'pass', summary: format(messages.pass, { how: good[0].how }), findings: [...means.map(toFinding), signalFinding] };
  }
  const reviews = means.filter((m) => m.review);
  const fails = means.filter((m) => !m.ok && !m.review);
  const reasons = fails.map((m) => m.how);
  if (!fails.length) {
    for (const f of distinctFiles) reasons.push(format(messages.fileNameOnly, { name: f.name }));
    for (const model of models) {
      for (const n of model.visibleTextNodes()) {
        if (hasConcept(n.text!, AFTER_SIGNING) && hasConcept(n.text!, DOWNLOAD)) {
          reasons.push(format(messages.afterSigning, { text: n.text!.slice(0, 100) }));
          break;
        }
      }
    }
  }
  const findings = [
    ...means.map(toFinding),
    ...distinctFiles.map((f) => nodeFinding(models, f.frame, f.node, 'critical', format(messages.fileNameOnly, { name: f.name }), { fileName: f.name }, 'fail')),
    signalFinding,
  ];
  if (reviews.length && !fails.length) {
    return { status: 'review', summary: format(messages.review, { reasons: reviews.map((m) => m.how).join('; ') }), findings };
  }
  return { status: 'fail', summary: format(messages.fail, { reasons: reasons.length ? reasons.join('; ') : messages.none }), findings };
}

export const preview: Rule = { meta, evaluate, messages };
