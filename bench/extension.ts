/**
 * Measures of the built extension in Chromium, launched as the CLI and the e2e tests launch it (src/cli/launch.ts,
 * host access for 127.0.0.1 granted at install): DOM change → updated verdict in the background, audits per
 * second under a mutation storm, audits in a hidden tab, long tasks on the page during its audits, popup first
 * render, and the sizes of what it injects and of the popup.
 *
 * How it observes, without touching the extension's code: a second chrome.runtime.onConnect listener installed in
 * the service worker (through the automation channel the tests use) sees every frame's port and records each
 * snapshot a content script sends (when it was gathered, how long the gather took, when it arrived); the verdict is
 * read from the worker's report hooks (globalThis.wysiwys.reports(), which re-evaluates nothing) every 2 ms.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { openTab } from '../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../src/cli/launch';
import { PORT_NAME } from '../src/shared/messages';
import type { BenchPages } from './server';
import { PAGE_IDS } from './pages';
import { manifestContentScripts, popupScripts, sizeOf, type BundleSize } from './sizes';
import { median, round, summarise, type Summary } from './stats';

interface SnapshotSeen {
  tabId: number;
  frameId: number;
  gatheredAt: number;
  gatherMs: number;
  receivedAt: number;
  /** What the port carried: the whole snapshot or a patch of n nodes. */
  kind: string;
}

/** What the change → verdict measure waits for in the tab's report. */
interface VerdictWanted {
  check: string;
  /** A finding carries this code (or, with `absent`, none does). */
  code?: string;
  absent?: boolean;
  status?: string;
  statusNot?: string;
}

export interface ChangeSample {
  change: 'code inserted' | 'cancel disabled';
  /** DOM change → the background's report reflects it. */
  ms: number;
  /** Parts: change → the content script's gather started; the gather; gather end → snapshot received; → verdict. */
  waitMs: number;
  gatherMs: number;
  handOverMs: number;
  backgroundMs: number;
}

export type ChangeParts = { waitMs: number; gatherMs: number; handOverMs: number; backgroundMs: number };

export interface ExtensionResult {
  chromium: string | null;
  changeToVerdict: {
    elements: number;
    samples: ChangeSample[];
    all: Summary;
    codeInserted: Summary;
    cancelDisabled: Summary;
    /** Changes whose verdict did not arrive within 10 s. */
    timeouts: ChangeSample['change'][];
    /** Medians of the parts over all samples. */
    parts: ChangeParts;
    /** Medians of the parts per kind of change: an element inserted is a whole gather, a button disabled a re-read. */
    partsByChange: Record<ChangeSample['change'], ChangeParts>;
  } | null;
  storm: { elements: number; seconds: number; audits: number; auditsPerSecond: number; gatherMs: Summary | null } | null;
  hiddenTab: { hidden: boolean; seconds: number; audits: number } | null;
  longTasks: {
    elements: number;
    audits: number;
    over50: number;
    longestMs: number;
    contentScriptGatherMs: Summary;
    /** Each task over 50 ms: which audit's window it fell in (0 = the first, during the page's load) and where. */
    over50Tasks: { audit: number; sinceGatherStartMs: number; durationMs: number }[];
  }[];
  popupFirstRenderMs: Summary | null;
  popupListSeenMs: Summary | null;
  sizes: { contentScripts: BundleSize; injectable: Record<string, BundleSize>; popupJs: BundleSize };
}

