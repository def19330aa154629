/**
 * Progress of a run on stderr: one line per page or flow step when it ends, with its elapsed time
 * ("✓ 4.2 s  demo sign › phone step — 1 fail · 8 pass"), and a countdown while a page is observed. On a terminal
 * the current step and its countdown share one line, rewritten in place; in a CI log (not a TTY) each begin is a
 * line and the countdown is a line at most every 5 s, with no ANSI codes. `--quiet` writes nothing at all.
 */
import { stripControl } from './outputs/common';
import type { Progress } from './run';
import { SILENT } from './run';

export interface ProgressOptions {
  stream: NodeJS.WritableStream;
  isTTY: boolean;
  quiet: boolean;
  /** The clock the countdown lines are spaced by (tests). */
  now?: () => number;
}

/** Countdown lines in a log (not a TTY) are at least this far apart. */
export const LOG_COUNTDOWN_EVERY_MS = 5000;

/** Outcomes worded as a failure to audit ("could not load: …", "failed: …", "error: …") get ✗; anything else ✓ (done). */
const NOT_AUDITED = /^(could not|cannot|failed|error|crash|timed out|no report)/i;

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
const wholeSeconds = (ms: number) => `${Math.max(0, Math.ceil(ms / 1000))} s`;

export function createProgress(options: ProgressOptions): Progress {
  if (options.quiet) return SILENT;
  const { stream, isTTY } = options;
  const now = options.now ?? Date.now;
  const colour = (code: number, text: string) => (isTTY ? `\u001b[${code}m${text}\u001b[0m` : text);
  // On a TTY: whether the cursor sits on a transient line (the current step or its countdown) to rewrite.
  let transient = false;
  const lastCountdown = new Map<string, number>();

  // Labels and outcomes may carry page text (a URL, an error message): control characters never reach the terminal.
  const line = (text: string) => {
    if (isTTY && transient) stream.write('\r\u001b[2K');
    transient = false;
    stream.write(`${text}\n`);
  };
  const status = (text: string) => {
    stream.write(`\r\u001b[2K${text}`);
    transient = true;
  };
  const clean = (text: string) => stripControl(text).replace(/[\r\n]+/g, ' ');

  return {
    begin(rawLabel) {
      const label = clean(rawLabel);
      lastCountdown.delete(label);
      if (isTTY) status(`${colour(90, '…')} ${label}`);
      else line(`… ${label}`);
    },
    observing(rawLabel, remainingMs, totalMs) {
      const label = clean(rawLabel);
      const text = `observing ${label}: ${wholeSeconds(remainingMs)} left of ${wholeSeconds(totalMs)}`;
      if (isTTY) {
        status(`${colour(90, '⏳')} ${text}`);
        return;
      }
      const at = now();
      const last = lastCountdown.get(label);
      if (last !== undefined && at - last < LOG_COUNTDOWN_EVERY_MS) return;
      lastCountdown.set(label, at);
      line(`  ${text}`);
    },
    end(rawLabel, elapsedMs, rawOutcome) {
      const label = clean(rawLabel);
      const outcome = clean(rawOutcome);
      lastCountdown.delete(label);
      const failed = NOT_AUDITED.test(outcome.trim());
      const mark = failed ? colour(31, '✗') : colour(32, '✓');
      line(`${mark} ${seconds(elapsedMs)}  ${label}${outcome ? ` — ${outcome}` : ''}`);
    },
  };
}
