/**
 * HTML inside an svg <foreignObject> is laid out and painted like the page's own: the walk goes down to it (through
 * <g> and the like) and judges it, in SVG documents (image/svg+xml, whose language is said with xml:lang) and in
 * HTML pages alike, while the svg's own shapes and <text> stay read with the svg. Pattern: diagram and label
 * renderers that put HTML in a foreignObject (jgraph/drawio mxSvgCanvas2D.js, dagre-d3 addHtmlLabel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildEngineBundle } from '../support/engine-bundle';
import { launchHeadless } from '../support/chromium';
import type { FrameSnapshot, TabReport } from '../../src/audit/types';

let browser: Browser;
let page: Page;
let engine: string;

beforeAll(async () => {
  engine = await buildEngineBundle();
  browser = await launchHeadless();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
});

const LT_STEP =
  '<h2>Patvirtinkite Smart-ID programėlėje</h2><p>Kontrolinis kodas</p><p class="code" style="font-size:36px;font-weight:700">6038</p>' +
  '<p>Įsitikinkite, kad kontrolinis kodas sutampa su kodu jūsų telefone, ir tik tada įveskite PIN2.</p><button type="button">Atšaukti</button>';

/** Loads a document, injects the engine (as an expression: an SVG document runs no HTML <script> we add), gathers and audits. */
async function gatherAndAudit(url: string): Promise<{ frame: FrameSnapshot; report: TabReport }> {
  await page.goto(url);
  await page.evaluate(engine);
  return page.evaluate(async () => ({ frame: window.__wysiwysAudit.gatherTop(), report: await window.__wysiwysAudit.audit() }));
}

const codeCheck = (report: TabReport) => report.checks.find((c) => c.id === 'control-code')!;

describe('HTML inside an svg <foreignObject>', () => {
  it('an SVG document: the step in its foreignObject is judged, its xml:lang is the page language, findings resolve', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xml:lang="lt" width="900" height="600"><g transform="translate(20 20)">' +
      `<foreignObject width="860" height="560"><div xmlns="http://www.w3.org/1999/xhtml" style="font:16px sans-serif">${LT_STEP}</div></foreignObject></g></svg>`;
    const { frame, report } = await gatherAndAudit(`data:image/svg+xml,${encodeURIComponent(svg)}`);
    expect(frame.lang).toBe('lt');
    expect(frame.nodes.map((n) => n.tag).slice(0, 4)).toEqual(['svg', 'g', 'foreignobject', 'div']);
    const code = codeCheck(report);
    expect(`${code.status} ${code.findings.find((f) => f.outcome === 'pass')?.evidence.code}`, code.summary).toBe('pass 6038');
    const finding = code.findings.find((f) => f.outcome === 'pass')!;
    expect(await page.evaluate((t) => window.__wysiwysAudit.resolve(t), finding.target)).toBe('p');
    expect(report.checks.find((c) => c.id === 'cancel')?.status).toBe('pass');
    expect(report.checks.find((c) => c.id === 'localization')?.status).toBe('pass');
  });

  it("an HTML page: only the way down to a foreignObject is walked, and an svg's own text leaves out the HTML's", async () => {
    const html =
      '<!doctype html><html lang="lt"><body style="font:16px sans-serif;margin:20px">' +
      '<svg width="700" height="420" viewBox="0 0 700 420"><rect width="700" height="420" fill="#eef"></rect><text x="10" y="20">Kortelė</text>' +
      `<g><circle cx="5" cy="5" r="4"></circle><foreignObject x="10" y="30" width="680" height="380"><div>${LT_STEP}` +
      '<svg width="80" height="20"><text x="0" y="15">Ženklas</text></svg></div></foreignObject></g></svg></body></html>';
    const { frame, report } = await gatherAndAudit(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const tags = frame.nodes.map((n) => n.tag);
    // Shapes and <text> are the svg's drawing, not nodes; the <g> on the way is one.
    expect(tags.filter((t) => t === 'rect' || t === 'circle' || t === 'text')).toEqual([]);
    expect(tags).toContain('g');
    const [outer, inner] = frame.nodes.filter((n) => n.tag === 'svg');
    expect(outer.text).toBe('Kortelė');
    expect(inner.text).toBe('Ženklas');
    expect(codeCheck(report).status, codeCheck(report).summary).toBe('pass');
  });
});
