/**
 * Hostile pages (issue 10): the built extension audits 60+ generated pages that attack it — built-ins overridden or
 * throwing in the page's world, our field names on Object.prototype, DOM clobbering, 100k/300k elements, 5,000-deep
 * nesting, mutation storms, closed shadow roots 30 deep, srcdoc frames 10 deep, sandboxed / about:blank / data:
 * frames, strict CSP, reloads, redirects, SVG documents, <html> replaced, a blocked main thread, pushState storms,
 * 10k shadow roots, storage floods. For every page: a report arrives, no check errors, two runs agree, the ordinary
 * signing step most pages carry is judged as on a quiet page, the page's own DOM (frames and shadow roots included),
 * scroll, focus, selection and error count are what they are without the extension, and the panel and the evidence
 * outlines appear (as elements the page did not create, with a closed shadow root) and go away.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readReport } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { TabReport } from '../../src/audit/types';
import { hostilePages, type HostilePage } from './pages';
import { compareDom, domState, pageView, type FrameState, type PageView } from './probe';
import { serveHostile, type HostileServer } from './server';

/**
 * Pages the product does not handle yet, with the reason. They are skipped (the reason is printed); remove an
 * entry once its cause is fixed.
 */
const KNOWN_FAILING: Record<string, string> = {};

const VIEWPORT = { width: 1280, height: 900 };
/** Granted hosts (the extension audits them) and one that is not (the same page without the extension). */
const AUDITED = '127.0.0.1';
const DEEP = '127.0.0.2';
const ABSENT = '127.0.0.3';
const LIGHT_CONCURRENCY = 2;
/** polling judges a step shown 8 s without status checks: every run observes past that. */
const MIN_OBSERVE_MS = 9000;
const VISIT_LIMIT_MS = 150_000;
/** HOSTILE_ONLY=<regex>: run only the pages whose name matches (while fixing one). */
const ONLY = process.env.HOSTILE_ONLY ? new RegExp(process.env.HOSTILE_ONLY) : undefined;
/** HOSTILE_RUN_KNOWN=1: run the known-failing pages too (to check a fix). */
const RUN_KNOWN = process.env.HOSTILE_RUN_KNOWN === '1';
const selected = (p: HostilePage) => (RUN_KNOWN || !KNOWN_FAILING[p.name]) && (!ONLY || ONLY.test(p.name));

type Hooks = {
  wysiwys: {
    togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }>;
    showEvidence(tabId: number): number;
    setDeepInspection(tabId: number, url: string, enabled: boolean): Promise<unknown>;
  };
};

interface Visit {
  report?: TabReport;
  view: PageView;
  dom: FrameState[];
  panel?: { dom: FrameState[]; evidenceShown: number; evidence: FrameState[]; off: FrameState[]; view: PageView; viewOff: PageView };
}

interface Outcome {
  baseline: Visit;
  runs: [Visit, Visit];
  wallMs: number;
}

const pages = hostilePages();
let server: HostileServer;
let session: ExtensionSession;
const outcomes = new Map<string, Promise<Outcome>>();
const suiteStarted = Date.now();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hostOf = (p: HostilePage) => (p.deep ? DEEP : AUDITED);
const pathOf = (p: HostilePage) => `/p/${p.name}`;

/** What two runs must agree on: every check's status and the code the audit found. */
function verdictKey(report: TabReport): string {
  const code =
    report.checks
      .find((c) => c.id === 'control-code')
      ?.findings.map((f) => f.evidence.code)
      .find((c) => typeof c === 'string') ?? '';
  return `${report.checks.map((c) => `${c.id}:${c.status}`).join(' ')} code=${code}`;
}

async function tabIdFor(host: string, page: Page): Promise<number> {
  // A unique first URL finds the tab whatever the page later does to its own URL.
  const marker = server.url(host, `/__tab/${randomUUID()}`);
  await page.goto(marker);
  for (let i = 0; i < 100; i++) {
    const id = await session.worker.evaluate(async (u: string) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, marker);
    if (id >= 0) return id;
    await sleep(100);
  }
  throw new Error('no tab id');
}

