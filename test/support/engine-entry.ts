/** Browser-side entry for tests: gather every same-origin frame and audit, reaching closed shadow roots the test shim recorded. */
import { auditPage, gatherFrame, gatherFrameSliced, gatherFrames, type GatherMemo, rereader, rules, walkReaders } from '../../src/audit';
import { collectLocalChanges, noLocalChanges } from '../../src/content/local-changes';
import type { FrameSnapshot, LocalChanges, PageSnapshot, Rule } from '../../src/audit';
import { applyPatch, handOver, patchOf } from '../../src/shared/snapshot-patch';
import { resolveTarget } from '../../src/audit/resolve';
import { ImageSizes } from '../../src/audit/gather/image-sizes';
import { undeclaredIn } from '../../src/audit/gather/undeclared';

/**
 * What the rules that say they read the frames alone (Rule.reads, whose checks the engine keeps while the same frames
 * come again) read of the page besides: each judges a copy of the frames through a page that refuses every other
 * field. Returns "rule: what it read" per rule that read more.
 */
function readsBeyondFrames(frames: FrameSnapshot[]): string[] {
  const out: string[] = [];
  for (const rule of rules as readonly Rule[]) {
    if (rule.reads !== 'frames') continue;
    const onlyFrames = new Proxy({ frames: structuredClone(frames) } as PageSnapshot, {
      get(target, key) {
        if (key !== 'frames') throw new Error(`it read page.${String(key)}`);
        return target.frames;
      },
    });
    try {
      rule.evaluate(onlyFrames);
    } catch (error) {
      out.push(`${rule.meta.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out;
}

/** The re-reads, bound to the walk's readers as the content script binds them when it loads their module. */
const rereads = rereader(walkReaders);

/** The frames and time of the last audit(), judged again by auditAgain(). */
let audited: { frames: FrameSnapshot[]; now: number } | undefined;

/** A background image measured since the last gather: the content script then gathers the whole document. */
let imageMeasured = false;
const imageSizes = new ImageSizes(() => {
  imageMeasured = true;
});

/** The content script's part of a re-read, as in content-script.ts: the last walk kept, and the page's changes since. */
let memo: GatherMemo | undefined;
let records: MutationRecord[] = [];
const watcher = new MutationObserver((r) => records.push(...r));

/**
 * The closed shadow root of `el` as the shim of its own document recorded it (a same-origin iframe has its own
 * window and record), the way chrome.dom.openOrClosedShadowRoot reaches closed roots in every frame.
 */
const closedRootOf = (el: Element): ShadowRoot | null =>
  (el.ownerDocument?.defaultView as Window | null)?.__closedShadowRoots?.get(el) ?? window.__closedShadowRoots?.get(el) ?? null;

declare global {
  interface Window {
    __closedShadowRoots?: WeakMap<Element, ShadowRoot>;
    __wysiwysAudit: typeof api;
  }
}

const api = {
  /**
   * Makes the style read of the element with `id` throw, the way a hostile page breaks a member the walk needs (the
   * walk then keeps a bare node for it: FrameSnapshot.unreadElements).
   */
  breakStyleOf(id: string) {
    const real = window.getComputedStyle.bind(window);
    const broken = document.getElementById(id);
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => {
      if (el === broken) throw new Error('page broke this element');
      return real(el, pseudo);
    }) as typeof window.getComputedStyle;
  },
  gather() {
    return gatherFrames(window, {
      descendFrames: true,
      shadowRootOf: closedRootOf,
      imageSize: imageSizes.get,
    });
  },
  /** The top document alone, in one go and in slices of `sliceMs` (0: a pause at every step), as the content script gathers. */
  gatherTop() {
    return gatherFrame(window, { shadowRootOf: closedRootOf, imageSize: imageSizes.get });
  },
  /** gatherTop reading every property of every element, even those no style of the page declares (undeclared.ts). */
  gatherTopReadingEverything() {
    return gatherFrame(window, { shadowRootOf: closedRootOf, imageSize: imageSizes.get, readEveryProperty: true });
  },
  /** The properties no stylesheet or animation of the document, or of the shadow root of element `hostId`, declares. */
  undeclared(hostId?: string) {
    if (!hostId) return undeclaredIn(document, true, new Map());
    const host = document.getElementById(hostId);
    const root = host && (host.shadowRoot ?? closedRootOf(host));
    // Never the document's answer for a root that is not there: a test asking of a root must be asking of one.
    if (!root) throw new Error(`No shadow root on #${hostId}`);
    return undeclaredIn(root, false, new Map());
  },
  gatherTopSliced(sliceMs: number) {
    return gatherFrameSliced(window, { shadowRootOf: closedRootOf, imageSize: imageSizes.get, sliceMs });
  },
  /**
   * A sliced gather (a pause at every step) asked to give way at each pause, as the content script's due whole read
   * is: it gives way at pause `at` (never, when -1). How many pauses it asked at, and whether it kept a walk.
   */
  async gatherTopGivingWay(at: number) {
    let asked = 0;
    let kept = false;
    const snapshot = await gatherFrameSliced(window, {
      shadowRootOf: closedRootOf,
      imageSize: imageSizes.get,
      sliceMs: 0,
      keep: () => {
        kept = true;
      },
      giveWay: () => asked++ === at,
    });
    return { snapshot, asked, kept };
  },
  /**
   * A whole gather of the top document that keeps its walk, and starts collecting the page's DOM changes, as the
   * content script does before re-reading only what changed.
   */
  gatherTopKept() {
    watcher.disconnect();
    records = [];
    imageMeasured = false;
    const prepare = rereads.preparing(window);
    const snapshot = gatherFrame(window, {
      shadowRootOf: closedRootOf,
      imageSize: imageSizes.get,
      keep: (m) => {
        memo = m;
        prepare(m);
      },
    });
    watcher.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    return snapshot;
  },
  /**
   * The content script's next gather after the changes since gatherTopKept (or the last re-read): the re-read of the
   * elements whose text, attributes or children changed, or why not ('more than text or attributes': a record changed more;
   * else the refusal).
   */
  regatherTop(): { snapshot: ReturnType<typeof gatherFrame> } | { refused: string } {
    const changed = api.changesSinceKept();
    if ('refused' in changed) return changed;
    const result = rereads.regather(window, memo!, changed.changes);
    if ('refused' in result) return result;
    memo = result.memo;
    return { snapshot: result.snapshot };
  },
  /** regatherTop as the content script runs it: in slices (0 ms: a pause at every step it can). */
  async regatherTopSliced(sliceMs: number): Promise<{ snapshot: ReturnType<typeof gatherFrame> } | { refused: string }> {
    const changed = api.changesSinceKept();
    if ('refused' in changed) return changed;
    const result = await rereads.regatherSliced(window, memo!, changed.changes, sliceMs);
    if ('refused' in result) return result;
    // The page changed between two slices (a countdown ticked): the snapshot holds both moments, so the content script
    // drops the memo and reads the whole document next; no gather made afterwards can equal it.
    records.push(...watcher.takeRecords());
    if (records.length) return { refused: 'changed between slices' };
    memo = result.memo;
    return { snapshot: result.snapshot };
  },
  /** The elements whose text or attributes changed since the walk was kept, or why a whole gather is due. */
  changesSinceKept(): { changes: LocalChanges } | { refused: string } {
    records.push(...watcher.takeRecords());
    const changes = noLocalChanges();
    const local = collectLocalChanges(records, changes);
    records = [];
    if (!memo) return { refused: 'no walk kept' };
    if (!local) return { refused: 'more than text or attributes' };
    if (imageMeasured) return { refused: 'image measured' };
    return { changes };
  },
  /** Gathers, waits for background-image sizes it asked for (as the content script's re-audit would), audits. */
  async audit() {
    api.gather();
    await imageSizes.settled();
    const frames = api.gather();
    audited = { frames, now: Date.now() };
    return auditPage({ url: location.href, frames }, audited.now);
  },
  /**
   * The last audit's frames judged again as the background judges them (issue 12): in a new page object (a network
   * event, time passing: the models kept for the same frames), and after a patch that rewrites the longest text and
   * hides a node in the middle (the readings of every other subtree carried), each beside a fresh judgement of the
   * same data. Returns the pairs of reports to compare.
   */
  auditAgain() {
    const { frames, now } = audited!;
    const judge = (f: FrameSnapshot[]) => auditPage({ url: location.href, frames: f }, now).checks;
    const again = { kept: judge(frames), fresh: judge(structuredClone(frames)) };
    const [top, ...rest] = frames;
    const next = structuredClone(top);
    const texts = next.nodes.filter((n) => n.text);
    const longest = texts.sort((a, b) => (b.text?.length ?? 0) - (a.text?.length ?? 0))[0];
    if (longest) longest.text = 'Kontrolinis kodas 4821';
    const middle = next.nodes[next.nodes.length >> 1];
    if (middle?.layout) middle.layout.hidden = 'display';
    const change = handOver(top, next);
    const rebuilt = change.kind === 'patch' ? applyPatch(top, structuredClone(patchOf(1, change, next.nodes.length))) : next;
    const patched = {
      carried: judge([rebuilt, ...rest]),
      fresh: judge([structuredClone(rebuilt), ...structuredClone(rest)]),
      kind: change.kind,
    };
    return { again, patched, readsBeyondFrames: readsBeyondFrames(frames) };
  },
  /** Resolves a finding's target through frames and shadow roots; returns the element's text, or null. */
  resolve(target: (string | string[])[]): string | null {
    let doc: Document = document;
    for (let k = 0; k < target.length; k++) {
      const el = resolveTarget(doc, target[k], (e) => closedRootOf(e) ?? e.shadowRoot);
      if (!el) return null;
      if (k === target.length - 1) return el.localName;
      const inner = (el as HTMLIFrameElement).contentDocument;
      if (!inner) return null;
      doc = inner;
    }
    return null;
  },
};
window.__wysiwysAudit = api;
