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
let position = { right: 16, bottom: 16 };
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
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = xhtml(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function place(box: HTMLElement): void {
  box.style.right = `${position.right}px`;
  box.style.bottom = `${position.bottom}px`;
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
  body.replaceChildren();
  if (collapsed) {
    const fails = view?.failCount ?? 0;
    const mini = el('div', 'mini', `${fails ? `✗ ${fails}` : '✓'} WYSIWYS`);
    mini.title = panelStrings.panel_expand;
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
    });
    body.append(mini);
    guard.check();
    return;
  }
  const panel = el('div', 'panel');
  place(panel);
  const head = el('div', 'head');
  head.append(el('span', 'title', panelStrings.panel_title));
  const collapse = el('button', undefined, '–');
  collapse.title = panelStrings.panel_collapse;
  collapse.addEventListener('click', () => {
    collapsed = true;
    render();
  });
  head.append(collapse);
  makeDraggable(head, panel);
  panel.append(head);
  if (mark) {
    const markRow = el('div', 'mark');
    markRow.title = panelStrings.panel_mark_hint;
    markRow.append(el('span', 'label', panelStrings.panel_mark), markCanvas(mark, 18));
    panel.append(markRow);
  }

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
  body.append(panel);
  guard.check();
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
    const start = { x: down.clientX, y: down.clientY, right: position.right, bottom: position.bottom };
    handle.setPointerCapture(down.pointerId);
    dragging = true;
    const move = (e: PointerEvent) => {
      position = {
        right: Math.min(Math.max(0, start.right - (e.clientX - start.x)), innerWidth - 60),
        bottom: Math.min(Math.max(0, start.bottom - (e.clientY - start.y)), innerHeight - 40),
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
    guard.root.append(style, body);
  }
  render();
}

export function updatePanel(report: TabReport): void {
  lastReport = report;
  if (isPanelShown()) render();
}

export function removePanel(): void {
  dragging = renderPending = false;
  guard?.dispose();
  guard = null;
  body = null;
}
