/**
 * JUnit XML: one <testsuite> per audited point (page or flow step at a viewport and language), one <testcase> per
 * check, so a CI dashboard lists "checkout (390x844, lt) · control-code" like any other test.
 *
 * How statuses map, decided by the run policy so that the XML fails exactly when the run does:
 * - `fail` → <failure>, `error` (the rule threw) → <error>, `review` → <failure> under `--fail-on review`;
 * - `review` under `--fail-on fail` → passed, with the review note and evidence in <system-out>;
 * - `not-applicable` → <skipped message="summary">;
 * - a check outside `requiredChecks` that did not pass → <skipped> ("not a required check: FAIL — …"), its
 *   evidence in <system-out>: it is reported, and it does not fail the build;
 * - a page that could not load or a flow step that could not be done → its own test case with <error>.
 * Page text is untrusted: control characters are removed and everything is escaped (never CDATA, so `]]>` in a
 * page is just text).
 */
import type { CheckResult } from '../../audit';
import type { RunProblem, RunReport, RunTabReport } from '../run';
import {
  PROBLEM_CHECKS,
  checkEvidenceText,
  isRequired,
  labelOf,
  outcomeOf,
  pageUrlOf,
  pointOf,
  policyOf,
  problemKindText,
  stripControl,
  weightOf,
} from './common';

/** Text content of an element. */
export function xmlText(text: unknown): string {
  return stripControl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value; line breaks and tabs kept as character references (parsers fold them otherwise). */
export function xmlAttr(text: unknown): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

const MAX_MESSAGE = 500;
const short = (text: string) => (text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text);

interface Case {
  xml: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

function testcase(classname: string, name: string, inner: string[]): string {
  const open = `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(name)}" time="0"`;
  return inner.length ? `${open}>\n${inner.map((l) => `      ${l}`).join('\n')}\n    </testcase>` : `${open}/>`;
}

const STATUS_WORD: Record<string, string> = { fail: 'FAIL', error: 'ERROR', review: 'REVIEW', pass: 'PASS', 'not-applicable': 'N/A' };

function checkCase(label: string, check: CheckResult, report: RunReport): Case {
  const policy = policyOf(report);
  const name = `${check.id} — ${check.title}`;
  const summary = short(stripControl(check.summary));
  const body = checkEvidenceText(check);
  const out = (text: string) => `<system-out>${xmlText(text)}</system-out>`;
  switch (weightOf(check, policy)) {
    case 'fails-run':
      if (check.status === 'error')
        return {
          xml: testcase(label, name, [`<error message="${xmlAttr(summary)}" type="error">${xmlText(body)}</error>`]),
          failure: false,
          error: true,
          skipped: false,
        };
      return {
        xml: testcase(label, name, [`<failure message="${xmlAttr(summary)}" type="${xmlAttr(check.status)}">${xmlText(body)}</failure>`]),
        failure: true,
        error: false,
        skipped: false,
      };
    case 'advisory':
      if (!isRequired(check.id, policy)) {
        const message = `Not a required check: ${STATUS_WORD[check.status]} — ${summary}`;
        return {
          xml: testcase(label, name, [`<skipped message="${xmlAttr(message)}"/>`, out(body)]),
          failure: false,
          error: false,
          skipped: true,
        };
      }
      // A review that the policy does not count (`--fail-on fail`): passed, with the note for whoever reads the log.
      return {
        xml: testcase(label, name, [out(`Needs review (does not fail the run under --fail-on ${policy.failOn}): ${body}`)]),
        failure: false,
        error: false,
        skipped: false,
      };
    case 'not-applicable':
      return { xml: testcase(label, name, [`<skipped message="${xmlAttr(summary)}"/>`]), failure: false, error: false, skipped: true };
    default:
      return { xml: testcase(label, name, [out(body)]), failure: false, error: false, skipped: false };
  }
}

function problemCase(label: string, p: RunProblem): Case {
  const rule = PROBLEM_CHECKS[p.kind] ?? PROBLEM_CHECKS.crash;
  const body = [p.message, p.pageUrl ? `Page: ${p.pageUrl}` : '', p.point.url ? `Asked for: ${p.point.url}` : '']
    .filter(Boolean)
    .join('\n');
  const message = short(`${problemKindText(p.kind)}: ${stripControl(p.message)}`);
  return {
    xml: testcase(label, `${rule.id} — ${rule.title}`, [
      `<error message="${xmlAttr(message)}" type="${xmlAttr(p.kind)}">${xmlText(body)}</error>`,
    ]),
    failure: false,
    error: true,
    skipped: false,
  };
}

function properties(r: RunTabReport | undefined, p: RunProblem | undefined): string[] {
  const point = r ? pointOf(r) : p?.point;
  const entries: [string, unknown][] = [
    ['url', r ? pageUrlOf(r) : (p?.pageUrl ?? point?.url)],
    ['requestedUrl', r?.requestedUrl ?? point?.url],
    ['flow', point?.flow],
    ['step', point?.step],
    ['stepIndex', point?.stepIndex],
    ['viewport', point?.viewport.width ? `${point.viewport.width}x${point.viewport.height}` : undefined],
    ['language', point?.language],
  ];
  const props = entries
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`);
  return props.length ? ['    <properties>', ...props, '    </properties>'] : [];
}

interface Suite {
  label: string;
  report?: RunTabReport;
  problem?: RunProblem;
  cases: Case[];
}

export function renderJunit(report: RunReport): string {
  const suites: Suite[] = [];
  const byLabel = new Map<string, Suite>();
  for (const r of report.reports) {
    const label = labelOf(pointOf(r));
    const suite: Suite = { label, report: r, cases: r.checks.map((c) => checkCase(label, c, report)) };
    suites.push(suite);
    if (!byLabel.has(label)) byLabel.set(label, suite);
  }
  for (const p of report.problems ?? []) {
    const label = labelOf(p.point);
    let suite = byLabel.get(label);
    if (!suite) {
      suite = { label, problem: p, cases: [] };
      suites.push(suite);
      byLabel.set(label, suite);
    }
    suite.cases.push(problemCase(label, p));
  }

  const count = (cases: Case[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: cases.filter((c) => c.error).length,
    skipped: cases.filter((c) => c.skipped).length,
  });
  const all = count(suites.flatMap((s) => s.cases));
  const { outcome } = outcomeOf(report);
  const seconds = ((report.run?.durationMs ?? 0) / 1000).toFixed(3);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(
    `<testsuites name="${xmlAttr(`${report.tool.name} ${report.tool.version}: ${outcome}`)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${seconds}"${report.run ? ` timestamp="${xmlAttr(report.run.startedAt)}"` : ''}>`,
  );
  suites.forEach((s, id) => {
    const c = count(s.cases);
    const timestamp = s.report?.finishedAt ? ` timestamp="${xmlAttr(s.report.finishedAt)}"` : '';
    const time = (((s.report?.timing?.auditMs ?? 0) as number) / 1000).toFixed(3);
    lines.push(
      `  <testsuite name="${xmlAttr(s.label)}" id="${id}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${time}"${timestamp}>`,
    );
    lines.push(...properties(s.report, s.problem));
    lines.push(...s.cases.map((x) => x.xml));
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
