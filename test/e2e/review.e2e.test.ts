/**
 * The review page with the built extension: create a review, attach the audit results of the open tabs, set a
 * verdict and note, survive a reload, export JSON → delete → import the same review back, and export an HTML
 * report that holds no active content even when page text carried markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startDemo, type DemoServer } from '../../demo/server';
import { auditUrl } from '../../src/cli/audit';
import { chromiumPath } from '../../src/cli/chromium';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import { servePages } from './pages-server';

let demo: DemoServer;
let session: ExtensionSession;
let hostile: Awaited<ReturnType<typeof servePages>>;
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';

beforeAll(async () => {
  demo = await startDemo();
  hostile = await servePages({
    '/hostile.html': `<!doctype html><html lang="en"><body><h1>Sign ${HOSTILE.replace(/</g, '&lt;')}</h1>
      <p>Verification code</p><p style="font-size:36px">0041</p><p>Make sure the code matches the one in your Smart-ID app.</p>
      <button>Cancel ${HOSTILE.replace(/</g, '&lt;')}</button></body></html>`,
  });
  session = await launchWithExtension({ hostPermissions: ['<all_urls>'] });
});

afterAll(async () => {
  await session?.close();
  await demo?.close();
  await hostile?.close();
});

async function openReviewPage(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/src/review-page/index.html`);
  return page;
}

async function downloaded(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync((await download.path())!, 'utf8');
}

describe('review page', () => {
  it("keeps a review with automatic evidence and the reviewer's verdicts across reloads, and round-trips through JSON", async () => {
    const good = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    // The reviewer photographs the code (the popup's Picture button): it joins the review as evidence.
    const codeFinding = good.report.checks.find((c) => c.id === 'control-code')!.findings.find((f) => f.outcome === 'pass')!;
    await good.page.bringToFront();
    type Hooks = { wysiwys: { picture(tabId: number, frameId: number, target: unknown, checkId: string): Promise<unknown> } };
    await session.worker.evaluate(
      ([id, target]) => (globalThis as unknown as Hooks).wysiwys.picture(id as number, 0, target, 'control-code'),
      [good.tabId, codeFinding.target] as const,
    );
    await auditUrl(session, `${hostile.url}/hostile.html`, { viewport: { width: 1280, height: 900 }, keepOpen: true });
    const page = await openReviewPage();
    await page.click('#new-review');
    await page.fill('#review-name', 'Demo Lizingas review');
    await page.press('#review-name', 'Tab');
    await page.click('#attach');
    const code = page.locator('section[data-requirement="control-code"]');
    await expect.poll(() => code.getAttribute('data-verdict')).toBe('pass');
    await expect.poll(() => code.locator('.evidence li').count()).toBeGreaterThan(0);
    // The human has the last word.
    await page.locator('section[data-requirement="flow"] input[value="fail"]').check();
    await page.fill('textarea[data-note="flow"]', 'Returns to the start page after signing.');
    await page.press('textarea[data-note="flow"]', 'Tab');
    await expect.poll(() => page.locator('section[data-requirement="flow"]').getAttribute('data-verdict')).toBe('fail');
    // The note is written after the verdict (one storage write at a time): reload once it is stored, not before.
    await expect
      .poll(() => page.evaluate(async () => JSON.stringify(await chrome.storage.local.get('reviews'))))
      .toContain('Returns to the start page after signing.');

    await page.reload();
    await expect.poll(() => page.inputValue('#review-name')).toBe('Demo Lizingas review');
    expect(await page.locator('section[data-requirement="flow"]').getAttribute('data-verdict')).toBe('fail');
    expect(await page.inputValue('textarea[data-note="flow"]')).toBe('Returns to the start page after signing.');

    await expect.poll(() => code.locator('img.evidence-picture').count()).toBe(1);
    const json = await downloaded(page, '#export-json');
    const saved = JSON.parse(json);
    expect(saved).toMatchObject({ schema: 'wysiwys-review', version: 1, name: 'Demo Lizingas review' });
    expect(Object.values(saved.pictures)[0]).toMatch(/^data:image\/png;base64,/);
    // Delete it, then import the file: the same review comes back.
    page.once('dialog', (d) => d.accept());
    await page.click('ul.reviews li.current button.delete');
    await expect.poll(() => page.locator('ul.reviews li').count()).toBe(0);
    await page.setInputFiles('#import', { name: 'review.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await expect.poll(() => page.inputValue('#review-name')).toBe('Demo Lizingas review');
    expect(await page.locator('section[data-requirement="flow"]').getAttribute('data-verdict')).toBe('fail');

    // A malformed file gets a clear message and changes nothing.
    await page.setInputFiles('#import', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"schema": "wysiwys-review", '),
    });
    await expect.poll(() => page.locator('#message.error').textContent()).toMatch(/not JSON/i);
    expect(await page.locator('ul.reviews li').count()).toBe(1);

    // The HTML report: no active content, page text escaped, readable with JavaScript off.
    const html = await downloaded(page, '#export-html');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('src="data:image/png;base64,');
    const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
    const viewer = await (await plain.newContext({ javaScriptEnabled: false })).newPage();
    await viewer.setContent(html);
    expect(await viewer.locator('img[onerror], script, iframe, object, embed').count()).toBe(0);
    // No element carries an event-handler attribute or a javascript: URL.
    expect(
      await viewer.evaluate(
        () =>
          [...document.querySelectorAll('*')]
            .flatMap((e) => [...e.attributes])
            .filter((a) => /^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)).length,
      ),
    ).toBe(0);
    expect(await viewer.textContent('body')).toContain('Demo Lizingas review');
    await plain.close();
    await page.close();
  });
});
