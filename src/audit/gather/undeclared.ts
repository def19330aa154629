/**
 * Computed-style properties the walk reads of every element (about 0.3 µs each, 1 µs for transform, on every element
 * of the page) whose value is the initial one wherever nothing sets them. An element takes another value of them
 * only from an author rule (a stylesheet of its document, or of a shadow root it is in or hosts: `:host`,
 * `::slotted`; `::part` rules are the document's — imported, adopted, nested in @media, @layer, @supports, @scope,
 * @keyframes …), its style attribute, an animation, an SVG presentation attribute (`filter="…"`, `transform="…"`), or
 * the browser's own stylesheet, which sets them only on form controls and a few other elements in some states (a
 * disabled <select> is drawn at opacity 0.7, `hidden="until-found"` hides by content-visibility).
 *
 * So a whole gather asks the stylesheets and animations of each scope once which of them nothing declares, and reads
 * those of an ordinary element only where its own style attribute may set one: a page that never sets them pays
 * nothing for them, and reads the same values. A stylesheet it cannot read (another origin's, unless a font service's:
 * dom.ts searchRules), `all: …` (which sets them all), or more rules or animations than it looks through count as
 * declaring all of them.
 */
import { animationsOf, attr, searchRules, sheetsOf } from './dom';

/** The properties, one bit each; a mask of them says which are undeclared (read as their initial values). */
export const UNDECLARED = {
  transform: 1,
  rotate: 2,
  scale: 4,
  filter: 8,
  mixBlendMode: 16,
  zoom: 32,
  contentVisibility: 64,
  opacity: 128,
} as const;
const EVERY = 255;

/**
 * Each property's bit is 1 << its place here: its name as CSSOM lists a declaration (prefixed aliases such as
 * -webkit-transform come back unprefixed), and as getKeyframes() gives it.
 */
const CSS_NAMES = ['transform', 'rotate', 'scale', 'filter', 'mix-blend-mode', 'zoom', 'content-visibility', 'opacity'];
const KEYFRAME_KEYS = Object.keys(UNDECLARED);
const bitOf = (names: string[], name: string): number => {
  const at = names.indexOf(name);
  // `all: inherit | initial | unset | revert` is listed as itself, not as the longhands it sets.
  return at >= 0 ? 1 << at : name === 'all' ? EVERY : 0;
};

/** Rules looked through per stylesheet (its imports included), and animations per scope: beyond them, everything counts as declared. */
const MAX_RULES = 50_000;
const MAX_ANIMATIONS = 1_000;

/** What a walk has read of the stylesheets (an adopted sheet is shared by every instance of a component). */
export type DeclaredCache = Map<CSSStyleSheet, number>;

/**
 * Of the properties in `UNDECLARED`, those that no stylesheet and no animation of `scope` (a document or a shadow
 * root) declares, as a mask.
 */
export function undeclaredIn(scope: Document | ShadowRoot, isDocument: boolean, cache: DeclaredCache): number {
  let declared = 0;
  try {
    for (const sheet of sheetsOf(scope, isDocument)) {
      let bits = cache.get(sheet);
      if (bits === undefined) {
        bits = declaredBy(sheet);
        cache.set(sheet, bits);
      }
      declared |= bits;
      if (declared === EVERY) return 0;
    }
    declared |= animated(animationsOf(scope, isDocument));
  } catch {
    // A scope that cannot be asked: every property may be set.
    return 0;
  }
  return EVERY & ~declared;
}

/** The bits the rules of a sheet (and the sheets it imports) declare; every bit when it cannot tell. */
function declaredBy(sheet: CSSStyleSheet): number {
  let declared = 0;
  const found = searchRules(
    [sheet],
    (rule) => {
      const style = (rule as CSSStyleRule).style as CSSStyleDeclaration | undefined;
      if (style) for (let k = 0; k < style.length; k++) declared |= bitOf(CSS_NAMES, style[k]);
      return declared === EVERY;
    },
    { rules: MAX_RULES },
  );
  return found === 'unknown' ? EVERY : declared;
}

/** The bits the scope's running animations and transitions set (element.animate() leaves no rule behind). */
function animated(animations: Animation[]): number {
  if (animations.length > MAX_ANIMATIONS) return EVERY;
  let declared = 0;
  for (const animation of animations) {
    const transition = (animation as { transitionProperty?: string }).transitionProperty;
    if (transition) declared |= bitOf(CSS_NAMES, transition);
    const effect = animation.effect as KeyframeEffect | null;
    for (const frame of effect?.getKeyframes?.() ?? []) for (const key in frame) declared |= bitOf(KEYFRAME_KEYS, key);
  }
  return declared;
}

export const HTML_NS = 'http://www.w3.org/1999/xhtml';
/** Elements the browser's own stylesheet may give one of the properties (in some state), or that it styles apart. */
const STYLED_BY_BROWSER = new Set([
  'html',
  'body',
  'select',
  'option',
  'optgroup',
  'selectedcontent',
  'datalist',
  'input',
  'button',
  'textarea',
  'meter',
  'progress',
  'fieldset',
  'legend',
  'dialog',
  'details',
  'summary',
  'marquee',
  'video',
  'audio',
  'img',
  'canvas',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
]);
/** A style attribute that may set one of them (a name before a colon; a false alarm only costs the reads). */
const SETS_ONE = /(?:transform|rotate|scale|filter|blend-mode|zoom|visibility|opacity|\ball)\s*:/i;

/**
 * Of the properties undeclared in the element's scope, those that are undeclared for the element itself: none for an
 * element the browser styles, one outside HTML (SVG presentation attributes), one with a `hidden` attribute, or one
 * whose style attribute may set one. `attrs`: the attributes the walk kept of it (their values may be cut short).
 */
export function undeclaredFor(el: Element, tag: string, html: boolean, attrs: Record<string, string>, scopeUndeclared: number): number {
  if (!scopeUndeclared || !html || STYLED_BY_BROWSER.has(tag) || attrs.hidden !== undefined) return 0;
  const inline = attr(el, 'style');
  return inline && SETS_ONE.test(inline) ? 0 : scopeUndeclared;
}
