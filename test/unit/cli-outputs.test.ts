/**
 * The CI output formats of a run, fed with real check results: pages gathered in Chromium and audited by the
 * engine (a passing Lithuanian phone step reached by a flow, a failing English one at phone size whose page text is
 * hostile, a review-only page), a rule that throws, and two points that could not be audited. JUnit is read back
 * with junit2json and its counts checked against the run policy; SARIF is validated with Microsoft's SARIF
 * Multitool; Markdown and HTML hold every check and none of the page's markup.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseJunit, type TestCase, type TestSuite } from 'junit2json';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPage, evaluatePage, ruleMetas, rules, type CheckResult, type Rule } from '../../src/audit';
import { fileNameFor, render } from '../../src/cli/outputs';
import { escapeMarkdown } from '../../src/review/render';
import { selectorText, stripControl } from '../../src/cli/outputs/common';
import {
  OUTPUT_FORMATS,
  exitCodeOf,
  pointLabel,
  statusFailsRun,
  type RunPolicy,
  type RunProblem,
  type RunReport,
  type RunTabReport,
} from '../../src/cli/run';
import { GatheredPages } from '../support/gathered-page';

const T0 = 1_800_000_000_000;
const STAGING = 'https://staging.example.lt';
/** What hostile page text looks like in a summary: markup, a table pipe, a CDATA end, a replacement pattern. */
const HOSTILE = '&lt;script&gt;alert(1)&lt;/script&gt; | ]]&gt; $&amp;';
const STYLE = '<style>body{font-family:Arial,sans-serif;margin:32px}.code{font-size:36px;font-weight:700}.tiny{font-size:11px}</style>';

const pages = new GatheredPages();
let base: RunReport;
let workDir: string;

/** A rule that throws, as a broken rule does: the engine reports it as `error` with the exception's text. */
const throwing: Rule = {
  meta: { ...rules[0].meta, id: 'broken-rule', title: 'A rule that throws', failureTitle: 'A rule that throws' },
  evaluate: () => {
    throw new Error('cannot read "code\u0007" of <span>]]></span>');
  },
  messages: {},
};

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'wysiwys-outputs-'));
  await pages.start();
  const phone = { width: 390, height: 844 };
  const desktop = { width: 1280, height: 900 };
  const good = await pages.snapshot(
    `${STYLE}<div class="step"><h1>Pasirašymas Smart-ID</h1><p>Kontrolinis kodas</p><div class="code">4821</div>` +
      '<p>Įsitikinkite, kad kodas sutampa su rodomu telefone, ir įveskite PIN2.</p><button type="button">Atšaukti</button></div>',
    'lt',
  );
  const bad = await pages.snapshot(
    `${STYLE}<div class="step"><h1>Sign with SmartID ${HOSTILE}</h1><p>Verification code</p><div class="tiny">0041</div>` +
      `<p>Make sure the code matches the one on your phone and enter PIN2.</p><button type="button" disabled>Cancel ${HOSTILE}</button></div>`,
    'en',
    phone,
  );
  const reviewOnly = await pages.snapshot(
    `${STYLE}<p>Verification code</p><div class="code">7305</div><p>Thank you for your order.</p>`,
    'en',
  );
  const at = (r: ReturnType<typeof auditPage>, url: string) => ({ ...r, url, frames: r.frames.map((f) => ({ ...f, url })) });
  const reports: RunTabReport[] = [
    {
      ...at(auditPage(good, T0), `${STAGING}/sign/123?lang=lt`),
      point: { flow: 'demo sign', step: 'phone step', stepIndex: 3, viewport: desktop, language: 'lt' },
    },
    {
      ...at(auditPage(bad, T0 + 1000), `${STAGING}/sign/456`),
      requestedUrl: `${STAGING}/sign/456`,
      point: { url: `${STAGING}/sign/456`, viewport: phone },
    },
    {
      ...at(auditPage(reviewOnly, T0 + 2000), `${STAGING}/order`),
      requestedUrl: `${STAGING}/order`,
      point: { url: `${STAGING}/order`, viewport: desktop },
    },
  ];
  reports[1].checks.push(...evaluatePage(bad, [throwing]));
  const problems: RunProblem[] = [
    {
      point: { url: `${STAGING}/missing`, viewport: desktop },
      kind: 'load',
      message: `HTTP 404 <b>Not Found</b> ]]> | \u0001\u001b]0;set title\u0007`,
      pageUrl: `${STAGING}/missing`,
    },
    {
      point: { flow: 'demo sign', step: 'press Start', stepIndex: 2, viewport: desktop, language: 'et' },
      kind: 'flow',
      message: 'no button named "Alusta" appeared within 10 s',
      pageUrl: `${STAGING}/sign/123?lang=et`,
    },
  ];
  base = { tool: { name: 'wysiwys-auditor', version: '0.1.0' }, reports, problems };
}, 180_000);

