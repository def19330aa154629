/**
 * The extension's service worker under Chrome's CPU profiler while the bench's 10k page changes (issue 12: after a
 * text or attribute change, the background's evaluation is most of the time to a verdict).
 *   npx tsx bench/profile-worker.ts [changes] [cancel|code] [profile.cpuprofile]
 * Builds the extension unminified (readable function names) into a private directory, opens the 10k waiting page,
 * waits for its first audit, then profiles `changes` changes of one kind — the cancel button disabled and enabled
 * again (a re-read), or the code inserted and removed (a whole gather) — a second apart, and prints the worker's self
 * and inclusive time per change. The worker is reached through a page's CDP session (Target.attachToTarget with
 * messages sent to the target: Playwright opens CDP sessions on pages and frames only).
 */
import { writeFileSync } from 'node:fs';
import { openTab } from '../src/cli/audit';
import { launchWithExtension } from '../src/cli/launch';
import { type CpuProfile, printProfile } from './cpu-profile';
import { benchDist, mutate } from './extension';
import { serveBenchPages } from './server';

const changes = Number(process.argv[2] ?? 10);
const kind = process.argv[3] === 'code' ? 'code' : 'cancel';
const file = process.argv[4] ?? '/tmp/worker.cpuprofile';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dist = benchDist(undefined, console.log, true);
const pages = await serveBenchPages([10_000], [10_000]);
const session = await launchWithExtension({ dist, hostPermissions: ['http://127.0.0.1/*'] });
try {
  const { page } = await openTab(session);
  const cdp = await session.context.newCDPSession(page);
  type TargetInfo = { targetId: string; type: string; url: string };
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(session.extensionId));
  if (!worker) throw new Error('The extension has no service worker running.');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  // Commands to the worker go inside Target.sendMessageToTarget; their answers come back as events.
  let lastId = 0;
  const answers = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) answers.get(message.id)?.(message.result);
  });
  const inWorker = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = ++lastId;
      answers.set(id, (result) => resolve(result as T));
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await inWorker('Profiler.enable');
  await inWorker('Profiler.setSamplingInterval', { interval: 200 });
  await page.goto(pages.waiting(10_000), { waitUntil: 'load' });
  await sleep(4000); // the first whole gather and its judgement, not profiled
  await inWorker('Profiler.start');
  for (let i = 0; i < changes; i++) {
    const on = i % 2 === 0;
    if (kind === 'code') await (on ? mutate.insertCode(page, `0${100 + i}`) : mutate.removeCode(page));
    else await mutate.cancelDisabled(page, on);
    await sleep(1000);
  }
  const { profile } = await inWorker<{ profile: CpuProfile }>('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  console.log(`service worker, ${changes} changes (${kind === 'code' ? 'code inserted / removed' : 'cancel disabled / enabled'}): ${file}`);
  printProfile(profile, changes, 30, 40, 'change');
} finally {
  await session.close();
  await pages.close();
}
process.exit(0);
