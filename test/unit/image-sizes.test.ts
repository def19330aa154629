import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImageSizes } from '../../src/audit/gather/image-sizes';

/** A decoded <img> of the page, as the DOM shows it. */
const img = (src: string, w: number, h: number, complete = true) =>
  ({ src, currentSrc: src, naturalWidth: w, naturalHeight: h, complete }) as HTMLImageElement;

describe('background image sizes without requests', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the size of a URL the page shows as a decoded <img>, and loads nothing else', () => {
    const loads: string[] = [];
    // Any image load would go through this constructor: record its src.
    vi.stubGlobal(
      'Image',
      class {
        set src(v: string) {
          loads.push(v);
        }
      },
    );
    const images = [img('https://cdn.example/logo.png', 240, 80), img('https://cdn.example/pending.png', 0, 0, false)];
    const sizes = new ImageSizes(() => undefined, 200, { images: () => images });
    expect(sizes.get('https://cdn.example/logo.png')).toEqual({ w: 240, h: 80 });
    expect(sizes.get('https://cdn.example/pending.png')).toBeUndefined();
    expect(sizes.get('https://third-party.example/hidden.png')).toBeUndefined();
    expect(sizes.get('blob:https://site.example/1234')).toBeUndefined();
    expect(loads).toEqual([]);
  });

  it('decodes a data: URL in memory (its bytes are in the URL) and asks for a re-audit when done', async () => {
    const loads: string[] = [];
    vi.stubGlobal(
      'Image',
      class {
        naturalWidth = 120;
        naturalHeight = 40;
        onload?: () => void;
        set src(v: string) {
          loads.push(v);
          queueMicrotask(() => this.onload?.());
        }
      },
    );
    let reaudits = 0;
    const sizes = new ImageSizes(() => reaudits++, 200, { images: () => [] });
    const url = 'data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"/>';
    expect(sizes.get(url)).toBeUndefined();
    await sizes.settled();
    expect(sizes.get(url)).toEqual({ w: 120, h: 40 });
    expect(loads).toEqual([url]);
    expect(reaudits).toBe(1);
  });

  it('asks for a re-audit when an <img> showing a URL it was asked for finishes loading', () => {
    const target = new EventTarget();
    let reaudits = 0;
    const late = img('https://site.example/late.png', 0, 0, false);
    const sizes = new ImageSizes(() => reaudits++, 200, { images: () => [late], loadTarget: target });
    expect(sizes.get('https://site.example/late.png')).toBeUndefined();
    Object.assign(late, { naturalWidth: 64, naturalHeight: 64, complete: true, localName: 'img' });
    const event = new Event('load');
    Object.defineProperty(event, 'target', { value: late });
    target.dispatchEvent(event);
    expect(reaudits).toBe(1);
  });
});
