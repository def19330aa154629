import { describe, expect, it } from 'vitest';
import type { NetEvent } from '../../src/audit/network/types';
import { describeSeries, findPollingSeries, normaliseUrl } from '../../src/audit/network/series';

const HOST = 'https://gateway-sandbox.dokobit.com';
const T0 = 1_700_000_000_000;

let nextId = 0;

/** One recorded event; `duration` sets end = start + duration (omit it for a request still open). */
function ev(url: string, start: number, duration?: number, extra: Partial<NetEvent> = {}): NetEvent {
  return {
    id: String(++nextId),
    kind: 'request',
    method: 'GET',
    url,
    type: 'xmlhttprequest',
    frameId: 0,
    start,
    ...(duration === undefined ? {} : { end: start + duration }),
    ...extra,
  };
}

/** A polling loop: `count` requests to `url`, the i-th starting at t0 + sum of gaps(i). */
function loop(
  url: string | ((i: number) => string),
  count: number,
  gap: (i: number) => number,
  duration: (i: number) => number | undefined,
  t0 = T0,
): NetEvent[] {
  const out: NetEvent[] = [];
  let t = t0;
  for (let i = 0; i < count; i++) {
    out.push(ev(typeof url === 'string' ? url : url(i), t, duration(i)));
    t += gap(i);
  }
  return out;
}

/** Deterministic jitter in [-amp, +amp]. */
function jitter(i: number, amp: number): number {
  return Math.round(Math.sin(i * 12.9898) * amp);
}

describe('normaliseUrl', () => {
  it('replaces a Dokobit token with an extension by :id.json and keeps ordinary words', () => {
    const n = normaliseUrl('get', `${HOST}/v2/mobile/login/status/ab12cd34ef56.json`);
    expect(n.key).toBe(`GET ${HOST}/v2/mobile/login/status/:id.json`);
    expect(n.session).toBe('ab12cd34ef56');
  });

  it('replaces a UUID path segment', () => {
    const n = normaliseUrl('GET', `${HOST}/api/signing/3f1c9a0d-1111-2222-3333-444455556666/status`);
    expect(n.key).toBe(`GET ${HOST}/api/signing/:id/status`);
    expect(n.session).toBe('3f1c9a0d-1111-2222-3333-444455556666');
  });

  it('replaces a base64url token of 16 characters', () => {
    const n = normaliseUrl('GET', `${HOST}/api/authentication/Xk9_aB3dEf7GhIjK/status`);
    expect(n.key).toBe(`GET ${HOST}/api/authentication/:id/status`);
    expect(n.session).toBe('Xk9_aB3dEf7GhIjK');
  });

  it('replaces numeric ids and short hex tokens but keeps words, versions and slugs', () => {
    expect(normaliseUrl('GET', `${HOST}/api/documents/4711/3f1c9a0d`).key).toBe(`GET ${HOST}/api/documents/:id/:id`);
    expect(normaliseUrl('GET', `${HOST}/v2/smartid/signing/status`).key).toBe(`GET ${HOST}/v2/smartid/signing/status`);
    expect(normaliseUrl('GET', `${HOST}/oauth2/sign-document-v2-2024/index.html`).key).toBe(
      `GET ${HOST}/oauth2/sign-document-v2-2024/index.html`,
    );
    expect(normaliseUrl('GET', `${HOST}/api/1/status`).session).toBe('');
  });

  it('drops cache-busters and sorts the remaining query parameters', () => {
    const a = normaliseUrl('GET', `${HOST}/status.json?_=1700000000123&lang=lt&b=1`);
    const b = normaliseUrl('GET', `${HOST}/status.json?b=1&lang=lt&_=1700000003456`);
    const c = normaliseUrl('GET', `${HOST}/status.json?t=1700000003456&lang=lt&b=1&nocache=x`);
    expect(a.key).toBe(`GET ${HOST}/status.json?b=1&lang=lt`);
    expect(b.key).toBe(a.key);
    expect(c.key).toBe(a.key);
    expect(a.session).toBe('');
  });

  it('keeps a non-numeric "t" parameter as a token rather than a cache-buster', () => {
    const n = normaliseUrl('GET', `${HOST}/status?t=a1b2c3d4e5f6`);
    expect(n.key).toBe(`GET ${HOST}/status?t=:id`);
    expect(n.session).toBe('a1b2c3d4e5f6');
  });

  it('replaces token-like and already-redacted query values and reports them as the session', () => {
    const n = normaliseUrl('GET', `${HOST}/api/status?session=3f1c9a0d77&access_token=[redacted:32]&lang=lt`);
    expect(n.key).toBe(`GET ${HOST}/api/status?access_token=:id&lang=lt&session=:id`);
    expect(n.session).toBe('[redacted:32]|3f1c9a0d77');
  });

  it('keeps numeric settings such as timeoutMs verbatim', () => {
    const n = normaliseUrl('GET', `https://sid.demo.sk.ee/smart-id-rp/v2/session/3f1c9a0d-1111-2222-3333-444455556666?timeoutMs=10000`);
    expect(n.key).toBe('GET https://sid.demo.sk.ee/smart-id-rp/v2/session/:id?timeoutMs=10000');
    expect(n.session).toBe('3f1c9a0d-1111-2222-3333-444455556666');
  });

  it('gives two sessions on one endpoint the same key and different sessions', () => {
    const a = normaliseUrl('GET', `${HOST}/api/signing/aaaa1111bbbb2222/status.json`);
    const b = normaliseUrl('GET', `${HOST}/api/signing/cccc3333dddd4444/status.json`);
    expect(a.key).toBe(b.key);
    expect(a.session).not.toBe(b.session);
  });
});

