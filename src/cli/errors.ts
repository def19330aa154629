/** Errors the CLI reports with exit code 2 and a clear message: bad usage, or a page that cannot be loaded. */
export class UsageError extends Error {}
export class LoadError extends Error {}
