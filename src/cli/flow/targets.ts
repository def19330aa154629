/**
 * Finds a flow step's target the way a user would see it: in every frame of the tab (same- and cross-origin) and
 * inside shadow roots. Playwright's locators reach open shadow roots and every frame; closed shadow roots are
 * reached through the DevTools protocol (DOM.getDocument with pierce: true lists them, DOM.querySelectorAll and
 * Accessibility.queryAXTree search inside them), and acted on with trusted input events at the element's centre.
 */
import type { CDPSession, Frame, Locator, Page } from 'playwright-core';
import type { FlowTarget } from './parse';

/** A target found by Playwright (open DOM, open shadow roots, any frame). */
export interface LocatorHit {
  via: 'locator';
  locator: Locator;
  frame: Frame;
}

/** A target inside a closed shadow root, known to the DevTools session of its frame's process. */
export interface ClosedHit {
  via: 'closed-shadow';
  cdp: CDPSession;
  backendNodeId: number;
  /** Where the session's viewport sits in the page's viewport (non-zero for a cross-origin frame's own process). */
  offset: { x: number; y: number };
  /** Each node's parent in the flat tree (a shadow root's parent is its host), for the hit test. */
  parents: Map<number, number>;
}

export type TargetHit = LocatorHit | ClosedHit;

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  shadowRootType?: 'open' | 'closed' | 'user-agent';
  contentDocument?: CdpNode;
  documentURL?: string;
  frameId?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The frames a target may be in: all of them (the page first), or those a `frame` spec names. */
async function framesFor(page: Page, spec: string | undefined): Promise<Frame[]> {
  const frames = page.frames();
  if (!spec) return frames;
  const chosen: Frame[] = [];
  for (const frame of frames) {
    if (frame.url().includes(spec)) {
      chosen.push(frame);
      continue;
    }
    if (!frame.parentFrame()) continue;
    const element = await frame.frameElement().catch(() => undefined);
    const matches = await element
      ?.evaluate((el, selector) => {
        try {
          return (el as Element).matches(selector);
        } catch {
          return false;
        }
      }, spec)
      .catch(() => false);
    if (matches) chosen.push(frame);
  }
  return chosen;
}

function locatorIn(frame: Frame, t: FlowTarget): Locator {
  const exact = t.exact ?? false;
  if (t.role) return frame.getByRole(t.role as Parameters<Frame['getByRole']>[0], t.name ? { name: t.name, exact } : {});
  if (t.text) return frame.getByText(t.text, { exact });
  if (t.label) return frame.getByLabel(t.label, { exact });
  if (t.placeholder) return frame.getByPlaceholder(t.placeholder, { exact });
  return frame.locator(t.selector ?? ':not(*)');
}

async function firstVisible(locator: Locator): Promise<Locator | undefined> {
  const count = await locator.count().catch(() => 0);
  for (let i = 0; i < count; i++) {
    const nth = locator.nth(i);
    if (await nth.isVisible().catch(() => false)) return nth;
  }
  return undefined;
}

/** DevTools sessions of the tab, one per renderer process that holds frames (the page, each cross-origin frame). */
export class ProcessSessions {
  private readonly sessions = new Map<Frame, CDPSession | null>();
  constructor(private readonly page: Page) {}

  /** The page's session, then one per out-of-process frame (a frame in the page's process has none of its own). */
  async all(frames: Frame[]): Promise<{ cdp: CDPSession; frame: Frame }[]> {
    const out: { cdp: CDPSession; frame: Frame }[] = [];
    for (const frame of [this.page.mainFrame(), ...frames.filter((f) => f !== this.page.mainFrame())]) {
      if (!this.sessions.has(frame)) {
        const cdp = await this.page
          .context()
          .newCDPSession(frame === this.page.mainFrame() ? this.page : frame)
          .catch(() => null);
        this.sessions.set(frame, cdp);
      }
      const cdp = this.sessions.get(frame);
      if (cdp) out.push({ cdp, frame });
    }
    return out;
  }

  async detach(): Promise<void> {
    for (const cdp of this.sessions.values()) await cdp?.detach().catch(() => undefined);
    this.sessions.clear();
  }
}

