/**
 * Evidence pictures and official-logo comparison, with the built extension in Chromium. Screenshots need the
 * `<all_urls>` grant (or activeTab), so this suite launches its own browser with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditUrl, readReport, tabIdOf } from '../../src/cli/audit';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import { OFFICIAL_LOGOS_KEY } from '../../src/shared/messages';
import { servePages } from './pages-server';
import { loadOfficialLogos } from '../support/official-logos';

let session: ExtensionSession;
let server: Awaited<ReturnType<typeof servePages>>;
let smartPng: Buffer;
let otherPng: Buffer;

type Hooks = {
  wysiwys: { picture(tabId: number, frameId: number, target: unknown): Promise<{ dataUrl: string; rect: { w: number; h: number } }> };
};

/** Pixel colour at the centre of an image data URL, decoded by Chromium itself. */
async function centrePixel(page: Page, dataUrl: string): Promise<{ w: number; h: number; rgb: number[] }> {
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(Math.floor(c.width / 2), Math.floor(c.height / 2), 1, 1).data;
    return { w: c.width, h: c.height, rgb: [d[0], d[1], d[2]] };
  }, dataUrl);
}

beforeAll(async () => {
  session = await launchWithExtension({ hostPermissions: ['<all_urls>'] });
  // Two logo pictures rendered by Chromium: a green "Smart-ID" plate and a different purple pattern.
  const painter = await session.context.newPage();
  await painter.setContent(`<div id="a" style="width:120px;height:40px;background:#1b8a3c;color:#fff;font:bold 18px sans-serif;display:flex;align-items:center;justify-content:center">Smart-ID</div>
    <div id="b" style="width:120px;height:40px;background:linear-gradient(90deg,#fff,#6b1a8a 50%,#fff);"></div>`);
  smartPng = await painter.locator('#a').screenshot();
  otherPng = await painter.locator('#b').screenshot();
  await painter.close();
  server = await servePages({
    '/box.html': `<!doctype html><html lang="en"><body style="margin:40px"><p>Verification code</p>
      <div id="code" style="font-size:40px;background:rgb(200,30,30);color:#fff;width:200px">0041</div>
      <p>Make sure the code matches the one in your Smart-ID app.</p><button>Cancel</button></body></html>`,
    '/methods.html': `<!doctype html><html lang="en"><body style="margin:40px;font:16px sans-serif"><h1>Choose how to sign</h1>
      <div style="display:flex;gap:40px">
        <button style="padding:16px"><img src="/smart.png" width="120" height="40" alt="Smart-ID"><br><br>Sign with Smart-ID</button>
        <button style="padding:16px"><img src="/mobile.png" width="120" height="40" alt="Mobile-ID"><br><br>Sign with Mobile-ID</button>
      </div></body></html>`,
  });
  // The inline server serves HTML only: register the PNGs with a tiny route on the page level instead.
  await session.context.route(`${server.url}/*.png`, (route) =>
    route.fulfill({ contentType: 'image/png', body: route.request().url().endsWith('/smart.png') ? smartPng : otherPng }),
  );
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('evidence pictures', () => {
  it('crops a screenshot of the visible tab to the element, scaled for the device pixel ratio', async () => {
    const { report, tabId, page } = await auditUrl(session, `${server.url}/box.html`, {
      viewport: { width: 1280, height: 900 },
      keepOpen: true,
    });
    const finding = report.checks.find((c) => c.id === 'control-code')!.findings.find((f) => f.outcome === 'pass')!;
    await page.bringToFront();
    const picture = await session.worker.evaluate(
      ([id, target]) => (globalThis as unknown as Hooks).wysiwys.picture(id as number, 0, target),
      [tabId, finding.target] as const,
    );
    const box = finding.evidence.box as { w: number; h: number };
    const dpr = await page.evaluate(() => devicePixelRatio);
    const decoded = await centrePixel(page, picture.dataUrl);
    // The element plus 6 px of padding on each side, in device pixels.
    expect(decoded.w).toBeCloseTo((box.w + 12) * dpr, -1);
    expect(decoded.h).toBeCloseTo((box.h + 12) * dpr, -1);
    const [r, g, b] = decoded.rgb;
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(120);
    expect(b).toBeLessThan(120);
    await page.close();
  });

  it('says so instead of guessing when the audited tab is not in front', async () => {
    const { report, tabId, page } = await auditUrl(session, `${server.url}/box.html`, {
      viewport: { width: 1280, height: 900 },
      keepOpen: true,
    });
    const other = await session.context.newPage();
    await other.bringToFront();
    const finding = report.checks.find((c) => c.id === 'control-code')!.findings[0];
    const error = await session.worker.evaluate(
      ([id, target]) =>
        (globalThis as unknown as Hooks).wysiwys.picture(id as number, 0, target).then(
          () => '',
          (e: Error) => e.message,
        ),
      [tabId, finding.target] as const,
    );
    expect(error).toMatch(/bring the audited tab to the front/);
    await other.close();
    await page.close();
  });
});

describe('official logo comparison', () => {
  it('marks a logo that differs from the loaded official file as needs review, with both pictures', async () => {
    // A reviewer loads the official files on the options page: the same Smart-ID plate for both brands,
    // so the page's Smart-ID logo matches and its Mobile-ID logo does not.
    await loadOfficialLogos(session, { name: 'Smart-ID_login_btn.png', buffer: smartPng }, { name: 'Mobile-ID.png', buffer: smartPng });
    const stored = await session.worker.evaluate((key) => chrome.storage.local.get(key), OFFICIAL_LOGOS_KEY);
    expect((stored[OFFICIAL_LOGOS_KEY] as unknown[]).length).toBe(2);

    const page = await session.context.newPage();
    await page.goto(`${server.url}/methods.html`);
    await page.bringToFront();
    const tabId = await tabIdOf(session, page);
    await expect
      .poll(async () => (await readReport(session, tabId))?.checks.find((c) => c.id === 'brand-logo')?.status, { timeout: 15_000 })
      .toBe('review');
    const check = (await readReport(session, tabId))!.checks.find((c) => c.id === 'brand-logo')!;
    const smart = check.findings.find((f) => f.evidence.brandId === 'smart-id')!;
    const mobile = check.findings.find((f) => f.evidence.brandId === 'mobile-id')!;
    expect(smart.outcome).toBe('pass');
    expect(smart.evidence.hashDistance as number).toBeLessThanOrEqual(12);
    expect(mobile.outcome).toBe('review');
    expect(mobile.evidence.hashDistance as number).toBeGreaterThan(12);
    expect(String(mobile.evidence.picture)).toMatch(/^data:image\/png;base64,/);
    expect(String(mobile.evidence.officialPicture)).toMatch(/^data:image\/png;base64,/);
    await page.close();
  });
});
