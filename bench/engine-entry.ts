/**
 * The bench's in-page API (built as one IIFE by bench/in-page.ts): the test engine (window.__wysiwysAudit) plus
 * the timed pieces — the bare walk (the floor), our gather, our evaluate, our full audit as the extension runs it
 * (content script's gather + hand-over (a patch of the changed nodes), then the background's TabAuditor.update), and long tasks.
 */
import '../test/support/engine-entry';
import { auditPage, gatherFrame, gatherFrameSliced, gatherFrames, ImageSizes, uniformFrame, yieldToPage } from '../src/audit';
import type { FrameSnapshot } from '../src/audit';
import { applyPatch, handOver, handOverSliced, patchOf, type SnapshotPatch } from '../src/shared/snapshot-patch';
import { TabAuditor } from '../src/background/tabs';
import { afterNextFrame } from '../src/shared/next-frame';
import { PAGE_IDS } from './pages';

/**
 * What the bare walk measures: a text node with a 4-digit number, or a code / cancel word (en, lt, lv, et, ru).
 * Deliberately tiny and local: this is the bench's reference floor, not a detector.
 */
const CANDIDATE = /(^|\D)\d{4}(\D|$)|code|kod|kood|код|cancel|atšauk|atcel|tühist|katkest|отмен/i;

const closedRootOf = (el: Element): ShadowRoot | null =>
  (el.ownerDocument?.defaultView as Window | null)?.__closedShadowRoots?.get(el) ?? window.__closedShadowRoots?.get(el) ?? null;
/** As the content script's chrome.dom.openOrClosedShadowRoot: open or closed. */
const anyRootOf = (el: Element): ShadowRoot | null => el.shadowRoot ?? closedRootOf(el);

/**
 * One TreeWalker pass over elements and text nodes (into shadow roots and same-origin frames, as ours goes) that
 * reads the parent's computed font size and box for every candidate text node.
 */
function bareWalk(): { nodes: number; candidates: number; checksum: number } {
  let nodes = 0;
  let candidates = 0;
  let checksum = 0;
  const visit = (root: Node, doc: Document, win: Window) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes++;
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement;
        if (!parent || !CANDIDATE.test((node as Text).data)) continue;
        candidates++;
        checksum += Number.parseFloat(win.getComputedStyle(parent).fontSize) + parent.getBoundingClientRect().width;
        continue;
      }
      const el = node as Element;
      const shadow = anyRootOf(el);
      if (shadow) visit(shadow, doc, win);
      if (el.localName === 'iframe') {
        const inner = (el as HTMLIFrameElement).contentDocument;
        if (inner?.documentElement && inner.defaultView) visit(inner.documentElement, inner, inner.defaultView);
      }
    }
  };
  visit(document.documentElement, document, window);
  return { nodes, candidates, checksum };
}

const imageSizes = new ImageSizes();
/** The content script's gather options (src/content/content-script.ts): this frame only, any shadow root. */
const gatherThisFrame = () => gatherFrame(window, { shadowRootOf: anyRootOf, imageSize: imageSizes.get });
/**
 * The content script's hand-over (src/shared/snapshot-patch.ts): the change against the snapshot sent before, as
 * the message the port would carry (a patch of the changed nodes, or the whole snapshot), cloned as the port does.
 */
let lastSent: FrameSnapshot | null = null;
function handOverMessage(
  snapshot: FrameSnapshot,
  change = handOver(lastSent, snapshot),
): { patch?: SnapshotPatch; snapshot?: FrameSnapshot } | null {
  lastSent = snapshot;
  if (change.kind === 'unchanged') return null;
  if (change.kind === 'whole') return structuredClone({ snapshot });
  return structuredClone({ patch: patchOf(0, change, snapshot.nodes.length) });
}
/** The background's side: the snapshot rebuilt from the message (on its copy of the base). */
let backgroundBase: FrameSnapshot | null = null;
function received(message: { patch?: SnapshotPatch; snapshot?: FrameSnapshot }): FrameSnapshot {
  // A whole snapshot's nodes made one shape, as the service worker does (applyPatch keeps that shape).
  backgroundBase = message.patch && backgroundBase ? applyPatch(backgroundBase, message.patch) : uniformFrame(message.snapshot!);
  return backgroundBase;
}

const TAB = 1;
let auditor: TabAuditor | null = null;

/** The background's state for this tab as after the first audit: every frame's snapshot (untimed). */
function primedAuditor(): TabAuditor {
  if (auditor) return auditor;
  auditor = new TabAuditor();
  const frames = gatherFrames(window, { descendFrames: true, shadowRootOf: anyRootOf, imageSize: imageSizes.get });
  // Copies, as the port delivers them, in the service worker's one shape of node.
  const delivered = frames.map((f) => uniformFrame(structuredClone(f)));
  for (const [frameId, snapshot] of delivered.entries()) auditor.update(TAB, frameId, snapshot);
  // The top frame's snapshot is the base of the next hand-over, on both sides.
  lastSent = frames[0];
  backgroundBase = delivered[0];
  return auditor;
}

/** After the content script's gather (whole or re-read): the hand-over, then the background's evaluation, timed. */
function handOverAndEvaluate(background: TabAuditor, snapshot: FrameSnapshot) {
  const t0 = performance.now();
  const message = handOverMessage(snapshot);
  const t1 = performance.now();
  // Nothing changed: the extension sends nothing and the background keeps its verdicts.
  const report = message ? background.update(TAB, 0, received(message)) : background.report(TAB)!;
  const t2 = performance.now();
  return {
    keyAndCloneMs: t1 - t0,
    backgroundMs: t2 - t1,
    statuses: Object.fromEntries(report.checks.map((c) => [c.id, c.status])),
  };
}

