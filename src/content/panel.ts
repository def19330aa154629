/**
 * The on-page review panel: what the other side of a screen share sees when only the tab is shared. Drawn inside
 * our own closed shadow root (page CSS cannot reach it, it never restyles the page), draggable, collapsible to a
 * badge, large type, status shown by icon and word as well as colour. remove() takes every trace away.
 * It lays out the same view of the report the popup and the exports show (src/view/report-view.ts).
 * Page text reaches it only through textContent.
 */
import type { TabReport } from '../audit';
import { t } from '../i18n';
import { localTime, tabReportView, type Badge, type CheckView, type TabReportView } from '../view/report-view';
import { panelLocale, panelStrings } from './panel-strings';
import { summaryLine } from '../view/summary';
import { CORNERS, coveredAt, freeCorner, type Corner, type Rect } from './panel-place';
import { PANEL_HIGH_CONTRAST_KEY } from '../shared/panel-settings';
import { guardedHost, type GuardedHost } from './surface-guard';
import type { SurfaceProbe, TamperState, TamperSurface } from '../shared/messages';

const HOST_TAG = 'wysiwys-auditor-panel';

const COLOUR: Record<string, string> = {
  pass: '#137333',
  fail: '#c5221f',
  review: '#b06000',
  'not-applicable': '#5f6368',
  error: '#7b1fa2',
};

let guard: GuardedHost | null = null;
let body: HTMLElement | null = null;
/** This browser session's mark (from the service worker): shown on the real panel and in the popup, never in the page's DOM. */
let mark = '';
let tamperListener: (surface: TamperSurface, state: TamperState | null) => void = () => undefined;
let collapsed = false;
let lastReport: TabReport | null = null;
/** The panel's distance from the viewport's edges when it sits in a corner. */
const MARGIN = 16;
/** Distance from the corner the panel is anchored to (a top corner keeps its top edge still as content grows). */
let position: Corner & { x: number; y: number } = { h: 'right', v: 'bottom', x: MARGIN, y: MARGIN };
/** Once the user drags or moves the panel, it stays where they put it; until then it keeps clear of the evidence. */
let placedByUser = false;
/** High contrast, large type: for a video call that compresses the picture (settings page or the panel's switch). */
let highContrast = false;
/** The live region's text: set only when it changes, so a screen reader hears each change once. */
let announced = '';
let status: HTMLElement | null = null;
/** A drag in progress: updates wait for its end, so a new report never pulls the panel out of the user's hand. */
let dragging = false;
let renderPending = false;

export function isPanelHost(el: Element): boolean {
  return el === guard?.host;
}

export function isPanelShown(): boolean {
  return !!guard;
}

/** Where the panel reports that the page removed, restyled, hid or covered it. */
export function onPanelTamper(listener: (surface: TamperSurface, state: TamperState | null) => void): void {
  tamperListener = listener;
}

/** What the panel shows, for automation through the extension (nothing of it is readable from the page). */
export function panelProbe(): SurfaceProbe['panel'] {
  if (!guard) return null;
  const view = viewOf(lastReport);
  return {
    shown: true,
    checks: (view?.checks ?? []).map((c) => `${c.id}:${c.status.kind}`).join(','),
    code: view?.code?.digits ?? '',
    collapsed,
    mark,
  };
}

export function panelTamperState(): TamperState | null {
  return guard?.state() ?? null;
}

