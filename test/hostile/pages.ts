/**
 * Hostile pages, generated: each one attacks the auditor in one way (built-ins overridden in the page's world,
 * polluted prototypes, DOM clobbering, giant and deep documents, mutation storms, frames, CSP, reloads, redirects…)
 * and most of them also show one ordinary signing step (code + cancel) so the verdicts mean something.
 * Every page carries the same bits of state the auditor must not touch: a focused field, a selection, a scroll
 * offset, and a counter of the page's own uncaught errors.
 */

export interface HostilePage {
  /** Unique slug: served at /p/<name>. */
  name: string;
  /** What the page does to the auditor, for the report. */
  what: string;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Further documents of the page (frames), served at /p/<name>/<key>. */
  sub?: Record<string, string>;
  /** Load this path instead of /p/<name> (redirect chains); the report must come from /p/<name>. */
  startPath?: string;
  /** The signing step's code, when the page shows an ordinary step: control-code must pass with it, cancel must pass. */
  code?: string;
  /** The page re-makes itself (reloads, replaced <html>): its DOM is compared at rest, scroll / focus / selection not at all. */
  unstableView?: true;
  /** Giant or CPU-busy documents run one at a time, in a lane of their own. */
  heavy?: true;
  /** Opt in to deep inspection (the extension's only code in the page's world). Served from its own host. */
  deep?: true;
  /** How long the page needs after load before its DOM is at rest (ms). */
  settleMs?: number;
}

const NONCE = 'h4n';

/** A 4-digit code per page: never a year-like 19xx/20xx, sometimes with a leading zero. */
function codeFor(i: number): string {
  let n = (i * 7919 + 417) % 10000;
  while ((n >= 1900 && n < 2100) || (n < 100 && i % 5 !== 0)) n = (n + 2333) % 10000;
  return String(n).padStart(4, '0');
}

/** The step styled inline, for documents and shadow roots the page's stylesheet does not reach. */
export const inlineStyled = (step: string) => step.replace('class="code"', 'class="code" style="font-size:40px;font-weight:700;margin:0"');

export function signingStep(code: string, options: { cancel?: string; label?: string; compare?: string; heading?: string } = {}): string {
  return (
    `<section id="step"><h2>${options.heading ?? 'Confirm with Smart-ID'}</h2><p>${options.label ?? 'Verification code'}</p>` +
    `<p class="code">${code}</p><p>${options.compare ?? 'Make sure the code matches the one in your Smart-ID app.'}</p>` +
    `<button type="button" id="cancel">${options.cancel ?? 'Cancel'}</button></section>`
  );
}

/** Runs first: counts the page's own uncaught errors (with references taken before anything is overridden). */
const ERROR_COUNTER = `<script nonce="${NONCE}">(function(){var w=window;w.__h4errors=0;var add=w.addEventListener;
add.call(w,'error',function(){w.__h4errors++});add.call(w,'unhandledrejection',function(){w.__h4errors++});})();</script>`;

/** Runs last: the state the auditor must leave alone. Uses prototype methods, not (clobberable) document members. */
const STATE_SCRIPT = `<script nonce="${NONCE}">(function(){var byId=Document.prototype.getElementById;
var i=byId.call(document,'h4-focus');if(i)HTMLElement.prototype.focus.call(i);
var p=byId.call(document,'h4-sel');var s=window.getSelection();if(p&&s)s.selectAllChildren(p);window.scrollTo(0,40);})();</script>`;

const STATE_BITS = `<p id="h4-sel">Reference text the page itself selects.</p><input id="h4-focus" name="note" value="note">`;

const STYLE = `<style nonce="${NONCE}">body{font:16px/1.4 sans-serif;margin:16px}.code{font-size:40px;font-weight:700;margin:0}
.spacer{height:1400px}</style>`;

interface DocOptions {
  head?: string;
  /** Before the step. */
  before?: string;
  /** After the step and the state bits. */
  after?: string;
  /** Last, after the state script. */
  tail?: string;
  step?: string | false;
  lang?: string;
  dir?: string;
  state?: boolean;
}

