/**
 * The human summary of a report: one table per page, with the evidence a reviewer asks for first. Summaries are
 * worded from their parts through `t` (English by default, the CLI's language), like every other surface.
 */
import type { Report, TabReport } from '../audit';
import type { CliTabReport } from './run';
import { english, type Translate } from '../view/strings';
import { tabReportView, type CheckView } from '../view/report-view';

const LABEL: Record<string, string> = { pass: 'PASS', fail: 'FAIL', review: 'REVIEW', 'not-applicable': 'n/a', error: 'ERROR' };

function colour(status: string, text: string, enabled: boolean): string {
  if (!enabled) return text;
  const code = { pass: 32, fail: 31, review: 33, error: 35 }[status] ?? 90;
  return `\u001b[${code}m${text}\u001b[0m`;
}

/** The evidence a reviewer asks for first, from the view's fields (labelled in the CLI's language). */
const KEY_FIELDS = ['code', 'fontSize', 'contrast', 'name', 'selector'];

function keyEvidence(check: CheckView): string {
  const best = check.findings.find((f) => f.outcome?.kind === 'pass') ?? check.findings.find((f) => f.outcome);
  if (!best) return '';
  return KEY_FIELDS.flatMap((name) => {
    if (name === 'name' && check.id !== 'cancel') return [];
    const field = best.fields.find((f) => f.name === name);
    return field ? [`${field.label}: ${field.value}`] : [];
  }).join(' · ');
}

/** One table per page, laid out from the shared view of the report (src/view), so it reads like the popup. */
export function formatTabReport(r: TabReport & Partial<CliTabReport>, useColour = false, t: Translate = english): string {
  const view = tabReportView(r, { t });
  const lines = [`${r.requestedUrl ?? r.url}`];
  const away = r.navigatedAway;
  if (away) {
    lines.push(
      `  Navigated away after ${(away.afterMs / 1000).toFixed(1)} s: left ${away.from} for ${away.to}; the verdicts cover every page it showed (see each check's history)`,
    );
  } else if (r.requestedUrl && r.url !== r.requestedUrl) lines.push(`  The page changed its address to ${r.url} (same page)`);
  const width = Math.max(...view.checks.map((c) => c.id.length));
  const indent = `  ${' '.repeat(width)}          `;
  for (const c of view.checks) {
    const status = c.status.kind;
    const label = colour(status, (LABEL[status] ?? status).padEnd(6), useColour);
    lines.push(`  ${c.id.padEnd(width)}  ${label}  ${c.summary}`);
    const ev = keyEvidence(c);
    if (ev && status !== 'not-applicable') lines.push(`${indent}${ev}`);
    if (!c.live && c.observed) lines.push(`${indent}(${c.observed})`);
  }
  lines.push(`  ${view.timing}`);
  for (const note of [view.truncated, view.unread, ...view.unaudited]) if (note) lines.push(`  ${note}`);
  for (const s of view.timeline?.series ?? []) lines.push(`  ${t('timeline_series')}: ${s}`);
  for (const e of view.timeline?.entries.filter((x) => x.kindId === 'action') ?? []) lines.push(`  ${e.at} ${e.kind}: ${e.text}`);
  return lines.join('\n');
}

export function formatReport(report: Report, useColour = false, t: Translate = english): string {
  return report.reports.map((r) => formatTabReport(r, useColour, t)).join('\n\n');
}
