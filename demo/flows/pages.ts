/**
 * HTML of the flow demo (demo/flows/server.ts). Every page is self-contained: inline CSS, inline JS, an inline SVG
 * logo and `<link rel="icon" href="data:,">`, so a page load makes no request except the ones its script makes to
 * this server. No page names an external URL in a src/href attribute; external hosts appear only as text.
 *
 * The browser scripts avoid template literals on purpose: they live inside TypeScript template literals here.
 */
import { flowScenarios, flowSupportPages, type FlowCheckId } from './scenarios';

type Lang = 'en' | 'lt';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// ---------------------------------------------------------------------------------------------------------------
// Shared look

const CSS = `
:root { --brand:#12355b; --brand-2:#1d4f86; --accent:#e4572e; --ink:#111827; --ink-2:#374151; --muted:#6b7280;
  --line:#e5e7eb; --bg:#f4f6f9; --card:#fff; --ok:#047857; --err:#b91c1c; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5;
  color: var(--ink-2); background: var(--bg); min-height: 100vh; display: flex; flex-direction: column; }
main { flex: 1 0 auto; }
a { color: var(--brand-2); }
h1, h2, h3 { color: var(--ink); line-height: 1.25; margin: 0 0 .5rem; }
h1 { font-size: 1.75rem; } h2 { font-size: 1.2rem; } h3 { font-size: 1.05rem; }
p { margin: 0 0 .75rem; }
.container { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
.site-header { background: var(--brand); color: #fff; }
.site-header .container { display: flex; align-items: center; gap: 32px; height: 64px; }
.logo { display: flex; align-items: center; gap: 10px; color: #fff; text-decoration: none; }
.logo-text { font-weight: 700; font-size: 1.15rem; }
.logo-sub { display: block; font-size: .7rem; font-weight: 400; opacity: .75; letter-spacing: .04em; text-transform: uppercase; }
.main-nav { display: flex; gap: 20px; }
.main-nav a { color: #dbe6f3; text-decoration: none; font-size: .95rem; }
.main-nav a[aria-current="page"] { color: #fff; }
.header-right { margin-left: auto; display: flex; align-items: center; gap: 16px; }
.lang-switch { display: flex; gap: 2px; list-style: none; margin: 0; padding: 0; }
.lang-switch a { display: block; padding: 2px 7px; border-radius: 4px; color: #dbe6f3; text-decoration: none; font-size: .8rem; font-weight: 600; }
.lang-switch a[aria-current="true"] { background: rgba(255,255,255,.16); color: #fff; }
.account-link { color: #fff; font-size: .9rem; text-decoration: none; border: 1px solid rgba(255,255,255,.35); padding: 5px 12px; border-radius: 999px; }
.env-badge { font-size: .75rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; background: #fef3c7; color: #92400e; padding: 2px 8px; border-radius: 4px; }
.page-head { padding: 20px 0 16px; }
.breadcrumbs { font-size: .85rem; color: var(--muted); margin-bottom: 4px; }
.breadcrumbs a { color: var(--muted); text-decoration: none; }
.site-footer { margin-top: 40px; border-top: 1px solid var(--line); background: #fff; font-size: .85rem; color: var(--muted); }
.site-footer .container { display: flex; flex-wrap: wrap; gap: 8px 24px; justify-content: space-between; padding-top: 18px; padding-bottom: 18px; }
.site-footer a { color: var(--muted); }
.footer-links { display: flex; gap: 16px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 24px;
  box-shadow: 0 1px 2px rgba(17,24,39,.06), 0 4px 16px rgba(17,24,39,.06); }
.card-title { display: flex; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 12px; }
.layout-sign { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(0, 1fr); gap: 24px; align-items: start; }
.narrow { max-width: 640px; }
.btn { display: inline-flex; align-items: center; justify-content: center; gap: 8px; font: inherit; font-weight: 600;
  padding: 10px 18px; border-radius: 8px; border: 1px solid transparent; cursor: pointer; text-decoration: none; }
.btn-primary { background: var(--accent); color: #fff; }
.btn-secondary { background: #fff; color: var(--ink); border-color: #cbd2dc; }
.btn-block { width: 100%; }
.stepper { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 0 0 16px; font-size: .82rem; }
.stepper li { display: flex; align-items: center; gap: 6px; color: var(--muted); }
.stepper .num { display: inline-grid; place-items: center; width: 22px; height: 22px; border-radius: 50%; border: 1px solid #cbd2dc; font-size: .75rem; font-weight: 700; }
.stepper .done .num { background: var(--ok); border-color: var(--ok); color: #fff; }
.stepper [aria-current="step"] { color: var(--ink); font-weight: 600; }
.stepper [aria-current="step"] .num { background: var(--brand); border-color: var(--brand); color: #fff; }
.doc-panel { padding: 0; overflow: hidden; }
.doc-panel-head { padding: 14px 20px; border-bottom: 1px solid var(--line); }
.doc-panel-head h2 { font-size: 1rem; margin: 0; }
.doc-text { padding: 24px 32px; max-height: 520px; overflow: auto; font-family: Georgia, "Times New Roman", serif; color: #1f2937; font-size: .95rem; }
.doc-text h3 { text-align: center; font-size: 1.2rem; margin-bottom: 4px; }
.doc-meta { text-align: center; color: var(--muted); font-size: .85rem; margin-bottom: 18px; }
.summary { display: grid; grid-template-columns: auto 1fr; gap: 6px 16px; margin: 24px 0 0; font-size: .9rem; }
.summary dt { color: var(--muted); }
.summary dd { margin: 0; color: var(--ink); font-weight: 500; }
.method-badge { flex: none; font-size: .8rem; font-weight: 600; color: var(--brand); background: #e8eef6; padding: 3px 10px; border-radius: 999px; }
.waiting { display: flex; align-items: center; gap: 10px; font-size: .95rem; }
.spinner { flex: none; width: 20px; height: 20px; border-radius: 50%; border: 3px solid #d6dde8; border-top-color: var(--brand); animation: spin .9s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.vc-box { margin: 16px 0; padding: 16px; border-radius: 10px; background: #f8fafc; border: 1px solid var(--line); text-align: center; }
.vc-label { display: block; font-size: .85rem; font-weight: 600; color: var(--ink-2); text-transform: uppercase; letter-spacing: .06em; }
.vc-value { display: block; font-size: 36px; font-weight: 700; color: var(--ink); letter-spacing: .12em; font-variant-numeric: tabular-nums; line-height: 1.2; margin-top: 4px; }
.vc-hint { font-size: .9rem; }
.step-actions { display: flex; gap: 12px; margin-top: 16px; }
.notice { padding: 12px 14px; border-radius: 8px; background: #ecfdf5; color: #065f46; border: 1px solid #a7f3d0; }
.notice-neutral { background: #f3f4f6; color: var(--ink-2); border-color: var(--line); }
.notice-error { background: #fef2f2; color: #991b1b; border-color: #fecaca; }
.raw-error { white-space: pre-wrap; word-break: break-all; font-size: .85rem; background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; border-radius: 8px; padding: 12px; margin: 0; }
.field { display: block; margin-bottom: 14px; }
.field-label { display: block; font-size: .875rem; font-weight: 600; color: var(--ink); margin-bottom: 4px; }
.input { width: 100%; font: inherit; padding: 9px 12px; border: 1px solid #cbd2dc; border-radius: 8px; background: #fff; color: var(--ink); }
.choice-list { display: grid; gap: 10px; margin: 0 0 16px; padding: 0; border: 0; }
.choice { display: flex; align-items: center; gap: 12px; padding: 12px 14px; border: 1px solid #cbd2dc; border-radius: 10px; cursor: pointer; }
.choice strong { color: var(--ink); }
.gateway-slot { display: grid; place-items: center; min-height: 220px; border: 1px dashed #cbd2dc; border-radius: 10px; color: var(--muted); text-align: center; padding: 16px; }
.frame { display: block; width: 100%; height: 560px; border: 1px solid var(--line); border-radius: 10px; background: #fff; }
.table-wrap { overflow-x: auto; }
.table { width: 100%; border-collapse: collapse; font-size: .85rem; }
.table th, .table td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.table th { font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.muted { color: var(--muted); } .small { font-size: .875rem; } .mt-2 { margin-top: 16px; } .mb-0 { margin-bottom: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

const LOGO_SVG =
  '<svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8" fill="#e4572e"/>' +
  '<path d="M9 22V10h6.5a6 6 0 0 1 0 12H9z" fill="none" stroke="#fff" stroke-width="3"/></svg>';

const UI = {
  en: {
    nav: ['Car leasing', 'Equipment leasing', 'Insurance', 'Contact'],
    account: 'My account',
    home: 'Home',
    agreements: 'My agreements',
    footer1: '© UAB Demo · Company code 300000000 · Vilnius, Lithuania',
    footer2: 'Demo Lizingas is a fictional company made up for the WYSIWYS Auditor demo.',
    privacy: 'Privacy policy',
    terms: 'Terms of use',
    langLabel: 'Language',
  },
  lt: {
    nav: ['Automobilių lizingas', 'Įrangos lizingas', 'Draudimas', 'Kontaktai'],
    account: 'Mano paskyra',
    home: 'Pradžia',
    agreements: 'Mano sutartys',
    footer1: '© UAB Demo · Įmonės kodas 300000000 · Vilnius, Lietuva',
    footer2: 'Demo Lizingas – išgalvota įmonė, sukurta WYSIWYS Auditor demonstracijai.',
    privacy: 'Privatumo politika',
    terms: 'Naudojimo sąlygos',
    langLabel: 'Kalba',
  },
} as const;

interface LayoutOptions {
  lang: Lang;
  /** <title> without the " – Demo Lizingas" suffix. */
  title: string;
  h1: string;
  /** Last breadcrumb; none when empty. */
  crumb?: string;
  /** Extra markup inside <head> (meta tags, early scripts). */
  head?: string;
  /** Extra markup at the right of the header (before the language switch). */
  headerExtra?: string;
  body: string;
  /** Inline script(s) placed at the end of <body>, after the shared helper when `flowJs` is set. */
  script?: string;
  /** Include the shared flow helper (window.Demo). */
  flowJs?: boolean;
  /** Remove a demo token a token-exposure scenario may have left in this origin's localStorage. Default true. */
  cleanStorage?: boolean;
}

function layout(o: LayoutOptions): string {
  const t = UI[o.lang];
  const langs = (['en', 'lt'] as const)
    .map((l) => `<li><a href="?lang=${l}" lang="${l}"${l === o.lang ? ' aria-current="true"' : ''}>${l.toUpperCase()}</a></li>`)
    .join('');
  const crumbs = o.crumb
    ? `<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/flows/index.html">${t.home}</a> / <a href="#">${t.agreements}</a> / ${o.crumb}</nav>`
    : '';
  const clean = o.cleanStorage === false ? '' : `<script>try { localStorage.removeItem('dokobitToken'); } catch (e) {}</script>\n`;
  return `<!doctype html>
<html lang="${o.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="x-dns-prefetch-control" content="off">
  <title>${esc(o.title)} – Demo Lizingas</title>
  <link rel="icon" href="data:,">
  <style>${CSS}</style>
${o.head ?? ''}</head>
<body>
  <header class="site-header">
    <div class="container">
      <a class="logo" href="/flows/index.html">${LOGO_SVG}<span class="logo-text">Demo Lizingas<span class="logo-sub">UAB Demo</span></span></a>
      <nav class="main-nav" aria-label="Main">${t.nav.map((n, i) => `<a href="#"${i === 0 ? ' aria-current="page"' : ''}>${n}</a>`).join('')}</nav>
      <div class="header-right">
        ${o.headerExtra ?? ''}
        <ul class="lang-switch" aria-label="${t.langLabel}">${langs}</ul>
        <a class="account-link" href="#">${t.account}</a>
      </div>
    </div>
  </header>
  <main>
    <div class="container">
      <div class="page-head">${crumbs}<h1>${o.h1}</h1></div>
${o.body}
    </div>
  </main>
  <footer class="site-footer">
    <div class="container">
      <div><div>${t.footer1}</div><div>${t.footer2}</div></div>
      <div class="footer-links"><a href="#">${t.privacy}</a><a href="#">${t.terms}</a></div>
    </div>
  </footer>
${clean}${o.flowJs ? `<script>${FLOW_JS}</script>\n` : ''}${o.script ? `<script>${o.script}</script>\n` : ''}</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared browser helper: window.Demo

/**
 * Demo.run({ flow, pollMs, giveUpMs, transport, start, statusUrl, cancel, onOk, onError, onTimeout }) starts a
 * session and polls its status one request at a time (the next request is scheduled after the previous answer).
 * Cancel ([data-cancel] inside [data-step]) stops the loop, aborts a request in flight and tells the backend.
 */
const FLOW_JS = `
(function () {
  'use strict';
  var MESSAGES = {
    en: {
      6001: 'You do not have Mobile-ID. Please choose another signing method.',
      6005: 'The signing session has expired. Please try again.',
      6006: 'You do not have a Smart-ID account. Please choose another signing method.',
      6007: 'Your Smart-ID account cannot be used for signing. Please choose another signing method.',
      6008: 'Please open the Smart-ID app or the Smart-ID self-service portal.',
      7023: 'Signing was cancelled in the app. Nothing was signed.',
      canceled: 'Signing was cancelled in the app. Nothing was signed.',
      timeout: 'The signing request has expired. Please try again.',
      fallback: 'Something went wrong. Please try again, and contact support if the problem persists.'
    },
    lt: {
      6001: 'Neturite Mobile-ID. Pasirinkite kitą pasirašymo būdą.',
      6005: 'Pasirašymo sesija baigėsi. Bandykite dar kartą.',
      6006: 'Neturite Smart-ID paskyros. Pasirinkite kitą pasirašymo būdą.',
      6007: 'Jūsų Smart-ID paskyra netinka pasirašymui. Pasirinkite kitą pasirašymo būdą.',
      6008: 'Atidarykite Smart-ID programėlę arba Smart-ID savitarnos portalą.',
      7023: 'Pasirašymas atšauktas programėlėje. Niekas nebuvo pasirašyta.',
      canceled: 'Pasirašymas atšauktas programėlėje. Niekas nebuvo pasirašyta.',
      timeout: 'Pasirašymo laikas baigėsi. Bandykite dar kartą.',
      fallback: 'Įvyko klaida. Bandykite dar kartą arba susisiekite su pagalba.'
    }
  };
  var lang = (document.documentElement.lang || 'en').slice(0, 2);
  var dict = MESSAGES[lang] || MESSAGES.en;
  var Demo = {};

  Demo.t = function (key) { return (key != null && dict[key]) || dict.fallback; };
  Demo.step = function () { return document.querySelector('[data-step]'); };
  Demo.text = function (name) { var s = Demo.step(); return (s && s.getAttribute('data-' + name)) || ''; };

  function parse(text) { try { return JSON.parse(text); } catch (e) { return null; } }

  /** GET a JSON URL with fetch or XMLHttpRequest; resolves { status, data } for any HTTP status. */
  Demo.get = function (url, transport, signal) {
    if (transport === 'xhr') {
      return new Promise(function (resolve, reject) {
        var x = new XMLHttpRequest();
        x.open('GET', url);
        x.setRequestHeader('Accept', 'application/json');
        x.onload = function () { resolve({ status: x.status, data: parse(x.responseText) }); };
        x.onerror = function () { reject(new Error('network error')); };
        x.onabort = function () { reject(new Error('aborted')); };
        if (signal) signal.addEventListener('abort', function () { x.abort(); });
        x.send();
      });
    }
    return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', signal: signal })
      .then(function (r) { return r.text().then(function (t) { return { status: r.status, data: parse(t) }; }); });
  };

  Demo.start = function (flow) {
    return fetch('/api/sign/start', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ flow: flow })
    }).then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); });
  };
  Demo.statusUrl = function (token) { return '/api/sign/status/' + encodeURIComponent(token) + '.json'; };
  Demo.cancel = function (token) {
    return fetch('/api/sign/cancel/' + encodeURIComponent(token) + '.json', { method: 'POST', keepalive: true })
      .catch(function () {});
  };

  Demo.showCode = function (code) {
    var step = Demo.step();
    if (!step) return;
    var value = step.querySelector('[data-code]');
    if (value) value.textContent = code;
    step.querySelectorAll('[data-after-start]').forEach(function (el) { el.hidden = false; });
    var waiting = step.querySelector('[data-waiting-text]');
    if (waiting && Demo.text('waiting')) waiting.textContent = Demo.text('waiting');
  };

  /** The step is over: nothing is busy any more. */
  Demo.end = function () {
    var step = Demo.step();
    if (!step) return;
    step.setAttribute('aria-busy', 'false');
    step.querySelectorAll('.waiting').forEach(function (el) { el.hidden = true; });
  };

  /** Replace the step with a message. role: 'alert' (error) or 'status'; kind: 'error' | 'neutral' | 'success'. */
  Demo.notice = function (role, kind, message, extra) {
    var step = Demo.step();
    if (!step) return;
    step.setAttribute('aria-busy', 'false');
    var note = document.createElement('p');
    note.className = 'notice' + (kind === 'error' ? ' notice-error' : kind === 'neutral' ? ' notice-neutral' : '');
    note.setAttribute('role', role);
    note.textContent = message;
    step.replaceChildren(note);
    if (extra) step.append(extra);
  };

  Demo.retryButton = function (label) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-secondary';
    b.textContent = label;
    b.addEventListener('click', function () { location.reload(); });
    return b;
  };

  Demo.onCancel = function (fn) {
    document.addEventListener('click', function (event) {
      var target = event.target instanceof Element ? event.target.closest('[data-cancel]') : null;
      if (!target || target.matches(':disabled') || !target.closest('[data-step]')) return;
      event.preventDefault();
      fn();
    });
  };

  Demo.cancelled = function () {
    Demo.notice('status', 'neutral', Demo.text('cancelled'), Demo.retryButton(Demo.text('restart')));
    document.dispatchEvent(new CustomEvent('demo:cancelled'));
  };

  Demo.run = function (o) {
    var pollMs = o.pollMs || 3000;
    var giveUpMs = o.giveUpMs || 120000;
    var token = null, timer = 0, stopped = false, ctrl = null, startedAt = 0;
    var cancelBackend = o.cancel || Demo.cancel;
    var onError = o.onError || function (data) {
      Demo.notice('alert', 'error', Demo.t(data && data.error_code), Demo.retryButton(Demo.text('retry')));
    };
    var onTimeout = o.onTimeout || function () {
      Demo.notice('alert', 'error', Demo.t('timeout'), Demo.retryButton(Demo.text('retry')));
    };

    function stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = 0;
      if (ctrl) ctrl.abort();
      ctrl = null;
    }

    Demo.onCancel(function () {
      if (stopped) return;
      stop();
      if (token) cancelBackend(token);
      Demo.cancelled();
    });

    async function poll() {
      timer = 0;
      if (stopped) return;
      if (Date.now() - startedAt >= giveUpMs) { stop(); onTimeout(); return; }
      ctrl = new AbortController();
      var res;
      try {
        res = await Demo.get(o.statusUrl ? o.statusUrl(token) : Demo.statusUrl(token), o.transport, ctrl.signal);
      } catch (e) {
        if (stopped) return;
        stop();
        onError(null, 0);
        return;
      }
      ctrl = null;
      if (stopped) return;
      var data = res.data || {};
      if (res.status !== 200) { stop(); onError(data, res.status); return; }
      if (data.status === 'waiting') { timer = setTimeout(poll, pollMs); return; }
      stop();
      if (data.status === 'ok') { Demo.end(); o.onOk(token, data); }
      else if (data.status === 'canceled') Demo.notice('status', 'neutral', Demo.t('canceled'), Demo.retryButton(Demo.text('restart')));
      else onError(data, res.status);
    }

    (async function () {
      var session;
      try {
        session = await (o.start ? o.start() : Demo.start(o.flow));
      } catch (e) {
        if (!stopped) { stop(); onError(null, 0); }
        return;
      }
      token = session.token;
      if (stopped) { cancelBackend(token); return; }
      startedAt = Date.now();
      Demo.showCode(session.control_code);
      timer = setTimeout(poll, pollMs);
    })();

    return { stop: stop };
  };

  window.Demo = Demo;
})();
`;

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

const DOC = {
  en: {
    heading: 'Document: Service agreement',
    body: `<h3>Service agreement</h3>
