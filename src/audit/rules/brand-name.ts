/**
 * brand-name: Smart-ID and Mobile-ID are spelled as SK ID Solutions writes them, in the language of the text.
 * Sources: SK documentation usage ("Smart-ID", "Smart-ID+", "Smart-ID Basic"), SK MID README ("Mobile-ID"),
 * telia.ee ("Mobiil-ID"), Dokobit LV help ("Mobilais ID" / "Mobilo ID") — domain.md §1.1, §2.1, §6.1 BR-1, BR-2.
 */
import { findBrandMentions, isInCode, type BrandMention } from '../signals/brands';
import { nodeFinding } from '../findings';
import { detectLanguage, primaryLang } from '../lang';
import { format } from '../messages';
import { isVisible, langCarrier, langOf, modelsOf, showsFixedValue, type FrameModel } from '../model';
import { asShown, paintedEvidence, paintedReading, type PaintedReading } from '../signals/painted';
import type { Finding, PageSnapshot, Rule, RuleOutcome, SnapNode } from '../types';

export const messages = {
  notApplicable: 'Neither Smart-ID nor Mobile-ID is named on the page.',
  pass: 'Smart-ID / Mobile-ID are spelled correctly (${count} mention(s)).',
  fail: '${count} misspelled brand name(s): ${examples}.',
  review: 'Brand names need a look: ${examples}.',
  smartWrong: '"${text}" should be written "Smart-ID"',
  allCaps: '"${text}" is in capitals; SK writes "Smart-ID" (acceptable in an all-caps heading if your style guide allows it)',
  mobileWrong: '"${text}" should be written "${expected}" in ${language} text',
  mobileSpaced:
    '"${text}" should be written "Mobile-ID" in ${language} text (SK writes "Mobile-ID"; some vendor pages, Dokobit\'s portal among them, use the spaced form, so judge it with the integrator)',
  mobileEnglishInEt: '"${text}" in Estonian text: SK\'s Estonian name is "Mobiil-ID"',
  mobileEnglishInLv:
    '"${text}" in Latvian text: SK\'s Latvian name is "Mobilais ID" (inflected: "Mobilo ID", "Mobilajā ID"…); the brand form is used by some sites, so judge it with the integrator',
  ok: '"${text}" is spelled correctly',
  painted: 'the page shows "${shown}", its text says "${written}" (CSS reorders, draws or hides its letters)',
};

export const meta = {
  id: 'brand-name' as const,
  title: 'Smart-ID and Mobile-ID are spelled correctly',
  failureTitle: 'Smart-ID or Mobile-ID is misspelled',
  description:
    'SK ID Solutions writes "Smart-ID" (also "Smart-ID+", "Smart-ID Basic") and "Mobile-ID" ("Mobiil-ID" in Estonian, "Mobilais ID" / "Mobilo ID" in Latvian). Visible text and accessible names must use those spellings.',
  severity: 'moderate' as const,
  source: 'SK ID Solutions documentation usage; domain.md §1.1, §2.1, §6.1 (BR-1, BR-2)',
};

const LANGUAGE_NAME: Record<string, string> = { en: 'English', lt: 'Lithuanian', lv: 'Latvian', et: 'Estonian', ru: 'Russian' };

type Verdict = { outcome: 'pass' | 'fail' | 'review'; message: string; expected?: string };

/** The non-breaking hyphen (U+2011) and the Unicode hyphen (U+2010) render as "-": the spelling is the same. */
function spelling(text: string): string {
  return text.replace(/[\u2010\u2011]/g, '-');
}

/** One spelling on screen and in the DOM; case is left to text-transform, which the spelling rules judge. */
function sameSpelling(a: string, b: string): boolean {
  return spelling(a).toLowerCase() === spelling(b).toLowerCase();
}

function judgeSmartId(m: BrandMention): Verdict {
  const t = spelling(m.text);
  if (t === 'Smart-ID') return { outcome: 'pass', message: format(messages.ok, m) };
  if (t === 'SMART-ID') return { outcome: 'review', message: format(messages.allCaps, m) };
  return { outcome: 'fail', message: format(messages.smartWrong, m), expected: 'Smart-ID' };
}

