/**
 * One renderer for reviews: `viewOf` turns a review into a `ReviewView` (plain, unescaped text, already
 * translated), built from the same check, finding, badge and timeline views (src/view/report-view.ts) that the
 * popup and the on-page panel show, and shown by the review page and the exports. `renderHtml` and `renderMarkdown` only lay that
 * view out and escape every piece of text; `toJson` writes the versioned file `importReview` reads back.
 */
import type { CheckResult, TimelineEntry } from '../audit';
import { REQUIREMENTS, isSafeImageUrl, type Review, type Verdict } from './model';
import { english, type Translate } from './strings';
import {
  BADGE_ICON,
  checkTitle,
  checkView,
  findingView,
  formatTime,
  messageText,
  statusBadge,
  timelineLine,
  verdictBadge,
  type Badge,
  type BadgeKind,
  type TimelineLine,
} from '../view/report-view';

export type { Badge, BadgeKind } from '../view/report-view';
export { formatTime } from '../view/report-view';

/** A picture that may be shown: `src` is always a base64 PNG/JPEG/WebP data URL. */
export interface PictureRef {
  id: string;
  src: string;
  alt: string;
}

export interface FindingLine {
  text: string;
  outcome?: Badge;
  /** Compact evidence: "code: 0041 · fontSize: 36 · selector: span.code". */
  details?: string;
}

export interface EvidenceLine {
  checkId: string;
  checkTitle: string;
  status: Badge;
  summary: string;
  url: string;
  /** "observed 2026-…", and "step ended" when the check's step is over. */
  observed?: string;
  findings: FindingLine[];
  /** Findings not listed (the view keeps the first few). */
  moreFindings?: string;
  picture?: PictureRef;
  /** Set when a picture was attached but is not a safe image, and so left out. */
  pictureDropped?: string;
}

export interface RequirementView {
  id: string;
  number: number;
  title: string;
  howToTest: string;
  verdict: Badge;
  /** "set by the reviewer" / "pre-filled from the automatic checks". */
  verdictBy: string;
  auto: Badge;
  note: string;
  evidence: EvidenceLine[];
  /** Shown when `evidence` is empty. */
  noEvidence?: string;
  timeline: TimelineLine[];
  moreTimeline?: string;
}

export interface PageView {
  url: string;
  finished: string;
  checks: { id: string; title: string; status: Badge; summary: string }[];
}

export interface ReviewView {
  lang: string;
  /** The document title: "WYSIWYS review: <name>". */
  title: string;
  name: string;
  meta: { label: string; value: string }[];
  /** Verdict counts, in the order pass, fail, not tested. */
  totals: { badge: Badge; count: number }[];
  requirements: RequirementView[];
  pages: PageView[];
  pagesNone?: string;
  footer: string;
  labels: {
    summary: string;
    requirement: string;
    verdict: string;
    automatic: string;
    howToTest: string;
    note: string;
    evidence: string;
    timeline: string;
    page: string;
    pages: string;
    pictureOmitted: string;
  };
}

const MAX_FINDINGS = 8;
const MAX_TIMELINE = 25;

function findingLines(check: CheckResult | undefined, t: Translate): { findings: FindingLine[]; more?: string } {
  const all = check?.findings ?? [];
  const findings = all.slice(0, MAX_FINDINGS).map((f) => {
    const view = findingView(f, t);
    const line: FindingLine = { text: view.text };
    if (view.outcome) line.outcome = view.outcome;
    if (view.details) line.details = view.details;
    return line;
  });
  return all.length > MAX_FINDINGS ? { findings, more: t('label_more_findings', [String(all.length - MAX_FINDINGS)]) } : { findings };
}