<p class="doc-meta">Agreement No. DL-A17 · Vilnius</p>
<p><strong>1. Parties.</strong> UAB Demo ("the Lessor") and Jonas Jonaitis ("the Customer") agree as follows.</p>
<p><strong>2. Subject.</strong> The Lessor leases a passenger car to the Customer for private use. The car stays the Lessor's property until the last payment.</p>
<p><strong>3. Payments.</strong> The monthly payment is EUR 289.00, due by the 15th day of each month. The term is 36 months.</p>
<p><strong>4. Insurance.</strong> The Customer keeps the car insured against damage and theft for the whole term.</p>
<p><strong>5. Signature.</strong> The parties sign this agreement with qualified electronic signatures.</p>`,
  },
  lt: {
    heading: 'Dokumentas: Paslaugų sutartis',
    body: `<h3>Paslaugų sutartis</h3>
<p class="doc-meta">Sutarties Nr. DL-A17 · Vilnius</p>
<p><strong>1. Šalys.</strong> UAB Demo (toliau – Lizingo davėjas) ir Jonas Jonaitis (toliau – Klientas) susitaria taip.</p>
<p><strong>2. Dalykas.</strong> Lizingo davėjas išnuomoja Klientui lengvąjį automobilį asmeniniam naudojimui. Automobilis lieka Lizingo davėjo nuosavybe iki paskutinės įmokos.</p>
<p><strong>3. Įmokos.</strong> Mėnesio įmoka – 289,00 EUR, mokama iki kiekvieno mėnesio 15 dienos. Sutarties terminas – 36 mėnesiai.</p>
<p><strong>4. Draudimas.</strong> Klientas visą terminą draudžia automobilį nuo žalos ir vagystės.</p>
<p><strong>5. Pasirašymas.</strong> Šalys šią sutartį pasirašo kvalifikuotais elektroniniais parašais.</p>`,
  },
} as const;

function docPanel(lang: Lang): string {
  return `      <section class="card doc-panel" aria-labelledby="doc-title">
        <div class="doc-panel-head"><h2 id="doc-title">${DOC[lang].heading}</h2></div>
        <div class="doc-text">${DOC[lang].body}</div>
      </section>`;
}

const STEP = {
  en: {
    steps: ['Review', 'Sign', 'Done'],
    title: 'Sign with Smart-ID',
    starting: 'Starting Smart-ID signing…',
    waiting: 'Waiting for confirmation in the Smart-ID app…',
    vcLabel: 'Verification code',
    hint: 'Make sure the code matches the one in your Smart-ID app, then enter PIN2.',
    cancel: 'Cancel',
    cancelled: 'Signing cancelled. Nothing was signed.',
    restart: 'Start again',
    retry: 'Try again',
    summary: [
      ['Document', 'Service agreement (PDF)'],
      ['Signer', 'Jonas Jonaitis'],
      ['Signature', 'Qualified electronic signature'],
    ],
  },
  lt: {
    steps: ['Peržiūra', 'Pasirašymas', 'Atlikta'],
    title: 'Pasirašymas su Smart-ID',
    starting: 'Pradedamas pasirašymas su Smart-ID…',
    waiting: 'Laukiama patvirtinimo Smart-ID programėlėje…',
    vcLabel: 'Kontrolinis kodas',
    hint: 'Įsitikinkite, kad kodas sutampa su rodomu Smart-ID programėlėje, tada įveskite PIN2.',
    cancel: 'Atšaukti',
    cancelled: 'Pasirašymas atšauktas. Niekas nebuvo pasirašyta.',
    restart: 'Pradėti iš naujo',
    retry: 'Bandyti dar kartą',
    summary: [
      ['Dokumentas', 'Paslaugų sutartis (PDF)'],
      ['Pasirašantysis', 'Jonas Jonaitis'],
      ['Parašas', 'Kvalifikuotas elektroninis parašas'],
    ],
  },
} as const;

interface StepOptions {
  /** Replaces the compare-then-PIN2 hint. */
  hint?: string;
  /** Replaces the "Waiting for confirmation…" line and drops its spinner (a step that does not wait for anything). */
  instruction?: string;
  /** Extra buttons before Cancel. */
  actions?: string;
}

/** The signing card: stepper, the [data-step] waiting step (code hidden until the session starts), summary. */
function signCard(lang: Lang, o: StepOptions = {}): string {
  const s = STEP[lang];
  const busy = o.instruction === undefined;
  const attrs = `data-step aria-busy="${busy}" data-waiting="${esc(o.instruction ?? s.waiting)}" data-cancelled="${esc(s.cancelled)}" data-restart="${esc(s.restart)}" data-retry="${esc(s.retry)}"`;
  return `      <section class="card" aria-labelledby="sign-title">
        <ol class="stepper">
          <li class="done"><span class="num">✓</span>${s.steps[0]}</li>
          <li aria-current="step"><span class="num">2</span>${s.steps[1]}</li>
          <li><span class="num">3</span>${s.steps[2]}</li>
        </ol>
        <div class="card-title"><h2 id="sign-title">${s.title}</h2><span class="method-badge">Smart-ID</span></div>
        <div ${attrs}>
          ${
            busy
              ? `<p class="waiting" role="status"><span class="spinner" aria-hidden="true"></span><span data-waiting-text>${s.starting}</span></p>`
              : `<p class="instruction" data-after-start hidden>${o.instruction}</p>`
          }
          <div class="vc-box" role="group" aria-labelledby="vc-label" data-after-start hidden>
            <span class="vc-label" id="vc-label">${s.vcLabel}</span>
            <strong class="vc-value" data-code></strong>
          </div>
          <p class="vc-hint" data-after-start hidden>${o.hint ?? s.hint}</p>
          <div class="step-actions">${o.actions ?? ''}<button type="button" class="btn btn-secondary btn-block" data-cancel>${s.cancel}</button></div>
        </div>
        <dl class="summary">${s.summary.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
      </section>`;
}

function signPage(lang: Lang, body: { step?: StepOptions; script: string; head?: string; cleanStorage?: boolean }): string {
  const en = lang === 'en';
  return layout({
    lang,
    title: en ? 'Sign your service agreement' : 'Pasirašykite paslaugų sutartį',
    h1: en ? 'Sign your service agreement' : 'Pasirašykite paslaugų sutartį',
    crumb: en ? 'Service agreement' : 'Paslaugų sutartis',
    head: body.head,
    body: `      <div class="layout-sign">\n${docPanel(lang)}\n${signCard(lang, body.step)}\n      </div>`,
    flowJs: true,
    script: body.script,
    cleanStorage: body.cleanStorage,
  });
}

const DOWNLOAD_HREF = '/flows/files/service-agreement-signed.pdf';

/** Browser snippet: show the "signed" result in place of the step (pages that stay on the page after "ok"). */
const INLINE_DONE = `function () {
  var link = document.createElement('p');
  link.className = 'mt-2';
  link.innerHTML = '<a class="btn btn-primary" href="${DOWNLOAD_HREF}" download>Download the signed document (PDF)</a>';
  Demo.notice('status', 'success', 'Document signed. Your service agreement has been signed with a qualified electronic signature.', link);
}`;

// ---------------------------------------------------------------------------------------------------------------
// Scenario pages

function pollGood(): string {
  return signPage('en', {
    script: `Demo.run({ flow: 'poll-good', pollMs: 3000, onOk: function () { location.assign('/flows/done.html'); } });`,
  });
}

function pollHammer(): string {
  return signPage('en', {
    script: `Demo.run({ flow: 'poll-hammer', pollMs: 250, onOk: function () { location.assign('/flows/done.html'); } });`,
  });
}

/** The flaw: a setInterval that Cancel never clears, and a loop that only knows "ok" and "error". */
function pollNoStopAfterCancel(): string {
  return signPage('en', {
    script: `
(async function () {
  var session = await Demo.start('poll-no-stop-after-cancel');
  Demo.showCode(session.control_code);
  var done = false;
  setInterval(async function () {
    if (done) return;
    var res = await Demo.get(Demo.statusUrl(session.token));
    var data = res.data || {};
    if (data.status === 'ok') { done = true; location.assign('/flows/done.html'); }
    else if (data.status === 'error') { done = true; Demo.notice('alert', 'error', Demo.t(data.error_code)); }
    // "waiting" and "canceled" fall through: the interval keeps running.
  }, 2000);
  Demo.onCancel(function () {
    Demo.cancel(session.token);
    Demo.cancelled();
  });
})();`,
  });
}

/**
 * The flaw: the page learns the result from a second channel (one held request to /api/sign/result/{token}.json)
 * and shows "Document signed", but its status interval is never cleared, and the status endpoint of this backend
 * keeps answering "waiting". Status checks that go on after the page says it is over are the failure.
 */
function pollSuccessKeepsPolling(): string {
  return signPage('en', {
    script: `
(async function () {
  var session = await Demo.start('poll-success-keeps-polling');
  Demo.showCode(session.control_code);
  var shown = false;
  setInterval(function () {
    Demo.get(Demo.statusUrl(session.token)).then(function (res) {
      var data = res.data || {};
      if (!shown && data.status === 'ok') { shown = true; (${INLINE_DONE})(); }
      // "waiting" falls through: the loop never looks at what the page already shows.
    }).catch(function () {});
  }, 3000);
  Demo.get('/api/sign/result/' + encodeURIComponent(session.token) + '.json').then(function (res) {
    if (!shown && res.data && res.data.status === 'ok') { shown = true; Demo.end(); (${INLINE_DONE})(); }
  });
  Demo.onCancel(function () {
    Demo.cancel(session.token);
    Demo.cancelled();
  });
})();`,
  });
}

/** The flaw: the page's own 30 s timeout stops the polling and shows nothing. */
function pollTimeoutSilent(): string {
  return signPage('en', {
    script: `Demo.run({
  flow: 'poll-timeout-silent',
  pollMs: 3000,
  giveUpMs: 30000,
  onOk: function () { location.assign('/flows/done.html'); },
  onTimeout: function () { /* gave up: the spinner simply stays */ }
});`,
  });
}

/** The flaw: the error payload is printed as it came. */
function rawJsonError(): string {
  return signPage('en', {
    script: `Demo.run({
  flow: 'raw-json-error',
  pollMs: 3000,
  onOk: function () { location.assign('/flows/done.html'); },
  onError: function (data, status) {
    Demo.end();
    var pre = document.createElement('pre');
    pre.className = 'raw-error';
    pre.textContent = data ? JSON.stringify(data) : 'HTTP ' + status;
    Demo.step().replaceChildren(pre);
  }
});`,
  });
}

function errorGoodLt(): string {
  return signPage('lt', {
    script: `Demo.run({ flow: 'error-good-lt', pollMs: 3000, transport: 'xhr', onOk: function () { location.assign('/flows/done.html'); } });`,
  });
}

function redirectGood(): string {
  return signPage('en', {
    script: `Demo.run({ flow: 'redirect-good', pollMs: 3000, onOk: function (token) { location.assign('/flows/return?session=' + encodeURIComponent(token)); } });`,
  });
}

function redirectLoop(): string {
  return signPage('en', {
    script: `Demo.run({ flow: 'redirect-loop', pollMs: 3000, onOk: function (token) { location.assign('/flows/loop-a?session=' + encodeURIComponent(token)); } });`,
  });
}

function returnToStart(): string {
  return signPage('en', {
    script: `Demo.run({ flow: 'return-to-start', pollMs: 3000, onOk: function () { location.assign('/flows/start.html'); } });`,
  });
}

/**
 * The flaw: the integration runs in the browser. The API token comes from a config endpoint and rides on every
 * Dokobit-shaped call (to this host; the Dokobit base URL is only text in the script).
 */
function tokenInRequest(): string {
  return signPage('en', {
    script: `
// Dokobit WS API, called straight from the browser.
// Production would use DOKOBIT_API; during development the same paths are proxied by our own host.
var DOKOBIT_API = 'https://developers.dokobit.com/api/v2';
var USE_LOCAL_PROXY = true;
var apiBase = USE_LOCAL_PROXY ? '/api/v2' : DOKOBIT_API;
var accessToken = null;

Demo.run({
  flow: 'token-in-request',
  pollMs: 3000,
  start: async function () {
    var config = await (await fetch('/api/config.json', { headers: { Accept: 'application/json' } })).json();
    accessToken = config.dokobit.access_token;
    var r = await fetch(apiBase + '/smartid/sign.json?access_token=' + encodeURIComponent(accessToken), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: 'type=pdf&code=38001010000&country=LT&files[0][name]=service-agreement.pdf'
    });
    if (!r.ok) throw new Error('HTTP ' + r.status);
    var data = await r.json();
    return { token: data.token, control_code: data.control_code };
  },
  statusUrl: function (token) {
    return apiBase + '/smartid/sign/status/' + encodeURIComponent(token) + '.json?access_token=' + encodeURIComponent(accessToken);
  },
  cancel: function () { return Promise.resolve(); },
  onOk: ${INLINE_DONE}
});`,
  });
}

/**
 * Several flaws at once, so the checks must keep them apart: hammering status checks that carry the API token,
 * then the raw error payload printed into the page.
 */
function allAtOnce(): string {
  return signPage('en', {
    script: `var leaked = 'testgw_0a1b2c3d4e5f6a7b8c9d';