async function open(p: HostilePage, host: string): Promise<{ page: Page; tabId?: number; loadedAt: number }> {
  const page = await session.context.newPage();
  await page.setViewportSize(VIEWPORT);
  const tabId = host === ABSENT ? undefined : await tabIdFor(host, page);
  await page.goto(server.url(host, p.startPath ?? pathOf(p)), { waitUntil: 'load', timeout: 90_000 });
  // Redirect chains: wait for the page itself.
  for (let i = 0; i < 200 && !new URL(page.url()).pathname.startsWith(pathOf(p)); i++) await sleep(100);
  expect(new URL(page.url()).pathname, 'the page arrived').toBe(pathOf(p));
  return { page, tabId, loadedAt: Date.now() };
}

/** The tab's report for this page, once its verdicts have been stable for 1.5 s. */
async function settledReport(p: HostilePage, tabId: number, loadedAt: number): Promise<TabReport> {
  const started = Date.now();
  let report: TabReport | undefined;
  let key = '';
  let since = Date.now();
  let firstSeen = 0;
  void loadedAt;
  while (Date.now() - started < 60_000) {
    await sleep(200);
    report = await readReport(session, tabId);
    // A report from this page's own snapshot (not the empty one a tab has before its first), observed long enough
    // after that first snapshot that checks which judge time (a step shown 8 s with no status checks) decide the
    // same in every run.
    const own = !!report && new URL(report.url).pathname === pathOf(p) && report.timing.nodes > 0;
    if (own && !firstSeen) firstSeen = Date.now();
    const fresh = own && Date.now() - firstSeen >= MIN_OBSERVE_MS;
    const k = fresh ? verdictKey(report!) + report!.frames.length : '';
    if (k !== key) {
      key = k;
      since = Date.now();
    } else if (fresh && Date.now() - since >= 1500) return report!;
  }
  throw new Error(`no settled report for ${p.name} within 60 s (last: ${report ? `${report.url} ${verdictKey(report)}` : 'none'})`);
}

const addedIn = (reference: FrameState[], now: FrameState[]) => compareDom(reference, now).added;

/**
 * The page's DOM; for a page that keeps re-making itself (reloads, replaced <html>), a read at rest: two reads in a
 * row that agree, so a half-parsed document is never compared.
 */
async function readDom(p: HostilePage, page: Page): Promise<FrameState[]> {
  let dom = await domState(page);
  if (!p.unstableView) return dom;
  for (let i = 0; i < 20; i++) {
    await sleep(100);
    const again = await domState(page);
    if (JSON.stringify(again) === JSON.stringify(dom)) return dom;
    dom = again;
  }
  return dom;
}

async function pollDom(p: HostilePage, page: Page, until: (dom: FrameState[]) => boolean, ms = 8000, atRest = true): Promise<FrameState[]> {
  const started = Date.now();
  const read = () => (atRest ? readDom(p, page) : domState(page));
  let dom = await read();
  while (!until(dom) && Date.now() - started < ms) {
    await sleep(atRest ? 250 : 50);
    dom = await read();
  }
  return dom;
}

