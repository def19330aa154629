/**
 * Time-based checks on recorded timelines: no browser, just the events a tab produced, so each judgement of
 * polling, flow and error handling is pinned down exactly. Cases judged by status and evidence alone are timeline
 * fixtures (test/rules/<id>/<id>.timeline.json, run by test/unit/timeline-fixtures.test.ts); these keep what a fixture
 * cannot say: summary wording, absent fields, redaction, the recorder itself.
 */
import { describe, expect, it } from 'vitest';
import { TimelineRecorder, inspectUrl } from '../../src/audit/network/timeline';
import type { PageState, Timeline } from '../../src/audit/network/types';
import { evaluate as pollingRule } from '../../src/audit/rules/polling';
import { evaluate as flowRule } from '../../src/audit/rules/flow';
import { evaluate as errorHandlingRule } from '../../src/audit/rules/error-handling';
import { evaluate as tokenExposureRule } from '../../src/audit/rules/token-exposure';
import { evidenceFieldLabels } from '../../src/view/evidence-fields';
import type { PageSnapshot, RuleOutcome } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

/** Evidence field names the rules wrote in these tests; each must have a name for people (last test). */
const fieldsSeen = new Map<string, string>();
const recorded =
  (id: string, rule: (p: PageSnapshot) => RuleOutcome) =>
  (p: PageSnapshot): RuleOutcome => {
    const out = rule(p);
    for (const f of out.findings) for (const name of Object.keys(f.evidence)) fieldsSeen.set(name, id);
    return out;
  };
const polling = recorded('polling', pollingRule);
const flow = recorded('flow', flowRule);
const errorHandling = recorded('error-handling', errorHandlingRule);
const tokenExposure = recorded('token-exposure', tokenExposureRule);

const T0 = 1_800_000_000_000;
const URL = 'https://shop.example.lt/sign';

function page(tl: Timeline, now: number): PageSnapshot {
  return {
    url: URL,
    now,
    timeline: tl,
    frames: [emptyFrame(URL, { gatheredAt: now })],
  };
}

/** A recorder with a waiting step from t=0 and status checks every `every` ms from `from` to `to` (each taking `took`). */
function polled(every: number, from: number, to: number, took = 80, path = '/api/signing/3f1c9a0d11/status.json') {
  const rec = new TimelineRecorder();
  rec.navigation({ at: T0 - 500, frameId: 0, url: URL, transition: 'link' });
  rec.state({ at: T0, url: URL, step: 'waiting', text: 'Verification code' });
  let i = 0;
  for (let t = from; t <= to; t += every) {
    rec.requestStarted({
      id: `r${i}`,
      kind: 'request',
      method: 'GET',
      url: `https://shop.example.lt${path}`,
      type: 'xmlhttprequest',
      frameId: 0,
      start: T0 + t,
    });
    rec.requestEnded(`r${i++}`, T0 + t + took, { status: 200 });
  }
  return rec;
}

const state = (at: number, step: PageState['step'], extra: Partial<PageState> = {}): PageState => ({
  at: T0 + at,
  url: URL,
  step,
  ...extra,
});

describe('polling on recorded timelines', () => {
  it('fails a loop that goes on after the success message, counting the extra requests', () => {
    const rec = polled(3000, 1000, 25_000);
    rec.state(state(10_500, 'terminal', { text: 'Document signed' }));
    const out = polling(page(rec.timeline(), T0 + 26_000));
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(/more request\(s\) over .* after the transaction ended/);
    expect(out.findings[0].evidence.afterEnd).toBe(4);
  });

  it('fails polling that runs past the timeout without the page giving up', () => {
    const out = polling(page(polled(3000, 0, 150_000).timeline(), T0 + 151_000));
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(/still polling after 150 s/);
  });

  it('judges a loop against the timeout the same whenever it looks: past it fails, within it passes', () => {
    const past = polled(3000, 0, 150_000).timeline();
    const within = polled(3000, 0, 117_000).timeline();
    for (let now = 151_000; now <= 600_000; now += 7_000) {
      const out = polling(page(past, T0 + now));
      expect(out.status, `150 s loop judged at ${now / 1000} s`).toBe('fail');
      // Still running when judged within two intervals of the last request; stopped on its own after that.
      expect(out.summary, `at ${now / 1000} s`).toMatch(
        now - 150_000 < 6000 ? /still polling after 150 s/ : /polled for 150 s before stopping, past the 120 s limit/,
      );
      expect(polling(page(within, T0 + now)).status, `117 s loop judged at ${now / 1000} s`).toBe('pass');
    }
  });

  it('fails a phone step that makes no status checks at all once it has been watched long enough', () => {
    const rec = new TimelineRecorder();
    rec.state(state(0, 'waiting', { text: 'Verification code' }));
    expect(polling(page(rec.timeline(), T0 + 3000)).status).toBe('not-applicable');
    const out = polling(page(rec.timeline(), T0 + 12_000));
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(/no status checks/);
  });
});

