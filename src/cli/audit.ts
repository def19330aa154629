/**
 * Audits URLs with the extension: open the page, let it run, take the tab's report from the extension itself
 * (the same report the popup shows).
 *
 * The tab is followed by its id from the moment the CLI creates it (through the service worker, so the id is the
 * browser's own), never by its URL: a page that rewrites its address (history.replaceState/pushState, SPA routes)
 * or goes on to another page is still the same tab. A page that leaves for another page is reported as such.
 */
import type { CDPSession, Page } from 'playwright-core';
import { checkOf, substitute, translateParts } from '../audit';
import type { MessagePart, Report, TabReport } from '../audit';
import { englishCatalogue } from '../i18n/catalogue';
import { LoadError } from './errors';
import type { ExtensionSession } from './launch';
import type { CliTabReport, NavigatedAway, Progress } from './run';

export interface AuditOptions {
  viewport: { width: number; height: number };
  /**
   * Observe for exactly this long; otherwise until the verdicts have been stable for `quietMs` and no check still
   * needs time (see `pendingUntil`), at most `maxMs`.
   */
  waitMs?: number;
  quietMs?: number;
  maxMs?: number;
  /** Told about once a second how much of the observation is left (a countdown on stderr). */
  progress?: Progress;
  /** The point being observed, as progress names it. */
  label?: string;
  /** Keep the page open (tests open the popup on it afterwards). */
  keepOpen?: boolean;
  /** Press the cancel control once the audit found it, then observe for `waitMs` (default 10 s). */
  exercise?: 'cancel';
}

export interface PageAudit {
  url: string;
  report: CliTabReport;
  tabId: number;
  page: Page;
}

type Hooks = { wysiwys: { report(tabId: number): TabReport | undefined } };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The tab id of a page opened elsewhere (tests), found from the service worker by the page's current URL, read
 * afresh on every try (the page may rewrite it meanwhile). The CLI itself never needs this: see `openTab`.
 */
export async function tabIdOf(session: ExtensionSession, page: Page): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const id = await session.worker.evaluate(async (u: string) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === u || t.pendingUrl === u)?.id ?? -1;
    }, page.url());
    if (id >= 0) return id;
    await sleep(100);
  }
  throw new Error(`Could not find the browser tab of ${page.url()}`);
}

/**
 * A new, empty tab created by the extension (so its id is known from the start) and the Playwright page that
 * drives it, matched by a one-time address (`about:blank#<nonce>`) that no other tab has.
 */
export async function openTab(session: ExtensionSession): Promise<{ page: Page; tabId: number }> {
  const nonce = `wysiwys-tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const address = `about:blank#${nonce}`;
  const isOurs = (p: Page) => p.url() === address;
  const appeared = session.context.waitForEvent('page', { predicate: isOurs, timeout: 15_000 });
  const tabId = await session.worker.evaluate(async (url: string) => (await chrome.tabs.create({ url, active: true })).id ?? -1, address);
  if (tabId < 0) throw new Error('The browser did not create a tab for the audit.');
  // The page may already be known (its first navigation reported before the listener saw it).
  const page = session.context.pages().find(isOurs) ?? (await appeared.catch(() => undefined)) ?? session.context.pages().find(isOurs);
  appeared.catch(() => undefined);
  if (!page) throw new Error('The browser created a tab for the audit but it could not be driven.');
  return { page, tabId };
}

/**
 * The pages (documents) a tab loads and the addresses each showed, from the DevTools protocol: a new document
 * (`Page.frameNavigated` of the main frame) versus an address change inside the same document
 * (`Page.navigatedWithinDocument`: history.pushState/replaceState, fragment).
 */
class TabFollower {
  readonly documents: { urls: string[]; at: number }[] = [];
  private mainFrameId = '';

