/**
 * Polling series: requests to one endpoint that repeat (a status check every few seconds, a long poll that is
 * re-issued as soon as it returns). URLs are normalised so that ids and tokens do not split one loop into many
 * ("GET https://host/api/signing/:id/status.json"); the replaced raw values form the session, so two loops for
 * two sessions on the same endpoint stay apart. Pure functions over a recorded, redacted timeline.
 */
import { partsText, substitute, type MessagePart } from '../message-parts';
import type { NetEvent, PollingSeries } from './types';

// ---------------------------------------------------------------------------------------------------------------
// URL normalisation

const NUMBER = /^\d{2,}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex in dash-separated groups (a UUID-like id of another shape). */
const DASHED_HEX = /^[0-9a-f]{4,}(?:-[0-9a-f]{4,})+$/i;
const HEX = /^[0-9a-f]{8,}$/i;
const BASE64ISH = /^[A-Za-z0-9_\-+=%~]{16,}$/;
const ALNUM = /^[A-Za-z0-9]{8,}$/;
const REDACTED = /^(?:\[|%5B)redacted(?::|%3A)\d+(?:\]|%5D)$/i;
/** A word-like part of a slug: "sign", "document", "v2", "2024". */
const WORDISH = /^(?:[A-Za-z]+|v\d{1,3}|\d{1,4})$/;
const EXTENSION = /^(.+)\.([A-Za-z0-9]{1,6})$/;

function hasDigit(s: string): boolean {
  return /\d/.test(s);
}
function hasLetter(s: string): boolean {
  return /[A-Za-z]/.test(s);
}

/** Number of switches between letters and digits: "a1b2c3" → 5, "x509certificate" → 2. */
function classSwitches(s: string): number {
  let n = 0;
  let prev = '';
  for (const ch of s) {
    const c = ch >= '0' && ch <= '9' ? 'd' : /[A-Za-z]/.test(ch) ? 'l' : 'o';
    if (prev && c !== prev) n++;
    prev = c;
  }
  return n;
}

/**
 * Whether a path segment or a query value is an id or a token rather than an ordinary word: numbers of ≥ 2 digits,
 * UUIDs, hex of ≥ 8 characters, base64/base64url-ish strings of ≥ 16 characters mixing letters and digits, and
 * shorter letter/digit jumbles ("K7pQ2xZ9mA"). Words ("status", "signing", "v2", "oauth2") are kept.
 */
