/**
 * An element the page made unreadable costs that element, not the frame: the gather counts it in
 * FrameSnapshot.unreadElements, walks on into its children (their selectors still resolve), and the report says the
 * snapshot is incomplete (frames[].unreadElements, the popup's and the CLI's line). The page here makes one element's
 * style read throw, the way a hostile page breaks a member the walk needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildEngineBundle } from '../support/engine-bundle';
import { launchHeadless } from '../support/chromium';
import type { FrameSnapshot, TabReport } from '../../src/audit/types';
import { tabReportView } from '../../src/view/report-view';
import { formatTabReport } from '../../src/cli/format';
import { english } from '../../src/review/strings';

let browser: Browser;
let page: Page;
let engine: string;

beforeAll(async () => {
  engine = await buildEngineBundle();
  browser = await launchHeadless();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

const PAGE = `<!doctype html><html lang="en"><body>
  <main>
    <div id="broken"><p>Control code</p><span class="code">4821</span><button type="button">Cancel</button></div>
    <p>Still read after it</p>
  </main></body></html>`;

async function gatherWithOneBrokenElement(): Promise<{ frame: FrameSnapshot; report: TabReport; resolved: string | null }> {
  await page.setContent(PAGE);
  await page.addScriptTag({ content: engine });
  return page.evaluate(async () => {
    window.__wysiwysAudit.breakStyleOf('broken');
    const [frame] = window.__wysiwysAudit.gather();
    const report = await window.__wysiwysAudit.audit();
    // The control-code check points at the code inside the unreadable element: its selector must still find it.
    const onCode = report.checks.flatMap((c) => c.findings).find((f) => f.evidence.element === '<span.code>');
    const resolved = onCode ? window.__wysiwysAudit.resolve(onCode.target) : null;
    return { frame, report, resolved };
  });
}

describe('gather recovery past an unreadable element', () => {
  it('counts the element, keeps its children with selectors that resolve, and the report carries the count', async () => {
    const { frame, report, resolved } = await gatherWithOneBrokenElement();
    expect(frame.unreadElements).toBe(1);
    // Only its place in the tree is kept: nothing read of it (attributes, layout) is trusted.
    const bare = frame.nodes.filter((n) => n.unread);
    expect(bare.map((n) => [n.tag, n.attrs, n.layout])).toEqual([['div', {}, undefined]]);
    expect(frame.nodes.find((n) => n.tag === 'button')?.parent).toBe(bare[0].i);
    expect(frame.nodes.find((n) => n.tag === 'button')?.name).toBe('Cancel');
    expect(frame.nodes.some((n) => n.text === '4821')).toBe(true);
    expect(frame.nodes.some((n) => n.text === 'Still read after it')).toBe(true);
    expect(resolved).toBe('span');
    expect(report.frames[0].unreadElements).toBe(1);
    expect(report.checks.every((c) => c.status !== 'error')).toBe(true);
  });

  it('says so where a person reads the report: the popup view and the CLI summary', async () => {
    const { report } = await gatherWithOneBrokenElement();
    expect(tabReportView(report).unread).toBe(english('report_unread', ['1']));
    expect(formatTabReport(report)).toContain(english('report_unread', ['1']));
  });

  it('says nothing when every element was read', async () => {
    await page.setContent(PAGE);
    await page.addScriptTag({ content: engine });
    const report = await page.evaluate(() => window.__wysiwysAudit.audit());
    expect(report.frames[0].unreadElements).toBeUndefined();
    expect(tabReportView(report).unread).toBeUndefined();
  });
});
