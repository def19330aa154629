/**
 * A tab's report follows the page the tab shows, whatever order the background finishes its work in: the old page's
 * snapshot, sent just before the tab went on, must not land after the new page's and leave the report on a page
 * that is gone (seen in the hostile suite under load: the first snapshot of a tab waits for storage, the next one
 * did not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport, tabIdOf } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { TabReport } from '../../src/audit/types';
import { servePages } from './pages-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const step = (code: string) => `<!doctype html><html lang="en"><body><main><h1>Sign the contract</h1>
  <section><p>Verification code</p><p style="font-size:40px">${code}</p>
  <p>Make sure the code matches the one in your Smart-ID app.</p><button>Cancel</button></section></main></body></html>`;

let session: ExtensionSession;
let server: Awaited<ReturnType<typeof servePages>>;

beforeAll(async () => {
  server = await servePages({ '/old.html': step('4821'), '/new.html': step('7310') });
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const codeOf = (r: TabReport | undefined) =>
  r?.checks
    .find((c) => c.id === 'control-code')
    ?.findings.map((f) => f.evidence.code)
    .find((c) => typeof c === 'string');

describe('the order of a tab’s snapshots', () => {
  it('keeps the report on the new page when the old page’s snapshot is still waiting for storage as the new one arrives', async () => {
    // Storage answers slowly (as under load): the tab's first snapshot waits 1.5 s before it is judged.
    await session.worker.evaluate(() => {
      const area = chrome.storage.session as unknown as { get: (...a: unknown[]) => unknown; __slowGet?: unknown };
      const get = area.get.bind(area);
      area.__slowGet = get;
      area.get = (...args: unknown[]) => {
        const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (x: unknown) => void) : undefined;
        const answer = new Promise((resolve) => setTimeout(resolve, 1500)).then(() => get(...args));
        if (!callback) return answer;
        void answer.then(callback);
        return undefined;
      };
    });
    try {
      const page = await session.context.newPage();
      await page.goto(`${server.url}/old.html`, { waitUntil: 'load' });
      const tabId = await tabIdOf(session, page);
      // The old page has sent its snapshot (the background holds it, waiting for storage) when the tab goes on.
      await sleep(500);
      await page.goto(`${server.url}/new.html`, { waitUntil: 'load' });
      let report: TabReport | undefined;
      const started = Date.now();
      while (Date.now() - started < 6000) {
        await sleep(200);
        report = await readReport(session, tabId);
      }
      expect(report?.url, 'the report is of the page the tab shows').toBe(`${server.url}/new.html`);
      expect(codeOf(report)).toBe('7310');
      expect(report?.frames.map((f) => f.url)).toEqual([`${server.url}/new.html`]);
      await page.close();
    } finally {
      await session.worker.evaluate(() => {
        const area = chrome.storage.session as unknown as { get: unknown; __slowGet?: unknown };
        if (area.__slowGet) area.get = area.__slowGet;
      });
    }
  });
});
