/**
 * Pages whose text, title, attributes, URLs and frame URLs carry script-injection payloads. Each payload, if it ever
 * ran or were parsed as markup in any surface (the page itself, the popup, the panel, the review page, an export),
 * would leave a trace the test can see: a console line `XSS-HIT:<id>`, a global `xssFlag`, an element whose id
 * starts with `xss-`, or a request to the "evil" server. The pages write every payload as text (entities), so
 * the page itself shows them and never runs them.
 */

/** What a payload does when it runs: a console marker and a global flag. */
export const run = (id: string) => `console.log('XSS-HIT:${id}');window.xssFlag='${id}'`;

/** The payloads, each with its own id; `evil` is the origin of the server that records any request. */
export function payloads(evil: string) {
  return {
    /** Markup that becomes an element (and a request) if parsed as HTML. */
    img: `<img id="xss-img" src="${evil}/img" onerror="${run('img')}">`,
    /** Breaks out of an attribute value, then a script and a marker element. */
    breakout: `"><script>${run('breakout')}</script><b id="xss-breakout">x</b>`,
    svg: `<svg id="xss-svg" onload="${run('svg')}"></svg>`,
    /** Template injection (Angular/Vue expressions, JS template literals). */
    template: `{{constructor.constructor('${run('template')}')()}}`,
    templateLiteral: `\${${run('literal')}}`,
    /** Markdown: a link and an image, and syntax that breaks tables. */
    mdLink: `[click here](javascript:${run('md-link')})`,
    mdImage: `![x](${evil}/md-image)`,
    mdTable: '| injected | cell |',
    mdHtml: `<a id="xss-md-html" href="javascript:${run('md-html')}">HTML inside Markdown</a>`,
  };
}

/** Text for HTML content and quoted attribute values. */
export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The query string and fragment the signing page is opened with: what survives the browser's URL parsing keeps
 * its syntax (quotes, brackets, parentheses, pipes, braces); `<`, `>` and `"` are percent-encoded by the browser.
 */
export function hostileQuery(evil: string): string {
  return (
    `?q='-${encodeURIComponent('<img id=xss-url src=x>')}-'&md=](javascript:${encodeURIComponent(run('url-md'))})|x|&tpl={{constructor.constructor(1)()}}&img=![x](${evil}/url-image)` +
    `#frag=](javascript:alert(1))|${'${'}alert(1)}`
  );
}

/** A Lithuanian-free English signing step with a code, a cancel control, a document link and brand mentions. */
export function xssPages(evil: string): Record<string, string> {
  const p = payloads(evil);
  const logo =
    'data:image/svg+xml,' +
    encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#2a7"/></svg>');
  const sign = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign ${esc(p.img)} ${esc(p.breakout)}</title></head><body>
  <h1>Sign the contract ${esc(p.img)}</h1>
  <p>Contract ${esc(p.mdLink)} ${esc(p.mdImage)} ${esc(p.mdTable)}</p>
  <p>Verification code</p><p style="font-size:36px">0041</p>
  <p>Make sure the code matches the one in your Smart-ID app.</p>
  <p>Sign with SmartID ${esc(p.svg)}</p>
  <img alt="Smart-ID ${esc(p.breakout)}" title="${esc(p.img)}" src="${logo}" width="40" height="40">
  <p>Status: ${esc(p.template)} ${esc(p.templateLiteral)}</p>
  <a href="javascript:${esc(run('href'))}" title="${esc(p.breakout)}">View document ${esc(p.mdHtml)}</a>
  <button aria-label="Cancel ${esc(p.breakout)}" title="${esc(p.img)}">Cancel ${esc(p.mdLink)}</button>
  <iframe title="${esc(p.img)}" src="/xss/frame.html?f=${encodeURIComponent(p.img)}&md=](javascript:alert(1))|x|#${encodeURIComponent(p.mdImage)}" width="500" height="260"></iframe>
  </body></html>`;
  const frame = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(p.svg)}</title></head><body>
  <p>Mobile ID ${esc(p.img)}</p>
  <p>Document: <span title="${esc(p.breakout)}">contract ${esc(p.mdImage)}.pdf</span></p>
  <p>{{ sign.cancel_button }} ${esc(p.template)}</p>
  </body></html>`;
  return { '/xss/sign.html': sign, '/xss/frame.html': frame };
}