export interface ExtensionOptions {
  dist: string;
  pages: BenchPages;
  /** Page size of the change, storm and popup measures (the targets name 10k). */
  liveSize: number;
  /** Sizes for long tasks on the page during the extension's audits. */
  longTaskSizes: number[];
  changeReps: number;
  popupReps: number;
  stormSeconds: number;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The extension built from this checkout into a private directory (dist/ belongs to `npm run build`), for the
 * measures that need the current code; `given` (a --dist argument) is used as it is.
 */
export function benchDist(given: string | undefined, log: (line: string) => void, unminified = false): string {
  if (given) return path.resolve(given);
  // Unminified for the profilers (readable function names), in its own directory.
  const dist = path.join(os.tmpdir(), unminified ? 'dist-bench-unminified' : 'dist-bench');
  log(`Building the extension${unminified ? ' unminified' : ''} into ${dist} …`);
  const root = path.resolve(import.meta.dirname, '..');
  const args = ['vite', 'build', ...(unminified ? ['--minify', 'false'] : []), '--outDir', dist, '--emptyOutDir'];
  execFileSync('npx', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return dist;
}

/** Records every snapshot any frame sends (see the file comment). Idempotent. */
async function installSnapshotHook(worker: Worker): Promise<void> {
  await worker.evaluate((portName: string) => {
    const g = globalThis as unknown as { __benchSnapshots?: unknown[] };
    if (g.__benchSnapshots) return;
    const seen: unknown[] = [];
    g.__benchSnapshots = seen;
    chrome.runtime.onConnect.addListener((port) => {
      if (port.name !== portName) return;
      const tabId = port.sender?.tab?.id ?? -1;
      const frameId = port.sender?.frameId ?? 0;
      type Timing = { gatheredAt: number; gatherMs: number };
      type Message = { type?: string; snapshot?: Timing; patch?: { head: Timing; nodes: unknown[] }; head?: Timing; parts?: number };
      port.onMessage.addListener((m: Message) => {
        // The whole snapshot (at once, or its parts' end), or a patch of the nodes that changed
        // (src/shared/snapshot-patch.ts), with its timing.
        const timing =
          m?.type === 'snapshot'
            ? m.snapshot
            : m?.type === 'snapshot-patch'
              ? m.patch?.head
              : m?.type === 'snapshot-end'
                ? m.head
                : undefined;
        if (!timing) return;
        seen.push({
          tabId,
          frameId,
          gatheredAt: timing.gatheredAt,
          gatherMs: timing.gatherMs,
          receivedAt: Date.now(),
          kind:
            m.type === 'snapshot'
              ? 'whole'
              : m.type === 'snapshot-end'
                ? `whole in ${m.parts} parts`
                : `patch of ${m.patch?.nodes.length ?? 0} nodes`,
        });
      });
    });
  }, PORT_NAME);
}

const snapshotsOf = (worker: Worker, tabId: number, frameId = 0): Promise<SnapshotSeen[]> =>
  worker.evaluate(
    ([t, f]) =>
      ((globalThis as unknown as { __benchSnapshots: SnapshotSeen[] }).__benchSnapshots ?? []).filter(
        (s) => s.tabId === t && s.frameId === f,
      ),
    [tabId, frameId] as const,
  );

/** Resolves with the worker's Date.now() when the tab's report matches `wanted`, or -1 after `timeoutMs`. */
const verdictAt = (worker: Worker, tabId: number, wanted: VerdictWanted, timeoutMs: number): Promise<number> =>
  worker.evaluate(
    async ([t, w, timeout]) => {
      type Check = { id: string; status: string; findings: { evidence?: { code?: unknown } }[] };
      const hooks = (globalThis as unknown as { wysiwys: { reports(): Record<number, { checks: Check[] }> } }).wysiwys;
      // No named inner functions here: the runner would wrap them in a helper the worker does not have.
      const end = Date.now() + timeout;
      while (Date.now() < end) {
        const c: Check | undefined = hooks.reports()[t]?.checks.find((x) => x.id === w.check);
        if (
          c &&
          (w.status === undefined || c.status === w.status) &&
          (w.statusNot === undefined || c.status !== w.statusNot) &&
          (w.code === undefined || c.findings.some((f) => f.evidence?.code === w.code) !== !!w.absent)
        )
          return Date.now();
        await new Promise((r) => setTimeout(r, 2));
      }
      return -1;
    },
    [tabId, wanted, timeoutMs] as const,
  );

const statusOf = (worker: Worker, tabId: number, check: string): Promise<string | undefined> =>
  worker.evaluate(
    ([t, id]) =>
      (globalThis as unknown as { wysiwys: { reports(): Record<number, { checks: { id: string; status: string }[] }> } }).wysiwys
        .reports()
        [t]?.checks.find((c) => c.id === id)?.status,
    [tabId, check] as const,
  );

async function openAudited(session: ExtensionSession, url: string, timeoutMs = 120_000): Promise<{ page: Page; tabId: number }> {
  const { page, tabId } = await openTab(session);
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  const end = Date.now() + timeoutMs;
  while ((await snapshotsOf(session.worker, tabId)).length === 0) {
    if (Date.now() > end) throw new Error(`No snapshot from ${url} within ${timeoutMs} ms`);
    await sleep(100);
  }
  return { page, tabId };
}

/** Page-world mutations of the bench pages (the page changing itself, as a signing front end does). */
export const mutate = {
  insertCode: (page: Page, code: string) =>
    page.evaluate(
      ([ids, c]) => {
        const p = document.createElement('p');
        p.id = ids.code;
        p.style.cssText = 'font-size:36px;font-weight:700;letter-spacing:4px;margin:4px 0';
        p.textContent = c;
        document.getElementById(ids.codeSlot)!.replaceChildren(p);
        return Date.now();
      },
      [PAGE_IDS, code] as const,
    ),
  removeCode: (page: Page) =>
    page.evaluate((ids) => {
      document.getElementById(ids.codeSlot)!.replaceChildren();
      return Date.now();
    }, PAGE_IDS),
  cancelDisabled: (page: Page, disabled: boolean) =>
    page.evaluate(
      ([ids, d]) => {
        (document.getElementById(ids.cancel) as HTMLButtonElement).disabled = d;
        return Date.now();
      },
      [PAGE_IDS, disabled] as const,
    ),
};

async function changeToVerdict(session: ExtensionSession, options: ExtensionOptions): Promise<ExtensionResult['changeToVerdict']> {
  const { worker } = session;
  const { page, tabId } = await openAudited(session, options.pages.waiting(options.liveSize));
  await sleep(1500);
  const cancelBefore = await statusOf(worker, tabId, 'cancel');
  const samples: ChangeSample[] = [];
  const timeouts: ChangeSample['change'][] = [];
  /** Starts waiting in the worker, makes the change, and splits the time with the snapshot that carried it. */
  const timed = async (change: ChangeSample['change'], wanted: VerdictWanted, act: () => Promise<number>) => {
    const seen = verdictAt(worker, tabId, wanted, 10_000);
    await sleep(50); // the worker is polling before the page changes
    const changedAt = await act();
    const at = await seen;
    if (at < 0) {
      timeouts.push(change);
      return;
    }
    const snapshot = (await snapshotsOf(worker, tabId)).find((s) => s.gatheredAt >= changedAt && s.receivedAt <= at);
    samples.push({
      change,
      ms: at - changedAt,
      waitMs: snapshot ? snapshot.gatheredAt - changedAt : Number.NaN,
      gatherMs: snapshot?.gatherMs ?? Number.NaN,
      handOverMs: snapshot ? snapshot.receivedAt - snapshot.gatheredAt - snapshot.gatherMs : Number.NaN,
      backgroundMs: snapshot ? at - snapshot.receivedAt : Number.NaN,
    });
  };
  const settle = async (wanted: VerdictWanted, act: () => Promise<number>) => {
    const seen = verdictAt(worker, tabId, wanted, 10_000);
    await act();
    await seen;
  };
  // A change comes at any moment of the page's life, not just after an audit: rest 0.6–1.2 s before each.
  const rest = () => sleep(600 + Math.random() * 600);
  for (let i = 0; i < options.changeReps; i++) {
    // Leading zero: never one of the page's prices (1000–9999), so a finding with it is the inserted code.
    const code = `0${String(100 + ((i * 137) % 900))}`;
    await rest();
    await timed('code inserted', { check: 'control-code', code }, () => mutate.insertCode(page, code));
    await rest();
    await timed('cancel disabled', { check: 'cancel', statusNot: cancelBefore }, () => mutate.cancelDisabled(page, true));
    await rest();
    await settle({ check: 'cancel', status: cancelBefore }, () => mutate.cancelDisabled(page, false));
    await rest();
    await settle({ check: 'control-code', code, absent: true }, () => mutate.removeCode(page));
  }
  await page.close();
  const partsOf = (of: ChangeSample[]): ChangeParts => {
    const part = (k: keyof ChangeParts) => round(median(of.map((s) => s[k]).filter(Number.isFinite)));
    return { waitMs: part('waitMs'), gatherMs: part('gatherMs'), handOverMs: part('handOverMs'), backgroundMs: part('backgroundMs') };
  };
  const kind = (c: ChangeSample['change']) => samples.filter((s) => s.change === c);
  const of = (c: ChangeSample['change']) => summarise(kind(c).map((s) => s.ms));
  return {
    elements: options.liveSize,
    samples,
    all: summarise(samples.map((s) => s.ms)),
    codeInserted: of('code inserted'),
    cancelDisabled: of('cancel disabled'),
    timeouts,
    parts: partsOf(samples),
    partsByChange: { 'code inserted': partsOf(kind('code inserted')), 'cancel disabled': partsOf(kind('cancel disabled')) },
  };
}

async function storm(session: ExtensionSession, options: ExtensionOptions): Promise<ExtensionResult['storm']> {
  const { page, tabId } = await openAudited(session, options.pages.storm(options.liveSize));
  await sleep(1000);
  const from = Date.now();
  await sleep(options.stormSeconds * 1000);
  const to = Date.now();
  const during = (await snapshotsOf(session.worker, tabId)).filter((s) => s.gatheredAt >= from && s.gatheredAt < to);
  await page.close();
  return {
    elements: options.liveSize,
    seconds: options.stormSeconds,
    audits: during.length,
    auditsPerSecond: round(during.length / ((to - from) / 1000), 2),
    gatherMs: during.length ? summarise(during.map((s) => s.gatherMs)) : null,
  };
}

/** The storm page behind another tab of its window: does it still audit? */
async function hiddenTab(session: ExtensionSession, options: ExtensionOptions): Promise<ExtensionResult['hiddenTab']> {
  const { page, tabId } = await openAudited(session, options.pages.storm(options.liveSize));
  await sleep(1000);
  const windowId = await session.worker.evaluate(async (id: number) => (await chrome.tabs.get(id)).windowId, tabId);
  const other = await session.worker.evaluate(
    async (w: number) => (await chrome.tabs.create({ windowId: w, url: 'about:blank', active: true })).id ?? -1,
    windowId,
  );
  await sleep(500);
  // Headless Chromium keeps every tab visible (background tabs, minimised windows): then there is nothing to count.
  const hidden = (await page.evaluate(() => document.visibilityState)) === 'hidden';
  const from = Date.now();
  if (hidden) await sleep(options.stormSeconds * 1000);
  const audits = hidden ? (await snapshotsOf(session.worker, tabId)).filter((s) => s.gatheredAt >= from).length : Number.NaN;
  await session.worker.evaluate((id: number) => chrome.tabs.remove(id), other);
  await page.close();
  return { hidden, seconds: options.stormSeconds, audits };
}

/** Long tasks the page's own observer saw that overlap a content-script gather (its own timing, sent with the snapshot). */
async function longTasks(
  session: ExtensionSession,
  options: ExtensionOptions,
  elements: number,
): Promise<ExtensionResult['longTasks'][number]> {
  const { page, tabId } = await openAudited(session, options.pages.page(elements));
  await sleep(1500);
  // Three re-audits after small changes, on top of the first audit.
  for (let k = 0; k < 3; k++) {
    await page.evaluate(
      ([id, n]) => {
        document.getElementById(id)!.textContent = `4:5${n}.00`;
      },
      [PAGE_IDS.timer, k] as const,
    );
    await sleep(elements >= 50_000 ? 4000 : 1500);
  }
  const snapshots = await snapshotsOf(session.worker, tabId);
  const { origin, tasks } = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    tasks: (window as unknown as { __benchLongTasks?: { start: number; duration: number }[] }).__benchLongTasks ?? [],
  }));
  // From the gather's start to the background's receipt: the slices, the page's tasks between them (not ours, but
  // a long one there would be counted too), the hand-over and its serialisation all fall inside.
  const windows = snapshots.map((s) => ({ start: s.gatheredAt - origin, end: s.receivedAt - origin }));
  // Each task with the audit whose window it overlaps by more than the 1 ms the window's ends are rounded to
  // (Date.now): the page's frame that ends as the audit's first slice begins (the audit waits for it) is the
  // page's own. -1: none, not ours.
  const overlap = (t: { start: number; duration: number }, w: { start: number; end: number }) =>
    Math.min(t.start + t.duration, w.end + 1) - Math.max(t.start, w.start);
  const ours = tasks.map((t) => ({ ...t, audit: windows.findIndex((w) => overlap(t, w) > 1) })).filter((t) => t.audit >= 0);
  await page.close();
  return {
    elements,
    audits: snapshots.length,
    over50: ours.filter((t) => t.duration > 50).length,
    longestMs: round(Math.max(0, ...ours.map((t) => t.duration))),
    contentScriptGatherMs: summarise(snapshots.map((s) => s.gatherMs)),
    over50Tasks: ours
      .filter((t) => t.duration > 50)
      .map((t) => ({ audit: t.audit, sinceGatherStartMs: round(t.start - windows[t.audit].start), durationMs: round(t.duration) })),
  };
}

