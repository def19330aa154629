/**
 * polling: the page follows the session's status by itself, every few seconds, without hammering or overlapping
 * requests, and stops once the transaction ends or a timeout passes. Judged from the recorded network timeline; the
 * end is what the page showed (an end message, the step gone, navigation, Cancel pressed), whatever the server says.
 * Sources: Dokobit articles 539/542 (every 3 s, at most 120 s), SK Smart-ID / MID long polls and "no parallel
 * requests for one session" — domain.md §1.3, §2.3, §3.5, §6.3 ST-2, ST-3.
 */
import { describeSeries, endGraceMs, findPollingSeries, requestsAfter } from '../network/series';
import { endOfTransaction, endWords } from '../signals/state';
import type { NetEvent, PollingSeries } from '../network/types';
import { format } from '../messages';
import type { Finding, PageSnapshot, Rule, RuleOutcome } from '../types';

export const settings = {
  /** Below this interval, polling is hammering. */
  hammerMs: 1000,
  /** Below this interval (and above hammerMs) a human should look. */
  reviewMs: 2000,
  /** Dokobit's documented maximum polling time. */
  timeoutMs: 120_000,
  /** Extra time after one interval before polling after the end counts as not stopping. */
  graceMs: 1000,
  /** How long a phone step must be watched without any status check before that is a failure. */
  noChecksAfterMs: 8000,
};

export const messages = {
  notApplicable: 'No status checks and no phone-confirmation step were seen.',
  noTimeline: 'Network behaviour is judged by the extension and the CLI, which record the tab over time.',
  notObserved: 'Status checks not observed: permission not granted (${permission}). Grant it with "Audit this site".',
  pass: 'Status checks behave: ${series}.',
  passStream: 'Status updates arrive over ${kind} (${url}).',
  review: 'Status checks need a look: ${reasons}.',
  fail: 'Status checks misbehave: ${reasons}.',
  none: 'the phone-confirmation step was shown for ${seconds} s and the page made no status checks (the user would have to press a button after confirming on the phone)',
  hammering: '${series}: every ${interval} s is hammering (minimum ${min} s)',
  fast: '${series}: every ${interval} s is faster than usual (review between ${min} and ${max} s)',
  overlap: '${series}: ${count} request(s) started while the previous one for the same session was still open',
  afterEnd: '${series}: ${count} more request(s) over ${seconds} s after the transaction ended ("${what}" at ${at})',
  pastTimeout: '${series}: still polling after ${seconds} s without the page giving up (timeout setting ${limit} s)',
  ranPastTimeout: '${series}: polled for ${seconds} s before stopping, past the ${limit} s limit',
  ok: '${series}',
  cancelPressed: 'Cancel pressed (${target})',
  stepGone: 'the waiting step disappeared',
  navigatedTo: 'navigation to ${url}',
  tooShort:
    'The phone-confirmation step has been shown for ${seconds} s and no status-check loop is running yet; status checks are judged after ${limit} s (${advice}).',
  endedBeforeChecks: 'The phone-confirmation step ended after ${seconds} s, before status checks were due (${limit} s).',
  /** Advice when the observation was too short; each surface words it for its reader (the CLI: --wait; the popup: keep the page open). */
  observeLonger: 'watch longer',
};

export const meta = {
  id: 'polling' as const,
  title: 'Status checks run every few seconds and stop',
  failureTitle: 'Status checks misbehave',
  description:
    'While waiting for Smart-ID / Mobile-ID, the page checks the session status by itself every few seconds (or by long poll, WebSocket or EventSource), never hammers or overlaps requests, and stops after success, error, cancellation or a timeout.',
  severity: 'serious' as const,
  source: 'Dokobit Identity/Documents API articles 539, 542; SK Smart-ID RP API and MID REST API (domain.md §1.3, §2.3, §3.5, §6.3)',
};

/** Timers drift: a loop set to 2 s measures 1.99 s; that is still 2 s. */
const REVIEW_TOLERANCE_MS = 50;

