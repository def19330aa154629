/**
 * Re-audit scheduling for live pages: debounced (quiet for `debounceMs`; with `leadingMs`, the first change after a
 * quiet spell runs at once), but never later than `maxWaitMs` after
 * the first request, and never sooner than `minIntervalMs` after the previous audit ended — a page that mutates on
 * every animation frame costs at most a few audits per second, and a storm of changes (a text node rewritten by
 * setInterval(…, 0), attribute or pushState storms) delays an audit by at most `maxWaitMs` (or `minIntervalMs` after
 * an audit still running when the storm began), never starves it.
 */
export interface SchedulerOptions {
  debounceMs: number;
  minIntervalMs: number;
  maxWaitMs: number;
  /**
   * A change after a quiet spell (no request for `debounceMs`) runs after only this long: the user waits for the
   * verdict on the first change, not for the debounce; a burst that follows is debounced as usual, and the
   * interval still holds. Absent: every change is debounced.
   */
  leadingMs?: number;
  /** Injected clock and timers, for tests. */
  clock?: { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

export interface Scheduler {
  /** The page changed: run soon. */
  request(): void;
  /** Run as soon as the rate limit allows; later requests do not postpone it. */
  now(): void;
  cancel(): void;
}

/**
 * What an asynchronous run resolves to when the page did not ask for it (the content script's whole read that is due
 * every few seconds, which gives way to the page's changes): it does not hold the next run back by `minIntervalMs`,
 * so a change of the page right after it is judged at once. A page that changes all the time never leaves room for
 * such a run, so it cannot raise the rate of audits beyond one every few seconds.
 */
export const UNASKED = 'unasked';

/**
 * The content script's timing of live re-audits. The first change after a quiet spell (a code shown, a button
 * disabled) is judged at once: the audit still waits for the frame that paints it (afterNextFrame), so the rest of the
 * render in that frame is read with it, and no timer adds its delay to the verdict. The changes of a longer render
 * that follow are debounced and judged again once they settle; a page that mutates every frame gets at most a few
 * audits per second.
 */
export const LIVE_SCHEDULE: SchedulerOptions = { debounceMs: 150, minIntervalMs: 400, maxWaitMs: 1000, leadingMs: 0 };

export function createScheduler(run: () => unknown, options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? {
    now: () => performance.now(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  let timer: unknown = null;
  /** When the armed timer is due. */
  let timerAt = -1;
  let firstRequest = -1;
  let urgent = false;
  /** The pending run answers a change after a quiet spell (see leadingMs). */
  let leading = false;
  let lastRequest = -Infinity;
  /** When the previous run ended: the interval is the page's breathing room, so a slow audit is not followed at once. */
  let lastEnd = -Infinity;
  let running = false;

  const settled = (outcome?: unknown) => {
    running = false;
    if (outcome !== UNASKED) lastEnd = clock.now();
    // A request made while the run was going on (the run's own mutations, or the page's) was armed against the
    // previous end: re-arm it against this one.
    if (firstRequest >= 0) schedule();
  };
  const fire = () => {
    timer = null;
    firstRequest = -1;
    urgent = false;
    leading = false;
    running = true;
    let result: unknown;
    try {
      result = run();
    } catch (error) {
      settled();
      throw error;
    }
    // An asynchronous run (a gather in slices) holds the next one until it has settled.
    if (result instanceof Promise) result.then(settled, () => settled());
    else settled();
  };
  const arm = (at: number) => {
    // Same due time as the armed timer: keep it. Re-arming would restart the browser's minimum delay (4 ms for
    // nested timers) on every mutation, and a storm that mutates every 4 ms would push a due audit back forever.
    if (timer !== null && at === timerAt) return;
    if (timer !== null) clock.clearTimeout(timer);
    timerAt = at;
    timer = clock.setTimeout(fire, Math.max(0, at - clock.now()));
  };
  const schedule = () => {
    const t = clock.now();
    const earliest = lastEnd + options.minIntervalMs;
    // Quiet for debounceMs, but no later than maxWaitMs after the first request (or at once when asked to run now).
    // Asked to run now, the due time is fixed (the first request not yet served), not each later call's time: a
    // moving due time re-arms the timer on every mutation of a storm, and the page's next mutation always comes
    // before a re-armed (nested, so clamped) timer — the first audit after injection would never run.
    const wanted = urgent
      ? firstRequest
      : leading
        ? firstRequest + (options.leadingMs ?? 0)
        : Math.min(t + options.debounceMs, firstRequest + options.maxWaitMs);
    const at = Math.max(wanted, earliest);
    // Inside a run the timer is armed after it ends (see fire).
    if (!running) arm(at);
  };
  return {
    request() {
      const t = clock.now();
      const quiet = t - lastRequest >= options.debounceMs;
      lastRequest = t;
      if (firstRequest < 0) {
        firstRequest = t;
        leading = quiet && options.leadingMs !== undefined;
      }
      schedule();
    },
    now() {
      if (firstRequest < 0) firstRequest = clock.now();
      urgent = true;
      schedule();
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      firstRequest = -1;
      urgent = false;
      leading = false;
    },
  };
}
