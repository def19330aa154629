/** Errors the CLI reports clearly: bad usage or config (exit 2), and a page that could not be audited (a problem in the results). */
export class UsageError extends Error {}

/** A page the run could not audit: it did not load (`load`), or the extension produced no report there (`no-report`). */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly kind: 'load' | 'no-report' = 'load',
    /** The page's address when it happened, if a page was open. */
    readonly pageUrl?: string,
  ) {
    super(message);
  }
}
