/** Waiting for the browser's next rendered frame: shared by the content script and the popup. */
/**
 * Resolves once the browser has rendered the next frame (or after `timeoutMs` where no frame comes: a hidden tab
 * renders none). An audit that starts there reads style and layout the browser has just computed for the page's
 * change, instead of forcing that work early inside the audit's own first slice. A visible page is given longer: its
 * frame comes, but a large page's first one can take over 100 ms to lay out (a 100k page's did), and starting before
 * it made that whole layout one long task of the audit's.
 */
export function afterNextFrame(timeoutMs = globalThis.document?.visibilityState === 'hidden' ? 100 : 1000): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    requestAnimationFrame(() =>
      // rAF runs before the frame's style and layout: the next task runs after them.
      setTimeout(() => {
        clearTimeout(timer);
        finish();
      }, 0),
    );
  });
}
