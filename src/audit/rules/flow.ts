/**
 * flow: after an authentication or signing step ends, the user lands on an integrator page that is not an error page,
 * within a set time — no redirect loops, no dead end on a vendor host, no silent return to the start.
 * Sources: Dokobit integration review ("the flow is logical, e.g. the correct redirect after authentication or
 * signing") — domain.md §0.
 */
import { hostOf, isVendorHost } from '../urls';
import { originAndPath } from '../redact';
import type { NavigationEvent, Timeline } from '../network/types';
import { format } from '../messages';
import type { Finding, PageSnapshot, Rule, RuleOutcome } from '../types';
import { endOfTransaction, endWords } from '../signals/state';
import { findPollingSeries } from '../network/series';

export const settings = {
  /** How long after the step ends the user must have landed. */
  landWithinMs: 30_000,
  /** The same page this many times in a row of redirects is a loop. */
  loopRepeats: 3,
  /** How long the user may stay on a vendor page after the step before that is a dead end. */
  leaveVendorWithinMs: 5000,
};

export const messages = {
  notApplicable: 'No authentication or signing step was seen.',
  notEnded: 'The step had not ended after ${seconds} s of observation (${advice}).',
  notObserved: 'Navigation after the step not observed: permission not granted (${permission}). Grant it with "Audit this site".',
  pass: 'After the step the user lands on ${url}${how}.',
  fail: 'The flow goes wrong after the step: ${reasons}.',
  review: 'The flow needs a look: ${reasons}.',
  loop: 'redirect loop: ${chain}',
  vendorDeadEnd: 'the user is left on ${host} (a vendor page) and not brought back to the site',
  stillOnVendor:
    'the user is still on ${host} (a vendor page) ${seconds} s after the step, too soon to tell whether the site brings them back within ${limit} s (${advice})',
  /** Advice when the observation was too short; each surface words it for its reader (the CLI: --wait; the popup: keep the page open). */
  observeLonger: 'watch longer',
  errorPage: 'the user lands on an error page (${what})',
  backToStart: 'the user is sent back to the start page ${url} with no message',
  noLanding: 'nothing happened for ${seconds} s after the step ended',
  spa: ' (same page, showing "${text}")',
  cancelPressed: 'Cancel pressed (${target})',
  stepGone: 'the waiting step disappeared',
  navigatedTo: 'navigation to ${url}',
};

export const meta = {
  id: 'flow' as const,
  title: 'Flow lands on the right page',
  failureTitle: 'Flow goes wrong after the step',
  description:
    'After Smart-ID / Mobile-ID authentication or signing (or the Dokobit gateway) the user is brought to an integrator page that is not an error page, within a reasonable time, without redirect loops or being stranded on a vendor page or sent back to the start without a word.',
  severity: 'serious' as const,
  source: 'Dokobit integration review preparation list (domain.md §0)',
};

