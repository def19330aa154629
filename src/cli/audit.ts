/**
 * Audits URLs with the extension: open the page, let it run, take the tab's report from the extension itself
 * (the same report the popup shows).
 */
import type { Page } from 'playwright-core';
import type { Report, TabReport } from '../audit/types';
import { LoadError } from './errors';
import type { ExtensionSession } from './launch';

export interface AuditOptions {
  viewport: { width: number; height: number };
  /** Observe for exactly this long; otherwise until the report has been stable for `quietMs`. */
  waitMs?: number;
  quietMs?: number;
  maxMs?: number;
  /** Keep the page open (tests open the popup on it afterwards). */
  keepOpen?: boolean;
  /** Press the cancel control once the audit found it, then observe for `waitMs` (default 10 s). */
  exercise?: 'cancel';
}

export interface PageAudit {
  url: string;
  report: TabReport;
  tabId: number;
  page: Page;
}

type Hooks = { wysiwys: { report(tabId: number): TabReport | undefined } };

/** The tab id of a page, found from the service worker (tabs.query by URL needs the host access we have). */
export async function tabIdOf(session: ExtensionSession, page: Page): Promise<number> {
  const url = page.url();
  for (let i = 0; i < 50; i++) {
    const id = await session.worker.evaluate(async (u: string) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id ?? -1;
    }, url);
    if (id >= 0) return id;
    await page.waitForTimeout(100);
  }
  throw new Error(`Could not find the browser tab of ${url}`);
}

export async function readReport(session: ExtensionSession, tabId: number): Promise<TabReport | undefined> {
  return session.worker.evaluate((id: number) => (globalThis as unknown as Hooks).wysiwys.report(id), tabId);
}

export async function auditUrl(session: ExtensionSession, url: string, options: AuditOptions): Promise<PageAudit> {
  const page = await session.context.newPage();
  await page.setViewportSize(options.viewport);
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  } catch (error) {
    await page.close();
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new LoadError(`Cannot load ${url}: ${reason}`);
  }
  if (response && response.status() >= 400) {
    await page.close();
    throw new LoadError(`Cannot audit ${url}: the server answered HTTP ${response.status()} ${response.statusText()}`);
  }
  const tabId = await tabIdOf(session, page);
  const started = Date.now();
  let report: TabReport | undefined;
  if (options.exercise === 'cancel') {
    await exerciseCancel(session, page, tabId);
    await page.waitForTimeout(options.waitMs ?? 10_000);
    report = await readReport(session, tabId);
  } else if (options.waitMs !== undefined) {
    await page.waitForTimeout(options.waitMs);
    report = await readReport(session, tabId);
    // A page that never produced a report in that time (blocked frame, very slow) gets one more chance.
    for (let i = 0; !report && i < 50; i++) {
      await page.waitForTimeout(100);
      report = await readReport(session, tabId);
    }
  } else {
    const quiet = options.quietMs ?? 1500;
    const max = options.maxMs ?? 20_000;
    let lastKey = '';
    let stableSince = Date.now();
    while (Date.now() - started < max) {
      await page.waitForTimeout(150);
      report = await readReport(session, tabId);
      const key = report ? JSON.stringify(report.checks.map((c) => [c.status, c.summary])) + report.frames.length : '';
      if (key !== lastKey) {
        lastKey = key;
        stableSince = Date.now();
      } else if (report && Date.now() - stableSince >= quiet) break;
    }
  }
  if (!report) {
    await page.close();
    throw new LoadError(`The extension produced no report for ${url} (the content script could not run there).`);
  }
  if (!options.keepOpen) await page.close();
  return { url, report, tabId, page };
}

type ExerciseHooks = { wysiwys: { exerciseCancel(tabId: number): Promise<{ pressed: boolean; reason?: string }> } };

/**
 * Waits (up to 20 s) for the cancel check to find a usable control and, as a user mid-wait would, for the status
 * checks to be running (up to 8 s more), then presses it through the extension.
 */
async function exerciseCancel(session: ExtensionSession, page: Page, tabId: number): Promise<void> {
  let found = 0;
  for (let i = 0; i < 140; i++) {
    const report = await readReport(session, tabId);
    if (report?.checks.find((c) => c.id === 'cancel')?.findings.some((f) => f.outcome === 'pass')) {
      found ||= Date.now();
      if (report.timeline?.series.length || Date.now() - found > 8000) break;
    }
    await page.waitForTimeout(200);
  }
  const result = await session.worker.evaluate((id: number) => (globalThis as unknown as ExerciseHooks).wysiwys.exerciseCancel(id), tabId);
  if (!result.pressed) process.stderr.write(`wysiwys-audit: could not press cancel on ${page.url()}: ${result.reason ?? 'unknown reason'}
`);
}

export function toReport(session: ExtensionSession, reports: TabReport[]): Report {
  return { tool: { name: 'wysiwys-auditor', version: session.manifest.version }, reports };
}

export function failed(report: Report): boolean {
  return report.reports.some((r) => r.checks.some((c) => c.status === 'fail'));
}