  private constructor(private readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<TabFollower> {
    const cdp = await page.context().newCDPSession(page);
    const follower = new TabFollower(cdp);
    await cdp.send('Page.enable');
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    follower.mainFrameId = frameTree.frame.id;
    cdp.on(
      'Page.frameNavigated',
      (e: { frame: { id: string; parentId?: string; url: string; urlFragment?: string; unreachableUrl?: string } }) => {
        if (e.frame.parentId) return;
        follower.mainFrameId = e.frame.id;
        follower.documents.push({ urls: [e.frame.unreachableUrl ?? e.frame.url + (e.frame.urlFragment ?? '')], at: Date.now() });
      },
    );
    cdp.on('Page.navigatedWithinDocument', (e: { frameId: string; url: string }) => {
      if (e.frameId !== follower.mainFrameId) return;
      follower.documents.at(-1)?.urls.push(e.url);
    });
    return follower;
  }

  /**
   * Set when the tab loaded a page at an address the opened page never showed (a reload, or a new document at an
   * address the page had only rewritten, is not leaving).
   */
  navigatedAway(): NavigatedAway | undefined {
    const [first, ...later] = this.documents;
    if (!first) return undefined;
    const shown = new Set(first.urls.map(withoutFragment));
    const left = later.find((d) => !shown.has(withoutFragment(d.urls[0])));
    if (!left) return undefined;
    const before = this.documents[this.documents.indexOf(left) - 1];
    return {
      from: before.urls.at(-1)!,
      to: this.documents.at(-1)!.urls.at(-1)!,
      at: new Date(left.at).toISOString(),
      afterMs: left.at - first.at,
      pages: this.documents.map((d) => d.urls[0]),
    };
  }

  async detach(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

export async function readReport(session: ExtensionSession, tabId: number): Promise<TabReport | undefined> {
  return session.worker.evaluate((id: number) => (globalThis as unknown as Hooks).wysiwys.report(id), tabId);
}

/** Why a page could not be loaded, in words (Chromium's net error codes are in the message Playwright throws). */
export function loadFailureReason(url: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const code = /net::(ERR_[A-Z_]+)/.exec(raw)?.[1];
  let host = url;
  try {
    const u = new URL(url);
    host = u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    /* the URL was checked by parseArgs; keep it as it is */
  }
  if (!code) {
    if (/Timeout \d+ms exceeded/i.test(raw)) return `the server at ${host} did not answer within 30 s`;
    return raw.split('\n')[0].replace(/^page\.goto:\s*/, '');
  }
  const words = /^ERR_NAME_(NOT_RESOLVED|RESOLUTION_FAILED)$/.test(code)
    ? `the host name ${host.replace(/:\d+$/, '')} cannot be found (DNS lookup failed)`
    : code === 'ERR_CONNECTION_REFUSED'
      ? `connection refused: nothing accepts connections at ${host}`
      : code === 'ERR_UNSAFE_PORT'
        ? `the browser does not connect to port ${host.replace(/^.*:/, '')}, a port reserved for other protocols`
        : /^ERR_(CONNECTION_TIMED_OUT|TIMED_OUT)$/.test(code)
          ? `the server at ${host} did not answer (connection timed out)`
          : /^ERR_(CONNECTION_RESET|CONNECTION_CLOSED|EMPTY_RESPONSE|CONNECTION_ABORTED)$/.test(code)
            ? `the server at ${host} closed the connection without an answer`
            : /^ERR_(INTERNET_DISCONNECTED|ADDRESS_UNREACHABLE|NETWORK_CHANGED|NETWORK_ACCESS_DENIED|PROXY_CONNECTION_FAILED)$/.test(code)
              ? `the network cannot reach ${host}`
              : /^ERR_CERT_/.test(code)
                ? `the TLS certificate of ${host} is not accepted`
                : /^ERR_SSL_/.test(code)
                  ? `the TLS connection to ${host} failed`
                  : code === 'ERR_TOO_MANY_REDIRECTS'
                    ? 'the server redirects in a loop'
                    : code === 'ERR_ABORTED'
                      ? 'the browser did not open it as a page (a download, or an answer without content)'
                      : code === 'ERR_BLOCKED_BY_CLIENT' || code === 'ERR_BLOCKED_BY_RESPONSE'
                        ? 'the browser blocked it'
                        : 'the browser could not load it';
  return `${words} (${code})`;
}

export async function auditUrl(session: ExtensionSession, url: string, options: AuditOptions): Promise<PageAudit> {
  const { page, tabId } = await openTab(session);
  const follower = await TabFollower.attach(page);
  const giveUp = async (message: string, kind: LoadError['kind'] = 'load'): Promise<never> => {
    const pageUrl = page.isClosed() ? undefined : page.url();
    await follower.detach();
    await page.close().catch(() => undefined);
    throw new LoadError(message, kind, pageUrl && pageUrl !== 'about:blank' && !pageUrl.startsWith('about:blank#') ? pageUrl : undefined);
  };
  await page.setViewportSize(options.viewport);
  let response: Awaited<ReturnType<typeof page.goto>>;
  try {
    // Committed is enough: the page then runs (and may rewrite its address or move on) while the extension audits.
    response = await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
  } catch (error) {
    return giveUp(`Cannot load ${url}: ${loadFailureReason(url, error)}`);
  }
  if (response && response.status() >= 400) {
    const redirected = response.url() !== url ? ` (redirected to ${response.url()})` : '';
    return giveUp(`Cannot audit ${url}: the server answered HTTP ${response.status()} ${response.statusText()}${redirected}`);
  }
  // A page that never finishes loading (a request held open) is still audited.
  await page.waitForLoadState('load', { timeout: 30_000 }).catch(() => undefined);
  const report = await observeTab(session, page, tabId, options);
  const away = follower.navigatedAway();
  await follower.detach();
  if (!report) return giveUp(`The extension produced no report for ${url} (the content script could not run there).`, 'no-report');
  const result: CliTabReport = { ...report, requestedUrl: url };
  if (away) result.navigatedAway = away;
  if (!options.keepOpen) await page.close().catch(() => undefined);
  return { url, report: result, tabId, page };
}

/**
 * Observes an open tab and returns the extension's report for it: for exactly `waitMs`, or after pressing cancel
 * (`exercise`), or until the verdicts have been stable for `quietMs` (at most `maxMs`). The last report seen is
 * kept if the tab goes away. Used for URLs and for flow `audit` steps alike.
 */
export async function observeTab(
  session: ExtensionSession,
  page: Page,
  tabId: number,
  options: Pick<AuditOptions, 'waitMs' | 'quietMs' | 'maxMs' | 'exercise' | 'progress' | 'label'>,
): Promise<TabReport | undefined> {
  const started = Date.now();
  let report: TabReport | undefined;
  const read = async () => {
    // The last report seen is kept if the tab goes away (a page that closes itself).
    if (!page.isClosed()) report = (await readReport(session, tabId)) ?? report;
    return report;
  };
  const label = options.label ?? (page.isClosed() ? '' : page.url());
  let lastTold = 0;
  /** A countdown about once a second: `until` is when the observation will end at the latest. */
  const tell = (until: number, total: number) => {
    if (!options.progress || Date.now() - lastTold < 1000) return;
    lastTold = Date.now();
    options.progress.observing(label, Math.max(0, until - Date.now()), total);
  };
  /** Sleeps `ms` while telling the countdown to `until`. */
  const wait = async (ms: number, until: number, total: number) => {
    for (const end = Date.now() + ms; Date.now() < end; ) {
      tell(until, total);
      await sleep(Math.min(250, end - Date.now()));
    }
  };
  if (options.exercise === 'cancel') {
    const pressed = await exerciseCancel(session, page, tabId);
    if (!pressed.pressed)
      process.stderr.write(
        `wysiwys-audit: could not press cancel on ${page.isClosed() ? 'a closed tab' : page.url()}: ${pressed.reason ?? 'unknown reason'}\n`,
      );
    const ms = options.waitMs ?? 10_000;
    await wait(ms, Date.now() + ms, ms);
    await read();
  } else if (options.waitMs !== undefined) {
    await wait(options.waitMs, started + options.waitMs, options.waitMs);
    await read();
    // A page that never produced a report in that time (blocked frame, very slow) gets one more chance.
    for (let i = 0; !report && i < 50 && !page.isClosed(); i++) {
      await sleep(100);
      await read();
    }
  } else {
    const quiet = options.quietMs ?? 1500;
    const max = options.maxMs ?? 20_000;
    let lastKey = '';
    let stableSince = Date.now();
    while (Date.now() - started < max && !page.isClosed()) {
      await wait(150, started + max, max);
      await read();
      const key = report ? stabilityKey(report) : '';
      if (key !== lastKey) {
        lastKey = key;
        stableSince = Date.now();
      } else if (report && Date.now() - stableSince >= quiet && !stillPending(report)) break;
    }
  }
  return report;
}

/**
 * What must stay the same for the verdicts to count as stable: each check's status and summary, with durations
 * masked ("shown for 9.4 s" grows every second while nothing else changes), and the frames.
 */
function stabilityKey(report: TabReport): string {
  return JSON.stringify(report.checks.map((c) => [c.status, c.summary.replace(/\d+(?:\.\d+)? s\b/g, '# s')])) + report.frames.length;
}

/**
 * When the checks that judge behaviour over time (polling, flow, error handling) will have what they need: the
 * latest `observeUntil` their findings give (the moment their verdict is decided if nothing else happens), or 0
 * when none waits. Past `maxMs` the CLI stops anyway, and those checks' summaries say the observation was too short.
 */
export function pendingUntil(report: TabReport): number {
  let until = 0;
  for (const check of report.checks)
    for (const finding of check.findings) {
      const at = Date.parse(String(finding.evidence?.observeUntil ?? ''));
      if (Number.isFinite(at)) until = Math.max(until, at);
    }
  return until;
}

/** True when a check of the report was judged before the moment it said it would have what it needs. */
export function stillPending(report: TabReport): boolean {
  const judgedAt = Date.parse(report.finishedAt);
  return pendingUntil(report) > (Number.isFinite(judgedAt) ? judgedAt : Date.now());
}

/** The English templates of every catalogue key, with the CLI's own words for the advice to observe longer. */
let cliEnglish: Record<string, string> | undefined;

/**
 * The report worded for the CLI's reader: a check observed too briefly advises `--wait` (the rules write the
 * advice as its own message, `rule_<id>_msg_observeLonger`, so each surface chooses its words; the popup says
 * "keep the page open"). Everything else keeps the English the extension wrote.
 */
export function wordedForCli<T extends TabReport>(report: T): T {
  cliEnglish ??= { ...englishCatalogue() };
  const catalogue = cliEnglish;
  const t = (key: string, values?: string[]) =>
    /^rule_\w+_msg_observeLonger$/.test(key) ? CLI_OBSERVE_LONGER : substitute(catalogue[key] ?? '', values);
  const reword = (text: string, parts: MessagePart[] | undefined) =>
    parts && JSON.stringify(parts).includes('_msg_observeLonger') ? (translateParts(parts, t) ?? text) : text;
  return {
    ...report,
    checks: report.checks.map((c) => ({
      ...c,
      summary: reword(c.summary, c.summaryParts),
      findings: c.findings.map((f) => ({ ...f, message: reword(f.message, f.messageParts) })),
    })),
  };
}

/** The CLI's words for a check's advice to observe longer. */
export const CLI_OBSERVE_LONGER = 'observe longer: --wait <ms>, or waitMs in the config';

type ExerciseHooks = { wysiwys: { exerciseCancel(tabId: number): Promise<{ pressed: boolean; reason?: string }> } };

/**
 * Waits (up to 20 s) for the cancel check to find a usable control and, as a user mid-wait would, for the status
 * checks to be running (up to 8 s more), then presses it through the extension.
 */
export async function exerciseCancel(
  session: ExtensionSession,
  _page: Page,
  tabId: number,
): Promise<{ pressed: boolean; reason?: string }> {
  let found = 0;
  for (let i = 0; i < 140; i++) {
    const report = await readReport(session, tabId);
    if (checkOf(report, 'cancel')?.press) {
      found ||= Date.now();
      if (report?.timeline?.series.length || Date.now() - found > 8000) break;
    }
    await sleep(200);
  }
  return session.worker.evaluate((id: number) => (globalThis as unknown as ExerciseHooks).wysiwys.exerciseCancel(id), tabId);
}

export function toReport(session: ExtensionSession, reports: TabReport[]): Report {
  return { tool: { name: 'wysiwys-auditor', version: session.manifest.version }, reports };
}

export function failed(report: Report): boolean {
  return report.reports.some((r) => r.checks.some((c) => c.status === 'fail'));
}
