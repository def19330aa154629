import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, LIVE_SCHEDULE, UNASKED } from '../../src/content/scheduler';
import { afterNextFrame } from '../../src/shared/next-frame';

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
    /** Time passes inside a callback (a slow audit): no timer fires meanwhile, as on a busy main thread. */
    spend(ms: number) {
      t += ms;
    },
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

  describe('with leadingMs', () => {
    const options = { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000, leadingMs: 20 };

    it('judges the first change after a quiet spell within leadingMs, not after the debounce', () => {
      const clock = fakeClock();
      let runs = 0;
      const s = createScheduler(() => runs++, { ...options, clock });
      clock.advance(5000);
      s.request();
      clock.advance(19);
      expect(runs).toBe(0);
      clock.advance(1);
      expect(runs).toBe(1);
    });

    it('debounces the rest of a burst and judges it once more when it settles', () => {
      const clock = fakeClock();
      let runs = 0;
      const s = createScheduler(() => runs++, { ...options, clock });
      clock.advance(5000);
      for (let i = 0; i < 10; i++) {
        s.request();
        clock.advance(30);
      }
      // The leading run at 20 ms; the rest of the burst (to 300 ms) waits for the interval after it.
      expect(runs).toBe(1);
      clock.advance(600);
      expect(runs).toBe(2);
    });

    it('a change soon after an audit still waits the interval', () => {
      const clock = fakeClock();
      const at: number[] = [];
      const s = createScheduler(() => at.push(clock.now()), { ...options, clock });
      clock.advance(5000);
      s.request();
      clock.advance(200);
      s.request();
      clock.advance(1000);
      expect(at).toEqual([5020, 5420]);
    });

    it('a page that mutates every frame still gets at most 4 audits per second', () => {
      const clock = fakeClock();
      let runs = 0;
      const s = createScheduler(() => runs++, { ...options, clock });
      for (let i = 0; i < 625; i++) {
        s.request();
        clock.advance(16);
      }
      expect(runs).toBeLessThanOrEqual(26);
      expect(runs).toBeGreaterThanOrEqual(8);
    });
  });

  describe("the content script's schedule (LIVE_SCHEDULE)", () => {
    it('starts the audit of the first change after a quiet spell in the next task (it waits only for the frame)', () => {
      const clock = fakeClock();
      const at: number[] = [];
      const s = createScheduler(() => at.push(clock.now()), { ...LIVE_SCHEDULE, clock });
      clock.advance(5000);
      s.request();
      expect(at).toEqual([]);
      clock.advance(0);
      expect(at).toEqual([5000]);
    });

    it('still debounces the rest of a burst, keeps the interval, and caps a page that mutates every frame', () => {
      const clock = fakeClock();
      const at: number[] = [];
      const s = createScheduler(() => at.push(clock.now()), { ...LIVE_SCHEDULE, clock });
      clock.advance(5000);
      for (let i = 0; i < 10; i++) {
        s.request();
        clock.advance(30);
      }
      // The leading run at once; the rest of the burst (its last change at 5,270) runs when it has been quiet for the
      // debounce, which is after the interval too.
      expect(at).toEqual([5000]);
      clock.advance(600);
      expect(at).toEqual([5000, 5420]);
      for (let i = 0; i < 625; i++) {
        s.request();
        clock.advance(16);
      }
      // 10 more seconds mutating every frame: at most 4 audits a second.
      expect(at.length - 2).toBeLessThanOrEqual(26);
      expect(at.length - 2).toBeGreaterThanOrEqual(8);
    });
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

  const options = { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000 };

  /** Runs a storm: `poke` every `everyMs` for `forMs`, recording when each audit started and ended. */
  function storm(poke: (s: ReturnType<typeof createScheduler>) => void, everyMs: number, forMs: number, runMs = 0) {
    const clock = fakeClock();
    const starts: number[] = [];
    const ends: number[] = [];
    const s = createScheduler(
      () => {
        starts.push(clock.now());
        clock.spend(runMs);
        ends.push(clock.now());
      },
      { ...options, clock },
    );
    for (let at = 0; at < forMs; at += everyMs) {
      poke(s);
      clock.advance(everyMs);
    }
    return { starts, ends, clock, s };
  }

  /** Most audits that started in any one second. */
  function perSecond(starts: number[]): number {
    return Math.max(0, ...starts.map((t) => starts.filter((u) => u >= t && u < t + 1000).length));
  }

  it('a text node rewritten by setInterval(…, 0) (every 4 ms) delays an audit by at most 1 s, and audits keep coming', () => {
    const { starts } = storm((s) => s.request(), 4, 10_000);
    expect(starts[0]).toBeLessThanOrEqual(1000);
    // Never starved: no gap between audits longer than the maximum wait (plus the interval after the last run).
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000 + options.minIntervalMs);
    expect(starts.length).toBeGreaterThanOrEqual(9);
    expect(perSecond(starts)).toBeLessThanOrEqual(4);
  });

  it("a storm faster than the browser's minimum timer delay does not push a due audit back forever", () => {
    // Browsers delay nested timers by at least 4 ms; here 5 ms, so the page's next mutation (every 4 ms) always
    // comes before a timer re-armed at once. Re-arming a due audit on every mutation would starve it.
    const base = fakeClock();
    const clock = { ...base, setTimeout: (fn: () => void, ms: number) => base.setTimeout(fn, Math.max(5, ms)) };
    const starts: number[] = [];
    const s = createScheduler(() => starts.push(clock.now()), { ...options, clock });
    for (let at = 0; at < 5000; at += 4) {
      s.request();
      base.advance(4);
    }
    expect(starts[0]).toBeLessThanOrEqual(1000 + 5);
    expect(starts.length).toBeGreaterThanOrEqual(4);
  });

  it('"run now" (the first audit after injection) is not pushed back forever by a storm faster than the minimum timer delay', () => {
    // The content script asks for its first audit with now() while the page's setInterval(0) storm is running: the
    // due time must stay the moment it was asked for, not move to each mutation's time (the timer, clamped to 5 ms
    // here as a nested timer is in a browser, would be re-armed every 4 ms and never fire).
    const base = fakeClock();
    const clock = { ...base, setTimeout: (fn: () => void, ms: number) => base.setTimeout(fn, Math.max(5, ms)) };
    const starts: number[] = [];
    const s = createScheduler(() => starts.push(clock.now()), { ...options, clock });
    s.now();
    for (let at = 0; at < 5000; at += 4) {
      s.request();
      base.advance(4);
    }
    expect(starts[0]).toBeLessThanOrEqual(5);
    expect(starts.length).toBeGreaterThanOrEqual(4);
  });

  it('"run now" asked again and again during a storm (URL watch, regather) still runs', () => {
    const base = fakeClock();
    const clock = { ...base, setTimeout: (fn: () => void, ms: number) => base.setTimeout(fn, Math.max(5, ms)) };
    const starts: number[] = [];
    const s = createScheduler(() => starts.push(clock.now()), { ...options, clock });
    for (let at = 0; at < 5000; at += 4) {
      if (at % 500 === 0) s.now();
      s.request();
      base.advance(4);
    }
    expect(starts[0]).toBeLessThanOrEqual(5);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000 + options.minIntervalMs + 5);
  });

  it('a page that mutates every frame gets at most 4 audits per second', () => {
    const { starts } = storm((s) => s.request(), 16, 10_000);
    expect(perSecond(starts)).toBeLessThanOrEqual(4);
    expect(starts.length).toBeGreaterThanOrEqual(9);
  });

  it('a pushState storm (run now, every 10 ms) is rate-limited, not starved', () => {
    const { starts } = storm((s) => s.now(), 10, 5000);
    expect(starts[0]).toBe(0);
    expect(perSecond(starts)).toBeLessThanOrEqual(4);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(options.minIntervalMs + 10);
  });

  it('"run now" is not postponed by the changes that follow it', () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const s = createScheduler(() => starts.push(clock.now()), { ...options, clock });
    s.now();
    clock.advance(0);
    clock.advance(100);
    s.now(); // due at 400 (interval after the run at 0)
    for (let i = 0; i < 100; i++) {
      s.request();
      clock.advance(4);
    }
    expect(starts.slice(0, 2)).toEqual([0, 400]);
  });

  it('a slow audit (600 ms, longer than the interval) leaves the page its interval before the next one', () => {
    const { starts, ends } = storm((s) => s.request(), 4, 10_000, 600);
    expect(starts.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - ends[i - 1]).toBeGreaterThanOrEqual(options.minIntervalMs);
    const gaps = starts.slice(1).map((t, i) => t - ends[i]);
    // Requests made during the slow run wait at most the interval after it, or the maximum wait.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
  });

  it('an audit whose own work triggers a change is followed by one more audit, not a loop faster than the interval', () => {
    const clock = fakeClock();
    const starts: number[] = [];
    let s: ReturnType<typeof createScheduler>;
    s = createScheduler(
      () => {
        starts.push(clock.now());
        // The run itself mutates the page synchronously (and the observer reports it at once).
        s.request();
      },
      { ...options, clock },
    );
    s.request();
    clock.advance(5000);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(options.minIntervalMs);
    expect(perSecond(starts)).toBeLessThanOrEqual(4);
  });

  it('a slow audit that triggers a change waits the interval after it ends', () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const ends: number[] = [];
    let s: ReturnType<typeof createScheduler>;
    s = createScheduler(
      () => {
        starts.push(clock.now());
        clock.spend(600);
        s.request();
        ends.push(clock.now());
      },
      { ...options, clock },
    );
    s.request();
    clock.advance(5000);
    expect(starts.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i] - ends[i - 1]).toBeGreaterThanOrEqual(options.minIntervalMs);
      expect(starts[i] - ends[i - 1]).toBeLessThanOrEqual(options.maxWaitMs);
    }
  });

  it('an audit that throws does not stop later audits', () => {
    const clock = fakeClock();
    let runs = 0;
    const s = createScheduler(
      () => {
        runs++;
        throw new Error('gather failed');
      },
      { ...options, clock },
    );
    for (let i = 0; i < 3; i++) {
      s.request();
      try {
        clock.advance(1500);
      } catch {
        /* the timer's exception surfaces here */
      }
    }
    expect(runs).toBe(3);
  });
  it('an asynchronous run (a gather in slices) holds the next run until it has settled, then keeps the interval', async () => {
    const clock = fakeClock();
    let runs = 0;
    let finish: () => void = () => {};
    const s = createScheduler(
      () => {
        runs++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000, clock },
    );
    s.request();
    clock.advance(200);
    expect(runs).toBe(1);
    // Changes during the run: nothing starts while it is still going, however long that is.
    s.request();
    clock.advance(2000);
    expect(runs).toBe(1);
    clock.spend(50);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    // The next run comes the minimum interval after the first one settled, not after it started.
    clock.advance(399);
    expect(runs).toBe(1);
    clock.advance(2);
    expect(runs).toBe(2);
  });

  it('a run the page did not ask for does not hold a change back by the interval; an audit of a change does', async () => {
    const clock = fakeClock();
    const ran: number[] = [];
    let finish: (outcome?: unknown) => void = () => {};
    const s = createScheduler(
      () => {
        ran.push(clock.now());
        return new Promise((resolve) => (finish = resolve));
      },
      { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000, leadingMs: 20, clock },
    );
    const settle = async (outcome?: unknown) => {
      finish(outcome);
      await Promise.resolve();
      await Promise.resolve();
    };
    clock.advance(5000);
    s.request(); // a change: audited at once
    clock.advance(20);
    // The audit asks for the whole read that is due (the content script does so during its run): it comes the
    // interval after this audit, and a change of the page comes while it runs (it gives way).
    s.request();
    await settle();
    clock.advance(400);
    expect(ran).toEqual([5020, 5420]);
    clock.advance(200);
    s.request();
    clock.advance(10);
    await settle(UNASKED);
    // The change runs leadingMs after it came, not minIntervalMs after the run the page did not ask for.
    clock.advance(10);
    expect(ran).toEqual([5020, 5420, 5640]);
    await settle();
    // An audit that did its work keeps the interval before the next one.
    s.request();
    clock.advance(399);
    expect(ran.length).toBe(3);
    clock.advance(2);
    expect(ran.length).toBe(4);
    await settle();
    // A run the page did not ask for that went to its end (nothing changed meanwhile): a change 100 ms after it is
    // not held back either.
    clock.advance(2000);
    s.request();
    clock.advance(20);
    expect(ran.length).toBe(5);
    clock.advance(200); // its slices
    await settle(UNASKED);
    clock.advance(100);
    s.request();
    clock.advance(20);
    expect(ran.length).toBe(6);
  });
});