afterAll(async () => {
  await pages.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** The run with a policy, recorded the way the orchestration records it. */
function withPolicy(policy: RunPolicy, report: RunReport = base): RunReport {
  const exitCode = exitCodeOf(report, policy);
  return {
    ...report,
    run: { startedAt: new Date(T0).toISOString(), durationMs: 61_500, policy, outcome: exitCode ? 'fail' : 'pass', exitCode },
  };
}

const POLICIES: RunPolicy[] = [{ failOn: 'fail' }, { failOn: 'review' }, { failOn: 'fail', requiredChecks: ['control-code', 'cancel'] }];
const allChecks = () => base.reports.flatMap((r) => r.checks);

describe('fixture run', () => {
  it('holds every status, so each mapping below is exercised', () => {
    const statuses = new Set(allChecks().map((c) => c.status));
    expect([...statuses].sort()).toEqual(['error', 'fail', 'not-applicable', 'pass', 'review']);
    // The hostile page text reached a real summary.
    expect(allChecks().some((c) => c.summary.includes('<script>') && c.summary.includes(']]>') && c.summary.includes('|'))).toBe(true);
  });
});

describe('junit', () => {
  const cases = (s: TestSuite) => s.testcase ?? [];
  const failed = (c: TestCase) => (c.failure?.length ?? 0) > 0;
  const errored = (c: TestCase) => (c.error?.length ?? 0) > 0;
  const skipped = (c: TestCase) => (c.skipped?.length ?? 0) > 0;

  for (const policy of POLICIES) {
    it(`reads back with the counts of the run (${JSON.stringify(policy)})`, async () => {
      const run = withPolicy(policy);
      const xml = render(run, 'junit', { colour: false });
      const parsed = (await parseJunit(xml)) as { testsuite?: TestSuite[] } & Record<string, unknown>;
      const suites = parsed.testsuite ?? [];

      // One suite per audited point, plus one per problem point that has no report.
      expect(suites.map((s) => s.name)).toEqual([
        ...run.reports.map((r) => pointLabel(r.point!)),
        ...run.problems!.map((p) => pointLabel(p.point)),
      ]);

      const required = (c: CheckResult) => !policy.requiredChecks?.length || policy.requiredChecks.includes(c.id);
      for (const [i, r] of run.reports.entries()) {
        const suite = suites[i];
        const tc = cases(suite);
        expect(tc.map((c) => c.name)).toEqual(r.checks.map((c) => `${c.id} — ${c.title}`));
        expect(tc.every((c) => c.classname === pointLabel(r.point!))).toBe(true);
        const want = {
          tests: r.checks.length,
          failures: r.checks.filter((c) => statusFailsRun(c.id, c.status, policy) && c.status !== 'error').length,
          errors: r.checks.filter((c) => statusFailsRun(c.id, c.status, policy) && c.status === 'error').length,
          skipped: r.checks.filter((c) => c.status === 'not-applicable' || (!required(c) && c.status !== 'pass')).length,
        };
        expect({ tests: suite.tests, failures: suite.failures, errors: suite.errors, skipped: suite.skipped }).toEqual(want);
        // The attributes say what the test cases hold.
        expect({
          tests: tc.length,
          failures: tc.filter(failed).length,
          errors: tc.filter(errored).length,
          skipped: tc.filter(skipped).length,
        }).toEqual(want);
      }
      // Each problem is a test case with <error>.
      const problemCases = suites.slice(run.reports.length).flatMap(cases);
      expect(problemCases.map((c) => c.name)).toEqual(['page-load — The page loads', 'flow-step — The flow step can be done']);
      expect(problemCases.every(errored)).toBe(true);

      // The root counts are the sums, and the XML fails exactly when the run does.
      const all = suites.flatMap(cases);
      expect({ tests: parsed.tests, failures: parsed.failures, errors: parsed.errors }).toEqual({
        tests: all.length,
        failures: all.filter(failed).length,
        errors: all.filter(errored).length,
      });
      expect(xml).toMatch(new RegExp(`<testsuites [^>]*skipped="${all.filter(skipped).length}"`));
      expect(all.some((c) => failed(c) || errored(c))).toBe(run.run!.exitCode === 1);
    });
  }

  it('puts the summary and the evidence in the failure, and a review note in system-out under --fail-on fail', async () => {
    const parsed = await parseJunit(render(withPolicy({ failOn: 'fail' }), 'junit', { colour: false }));
    const suite = (parsed as { testsuite: TestSuite[] }).testsuite[1];
    const code = cases(suite).find((c) => c.name?.startsWith('control-code '))!;
    const check = base.reports[1].checks.find((c) => c.id === 'control-code')!;
    expect(code.failure![0].message).toBe(check.summary);
    const body = code.failure![0].inner!;
    const evidence = check.findings.find((f) => f.outcome === 'fail')!;
    expect(body).toContain(`Code: ${evidence.evidence.code}`);
    expect(body).toContain(`Font size (px): ${evidence.evidence.fontSize}`);
    expect(body).toContain(`Selector: ${evidence.evidence.selector}`);
    expect(body).toContain('Colour: ');

    const reviewAt = base.reports.findIndex((r) => r.checks.some((c) => c.status === 'review'));
    const reviewCheck = base.reports[reviewAt].checks.find((c) => c.status === 'review')!;
    const review = cases((parsed as { testsuite: TestSuite[] }).testsuite[reviewAt]).find((c) => c.name?.startsWith(`${reviewCheck.id} `))!;
    expect(failed(review) || skipped(review) || errored(review)).toBe(false);
    expect(review['system-out']![0]).toContain('Needs review');

    const na = cases(suite).find((c) => c.name?.startsWith('flow '))!;
    expect(na.skipped![0].message).toBe(base.reports[1].checks.find((c) => c.id === 'flow')!.summary);
    const crashed = cases(suite).find((c) => c.name?.startsWith('broken-rule '))!;
    expect(crashed.error![0].message).toContain('cannot read');
  });

  it('escapes hostile page text: it reads back as the same text, minus control characters', async () => {
    const xml = render(withPolicy({ failOn: 'fail' }), 'junit', { colour: false });
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<b>');
    expect(xml).not.toContain(']]>');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const parsed = (await parseJunit(xml)) as { testsuite: TestSuite[] };
    const cancel = parsed.testsuite[1].testcase!.find((c) => c.name?.startsWith('cancel '))!;
    expect(cancel.failure![0].message).toBe(base.reports[1].checks.find((c) => c.id === 'cancel')!.summary);
    expect(cancel.failure![0].message).toContain('<script>alert(1)</script> | ]]> $&');
    const crashed = parsed.testsuite[1].testcase!.find((c) => c.name?.startsWith('broken-rule '))!;
    expect(crashed.error![0].message).toContain('cannot read "code" of <span>]]></span>');
    const load = parsed.testsuite[3].testcase![0];
    expect(load.error![0].message).toBe('could not load: HTTP 404 <b>Not Found</b> ]]> | ]0;set title');
  });
});

describe('sarif', () => {
  const multitool = path.resolve('node_modules/.bin/sarif-multitool');

  const schemaPath = path.resolve('node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
  let runs = 0;

  /**
   * The Multitool's errors for a log (it exits 0 either way; its errors are lines with ": error "), plus the errors
   * of the SARIF 2.1.0 JSON schema it ships (the Multitool checks URIs, indices and SARIF rules, not every enum).
   */
  function validate(text: string): string[] {
    const input = path.join(workDir, `log-${++runs}.sarif`);
    writeFileSync(input, text);
    const stdout = execFileSync(multitool, ['validate', '--json-schema', schemaPath, '--output', `${input}.validation.sarif`, input], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(stdout).toContain('Analysis completed successfully');
    const errors = stdout.split('\n').filter((l) => l.includes(': error '));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const schemaValid = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    if (!schemaValid(JSON.parse(text))) errors.push(...(schemaValid.errors ?? []).map((e) => `schema: ${e.instancePath} ${e.message}`));
    return errors;
  }

  it('the validation finds errors in broken logs (so a clean result means something)', () => {
    const log = (driver: object, result: object) =>
      JSON.stringify({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'x', rules: [{ id: 'a' }], ...driver } },
            results: [{ ruleId: 'a', message: { text: 'm' }, ...result }],
          },
        ],
      });
    // The Multitool: a rule index out of range, a region that says nowhere.
    const semantic = validate(
      log({}, { ruleIndex: 3, locations: [{ physicalLocation: { artifactLocation: { uri: 'https://x.test/' }, region: {} } }] }),
    );
    expect(semantic.some((e) => e.includes('error SARIF1009'))).toBe(true);
    expect(semantic.some((e) => e.includes('error SARIF1007'))).toBe(true);
    // The schema: a level SARIF does not have (the Multitool reads such a log as empty and says nothing).
    expect(validate(log({}, { level: 'severe' }))).toEqual(['schema: /runs/0/results/0/level must be equal to one of the allowed values']);
  }, 90_000);

  for (const [name, policy, homepage] of [
    ['default', POLICIES[0], undefined],
    ['review', POLICIES[1], 'https://github.com/example/wysiwys-auditor'],
    ['required', POLICIES[2], undefined],
  ] as const) {
    it(`validates with the SARIF Multitool (${name})`, () => {
      const text = render(withPolicy(policy), 'sarif', { colour: false, homepage });
      expect(validate(text)).toEqual([]);
    }, 90_000);
  }

  it('lists every check as a rule and locates each result at its page and element', () => {
    const run = withPolicy({ failOn: 'fail' });
    const log = JSON.parse(render(run, 'sarif', { colour: false, homepage: 'https://example.org/wysiwys' })) as Log;
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'wysiwys-auditor', version: '0.1.0', informationUri: 'https://example.org/wysiwys' });
    const ruleIds = driver.rules!.map((r) => r.id);
    for (const meta of ruleMetas()) {
      const rule = driver.rules!.find((r) => r.id === meta.id)!;
      expect(rule.shortDescription?.text).toBe(meta.title);
      expect(rule.fullDescription?.text).toBe(meta.description);
      expect(rule.help?.text).toContain(meta.source);
      expect(rule.helpUri).toMatch(/^https:\/\/example\.org\/wysiwys#/);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration?.level);
    }
    expect(ruleIds).toContain('page-load');
    expect(ruleIds).toContain('flow-step');
    expect(ruleIds).toContain('broken-rule');

    const results = log.runs[0].results!;
    const notPassed = run.reports.flatMap((r) =>
      r.checks.filter((c) => ['fail', 'review', 'error'].includes(c.status)).map((c) => ({ r, c })),
    );
    expect(results).toHaveLength(notPassed.length + run.problems!.length);
    for (const [i, { r, c }] of notPassed.entries()) {
      const result = results[i];
      expect(result.ruleId).toBe(c.id);
      expect(driver.rules![result.ruleIndex!].id).toBe(c.id);
      expect(result.level).toBe(statusFailsRun(c.id, c.status, run.run!.policy) ? 'error' : c.status === 'review' ? 'note' : 'warning');
      expect(result.message.text).toContain(stripControl(c.summary));
      expect(result.locations![0].physicalLocation?.artifactLocation?.uri).toBe(r.url);
      const decisive = c.findings.find((f) => f.outcome === 'fail' || f.outcome === 'review');
      if (decisive)
        expect(result.locations!.map((l) => l.logicalLocations?.[0].fullyQualifiedName)).toContain(selectorText(decisive.target));
      expect(result.properties?.status).toBe(c.status);
    }
    const load = results[notPassed.length];
    expect(load).toMatchObject({ ruleId: 'page-load', level: 'error' });
    expect(load.locations![0].physicalLocation?.artifactLocation?.uri).toBe(`${STAGING}/missing`);
  });

  it('levels follow the policy: a review is an error under --fail-on review, a check that is not required a warning', () => {
    const levels = (policy: RunPolicy) => {
      const log = JSON.parse(render(withPolicy(policy), 'sarif', { colour: false })) as Log;
      return log.runs[0].results!.map((r) => `${r.ruleId}:${r.level}`);
    };
    expect(levels({ failOn: 'review' })).toContain('brand-logo:error');
    expect(levels({ failOn: 'fail' })).toContain('brand-logo:note');
    const required = levels({ failOn: 'fail', requiredChecks: ['control-code'] });
    expect(required).toContain('control-code:error');
    expect(required).toContain('preview:warning');
    expect(required).toContain('page-load:error');
  });
});

