/**
 * The CLI follows the tab it opened by the tab's id, whatever the page does with its address: a page that rewrites
 * it (history.replaceState shortly after load, a storm of pushState route changes) is audited like any other, a page
 * that goes on to another page is reported as having navigated away (where it went, with the verdicts it had), and
 * a URL that cannot be loaded (HTTP 404, connection refused, unknown host) gets a clear message and exit code 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { auditUrl } from '../../src/cli/audit';
import type { CliTabReport } from '../../src/cli/run';
import { launchWithExtension, ROOT, type ExtensionSession } from '../../src/cli/launch';
import type { Report } from '../../src/audit/types';
import { servePages } from './pages-server';

const run = promisify(execFile);
const VIEWPORT = { width: 1280, height: 900 };

/** A Smart-ID signing step (code, compare instruction, cancel), with a script of its own. */
const step = (script: string) => `<!doctype html><html lang="en"><head><title>Sign the contract</title></head><body>
  <h1>Sign with Smart-ID</h1>
  <p>Verification code</p><p style="font-size:36px">0041</p>
  <p>Make sure the code matches the one in your Smart-ID app, then enter your PIN2.</p>
  <button>Cancel</button>
  <script>${script}</script></body></html>`;

let session: ExtensionSession;
let site: Awaited<ReturnType<typeof servePages>>;

beforeAll(async () => {
  site = await servePages({
    // An SPA that moves its route into the address bar right after load.
    '/replace.html': step(`setTimeout(() => history.replaceState({}, '', '/signing/7f3a?step=confirm#code'), 100);`),
    // A router gone wild: hundreds of address changes during the audit.
    '/push-storm.html': step(
      `let n = 0; const t = setInterval(() => { history.pushState({ n }, '', '/route/' + (++n) + '?t=' + Date.now()); if (n >= 400) clearInterval(t); }, 5);`,
    ),
    // The signing step goes on to the integrator's landing page after a second.
    '/assign.html': step(`setTimeout(() => location.assign('/landing.html?result=signed'), 1000);`),
    '/landing.html':
      '<!doctype html><html lang="en"><head><title>Done</title></head><body><h1>Thank you</h1><p>Your contract is signed.</p></body></html>',
  });
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await site?.close();
});

const check = (r: CliTabReport, id: string) => r.checks.find((c) => c.id === id)!;

const cli = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, timeout: 120_000 })
    .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

describe('the CLI follows its tab by id', () => {
  it('audits a page that rewrites its address with replaceState 100 ms after load', async () => {
    const url = `${site.url}/replace.html`;
    const { report, tabId } = await auditUrl(session, url, { viewport: VIEWPORT, waitMs: 2000 });
    expect(tabId).toBeGreaterThan(0);
    expect(report.requestedUrl).toBe(url);
    // The report is the tab's, at the address the page gave itself; the page did not go anywhere.
    expect(report.url).toBe(`${site.url}/signing/7f3a?step=confirm#code`);
    expect(report.navigatedAway).toBeUndefined();
    expect(check(report, 'control-code').status).toBe('pass');
    expect(check(report, 'control-code').findings.find((f) => f.outcome === 'pass')?.evidence.code).toBe('0041');
  });

  it('audits a page that pushes hundreds of routes while it is observed', async () => {
    const url = `${site.url}/push-storm.html`;
    const { report } = await auditUrl(session, url, { viewport: VIEWPORT });
    expect(report.url).toMatch(new RegExp(`^${site.url}/route/\\d+\\?t=\\d+$`));
    expect(report.navigatedAway).toBeUndefined();
    expect(check(report, 'control-code').status).toBe('pass');
    expect(check(report, 'cancel').status).toBe('pass');
  });

  it('reports a page that goes on to another page as navigated away, with where it went and the verdicts it had', async () => {
    const url = `${site.url}/assign.html`;
    const { report } = await auditUrl(session, url, { viewport: VIEWPORT, waitMs: 3000 });
    expect(report.navigatedAway).toMatchObject({ from: url, to: `${site.url}/landing.html?result=signed` });
    expect(report.navigatedAway!.pages).toEqual([url, `${site.url}/landing.html?result=signed`]);
    expect(report.navigatedAway!.afterMs).toBeGreaterThanOrEqual(900);
    expect(report.url).toBe(`${site.url}/landing.html?result=signed`);
    // The code seen on the signing step is kept, marked as the last verdict while the step was shown.
    const code = check(report, 'control-code');
    expect(code.status).toBe('pass');
    expect(code.live).toBe(false);
    expect(code.findings.find((f) => f.outcome === 'pass')?.evidence.code).toBe('0041');
  });

  it('prints navigation in the table and the JSON, and never calls it a load error', async () => {
    const urls = [`${site.url}/assign.html`, `${site.url}/replace.html`];
    const json = await cli(['--json', '--wait', '2500', ...urls]);
    expect(json.stderr).not.toMatch(/Cannot load|Could not find/);
    expect(json.code, json.stderr).not.toBe(2);
    const reports = (JSON.parse(json.stdout) as Report).reports as CliTabReport[];
    expect(reports.map((r) => r.requestedUrl)).toEqual(urls);
    expect(reports[0].navigatedAway?.to).toBe(`${site.url}/landing.html?result=signed`);
    expect(reports[1].navigatedAway).toBeUndefined();
    const table = await cli(['--wait', '2500', urls[0]]);
    expect(table.code, table.stderr).not.toBe(2);
    expect(table.stdout).toContain(`Navigated away after`);
    expect(table.stdout).toContain(`for ${site.url}/landing.html?result=signed`);
  });
});

describe('a URL that cannot be loaded', () => {
  it('HTTP 404: says what the server answered; the run fails (exit 1), the page reported as a problem', async () => {
    const missing = await cli([`${site.url}/no-such-page.html`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot audit ${site.url}/no-such-page.html: the server answered HTTP 404 Not Found`);
  });

  it('connection refused and an unknown host: says which; the run fails (exit 1)', async () => {
    // A port that was free a moment ago: nothing listens there.
    const closed = await servePages({});
    const port = new URL(closed.url).port;
    await closed.close();
    const refused = await cli([`http://127.0.0.1:${port}/sign`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Cannot load http://127.0.0.1:${port}/sign: connection refused: nothing accepts connections at 127.0.0.1:${port} (ERR_CONNECTION_REFUSED)`,
    );
    const unknown = await cli(['http://no-such-host.invalid/sign']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /Cannot load http:\/\/no-such-host\.invalid\/sign: the host name no-such-host\.invalid cannot be found \(DNS lookup failed\) \(ERR_NAME_NOT_RESOLVED\)/,
    );
  });
});
