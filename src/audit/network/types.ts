import type { MessagePart } from '../message-parts';
/**
 * What the background records of a tab's network activity and navigation (webRequest / webNavigation, observe
 * only), in memory, redacted. Rules about polling, flow, errors and tokens read these timelines.
 */

export type NetKind = 'request' | 'navigation' | 'websocket' | 'eventsource';

export interface NetEvent {
  /** Browser request id (or navigation id), unique within the tab's timeline. */
  id: string;
  kind: NetKind;
  method: string;
  /** Full URL with secrets redacted (access_token=[redacted:N]). */
  url: string;
  /** webRequest resource type: main_frame, sub_frame, xmlhttprequest, script, image, websocket, other… */
  type: string;
  frameId: number;
  /** ms since the epoch. */
  start: number;
  end?: number;
  /** HTTP status, when a response came. */
  status?: number;
  /** Network error text (net::ERR_…), when it failed. */
  error?: string;
  /** Where a redirect led (3xx), for navigation chains. */
  redirectTo?: string;
  /** For WebSocket / EventSource updates: each message time (ms). */
  messages?: number[];
  /** Response content type (text/event-stream marks an EventSource). */
  contentType?: string;
  /** Names of secret-looking query parameters the URL carried before redaction (access_token, token…). */
  secretParams?: string[];
  /** The secret value looked like a Dokobit API token (testgw_… or 40+ hex/base64 characters); the value is never kept. */
  apiTokenLike?: boolean;
}

/** A series of requests to one endpoint (ids and tokens normalised away): a status check that repeats. */
export interface PollingSeries {
  /** METHOD + normalised URL, e.g. "GET http://host/api/signing/:id/status.json". */
  key: string;
  /** The raw session part that distinguishes interleaved series on the same endpoint ("" when none). */
  session: string;
  events: NetEvent[];
  first: number;
  last: number;
  /** Gaps between request starts, ms. */
  intervals: number[];
  medianInterval: number;
  /** Spread of the intervals: interquartile range, ms. */
  spread: number;
  /** Median request duration, ms (long polls hold requests open for seconds). */
  medianDuration: number;
  longPoll: boolean;
  /** Requests that started before the previous one of the series had ended. */
  overlaps: number;
}

/** What the page showed at one moment, sampled at each audit: lets rules see when a step began and ended. */
export interface PageState {
  at: number;
  url: string;
  /** waiting: a phone-confirmation step is shown; terminal: success, error, refusal, cancellation or expiry shown. */
  step: 'waiting' | 'terminal' | 'none';
  /** The terminal text seen, or the step anchor. */
  text?: string;
  /** For a terminal state: what its message says happened ('signed' also covers any other success or end). */
  outcome?: 'signed' | 'refused' | 'expired' | 'cancelled' | 'error' | 'ended';
  /** Visible error messages (role=alert, error classes, error vocabulary), for error-handling. */
  errors?: string[];
  /** A spinner / busy indicator is visible. */
  busy?: boolean;
  /** The page offers to start again: a Smart-ID / Mobile-ID method choice or a Sign button. */
  offers?: boolean;
}

/** A top-frame navigation with its redirect chain. */
export interface NavigationEvent {
  at: number;
  frameId: number;
  url: string;
  /** webNavigation transition type / qualifiers: link, typed, reload, form_submit, server_redirect, client_redirect… */
  transition?: string;
  qualifiers?: string[];
  status?: number;
  error?: string;
}

/** Everything recorded about a tab over the session, bounded. */
export interface Timeline {
  events: NetEvent[];
  navigations: NavigationEvent[];
  states: PageState[];
  /** Things the auditor did to the page (pressed Cancel for --exercise cancel). */
  actions: { at: number; action: string; target?: string; result?: string }[];
  /** Secrets seen in the tab's documents at any time of the session (masked): a leak stays a leak after it is gone. */
  exposures?: (import('../gather/secrets').SecretHit & { at: number; url: string })[];
  /** Events dropped because the ring was full. */
  dropped: number;
  /**
   * Permissions the recorder lacked (optional, granted with "Audit this site"): without webRequest no request is
   * recorded, without webNavigation no navigation. What they would record is unknown, not absent.
   */
  missingPermissions?: NetworkPermission[];
  /** When recording of requests began, if the permission was granted while tabs were already audited (ms). */
  recordingSince?: number;
}

/** The permissions the network timeline needs. */
export type NetworkPermission = 'webRequest' | 'webNavigation';

/** The timeline as the report carries it (network/summary.ts writes it). */
export interface TimelineEntry {
  at: number;
  kind: 'page' | 'redirect' | 'navigation-error' | 'series' | 'state' | 'action' | 'verdict' | 'request-failed';
  /** English. */
  text: string;
  /** What `text` was written from: data and message keys (timeline_text_<name>) with values. */
  parts?: MessagePart[];
}

export interface TimelineSummary {
  entries: TimelineEntry[];
  series: {
    endpoint: string;
    description: string;
    first: number;
    last: number;
    requests: number;
    medianIntervalMs: number;
    overlaps: number;
    longPoll: boolean;
    parts?: MessagePart[];
  }[];
  requests: number;
  dropped: number;
}
