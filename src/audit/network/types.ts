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
