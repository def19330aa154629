/**
 * Smart-ID and Mobile-ID in page text: where the names occur (outside URLs, e-mail addresses and code), how they are
 * spelled, and which controls offer them as a signing or login method.
 */
import { type FrameModel, isRendered } from '../model';
import {
  SMART_ID_NAME,
  SMART_ID_START,
  MOBILE_ID_NAME,
  MOBILE_ID_START,
  SMART_ID_SPELLED,
  MOBILE_ID_SPELLED,
  BRAND_SPELLED,
  MARK_WORDS,
  START_VERBS,
  METHOD_FILLER,
  CARD_PHRASE,
  HELP_HREF,
  HELP_LINK,
  INSTALL,
  OPEN_VERB,
  APP_NOUN,
  AUTHENTICATION,
  CANCEL,
  DOWNLOAD,
  conceptRegex,
  MOBILE_ID as MOBILE_ID_WORDS,
  SIGN,
  SIGN_IN,
  SMART_ID as SMART_ID_WORDS,
  fold,
  hasConcept,
} from '../text';
import type { SnapNode } from '../types';
import { isBrandSiteHref } from '../urls';

export type Brand = 'smart-id' | 'mobile-id';

export interface BrandMention {
  brand: Brand;
  /** The spelling exactly as written. */
  text: string;
  /** Position in the text it was found in. */
  index: number;
  /** The text around it, for the evidence. */
  context: string;
}

