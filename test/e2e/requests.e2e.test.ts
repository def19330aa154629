/**
 * Zero requests: a whole review session with the built extension — audit, popup with every check open, panel on
 * with every check's evidence outlined, evidence pictures, official logos compared, review page with the results
 * attached, exports — makes no network request the page would not have made by itself.
 *
 * Two witnesses: the servers (the page's own host and a "third-party" logo host) count every request that reaches
 * them, and the browser reports every request of every page, extension page and the service worker (Playwright's
 * service-worker network events). The same page is first loaded in the same Chromium without the extension: what
 * the page asks for then is what it may ask for with the extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Page } from 'playwright-core';
import { auditUrl, readReport, type PageAudit } from '../../src/cli/audit';
import { chromiumPath } from '../../src/cli/chromium';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import { loadOfficialLogos } from '../support/official-logos';

// Requests of the extension's service worker reach the context's request events only with this set (Chromium).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

/** A solid PNG of w×h: a stand-in logo file. */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const image = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) image.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(image);
}

interface CountingServer {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** Serves fixed bodies and counts every request that reaches it, whatever its path. */
async function countingServer(host: string, bodies: Record<string, { type: string; body: string | Buffer }>): Promise<CountingServer> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    hits.push(pathname);
    const found = bodies[pathname];
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // Cacheable, as real logo files are: a cache must not be what keeps the extension quiet either.
    res.writeHead(200, { 'content-type': found.type, 'cache-control': 'max-age=600' }).end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let site: CountingServer;
let assets: CountingServer;
let session: ExtensionSession;
let audit: PageAudit;
const work = mkdtempSync(path.join(tmpdir(), 'wysiwys-requests-'));
/** What the page requested in Chromium without the extension (server paths; browser-seen URLs). */
const baseline = { site: [] as string[], assets: [] as string[], urls: new Set<string>() };
/** Every request the browser reported during the session with the extension, with who made it. */
const seen: { url: string; page?: Page }[] = [];

const smartPng = png(120, 40, [27, 138, 60]);
const mobilePng = png(120, 40, [107, 26, 138]);

function logoPage(assetsUrl: string): string {
  return `<!doctype html><html lang="en"><head><title>Sign</title><link rel="icon" href="data:,"></head>
  <body style="margin:40px;font:16px sans-serif">
    <h1>Confirm with Smart-ID</h1>
    <p><img src="/smart.png" width="120" height="40" alt="Smart-ID"></p>
    <!-- A logo drawn as a CSS background from another host, with the same file the page also shows as an image. -->
    <p><span role="img" aria-label="Mobile-ID" style="display:inline-block;width:120px;height:40px;background:url(${assetsUrl}/mobile.png) no-repeat;background-size:contain"></span></p>
    <p><span role="img" aria-label="Smart-ID" style="display:inline-block;width:120px;height:40px;background:url(/smart.png) no-repeat;background-size:contain"></span></p>
    <!-- Hidden logos: the page never loads their files, so neither may the auditor. -->
    <div style="display:none"><span role="img" aria-label="Smart-ID" style="display:inline-block;width:120px;height:40px;background-image:url(${assetsUrl}/hidden-logo.png)"></span></div>
    <span role="img" aria-label="Mobile-ID" hidden style="background-image:url(/never-shown.png)"></span>
    <p>Verification code</p>
    <div id="code" style="font-size:40px">0041</div>
    <p>Make sure the code matches the one in your Smart-ID app.</p>
    <button>Cancel</button>
  </body></html>`;
}

async function downloaded(page: Page, selector: string): Promise<void> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  await download.path();
}

const httpLike = (url: string) => /^(?:https?|wss?|ftp):/i.test(url);

beforeAll(async () => {
  assets = await countingServer('localhost', {
    '/mobile.png': { type: 'image/png', body: mobilePng },
    '/hidden-logo.png': { type: 'image/png', body: mobilePng },
  });
  site = await countingServer('127.0.0.1', {
    '/logos.html': { type: 'text/html; charset=utf-8', body: logoPage(assets.url) },
    '/smart.png': { type: 'image/png', body: smartPng },
    '/never-shown.png': { type: 'image/png', body: smartPng },
  });

  // The same page in the same Chromium, without the extension: what the page itself asks for.
  const plain = await chromium.launchPersistentContext(path.join(work, 'plain'), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-default-apps',
    ],
  });
  plain.on('request', (r) => baseline.urls.add(r.url()));
  const page = await plain.newPage();
  await page.goto(`${site.url}/logos.html`);
  await page.waitForTimeout(3000);
  await plain.close();
  baseline.site = [...site.hits];
  baseline.assets = [...assets.hits];
  site.hits.length = 0;
  assets.hits.length = 0;

  // <all_urls>: screenshots (pictures, logo comparison) need it, and the widest grant is the strictest test.
  session = await launchWithExtension({ hostPermissions: ['<all_urls>'] });
  session.context.on('request', (r) => {
    let page: Page | undefined;
    try {
      page = r.frame().page();
    } catch {
      /* a worker's request has no frame */
    }
    seen.push({ url: r.url(), page });
  });
}, 120_000);

