/**
 * Our gather under Chrome's CPU profiler (issue 12's optimisation loop), on the bench's contract page.
 *   npx tsx bench/profile-gather.ts [elements] [runs] [profile.cpuprofile]
 * Prints the gather's median ms, the self time per function (top 30) and the inclusive time (top 25) over all
 * profiled runs; writes the profile for DevTools. The sample interval is 100 µs.
 */
import { writeFileSync } from 'node:fs';
import { openEnginePage } from './engine-page';

/** What CDP's Profiler.stop returns (the fields read here). */
interface CpuProfile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

const [elements = 10_000, runs = 8] = process.argv.slice(2, 4).map(Number);
const file = process.argv[4] ?? '/tmp/gather.cpuprofile';
const { page, context, close } = await openEnginePage(elements);
try {
  const gatherOnce = () =>
    page.evaluate(() => {
      // A small change first, as between two audits of a live page: style and layout become dirty.
      document.body.dataset.benchTouch = String(Math.random());
      const t0 = performance.now();
      window.__wysiwysAudit.gather();
      return performance.now() - t0;
    });
  for (let i = 0; i < 3; i++) await gatherOnce();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await gatherOnce());
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  writeFileSync(file, JSON.stringify(profile));
  times.sort((a, b) => a - b);
  console.log(`gather ${elements}: median ${times[times.length >> 1].toFixed(1)} ms over ${runs} runs`);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  /** A profile node as "function file:line" (the same function from every call site is one entry). */
  const frameKey = (id: number) => {
    const cf = byId.get(id)!.callFrame;
    return `${cf.functionName || '(anon)'} ${cf.url ? cf.url.split('/').pop() : ''}:${cf.lineNumber + 1}`;
  };
  profile.samples.forEach((id, k) => {
    const key = frameKey(id);
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  // Total (inclusive) time per function too: the phases of the walk (readVisualTexts, scanSecrets, …).
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parentOf.get(n)) {
      const key = frameKey(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
    }
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(ms / runs).toFixed(1).padStart(8)} ms/run ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  console.log('\ninclusive (top 25):');
  for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(ms / runs).toFixed(1).padStart(8)} ms/run  ${k}`);
} finally {
  await close();
}
process.exit(0);
