import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import type { CheckResult, TabReport } from '../../src/audit/types';
import { attachPicture, attachReport, createReview, setVerdict, type Review } from '../../src/review/model';
import { escapeHtml, escapeMarkdown, renderHtml, renderMarkdown, viewOf } from '../../src/review/render';
import { english, type Translate } from '../../src/review/strings';
import { brokenTableRows, liveSyntax, readerText } from '../e2e/xss-pages/markdown-check';
import { fieldsOf } from '../../src/view/report-view';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
const T0 = Date.UTC(2026, 10, 27, 21, 0, 0);
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(1)</script>';

const check = (id: string, status: CheckResult['status'], summary: string, message = 'finding'): CheckResult => ({
  id,
  status,
  title: `${id} title`,
  summary,
  observedAt: T0,
  live: false,
  findings: [
    {
      severity: 'serious',
      message,
      target: ['span.code'],
      frameUrl: 'https://acme.test/',
      evidence: { code: '0041', fontSize: 12, selector: 'span.code' },
      outcome: 'fail',
    },
  ],
});
const tab = (url: string, checks: CheckResult[]): TabReport => ({
  url,
  finishedAt: new Date(T0).toISOString(),
  checks,
  timing: { auditMs: 1, nodes: 1 },
  frames: [],
  timeline: { entries: [{ at: T0, kind: 'series', text: `GET /status every 0.5 s ${SCRIPT}` }], series: [], requests: 1, dropped: 0 },
});

