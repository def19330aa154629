/**
 * Perceptual hash of an image (a data: URL, or a blob: URL the extension made from a file the reviewer chose), in an
 * extension page or the service worker: draw 9×8, then dHash. It never fetches a page's URL: page logos are hashed
 * from the screenshot crop (pictures.ts), so comparing logos causes no request.
 */
import { dHash } from '../audit';

/** The bytes of a data: URL, decoded here: no fetch, not even of the URL itself. */
export function dataUrlBlob(url: string): Blob {
  const comma = url.indexOf(',');
  if (!/^data:/i.test(url) || comma < 0) throw new Error('Not a data: URL.');
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  let bytes: Uint8Array<ArrayBuffer>;
  if (/;base64$/i.test(header)) {
    const binary = atob(body);
    bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  } else bytes = new TextEncoder().encode(decodeURIComponent(body));
  return new Blob([bytes], { type: header.split(';')[0] || 'text/plain' });
}

export async function hashImage(url: string): Promise<string> {
  if (!url.startsWith('data:') && !url.startsWith('blob:')) throw new Error('Only images already in the extension can be compared.');
  // A blob: URL names memory the extension holds (a chosen file); only a data: URL is decoded without fetch().
  const blob = url.startsWith('data:') ? dataUrlBlob(url) : await (await fetch(url)).blob();
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