Demo.run({
  flow: 'all-at-once',
  pollMs: 400,
  statusUrl: function (token) { return '/api/sign/status/' + encodeURIComponent(token) + '.json?access_token=' + leaked; },
  onOk: function () { location.assign('/flows/done.html'); },
  onError: function (data, status) {
    Demo.end();
    var pre = document.createElement('pre');
    pre.textContent = data ? JSON.stringify(data) : 'HTTP ' + status;
    Demo.step().replaceChildren(pre);
  }
});`,
  });
}

/** The flaw: the API token is written into the page and into localStorage. */
function tokenInHtml(): string {
  return signPage('en', {
    cleanStorage: false,
    head: `  <script>
    // Dokobit settings for the signing widget
    const DOKOBIT_ACCESS_TOKEN = "testgw_9f8e7d6c5b4a39281706";
    localStorage.setItem('dokobitToken', DOKOBIT_ACCESS_TOKEN);
    // Demo hygiene (not part of the flaw): do not leave the token behind for the other demo pages of this origin.
    addEventListener('pagehide', function () { try { localStorage.removeItem('dokobitToken'); } catch (e) {} });
  </script>
`,
    script: `Demo.run({ flow: 'token-in-html', pollMs: 3000, onOk: ${INLINE_DONE} });`,
  });
}

function signerUrlOk(): string {
  return layout({
    lang: 'en',
    title: 'Sign your service agreement',
    h1: 'Sign your service agreement',
    crumb: 'Service agreement',
    body: `      <div class="layout-sign">
        <section class="card" aria-labelledby="gw-title">
          <h2 id="gw-title">Review and sign</h2>
          <p class="small muted">The document and the signing methods are shown by our signing partner below.</p>
          <iframe class="frame" src="/signing/3f1c9a0d?access_token=signer-token-abc" title="Signing page: Service agreement"></iframe>
        </section>
        <section class="card" aria-labelledby="id-title">
          <h2 id="id-title">Your identity</h2>
          <div id="Dokobit-identity-container" class="notice notice-neutral" role="status">Signed in as Jonas Jonaitis.</div>
          <dl class="summary">
            <dt>Document</dt><dd>Service agreement (PDF)</dd>
            <dt>Signer</dt><dd>Jonas Jonaitis</dd>
            <dt>Signature</dt><dd>Qualified electronic signature</dd>
          </dl>
        </section>
      </div>`,
    script: `
