/**
 * "Show on page": outlines an element inside our own closed shadow root. Page CSS cannot reach it, it never
 * restyles the page, and clear() removes every trace.
 */
const HOST_TAG = 'wysiwys-auditor-overlay';

let host: HTMLElement | null = null;
let box: HTMLElement | null = null;
let caption: HTMLElement | null = null;
let tracked: Element | null = null;
let frame = 0;
let label = '';

export function isOverlayHost(el: Element): boolean {
  return el === host;
}

function ensureHost(): void {
  if (host && host.isConnected) return;
  host = document.createElement(HOST_TAG);
  // Inline style on our own host only: keep it out of layout and above everything.
  host.style.cssText = 'all: initial; position: fixed; inset: 0; pointer-events: none; z-index: 2147483647;';
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `
    .box { position: fixed; box-sizing: border-box; border: 3px solid #d6006f; border-radius: 4px;
           box-shadow: 0 0 0 4px rgba(255,255,255,.85), 0 0 18px rgba(214,0,111,.6); transition: all .15s ease; }
    .caption { position: fixed; background: #d6006f; color: #fff; font: 600 13px/1.3 system-ui, sans-serif;
               padding: 3px 8px; border-radius: 4px; max-width: 420px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }`;
  box = document.createElement('div');
  box.className = 'box';
  box.setAttribute('data-wysiwys', 'highlight');
  caption = document.createElement('div');
  caption.className = 'caption';
  root.append(style, box, caption);
  document.documentElement.append(host);
}

let lastKey = '';

function place(): void {
  if (!tracked || !box || !caption) return;
  const r = tracked.getBoundingClientRect();
  const key = `${r.left},${r.top},${r.width},${r.height},${innerWidth},${innerHeight},${label}`;
  if (key === lastKey) {
    frame = requestAnimationFrame(place);
    return;
  }
  lastKey = key;
  box.style.left = `${r.left - 4}px`;
  box.style.top = `${r.top - 4}px`;
  box.style.width = `${r.width + 8}px`;
  box.style.height = `${r.height + 8}px`;
  caption.style.maxWidth = `${Math.min(420, innerWidth - 8)}px`;
  // We never scroll the page for the user (that would change what the audit sees): point at offscreen elements.
  const below = r.top > innerHeight, above = r.bottom < 0;
  caption.style.top = below ? `${innerHeight - 28}px` : above ? '4px' : `${r.top - 30 < 0 ? r.bottom + 8 : r.top - 30}px`;
  caption.textContent = `${below ? '↓ ' : above ? '↑ ' : ''}${label}`;
  // Keep the caption inside the viewport horizontally.
  caption.style.left = `${Math.max(0, Math.min(r.left - 4, innerWidth - caption.offsetWidth - 4))}px`;
  host!.dataset.rect = [r.left, r.top, r.width, r.height].map((v) => Math.round(v)).join(',');
  frame = requestAnimationFrame(place);
}

export function highlight(el: Element, text: string): void {
  ensureHost();
  tracked = el;
  label = text; // page text is untrusted: it is only ever set as textContent
  lastKey = '';
  cancelAnimationFrame(frame);
  place();
}

export function clearHighlight(): void {
  cancelAnimationFrame(frame);
  tracked = null;
  host?.remove();
  host = box = caption = null;
}

