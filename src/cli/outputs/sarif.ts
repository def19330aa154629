/**
 * SARIF 2.1.0: one run of the auditor. `tool.driver.rules` holds every check (and a rule per kind of problem:
 * `page-load`, `flow-step`, …); results are the checks that did not pass — `fail`, `review` and `error` — and the
 * points that could not be audited.
 *
 * A result's level follows the run policy, so a code-scanning gate blocks exactly what the exit code blocks:
 * `error` when the result fails the run (a required `fail` or `error`, a `review` under `--fail-on review`, a
 * problem), `warning` for a `fail`/`error` of a check that is not required, `note` for a `review` the policy does
 * not count. SARIF has no DOM selectors: a result is located at the page URL (`physicalLocation.artifactLocation`)
 * and at the element (`logicalLocations[].fullyQualifiedName` = the selector, frame levels joined by " >> ",
 * shadow hops by " >>> "); the selector array, the evidence and the point are in `properties`.
 */
import type { Log, Location, ReportingDescriptor, Result, Run } from 'sarif';
import { ruleMetas, type CheckResult, type Finding, type RuleMeta } from '../../audit';
import type { RunProblem, RunReport, RunTabReport } from '../run';
import {
  PROBLEM_CHECKS,
  evidenceLines,
  findingsWorstFirst,
  isRequired,
  labelOf,
  outcomeOf,
  pageUrlOf,
  pointOf,
  policyOf,
  problemText,
  selectorText,
  stripControl,
  weightOf,
} from './common';

export interface SarifOptions {
  /** The project's home page (absolute URL): `informationUri`, and each rule's `helpUri` (its row in "The checks"). */
  homepage?: string;
}

const LEVEL_OF_SEVERITY: Record<string, ReportingDescriptor['defaultConfiguration']> = {
  critical: { level: 'error', rank: 95 },
  serious: { level: 'error', rank: 80 },
  moderate: { level: 'warning', rank: 50 },
  minor: { level: 'note', rank: 20 },
};

/** A rule's friendly name from its title: "User can cancel the waiting transaction" → "UserCanCancelTheWaitingTransaction". */
const pascal = (text: string) =>
  text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, _sep, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');

const MAX_LOCATIONS = 10;

function absolute(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    return new URL(uri).href;
  } catch {
    return undefined;
  }
}

