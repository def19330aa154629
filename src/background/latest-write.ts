/**
 * Writes that only need their latest value to land (a tab's report in storage, its badge), per key, without anyone
 * waiting for them: while one write is under way, only the newest value waits and is written next. A burst of
 * judgements writes the first and the last report, never a stale one after a newer, and holds none of them up.
 * A write starts in a task of its own, not in the one that set the value: serialising a large page's report for
 * storage takes several ms, which would otherwise hold back the judgement's verdict (and the next snapshot waiting
 * to be judged), and values set in the same task are written once.
 */
export class LatestWrite<K, V> {
  private readonly waiting = new Map<K, V>();
  private readonly writing = new Set<K>();

  constructor(private readonly write: (key: K, value: V) => Promise<void>) {}

  /** Queues `value` for `key`, replacing any value not yet written; writes it in a later task unless a write is under way. */
  set(key: K, value: V): void {
    this.waiting.set(key, value);
    if (this.writing.has(key)) return;
    this.writing.add(key);
    setTimeout(() => void this.drain(key), 0);
  }

  /** Forgets the value still waiting for `key` (its stored copy is being removed: nothing may bring it back). */
  drop(key: K): void {
    this.waiting.delete(key);
  }

  /** Keys with a write under way (for tests). */
  get busy(): number {
    return this.writing.size;
  }

  private async drain(key: K): Promise<void> {
    try {
      for (let next = this.waiting.get(key); next !== undefined; next = this.waiting.get(key)) {
        this.waiting.delete(key);
        await this.write(key, next).catch((error: unknown) => console.error('WYSIWYS Auditor:', error));
      }
    } finally {
      this.writing.delete(key);
    }
  }
}
