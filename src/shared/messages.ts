/** Messages between the extension's parts. Plain JSON, versioned by shape; the report types come from the engine. */
import type { FrameSnapshot, SnapNode, TabReport } from '../audit';
import type { SnapshotPatch } from './snapshot-patch';

/** Content script → background, over the per-frame port. */
export type FrameMessage =
  /** The whole snapshot; `seq` numbers it for the patches that follow (absent from an older content script). */
  | { type: 'snapshot'; snapshot: FrameSnapshot; seq?: number }
  /** The snapshot `seq` as a patch against snapshot `patch.base` (snapshot-patch.ts); unknown base → 'regather'. */
  | { type: 'snapshot-patch'; seq: number; patch: SnapshotPatch }
  /** A whole snapshot of a huge page in parts: `index`-th part of its nodes, then the end (snapshot-patch.ts). */
  | { type: 'snapshot-part'; seq: number; index: number; nodes: SnapNode[] }
  | { type: 'snapshot-end'; seq: number; parts: number; count: number; head: Omit<FrameSnapshot, 'nodes'> }
  | { type: 'navigated'; url: string }
  /** The panel or the outlines were hidden, covered, restyled or removed by the page (null: all is well again). */
  | { type: 'tamper'; surface: TamperSurface; state: TamperState | null };

export type TamperSurface = 'panel' | 'overlay';
export interface TamperState {
  /** What the page did last: removed our host, restyled it, hid it (CSS, an ancestor), or covered it. */
  reason: 'removed' | 'restyled' | 'hidden' | 'covered';
  /** The surface could not be brought back (it is not visible now). */
  unrepaired: boolean;
  /** How often the page tampered with it on this page. */
  count: number;
  at: number;
}

/** What the content script shows, for automation (read through the extension, never from the page's DOM). */
export interface SurfaceProbe {
  panel: { shown: boolean; checks: string; code: string; collapsed: boolean; mark: string } | null;
  overlay: { count: number; rect: string } | null;
  tamper: Partial<Record<TamperSurface, TamperState>>;
}

/** Background → content script. */
export type ContentCommand =
  | { type: 'highlight'; target: string | string[]; label: string }
  | { type: 'clear-highlight' }
  | { type: 'highlight-all'; items: { target: string | string[]; label: string }[] }
  /**
   * Gather again now. `whole`: send the whole snapshot (the background has no base for a patch); otherwise only what
   * changed is sent, and nothing when nothing did.
   */
  | { type: 'regather'; whole?: boolean }
  | { type: 'panel-show'; report: TabReport | null; locale?: string; mark?: string }
  | { type: 'panel-update'; report: TabReport }
  | { type: 'panel-hide' }
  /** Deep inspection was switched off for the site: tell the page-world observer (over its private port) to go. */
  | { type: 'deep-off' };

/** Background → one frame's content script (runtime messaging, with a reply). */
export type FrameQuery = { type: 'measure'; target: string | string[] } | { type: 'press'; target: string | string[] } | { type: 'probe' };

export interface Measured {
  rect: { x: number; y: number; w: number; h: number };
  /** Border widths of the element (for an iframe: where its content starts). */
  clientLeft: number;
  clientTop: number;
  viewport: { w: number; h: number };
  dpr: number;
}

/** A cropped picture of an element, as the user sees it. */
export interface Picture {
  dataUrl: string;
  rect: { x: number; y: number; w: number; h: number };
  capturedAt: number;
  /** The page it was taken on and the check it illustrates, for attaching it to a review. */
  url?: string;
  checkId?: string;
}

/** Popup (or a test) → background. */
export type PopupRequest =
  | { type: 'get-report'; tabId: number }
  | { type: 'audit-once'; tabId: number }
  | { type: 'sync-registrations'; tabId?: number }
  | { type: 'highlight'; tabId: number; frameId: number; target: string | string[]; label: string }
  | { type: 'clear-highlight'; tabId: number }
  | { type: 'reset'; tabId: number }
  | { type: 'picture'; tabId: number; frameId: number; target: (string | string[])[]; checkId?: string }
  | { type: 'get-pictures' }
  | { type: 'exercise-cancel'; tabId: number }
  | { type: 'get-timeline'; tabId: number }
  | { type: 'set-deep-inspection'; tabId: number; url: string; enabled: boolean }
  | { type: 'toggle-panel'; tabId: number; show?: boolean }
  | { type: 'show-evidence'; tabId: number }
  | { type: 'panel-state'; tabId: number }
  | { type: 'session-mark' }
  | { type: 'tamper-state'; tabId: number }
  | { type: 'site-status'; url: string; tabId?: number };

export interface SiteStatus {
  granted: boolean;
  origins: string[];
  /** Deep inspection (main-world response observer) is on for this site. */
  deepInspection?: boolean;
}

/** storage.local key: site patterns with deep inspection switched on. */
export const DEEP_INSPECTION_KEY = 'deepInspection';

export const PORT_NAME = 'wysiwys-frame';

/** Deep inspection's hand-over: the bridge (isolated world) keeps its port under this key of its own window. */
export const DEEP_BRIDGE_KEY = '__wysiwysDeepBridge';
/** The one synchronous event (fired before any page script) that gives the page-world observer its port. */
export const DEEP_PORT_EVENT = 'wysiwys:deep-port';
/** The observer's call for that port, should it start after the bridge (answered only before the page parses). */
export const DEEP_READY_EVENT = 'wysiwys:deep-ready';
/** Page-world observer → isolated world, over the private port. */
export type DeepObserverMessage = { type: 'codes'; codes: string[]; url: string; at: number };

/** storage.session key: this browser session's mark, shown in the popup and on the real panel only. */
export const SESSION_MARK_KEY = 'sessionMark';
/** storage.local key of the official logo files loaded on the options page. */
export const OFFICIAL_LOGOS_KEY = 'officialLogos';
export const reportKey = (tabId: number) => `report:${tabId}`;
/** Whether a storage.session key is a tab's report (reportKey). */
export const isReportKey = (key: string) => key.startsWith('report:');
/**
 * A tab's report as storage.session keeps it: one JSON string. Storage turns an object into the browser's own
 * values field by field on every write and back on every read (a 10k-element page's report, about 110 KB, took the
 * popup 25–30 ms to read before its first render); a string crosses as one value and JSON.parse takes a few ms.
 */
export const storedReport = (report: TabReport): string => JSON.stringify(report);
/** The report a storage.session value holds (the string of storedReport, or an object an earlier version stored). */
export function reportFromStorage(value: unknown): TabReport | undefined {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return isTabReport(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return isTabReport(value) ? value : undefined;
}
const isTabReport = (value: unknown): value is TabReport =>
  typeof value === 'object' && value !== null && Array.isArray((value as { checks?: unknown }).checks);
/** storage.session key: the on-page panel is shown in this tab (kept across reloads and navigation). */
export const panelKey = (tabId: number) => `panel:${tabId}`;
export type { TabReport };

/** Origins of the Dokobit gateways an integrator page embeds (domain.md §3.1); asked for together with the site. */
export const GATEWAY_ORIGINS = [
  'https://gateway.dokobit.com/*',
  'https://gateway-sandbox.dokobit.com/*',
  'https://id.dokobit.com/*',
  'https://id-sandbox.dokobit.com/*',
];

/** The host-permission pattern of a page's origin, or undefined for pages we never audit (chrome://, file:). */
export function originPattern(url: string): string | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return undefined;
  }
}