function checkRule(meta: RuleMeta, helpUri: string | undefined): ReportingDescriptor {
  const rule: ReportingDescriptor = {
    id: meta.id,
    name: pascal(meta.title),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.description}\nSource: ${meta.source}`,
      markdown: `${meta.description}\n\n**Source:** ${meta.source}`,
    },
    defaultConfiguration: LEVEL_OF_SEVERITY[meta.severity] ?? { level: 'warning' },
    properties: { severity: meta.severity, source: meta.source, failureTitle: meta.failureTitle, tags: ['wysiwys', 'e-signing'] },
  };
  if (helpUri) rule.helpUri = helpUri;
  return rule;
}

function problemRule(kind: RunProblem['kind'], helpUri: string | undefined): ReportingDescriptor {
  const p = PROBLEM_CHECKS[kind];
  const rule: ReportingDescriptor = {
    id: p.id,
    name: pascal(p.title),
    shortDescription: { text: p.title },
    fullDescription: { text: p.description },
    help: { text: `${p.description} A point that cannot be audited fails the run; the other points are still reported.` },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['wysiwys', 'run'] },
  };
  if (helpUri) rule.helpUri = helpUri;
  return rule;
}

/** Evidence for `properties`: plain values, pictures (data URLs) left out (they are in the JSON report). */
function plainEvidence(evidence: Finding['evidence'] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(evidence ?? {})) {
    if (typeof v === 'string' && /^data:/i.test(v)) continue;
    out[k] = typeof v === 'string' ? stripControl(v) : v;
  }
  return out;
}

function pointProperties(r: RunTabReport): Record<string, unknown> {
  const point = pointOf(r);
  return { point: { ...point, label: labelOf(point) }, requestedUrl: r.requestedUrl, finishedAt: r.finishedAt };
}

/** The findings a verdict rests on: those that failed or need review, else those without an outcome of their own, else all. */
function decisiveFindings(findings: readonly Finding[]): Finding[] {
  const ordered = findingsWorstFirst(findings);
  const judged = ordered.filter((f) => f.outcome === 'fail' || f.outcome === 'review');
  if (judged.length) return judged;
  const context = ordered.filter((f) => !f.outcome);
  return context.length ? context : ordered;
}

function checkResult(r: RunTabReport, check: CheckResult, ruleIndex: number, report: RunReport): Result {
  const policy = policyOf(report);
  const weight = weightOf(check, policy);
  const level: Result['level'] = weight === 'fails-run' ? 'error' : check.status === 'review' ? 'note' : 'warning';
  const uri = absolute(pageUrlOf(r));
  // The findings that decided the verdict; a check without any is located at the page alone.
  const shown = decisiveFindings(check.findings ?? []).slice(0, MAX_LOCATIONS);
  const locations: Location[] = (shown.length ? shown : [undefined]).map((f) => {
    const location: Location = {};
    if (uri) location.physicalLocation = { artifactLocation: { uri } };
    const selector = f ? selectorText(f.target) : '';
    if (selector) location.logicalLocations = [{ fullyQualifiedName: selector, kind: 'element' }];
    if (f) location.message = { text: stripControl(f.message) };
    return location;
  });
  const evidence = shown[0] ? evidenceLines(shown[0]) : [];
  const label = labelOf(pointOf(r));
  // The rule's title is shown next to the message; the point says which page, viewport, language or flow step.
  const text = [`${check.summary} [${label}]`, ...evidence].map(stripControl).join('\n');
  return {
    ruleId: check.id,
    ruleIndex,
    kind: 'fail',
    level,
    message: { text },
    locations: locations.filter((l) => l.physicalLocation || l.logicalLocations),
    partialFingerprints: { 'wysiwysPoint/v1': `${check.id}|${label}|${shown[0] ? selectorText(shown[0].target) : ''}` },
    properties: {
      status: check.status,
      required: isRequired(check.id, policy),
      failsRun: weight === 'fails-run',
      summary: stripControl(check.summary),
      ...pointProperties(r),
      findings: shown.map((f) => ({
        outcome: f.outcome,
        severity: f.severity,
        message: stripControl(f.message),
        target: f.target,
        frameUrl: f.frameUrl,
        evidence: plainEvidence(f.evidence),
      })),
    },
  };
}

function problemResultOf(p: RunProblem, ruleIndex: number): Result {
  const uri = absolute(p.pageUrl ?? p.point.url);
  const label = labelOf(p.point);
  const location: Location = { logicalLocations: [{ name: label, fullyQualifiedName: label, kind: 'module' }] };
  if (uri) location.physicalLocation = { artifactLocation: { uri } };
  return {
    ruleId: PROBLEM_CHECKS[p.kind].id,
    ruleIndex,
    kind: 'fail',
    level: 'error',
    message: { text: `${label}: ${stripControl(problemText(p))}` },
    locations: [location],
    properties: { kind: p.kind, message: stripControl(p.message), pageUrl: p.pageUrl, point: { ...p.point, label } },
  };
}

export function buildSarif(report: RunReport, options: SarifOptions = {}): Log {
  const home = absolute(options.homepage);
  const helpUri = home ? `${home.replace(/#.*$/, '')}#the-checks` : undefined;
  const rules: ReportingDescriptor[] = ruleMetas().map((m) => checkRule(m, helpUri));
  const known = new Set(rules.map((r) => r.id));
  // A check the registry does not know (a report from another version) still gets a rule.
  for (const c of report.reports.flatMap((r) => r.checks)) {
    if (known.has(c.id)) continue;
    known.add(c.id);
    rules.push({ id: c.id, name: pascal(c.title || c.id), shortDescription: { text: c.title || c.id }, help: { text: c.title || c.id } });
  }
  for (const kind of Object.keys(PROBLEM_CHECKS) as RunProblem['kind'][]) rules.push(problemRule(kind, helpUri));
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));

  const results: Result[] = [];
  for (const r of report.reports)
    for (const c of r.checks)
      if (c.status === 'fail' || c.status === 'review' || c.status === 'error') results.push(checkResult(r, c, indexOf.get(c.id)!, report));
  for (const p of report.problems ?? []) results.push(problemResultOf(p, indexOf.get(PROBLEM_CHECKS[p.kind].id)!));

  const { outcome, exitCode } = outcomeOf(report);
  const driver: Run['tool']['driver'] = {
    name: report.tool.name,
    version: report.tool.version,
    semanticVersion: report.tool.version,
    rules,
  };
  if (home) driver.informationUri = home;
  const run: Run = {
    tool: { driver },
    results,
    columnKind: 'utf16CodeUnits',
    properties: {
      policy: policyOf(report),
      outcome,
      exitCode,
      points: report.reports.map((r) => labelOf(pointOf(r))),
      problems: report.problems?.length ?? 0,
    },
  };
  if (report.run) {
    const start = new Date(report.run.startedAt);
    const invocation: NonNullable<Run['invocations']>[number] = { executionSuccessful: true, exitCode };
    if (!Number.isNaN(start.getTime())) {
      invocation.startTimeUtc = start.toISOString();
      invocation.endTimeUtc = new Date(start.getTime() + report.run.durationMs).toISOString();
    }
    run.invocations = [invocation];
  }
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}

export function renderSarif(report: RunReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