/** A review whose page text, name and note carry markup, with one safe picture and one smuggled-in unsafe one. */
function hostileReview(): Review {
  let r = createReview({
    name: `Acme ${SCRIPT} review`,
    integrator: `O'Hara & "Sons" ${IMG}`,
    environment: 'production',
    sites: ['https://acme.test'],
    id: 'r-1',
    now: T0,
  });
  r = attachReport(
    r,
    tab('https://acme.test/sign?x=<b>', [
      check('control-code', 'fail', `Code too small ${IMG}`, `Code shown as ${SCRIPT}`),
      check('cancel', 'pass', 'Cancel visible', 'ok'),
      check('polling', 'fail', 'Hammering', 'every 0.5 s'),
    ]),
    T0,
  );
  r = attachPicture(r, { url: 'https://acme.test/sign?x=<b>', checkId: 'control-code' }, PNG, T0);
  r = setVerdict(r, 'tasks', 'fail', `Signer removal fails:\n${SCRIPT}\n# not a heading\n- not a list`, T0);
  // An unsafe picture can only arrive through a hand-edited object; the renderers must still drop it.
  r = { ...r, pictures: { ...r.pictures, evil: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', js: 'javascript:alert(1)' } };
  r.reports = r.reports.map((p) => ({ ...p, pictures: { ...p.pictures, cancel: 'evil', polling: 'js' } }));
  r.requirements = r.requirements.map((q) =>
    q.id === 'cancel'
      ? { ...q, evidence: q.evidence.map((e) => ({ ...e, pictureId: 'evil' })) }
      : q.id === 'polling'
        ? { ...q, evidence: q.evidence.map((e) => ({ ...e, pictureId: 'js' })) }
        : q,
  );
  return r;
}

/** Every `<` of a safe document opens a real tag (text has none), so the tags can be listed without a parser. */
function tags(html: string): string[] {
  return html
    .split('<')
    .slice(1)
    .map((chunk) => chunk.slice(0, chunk.indexOf('>') + 1));
}

describe('review view', () => {
  it('builds one view with sections, badges, evidence lines, timeline and picture refs', () => {
    const v = viewOf(hostileReview());
    expect(v.title).toBe(`WYSIWYS review: Acme ${SCRIPT} review`); // plain text: escaping is the renderer's job
    expect(v.requirements.map((r) => r.id)).toEqual([
      'tasks',
      'flow',
      'errors',
      'localization',
      'polling',
      'control-code',
      'cancel',
      'preview',
      'brand',
      'security',
    ]);
    const code = v.requirements.find((r) => r.id === 'control-code')!;
    expect(code.verdict).toEqual({ kind: 'fail', label: 'Fail', icon: '✗' });
    expect(code.verdictBy).toBe('pre-filled from the automatic checks');
    expect(code.evidence[0]).toMatchObject({
      checkId: 'control-code',
      status: { kind: 'fail' },
      summary: `Code too small ${IMG}`,
      picture: { id: 'picture-1', src: PNG },
    });
    expect(code.evidence[0].findings[0]).toMatchObject({
      text: `Code shown as ${SCRIPT}`,
      details: 'Code: 0041 · Font size (px): 12 · Selector: span.code',
    });
    expect(code.evidence[0].observed).toBe('observed 2026-11-27 21:00:00 UTC · step ended, last verdict kept');
    expect(v.requirements.find((r) => r.id === 'cancel')!.evidence[0].picture).toBeUndefined();
    expect(v.requirements.find((r) => r.id === 'cancel')!.evidence[0].pictureDropped).toMatch(/left out/);
    expect(v.requirements.find((r) => r.id === 'polling')!.timeline).toEqual([
      { at: '2026-11-27 21:00:00 UTC', kindId: 'series', kind: 'status checks', text: `GET /status every 0.5 s ${SCRIPT}` },
    ]);
    expect(v.requirements.find((r) => r.id === 'tasks')!).toMatchObject({
      verdictBy: 'set by the reviewer',
      auto: { kind: 'none', label: 'No automatic check' },
      noEvidence: 'Judged by the reviewer only.',
    });
    expect(v.totals.map((x) => [x.badge.kind, x.count])).toEqual([
      ['pass', 1],
      ['fail', 3],
      ['not-tested', 6],
    ]);
  });

  it('takes every label from the translate function', () => {
    const upper: Translate = (key, subs) => english(key, subs).toUpperCase();
    const v = viewOf(hostileReview(), upper);
    expect(v.requirements[1].title).toBe('THE FLOW IS LOGICAL');
    expect(v.labels.howToTest).toBe('HOW TO TEST');
    expect(renderHtml(hostileReview(), upper)).toContain('HOW TO TEST');
    expect(renderMarkdown(hostileReview(), upper)).toContain('HOW TO TEST');
  });
});

describe('HTML export', () => {
  const html = renderHtml(hostileReview());

  it('is a complete standalone document: starts with <!doctype html>, inline style, printable', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('contains no <script, no event-handler attribute, no javascript: and no external URL', () => {
    expect(html.toLowerCase().split('<script').length - 1).toBe(0);
    expect(html).not.toMatch(/javascript:/i);
    for (const tag of tags(html)) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/\s(?:href|action|formaction|srcset|background)\s*=/i);
      const src = /\ssrc="([^"]*)"/.exec(tag);
      if (src) expect(src[1]).toMatch(/^data:image\/(png|jpeg|webp);base64,/);
    }
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain('default-src &#39;none&#39;'); // and a CSP forbids scripts even if one slipped in
  });

  it('escapes <img src=x onerror=alert(1)> and <script>alert(1)</script> in page text, review name and note', () => {
    expect(html).not.toContain(IMG);
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>WYSIWYS review: Acme &lt;script&gt;alert(1)&lt;/script&gt; review</title>');
    expect(html).toContain('O&#39;Hara &amp; &quot;Sons&quot;');
    expect(html).toContain('https://acme.test/sign?x=&lt;b&gt;');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('embeds a data:image/png picture and drops data:text/html and javascript: pictures', () => {
    expect(html).toContain(`<img src="${PNG}"`);
    expect(tags(html).filter((t) => t.startsWith('img '))).toHaveLength(1);
    expect(html).not.toContain('data:text/html');
    expect(html).not.toContain('PHNjcmlwdD5');
    expect(html).toContain('Picture left out: not a PNG, JPEG or WebP image.');
  });

  it('parses (happy-dom) into a document with no script, no on* attribute, and the hostile text as text', () => {
    const window = new Window({
      settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
    });
    const doc = new window.DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const all = [...doc.querySelectorAll('*')];
    expect(all.flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on'))).toEqual([]);
    expect([...doc.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual([PNG]);
    expect(doc.title).toBe(`WYSIWYS review: Acme ${SCRIPT} review`);
    expect(doc.body.textContent).toContain(`Code too small ${IMG}`);
    expect(doc.body.textContent).toContain(`Code shown as ${SCRIPT}`);
    expect(doc.querySelector('.note')!.textContent).toBe(`Signer removal fails:\n${SCRIPT}\n# not a heading\n- not a list`);
    window.close();
  });

  it('renders an empty review', () => {
    const empty = renderHtml(createReview({ name: '', id: 'e', now: T0 }));
    expect(empty).toContain('Untitled review');
    expect(empty).toContain('No audit report attached.');
  });
});

describe('evidence fields', () => {
  it('offers a colour swatch only for colour values, never for url() or another declaration', () => {
    const swatch = (v: string) => fieldsOf({ color: v })[0].colour;
    for (const ok of [
      'rgb(0, 0, 0)',
      'rgba(0, 0, 0, 0.5)',
      '#1a2b3c',
      'oklch(0.7 0.1 200)',
      'color(display-p3 1 0 0)',
      'color-mix(in srgb, rgb(1 2 3) 50%, white)',
      'transparent',
    ])
      expect(swatch(ok), ok).toBe(ok);
    for (const bad of [
      'url(http://evil.test/x.png)',
      'url(x.png)',
      'red; background-image: url(x)',
      'image-set("x.png" 1x)',
      'rgb(0 0 0) url(x)',
      'expression(alert(1))',
    ])
      expect(swatch(bad), bad).toBeUndefined();
    expect(fieldsOf({ color: 'url(x.png)' })[0].value).toBe('url(x.png)'); // still shown, as text
  });
});

describe('Markdown export', () => {
  const md = renderMarkdown(hostileReview());

  it('escapes HTML and Markdown control characters in page text', () => {
    expect(md).not.toMatch(/<script/i);
    expect(md).not.toMatch(/<img/i);
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('*bold* _it_ `code` [link](x) | # ~ \\ !')).toBe(
      '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\| \\# \\~ \\\\ \\!',
    );
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('a\n# b')).toBe('a \\# b');
    expect(escapeMarkdown('<a href="x">&amp;')).toBe('&lt;a href="x"&gt;&amp;amp;');
  });

  it('keeps the reviewer note as an escaped block quote and never lets page text start a block', () => {
    expect(md).toContain('> Signer removal fails:\n> &lt;script&gt;alert(1)&lt;/script&gt;\n> \\# not a heading\n> \\- not a list');
    const heading = md.split('\n').filter((l) => l.startsWith('#'));
    expect(heading[0]).toBe('# WYSIWYS review: Acme &lt;script&gt;alert(1)&lt;/script&gt; review');
    expect(heading.some((l) => l.includes('not a heading'))).toBe(false);
  });

  it('writes link, image, autolink and math syntax in data as text, never as a link or an image', () => {
    const payloads = [
      '[click here](javascript:alert(1))',
      '![x](http://evil.test/pixel.png)',
      '<http://evil.test/>',
      'see http://evil.test/x and www.evil.test',
      '[ref]: javascript:alert(1)',
      '$\\href{javascript:alert(1)}{x}$',
      "{{constructor.constructor('alert(1)')()}}",
      '${alert(1)}',
    ];
    for (const p of payloads) {
      const md = escapeMarkdown(p);
      expect(liveSyntax(md), p).toEqual([]);
      expect(readerText(md), p).toBe(p);
    }
    expect(escapeMarkdown('![x](http://evil.test/a)')).toBe('\\!\\[x\\](http\\://evil.test/a)');
    expect(escapeMarkdown('www.evil.test')).toBe('www\\.evil.test');
  });

  it('keeps data that carries pipes and line breaks inside its table cell and its line', () => {
    let r = hostileReview();
    r = { ...r, name: 'Acme | x |\n|---|---|\n| injected | row |', integrator: 'A\r\nB\u2028| C |\u2029    indented code' };
    const md = renderMarkdown(r);
    expect(brokenTableRows(md)).toEqual([]);
    expect(liveSyntax(md)).toEqual([]);
    expect(md.split('\n').filter((l) => l.startsWith('| injected'))).toEqual([]);
    expect(readerText(md)).toContain('| Integrator | A B | C | indented code |');
    expect(md).toContain('| Integrator | A B \\| C \\| indented code |');
    expect(escapeMarkdown('    four spaces make code')).toBe('four spaces make code');
  });

  it('lists verdicts, how-to-test texts and evidence, and omits pictures with a note', () => {
    expect(md).toContain('## 6. The control code is clearly displayed');
    expect(md).toContain('*How to test:*');
    expect(md).toContain('- ✗ **Fail** control-code title (control-code): Code too small &lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('Picture omitted in Markdown: see the HTML export.');
    expect(md).not.toContain('data:image');
    expect(md).not.toContain('data:text/html');
  });
});
