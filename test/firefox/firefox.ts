/**
 * Real Firefox (Debian's firefox-esr) with the Firefox build (dist-firefox/) installed, driven by puppeteer-core over
 * WebDriver BiDi; the extension is installed with BiDi's webExtension.install (puppeteer's installExtension).
 *
 * How the tests reach the extension, since BiDi gives no handle on a background page:
 * - The install gets a known moz-extension:// UUID (pref extensions.webextensions.uuids), so its pages have known
 *   addresses; `--remote-allow-system-access` lets BiDi navigate a tab to them.
 * - One of its own pages (the settings page) stays open as the control page; there the extension's own APIs run,
 *   and runtime.getBackgroundPage() gives the event page's automation hooks (globalThis.wysiwys, as in Chromium).
 * - Host access for the demo's origins (and the optional API permissions) is granted at install in a copy of the
 *   build, as src/cli/launch.ts does for Chromium (Firefox grants MV3 install-time host permissions by default).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TabReport } from '../../src/audit/types';
import type { SurfaceProbe } from '../../src/shared/messages';
import { stillPending } from '../../src/cli/audit';
import { findFirefox } from '../../src/cli/chromium';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** WYSIWYS_FIREFOX_DIST: a Firefox build elsewhere (parallel builds in one checkout must not share dist-firefox/). */
export const FIREFOX_DIST = process.env.WYSIWYS_FIREFOX_DIST ?? path.join(ROOT, 'dist-firefox');
export const FIREFOX_PATH = findFirefox() ?? process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** The background's automation hooks (src/background/service-worker.ts), as the tests call them. */
export interface Hooks {
  ready: Promise<unknown>;
  report(tabId: number): TabReport | undefined;
  togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }>;
  probe(tabId: number, frameId?: number): Promise<SurfaceProbe | null>;
  picture(tabId: number, frameId: number, target: (string | string[])[]): Promise<{ dataUrl: string }>;
  frames(tabId: number): number[];
}