// Identity Gateway session created by our backend; the API token itself stays on the server.
function DokobitIdentity(options) { this.options = options; }
DokobitIdentity.prototype.init = function () {
  document.getElementById('Dokobit-identity-container').setAttribute('data-session', 'ready');
  return this;
};
new DokobitIdentity({ sessionToken: 'ig-session-7c41e2d9b0a84f16', locale: 'en', container: '#Dokobit-identity-container' }).init();`,
  });
}

/** The flaw: production and sandbox Dokobit hosts side by side (as text and a never-loaded data-src only). */
function envMixed(): string {
  return layout({
    lang: 'en',
    title: 'Sign your service agreement',
    h1: 'Sign your service agreement',
    crumb: 'Service agreement',
    body: `      <div class="layout-sign">
${docPanel('en')}
        <section class="card" aria-labelledby="gw-title">
          <h2 id="gw-title">Sign with Dokobit</h2>
          <p>Signing is provided by Dokobit (gateway.dokobit.com). The signing window opens below once your document is ready.</p>
          <div class="gateway-slot">
            <iframe title="Dokobit signing" data-src="https://gateway-sandbox.dokobit.com/signing/5d2e9a71c4b8" hidden></iframe>
            <p class="mb-0">Your document is being prepared for signing.</p>
          </div>
          <p class="small muted mt-2">Identity check: id-sandbox.dokobit.com</p>
        </section>
      </div>`,
    script: `
