/** Real gathered snapshots for tests of single checks: a page loaded in Chromium and read by the engine's gather. */
import type { Browser, Page } from 'playwright-core';
import { buildEngineBundle } from './engine-bundle';
import { launchHeadless } from './chromium';
import { openCase } from './fixtures';
import type { FrameSnapshot, PageSnapshot } from '../../src/audit/types';

export class GatheredPages {
  private browser?: Browser;
  private page?: Page;
  private engine = '';

  async start(): Promise<void> {
    this.engine = await buildEngineBundle();
    this.browser = await launchHeadless();
    this.page = await this.browser.newPage();
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }

  /** `html` as the body of a page in `lang`, gathered (every same-origin frame) into a page snapshot. */
  async snapshot(html: string, lang = 'en', viewport = { width: 1280, height: 900 }): Promise<PageSnapshot> {
    const page = this.page!;
    await openCase(page, { id: 'check', html, lang, viewport, wait: 0 }, this.engine);
    const frames = (await page.evaluate(() => window.__wysiwysAudit.gather())) as FrameSnapshot[];
    return { url: page.url(), frames };
  }
}
