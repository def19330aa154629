/**
 * The Tailwind CSS v4 demo pages, served by the demo server (which compiles their stylesheet on start), audited by
 * the engine in real Chromium without the extension or dist/. Tailwind v4's palette is oklch(), so these pages
 * make the audit read modern colour syntax: the stylesheet must really carry oklch() colours, the verdicts must be
 * the ones demo/pages.ts designs, and the code's contrast must agree with an independent conversion (culori).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, wcagContrast } from 'culori';
import { startDemo, SITE_ROOT, type DemoServer } from '../../demo/server';
import { demoPages } from '../../demo/pages';
import { TAILWIND_STYLESHEET_PATH } from '../../demo/tailwind';
import { buildEngineBundle } from '../support/engine-bundle';
import { launchHeadless } from '../support/chromium';
import type { TabReport } from '../../src/audit/types';

const VIEWPORT = { width: 1280, height: 900 };
// The demo pages that load the compiled Tailwind stylesheet, whatever their number.
const tailwindPages = demoPages.filter((p) =>
  readFileSync(path.join(SITE_ROOT, p.path), 'utf8').includes(`href="${TAILWIND_STYLESHEET_PATH}"`),
);

let demo: DemoServer;
let browser: Browser;
let page: Page;
let engine: string;

beforeAll(async () => {
  [demo, engine] = await Promise.all([startDemo(), buildEngineBundle()]);
  browser = await launchHeadless();
  page = await browser.newPage({ viewport: VIEWPORT });
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('Tailwind CSS v4 demo pages', () => {
  it('are listed in demo/pages.ts', () => {
    expect(tailwindPages.map((p) => p.path)).toContain('/sign-tailwind.html');
  });

  it('get a stylesheet compiled by the demo server, with oklch() colours', async () => {
    const res = await fetch(demo.siteUrl + TAILWIND_STYLESHEET_PATH);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    const css = await res.text();
    // Compiled, not the source: no directives left, and the utilities the pages use are there.
    expect(css).not.toMatch(/@import\s+["']tailwindcss["']|@source\b|@apply\b/);
    for (const selector of ['.text-slate-900', '.text-4xl', '.font-bold', '.bg-sky-600', '.bg-white'])
      expect(css).toContain(`${selector} {`);
    expect(css).toMatch(/--color-slate-900:\s*oklch\(/);
    expect(css).toMatch(/--color-sky-600:\s*oklch\(/);
  });

  for (const demoPage of tailwindPages) {
    it(`${demoPage.path} audits as designed: ${JSON.stringify(demoPage.expect)}`, async () => {
      await page.goto(demo.siteUrl + demoPage.path, { waitUntil: 'load' });
      await page.waitForTimeout(500);
      // The browser really resolves oklch() colours from the stylesheet (no rgb() fallback in between).
      const oklchColours = await page.evaluate(
        () => [...document.querySelectorAll('body *')].filter((el) => getComputedStyle(el).color.startsWith('oklch(')).length,
      );
      expect(oklchColours).toBeGreaterThan(10);

      await page.addScriptTag({ content: engine });
      const report = (await page.evaluate(() => window.__wysiwysAudit.audit())) as TabReport;
      const verdicts = Object.fromEntries(Object.keys(demoPage.expect).map((id) => [id, report.checks.find((c) => c.id === id)?.status]));
      const why = report.checks
        .filter((c) => c.id in demoPage.expect)
        .map((c) => `${c.id}: ${c.status}: ${c.summary}`)
        .join('\n');
      expect(verdicts, why).toEqual(demoPage.expect);
      const code = report.checks.find((c) => c.id === 'control-code')!;

      // The contrast the engine measured for the code equals culori's, from the colours Chromium computed.
      const finding = code.findings.find((f) => f.evidence.code !== undefined && f.evidence.contrast !== undefined);
      expect(finding, 'a finding for the code itself, with its contrast').toBeDefined();
      const colours = await page.evaluate((selector) => {
        const el = document.querySelector(selector);
        if (!el) return null;
        const backgrounds: string[] = [];
        for (let at: Element | null = el; at; at = at.parentElement) backgrounds.push(getComputedStyle(at).backgroundColor);
        return { color: getComputedStyle(el).color, backgrounds };
      }, finding!.target[0] as string);
      expect(colours, `target ${JSON.stringify(finding!.target)} resolves`).not.toBeNull();
      expect(colours!.color).toMatch(/^oklch\(/);
      const background = colours!.backgrounds.map((c) => parse(c)).find((c) => c && (c.alpha ?? 1) === 1) ?? parse('white');
      const expected = wcagContrast(parse(colours!.color)!, background!);
      expect(Number(finding!.evidence.contrast)).toBeCloseTo(expected, 1);
    });
  }
});
