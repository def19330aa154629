/**
 * The background's report writes (src/background/latest-write.ts): a tab's judgement never waits for storage (not
 * even for the report's serialisation, which runs in a later task), and what storage ends with is the newest report,
 * never an older one written after it or one written after removal.
 */
import { describe, expect, it } from 'vitest';
import { LatestWrite } from '../../src/background/latest-write';

/** Lets every settled promise run its continuations. */
const settle = () => new Promise((r) => setTimeout(r, 0));

/** A store whose writes finish only when the test says so (`finish`), recording what was written in order. */
function gatedStore(failFirst = false) {
  const written: string[] = [];
  const started: string[] = [];
  const gates: (() => void)[] = [];
  let fail = failFirst;
  const writes = new LatestWrite<number, string>((key, value) => {
    started.push(`${key}:${value}`);
    return new Promise<void>((resolve, reject) =>
      gates.push(() => {
        if (fail) {
          fail = false;
          reject(new Error('quota'));
          return;
        }
        written.push(`${key}:${value}`);
        resolve();
      }),
    );
  });
  const finish = async () => {
    gates.shift()?.();
    await settle();
  };
  return { written, started, writes, finish };
}

describe('LatestWrite', () => {
  it('starts no write in the task that set the value, and writes only the newest of the values set in it', async () => {
    const { written, started, writes, finish } = gatedStore();
    writes.set(1, 'a');
    writes.set(1, 'b');
    expect(started).toEqual([]);
    expect(writes.busy).toBe(1);
    await settle();
    expect(started).toEqual(['1:b']);
    await finish();
    expect(written).toEqual(['1:b']);
    expect(writes.busy).toBe(0);
  });

  it('during a write, keeps only the newest of the values that came meanwhile', async () => {
    const { written, started, writes, finish } = gatedStore();
    writes.set(1, 'a');
    await settle();
    writes.set(1, 'b');
    writes.set(1, 'c');
    expect(started).toEqual(['1:a']);
    expect(writes.busy).toBe(1);
    await finish();
    expect(started).toEqual(['1:a', '1:c']);
    await finish();
    expect(written).toEqual(['1:a', '1:c']);
    expect(writes.busy).toBe(0);
  });

  it('writes each key on its own: a slow tab does not hold another back', async () => {
    const { started, writes } = gatedStore();
    writes.set(1, 'a');
    writes.set(2, 'x');
    await settle();
    expect(started).toEqual(['1:a', '2:x']);
  });

  it('never writes a value dropped before its turn (the stored copy is being removed)', async () => {
    const { written, writes, finish } = gatedStore();
    writes.set(1, 'dropped at once');
    writes.drop(1);
    await settle();
    expect(writes.busy).toBe(0);
    writes.set(1, 'a');
    await settle();
    writes.set(1, 'b');
    writes.drop(1);
    await finish();
    expect(written).toEqual(['1:a']);
    expect(writes.busy).toBe(0);
    writes.set(1, 'after');
    await settle();
    await finish();
    expect(written).toEqual(['1:a', '1:after']);
  });

  it('goes on after a write that fails', async () => {
    const { written, writes, finish } = gatedStore(true);
    const error = console.error;
    const logged: unknown[] = [];
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      writes.set(1, 'a');
      await settle();
      writes.set(1, 'b');
      await finish();
      await finish();
    } finally {
      console.error = error;
    }
    expect(written).toEqual(['1:b']);
    expect(logged).toHaveLength(1);
    expect(writes.busy).toBe(0);
  });
});
