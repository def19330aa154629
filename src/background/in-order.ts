/**
 * Work that must happen in arrival order per key (per tab): a frame's snapshot awaits storage before it is judged,
 * and a snapshot that arrives later (the next page of the tab) must not overtake it — else the old page's snapshot
 * lands last and the tab's report stays on a page that is gone.
 */
export class InOrder<K> {
  private readonly tails = new Map<K, Promise<void>>();

  /** Runs `task` after every task queued before it for `key`; a task that throws does not stop the ones after it. */
  run(key: K, task: () => Promise<void> | void): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const done = previous.then(task).catch((error: unknown) => {
      console.error('WYSIWYS Auditor:', error);
    });
    this.tails.set(key, done);
    void done.then(() => {
      if (this.tails.get(key) === done) this.tails.delete(key);
    });
    return done;
  }

  /** Keys with work queued or running (for tests). */
  get busy(): number {
    return this.tails.size;
  }
}