export interface FirefoxSession {
  browser: Browser;
  /** The install's moz-extension:// origin. */
  origin: string;
  manifest: { action: { default_popup: string }; version: string; browser_specific_settings: { gecko: { id: string } } };
  /** An extension page that stays open: the extension's APIs and the background's hooks are reached from here. */
  control: Page;
  /** Calls one of the background's automation hooks (or awaits it, for `ready`); the result comes back as JSON. */
  hook<K extends keyof Hooks>(
    name: K,
    ...args: Hooks[K] extends (...a: infer A) => unknown ? A : []
  ): Promise<Awaited<Hooks[K] extends (...a: never[]) => infer R ? R : Hooks[K]>>;
  /** The browser's tab id of a page, by its current URL. */
  tabIdOf(page: Page): Promise<number>;
  /** Opens one of the extension's pages (path relative to the build, with its query) in a new tab. */
  openExtensionPage(relative: string): Promise<Page>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * BiDi's navigate never reports a moz-extension:// page as loaded (extension pages live in the extension process),
 * so the navigation is started without waiting for it, and the page is awaited by its own address and readyState.
 */
async function openInTab(page: Page, url: string): Promise<Page> {
  void page.goto(url, { timeout: 60_000 }).catch(() => undefined);
  // Polled with evaluate, not waitForFunction: with firefox-esr 140.12 puppeteer's wait task fails at once ("Waiting
  // failed") when the navigation replaces the realm it runs in, while an evaluate in the new realm works.
  const until = Date.now() + 20_000;
  let last = 'no answer';
  while (Date.now() < until) {
    try {
      const state = await page.evaluate(() => `${location.href} ${document.readyState}`);
      if (state === `${url} complete`) return page;
      last = state;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${url} did not load within 20 s (last seen: ${last})`);
}

export async function launchFirefox(options: { hostPermissions?: string[] } = {}): Promise<FirefoxSession> {
  if (!existsSync(path.join(FIREFOX_DIST, 'manifest.json')))
    throw new Error(`No Firefox build in ${FIREFOX_DIST}: run \`npm run build:firefox\` first.`);
  if (!existsSync(FIREFOX_PATH)) throw new Error(`No Firefox at ${FIREFOX_PATH} (apt-get install firefox-esr, or set FIREFOX_PATH).`);
  const work = mkdtempSync(path.join(tmpdir(), 'wysiwys-firefox-'));
  const extDir = path.join(work, 'extension');
  cpSync(FIREFOX_DIST, extDir, { recursive: true });
  const manifestFile = path.join(extDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as FirefoxSession['manifest'] & {
    host_permissions?: string[];
    permissions?: string[];
    optional_permissions?: string[];
  };
  manifest.host_permissions = options.hostPermissions ?? ['<all_urls>'];
  // As src/cli/launch.ts does: automation has no one to click, so optional API permissions are granted at install.
  manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])])];
  delete manifest.optional_permissions;
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));

  const uuid = randomUUID();
  const origin = `moz-extension://${uuid}`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [manifest.browser_specific_settings.gecko.id]: uuid }) },
  });
  const close = async () => {
    await browser.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const id = await browser.installExtension(extDir);
    if (id !== manifest.browser_specific_settings.gecko.id) throw new Error(`installed as ${id}, expected the manifest's gecko id`);
    const openExtensionPage = async (relative: string) => openInTab(await browser.newPage(), `${origin}/${relative}`);
    const control = await openExtensionPage('src/options/index.html');
    const hook: FirefoxSession['hook'] = (name, ...args) =>
      control
        .evaluate(
          async (key: string, json: string) => {
            const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<{ wysiwys?: Hooks }> } } }).browser;
            const hooks = (await api.runtime.getBackgroundPage()).wysiwys as unknown as Record<string, unknown> | undefined;
            if (!hooks) throw new Error('the background page has no automation hooks (yet)');
            const member = hooks[key];
            const result = typeof member === 'function' ? await member(...JSON.parse(json)) : await member;
            // Across the page boundary as JSON: the report is plain data.
            return JSON.stringify(result ?? null);
          },
          String(name),
          JSON.stringify(args),
        )
        .then((json) => JSON.parse(json));
    // The event page may still be loading its module: wait for its hooks, then for its registrations.
    for (let i = 0; ; i++) {
      try {
        await hook('ready');
        break;
      } catch (error) {
        if (i >= 100) throw error;
        await sleep(100);
      }
    }
    const tabIdOf = async (page: Page) => {
      for (let i = 0; i < 50; i++) {
        const found = await control.evaluate(async (url: string) => {
          const api = (globalThis as unknown as { browser: typeof chrome }).browser;
          return (await api.tabs.query({})).find((t) => t.url === url)?.id ?? -1;
        }, page.url());
        if (found >= 0) return found;
        await sleep(100);
      }
      throw new Error(`Could not find the browser tab of ${page.url()}`);
    };
    return { browser, origin, manifest, control, hook, tabIdOf, openExtensionPage, close };
  } catch (error) {
    await close();
    throw new Error(`Firefox started but the extension did not load: ${error instanceof Error ? error.message : error}`);
  }
}

/**
 * Opens `url` in a new tab and observes it the way the CLI does (src/cli/audit.ts observeTab): until the verdicts
 * have been stable for `quietMs` and no check still waits for time, at most `maxMs`.
 */
export async function auditInFirefox(
  session: FirefoxSession,
  url: string,
  { quietMs = 1500, maxMs = 20_000 } = {},
): Promise<{ page: Page; tabId: number; report: TabReport }> {
  const page = await session.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const tabId = await session.tabIdOf(page);
  const started = Date.now();
  let report: TabReport | undefined;
  let lastKey = '';
  let stableSince = Date.now();
  while (Date.now() - started < maxMs) {
    await sleep(150);
    report = (await session.hook('report', tabId)) ?? report;
    const key = report ? JSON.stringify(report.checks.map((c) => [c.status, c.summary.replace(/\d+(?:\.\d+)? s\b/g, '# s')])) : '';
    if (key !== lastKey) {
      lastKey = key;
      stableSince = Date.now();
    } else if (report && Date.now() - stableSince >= quietMs && !stillPending(report)) break;
  }
  if (!report) throw new Error(`No report for ${url} after ${maxMs} ms`);
  return { page, tabId, report };
}
