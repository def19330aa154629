/**
 * A host for what we draw on the page (the panel, the outlines) that the page can neither read nor quietly hide.
 * - Nothing about our state lives on the host: it has a fixed tag, a fixed inline style and a closed shadow root.
 * - Its inline style is all `!important` (an inline important declaration beats every rule of the page, `*`,
 *   `:not(:defined)` and attribute selectors included), and it sits in the top layer (a manual popover), above any
 *   z-index and outside the page's stacking, overflow and transforms.
 * - It watches itself: removed (also when the page replaces <html>), restyled, closed, hidden by CSS or covered by
 *   a later top-layer element, it comes back and goes on top again; what it cannot undo (an ancestor the page hides)
 *   it reports, and the popup says so.
 * It is created in the XHTML namespace, so it also works in an SVG or XML document (the top layer renders it there).
 */
import type { TamperState, TamperSurface } from '../shared/messages';

const XHTML = 'http://www.w3.org/1999/xhtml';
const TICK_MS = 400;
/** Top-layer elements other than ours: the only things that can be drawn above a top-layer host. */
const TOP_LAYER = ':popover-open, :modal, :fullscreen';

export interface GuardOptions {
  tag: string;
  surface: TamperSurface;
  /** Inline style of the host (each declaration is made important). */
  style: Record<string, string>;
  /** The element inside the shadow root that must be visible (none: nothing to check yet). */
  visibleBox: () => Element | null;
  /** The host catches the pointer, so hit-testing at its box tells whether something covers it. */
  hitTest: boolean;
  onTamper: (surface: TamperSurface, state: TamperState | null) => void;
}

export interface GuardedHost {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  /** Checks now (after drawing), instead of at the next tick. */
  check(): void;
  dispose(): void;
  state(): TamperState | null;
}

/**
 * Every host we made, so each guard knows which top-layer elements are ours. The lazily loaded panel module carries
 * its own copy of this file, so the set lives on our isolated world's global (no page script can reach it).
 */
const OUR_HOSTS = Symbol.for('wysiwys-auditor.our-hosts');
const ours: Set<Element> = ((globalThis as { [OUR_HOSTS]?: Set<Element> })[OUR_HOSTS] ??= new Set<Element>());

export function isOurHost(el: Element): boolean {
  return ours.has(el);
}

/**
 * Our host element with its closed shadow root. A page that defined our tag as its own custom element (whose
 * constructor takes the shadow root) cannot keep us out: we retry under a name it cannot know in advance.
 */
