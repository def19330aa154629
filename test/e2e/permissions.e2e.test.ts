/**
 * Least privilege with the built extension: the built manifest asks at install for no host access and no
 * webRequest / webNavigation; with them granted (as "Audit this site" or the CLI grants them) the timeline records
 * the demo page's status checks and polling passes; without them the worker observes nothing, does not fail, and the
 * polling check says the permission is missing (never a pass) while the popup explains what to allow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startFlowDemo, type FlowDemoServer } from '../../demo/flows/server';
import { auditUrl, tabIdOf } from '../../src/cli/audit';
import { DIST, launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { TabReport } from '../../src/audit/types';

const LOCAL = ['http://127.0.0.1/*', 'http://localhost/*'];
const dist = process.env.WYSIWYS_DIST ?? DIST;
const check = (r: TabReport, id: string) => r.checks.find((c) => c.id === id)!;
const observing = (s: ExtensionSession) =>
  s.worker.evaluate(() => (globalThis as unknown as { wysiwys: { observing(): string[] } }).wysiwys.observing());

let demo: FlowDemoServer;
beforeAll(async () => {
  demo = await startFlowDemo();
});
afterAll(async () => {
  await demo?.close();
});

describe('the built manifest', () => {
  it('asks at install for no host access, no history permission and no request observation', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect((manifest.content_scripts ?? []).flatMap((c: { matches: string[] }) => c.matches)).toEqual([]);
    expect(manifest.permissions).not.toContain('webNavigation');
    expect(manifest.permissions).not.toContain('webRequest');
    expect(manifest.permissions.filter((p: string) => p.includes('://') || p === '<all_urls>')).toEqual([]);
    expect(manifest.optional_permissions).toEqual(expect.arrayContaining(['webRequest', 'webNavigation']));
  });
});

describe('with webRequest and webNavigation granted', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ hostPermissions: LOCAL });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('records the status checks of a polling page in the timeline, and judges them', async () => {
    expect((await observing(session)).sort()).toEqual(['webNavigation', 'webRequest']);
    const { report, page } = await auditUrl(session, `${demo.url}/flows/poll-good.html`, {
      viewport: { width: 1280, height: 900 },
      waitMs: 12_000,
    });
    await page.close();
    expect(report.timeline?.series.length).toBeGreaterThan(0);
    expect(report.timeline!.requests).toBeGreaterThan(2);
    expect(check(report, 'polling').status).toBe('pass');
    expect(check(report, 'polling').summary).not.toMatch(/not observed/);
  }, 60_000);
});

describe('before webRequest and webNavigation are granted', () => {
  let session: ExtensionSession;
  beforeAll(async () => {
    session = await launchWithExtension({ hostPermissions: LOCAL, grantOptionalPermissions: false });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('starts without observing the network, and without an error', async () => {
    expect(await observing(session)).toEqual([]);
    const apis = await session.worker.evaluate(() => ({
      webRequest: typeof (chrome as unknown as Record<string, unknown>).webRequest,
      webNavigation: typeof (chrome as unknown as Record<string, unknown>).webNavigation,
    }));
    expect(apis).toEqual({ webRequest: 'undefined', webNavigation: 'undefined' });
  });

  it('says the polling check was not observed because the permission is missing, on the same page', async () => {
    const { report } = await auditUrl(session, `${demo.url}/flows/poll-good.html`, {
      viewport: { width: 1280, height: 900 },
      waitMs: 12_000,
    });
    const polling = check(report, 'polling');
    expect(polling.status).not.toBe('pass');
    expect(polling.status).not.toBe('fail');
    expect(polling.summary).toMatch(/not observed: permission not granted \(webRequest\)/);
    expect(report.timeline?.requests ?? 0).toBe(0);
    expect(check(report, 'flow').status).not.toBe('pass');
  }, 60_000);

  it('has the popup say what is not observed, explain each permission and ask for both at once', async () => {
    const page = await session.context.newPage();
    await page.goto(`${demo.url}/flows/poll-good.html`);
    const tabId = await tabIdOf(session, page);
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
    await popup.waitForSelector('#network-permission');
    expect(await popup.textContent('#network-permission')).toMatch(/not observed: permission not granted/);
    const explained = await popup.$$eval('#network-permission [data-permission]', (li) => li.map((l) => l.getAttribute('data-permission')));
    expect(explained).toEqual(['webRequest', 'webNavigation']);
    // The browser's prompt cannot be answered headless: record what the click asks for, and answer "no".
    await popup.evaluate(() => {
      const w = window as unknown as { asked?: unknown };
      chrome.permissions.request = ((p: unknown, done?: (ok: boolean) => void) => {
        w.asked = p;
        done?.(false);
        return Promise.resolve(false);
      }) as typeof chrome.permissions.request;
    });
    await popup.click('#allow-network');
    await popup.waitForFunction(() => (document.querySelector('#network-permission')?.textContent ?? '').includes('Not granted'));
    expect(await popup.evaluate(() => (window as unknown as { asked?: unknown }).asked)).toEqual({
      permissions: ['webRequest', 'webNavigation'],
    });
    await popup.close();
    await page.close();
  }, 60_000);
});