/** Records long tasks from the start of every page (page world; the content script's tasks run on the same thread). */
const LONG_TASK_OBSERVER = `(() => {
  const tasks = [];
  window.__benchLongTasks = tasks;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** Marks, in the popup, when its list of checks first exists and the frame after (its first render). */
const POPUP_RENDER_PROBE = `(() => {
  const look = () => {
    if (!document.querySelector('#checks li.check')) return false;
    const seen = performance.now();
    requestAnimationFrame(() => { window.__benchFirstRender = { seen, painted: performance.now() }; });
    return true;
  };
  const observer = new MutationObserver(() => { if (look()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function popupFirstRender(session: ExtensionSession, options: ExtensionOptions): Promise<{ seen: Summary; painted: Summary } | null> {
  const { page, tabId } = await openAudited(session, options.pages.page(options.liveSize));
  await sleep(1000);
  const seen: number[] = [];
  const painted: number[] = [];
  for (let i = 0; i < options.popupReps; i++) {
    const popup = await session.context.newPage();
    await popup.addInitScript(POPUP_RENDER_PROBE);
    await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
    const mark = (await (
      await popup.waitForFunction(() => (window as unknown as { __benchFirstRender?: unknown }).__benchFirstRender, undefined, {
        timeout: 15_000,
      })
    ).jsonValue()) as { seen: number; painted: number };
    seen.push(mark.seen);
    painted.push(mark.painted);
    await popup.close();
    // Each open asks the page for a fresh gather (audit-once, after the popup's first frame): a user opens the popup
    // once, so the next open waits until that gather (about 0.3 s of the 10k page) is over instead of racing it.
    await sleep(1500);
  }
  await page.close();
  return { seen: summarise(seen), painted: summarise(painted) };
}

export async function measureExtension(options: ExtensionOptions): Promise<ExtensionResult> {
  const session = await launchWithExtension({ dist: options.dist, hostPermissions: ['http://127.0.0.1/*'] });
  try {
    await installSnapshotHook(session.worker);
    await session.context.addInitScript(LONG_TASK_OBSERVER);
    const { log } = options;
    const registered = await session.worker.evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).flatMap((s) => s.js ?? []),
    );
    const contentEntries = [...new Set([...manifestContentScripts(options.dist), ...registered])];
    const injectable: Record<string, BundleSize> = {};
    for (const file of contentEntries) injectable[file] = sizeOf(options.dist, [file]);
    const sizes = {
      contentScripts: sizeOf(options.dist, contentEntries),
      injectable,
      popupJs: sizeOf(options.dist, popupScripts(options.dist, session.manifest.action.default_popup)),
    };
    log(`  content script ${sizes.contentScripts.gzip} B gzip (${contentEntries.join(', ')}); popup JS ${sizes.popupJs.gzip} B gzip`);

    const change = await changeToVerdict(session, options);
    log(
      `  change → verdict (${options.liveSize}): p50 ${change?.all.median} ms, p95 ${change?.all.p95} ms, ${change?.timeouts.length} timed out`,
    );
    const stormed = await storm(session, options);
    log(`  storm: ${stormed?.auditsPerSecond} audits/s`);
    const hidden = await hiddenTab(session, options);
    log(`  hidden tab: ${hidden?.hidden ? `${hidden.audits} audits in ${hidden.seconds} s` : 'could not hide the tab'}`);
    const tasks: ExtensionResult['longTasks'] = [];
    for (const n of options.longTaskSizes) {
      tasks.push(await longTasks(session, options, n));
      log(`  long tasks (${n}): ${tasks.at(-1)!.over50} over 50 ms, longest ${tasks.at(-1)!.longestMs} ms`);
    }
    const popup = await popupFirstRender(session, options);
    log(`  popup first render: ${popup?.painted.median} ms`);
    return {
      chromium: session.context.browser()?.version() ?? null,
      changeToVerdict: change,
      storm: stormed,
      hiddenTab: hidden,
      longTasks: tasks,
      popupFirstRenderMs: popup?.painted ?? null,
      popupListSeenMs: popup?.seen ?? null,
      sizes,
    };
  } finally {
    await session.close();
  }
}