const STYLE = `
  :host { all: initial; }
  .panel { position: fixed; z-index: 2147483646; width: 340px; max-height: 70vh; overflow: auto; box-sizing: border-box;
    background: #ffffff; color: #111111; border: 3px solid #1a1a1a; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.35);
    font: 600 16px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  .head { display: flex; align-items: center; gap: 8px; padding: 8px 10px; background: #1a1a1a; color: #fff; cursor: move; user-select: none; }
  .head .title { flex: 1; font-size: 15px; letter-spacing: .02em; }
  button { all: unset; cursor: pointer; font: 700 14px system-ui, sans-serif; padding: 2px 8px; border-radius: 6px; background: #fff; color: #111; }
  .code { padding: 10px 12px; border-bottom: 2px solid #ddd; }
  .code .label { font-size: 14px; color: #333; }
  .code .digits { font: 800 44px/1.1 ui-monospace, "SF Mono", Menlo, Consolas, monospace; letter-spacing: .12em; }
  .row { display: flex; align-items: center; gap: 10px; padding: 6px 12px; border-bottom: 1px solid #eee; }
  .badge { flex: none; min-width: 96px; max-width: 130px; text-align: center; color: #fff; border-radius: 6px; padding: 3px 6px; font: 800 13px system-ui, sans-serif; text-transform: uppercase; }
  .name { flex: 1; font-size: 15px; }
  .kept { font-size: 12px; color: #555; font-weight: 500; }
  .mark { display: flex; align-items: center; gap: 8px; padding: 6px 12px; border-bottom: 2px solid #ddd; background: #f4f1ff; }
  .mark .label { font-size: 12px; color: #333; font-weight: 600; }
  .mark canvas { display: block; }
  .mini { position: fixed; z-index: 2147483646; cursor: pointer; border: 3px solid #1a1a1a; border-radius: 22px; padding: 6px 14px;
    background: #fff; color: #111; font: 800 18px system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
  .summary { padding: 6px 12px; border-bottom: 2px solid #ddd; font-size: 15px; }
  .tools { display: flex; gap: 8px; padding: 8px 12px; flex-wrap: wrap; }
  .tools button { border: 2px solid #1a1a1a; }
  button[aria-pressed="true"] { background: #1a1a1a; color: #fff; }
  button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
  .head button:focus-visible { outline-color: #ffd400; box-shadow: none; }
  .sr { position: fixed; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  /* High contrast, large type: white on black, bigger letters, thick borders (survives video compression). */
  .panel.hc { width: 440px; background: #000; color: #fff; border: 5px solid #ffd400; font-size: 21px; }
  .hc .head { background: #ffd400; color: #000; }
  .hc .head .title { font-size: 20px; }
  .hc .head button { background: #000; color: #fff; }
  .hc .code { border-bottom-color: #fff; }
  .hc .code .label, .hc .kept { color: #fff; }
  .hc .code .digits { font-size: 64px; }
  .hc .row { border-bottom: 2px solid #fff; padding: 8px 12px; }
  .hc .name { font-size: 21px; }
  .hc .badge { font-size: 17px; min-width: 130px; max-width: 170px; border: 3px solid #fff; }
  .hc .summary { border-bottom-color: #fff; font-size: 20px; }
  .hc .mark { background: #fff; border-bottom-color: #fff; }
  .hc .mark .label { color: #000; }
  .hc .tools button { font-size: 18px; background: #fff; color: #000; border-color: #fff; }
  .hc .tools button[aria-pressed="true"] { background: #ffd400; color: #000; border-color: #ffd400; }
  .hc button:focus-visible { outline-color: #00e5ff; box-shadow: none; }
  .mini.hc { background: #000 !important; color: #fff; border: 5px solid #ffd400; font-size: 26px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = xhtml(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function place(box: HTMLElement): void {
  box.style.left = position.h === 'left' ? `${position.x}px` : 'auto';
  box.style.right = position.h === 'right' ? `${position.x}px` : 'auto';
  box.style.top = position.v === 'top' ? `${position.y}px` : 'auto';
  box.style.bottom = position.v === 'bottom' ? `${position.y}px` : 'auto';
}

const MAX_LIVE_LOOKUPS = 24;

/**
 * Where the evidence of the report is on screen now: each finding's element in this (top) document, or the frame or
 * shadow host that holds it; its recorded box when it is not found. Only read, never touched.
 */
function evidenceRects(report: TabReport | null): Rect[] {
  const rects: Rect[] = [];
  // Each render asks again: a selector such as div:nth-of-type(250000) costs a pass over its siblings, so only the
  // first few findings are looked up live; the others count at their recorded boxes.
  let lookups = 0;
  for (const check of report?.checks ?? []) {
    for (const finding of check.findings) {
      const first = finding.target?.[0];
      const selector = Array.isArray(first) ? first[0] : first;
      let element: Element | null = null;
      try {
        element = selector && lookups++ < MAX_LIVE_LOOKUPS ? document.querySelector(selector) : null;
      } catch {
        element = null;
      }
      if (element && element !== document.documentElement && element !== document.body) {
        const r = element.getBoundingClientRect();
        rects.push({ x: r.left, y: r.top, w: r.width, h: r.height });
        continue;
      }
      const box = finding.evidence?.box as Rect | undefined;
      if (!element && (finding.frameId ?? 0) === 0 && box && [box.x, box.y, box.w, box.h].every(Number.isFinite)) rects.push(box);
    }
  }
  return rects;
}

/** Until the user places it, the panel sits in a corner clear of the evidence (and stays there while it is clear). */
function keepClearOfEvidence(box: HTMLElement): void {
  if (placedByUser || !lastReport) return;
  const size = { w: box.offsetWidth, h: box.offsetHeight };
  const viewport = { w: innerWidth, h: innerHeight };
  const evidence = evidenceRects(lastReport);
  // Clear where it is: it stays, so new reports never make it jump.
  if (coveredAt(position, size, viewport, evidence, MARGIN) === 0) return;
  const corner = freeCorner(size, viewport, evidence, MARGIN);
  if (corner.h === position.h && corner.v === position.v) return;
  position = { ...corner, x: MARGIN, y: MARGIN };
  place(box);
}

/** The keyboard's way to move the panel: the next corner, clockwise from where it is. */
function moveToNextCorner(): void {
  const i = CORNERS.findIndex((c) => c.h === position.h && c.v === position.v);
  const clockwise = [0, 1, 3, 2];
  const next = CORNERS[clockwise[(clockwise.indexOf(Math.max(i, 0)) + 1) % clockwise.length]];
  position = { ...next, x: MARGIN, y: MARGIN };
  placedByUser = true;
  render();
}

function setHighContrast(on: boolean): void {
  if (on === highContrast) return;
  highContrast = on;
  render();
}

function onStorageChanged(changes: Record<string, chrome.storage.StorageChange>, area: string): void {
  if (area === 'local' && PANEL_HIGH_CONTRAST_KEY in changes) setHighContrast(changes[PANEL_HIGH_CONTRAST_KEY].newValue === true);
}

function followSettings(on: boolean): void {
  const storage = globalThis.chrome?.storage;
  if (!storage?.local) return;
  if (on) {
    void storage.local.get(PANEL_HIGH_CONTRAST_KEY).then(
      (s) => setHighContrast(s[PANEL_HIGH_CONTRAST_KEY] === true),
      () => undefined,
    );
    storage.onChanged.addListener(onStorageChanged);
  } else storage.onChanged.removeListener(onStorageChanged);
}

/** What the live region says: the verdicts in one line and the code; announced politely, only when it changes. */
function announce(view: TabReportView | null): void {
  if (!status) return;
  const checks = view?.checks ?? [];
  const text = checks.length
    ? [summaryLine(checks, panelLocale), view?.code ? `${panelStrings.panel_code}: ${view.code.digits}` : ''].filter(Boolean).join('. ')
    : panelStrings.panel_waiting;
  if (text === announced) return;
  announced = text;
  status.textContent = text;
}

function viewOf(report: TabReport | null): TabReportView | null {
  return report && tabReportView(report, { t: (key, substitutions) => t(panelLocale, key, {}, substitutions), time: localTime });
}

/**
 * The session mark, painted on a canvas: it is never text in the DOM, so not even a search of the page's text
 * (window.find) can fish it out of our shadow root.
 */
function markCanvas(word: string, px: number): HTMLCanvasElement {
  const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas') as HTMLCanvasElement;
  const dpr = Math.max(1, Math.min(3, devicePixelRatio || 1));
  const font = `800 ${px}px ui-monospace, "SF Mono", Menlo, Consolas, monospace`;
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  context.font = font;
  const width = Math.ceil(context.measureText(word).width) + 4;
  const height = Math.ceil(px * 1.3);
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const paint = canvas.getContext('2d')!;
  paint.scale(dpr, dpr);
  paint.font = font;
  paint.fillStyle = '#3b1d8f';
  paint.textBaseline = 'middle';
  paint.fillText(word, 2, height / 2);
  return canvas;
}

function render(): void {
  if (!guard || !body) return;
  if (dragging) {
    renderPending = true;
    return;
  }
  const view = viewOf(lastReport);
  const checks = view?.checks ?? [];
  announce(view);
  body.replaceChildren();
  if (collapsed) {
    const fails = view?.failCount ?? 0;
    const mini = el('button', `mini${highContrast ? ' hc' : ''}`, `${fails ? `✗ ${fails}` : '✓'} WYSIWYS`);
    mini.type = 'button';
    mini.title = panelStrings.panel_expand;
    mini.setAttribute('aria-label', `${panelStrings.panel_expand}: ${panelStrings.panel_title}, ${summaryLine(checks, panelLocale)}`);
    mini.setAttribute('aria-expanded', 'false');
    mini.style.background = fails ? '#fde7e6' : '#e6f4ea';
    if (mark) {
      const small = markCanvas(mark, 13);
      small.style.display = 'inline-block';
      small.style.verticalAlign = 'middle';
      small.style.marginLeft = '8px';
      mini.append(small);
    }
    place(mini);
    mini.addEventListener('click', () => {
      collapsed = false;
      render();
      (body?.querySelector('.head button') as HTMLElement | null)?.focus();
    });
    body.append(mini);
    keepClearOfEvidence(mini);
    guard.check();
    return;
  }
  const panel = el('div', `panel${highContrast ? ' hc' : ''}`);
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', panelStrings.panel_title);
  place(panel);
  const head = el('div', 'head');
  head.append(el('span', 'title', panelStrings.panel_title));
  const collapse = el('button', undefined, '–');
  collapse.type = 'button';
  collapse.title = panelStrings.panel_collapse;
  collapse.setAttribute('aria-label', panelStrings.panel_collapse);
  collapse.setAttribute('aria-expanded', 'true');
  collapse.addEventListener('click', () => {
    collapsed = true;
    render();
    (body?.querySelector('.mini') as HTMLElement | null)?.focus();
  });
  head.append(collapse);
  makeDraggable(head, panel);
  panel.append(head);
  if (mark) {
    const markRow = el('div', 'mark');
    markRow.title = panelStrings.panel_mark_hint;
    markRow.append(el('span', 'label', panelStrings.panel_mark), markCanvas(mark, highContrast ? 24 : 18));
    panel.append(markRow);
  }
  if (checks.length) panel.append(el('div', 'summary', summaryLine(checks, panelLocale)));

  const codeBox = el('div', 'code');
  codeBox.append(el('div', 'label', panelStrings.panel_code));
  if (view?.code) {
    const digits = el('div', 'digits', view.code.digits);
    digits.style.color = COLOUR[view.code.status.kind] ?? '#111';
    codeBox.append(digits, badge(view.code.status));
  } else codeBox.append(el('div', 'kept', panelStrings.panel_no_code));
  panel.append(codeBox);

  if (!checks.length) panel.append(el('div', 'row', panelStrings.panel_waiting));
  for (const c of checks) panel.append(row(c));
  panel.append(tools());
  body.append(panel);
  keepClearOfEvidence(panel);
  guard.check();
}

/** The panel's own switches, operable by keyboard: high contrast, and moving it to another corner. */
function tools(): HTMLElement {
  const bar = el('div', 'tools');
  const contrast = el('button', 'contrast', `◐ ${panelStrings.panel_contrast}`);
  contrast.type = 'button';
  contrast.setAttribute('aria-pressed', String(highContrast));
  contrast.addEventListener('click', () => {
    const on = !highContrast;
    setHighContrast(on);
    void globalThis.chrome?.storage?.local?.set({ [PANEL_HIGH_CONTRAST_KEY]: on }).catch(() => undefined);
    (body?.querySelector('.tools .contrast') as HTMLElement | null)?.focus();
  });
  const move = el('button', 'move', `⤡ ${panelStrings.panel_move}`);
  move.type = 'button';
  move.addEventListener('click', () => {
    moveToNextCorner();
    (body?.querySelector('.tools .move') as HTMLElement | null)?.focus();
  });
  bar.append(contrast, move);
  return bar;
}

function badge(status: Badge): HTMLElement {
  const b = el('span', 'badge', `${status.icon} ${status.label}`);
  b.style.background = COLOUR[status.kind] ?? '#5f6368';
  return b;
}

function row(c: CheckView): HTMLElement {
  const r = el('div', 'row');
  r.dataset.check = c.id;
  r.append(badge(c.status));
  const name = el('span', 'name', c.title);
  if (!c.live) name.append(' ', el('span', 'kept', panelStrings.panel_kept));
  r.append(name);
  return r;
}

function makeDraggable(handle: HTMLElement, box: HTMLElement): void {
  handle.addEventListener('pointerdown', (down) => {
    if ((down.target as HTMLElement).tagName === 'BUTTON') return;
    // No native drag or selection from the title bar: the browser would cancel the pointer (pointercancel) after
    // the first move and the panel would stop following.
    down.preventDefault();
    const start = { x: down.clientX, y: down.clientY, from: { ...position } };
    handle.setPointerCapture(down.pointerId);
    dragging = true;
    placedByUser = true;
    const move = (e: PointerEvent) => {
      // Away from the anchored edge is positive: a right anchor moves left as the pointer does.
      const dx = (e.clientX - start.x) * (start.from.h === 'left' ? 1 : -1);
      const dy = (e.clientY - start.y) * (start.from.v === 'top' ? 1 : -1);
      position = {
        ...start.from,
        x: Math.min(Math.max(0, start.from.x + dx), innerWidth - 60),
        y: Math.min(Math.max(0, start.from.y + dy), innerHeight - 40),
      };
      place(box);
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      dragging = false;
      if (renderPending) {
        renderPending = false;
        render();
      }
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  });
}

function xhtml<K extends keyof HTMLElementTagNameMap>(tag: K): HTMLElementTagNameMap[K] {
  return document.createElementNS('http://www.w3.org/1999/xhtml', tag) as HTMLElementTagNameMap[K];
}

export function showPanel(report: TabReport | null, sessionMark?: string): void {
  if (report) lastReport = report;
  if (sessionMark) mark = sessionMark;
  if (!guard) {
    const inner = xhtml('div');
    guard = guardedHost({
      tag: HOST_TAG,
      surface: 'panel',
      style: { position: 'fixed', inset: 'auto', 'z-index': '2147483646', display: 'block', visibility: 'visible', opacity: '1' },
      visibleBox: () => inner.firstElementChild,
      hitTest: true,
      onTamper: (surface, state) => tamperListener(surface, state),
    });
    const style = xhtml('style');
    style.textContent = STYLE;
    body = inner;
    // The live region exists before its first text, and outlives each redraw, so changes are announced.
    status = xhtml('div');
    status.className = 'sr';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    announced = '';
    guard.root.append(style, body, status);
    followSettings(true);
  }
  render();
}

export function updatePanel(report: TabReport): void {
  lastReport = report;
  if (isPanelShown()) render();
}

export function removePanel(): void {
  dragging = renderPending = false;
  if (guard) followSettings(false);
  guard?.dispose();
  guard = null;
  body = null;
  status = null;
}