function createHost(tag: string): { host: HTMLElement; root: ShadowRoot } {
  for (let attempt = 0; ; attempt++) {
    const name = attempt === 0 ? tag : `${tag}-${Math.random().toString(36).slice(2, 10)}`;
    const host = document.createElementNS(XHTML, name) as HTMLElement;
    try {
      return { host, root: host.attachShadow({ mode: 'closed' }) };
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

export function guardedHost(options: GuardOptions): GuardedHost {
  const { host, root } = createHost(options.tag);
  host.style.setProperty('all', 'initial', 'important');
  for (const [name, value] of Object.entries(options.style)) host.style.setProperty(name, value, 'important');
  host.setAttribute('popover', 'manual');
  const styleText = host.getAttribute('style')!;
  // Chromium has popovers since 114; elsewhere (or in a test DOM) the host still sits at the highest z-index.
  const popovers = typeof host.showPopover === 'function';
  const isOpen = () => {
    try {
      return host.matches(':popover-open');
    } catch {
      return false;
    }
  };
  ours.add(host);

  let disposed = false;
  let count = 0;
  let last: TamperState | null = null;
  let reported = '';
  const foreignSeen = new WeakSet<Element>();

  const raise = () => {
    if (!popovers) return;
    try {
      if (isOpen()) host.hidePopover();
      host.showPopover();
    } catch {
      /* not connected yet, or popovers unsupported: it is still drawn at the highest z-index */
    }
  };

  const attach = (): boolean => {
    const parent = document.documentElement;
    if (!parent) return false;
    if (host.parentNode !== parent) parent.append(host);
    raise();
    return true;
  };

  const tamper = (reason: TamperState['reason'], unrepaired: boolean) => {
    if (!unrepaired || !last || last.reason !== reason || !last.unrepaired) count++;
    last = { reason, unrepaired, count, at: Date.now() };
  };

  const visible = (): boolean | undefined => {
    const box = options.visibleBox();
    if (!box) return undefined;
    const r = box.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const opts = {
      checkOpacity: true,
      checkVisibilityCSS: true,
      opacityProperty: true,
      visibilityProperty: true,
      contentVisibilityAuto: true,
    };
    return typeof box.checkVisibility === 'function' ? box.checkVisibility(opts as CheckVisibilityOptions) : true;
  };

  const covered = (): boolean => {
    const box = options.visibleBox();
    if (!box || !options.hitTest) return false;
    // Under the page's modal dialog everything else is inert, ours too, and hit-testing passes through it; whether we
    // are above that dialog is then kept by raising ourselves whenever a new top-layer element appears.
    if (document.querySelector(':modal')) return false;
    const r = box.getBoundingClientRect();
    const points = [
      [r.left + r.width / 2, r.top + Math.min(r.height / 2, 20)],
      [r.left + 8, r.top + 8],
      [r.right - 8, r.bottom - 8],
    ];
    return points.some(([x, y]) => {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
      const top = document.elementsFromPoint?.(x, y)[0];
      return !!top && top !== host && !ours.has(top);
    });
  };

  const newForeignTopLayer = (): boolean => {
    let fresh = false;
    if (!popovers) return false;
    for (const el of document.querySelectorAll(TOP_LAYER)) {
      if (ours.has(el) || foreignSeen.has(el)) continue;
      foreignSeen.add(el);
      fresh = true;
    }
    return fresh;
  };

  const check = () => {
    if (disposed) return;
    let problem: TamperState['reason'] | null = null;
    if (!document.documentElement) {
      // The page removed <html>: we come back with the next root element.
      tamper('removed', true);
      return report();
    }
    if (host.parentNode !== document.documentElement) {
      problem = 'removed';
      attach();
    }
    for (const name of host.getAttributeNames()) {
      if (name !== 'style' && name !== 'popover') {
        host.removeAttribute(name);
        problem = 'restyled';
      }
    }
    if (host.getAttribute('style') !== styleText || host.getAttribute('popover') !== 'manual') {
      host.setAttribute('style', styleText);
      host.setAttribute('popover', 'manual');
      problem = 'restyled';
    }
    if (popovers && !isOpen()) {
      problem ??= 'hidden';
      raise();
    }
    if (newForeignTopLayer()) raise();
    let unrepaired = false;
    if (visible() === false) {
      // Hidden through something we cannot change (the page hid <html> itself, say).
      problem ??= 'hidden';
      unrepaired = true;
    } else if (covered()) {
      problem = 'covered';
      raise();
      unrepaired = covered();
    }
    if (problem) tamper(problem, unrepaired);
    else if (last?.unrepaired) last = { ...last, unrepaired: false, at: Date.now() };
    report();
  };

  const report = () => {
    const key = last ? `${last.reason}:${last.unrepaired}:${last.count}` : '';
    if (key === reported) return;
    reported = key;
    options.onTamper(options.surface, last);
  };

  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      check();
    });
  };
  const watcher = new MutationObserver(() => {
    soon();
    watchRoot();
  });
  let watchedRoot: Element | null = null;
  const watchRoot = () => {
    const rootEl = document.documentElement;
    if (rootEl && rootEl !== watchedRoot) {
      watchedRoot = rootEl;
      watcher.observe(rootEl, { childList: true });
    }
  };
  watcher.observe(document, { childList: true });
  watcher.observe(host, { attributes: true });
  host.addEventListener('toggle', soon);
  attach();
  watchRoot();
  const timer = setInterval(check, TICK_MS);

  return {
    host,
    root,
    check,
    state: () => last,
    dispose() {
      disposed = true;
      clearInterval(timer);
      watcher.disconnect();
      ours.delete(host);
      host.remove();
      if (last) options.onTamper(options.surface, null);
    },
  };
}
