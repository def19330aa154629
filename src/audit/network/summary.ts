/**
 * The timeline as a reviewer reads it: pages visited, status-check series, page states, the auditor's actions and
 * verdict changes, in time order. Part of the report (popup timeline, CLI --json), bounded in size.
 * Each entry keeps its English `text` (the report contract) and the `parts` it was written from, so the popup,
 * the panel and the exports can show it in the user's language.
 */
import { findPollingSeries, describeSeries, seriesMessages, seriesParts } from './series';
import { partsText, substitute, type MessagePart } from '../message-parts';
import type { Timeline, TimelineEntry, TimelineSummary } from './types';
import type { CheckResult } from '../types';

export type { TimelineEntry, TimelineSummary };

/** English wording of timeline entries; catalogue keys timeline_text_<name>. `$n` are data (URLs, codes, page text). */
export const timelineMessages = {
  ...seriesMessages,
  navigationError: '$1: $2',
  page: '$1',
  pageVia: '$1 ($2)',
  redirect: '$1 $2 → $3',
  requestFailed: '$1 $2: $3',
  requestFailedStatus: '$1 $2: HTTP $3',
  until: ' until $1',
  waiting: 'waiting for the phone',
  ended: 'ended',
  noStep: 'no step',
  stateText: ' · "$1"',
  stateError: ' · error shown: "$1"',
  spinner: ' · spinner',
  pressCancel: 'press-cancel "$1"',
  pressed: ': pressed',
  notPressed: ': $1',
  verdict_pass: '$1: pass',
  verdict_fail: '$1: fail',
  verdict_review: '$1: review',
  verdict_not_applicable: '$1: not-applicable',
  verdict_error: '$1: error',
};

/** English text of a timeline message key. */
export function timelineEnglish(key: string, values?: string[]): string {
  const message = (timelineMessages as Record<string, string>)[key.replace(/^timeline_text_/, '')];
  return message === undefined ? key : substitute(message, values);
}

const msg = (name: keyof typeof timelineMessages, ...values: string[]): MessagePart => ({ key: `timeline_text_${name}`, values });

const MAX_ENTRIES = 300;

export function summariseTimeline(tl: Timeline, checks: CheckResult[]): TimelineSummary {
  const entries: TimelineEntry[] = [];
  const add = (at: number, kind: TimelineEntry['kind'], parts: MessagePart[]) =>
    entries.push({ at, kind, text: partsText(parts, timelineEnglish), parts });
  for (const n of tl.navigations) {
    if (n.frameId !== 0) continue;
    if (n.error) add(n.at, 'navigation-error', [msg('navigationError', n.url, n.error)]);
    else if (n.transition)
      add(n.at, 'page', [msg('pageVia', n.url, `${n.transition}${n.qualifiers?.length ? `, ${n.qualifiers.join(', ')}` : ''}`)]);
    else add(n.at, 'page', [msg('page', n.url)]);
  }
  for (const e of tl.events) {
    if (e.type === 'main_frame' && e.redirectTo)
      add(e.end ?? e.start, 'redirect', [msg('redirect', String(e.status ?? 3), e.url, e.redirectTo)]);
    else if (e.type !== 'main_frame' && e.type !== 'sub_frame' && ((e.status ?? 0) >= 400 || (e.error && !/ERR_ABORTED/.test(e.error)))) {
      add(e.end ?? e.start, 'request-failed', [
        e.error ? msg('requestFailed', e.method, e.url, e.error) : msg('requestFailedStatus', e.method, e.url, String(e.status)),
      ]);
    }
  }
  const series = findPollingSeries(tl.events);
  for (const s of series) add(s.first, 'series', [...seriesParts(s), msg('until', new Date(s.last).toISOString().slice(11, 19))]);
  for (const s of tl.states) {
    const parts = [msg(s.step === 'waiting' ? 'waiting' : s.step === 'terminal' ? 'ended' : 'noStep')];
    if (s.text) parts.push(msg('stateText', s.text.slice(0, 80)));
    if (s.errors?.length) parts.push(msg('stateError', s.errors[0].slice(0, 80)));
    if (s.busy) parts.push(msg('spinner'));
    add(s.at, 'state', parts);
  }
  for (const a of tl.actions) {
    const parts: MessagePart[] = [
      a.action === 'press-cancel' ? msg('pressCancel', a.target ?? '') : `${a.action}${a.target ? ` "${a.target}"` : ''}`,
    ];
    if (a.result) parts.push(a.result === 'pressed' ? msg('pressed') : msg('notPressed', a.result));
    add(a.at, 'action', parts);
  }
  for (const c of checks) {
    for (const h of c.history ?? [])
      add(h.at, 'verdict', [msg(`verdict_${h.status.replace('-', '_')}` as keyof typeof timelineMessages, c.id)]);
  }
  entries.sort((a, b) => a.at - b.at);
  return {
    entries: entries.slice(-MAX_ENTRIES),
    series: series.map((s) => ({
      endpoint: s.key,
      description: describeSeries(s),
      first: s.first,
      last: s.last,
      requests: s.events.length,
      medianIntervalMs: Math.round(s.medianInterval),
      overlaps: s.overlaps,
      longPoll: s.longPoll,
      parts: seriesParts(s),
    })),
    requests: tl.events.length,
    dropped: tl.dropped,
  };
}
