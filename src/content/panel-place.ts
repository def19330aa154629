/**
 * Where the panel goes first: the corner of the viewport where it covers the least of the evidence it reports (the
 * code, the cancel control, the preview…), so a reviewer on a call never has to drag it off what they discuss.
 */
export type Corner = { h: 'left' | 'right'; v: 'top' | 'bottom' };

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** In order of preference when several corners are equally free (bottom right: where panels usually are). */
export const CORNERS: readonly Corner[] = [
  { h: 'right', v: 'bottom' },
  { h: 'left', v: 'bottom' },
  { h: 'right', v: 'top' },
  { h: 'left', v: 'top' },
];

/** The panel's box at a corner of the viewport, `margin` px from its edges. */
export function boxAt(corner: Corner, size: { w: number; h: number }, viewport: { w: number; h: number }, margin: number): Rect {
  return {
    x: corner.h === 'left' ? margin : viewport.w - margin - size.w,
    y: corner.v === 'top' ? margin : viewport.h - margin - size.h,
    w: size.w,
    h: size.h,
  };
}

export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** How much of the evidence the panel would cover at a corner. */
export function coveredAt(
  corner: Corner,
  size: { w: number; h: number },
  viewport: { w: number; h: number },
  evidence: Rect[],
  margin: number,
): number {
  const box = boxAt(corner, size, viewport, margin);
  return evidence.reduce((sum, r) => sum + overlapArea(box, r), 0);
}

/** The corner that covers the least evidence; the first of CORNERS on a tie. */
export function freeCorner(size: { w: number; h: number }, viewport: { w: number; h: number }, evidence: Rect[], margin: number): Corner {
  let best = CORNERS[0];
  let least = Number.POSITIVE_INFINITY;
  for (const corner of CORNERS) {
    const covered = coveredAt(corner, size, viewport, evidence, margin);
    if (covered < least) {
      least = covered;
      best = corner;
    }
  }
  return best;
}
