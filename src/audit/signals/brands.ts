/**
 * Smart-ID and Mobile-ID in page text: where the names occur (outside URLs, e-mail addresses and code), how they are
 * spelled, and which controls offer them as a signing or login method.
 */
import { FrameModel, isRendered } from '../model';
import { AUTHENTICATION, CANCEL, SIGN, fold, hasConcept } from '../text';
import type { SnapNode } from '../types';

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

// "Smart-ID", "SmartID", "smart id", "Smart_Id"… (any case, any separator or none).
const SMART_ID = /(?<![\p{L}\p{N}@/._-])(?:smart|смарт)[\s\u00a0_\-‐-―]?(?:id|ид|айди)(?![\p{L}\p{N}])/giu;
// "Mobile-ID", "Mobiil-ID", "Mobilais ID", "Mobilo ID", "Mobilajam ID", "MobileID", "Mobile Id"…
const MOBILE_ID = /(?<![\p{L}\p{N}@/._-])(?:mob(?:ile|iil|ilais|ilo|ilajam|ilaja|ilā|ilajā|ilu|il)|мобайл)[\s\u00a0_\-‐-―]?(?:id|ид|айди)(?![\p{L}\p{N}])/giu;
// Spans of the text that are addresses, not prose: URLs, domains, e-mail addresses.
const ADDRESS = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|lt|lv|ee|eu|org|net|ru|io|dev|app)\b\S*/giu;

export function findBrandMentions(text: string): BrandMention[] {
  const addresses = [...text.matchAll(ADDRESS)].map((m) => [m.index!, m.index! + m[0].length] as const);
  const inAddress = (i: number) => addresses.some(([a, b]) => i >= a && i < b);
  const out: BrandMention[] = [];
  for (const [brand, re] of [['smart-id', SMART_ID], ['mobile-id', MOBILE_ID]] as const) {
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
  if (CODE_TAGS.has(model.node(i).tag)) return true;
  for (const a of model.ancestors(i)) if (CODE_TAGS.has(a.tag)) return true;
  return false;
}

export function brandOfText(text: string): Brand | undefined {
  const f = fold(text);
  if (/smart[\s_\-]?id|(^|[^a-z])sid([^a-z]|$)/.test(f)) return 'smart-id';
  if (/mob(ile|iil|ilais|ilo|ilajam|ilaja|ilu|il)[\s_\-]?id|(^|[^a-z])m[\s_-]?id([^a-z]|$)|(^|[^a-z])mid([^a-z]|$)/.test(f)) return 'mobile-id';
  return undefined;
}

const HELP_LINK = /\?|what is|learn more|read more|kas yra|daugiau|kas ir|uzzinat|mis on|loe lisa|что такое|подробнее|help|pagalba|palidz|abi$/i;

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
    for (const n of model.nodes) {
      if (!isOfferControl(n) || !isRendered(n)) continue;
      // A label pointing at its radio with for= is the radio's name: the radio is the offer.
      if (n.tag === 'label' && n.attrs.for) continue;
      const name = controlLabel(model, n);
      // The control's own words name its method; an image alt inside it ("Smart-ID" logo on a Mobile-ID button) does not.
      const words = model.subtreeText(n.i, 200);
      const brand = brandOfText(words) ?? brandOfText(name) ?? brandOfText(`${n.attrs.id ?? ''} ${n.attrs.class ?? ''} ${n.attrs.value ?? ''}`);
      // Links in navigation or to help pages talk about the method; they do not offer it.
      if (n.tag === 'a' && (isInNavigation(model, n.i) || HELP_HREF.test(n.attrs.href ?? ''))) continue;
      if (!brand || hasConcept(name, CANCEL) || HELP_LINK.test(name)) continue;
      // A link that merely mentions the brand in a longer title ("Smart-ID signing, compliant") is navigation.
      if (n.tag === 'a' && n.attrs.role !== 'tab' && n.attrs.role !== 'button' && otherWords(name) > 1) continue;
      // A control inside another offer of the same brand (an <img> link inside a tab) is the same offer.
      if ([...model.ancestors(n.i)].some((a) => taken.has(a.i))) continue;
      taken.add(n.i);
      offers.push({ frame: model.index, node: n.i, brand, name });
    }
  }
  return offers;
}

/** Words of a control name besides the brand and "sign / log in with": how much else the control talks about. */
function otherWords(name: string): number {
  const rest = fold(name)
    .replace(/smart[\s_-]?id|mob(ile|iil|ilais|ilo|ilajam|ilaja|ilu|il)[\s_-]?id/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !hasConcept(w, SIGN) && !hasConcept(w, AUTHENTICATION) && !METHOD_FILLER.has(w));
  return rest.length;
}

const METHOD_FILLER = new Set([
  'with', 'using', 'via', 'by', 'use', 'continue', 'start', 'log', 'in', 'login',
  'su', 'per', 'naudojant', 'testi', 'prisijungti', 'prisijunkite',
  'ar', 'izmantojot', 'turpinat', 'pieslegties',
  'ga', 'kasutades', 'jatka', 'logi', 'sisse', 'logige',
  'с', 'через', 'помощью', 'продолжить', 'войти', 'вход',
]);

const HELP_HREF = /\/(help|faq|support|kkk|duk|pagalba|palidziba|abi|spravka|справка|article|docs?)\b/i;

function isInNavigation(model: FrameModel, i: number): boolean {
  return [...model.ancestors(i)].some((a) => a.tag === 'nav' || a.attrs.role === 'navigation');
}

function isOfferControl(n: SnapNode): boolean {
  if (n.control) return true;
  if (n.tag === 'label') return true;
  const type = (n.attrs.type ?? '').toLowerCase();
  return n.tag === 'input' && (type === 'radio' || type === 'image');
}

/** What the control says: its accessible name, or for a radio its label. */
export function controlLabel(model: FrameModel, n: SnapNode): string {
  if (n.name) return n.name;
  if (n.tag === 'label') return model.subtreeText(n.i, 200) || n.attrs.title || '';
  return n.attrs['aria-label'] ?? n.attrs.title ?? n.attrs.alt ?? '';
}