// Signing configuration
var DOKOBIT = {
  gateway: 'https://gateway.dokobit.com',
  signingFrame: 'https://gateway-sandbox.dokobit.com/signing/5d2e9a71c4b8',
  identity: 'https://id-sandbox.dokobit.com'
};
// The frame is attached later by the back office; nothing is loaded here.
document.querySelector('iframe[data-src]').setAttribute('data-env', 'production');`,
  });
}

/** The flaw: a production page with a Smart-ID test identity already filled in. */
function envTestIdentity(): string {
  return layout({
    lang: 'en',
    title: 'Log in to My account',
    h1: 'Log in to My account',
    head: '  <meta name="environment" content="production">\n',
    headerExtra: '<span class="env-badge">Production</span>',
    body: `      <div class="card narrow">
        <div class="card-title"><h2 class="mb-0">Log in with Smart-ID</h2><span class="method-badge">Smart-ID</span></div>
        <form action="#" onsubmit="return false">
          <label class="field"><span class="field-label">Country</span>
            <select class="input" name="country"><option value="LT" selected>Lithuania</option><option value="LV">Latvia</option><option value="EE">Estonia</option></select>
          </label>
          <label class="field"><span class="field-label">Personal code</span>
            <input class="input" name="personal_code" inputmode="numeric" autocomplete="off" value="30303039914">
          </label>
          <button type="submit" class="btn btn-primary btn-block">Continue</button>
        </form>
        <p class="small muted mt-2">Environment: Production</p>
      </div>`,
  });
}

/** Status over one EventSource stream instead of repeated requests. */
function wsStatus(): string {
  return signPage('en', {
    script: `
