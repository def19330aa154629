/** Messages between the extension's parts. Plain JSON, versioned by shape; the report types come from the engine. */
import type { FrameSnapshot, TabReport } from '../audit/types';

/** Content script → background, over the per-frame port. */
export type FrameMessage =
  | { type: 'snapshot'; snapshot: FrameSnapshot }
  | { type: 'navigated'; url: string };

/** Background → content script. */
export type ContentCommand =
  | { type: 'highlight'; target: string | string[]; label: string }
  | { type: 'clear-highlight' }
  | { type: 'highlight-all'; items: { target: string | string[]; label: string }[] }
  | { type: 'regather' }
  | { type: 'panel-show'; report: TabReport | null; locale?: string }
  | { type: 'panel-update'; report: TabReport }
  | { type: 'panel-hide' };

/** Background → one frame's content script (runtime messaging, with a reply). */
export type FrameQuery = { type: 'measure'; target: string | string[] } | { type: 'press'; target: string | string[] };

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
/** storage.local key of the official logo files loaded on the options page. */
export const OFFICIAL_LOGOS_KEY = 'officialLogos';
export const reportKey = (tabId: number) => `report:${tabId}`;
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
