/**
 * Content script (every frame of a granted site, or injected once through activeTab): gathers this frame's
 * snapshot and sends it to the background, again whenever the page changes. It only reads the page; the one
 * thing it adds is the highlight overlay inside its own closed shadow root.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { gatherFrame } from '../audit/gather/gather';
import { resolveTarget } from '../audit/resolve';
import { PORT_NAME, type ContentCommand, type FrameMessage, type FrameQuery, type Measured } from '../shared/messages';
import { clearHighlight, highlight, highlightAll, isOverlayHost } from './overlay';
import { isPanelHost, removePanel, showPanel, updatePanel } from './panel';
import { localizePanel } from './panel-strings';
import { isLocale } from '../i18n';
import { createScheduler } from './scheduler';
import { ImageSizes } from '../audit/gather/image-sizes';

declare global {
  interface Window {
    __wysiwysAuditorLoaded?: boolean;
  }
  interface Element {
    /** Firefox exposes closed shadow roots to extensions this way. */
    openOrClosedShadowRoot?: ShadowRoot | null;
  }
}

/** Closed shadow roots are reachable from an extension: users see those widgets, so must we. */
function shadowRootOf(el: Element): ShadowRoot | null {
  if (!(el instanceof HTMLElement)) return null;
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: HTMLElement) => ShadowRoot | null } } }).chrome?.dom;
  if (dom?.openOrClosedShadowRoot) {
    try {
      return dom.openOrClosedShadowRoot(el);
    } catch {
      return null;
    }
  }
  return el.openOrClosedShadowRoot ?? null;
}

function start(): void {
  let port: Runtime.Port | null = null;
  let lastSent = '';
  let stopped = false;
  const observedRoots = new WeakSet<Node>();
  const observer = new MutationObserver((records) => {
    // Our own overlay changes nothing the audit reads.
    if (records.every((r) => r.target instanceof Element && (isOverlayHost(r.target) || isPanelHost(r.target)))) return;
    scheduler.request();
  });
  const observe = (root: Node) => {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  };

  const send = (message: FrameMessage) => {
    try {
      port?.postMessage(message);
    } catch {
      port = null;
    }
  };

  const imageSizes = new ImageSizes(() => scheduler.request());
  // Deep inspection (opt-in): codes the page's own API responses carried, reported from the page's world.
  const receivedCodes: NonNullable<import('../audit/types').FrameSnapshot['receivedCodes']> = [];
  document.addEventListener('wysiwys:received-code', (event) => {
    try {
      const detail = JSON.parse(String((event as CustomEvent).detail)) as { codes: unknown; url: unknown; at: unknown };
      const codes = Array.isArray(detail.codes) ? detail.codes.filter((c): c is string => typeof c === 'string' && /^\d{4}$/.test(c)) : [];
      if (!codes.length) return;
      receivedCodes.push({ codes, url: String(detail.url).slice(0, 300), at: Number(detail.at) || Date.now() });
      if (receivedCodes.length > 20) receivedCodes.shift();
      scheduler.request();
    } catch {
      /* not ours */
    }
  });
  const audit = () => {
    if (stopped || document.visibilityState === 'hidden' && lastSent) return;
    const snapshot = gatherFrame(window, {
      shadowRootOf,
      skip: (el) => isOverlayHost(el) || isPanelHost(el),
      onShadowRoot: observe,
      imageSize: imageSizes.get,
    });
    if (receivedCodes.length) snapshot.receivedCodes = [...receivedCodes];
    // Send only what changed: timing fields aside, an identical snapshot tells the background nothing new.
    const key = JSON.stringify({ ...snapshot, gatheredAt: 0, gatherMs: 0 });
    if (key === lastSent) return;
    lastSent = key;
    send({ type: 'snapshot', snapshot });
  };
  const scheduler = createScheduler(audit, { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000 });

  const connect = () => {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: PORT_NAME });
    } catch {
      stop();
      return;
    }
    port.onMessage.addListener((message: unknown) => onCommand(message as ContentCommand));
    port.onDisconnect.addListener(() => {
      port = null;
      // The background restarted (service worker idle): reconnect and send everything again.
      if (browser.runtime?.id) {
        lastSent = '';
        setTimeout(() => {
          connect();
          scheduler.now();
        }, 200);
      } else stop();
    });
  };

  const onCommand = (command: ContentCommand) => {
    if (command.type === 'highlight') {
      const el = resolveTarget(document, command.target, shadowRootOf);
      if (el) highlight(el, command.label);
    } else if (command.type === 'highlight-all') {
      const found = command.items
        .map((i) => ({ el: resolveTarget(document, i.target, shadowRootOf), label: i.label }))
        .filter((i): i is { el: Element; label: string } => !!i.el);
      highlightAll(found);
    } else if (command.type === 'clear-highlight') clearHighlight();
    else if (command.type === 'panel-show' && window === window.top) {
      if (command.locale && isLocale(command.locale)) localizePanel(command.locale);
      showPanel(command.report);
    }
    else if (command.type === 'panel-update' && window === window.top) updatePanel(command.report);
    else if (command.type === 'panel-hide') removePanel();
    else if (command.type === 'regather') {
      lastSent = '';
      scheduler.now();
    }
  };

  const stop = () => {
    stopped = true;
    observer.disconnect();
    scheduler.cancel();
    clearHighlight();
    removePanel();
  };

  // Where an element is now, for the background's cropped screenshot of it.
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const query = raw as FrameQuery;
    if (query?.type === 'press') {
      // "Test cancel": press the control the cancel check found, as the user would (works in closed shadow roots too).
      const target = resolveTarget(document, query.target, shadowRootOf);
      if (!(target instanceof HTMLElement)) return Promise.resolve({ pressed: false, reason: 'the control is no longer on the page' });
      target.click();
      return Promise.resolve({ pressed: true, label: (target.innerText || target.getAttribute('aria-label') || target.tagName).trim().slice(0, 80) });
    }
    if (query?.type !== 'measure') return undefined;
    const el = resolveTarget(document, query.target, shadowRootOf);
    if (!el) return Promise.resolve(null);
    const r = el.getBoundingClientRect();
    const measured: Measured = {
      rect: { x: r.left, y: r.top, w: r.width, h: r.height },
      clientLeft: el.clientLeft,
      clientTop: el.clientTop,
      viewport: { w: innerWidth, h: innerHeight },
      dpr: devicePixelRatio,
    };
    return Promise.resolve(measured);
  });

  connect();
  observe(document);
  // Changes without DOM mutations: SPA navigation, layout, animations that reveal or hide the code.
  const later = () => scheduler.request();
  for (const type of ['popstate', 'hashchange', 'resize', 'scroll', 'load', 'pageshow']) addEventListener(type, later, { passive: true });
  for (const type of ['animationend', 'transitionend']) document.addEventListener(type, later, { passive: true, capture: true });
  document.addEventListener('visibilitychange', later);
  // history.pushState in the page's world is invisible to us: watch the URL (and the Navigation API where present).
  let lastUrl = location.href;
  const urlWatch = setInterval(() => {
    if (stopped) clearInterval(urlWatch);
    else if (location.href !== lastUrl) {
      lastUrl = location.href;
      scheduler.now();
    }
  }, 500);
  (window as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', later);
  scheduler.now();
}

if (!window.__wysiwysAuditorLoaded) {
  window.__wysiwysAuditorLoaded = true;
  start();
}