(async function () {
  var session;
  try { session = await Demo.start('ws-status'); }
  catch (e) { Demo.notice('alert', 'error', Demo.t(), Demo.retryButton(Demo.text('retry'))); return; }
  Demo.showCode(session.control_code);
  var source = new EventSource('/api/sse/' + encodeURIComponent(session.token));
  var ended = false;
  var giveUp = setTimeout(function () { end(); Demo.notice('alert', 'error', Demo.t('timeout'), Demo.retryButton(Demo.text('retry'))); }, 120000);
  function end() { ended = true; clearTimeout(giveUp); source.close(); }
  source.onmessage = function (event) {
    if (ended) return;
    var data = JSON.parse(event.data);
    if (data.status === 'waiting') return;
    end();
    if (data.status === 'ok') { Demo.end(); location.assign('/flows/done.html'); }
    else if (data.status === 'canceled') Demo.notice('status', 'neutral', Demo.t('canceled'), Demo.retryButton(Demo.text('restart')));
    else Demo.notice('alert', 'error', Demo.t(data.error_code), Demo.retryButton(Demo.text('retry')));
  };
  source.onerror = function () {
    if (ended || source.readyState !== EventSource.CLOSED) return; // CONNECTING: the browser retries by itself
    end();
    Demo.notice('alert', 'error', Demo.t(), Demo.retryButton(Demo.text('retry')));
  };
  Demo.onCancel(function () {
    if (ended) return;
    end();
    Demo.cancel(session.token);
    Demo.cancelled();
  });
})();`,
  });
}

/** The flaw: the user has to say when the phone step is done; the page never asks for the status. */
function noStatusChecks(): string {
  return signPage('en', {
    step: {
      instruction: 'Confirm the signing in the Smart-ID app on your phone.',
      hint: 'After confirming on your phone, press Continue.',
      actions: '<a class="btn btn-primary btn-block" href="/flows/done.html" data-continue>Continue</a>',
    },
    script: `