const iso = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const isoMs = (ms: number) => new Date(ms).toISOString().slice(11, 23);
const secs = (ms: number) => Math.round(ms / 100) / 10;

function seriesEvidence(s: PollingSeries, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    series: describeSeries(s),
    endpoint: s.key,
    requests: s.events.length,
    first: new Date(s.first).toISOString(),
    last: new Date(s.last).toISOString(),
    medianIntervalMs: Math.round(s.medianInterval),
    spreadMs: Math.round(s.spread),
    medianDurationMs: Math.round(s.medianDuration),
    longPoll: s.longPoll,
    overlaps: s.overlaps,
    timestamps: s.events.slice(-20).map((e) => iso(e.start)),
    ...extra,
  };
}

function finding(
  severity: Finding['severity'],
  message: string,
  evidence: Record<string, unknown>,
  outcome: Finding['outcome'],
  url: string,
): Finding {
  return { severity, message, target: [], frameUrl: url, evidence, outcome };
}

function isStream(e: NetEvent): boolean {
  return e.kind === 'websocket' || e.type === 'websocket' || e.contentType === 'text/event-stream';
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const tl = page.timeline;
  if (!tl) return { status: 'not-applicable', summary: messages.noTimeline, findings: [] };
  const now = page.now ?? Date.now();
  const waiting = tl.states.filter((s) => s.step === 'waiting');
  // Two status checks and then the end is a short, correct loop when a phone step was on screen.
  const series = findPollingSeries(tl.events, { minRequests: waiting.length ? 2 : 3 });
  const streams = tl.events.filter(isStream);
  const findings: Finding[] = [];
  const fails: string[] = [];
  const reviews: string[] = [];

  // Without webRequest no status check can be seen: say so, never a pass and never "no status checks".
  if (tl.missingPermissions?.includes('webRequest')) {
    const summary = format(messages.notObserved, { permission: 'webRequest' });
    if (!waiting.length) return { status: 'not-applicable', summary, findings: [] };
    const evidence = { missingPermission: 'webRequest', stepShownAt: new Date(waiting[0].at).toISOString(), stepText: waiting[0].text };
    return { status: 'review', summary, findings: [finding('moderate', summary, evidence, 'review', page.url)] };
  }

  if (!series.length && !streams.length) {
    if (!waiting.length) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
    // How long the step has been on screen (until it ended, or until now), counted from when requests were recorded.
    const shownAt = waiting[0].at;
    const since = Math.max(shownAt, tl.recordingSince ?? 0);
    const ended = endOfTransaction(tl, shownAt)?.at;
    const end = Math.max(ended ?? now, since);
    if (end - since < settings.noChecksAfterMs) {
      const values = { seconds: secs(end - since), limit: secs(settings.noChecksAfterMs) };
      if (ended !== undefined) return { status: 'not-applicable', summary: format(messages.endedBeforeChecks, values), findings: [] };
      // The step is on screen, but not yet for long enough to expect status checks: not judged yet, and said so.
      const summary = format(messages.tooShort, { ...values, advice: format(messages.observeLonger) });
      const evidence = {
        stepShownAt: new Date(shownAt).toISOString(),
        stepText: waiting[0].text,
        observedUntil: new Date(now).toISOString(),
        observeUntil: new Date(since + settings.noChecksAfterMs).toISOString(),
      };
      return { status: 'not-applicable', summary, findings: [finding('minor', summary, evidence, undefined, page.url)] };
    }
    const reason = format(messages.none, { seconds: secs(end - since) });
    return {
      status: 'fail',
      summary: format(messages.fail, { reasons: reason }),
      findings: [
        finding(
          'serious',
          reason,
          { stepShownAt: new Date(shownAt).toISOString(), stepText: waiting[0].text, observedUntil: new Date(end).toISOString() },
          'fail',
          page.url,
        ),
      ],
    };
  }

  for (const s of series) {
    const label = describeSeries(s);
    const problems: { reason: string; outcome: 'fail' | 'review' }[] = [];
    if (!s.longPoll && s.medianInterval < settings.hammerMs) {
      problems.push({
        reason: format(messages.hammering, { series: label, interval: secs(s.medianInterval), min: secs(settings.hammerMs) }),
        outcome: 'fail',
      });
    } else if (!s.longPoll && s.medianInterval < settings.reviewMs - REVIEW_TOLERANCE_MS) {
      problems.push({
        reason: format(messages.fast, {
          series: label,
          interval: secs(s.medianInterval),
          min: secs(settings.hammerMs),
          max: secs(settings.reviewMs),
        }),
        outcome: 'review',
      });
    }
    if (s.overlaps > 0) problems.push({ reason: format(messages.overlap, { series: label, count: s.overlaps }), outcome: 'fail' });
    // The step this series follows: the waiting state on screen when it started (or the first one after).
    const stepStart = tl.states.filter((x) => x.step === 'waiting' && x.at <= s.first).pop()?.at ?? s.first;
    const end = endOfTransaction(tl, stepStart);
    let extra: Record<string, unknown> = {};
    // The last request sent while the transaction still ran (the one already scheduled at the end included).
    let polledUntil = s.last;
    if (end) {
      const endsAt = end.at + endGraceMs(s, settings.graceMs);
      // Judged by their start, whatever the server answered them ("waiting" included).
      const late = requestsAfter(s, endsAt);
      polledUntil = Math.max(s.first, ...s.events.filter((e) => e.start <= endsAt).map((e) => e.start));
      const what = endWords(end, messages);
      extra = {
        terminal: what,
        endKind: end.kind,
        terminalAt: new Date(end.at).toISOString(),
        stoppedAt: new Date(s.last).toISOString(),
        afterEnd: late.length,
      };
      if (late.length) {
        extra.lateRequests = late
          .slice(0, 10)
          .map((e) => `${isoMs(e.start)} ${e.error ?? (e.status !== undefined ? `HTTP ${e.status}` : 'no answer')}`);
        problems.push({
          reason: format(messages.afterEnd, {
            series: label,
            count: late.length,
            seconds: secs(late[late.length - 1].start - end.at),
            what: what.slice(0, 60),
            at: iso(end.at),
          }),
          outcome: 'fail',
        });
      }
    }
    // Past the timeout is past it whenever the loop is judged: while it still runs, and after it stopped on its own.
    if (polledUntil - s.first > settings.timeoutMs) {
      const stillPolling = !end && now - s.last < Math.max(s.medianInterval * 2, 5000);
      const values = { series: label, seconds: secs(polledUntil - s.first), limit: secs(settings.timeoutMs) };
      problems.push({ reason: format(stillPolling ? messages.pastTimeout : messages.ranPastTimeout, values), outcome: 'fail' });
    }
    const outcome = problems.some((p) => p.outcome === 'fail') ? 'fail' : problems.length ? 'review' : 'pass';
    for (const p of problems) (p.outcome === 'fail' ? fails : reviews).push(p.reason);
    findings.push(
      finding(
        outcome === 'fail' ? 'serious' : 'minor',
        problems.map((p) => p.reason).join('; ') || format(messages.ok, { series: label }),
        seriesEvidence(s, extra),
        outcome,
        page.url,
      ),
    );
  }
  for (const e of streams.slice(0, 3)) {
    findings.push(
      finding(
        'minor',
        format(messages.passStream, { kind: e.contentType === 'text/event-stream' ? 'an EventSource' : 'a WebSocket', url: e.url }),
        { url: e.url, openedAt: new Date(e.start).toISOString(), closedAt: e.end ? new Date(e.end).toISOString() : undefined },
        'pass',
        page.url,
      ),
    );
  }
  if (fails.length) return { status: 'fail', summary: format(messages.fail, { reasons: fails.join('; ') }), findings };
  if (reviews.length) return { status: 'review', summary: format(messages.review, { reasons: reviews.join('; ') }), findings };
  if (!series.length) return { status: 'pass', summary: findings[0].message, findings };
  return { status: 'pass', summary: format(messages.pass, { series: series.map(describeSeries).join('; ') }), findings };
}

export const polling = { meta, evaluate, messages } satisfies Rule;
