/**
 * Content script (every frame of a granted site, or injected once through activeTab): gathers this frame's
 * snapshot and sends it to the background, again whenever the page changes. It only reads the page; the one
 * thing it adds is the highlight overlay inside its own closed shadow root.
 */
import {
  borderOffsetOf,
  boxOf,
  gatherFrame,
  gatherFrameSliced,
  ImageSizes,
  rectOf,
  resolveTarget,
  walkReaders,
  yieldToPage,
} from '../audit';
import {
  DEEP_BRIDGE_KEY,
  PORT_NAME,
  type ContentCommand,
  type DeepObserverMessage,
  type FrameMessage,
  type FrameQuery,
  type Measured,
  type SurfaceProbe,
  type TamperState,
  type TamperSurface,
} from '../shared/messages';
import { clearHighlight, highlight, highlightAll, isOverlayHost, onOverlayTamper, overlayProbe, overlayTamperState } from './overlay';
import { isPanelHost, onPanelTamper, panelProbe, panelTamperState, removePanel, showPanel, updatePanel } from './panel-loader';
import { createScheduler, LIVE_SCHEDULE, UNASKED } from './scheduler';
import { afterNextFrame } from '../shared/next-frame';
import { deepBridge, openDeepBridge } from './deep-bridge';
// Closed shadow roots (Chromium's chrome.dom or Firefox's element property): users see those widgets, so must we.
import { shadowRootOf } from '../shared/browser-compat';
import { handOverSliced, NODES_PER_PART, patchOf, wholeParts } from '../shared/snapshot-patch';
import type { FrameSnapshot, GatherMemo, GatherOptions } from '../audit';
import { collectLocalChanges, hasLocalChanges, noLocalChanges } from './local-changes';
import { loadRereader, rereaderIfLoaded } from './reread-loader';

declare global {
  interface Window {
    __wysiwysAuditorLoaded?: boolean;
  }
}

/** A gather whose own work took at most this is repeated in one go when the page changed between its slices. */
const WHOLE_GATHER_MS = 30;
/**
 * While only text, in-place attributes or elements of a subtree change, the elements around them are re-read (the
 * re-reads of reread-loader.ts); the whole document is read again at least this often, for what changes without a
 * DOM record or an event (storage, cookies, a stylesheet edited, a rule with :has() that restyles elements far from
 * the change).
 */
const WHOLE_EVERY_MS = 5000;
/**
 * A whole read that is due gives way to the page's changes (see audit) only until it is this old: a page that changes
 * all the time (a countdown in milliseconds) still gets it, in the audit of a change.
 */
const WHOLE_OVERDUE_MS = 2 * WHOLE_EVERY_MS;

