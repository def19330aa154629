/**
 * Progress on stderr: a line per page or step with its elapsed time, a countdown while observing (rewritten in
 * place on a terminal, a line at most every 5 s in a CI log), no colour outside a terminal, nothing when quiet.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, LOG_COUNTDOWN_EVERY_MS } from '../../src/cli/progress';

function sink() {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      writes.push(String(chunk));
      done();
    },
  });
  return { stream, writes, text: () => writes.join('') };
}

/** A 12 s observation reported once a second, the way the audit reports it. */
function observeTwelveSeconds(progress: ReturnType<typeof createProgress>, clock: { now: number }, label: string) {
  for (let s = 0; s <= 12; s++) {
    clock.now = 1000 * s;
    progress.observing(label, 40_000 - 1000 * s, 40_000);
  }
}

const LABEL = 'demo sign › phone step (390x844, lt)';

describe('progress', () => {
  it('in a CI log: a line per begin and end, a countdown line at most every 5 s, no ANSI codes', () => {
    const out = sink();
    const clock = { now: 0 };
    const progress = createProgress({ stream: out.stream, isTTY: false, quiet: false, now: () => clock.now });
    progress.begin(LABEL);
    observeTwelveSeconds(progress, clock, LABEL);
    progress.end(LABEL, 4210, '1 fail · 8 pass');
    progress.end('https://staging.example.lt/missing', 812, 'could not load: HTTP 404');

    const lines = out.text().split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual([
      `… ${LABEL}`,
      `  observing ${LABEL}: 40 s left of 40 s`,
      `  observing ${LABEL}: 35 s left of 40 s`,
      `  observing ${LABEL}: 30 s left of 40 s`,
      `✓ 4.2 s  ${LABEL} — 1 fail · 8 pass`,
      '✗ 0.8 s  https://staging.example.lt/missing — could not load: HTTP 404',
    ]);
    expect(LOG_COUNTDOWN_EVERY_MS).toBe(5000);
    expect(out.text()).not.toContain('\u001b');
    expect(out.text()).not.toContain('\r');
  });

  it('on a terminal: the step and its countdown rewrite one line, each end is a coloured line of its own', () => {
    const out = sink();
    const clock = { now: 0 };
    const progress = createProgress({ stream: out.stream, isTTY: true, quiet: false, now: () => clock.now });
    progress.begin(LABEL);
    observeTwelveSeconds(progress, clock, LABEL);
    progress.end(LABEL, 4210, '1 fail · 8 pass');

    // Every countdown tick is shown (in place): 13 rewrites, none ending a line.
    const ticks = out.writes.filter((w) => w.includes('left of'));
    expect(ticks).toHaveLength(13);
    expect(ticks.every((w) => w.startsWith('\r\u001b[2K') && !w.includes('\n'))).toBe(true);
    expect(ticks.at(-1)).toContain('28 s left of 40 s');
    // The end clears the transient line and leaves exactly one line behind.
    const text = out.text();
    expect(text.split('\n')).toHaveLength(2);
    const last = text.slice(text.lastIndexOf('\r\u001b[2K') + '\r\u001b[2K'.length);
    expect(last).toBe(`\u001b[32m✓\u001b[0m 4.2 s  ${LABEL} — 1 fail · 8 pass\n`);
  });

  it('keeps control characters of page text (an error message, a URL) off the terminal', () => {
    const out = sink();
    const progress = createProgress({ stream: out.stream, isTTY: true, quiet: false });
    progress.end('https://x.test/\u001b]0;title\u0007', 100, 'could not load: \u001b[2Jcleared\nsecond line');
    expect(out.text()).toBe('\u001b[31m✗\u001b[0m 0.1 s  https://x.test/]0;title — could not load: [2Jcleared second line\n');
  });

  it('says nothing at all when quiet', () => {
    const out = sink();
    for (const isTTY of [true, false]) {
      const progress = createProgress({ stream: out.stream, isTTY, quiet: true });
      progress.begin(LABEL);
      progress.observing(LABEL, 3000, 40_000);
      progress.end(LABEL, 100, 'could not load: timeout');
    }
    expect(out.writes).toEqual([]);
  });
});