describe('findPollingSeries', () => {
  const STATUS = `${HOST}/v2/mobile/login/status/ab12cd34ef56.json`;

  it('finds one Dokobit-style series polling every 3 s with ±200 ms jitter, median ≈ 3000 and small spread', () => {
    const events = loop(
      STATUS,
      20,
      (i) => 3000 + jitter(i, 200),
      () => 150,
    );
    const series = findPollingSeries(events);
    expect(series).toHaveLength(1);
    const s = series[0]!;
    expect(s.key).toBe(`GET ${HOST}/v2/mobile/login/status/:id.json`);
    expect(s.session).toBe('ab12cd34ef56');
    expect(s.events).toHaveLength(20);
    expect(s.intervals).toHaveLength(19);
    expect(Math.abs(s.medianInterval - 3000)).toBeLessThanOrEqual(200);
    expect(s.spread).toBeLessThanOrEqual(400);
    expect(s.medianDuration).toBe(150);
    expect(s.longPoll).toBe(false);
    expect(s.overlaps).toBe(0);
    expect(s.first).toBe(T0);
    expect(s.last).toBe(events[19]!.start);
  });

  it('stays one series with a 3 s median when intervals jitter between 2.8 and 3.3 s and a single retry burst occurs', () => {
    const gaps = [2800, 3300, 3000, 3100, 2900, 150, 2850, 3200, 3000, 3050, 2950, 3000];
    const events = loop(
      STATUS,
      gaps.length + 1,
      (i) => gaps[i]!,
      () => 100,
    );
    const [s, ...rest] = findPollingSeries(events);
    expect(rest).toHaveLength(0);
    expect(s!.medianInterval).toBeGreaterThanOrEqual(2900);
    expect(s!.medianInterval).toBeLessThanOrEqual(3100);
    expect(s!.spread).toBeLessThan(500);
  });

  it('reports a 300 ms median for a front end hammering the status endpoint', () => {
    const events = loop(
      `${HOST}/api/signing/3f1c9a0d-1111-2222-3333-444455556666/status`,
      50,
      () => 300,
      () => 80,
    );
    const [s] = findPollingSeries(events);
    expect(s!.medianInterval).toBe(300);
    expect(s!.spread).toBe(0);
    expect(s!.longPoll).toBe(false);
  });

  it('recognises a Smart-ID long poll: requests held ~10 s, the next starting right after, no overlaps', () => {
    const url = 'https://sid.demo.sk.ee/smart-id-rp/v2/session/3f1c9a0d-1111-2222-3333-444455556666?timeoutMs=10000';
    const events: NetEvent[] = [];
    let t = T0;
    for (let i = 0; i < 6; i++) {
      const held = 10_000 + jitter(i, 50);
      events.push(ev(url, t, held));
      t += held + 20; // next request ~20 ms after the previous one returned
    }
    const [s, ...rest] = findPollingSeries(events);
    expect(rest).toHaveLength(0);
    expect(s!.longPoll).toBe(true);
    expect(s!.overlaps).toBe(0);
    expect(s!.medianDuration).toBeGreaterThan(9_900);
    expect(s!.medianInterval).toBeGreaterThan(9_900);
  });

  it('separates two interleaved series for two session tokens on the same endpoint, each with its own cadence', () => {
    const a = loop(
      `${HOST}/api/signing/aaaa1111bbbb2222/status.json`,
      10,
      () => 3000,
      () => 100,
      T0,
    );
    const b = loop(
      `${HOST}/api/signing/cccc3333dddd4444/status.json`,
      15,
      () => 1000,
      () => 100,
      T0 + 500,
    );
    const series = findPollingSeries([...a, ...b].sort((x, y) => x.start - y.start));
    expect(series).toHaveLength(2);
    const [first, second] = series;
    expect(first!.key).toBe(second!.key);
    expect(first!.session).toBe('aaaa1111bbbb2222');
    expect(second!.session).toBe('cccc3333dddd4444');
    expect(first!.medianInterval).toBe(3000);
    expect(second!.medianInterval).toBe(1000);
    expect(first!.events).toHaveLength(10);
    expect(second!.events).toHaveLength(15);
    expect(first!.overlaps + second!.overlaps).toBe(0);
  });

  it('does not merge requests without a session part into a series with one', () => {
    const withToken = loop(
      `${HOST}/api/status?session=3f1c9a0d77`,
      4,
      () => 2000,
      () => 100,
    );
    const without = loop(
      `${HOST}/api/status`,
      2,
      () => 2000,
      () => 100,
      T0 + 1000,
    );
    const series = findPollingSeries([...withToken, ...without]);
    expect(series).toHaveLength(1);
    expect(series[0]!.session).toBe('3f1c9a0d77');
    expect(series[0]!.events).toHaveLength(4);
  });

  it('counts overlapping requests: a new request every 1 s while each takes 2.5 s', () => {
    const events = loop(
      STATUS,
      8,
      () => 1000,
      () => 2500,
    );
    const [s] = findPollingSeries(events);
    expect(s!.overlaps).toBe(7);
    expect(s!.medianDuration).toBe(2500);
    expect(s!.longPoll).toBe(true);
  });

  it('counts a request that starts while the previous one has no end yet as overlapping', () => {
    const events = [ev(STATUS, T0, 100), ev(STATUS, T0 + 3000), ev(STATUS, T0 + 6000, 100), ev(STATUS, T0 + 9000)];
    const [s] = findPollingSeries(events);
    expect(s!.overlaps).toBe(1);
    expect(s!.medianDuration).toBe(100);
  });

  it('counts a request that starts while an earlier, longer request is still open, even after a short one', () => {
    // A held 5 s; B starts at 1 s and returns at 1.1 s; C starts at 2 s while A is still open.
    const events = [ev(STATUS, T0, 5000), ev(STATUS, T0 + 1000, 100), ev(STATUS, T0 + 2000, 100), ev(STATUS, T0 + 8000, 100)];
    expect(findPollingSeries(events)[0]!.overlaps).toBe(2);
  });

  it('treats a failed request without an end as closed, not open', () => {
    const events = [ev(STATUS, T0, undefined, { error: 'net::ERR_FAILED' }), ev(STATUS, T0 + 3000, 100), ev(STATUS, T0 + 6000, 100)];
    expect(findPollingSeries(events)[0]!.overlaps).toBe(0);
  });

  it('reports medianDuration 0 when no request has ended', () => {
    const events = loop(
      STATUS,
      4,
      () => 3000,
      () => undefined,
    );
    const [s] = findPollingSeries(events);
    expect(s!.medianDuration).toBe(0);
    expect(s!.longPoll).toBe(false);
    expect(s!.overlaps).toBe(3);
  });

  it('ignores a changing cache-buster query so the loop is one series', () => {
    const events = loop(
      (i) => `${HOST}/api/status.json?_=${1700000000123 + i * 3000}`,
      5,
      () => 3000,
      () => 50,
    );
    const series = findPollingSeries(events);
    expect(series).toHaveLength(1);
    expect(series[0]!.key).toBe(`GET ${HOST}/api/status.json`);
    expect(series[0]!.session).toBe('');
  });

  it('does not report unrelated requests (script, image, main_frame, a one-off POST) as series', () => {
    const events: NetEvent[] = [
      ...[0, 1, 2, 3].map((i) => ev(`${HOST}/assets/app.js`, T0 + i * 1000, 10, { type: 'script' })),
      ...[0, 1, 2, 3].map((i) => ev(`${HOST}/img/logo.png`, T0 + i * 1000, 10, { type: 'image' })),
      ...[0, 1, 2, 3].map((i) => ev(`${HOST}/sign`, T0 + i * 1000, 10, { type: 'main_frame' })),
      ...[0, 1, 2, 3].map((i) => ev(`${HOST}/fonts/a.woff2`, T0 + i * 1000, 10, { type: 'font' })),
      ...[0, 1, 2, 3].map((i) => ev(`${HOST}/api/status`, T0 + i * 1000, 10, { method: 'OPTIONS' })),
      ev(`${HOST}/api/signing/create`, T0, 300, { method: 'POST' }),
    ];
    expect(findPollingSeries(events)).toEqual([]);
  });

  it('does not treat fewer than 3 requests as a series, unless minRequests is lowered', () => {
    const events = loop(
      STATUS,
      2,
      () => 3000,
      () => 100,
    );
    expect(findPollingSeries(events)).toEqual([]);
    expect(findPollingSeries(events, { minRequests: 2 })).toHaveLength(1);
    expect(
      findPollingSeries(
        loop(
          STATUS,
          4,
          () => 3000,
          () => 100,
        ),
        { minRequests: 5 },
      ),
    ).toEqual([]);
  });

  it('accepts POST polling and fetch, other and ping resource types', () => {
    for (const type of ['fetch', 'other', 'ping']) {
      const events = loop(
        STATUS,
        3,
        () => 3000,
        () => 100,
      ).map((e) => ({ ...e, type, method: 'POST' }));
      const [s] = findPollingSeries(events);
      expect(s!.key.startsWith('POST ')).toBe(true);
    }
  });

  it('sorts out-of-order input by start and gives the same result as ordered input', () => {
    const ordered = loop(
      STATUS,
      10,
      (i) => 3000 + jitter(i, 200),
      () => 120,
    );
    const shuffled = [...ordered].reverse();
    [shuffled[2], shuffled[7]] = [shuffled[7]!, shuffled[2]!];
    const [a] = findPollingSeries(ordered);
    const [b] = findPollingSeries(shuffled);
    expect(b!.events.map((e) => e.start)).toEqual(ordered.map((e) => e.start));
    expect(b!.intervals.every((d) => d > 0)).toBe(true);
    expect(b!.medianInterval).toBe(a!.medianInterval);
    expect(b!.spread).toBe(a!.spread);
    expect(b!.first).toBe(T0);
  });

  it('ignores WebSocket and EventSource events in the timeline', () => {
    const events: NetEvent[] = [
      ...loop(
        STATUS,
        3,
        () => 3000,
        () => 100,
      ),
      ev('wss://gateway-sandbox.dokobit.com/ws', T0, undefined, { kind: 'websocket', type: 'websocket', messages: [T0 + 10] }),
      ev('wss://gateway-sandbox.dokobit.com/ws', T0 + 1, undefined, { kind: 'websocket', type: 'websocket' }),
      ev('wss://gateway-sandbox.dokobit.com/ws', T0 + 2, undefined, { kind: 'websocket', type: 'websocket' }),
      ...[0, 1, 2].map((i) => ev(`${HOST}/events`, T0 + i, undefined, { kind: 'eventsource' as const, type: 'other' })),
    ];
    const series = findPollingSeries(events);
    expect(series).toHaveLength(1);
    expect(series[0]!.events).toHaveLength(3);
  });

  it('returns series sorted by their first request', () => {
    const late = loop(
      `${HOST}/api/late/status`,
      3,
      () => 2000,
      () => 10,
      T0 + 60_000,
    );
    const early = loop(
      `${HOST}/api/early/status`,
      3,
      () => 2000,
      () => 10,
      T0,
    );
    const series = findPollingSeries([...late, ...early]);
    expect(series.map((s) => s.key)).toEqual([`GET ${HOST}/api/early/status`, `GET ${HOST}/api/late/status`]);
  });

  // Timing is measured by `npm run bench`; this test pins the result on a large, shuffled input.
  it('finds each of 20 interleaved sessions among 5,000 events, in any order', () => {
    const events: NetEvent[] = [];
    for (let s = 0; s < 20; s++) {
      const token = (0xa0000000 + s * 7919).toString(16) + 'c0ffee';
      events.push(
        ...loop(
          `${HOST}/api/signing/${token}/status.json?_=${s}`,
          200,
          (i) => 3000 + jitter(i, 200),
          () => 100,
          T0 + s * 37,
        ),
      );
    }
    for (let i = 0; i < 1000; i++) {
      events.push(ev(`${HOST}/assets/chunk-${i}.js`, T0 + i * 13, 5, { type: i % 2 ? 'script' : 'xmlhttprequest' }));
    }
    expect(events).toHaveLength(5000);
    const input = [...events].reverse();
    const series = findPollingSeries(input);
    expect(series).toHaveLength(20);
    expect(series.every((s) => s.events.length === 200)).toBe(true);
  });
});

describe('describeSeries', () => {
  it('describes path, count, cadence, spread and overlaps without the origin', () => {
    const events = loop(
      `${HOST}/api/signing/3f1c9a0d-1111-2222-3333-444455556666/status.json`,
      12,
      (i) => (i % 2 ? 2950 : 3050),
      () => 100,
    );
    events[3]!.end = events[4]!.start + 500;
    events[8]!.end = events[9]!.start + 500;
    const [s] = findPollingSeries(events);
    expect(describeSeries(s!)).toBe('GET /api/signing/:id/status.json ×12 every 3.0 s (spread 0.1 s), 2 overlapping');
  });

  it('mentions a long poll and omits overlaps when there are none', () => {
    const events = loop(
      'https://sid.demo.sk.ee/smart-id-rp/v2/session/3f1c9a0d-1111-2222-3333-444455556666?timeoutMs=10000',
      4,
      () => 10_020,
      () => 10_000,
    );
    const [s] = findPollingSeries(events);
    expect(describeSeries(s!)).toBe(
      'GET /smart-id-rp/v2/session/:id?timeoutMs=10000 ×4 every 10.0 s (spread 0.0 s), long poll (held 10.0 s)',
    );
  });
});
