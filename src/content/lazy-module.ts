/**
 * A module the content script imports only the first time it is needed (the on-page panel, the highlight
 * outlines): until then it costs the frame nothing. Each is built as one self-contained file (vite.config.ts) that is
 * web-accessible by this session's dynamic URL only, so no page can probe for it.
 */
export class LazyModule<M> {
  private module: M | null = null;
  private loading: Promise<M | null> | null = null;

  constructor(
    private readonly file: string,
    private readonly onLoad: (module: M) => void = () => undefined,
  ) {}

  /** The module once loaded, else null (never waits). */
  get loaded(): M | null {
    return this.module;
  }

  load(): Promise<M | null> {
    this.loading ??= import(/* @vite-ignore */ chrome.runtime.getURL(this.file)).then(
      (module: M) => {
        this.onLoad(module);
        this.module = module;
        return module;
      },
      // Not loaded (the extension was reloaded or removed under the page): the next call tries again.
      () => {
        this.loading = null;
        return null;
      },
    );
    return this.loading;
  }
}