function judgeMobileId(m: BrandMention, lang: string, sure: boolean): Verdict {
  const t = spelling(m.text);
  const language = LANGUAGE_NAME[lang] ?? 'English';
  if (t === 'MOBILE-ID' || t === 'MOBIIL-ID') return { outcome: 'review', message: format(messages.allCaps, m) };
  switch (lang) {
    case 'et':
      if (t === 'Mobiil-ID') return { outcome: 'pass', message: format(messages.ok, m) };
      // The English form in text that surely is Estonian is wrong; when the language is a guess, a human decides.
      if (t === 'Mobile-ID')
        return { outcome: sure ? 'fail' : 'review', message: format(messages.mobileEnglishInEt, m), expected: 'Mobiil-ID' };
      return {
        outcome: 'fail',
        message: format(messages.mobileWrong, { text: t, expected: 'Mobiil-ID', language }),
        expected: 'Mobiil-ID',
      };
    case 'lv':
      // Latvian inflects the name: Mobilais ID, Mobilo ID, Mobilajam ID, Mobilā ID…
      if (/^Mobil(ais|o|ajam|aja|ā|ajā|u)[\s\u00a0]ID$/.test(t)) return { outcome: 'pass', message: format(messages.ok, m) };
      // The English form in text that surely is Latvian is wrong ("izmantojiet … Mobile-ID"); a guessed language: review.
      // SK's guideline prefers the Latvian name (domain.md BR-2) and Latvian sites do use the brand form: a human
      // decides, it is not a misspelling.
      if (t === 'Mobile-ID') return { outcome: 'review', message: format(messages.mobileEnglishInLv, m), expected: 'Mobilais ID' };
      return {
        outcome: 'fail',
        message: format(messages.mobileWrong, { text: t, expected: 'Mobilais ID', language }),
        expected: 'Mobilais ID',
      };
    case 'ru':
      if (t === 'Mobile-ID' || t === 'Mobiil-ID') return { outcome: 'pass', message: format(messages.ok, m) };
      if (/^Mobile[\s\u00a0]ID$/.test(t))
        return { outcome: 'fail', message: format(messages.mobileSpaced, { text: t, language }), expected: 'Mobile-ID' };
      return {
        outcome: 'fail',
        message: format(messages.mobileWrong, { text: t, expected: 'Mobile-ID', language }),
        expected: 'Mobile-ID',
      };
    default:
      if (t === 'Mobile-ID') return { outcome: 'pass', message: format(messages.ok, m) };
      if (/^Mobile[\s\u00a0]ID$/.test(t))
        return { outcome: 'fail', message: format(messages.mobileSpaced, { text: t, language }), expected: 'Mobile-ID' };
      return {
        outcome: 'fail',
        message: format(messages.mobileWrong, { text: t, expected: 'Mobile-ID', language }),
        expected: 'Mobile-ID',
      };
  }
}

/**
 * The language a mention is written in: the element's own lang, else what its block reads as, else the page's.
 * `sure` when an element says so or the text reads clearly as that language. A bare label ("Mobile-ID" on a tab)
 * has no language of its own: the nearest block around it with readable text decides, and is sure when it agrees
 * with <html lang>.
 */
function languageAt(model: FrameModel, n: SnapNode): { lang: string; sure: boolean } {
  const own = n.attrs.lang ?? (n.parent >= 0 ? langCarrier(model, n.parent)?.attrs.lang : undefined);
  if (own) return { lang: primaryLang(own), sure: true };
  const page = primaryLang(langOf(model, n.i));
  const parent = n.parent >= 0 ? n.parent : n.i;
  const detected = detectLanguage(model.subtreeText(parent, 600));
  if (detected.lang !== 'unknown' && detected.confidence >= 0.6) return { lang: detected.lang, sure: detected.confidence >= 0.75 };
  if (detected.lang === 'unknown') {
    for (const a of model.ancestors(parent, 8)) {
      const around = detectLanguage(model.subtreeText(a.i, 600));
      if (around.lang === 'unknown') continue;
      if (around.confidence < 0.6) break;
      return { lang: around.lang, sure: around.lang === page };
    }
  }
  return { lang: page || 'en', sure: false };
}

type Source = 'text' | 'name' | 'placeholder';

