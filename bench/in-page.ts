/**
 * In-page measures, in plain Chromium without the extension: the bare walk, axe-core's axe.run, our gather, our
 * evaluate, our full audit as the extension runs it, and long tasks of the page's part of our audit. The measures
 * of one page are interleaved repetition by repetition (so a noisy neighbour slows all of them alike), each after
 * a small change of the page (as a live re-audit follows one); medians and p95 are reported.
 */
import { createRequire } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath, CLOSED_SHADOW_SHIM } from '../test/support/chromium';
import type { BenchApi } from './engine-entry';
import type { BenchPages } from './server';
import { round, summarise, type Summary } from './stats';

const root = path.resolve(import.meta.dirname, '..');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The bench's engine bundle (bench/engine-entry.ts as one IIFE), built like test/support/engine-bundle.ts. */
export async function buildBenchBundle(): Promise<string> {
  const outDir = path.join(root, 'node_modules/.cache', `wysiwys-bench-${process.pid}`);
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: path.join(root, 'bench/engine-entry.ts'), formats: ['iife'], name: '__wysiwysBenchModule', fileName: () => 'bench.js' },
    },
  });
  const code = readFileSync(path.join(outDir, 'bench.js'), 'utf8');
  rmSync(outDir, { recursive: true, force: true });
  return code;
}

export interface LongTasks {
  /** Tasks over 50 ms overlapping our content-script task, over `audits` audits. */
  over50: number;
  longestMs: number;
  audits: number;
  /** The same for one axe.run, for comparison (null when axe was not run on this page). */
  axeOver50: number | null;
  axeLongestMs: number | null;
}

/** Re-audits after one kind of page change, as the extension runs them (see InPageResult.textChange). */
export interface ChangeAudit {
  auditMs: Summary | null;
  regatherMs: number;
  keyAndCloneMs: number;
  backgroundMs: number;
  refused: string[];
}

/** One kind of change's re-audit in words, for the log. */
const changeText = (c: ChangeAudit) =>
  c.auditMs
    ? `${c.auditMs.median} ms (re-read ${c.regatherMs} ms)`
    : `— (${c.refused.length} refused: ${[...new Set(c.refused)].join(', ')})`;

export interface InPageResult {
  elements: number;
  /** Elements, text nodes and candidate text nodes the bare walk saw (shadow roots and the frame included). */
  walkedNodes: number;
  candidateTexts: number;
  bareMs: Summary;
  gatherMs: Summary;
  evaluateMs: Summary;
  fullAuditMs: Summary;
  /** Medians of the full audit's parts. */
  /** keyAndCloneMs: the hand-over (what changed since the last snapshot sent, cloned as the port does); the name predates the patch. */
  fullAuditParts: { gatherMs: number; keyAndCloneMs: number; backgroundMs: number };
  /** The background judging the same frames again (a network event, time passing), after a full audit. */
  judgeAgainMs: Summary;
  /**
   * The re-audit after a change of text alone (the page's timer ticked), as the extension runs it: the content
   * script's re-read of the elements around the text (from its last walk), the hand-over and the background's
   * evaluation; medians of the parts; `refused`: the re-reads that gave up (the whole gather then runs: fullAuditMs).
   */
  textChange: ChangeAudit;
  /** The same after elements were added or removed (the control code put into its slot, then taken out again). */
  shapeChange: ChangeAudit;
  axeMs: Summary | null;
  axeViolations: number | null;
  nodesKept: number;
  truncated: boolean;
  statuses: Record<string, string>;
  longTasks: LongTasks;
}

export interface InPageOptions {
  pages: BenchPages;
  sizes: number[];
  reps: number;
  /** axe.run repetitions per size (it is slow); 0 skips it. */
  axeReps: (elements: number) => number;
  axeTimeoutMs: number;
  log: (line: string) => void;
}

type Bench = BenchApi;
declare const axe: { run(context: Document): Promise<{ violations: unknown[] }> };

const call = <K extends keyof Bench>(page: Page, name: K, arg?: number): Promise<Awaited<ReturnType<Bench[K]>>> =>
  page.evaluate(([n, a]) => (window.__bench[n as K] as (x?: number) => unknown)(a as number | undefined), [name, arg] as const) as Promise<
    Awaited<ReturnType<Bench[K]>>
  >;

async function runAxe(page: Page, timeoutMs: number): Promise<{ ms: number; violations: number } | null> {
  const run = page.evaluate(async () => {
    const t0 = performance.now();
    const result = await axe.run(document);
    return { ms: performance.now() - t0, violations: result.violations.length };
  });
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), timeoutMs));
  return Promise.race([run, timeout]);
}

