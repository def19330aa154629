/**
 * DOM members read through the prototypes, taken once when this module loads, and called on the node.
 *
 * Why: a <form> exposes its fields as properties that shadow every built-in member of the form itself, in every
 * world including the content script's isolated one (HTMLFormElement overrides built-ins). A form with a field named
 * "children", "getAttribute" or "parentNode" turns `form.children` into that field: a TypeError, or a walk that
 * loops. Calling the prototype's own function or getter on the node reads the real member whatever the page named
 * its fields. Only the members gather reads on arbitrary page elements live here.
 */

function getter<T>(proto: object, name: string): (this: unknown) => T {
  for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d?.get) return d.get as (this: unknown) => T;
  }
  // A browser without the member: reading it gives undefined, as a missing property would.
  return () => undefined as T;
}

// Outside a browser (pure unit tests import the gather for its patterns) there is no DOM to read: stand-ins keep
// the module loadable, and nothing calls these there.
const E = (typeof Element === 'undefined' ? {} : Element.prototype) as Element;
const N = (typeof Node === 'undefined' ? {} : Node.prototype) as Node;
const H = (typeof HTMLElement === 'undefined' ? {} : HTMLElement.prototype) as HTMLElement;
const D = (typeof Document === 'undefined' ? {} : Document.prototype) as Document;

const getAttributeFn = E.getAttribute;
const hasAttributeFn = E.hasAttribute;
const attributeNamesFn = E.getAttributeNames;
const rectFn = E.getBoundingClientRect;
const querySelectorAllFn = E.querySelectorAll;
const querySelectorFn = E.querySelector;
const rootNodeFn = N.getRootNode;
const containsFn = N.contains;
const compareFn = N.compareDocumentPosition;
const checkVisibilityFn =
  (E as Element & { checkVisibility?: () => boolean }).checkVisibility ??
  (H as HTMLElement & { checkVisibility?: () => boolean }).checkVisibility;
const localNameGet = getter<string>(E, 'localName');
const namespaceGet = getter<string | null>(E, 'namespaceURI');
const idGet = getter<string>(E, 'id');
const classNameGet = getter<unknown>(E, 'className');
const firstElementChildGet = getter<Element | null>(E, 'firstElementChild');
const nextElementSiblingGet = getter<Element | null>(E, 'nextElementSibling');
const childCountGet = getter<number>(E, 'childElementCount');
const shadowRootGet = getter<ShadowRoot | null>(E, 'shadowRoot');
const parentNodeGet = getter<ParentNode | null>(N, 'parentNode');
const parentElementGet = getter<Element | null>(N, 'parentElement');
const firstChildGet = getter<ChildNode | null>(N, 'firstChild');
const nextSiblingGet = getter<ChildNode | null>(N, 'nextSibling');
const textContentGet = getter<string | null>(N, 'textContent');
const ownerDocumentGet = getter<Document | null>(N, 'ownerDocument');
const baseURIGet = getter<string>(N, 'baseURI');
const isConnectedGet = getter<boolean>(N, 'isConnected');
const clientRectsFn = E.getClientRects;
const innerTextGet = getter<string>(H, 'innerText');
const scrollWidthGet = getter<number>(E, 'scrollWidth');
const scrollHeightGet = getter<number>(E, 'scrollHeight');
const clientWidthGet = getter<number>(E, 'clientWidth');
const clientHeightGet = getter<number>(E, 'clientHeight');
const clientLeftGet = getter<number>(E, 'clientLeft');
const clientTopGet = getter<number>(E, 'clientTop');
const offsetHeightGet = getter<number>(H, 'offsetHeight');
// A document's named properties shadow its members too (<img name="styleSheets">).
const styleSheetsGet = getter<StyleSheetList | undefined>(D, 'styleSheets');
const docAdoptedGet = getter<CSSStyleSheet[] | undefined>(D, 'adoptedStyleSheets');
const docAnimationsFn = (D as { getAnimations?: () => Animation[] }).getAnimations;
const R = (typeof ShadowRoot === 'undefined' ? {} : ShadowRoot.prototype) as ShadowRoot;
const rootSheetsGet = getter<StyleSheetList | undefined>(R, 'styleSheets');
const rootAdoptedGet = getter<CSSStyleSheet[] | undefined>(R, 'adoptedStyleSheets');
const rootAnimationsFn = (R as { getAnimations?: () => Animation[] }).getAnimations;

