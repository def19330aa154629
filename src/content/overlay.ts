/**
 * "Show on page": outlines and labels elements (one finding, or the evidence of every check: code, cancel control,
 * preview, logos) inside our own closed shadow root. Page CSS cannot reach it, it never scrolls or restyles the
 * page, and clearHighlight() removes every trace. Labels are set as textContent only.
 */
import { guardedHost, type GuardedHost } from './surface-guard';
import type { SurfaceProbe, TamperState, TamperSurface } from '../shared/messages';
import { rectOf } from '../audit';

const HOST_TAG = 'wysiwys-auditor-overlay';
const XHTML = 'http://www.w3.org/1999/xhtml';

interface Item {
  el: Element;
  label: string;
  box: HTMLElement;
  caption: HTMLElement;
  key: string;
}

let guard: GuardedHost | null = null;
let items: Item[] = [];
let frame = 0;
/** The first outline's box, rounded (for automation through the extension, never on the host). */
let firstRect = '';
let tamperListener: (surface: TamperSurface, state: TamperState | null) => void = () => undefined;

export function isOverlayHost(el: Element): boolean {
  return el === guard?.host;
}

/** Where the outlines report that the page removed, restyled, hid or covered them. */
export function onOverlayTamper(listener: (surface: TamperSurface, state: TamperState | null) => void): void {
  tamperListener = listener;
}

export function overlayProbe(): SurfaceProbe['overlay'] {
  return guard ? { count: items.length, rect: firstRect } : null;
}

export function overlayTamperState(): TamperState | null {
  return guard?.state() ?? null;
}

const STYLE = `
  .box { position: fixed; box-sizing: border-box; border: 3px solid #d6006f; border-radius: 4px;
         box-shadow: 0 0 0 4px rgba(255,255,255,.85), 0 0 18px rgba(214,0,111,.6); }
  .caption { position: fixed; background: #d6006f; color: #fff; font: 600 13px/1.3 system-ui, sans-serif;
             padding: 3px 8px; border-radius: 4px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }`;

function ensureHost(): ShadowRoot {
  if (guard) return guard.root;
  // Inline style on our own host only: keep it out of layout and above everything, never catching the pointer.
  guard = guardedHost({
    tag: HOST_TAG,
    surface: 'overlay',
    style: {
      position: 'fixed',
      inset: '0',
      width: '100vw',
      height: '100vh',
      'pointer-events': 'none',
      'z-index': '2147483647',
      display: 'block',
      visibility: 'visible',
      opacity: '1',
      background: 'transparent',
    },
    visibleBox: () => items[0]?.box ?? null,
    hitTest: false,
    onTamper: (surface, state) => tamperListener(surface, state),
  });
  const style = document.createElementNS(XHTML, 'style');
  style.textContent = STYLE;
  guard.root.append(style);
  return guard.root;
}

function place(item: Item): void {
  const r = rectOf(item.el);
  const key = `${r.left},${r.top},${r.width},${r.height},${innerWidth},${innerHeight}`;
  if (key === item.key) return;
  item.key = key;
  Object.assign(item.box.style, { left: `${r.left - 4}px`, top: `${r.top - 4}px`, width: `${r.width + 8}px`, height: `${r.height + 8}px` });
  // We never scroll the page for the user (that would change what the audit sees): point at offscreen elements.
  const below = r.top > innerHeight,
    above = r.bottom < 0;
  item.caption.style.maxWidth = `${Math.min(420, innerWidth - 8)}px`;
  item.caption.style.top = below ? `${innerHeight - 28}px` : above ? '4px' : `${r.top - 30 < 0 ? r.bottom + 8 : r.top - 30}px`;
  item.caption.textContent = `${below ? '↓ ' : above ? '↑ ' : ''}${item.label}`;
  item.caption.style.left = `${Math.max(0, Math.min(r.left - 4, innerWidth - item.caption.offsetWidth - 4))}px`;
}

function loop(): void {
  for (const item of items) place(item);
  const first = items[0] ? rectOf(items[0].el) : undefined;
  const rect = first ? [first.left, first.top, first.width, first.height].map((v) => Math.round(v)).join(',') : '';
  firstRect = rect;
  frame = requestAnimationFrame(loop);
}

/** Outlines each element with its label; replaces what was outlined before. */
export function highlightAll(targets: { el: Element; label: string }[]): void {
  clearHighlight();
  if (!targets.length) return;
  const shadow = ensureHost();
  items = targets.map(({ el, label }) => {
    const box = document.createElementNS(XHTML, 'div') as HTMLElement;
    box.className = 'box';
    const caption = document.createElementNS(XHTML, 'div') as HTMLElement;
    caption.className = 'caption';
    shadow.append(box, caption);
    return { el, label, box, caption, key: '' };
  });
  loop();
  guard?.check();
}

export function highlight(el: Element, label: string): void {
  highlightAll([{ el, label }]);
}

export function clearHighlight(): void {
  cancelAnimationFrame(frame);
  items = [];
  firstRect = '';
  guard?.dispose();
  guard = null;
}
