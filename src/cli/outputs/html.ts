/**
 * The HTML artifact of a CI run is a review report (src/review/render.ts), so it reads like the one a reviewer
 * exports: each audited point is an attached page ("<point label> — <page URL>"), the requirements are pre-filled
 * from the checks, and the points that could not be audited are listed in a section of their own.
 */
import { attachReport, createReview, type Review } from '../../review/model';
import { escapeHtml, renderHtml as renderReviewHtml } from '../../review/render';
import { formatTime } from '../../view/report-view';
import type { RunReport } from '../run';
import { labelOf, outcomeOf, pageUrlOf, pointOf, problemText } from './common';

/** A Review holding one attached page per audited point (points at the same URL stay apart). */
export function reviewOf(report: RunReport): Review {
  const started = report.run ? Date.parse(report.run.startedAt) : Number.NaN;
  const now = Number.isNaN(started) ? Date.now() : started;
  const origins = new Set<string>();
  for (const r of report.reports) {
    try {
      const origin = new URL(pageUrlOf(r)).origin;
      if (origin !== 'null') origins.add(origin);
    } catch {
      // Not an address with an origin (about:blank): nothing to list.
    }
  }
  const { outcome } = outcomeOf(report);
  let review = createReview({
    id: `run-${new Date(now).toISOString()}`,
    name: `${report.tool.name} ${report.tool.version} CI run (${outcome})`,
    integrator: '',
    sites: [...origins],
    now,
  });
  const seen = new Map<string, number>();
  for (const r of report.reports) {
    const point = pointOf(r);
    const label = labelOf(point);
    const page = pageUrlOf(r);
    // The page address is added when the label does not already say it (a flow step, a page that moved on).
    let key = page && page !== point.url ? `${label} — ${page}` : label;
    // Two points with the same label (the same URL twice in a config) are two pages, not one replacing the other.
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n > 1) key = `${key} (#${n})`;
    const timeline = r.timeline?.entries;
    review = attachReport(review, { url: key, finishedAt: r.finishedAt, checks: r.checks, ...(timeline?.length ? { timeline } : {}) }, now);
  }
  return review;
}

function problemsHtml(report: RunReport): string {
  const problems = report.problems ?? [];
  if (!problems.length) return '';
  const rows = problems.map(
    (p) =>
      `<tr><td>${escapeHtml(labelOf(p.point))}</td><td><span class="badge b-error">! ${escapeHtml(p.kind)}</span></td><td>${escapeHtml(problemText(p))}</td></tr>`,
  );
  return [
    '<h2 id="problems">Could not audit</h2>',
    '<p class="by">These points were not audited; each fails the run. The other points are reported above.</p>',
    '<table><thead><tr><th>Point</th><th>Problem</th><th>Why</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table>',
  ].join('\n');
}

function runHtml(report: RunReport): string {
  const { outcome, exitCode } = outcomeOf(report);
  const policy = report.run?.policy;
  const parts = [
    `Run outcome: <span class="badge b-${outcome === 'pass' ? 'pass' : 'fail'}">${outcome === 'pass' ? '✓' : '✗'} ${escapeHtml(outcome)}</span> (exit ${exitCode})`,
  ];
  if (report.run)
    parts.push(`started ${escapeHtml(formatTime(report.run.startedAt))}, ${escapeHtml((report.run.durationMs / 1000).toFixed(1))} s`);
  if (policy)
    parts.push(
      `fails on ${escapeHtml(policy.failOn === 'review' ? 'fail, error and review' : 'fail and error')}; required checks: ${escapeHtml(policy.requiredChecks?.length ? policy.requiredChecks.join(', ') : 'all')}`,
    );
  return `<p id="run">${parts.join(' · ')}</p>`;
}

/** The review report of the run, with the run's outcome under the title and the problems before the footer. */
export function renderRunHtml(report: RunReport): string {
  const html = renderReviewHtml(reviewOf(report));
  // The review renderer has no place for a run's outcome or its problems: they go in at fixed points of its
  // document (after the first heading, before the footer), escaped like the rest.
  // (A function as replacement: `$&` or `$'` in page text must stay text, not become a replacement pattern.)
  const withRun = html.replace('</h1>\n', () => `</h1>\n${runHtml(report)}\n`);
  const problems = problemsHtml(report);
  return problems ? withRun.replace('\n<footer>', () => `\n${problems}\n<footer>`) : withRun;
}