afterAll(async () => {
  await session?.close();
  await site?.close();
  await assets?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the extension makes no request', () => {
  it('the page itself loads its shown logos, not the hidden ones (the baseline)', () => {
    expect(baseline.site).toContain('/smart.png');
    expect(baseline.assets).toContain('/mobile.png');
    expect(baseline.assets).not.toContain('/hidden-logo.png');
    expect(baseline.site).not.toContain('/never-shown.png');
  });

  it('through a whole session: audit, popup, panel and evidence, pictures, logo comparison, review page and exports', async () => {
    // Official logo files (a reviewer's files: read from disk, no request) so page logos are photographed and compared.
    await loadOfficialLogos(session, { name: 'Smart-ID.png', buffer: smartPng }, { name: 'Mobile-ID.png', buffer: mobilePng });

    audit = await auditUrl(session, `${site.url}/logos.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    const { page, tabId } = audit;
    await page.bringToFront();
    expect(audit.report.checks.find((c) => c.id === 'control-code')?.status).toBe('pass');
    // The logo comparison runs on screenshots of the tab in front, when a report arrives: the test (not the
    // extension) adds a line to the page so that one arrives now; then wait until the comparison is in the check.
    await page.evaluate(() =>
      document.body.append(Object.assign(document.createElement('p'), { textContent: 'Waiting for confirmation.' })),
    );
    await expect
      .poll(async () => JSON.stringify((await readReport(session, tabId))?.checks.find((c) => c.id === 'brand-logo')?.findings ?? []), {
        timeout: 15_000,
      })
      .toContain('logoHash');
    await page.waitForTimeout(1500); // the comparison photographs up to four logos, two a second

    type Hooks = {
      wysiwys: {
        togglePanel(tabId: number, show?: boolean): Promise<unknown>;
        showEvidence(tabId: number): number;
        picture(tabId: number, frameId: number, target: unknown, checkId?: string): Promise<unknown>;
      };
    };
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    expect(await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.showEvidence(id), tabId)).toBeGreaterThanOrEqual(
      1,
    );
    // Evidence pictures of every finding with a target.
    const report = (await readReport(session, tabId))!;
    for (const check of report.checks) {
      for (const f of check.findings.filter((x) => x.target.length).slice(0, 2)) {
        await session.worker.evaluate(
          ([id, target, checkId]) =>
            (globalThis as unknown as Hooks).wysiwys.picture(id as number, 0, target, checkId as string).catch(() => undefined),
          [tabId, f.target, check.id] as const,
        );
      }
    }

    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
    await popup.waitForSelector('#checks li.check');
    const closed = popup.locator('li.check button.row[aria-expanded="false"]');
    while (await closed.count()) await closed.first().click();
    await popup.locator('#timeline summary').click();
    await expect.poll(() => popup.locator('.finding').count()).toBeGreaterThan(3);
    await popup.waitForTimeout(500);
    await popup.close();

    const review = await session.context.newPage();
    await review.goto(`chrome-extension://${session.extensionId}/src/review-page/index.html`);
    await review.click('#new-review');
    await review.fill('#review-name', 'Requests review');
    await review.press('#review-name', 'Tab');
    await review.click('#attach');
    await expect.poll(() => review.locator('section[data-requirement="cancel"] .evidence li').count()).toBeGreaterThan(0);
    await downloaded(review, '#export-html');
    await downloaded(review, '#export-md');
    await downloaded(review, '#export-json');
    await review.close();
    // Let late re-audits (panel redraws, image decodes) happen before counting.
    await page.waitForTimeout(2000);

    // Nothing from an extension page or the service worker to the network (the audited tab's requests are the
    // page's own, including its navigation, which the CLI starts from about:blank like a user typing the address).
    const fromExtension = seen
      .filter((r) => httpLike(r.url) && r.page !== page)
      .map((r) => `${r.url} (${r.page?.url() ?? 'service worker'})`);
    expect(fromExtension).toEqual([]);
    // From the page's tab: only what the page asks for by itself.
    const fromPage = seen.filter((r) => httpLike(r.url) && r.page === page).map((r) => r.url);
    expect(fromPage.length).toBeGreaterThan(0);
    expect(fromPage.filter((u) => !baseline.urls.has(u))).toEqual([]);
    // And at the servers: the hidden logos were never fetched, and nothing was fetched more often than without us.
    expect(assets.hits).not.toContain('/hidden-logo.png');
    expect(site.hits).not.toContain('/never-shown.png');
    const count = (list: string[]) => list.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<string, number>());
    for (const [hits, base] of [
      [site.hits, baseline.site],
      [assets.hits, baseline.assets],
    ] as const) {
      const before = count(base);
      for (const [p, n] of count(hits)) expect(n, p).toBeLessThanOrEqual(before.get(p) ?? 0);
    }
  }, 180_000);
});
