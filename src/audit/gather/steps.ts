/**
 * Work written as steps (a generator that yields where it may pause) and the two ways to run it: to the end in one
 * go, or inside another walk's steps, pausing only when that walk's slice is used up.
 */

/** Runs `steps` to the end at once and returns what it returns. */
export function finishSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `steps` inside another generator: passes a pause on only when `due()` says the slice is spent. */
export function* pacedSteps<T>(steps: Generator<void, T>, due: () => boolean): Generator<void, T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (due()) yield;
  }
}
