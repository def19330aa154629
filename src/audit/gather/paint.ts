/**
 * How the browser paints an element's text and clips its content, read from its computed style: one home for the
 * walk (gather.ts) and the painted reading of codes (visual-text.ts).
 */
import { readColor, type Rgba } from '../color';

/**
 * The colour glyphs are painted in: -webkit-text-fill-color, which is the `color` unless the page sets it
 * otherwise (then it wins), with the declaration it came from for evidence when it cannot be read.
 */
export function textColor(style: CSSStyleDeclaration, colorValue = style.color): { color: Rgba | undefined; value: string } {
  const color = readColor(colorValue);
  const fill = style.getPropertyValue('-webkit-text-fill-color').trim();
  // The usual case: the fill is the text colour itself; name `color` as the source.
  if (!fill || fill === colorValue || fill.toLowerCase() === 'currentcolor') return { color, value: `color: ${colorValue}` };
  return { color: readColor(fill, color), value: `-webkit-text-fill-color: ${fill}` };
}

/**
 * Glyphs painted by something other than their fill: gradient text (background-clip: text paints them with an
 * image) or outlined text (-webkit-text-stroke draws their edges). Visible even with a transparent fill.
 */
export function paintedWithoutFill(style: CSSStyleDeclaration): boolean {
  const clipsToText =
    /text/.test(`${style.backgroundClip} ${style.getPropertyValue('-webkit-background-clip')}`) && style.backgroundImage !== 'none';
  return clipsToText || parseFloat(style.getPropertyValue('-webkit-text-stroke-width')) > 0;
}

/** Text nobody can see: a fill read as fully transparent and nothing else painting the glyphs. An unreadable colour is no evidence. */
export function transparentText(style: CSSStyleDeclaration): boolean {
  return textColor(style).color?.a === 0 && !paintedWithoutFill(style);
}

/** The element clips what overflows it (hidden, clip, or a scroll container). */
export function clipsOverflow(style: CSSStyleDeclaration): boolean {
  return /hidden|clip|scroll|auto/.test(`${style.overflowX} ${style.overflowY}`);
}
