/**
 * Evidence pictures: a screenshot of the visible tab (captureVisibleTab), cropped to an element's box and scaled
 * for the device pixel ratio. Pictures stay in the extension's memory; nothing leaves the machine.
 */
import type { Measured, Picture } from '../shared/messages';
import { dataUrlBlob } from '../shared/image-hash';

const PADDING_CSS_PX = 6;

export class PictureError extends Error {}

/** Crops a PNG data URL of the viewport to a CSS-pixel rectangle (plus a little padding), in device pixels. */
export async function cropScreenshot(
  screenshot: string,
  rect: Measured['rect'],
  viewport: Measured['viewport'],
  dpr: number,
  padding = PADDING_CSS_PX,
): Promise<Picture> {
  const x = Math.max(0, rect.x - padding);
  const y = Math.max(0, rect.y - padding);
  const right = Math.min(viewport.w, rect.x + rect.w + padding);
  const bottom = Math.min(viewport.h, rect.y + rect.h + padding);
  if (right <= x || bottom <= y)
    throw new PictureError('The element is not in the visible part of the tab; scroll it into view and try again.');
  // Decoded in memory: the screenshot is a data: URL, and the extension fetches nothing (not even that).
  const bitmap = await createImageBitmap(dataUrlBlob(screenshot));
  // The screenshot may not be exactly viewport × dpr (zoom, scrollbars): scale by what it really is.
  const scale = bitmap.width / viewport.w || dpr;
  const sx = Math.round(x * scale),
    sy = Math.round(y * scale);
  const sw = Math.max(1, Math.round((right - x) * scale)),
    sh = Math.max(1, Math.round((bottom - y) * scale));
  const canvas = new OffscreenCanvas(sw, sh);
  canvas.getContext('2d')!.drawImage(bitmap, sx, sy, sw, sh, 0, 0, sw, sh);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dataUrl: `data:image/png;base64,${btoa(binary)}`, rect: { x, y, w: right - x, h: bottom - y }, capturedAt: Date.now() };
}
