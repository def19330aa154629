/** Perceptual hash of an image (data URL or blob URL), in a page or the service worker: draw 9×8, then dHash. */
import { dHash } from '../audit/logo-compare';

export async function hashImage(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    // SVG files cannot be decoded by createImageBitmap: draw them through an <img> where there is a DOM.
    if (typeof Image !== 'function') throw new Error('This image format cannot be read here.');
    const img = new Image();
    img.src = URL.createObjectURL(blob);
    await img.decode();
    bitmap = await createImageBitmap(img);
  }
  const canvas = new OffscreenCanvas(9, 8);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0, 9, 8);
  return dHash(ctx.getImageData(0, 0, 9, 8).data);
}
