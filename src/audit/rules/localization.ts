/**
 * localization: the page says which language it is in, is written in that language throughout, shows no raw
 * message keys or unfilled placeholders, and embeds gateway / Smart-ID / Mobile-ID steps in the same language.
 * Sources: Dokobit review list ("localization works in every language offered"); Identity Gateway `locale` and
 * Documents Gateway `language` options — domain.md §3.2, §3.7, §7.
 */
import { aggregate, reasonsOf, type CheckVerdict } from '../checks';
import { nodeFinding } from '../findings';
import { detectLanguage, FILE_EXTENSIONS, primaryLang, type Detection, type Lang } from '../lang';
import { format } from '../messages';
import { isHiddenNode, isVisible, langCarrier, modelsOf, type FrameModel } from '../model';
import { BoundedMap, DOCUMENT_MARK, LANGUAGE_LABEL, fold, squash } from '../text';
import { isInCode } from '../signals/brands';
import { markedAsDocument, showsDocumentText, titledAsDocument } from '../signals/document';
import { isDocumentViewerUrl, showsPdf } from '../urls';
import type { Finding, PageSnapshot, Rule, RuleOutcome, SnapNode } from '../types';

export const messages = {
  notApplicable: 'The page shows no text.',
  pass: 'The page is in ${language} (detected with confidence ${confidence}) and consistent.',
  review: 'The language could not be decided reliably: ${reasons}.',
  fail: 'Localization problems: ${reasons}.',
  missingLang: '<html> has no lang attribute (the text is ${detected})',
  wrongLang: '<html lang="${declared}"> but the text is ${detected} (confidence ${confidence})',
  mixed: '${count} text(s) in another language than the page (${examples})',
  mixedOne: '"${text}" is ${detected} on a ${page} page',
  ownLangWrong: '"${text}" carries lang="${declared}" but reads as ${detected}',
  rawKey: 'a raw message key or unfilled placeholder is shown: "${text}"',
  frameLang: 'the embedded frame ${url} runs in ${frameLang} inside a ${page} page',
  frameParam: 'the embedded frame ${url} is asked for language "${param}" on a ${page} page',
  uncertain: 'too little text to tell the language',
};

export const meta = {
  id: 'localization' as const,
  title: 'Page language is declared and consistent',
  failureTitle: 'Localization problems',
  description:
    'The page declares its language (<html lang>), its texts and controls are all in that language, no untranslated message keys or placeholders show, and embedded gateway or Smart-ID / Mobile-ID steps use the same language.',
  severity: 'serious' as const,
  source: 'Dokobit integration review list (localization); domain.md §3.2, §3.7, §7',
};

const LANGUAGE_NAME: Record<string, string> = { en: 'English', lt: 'Lithuanian', lv: 'Latvian', et: 'Estonian', ru: 'Russian' };
const name = (l: string) => LANGUAGE_NAME[l] ?? l;

const BLOCK_TAGS = new Set([
  'p',
  'li',
  'td',
  'th',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'label',
  'legend',
  'caption',
  'figcaption',
  'blockquote',
  'summary',
  'button',
  'a',
  'option',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'form',
  'body',
  'aside',
  'dialog',
]);

/**
 * Raw i18n keys and unfilled placeholders, as frameworks leave them. A `raw` group, when present, is what is shown.
 * Every pattern needs one of the characters of MAY_HOLD_RAW (below): keep that list in step when adding one.
 */
