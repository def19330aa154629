/**
 * What every CI output format reads the same way from a run: the points in run order, how a check's status
 * counts under the run policy, the evidence of a check as labelled lines, and a finding's selector as one string.
 * The formats only lay these out (and escape for their syntax).
 */
import type { CheckResult, Finding, Status } from '../../audit';
import { fieldsOf, findingView } from '../../view/report-view';
import { english } from '../../view/strings';
import { pointLabel, statusFailsRun, type RunPoint, type RunPolicy, type RunProblem, type RunReport, type RunTabReport } from '../run';

/** The policy of a run: the one it recorded, else the default (`--fail-on fail`, every check required). */
export function policyOf(report: RunReport): RunPolicy {
  return report.run?.policy ?? { failOn: 'fail' };
}

/** A report's point; reports from before the run contract (a bare URL audit) get one from their URL. */
export function pointOf(r: RunTabReport): RunPoint {
  return r.point ?? { url: r.requestedUrl ?? r.url, viewport: { width: 0, height: 0 } };
}

/** "flow › step (390x844, lt)", or the URL alone when a report has no viewport recorded. */
export function labelOf(point: RunPoint): string {
  return point.viewport.width ? pointLabel(point) : (point.url ?? '');
}

/** The address a point's results are located at: the page the check saw, else the one asked for. */
export function pageUrlOf(r: RunTabReport): string {
  return r.url || r.requestedUrl || r.point?.url || '';
}

export function isRequired(checkId: string, policy: RunPolicy): boolean {
  return !policy.requiredChecks?.length || policy.requiredChecks.includes(checkId);
}

/** How a check counts in CI: it fails the run, it is a finding that does not fail the run, it passed, or it did not apply. */
export type Weight = 'fails-run' | 'advisory' | 'passed' | 'not-applicable';

export function weightOf(check: Pick<CheckResult, 'id' | 'status'>, policy: RunPolicy): Weight {
  if (statusFailsRun(check.id, check.status, policy)) return 'fails-run';
  if (check.status === 'pass') return 'passed';
  if (check.status === 'not-applicable') return 'not-applicable';
  return 'advisory';
}

const STATUS_ORDER: Record<Status, number> = { error: 0, fail: 1, review: 2, pass: 3, 'not-applicable': 4 };

/** Checks worst first (error, fail, review, pass, not applicable), report order kept within a status. */
export function worstFirst<T extends Pick<CheckResult, 'status'>>(checks: readonly T[]): T[] {
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (STATUS_ORDER[a.c.status] ?? 9) - (STATUS_ORDER[b.c.status] ?? 9) || a.i - b.i)
    .map((x) => x.c);
}

export const STATUSES: readonly Status[] = ['fail', 'error', 'review', 'pass', 'not-applicable'];

/** How many checks have each status. */
export function countStatuses(checks: readonly Pick<CheckResult, 'status'>[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, review: 0, 'not-applicable': 0, error: 0 };
  for (const c of checks) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return counts;
}

const STATUS_WORD: Record<Status, string> = { fail: 'fail', error: 'error', review: 'review', pass: 'pass', 'not-applicable': 'n/a' };

