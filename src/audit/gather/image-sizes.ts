/**
 * Natural sizes of CSS background images, which the DOM does not expose. The first gather asks; the image (already
 * in the page's cache) is decoded off the walk, and `onLoaded` asks for a re-audit once its size is known.
 */
export class ImageSizes {
  private sizes = new Map<string, { w: number; h: number } | null>();
  private pending = new Map<string, Promise<void>>();

  constructor(private readonly onLoaded: () => void = () => undefined, private readonly limit = 200) {}

  /** The size when known; otherwise starts loading it and returns undefined. */
  get = (url: string): { w: number; h: number } | undefined => {
    const known = this.sizes.get(url);
    if (known !== undefined) return known ?? undefined;
    if (!this.pending.has(url) && this.pending.size + this.sizes.size < this.limit && typeof Image === 'function') {
      this.pending.set(url, new Promise<void>((resolve) => {
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
      }));
    }
    return undefined;
  };

  /** Resolves when every image asked for so far has loaded (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all(this.pending.values());
  }
}