/** Where a frame's own viewport starts in the page's viewport: its element's box plus border and padding. */
async function frameOffset(frame: Frame): Promise<{ x: number; y: number }> {
  let x = 0;
  let y = 0;
  for (let f: Frame | null = frame; f?.parentFrame(); f = f.parentFrame()) {
    const element = await f.frameElement();
    const inner = await element.evaluate((node) => {
      const el = node as Element;
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { x: r.left + el.clientLeft + parseFloat(s.paddingLeft), y: r.top + el.clientTop + parseFloat(s.paddingTop) };
    });
    x += inner.x;
    y += inner.y;
  }
  return { x, y };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const matchesWords = (have: string, want: string, exact: boolean) =>
  exact ? norm(have) === norm(want) : norm(have).toLowerCase().includes(norm(want).toLowerCase());

/** The closed shadow roots of a tree, each with the address of the document it is in. */
function closedRoots(root: CdpNode, parents: Map<number, number>): { node: CdpNode; host: CdpNode; documentURL: string }[] {
  const found: { node: CdpNode; host: CdpNode; documentURL: string }[] = [];
  const walk = (node: CdpNode, documentURL: string) => {
    const url = node.documentURL ?? documentURL;
    for (const kid of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
      parents.set(kid.backendNodeId, node.backendNodeId);
      if (kid.shadowRootType === 'closed') found.push({ node: kid, host: node, documentURL: url });
      walk(kid, url);
    }
  };
  walk(root, root.documentURL ?? '');
  return found;
}

/** Elements under `root` (not crossing into other shadow roots or frames) whose own text matches, the innermost. */
function byText(root: CdpNode, want: string, exact: boolean): CdpNode[] {
  const hits: CdpNode[] = [];
  const textOf = (node: CdpNode): string => {
    if (node.nodeType === 3) return node.nodeValue ?? '';
    if (node.nodeType === 1 && /^(script|style|template)$/i.test(node.nodeName)) return '';
    return (node.children ?? []).map(textOf).join('');
  };
  const visit = (node: CdpNode): boolean => {
    let inner = false;
    for (const kid of node.children ?? []) if (kid.nodeType === 1 && visit(kid)) inner = true;
    if (inner) return true;
    if (node.nodeType === 1 && matchesWords(textOf(node), want, exact)) {
      hits.push(node);
      return true;
    }
    return false;
  };
  for (const kid of root.children ?? []) visit(kid);
  return hits;
}

const FIELD_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton', 'listbox', 'checkbox', 'radio', 'slider', 'switch']);

/** Candidates inside one closed shadow root, in document order as far as each search gives it. */
async function inClosedRoot(cdp: CDPSession, root: CdpNode, host: CdpNode, t: FlowTarget): Promise<number[]> {
  const exact = t.exact ?? false;
  if (t.selector) {
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: t.selector })) as { nodeIds: number[] };
    const out: number[] = [];
    for (const nodeId of nodeIds) {
      const { node } = (await cdp.send('DOM.describeNode', { nodeId })) as { node: { backendNodeId: number } };
      out.push(node.backendNodeId);
    }
    return out;
  }
  if (t.text) return byText(root, t.text, exact).map((n) => n.backendNodeId);
  if (t.placeholder) {
    const out: number[] = [];
    const walk = (n: CdpNode) => {
      const attrs = n.attributes ?? [];
      const i = attrs.indexOf('placeholder');
      if (i >= 0 && i % 2 === 0 && matchesWords(attrs[i + 1] ?? '', t.placeholder!, exact)) out.push(n.backendNodeId);
      for (const kid of n.children ?? []) walk(kid);
    };
    walk(root);
    return out;
  }
  // role (+ name) and label: the accessibility tree is the flat tree, so it sees into the closed root of the host.
  const { nodes } = (await cdp.send('Accessibility.queryAXTree', {
    backendNodeId: host.backendNodeId,
    ...(t.role ? { role: t.role } : {}),
  })) as { nodes: { backendDOMNodeId?: number; ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[] };
  const inside = new Set<number>();
  const collect = (n: CdpNode) => {
    inside.add(n.backendNodeId);
    for (const kid of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) collect(kid);
  };
  collect(root);
  return nodes
    .filter((n) => !n.ignored && n.backendDOMNodeId !== undefined && inside.has(n.backendDOMNodeId))
    .filter((n) => (t.role ? true : FIELD_ROLES.has(String(n.role?.value))))
    .filter((n) => {
      const want = t.role ? t.name : t.label;
      return want === undefined || matchesWords(String(n.name?.value ?? ''), want, exact);
    })
    .map((n) => n.backendDOMNodeId!);
}

/** The element's centre in its session's viewport, or undefined when it has no box (not rendered). */
async function centreOf(cdp: CDPSession, backendNodeId: number): Promise<{ x: number; y: number } | undefined> {
  const { quads } = (await cdp.send('DOM.getContentQuads', { backendNodeId }).catch(() => ({ quads: [] }))) as { quads: number[][] };
  const q = quads.find((quad) => Math.abs((quad[2] - quad[0]) * (quad[5] - quad[1])) > 1);
  if (!q) return undefined;
  return { x: (q[0] + q[2] + q[4] + q[6]) / 4, y: (q[1] + q[3] + q[5] + q[7]) / 4 };
}