// Zero-width spaces, joiners and soft hyphens are invisible break hints: "Smart-\u200bID" reads "Smart-ID", and
// "Mobile\u200bID" reads "MobileID". Read the text without them.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Hashtags and file names are identifiers shown verbatim, like URLs: "#SmartID", "SmartID_naudotojo_vadovas.pdf".
const TAG_OR_FILE =
  /(?<![\p{L}\p{N}&])#[\p{L}\p{N}_]+|(?<![^\s"'«»„“”()<>[\]])[^\s"'«»„“”()<>[\]]+\.(?:pdf|docx?|xlsx?|odt|ods|rtf|txt|asice|asics|bdoc|edoc|adoc|ddoc|zip|png|jpe?g|gif|svg)(?![\p{L}\p{N}])/giu;

/** Brand mentions as the user reads them: invisible characters dropped, hashtags and file names left out. */
function mentionsIn(text: string): BrandMention[] {
  const shown = text.replace(INVISIBLE, '');
  const found = findBrandMentions(shown);
  // Most texts name no brand: no hashtags or file names to look for then.
  if (!found.length) return found;
  const skip = [...shown.matchAll(TAG_OR_FILE)].map((m) => [m.index!, m.index! + m[0].length] as const);
  return found.filter((m) => !skip.some(([a, b]) => m.index >= a && m.index < b));
}

/** Nodes a user reads: visible (or scrolled out of view), not code. */
function readable(model: FrameModel, n: SnapNode): boolean {
  const option = n.tag === 'option' && isVisible(model.node(n.parent));
  return (option || isVisible(n) || n.layout?.hidden === 'offscreen') && !isInCode(model, n.i);
}

/**
 * Whether a control's accessible name adds something to what it shows: every brand spelling in the name is also in
 * its visible text or in the names of its visible parts (img alt, aria-label, title).
 */
function nameIsShown(model: FrameModel, control: SnapNode, name: string): boolean {
  const mentions = mentionsIn(name);
  if (!mentions.length) return true;
  const shown: string[] = [];
  for (const k of [control.i, ...model.descendants(control.i, 200)]) {
    const d = model.node(k);
    if (!readable(model, d)) continue;
    for (const t of [d.text, d.flow, d.attrs.alt, d.attrs['aria-label'], d.attrs.title, d.tag === 'svg' ? d.name : undefined])
      if (t) shown.push(t);
  }
  const seen = mentionsIn(shown.join(' \n ')).map((m) => m.text);
  return mentions.every((m) => seen.includes(m.text));
}

/** Called with each text a user reads or hears (a callback, not a generator: no iterator objects per node). */
type ReadText = (node: SnapNode, text: string, source: Source, reading?: PaintedReading) => void;

/**
 * Texts a user reads or hears: visible own text, and accessible names (aria-label, alt, title) of visible elements.
 * A text whose glyphs CSS reorders, draws or hides is read as painted (`reading` holds both readings).
 */