function start(): void {
  let port: chrome.runtime.Port | null = null;
  /** The snapshot the background has (null: none yet, or it lost it), and its number. */
  let lastSent: FrameSnapshot | null = null;
  let seq = 0;
  let stopped = false;
  const observedRoots = new WeakSet<Node>();
  /** The page's own DOM changes so far: one during a sliced gather means the snapshot mixes two states. */
  let pageChanges = 0;
  /** The last whole gather's walk, for re-reading only what changed; null: the next gather is a whole one. */
  let memo: GatherMemo | null = null;
  /** Since the last gather: elements whose text or attributes changed, and whether more changed (then a whole gather). */
  let localChanges = noLocalChanges();
  let moreThanLocal = true;
  /** The audit running is the whole read that is due, which no change of the page asked for. */
  let unasked = false;
  const ours = (n: Node) => n instanceof Element && (isOverlayHost(n) || isPanelHost(n));
  const observer = new MutationObserver((records) => {
    // Our own overlay and panel (drawn, or put back after the page removed them) change nothing the audit reads.
    const pages = records.filter(
      (r) =>
        !ours(r.target) &&
        !(r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(ours) && r.addedNodes.length + r.removedNodes.length > 0),
    );
    if (!pages.length) return;
    pageChanges++;
    if (!collectLocalChanges(pages, localChanges)) moreThanLocal = true;
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

  /** A change the DOM's records do not show (an event, a navigation, an image measured): the next gather is whole. */
  const requestWhole = (now = false) => {
    moreThanLocal = true;
    if (now) scheduler.now();
    else scheduler.request();
  };
  const imageSizes = new ImageSizes(() => requestWhole());
  // Deep inspection (opt-in): codes the page's own API responses carried. They arrive only over the private port
  // our bridge handed to our page-world observer before any page script ran (deep-inspection.ts); no DOM event
  // is listened to, so nothing the page fires can add a code. No bridge: deep inspection is off for this site.
  const receivedCodes: NonNullable<FrameSnapshot['receivedCodes']> = [];
  let deepPort: MessagePort | null = deepBridge()?.port ?? null;
  if (deepPort) {
    deepPort.onmessage = (event) => {
      const message = event.data as DeepObserverMessage;
      if (message?.type !== 'codes' || !Array.isArray(message.codes)) return;
      const codes = message.codes.filter((c): c is string => typeof c === 'string' && /^\d{4}$/.test(c)).slice(0, 10);
      if (!codes.length) return;
      receivedCodes.push({ codes, url: String(message.url).slice(0, 300), at: Number(message.at) || Date.now() });
      if (receivedCodes.length > 20) receivedCodes.shift();
      scheduler.request();
    };
  }
  const deepOff = () => {
    if (!deepPort) return;
    deepPort.postMessage({ type: 'off' });
    deepPort.close();
    deepPort = null;
    delete (window as unknown as Record<string, unknown>)[DEEP_BRIDGE_KEY];
    receivedCodes.length = 0;
    lastSent = null;
    requestWhole();
  };

  // The page removed, restyled, hid or covered our panel or outlines: the background tells the popup.
  const tampered: Partial<Record<TamperSurface, TamperState>> = {};
  const onTamper = (surface: TamperSurface, state: TamperState | null) => {
    if (state) tampered[surface] = state;
    else delete tampered[surface];
    send({ type: 'tamper', surface, state });
  };
  onPanelTamper(onTamper);
  onOverlayTamper(onTamper);
  // The re-reads, a module of their own, load while the first audit waits for a frame: that gather is readied for them.
  const rereadsLoaded = loadRereader(walkReaders);
  // Gathered in slices with the page's own tasks between them: a huge page never stalls while it is audited.
  const audit = async () => {
    if (stopped || (document.visibilityState === 'hidden' && lastSent)) return;
    // The frame last: the gather starts right after one (see afterNextFrame), however long the module took.
    await rereadsLoaded;
    await afterNextFrame();
    if (stopped) return;
    const options: GatherOptions = {
      shadowRootOf,
      skip: (el) => isOverlayHost(el) || isPanelHost(el),
      onShadowRoot: observe,
      imageSize: imageSizes.get,
    };
    const changed = localChanges;
    const wholeDue = !!memo && performance.now() - memo.wholeAt > WHOLE_EVERY_MS;
    // The whole read that is due waits for no change: changes of the page are judged from a re-read first, and the
    // whole read follows as an audit of its own (asked for below), which gives way to the page's next change.
    const servesChange = moreThanLocal || hasLocalChanges(changed);
    const whole = moreThanLocal || !memo || (wholeDue && !servesChange);
    const giveWay = whole && !servesChange && !!memo && performance.now() - memo.wholeAt <= WHOLE_OVERDUE_MS;
    unasked = giveWay;
    localChanges = noLocalChanges();
    moreThanLocal = false;
    // Only text, in-place attributes or elements added or removed since the last gather: re-read the elements around
    // them (in slices too: its painted-text pass goes over every node). A change between two slices: the next gather
    // is a whole one.
    const changesBefore = pageChanges;
    const rereads = whole || !memo ? undefined : rereaderIfLoaded();
    const reread = rereads && memo && (await rereads.regatherSliced(window, memo, changed));
    if (stopped) return;
    let snapshot: FrameSnapshot;
    if (reread && 'snapshot' in reread) {
      snapshot = reread.snapshot;
      memo = reread.memo;
      if (pageChanges !== changesBefore) {
        memo = null;
        moreThanLocal = true;
      } else if (wholeDue) scheduler.request();
    } else {
      let kept: GatherMemo | null = null;
      // Once the re-reads are loaded, they may move regions rigidly from what this gather keeps (readied in its last slice).
      const prepare = rereaderIfLoaded()?.preparing(window);
      const keep = (m: GatherMemo) => {
        kept = m;
        prepare?.(m);
      };
      const wholeBefore = pageChanges;
      const read = giveWay
        ? await gatherFrameSliced(window, { ...options, keep, giveWay: () => pageChanges !== wholeBefore })
        : await gatherFrameSliced(window, { ...options, keep });
      if (stopped) return;
      // The page changed while the due whole read ran: the change goes first, judged from a re-read of the memo
      // (which still stands: what changed is in localChanges); the whole read is asked for again after it.
      if (!read || (giveWay && pageChanges !== wholeBefore)) return;
      snapshot = read;
      // The page changed between two slices (a step re-rendered every few ms): part of the snapshot is of elements
      // replaced meanwhile. A small page is read again in one go, which no change can split; a big one is judged
      // again on the audit its change asked for, as a whole gather (a mixed walk is nothing to re-read from).
      if (pageChanges !== wholeBefore) {
        kept = null;
        if (snapshot.gatherMs <= WHOLE_GATHER_MS) snapshot = gatherFrame(window, { ...options, keep });
        else moreThanLocal = true;
      }
      memo = kept;
    }
    if (receivedCodes.length) snapshot.receivedCodes = [...receivedCodes];
    // Send only what changed: timing fields aside, an identical snapshot tells the background nothing new; a few
    // changed nodes go as a patch against the snapshot it has. The comparison is sliced like the gather.
    const against = lastSent;
    const change = await handOverSliced(against, snapshot, async () => {
      await yieldToPage();
      return !stopped;
    });
    if (!change) return;
    // The background lost its copy meanwhile (a reconnect, a regather for the whole): it gets the whole snapshot.
    const stale = lastSent !== against;
    if (change.kind === 'unchanged' && !stale) return;
    const base = seq;
    seq++;
    if (change.kind === 'patch' && !stale) send({ type: 'snapshot-patch', seq, patch: patchOf(base, change, snapshot.nodes.length) });
    else if (snapshot.nodes.length <= NODES_PER_PART) send({ type: 'snapshot', snapshot, seq });
    else {
      // A huge page: the whole snapshot in parts, the page's tasks between them.
      const via = port;
      const { head, parts } = wholeParts(snapshot);
      for (let index = 0; index < parts.length; index++) {
        if (index) await yieldToPage();
        // Stopped, or reconnected meanwhile (the background lost the parts): the audit the reconnect asked for
        // sends the whole snapshot again.
        if (stopped || port !== via) return;
        send({ type: 'snapshot-part', seq, index, nodes: parts[index] });
      }
      send({ type: 'snapshot-end', seq, parts: parts.length, count: snapshot.nodes.length, head });
    }
    lastSent = snapshot;
  };
  // The whole read that is due (see audit) is not the page's: it does not hold the page's next change back.
  const scheduler = createScheduler(async () => {
    unasked = false;
    await audit();
    return unasked ? UNASKED : undefined;
  }, LIVE_SCHEDULE);

  const connect = () => {
    if (stopped) return;
    try {
      port = chrome.runtime.connect({ name: PORT_NAME });
    } catch {
      stop();
      return;
    }
    port.onMessage.addListener((message: unknown) => onCommand(message as ContentCommand));
    port.onDisconnect.addListener(() => {
      port = null;
      // The background restarted (service worker idle): reconnect and send everything again.
      if (chrome.runtime?.id) {
        lastSent = null;
        setTimeout(() => {
          connect();
          requestWhole(true);
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
    else if (command.type === 'panel-show' && window === window.top) showPanel(command.report, command.mark, command.locale);
    else if (command.type === 'deep-off') deepOff();
    else if (command.type === 'panel-update' && window === window.top) updatePanel(command.report);
    else if (command.type === 'panel-hide') removePanel();
    else if (command.type === 'regather') {
      if (command.whole) lastSent = null;
      requestWhole(true);
    }
  };

  const stop = () => {
    stopped = true;
    observer.disconnect();
    scheduler.cancel();
    clearHighlight();
    removePanel();
  };

  // The background's questions to this frame; undefined: not one of ours, no answer.
  const answer = (query: FrameQuery | undefined): unknown => {
    if (query?.type === 'probe') {
      const probe: SurfaceProbe = { panel: panelProbe(), overlay: overlayProbe(), tamper: { ...tampered } };
      const panelState = panelTamperState(),
        overlayState = overlayTamperState();
      if (panelState) probe.tamper.panel = panelState;
      if (overlayState) probe.tamper.overlay = overlayState;
      return probe;
    }
    if (query?.type === 'press') {
      // "Test cancel": press the control the cancel check found, as the user would (works in closed shadow roots too).
      const target = resolveTarget(document, query.target, shadowRootOf);
      if (!(target instanceof HTMLElement)) return { pressed: false, reason: 'the control is no longer on the page' };
      target.click();
      return {
        pressed: true,
        label: (target.innerText || target.getAttribute('aria-label') || target.tagName).trim().slice(0, 80),
      };
    }
    if (query?.type !== 'measure') return undefined;
    // Where an element is now, for the background's cropped screenshot of it.
    const el = resolveTarget(document, query.target, shadowRootOf);
    if (!el) return null;
    const r = rectOf(el);
    const border = borderOffsetOf(el);
    const measured: Measured = {
      rect: boxOf(r),
      clientLeft: border.left,
      clientTop: border.top,
      viewport: { w: innerWidth, h: innerHeight },
      dpr: devicePixelRatio,
    };
    return measured;
  };
  // Answered at once with sendResponse (what Chromium's runtime API and Firefox's both take), no polyfill.
  chrome.runtime.onMessage.addListener((raw: unknown, _sender, sendResponse) => {
    const reply = answer(raw as FrameQuery | undefined);
    if (reply !== undefined) sendResponse(reply);
  });

  connect();
  observe(document);
  // Changes without DOM mutations: SPA navigation, layout, animations that reveal or hide the code.
  const later = () => requestWhole();
  for (const type of ['popstate', 'hashchange', 'resize', 'scroll', 'load', 'pageshow']) addEventListener(type, later, { passive: true });
  for (const type of ['animationend', 'transitionend']) document.addEventListener(type, later, { passive: true, capture: true });
  document.addEventListener('visibilitychange', later);
  // history.pushState in the page's world is invisible to us: watch the URL (and the Navigation API where present).
  let lastUrl = location.href;
  const urlWatch = setInterval(() => {
    if (stopped) clearInterval(urlWatch);
    else if (location.href !== lastUrl) {
      lastUrl = location.href;
      requestWhole(true);
    }
  }, 500);
  (window as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', later);
  scheduler.now();
}

// `=== true`, not truthiness: an element with id="__wysiwysAuditorLoaded" is a named property of window.
if (window.__wysiwysAuditorLoaded !== true) {
  window.__wysiwysAuditorLoaded = true;
  if (document.readyState === 'loading') {
    // Registered at document_start only where deep inspection is on: hand the observer its port now, before the
    // page's scripts, and start auditing once the document is parsed (polled: page listeners could swallow events).
    openDeepBridge();
    const wait = setInterval(() => {
      if (document.readyState === 'loading') return;
      clearInterval(wait);
      start();
    }, 50);
  } else start();
}