/** "1 fail · 8 pass · 2 n/a": the words progress lines and headlines use (statuses with no check left out). */
export function countsText(checks: readonly Pick<CheckResult, 'status'>[]): string {
  const counts = countStatuses(checks);
  const parts = STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${STATUS_WORD[s]}`);
  return parts.length ? parts.join(' · ') : 'no checks';
}

/**
 * A finding's target as one string: frame levels joined by " >> " (the way Playwright enters a frame), shadow-root
 * hops inside one frame by " >>> " (the deep combinator). The array form is in the JSON and SARIF properties.
 */
export function selectorText(target: Finding['target'] | undefined): string {
  return (target ?? []).map((level) => (Array.isArray(level) ? level.join(' >>> ') : level)).join(' >> ');
}

const MAX_VALUE = 300;
const MAX_FINDINGS = 12;

/** Findings that decided the verdict first (fail, review), then the rest. */
export function findingsWorstFirst(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => (f.outcome === 'fail' ? 0 : f.outcome === 'review' ? 1 : f.outcome === 'pass' ? 2 : 3);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}

/** One finding's labelled evidence, pictures left out (they are in the JSON and the HTML report). */
export function evidenceLines(f: Finding): string[] {
  const out: string[] = [];
  for (const field of fieldsOf(f.evidence, english)) {
    if (field.picture) continue;
    const value = field.value.length > MAX_VALUE ? `${field.value.slice(0, MAX_VALUE)}…` : field.value;
    out.push(`${field.label}: ${value}`);
  }
  const selector = selectorText(f.target);
  if (selector && !('selector' in (f.evidence ?? {}))) out.push(`Selector: ${selector}`);
  if (f.frameUrl) out.push(`Frame: ${f.frameUrl}`);
  return out;
}

/** A check as plain text: its summary, then each finding (worst first) with its evidence, indented. */
export function checkEvidenceText(check: CheckResult): string {
  const lines = [check.summary];
  const findings = findingsWorstFirst(check.findings ?? []);
  for (const f of findings.slice(0, MAX_FINDINGS)) {
    const view = findingView(f, english);
    lines.push(`- ${view.outcome ? `[${view.outcome.label}] ` : ''}${view.text}`);
    for (const line of evidenceLines(f)) lines.push(`    ${line}`);
  }
  if (findings.length > MAX_FINDINGS) lines.push(`- … ${findings.length - MAX_FINDINGS} more findings (see the JSON report)`);
  return lines.join('\n');
}

/** The one-line evidence a reviewer asks for first: the deciding finding's plain fields. */
export function keyEvidence(check: CheckResult): string {
  const f = findingsWorstFirst(check.findings ?? [])[0];
  if (!f) return '';
  const view = findingView(f, english);
  const selector = selectorText(f.target);
  const details = view.details ?? '';
  return selector && !details.includes(selector) ? [details, `Selector: ${selector}`].filter(Boolean).join(' · ') : details;
}

/** A problem as a check of its own (JUnit test case, SARIF rule): a page or step the run could not audit. */
export const PROBLEM_CHECKS: Record<RunProblem['kind'], { id: string; title: string; description: string }> = {
  load: {
    id: 'page-load',
    title: 'The page loads',
    description: 'The page opened for an audit loads (no HTTP error, DNS or connection failure, timeout).',
  },
  flow: {
    id: 'flow-step',
    title: 'The flow step can be done',
    description: 'Each step of a flow (click, fill, wait, …) can be performed on the page.',
  },
  'no-report': {
    id: 'audit-report',
    title: 'The extension reports on the page',
    description: 'The extension watching the page produced a report for it.',
  },
  crash: { id: 'audit-run', title: 'The audit runs', description: 'The audit of the page or step ran to its end.' },
};

const PROBLEM_KIND: Record<RunProblem['kind'], string> = {
  load: 'could not load',
  flow: 'flow step failed',
  'no-report': 'no report',
  crash: 'crashed',
};

/** "could not load: HTTP 404 (https://…)". */
export function problemText(p: RunProblem): string {
  const where = p.pageUrl && p.pageUrl !== p.point.url ? ` (at ${p.pageUrl})` : '';
  return `${PROBLEM_KIND[p.kind] ?? p.kind}: ${p.message}${where}`;
}

export function problemKindText(kind: RunProblem['kind']): string {
  return PROBLEM_KIND[kind] ?? kind;
}

/** Headline numbers of a run. */
export function runTotals(report: RunReport): { points: number; problems: number; counts: Record<Status, number>; failing: number } {
  const policy = policyOf(report);
  const checks = report.reports.flatMap((r) => r.checks);
  return {
    points: report.reports.length,
    problems: report.problems?.length ?? 0,
    counts: countStatuses(checks),
    failing: checks.filter((c) => weightOf(c, policy) === 'fails-run').length,
  };
}

/** "fail (exit 1)" from the run's record, or worked out from the policy when the run did not record it. */
export function outcomeOf(report: RunReport): { outcome: 'pass' | 'fail'; exitCode: 0 | 1 } {
  if (report.run) return { outcome: report.run.outcome, exitCode: report.run.exitCode };
  const policy = policyOf(report);
  const failing = !!report.problems?.length || report.reports.some((r) => r.checks.some((c) => statusFailsRun(c.id, c.status, policy)));
  return { outcome: failing ? 'fail' : 'pass', exitCode: failing ? 1 : 0 };
}

/** Characters no output may carry (XML 1.0 forbids or discourages them): C0 controls but tab and newlines, DEL and C1 controls, lone surrogates, U+FFFE/U+FFFF. */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripControl(text: unknown): string {
  return String(text ?? '').replace(UNSAFE, '');
}
