/**
 * Our gather under Chrome's CPU profiler (issue 12's optimisation loop), on the bench's contract page.
 *   npx tsx bench/profile-gather.ts [elements] [runs] [profile.cpuprofile]
 * Prints the gather's median ms, the self time per function (top 30) and the inclusive time (top 25) over all
 * profiled runs; writes the profile for DevTools. The sample interval is 100 µs.
 */
import { writeFileSync } from 'node:fs';
import { type CpuProfile, printProfile } from './cpu-profile';
import { openEnginePage } from './engine-page';

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
  printProfile(profile, runs);
} finally {
  await close();
}
process.exit(0);
