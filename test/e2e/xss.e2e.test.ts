/**
 * Script injection stays inert end to end. A signing page carries payloads in its text, title, attributes (alt,
 * aria-label, title, href), its own URL (query, fragment) and a frame's URL: markup, attribute break-outs,
 * javascript: links, template expressions, Markdown link/image/table syntax and HTML inside Markdown. The session
 * then goes through every surface — the audited page with the panel and the evidence outlines, the popup with every
 * check expanded (and an outline labelled with a finding's text), the review page (results attached, and a crafted review file imported), the HTML report opened in
 * a browser with JavaScript on, and the Markdown report — and nothing may run or become markup anywhere: no console
 * marker, no global flag, no dialog, no element with a marker id, no event-handler attribute or javascript: URL, no
 * request to the "evil" server; the payload text is there, as text. The HTML report's content security policy
 * forbids script, and is shown to block a script planted in the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { auditUrl, type PageAudit } from '../../src/cli/audit';
import { chromiumPath } from '../../src/cli/chromium';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import { servePages } from './pages-server';
import { hostileQuery, payloads, run, xssPages } from './xss-pages/pages';
import { brokenTableRows, liveSyntax, readerText } from './xss-pages/markdown-check';

let session: ExtensionSession;
let site: Awaited<ReturnType<typeof servePages>>;
let evil: { url: string; hits: string[]; close(): Promise<void> };
let audit: PageAudit;
let P: ReturnType<typeof payloads>;
const work = mkdtempSync(path.join(tmpdir(), 'wysiwys-xss-'));
/** Every sign that a payload ran somewhere: console markers and dialogs, from any page of the browser. */
const ran: string[] = [];

async function evilServer(): Promise<typeof evil> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

beforeAll(async () => {
  evil = await evilServer();
  P = payloads(evil.url);
  site = await servePages(xssPages(evil.url));
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
  session.context.on('console', (m) => {
    if (m.text().includes('XSS-HIT')) ran.push(`console: ${m.text()} (${m.page()?.url()})`);
  });
  session.context.on('dialog', (d) => {
    ran.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  audit = await auditUrl(session, `${site.url}/xss/sign.html${hostileQuery(evil.url)}`, {
    viewport: { width: 1280, height: 900 },
    keepOpen: true,
  });
});

afterAll(async () => {
  await session?.close();
  await site?.close();
  await evil?.close();
  rmSync(work, { recursive: true, force: true });
});

type DomNode = {
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
};

/**
 * What a payload would leave in a page if it had been parsed as markup: elements with a marker id, event-handler
 * attributes, javascript: URLs — read with the DevTools protocol through shadow roots (closed ones too: the panel)
 * and frames. `authored` lists javascript: URLs the page itself was written with.
 */
async function markup(page: Page, authored: string[] = []): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const out: string[] = [];
    const walk = (n: DomNode) => {
      const attrs = n.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2) {
        const [name, value] = [attrs[i].toLowerCase(), attrs[i + 1]];
        if (name === 'id' && value.startsWith('xss-')) out.push(`<${n.nodeName} id=${value}>`);
        if (name.startsWith('on')) out.push(`<${n.nodeName} ${name}=${value}>`);
        if (
          ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name) &&
          /^\s*javascript:/i.test(value) &&
          !authored.includes(value)
        )
          out.push(`<${n.nodeName} ${name}=${value}>`);
      }
      if (n.nodeName === 'SCRIPT' && /XSS-HIT/.test(JSON.stringify(n))) out.push('<script> with a payload');
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? []), ...(n.contentDocument ? [n.contentDocument] : [])]) walk(c);
    };
    walk(root);
    return out;
  } finally {
    await cdp.detach();
  }
}

/** Text inside shadow roots (the extension's panel and outlines; the pages under test have none of their own). */
async function shadowText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const texts: string[] = [];
    const walk = (node: DomNode, inShadow: boolean, parent: string) => {
      if (inShadow && node.nodeType === 3 && parent !== 'STYLE' && node.nodeValue?.trim()) texts.push(node.nodeValue);
      for (const c of node.shadowRoots ?? []) walk(c, true, node.nodeName);
      for (const c of [...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) walk(c, inShadow, node.nodeName);
    };
    walk(root, false, '');
    return texts.join('\n');
  } finally {
    await cdp.detach();
  }
}

/** The global flag a payload sets, in every frame of the page. */
async function flags(page: Page): Promise<unknown[]> {
  const values = await Promise.all(
    page.frames().map((f) => f.evaluate(() => (window as unknown as { xssFlag?: unknown }).xssFlag).catch(() => undefined)),
  );
  return values.filter((v) => v !== undefined);
}

async function expectInert(page: Page, authored: string[] = []): Promise<void> {
  expect(await markup(page, authored)).toEqual([]);
  expect(await flags(page)).toEqual([]);
  expect(ran).toEqual([]);
  expect(evil.hits).toEqual([]);
}

