/**
 * Reads a page's state from outside its JavaScript world (DevTools protocol), so overridden built-ins, polluted
 * prototypes and clobbered document members cannot lie to the test: the DOM of every reachable frame as the
 * children of its document element (each serialised with all shadow roots, closed ones too), and, from a fresh
 * isolated world, scroll position, focused element and selection.
 */
import { createHash } from 'node:crypto';
import type { CDPSession, Page } from 'playwright-core';
import { VOLATILE_RE } from './pages';

export interface ChildState {
  /** Serialisation with hosts' names normalised and the page's volatile region replaced; hashed when large. */
  html: string;
  /** A closed shadow root and no light-DOM children: the only shape an element of ours may have. */
  closedEmpty: boolean;
  /** The text inside (shadow included), for finding the code in our panel. */
  text: string;
}

export interface FrameState {
  url: string;
  reachable: boolean;
  children: ChildState[];
}

export interface PageView {
  scroll: [number, number];
  active: string;
  selection: string;
  /** The page's own count of uncaught errors and rejections. */
  errors: number;
}

type Node = {
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  childNodeCount?: number;
  children?: Node[];
  shadowRoots?: { shadowRootType?: string }[];
  contentDocument?: Node;
};
type FrameTree = { frame: { id: string; url: string }; childFrames?: FrameTree[] };

/** A protocol call that cannot hang the caller: a document replaced mid-call may never answer. */
async function send<T>(cdp: CDPSession, method: string, params?: object): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      cdp.send(method as never, params as never) as Promise<T>,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${method}: no answer in 10 s`)), 10_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const normalise = (s: string) => s.replace(/\b(127\.0\.0\.\d+|localhost):\d+/g, 'HOST').replace(VOLATILE_RE, '<volatile/>');

/** A frame's URL without query and fragment: a page may rewrite those itself (pushState) at any time. */
const frameUrl = (url: string) => normalise(url.startsWith('data:') ? url : url.replace(/[?#].*$/, ''));

async function childStates(cdp: CDPSession, documentNode: Node | undefined): Promise<ChildState[] | undefined> {
  const root = documentNode?.children?.find((n) => n.nodeType === 1);
  if (!root) return undefined;
  const out: ChildState[] = [];
  for (const child of root.children ?? []) {
    let html: string;
    if (child.nodeType === 1) {
      html = (await send<{ outerHTML: string }>(cdp, 'DOM.getOuterHTML', { backendNodeId: child.backendNodeId, includeShadowDOM: true }))
        .outerHTML;
    } else html = `#${child.nodeName}`;
    const closedEmpty =
      child.nodeType === 1 && !child.childNodeCount && child.shadowRoots?.length === 1 && child.shadowRoots[0].shadowRootType === 'closed';
    const text = closedEmpty
      ? html
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 4000)
      : '';
    let norm = normalise(html);
    if (norm.length > 20_000) norm = `${norm.slice(0, 300)}…sha1:${createHash('sha1').update(norm).digest('hex')}:${norm.length}`;
    out.push({ html: `<${root.nodeName.toLowerCase()}>/${norm}`, closedEmpty, text });
  }
  return out;
}

