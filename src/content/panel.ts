/**
 * The on-page review panel: what the other side of a screen share sees when only the tab is shared. Drawn inside
 * our own closed shadow root (page CSS cannot reach it, it never restyles the page), draggable, collapsible to a
 * badge, large type, status shown by icon and word as well as colour. remove() takes every trace away.
 * It lays out the same view of the report the popup and the exports show (src/view/report-view.ts).
 * Page text reaches it only through textContent.
 */
import type { TabReport } from '../audit/types';
import { t } from '../i18n';
import { localTime, tabReportView, type Badge, type CheckView, type TabReportView } from '../view/report-view';
import { panelLocale, panelStrings } from './panel-strings';

const HOST_TAG = 'wysiwys-auditor-panel';


const COLOUR: Record<string, string> = { pass: '#137333', fail: '#c5221f', review: '#b06000', 'not-applicable': '#5f6368', error: '#7b1fa2' };

let host: HTMLElement | null = null;
let body: HTMLElement | null = null;
let collapsed = false;
let lastReport: TabReport | null = null;
let position = { right: 16, bottom: 16 };
/** A drag in progress: updates wait for its end, so a new report never pulls the panel out of the user's hand. */
let dragging = false;
let renderPending = false;

export function isPanelHost(el: Element): boolean {
  return el === host;
}

export function isPanelShown(): boolean {
  return !!host?.isConnected;
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
  .mini { position: fixed; z-index: 2147483646; cursor: pointer; border: 3px solid #1a1a1a; border-radius: 22px; padding: 6px 14px;
    background: #fff; color: #111; font: 800 18px system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.3); }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
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

function render(): void {
  if (!host || !body) return;
  if (dragging) {
    renderPending = true;
    return;
  }
  const view = viewOf(lastReport);
  const checks = view?.checks ?? [];
  // State for automation and screen readers of our own host (the page's DOM outside it is never touched).
  host.dataset.checks = checks.map((c) => `${c.id}:${c.status.kind}`).join(',');
  host.dataset.code = view?.code?.digits ?? '';
  host.dataset.collapsed = String(collapsed);
  body.replaceChildren();
  if (collapsed) {
    const fails = view?.failCount ?? 0;
    const mini = el('div', 'mini', `${fails ? `✗ ${fails}` : '✓'} WYSIWYS`);
    mini.title = panelStrings.panel_expand;
    mini.style.background = fails ? '#fde7e6' : '#e6f4ea';
    place(mini);
    mini.addEventListener('click', () => {
      collapsed = false;
      render();
    });
    body.append(mini);
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

export function showPanel(report: TabReport | null): void {
  if (report) lastReport = report;
  if (!host || !host.isConnected) {
    host = document.createElement(HOST_TAG);
    host.style.cssText = 'all: initial; position: fixed; inset: auto; z-index: 2147483646;';
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    body = document.createElement('div');
    root.append(style, body);
    document.documentElement.append(host);
  }
  render();
}

export function updatePanel(report: TabReport): void {
  lastReport = report;
  if (isPanelShown()) render();
}

export function removePanel(): void {
  dragging = renderPending = false;
  host?.remove();
  host = body = null;
}