/** A whole HTML document: error counter, hostile head, heading, step, state bits, spacer, state script. */
export function doc(code: string, o: DocOptions = {}): string {
  const step = o.step === false ? '' : (o.step ?? signingStep(code));
  const state = o.state !== false;
  return (
    `<!doctype html><html lang="${o.lang ?? 'en'}"${o.dir ? ` dir="${o.dir}"` : ''}><head><meta charset="utf-8"><title>Sign the contract</title>` +
    `${ERROR_COUNTER}${STYLE}${o.head ?? ''}</head><body><main><h1>Sign the contract</h1>${o.before ?? ''}${step}` +
    `${state ? STATE_BITS : ''}${o.after ?? ''}</main><div class="spacer"></div>${state ? STATE_SCRIPT : ''}${o.tail ?? ''}</body></html>`
  );
}

const script = (js: string) => `<script nonce="${NONCE}">${js}</script>`;
/** The page's own changing region: serialised as a placeholder when comparing DOMs. */
export const volatile = (inner: string) => `<div data-h4-volatile="">${inner}</div><!--/volatile-->`;
export const VOLATILE_RE = /<div data-h4-volatile="">[\s\S]*?<\/div><!--\/volatile-->/g;

/** Field names of our snapshots and reports (src/audit/types.ts) and of the messages between our parts. */
const OUR_FIELDS = [
  'layout',
  'hidden',
  'fontSize',
  'fontWeight',
  'contrast',
  'text',
  'role',
  'attrs',
  'frames',
  'codes',
  'code',
  'status',
  'checks',
  'findings',
  'evidence',
  'target',
  'nodes',
  'parent',
  'tag',
  'nth',
  'shadow',
  'name',
  'disabled',
  'control',
  'box',
  'inViewport',
  'coveredBy',
  'color',
  'background',
  'visual',
  'truncated',
  'url',
  'frameId',
  'isTop',
  'lang',
  'viewport',
  'scroll',
  'type',
  'snapshot',
  'report',
  'items',
  'label',
  'outcome',
  'severity',
  'message',
  'summary',
  'history',
  'timeline',
  'receivedCodes',
  'exposure',
  'flow',
  'slotted',
  'fixed',
  'edge',
  'inShadow',
  'elementCount',
  'gatheredAt',
  'x',
  'y',
  'w',
  'h',
  'i',
];

/** Built-ins a page may override; each in a "junk" (lies) and a "throw" form. */
const BUILTINS: Record<string, { junk: string; thrown: string }> = {
  getBoundingClientRect: {
    junk: `Element.prototype.getBoundingClientRect=function(){return {x:-9e9,y:-9e9,left:-9e9,top:-9e9,right:0,bottom:0,width:0,height:0}};`,
    thrown: `Element.prototype.getBoundingClientRect=function(){throw new Error('h4 gbcr')};Element.prototype.getClientRects=function(){throw new Error('h4 gcr')};`,
  },
  getComputedStyle: {
    junk: `window.getComputedStyle=function(){return {display:'none',visibility:'hidden',opacity:'0',fontSize:'1px',getPropertyValue:function(){return 'none'}}};`,
    thrown: `window.getComputedStyle=function(){throw new Error('h4 gcs')};`,
  },
  arrayMap: {
    junk: `Array.prototype.map=function(){return ['0000']};Array.prototype.filter=function(){return []};`,
    thrown: `Array.prototype.map=function(){throw new Error('h4 map')};Array.prototype.forEach=function(){throw new Error('h4 forEach')};`,
  },
  json: {
    junk: `JSON.stringify=function(){return '{"status":"pass","hidden":true}'};JSON.parse=function(){return {control_code:'0000'}};`,
    thrown: `JSON.stringify=function(){throw new Error('h4 stringify')};JSON.parse=function(){throw new Error('h4 parse')};`,
  },
  textContent: {
    junk: `Object.defineProperty(Node.prototype,'textContent',{get:function(){return '0000'},set:function(){},configurable:true});`,
    thrown: `Object.defineProperty(Node.prototype,'textContent',{get:function(){throw new Error('h4 textContent')},set:function(){throw new Error('h4 textContent=')},configurable:true});`,
  },
  mutationObserver: {
    junk: `window.MutationObserver=function(){return {observe:function(){},disconnect:function(){},takeRecords:function(){return []}}};`,
    thrown: `window.MutationObserver=function(){throw new Error('h4 MO')};MutationObserver.prototype={};`,
  },
  createTreeWalker: {
    junk: `Document.prototype.createTreeWalker=function(){return {nextNode:function(){return null},currentNode:null}};`,
    thrown: `Document.prototype.createTreeWalker=function(){throw new Error('h4 tw')};Document.prototype.createNodeIterator=function(){throw new Error('h4 ni')};`,
  },
};

