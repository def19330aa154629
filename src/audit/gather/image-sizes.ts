/**
 * Natural sizes of CSS background images, which the DOM does not expose, read only from what the page already has:
 * the auditor causes no requests (not even ones a cache might answer: a cache-only fetch still reaches the page's
 * network timeline, webRequest and DevTools, and an image load may go to the network whatever the cache holds).
 *  - an <img> of the page showing the same URL, once it has decoded (its naturalWidth, no load of ours);
 *  - a data: URL, whose bytes are in the URL itself: decoded in memory, no request;
 *  - anything else (a background image no <img> shows, a blob: URL of the page) stays unknown, and brand-logo says
 *    "size unknown" (needs review) instead of loading it.
 * The page's resource timing would say whether the page fetched an image, but not its size, so it is not read.
 * When an <img> with a URL asked for finishes loading later, `onLoaded` asks for a re-audit.
 */
export interface ImageSource {
  /** The page's <img> elements (the document's, and shadow roots' the caller knows of). */
  images(): Iterable<HTMLImageElement>;
  /** Where a later <img> load is heard (capture phase: load does not bubble); absent outside a page. */
  loadTarget?: EventTarget;
}

const documentSource = (): ImageSource | undefined =>
  typeof document === 'undefined' ? undefined : { images: () => Array.from(document.images), loadTarget: document };

export class ImageSizes {
  private sizes = new Map<string, { w: number; h: number } | null>();
  private pending = new Map<string, Promise<void>>();
  /** URLs asked for that no decoded <img> showed yet. */
  private waiting = new Set<string>();
  private shown?: Map<string, { w: number; h: number }>;
  private listening = false;

  constructor(
    private readonly onLoaded: () => void = () => undefined,
    private readonly limit = 200,
    private readonly source: ImageSource | undefined = documentSource(),
  ) {}

  /** The size when known; a data: URL starts decoding (in memory) and returns undefined until it is done. */
  get = (url: string): { w: number; h: number } | undefined => {
    const known = this.sizes.get(url);
    if (known !== undefined) return known ?? undefined;
    if (url.startsWith('data:')) return this.decodeDataUrl(url);
    const size = this.shownImages().get(url);
    if (size) {
      this.sizes.set(url, size);
      this.waiting.delete(url);
      return size;
    }
    if (this.waiting.size < this.limit) this.waiting.add(url);
    this.listen();
    return undefined;
  };

  /** Resolves when every data: URL asked for so far has decoded (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending.values());
  }

  /** Decoded <img> sizes by URL, read once per task (one gather asks for many URLs). */
  private shownImages(): Map<string, { w: number; h: number }> {
    if (this.shown) return this.shown;
    const shown = new Map<string, { w: number; h: number }>();
    for (const img of this.source?.images() ?? []) {
      if (!img.complete || !img.naturalWidth) continue;
      const size = { w: img.naturalWidth, h: img.naturalHeight };
      for (const u of [img.currentSrc, img.src]) if (u && !shown.has(u)) shown.set(u, size);
    }
    this.shown = shown;
    queueMicrotask(() => (this.shown = undefined));
    return shown;
  }

  private listen(): void {
    if (this.listening || !this.source?.loadTarget) return;
    this.listening = true;
    this.source.loadTarget.addEventListener(
      'load',
      (event) => {
        const img = event.target as HTMLImageElement | null;
        if (img?.localName !== 'img' || !this.waiting.size) return;
        if (this.waiting.has(img.currentSrc) || this.waiting.has(img.src)) this.onLoaded();
      },
      { capture: true, passive: true },
    );
  }

  private decodeDataUrl(url: string): undefined {
    if (this.pending.has(url) || this.pending.size + this.sizes.size >= this.limit || typeof Image !== 'function') return undefined;
    this.pending.set(
      url,
      new Promise<void>((resolve) => {
        // A data: URL carries its bytes: decoding it reads memory, not the network.
        const img = new Image();
        const done = (size: { w: number; h: number } | null) => {
          this.sizes.set(url, size);
          this.pending.delete(url);
          resolve();
          this.onLoaded();
        };
        img.onload = () => done(img.naturalWidth ? { w: img.naturalWidth, h: img.naturalHeight } : null);
        img.onerror = () => done(null);
        img.src = url;
      }),
    );
    return undefined;
  }
}
