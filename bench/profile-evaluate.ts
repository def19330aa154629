/**
 * Evaluate alone, in Node, on a saved snapshot of the bench's contract page (issue 12's optimisation loop).
 *   npx tsx bench/profile-evaluate.ts gather [elements] [file]   gathers the page in Chromium, saves the snapshot
 *   npx tsx bench/profile-evaluate.ts time [file] [runs]         per-rule evaluate ms (medians) and a verdict digest; each
 *                                                                  run reads the page's state first (pageStateOf), as the
 *                                                                  background does, and the rules reuse what it read
 *   KEPT=1 npx tsx bench/profile-evaluate.ts time …               every run a new page and frames, the same node objects
 *   PATCHED=1 npx tsx bench/profile-evaluate.ts time …            as the background after a re-read: every run each
 *                                                                  frame patched from the one before, one node sent
 *   CURVE=1 npx tsx bench/profile-evaluate.ts time …              also the first runs' times one by one (the warm-up)
 *   AS_PARSED=1 npx tsx bench/profile-evaluate.ts time …          the nodes in the shapes JSON gives them, not made
 *                                                                  uniform as the service worker makes them (uniform.ts)
 *   SHIFTED=1 npx tsx bench/profile-evaluate.ts time …            as the background after a code is inserted near the
 *                                                                  top and removed again: every later node moved
 *   npx esbuild bench/profile-evaluate.ts --bundle --platform=node --format=esm --external:playwright-core --external:vite
 *     --outfile=node_modules/.cache/profile-evaluate.mjs && node --cpu-prof node_modules/.cache/profile-evaluate.mjs time   under the CPU profiler
 * The digest (status, summary and findings count per rule) is written next to the snapshot so that two versions of
 * the engine can be compared on the same input: a speed-up must not change a verdict.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { auditPage, evaluatePage, pageStateOf, uniformFrame } from '../src/audit';
import { rules } from '../src/audit/rules';
import type { FrameSnapshot, PageSnapshot, Rule, SnapNode } from '../src/audit/types';
import { applyPatch, handOver, patchOf } from '../src/shared/snapshot-patch';
import { PAGE_IDS } from './pages';

/** The code's paragraph as the bench inserts it into the slot (36 px, about 50 px of height with its margins). */
const CODE_HEIGHT = 50;

/**
 * A node of the base renumbered as after an insertion (by > 0) or removal (by < 0) before it: its index and, from old
 * index `from` on, its parent's move by `by`; its box moves by `dy` when it starts below `below` (a fixed one stays).
 */
function moved(n: SnapNode, from: number, by: number, dy: number, below: number): SnapNode {
  const box = n.layout?.box;
  const layout = n.layout && box && box.y > below && !n.layout.fixed ? { ...n.layout, box: { ...box, y: box.y + dy } } : n.layout;
  return { ...n, i: n.i + by, parent: n.parent >= from ? n.parent + by : n.parent, ...(layout ? { layout } : {}) };
}

/** `frame` with a code paragraph as the slot's only child: every later node one place on, the boxes below it lower. */
function withCode(frame: FrameSnapshot, slot: number, code: string): FrameSnapshot {
  const at = slot + 1;
  const slotBox = frame.nodes[slot].layout?.box ?? { x: 0, y: 0, w: 600, h: 0 };
  const codeNode: SnapNode = {
    i: at,
    parent: slot,
    tag: 'p',
    nth: 1,
    attrs: { id: PAGE_IDS.code },
    text: code,
    layout: { box: { x: slotBox.x, y: slotBox.y + 4, w: 120, h: 42 }, fontSize: 36, fontWeight: 700, inViewport: true },
  };
  const after = frame.nodes.slice(at).map((n) => moved(n, at, 1, CODE_HEIGHT, slotBox.y));
  return { ...frame, nodes: [...frame.nodes.slice(0, at), codeNode, ...after] };
}

/** `frame` (made by withCode) without the code again. */
function withoutCode(frame: FrameSnapshot, slot: number): FrameSnapshot {
  const at = slot + 1;
  const below = (frame.nodes[slot].layout?.box.y ?? 0) + CODE_HEIGHT;
  const after = frame.nodes.slice(at + 1).map((n) => moved(n, at + 1, -1, -CODE_HEIGHT, below));
  return { ...frame, nodes: [...frame.nodes.slice(0, at), ...after] };
}

const [mode = 'time', ...args] = process.argv.slice(2);

