/**
 * error-handling: when a request of the flow fails or the page reaches an error state, the user sees a human
 * message in the page's language within a few seconds — not a spinner that never ends, not a raw payload.
 * Sources: Dokobit error-handling guide (article 545), MID REST "error responses are meant for the developer"
 * — domain.md §2.3, §3.6, §6.3 ST-4, ST-5.
 */
import { findPollingSeries } from '../network/series';
import type { NetEvent, PageState, PollingSeries, Timeline } from '../network/types';
import { hostOf, isVendorHost, siteOf } from '../urls';
import { nodeFinding } from '../findings';
import { detectLanguage, primaryLang } from '../lang';
import { format } from '../messages';
import { modelsOf } from '../model';
import type { Finding, PageSnapshot, Rule, RuleOutcome } from '../types';

export const settings = {
  /** How soon after a failure a message must be on screen. */
  messageWithinMs: 5000,
  /** A busy indicator shown this long after status checks stopped, with no message, is a silent spinner. */
  silentSpinnerMs: 10_000,
};

export const messages = {
  notApplicable: 'No request failed and no error was shown.',
  notObserved: 'No error was shown; failed requests not observed: permission not granted (${permission}). Grant it with "Audit this site".',
  /** A reason for review: what is on screen looks handled, but failures the page kept quiet about could not be seen. */
  unobservedFailures: 'failed requests not observed: permission not granted (${permission})',
  pass: 'Errors are shown to the user: ${how}.',
  review: 'Error handling needs a look: ${reasons}.',
  fail: 'Errors are not handled well: ${reasons}.',
  raw: 'a raw ${kind} is shown to the user: "${text}"',
  noMessage: '${request} failed (${result}) at ${at} and no message appeared within ${seconds} s',
  lateMessage: '${request} failed (${result}) at ${at}; a message appeared only after ${seconds} s (limit ${limit} s): "${text}"',
  tooEarlyFor:
    '${request} failed (${result}) at ${at}; the page was observed for only ${seconds} s after it, too short to see whether a message appears within ${limit} s (${advice})',
  /** Advice when the observation was too short; each surface words it for its reader (the CLI: --wait; the popup: keep the page open). */
  observeLonger: 'watch longer',
  wrongLanguage: 'the error message "${text}" is ${detected}, the page is ${page}',
  silent: 'a spinner has been shown for ${seconds} s since the status checks stopped at ${at}, with no message',
  stalled: 'the status checks stopped at ${at} while the waiting step is still shown, with no message (${seconds} s)',
  shown: '"${text}" (${seconds} s after the failure)',
};

export const meta = {
  id: 'error-handling' as const,
  title: 'Errors are shown as human messages',
  failureTitle: 'Errors are not shown properly',
  description:
    'When a Dokobit / Smart-ID / Mobile-ID request fails or the flow ends in an error, the user sees a clear message in the page\'s language within a few seconds. Silent spinners and raw payloads (JSON, stack traces, "[object Object]", error codes) fail.',
  severity: 'serious' as const,
  source: 'Dokobit error handling for Documents API and Identity API (article 545); SK MID REST API §3.2.7 (domain.md §3.6, §6.3)',
};