describe('markdown', () => {
  it('holds each check of each point, failing ones first, and the problems', () => {
    const run = withPolicy({ failOn: 'fail' });
    const md = render(run, 'markdown', { colour: false });
    expect(md).toMatch(/failed \(exit 1\)/);
    const sections = md.split(/^### /m).slice(1);
    expect(sections[0]).toContain('Could not audit');
    expect(sections[0]).toContain('HTTP 404');
    for (const [i, r] of run.reports.entries()) {
      const section = sections[i + 1];
      expect(section.split('\n')[0]).toContain(escapeMarkdown(pointLabel(r.point!)));
      const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Check'));
      expect(rows).toHaveLength(r.checks.length);
      for (const c of r.checks) expect(rows.some((row) => row.startsWith(`| ${c.id}<br>`))).toBe(true);
      // Checks that fail the run come first.
      const failing = r.checks.filter((c) => statusFailsRun(c.id, c.status, run.run!.policy)).length;
      const firstRows = rows.slice(0, failing).map((row) => row.slice(2, row.indexOf('<br>')));
      expect(firstRows.sort()).toEqual(
        r.checks
          .filter((c) => statusFailsRun(c.id, c.status, run.run!.policy))
          .map((c) => c.id)
          .sort(),
      );
    }
  });

  it('escapes hostile page text: no markup, and a pipe never adds a table cell', () => {
    const md = render(withPolicy({ failOn: 'fail' }), 'markdown', { colour: false });
    expect(md).not.toMatch(/<script|<b>|<span/i);
    expect(md).toContain('&lt;script&gt;');
    // Each table keeps the number of cells of its header in every row.
    const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length - 2;
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const [header, ...rows] = block.split('\n').filter(Boolean);
      for (const row of rows) expect(cells(row), row).toBe(cells(header));
    }
    expect(md).toContain('\\|');
  });
});

