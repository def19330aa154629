/**
 * A CI job summary in GitHub-flavoured Markdown (`$GITHUB_STEP_SUMMARY`, a GitLab MR note): the outcome and
 * counts first, the points that could not be audited, then one table per point with the checks that fail the run
 * first and the evidence a reviewer asks for. Every piece of page or report text goes through `escapeMarkdown`
 * (no raw HTML, no table breaks, no links made from page text).
 */
import type { CheckResult } from '../../audit';
import { escapeMarkdown } from '../../review/render';
import { statusBadge } from '../../view/report-view';
import type { RunReport, RunTabReport } from '../run';
import {
  STATUSES,
  isRequired,
  keyEvidence,
  labelOf,
  outcomeOf,
  pageUrlOf,
  pointOf,
  policyOf,
  problemText,
  runTotals,
  weightOf,
  worstFirst,
} from './common';

const md = escapeMarkdown;
const badge = (status: string) => {
  const b = statusBadge(status);
  return `${b.icon} **${md(b.label)}**`;
};

function pointMark(r: RunTabReport, report: RunReport): string {
  const weights = r.checks.map((c) => weightOf(c, policyOf(report)));
  return weights.includes('fails-run') ? '✗' : weights.includes('advisory') ? '?' : '✓';
}

function checkRow(c: CheckResult, report: RunReport): string {
  const policy = policyOf(report);
  const optional = isRequired(c.id, policy) ? '' : ' (not required)';
  // Evidence where it explains a finding; a pass or a check that did not apply needs none in a summary.
  const evidence = c.status === 'pass' || c.status === 'not-applicable' ? '' : keyEvidence(c);
  return `| ${md(c.id)}<br>${md(c.title)}${md(optional)} | ${badge(c.status)} | ${md(c.summary)} | ${md(evidence)} |`;
}

export function renderMarkdown(report: RunReport): string {
  const policy = policyOf(report);
  const totals = runTotals(report);
  const { outcome, exitCode } = outcomeOf(report);
  const out: string[] = [];
  out.push(`## ${md(report.tool.name)} ${md(report.tool.version)}: ${outcome === 'pass' ? '✓ passed' : '✗ failed'} (exit ${exitCode})`, '');
  const counts = STATUSES.filter((s) => totals.counts[s]).map((s) => `${badge(s)} ${totals.counts[s]}`);
  out.push(
    [
      `**${totals.points}** point${totals.points === 1 ? '' : 's'} audited`,
      totals.problems ? `**${totals.problems}** could not be audited` : '',
      ...counts,
    ]
      .filter(Boolean)
      .join(' · '),
    '',
  );
  const required = policy.requiredChecks?.length ? policy.requiredChecks.map(md).join(', ') : 'all';
  const duration = report.run ? ` · ${(report.run.durationMs / 1000).toFixed(1)} s` : '';
  out.push(
    `Fails on: ${md(policy.failOn === 'review' ? 'fail, error and review' : 'fail and error')} · required checks: ${required}${duration}`,
    '',
  );

  if (report.problems?.length) {
    out.push('### ✗ Could not audit', '', '| Point | Problem |', '|---|---|');
    for (const p of report.problems) out.push(`| ${md(labelOf(p.point))} | ${md(problemText(p))} |`);
    out.push('');
  }

  for (const r of report.reports) {
    const label = labelOf(pointOf(r));
    out.push(`### ${pointMark(r, report)} ${md(label)}`, '');
    const page = pageUrlOf(r);
    if (page && page !== pointOf(r).url) out.push(`Page: ${md(page)}`, '');
    out.push('| Check | Status | Summary | Key evidence |', '|---|---|---|---|');
    // What fails the run first, then the rest worst first.
    const ordered = worstFirst(r.checks);
    const failing = ordered.filter((c) => weightOf(c, policy) === 'fails-run');
    for (const c of [...failing, ...ordered.filter((c) => !failing.includes(c))]) out.push(checkRow(c, report));
    out.push('');
  }
  if (!report.reports.length && !report.problems?.length) out.push('Nothing was audited.', '');
  return out.join('\n');
}