/** The one intermediate structure every review surface shows. All text is plain (unescaped) and translated. */
export function viewOf(review: Review, t: Translate = english): ReviewView {
  const states = new Map(review.requirements.map((r) => [r.id, r]));
  const reportByUrl = new Map(review.reports.map((r) => [r.url, r]));
  const none = t('meta_none');

  const requirements: RequirementView[] = REQUIREMENTS.map((d, index) => {
    const s = states.get(d.id);
    const verdict = s?.verdict ?? 'not-tested';
    const evidence: EvidenceLine[] = (s?.evidence ?? []).map((e) => {
      const report = e.url !== undefined ? reportByUrl.get(e.url) : undefined;
      const check = report?.checks.find((c) => c.id === e.checkId);
      const { findings, more } = findingLines(check, t);
      // The evidence item copies the check's English summary; the check it came from keeps the parts to translate it.
      const parts = check && check.summary === e.summary ? check.summaryParts : undefined;
      const line: EvidenceLine = {
        checkId: e.checkId,
        checkTitle: checkTitle({ id: e.checkId, status: e.status, title: e.title ?? check?.title ?? e.checkId }, t),
        status: statusBadge(e.status, t),
        summary: messageText(e.summary, parts, t),
        url: e.url ?? '',
        findings,
      };
      if (more) line.moreFindings = more;
      const observed = check && checkView(check, { t }).observed;
      if (observed) line.observed = observed;
      if (e.pictureId !== undefined) {
        const src = review.pictures[e.pictureId];
        if (isSafeImageUrl(src)) line.picture = { id: e.pictureId, src, alt: t('picture_alt', [line.checkTitle, line.url]) };
        else if (src !== undefined) line.pictureDropped = t('picture_dropped');
      }
      return line;
    });
    const entries: TimelineEntry[] = d.timelineKinds.length
      ? review.reports
          .flatMap((r) => r.timeline ?? [])
          .filter((e) => d.timelineKinds.includes(e.kind))
          .sort((a, b) => a.at - b.at)
      : [];
    const shown = entries.slice(-MAX_TIMELINE);
    const view: RequirementView = {
      id: d.id,
      number: index + 1,
      title: t(d.titleKey),
      howToTest: t(d.howToTestKey),
      verdict: verdictBadge(verdict, t),
      verdictBy: t(s?.verdictBy === 'reviewer' ? 'verdict_by_reviewer' : 'verdict_by_auto'),
      auto: s?.auto
        ? statusBadge(s.auto, t)
        : { kind: 'none', label: t(d.checkIds.length ? 'auto_not_seen' : 'auto_none'), icon: BADGE_ICON.none },
      note: s?.note ?? '',
      evidence,
      timeline: shown.map((e) => timelineLine(e, t)),
    };
    if (!evidence.length) view.noEvidence = t(d.checkIds.length ? 'evidence_none' : 'evidence_manual');
    if (entries.length > shown.length) view.moreTimeline = t('label_more_timeline', [String(entries.length - shown.length)]);
    return view;
  });

  const envKey = `environment_${review.environment}`;
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, 'not-tested': 0 };
  for (const r of requirements) counts[r.verdict.kind as Verdict]++;
  const name = review.name || t('review_untitled');

  const pages: PageView[] = review.reports.map((r) => ({
    url: r.url,
    finished: t('pages_finished', [formatTime(r.finishedAt)]),
    checks: r.checks.map((c) => checkView(c, { t })).map((c) => ({ id: c.id, title: c.title, status: c.status, summary: c.summary })),
  }));

  const view: ReviewView = {
    lang: t('review_document_lang'),
    title: t('review_title', [name]),
    name,
    meta: [
      { label: t('meta_integrator'), value: review.integrator || none },
      {
        label: t('meta_environment'),
        value: ['sandbox', 'production', 'unknown'].includes(review.environment) ? t(envKey) : String(review.environment),
      },
      { label: t('meta_sites'), value: review.sites.length ? review.sites.join(', ') : none },
      { label: t('meta_created'), value: formatTime(review.createdAt) || none },
      { label: t('meta_updated'), value: formatTime(review.updatedAt) || none },
      { label: t('meta_id'), value: review.id },
    ],
    totals: (['pass', 'fail', 'not-tested'] as Verdict[]).map((v) => ({ badge: verdictBadge(v, t), count: counts[v] })),
    requirements,
    pages,
    footer: t('review_generated', [formatTime(review.updatedAt)]),
    labels: {
      summary: t('summary_title'),
      requirement: t('summary_requirement'),
      verdict: t('summary_verdict'),
      automatic: t('summary_automatic'),
      howToTest: t('label_how_to_test'),
      note: t('label_note'),
      evidence: t('label_evidence'),
      timeline: t('label_timeline'),
      page: t('label_page'),
      pages: t('pages_title'),
      pictureOmitted: t('picture_omitted_markdown'),
    },
  };
  if (!pages.length) view.pagesNone = t('pages_none');
  return view;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

