/**
 * The built extension in real Chromium: content script in every frame (cross-origin too) and in shadow roots,
 * live re-audit without user action, session verdicts, the popup for ?tabId, "Show on page", and the CLI's JSON
 * agreeing with the popup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startDemo, type DemoServer } from '../../demo/server';
import { auditUrl, readReport, tabIdOf } from '../../src/cli/audit';
import { chromiumPath } from '../../src/cli/chromium';
import { launchWithExtension, ROOT, type ExtensionSession } from '../../src/cli/launch';
import type { Report, TabReport } from '../../src/audit/types';
import { servePages } from './pages-server';

const run = promisify(execFile);
const VIEWPORT = { width: 1280, height: 900 };
let demo: DemoServer;
let session: ExtensionSession;

beforeAll(async () => {
  demo = await startDemo();
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await demo?.close();
});

const status = (r: TabReport, id: string) => r.checks.find((c) => c.id === id)!;

/** How the frame's latest snapshot was read: whole (no `reread`), or re-read around the page's changes. */
const howRead = (tabId: number, frameId = 0) =>
  session.worker.evaluate(
    ([t, f]) =>
      (
        globalThis as unknown as {
          wysiwys: { howRead(t: number, f: number): { reread?: 'in place' | 'reshaped'; rigidlyMoved?: number } | undefined };
        }
      ).wysiwys.howRead(t, f),
    [tabId, frameId] as const,
  );

async function openPopup(tabId: number): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
  await popup.waitForSelector('#checks li.check');
  return popup;
}

/**
 * A verdict as two surfaces show it: the same status and summary, except what each surface words for itself (the
 * advice to keep observing: "keep the page open" in the popup, "--wait" on the command line) and how many seconds a
 * still-running observation has lasted.
 */
function comparable(v: { status: string; summary: string } | undefined) {
  if (!v) return v;
  const summary = v.summary
    .replace(/\d+(?:\.\d+)?(?= s\b)/g, 'N')
    .replace(/\((?:watch longer|keep the page open|observe longer: [^)]*)\)/g, '(advice)');
  return { status: v.status, summary };
}

async function popupVerdicts(popup: Page): Promise<Record<string, { status: string; summary: string }>> {
  return popup.$$eval('#checks li.check', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-check'),
        { status: r.getAttribute('data-status') ?? '', summary: r.querySelector('.summary')?.textContent ?? '' },
      ]),
    ),
  );
}