/** The stylesheets of a document or a shadow root: its own (<style>, <link>, with their imports) and adopted ones. */
export const sheetsOf = (scope: Document | ShadowRoot, isDocument: boolean): CSSStyleSheet[] => [
  ...(Array.from((isDocument ? styleSheetsGet : rootSheetsGet).call(scope) ?? []) as CSSStyleSheet[]),
  ...((isDocument ? docAdoptedGet : rootAdoptedGet).call(scope) ?? []),
];
/** The animations and transitions running on the elements of a document or of a shadow root (not of roots inside it). */
export const animationsOf = (scope: Document | ShadowRoot, isDocument: boolean): Animation[] =>
  (isDocument ? docAnimationsFn : rootAnimationsFn)?.call(scope) ?? [];

export const attr = (el: Element, name: string): string | null => getAttributeFn.call(el, name);
export const hasAttr = (el: Element, name: string): boolean => hasAttributeFn.call(el, name);
/** The element's attribute names as written (qualified names), in one call. */
export const attrNamesOf = (el: Element): string[] => attributeNamesFn.call(el);
export const rectOf = (el: Element): DOMRect => rectFn.call(el);
/** A rectangle the browser gave, as a snapshot's box (unrounded; a Box of ../types, not imported: types.ts leads back here). */
export const boxOf = (r: DOMRectReadOnly): { x: number; y: number; w: number; h: number } => ({
  x: r.left,
  y: r.top,
  w: r.width,
  h: r.height,
});
export const queryAll = (el: Element, selector: string): Element[] => Array.from(querySelectorAllFn.call(el, selector));
export const query = (el: Element, selector: string): Element | null => querySelectorFn.call(el, selector);
export const rootOf = (node: Node): Node => rootNodeFn.call(node);
export const contains = (outer: Node, inner: Node | null): boolean => containsFn.call(outer, inner);
export const positionOf = (a: Node, b: Node): number => compareFn.call(a, b);
export const localNameOf = (el: Element): string => localNameGet.call(el) ?? '';
export const namespaceOf = (el: Element): string => namespaceGet.call(el) ?? '';
export const idOf = (el: Element): string => idGet.call(el) ?? '';
/** A string for HTML elements; an SVGAnimatedString (or the page's field) otherwise. */
export const classNameOf = (el: Element): string => {
  const v = classNameGet.call(el);
  return typeof v === 'string' ? v : '';
};
/**
 * The element children in order, by sibling links rather than `children`: that HTMLCollection is one more object
 * for the browser to wrap per element walked (30,000 on a huge page), and wrappers are what the collector's pauses
 * inside an audit spend their time on.
 */
export const childrenOf = (el: Element): Element[] => {
  const out: Element[] = [];
  for (let c = firstElementChildGet.call(el); c; c = nextElementSiblingGet.call(c)) out.push(c);
  return out;
};
export const childCount = (el: Element): number => childCountGet.call(el) ?? 0;
export const shadowRootOf = (el: Element): ShadowRoot | null => shadowRootGet.call(el) ?? null;
export const parentOf = (node: Node): ParentNode | null => parentNodeGet.call(node);
export const parentElementOf = (node: Node): Element | null => parentElementGet.call(node);
export const firstChildOf = (node: Node): ChildNode | null => firstChildGet.call(node);
export const nextSiblingOf = (node: Node): ChildNode | null => nextSiblingGet.call(node);
export const textOf = (node: Node): string => textContentGet.call(node) ?? '';
export const ownerDocumentOf = (node: Node): Document | null => ownerDocumentGet.call(node);
export const baseURIOf = (node: Node): string => baseURIGet.call(node) ?? '';
export const isConnectedOf = (node: Node): boolean => !!isConnectedGet.call(node);
export const clientRectCount = (el: Element): number => clientRectsFn.call(el).length;
/** Rendered text of an HTML element; the DOM text for other elements (SVG, MathML). */
export const innerTextOf = (el: Element): string => {
  try {
    return innerTextGet.call(el) ?? '';
  } catch {
    return textOf(el); // not an HTMLElement (SVG, MathML): checked by brand, so frames of other realms work too
  }
};
/** The layout height of an HTML element before transforms, zoom and svg scaling; undefined for other elements. */
export const offsetHeightOf = (el: Element): number | undefined => {
  try {
    return offsetHeightGet.call(el) ?? 0;
  } catch {
    return undefined; // not an HTMLElement (SVG, MathML)
  }
};
/** Width of the left and top borders (where the padding box starts inside the border box). */
export const borderOffsetOf = (el: Element): { left: number; top: number } => ({
  left: clientLeftGet.call(el) ?? 0,
  top: clientTopGet.call(el) ?? 0,
});
/** Content wider or taller than the box that shows it (by more than a pixel). */
export const overflowsBox = (el: Element): boolean =>
  scrollWidthGet.call(el) > clientWidthGet.call(el) + 1 || scrollHeightGet.call(el) > clientHeightGet.call(el) + 1;