describe('afterNextFrame (where an audit starts)', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('resolves in the task after the next frame, not before it', async () => {
    vi.useFakeTimers();
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
    let resolved = false;
    void afterNextFrame().then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(resolved).toBe(false);
    frames.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(resolved).toBe(true);
  });

  it('resolves after its timeout where no frame comes (a hidden tab)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    let resolved = false;
    void afterNextFrame(100).then(() => (resolved = true));
    await vi.advanceTimersByTimeAsync(99);
    expect(resolved).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toBe(true);
  });

  /** When afterNextFrame() with no timeout resolves, the document's visibility stubbed and no frame coming. */
  const resolvesAt = async (visibilityState: DocumentVisibilityState) => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    vi.stubGlobal('document', { visibilityState });
    let resolvedAt = -1;
    void afterNextFrame().then(() => (resolvedAt = Date.now()));
    const start = Date.now();
    for (let t = 0; t < 2000 && resolvedAt < 0; t += 50) await vi.advanceTimersByTimeAsync(50);
    return resolvedAt - start;
  };

  it("waits up to a second for a visible page's frame: a large page's first layout takes longer than 100 ms", async () => {
    // Starting before it would force that whole layout inside the audit's first slice (a long task of ours).
    expect(await resolvesAt('visible')).toBe(1000);
  });

  it('waits 100 ms in a hidden document, which renders no frames', async () => {
    expect(await resolvesAt('hidden')).toBe(100);
  });
});