/** Control characters other than tab and newlines never reach an export. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const BADGE_CLASS: Record<BadgeKind, string> = {
  pass: 'pass',
  fail: 'fail',
  review: 'review',
  'not-applicable': 'na',
  error: 'error',
  'not-tested': 'untested',
  none: 'none',
};

const badgeHtml = (b: Badge) =>
  `<span class="badge b-${BADGE_CLASS[b.kind] ?? 'none'}">${escapeHtml(b.icon)} ${escapeHtml(b.label)}</span>`;

const STYLE = `
:root{color-scheme:light;--fg:#1b1f24;--muted:#5b6470;--line:#d5d9de;--bg:#fff;--soft:#f4f6f8}
*{box-sizing:border-box}
body{margin:0 auto;max-width:960px;padding:24px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 10px}h3{font-size:16px;margin:0}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
.meta th{width:180px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;border:1px solid currentColor;font-size:12px;font-weight:600;white-space:nowrap}
.b-pass{color:#116329;background:#dafbe1}.b-fail{color:#a40e26;background:#ffebe9}.b-review{color:#7d4e00;background:#fff8c5}
.b-na,.b-none{color:#57606a;background:#f6f8fa}.b-error{color:#8250df;background:#fbefff}.b-untested{color:#57606a;background:#fff}
.req{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:14px 0;break-inside:avoid-page}
.req header{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.by{color:var(--muted);font-size:12px}
.how{background:var(--soft);padding:8px 10px;border-radius:6px;margin:8px 0}
.label{font-weight:600}
.note{white-space:pre-wrap;border-left:3px solid var(--line);padding-left:10px;margin:6px 0}
ul{margin:4px 0;padding-left:20px}li{margin:2px 0}
.url,.details{color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.findings{font-size:13px}
figure{margin:6px 0}figure img{max-width:100%;max-height:360px;border:1px solid var(--line)}
figcaption{color:var(--muted);font-size:12px}
.tl{font-size:12px}.tl time{color:var(--muted);white-space:nowrap}
footer{margin-top:32px;color:var(--muted);font-size:12px}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  .badge,.how,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .req,tr,figure{break-inside:avoid}
  h2{break-after:avoid}
  @page{margin:16mm}
}`;

function evidenceHtml(e: EvidenceLine, labels: ReviewView['labels']): string {
  const parts: string[] = [];
  parts.push(
    `<li>${badgeHtml(e.status)} <strong>${escapeHtml(e.checkTitle)}</strong> <code>${escapeHtml(e.checkId)}</code>: ${escapeHtml(e.summary)}`,
  );
  if (e.url)
    parts.push(
      `<div class="url">${escapeHtml(labels.page)}: ${escapeHtml(e.url)}${e.observed ? ` · ${escapeHtml(e.observed)}` : ''}</div>`,
    );
  else if (e.observed) parts.push(`<div class="url">${escapeHtml(e.observed)}</div>`);
  if (e.findings.length || e.moreFindings) {
    parts.push('<ul class="findings">');
    for (const f of e.findings) {
      parts.push(
        `<li>${f.outcome ? `${badgeHtml(f.outcome)} ` : ''}${escapeHtml(f.text)}${f.details ? `<div class="details">${escapeHtml(f.details)}</div>` : ''}</li>`,
      );
    }
    if (e.moreFindings) parts.push(`<li>${escapeHtml(e.moreFindings)}</li>`);
    parts.push('</ul>');
  }
  // Only a checked base64 image data URL ever becomes an attribute value; it is escaped all the same.
  if (e.picture && isSafeImageUrl(e.picture.src)) {
    parts.push(
      `<figure><img src="${escapeHtml(e.picture.src)}" alt="${escapeHtml(e.picture.alt)}"><figcaption>${escapeHtml(e.picture.alt)}</figcaption></figure>`,
    );
  } else if (e.pictureDropped) parts.push(`<div class="details">${escapeHtml(e.pictureDropped)}</div>`);
  parts.push('</li>');
  return parts.join('');
}

function requirementHtml(r: RequirementView, labels: ReviewView['labels']): string {
  const out: string[] = [];
  out.push(`<section class="req" id="req-${escapeHtml(r.id)}">`);
  out.push(
    `<header><h3>${r.number}. ${escapeHtml(r.title)}</h3>${badgeHtml(r.verdict)}<span class="by">${escapeHtml(r.verdictBy)}</span></header>`,
  );
  out.push(`<div class="how"><span class="label">${escapeHtml(labels.howToTest)}:</span> ${escapeHtml(r.howToTest)}</div>`);
  out.push(`<div><span class="label">${escapeHtml(labels.automatic)}:</span> ${badgeHtml(r.auto)}</div>`);
  if (r.note) out.push(`<div><span class="label">${escapeHtml(labels.note)}:</span><div class="note">${escapeHtml(r.note)}</div></div>`);
  out.push(`<div class="label">${escapeHtml(labels.evidence)}</div>`);
  if (r.evidence.length) out.push(`<ul>${r.evidence.map((e) => evidenceHtml(e, labels)).join('')}</ul>`);
  else if (r.noEvidence) out.push(`<p class="by">${escapeHtml(r.noEvidence)}</p>`);
  if (r.timeline.length) {
    out.push(`<div class="label">${escapeHtml(labels.timeline)}</div><ul class="tl">`);
    if (r.moreTimeline) out.push(`<li>${escapeHtml(r.moreTimeline)}</li>`);
    for (const e of r.timeline)
      out.push(`<li><time>${escapeHtml(e.at)}</time> <strong>${escapeHtml(e.kind)}</strong> ${escapeHtml(e.text)}</li>`);
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

/**
 * A complete, self-contained HTML document: inline style only, no script, no event handlers, no external URL
 * (pictures are embedded data URLs; the content security policy forbids everything else), printable to PDF.
 */