/** What a raw payload looks like on screen. */
const RAW_PAYLOADS: { kind: string; re: RegExp }[] = [
  { kind: 'JSON payload', re: /^\s*[[{]\s*"[\w-]+"\s*:/ },
  { kind: 'JSON payload', re: /"(error_code|errorCode|error|message|status)"\s*:\s*["\d]/ },
  { kind: 'stack trace', re: /\bat\s+(?:[\w$.<>]+(?:\s+|\s*\()|[\w$.<>])[^()\s]*:\d+:\d+\)?/ },
  { kind: 'stack trace', re: /\b(TypeError|ReferenceError|SyntaxError|Uncaught \w+):\s/ },
  { kind: 'object dump', re: /\[object (Object|Response|Promise|Error)\]/ },
  { kind: 'unfilled value', re: /^(undefined|null|NaN)$/ },
  { kind: 'unfilled value', re: /(^|[\s:])(undefined|NaN)([\s.,]|$)/ },
  {
    kind: 'raw API error',
    re: /\b(USER_REFUSED\w*|WRONG_VC|NOT_MID_CLIENT|PHONE_ABSENT|SIGNATURE_HASH_MISMATCH|DELIVERY_ERROR|SIM_ERROR|DOCUMENT_UNUSABLE|PROTOCOL_FAILURE)\b/,
  },
  { kind: 'raw API error', re: /\b(error[_ ]?code|errorCode)\s*(?:[:=]\s*)?\d{3,4}\b/i },
  {
    kind: 'HTTP status line',
    re: /^\s*(HTTP\/\d(\.\d)?\s+)?\d{3}\s+(Internal Server Error|Bad Request|Not Found|Service Unavailable|Bad Gateway|Forbidden|Unauthorized)\s*$/i,
  },
];

function rawPayloadIn(text: string): string | undefined {
  return RAW_PAYLOADS.find((r) => r.re.test(text))?.kind;
}

const API_TYPES = new Set(['xmlhttprequest', 'other', 'ping', 'fetch']);
const iso = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const secs = (ms: number) => Math.round(ms / 100) / 10;

function failed(e: NetEvent): string | undefined {
  if (!API_TYPES.has(e.type)) return undefined;
  // An event stream that delivered and then closed (page left, server ended it) is not a failed request.
  if (e.contentType === 'text/event-stream' || (e.status === 200 && e.error)) return undefined;
  if (e.error && !/ERR_ABORTED|ERR_BLOCKED_BY_CLIENT/.test(e.error)) return e.error;
  if (e.status !== undefined && e.status >= 400) return `HTTP ${e.status}`;
  return undefined;
}

/** What a state says to the user about a failure: an error message, or a terminal message that something went wrong. */
function messageIn(s: PageState): string | undefined {
  if (s.errors?.length) return s.errors[0];
  if (s.step === 'terminal' && s.text && s.outcome && FAILURE_OUTCOMES.has(s.outcome)) return s.text;
  return undefined;
}
const FAILURE_OUTCOMES = new Set<PageState['outcome']>(['error', 'refused', 'expired', 'cancelled']);

/**
 * The flow's own requests: to the integrator's site (the pages the tab showed, and the sites its status checks go
 * to), to Dokobit / SK, or part of a status-check series. A third party's failure (an analytics ping answered 503) is
 * not the flow's error and says nothing about how the page handles one.
 */
function flowRequestFilter(page: PageSnapshot, tl: Timeline, series: PollingSeries[]): (e: NetEvent) => boolean {
  const ownSites = new Set<string>();
  const addSite = (url: string) => {
    const h = hostOf(url);
    if (h) ownSites.add(siteOf(h));
  };
  addSite(page.url);
  for (const n of tl.navigations) if (n.frameId === 0) addSite(n.url);
  for (const x of series) for (const e of x.events) addSite(e.url);
  const inSeries = new Set(series.flatMap((x) => x.events));
  return (e) => {
    const h = hostOf(e.url);
    return inSeries.has(e) || isVendorHost(h) || (!!h && ownSites.has(siteOf(h)));
  };
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}`;
  } catch {
    return url;
  }
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const tl = page.timeline;
  const now = page.now ?? Date.now();
  const findings: Finding[] = [];
  const fails: string[] = [];
  const reviews: string[] = [];
  const shown: string[] = [];
  const pageLang = primaryLang(models.find((m) => m.frame.isTop)?.frame.lang ?? models[0]?.frame.lang);

  // Raw payloads on screen, now.
  for (const m of models) {
    // A payload in <pre> is still raw to the user: no exemption for code elements here.
    for (const n of m.visibleTextNodes()) {
      const text = n.text!;
      const kind = rawPayloadIn(text);
      if (!kind) continue;
      const reason = format(messages.raw, { kind, text: text.slice(0, 100) });
      fails.push(reason);
      findings.push(nodeFinding(models, m.index, n.i, 'serious', reason, { text: text.slice(0, 300), kind }, 'fail'));
    }
  }

  if (tl) {
    // Each failed request of the flow: a message must follow.
    const series = findPollingSeries(tl.events);
    const ofTheFlow = flowRequestFilter(page, tl, series);
    const failures = tl.events.filter((e) => failed(e) && e.end !== undefined && ofTheFlow(e));
    const seen = new Set<string>();
    for (const e of failures) {
      const key = `${e.method} ${pathOf(e.url)}`;
      if (seen.has(key)) continue; // one finding per endpoint
      seen.add(key);
      const at = e.end!;
      const message = tl.states.find((s) => s.at >= at - 500 && s.at <= at + settings.messageWithinMs && messageIn(s));
      const evidence = { request: `${e.method} ${e.url}`, result: failed(e), failedAt: new Date(at).toISOString() };
      if (message) {
        const text = messageIn(message)!;
        const det = detectLanguage(text);
        if (pageLang && det.lang !== 'unknown' && det.confidence >= 0.7 && det.lang !== pageLang) {
          const reason = format(messages.wrongLanguage, { text: text.slice(0, 80), detected: det.lang, page: pageLang });
          fails.push(reason);
          findings.push({
            severity: 'moderate',
            message: reason,
            target: [],
            frameUrl: page.url,
            evidence: { ...evidence, shown: text, detected: det.lang },
            outcome: 'fail',
          });
        } else {
          shown.push(format(messages.shown, { text: text.slice(0, 80), seconds: secs(Math.max(0, message.at - at)) }));
          findings.push({
            severity: 'minor',
            message: shown[shown.length - 1],
            target: [],
            frameUrl: page.url,
            evidence: { ...evidence, shown: text, shownAt: new Date(message.at).toISOString() },
            outcome: 'pass',
          });
        }
      } else if (now - at < settings.messageWithinMs) {
        const reason = format(messages.tooEarlyFor, {
          request: key,
          result: failed(e),
          at: iso(at),
          seconds: secs(now - at),
          limit: secs(settings.messageWithinMs),
          advice: format(messages.observeLonger),
        });
        reviews.push(reason);
        // When the verdict is decided: the moment a message would be late.
        const observeUntil = new Date(at + settings.messageWithinMs).toISOString();
        findings.push({
          severity: 'moderate',
          message: reason,
          target: [],
          frameUrl: page.url,
          evidence: { ...evidence, observeUntil },
          outcome: 'review',
        });
      } else {
        // Too late is still a failure, but it is not silence: say when the message came.
        const late = tl.states.find((s) => s.at > at + settings.messageWithinMs && messageIn(s));
        const reason = late
          ? format(messages.lateMessage, {
              request: key,
              result: failed(e),
              at: iso(at),
              seconds: secs(late.at - at),
              limit: secs(settings.messageWithinMs),
              text: messageIn(late)!.slice(0, 80),
            })
          : format(messages.noMessage, { request: key, result: failed(e), at: iso(at), seconds: secs(settings.messageWithinMs) });
        fails.push(reason);
        findings.push({
          severity: 'serious',
          message: reason,
          target: [],
          frameUrl: page.url,
          evidence: late ? { ...evidence, shown: messageIn(late), shownAt: new Date(late.at).toISOString() } : evidence,
          outcome: 'fail',
        });
      }
    }

    // Silent endings: status checks stopped, yet the page still spins or still shows the waiting step, with no message.
    const last = tl.states[tl.states.length - 1];
    const lastCheck = Math.max(
      0,
      ...series.map((s) => s.last),
      ...tl.events.filter((e) => e.contentType === 'text/event-stream').map((e) => e.end ?? now),
    );
    if (series.length && last && !last.errors?.length && last.step !== 'terminal' && now - lastCheck > settings.silentSpinnerMs) {
      const stillPolling = series.some((s) => now - s.last < Math.max(2 * s.medianInterval, 5000));
      if (!stillPolling && (last.busy || last.step === 'waiting')) {
        const reason =
          last.step === 'waiting'
            ? format(messages.stalled, { at: iso(lastCheck), seconds: secs(now - lastCheck) })
            : format(messages.silent, { at: iso(lastCheck), seconds: secs(now - lastCheck) });
        fails.push(reason);
        findings.push({
          severity: 'serious',
          message: reason,
          target: [],
          frameUrl: page.url,
          evidence: {
            lastStatusCheck: new Date(lastCheck).toISOString(),
            busy: !!last.busy,
            step: last.step,
            observedUntil: new Date(now).toISOString(),
          },
          outcome: 'fail',
        });
      }
    }
    // An error state on screen without a failed request (HTTP 200 carrying an error) counts as handled when it is human.
    if (!failures.length && last?.errors?.length && !fails.length) {
      shown.push(`"${last.errors[0].slice(0, 80)}"`);
      findings.push({
        severity: 'minor',
        message: format(messages.pass, { how: shown[shown.length - 1] }),
        target: [],
        frameUrl: page.url,
        evidence: { shown: last.errors },
        outcome: 'pass',
      });
    }
  }

  if (fails.length)
    return { status: 'fail', summary: format(messages.fail, { reasons: [...new Set(fails)].slice(0, 4).join('; ') }), findings };
  // Without webRequest a failed request is invisible: no pass and no "no request failed" on that silence.
  if (tl?.missingPermissions?.includes('webRequest')) {
    if (!shown.length && !reviews.length)
      return { status: 'not-applicable', summary: format(messages.notObserved, { permission: 'webRequest' }), findings: [] };
    reviews.push(format(messages.unobservedFailures, { permission: 'webRequest' }));
  }
  if (reviews.length) return { status: 'review', summary: format(messages.review, { reasons: reviews.join('; ') }), findings };
  if (shown.length) return { status: 'pass', summary: format(messages.pass, { how: shown.join('; ') }), findings };
  return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
}

export const errorHandling = { meta, evaluate, messages } satisfies Rule;
