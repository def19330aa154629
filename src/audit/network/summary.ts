/**
 * The timeline as a reviewer reads it: pages visited, status-check series, page states, the auditor's actions and
 * verdict changes, in time order. Part of the report (popup timeline, CLI --json), bounded in size.
 */
import { describeSeries, findPollingSeries } from './series';
import type { Timeline } from './types';
import type { CheckResult } from '../types';

export interface TimelineEntry {
  at: number;
  kind: 'page' | 'redirect' | 'navigation-error' | 'series' | 'state' | 'action' | 'verdict' | 'request-failed';
  text: string;
}

export interface TimelineSummary {
  entries: TimelineEntry[];
  series: { endpoint: string; description: string; first: number; last: number; requests: number; medianIntervalMs: number; overlaps: number; longPoll: boolean }[];
  requests: number;
  dropped: number;
}

const MAX_ENTRIES = 300;

export function summariseTimeline(tl: Timeline, checks: CheckResult[]): TimelineSummary {
  const entries: TimelineEntry[] = [];
  for (const n of tl.navigations) {
    if (n.frameId !== 0) continue;
    if (n.error) entries.push({ at: n.at, kind: 'navigation-error', text: `${n.url}: ${n.error}` });
    else entries.push({ at: n.at, kind: 'page', text: `${n.url}${n.transition ? ` (${n.transition}${n.qualifiers?.length ? `, ${n.qualifiers.join(', ')}` : ''})` : ''}` });
  }
  for (const e of tl.events) {
    if (e.type === 'main_frame' && e.redirectTo) entries.push({ at: e.end ?? e.start, kind: 'redirect', text: `${e.status ?? 3} ${e.url} → ${e.redirectTo}` });
    else if (e.type !== 'main_frame' && e.type !== 'sub_frame' && ((e.status ?? 0) >= 400 || (e.error && !/ERR_ABORTED/.test(e.error)))) {
      entries.push({ at: e.end ?? e.start, kind: 'request-failed', text: `${e.method} ${e.url}: ${e.error ?? `HTTP ${e.status}`}` });
    }
  }
  const series = findPollingSeries(tl.events);
  for (const s of series) entries.push({ at: s.first, kind: 'series', text: `${describeSeries(s)} until ${new Date(s.last).toISOString().slice(11, 19)}` });
  for (const s of tl.states) {
    const parts = [s.step === 'waiting' ? 'waiting for the phone' : s.step === 'terminal' ? 'ended' : 'no step'];
    if (s.text) parts.push(`"${s.text.slice(0, 80)}"`);
    if (s.errors?.length) parts.push(`error shown: "${s.errors[0].slice(0, 80)}"`);
    if (s.busy) parts.push('spinner');
    entries.push({ at: s.at, kind: 'state', text: parts.join(' · ') });
  }
  for (const a of tl.actions) entries.push({ at: a.at, kind: 'action', text: `${a.action}${a.target ? ` "${a.target}"` : ''}${a.result ? `: ${a.result}` : ''}` });
  for (const c of checks) for (const h of c.history ?? []) entries.push({ at: h.at, kind: 'verdict', text: `${c.id}: ${h.status}` });
  entries.sort((a, b) => a.at - b.at);
  return {
    entries: entries.slice(-MAX_ENTRIES),
    series: series.map((s) => ({
      endpoint: s.key, description: describeSeries(s), first: s.first, last: s.last, requests: s.events.length,
      medianIntervalMs: Math.round(s.medianInterval), overlaps: s.overlaps, longPoll: s.longPoll,
    })),
    requests: tl.events.length,
    dropped: tl.dropped,
  };
}