async function searchClosedRoots(page: Page, sessions: ProcessSessions, frames: Frame[], t: FlowTarget): Promise<ClosedHit | undefined> {
  const allowed = new Set(frames.map((f) => f.url()));
  for (const { cdp, frame } of await sessions.all(page.frames())) {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const parents = new Map<number, number>();
    for (const { node, host, documentURL } of closedRoots(root, parents)) {
      if (!allowed.has(documentURL)) continue;
      for (const backendNodeId of await inClosedRoot(cdp, node, host, t).catch(() => [])) {
        if (!(await centreOf(cdp, backendNodeId))) continue;
        const offset = frame === page.mainFrame() ? { x: 0, y: 0 } : await frameOffset(frame);
        return { via: 'closed-shadow', cdp, backendNodeId, offset, parents };
      }
    }
  }
  return undefined;
}

/** The first visible match, waiting for it until `deadline`; undefined when there is none by then. */
export async function findTarget(page: Page, sessions: ProcessSessions, t: FlowTarget, deadline: number): Promise<TargetHit | undefined> {
  for (;;) {
    const frames = await framesFor(page, t.frame);
    for (const frame of frames) {
      const locator = await firstVisible(locatorIn(frame, t));
      if (locator) return { via: 'locator', locator, frame };
    }
    const closed = await searchClosedRoots(page, sessions, frames, t).catch(() => undefined);
    if (closed) return closed;
    if (Date.now() >= deadline || page.isClosed()) return undefined;
    await sleep(250);
  }
}

/** Clicks a closed-shadow target as the user would: scrolled into view, a real mouse click at its centre, if nothing covers it. */
export async function clickClosed(page: Page, hit: ClosedHit): Promise<void> {
  await hit.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: hit.backendNodeId }).catch(() => undefined);
  const centre = await centreOf(hit.cdp, hit.backendNodeId);
  if (!centre) throw new Error('the element is no longer shown');
  // getNodeForLocation takes document coordinates: the viewport centre plus the element's document's scroll.
  const scroll = await documentScroll(hit);
  const { backendNodeId: top } = (await hit.cdp.send('DOM.getNodeForLocation', {
    x: Math.round(centre.x + scroll.x),
    y: Math.round(centre.y + scroll.y),
    includeUserAgentShadowDOM: false,
    ignorePointerEventsNone: false,
  })) as { backendNodeId: number };
  let covered = true;
  for (let n: number | undefined = top; n !== undefined; n = hit.parents.get(n)) {
    if (n === hit.backendNodeId) {
      covered = false;
      break;
    }
  }
  if (covered) throw new Error('another element covers it at its centre');
  const x = centre.x + hit.offset.x;
  const y = centre.y + hit.offset.y;
  await page.mouse.click(x, y);
}

/** How far the document that holds the element is scrolled. */
async function documentScroll(hit: ClosedHit): Promise<{ x: number; y: number }> {
  const { object } = (await hit.cdp.send('DOM.resolveNode', { backendNodeId: hit.backendNodeId })) as { object: { objectId: string } };
  const { result } = (await hit.cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    returnByValue: true,
    functionDeclaration: 'function () { const w = this.ownerDocument.defaultView; return { x: w.scrollX, y: w.scrollY }; }',
  })) as { result: { value?: { x: number; y: number } } };
  return result.value ?? { x: 0, y: 0 };
}

/** Types a value into a closed-shadow field: focused, its text selected and replaced, with real key input. */
export async function fillClosed(page: Page, hit: ClosedHit, value: string): Promise<void> {
  await hit.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: hit.backendNodeId }).catch(() => undefined);
  await hit.cdp.send('DOM.focus', { backendNodeId: hit.backendNodeId });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  if (value) await page.keyboard.insertText(value);
}

/** Chooses an option of a closed-shadow <select> by label or value, with the events a user's choice fires. */
export async function selectClosed(hit: ClosedHit, option: string): Promise<void> {
  const { object } = (await hit.cdp.send('DOM.resolveNode', { backendNodeId: hit.backendNodeId })) as { object: { objectId: string } };
  const { result } = (await hit.cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    arguments: [{ value: option }],
    returnByValue: true,
    functionDeclaration: `function (wanted) {
      if (!(this instanceof HTMLSelectElement)) return 'not a select element';
      const o = [...this.options].find((x) => x.value === wanted || x.label.trim() === wanted || x.textContent.trim() === wanted);
      if (!o) return 'no option "' + wanted + '"';
      this.value = o.value;
      this.dispatchEvent(new Event('input', { bubbles: true }));
      this.dispatchEvent(new Event('change', { bubbles: true }));
      return '';
    }`,
  })) as { result: { value?: string } };
  if (result.value) throw new Error(result.value);
}