export async function measureInPage(options: InPageOptions): Promise<{ chromium: string; results: InPageResult[] }> {
  const bundle = await buildBenchBundle();
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  const version = browser.version();
  const results: InPageResult[] = [];
  try {
    for (const elements of options.sizes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(CLOSED_SHADOW_SHIM);
      const page = await context.newPage();
      page.setDefaultTimeout(options.axeTimeoutMs + 60_000);
      await page.goto(options.pages.page(elements), { waitUntil: 'load' });
      await page.addScriptTag({ content: bundle });
      const axeReps = options.axeReps(elements);
      if (axeReps) for (const frame of page.frames()) await frame.addScriptTag({ path: AXE_PATH });

      const bare: number[] = [];
      const gather: number[] = [];
      const evaluate: number[] = [];
      const full: number[] = [];
      const again: number[] = [];
      const parts = { gatherMs: [] as number[], keyAndCloneMs: [] as number[], backgroundMs: [] as number[] };
      const axeMs: number[] = [];
      let axeViolations: number | null = null;
      let axeTimedOut = false;
      // One unmeasured round: code compiled, caches as a live page has them.
      const walk = await call(page, 'bareWalk');
      const gathered = await call(page, 'gather');
      await call(page, 'evaluate');
      const first = await call(page, 'fullAudit');
      let touches = 0;
      for (let i = 0; i < options.reps; i++) {
        await call(page, 'touch', touches++);
        bare.push((await call(page, 'bareWalk')).ms);
        await call(page, 'touch', touches++);
        gather.push((await call(page, 'gather')).ms);
        await call(page, 'touch', touches++);
        evaluate.push((await call(page, 'evaluate')).ms);
        await call(page, 'touch', touches++);
        const f = await call(page, 'fullAudit');
        full.push(f.ms);
        again.push((await call(page, 'judgeAgain')).ms);
        parts.gatherMs.push(f.gatherMs);
        parts.keyAndCloneMs.push(f.keyAndCloneMs);
        parts.backgroundMs.push(f.backgroundMs);
        if (i < axeReps && !axeTimedOut) {
          await call(page, 'touch', touches++);
          const a = await runAxe(page, options.axeTimeoutMs);
          if (a) {
            axeMs.push(a.ms);
            axeViolations = a.violations;
          } else axeTimedOut = true;
        }
      }

      // A change of text alone (the timer ticks), then elements added or removed (the code shown, then taken away):
      // the extension re-reads around the change.
      const changeAudits = async (change: 'touch' | 'toggleCode'): Promise<ChangeAudit> => {
        const parts = { ms: [] as number[], regatherMs: [] as number[], keyAndCloneMs: [] as number[], backgroundMs: [] as number[] };
        const refused: string[] = [];
        await call(page, 'keepWalk');
        for (let i = 0; i < options.reps; i++) {
          await call(page, change, touches++);
          const t = await call(page, 'textChangeAudit');
          if (t.refused !== undefined || t.ms === undefined) {
            refused.push(t.refused ?? 'unknown');
            await call(page, 'keepWalk');
            continue;
          }
          parts.ms.push(t.ms);
          parts.regatherMs.push(t.regatherMs);
          parts.keyAndCloneMs.push(t.keyAndCloneMs);
          parts.backgroundMs.push(t.backgroundMs);
        }
        const median = (list: number[]) => (list.length ? summarise(list).median : Number.NaN);
        return {
          auditMs: parts.ms.length ? summarise(parts.ms) : null,
          regatherMs: median(parts.regatherMs),
          keyAndCloneMs: median(parts.keyAndCloneMs),
          backgroundMs: median(parts.backgroundMs),
          refused,
        };
      };
      const textChange = await changeAudits('touch');

      // Long tasks: the page's part of our audit as the content script runs it (gather in slices, then the hand-over).
      await call(page, 'watchLongTasks');
      const windows: { start: number; end: number }[] = [];
      const audits = 3;
      for (let k = 0; k < audits; k++) {
        await call(page, 'touch', touches++);
        windows.push(await call(page, 'contentScriptTask'));
        await page.waitForTimeout(100);
      }
      const tasks = await call(page, 'longTasks');
      const ours = tasks.filter((t) => windows.some((w) => t.start <= w.end && t.start + t.duration >= w.start));
      let axeOver50: number | null = null;
      let axeLongestMs: number | null = null;
      if (axeReps && !axeTimedOut) {
        await call(page, 'watchLongTasks');
        await runAxe(page, options.axeTimeoutMs);
        const axeTasks = await call(page, 'longTasks');
        axeOver50 = axeTasks.filter((t) => t.duration > 50).length;
        axeLongestMs = round(Math.max(0, ...axeTasks.map((t) => t.duration)));
      }

      // Last: after the code was put in and taken out above the contract, the page's own next frame lays out every box
      // below it again, which must not fall into the long-task windows of the audits measured above.
      const shapeChange = await changeAudits('toggleCode');

      const result: InPageResult = {
        elements: await page.evaluate(() => document.getElementsByTagName('*').length),
        walkedNodes: walk.nodes,
        candidateTexts: walk.candidates,
        bareMs: summarise(bare),
        gatherMs: summarise(gather),
        evaluateMs: summarise(evaluate),
        fullAuditMs: summarise(full),
        judgeAgainMs: summarise(again),
        fullAuditParts: {
          gatherMs: summarise(parts.gatherMs).median,
          keyAndCloneMs: summarise(parts.keyAndCloneMs).median,
          backgroundMs: summarise(parts.backgroundMs).median,
        },
        textChange,
        shapeChange,
        axeMs: axeMs.length ? summarise(axeMs) : null,
        axeViolations,
        nodesKept: gathered.nodes,
        truncated: gathered.truncated,
        statuses: first.statuses,
        longTasks: {
          over50: ours.filter((t) => t.duration > 50).length,
          longestMs: round(Math.max(0, ...ours.map((t) => t.duration))),
          audits,
          axeOver50,
          axeLongestMs,
        },
      };
      results.push(result);
      options.log(
        `  ${elements} elements: bare ${result.bareMs.median} ms, gather ${result.gatherMs.median} ms, evaluate ${result.evaluateMs.median} ms, full ${result.fullAuditMs.median} ms, after a text change ${changeText(result.textChange)}, after elements added or removed ${changeText(result.shapeChange)}, axe ${result.axeMs?.median ?? (axeTimedOut ? 'timed out' : '—')} ms`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { chromium: version, results };
}
