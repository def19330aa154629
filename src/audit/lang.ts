/**
 * Offline language identification for the region's five languages (EN, LT, LV, ET, RU): characters that only one
 * language writes, plus stop-word and UI-vocabulary profiles. Short strings (a button label) are judged by the
 * UI vocabulary; a string with no clue is `unknown` rather than a guess.
 */
import { fold } from './text';

export type Lang = 'en' | 'lt' | 'lv' | 'et' | 'ru';
export const LANGS: Lang[] = ['en', 'lt', 'lv', 'et', 'ru'];

export interface Detection {
  lang: Lang | 'unknown';
  /** Share of the evidence that points at `lang` (0..1). */
  confidence: number;
  /** How many words were judged. */
  words: number;
}

/** Letters written by one language only (of the five). */
const UNIQUE_LETTERS: Record<Exclude<Lang, 'ru' | 'en'>, RegExp> = {
  lt: /[ąęėįųĄĘĖĮŲ]/g,
  lv: /[āēīķļņģĀĒĪĶĻŅĢ]/g,
  et: /[õäöÕÄÖ]/g,
};
/** Letters two of them share. */
const SHARED_LETTERS: { re: RegExp; langs: Lang[] }[] = [
  { re: /[ū]/gi, langs: ['lt', 'lv'] },
  { re: /[č]/gi, langs: ['lt', 'lv'] },
  { re: /[šž]/gi, langs: ['lt', 'lv', 'et'] },
  { re: /[ü]/gi, langs: ['et'] },
];

/** Frequent words (folded: lower case, no diacritics). */
const STOP_WORDS: Record<Lang, string[]> = {
  en: ['the', 'and', 'to', 'of', 'your', 'you', 'with', 'is', 'for', 'this', 'that', 'on', 'in', 'are', 'be', 'please', 'will', 'by', 'it', 'or', 'we', 'our', 'from', 'not', 'if', 'a', 'an', 'has', 'have', 'was', 'can', 'all', 'then', 'only', 'when', 'code', 'phone', 'enter', 'make', 'sure', 'document', 'agreement', 'contract', 'sign', 'signing', 'cancel', 'confirm', 'continue', 'back', 'next', 'close', 'open', 'view', 'preview', 'download', 'waiting', 'request', 'sent', 'app', 'signature', 'verification', 'control', 'matches', 'start', 'again', 'yes', 'no', 'submit', 'login', 'log', 'home', 'help', 'privacy', 'cookies', 'accept', 'terms', 'contact', 'account', 'my', 'settings', 'language', 'error', 'success', 'try', 'loading', 'pending', 'signed', 'expired', 'declined', 'rejected', 'draft', 'completed', 'yesterday', 'today', 'tomorrow', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'status', 'date', 'sender', 'signer', 'name'],
  lt: ['ir', 'kad', 'su', 'jusu', 'i', 'yra', 'arba', 'bus', 'prasome', 'kodas', 'koda', 'jei', 'tai', 'kaip', 'del', 'ar', 'nuo', 'iki', 'po', 'per', 'taip', 'ne', 'mes', 'musu', 'savo', 'tik', 'kai', 'dar', 'jau', 'buvo', 'gali', 'galite', 'telefone', 'programeleje', 'dokumenta', 'dokumentas', 'sutartis', 'sutarti', 'pasirasyti', 'pasirasymas', 'atsaukti', 'patvirtinti', 'testi', 'atgal', 'toliau', 'uzdaryti', 'perziureti', 'atsisiusti', 'laukiama', 'laukiame', 'iveskite', 'isitikinkite', 'sutampa', 'kontrolinis', 'pradzia', 'pagalba', 'slapukai', 'sutinku', 'paskyra', 'klaida', 'bandykite', 'dar', 'kartu', 'prisijungti', 'issiuste', 'kodu', 'telefono', 'numeris', 'asmens', 'budas', 'pasirinkite', 'sekmingai'],
  lv: ['un', 'ar', 'ka', 'jusu', 'dokumenta', 'prieksskatijums', 'prieksskatit', 'paraksts', 'parakstisanai', 'parakstits', 'apstiprinajums', 'tiks', 'jums', 'sis', 'so', 'lugums', 'ludzu', 'ir', 'lai', 'vai', 'uz', 'no', 'tiek', 'ja', 'par', 'pec', 'kas', 'ta', 'ne', 'mes', 'musu', 'savu', 'tikai', 'kad', 'jau', 'bija', 'varat', 'talruni', 'lietotne', 'dokumentu', 'dokuments', 'ligums', 'ligumu', 'parakstit', 'parakstisana', 'atcelt', 'apstiprinat', 'turpinat', 'atpakal', 'talak', 'aizvert', 'skatit', 'lejupieladet', 'gaida', 'gaidam', 'ievadiet', 'parliecinieties', 'sakrit', 'kontroles', 'kods', 'kodu', 'sakums', 'palidziba', 'sikdatnes', 'piekritu', 'konts', 'kluda', 'meginiet', 'velreiz', 'pieslegties', 'nosutits', 'numurs', 'personas', 'veids', 'izvelieties', 'veiksmigi', 'pirms'],
  et: ['ja', 'on', 'et', 'teie', 'kui', 'ei', 'voi', 'oma', 'palun', 'see', 'seda', 'selle', 'mis', 'kas', 'ka', 'siis', 'veel', 'ainult', 'meie', 'saate', 'olete', 'telefonis', 'rakenduses', 'dokumenti', 'dokument', 'leping', 'lepingu', 'allkirjasta', 'allkirjastamine', 'katkesta', 'tuhista', 'kinnita', 'jatka', 'tagasi', 'edasi', 'sulge', 'vaata', 'laadi', 'ootame', 'ootel', 'sisestage', 'sisesta', 'veenduge', 'vastab', 'kontrollkood', 'koodi', 'avaleht', 'abi', 'kupsised', 'noustun', 'konto', 'viga', 'proovige', 'uuesti', 'logi', 'sisse', 'saadetud', 'number', 'isikukood', 'viis', 'valige', 'edukalt', 'enne', 'kohta', 'ning'],
  ru: ['и', 'в', 'на', 'что', 'с', 'не', 'по', 'для', 'ваш', 'ваше', 'вашем', 'это', 'или', 'если', 'к', 'от', 'до', 'как', 'мы', 'наш', 'только', 'когда', 'уже', 'можете', 'телефоне', 'приложении', 'документ', 'документа', 'договор', 'подписать', 'подписание', 'отмена', 'отменить', 'подтвердить', 'продолжить', 'назад', 'далее', 'закрыть', 'просмотр', 'скачать', 'ожидание', 'ожидаем', 'введите', 'убедитесь', 'совпадает', 'контрольный', 'код', 'главная', 'помощь', 'согласен', 'аккаунт', 'ошибка', 'попробуйте', 'снова', 'войти', 'отправлен', 'номер', 'способ', 'выберите', 'успешно', 'перед', 'вы', 'он', 'она', 'мы', 'при', 'из'],
};