/** A loop: one page reached again and again by redirects, or Chrome giving up with too many redirects. */
function findLoop(tl: Timeline, from: number): string | undefined {
  const navError = tl.navigations.find((n) => n.at >= from && n.frameId === 0 && /TOO_MANY_REDIRECTS/i.test(n.error ?? ''));
  const hops = tl.events.filter((e) => e.start >= from && e.type === 'main_frame');
  const counts = new Map<string, number>();
  for (const e of hops) counts.set(originAndPath(e.url), (counts.get(originAndPath(e.url)) ?? 0) + 1);
  const repeated = [...counts.entries()].find(([, c]) => c >= settings.loopRepeats);
  if (!navError && !repeated) return undefined;
  const chain = hops.slice(0, 8).map((e) => {
    try {
      return new URL(e.url).pathname;
    } catch {
      return e.url;
    }
  });
  return chain.length ? `${chain.join(' → ')}${hops.length > 8 ? ' → …' : ''}` : (navError?.error ?? 'too many redirects');
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const tl = page.timeline;
  if (!tl) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  const now = page.now ?? Date.now();
  const firstWaiting = tl.states.find((s) => s.step === 'waiting');
  if (!firstWaiting) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  // Redirects, loops and the landing page's status come from webNavigation and webRequest: without them, no verdict.
  const missing = tl.missingPermissions ?? [];
  if (missing.length) {
    const summary = format(messages.notObserved, { permission: missing.join(', ') });
    const evidence = { missingPermission: missing.join(', '), stepShownAt: new Date(firstWaiting.at).toISOString() };
    return {
      status: 'review',
      summary,
      findings: [{ severity: 'moderate', message: summary, target: [], frameUrl: page.url, evidence, outcome: 'review' }],
    };
  }
  const topNavs = tl.navigations.filter((n) => n.frameId === 0);
  const start = topNavs.filter((n) => n.at <= firstWaiting.at).pop() ?? topNavs[0];
  const end = endOfTransaction(tl, firstWaiting.at);
  const evidence: Record<string, unknown> = {
    stepShownAt: new Date(firstWaiting.at).toISOString(),
    startPage: start?.url ?? firstWaiting.url,
    navigations: topNavs
      .filter((n) => n.at >= firstWaiting.at)
      .slice(0, 12)
      .map((n: NavigationEvent) => ({ at: new Date(n.at).toISOString(), url: n.url, transition: n.transition, error: n.error })),
  };
  const findings: Finding[] = [];
  const result = (status: RuleOutcome['status'], summary: string, outcome: Finding['outcome']) => {
    findings.push({
      severity: outcome === 'fail' ? 'serious' : 'minor',
      message: summary,
      target: [],
      frameUrl: page.url,
      evidence: { ...evidence, endedAt: end && new Date(end.at).toISOString(), ended: end && endWords(end, messages) },
      outcome,
    });
    return { status, summary, findings } as RuleOutcome;
  };
  const loop = findLoop(tl, firstWaiting.at);
  if (loop) return result('fail', format(messages.fail, { reasons: format(messages.loop, { chain: loop }) }), 'fail');
  if (!end) {
    const summary = format(messages.notEnded, {
      seconds: Math.round((now - firstWaiting.at) / 1000),
      advice: format(messages.observeLonger),
    });
    // The step can end by itself while the page follows the session: then watching on will decide this check.
    const live = findPollingSeries(tl.events, { minRequests: 2 }).filter((s) => now - s.last < Math.max(2 * s.medianInterval, 5000));
    const pending = live.length
      ? { observeUntil: new Date(Math.max(...live.map((s) => s.last + 2 * Math.max(s.medianInterval, 1000)))).toISOString() }
      : {};
    return {
      status: 'review',
      summary,
      findings: [
        { severity: 'minor', message: summary, target: [], frameUrl: page.url, evidence: { ...evidence, ...pending }, outcome: 'review' },
      ],
    };
  }

  const landing = topNavs.filter((n) => n.at >= end.at && !n.error).pop();
  const lastState = tl.states[tl.states.length - 1];
  const landedUrl = landing?.url ?? lastState?.url ?? page.url;
  const host = hostOf(landedUrl) ?? '';
  const mainFrame = tl.events.filter((e) => e.type === 'main_frame' && e.start >= end.at - 1000).pop();
  evidence.landedOn = landedUrl;
  evidence.httpStatus = mainFrame?.status;
  const onVendorFor = now - (landing?.at ?? end.at);
  if (isVendorHost(host) && onVendorFor > settings.leaveVendorWithinMs)
    return result('fail', format(messages.fail, { reasons: format(messages.vendorDeadEnd, { host }) }), 'fail');
  if (mainFrame?.status && mainFrame.status >= 400)
    return result('fail', format(messages.fail, { reasons: format(messages.errorPage, { what: `HTTP ${mainFrame.status}` }) }), 'fail');
  const landedState = tl.states.filter((s) => s.at >= (landing?.at ?? end.at)).pop();
  if (landedState?.errors?.length && landedState.step !== 'terminal') {
    return result(
      'fail',
      format(messages.fail, { reasons: format(messages.errorPage, { what: landedState.errors[0].slice(0, 80) }) }),
      'fail',
    );
  }
  // Back at the start: the page the flow began on, or a page offering to start again, with nothing said.
  const silent = !landedState?.text && !landedState?.errors?.length;
  if (landing && silent && ((start && originAndPath(landing.url) === originAndPath(start.url)) || landedState?.offers)) {
    return result('fail', format(messages.fail, { reasons: format(messages.backToStart, { url: landing.url }) }), 'fail');
  }
  if (!landing && lastState?.step !== 'terminal' && now - end.at > settings.landWithinMs) {
    return result(
      'fail',
      format(messages.fail, { reasons: format(messages.noLanding, { seconds: Math.round((now - end.at) / 1000) }) }),
      'fail',
    );
  }
  // Still on the vendor's page and watched too briefly: neither a landing nor yet a dead end.
  if (isVendorHost(host)) {
    const reason = format(messages.stillOnVendor, {
      host,
      seconds: Math.round(onVendorFor / 100) / 10,
      limit: settings.leaveVendorWithinMs / 1000,
      advice: format(messages.observeLonger),
    });
    // Decided once the user has been on the vendor page for the limit.
    evidence.observeUntil = new Date((landing?.at ?? end.at) + settings.leaveVendorWithinMs + 100).toISOString();
    return result('review', format(messages.review, { reasons: reason }), 'review');
  }
  const how = landing ? '' : format(messages.spa, { text: (lastState?.text ?? endWords(end, messages)).slice(0, 60) });
  return result('pass', format(messages.pass, { url: landedUrl, how }), 'pass');
}

export const flow = { meta, evaluate, messages } satisfies Rule;
