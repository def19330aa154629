/**
 * localization: the page says which language it is in, is written in that language throughout, shows no raw
 * message keys or unfilled placeholders, and embeds gateway / Smart-ID / Mobile-ID steps in the same language.
 * Sources: Dokobit review list ("localization works in every language offered"); Identity Gateway `locale` and
 * Documents Gateway `language` options — domain.md §3.2, §3.7, §7.
 */
import { nodeFinding } from '../findings';
import { detectLanguage, primaryLang, type Detection, type Lang } from '../lang';
import { format } from '../messages';
import { isHiddenNode, isVisible, modelsOf, type FrameModel } from '../model';
import { isInCode } from '../signals/brands';
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
  id: 'localization',
  title: 'Page language is declared and consistent',
  failureTitle: 'Localization problems',
  description:
    'The page declares its language (<html lang>), its texts and controls are all in that language, no untranslated message keys or placeholders show, and embedded gateway or Smart-ID / Mobile-ID steps use the same language.',
  severity: 'serious' as const,
  source: 'Dokobit integration review list (localization); domain.md §3.2, §3.7, §7',
};

const LANGUAGE_NAME: Record<string, string> = { en: 'English', lt: 'Lithuanian', lv: 'Latvian', et: 'Estonian', ru: 'Russian' };
const name = (l: string) => LANGUAGE_NAME[l] ?? l;

const BLOCK_TAGS = new Set(['p', 'li', 'td', 'th', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'label', 'legend', 'caption',
  'figcaption', 'blockquote', 'summary', 'button', 'a', 'option', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'form', 'body', 'aside', 'dialog']);