(async function () {
  var session = await Demo.start('no-status-checks');
  Demo.showCode(session.control_code);
  Demo.onCancel(function () { Demo.cancel(session.token); Demo.cancelled(); });
})();`,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Support pages

function donePage(): string {
  return layout({
    lang: 'en',
    title: 'Document signed',
    h1: 'Document signed',
    crumb: 'Service agreement',
    body: `      <div class="card narrow">
        <ol class="stepper">
          <li class="done"><span class="num">✓</span>Review</li>
          <li class="done"><span class="num">✓</span>Sign</li>
          <li class="done" aria-current="step"><span class="num">✓</span>Done</li>
        </ol>
        <p class="notice" role="status">Your service agreement has been signed with a qualified electronic signature.</p>
        <p>Download the signed document and keep it for your records. You can check the signature with any qualified validation service.</p>
        <p><a class="btn btn-primary" href="${DOWNLOAD_HREF}" download>Download the signed document (PDF)</a></p>
        <p class="mb-0"><a href="#">Back to My agreements</a></p>
      </div>`,
  });
}

function startPage(): string {
  return layout({
    lang: 'en',
    title: 'Sign your service agreement',
    h1: 'Sign your service agreement',
    crumb: 'Service agreement',
    body: `      <div class="layout-sign">