async function downloaded(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync((await download.path())!, 'utf8');
}

/** The text nodes of the page, joined (what a reader sees, whatever is hidden). */
const allText = (page: Page) => page.evaluate(() => document.body.textContent ?? '');

const AUTHORED_HREF = `javascript:${run('href')}`;

describe('payloads stay inert', () => {
  it('reach the report as data (the test is not vacuous)', () => {
    const json = JSON.stringify(audit.report);
    expect(json).toContain(JSON.stringify(P.breakout).slice(1, -1)); // the cancel control's accessible name
    expect(json).toContain(JSON.stringify(P.img).slice(1, -1)); // the signing heading
    expect(json).toContain(JSON.stringify(P.mdHtml).slice(1, -1)); // the document link's name
    expect(json).toContain(AUTHORED_HREF); // its javascript: href
    expect(audit.report.url).toContain('](javascript:');
    expect(audit.report.checks.flatMap((c) => c.findings).some((f) => f.frameUrl.includes('/xss/frame.html?f=%3Cimg'))).toBe(true);
  });

  it('would be seen if one ran: the detectors catch a payload parsed as markup', async () => {
    const probe = await session.context.newPage();
    await probe.goto(`${site.url}/xss/frame.html`);
    await probe.evaluate((html) => {
      document.body.insertAdjacentHTML('beforeend', html);
    }, P.img);
    await expect.poll(() => ran.length).toBeGreaterThan(0);
    await expect.poll(() => evil.hits.length).toBeGreaterThan(0);
    expect(await markup(probe)).toEqual(
      expect.arrayContaining([expect.stringContaining('id=xss-img'), expect.stringContaining('onerror=')]),
    );
    expect(await flags(probe)).toEqual(['img']);
    await probe.close();
    ran.length = 0;
    evil.hits.length = 0;
  });

  it("in the audited page, with the panel and every check's evidence outlined", async () => {
    const { page, tabId } = audit;
    await page.bringToFront();
    type Hooks = { wysiwys: { togglePanel(tabId: number, show?: boolean): Promise<unknown>; showEvidence(tabId: number): number } };
    await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.togglePanel(id, true), tabId);
    // The panel draws the code inside the extension's own shadow root.
    await expect.poll(async () => (await shadowText(page)).includes('0041'), { timeout: 8000 }).toBe(true);
    const before = await shadowText(page);
    expect(await session.worker.evaluate((id) => (globalThis as unknown as Hooks).wysiwys.showEvidence(id), tabId)).toBeGreaterThanOrEqual(
      3,
    );
    // The outlines are labelled (in the page and in the frame) next to the panel.
    await expect.poll(async () => (await shadowText(page)).length, { timeout: 8000 }).toBeGreaterThan(before.length);
    await page.waitForTimeout(500);
    await expectInert(page, [AUTHORED_HREF]);
    // The page shows its payloads as text.
    expect(await allText(page)).toContain(P.img);
  });

  it('in the popup, every check expanded with its evidence and the timeline open', async () => {
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${audit.tabId}`);
    await popup.waitForSelector('#checks li.check');
    const closed = popup.locator('li.check button.row[aria-expanded="false"]');
    while (await closed.count()) await closed.first().click();
    await popup.locator('#timeline summary').click();
    await expect.poll(() => popup.locator('.finding').count()).toBeGreaterThan(5);
    const text = await allText(popup);
    for (const shown of [P.breakout, P.img, P.mdHtml, AUTHORED_HREF, '](javascript:']) expect(text).toContain(shown);
    await expectInert(popup);
    // "Show on page" labels the outline with the finding's text: the cancel control's name, a payload.
    await popup.locator('li.check[data-check="cancel"] .finding.pass button.show').first().click();
    await expect.poll(async () => (await shadowText(audit.page)).includes('XSS-HIT:breakout'), { timeout: 8000 }).toBe(true);
    await expectInert(audit.page, [AUTHORED_HREF]);
    await popup.close();
  });

  let reviewPage: Page;
  let exportedJson: string;

  it('in the review page with the results attached, and in its HTML and Markdown reports', async () => {
    reviewPage = await session.context.newPage();
    await reviewPage.goto(`chrome-extension://${session.extensionId}/src/review-page/index.html`);
    await reviewPage.click('#new-review');
    await reviewPage.fill('#review-name', `Review ${P.breakout} ${P.mdLink}`);
    await reviewPage.press('#review-name', 'Tab');
    await reviewPage.click('#attach');
    await expect.poll(() => reviewPage.locator('section[data-requirement="cancel"] .evidence li').count()).toBeGreaterThan(0);
    const text = await allText(reviewPage);
    for (const shown of [P.breakout, '](javascript:']) expect(text).toContain(shown);
    await expectInert(reviewPage);
    exportedJson = await downloaded(reviewPage, '#export-json');
    await checkHtmlReport(await downloaded(reviewPage, '#export-html'), 'attached', [P.breakout, P.mdHtml, P.img]);
    checkMarkdownReport(await downloaded(reviewPage, '#export-md'), [P.breakout, P.mdHtml, P.img, `Review ${P.breakout} ${P.mdLink}`]);
  });

  it('in the review page with a crafted review file imported, and in its reports', async () => {
    const review = JSON.parse(exportedJson);
    const lines = `first line\n| injected | row |\n|---|---|\n# heading\n${P.mdImage}\n${P.mdLink}`;
    Object.assign(review, {
      id: 'crafted-review',
      name: `Crafted ${P.img} | cell |\n| second | row |`,
      integrator: `${P.svg} ${P.template} ${P.templateLiteral}`,
      sites: [`http://127.0.0.1/${P.breakout}`, `javascript:${run('site')}`],
    });
    review.requirements[0] = { ...review.requirements[0], verdict: 'fail', verdictBy: 'reviewer', note: lines };
    await reviewPage.setInputFiles('#import', {
      name: 'crafted.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(review)),
    });
    await expect.poll(() => reviewPage.locator('#review').getAttribute('data-review-id')).toBe('crafted-review');
    expect(await reviewPage.inputValue('textarea[data-note="tasks"]')).toBe(lines);
    await expectInert(reviewPage);
    const shown = [P.svg, P.template, P.templateLiteral];
    await checkHtmlReport(await downloaded(reviewPage, '#export-html'), 'imported', [...shown, P.mdImage]);
    const md = await downloaded(reviewPage, '#export-md');
    checkMarkdownReport(md, [...shown, `Crafted ${P.img} | cell | | second | row |`]);
    // The note keeps its lines, each one quoted text: no table, heading, image or link of its own.
    expect(md).toContain('> \\| injected \\| row \\|\n> \\|---\\|---\\|\n> \\# heading\n');
    await reviewPage.close();
  });
});