const STOP_SETS: Record<Lang, Set<string>> = Object.fromEntries(LANGS.map((l) => [l, new Set(STOP_WORDS[l])])) as Record<Lang, Set<string>>;

/** Words that are the same in every language of the page: brands, names of the methods, abbreviations. */
const NEUTRAL = new Set(['smart', 'id', 'mobile', 'mobiil', 'mobilais', 'mobilo', 'dokobit', 'pin', 'pin1', 'pin2', 'pdf', 'ok', 'sms', 'qr', 'e', 'mail', 'email', 'eur', 'www', 'uab', 'sia', 'as', 'ou', 'ltd']);

const WORD = /[\p{L}]+/gu;

/** E-mail addresses, URLs, domains and file names are not prose in any language. */
const NOT_PROSE = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|lt|lv|ee|eu|org|net|ru|io|pdf|docx?|asice|bdoc|html?)\b/gi;

export function detectLanguage(input: string): Detection {
  const text = input.replace(NOT_PROSE, ' ');
  const scores: Record<Lang, number> = { en: 0, lt: 0, lv: 0, et: 0, ru: 0 };
  const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z\u00c0-\u024f]/g) ?? []).length;
  for (const [lang, re] of Object.entries(UNIQUE_LETTERS) as [Lang, RegExp][]) scores[lang] += (text.match(re) ?? []).length * 3;
  for (const { re, langs } of SHARED_LETTERS) {
    const n = (text.match(re) ?? []).length;
    for (const l of langs) scores[l] += n / langs.length;
  }
  const words = (fold(text).match(WORD) ?? []).filter((w) => !NEUTRAL.has(w));
  let judged = 0;
  for (const w of words) {
    let hit = false;
    for (const l of LANGS) {
      if (STOP_SETS[l].has(w)) {
        scores[l] += 3;
        hit = true;
      }
    }
    if (hit) judged++;
  }
  // Only capitalised words and no common word: names of people, companies, places — no language to judge.
  const rawWords = text.match(WORD) ?? [];
  if (judged === 0 && rawWords.length > 0 && rawWords.every((w) => /^\p{Lu}/u.test(w))) return { lang: 'unknown', confidence: 0, words: words.length };
  if (cyrillic > latin) scores.ru += cyrillic / 2 + 5;
  else if (latin > 0 && cyrillic === 0) scores.ru = 0;
  if (cyrillic === 0 && latin === 0) return { lang: 'unknown', confidence: 0, words: 0 };
  // Plain ASCII text with English words and no Baltic letters leans English.
  const ranked = LANGS.map((l) => [l, scores[l]] as const).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, v]) => s + v, 0);
  const [top, topScore] = ranked[0];
  if (topScore <= 0 || total <= 0) return { lang: 'unknown', confidence: 0, words: words.length };
  const confidence = Math.round((topScore / total) * 100) / 100;
  // One weak clue is not enough: need a unique letter, a Cyrillic run, or word evidence.
  if (topScore < 3) return { lang: 'unknown', confidence, words: words.length };
  return { lang: top, confidence, words: Math.max(judged, words.length) };
}

/** The primary subtag of a lang attribute ("lt-LT" → "lt"), or '' when it is not one of ours. */
export function primaryLang(attr: string | undefined): string {
  return (attr ?? '').trim().toLowerCase().split(/[-_]/)[0];
}
