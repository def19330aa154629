/**
 * Benchmark: gather + evaluate timings on generated signing pages of growing size (up to 100,000 elements), in
 * real Chromium. Prints figures; asserts nothing (timings never go in unit tests).
 */
import { chromium } from 'playwright-core';
import { buildEngineBundle } from '../test/support/engine-bundle';
import { chromiumPath } from '../src/cli/chromium';
import type { TabReport, FrameSnapshot } from '../src/audit/types';

function page(elements: number): string {
  const rows: string[] = [];
  // Filler: nested divs with text, links and numbers, the way a long portal page looks.
  for (let i = 0; rows.length * 4 < elements; i++) {
    rows.push(
      `<div class="row r${i % 7}"><span>Item ${i} — ${1000 + (i % 9000)} EUR</span><a href="/x/${i}">Open</a><p>Note ${i}</p></div>`,
    );
  }
  return `<!doctype html><html lang="en"><body><main><h1>Sign the contract</h1><iframe src="/c.pdf" width="600" height="300"></iframe>
    <section><p>Verification code</p><p style="font-size:36px">0041</p><p>Make sure the code matches the one in the Smart-ID app.</p>
    <button>Cancel</button></section>${rows.join('')}</main></body></html>`;
}

const engine = await buildEngineBundle();
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
console.log('elements   gather ms   evaluate ms   snapshot KB   nodes kept   truncated   control-code');
for (const size of [1_000, 10_000, 30_000, 100_000]) {
  await tab.setContent(page(size));
  await tab.addScriptTag({ content: engine });
  const r = await tab.evaluate(async () => {
    const t0 = performance.now();
    const frames = window.__wysiwysAudit.gather() as FrameSnapshot[];
    const t1 = performance.now();
    const report = (await window.__wysiwysAudit.audit()) as TabReport; // gathers twice, then evaluates
    const t2 = performance.now();
    const gatherMs = t1 - t0;
    return {
      gatherMs,
      evaluateMs: t2 - t1 - 2 * gatherMs,
      kb: JSON.stringify(frames).length / 1024,
      nodes: frames[0].nodes.length,
      elements: frames[0].elementCount,
      truncated: !!frames[0].truncated,
      code: report.checks[0].status,
    };
  });
  console.log(
    `${String(r.elements).padStart(8)}   ${r.gatherMs.toFixed(0).padStart(9)}   ${r.evaluateMs.toFixed(0).padStart(11)}   ${r.kb.toFixed(0).padStart(11)}   ${String(r.nodes).padStart(10)}   ${String(r.truncated).padStart(9)}   ${r.code}`,
  );
}
await browser.close();

// The polling-series detector over a tab's whole network timeline (the recorder keeps up to 3,000 events).
{
  const { findPollingSeries } = await import('../src/audit/network/series');
  const T0 = 1_800_000_000_000;
  console.log('\nnetwork events   series found   findPollingSeries ms');
  for (const total of [1_000, 3_000, 10_000]) {
    const events = [];
    const sessions = 20;
    const perSession = Math.floor(total / 2 / sessions);
    for (let s = 0; s < sessions; s++) {
      for (let i = 0; i < perSession; i++) {
        const start = T0 + s * 37 + i * 3000;
        events.push({
          id: `s${s}-${i}`,
          kind: 'request' as const,
          method: 'GET',
          url: `https://shop.example.lt/api/signing/${(0xa0000000 + s * 7919).toString(16)}c0ffee/status.json?_=${i}`,
          type: 'xmlhttprequest',
          frameId: 0,
          start,
          end: start + 100,
          status: 200,
        });
      }
    }
    for (let i = events.length; i < total; i++)
      events.push({
        id: `a${i}`,
        kind: 'request' as const,
        method: 'GET',
        url: `https://shop.example.lt/assets/chunk-${i}.js`,
        type: 'script',
        frameId: 0,
        start: T0 + i * 13,
        end: T0 + i * 13 + 5,
        status: 200,
      });
    const t = performance.now();
    const series = findPollingSeries(events.reverse());
    console.log(
      `${String(total).padStart(14)}   ${String(series.length).padStart(12)}   ${(performance.now() - t).toFixed(1).padStart(20)}`,
    );
  }
}