/** Opens a report in a browser with JavaScript on, from a file, as a reviewer would; nothing may run or load. */
async function checkHtmlReport(html: string, name: string, texts: string[]): Promise<void> {
  // The policy: declared first in <head>, nothing may run, nothing may load but embedded pictures and inline style.
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replace(/&#39;/g, "'");
  expect(csp).toBeDefined();
  const directives = Object.fromEntries(
    csp!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v]),
  );
  expect(directives['default-src']).toEqual(["'none'"]);
  expect(directives['script-src'] ?? directives['default-src']).toEqual(["'none'"]);
  expect(Object.keys(directives).filter((k) => /^script-src/.test(k) && directives[k].join(' ') !== "'none'")).toEqual([]);
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<title>'));
  expect(html).not.toMatch(/<script/i);

  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  try {
    const viewer = await browser.newPage();
    const seen: string[] = [];
    viewer.on('console', (m) => {
      if (m.text().includes('XSS-HIT')) seen.push(m.text());
    });
    viewer.on('dialog', (d) => {
      seen.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    const file = path.join(work, `${name}.html`);
    writeFileSync(file, html);
    await viewer.goto(`file://${file}`);
    await viewer.waitForTimeout(300);
    expect(await markup(viewer)).toEqual([]);
    expect(await flags(viewer)).toEqual([]);
    expect(seen).toEqual([]);
    expect(evil.hits).toEqual([]);
    const text = await allText(viewer);
    for (const t of texts) expect(text).toContain(t);

    // The policy really holds: a script and an event handler planted in the report (as an escaping bug would) are
    // blocked, and so is a picture from another server.
    const planted = html.replace(
      '<body>',
      `<body><script>${run('planted-script')}</script><img src="${evil.url}/planted" onerror="${run('planted-handler')}">`,
    );
    const plantedFile = path.join(work, `${name}-planted.html`);
    writeFileSync(plantedFile, planted);
    const violations: string[] = [];
    viewer.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await viewer.goto(`file://${plantedFile}`);
    await viewer.waitForTimeout(300);
    expect(await flags(viewer)).toEqual([]);
    expect(seen).toEqual([]);
    expect(evil.hits).toEqual([]);
    expect(violations.length).toBeGreaterThanOrEqual(2);
  } finally {
    await browser.close();
  }
}

/** The Markdown report: the payloads are text a reader sees, never a link, an image, HTML or a broken table. */
function checkMarkdownReport(md: string, texts: string[]): void {
  expect(liveSyntax(md)).toEqual([]);
  expect(brokenTableRows(md)).toEqual([]);
  const seen = readerText(md);
  for (const t of texts) expect(seen).toContain(t);
  // Data never opens a block: the headings are the report's own (title, summary, ten requirements, pages, one per page).
  const headings = md.split('\n').filter((l) => l.startsWith('#'));
  expect(headings.filter((h) => /^#{1,3} /.test(h)).length).toBe(headings.length);
  expect(headings.length).toBe(1 + 1 + 10 + 1 + (md.match(/^### /gm)?.length ?? 0));
}