// Spans of the text that are addresses, not prose: URLs, domains, e-mail addresses, and bare paths ("/smart-id/start").
// Each starts where its run of characters starts (linear time: restarting inside a run re-reads the rest of it).
const ADDRESS =
  /(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w-])(?<![\w-]\.)\b[\w-]+(?:\.[\w-]+)*\.(?:com|lt|lv|ee|eu|org|net|ru|io|dev|app)\b\S*|(?<![^\s("'«])\/[\w.~%-]+(?:\/[\w.~%-]*)*/giu;

/** Each brand's pattern, with what every match of it starts with. */
const NAMES = [
  ['smart-id', SMART_ID_NAME, SMART_ID_START],
  ['mobile-id', MOBILE_ID_NAME, MOBILE_ID_START],
] as const;

/** Whether any brand name starts in the text (a loop, not .some(): asked of every text, a closure each time). */
function namesABrand(text: string): boolean {
  for (const names of NAMES) if (names[2].test(text)) return true;
  return false;
}

export function findBrandMentions(text: string): BrandMention[] {
  // Most texts of a page name no brand: nothing more to look for in them.
  if (!namesABrand(text)) return [];
  // Addresses are looked for only once a brand is found.
  let addresses: (readonly [number, number])[] | undefined;
  const inAddress = (i: number) => {
    addresses ??= [...text.matchAll(ADDRESS)].map((m) => [m.index!, m.index! + m[0].length] as const);
    return addresses.some(([a, b]) => i >= a && i < b);
  };
  const out: BrandMention[] = [];
  for (const [brand, re, any] of NAMES) {
    if (!any.test(text)) continue;
    for (const m of text.matchAll(re)) {
      if (inAddress(m.index!)) continue;
      const context = text.slice(Math.max(0, m.index! - 40), m.index! + m[0].length + 40).trim();
      out.push({ brand, text: m[0], index: m.index!, context });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

const CODE_TAGS = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'textarea']);

/** Text shown as code or typed by the user is not prose. */
export function isInCode(model: FrameModel, i: number): boolean {
  return model.inherited('in-code', i, isCodeTag, false);
}
/** Module level, not written in the call: asked of every node, an arrow there is a new function object each time. */
const isCodeTag = (n: SnapNode) => CODE_TAGS.has(n.tag) || undefined;

/**
 * The brand a text names. Full names come from the shared vocabulary (text.ts) plus the spellings of identifiers
 * ("logoSmartId", "btn_mobileid"). For visible words (`visible`), the abbreviations "sid" / "mid" are not trusted
 * ("Mid-range cover", "SID") and "smart ID card" is the generic chip card; in identifiers, file names and values
 * they name the brand ("icon-mid", "smartid-card").
 */
export function brandOfText(text: string, options: { visible?: boolean; abbreviations?: boolean } = {}): Brand | undefined {
  const visible = options.visible ?? false;
  const abbreviations = options.abbreviations ?? !visible;
  let f = fold(text);
  if (visible) f = f.replace(CARD_PHRASE, ' ');
  if (hasConcept(f, SMART_ID_WORDS) || SMART_ID_SPELLED.test(f)) return 'smart-id';
  if (abbreviations && /(^|[^a-z])sid([^a-z]|$)/.test(f)) return 'smart-id';
  if (hasConcept(f, MOBILE_ID_WORDS) || MOBILE_ID_SPELLED.test(f)) return 'mobile-id';
  if (abbreviations && /(^|[^a-z])m[\s_-]?id([^a-z]|$)/.test(f)) return 'mobile-id';
  return undefined;
}

const APP_STORE_HREF =
  /^(?:https?:)?\/\/(?:apps\.apple\.com|itunes\.apple\.com|play\.google\.com|appgallery\.huawei\.com|appgallery\.cloud\.huawei\.com|www\.microsoft\.com\/[\w-]+\/p\/|galaxystore\.samsung\.com)/i;

export interface MethodOffer {
  frame: number;
  /** The control that picks the method (button, link, tab, radio, or the label of a radio). */
  node: number;
  brand: Brand;
  name: string;
}

/** Controls that offer Smart-ID or Mobile-ID as a method: named with the brand, not "Cancel", not a help link. */
export function findMethodOffers(models: FrameModel[]): MethodOffer[] {
  const offers: MethodOffer[] = [];
  for (const model of models) {
    const taken = new Set<number>();
    for (let k = 0; k < model.nodes.length; k++) {
      const n = model.nodes[k];
      if (!isRendered(n) || !isOfferControl(model, n)) continue;
      const name = controlLabel(model, n);
      // The control's own words name its method; an image alt inside it ("Smart-ID" logo on a Mobile-ID button) does not.
      const words = model.subtreeText(n.i, 200);
      // Identifiers and values ("btn-smartid", value="mid") name the method too; their abbreviations only count when
      // the control says nothing itself (an image button), since its words would have named the method.
      const ids = `${n.attrs.id ?? ''} ${n.attrs.class ?? ''} ${n.attrs.value ?? ''}`;
      const brand =
        brandOfText(words, { visible: true }) ??
        brandOfText(name, { visible: true }) ??
        brandOfText(ids, { abbreviations: !words && !name });
      if (!brand) continue;
      // Links in navigation or to help pages talk about the method; they do not offer it. Tabs and buttons in a <nav>
      // (Bootstrap "nav nav-tabs") are a method switcher all the same.
      if (n.tag === 'a' && ((isInNavigation(model, n.i) && !isPicker(model, n)) || HELP_HREF.test(n.attrs.href ?? ''))) continue;
      // Getting the app (store links, "Download / install Smart-ID") is not choosing the method.
      if (n.tag === 'a' && APP_STORE_HREF.test(n.attrs.href ?? '')) continue;
      // A link to the brand's own site ("Smart-ID" in a price list or an info box, "How to get Smart-ID") tells about
      // the method; nobody picks a method of this page on smart-id.com.
      if (n.tag === 'a' && isBrandSiteHref(n.attrs.href ?? '')) continue;
      const folded = fold(name);
      if (hasConcept(name, CANCEL) || HELP_LINK.test(folded) || hasConcept(name, DOWNLOAD) || INSTALL.test(folded)) continue;
      // "Open the Smart-ID app" continues a method already chosen (SK's same-device step), it does not offer one.
      if (OPEN_VERB.test(folded) && APP_NOUN.test(folded)) continue;
      // A FAQ accordion header "Smart-ID" that only discloses help text is a question, not a method.
      if (isHelpDisclosure(model, n)) continue;
      // A link that merely mentions the brand in a longer title ("Smart-ID signing, compliant") is navigation; a link
      // drawn as a button or starting with the action ("Pasirašyti lizingo sutartį su Smart-ID") offers the method.
      if (n.tag === 'a' && !isPicker(model, n) && !looksLikeButton(n) && !startsWithAction(name) && otherWords(name) > 1) continue;
      // A control inside another offer of the same brand (an <img> link inside a tab) is the same offer.
      if (model.firstUp(n.parent, (a) => taken.has(a.i))) continue;
      taken.add(n.i);
      offers.push({ frame: model.index, node: n.i, brand, name });
    }
  }
  return offers;
}

const PICKER_ROLES = new Set(['tab', 'button', 'radio', 'option', 'menuitemradio']);

/** A tab, button or radio, or anything in a tab list / radio group: a control that picks, whatever element it is. */
function isPicker(model: FrameModel, n: SnapNode): boolean {
  if (PICKER_ROLES.has(n.attrs.role ?? '')) return true;
  return !!model.firstUp(n.parent, isPickerGroup);
}
const isPickerGroup = (a: SnapNode) => a.attrs.role === 'tablist' || a.attrs.role === 'radiogroup';

/**
 * Bootstrap / framework button classes ("btn", "button", "MuiButton-root"). A border alone does not tell: cards of
 * a help centre or a product list are bordered links too.
 */
function looksLikeButton(n: SnapNode): boolean {
  return /(^|[\s_-])(btn|button)([\s_-]|$)|Button-root/i.test(n.attrs.class ?? '');
}

/** The name starts with the action: "Sign …", "Log in …", "Pasirašyti …", "Войти …". */
function startsWithAction(name: string): boolean {
  const f = fold(name);
  return (
    [SIGN, SIGN_IN, AUTHENTICATION].some((c) => conceptRegex(c).exec(f)?.index === 0) ||
    START_VERBS.has(f.split(/[^\p{L}\p{N}]+/u)[0] ?? '')
  );
}

/** Words of a control name besides the brand and "sign / log in with": how much else the control talks about. */
function otherWords(name: string): number {
  const rest = fold(name)
    .replace(BRAND_SPELLED, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !hasConcept(w, SIGN) && !hasConcept(w, AUTHENTICATION) && !METHOD_FILLER.has(w));
  return rest.length;
}

function isInNavigation(model: FrameModel, i: number): boolean {
  return !!model.firstUp(model.node(i).parent, isNavigation);
}
const isNavigation = (a: SnapNode) => a.tag === 'nav' || a.attrs.role === 'navigation';

/** Any element of the frame by its id (first one wins, as getElementById). */
function byId(model: FrameModel, id: string): SnapNode | undefined {
  return model.cached('brands:ids', nodesById).get(id);
}

function nodesById(model: FrameModel): Map<string, SnapNode> {
  const map = new Map<string, SnapNode>();
  for (const n of model.nodes) if (n.attrs.id && !map.has(n.attrs.id)) map.set(n.attrs.id, n);
  return map;
}

const MEDIA = new Set(['img', 'svg', 'canvas', 'video', 'iframe', 'object', 'embed', 'picture']);

/**
 * A disclosure toggle (<summary>, or a button with aria-expanded: Bootstrap / MUI / Angular accordions) whose panel is
 * only text: a FAQ entry titled "Smart-ID". A method accordion opens a form, a button, a QR code or an image, and stays
 * an offer; so does a toggle whose panel cannot be found (rendered only when opened). Tabs and radios are pickers.
 */
function isHelpDisclosure(model: FrameModel, n: SnapNode): boolean {
  if (PICKER_ROLES.has(n.attrs.role ?? '') && n.attrs.role !== 'button') return false;
  let panel: SnapNode | undefined;
  let skip = -1;
  if (n.tag === 'summary') {
    panel = model.node(n.parent);
    skip = n.i;
    if (panel?.tag !== 'details') return false;
  } else if (n.attrs['aria-expanded'] !== undefined) {
    const ref =
      (n.attrs['aria-controls'] ?? '').split(/\s+/)[0] || (n.attrs['data-bs-target'] ?? n.attrs['data-target'] ?? '').replace(/^#/, '');
    panel = ref ? byId(model, ref) : undefined;
  }
  // A panel around its own toggle is the accordion item, not the disclosed part.
  if (!panel || (skip < 0 && model.contains(panel.i, n.i))) return false;
  const inside = model
    .descendants(panel.i, 200)
    .filter((k) => skip < 0 || (k !== skip && !model.contains(skip, k)))
    .map((k) => model.node(k));
  if (inside.some((k) => MEDIA.has(k.tag) || isFormField(k) || (k.control && k.tag !== 'a'))) return false;
  const text = [panel, ...inside]
    .map((k) => k.text ?? '')
    .join(' ')
    .trim();
  return text.length >= 40;
}

function isFormField(n: SnapNode): boolean {
  return n.tag === 'input' || n.tag === 'select' || n.tag === 'textarea' || n.tag === 'button';
}

function isRadio(n: SnapNode): boolean {
  return (n.tag === 'input' && (n.attrs.type ?? '').toLowerCase() === 'radio') || n.attrs.role === 'radio';
}

/** The element a label[for] names, in the same frame (by id). */
function labelTarget(model: FrameModel, label: SnapNode): SnapNode | undefined {
  return byId(model, label.attrs.for ?? '');
}

/**
 * Buttons, links, tabs, radios and image inputs. A <label> only when it picks a radio: it wraps one, or points at
 * one with for= that is not shown (custom radio cards with the native radio at display:none / opacity 0). A label
 * for a visible radio is that radio's name; a checkbox label ("remember my Smart-ID code") offers nothing.
 */
function isOfferControl(model: FrameModel, n: SnapNode): boolean {
  if (n.control) return true;
  if (n.tag === 'label') {
    if (n.attrs.for) {
      const target = labelTarget(model, n);
      return !!target && isRadio(target) && !isRendered(target);
    }
    return model.descendants(n.i, 100).some((k) => isRadio(model.node(k)));
  }
  const type = (n.attrs.type ?? '').toLowerCase();
  return n.tag === 'input' && (type === 'radio' || type === 'image');
}

const isLabelElement = (a: SnapNode) => a.tag === 'label';

/** What the control says: its accessible name, or for a radio its label (label[for] or the label around it). */
export function controlLabel(model: FrameModel, n: SnapNode): string {
  if (n.name) return n.name;
  if (n.tag === 'label') return model.subtreeText(n.i, 200) || n.attrs.title || '';
  const own = n.attrs['aria-label'] ?? n.attrs.title ?? n.attrs.alt;
  if (own) return own;
  if (n.tag === 'input') {
    const label = model.firstUp(n.parent, isLabelElement, 4);
    if (label) return model.subtreeText(label.i, 200);
  }
  return '';
}

// ---------------------------------------------------------------------------------------------------------------
// Brand marks: Smart-ID / Mobile-ID logos wherever the page draws them

/** An element that draws an image: img, inline svg, input type=image, a CSS background or a ::before/::after image. */
export function isImageNode(n: SnapNode): boolean {
  return (
    n.tag === 'img' ||
    n.tag === 'svg' ||
    (n.tag === 'input' && (n.attrs.type ?? '').toLowerCase() === 'image') ||
    !!n.layout?.visual?.backgroundImage ||
    !!n.layout?.pseudoImage
  );
}

/** Where the evidence that an image is a brand's mark came from. */
export type MarkSource = 'alt' | 'aria-label' | 'title' | 'svg title' | 'svg text' | 'file name' | 'background file name' | 'data URL';

export interface BrandMark {
  frame: number;
  node: number;
  brand: Brand;
  /** What names the image as the brand's mark, and the words it says. */
  source: MarkSource;
  words: string;
}

/**
 * Does this text name the brand and nothing else? "Smart-ID", "Mobile-ID logo", "Smart-ID_login_btn.png" do;
 * "Woman confirming a payment with Smart-ID on her phone" names a photo about the brand, not its mark.
 */
function markBrand(words: string): Brand | undefined {
  const brand = brandOfText(words, { visible: true });
  if (!brand) return undefined;
  const rest = fold(words)
    .replace(BRAND_SPELLED, ' ')
    .split(/[^\p{L}\p{N}@]+/u)
    .filter((w) => w && !MARK_WORDS.test(w));
  return otherWords(rest.join(' ')) <= 1 ? brand : undefined;
}

/** The file name of an image URL, decoded ("/assets/Smart-ID_login_btn.svg?v=3" → "Smart-ID_login_btn.svg"). */
function fileName(url: string): string {
  if (/^data:/i.test(url)) return '';
  const path = url.split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter(Boolean).pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Words an SVG data: URL draws or titles (<title>, <text>), as far as the recorded URL reaches. */
function dataUrlWords(url: string): string {
  const m = /^data:image\/svg\+xml(;base64)?[^,]*,(.*)$/is.exec(url);
  if (!m) return '';
  let svg = m[2] ?? '';
  try {
    svg = m[1] ? atob(svg) : decodeURIComponent(svg);
  } catch {
    return '';
  }
  return [...svg.matchAll(/<(title|text)\b[^<>]*>([^<]*)</gi)].map((t) => t[2]).join(' ');
}

/** What the image itself says it is, strongest evidence first. Class names and ids are not evidence. */
function markEvidence(model: FrameModel, n: SnapNode): { source: MarkSource; words: string }[] {
  const out: { source: MarkSource; words: string }[] = [];
  const add = (source: MarkSource, words: string | undefined) => {
    if (words?.trim()) out.push({ source, words: words.trim().slice(0, 120) });
  };
  const image = n.tag === 'img' || n.tag === 'svg' || n.tag === 'input';
  // A box with text of its own is named for its text; its background is decoration, its label names the box.
  const ownWords = image || !model.subtreeText(n.i, 40);
  if (n.tag === 'img' || n.tag === 'input') add('alt', n.attrs.alt);
  if (ownWords) add('aria-label', n.attrs['aria-label']);
  if (n.tag === 'svg') {
    add('svg title', n.name);
    add('svg text', n.text);
  }
  if (ownWords) add('title', n.attrs.title);
  if (image && n.attrs.src) {
    add('file name', fileName(n.attrs.src));
    add('data URL', dataUrlWords(n.attrs.src));
  }
  const bg = n.layout?.visual?.backgroundImage ?? n.layout?.pseudoImage?.url;
  if (bg) add('background file name', fileName(bg));
  return out;
}

/** Inside an svg's own drawing (not in the HTML a <foreignObject> of it holds). */
function insideSvgDrawing(model: FrameModel, i: number): boolean {
  for (const a of model.ancestors(i)) {
    if (a.tag === 'foreignobject') return false;
    if (a.tag === 'svg') return true;
  }
  return false;
}

/**
 * Every Smart-ID / Mobile-ID mark the page draws, in any frame or shadow root: an image whose alt, label, title, svg
 * title or text, file name or SVG data names the brand and nothing else. Hidden images are not shown, so not marks.
 */
export function findBrandMarks(models: FrameModel[]): BrandMark[] {
  const marks: BrandMark[] = [];
  for (const model of models) {
    for (let k = 0; k < model.nodes.length; k++) {
      const n = model.nodes[k];
      if (!isImageNode(n) || !isRendered(n) || (n.layout?.visual?.opacity ?? 1) <= 0.01) continue;
      // An image inside an svg or another mark (a <use>, a nested <image>) is part of that mark; one in the HTML a
      // <foreignObject> holds is the page's own.
      if (insideSvgDrawing(model, n.i)) continue;
      for (const e of markEvidence(model, n)) {
        const brand = markBrand(e.words);
        if (brand) {
          marks.push({ frame: model.index, node: n.i, brand, source: e.source, words: e.words });
          break;
        }
      }
    }
  }
  return marks;
}

/** Where a mark sits: in a heading, on a control, inside a line of text, or on its own. */
export function markPlacement(model: FrameModel, i: number): 'heading' | 'control' | 'text' | 'standalone' {
  const up = [...model.ancestors(i, 6)];
  if (up.some((a) => /^h[1-6]$/.test(a.tag) || a.attrs.role === 'heading')) return 'heading';
  if (up.some((a) => a.control)) return 'control';
  const parent = model.node(model.node(i).parent);
  if (parent?.text) return 'text';
  return 'standalone';
}