/** Long tasks seen since `watchLongTasks`. */
let longTasks: { start: number; duration: number }[] = [];
let observer: PerformanceObserver | null = null;

const api = {
  bareWalk() {
    const t0 = performance.now();
    const result = bareWalk();
    return { ms: performance.now() - t0, ...result };
  },
  /** Our gather of every frame (the test engine's gather: same-origin frames descended). */
  gather() {
    const t0 = performance.now();
    const frames = window.__wysiwysAudit.gather();
    const ms = performance.now() - t0;
    return { ms, nodes: frames.reduce((s, f) => s + f.nodes.length, 0), truncated: frames.some((f) => f.truncated) };
  },
  /** Our evaluate (the engine's auditPage) of a fresh gather, timed alone. */
  evaluate() {
    const frames = window.__wysiwysAudit.gather();
    const t0 = performance.now();
    const report = auditPage({ url: location.href, frames });
    return { ms: performance.now() - t0, statuses: Object.fromEntries(report.checks.map((c) => [c.id, c.status])) };
  },
  /**
   * One re-audit as the extension runs it after a change in the top document: the content script gathers its own
   * frame, works out what changed since the snapshot it sent and hands that over (structured clone, as the port does); the background
   * merges it with the other frames' snapshots and evaluates the tab (TabAuditor.update: page state, rules,
   * session, timeline).
   */
  fullAudit() {
    const background = primedAuditor();
    const t0 = performance.now();
    const snapshot = gatherThisFrame();
    const t1 = performance.now();
    const rest = handOverAndEvaluate(background, snapshot);
    return { ms: t1 - t0 + rest.keyAndCloneMs + rest.backgroundMs, gatherMs: t1 - t0, ...rest };
  },
  /**
   * The background judging the tab again with no new snapshot (a network event, time passing: TabAuditor.evaluate
   * every few seconds while a step waits), after fullAudit: the same frames, so the models it kept.
   */
  judgeAgain() {
    const background = primedAuditor();
    const t0 = performance.now();
    background.evaluate(TAB);
    return { ms: performance.now() - t0 };
  },
  /** Untimed: a whole gather of the top document that keeps its walk, as the content script's last whole gather. */
  keepWalk() {
    window.__wysiwysAudit.gatherTopKept();
  },
  /**
   * One re-audit as the extension runs it after a change of text alone (the timer ticked: `touch`) or of elements
   * (`toggleCode`): the content script re-reads the elements around the change (rereader.regather, from the walk kept
   * by keepWalk or the last re-read), hands over what changed, and the background evaluates the tab. Refused: why it
   * would gather the whole.
   */
  textChangeAudit() {
    const background = primedAuditor();
    const t0 = performance.now();
    const reread = window.__wysiwysAudit.regatherTop();
    const t1 = performance.now();
    if ('refused' in reread) return { refused: reread.refused };
    const rest = handOverAndEvaluate(background, reread.snapshot);
    return { ms: t1 - t0 + rest.keyAndCloneMs + rest.backgroundMs, regatherMs: t1 - t0, ...rest };
  },
  /**
   * The page's part of a re-audit (what runs on the page's main thread) as the content script runs it: the gather
   * in slices with the page's tasks between them, then the hand-over.
   */
  contentScriptTask(): Promise<{ start: number; end: number }> {
    return new Promise((resolve) =>
      setTimeout(async () => {
        // As the content script: the audit starts after the frame that renders the page's change.
        await afterNextFrame();
        const start = performance.now();
        const snapshot = await gatherFrameSliced(window, { shadowRootOf: anyRootOf, imageSize: imageSizes.get });
        const change = await handOverSliced(lastSent, snapshot, async () => {
          await yieldToPage();
          return true;
        });
        handOverMessage(snapshot, change!);
        resolve({ start, end: performance.now() });
      }, 0),
    );
  },
  watchLongTasks() {
    longTasks = [];
    observer?.disconnect();
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    });
    observer.observe({ type: 'longtask', buffered: false });
  },
  /** Long tasks (≥ 50 ms, the API's threshold) seen since watchLongTasks, once the observer had time to report them. */
  async longTasks(): Promise<{ start: number; duration: number }[]> {
    await new Promise((r) => setTimeout(r, 200));
    return longTasks;
  },
  /** A small change, as between two audits of a live page (style and layout of one line become dirty). */
  /** Elements added or removed: the control code put into its empty slot, or taken out of it (as the extension bench does). */
  toggleCode(i: number) {
    const slot = document.getElementById(PAGE_IDS.codeSlot);
    if (!slot) return;
    if (slot.firstElementChild) {
      slot.replaceChildren();
      return;
    }
    const p = document.createElement('p');
    p.style.cssText = 'font-size:36px;font-weight:700;letter-spacing:4px;margin:4px 0';
    p.textContent = `0${String(100 + ((i * 137) % 900))}`;
    slot.replaceChildren(p);
  },
  touch(i: number) {
    const timer = document.getElementById(PAGE_IDS.timer);
    if (timer) timer.textContent = `4:${String(59 - (i % 60)).padStart(2, '0')}.00`;
  },
};

export type BenchApi = typeof api;
declare global {
  interface Window {
    __bench: BenchApi;
  }
}
window.__bench = api;