export function isIdLike(s: string): boolean {
  if (!s) return false;
  if (NUMBER.test(s)) return true;
  if (UUID.test(s)) return true;
  if (DASHED_HEX.test(s) && hasDigit(s) && s.replace(/-/g, '').length >= 8) return true;
  // All-letter hex ("deadbeef") is only a token when long; with a digit, 8 characters suffice.
  if (HEX.test(s) && (hasDigit(s) || s.length >= 12)) return true;
  if (BASE64ISH.test(s) && hasLetter(s) && hasDigit(s)) {
    // A slug of words and short numbers ("sign-document-v2-2024") is not a token.
    const parts = s.split(/[-_]/).filter(Boolean);
    if (!(parts.length > 1 && parts.every((p) => WORDISH.test(p)))) return true;
  }
  if (ALNUM.test(s)) {
    const digits = s.replace(/\D/g, '').length;
    const letters = s.length - digits;
    if (digits >= 3 && letters >= 2 && classSwitches(s) >= 3) return true;
  }
  return false;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Cache-buster names that never carry meaning: dropped whatever their value. */
const CACHE_BUSTER_ALWAYS = new Set(['_', 'nocache', 'rand', 'timestamp']);
/** Short names that are cache-busters only with a numeric value ("t=1700000000123", not "t=<token>"). */
const CACHE_BUSTER_NUMERIC = new Set(['t', 'ts', 'r']);
const NUMERIC = /^-?\d+(?:\.\d+)?$/;
/** Parameters whose numeric value is a setting, not an id: kept verbatim (timeoutMs=10000, page=2). */
const SETTING_PARAM = /timeout|ms$|^limit$|^offset$|^page$|^per_?page$|^size$|^v(?:ersion)?$/i;

function isCacheBuster(name: string, value: string): boolean {
  const n = name.toLowerCase();
  if (CACHE_BUSTER_ALWAYS.has(n)) return true;
  return CACHE_BUSTER_NUMERIC.has(n) && NUMERIC.test(value);
}

function normalisePath(path: string, session: string[]): string {
  return path
    .split('/')
    .map((seg) => {
      if (!seg) return seg;
      const decoded = safeDecode(seg);
      if (isIdLike(decoded) || REDACTED.test(seg)) {
        session.push(seg);
        return ':id';
      }
      const m = EXTENSION.exec(seg);
      if (m && isIdLike(safeDecode(m[1]!))) {
        session.push(m[1]!);
        return `:id.${m[2]}`;
      }
      return seg;
    })
    .join('/');
}

function normaliseQuery(search: string, session: string[]): string {
  const q = search.startsWith('?') ? search.slice(1) : search;
  if (!q) return '';
  const params: { name: string; raw: string; value: string; id: boolean }[] = [];
  for (const part of q.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const name = safeDecode(rawName);
    const decoded = safeDecode(raw);
    if (isCacheBuster(name, decoded)) continue;
    let id = false;
    if (REDACTED.test(raw) || REDACTED.test(decoded)) id = true;
    else if (isIdLike(decoded)) id = !(NUMERIC.test(decoded) && SETTING_PARAM.test(name));
    params.push({ name: rawName, raw, value: id ? ':id' : raw, id });
  }
  if (!params.length) return '';
  params.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  for (const p of params) if (p.id) session.push(p.raw);
  return '?' + params.map((p) => `${p.name}=${p.value}`).join('&');
}

/**
 * The endpoint key of a request and its session part. key = "METHOD origin + path + query" with ids and tokens
 * replaced by ":id", cache-busters dropped and query parameters sorted; session = the replaced raw values, joined
 * with "|" ("" when none).
 */
export function normaliseUrl(method: string, url: string): { key: string; session: string } {
  const m = method.toUpperCase();
  const session: string[] = [];
  let origin = '';
  let path: string;
  let search: string;
  try {
    const u = new URL(url);
    origin = u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
    path = u.pathname;
    search = u.search;
  } catch {
    // Not an absolute URL: treat it as path + query.
    const noHash = url.split('#')[0]!;
    const qi = noHash.indexOf('?');
    path = qi < 0 ? noHash : noHash.slice(0, qi);
    search = qi < 0 ? '' : noHash.slice(qi);
  }
  const normPath = normalisePath(path, session);
  const normQuery = normaliseQuery(search, session);
  return { key: `${m} ${origin}${normPath}${normQuery}`, session: session.join('|') };
}

// ---------------------------------------------------------------------------------------------------------------
// Series

const POLL_METHODS = new Set(['GET', 'POST']);
const POLL_TYPES = new Set(['xmlhttprequest', 'fetch', 'other', 'ping']);

function median(sorted: number[]): number {
  return quantile(sorted, 0.5);
}

/** Quantile of sorted values with linear interpolation between closest ranks (0 for none). */
function quantile(sorted: number[], p: number): number {
  const n = sorted.length;
  if (!n) return 0;
  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const byNumber = (a: number, b: number) => a - b;

function buildSeries(key: string, session: string, events: NetEvent[]): PollingSeries {
  events.sort((a, b) => a.start - b.start);
  const intervals: number[] = [];
  for (let i = 1; i < events.length; i++) intervals.push(events[i]!.start - events[i - 1]!.start);
  const sortedIntervals = [...intervals].sort(byNumber);
  const durations = events
    .filter((e) => e.end !== undefined)
    .map((e) => Math.max(0, e.end! - e.start))
    .sort(byNumber);
  const medianInterval = median(sortedIntervals);
  const spread = quantile(sortedIntervals, 0.75) - quantile(sortedIntervals, 0.25);
  const medianDuration = median(durations);
  // Overlap: a request starts before the previous one of the series ended. A request without an end (and
  // without an error) counts as still open for the next request; ended requests count until their end, so a long
  // request A still overlaps C after a short B. An unknown end does not make every later request "overlapping".
  let overlaps = 0;
  let endedUntil = -Infinity;
  let prevOpen = false;
  for (const e of events) {
    if (prevOpen || e.start < endedUntil) overlaps++;
    prevOpen = e.end === undefined && e.error === undefined;
    if (e.end !== undefined && e.end > endedUntil) endedUntil = e.end;
  }
  return {
    key,
    session,
    events,
    first: events[0]!.start,
    last: events[events.length - 1]!.start,
    intervals,
    medianInterval,
    spread,
    medianDuration,
    longPoll: medianDuration >= 1000 && medianDuration >= 0.5 * medianInterval,
    overlaps,
  };
}

/**
 * Repeating requests in a timeline: XHR/fetch/other/ping GET or POST requests grouped by endpoint key and session;
 * each group of at least minRequests (default 3) is a series. Sorted by first request.
 */
export function findPollingSeries(events: NetEvent[], options: { minRequests?: number } = {}): PollingSeries[] {
  const minRequests = Math.max(1, options.minRequests ?? 3);
  const cache = new Map<string, { key: string; session: string }>();
  const groups = new Map<string, { key: string; session: string; events: NetEvent[] }>();
  for (const e of events) {
    if (e.kind !== 'request') continue;
    const method = e.method.toUpperCase();
    if (!POLL_METHODS.has(method) || !POLL_TYPES.has(e.type.toLowerCase())) continue;
    const cacheKey = `${method} ${e.url}`;
    let norm = cache.get(cacheKey);
    if (!norm) {
      norm = normaliseUrl(method, e.url);
      cache.set(cacheKey, norm);
    }
    const groupKey = `${norm.key}\n${norm.session}`;
    let g = groups.get(groupKey);
    if (!g) {
      g = { key: norm.key, session: norm.session, events: [] };
      groups.set(groupKey, g);
    }
    g.events.push(e);
  }
  const series: PollingSeries[] = [];
  for (const g of groups.values()) {
    if (g.events.length >= minRequests) series.push(buildSeries(g.key, g.session, g.events));
  }
  return series.sort((a, b) => a.first - b.first || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.session < b.session ? -1 : 1));
}

/**
 * The requests of a series that started after a moment (the end the page showed, plus the grace the caller allows),
 * with what the server answered: status checks after the end are judged by their start, whatever the answer.
 */
export function requestsAfter(s: PollingSeries, at: number): { start: number; status?: number; error?: string }[] {
  return s.events.filter((e) => e.start > at).map((e) => ({ start: e.start, status: e.status, error: e.error }));
}

/**
 * How long after the end a series may still send one request: polling on a timer may fire the request it already
 * scheduled (one interval); a long poll is re-issued as soon as it returns, so only its pause between requests counts.
 * `graceMs` covers the page state being sampled a little after it changed.
 */
export function endGraceMs(s: PollingSeries, graceMs: number): number {
  const pause = s.longPoll ? Math.max(0, s.medianInterval - s.medianDuration) : s.medianInterval;
  return pause + graceMs;
}

function seconds(ms: number): string {
  return ms > 0 && ms < 100 ? (ms / 1000).toFixed(2) : (ms / 1000).toFixed(1);
}

/** English wording of a series; catalogue keys timeline_text_<name> (views translate them). */
export const seriesMessages = {
  series: '$1 ×$2 every $3 s (spread $4 s)',
  longPoll: ', long poll (held $1 s)',
  overlapping: ', $1 overlapping',
};

/** A series as message parts (see describeSeries for the English line). */
export function seriesParts(s: PollingSeries): MessagePart[] {
  const sp = s.key.indexOf(' ');
  const method = sp < 0 ? '' : s.key.slice(0, sp);
  const target = (sp < 0 ? s.key : s.key.slice(sp + 1)).replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
  const parts: MessagePart[] = [
    {
      key: 'timeline_text_series',
      values: [`${method ? method + ' ' : ''}${target}`, String(s.events.length), seconds(s.medianInterval), seconds(s.spread)],
    },
  ];
  if (s.longPoll) parts.push({ key: 'timeline_text_longPoll', values: [seconds(s.medianDuration)] });
  if (s.overlaps > 0) parts.push({ key: 'timeline_text_overlapping', values: [String(s.overlaps)] });
  return parts;
}

/** English text of parts built from this module's messages. */
export function seriesEnglish(key: string, values?: string[]): string {
  const message = (seriesMessages as Record<string, string>)[key.replace(/^timeline_text_/, '')];
  return message === undefined ? key : substitute(message, values);
}

/**
 * One line for evidence: "GET /api/signing/:id/status.json ×12 every 3.0 s (spread 0.1 s), 2 overlapping".
 * Long polls add the typical time a request was held open.
 */
export function describeSeries(s: PollingSeries): string {
  return partsText(seriesParts(s), seriesEnglish);
}