describe('html', () => {
  it('is a review report with one page per point, every check, the outcome and the problems', () => {
    const run = withPolicy({ failOn: 'fail' });
    const html = render(run, 'html', { colour: false });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Content-Security-Policy');
    const pageHeadings = html.match(/<h3 class="url">[^<]*<\/h3>/g) ?? [];
    expect(pageHeadings).toHaveLength(run.reports.length);
    for (const [i, r] of run.reports.entries()) {
      expect(pageHeadings[i]).toContain(pointLabel(r.point!).replace(/&/g, '&amp;'));
      for (const c of r.checks) expect(html).toContain(`<code>${c.id}</code>`);
    }
    expect(html).toContain('<h2 id="problems">Could not audit</h2>');
    expect(html).toContain('no button named &quot;Alusta&quot; appeared');
    expect(html).toMatch(/Run outcome: <span class="badge b-fail">✗ fail<\/span> \(exit 1\)/);
  });

  it('escapes hostile page text', () => {
    const html = render(withPolicy({ failOn: 'fail' }), 'html', { colour: false });
    expect(html).not.toMatch(/<script|<b>|<span>/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; | ]]&gt; $&amp;');
    expect(html).toContain('HTTP 404 &lt;b&gt;Not Found&lt;/b&gt;');
  });
});