/** Fetches the code from the page's own API once, so deep inspection has something to read. */
const fetchCode = (code: string) =>
  script(
    `(function(){var f=window.fetch,st=setTimeout;st(function(){f('/api/code/${code}').then(function(r){return r.text()}).catch(function(){});},400);})();`,
  );

export function hostilePages(): HostilePage[] {
  const pages: HostilePage[] = [];
  let i = 0;
  const add = (p: Omit<HostilePage, 'body'> & { body?: string }, make: (code: string) => string) => {
    const code = codeFor(i++);
    pages.push({ ...p, code: p.code === undefined ? code : p.code || undefined, body: make(code) } as HostilePage);
  };
  // A page with nothing hostile: the yardstick for the rest.
  add({ name: 'control', what: 'an ordinary signing step' }, (c) => doc(c));

  for (const [name, forms] of Object.entries(BUILTINS)) {
    add({ name: `builtin-${name}-junk`, what: `${name} overridden to lie in the page's world` }, (c) =>
      doc(c, { head: script(forms.junk) }),
    );
    add(
      { name: `builtin-${name}-throw`, what: `${name} overridden to throw in the page's world`, deep: name === 'json' ? true : undefined },
      (c) => doc(c, { head: script(forms.thrown), tail: name === 'json' ? fetchCode(c) : '' }),
    );
  }
  const allThrow = Object.values(BUILTINS)
    .map((f) => f.thrown)
    .join('');
  const allJunk = Object.values(BUILTINS)
    .map((f) => f.junk)
    .join('');
  add({ name: 'builtin-all-throw', what: 'every listed built-in throws; deep inspection on', deep: true }, (c) =>
    doc(c, {
      head: script(
        allThrow +
          `Object.entries=function(){throw new Error('h4 entries')};String.prototype.split=function(){throw new Error('h4 split')};window.CustomEvent=function(){throw new Error('h4 CE')};EventTarget.prototype.dispatchEvent=function(){throw new Error('h4 dispatch')};`,
      ),
      tail: fetchCode(c),
    }),
  );
  add({ name: 'builtin-all-junk', what: 'every listed built-in lies' }, (c) => doc(c, { head: script(allJunk) }));

  // Object.prototype polluted with our own field names.
  const values = OUR_FIELDS.map(
    (f) =>
      `P[${JSON.stringify(f)}]=${f === 'hidden' || f === 'disabled' || f === 'truncated' ? 'true' : f === 'frames' || f === 'codes' || f === 'nodes' || f === 'checks' || f === 'findings' || f === 'items' ? "['0000']" : f === 'fontSize' || f === 'contrast' || f === 'x' || f === 'y' || f === 'w' || f === 'h' || f === 'i' ? '1' : "'0000'"};`,
  ).join('');
  add({ name: 'pollute-values', what: 'Object.prototype carries our field names with lying values; deep inspection on', deep: true }, (c) =>
    doc(c, { head: script(`var P=Object.prototype;${values}`), tail: fetchCode(c) }),
  );
  add(
    { name: 'pollute-getters-throw', what: 'Object.prototype getters/setters named like our fields throw; deep inspection on', deep: true },
    (c) =>
      doc(c, {
        head: script(
          `(function(){var d=Object.defineProperty;${JSON.stringify(OUR_FIELDS)}.forEach(function(f){d(Object.prototype,f,{get:function(){throw new Error('h4 get '+f)},set:function(){throw new Error('h4 set '+f)},configurable:true})});})();`,
        ),
        tail: fetchCode(c),
      }),
  );
  add({ name: 'pollute-then', what: 'Object.prototype.then makes every object a thenable' }, (c) =>
    doc(c, { head: script(`Object.prototype.then=function(res){res&&res('0000')};`) }),
  );
  add({ name: 'pollute-array', what: 'Array.prototype and String.prototype carry our names and throwing iterators' }, (c) =>
    doc(c, {
      head: script(
        `Array.prototype.frames=['0000'];Array.prototype.codes=['0000'];Array.prototype.layout={hidden:'display'};String.prototype.text='0000';Array.prototype[Symbol.iterator]=function(){throw new Error('h4 iter')};`,
      ),
    }),
  );

  // DOM clobbering: named elements shadow built-in members of document, forms and window, in every world.
  const docNames = (names: string[]) => names.map((n) => `<img name="${n}" alt="">`).join('') + `<form name="${names[0]}x"></form>`;
  add(
    { name: 'clobber-document-methods', what: 'document.querySelectorAll, createElement, createTreeWalker… clobbered by named <img>' },
    (c) =>
      doc(c, {
        before: docNames([
          'querySelectorAll',
          'querySelector',
          'createElement',
          'createTreeWalker',
          'getElementById',
          'addEventListener',
          'elementFromPoint',
          'elementsFromPoint',
          'getSelection',
          'dispatchEvent',
          'createTextNode',
          'contains',
          'getElementsByTagName',
          'evaluate',
        ]),
      }),
  );
  add(
    { name: 'clobber-document-properties', what: 'document.documentElement, body, head, title, visibilityState… clobbered by named <img>' },
    (c) =>
      doc(c, {
        before: docNames([
          'documentElement',
          'body',
          'head',
          'title',
          'visibilityState',
          'hidden',
          'readyState',
          'defaultView',
          'scrollingElement',
          'activeElement',
          'URL',
          'cookie',
          'lang',
          'dir',
          'fonts',
          'styleSheets',
          'forms',
          'all',
        ]),
      }),
  );
  const formNames = [
    'attributes',
    'children',
    'childNodes',
    'tagName',
    'nodeName',
    'localName',
    'nodeType',
    'parentNode',
    'parentElement',
    'firstChild',
    'firstElementChild',
    'nextSibling',
    'nextElementSibling',
    'previousElementSibling',
    'getAttribute',
    'hasAttribute',
    'getAttributeNames',
    'id',
    'className',
    'classList',
    'style',
    'shadowRoot',
    'textContent',
    'innerText',
    'getBoundingClientRect',
    'getClientRects',
    'querySelector',
    'querySelectorAll',
    'closest',
    'matches',
    'contains',
    'getRootNode',
    'ownerDocument',
    'namespaceURI',
    'hidden',
    'inert',
    'title',
    'lang',
    'dir',
    'role',
    'ariaLabel',
    'offsetWidth',
    'offsetHeight',
    'clientWidth',
    'isConnected',
    'assignedSlot',
    'checkVisibility',
    'action',
    'method',
    'elements',
    'length',
    'name',
    'click',
    'focus',
  ];
  add({ name: 'clobber-form', what: 'the signing step inside a <form> whose inputs are named like Element members' }, (c) =>
    doc(c, {
      step: `<form id="sign" onsubmit="return false">${formNames.map((n) => `<input type="hidden" name="${n}" value="0000">`).join('')}${signingStep(c)}</form>`,
    }),
  );
  add(
    {
      name: 'clobber-form-common',
      what: 'the step inside a <form> with the field names real forms use: id, name, title, action, method, lang',
    },
    (c) =>
      doc(c, {
        step: `<form id="sign2" onsubmit="return false">${['id', 'name', 'title', 'action', 'method', 'lang'].map((n) => `<input type="hidden" name="${n}" value="x">`).join('')}${signingStep(c)}</form>`,
      }),
  );
  add({ name: 'clobber-window', what: 'window named properties: ids named like our globals and common APIs' }, (c) =>
    doc(c, {
      before: ['__wysiwysAuditorLoaded', '__wysiwysDeepInspection', 'chrome', 'browser', 'wysiwys', 'requestIdleCallback', 'innerWidth']
        .map((id) => `<a id="${id}" name="${id}"></a>`)
        .join(''),
    }),
  );
  add(
    {
      heavy: true,
      name: 'custom-elements-our-tags',
      what: 'the page defines custom elements with the tag names our hosts use, attaching their own shadow roots',
    },
    (c) =>
      doc(c, {
        head: script(
          `['wysiwys-auditor-panel','wysiwys-auditor-overlay'].forEach(function(t){customElements.define(t,class extends HTMLElement{constructor(){super();try{this.attachShadow({mode:'open'}).innerHTML='<b>page</b>'}catch(e){}}connectedCallback(){this.setAttribute('data-page-saw','1')}})});`,
        ),
      }),
  );

  // Size and depth.
  const rows = (n: number) =>
    `<div id="bulk">${Array.from({ length: n / 2 }, (_, k) => `<div class="r"><span>Row ${k.toString(36)}</span></div>`).join('')}</div>`;
  add({ name: 'big-100k', what: '100,000 elements after the step', heavy: true, settleMs: 2500 }, (c) => doc(c, { after: rows(100_000) }));
  add({ name: 'big-300k', what: '300,000 elements after the step', heavy: true, settleMs: 4000 }, (c) => doc(c, { after: rows(300_000) }));
  // display: contents keeps the layout flat: Chromium's renderer itself crashes on 5,000 nested layout boxes.
  add({ name: 'deep-5000', what: '5,000 nested elements built by script (the parser stops at 512)', heavy: true }, (c) =>
    doc(c, {
      head: `<style nonce="${NONCE}">#deep div{display:contents}</style>`,
      after: '<div id="deep"></div>',
      tail: script(
        `(function(){var p=document.getElementById('deep');for(var k=0;k<5000;k++){var d=document.createElement('div');p.appendChild(d);p=d;}p.appendChild(document.createTextNode('The bottom of a very deep tree.'));})();`,
      ),
    }),
  );
  add({ name: 'text-10mb', what: 'one 10 MB text node', heavy: true, settleMs: 2500 }, (c) =>
    doc(c, {
      after: '<p id="huge" style="height:40px;overflow:hidden;content-visibility:auto;contain-intrinsic-size:auto 40px"></p>',
      tail: script(`document.getElementById('huge').appendChild(document.createTextNode('lorem ipsum dolor sit amet '.repeat(388_000)));`),
    }),
  );
  add({ name: 'numbers-10k', what: '10,000 four-digit numbers in a table below the step', heavy: true, code: '' }, (c) =>
    doc(c, {
      after: `<table>${Array.from({ length: 1000 }, (_, r) => `<tr>${Array.from({ length: 10 }, (_, k) => `<td>${String(((r * 10 + k) * 7) % 10000).padStart(4, '0')}</td>`).join('')}</tr>`).join('')}</table>`,
    }),
  );
  add({ name: 'attribute-1mb', what: '1 MB attribute values on the code and the cancel button' }, (c) =>
    doc(c, {
      step: signingStep(c)
        .replace('<p class="code">', `<p class="code" data-blob="${'x'.repeat(1 << 20)}">`)
        .replace('<button ', `<button title="Cancel ${'y'.repeat(1 << 20)}" `),
    }),
  );

  // Mutation storms (in the page's own volatile region, away from the step).
  const stormJs = {
    text: `var t=document.getElementById('storm-text');setInterval(function(){n++;t.firstChild.data='tick '+String(n).replace(/\\d/g,function(d){return 'abcdefghij'[d]})},0);`,
    attrs: `var a=document.getElementById('storm-attrs');setInterval(function(){n++;a.setAttribute('data-n',String(n%97));a.className='c'+(n%7);a.style.color=n%2?'red':'blue';a.hidden=!a.hidden;},0);`,
    childList: `var l=document.getElementById('storm-list');setInterval(function(){n++;var li=document.createElement('li');li.append('item');l.append(li);if(l.children.length>40)l.firstElementChild.remove();},0);`,
  };
  const stormHtml = `<p id="storm-text">tick</p><div id="storm-attrs">attrs</div><ul id="storm-list"></ul>`;
  for (const kind of ['text', 'attrs', 'childList'] as const) {
    add({ heavy: true, name: `storm-${kind}`, what: `${kind} mutations every setInterval(0)` }, (c) =>
      doc(c, { after: volatile(stormHtml), tail: script(`(function(){var n=0;${stormJs[kind]}})();`) }),
    );
  }
  add({ heavy: true, name: 'storm-all', what: 'text, attribute and childList storms together, also inside a shadow root' }, (c) =>
    doc(c, {
      after: volatile(stormHtml + '<div id="storm-host"></div>'),
      tail: script(
        `(function(){var n=0;${stormJs.text}${stormJs.attrs}${stormJs.childList}var r=document.getElementById('storm-host').attachShadow({mode:'closed'});var s=document.createElement('span');r.append(s);setInterval(function(){s.textContent='x'+(n%13)},0);})();`,
      ),
    }),
  );
  add({ heavy: true, name: 'storm-rerender-step', what: 'the step itself re-rendered (same markup, new nodes) every 10 ms' }, (c) =>
    doc(c, {
      tail: script(`(function(){var s=document.getElementById('step'),html=s.innerHTML;setInterval(function(){s.innerHTML=html},10);})();`),
    }),
  );
  add({ heavy: true, name: 'storm-animation', what: 'transitionend / animation events from 200 elements all the time' }, (c) =>
    doc(c, {
      head: `<style nonce="${NONCE}">.b{transition:opacity 30ms;width:4px;height:4px;display:inline-block;background:#ccc}.b.o{opacity:.5}</style>`,
      after: volatile(`<div id="blinks">${'<i class="b"></i>'.repeat(200)}</div>`),
      tail: script(
        `(function(){var bs=document.querySelectorAll('#blinks i');setInterval(function(){for(var k=0;k<bs.length;k++)bs[k].classList.toggle('o')},40);})();`,
      ),
    }),
  );

  // Shadow roots.
  add({ name: 'shadow-closed-30', what: 'the step inside 30 nested closed shadow roots' }, (c) =>
    doc(c, {
      step: '<div id="root-host"></div>',
      tail: script(
        `(function(){var host=document.getElementById('root-host');for(var k=0;k<30;k++){var r=host.attachShadow({mode:'closed'});var next=document.createElement('div');r.appendChild(next);host=next;}host.innerHTML=${JSON.stringify(inlineStyled(signingStep(c)))};})();`,
      ),
    }),
  );
  const manyShadows = (mode: string) =>
    script(
      `(function(){var box=document.getElementById('shadows');for(var k=0;k<10000;k++){var d=document.createElement('span');d.attachShadow({mode:'${mode}'}).textContent='s';box.appendChild(d);}})();`,
    );
  add({ name: 'shadow-10k-open', what: '10,000 open shadow roots', heavy: true }, (c) =>
    doc(c, { after: '<div id="shadows"></div>', tail: manyShadows('open') }),
  );
  add({ name: 'shadow-10k-closed', what: '10,000 closed shadow roots', heavy: true }, (c) =>
    doc(c, { after: '<div id="shadows"></div>', tail: manyShadows('closed') }),
  );

  // Frames.
  const bare = (inner: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>body{margin:0;font:16px sans-serif}.code{font-size:40px;font-weight:700;margin:0}iframe{width:100%;height:640px;border:0;display:block}</style></head><body>${inner}</body></html>`;
  const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  add({ name: 'srcdoc-10', what: 'the step in the 10th nested srcdoc frame' }, (c) => {
    let inner = bare(signingStep(c));
    for (let k = 0; k < 9; k++) inner = bare(`<iframe title="level ${9 - k}" srcdoc="${escapeAttr(inner)}"></iframe>`);
    return doc(c, { step: `<iframe title="level 0" style="width:100%;height:700px;border:0" srcdoc="${escapeAttr(inner)}"></iframe>` });
  });
  add({ name: 'frames-sandboxed', what: 'sandboxed frames: no scripts (srcdoc), scripts only (src), and an opaque-origin step' }, (c) =>
    doc(c, {
      after: `<iframe sandbox srcdoc="${escapeAttr(bare('<p>Terms of the contract.</p>'))}"></iframe><iframe sandbox="allow-scripts" src="/p/frames-sandboxed/inner"></iframe>`,
    }),
  );
  pages.at(-1)!.sub = { inner: bare(`<p>Help text in a sandbox.</p>${script('document.body.append(String(1+1))')}`) };
  add({ name: 'frame-about-blank', what: 'the step written by script into an about:blank frame' }, (c) =>
    doc(c, {
      step: '<iframe id="blank" style="width:100%;height:400px;border:0"></iframe>',
      tail: script(
        `(function(){var d=document.getElementById('blank').contentDocument;d.open();d.write(${JSON.stringify(bare(signingStep(c)))});d.close();})();`,
      ),
    }),
  );
  add({ name: 'frame-data-url', what: 'data: URL frames (opaque origin) beside the step' }, (c) =>
    doc(c, {
      after: `<iframe src="data:text/html,${encodeURIComponent(bare('<p>Terms of the contract, shown in an opaque frame.</p>'))}"></iframe>`,
    }),
  );
  add({ name: 'frame-data-url-step', what: 'the step inside a data: URL frame', code: '' }, (c) =>
    doc(c, {
      step: `<iframe style="width:100%;height:400px;border:0" src="data:text/html,${encodeURIComponent(bare(signingStep(c)))}"></iframe>`,
    }),
  );

  // Headers.
  add(
    {
      name: 'csp-strict',
      what: 'strict CSP header: nonce scripts and styles only, no inline style, Trusted Types, reports to the server',
      headers: {
        'content-security-policy': `default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'nonce-${NONCE}'; img-src 'none'; frame-src 'none'; connect-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'; report-uri /csp-report`,
      },
    },
    (c) => doc(c),
  );
  add(
    {
      name: 'csp-sandbox',
      what: 'CSP sandbox header: an opaque-origin document',
      headers: { 'content-security-policy': 'sandbox allow-scripts' },
    },
    (c) => doc(c),
  );

  // Navigation.
  add({ heavy: true, name: 'reload-500ms', what: 'the page reloads itself 500 ms after every load', unstableView: true }, (c) =>
    doc(c, { tail: script("addEventListener('load',function(){setTimeout(function(){location.reload()},500)});") }),
  );
  // Five seconds of it: an endless storm floods the browser process itself and stalls every tab, extension or not.
  add({ heavy: true, name: 'pushstate-storm', what: 'history.pushState as fast as the browser allows, for 5 s' }, (c) =>
    doc(c, {
      tail: script(
        `(function(){var n=0,t=setInterval(function(){try{history.pushState({n:n},'','?n='+(n++))}catch(e){}},0);setTimeout(function(){clearInterval(t)},5000);})();`,
      ),
    }),
  );
  add(
    { name: 'redirects-100', what: '100 redirects (HTTP 302 and location.replace) before the step', startPath: '/hop/100/redirects-100' },
    (c) => doc(c),
  );

  // Language and script direction.
  add({ name: 'rtl-arabic', what: 'an Arabic right-to-left page around an English step' }, (c) =>
    doc(c, { dir: 'rtl', before: '<p lang="ar">يرجى تأكيد توقيع العقد. رقم الطلب ٤٨٢١</p>', after: '<p lang="ar">شكراً لك</p>' }),
  );
  add({ name: 'mixed-scripts', what: 'Latin, Cyrillic, Greek, Hebrew, Arabic-Indic digits, CJK and emoji mixed around the step' }, (c) =>
    doc(c, { before: '<p>Sutartis — Договор — Σύμβαση — חוזה — 契約 ✍️ № ١٢٣٤ ৫৬৭৮</p>', after: '<p dir="auto">שלום мир 世界 ٣٤٥٦ 🙂</p>' }),
  );
  add({ name: 'rtl-russian-step', what: 'a Russian step inside a Hebrew right-to-left page' }, (c) =>
    doc(c, {
      lang: 'ru',
      dir: 'rtl',
      before: '<p lang="he">אנא אשר את החתימה</p>',
      step: signingStep(c, {
        heading: 'Подтвердите в Smart-ID',
        label: 'Контрольный код',
        compare: 'Убедитесь, что код совпадает с кодом в приложении Smart-ID.',
        cancel: 'Отмена',
      }),
    }),
  );

  // Not HTML.
  add(
    { name: 'svg-only', what: 'an SVG document (image/svg+xml) with the step drawn as SVG text', contentType: 'image/svg+xml', code: '' },
    (c) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><title>Sign</title><text x="20" y="40" font-size="20">Verification code</text><text x="20" y="100" font-size="48">${c}</text><text x="20" y="150" font-size="16">Make sure the code matches the one in your Smart-ID app.</text><a href="#cancel"><text x="20" y="200" font-size="20">Cancel</text></a></svg>`,
  );
  add(
    {
      name: 'svg-foreign-object',
      what: 'an SVG document with the step as XHTML in a foreignObject (laid out and painted as HTML: judged as the step)',
      contentType: 'image/svg+xml',
    },
    (c) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="700"><foreignObject x="0" y="0" width="900" height="700"><div xmlns="http://www.w3.org/1999/xhtml" style="font:16px sans-serif"><h1>Sign the contract</h1>${inlineStyled(signingStep(c))}</div></foreignObject></svg>`,
  );

  // The document replaced under us.
  add({ name: 'html-replaced', what: '<html> replaced by script 300 ms after load' }, (c) =>
    doc(c, {
      step: '',
      tail: script(
        `setTimeout(function(){var h=document.createElement('html');h.innerHTML=${JSON.stringify(`<head><title>Sign</title></head><body style="font:16px sans-serif"><h1>Sign the contract</h1>${inlineStyled(signingStep(c))}</body>`)};document.replaceChild(h,document.documentElement);},300);`,
      ),
      state: false,
    }),
  );
  add({ heavy: true, name: 'html-replaced-loop', what: '<html> replaced by an identical copy every 700 ms', unstableView: true }, (c) =>
    doc(c, {
      tail: script(
        `(function(){var copy=document.documentElement.cloneNode(true);copy.querySelectorAll('script').forEach(function(s){s.remove()});setInterval(function(){document.replaceChild(copy.cloneNode(true),document.documentElement)},700);})();`,
      ),
    }),
  );
  add(
    { name: 'document-write-after-load', what: 'document.open/write/close after load (erases every listener on document and window)' },
    (c) =>
      doc(c, {
        step: '',
        state: false,
        tail: script(
          `addEventListener('load',function(){setTimeout(function(){document.open();document.write(${JSON.stringify(`<!doctype html><html lang="en"><head><title>Sign</title></head><body style="font:16px sans-serif"><h1>Sign the contract</h1>${inlineStyled(signingStep(c))}</body></html>`)});document.close();},200)});`,
        ),
      }),
  );

  // The main thread taken away.
  add({ name: 'block-3s-parse', what: 'a 3 s busy loop while the document is parsed' }, (c) =>
    doc(c, { before: script('(function(){var t=Date.now();while(Date.now()-t<3000){}})();') }),
  );
  add({ name: 'block-3s-after-load', what: 'a 3 s busy loop 300 ms after load', settleMs: 4000 }, (c) =>
    doc(c, { tail: script('setTimeout(function(){var t=Date.now();while(Date.now()-t<3000){}},300);') }),
  );

  // Storage.
  add({ name: 'localstorage-flood', what: 'localStorage and sessionStorage filled to their quota', heavy: true }, (c) =>
    doc(c, {
      tail: script(
        `(function(){var v=new Array(20001).join('v');for(var k=0;k<1000;k++){try{localStorage.setItem('k'+k,v)}catch(e){break}}for(var k=0;k<1000;k++){try{sessionStorage.setItem('k'+k,v)}catch(e){break}}})();`,
      ),
    }),
  );
  add({ name: 'cookie-flood', what: '150 cookies of 3 KB each' }, (c) =>
    doc(c, {
      tail: script(
        `(function(){var v=new Array(3001).join('c');for(var k=0;k<150;k++)document.cookie='h4c'+k+'='+v+'; path=/p/cookie-flood';})();`,
      ),
    }),
  );

  // Events: the page stops them before our listeners see them.
  add(
    {
      name: 'events-swallowed',
      what: 'capture listeners stop load/scroll/resize/visibility/transition events; the step appears 800 ms after load',
      settleMs: 1500,
    },
    (c) =>
      doc(c, {
        step: '<div id="late"></div>',
        head: script(
          `['load','pageshow','scroll','resize','popstate','hashchange','visibilitychange','animationend','transitionend','wysiwys:received-code'].forEach(function(t){window.addEventListener(t,function(e){e.stopImmediatePropagation()},true);document.addEventListener(t,function(e){e.stopImmediatePropagation()},true)});`,
        ),
        tail: script(`setTimeout(function(){document.getElementById('late').innerHTML=${JSON.stringify(signingStep(c))}},800);`),
      }),
  );
  add({ heavy: true, name: 'page-throws', what: 'uncaught errors and rejections from the page all the time' }, (c) =>
    doc(c, {
      tail: script(
        `setInterval(function(){Promise.reject(new Error('h4 rejection'));setTimeout(function(){throw new Error('h4 error')})},50);`,
      ),
    }),
  );
  return pages;
}
