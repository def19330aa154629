import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { ICON_DIR, ICON_PADDING, ICON_SIZES, iconPng } from '../../scripts/icons';
import { ROOT } from '../../scripts/package';

const STORE = path.join(ROOT, 'store');
/** Characters as the stores count them (code points; a trailing newline of the file is not part of the text). */
const length = (text: string) => [...text.replace(/\n+$/, '')].length;
const read = (lang: string, file: string) => readFileSync(path.join(STORE, lang, file), 'utf8');

const LIMITS = { 'short.txt': 132, 'summary.txt': 250, 'description.txt': 16_000 } as const;

describe('store texts', () => {
  const languages = readdirSync(STORE, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

  it('exist in English and Lithuanian, each with every text', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'lt']));
    for (const lang of languages) expect(readdirSync(path.join(STORE, lang)).sort()).toEqual(Object.keys(LIMITS).sort());
  });

  for (const [file, limit] of Object.entries(LIMITS)) {
    it(`${file} is within the stores' ${limit} characters, on one line where the store wants one`, () => {
      for (const lang of languages) {
        const text = read(lang, file);
        expect(length(text), `${lang}/${file}`).toBeGreaterThan(file === 'description.txt' ? 500 : 40);
        expect(length(text), `${lang}/${file}`).toBeLessThanOrEqual(limit);
        if (file !== 'description.txt') expect(text.trim(), `${lang}/${file}`).not.toContain('\n');
      }
    });
  }

  it("the manifest's name and description fit Chrome's limits in every language of the extension", () => {
    for (const lang of readdirSync(path.join(ROOT, 'public/_locales'))) {
      const messages = JSON.parse(readFileSync(path.join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8'));
      expect(length(messages.appName.message), lang).toBeLessThanOrEqual(45);
      expect(length(messages.appDescription.message), lang).toBeLessThanOrEqual(132);
    }
  });
});

describe('icons', () => {
  it('the committed icons are what scripts/icons.ts draws (npm run icons after changing the drawing)', () => {
    for (const size of ICON_SIZES) {
      expect(readFileSync(path.join(ICON_DIR, `icon${size}.png`)).equals(iconPng(size)), `icon${size}.png`).toBe(true);
    }
  });

  it('have their size, and the 128 px store icon keeps 16 px of transparent padding around 96 px of artwork', () => {
    for (const size of ICON_SIZES) {
      const png = PNG.sync.read(readFileSync(path.join(ICON_DIR, `icon${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
      // The bounding box of the opaque pixels.
      let [minX, minY, maxX, maxY]: number[] = [size, size, -1, -1];
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          if (png.data[(y * size + x) * 4 + 3] < 16) continue;
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
      const pad = ICON_PADDING[size];
      expect([minX, minY], `icon${size}`).toEqual([pad, pad]);
      expect([maxX, maxY], `icon${size}`).toEqual([size - 1 - pad, size - 1 - pad]);
    }
    expect(ICON_PADDING[128]).toBe(16);
  });

  it('the manifest names exactly these icons', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
    const expected = Object.fromEntries(ICON_SIZES.map((s) => [String(s), `icons/icon${s}.png`]));
    expect(manifest.icons).toEqual(expected);
  });
});