${docPanel('en')}
        <section class="card" aria-labelledby="choose-title">
          <ol class="stepper">
            <li class="done"><span class="num">✓</span>Review</li>
            <li aria-current="step"><span class="num">2</span>Sign</li>
            <li><span class="num">3</span>Done</li>
          </ol>
          <h2 id="choose-title">Choose how to sign</h2>
          <fieldset class="choice-list">
            <legend class="sr-only">Signing method</legend>
            <label class="choice"><input type="radio" name="method" value="smartid" checked><span><strong>Smart-ID</strong><br><span class="small muted">Confirm in the Smart-ID app</span></span></label>
            <label class="choice"><input type="radio" name="method" value="mobileid"><span><strong>Mobile-ID</strong><br><span class="small muted">Confirm on your phone's SIM</span></span></label>
          </fieldset>
          <a class="btn btn-primary btn-block" href="/flows/poll-good.html">Sign</a>
          <dl class="summary">
            <dt>Document</dt><dd>Service agreement (PDF)</dd>
            <dt>Signer</dt><dd>Jonas Jonaitis</dd>
          </dl>
        </section>
      </div>`,
  });
}

const SHORT: Record<string, string> = { pass: 'pass', fail: 'FAIL', review: 'review', 'not-applicable': 'n/a' };
const CHECK_COLUMNS: FlowCheckId[] = ['polling', 'flow', 'error-handling', 'token-exposure', 'environment', 'control-code', 'cancel'];

function indexPage(): string {
  const rows = flowScenarios
    .map(
      (s) =>
        `<tr><td><a href="${s.path}">${esc(s.path.replace('/flows/', ''))}</a>${s.exercise ? ` <span class="small muted">(press ${s.exercise})</span>` : ''}</td><td>${s.lang}</td>` +
        CHECK_COLUMNS.map((c) => `<td>${s.expect[c] ? SHORT[s.expect[c]] : '–'}</td>`).join('') +
        `<td>${(s.observeMs / 1000).toFixed(0)} s</td><td class="small">${esc(s.description.replace(/testgw_\w+/g, 'testgw_…'))}</td></tr>`,
    )
    .join('\n');
  const support = flowSupportPages
    .map((p) => `<a href="${p.path}">${esc(p.path.replace('/flows/', ''))}</a> (${esc(p.title)})`)
    .join(' · ');
  return layout({
    lang: 'en',
    title: 'Flow demo',
    h1: 'Flow demo: status polling, return flow, errors, tokens, environment',
    body: `      <div class="card">
        <p>Each page starts its signing flow on load and talks only to this server. The columns give the verdict each check should reach (– = not part of the scenario).</p>
        <div class="table-wrap"><table class="table">
          <thead><tr><th>Page</th><th>Lang</th>${CHECK_COLUMNS.map((c) => `<th>${c}</th>`).join('')}<th>Watch</th><th>What it does</th></tr></thead>
          <tbody>
${rows}
          </tbody>
        </table></div>
        <p class="small muted mt-2">Support pages: ${support}</p>
      </div>`,
  });
}

/** The per-signer signing page of the fake gateway (framed by signer-url-ok.html). It starts nothing by itself. */
export function signingFramePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Service agreement – Signing</title>
  <link rel="icon" href="data:,">
  <style>${CSS}
body { background: #fff; }
.gw { padding: 18px; }
.gw-head { display: flex; justify-content: space-between; align-items: center; border-bottom: 1px solid var(--line); padding-bottom: 10px; margin-bottom: 14px; }
.gw .doc-text { max-height: 250px; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; }
.tabs { display: flex; gap: 8px; margin: 14px 0; }
.tab { padding: 6px 14px; border: 1px solid #cbd2dc; border-radius: 999px; background: #fff; font: inherit; cursor: pointer; }
.tab[aria-selected="true"] { background: var(--brand); color: #fff; border-color: var(--brand); }
  </style>
</head>
<body>
  <div class="gw">
    <div class="gw-head"><strong>Service agreement</strong><span class="small muted">Signing gateway (demo)</span></div>
    <div class="doc-text">${DOC.en.body}</div>
    <div class="tabs" role="tablist" aria-label="Signing method">
      <button class="tab" role="tab" aria-selected="true">Smart-ID</button>
      <button class="tab" role="tab" aria-selected="false">Mobile-ID</button>
    </div>
    <label class="field"><span class="field-label">Personal code</span><input class="input" name="code" inputmode="numeric" autocomplete="off"></label>
    <button type="button" class="btn btn-primary btn-block">Sign</button>
  </div>
</body>
</html>
`;
}

/** A plain error page of the server itself (404, 403, 508). */
export function errorPage(status: number, heading: string, text: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${status} ${esc(heading)}</title><link rel="icon" href="data:,"></head>
<body style="font-family: system-ui, sans-serif; margin: 40px;"><h1>${status} ${esc(heading)}</h1><p>${esc(text)}</p></body>
</html>
`;
}

/** Page name (the file name under /flows/) → HTML. Rendered once per request (cheap). */
export const flowPages: Record<string, () => string> = {
  'index.html': indexPage,
  'poll-good.html': pollGood,
  'poll-hammer.html': pollHammer,
  'poll-no-stop-after-cancel.html': pollNoStopAfterCancel,
  'poll-timeout-silent.html': pollTimeoutSilent,
  'poll-success-keeps-polling.html': pollSuccessKeepsPolling,
  'raw-json-error.html': rawJsonError,
  'error-good-lt.html': errorGoodLt,
  'redirect-good.html': redirectGood,
  'redirect-loop.html': redirectLoop,
  'return-to-start.html': returnToStart,
  'token-in-request.html': tokenInRequest,
  'token-in-html.html': tokenInHtml,
  'all-at-once.html': allAtOnce,
  'signer-url-ok.html': signerUrlOk,
  'env-mixed.html': envMixed,
  'env-test-identity.html': envTestIdentity,
  'ws-status.html': wsStatus,
  'no-status-checks.html': noStatusChecks,
  'done.html': donePage,
  'start.html': startPage,
};
