import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/content/scheduler';

/** A manual clock: timers fire only when the test advances time. */
function fakeClock() {
  let t = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => t,
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(++seq, { at: t + ms, fn });
      return seq;
    },
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    advance(ms: number) {
      const end = t + ms;
      for (;;) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        t = next[1].at;
        next[1].fn();
      }
      t = end;
    },
  };
}

describe('re-audit scheduler', () => {
  it('runs once after a burst of changes goes quiet', () => {
    const clock = fakeClock();
    let runs = 0;
    const s = createScheduler(() => runs++, { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000, clock });
    for (let i = 0; i < 5; i++) {
      s.request();
      clock.advance(20);
    }
    expect(runs).toBe(0);
    clock.advance(200);
    expect(runs).toBe(1);
  });

  it('caps a page that mutates every frame (16 ms) at a few audits per second', () => {
    const clock = fakeClock();
    let runs = 0;
    const s = createScheduler(() => runs++, { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000, clock });
    for (let i = 0; i < 625; i++) {
      s.request();
      clock.advance(16);
    }
    // 10 seconds of constant mutation: the max-wait deadline keeps audits coming, the interval caps them.
    expect(runs).toBeGreaterThanOrEqual(8);
    expect(runs).toBeLessThanOrEqual(26);
  });

  it('does not run more often than the minimum interval even when asked to run now', () => {
    const clock = fakeClock();
    const times: number[] = [];
    const s = createScheduler(() => times.push(clock.now()), { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000, clock });
    s.now();
    clock.advance(1);
    s.now();
    clock.advance(1000);
    expect(times).toEqual([0, 400]);
  });
});