/** The DOM of every frame of the page (frames another process renders are listed as unreachable). */
export async function domState(page: Page): Promise<FrameState[]> {
  for (let attempt = 0; ; attempt++) {
    const cdp = await page.context().newCDPSession(page);
    try {
      const frames: FrameState[] = [];
      const { frameTree } = await send<{ frameTree: FrameTree }>(cdp, 'Page.getFrameTree');
      const { root } = await send<{ root: Node }>(cdp, 'DOM.getDocument', { depth: 2, pierce: true });
      frames.push({ url: frameUrl(frameTree.frame.url), reachable: true, children: (await childStates(cdp, root)) ?? [] });
      const visit = async (tree: FrameTree) => {
        for (const child of tree.childFrames ?? []) {
          let children: ChildState[] | undefined;
          try {
            const { backendNodeId } = await send<{ backendNodeId: number }>(cdp, 'DOM.getFrameOwner', { frameId: child.frame.id });
            const { node } = await send<{ node: Node }>(cdp, 'DOM.describeNode', { backendNodeId, depth: 3, pierce: true });
            children = await childStates(cdp, node.contentDocument);
          } catch {
            children = undefined;
          }
          frames.push({ url: frameUrl(child.frame.url), reachable: !!children, children: children ?? [] });
          await visit(child);
        }
      };
      await visit(frameTree);
      return frames;
    } catch (error) {
      // A page that reloads or replaces its document under us: read again.
      if (attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }
}

const VIEW_EXPRESSION = `(() => {
  const desc = (n) => !n ? 'none' : n.nodeType === 1 ? n.localName + '#' + (Element.prototype.getAttribute.call(n, 'id') || '') : n.nodeName + ':' + String(n.data || '').slice(0, 20);
  const active = Object.getOwnPropertyDescriptor(Document.prototype, 'activeElement').get.call(document);
  const s = window.getSelection();
  return JSON.stringify({ scroll: [Math.round(scrollX), Math.round(scrollY)], active: desc(active),
    selection: s ? [String(s), desc(s.anchorNode), s.anchorOffset, desc(s.focusNode), s.focusOffset].join('|') : 'none' });
})()`;

/** Scroll, focus and selection of the top frame, read from an isolated world; the page's error count from its own. */
export async function pageView(page: Page): Promise<PageView> {
  for (let attempt = 0; ; attempt++) {
    const cdp = await page.context().newCDPSession(page);
    try {
      const { frameTree } = await send<{ frameTree: FrameTree }>(cdp, 'Page.getFrameTree');
      const { executionContextId } = await send<{ executionContextId: number }>(cdp, 'Page.createIsolatedWorld', {
        frameId: frameTree.frame.id,
        worldName: 'h4-probe',
      });
      const view = await send<{ result: { value: string } }>(cdp, 'Runtime.evaluate', {
        expression: VIEW_EXPRESSION,
        contextId: executionContextId,
        returnByValue: true,
      });
      const errors = await send<{ result: { value?: number } }>(cdp, 'Runtime.evaluate', {
        expression: 'window.__h4errors',
        returnByValue: true,
      });
      return { ...JSON.parse(view.result.value), errors: errors.result.value ?? -1 };
    } catch (error) {
      if (attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }
}

/**
 * The page's own DOM compared with a reference: what is missing or changed, and what was added. Only whole
 * children of a document element can be "added" (an element appended there); anything else is a change.
 */
export function compareDom(
  reference: FrameState[],
  now: FrameState[],
): { changed: string[]; added: { frame: number; child: ChildState }[] } {
  const changed: string[] = [];
  const added: { frame: number; child: ChildState }[] = [];
  const refUrls = reference
    .map((f) => f.url)
    .sort()
    .join('\n');
  const nowUrls = now
    .map((f) => f.url)
    .sort()
    .join('\n');
  if (refUrls !== nowUrls)
    changed.push(`frames differ:\n  reference ${refUrls.replace(/\n/g, ', ')}\n  now       ${nowUrls.replace(/\n/g, ', ')}`);
  const used = new Set<number>();
  for (const [index, frame] of now.entries()) {
    // Frames pair up by URL, in order.
    const refIndex = reference.findIndex((f, k) => !used.has(k) && f.url === frame.url);
    if (refIndex < 0) continue;
    used.add(refIndex);
    const ref = reference[refIndex];
    if (ref.reachable !== frame.reachable) {
      changed.push(`frame ${frame.url}: reachable ${ref.reachable} → ${frame.reachable}`);
      continue;
    }
    const pool = ref.children.map((c) => c.html);
    for (const child of frame.children) {
      const k = pool.indexOf(child.html);
      if (k >= 0) pool.splice(k, 1);
      else added.push({ frame: index, child });
    }
    for (const missing of pool) changed.push(`frame ${frame.url}: changed or removed ${missing.slice(0, 400)}`);
  }
  return { changed, added };
}
