/**
 * `npm run screenshots`: the README's pictures, taken from the demo site with the built extension (run
 * `npm run build` first), so they show what the extension shows today:
 *
 *   docs/screenshots/popup.png    the popup with a report (a page that fails a check, its findings expanded)
 *   docs/screenshots/panel.png    the on-page panel over the demo signing page
 *   docs/screenshots/review.png   the review page with the audit results attached
 *   docs/screenshots/report.png   the exported HTML review report
 *
 * Options: --dist <dir> (default dist/, or WYSIWYS_DIST), --out <dir> (default docs/screenshots).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { startDemo } from '../demo/server';
import { auditUrl } from '../src/cli/audit';
import { launchWithExtension, ROOT, type ExtensionSession } from '../src/cli/launch';

type PanelHooks = { wysiwys: { togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }> } };

/** The demo pages shown: one that passes (the panel's code in large digits) and one with a failing check. */
const PANEL_PAGE = 'sign-good.html';
const POPUP_PAGE = 'sign-no-cancel.html';
const VIEWPORT = { width: 1280, height: 800 };

async function extensionPage(session: ExtensionSession, file: string, viewport = VIEWPORT): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`chrome-extension://${session.extensionId}/${file}`);
  return page;
}

export async function takeScreenshots(options: { dist?: string; out?: string } = {}): Promise<string[]> {
  const out = path.resolve(options.out ?? path.join(ROOT, 'docs/screenshots'));
  mkdirSync(out, { recursive: true });
  const demo = await startDemo();
  const session = await launchWithExtension({ dist: options.dist, hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
  const written: string[] = [];
  const save = async (name: string, shot: Buffer) => {
    const file = path.join(out, name);
    writeFileSync(file, shot);
    written.push(file);
    console.log(`${path.relative(ROOT, file)}  ${(shot.length / 1024).toFixed(0)} KB`);
  };
  try {
    // The popup, for a tab whose page fails a check: the failing check expanded to show its findings.
    const audited = await auditUrl(session, `${demo.siteUrl}/${POPUP_PAGE}`, { viewport: VIEWPORT, keepOpen: true });
    const popup = await extensionPage(session, `${session.manifest.action.default_popup}?tabId=${audited.tabId}`, {
      width: 460,
      height: 600,
    });
    await popup.waitForSelector('#checks li.check');
    const failing = popup.locator('#checks li.check[data-status="fail"] > .row').first();
    if (await failing.count()) await failing.click();
    await popup.waitForTimeout(300);
    await save('popup.png', await popup.screenshot({ fullPage: true }));

    // The on-page panel over the signing page, as a screen share shows it.
    const signing = await auditUrl(session, `${demo.siteUrl}/${PANEL_PAGE}`, { viewport: VIEWPORT, keepOpen: true });
    await signing.page.bringToFront();
    await session.worker.evaluate((id) => (globalThis as unknown as PanelHooks).wysiwys.togglePanel(id, true), signing.tabId);
    await signing.page.locator('wysiwys-auditor-panel').waitFor({ state: 'attached', timeout: 10_000 });
    await signing.page.waitForTimeout(1500);
    await save('panel.png', await signing.page.screenshot());

    // The review page: a new review with both tabs' results attached.
    const review = await extensionPage(session, 'src/review-page/index.html', { width: 1100, height: 900 });
    await review.locator('#new-review').click();
    await review.getByLabel('Integrator', { exact: true }).fill('UAB Demo (demo site)');
    await review.locator('#attach').click();
    await review.waitForTimeout(800);
    await save('review.png', await review.screenshot());

    // The exported HTML report (the file a reviewer sends), opened as a file.
    const [download] = await Promise.all([review.waitForEvent('download'), review.locator('#export-html').click()]);
    const work = mkdtempSync(path.join(tmpdir(), 'wysiwys-shots-'));
    const reportFile = path.join(work, 'report.html');
    await download.saveAs(reportFile);
    const report = await session.context.newPage();
    await report.setViewportSize({ width: 1000, height: 1000 });
    await report.setContent(readFileSync(reportFile, 'utf8'), { waitUntil: 'load' });
    await save('report.png', await report.screenshot());
    rmSync(work, { recursive: true, force: true });
  } finally {
    await session.close();
    await demo.close();
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  takeScreenshots({ dist: option('--dist'), out: option('--out') }).catch((error) => {
    console.error(`npm run screenshots: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