/**
 * Once the page shows that the transaction is over, status checks that go on are a failure, whatever the server
 * answers. In these timelines every status check is answered HTTP 200 (the server saying "waiting"): the server
 * cannot end the loop, only what the page showed can.
 */
describe('polling after the page says it is over', () => {
  it('passes a loop that stops within one interval + 1 s after the page shows success', () => {
    // Requests at 1, 4, 7, 10 and 13 s; success shown at 9.2 s: the 13 s request was already scheduled (≤ 13.2 s).
    const rec = polled(3000, 1000, 13_000);
    rec.state(state(9_200, 'terminal', { text: 'Document signed' }));
    const out = polling(page(rec.timeline(), T0 + 30_000));
    expect(out.status).toBe('pass');
    expect(out.findings[0].evidence).toMatchObject({ endKind: 'signed', afterEnd: 0, stoppedAt: new Date(T0 + 13_000).toISOString() });
    expect(out.findings[0].evidence.lateRequests).toBeUndefined();
    // One more request at 16 s is past 9.2 + 3 + 1 s.
    const late = polled(3000, 1000, 16_000);
    late.state(state(9_200, 'terminal', { text: 'Document signed' }));
    expect(polling(page(late.timeline(), T0 + 30_000)).status).toBe('fail');
  });
});

describe('flow on recorded timelines', () => {
  it('fails a redirect loop with the chain as evidence', () => {
    const rec = polled(3000, 1000, 7000);
    for (let k = 0; k < 6; k++) {
      const a = `https://shop.example.lt/return/${k % 2 ? 'b' : 'a'}`;
      rec.requestStarted({
        id: `n${k}`,
        kind: 'navigation',
        method: 'GET',
        url: a,
        type: 'main_frame',
        frameId: 0,
        start: T0 + 7500 + k * 5,
      });
      rec.requestRedirected(`n${k}`, T0 + 7502 + k * 5, 302, a.replace(/[ab]$/, k % 2 ? 'a' : 'b'));
    }
    rec.navigation({ at: T0 + 7600, frameId: 0, url: 'https://shop.example.lt/return/a', error: 'net::ERR_TOO_MANY_REDIRECTS' });
    const out = flow(page(rec.timeline(), T0 + 9000));
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(/redirect loop: \/return\/a → \/return\/b/);
  });

  it('fails when the user is stranded on a vendor page', () => {
    const rec = polled(3000, 1000, 7000);
    rec.navigation({ at: T0 + 7500, frameId: 0, url: 'https://gateway.dokobit.com/signing/abc', transition: 'link' });
    rec.state({ at: T0 + 7600, url: 'https://gateway.dokobit.com/signing/abc', step: 'none' });
    expect(flow(page(rec.timeline(), T0 + 20_000)).summary).toMatch(/left on gateway\.dokobit\.com/);
  });

  it('never passes a user still on a vendor page, however soon it looks: review until 5 s, then a dead end', () => {
    const rec = polled(3000, 1000, 7000);
    rec.navigation({ at: T0 + 7500, frameId: 0, url: 'https://gateway.dokobit.com/signing/abc', transition: 'link' });
    rec.state({ at: T0 + 7600, url: 'https://gateway.dokobit.com/signing/abc', step: 'none' });
    for (let after = 100; after <= 20_000; after += 700) {
      const out = flow(page(rec.timeline(), T0 + 7500 + after));
      expect(out.status, `${after} ms after landing`).toBe(after > 5000 ? 'fail' : 'review');
      if (out.status === 'review')
        expect(out.summary).toMatch(/still on gateway\.dokobit\.com \(a vendor page\) [\d.]+ s after the step.*watch longer/);
    }
  });
});

describe('error handling on recorded timelines', () => {
  it('passes a failed status check followed by a message, and fails one followed by silence', () => {
    const rec = polled(3000, 1000, 4000);
    rec.requestStarted({
      id: 'x',
      kind: 'request',
      method: 'GET',
      url: 'https://shop.example.lt/api/signing/3f1c9a0d11/status.json',
      type: 'xmlhttprequest',
      frameId: 0,
      start: T0 + 7000,
    });
    rec.requestEnded('x', T0 + 7050, { status: 500 });
    const silent = errorHandling(page(rec.timeline(), T0 + 20_000));
    expect(silent.status).toBe('fail');
    expect(silent.summary).toMatch(/failed \(HTTP 500\) .* no message appeared/);
    rec.state(state(7400, 'waiting', { errors: ['Something went wrong. Please try again.'] }));
    const handled = errorHandling(page(rec.timeline(), T0 + 20_000));
    expect(handled.status).toBe('pass');
    expect(handled.findings[0].evidence.shown).toMatch(/Something went wrong/);
  });

  it('says when a message came too late instead of calling it silence', () => {
    const rec = polled(3000, 1000, 4000);
    rec.requestStarted({
      id: 'x',
      kind: 'request',
      method: 'GET',
      url: 'https://shop.example.lt/api/signing/3f1c9a0d11/status.json',
      type: 'xmlhttprequest',
      frameId: 0,
      start: T0 + 7000,
    });
    rec.requestEnded('x', T0 + 7050, { status: 500 });
    rec.state(state(15_050, 'terminal', { text: 'Signing failed', outcome: 'error', errors: ['Signing failed'] }));
    const out = errorHandling(page(rec.timeline(), T0 + 20_000));
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(/a message appeared only after 8 s \(limit 5 s\): "Signing failed"/);
    expect(out.summary).not.toMatch(/no message appeared/);
  });
});