/** Raw i18n keys and unfilled placeholders, as frameworks leave them. */
const RAW_PATTERNS: RegExp[] = [
  /\{\{\s*[\w.$-]+\s*\}\}/, // {{ code }}
  /\$\{\s*[\w.]+\s*\}/, // ${name}
  /(^|\s)%(\d+\$)?[sd](\s|$|[.,:;])/, // %s, %1$s
  /%\([\w]+\)[sd]/, // %(name)s
  /\[missing "[^"]+" translation\]/i, // Rails
  /translation missing:/i, // Rails / i18n-js
  /(^|\s)\{\d\}(\s|$)/, // {0}
  /\{\s*[a-zA-Z_][\w.]*\s*\}/, // {name} (vue-i18n, i18next single braces)
  /%\{\s*\w+\s*\}/, // %{seconds} (Rails, Polyglot)
  /\{\s*\w+\s*,\s*(plural|select|selectordinal|number|date|time)\b/, // raw ICU message
  /__[A-Z][A-Z0-9_]+__/, // __SIGN_BUTTON__
  /(^|\s):[a-z]+_[a-z_]+(\s|$)/, // :placeholder_name
];
/** A whole text that is a dotted or snake_case key (sign.cancel_button, SIGN_BUTTON_LABEL, signing.title). */
const KEY_TEXT = /^(?:[a-z][a-zA-Z0-9]*(?:[._][a-zA-Z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){1,})$/;
const TLD = /\.(com|lt|lv|ee|eu|org|net|ru|io|html?|pdf|php|js|css|png|svg|jpe?g|docx?|asice|bdoc)$/i;

function rawKeyIn(text: string): string | undefined {
  const t = text.trim();
  for (const re of RAW_PATTERNS) {
    const m = re.exec(t);
    if (m) return m[0].trim();
  }
  if (KEY_TEXT.test(t) && !TLD.test(t) && (t.includes('_') || t.split('.').length >= 3 || /[a-z][A-Z]/.test(t) || /^[a-z]+\.[a-z]+$/.test(t))) {
    // "e.g" or a version "v1.2" are not keys; a key has at least one word-like segment of 3+ letters.
    if (/[a-zA-Z]{3,}/.test(t)) return t;
  }
  return undefined;
}

/** Language names in their own language and language codes: a language switcher is not mixed language. */
const LANGUAGE_LABEL = /^(en|eng|english|in english|english version|lt|lit|lietuviu|lietuviskai|lietuviu kalba|lithuanian|lv|lat|latviesu|latviski|latviesu valoda|latvian|et|est|ee|eesti|eesti keeles|estonian|ru|rus|русский|по-русски|на русском|на русском языке|russian|is|islenska|pl|polski|de|deutsch|fi|suomi)$/i;

function isLanguageSwitcher(model: FrameModel, i: number): boolean {
  for (const c of [model.node(i), ...[...model.ancestors(i)].slice(0, 3)]) {
    if (model.cached(`switcher:${c.i}`, () => listsLanguages(model, c))) return true;
  }
  return LANGUAGE_LABEL.test((model.node(i).text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim());
}

/** A container whose items (a handful) are mostly language names or codes. Computed once per container. */
function listsLanguages(model: FrameModel, c: SnapNode): boolean {
  {
    if (model.children[c.i].length > 30) return false;
    const items = model.children[c.i].map((k) => model.subtreeText(k, 40).normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim()).filter(Boolean);
    const own = (c.text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/\s*[|·/,•]\s*/).map((t) => t.trim()).filter(Boolean);
    const all = [...items, ...own];
    return all.length >= 2 && all.filter((t) => LANGUAGE_LABEL.test(t)).length >= Math.max(2, all.length * 0.6);
  }
}

const DOC_HINT = /doc|contract|agreement|terms|preview|viewer|pdf|sutart|ligum|leping|договор|dokument/i;

/** A document shown for reading (preview text, PDF frame) is the document's language, not the UI's. */
function isDocumentContent(model: FrameModel, i: number): boolean {
  return [model.node(i), ...model.ancestors(i)].some((a) =>
    (['article', 'section', 'div', 'main', 'pre', 'aside', 'figure'].includes(a.tag) || a.attrs.role === 'document')
    && DOC_HINT.test(`${a.attrs.class ?? ''} ${a.attrs.id ?? ''} ${a.attrs['aria-label'] ?? ''} ${a.attrs.role ?? ''}`));
}

/** A frame that shows a document (no controls, mostly text, or marked as a viewer by its iframe). */
function isDocumentFrame(models: FrameModel[], model: FrameModel): boolean {
  if (/\.pdf($|[?#])|viewer/i.test(model.frame.url)) return true;
  const controls = model.nodes.filter((n) => n.control && isVisible(n)).length;
  const host = models.flatMap((m) => m.nodes.filter((n) => n.frame === model.index))[0];
  if (host && DOC_HINT.test(`${host.attrs.title ?? ''} ${host.attrs.class ?? ''} ${host.attrs.id ?? ''} ${host.attrs['aria-label'] ?? ''}`) && controls <= 1) return true;
  return controls === 0 && model.subtreeText(0, 800).length >= 300;
}

interface Block {
  node: SnapNode;
  text: string;
  detection: Detection;
  control: boolean;
  ownLang?: string;
}

/** Text blocks of a frame: each element with own text, merged into its block-level ancestor, minus what never counts. */
function blocksOf(model: FrameModel): Block[] {
  const byBlock = new Map<number, { node: SnapNode; parts: string[]; control: boolean; ownLang?: string }>();
  for (const n of model.nodes) {
    const texts: string[] = [];
    if (n.text && isVisible(n)) texts.push(n.text);
    else if (n.text && n.layout?.hidden === 'offscreen') texts.push(n.text);
    if (n.control && !n.text && n.name && isVisible(n)) texts.push(n.name);
    if (!texts.length || isInCode(model, n.i) || isHiddenNode(n)) continue;
    const block = [n, ...model.ancestors(n.i)].find((a) => a.control || BLOCK_TAGS.has(a.tag)) ?? n;
    const langCarrier = [n, ...model.ancestors(n.i)].find((a) => a.attrs.lang && a.tag !== 'html');
    let entry = byBlock.get(block.i);
    if (!entry) byBlock.set(block.i, (entry = { node: block, parts: [], control: !!block.control, ownLang: langCarrier?.attrs.lang }));
    entry.parts.push(...texts);
  }
  return [...byBlock.values()].map((b) => {
    const text = b.parts.join(' ').replace(/\s+/g, ' ').trim();
    return { node: b.node, text, detection: detectLanguage(text), control: b.control, ownLang: b.ownLang };
  });
}

/** Weighted vote of the blocks' languages: the language most of the text is in. */
function dominant(blocks: Block[]): { lang: Lang | 'unknown'; confidence: number; words: number } {
  const weight: Record<string, number> = {};
  let total = 0;
  for (const b of blocks) {
    if (b.detection.lang === 'unknown' || b.ownLang) continue;
    const w = Math.max(1, b.detection.words) * b.detection.confidence;
    weight[b.detection.lang] = (weight[b.detection.lang] ?? 0) + w;
    total += w;
  }
  const [lang, w] = Object.entries(weight).sort((a, b) => b[1] - a[1])[0] ?? ['unknown', 0];
  return { lang: lang as Lang | 'unknown', confidence: total ? Math.round((w / total) * 100) / 100 : 0, words: Math.round(total) };
}

const LANG_PARAM = /[?&#](?:lang|language|locale|hl|lng|ui_locales)=([a-zA-Z]{2})(?:[-_][a-zA-Z]+)?(?:&|$)/;

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const top = models.find((m) => m.frame.isTop) ?? models[0];
  const findings: Finding[] = [];
  const fails: string[] = [];
  const reviews: string[] = [];
  const uiFrames = models.filter((m) => m === top || !isDocumentFrame(models, m));
  const blocksByFrame = new Map(uiFrames.map((m) => [m.index, blocksOf(m).filter((b) => !isLanguageSwitcher(m, b.node.i) && !isDocumentContent(m, b.node.i))]));
  const topBlocks = blocksByFrame.get(top.index) ?? [];
  const allText = [...blocksByFrame.values()].flat();
  if (!allText.some((b) => /\p{L}{2}/u.test(b.text))) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };

  const declared = primaryLang(top.frame.lang);
  const detected = dominant(topBlocks.length ? topBlocks : allText);
  const at = (m: FrameModel, i: number, severity: Finding['severity'], message: string, evidence: Record<string, unknown>, outcome: Finding['outcome']) =>
    findings.push(nodeFinding(models, m.index, i, severity, message, evidence, outcome));
  const confident = detected.lang !== 'unknown' && detected.confidence >= 0.6 && detected.words >= 4;

  if (!declared) {
    const msg = format(messages.missingLang, { detected: confident ? name(detected.lang) : 'undetermined' });
    fails.push(msg);
    at(top, 0, 'serious', msg, { declared: '', detected: detected.lang, confidence: detected.confidence }, 'fail');
  } else if (confident && declared !== detected.lang) {
    const msg = format(messages.wrongLang, { declared: top.frame.lang, detected: name(detected.lang), confidence: detected.confidence });
    fails.push(msg);
    at(top, 0, 'serious', msg, { declared: top.frame.lang, detected: detected.lang, confidence: detected.confidence }, 'fail');
  }
  // The page language: what it says it is when the text agrees, else what the text is.
  const pageLang = confident ? detected.lang : (declared || detected.lang);
  if (!confident) reviews.push(messages.uncertain);

  // Frames: each UI frame is compared with the page language; iframe URLs that ask for another language too.
  for (const m of models) {
    for (const n of m.nodes) {
      if ((n.tag !== 'iframe' && n.tag !== 'frame') || !n.attrs.src || isHiddenNode(n)) continue;
      const param = LANG_PARAM.exec(n.attrs.src)?.[1]?.toLowerCase();
      if (param && pageLang !== 'unknown' && param !== pageLang && LANGUAGE_NAME[param]) {
        const msg = format(messages.frameParam, { url: n.attrs.src, param, page: name(pageLang) });
        fails.push(msg);
        at(m, n.i, 'serious', msg, { src: n.attrs.src, requested: param, page: pageLang }, 'fail');
      }
    }
  }
  for (const m of uiFrames) {
    if (m === top || pageLang === 'unknown') continue;
    const blocks = blocksByFrame.get(m.index) ?? [];
    const own = primaryLang(m.frame.lang);
    const det = dominant(blocks);
    const frameLang = det.lang !== 'unknown' && det.confidence >= 0.6 && det.words >= 4 ? det.lang : own;
    if (frameLang && frameLang !== 'unknown' && frameLang !== pageLang && LANGUAGE_NAME[frameLang]) {
      const msg = format(messages.frameLang, { url: m.frame.url, frameLang: name(frameLang), page: name(pageLang) });
      if (!fails.some((f) => f.includes(m.frame.url))) fails.push(msg);
      at(m, 0, 'serious', msg, { frameUrl: m.frame.url, declared: m.frame.lang, detected: det.lang, confidence: det.confidence, page: pageLang }, 'fail');
    }
  }

  // Mixed language inside the page (each frame against its own language).
  const mixed: { m: FrameModel; b: Block }[] = [];
  const shortForeign: { m: FrameModel; b: Block }[] = [];
  for (const m of uiFrames) {
    const blocks = blocksByFrame.get(m.index) ?? [];
    const frameDet = m === top ? { lang: pageLang } : dominant(blocks);
    const expected = frameDet.lang;
    if (expected === 'unknown') continue;
    for (const b of blocks) {
      const d = b.detection;
      if (d.lang === 'unknown') continue;
      if (b.ownLang) {
        const own = primaryLang(b.ownLang);
        if (own !== d.lang && d.confidence >= 0.75 && d.words >= 3) {
          const msg = format(messages.ownLangWrong, { text: b.text.slice(0, 60), declared: b.ownLang, detected: name(d.lang) });
          fails.push(msg);
          at(m, b.node.i, 'moderate', msg, { text: b.text.slice(0, 200), declared: b.ownLang, detected: d.lang, confidence: d.confidence }, 'fail');
        }
        continue;
      }
      if (d.lang === expected) continue;
      // Controls are short: one UI word decides. Prose needs a few words and a clear lead.
      const sure = b.control ? d.confidence >= 0.75 : d.confidence >= 0.75 && d.words >= 3;
      if (sure) mixed.push({ m, b });
      else if (d.confidence >= 0.75) shortForeign.push({ m, b });
    }
  }
  // Many short texts in one other language (status badges, dates) are mixing too, though each alone is too short.
  const byLang = new Map<string, typeof shortForeign>();
  for (const x of shortForeign) byLang.set(x.b.detection.lang, [...(byLang.get(x.b.detection.lang) ?? []), x]);
  for (const group of byLang.values()) if (group.length >= 3) mixed.push(...group);
  if (mixed.length) {
    const examples = mixed.slice(0, 4).map(({ b }) => `"${b.text.slice(0, 40)}" (${b.detection.lang})`).join(', ');
    fails.push(format(messages.mixed, { count: mixed.length, examples }));
    for (const { m, b } of mixed) {
      at(m, b.node.i, 'serious', format(messages.mixedOne, { text: b.text.slice(0, 80), detected: name(b.detection.lang), page: name(pageLang) }),
        { text: b.text.slice(0, 200), detected: b.detection.lang, confidence: b.detection.confidence, page: pageLang }, 'fail');
    }
  }

  // Raw keys and placeholders, in any UI frame (visible text and control names).
  for (const m of uiFrames) {
    for (const b of blocksOf(m)) {
      const raw = rawKeyIn(b.text) ?? b.text.split(/\s{2,}|\n/).map(rawKeyIn).find(Boolean);
      if (!raw) continue;
      const msg = format(messages.rawKey, { text: raw });
      fails.push(msg);
      at(m, b.node.i, 'serious', msg, { text: raw, in: b.text.slice(0, 120) }, 'fail');
    }
  }

  const summaryEvidence = { language: name(pageLang), confidence: detected.confidence };
  if (fails.length) return { status: 'fail', summary: format(messages.fail, { reasons: [...new Set(fails)].slice(0, 6).join('; ') }), findings };
  at(top, 0, 'minor', format(messages.pass, summaryEvidence), { declared: top.frame.lang, detected: detected.lang, confidence: detected.confidence, words: detected.words }, reviews.length ? 'review' : 'pass');
  if (reviews.length) return { status: 'review', summary: format(messages.review, { reasons: reviews.join('; ') }), findings };
  return { status: 'pass', summary: format(messages.pass, summaryEvidence), findings };
}

export const localization: Rule = { meta, evaluate, messages };