/** The browser's own "is this rendered" where it has one; true (no evidence of hiding) where it does not. */
export const checkVisible = (el: Element): boolean => (checkVisibilityFn ? checkVisibilityFn.call(el) : true);

/** A selector list with `:has()` in it (an element styled by what it holds). */
export const HAS_SELECTOR = /:has\(/i;

/**
 * Whether a stylesheet of the document selects elements by what they hold (`:has()`): such a rule restyles an element
 * for a change anywhere inside it, far from the element that changed. Undefined when it cannot tell: a sheet of
 * another origin (its rules cannot be read), or more than `budget` rules.
 */
export const selectsByContent = (doc: Document, budget = 20_000): boolean | undefined =>
  anyRule(doc, (rule) => HAS_SELECTOR.test((rule as CSSStyleRule).selectorText ?? ''), budget);

/**
 * Whether a rule of the document's stylesheets (own and adopted, the sheets they import, rules nested in @media,
 * @supports, @layer or a style rule) passes `test`; undefined when it cannot tell (see searchRules).
 */
export function anyRule(doc: Document, test: (rule: CSSRule) => boolean, budget = 20_000): boolean | undefined {
  const found = searchRules(sheetsOf(doc, true), test, { rules: budget });
  return found === 'unknown' ? undefined : found === 'found';
}

/**
 * Hosts whose stylesheets hold nothing but @font-face rules (the Google Fonts CSS API, and Bunny Fonts, which serves
 * the same API): linked without `crossorigin`, as their embed snippets are, their rules cannot be read, yet they
 * neither select by content nor set anything but fonts. Without this, a page with such a link would be read whole
 * on every change.
 */
const FONT_SERVICES = new Set(['fonts.googleapis.com', 'fonts.bunny.net']);
function servesFontsOnly(sheet: CSSStyleSheet): boolean {
  try {
    const url = new URL(sheet.href ?? '');
    return url.protocol === 'https:' && FONT_SERVICES.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Looks through every rule of `sheets` — the sheets they import, and the rules nested in @media, @supports, @layer,
 * @scope, @container, @keyframes or a style rule — in order, until `visit` returns true ('found'). 'unknown' when it
 * cannot tell: a sheet whose rules cannot be read (another origin's, without CORS; but see FONT_SERVICES) or more than
 * `budget.rules` rules (spent across calls that share the budget); 'none' when no rule made `visit` return true.
 */
export function searchRules(
  sheets: Iterable<CSSStyleSheet>,
  visit: (rule: CSSRule) => boolean,
  budget: { rules: number },
): 'found' | 'none' | 'unknown' {
  const inList = (rules: CSSRuleList): 'found' | 'none' | 'unknown' => {
    for (let r = 0; r < rules.length; r++) {
      if (--budget.rules < 0) return 'unknown';
      const rule = rules[r];
      if (visit(rule)) return 'found';
      const imported = (rule as CSSImportRule).styleSheet;
      const nested = (rule as CSSGroupingRule).cssRules;
      const inside = imported ? inSheet(imported) : nested ? inList(nested) : 'none';
      if (inside !== 'none') return inside;
    }
    return 'none';
  };
  const inSheet = (sheet: CSSStyleSheet): 'found' | 'none' | 'unknown' => {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      return servesFontsOnly(sheet) ? 'none' : 'unknown';
    }
    return inList(rules);
  };
  for (const sheet of sheets) {
    const found = inSheet(sheet);
    if (found !== 'none') return found;
  }
  return 'none';
}