describe('table and json', () => {
  it('table: the existing table per point under its label, the problems and the outcome, no colour unless asked', () => {
    const run = withPolicy({ failOn: 'fail' });
    const table = render(run, 'table', { colour: false });
    for (const r of run.reports) expect(table).toContain(`▶ ${pointLabel(r.point!)}`);
    expect(table).toContain(`✗ ${pointLabel(run.problems![0].point)}: could not load: HTTP 404`);
    expect(table).toContain('Run failed (exit 1): 3 points');
    // Page text (here a problem's) cannot send escape sequences to the terminal.
    expect(table).not.toContain('\u001b');
    const coloured = render(run, 'table', { colour: true });
    expect(coloured).toContain('\u001b[');
    expect(coloured).not.toContain('\u001b]');
  });

  it('json: the run report itself, a superset of { tool, reports }', () => {
    const run = withPolicy({ failOn: 'review' });
    const parsed = JSON.parse(render(run, 'json', { colour: false }));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(run)));
    expect(parsed.tool).toEqual(base.tool);
    expect(parsed.reports[0].checks.length).toBe(base.reports[0].checks.length);
  });

  it('every format has its own file name', () => {
    const names = OUTPUT_FORMATS.map(fileNameFor);
    expect(new Set(names).size).toBe(OUTPUT_FORMATS.length);
    expect(fileNameFor('junit')).toMatch(/\.xml$/);
    expect(fileNameFor('sarif')).toMatch(/\.sarif$/);
  });
});
