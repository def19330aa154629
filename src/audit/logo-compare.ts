/**
 * Perceptual comparison of page logos with the official logo files a reviewer loads on the options page:
 * a difference hash (dHash, 64 bits) of each image drawn over white, compared by Hamming distance. The background
 * hashes what the page shows and passes the comparisons in with the snapshot (PageSnapshot.logoComparisons); the
 * brand-logo rule judges them: a page logo far from every official file of its brand is "needs review" with both
 * pictures, never a fail on its own.
 */

/** Above this many differing bits (of 64) a logo is not the official one. */
export const LOGO_HASH_THRESHOLD = 12;

export interface OfficialLogo {
  brand: 'smart-id' | 'mobile-id';
  name: string;
  dataUrl: string;
  hash: string;
}

export interface LogoComparison {
  /** JSON of the logo finding's target (the element the background took the picture of). */
  target: string;
  hash: string;
  picture: string;
  closest?: { name: string; distance: number; dataUrl: string };
}

/** dHash of a 9×8 RGBA pixel block (already scaled down): 64 bits as 16 hex digits. */
export function dHash(rgba: Uint8ClampedArray | number[], width = 9, height = 8): string {
  const grey: number[] = [];
  for (let i = 0; i < width * height; i++) {
    const a = rgba[i * 4 + 3] / 255;
    // Over white, so transparent logo files and screenshots compare alike.
    const over = (c: number) => c * a + 255 * (1 - a);
    grey.push(0.299 * over(rgba[i * 4]) + 0.587 * over(rgba[i * 4 + 1]) + 0.114 * over(rgba[i * 4 + 2]));
  }
  let bits = '';
  for (let y = 0; y < height; y++) for (let x = 0; x < width - 1; x++) bits += grey[y * width + x] > grey[y * width + x + 1] ? '1' : '0';
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex;
}

export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    let x = parseInt(a[i], 16) ^ parseInt(b[i], 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d + Math.abs(a.length - b.length) * 4;
}

export function closestOfficial(hash: string, brand: OfficialLogo['brand'], logos: OfficialLogo[]) {
  let best: { name: string; distance: number; dataUrl: string } | undefined;
  for (const l of logos) {
    if (l.brand !== brand) continue;
    const distance = hammingDistance(hash, l.hash);
    if (!best || distance < best.distance) best = { name: l.name, distance, dataUrl: l.dataUrl };
  }
  return best;
}