async function gather(elements: number, file: string): Promise<void> {
  // Loaded here only: the timing mode runs without a browser (and can be bundled for the profiler).
  const { openEnginePage } = await import('./engine-page');
  const { page, close } = await openEnginePage(elements);
  try {
    const frames = (await page.evaluate(() => window.__wysiwysAudit.gather())) as FrameSnapshot[];
    const snapshot: PageSnapshot = { url: page.url(), frames };
    writeFileSync(file, JSON.stringify(snapshot));
    console.log(`${file}: ${frames.length} frames, ${frames.reduce((s, f) => s + f.nodes.length, 0)} nodes`);
  } finally {
    await close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;
/**
 * The clock: wall time, or with CPU=1 the process's CPU time (all its threads), which a loaded machine inflates
 * less than wall time when comparing two versions.
 */
const now = process.env.CPU
  ? () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    }
  : () => performance.now();

function time(file: string, runs: number): void {
  const json = readFileSync(file, 'utf8');
  // A fresh parse per run: every per-snapshot cache starts empty, as for a new gather. KEPT: the background after a
  // patch, which builds a new page and frame objects around the node objects it kept (their strings too).
  // Its nodes in one shape, as the service worker makes every snapshot it receives (uniform.ts); AS_PARSED=1: in the
  // shapes JSON gave them (the comparison that shows what that is worth).
  const received = (page: PageSnapshot): PageSnapshot => {
    if (!process.env.AS_PARSED) for (const f of page.frames) uniformFrame(f);
    return page;
  };
  const parsed = received(JSON.parse(json) as PageSnapshot);
  // PATCHED: as the background after a re-read, each frame patched from the one evaluated before (applyPatch) with one
  // text's node sent again (an equal copy, as the port delivers it): the readings of the subtrees it is not in carry.
  let frames = parsed.frames;
  let step = 0;
  const patched = (): FrameSnapshot[] =>
    (frames = frames.map((f) => {
      const { nodes, ...head } = f;
      const texts = nodes.filter((n) => n.text);
      const sent = texts[(step++ * 37) % texts.length];
      return applyPatch(f, { base: 0, head, count: nodes.length, nodes: [[sent.i, JSON.parse(JSON.stringify(sent))]] });
    }));
  // SHIFTED: as the background after a code is inserted near the top (and removed the next time): every later node
  // renumbered and its box moved, handed over and rebuilt as the extension does (handOver, then applyPatch).
  let inserted = false;
  const shifted = (): FrameSnapshot[] => {
    const code = inserted ? undefined : `0${100 + (step++ % 900)}`;
    inserted = !inserted;
    frames = frames.map((f) => {
      const slot = f.nodes.findIndex((n) => n.attrs.id === PAGE_IDS.codeSlot);
      if (slot < 0) return f;
      const next = code === undefined ? withoutCode(f, slot) : withCode(f, slot, code);
      const change = handOver(f, next);
      return change.kind === 'patch' ? applyPatch(f, patchOf(0, change, next.nodes.length)) : next;
    });
    return frames;
  };
  const fresh = (): PageSnapshot =>
    process.env.SHIFTED
      ? { ...parsed, frames: shifted(), now: 1_700_000_000_000 }
      : process.env.PATCHED
        ? { ...parsed, frames: patched(), now: 1_700_000_000_000 }
        : process.env.KEPT
          ? { ...parsed, frames: parsed.frames.map((f) => ({ ...f, nodes: f.nodes.slice() })), now: 1_700_000_000_000 }
          : { ...received(JSON.parse(json) as PageSnapshot), now: 1_700_000_000_000 };
  const perRule = new Map<string, number[]>(rules.map((r) => [r.meta.id, []]));
  let current: Map<string, number> = new Map();
  const timed: Rule[] = rules.map((rule) => ({
    ...rule,
    evaluate(page: PageSnapshot) {
      const t0 = now();
      try {
        return rule.evaluate(page);
      } finally {
        current.set(rule.meta.id, now() - t0);
      }
    },
  }));
  const totals: number[] = [];
  const audits: number[] = [];
  const states: number[] = [];
  let first = new Map<string, number>();
  let digest: Record<string, unknown> = {};
  for (let run = 0; run <= runs; run++) {
    current = new Map();
    const page = fresh();
    // As the background does: the page's state (the step, the signing intent) first, then the rules on the same page
    // object, which find the facts the state read already in the frames' models.
    const ts = now();
    pageStateOf(page, page.now!);
    const state = now() - ts;
    const t0 = now();
    const results = evaluatePage(page, timed);
    const total = now() - t0;
    const page2 = fresh();
    const t1 = now();
    auditPage(page2, page2.now);
    const audit = now() - t1;
    // Run 0 (the first audit in a fresh process: code not optimised, no text seen yet) is reported apart.
    if (run === 0) {
      first = new Map([...current, ['pageStateOf', state], ['evaluatePage', total], ['auditPage', audit]]);
      digest = Object.fromEntries(results.map((r) => [r.id, { status: r.status, summary: r.summary, findings: r.findings.length }]));
      continue;
    }
    totals.push(total);
    audits.push(audit);
    states.push(state);
    for (const [id, ms] of current) perRule.get(id)!.push(ms);
  }
  const line = (id: string, ms: number[]) =>
    console.log(`${id.padEnd(16)} ${String(round(first.get(id) ?? 0)).padStart(8)} ${String(round(median(ms))).padStart(8)}`);
  console.log(`${'ms'.padEnd(16)} ${'first'.padStart(8)} ${'median'.padStart(8)} (of ${runs} later runs)`);
  line('pageStateOf', states);
  for (const [id, ms] of perRule) line(id, ms);
  line('evaluatePage', totals);
  // The engine's warm-up: the first runs, one by one (the service worker's first judgements after a page loads).
  if (process.env.CURVE)
    console.log(`evaluatePage run by run: ${[first.get('evaluatePage') ?? 0, ...totals.slice(0, 11)].map(round).join(', ')}`);
  line('auditPage', audits);
  // A shifted run starts with the code shown: its verdicts are another page's.
  const digestFile = `${file.replace(/\.json$/, '')}${process.env.SHIFTED ? '.shifted' : ''}.digest.json`;
  const text = JSON.stringify(digest, null, 1);
  let previous: string | undefined;
  try {
    previous = readFileSync(digestFile, 'utf8');
  } catch {}
  if (previous === undefined || process.env.WRITE_DIGEST) {
    writeFileSync(digestFile, text);
    console.log(`verdict digest written to ${digestFile}`);
  } else console.log(previous === text ? 'verdicts: identical to the saved digest' : `verdicts DIFFER from ${digestFile}:\n${text}`);
}

if (mode === 'gather') await gather(Number(args[0] ?? 10_000), args[1] ?? '/tmp/perf12-snap-10k.json');
else time(args[0] ?? '/tmp/perf12-snap-10k.json', Number(args[1] ?? 10));