function readableTexts(model: FrameModel, read: ReadText): void {
  // Text split over inline elements is read once, whole, from the element around it.
  const covered = new Set<number>();
  for (let k = 0; k < model.nodes.length; k++) {
    const n = model.nodes[k];
    // A placeholder is shown until the user types: read it even on a <textarea>, whose content is the user's.
    const placeholder = n.attrs.placeholder;
    const field =
      (n.tag === 'input' || n.tag === 'textarea') &&
      isVisible(n) &&
      !n.attrs.value &&
      placeholder &&
      placeholder !== n.attrs['aria-label'] &&
      placeholder !== n.attrs.title;
    // Under code (its own tag aside: a <textarea>'s placeholder is UI text): isInCode of the parent asks every ancestor.
    if (field && !(n.parent >= 0 && isInCode(model, n.parent))) read(n, placeholder, 'placeholder');
    if (!readable(model, n)) {
      // Letter boxes (one element per letter) in a box with no text or layout of its own: one word on screen.
      if (
        n.visual?.scope === 'content' &&
        !covered.has(n.i) &&
        !isInCode(model, n.i) &&
        model.children[n.i].some((c) => readable(model, model.node(c)))
      ) {
        for (const d of model.descendants(n.i, 500)) covered.add(d);
        const written = model.subtreeText(n.i, 200);
        const reading = paintedReading(model, n.i, written);
        if (reading) read(n, reading.text, 'text', reading);
      }
      continue;
    }
    // Flow text would mix in <code>/<pre> children, which are not prose: read such blocks element by element.
    if (n.flow && !covered.has(n.i) && !model.descendants(n.i, 200).some((d) => isInCode(model, d))) {
      for (const d of model.descendants(n.i, 500)) covered.add(d);
      const reading = paintedReading(model, n.i, n.flow);
      read(n, reading?.text ?? n.flow, 'text', reading);
    } else if (n.text && !covered.has(n.i)) {
      const shown = asShown(n.text, n.layout?.textTransform);
      const reading = paintedReading(model, n.i, shown, true);
      read(n, reading?.text ?? shown, 'text', reading);
    }
    if (n.tag === 'svg' && n.name) read(n, n.name, 'name');
    // Button-like inputs, and read-only fields the page filled, show their value as text.
    else if (n.tag === 'input' && (n.control || showsFixedValue(n)) && n.attrs.value)
      read(n, asShown(n.attrs.value, n.layout?.textTransform), 'text');
    // A control's name from content it does not show (a visually hidden span) is what a screen reader says.
    else if (n.control && n.name && n.name !== n.attrs['aria-label'] && n.name !== n.attrs.title && !nameIsShown(model, n, n.name)) {
      read(n, n.name, 'name');
    }
    for (const attr of ['aria-label', 'alt', 'title'] as const) {
      const v = n.attrs[attr];
      if (v && v !== n.text) read(n, v, 'name');
    }
  }
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const findings: Finding[] = [];
  let count = 0;
  for (const model of models) {
    readableTexts(model, (node, text, source, reading) => {
      // The painted spelling is judged; a brand spelled otherwise in the DOM than on screen is not one name.
      const written = reading?.differs ? mentionsIn(reading.dom) : undefined;
      const shown = mentionsIn(text);
      // Most texts name no brand: nothing more to read of them.
      if (!shown.length && !written?.length) return;
      // Only a text that names a brand needs its language (reading it is most of this rule's work): read at first use.
      let at: { lang: string; sure: boolean } | undefined;
      const painted = paintedEvidence(reading);
      const mismatch = reading && format(messages.painted, { shown: reading.text, written: reading.dom });
      let disagreement = false;
      for (const m of shown) {
        count++;
        let v = m.brand === 'smart-id' ? judgeSmartId(m) : judgeMobileId(m, (at ??= languageAt(model, node)).lang, at.sure);
        if (written && !written.some((w) => sameSpelling(w.text, m.text))) {
          v = { outcome: 'fail', message: mismatch!, expected: v.expected };
          disagreement = true;
        }
        findings.push(
          nodeFinding(
            models,
            model.index,
            node.i,
            v.outcome === 'fail' ? 'moderate' : 'minor',
            v.message,
            {
              text: m.text,
              expected: v.expected,
              context: m.context,
              source,
              language: (at ??= languageAt(model, node)).lang,
              box: node.layout?.box,
              ...painted,
            },
            v.outcome,
          ),
        );
      }
      // A brand the DOM spells that the screen does not show as written (one finding per text for the disagreement).
      const unshown = disagreement ? undefined : written?.find((w) => !shown.some((m) => sameSpelling(m.text, w.text)));
      if (unshown) {
        count++;
        findings.push(
          nodeFinding(
            models,
            model.index,
            node.i,
            'moderate',
            mismatch!,
            {
              text: reading!.text,
              context: unshown.context,
              source,
              language: (at ??= languageAt(model, node)).lang,
              box: node.layout?.box,
              ...painted,
            },
            'fail',
          ),
        );
      }
    });
  }
  if (!count) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  const fails = findings.filter((f) => f.outcome === 'fail');
  const reviews = findings.filter((f) => f.outcome === 'review');
  const examples = (list: Finding[]) => [...new Set(list.map((f) => `"${f.evidence.text}"`))].slice(0, 5).join(', ');
  // Problems first, then the correct mentions.
  findings.sort((a, b) => rank(a) - rank(b));
  if (fails.length) return { status: 'fail', summary: format(messages.fail, { count: fails.length, examples: examples(fails) }), findings };
  if (reviews.length) return { status: 'review', summary: format(messages.review, { examples: examples(reviews) }), findings };
  return { status: 'pass', summary: format(messages.pass, { count }), findings };
}

function rank(f: Finding): number {
  return f.outcome === 'fail' ? 0 : f.outcome === 'review' ? 1 : 2;
}

export const brandName = { meta, evaluate, messages, reads: 'frames' } satisfies Rule;
