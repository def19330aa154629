/**
 * What the long tasks during re-audits are made of (issue 12's "no task over 50 ms" target), from a Chrome trace:
 *   npx tsx bench/trace-long-tasks.ts [elements] [--plain] [--min <ms>] [--from-load] [--dist <built extension>]
 * Opens the bench's contract page (bench/pages.ts) with the built extension (or, with --plain, in a browser without
 * it, to see the page's own cost), makes the long-task measure's small changes (bench/extension.ts), and prints every
 * task of the page's main thread longer than --min ms (default 50): when it began after the change, its wall and
 * CPU time (a task whose CPU time is far below its wall time waited for a core), whether the extension's code ran in
 * it, and its parts: the page's frame (style, layout, paint), script, and the garbage collection and forced style and
 * layout that mostly run inside the script. --from-load traces from the navigation on (the page's load and the
 * first audit too), where by default the trace starts once the first audit is over.
 * Without --dist it builds the extension from this checkout (benchDist in bench/extension.ts, as `npm run bench`
 * does). Writes the trace to /tmp/long-tasks.trace.json for DevTools' Performance panel. Asserts nothing.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { openTab } from '../src/cli/audit';
import { benchDist } from './extension';
import { launchWithExtension } from '../src/cli/launch';
import { chromiumPath } from '../src/cli/chromium';
import { PAGE_IDS } from './pages';
import { serveBenchPages } from './server';

/** The fields of a trace event read here. */
interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const elements = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const plain = args.includes('--plain');
const minMs = Number(option('--min') ?? 50);
const fromLoad = args.includes('--from-load');
const traceFile = '/tmp/long-tasks.trace.json';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dist = plain ? '' : benchDist(option('--dist'), console.log);
const pages = await serveBenchPages([elements], []);
const browser = plain ? await chromium.launch({ executablePath: chromiumPath(), headless: true }) : null;
const session = plain ? null : await launchWithExtension({ dist, hostPermissions: ['http://127.0.0.1/*'] });
try {
  const context = browser ? await browser.newContext() : session!.context;
  const page = browser ? await context.newPage() : (await openTab(session!)).page;
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const startTracing = () =>
    cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing',
      transferMode: 'ReportEvents',
    });
  if (fromLoad) await startTracing();
  await page.goto(pages.page(elements), { waitUntil: 'load', timeout: 120_000 });
  // The first audit of a huge page takes seconds: the trace covers the re-audits after small changes (and with
  // --from-load the page's load and first audit too).
  await sleep(elements >= 50_000 ? 8000 : 3000);
  if (!fromLoad) await startTracing();
  for (let k = 0; k < 3; k++) {
    await page.evaluate(
      ([id, n]) => {
        performance.mark('bench-change');
        document.getElementById(id)!.textContent = `4:5${n}.00`;
      },
      [PAGE_IDS.timer, k] as const,
    );
    await sleep(elements >= 50_000 ? 4000 : 1500);
  }
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  writeFileSync(traceFile, JSON.stringify({ traceEvents: events }));
  report(events);
} finally {
  await session?.close();
  await browser?.close();
  await pages.close();
}

function report(events: TraceEvent[]): void {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const changes = events.filter((e) => e.name === 'bench-change').map((e) => e.ts);
  // The renderer's main thread that ran the changes (the page's, not the extension's own pages).
  const mark = events.find((e) => e.name === 'bench-change');
  const main = events.filter((e) => mark && e.pid === mark.pid && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const tasks = main.filter((e) => e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > minMs * 1000);
  const ms = (us: number) => Math.round(us / 100) / 10;
  console.log(
    `${elements} elements, ${plain ? 'plain browser' : 'with the extension'}: ${tasks.length} main-thread tasks over ${minMs} ms ` +
      `after ${changes.length} changes (trace: ${traceFile})`,
  );
  // Every collection on that thread while the changes were audited, long task or not: what the audits left to collect.
  for (const [label, name] of [
    ['young-generation scavenges', 'MinorGC'],
    ['major collections', 'MajorGC'],
  ]) {
    const pauses = main.filter((e) => e.ph === 'X' && e.name === name).map((e) => e.dur ?? 0);
    if (pauses.length)
      console.log(
        `  ${label}: ${pauses.length}, ${ms(pauses.reduce((a, b) => a + b, 0))} ms in all, longest ${ms(Math.max(...pauses))} ms`,
      );
  }
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const inside = main.filter((e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
    // Outermost events of a kind only: a scavenge inside a major GC, or a layout inside a frame, counts once.
    const outermost = (names: RegExp) => {
      const hits = inside.filter((e) => names.test(e.name));
      return hits.filter((e) => !hits.some((o) => o !== e && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0)));
    };
    const total = (list: TraceEvent[]) => list.reduce((sum, e) => sum + (e.dur ?? 0), 0);
    const scripts = outermost(/^(v8\.callFunction|FunctionCall|EvaluateScript|RunMicrotasks)$/);
    const inScript = (e: TraceEvent) => scripts.some((s) => s.ts <= e.ts && s.ts + (s.dur ?? 0) >= e.ts + (e.dur ?? 0));
    // The frame's style, layout and paint outside any script (inside one they are a forced read).
    const frame = total(outermost(/^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit)$/).filter((e) => !inScript(e)));
    const gc = total(outermost(/^(MinorGC|MajorGC|V8\.GCIncrementalMarking|V8\.GCFinalizeMC)$/));
    const forced = total(outermost(/^(UpdateLayoutTree|Layout)$/).filter(inScript));
    const script = total(scripts);
    const ours = inside.some((e) => e.args?.data?.url?.startsWith('chrome-extension://'));
    const since = changes.filter((c) => c <= task.ts).at(-1);
    console.log(
      `  ${ms(task.dur ?? 0)} ms wall, ${task.tdur === undefined ? '?' : ms(task.tdur)} ms CPU, ` +
        `${since === undefined ? 'before the first change' : `${ms(task.ts - since)} ms after a change`}` +
        `${ours ? ', extension code ran in it' : ''}: frame ${ms(frame)}, script ${ms(script)}, GC ${ms(gc)}, ` +
        `forced style/layout ${ms(forced)}`,
    );
  }
}