describe('token exposure in requests', () => {
  it('fails a browser request carrying an API token and accepts the per-signer URL', () => {
    const rec = new TimelineRecorder();
    rec.requestStarted({
      id: 's',
      kind: 'navigation',
      method: 'GET',
      url: 'https://gateway-sandbox.dokobit.com/signing/3f1c?access_token=signer123',
      type: 'sub_frame',
      frameId: 3,
      start: T0,
    });
    rec.state(state(0, 'waiting'));
    expect(tokenExposure(page(rec.timeline(), T0 + 100)).status).toBe('pass');
    rec.requestStarted({
      id: 'a',
      kind: 'request',
      method: 'POST',
      url: 'https://shop.example.lt/api/v2/smartid/sign.json?access_token=testgw_a1b2c3d4e5f6a7b8',
      type: 'xmlhttprequest',
      frameId: 0,
      start: T0 + 10,
    });
    const out = tokenExposure(page(rec.timeline(), T0 + 100));
    expect(out.status).toBe('fail');
    expect(JSON.stringify(out)).not.toContain('testgw_a1b2c3d4e5f6a7b8');
  });

  it('fails a page load carrying the API token without repeating the token', () => {
    const rec = new TimelineRecorder();
    rec.requestStarted({
      id: 'n',
      kind: 'navigation',
      method: 'POST',
      url: 'https://shop.example.lt/sign/start',
      type: 'main_frame',
      frameId: 0,
      start: T0,
    });
    rec.requestRedirected('n', T0 + 200, 302, 'https://shop.example.lt/dokobit/bridge?access_token=testgw_a1b2c3d4e5f6a7b8');
    rec.requestRedirected('n', T0 + 350, 302, 'https://gateway.dokobit.com/signing/8e1f0c7a2b?access_token=sgn4c1e');
    const out = tokenExposure(page(rec.timeline(), T0 + 1000));
    expect(out.status).toBe('fail');
    expect(out.summary).toMatch(
      /a page or frame the browser loads carries access_token \(https:\/\/shop\.example\.lt\/dokobit\/bridge\?access_token=\[redacted:23\]\)/,
    );
    expect(JSON.stringify(out)).not.toContain('testgw_a1b2c3d4e5f6a7b8');
    expect(JSON.stringify(out)).not.toContain('sgn4c1e');
  });

  it('redacts secrets in recorded URLs but remembers that they were there', () => {
    expect(inspectUrl('https://x.lt/api/a?access_token=testgw_abcdefgh12&lang=lt')).toEqual({
      url: 'https://x.lt/api/a?access_token=[redacted:17]&lang=lt',
      secretParams: ['access_token'],
      apiTokenLike: true,
    });
  });
});

describe('evidence of the network rules', () => {
  it('has a name for people for every field the rules above wrote', () => {
    expect(fieldsSeen.size).toBeGreaterThan(10);
    const unnamed = [...fieldsSeen].filter(([name]) => !(name in evidenceFieldLabels)).map(([name, id]) => `${id}: ${name}`);
    expect(unnamed).toEqual([]);
  });
});

describe('timeline recorder activity (what keeps time-based verdicts refreshing)', () => {
  it('is active while a step waits or after recent requests and navigations, and quiet otherwise', () => {
    const rec = new TimelineRecorder();
    expect(rec.activeSince(T0)).toBe(false);
    rec.requestStarted({
      id: 'a',
      kind: 'request',
      method: 'GET',
      url: 'https://x.example/s',
      type: 'xmlhttprequest',
      frameId: 0,
      start: T0 + 1000,
    });
    rec.requestEnded('a', T0 + 2000, { status: 200 });
    expect(rec.activeSince(T0 + 1500)).toBe(true);
    expect(rec.activeSince(T0 + 2000)).toBe(false);
    rec.navigation({ at: T0 + 5000, frameId: 0, url: URL });
    expect(rec.activeSince(T0 + 4000)).toBe(true);
    expect(rec.activeSince(T0 + 6000)).toBe(false);
    rec.state(state(7000, 'waiting'));
    expect(rec.activeSince(T0 + 60_000)).toBe(true);
    rec.state(state(8000, 'terminal'));
    expect(rec.activeSince(T0 + 60_000)).toBe(false);
  });
});