/** One visit, bounded: a hang becomes a failure that names the step it hung in. */
async function visit(p: HostilePage, host: string, reference?: FrameState[]): Promise<Visit> {
  const stage = { now: 'open' };
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${p.name} on ${host}: no progress for ${VISIT_LIMIT_MS / 1000} s, stuck at: ${stage.now}`)),
      VISIT_LIMIT_MS,
    );
  });
  try {
    return await Promise.race([visitSteps(p, host, reference, stage), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function visitSteps(p: HostilePage, host: string, reference: FrameState[] | undefined, stage: { now: string }): Promise<Visit> {
  const { page, tabId, loadedAt } = await open(p, host);
  try {
    stage.now = 'report';
    const report = tabId === undefined ? undefined : await settledReport(p, tabId, loadedAt);
    const rest = (p.settleMs ?? 1200) - (Date.now() - loadedAt);
    if (rest > 0) await sleep(rest);
    stage.now = 'page view';
    const view = await pageView(page);
    stage.now = 'page DOM';
    const dom = await readDom(p, page);
    if (!reference || tabId === undefined) return { report, view, dom };

    stage.now = 'panel on';
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    const topAdded = (d: FrameState[]) => addedIn(reference, d).filter((a) => a.frame === 0).length;
    // On a page that reloads twice a second the panel lives a moment in each document: any read that shows it counts.
    const withPanel = await pollDom(
      p,
      page,
      (d) => topAdded(d) >= 1 && (!p.code || addedIn(reference, d).some((a) => a.child.text.replace(/\s/g, '').includes(p.code!))),
      8000,
      !p.unstableView,
    );
    stage.now = 'evidence';
    const showEvidence = () => session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.showEvidence(id), tabId);
    let evidenceShown = await showEvidence();
    // Pressed between two documents of a page that reloads twice a second, there is nothing to outline for that press:
    // press again, as a reviewer would, for up to 3 s (a stable page must outline on the first press).
    for (let tries = 0; p.unstableView && evidenceShown === 0 && tries < 15; tries++) {
      await sleep(200);
      evidenceShown = await showEvidence();
    }
    const evidence = evidenceShown > 0 ? await pollDom(p, page, (d) => addedIn(reference, d).length >= 2) : await readDom(p, page);
    const viewPanel = await pageView(page);
    stage.now = 'panel off';
    const before = Math.max(topAdded(withPanel), topAdded(evidence));
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, false), tabId);
    const off = await pollDom(p, page, (d) => topAdded(d) < before, 5000);
    const viewOff = await pageView(page);
    return { report, view, dom, panel: { dom: withPanel, evidenceShown, evidence, off, view: viewPanel, viewOff } };
  } finally {
    stage.now = 'close';
    // A page that never closes (busy renderer) must not hold the lane.
    await Promise.race([page.close().catch(() => undefined), sleep(10_000)]);
  }
}

async function examine(p: HostilePage): Promise<Outcome> {
  const started = Date.now();
  const baseline = await visit(p, ABSENT);
  const first = await visit(p, hostOf(p), baseline.dom);
  const second = await visit(p, hostOf(p));
  return { baseline, runs: [first, second], wallMs: Date.now() - started };
}

const gates = new Map<string, { resolve: (o: Outcome) => void; reject: (e: unknown) => void }>();

/** Every selected page's outcome, awaited by its own test; settled by `pool`. */
function promiseOutcomes(list: HostilePage[]): void {
  for (const p of list) {
    const outcome = new Promise<Outcome>((resolve, reject) => gates.set(p.name, { resolve, reject }));
    outcome.catch(() => undefined);
    outcomes.set(p.name, outcome);
  }
}

/** Examines the pages with at most `limit` at a time; resolves when all are done. */
function pool(list: HostilePage[], limit: number): Promise<unknown> {
  const queue = [...list];
  const worker = async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const gate = gates.get(p.name)!;
      const started = Date.now();
      await examine(p).then(gate.resolve, gate.reject);
      // Progress for people watching a long run (vitest prints results only at the end when not on a terminal).
      if (process.env.HOSTILE_PROGRESS)
        process.stderr.write(`hostile: ${p.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  };
  return Promise.all(Array.from({ length: limit }, worker));
}

beforeAll(async () => {
  server = await serveHostile(pages, [AUDITED, DEEP, ABSENT]);
  session = await launchWithExtension({ hostPermissions: [`http://${AUDITED}/*`, `http://${DEEP}/*`] });
  // Deep inspection for the deep host only (the setting is per host name).
  const page = await session.context.newPage();
  const tabId = await tabIdFor(DEEP, page);
  await session.worker.evaluate(
    ([id, url]) => (globalThis as unknown as Hooks).wysiwys.setDeepInspection(id as number, url as string, true),
    [tabId, server.url(DEEP, '/')] as const,
  );
  await page.close();
  const runnable = pages.filter(selected);
  // Giant and CPU-busy pages take the machine: one at a time, beside the others.
  promiseOutcomes(runnable);
  void pool(
    runnable.filter((p) => !p.heavy),
    LIGHT_CONCURRENCY,
  );
  void pool(
    runnable.filter((p) => p.heavy),
    1,
  );
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
  process.stdout.write(
    `hostile pages: ${pages.length} generated, ${Object.keys(KNOWN_FAILING).length} known failing, wall ${((Date.now() - suiteStarted) / 1000).toFixed(0)} s\n`,
  );
});

const sameView = (a: PageView, b: PageView) => ({
  scroll: a.scroll,
  active: a.active,
  selection: a.selection,
  errors: b.errors === 0 ? a.errors : 'page throws',
});
const viewOf = (v: PageView) => ({ scroll: v.scroll, active: v.active, selection: v.selection, errors: v.errors });