export function renderHtml(review: Review, t: Translate = english): string {
  const v = viewOf(review, t);
  const out: string[] = [];
  out.push('<!doctype html>');
  out.push(`<html lang="${escapeHtml(v.lang)}">`);
  out.push('<head>');
  out.push('<meta charset="utf-8">');
  out.push(
    '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;">',
  );
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push('<meta name="referrer" content="no-referrer">');
  out.push(`<title>${escapeHtml(v.title)}</title>`);
  out.push(`<style>${STYLE}\n</style>`);
  out.push('</head>');
  out.push('<body>');
  out.push(`<h1>${escapeHtml(v.title)}</h1>`);
  out.push('<table class="meta"><tbody>');
  for (const m of v.meta) out.push(`<tr><th scope="row">${escapeHtml(m.label)}</th><td>${escapeHtml(m.value)}</td></tr>`);
  out.push('</tbody></table>');

  out.push(`<h2>${escapeHtml(v.labels.summary)}</h2>`);
  out.push(`<p>${v.totals.map((x) => `${badgeHtml(x.badge)} ${x.count}`).join(' &nbsp; ')}</p>`);
  out.push(
    `<table><thead><tr><th>${escapeHtml(v.labels.requirement)}</th><th>${escapeHtml(v.labels.verdict)}</th><th>${escapeHtml(v.labels.automatic)}</th></tr></thead><tbody>`,
  );
  for (const r of v.requirements)
    out.push(`<tr><td>${r.number}. ${escapeHtml(r.title)}</td><td>${badgeHtml(r.verdict)}</td><td>${badgeHtml(r.auto)}</td></tr>`);
  out.push('</tbody></table>');

  for (const r of v.requirements) out.push(requirementHtml(r, v.labels));

  out.push(`<h2>${escapeHtml(v.labels.pages)}</h2>`);
  if (v.pagesNone) out.push(`<p class="by">${escapeHtml(v.pagesNone)}</p>`);
  for (const p of v.pages) {
    out.push(`<h3 class="url">${escapeHtml(p.url)}</h3><p class="by">${escapeHtml(p.finished)}</p>`);
    out.push('<table><tbody>');
    for (const c of p.checks)
      out.push(`<tr><td><code>${escapeHtml(c.id)}</code></td><td>${badgeHtml(c.status)}</td><td>${escapeHtml(c.summary)}</td></tr>`);
    out.push('</tbody></table>');
  }
  out.push(`<footer>${escapeHtml(v.footer)}</footer>`);
  out.push('</body>');
  out.push('</html>');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

/**
 * Escapes text for Markdown: HTML is written as entities (never raw tags), Markdown punctuation is backslash-escaped
 * (`$` too: GitHub reads `$…$` as math), addresses are kept from becoming links (GFM links `http://…` and `www.…`
 * on its own: `\://`, `www\.` read the same), and line breaks (also Unicode line and paragraph separators) become
 * spaces and leading blanks go, so text cannot start a heading, list, quote, code block or table row of its own.
 */
export function escapeMarkdown(text: unknown): string {
  return (
    String(text ?? '')
      .replace(CONTROL, '')
      .split(/[\r\n\u2028\u2029]+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/([\\`*_[\]#!|~$])/g, '\\$1')
      .replace(/:\/\//g, '\\://')
      .replace(/\b(www)\./gi, '$1\\.')
      // What would open a block at the start of a line: a list, quote, heading underline or ordered list item.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/** Multi-line text (the reviewer's note) as a block quote, each line escaped. */
function quoteMarkdown(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line)}` : '>'))
    .join('\n');
}

const mdBadge = (b: Badge) => `${b.icon} **${escapeMarkdown(b.label)}**`;

/** Markdown to paste into an e-mail or a ticket. Pictures are left out with a note (see the HTML export). */
export function renderMarkdown(review: Review, t: Translate = english): string {
  const v = viewOf(review, t);
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(v.title)}`, '');
  out.push('| | |', '|---|---|');
  for (const m of v.meta) out.push(`| ${escapeMarkdown(m.label)} | ${escapeMarkdown(m.value)} |`);
  out.push('');
  out.push(`## ${escapeMarkdown(v.labels.summary)}`, '');
  out.push(v.totals.map((x) => `${mdBadge(x.badge)} ${x.count}`).join(' · '), '');
  out.push(
    `| ${escapeMarkdown(v.labels.requirement)} | ${escapeMarkdown(v.labels.verdict)} | ${escapeMarkdown(v.labels.automatic)} |`,
    '|---|---|---|',
  );
  for (const r of v.requirements)
    out.push(`| ${r.number}. ${escapeMarkdown(r.title)} | ${mdBadge(r.verdict)} | ${escapeMarkdown(r.auto.label)} |`);
  out.push('');
  for (const r of v.requirements) {
    out.push(`## ${r.number}. ${escapeMarkdown(r.title)}`, '');
    out.push(
      `${mdBadge(r.verdict)} (${escapeMarkdown(r.verdictBy)}) · ${escapeMarkdown(v.labels.automatic)}: ${escapeMarkdown(r.auto.label)}`,
      '',
    );
    out.push(`*${escapeMarkdown(v.labels.howToTest)}:* ${escapeMarkdown(r.howToTest)}`, '');
    if (r.note) out.push(`*${escapeMarkdown(v.labels.note)}:*`, '', quoteMarkdown(r.note), '');
    out.push(`*${escapeMarkdown(v.labels.evidence)}:*`, '');
    if (!r.evidence.length && r.noEvidence) out.push(`- ${escapeMarkdown(r.noEvidence)}`);
    for (const e of r.evidence) {
      out.push(`- ${mdBadge(e.status)} ${escapeMarkdown(e.checkTitle)} (${escapeMarkdown(e.checkId)}): ${escapeMarkdown(e.summary)}`);
      if (e.url)
        out.push(`  - ${escapeMarkdown(v.labels.page)}: ${escapeMarkdown(e.url)}${e.observed ? ` · ${escapeMarkdown(e.observed)}` : ''}`);
      for (const f of e.findings)
        out.push(
          `  - ${f.outcome ? `${mdBadge(f.outcome)} ` : ''}${escapeMarkdown(f.text)}${f.details ? ` (${escapeMarkdown(f.details)})` : ''}`,
        );
      if (e.moreFindings) out.push(`  - ${escapeMarkdown(e.moreFindings)}`);
      if (e.picture || e.pictureDropped) out.push(`  - *${escapeMarkdown(e.picture ? v.labels.pictureOmitted : e.pictureDropped)}*`);
    }
    if (r.timeline.length) {
      out.push('', `*${escapeMarkdown(v.labels.timeline)}:*`, '');
      if (r.moreTimeline) out.push(`- ${escapeMarkdown(r.moreTimeline)}`);
      for (const e of r.timeline) out.push(`- ${escapeMarkdown(e.at)} **${escapeMarkdown(e.kind)}** ${escapeMarkdown(e.text)}`);
    }
    out.push('');
  }
  out.push(`## ${escapeMarkdown(v.labels.pages)}`, '');
  if (v.pagesNone) out.push(escapeMarkdown(v.pagesNone), '');
  for (const p of v.pages) {
    out.push(`### ${escapeMarkdown(p.url)}`, '', escapeMarkdown(p.finished), '');
    for (const c of p.checks) out.push(`- ${mdBadge(c.status)} ${escapeMarkdown(c.id)}: ${escapeMarkdown(c.summary)}`);
    out.push('');
  }
  out.push(`*${escapeMarkdown(v.footer)}*`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

/** The versioned review file (see schema.json); `importReview` reads it back. */
export function toJson(review: Review): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
