/**
 * The human summary of a report: one table per page, with the evidence a reviewer asks for first. Summaries are
 * worded from their parts through `t` (English by default, the CLI's language), like every other surface.
 */
import type { CheckResult, Report, TabReport } from '../audit';
import type { CliTabReport } from './audit';
import { english, type Translate } from '../view/strings';
import { messageText } from '../view/report-view';

const LABEL: Record<string, string> = { pass: 'PASS', fail: 'FAIL', review: 'REVIEW', 'not-applicable': 'n/a', error: 'ERROR' };

function colour(status: string, text: string, enabled: boolean): string {
  if (!enabled) return text;
  const code = { pass: 32, fail: 31, review: 33, error: 35 }[status] ?? 90;
  return `\u001b[${code}m${text}\u001b[0m`;
}

function keyEvidence(check: CheckResult): string {
  const best = check.findings.find((f) => f.outcome === 'pass') ?? check.findings.find((f) => f.outcome);
  if (!best) return '';
  const e = best.evidence;
  const parts: string[] = [];
  if (e.code !== undefined) parts.push(`code ${e.code}`);
  if (e.fontSize !== undefined) parts.push(`${e.fontSize}px`);
  if (e.contrast !== undefined) parts.push(`${e.contrast}:1`);
  if (e.name !== undefined && check.id === 'cancel') parts.push(`"${e.name}"`);
  if (e.selector !== undefined) parts.push(String(Array.isArray(e.selector) ? e.selector.join(' >>> ') : e.selector));
  return parts.join(', ');
}

export function formatTabReport(r: TabReport & Partial<CliTabReport>, useColour = false, t: Translate = english): string {
  const lines = [`${r.requestedUrl ?? r.url}`];
  const away = r.navigatedAway;
  if (away) {
    lines.push(`  Navigated away after ${(away.afterMs / 1000).toFixed(1)} s: left ${away.from} for ${away.to}; the verdicts cover every page it showed (see each check's history)`);
  } else if (r.requestedUrl && r.url !== r.requestedUrl) lines.push(`  The page changed its address to ${r.url} (same page)`);
  const width = Math.max(...r.checks.map((c) => c.id.length));
  for (const c of r.checks) {
    const label = colour(c.status, (LABEL[c.status] ?? c.status).padEnd(6), useColour);
    lines.push(`  ${c.id.padEnd(width)}  ${label}  ${messageText(c.summary, c.summaryParts, t)}`);
    const ev = keyEvidence(c);
    if (ev && c.status !== 'not-applicable') lines.push(`  ${' '.repeat(width)}          ${ev}`);
    if (c.live === false) lines.push(`  ${' '.repeat(width)}          (last verdict while the step was shown)`);
  }
  lines.push(`  ${r.timing.nodes} elements in ${r.frames.length} frame(s), audit ${r.timing.auditMs} ms`);
  if (r.frames.some((f) => f.truncated)) lines.push(`  ${t('report_truncated')}`);
  const unread = r.frames.reduce((sum, f) => sum + (f.unreadElements ?? 0), 0);
  if (unread) lines.push(`  ${t('report_unread', [String(unread)])}`);
  for (const u of r.unaudited ?? []) lines.push(`  Frame not audited: ${u.url} (${messageText(u.reason, u.reasonParts, t)})`);
  for (const s of r.timeline?.series ?? []) lines.push(`  Status checks: ${s.description}`);
  for (const e of r.timeline?.entries.filter((x) => x.kind === 'action') ?? []) lines.push(`  Auditor: ${e.text} at ${new Date(e.at).toISOString().slice(11, 19)}`);
  return lines.join('\n');
}

export function formatReport(report: Report, useColour = false, t: Translate = english): string {
  return report.reports.map((r) => formatTabReport(r, useColour, t)).join('\n\n');
}
