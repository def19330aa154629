import { describe, expect, it, vi } from 'vitest';
import { InOrder } from '../../src/background/in-order';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('InOrder', () => {
  it('runs a later task of the same key after an earlier one that awaits longer (a page cannot overtake the one before)', async () => {
    const queue = new InOrder<number>();
    const applied: string[] = [];
    const first = queue.run(1, async () => {
      await later(30);
      applied.push('old page');
    });
    const second = queue.run(1, () => {
      applied.push('new page');
    });
    await Promise.all([first, second]);
    expect(applied).toEqual(['old page', 'new page']);
  });

  it('does not hold one key behind another', async () => {
    const queue = new InOrder<number>();
    const applied: string[] = [];
    const slow = queue.run(1, async () => {
      await later(30);
      applied.push('tab 1');
    });
    await queue.run(2, () => {
      applied.push('tab 2');
    });
    expect(applied).toEqual(['tab 2']);
    await slow;
    expect(applied).toEqual(['tab 2', 'tab 1']);
  });

  it('goes on after a task that throws, and forgets a key once its work is done', async () => {
    const queue = new InOrder<string>();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ran: number[] = [];
    void queue.run('t', () => {
      throw new Error('broken snapshot');
    });
    await queue.run('t', () => {
      ran.push(2);
    });
    expect(ran).toEqual([2]);
    expect(error).toHaveBeenCalledTimes(1);
    await later(0);
    expect(queue.busy).toBe(0);
    error.mockRestore();
  });
});