describe('hostile pages', () => {
  it('generates at least 60 pages with unique names, most with a signing step', () => {
    expect(pages.length).toBeGreaterThanOrEqual(60);
    expect(new Set(pages.map((p) => p.name)).size).toBe(pages.length);
    expect(pages.filter((p) => p.code).length).toBeGreaterThan(pages.length / 2);
  });

  for (const p of pages) {
    const known = KNOWN_FAILING[p.name];
    if (known && !RUN_KNOWN) {
      it.skip(`${p.name} — KNOWN FAILING: ${known}`, () => undefined);
      continue;
    }
    it.skipIf(!selected(p))(
      `${p.name}: ${p.what}`,
      async () => {
        const { baseline, runs } = await outcomes.get(p.name)!;
        const [first, second] = runs;
        for (const run of runs) {
          const report = run.report!;
          const errors = report.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.summary}`);
          expect(errors, 'no check errors').toEqual([]);
          if (p.code) {
            const code = report.checks.find((c) => c.id === 'control-code')!;
            expect(
              `${code.status} ${code.findings.find((f) => f.outcome === 'pass')?.evidence.code ?? ''}`,
              `control-code: ${code.summary} (frames: ${report.frames.map((f) => f.url).join(', ') || 'none'})`,
            ).toBe(`pass ${p.code}`);
            const cancel = report.checks.find((c) => c.id === 'cancel')!;
            expect(cancel.status, `cancel: ${cancel.summary}`).toBe('pass');
          }
        }
        expect(verdictKey(second.report!), 'two runs agree').toBe(verdictKey(first.report!));

        // The page's own DOM: as without the extension, before the panel, with it (only our hosts added), after it.
        const quiet = compareDom(baseline.dom, first.dom);
        expect(quiet.changed, 'page DOM unchanged').toEqual([]);
        expect(
          quiet.added.map((a) => a.child.html.slice(0, 200)),
          'nothing added while the panel is off',
        ).toEqual([]);
        const panel = first.panel!;
        for (const [when, dom] of [
          ['panel', panel.dom],
          ['evidence', panel.evidence],
          ['off', panel.off],
        ] as const) {
          if (when === 'panel' && p.unstableView) continue; // read in passing, maybe mid-reload: only the panel is looked for
          const diff = compareDom(baseline.dom, dom);
          expect(diff.changed, `page DOM unchanged (${when})`).toEqual([]);
          expect(
            diff.added.filter((a) => !a.child.closedEmpty).map((a) => a.child.html.slice(0, 200)),
            `only closed, empty hosts added (${when})`,
          ).toEqual([]);
        }
        const panelAdded = compareDom(baseline.dom, panel.dom).added;
        expect(panelAdded.filter((a) => a.frame === 0).length, 'the panel appears').toBeGreaterThanOrEqual(1);
        if (p.code)
          expect(
            panelAdded.some((a) => a.child.text.replace(/\s/g, '').includes(p.code!)),
            'the panel shows the code',
          ).toBe(true);
        if (p.code) expect(panel.evidenceShown, 'evidence to outline').toBeGreaterThan(0);
        // Outlines belong to one document (the panel, not they, comes back after a reload): not judged on pages that re-make themselves.
        if (panel.evidenceShown > 0 && !p.unstableView)
          expect(compareDom(baseline.dom, panel.evidence).added.length, 'the outlines appear').toBeGreaterThanOrEqual(2);
        const topAfter = compareDom(baseline.dom, panel.off).added.filter((a) => a.frame === 0).length;
        const topShown = Math.max(
          ...[panel.dom, panel.evidence].map((d) => compareDom(baseline.dom, d).added.filter((a) => a.frame === 0).length),
        );
        expect(topAfter, 'the panel goes away').toBeLessThan(topShown);

        // Scroll, focus, selection and the page's own errors.
        if (!p.unstableView) {
          const reference = viewOf(baseline.view);
          for (const [when, view] of [
            ['audited', first.view],
            ['panel', panel.view],
            ['panel off', panel.viewOff],
            ['second run', second.view],
          ] as const) {
            expect(sameView(view, baseline.view), `page state (${when})`).toEqual(sameView(reference as PageView, baseline.view));
          }
        }
        if (p.name === 'csp-strict')
          expect(server.cspReports.get(AUDITED) ?? 0, 'CSP reports caused').toBe(2 * (server.cspReports.get(ABSENT) ?? 0));
      },
      15 * 60_000,
    );
  }
});
