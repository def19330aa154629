/**
 * Network-level checks with the built extension: every scripted flow scenario (status polling, redirects, errors,
 * tokens, environments, Test cancel) is audited for as long as it needs and must reach its designed verdicts, with
 * the evidence behind them; and deep inspection compares the code shown with the code the page received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFlowDemo, LEAKED_API_TOKEN, type FlowDemoServer } from '../../demo/flows/server';
import { auditUrl, tabIdOf } from '../../src/cli/audit';
import { runFlowScenarios, type ScenarioResult } from '../../demo/flows/run';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { TabReport } from '../../src/audit/types';
import { servePages } from './pages-server';

let session: ExtensionSession;
let demo: FlowDemoServer;
let results: ScenarioResult[];

const check = (r: TabReport, id: string) => r.checks.find((c) => c.id === id)!;
const result = (path: string) => results.find((r) => r.scenario.path === path)!;

beforeAll(async () => {
  demo = await startFlowDemo();
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
  results = await runFlowScenarios(session, demo.url, demo.scenarios);
}, 300_000);

afterAll(async () => {
  await session?.close();
  await demo?.close();
});

describe('scripted flow scenarios', () => {
  it('reach the verdicts each scenario was designed for', () => {
    const wrong = results
      .filter((r) => r.wrong.length)
      .map(
        (r) =>
          `${r.scenario.path}: ${r.wrong.map((id) => `${id} is ${check(r.report, id).status}, expected ${r.scenario.expect[id as keyof typeof r.scenario.expect]} (${check(r.report, id).summary})`).join('; ')}`,
      );
    expect(wrong).toEqual([]);
    expect(results).toHaveLength(demo.scenarios.length);
  });

  it('measures the cadence of good polling and of hammering, with timestamps', () => {
    const good = check(result('/flows/poll-good.html').report, 'polling').findings[0].evidence;
    expect(good.medianIntervalMs as number).toBeGreaterThan(2500);
    expect(good.medianIntervalMs as number).toBeLessThan(3500);
    expect(good.terminal).toBeTruthy();
    const hammer = check(result('/flows/poll-hammer.html').report, 'polling').findings.find((f) => f.outcome === 'fail')!;
    expect(hammer.evidence.medianIntervalMs as number).toBeLessThan(1000);
    expect((hammer.evidence.timestamps as string[]).length).toBeGreaterThan(5);
  });

  it('presses Cancel, records it, and shows the polling that went on afterwards', () => {
    const r = result('/flows/poll-no-stop-after-cancel.html').report;
    expect(r.timeline!.entries.some((e) => e.kind === 'action' && /press-cancel/.test(e.text) && /pressed/.test(e.text))).toBe(true);
    const f = check(r, 'polling').findings.find((x) => x.outcome === 'fail')!;
    expect(f.message).toMatch(/after the transaction ended/);
    expect(f.evidence.afterEnd as number).toBeGreaterThan(0);
  });

  it('tells a redirect loop and a silent return to the start from a correct landing', () => {
    expect(check(result('/flows/redirect-loop.html').report, 'flow').summary).toMatch(/redirect loop: \/flows\/loop-/);
    expect(check(result('/flows/return-to-start.html').report, 'flow').summary).toMatch(/back to the start page/);
    expect(check(result('/flows/redirect-good.html').report, 'flow').summary).toMatch(/lands on .*\/flows\/done\.html/);
  });

  it('shows the token leak by location and mask, never the token itself', () => {
    for (const path of ['/flows/token-in-request.html', '/flows/token-in-html.html']) {
      const r = result(path).report;
      expect(check(r, 'token-exposure').status).toBe('fail');
      expect(JSON.stringify(r)).not.toContain(LEAKED_API_TOKEN);
    }
    const html = check(result('/flows/token-in-html.html').report, 'token-exposure').findings.map((f) => f.evidence.where);
    expect(html).toEqual(expect.arrayContaining(['inline-script', 'localStorage']));
  });

  it('reports silent spinners and raw payloads, and accepts a translated alert', () => {
    expect(check(result('/flows/poll-timeout-silent.html').report, 'error-handling').summary).toMatch(/spinner|waiting step/);
    expect(check(result('/flows/raw-json-error.html').report, 'error-handling').summary).toMatch(/raw JSON payload/);
    expect(
      check(result('/flows/error-good-lt.html').report, 'error-handling').findings.some((f) =>
        /Įvyko klaida/.test(String(f.evidence.shown)),
      ),
    ).toBe(true);
  });
});

describe('deep inspection', () => {
  it("compares the code shown with the code in the page's own API response, without changing what the page gets", async () => {
    const server = await servePages({
      '/api/start': JSON.stringify({ status: 'ok', control_code: '0041', token: 'abc' }),
      '/match.html': page('0041'),
      '/mismatch.html': page('0042'),
    });
    type Hooks = { wysiwys: { setDeepInspection(tabId: number, url: string, on: boolean): Promise<unknown> } };
    // Switch it on for the site from a first page, then load the pages that fetch their code.
    const first = await session.context.newPage();
    await first.goto(`${server.url}/match.html`);
    const firstTab = await tabIdOf(session, first);
    await session.worker.evaluate(
      ([id, url]) => (globalThis as unknown as Hooks).wysiwys.setDeepInspection(id as number, url as string, true),
      [firstTab, first.url()] as const,
    );
    await first.close();

    const match = await auditUrl(session, `${server.url}/match.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    // The page itself still got the response and rendered what it rendered.
    expect(await match.page.locator('#received').textContent()).toBe('0041');
    const ok = check(match.report, 'control-code');
    expect(ok.status).toBe('pass');
    expect(ok.findings[0].evidence).toMatchObject({ code: '0041', receivedCode: '0041', matchesApi: true });
    await match.page.close();

    const wrong = await auditUrl(session, `${server.url}/mismatch.html`, { viewport: { width: 1280, height: 900 } });
    const bad = check(wrong.report, 'control-code');
    expect(bad.status).toBe('fail');
    expect(bad.summary).toMatch(/shows 0042 but its API response carried 0041/);
    await server.close();
  });
});

/** A waiting step whose code comes from the page's own fetch; `shown` is what the page (wrongly or rightly) displays. */
function page(shown: string): string {
  return `<!doctype html><html lang="en"><body><h1>Sign the contract</h1><section>
    <p>Verification code</p><p style="font-size:40px" id="code">…</p><span id="received" hidden></span>
    <p>Make sure the code matches the one in your Smart-ID app.</p><button>Cancel</button></section>
    <script>fetch('/api/start').then((r) => r.json()).then((d) => {
      document.getElementById('received').textContent = d.control_code;
      document.getElementById('code').textContent = ${JSON.stringify(shown)};
    });</script></body></html>`;
}
