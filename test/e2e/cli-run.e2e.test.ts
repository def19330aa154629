/**
 * The CLI as CI runs it, spawned as a child process against the bundled demo site: the GitHub Actions example's
 * own command line (read from docs/ci/github-actions.yml) with its config and flow, and the exit codes of a run —
 * 0 clean, 1 a check that decides the run fails (or needs review with --fail-on review) or a page could not be
 * audited (the other results kept), 2 a bad config.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { startDemo, type DemoServer } from '../../demo/server';
import { IDENTITIES_BY_NAME } from '../../src/cli/flow';
import { ROOT } from '../../src/cli/launch';
import { fileNameFor } from '../../src/cli/outputs';
import type { RunReport } from '../../src/cli/run';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'bin/wysiwys-audit.mjs');

let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.close();
});

/** Runs `wysiwys-audit` (the package's bin, as CI does) and returns its exit code and output. */
const cli = (args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) =>
  run(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    timeout: 280_000,
    maxBuffer: 64 << 20,
  })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

/** The arguments of the audit step of the GitHub Actions example, exactly as written there. */
function githubActionsArgs(): string[] {
  const workflow = parse(readFileSync(path.join(ROOT, 'docs/ci/github-actions.yml'), 'utf8')) as {
    jobs: Record<string, { steps: { run?: string }[] }>;
  };
  const line = Object.values(workflow.jobs)
    .flatMap((j) => j.steps)
    .map((s) => s.run ?? '')
    .find((r) => r.includes('bin/wysiwys-audit.mjs'));
  expect(line, 'the workflow has a step running bin/wysiwys-audit.mjs').toBeDefined();
  const words = line!.trim().split(/\s+/);
  return words.slice(words.findIndex((w) => w.endsWith('bin/wysiwys-audit.mjs')) + 1);
}

const json = (stdout: string) => JSON.parse(stdout) as RunReport;
const statusOf = (r: RunReport, i: number, id: string) => r.reports[i].checks.find((c) => c.id === id)?.status;

describe('the GitHub Actions example', () => {
  it('runs its command line with its config and flow against the demo site: exit 0 and every report written', async () => {
    const args = githubActionsArgs();
    expect(args).toContain('--config');
    // The integrator's repository: the example config and flow, nothing else.
    const repo = mkdtempSync(path.join(tmpdir(), 'wysiwys-ci-'));
    for (const f of ['wysiwys.config.json', 'sign.flow.json']) copyFileSync(path.join(ROOT, 'docs/ci', f), path.join(repo, f));
    const env = { STAGING_URL: demo.siteUrl, SMARTID_PERSONAL_CODE: IDENTITIES_BY_NAME.get('smartid-lt-ok')!.code };
    const result = await cli(args, { cwd: repo, env });
    expect(result.code, result.stderr).toBe(0);

    const outDir = path.join(repo, args[args.indexOf('--output-dir') + 1]);
    const formats = args.flatMap((a, i) => (args[i - 1] === '--format' ? [a] : [])) as Parameters<typeof fileNameFor>[0][];
    expect(formats).toEqual(expect.arrayContaining(['sarif', 'junit']));
    for (const f of formats) expect(existsSync(path.join(outDir, fileNameFor(f))), `${f} written`).toBe(true);

    const sarif = JSON.parse(readFileSync(path.join(outDir, fileNameFor('sarif')), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('control-code');
    // Two audit steps (phone step, after cancel) at two viewports: one test case per point and check.
    const junit = readFileSync(path.join(outDir, fileNameFor('junit')), 'utf8');
    const cases = junit.match(/<testcase\b/g)?.length ?? 0;
    expect(cases).toBe(2 * 2 * 11);
    expect(junit).not.toMatch(/<failure\b/);
    // The secret typed into the page is in no report.
    for (const f of formats) expect(readFileSync(path.join(outDir, fileNameFor(f)), 'utf8')).not.toContain(env.SMARTID_PERSONAL_CODE);
    // Progress went to stderr, one line per step.
    expect(result.stderr).toMatch(/audit "phone step"/);
  }, 300_000);
});

describe('exit codes', () => {
  const page = (p: string) => `${demo.siteUrl}${p}`;
  const decisive = ['--require', 'control-code', '--require', 'cancel', '--require', 'preview'];

  it('0 for a good page, 1 for a page whose control code fails', async () => {
    const good = await cli(['--json', '--quiet', '--wait', '3000', ...decisive, page('/sign-good.html')]);
    expect(good.code, good.stderr).toBe(0);
    expect(json(good.stdout).run).toMatchObject({
      outcome: 'pass',
      exitCode: 0,
      policy: { failOn: 'fail', requiredChecks: ['control-code', 'cancel', 'preview'] },
    });
    expect(good.stderr).toBe('');

    const bad = await cli(['--json', '--wait', '3000', ...decisive, page('/sign-tiny-code.html')]);
    expect(bad.code, bad.stderr).toBe(1);
    const report = json(bad.stdout);
    expect(statusOf(report, 0, 'control-code')).toBe('fail');
    expect(report.run).toMatchObject({ outcome: 'fail', exitCode: 1 });
  }, 120_000);

  it('1 for a 404 among good pages, with the other pages reported and the 404 as a problem', async () => {
    const urls = [page('/sign-good.html'), page('/no-such-page.html'), page('/sign-good-lt.html')];
    const result = await cli(['--json', ...decisive, ...urls]);
    expect(result.code, result.stderr).toBe(1);
    const report = json(result.stdout);
    expect(report.reports.map((r) => r.point?.url)).toEqual([urls[0], urls[2]]);
    expect(report.reports.map((_, i) => statusOf(report, i, 'control-code'))).toEqual(['pass', 'pass']);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'load',
        point: expect.objectContaining({ url: urls[1] }),
        message: expect.stringMatching(/HTTP 404/),
      }),
    ]);
    // Without --wait the observation lasts until the checks that need time have it: polling judged the phone step.
    expect(statusOf(report, 0, 'polling')).not.toBe('not-applicable');
    expect(result.stderr).toMatch(/no-such-page\.html.*HTTP 404/);
  }, 150_000);

  it('--fail-on review fails a page whose deciding check needs review', async () => {
    // sign-good.html shows no Smart-ID logo by its step: brand-logo needs review, nothing fails.
    const args = ['--json', '--quiet', '--wait', '3000', '--require', 'brand-logo', page('/sign-good.html')];
    const lenient = await cli(args);
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(statusOf(json(lenient.stdout), 0, 'brand-logo')).toBe('review');
    const strict = await cli(['--fail-on', 'review', ...args]);
    expect(strict.code, strict.stderr).toBe(1);
    expect(json(strict.stdout).run?.policy.failOn).toBe('review');
  }, 120_000);

  it('2 for a bad config, naming each bad field, before any browser starts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wysiwys-bad-config-'));
    writeFileSync(
      path.join(dir, 'wysiwys.config.json'),
      '{\n  "urls": ["https://a.test/"],\n  "failOn": "warning",\n  "viewport": "390x844"\n}\n',
    );
    const result = await cli([], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 3: failOn must be one of "fail", "review"');
    expect(result.stderr).toContain('line 4: unknown field "viewport"');
    expect(result.stdout).toBe('');
  }, 60_000);

  it('2 for bad usage', async () => {
    const result = await cli(['--format', 'pdf', page('/sign-good.html')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--format takes one of');
  }, 60_000);
});