describe('extension in Chromium', () => {
  it('registers its content script for the granted sites only', async () => {
    const scripts = await session.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(scripts).toHaveLength(1);
    expect(scripts[0].matches?.sort()).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(scripts[0].allFrames).toBe(true);
  });

  it('audits the top frame together with a cross-origin gateway iframe', async () => {
    const { report, tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-gateway.html`, { viewport: VIEWPORT, keepOpen: true });
    const gatewayFrame = page.frames().find((f) => f.url().startsWith(demo.gatewayUrl));
    expect(gatewayFrame, 'gateway frame is loaded').toBeTruthy();
    // The frame really is cross-origin: the page cannot read it.
    expect(
      await page.evaluate(() => {
        try {
          return !!document.querySelector('iframe')!.contentDocument;
        } catch {
          return false;
        }
      }),
    ).toBe(false);
    const frameUrls = report.frames.map((f) => f.url);
    expect(frameUrls.some((u) => u.startsWith(demo.siteUrl))).toBe(true);
    expect(frameUrls.some((u) => u.startsWith(demo.gatewayUrl))).toBe(true);
    const code = status(report, 'control-code');
    expect(code.status).toBe('pass');
    const evidence = code.findings.find((f) => f.outcome === 'pass')!;
    expect(evidence.evidence.code).toBe('5820');
    expect(evidence.frameUrl.startsWith(demo.gatewayUrl)).toBe(true);
    // The target names the iframe in the top page, then the element inside the frame.
    expect(evidence.target.length).toBe(2);
    expect(status(report, 'cancel').status).toBe('pass');
    // Secrets in frame URLs are redacted before they reach the report.
    expect(JSON.stringify(report)).not.toContain('demo-signer-token');
    expect(await session.worker.evaluate((id) => (globalThis as any).wysiwys.frames(id).length, tabId)).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('flags an English gateway frame inside a Lithuanian page, with the frame as evidence', async () => {
    const { report } = await auditUrl(session, `${demo.siteUrl}/sign-lt-english-gateway.html`, { viewport: VIEWPORT });
    const loc = status(report, 'localization');
    expect(loc.status).toBe('fail');
    const frameFinding = loc.findings.find((f) => f.frameUrl.startsWith(demo.gatewayUrl) && f.outcome === 'fail');
    expect(frameFinding, JSON.stringify(loc.findings.map((f) => f.message))).toBeTruthy();
    expect(frameFinding!.evidence.page).toBe('lt');
    // The gateway's own checks still see the code inside the frame.
    expect(status(report, 'control-code').status).toBe('pass');
  });

  it('judges brand names and logos on a method-choice page', async () => {
    const good = await auditUrl(session, `${demo.siteUrl}/method-choice-good.html`, { viewport: VIEWPORT });
    expect(status(good.report, 'brand-logo').status).toBe('pass');
    expect(status(good.report, 'brand-name').status).toBe('pass');
    const bad = await auditUrl(session, `${demo.siteUrl}/method-choice-bad-brand.html`, { viewport: VIEWPORT });
    const logo = status(bad.report, 'brand-logo');
    expect(logo.status).toBe('fail');
    expect(logo.findings.some((f) => /aspect ratio/.test(f.message) && (f.evidence.aspectError as number) > 2)).toBe(true);
    expect(logo.findings.some((f) => (f.evidence.effects as string[] | undefined)?.some((e) => e.includes('grayscale')))).toBe(true);
    const name = status(bad.report, 'brand-name');
    expect(name.findings.filter((f) => f.outcome === 'fail').map((f) => f.evidence.text)).toEqual(
      expect.arrayContaining(['SmartID', 'Mobile ID']),
    );
  });

  it('reads open and closed shadow roots', async () => {
    const open = await auditUrl(session, `${demo.siteUrl}/auth-shadow.html`, { viewport: VIEWPORT });
    const openCode = status(open.report, 'control-code');
    expect(openCode.status).toBe('pass');
    expect(openCode.findings[0].target[0]).toEqual(expect.arrayContaining([expect.stringContaining('sid-login')]));
    const closed = await auditUrl(session, `${demo.siteUrl}/auth-closed-shadow.html`, { viewport: VIEWPORT });
    expect(status(closed.report, 'control-code').findings.find((f) => f.outcome === 'pass')?.evidence.code).toBe('9081');
    expect(status(closed.report, 'cancel').status).toBe('pass');
  });

  it('reports a code that appears two seconds after load without any user action', async () => {
    const page = await session.context.newPage();
    await page.goto(`${demo.siteUrl}/sign-delayed.html`);
    const tabId = await tabIdOf(session, page);
    await expect.poll(async () => (await readReport(session, tabId))?.checks[0].status, { timeout: 4000 }).toBeDefined();
    const early = (await readReport(session, tabId))!;
    expect(status(early, 'control-code').status).not.toBe('pass');
    await expect.poll(async () => status((await readReport(session, tabId))!, 'control-code').status, { timeout: 8000 }).toBe('pass');
    const late = (await readReport(session, tabId))!;
    const code = status(late, 'control-code');
    expect(code.findings.find((f) => f.outcome === 'pass')?.evidence.code).toBe('7304');
    // The history shows the verdict before the code arrived, then the pass.
    const history = code.history!.map((h) => h.status);
    expect(history.at(-1)).toBe('pass');
    expect(history).toContain(status(early, 'control-code').status);
    await page.close();
  });

  it('judges a code rewritten in place (a change of text alone, re-read around it) as the new code', async () => {
    // A countdown ticking and a code replaced in its box, as a signing step does when the user retries: only text
    // changes, so the content script re-reads the elements around it and keeps the rest of its last walk.
    const server = await servePages({
      '/retry.html': `<!doctype html><html lang="en"><body style="font:16px Arial"><main><h1>Sign with Smart-ID</h1>
        <p>Verification code</p><p id="code" style="font-size:40px;width:200px">0041</p>
        <p>Make sure the code matches the one in your Smart-ID app. Time left: <span id="t">2:00</span></p>
        <button>Cancel</button></main>
        <script>let left = 120; setInterval(() => { left--; document.getElementById('t').textContent = '1:' + String(left % 60).padStart(2, '0'); }, 300);</script>
        </body></html>`,
    });
    const page = await session.context.newPage();
    await page.goto(`${server.url}/retry.html`);
    const tabId = await tabIdOf(session, page);
    const shownCode = async () =>
      status((await readReport(session, tabId))!, 'control-code')?.findings.find((f) => f.outcome === 'pass')?.evidence.code;
    await expect.poll(shownCode, { timeout: 6000 }).toBe('0041');
    await page.evaluate(() => {
      document.getElementById('code')!.textContent = '7719';
    });
    await expect.poll(shownCode, { timeout: 6000 }).toBe('7719');
    // The ticking timer's snapshots are re-reads around it (the re-read module loaded in the frame), not whole gathers.
    await expect.poll(() => howRead(tabId).then((h) => h?.reread), { timeout: 6000 }).toBe('in place');
    await page.close();
    await server.close();
  });

  it('judges a code put into its slot from a re-read of that subtree (elements added, the page below moved)', async () => {
    // The code arrives as a new element in an empty slot above the rest of the step, as signing front ends render it:
    // the content script walks the slot again and places again what moved below it, instead of the whole page.
    const rows = Array.from({ length: 60 }, (_, k) => `<tr><td>Item ${k + 1}</td><td>${1000 + k * 37} EUR</td></tr>`).join('');
    const server = await servePages({
      '/slot.html': `<!doctype html><html lang="en"><body style="font:16px Arial"><main><h1>Sign with Smart-ID</h1>
        <section><p>Verification code</p><div id="slot"></div>
        <p>Make sure the code matches the one in your Smart-ID app.</p><button>Cancel</button></section>
        <table>${rows}</table></main></body></html>`,
    });
    const page = await session.context.newPage();
    await page.goto(`${server.url}/slot.html`);
    const tabId = await tabIdOf(session, page);
    const report = async () => readReport(session, tabId);
    await expect.poll(async () => !!(await report()), { timeout: 6000 }).toBe(true);
    const whole = await howRead(tabId);
    expect(whole?.reread).toBeUndefined();
    await page.waitForTimeout(300);
    await page.evaluate(() => {
      const code = document.createElement('p');
      code.style.cssText = 'font-size:40px;font-weight:700;margin:8px 0';
      code.textContent = '0418';
      document.getElementById('slot')!.append(code);
    });
    const shownCode = async () => status((await report())!, 'control-code')?.findings.find((f) => f.outcome === 'pass')?.evidence.code;
    await expect.poll(shownCode, { timeout: 6000 }).toBe('0418');
    const read = await howRead(tabId);
    expect(read?.reread).toBe('reshaped');
    // The re-read module loaded while the first audit waited, so the first whole gather readied the wrappers' boxes:
    // already this first change moves the table below the slot as one piece.
    expect(read?.rigidlyMoved).toBeGreaterThan(100);
    await page.close();
    await server.close();
  });

  it('judges a cancel button disabled and enabled again in place (attributes re-read around it)', async () => {
    // The page disables its cancel button while a request runs, as signing steps do: an attribute changed in place,
    // so the content script re-reads the button, what follows it and its ancestors, and keeps the rest.
    const server = await servePages({
      '/busy.html': `<!doctype html><html lang="en"><body style="font:16px Arial"><main><h1>Sign with Smart-ID</h1>
        <p>Verification code</p><p style="font-size:40px;width:200px">0041</p>
        <p>Make sure the code matches the one in your Smart-ID app. Time left: <span id="t">2:00</span></p>
        <button id="cancel">Cancel</button></main>
        <script>let left = 120; setInterval(() => { left--; document.getElementById('t').textContent = '1:' + String(left % 60).padStart(2, '0'); }, 300);</script>
        </body></html>`,
    });
    const page = await session.context.newPage();
    await page.goto(`${server.url}/busy.html`);
    const tabId = await tabIdOf(session, page);
    const cancel = async () => status((await readReport(session, tabId))!, 'cancel')?.status;
    await expect.poll(cancel, { timeout: 6000 }).toBe('pass');
    await page.evaluate(() => {
      (document.getElementById('cancel') as HTMLButtonElement).disabled = true;
    });
    await expect.poll(cancel, { timeout: 6000 }).not.toBe('pass');
    await page.evaluate(() => {
      (document.getElementById('cancel') as HTMLButtonElement).disabled = false;
    });
    await expect.poll(cancel, { timeout: 6000 }).toBe('pass');
    await page.close();
    await server.close();
  });

  it('judges a change from a re-read when the whole page is due, then reads the whole page (what no DOM record shows)', async () => {
    // The whole document is read again every few seconds for what changes without a DOM record — here a stylesheet
    // edited through the CSSOM hides the cancel button — but a change of the page does not wait for that read: the
    // code is judged from a re-read around it, and the whole read that follows finds the button gone.
    const server = await servePages({
      '/due.html': `<!doctype html><html lang="en"><head><style>#cancel { display: inline-block }</style></head>
        <body style="font:16px Arial"><main><h1>Sign with Smart-ID</h1>
        <p>Verification code</p><p id="code" style="font-size:40px;width:200px">0041</p>
        <p>Make sure the code matches the one in your Smart-ID app.</p><button id="cancel">Cancel</button></main></body></html>`,
    });
    const page = await session.context.newPage();
    await page.goto(`${server.url}/due.html`);
    const tabId = await tabIdOf(session, page);
    const cancel = async () => status((await readReport(session, tabId))!, 'cancel')?.status;
    await expect.poll(cancel, { timeout: 6000 }).toBe('pass');
    // Quiet for longer than the whole read's period (content-script.ts WHOLE_EVERY_MS): the next one is due.
    await page.waitForTimeout(5500);
    type Read = { reread: string; code?: unknown; cancel?: string };
    // Every snapshot the background gets from now on, with the verdicts it judged from it, until cancel changes.
    const reads = session.worker.evaluate(async (t: number) => {
      type Check = { id: string; status: string; findings: { outcome?: string; evidence?: { code?: unknown } }[] };
      const hooks = (
        globalThis as unknown as {
          wysiwys: {
            howRead(t: number, f: number): { gatheredAt: number; reread?: string } | undefined;
            reports(): Record<number, { checks: Check[] }>;
          };
        }
      ).wysiwys;
      const out: Read[] = [];
      let last = hooks.howRead(t, 0)?.gatheredAt;
      const end = Date.now() + 8000;
      while (Date.now() < end) {
        const how = hooks.howRead(t, 0);
        if (how && how.gatheredAt !== last) {
          last = how.gatheredAt;
          const checks = hooks.reports()[t]?.checks ?? [];
          const code = checks.find((c) => c.id === 'control-code')?.findings.find((f) => f.outcome === 'pass')?.evidence?.code;
          out.push({ reread: how.reread ?? 'whole', code, cancel: checks.find((c) => c.id === 'cancel')?.status });
          if (out.at(-1)?.cancel !== 'pass') break;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      return out;
    }, tabId);
    await page.waitForTimeout(100);
    await page.evaluate(() => {
      document.getElementById('code')!.textContent = '7719';
      ((document.styleSheets[0] as CSSStyleSheet).cssRules[0] as CSSStyleRule).style.display = 'none';
    });
    const seen = await reads;
    expect(seen[0]).toEqual({ reread: 'in place', code: '7719', cancel: 'pass' });
    expect(seen.at(-1)).toMatchObject({ reread: 'whole', code: '7719' });
    expect(seen.at(-1)?.cancel).not.toBe('pass');
    await page.close();
    await server.close();
  });

  it('keeps the last verdict, with when it was seen, after the step ends', async () => {
    const server = await servePages({
      '/flow.html': `<!doctype html><html lang="en"><body><main id="m"><h1>Sign the contract</h1>
        <iframe src="/c.pdf" width="600" height="400"></iframe>
        <section id="step"><p>Verification code</p><p style="font-size:40px">0041</p>
        <p>Make sure the code matches the one in your Smart-ID app.</p><button>Cancel</button></section></main>
        <script>setTimeout(() => { document.getElementById('step').replaceWith(Object.assign(document.createElement('p'), { textContent: 'Thank you.' })); }, 2500);</script>
        </body></html>`,
    });
    const page = await session.context.newPage();
    await page.goto(`${server.url}/flow.html`);
    const tabId = await tabIdOf(session, page);
    await expect.poll(async () => (await readReport(session, tabId))?.checks[0].live, { timeout: 2000 }).toBe(true);
    await expect.poll(async () => (await readReport(session, tabId))?.checks[0].live, { timeout: 6000 }).toBe(false);
    const code = status((await readReport(session, tabId))!, 'control-code');
    expect(code.status).toBe('pass');
    expect(code.observedAt).toBeLessThan(Date.now());
    // Frames report on their own, so the history may open with a not-applicable from the PDF frame alone;
    // what matters is the pass while the step was shown, then the step ending.
    const history = code.history!.map((h) => h.status);
    expect(history.slice(-2)).toEqual(['pass', 'not-applicable']);
    await page.close();
    await server.close();
  });

  it('shows the verdicts in the popup for ?tabId and outlines the element on "Show on page"', async () => {
    const { report, tabId, page } = await auditUrl(session, `${demo.siteUrl}/sign-tiny-code.html`, { viewport: VIEWPORT, keepOpen: true });
    // The toolbar badge counts the failing checks of this tab.
    const fails = report.checks.filter((c) => c.status === 'fail').length;
    expect(fails).toBe(1);
    // Set after the report is stored, which runs in a task after the judgement (LatestWrite).
    await expect.poll(() => session.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(fails));
    const popup = await openPopup(tabId);
    const verdicts = await popupVerdicts(popup);
    for (const c of report.checks) expect(comparable(verdicts[c.id])).toEqual(comparable(c));
    // Failing rows are expanded with their evidence; press "Show on page" on the code.
    const row = popup.locator('li.check[data-check="control-code"]');
    await expect.poll(() => row.locator('dl.evidence').first().textContent()).toContain('Font size (px)');
    // The field keeps its report name as a tooltip.
    expect(await row.locator('dl.evidence dt[title="fontSize"]').count()).toBeGreaterThan(0);
    await row.locator('button.show').first().click();
    await page.bringToFront();
    const host = page.locator('wysiwys-auditor-overlay');
    // Where the outline is, read through the extension: the overlay's host carries nothing the page could read.
    type ProbeHooks = { wysiwys: { probe(tabId: number, frameId?: number): Promise<{ overlay: { rect: string } | null } | null> } };
    const outline = async () =>
      (await session.worker.evaluate((id) => (globalThis as unknown as ProbeHooks).wysiwys.probe(id, 0), tabId))?.overlay?.rect ?? '';
    await expect.poll(outline, { timeout: 5000 }).toBeTruthy();
    const [x, y, w, h] = (await outline()).split(',').map(Number);
    const code = await page.evaluate(() => {
      const el = [...document.querySelectorAll('*')].find((e) => e.childElementCount === 0 && e.textContent?.trim() === '5521')!;
      const r = el.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height].map(Math.round);
    });
    expect([x, y, w, h]).toEqual(code);
    // Clearing removes every trace of the overlay.
    await popup.bringToFront();
    await popup.getByText('Clear outline').click();
    await expect.poll(() => host.count()).toBe(0);
    await popup.close();
    await page.close();
  });

  it('does not change the page it audits', async () => {
    const url = `${demo.siteUrl}/sign-good.html`;
    const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
    const reference = await plain.newPage({ viewport: VIEWPORT });
    await reference.goto(url);
    await reference.waitForTimeout(500);
    const before = await reference.evaluate(() => document.documentElement.outerHTML);
    await plain.close();
    const { page } = await auditUrl(session, url, { viewport: VIEWPORT, keepOpen: true });
    const after = await page.evaluate(() => document.documentElement.outerHTML);
    expect(after).toBe(before);
    await page.close();
  });
});

describe('command line', () => {
  const cli = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, timeout: 120_000 })
      .then((r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  it('prints the same verdicts as the popup, as JSON, and exits 1 when a check fails', async () => {
    const pages = ['/sign-good.html', '/sign-covered-code.html', '/sign-good-lt.html'].map((p) => demo.siteUrl + p);
    const result = await cli(['--json', ...pages]);
    expect(result.code, result.stderr).toBe(1);
    const json = JSON.parse(result.stdout) as Report;
    expect(json.tool.name).toBe('wysiwys-auditor');
    expect(json.reports.map((r) => r.url)).toEqual(pages);
    for (const r of json.reports) {
      expect(r.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(r.timing.nodes).toBeGreaterThan(0);
      for (const c of r.checks) expect(['pass', 'fail', 'review', 'not-applicable', 'error']).toContain(c.status);
    }
    expect(status(json.reports[0], 'control-code').findings.find((f) => f.outcome === 'pass')?.evidence.code).toBe('0041');
    for (const r of json.reports) {
      const { tabId, page } = await auditUrl(session, r.url, { viewport: VIEWPORT, keepOpen: true });
      const popup = await openPopup(tabId);
      const verdicts = await popupVerdicts(popup);
      for (const c of r.checks) expect(comparable(verdicts[c.id]), `${r.url} ${c.id}`).toEqual(comparable(c));
      await popup.close();
      await page.close();
    }
    // Each page is observed until every check has what it needs (about 10–20 s), on the command line and again here.
  }, 240_000);

  it('exits 0 with a readable table when nothing fails', async () => {
    const result = await cli([`${demo.siteUrl}/sign-good.html`]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/control-code\s+PASS/);
    expect(result.stdout).toContain('Code: 0041');
  });

  it('fails the run (exit 1) with a clear message for a page that cannot load, exits 2 for bad usage', async () => {
    const down = await cli(['http://127.0.0.1:9/unreachable']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/Cannot load http:\/\/127\.0\.0\.1:9\/unreachable/);
    const missing = await cli([`${demo.siteUrl}/no-such-page.html`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('HTTP 404');
    const usage = await cli(['--wait', 'soon', demo.siteUrl]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--wait takes milliseconds');
  });
});
