/**
 * Re-audit scheduling for live pages: debounced (quiet for `debounceMs`), but never later than `maxWaitMs` after
 * the first request, and never more often than every `minIntervalMs` — a page that mutates on every animation
 * frame costs at most a few audits per second.
 */
export interface SchedulerOptions {
  debounceMs: number;
  minIntervalMs: number;
  maxWaitMs: number;
  /** Injected clock and timers, for tests. */
  clock?: { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

export interface Scheduler {
  /** The page changed: run soon. */
  request(): void;
  /** Run as soon as the rate limit allows. */
  now(): void;
  cancel(): void;
}

export function createScheduler(run: () => void, options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? {
    now: () => performance.now(),
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  let timer: unknown = null;
  let firstRequest = -1;
  let lastRun = -Infinity;

  const fire = () => {
    timer = null;
    firstRequest = -1;
    lastRun = clock.now();
    run();
  };
  const arm = (delay: number) => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(fire, Math.max(0, delay));
  };
  return {
    request() {
      const t = clock.now();
      if (firstRequest < 0) firstRequest = t;
      const quiet = t + options.debounceMs;
      const deadline = firstRequest + options.maxWaitMs;
      const earliest = lastRun + options.minIntervalMs;
      arm(Math.max(Math.min(quiet, deadline), earliest) - t);
    },
    now() {
      const t = clock.now();
      if (firstRequest < 0) firstRequest = t;
      arm(lastRun + options.minIntervalMs - t);
    },
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      firstRequest = -1;
    },
  };
}