const RAW_PATTERNS: RegExp[] = [
  /\{\{[^{}]{1,80}\}\}/, // {{ code }}, {{ $t('signing.title') }}, {{ 'KEY' | translate }} (uncompiled template)
  /\{%[^%{}]{1,80}%\}/, // {% trans "sign" %} (Jinja, Twig, Django)
  /<%=?[^%]{1,80}%>/, // <%= t('sign') %> (ERB, EJS)
  /\[\[\s*(?:[$#*@]\{[^{}\]]{1,60}\}\s*|[A-Za-z_$][\w$]*[.(][^\]]{0,180})\]\]/, // [[${name}]], [[#{sign.title}]], [[ t('x') ]]
  /#\{\s*[\w.]+\s*\}/, // #{sign.title} (Thymeleaf, JSF message expression)
  /(?<raw>\?{2,3}[\d_.-]*[A-Za-z][\w.-]*\?{2,3})/, // ??sign.title_en_GB?? (Spring / Thymeleaf), ???key??? (JSF): missing message
  /(?:^|[\s(«„"'])(?<raw>:[a-z][a-z_]{2,})(?=$|[\s.,;!?)»“"'])/, // :seconds (Laravel), not a time (12:30) nor "http:"
  /\$\{\s*[\w.]+\s*\}/, // ${name}
  /(^|\s)%(\d+\$)?[sd](\s|$|[.,:;])/, // %s, %1$s
  /%\([\w]+\)[sd]/, // %(name)s
  /\[missing "[^"]+" translation\]/i, // Rails
  /translation missing:/i, // Rails / i18n-js
  /(?:^|[\s(«„"'])\{\d{1,2}(?:[,:][^{}]{0,40})?\}(?=$|[\s.,;:!?)»“"'])/, // {0}, {1}., {0,number}, {0:N2} (Java MessageFormat, .NET)
  /\{\s*[a-zA-Z_][\w.]*\s*\}/, // {name} (vue-i18n, i18next single braces)
  /%\{\s*\w+\s*\}/, // %{seconds} (Rails, Polyglot)
  /\{\s*\w+\s*,\s*(plural|select|selectordinal|number|date|time)\b/, // raw ICU message
  /__[A-Z][A-Z0-9_]+__/, // __SIGN_BUTTON__
  /(^|\s):[a-z]+_[a-z_]+(\s|$)/, // :placeholder_name
];
/**
 * A whole text that is a dotted or snake_case key (sign.cancel_button, SIGN_BUTTON_LABEL, signing.title); segments
 * may be kebab-case (Transloco, ngx-translate: "signing.cancel-button", "smart-id.waiting-title").
 */
const KEY_TEXT = /^(?:[a-z][a-zA-Z0-9-]*(?:[._][a-zA-Z0-9][a-zA-Z0-9-]*)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){1,})$/;
/** An i18next namespace before the key ("checkout:summary.heading"). */
const KEY_NAMESPACE = /^[a-z][a-zA-Z0-9_-]*:(?=[a-zA-Z])/;
/** Domains and file names (ligums_nr_118.edoc, maksajumu_grafiks.xlsx) look like keys but are not. */
export const NOT_KEY = /* @__PURE__ */ new RegExp(`\\.(com|lt|lv|ee|eu|org|net|ru|io|php|js|css|${FILE_EXTENSIONS})$`, 'i');

/**
 * A character every RAW_PATTERNS match holds ('{', '<', '[', '?', ':', '%', '_'): a text without any of them
 * (most of a page) needs none of the eighteen patterns tried.
 */
const MAY_HOLD_RAW = /[{<[?:%_]/;

/** Texts already read for keys (each block is asked as a whole, and again by rawKeys); null: none. */
const rawKeysRead = /* @__PURE__ */ new BoundedMap<string | null>(500_000);

function rawKeyIn(text: string): string | undefined {
  let raw = rawKeysRead.get(text);
  if (raw === undefined) rawKeysRead.set(text, (raw = readRawKey(text) ?? null));
  return raw ?? undefined;
}

function readRawKey(text: string): string | undefined {
  const t = text.trim();
  if (MAY_HOLD_RAW.test(t)) {
    for (const re of RAW_PATTERNS) {
      const m = re.exec(t);
      if (m) return (m.groups?.raw ?? m[0]).trim();
    }
  }
  const ns = KEY_NAMESPACE.exec(t)?.[0] ?? '';
  const key = t.slice(ns.length);
  const keyLike = key.includes('_') || key.split('.').length >= 3 || /[a-z][A-Z]/.test(key) || /^[a-z][a-z-]*\.[a-z][a-z-]*$/.test(key);
  if (KEY_TEXT.test(key) && !NOT_KEY.test(key) && keyLike) {
    // "e.g" or a version "v1.2" are not keys; a key has at least one word-like segment of 3+ letters.
    if (/[a-zA-Z]{3,}/.test(key)) return t;
  }
  return undefined;
}

const RAW_GLOBAL = /* @__PURE__ */ RAW_PATTERNS.map((re) => new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`));

/** The text with its placeholders blanked out, for language detection. */
function withoutRaw(text: string): string {
  return MAY_HOLD_RAW.test(text) ? RAW_GLOBAL.reduce((t, re) => t.replace(re, ' '), text) : text;
}

/** A text that is nothing but a raw key or placeholder ("sign.cancel_button"): reported as such, in no language. */
function isOnlyKey(text: string): boolean {
  return rawKeyIn(text) === text.trim();
}

const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D]/gu;
/** Labels already read: every block asks about the items of the containers around it, which repeat. */
const switcherLabels = /* @__PURE__ */ new BoundedMap<string>(500_000);

/** A label as a switcher shows it: folded, without flag emoji or other pictographs ("🇬🇧 English" → "english"). */
function switcherLabel(text: string): string {
  let label = switcherLabels.get(text);
  if (label === undefined) switcherLabels.set(text, (label = fold(text.replace(PICTOGRAPHS, ' '))));
  return label;
}

/** A URL parameter that asks for a language (?language=lt, &locale=ru-RU, Mobile-ID's ?language=ENG). */
const LANG_PARAM = /[?&#](?:lang|language|locale|hl|lng|ui_locales)=([a-zA-Z]{2,3})(?:[-_][a-zA-Z]+)?(?:[&#]|$)/;
/** ISO 639-2 codes as Mobile-ID (EST, ENG, RUS, LIT) and other APIs take them, mapped to the page's two-letter codes. */
const THREE_LETTER: Record<string, string> = { eng: 'en', est: 'et', rus: 'ru', lit: 'lt', lav: 'lv', lvs: 'lv' };

/** The language a URL asks for, as a two-letter code ('' for none or one we do not know). */
function langParam(url: string): string {
  const code = LANG_PARAM.exec(url)?.[1]?.toLowerCase() ?? '';
  return code.length === 3 ? (THREE_LETTER[code] ?? '') : code;
}

/** The language a link switches to: ?lang=xx (or locale=, hl=…), hreflang, or a bare /xx/ path. */
function linkTarget(n: SnapNode): string | undefined {
  if (n.attrs.hreflang) return primaryLang(n.attrs.hreflang);
  const href = n.attrs.href;
  if (!href) return undefined;
  const param = langParam(href);
  if (param) return param;
  return /^(?:[a-z]+:\/\/[^/?#]+)?\/([a-z]{2})(?:[-_][a-zA-Z]{2})?\/?(?:[?#]|$)/.exec(href)?.[1];
}

function isLanguageSwitcher(model: FrameModel, block: Block): boolean {
  // The block's node and up to 3 ancestors (walked, not listed: asked of every block of the page).
  let link: SnapNode | undefined;
  for (let k = block.node.i, depth = 0; k >= 0 && depth <= 3; k = model.node(k).parent, depth++) {
    if (model.subtreeFact('localization:switcher', k, listsLanguagesAt)) return true;
    const a = model.node(k);
    if (!link && depth < 3 && (a.tag === 'a' || a.attrs.role === 'link')) link = a;
  }
  // A link to another language version is labelled in that language ("Русская версия" → ?lang=ru).
  const target = link && linkTarget(link);
  if (target && LANGUAGE_NAME[target] && (block.detection.lang === target || block.detection.lang === 'unknown')) return true;
  return LANGUAGE_LABEL.test(switcherLabel(block.text));
}

const NO_PIECES: readonly string[] = [];

/** listsLanguages of node i (written once: asked of every block's node and 3 ancestors, a closure per call adds up). */
const listsLanguagesAt = (i: number, model: FrameModel) => listsLanguages(model, model.node(i));

/**
 * A container whose items (a handful) are mostly language names or codes. Computed once per container, from its
 * subtree's texts alone (a subtree fact: kept for the next snapshot while the subtree is the same).
 */
function listsLanguages(model: FrameModel, c: SnapNode): boolean {
  const kids = model.children[c.i];
  if (kids.length > 30) return false;
  // No own text (most containers) has no pieces: no arrays made for it.
  const own = c.text
    ? c.text
        .split(/[|·/,•]/)
        .map(switcherLabel)
        .filter(Boolean)
    : NO_PIECES;
  let all = own.length;
  let languages = own.filter((t) => LANGUAGE_LABEL.test(t)).length;
  // Asked of every block's container: stop reading items once too many are no language for 60 % to be.
  const most = kids.length + own.length;
  if (all - languages > most * 0.4) return false;
  for (const k of kids) {
    const label = switcherLabel(model.subtreeText(k, 40));
    if (!label) continue;
    all++;
    if (LANGUAGE_LABEL.test(label)) languages++;
    else if (all - languages > most * 0.4) return false;
  }
  return all >= 2 && languages >= Math.max(2, all * 0.6);
}

/**
 * A document shown for reading (preview text, PDF frame) is the document's language, not the UI's. Its viewer's
 * own controls and toolbar (page buttons, "Page 1 of 4", zoom) are UI, though, and must be localised.
 */
function isDocumentContent(model: FrameModel, i: number): boolean {
  const n = model.node(i);
  if (n.control || n.tag === 'input' || n.tag === 'textarea' || n.tag === 'select') return false;
  return inDocumentChain(model, i);
}

/**
 * Node i or the nearest ancestor that decides (a control or toolbar: no; a document block: yes) is document text.
 * Blocks share their ancestors, so each node's answer is kept for the frame (1 yes, 2 no) and a walk stops at the
 * first node already answered.
 */
function inDocumentChain(model: FrameModel, i: number): boolean {
  const known = model.cached('localization:document-chain', perNodeAnswers);
  if (known[i]) return known[i] === 1;
  // Up to the node that settles it, then the walk again to note the answer (no path array per block).
  let answer = 2;
  let settled = -1;
  for (let k = i; k >= 0; k = model.node(k).parent) {
    if (known[k]) {
      answer = known[k];
      settled = k;
      break;
    }
    const a = model.node(k);
    if (a.control || isToolbar(a)) {
      settled = a.parent;
      break;
    }
    const marked = (DOCUMENT_TAGS.has(a.tag) || a.attrs.role === 'document') && markedAsDocument(a);
    if (marked || titledAsDocument(model, a) || showsDocumentText(model, a)) {
      answer = 1;
      settled = a.parent;
      break;
    }
  }
  for (let k = i; k >= 0 && k !== settled; k = model.node(k).parent) known[k] = answer;
  return answer === 1;
}

const perNodeAnswers = (model: FrameModel) => new Uint8Array(model.nodes.length);

const DOCUMENT_TAGS = new Set(['article', 'section', 'div', 'main', 'pre', 'aside', 'figure']);
const TOOLBAR = /(?:^|[\s_-])toolbar/i;

function isToolbar(n: SnapNode): boolean {
  return n.attrs.role === 'toolbar' || TOOLBAR.test(`${n.attrs.class ?? ''} ${n.attrs.id ?? ''}`);
}

/** A frame that shows a document (no controls, mostly text, or marked as a viewer by its iframe). */
function isDocumentFrame(models: FrameModel[], model: FrameModel): boolean {
  if (showsPdf(model.frame.url) || isDocumentViewerUrl(model.frame.url)) return true;
  const controls = model.nodes.filter((n) => n.control && isVisible(n)).length;
  const host = firstHost(models, model.index);
  if (
    host &&
    DOCUMENT_MARK.test(
      fold(`${host.attrs.title ?? ''} ${host.attrs.class ?? ''} ${host.attrs.id ?? ''} ${host.attrs['aria-label'] ?? ''}`),
    ) &&
    controls <= 1
  )
    return true;
  return controls === 0 && model.subtreeText(0, 800).length >= 300;
}

/** The first <iframe> element, in any frame, that holds frame `index`. */
function firstHost(models: FrameModel[], index: number): SnapNode | undefined {
  for (const m of models) for (const n of m.nodes) if (n.frame === index) return n;
  return undefined;
}

interface Block {
  node: SnapNode;
  text: string;
  detection: Detection;
  control: boolean;
  ownLang?: string;
}

/** Inputs whose placeholder a user reads while the field is empty. */
const TEXT_INPUT_TYPES = new Set(['', 'text', 'tel', 'email', 'number', 'search', 'password', 'url', 'date']);

/** The placeholder shown in an empty, visible text field (it is UI text like a label). */
function shownPlaceholder(n: SnapNode): string | undefined {
  const ph = n.attrs.placeholder?.trim();
  if (!ph || !isVisible(n)) return undefined;
  if (n.tag === 'textarea') return n.text ? undefined : ph;
  if (n.tag !== 'input' || n.attrs.value || !TEXT_INPUT_TYPES.has((n.attrs.type ?? '').toLowerCase())) return undefined;
  return ph;
}

/**
 * An icon-font ligature (<span class="material-icons" aria-hidden="true">download</span>, <mat-icon>): the font
 * draws the word as a glyph, so the word is never read as text.
 */
const LIGATURE_WORD = /^[a-z][a-z0-9_]*$/;
const ICON_FONT_CLASS = /(?:^|\s)(?:material-(?:icons|symbols)[\w-]*|mdi|icon|icons)(?:\s|$)/i;

function isIconLigature(model: FrameModel, n: SnapNode): boolean {
  if (!LIGATURE_WORD.test(n.text ?? '')) return false;
  if (n.tag === 'mat-icon' || ICON_FONT_CLASS.test(n.attrs.class ?? '')) return true;
  // Hidden from assistive technology, itself or up to 2 levels up: drawn for the eye, as icons are.
  return !!model.firstUp(n.i, isAriaHidden, 3);
}
const isAriaHidden = (a: SnapNode) => a.attrs['aria-hidden'] === 'true';

/** Text blocks of a frame: each element with own text, merged into its block-level ancestor, minus what never counts. */
function blocksOf(model: FrameModel): Block[] {
  return model.cached('localization:blocks', readBlocks);
}

const isBlockLevel = (a: SnapNode) => !!a.control || BLOCK_TAGS.has(a.tag);

/**
 * What node i shows of its own that the language is judged on, read from the node and its ancestors alone (a
 * chain fact: a live page's next snapshot keeps it wherever the change did not reach): its text and a glyph control's
 * name (undefined under code), the placeholder of an empty field, the lang of its own passage, and how many steps up
 * its block is (the nearest block-level node of itself and its ancestors; 0 when none).
 */
interface OwnTexts {
  up: number;
  text?: string;
  glyphName?: string;
  placeholder?: string;
  ownLang?: string;
}

function ownTextsOf(i: number, model: FrameModel): OwnTexts | undefined {
  const n = model.node(i);
  const text = n.text && !isIconLigature(model, n) && (isVisible(n) || n.layout?.hidden === 'offscreen') ? n.text : undefined;
  // A control drawn with a glyph ("‹", "×", "→") is read by its accessible name, which must be localised too.
  const glyphName = n.control && !/\p{L}/u.test(n.text ?? '') && n.name && isVisible(n) ? n.name : undefined;
  // A textarea's content is the user's, like code, and is never judged; its placeholder is UI text like any field's.
  const codeAt = isInCode(model, i);
  const placeholderInCode = n.tag === 'textarea' ? n.parent >= 0 && isInCode(model, n.parent) : codeAt;
  const placeholder = placeholderInCode ? undefined : shownPlaceholder(n);
  const hasTexts = text !== undefined || glyphName !== undefined;
  if (isHiddenNode(n) || ((codeAt || !hasTexts) && !placeholder)) return undefined;
  let up = 0;
  for (let k = i, steps = 0; k >= 0; k = model.node(k).parent, steps++)
    if (isBlockLevel(model.node(k))) {
      up = steps;
      break;
    }
  const ownLang = langCarrier(model, i)?.attrs.lang;
  return { up, text: codeAt ? undefined : text, glyphName: codeAt ? undefined : glyphName, placeholder, ownLang };
}

/** Node i's own texts, or undefined: most nodes show nothing of their own (wrappers) and are answered at once. */
function ownTextsOfNode(i: number, model: FrameModel): OwnTexts | undefined {
  const n = model.node(i);
  // A text, a control's name or a placeholder is needed for any.
  return n.text || (n.control && n.name) || n.attrs.placeholder ? ownTextsOf(i, model) : undefined;
}

/** The texts of one block (or of one field's placeholder) as they are found, the first apart (most blocks hold one). */
interface BlockParts {
  node: SnapNode;
  first: string;
  more?: string[];
  ownLang?: string;
}

function readBlocks(model: FrameModel): Block[] {
  const nodes = model.nodes;
  // In the order first found; 1 + the entry's place per block node and per field (placeholder), 0 for none: arrays,
  // not a Map, asked for every text of the page.
  const entries: BlockParts[] = [];
  const ofBlock = new Int32Array(nodes.length);
  const ofPlaceholder = new Int32Array(nodes.length);
  const add = (of: Int32Array, node: SnapNode, part: string, ownLang: string | undefined) => {
    const at = of[node.i];
    if (!at) of[node.i] = entries.push({ node, first: part, ownLang });
    else (entries[at - 1].more ??= []).push(part);
  };
  const owns = model.chainFacts('localization:own-texts', ownTextsOfNode);
  for (let j = 0; j < nodes.length; j++) {
    const own = owns[j];
    if (!own) continue;
    const n = nodes[j];
    if (own.text !== undefined || own.glyphName !== undefined) {
      let block = n;
      for (let step = 0; step < own.up; step++) block = nodes[block.parent];
      if (own.text !== undefined) add(ofBlock, block, own.text, own.ownLang);
      if (own.glyphName !== undefined) add(ofBlock, block, own.glyphName, own.ownLang);
    }
    // A placeholder is its own text, apart from the field's accessible name (which often repeats the label).
    if (own.placeholder) add(ofPlaceholder, n, own.placeholder, own.ownLang);
  }
  return entries.map((b) => {
    const control = !!b.node.control;
    const { text, detection } = blockReading(b.more ? `${b.first} ${b.more.join(' ')}` : b.first, control);
    return { node: b.node, text, detection, control, ownLang: b.ownLang };
  });
}

/**
 * A block's text as read and its language, per joined text (a control's apart): the same texts come back on every
 * snapshot of a live page, most of them one node's own text — the very string the last snapshot held, looked up
 * without reading it again.
 */
const blockReadings = /* @__PURE__ */ [new BoundedMap<BlockReading>(1_000_000), new BoundedMap<BlockReading>(1_000_000)];
type BlockReading = Pick<Block, 'text' | 'detection'>;

function blockReading(joined: string, control: boolean): BlockReading {
  const memo = blockReadings[control ? 1 : 0];
  let reading = memo.get(joined);
  if (!reading) {
    const text = squash(joined);
    // A control's name is a label ("Proceed", "Отказаться"), not a person's or company's name. Placeholders are
    // reported as such and are no words of any language ("Sveiki, %(first_name)s!" is Latvian, not English).
    memo.set(joined, (reading = { text, detection: detectLanguage(withoutRaw(text), { names: !control }) }));
  }
  return reading;
}

/**
 * A detection that says the text is in another language than `expected`: a word only that language has, or another
 * script (Cyrillic on a Latin-script page). National letters alone are in names and addresses too ("Brīvības iela",
 * "Šiaulių bankas").
 */
function isForeign(d: Detection, expected: string): boolean {
  if (d.lang === 'unknown' || d.lang === expected) return false;
  return d.hits > 0 || (d.script === 'cyrillic' && expected !== 'ru');
}

/** A block's language on a page in `expected`. */
function detectionOn(b: Block, expected: string): Detection {
  // On a Latin-script page names are written in Latin letters: a Cyrillic text is Russian, even one capitalised word.
  if (b.detection.name && b.detection.script === 'cyrillic' && expected !== 'ru') return detectLanguage(b.text, { names: false });
  return b.detection;
}

/**
 * Weighted vote of the blocks' languages: the language most of the text is in. Texts under their own `lang` are
 * passages apart, unless `withOwn` (all the text sits under one wrapper's or <body>'s lang: it is the page's text).
 */
function dominant(
  blocks: Block[],
  withOwn = false,
): { lang: Lang | 'unknown'; confidence: number; words: number; share: Record<string, number> } {
  const weight: Record<string, number> = {};
  let total = 0;
  for (const b of blocks) {
    if (b.detection.lang === 'unknown' || (b.ownLang && !withOwn)) continue;
    const w = Math.max(1, b.detection.words) * b.detection.confidence;
    weight[b.detection.lang] = (weight[b.detection.lang] ?? 0) + w;
    total += w;
  }
  const [lang, w] = Object.entries(weight).sort((a, b) => b[1] - a[1])[0] ?? ['unknown', 0];
  const share = Object.fromEntries(Object.entries(weight).map(([l, v]) => [l, v / total]));
  return { lang: lang as Lang | 'unknown', confidence: total ? Math.round((w / total) * 100) / 100 : 0, words: Math.round(total), share };
}

/** What every check of the rule reads: the frames that show UI, their text blocks, and the page's language. */
export interface LanguageContext {
  models: FrameModel[];
  /** Frames that show UI (the top one, and frames that do not show a document). */
  uiFrames: FrameModel[];
  blocksByFrame: Map<number, Block[]>;
  /** The frame whose document holds the page's text: the top one, or the frame of a shell page's whole UI. */
  main: FrameModel;
  /** The primary language <html lang> of `main` declares ('' when none). */
  declared: string;
  detected: ReturnType<typeof dominant>;
  /** The text tells its language clearly enough to judge the declaration. */
  confident: boolean;
  /** A good part of the text, or most texts, are in the declared language: the rest is mixing, not a wrong page language. */
  declaredHolds: boolean;
  /** The page language: what it says it is when the text agrees, else what the text is. */
  pageLang: string;
}

/** The language facts of a page, or undefined when it shows no text to judge. */
export function languageContext(models: FrameModel[]): LanguageContext | undefined {
  const top = models.find((m) => m.frame.isTop) ?? models[0];
  const uiFrames = models.filter((m) => m === top || !isDocumentFrame(models, m));
  const blocksByFrame = new Map(
    uiFrames.map((m) => [
      m.index,
      blocksOf(m).filter((b) => !isLanguageSwitcher(m, b) && !isDocumentContent(m, b.node.i) && !isOnlyKey(b.text)),
    ]),
  );
  const topBlocks = blocksByFrame.get(top.index) ?? [];
  const allText = [...blocksByFrame.values()].flat();
  if (!allText.some((b) => /\p{L}{2}/u.test(b.text))) return undefined;

  // The document that holds the page's text declares its language: the top one, or (a shell page whose whole UI is a
  // same-origin frame) the frame with the most text, whose own <html lang> then speaks for the page.
  const main = topBlocks.length
    ? top
    : ([...uiFrames]
        .filter((m) => m !== top)
        .sort((a, b) => (blocksByFrame.get(b.index)?.length ?? 0) - (blocksByFrame.get(a.index)?.length ?? 0))[0] ?? top);
  const declared = primaryLang(main.frame.lang);
  const pageBlocks = blocksByFrame.get(main.index)?.length ? blocksByFrame.get(main.index)! : allText;
  // <body lang="lt"> or <div id="app" lang="lt"> around everything: the text is still the page's, and <html lang>
  // must say its language (the check asks for <html lang>; a wrapper's lang does not declare the document's).
  const ownDetected = dominant(pageBlocks);
  const wrapped = pageBlocks.length > 0 && pageBlocks.every((b) => b.ownLang);
  const detected = ownDetected.lang === 'unknown' && wrapped ? dominant(pageBlocks, true) : ownDetected;
  // A short dialog ("Kontrolinis kodas", "Atšaukti") has few words, but when every text that can be told agrees with
  // <html lang> there is nothing left to doubt.
  const agrees =
    !!declared && detected.lang === declared && pageBlocks.every((b) => b.ownLang || !isForeign(detectionOn(b, declared), declared));
  const confident = detected.lang !== 'unknown' && ((detected.confidence >= 0.6 && detected.words >= 4) || agrees);
  const judged = pageBlocks.filter(
    (b) => !b.ownLang && b.detection.lang !== 'unknown' && (b.detection.hits > 0 || b.detection.script === 'cyrillic'),
  );
  const declaredHolds =
    !!declared &&
    ((detected.share[declared] ?? 0) >= 0.25 ||
      (judged.length >= 2 && judged.filter((b) => b.detection.lang === declared).length * 2 >= judged.length));
  const pageLang = confident && !declaredHolds ? detected.lang : declared || detected.lang;
  return { models, uiFrames, blocksByFrame, main, declared, detected, confident, declaredHolds, pageLang };
}

function verdict(
  ctx: LanguageContext,
  check: string,
  m: FrameModel,
  i: number,
  severity: Finding['severity'],
  reason: string,
  evidence: Record<string, unknown>,
  message = reason,
): CheckVerdict {
  return { check, verdict: 'fail', reason, findings: [nodeFinding(ctx.models, m.index, i, severity, message, evidence, 'fail')] };
}

/** Check `page-language`: <html lang> is there and says the language the text is in; too little text is doubt. */
export function pageLanguage(ctx: LanguageContext): CheckVerdict[] {
  const { main, declared, detected, confident } = ctx;
  const out: CheckVerdict[] = [];
  if (!declared) {
    const msg = format(messages.missingLang, { detected: confident ? name(detected.lang) : 'undetermined' });
    out.push(
      verdict(ctx, 'page-language', main, 0, 'serious', msg, { declared: '', detected: detected.lang, confidence: detected.confidence }),
    );
  } else if (confident && declared !== detected.lang && !ctx.declaredHolds) {
    const msg = format(messages.wrongLang, { declared: main.frame.lang, detected: name(detected.lang), confidence: detected.confidence });
    const evidence = { declared: main.frame.lang, detected: detected.lang, confidence: detected.confidence };
    out.push(verdict(ctx, 'page-language', main, 0, 'serious', msg, evidence));
  }
  if (!confident) out.push({ check: 'page-language', verdict: 'review', reason: messages.uncertain, findings: [] });
  return out;
}

/** Check `frame-parameter`: an embedded frame's URL asks for another language than the page's (?lang=, ?locale=). */
export function frameParameters(ctx: LanguageContext): CheckVerdict[] {
  const out: CheckVerdict[] = [];
  for (const m of ctx.models) {
    for (const n of m.nodes) {
      if ((n.tag !== 'iframe' && n.tag !== 'frame') || !n.attrs.src || isHiddenNode(n)) continue;
      const param = langParam(n.attrs.src);
      if (!param || ctx.pageLang === 'unknown' || param === ctx.pageLang || !LANGUAGE_NAME[param]) continue;
      const msg = format(messages.frameParam, { url: n.attrs.src, param, page: name(ctx.pageLang) });
      out.push(verdict(ctx, 'frame-parameter', m, n.i, 'serious', msg, { src: n.attrs.src, requested: param, page: ctx.pageLang }));
    }
  }
  return out;
}

/**
 * Check `frame-language`: each UI frame with text of its own runs in the page language. A frame whose URL was already
 * reported for its parameter keeps its finding but adds no second reason.
 */
export function frameLanguages(ctx: LanguageContext, params: CheckVerdict[] = []): CheckVerdict[] {
  const out: CheckVerdict[] = [];
  for (const m of ctx.uiFrames) {
    if (m === ctx.main || ctx.pageLang === 'unknown') continue;
    const blocks = ctx.blocksByFrame.get(m.index) ?? [];
    // A frame with no text of its own (the shell around the main frame) says nothing in any language.
    if (!blocks.length) continue;
    const det = dominant(blocks);
    const frameLang = det.lang !== 'unknown' && det.confidence >= 0.6 && det.words >= 4 ? det.lang : primaryLang(m.frame.lang);
    if (!frameLang || frameLang === 'unknown' || frameLang === ctx.pageLang || !LANGUAGE_NAME[frameLang]) continue;
    const msg = format(messages.frameLang, { url: m.frame.url, frameLang: name(frameLang), page: name(ctx.pageLang) });
    const reason = params.find((p) => p.reason.includes(m.frame.url))?.reason ?? msg;
    const evidence = { frameUrl: m.frame.url, declared: m.frame.lang, detected: det.lang, confidence: det.confidence, page: ctx.pageLang };
    out.push(verdict(ctx, 'frame-language', m, 0, 'serious', reason, evidence, msg));
  }
  return out;
}

/** The language each UI frame's text is judged against: the page language in the main frame, its own elsewhere. */
function expectedLang(ctx: LanguageContext, m: FrameModel): string {
  return m === ctx.main ? ctx.pageLang : dominant(ctx.blocksByFrame.get(m.index) ?? []).lang;
}

/** Check `declared-passage`: a passage under its own lang attribute is in the language it declares. */
export function declaredPassages(ctx: LanguageContext): CheckVerdict[] {
  const out: CheckVerdict[] = [];
  for (const m of ctx.uiFrames) {
    const expected = expectedLang(ctx, m);
    if (expected === 'unknown') continue;
    for (const b of ctx.blocksByFrame.get(m.index) ?? []) {
      if (!b.ownLang) continue;
      const d = detectionOn(b, expected);
      if (d.lang === 'unknown' || primaryLang(b.ownLang) === d.lang || d.confidence < 0.75 || d.words < 3) continue;
      const msg = format(messages.ownLangWrong, { text: b.text.slice(0, 60), declared: b.ownLang, detected: name(d.lang) });
      const evidence = { text: b.text.slice(0, 200), declared: b.ownLang, detected: d.lang, confidence: d.confidence };
      out.push(verdict(ctx, 'declared-passage', m, b.node.i, 'moderate', msg, evidence));
    }
  }
  return out;
}

/** Check `mixed-language`: texts in another language than their frame's; one verdict listing examples, a finding each. */
export function mixedLanguage(ctx: LanguageContext): CheckVerdict[] {
  const mixed: { m: FrameModel; b: Block; d: Detection }[] = [];
  const shortForeign: typeof mixed = [];
  for (const m of ctx.uiFrames) {
    const expected = expectedLang(ctx, m);
    if (expected === 'unknown') continue;
    for (const b of ctx.blocksByFrame.get(m.index) ?? []) {
      const d = detectionOn(b, expected);
      if (b.ownLang || d.lang === 'unknown' || d.lang === expected || !isForeign(d, expected)) continue;
      // Controls are short: one UI word decides. Prose needs a few words and a clear lead.
      const sure = b.control ? d.confidence >= 0.75 : d.confidence >= 0.75 && d.words >= 3;
      if (sure) mixed.push({ m, b, d });
      else if (d.confidence >= 0.75) shortForeign.push({ m, b, d });
    }
  }
  // Many short texts in one other language (status badges, dates) are mixing too, though each alone is too short.
  const byLang = new Map<string, typeof shortForeign>();
  for (const x of shortForeign) byLang.set(x.d.lang, [...(byLang.get(x.d.lang) ?? []), x]);
  for (const group of byLang.values()) if (group.length >= 3) mixed.push(...group);
  if (!mixed.length) return [];
  const examples = mixed
    .slice(0, 4)
    .map(({ b, d }) => `"${b.text.slice(0, 40)}" (${d.lang})`)
    .join(', ');
  const findings = mixed.map(({ m, b, d }) =>
    nodeFinding(
      ctx.models,
      m.index,
      b.node.i,
      'serious',
      format(messages.mixedOne, { text: b.text.slice(0, 80), detected: name(d.lang), page: name(ctx.pageLang) }),
      { text: b.text.slice(0, 200), detected: d.lang, confidence: d.confidence, page: ctx.pageLang },
      'fail',
    ),
  );
  return [{ check: 'mixed-language', verdict: 'fail', reason: format(messages.mixed, { count: mixed.length, examples }), findings }];
}

const LINE_GAP = /\s{2,}|\n/;

/** Check `raw-key`: a raw message key or an unfilled placeholder is shown, in any UI frame (text and control names). */
export function rawKeys(ctx: LanguageContext): CheckVerdict[] {
  const out: CheckVerdict[] = [];
  for (const m of ctx.uiFrames) {
    for (const b of blocksOf(m)) {
      // A block's text is squashed: only a text still holding wide gaps or lines is split (no array per block).
      const raw =
        rawKeyIn(b.text) ??
        (LINE_GAP.test(b.text)
          ? b.text
              .split(/\s{2,}|\n/)
              .map(rawKeyIn)
              .find(Boolean)
          : undefined);
      if (!raw) continue;
      out.push(
        verdict(ctx, 'raw-key', m, b.node.i, 'serious', format(messages.rawKey, { text: raw }), { text: raw, in: b.text.slice(0, 120) }),
      );
    }
  }
  return out;
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const ctx = languageContext(modelsOf(page));
  if (!ctx) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  const params = frameParameters(ctx);
  // Every check must hold: the worst decides.
  const verdicts = [
    ...pageLanguage(ctx),
    ...params,
    ...frameLanguages(ctx, params),
    ...declaredPassages(ctx),
    ...mixedLanguage(ctx),
    ...rawKeys(ctx),
  ];
  const result = aggregate([{ mode: 'all', verdicts }]);
  if (result.status === 'fail') {
    return {
      status: 'fail',
      summary: format(messages.fail, { reasons: reasonsOf(verdicts, 'fail').slice(0, 6).join('; ') }),
      findings: result.findings,
    };
  }
  const { main, detected } = ctx;
  const summaryEvidence = { language: name(ctx.pageLang), confidence: detected.confidence };
  const language = nodeFinding(
    ctx.models,
    main.index,
    0,
    'minor',
    format(messages.pass, summaryEvidence),
    { declared: main.frame.lang, detected: detected.lang, confidence: detected.confidence, words: detected.words },
    result.status === 'review' ? 'review' : 'pass',
  );
  if (result.status === 'review') {
    return {
      status: 'review',
      summary: format(messages.review, { reasons: reasonsOf(verdicts, 'review').join('; ') }),
      findings: [...result.findings, language],
    };
  }
  return { status: 'pass', summary: format(messages.pass, summaryEvidence), findings: [...result.findings, language] };
}

export const localization = { meta, evaluate, messages, reads: 'frames' } satisfies Rule;
