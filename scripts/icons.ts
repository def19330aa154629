/**
 * `npm run icons`: the extension's icons (public/icons/icon16/32/48/128.png), drawn from a few shapes: a document
 * with a folded corner and a check mark over it, on a rounded square. Every straight edge lies on a 16-unit grid,
 * so it falls on whole pixels at 16, 32, 48 and 96 px (clean at 16 px); the rest is anti-aliased by supersampling.
 * The 128 px icon is what the stores show: 96 × 96 artwork centred in a transparent 128 × 128 canvas (Chrome Web
 * Store's padding); the toolbar sizes use the whole canvas.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

export const ICON_SIZES = [16, 32, 48, 128] as const;
/** Transparent margin of each size, in pixels (the store icon's 16 px on each side). */
export const ICON_PADDING: Record<number, number> = { 16: 0, 32: 0, 48: 0, 128: 16 };
export const ICON_DIR = path.resolve(import.meta.dirname, '../public/icons');

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [150, 0, 80]; // the magenta of the first icons, kept so users recognise the button
const PAPER: Rgb = [255, 255, 255];
const FOLD: Rgb = [246, 200, 222];
const LINES: Rgb = [196, 160, 180];
const CHECK: Rgb = [19, 128, 56];

// Geometry in grid units (0..16).
const GRID = 16;
const CORNER_RADIUS = 3;
const DOC = { left: 3, top: 2, right: 12, bottom: 14, fold: 3 };
const CHECK_POINTS: [number, number][] = [
  [5.5, 9.5],
  [7.75, 11.75],
  [13, 6.5],
];
const CHECK_WIDTH = 1.9;
/** Around the check, the background's colour, so the tick stands off the paper's edge. */
const CHECK_HALO = 1.2;

function inRoundedSquare(x: number, y: number): boolean {
  const r = CORNER_RADIUS;
  const cx = Math.min(Math.max(x, r), GRID - r);
  const cy = Math.min(Math.max(y, r), GRID - r);
  return x >= 0 && y >= 0 && x <= GRID && y <= GRID && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inDocument(x: number, y: number): boolean {
  const { left, top, right, bottom, fold } = DOC;
  // The top-right corner is cut off along the fold's diagonal.
  return x >= left && x <= right && y >= top && y <= bottom && x - (right - fold) <= y - top;
}

function inFold(x: number, y: number): boolean {
  const { right, top, fold } = DOC;
  return x >= right - fold && x <= right && y >= top && y <= top + fold && x - (right - fold) >= y - top;
}

function distanceToSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}

function distanceToCheck(x: number, y: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < CHECK_POINTS.length; i++) best = Math.min(best, distanceToSegment(x, y, CHECK_POINTS[i - 1], CHECK_POINTS[i]));
  return best;
}

/** Text lines on the paper: only where there are pixels enough to draw them (at 16 px they would be noise). */
function inTextLine(x: number, y: number, pixelsPerUnit: number): boolean {
  if (pixelsPerUnit < 2) return false;
  const h = 0.5;
  return (y >= 5 && y < 5 + h && x >= 4.5 && x <= 8.5) || (y >= 7 && y < 7 + h && x >= 4.5 && x <= 10.5);
}

/** The colour at a point of the artwork, or undefined outside it. */
function paint(x: number, y: number, pixelsPerUnit: number): Rgb | undefined {
  if (!inRoundedSquare(x, y)) return undefined;
  const toCheck = distanceToCheck(x, y);
  if (toCheck <= CHECK_WIDTH / 2) return CHECK;
  if (toCheck <= CHECK_WIDTH / 2 + CHECK_HALO / 2 && !inDocument(x, y)) return BACKGROUND;
  if (inFold(x, y)) return FOLD;
  if (inDocument(x, y)) return inTextLine(x, y, pixelsPerUnit) ? LINES : PAPER;
  return BACKGROUND;
}

const SAMPLES = 8;

export function drawIcon(size: number): PNG {
  const padding = ICON_PADDING[size] ?? 0;
  const art = size - 2 * padding;
  const unit = GRID / art;
  const png = new PNG({ width: size, height: size });
  png.data.fill(0);
  for (let py = 0; py < art; py++) {
    for (let px = 0; px < art; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = paint((px + (sx + 0.5) / SAMPLES) * unit, (py + (sy + 0.5) / SAMPLES) * unit, art / GRID);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      if (!covered) continue;
      const o = ((py + padding) * size + px + padding) * 4;
      png.data[o] = Math.round(r / covered);
      png.data[o + 1] = Math.round(g / covered);
      png.data[o + 2] = Math.round(b / covered);
      png.data[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return png;
}

/** The PNG bytes (pngjs writes the same bytes for the same pixels: no timestamps, fixed compression). */
export function iconPng(size: number): Buffer {
  return PNG.sync.write(drawIcon(size), { colorType: 6, deflateLevel: 9 });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  mkdirSync(ICON_DIR, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(ICON_DIR, `icon${size}.png`);
    writeFileSync(file, iconPng(size));
    console.log(path.relative(process.cwd(), file));
  }
}
