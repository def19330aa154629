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
  /**
   * Words of `lang`'s vocabulary that no other of the five languages has: evidence beyond letters. National letters
   * alone also occur in names and addresses ("Brīvības iela", "Šiaulių bankas"), so a caller that must be sure a
   * text is in a language can require a hit.
   */
  hits: number;
  /** The script most letters are in. */
  script: 'latin' | 'cyrillic' | 'none';
  /** Only capitalised words and no vocabulary word: read as a proper name, so `lang` is 'unknown'. */
  name?: true;
}

export interface DetectOptions {
  /**
   * Read a text of capitalised words only as a proper name (default true). A control's name ("Proceed", "Отказаться")
   * is a label, not a name, so callers judging controls turn this off.
   */
  names?: boolean;
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
  en: ['the', 'and', 'to', 'of', 'your', 'you', 'with', 'is', 'for', 'this', 'that', 'on', 'in', 'are', 'be', 'please', 'will', 'by', 'it', 'or', 'we', 'our', 'from', 'not', 'if', 'a', 'an', 'has', 'have', 'was', 'can', 'all', 'then', 'only', 'when', 'code', 'phone', 'enter', 'make', 'sure', 'document', 'agreement', 'contract', 'sign', 'signing', 'cancel', 'confirm', 'continue', 'back', 'next', 'close', 'open', 'view', 'preview', 'download', 'waiting', 'request', 'sent', 'app', 'signature', 'verification', 'control', 'matches', 'start', 'again', 'yes', 'no', 'submit', 'login', 'log', 'home', 'help', 'privacy', 'cookies', 'accept', 'terms', 'contact', 'account', 'my', 'settings', 'language', 'error', 'success', 'try', 'loading', 'pending', 'signed', 'expired', 'declined', 'rejected', 'draft', 'completed', 'yesterday', 'today', 'tomorrow', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'status', 'date', 'sender', 'signer', 'name', 'proceed', 'decline', 'approve', 'reject', 'agree', 'refuse', 'deny', 'done', 'finish', 'retry', 'resend', 'skip', 'save', 'edit', 'delete', 'remove', 'upload', 'print', 'zoom', 'page', 'previous', 'prev', 'clear', 'select', 'choose', 'search', 'show', 'hide', 'send', 'apply', 'required', 'field', 'enter', 'here',
    // Default strings of UI components (tables, pagers, identity forms, footers), which are left untranslated most often.
    'items', 'rows', 'results', 'showing', 'entries', 'available', 'found', 'nothing', 'more', 'less', 'passport', 'card', 'residence', 'permit', 'licence', 'license', 'country', 'citizenship', 'address', 'birth', 'first', 'last', 'rights', 'reserved', 'policy', 'use', 'notification', 'failed', 'invalid'],
  lt: ['ir', 'kad', 'su', 'jusu', 'i', 'yra', 'arba', 'bus', 'prasome', 'kodas', 'koda', 'jei', 'tai', 'kaip', 'del', 'ar', 'nuo', 'iki', 'po', 'per', 'taip', 'ne', 'mes', 'musu', 'savo', 'tik', 'kai', 'dar', 'jau', 'buvo', 'gali', 'galite', 'telefone', 'programeleje', 'dokumenta', 'dokumentas', 'sutartis', 'sutarti', 'pasirasyti', 'pasirasymas', 'atsaukti', 'patvirtinti', 'testi', 'atgal', 'toliau', 'uzdaryti', 'perziureti', 'atsisiusti', 'laukiama', 'laukiame', 'iveskite', 'isitikinkite', 'sutampa', 'kontrolinis', 'pradzia', 'pagalba', 'slapukai', 'sutinku', 'paskyra', 'klaida', 'bandykite', 'dar', 'kartu', 'prisijungti', 'issiuste', 'kodu', 'telefono', 'numeris', 'asmens', 'budas', 'pasirinkite', 'sekmingai', 'tesiu', 'patvirtinu', 'atsisakyti', 'atsisakau', 'atmesti', 'nesutinku', 'pateikti', 'siusti', 'gerai', 'pirmyn', 'issaugoti', 'istrinti', 'redaguoti', 'spausdinti', 'pasirinkti', 'ieskoti', 'rodyti', 'slepti', 'baigti', 'puslapis', 'privalomas'],
  lv: ['un', 'ar', 'ka', 'jusu', 'dokumenta', 'prieksskatijums', 'prieksskatit', 'paraksts', 'parakstisanai', 'parakstits', 'apstiprinajums', 'tiks', 'jums', 'sis', 'so', 'lugums', 'ludzu', 'ir', 'lai', 'vai', 'uz', 'no', 'tiek', 'ja', 'par', 'pec', 'kas', 'ta', 'ne', 'mes', 'musu', 'savu', 'tikai', 'kad', 'jau', 'bija', 'varat', 'talruni', 'lietotne', 'dokumentu', 'dokuments', 'ligums', 'ligumu', 'parakstit', 'parakstisana', 'atcelt', 'apstiprinat', 'turpinat', 'atpakal', 'talak', 'aizvert', 'skatit', 'lejupieladet', 'gaida', 'gaidam', 'ievadiet', 'parliecinieties', 'sakrit', 'kontroles', 'kods', 'kodu', 'sakums', 'palidziba', 'sikdatnes', 'piekritu', 'konts', 'kluda', 'meginiet', 'velreiz', 'pieslegties', 'nosutits', 'numurs', 'personas', 'veids', 'izvelieties', 'veiksmigi', 'pirms', 'apstiprinu', 'atteikties', 'atteikt', 'noraidit', 'iesniegt', 'nosutit', 'labi', 'saglabat', 'dzest', 'rediget', 'drukat', 'izveleties', 'meklet', 'radit', 'paslept', 'pabeigt', 'lapa', 'obligats'],
  et: ['ja', 'on', 'et', 'teie', 'kui', 'ei', 'voi', 'oma', 'palun', 'see', 'seda', 'selle', 'mis', 'kas', 'ka', 'siis', 'veel', 'ainult', 'meie', 'saate', 'olete', 'telefonis', 'rakenduses', 'dokumenti', 'dokument', 'leping', 'lepingu', 'allkirjasta', 'allkirjastamine', 'katkesta', 'tuhista', 'kinnita', 'jatka', 'tagasi', 'edasi', 'sulge', 'vaata', 'laadi', 'ootame', 'ootel', 'sisestage', 'sisesta', 'veenduge', 'vastab', 'kontrollkood', 'koodi', 'avaleht', 'abi', 'kupsised', 'noustun', 'konto', 'viga', 'proovige', 'uuesti', 'logi', 'sisse', 'saadetud', 'number', 'isikukood', 'viis', 'valige', 'edukalt', 'enne', 'kohta', 'ning', 'keeldu', 'keeldun', 'loobu', 'loobun', 'nous', 'esita', 'saada', 'salvesta', 'kustuta', 'muuda', 'prindi', 'vali', 'otsi', 'naita', 'peida', 'valmis', 'leht', 'kohustuslik'],
  ru: ['и', 'в', 'на', 'что', 'с', 'не', 'по', 'для', 'ваш', 'ваше', 'вашем', 'это', 'или', 'если', 'к', 'от', 'до', 'как', 'мы', 'наш', 'только', 'когда', 'уже', 'можете', 'телефоне', 'приложении', 'документ', 'документа', 'договор', 'подписать', 'подписание', 'отмена', 'отменить', 'подтвердить', 'продолжить', 'назад', 'далее', 'закрыть', 'просмотр', 'скачать', 'ожидание', 'ожидаем', 'введите', 'убедитесь', 'совпадает', 'контрольный', 'код', 'главная', 'помощь', 'согласен', 'аккаунт', 'ошибка', 'попробуйте', 'снова', 'войти', 'отправлен', 'номер', 'способ', 'выберите', 'успешно', 'перед', 'вы', 'он', 'она', 'мы', 'при', 'из', 'принять', 'принимаю', 'отклонить', 'отказаться', 'отказываюсь', 'согласен', 'согласна', 'сохранить', 'удалить', 'печать', 'выбрать', 'отправить', 'готово', 'страница', 'обязательное', 'поле'],
};

const STOP_SETS: Record<Lang, Set<string>> = Object.fromEntries(LANGS.map((l) => [l, new Set(STOP_WORDS[l])])) as Record<Lang, Set<string>>;

/**
 * Stems of inflected UI verbs and nouns (folded), for words the lists above cannot enumerate ("Подтверждаю",
 * "Отказаться", "pasirašykite"). Each stem belongs to one language only.
 */
const STEMS: Record<Lang, string[]> = {
  en: [],
  lt: ['pasiras', 'patvirtin', 'perziur', 'atsisak'],
  lv: ['paraksti', 'apstiprin', 'parskat', 'atteik'],
  et: ['allkirja', 'kinnita', 'katkest', 'keeldu'],
  ru: ['подтвержд', 'подтверд', 'отказ', 'продолж', 'отмен', 'подпис', 'соглас', 'отклон', 'закры', 'скача', 'просмотр', 'ознаком', 'документ', 'договор', 'введите', 'нажмите'],
};

/** Languages whose vocabulary (a word of the lists, or a stem) contains a folded word. */
function vocabularyOf(w: string): Lang[] {
  const exact = LANGS.filter((l) => STOP_SETS[l].has(w));
  if (exact.length) return exact;
  return LANGS.filter((l) => STEMS[l].some((s) => w.length >= s.length && w.startsWith(s)));
}

/** Words that are the same in every language of the page: brands, names of the methods, abbreviations. */
const NEUTRAL = new Set(['smart', 'id', 'mobile', 'mobiil', 'mobilais', 'mobilo', 'dokobit', 'pin', 'pin1', 'pin2', 'pdf', 'ok', 'sms', 'qr', 'e', 'mail', 'email', 'eur', 'www', 'uab', 'sia', 'as', 'ou', 'ltd']);

const WORD = /[\p{L}]+/gu;

/** Extensions of file names shown on signing pages: documents, signature containers (.edoc, .asice, .bdoc …), data. */
export const FILE_EXTENSIONS = 'pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|txt|csv|xml|json|html?|zip|7z|rar|png|jpe?g|gif|svg|webp|tiff?|'
  + 'asice|asics|sce|scs|bdoc|cdoc|ddoc|edoc|adoc|p7[msc]|xades|cades|pades';

/** E-mail addresses, URLs, domains and file names are not prose in any language. */
export const NOT_PROSE = new RegExp(String.raw`(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w-])(?<![\w-]\.)\b[\w-]+(?:\.[\w-]+)*\.(?:com|lt|lv|ee|eu|org|net|ru|io|${FILE_EXTENSIONS})\b`, 'gi');

export function detectLanguage(input: string, options: DetectOptions = {}): Detection {
  const text = input.replace(NOT_PROSE, ' ');
  const scores: Record<Lang, number> = { en: 0, lt: 0, lv: 0, et: 0, ru: 0 };
  const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z\u00c0-\u024f]/g) ?? []).length;
  const script: Detection['script'] = cyrillic > latin ? 'cyrillic' : latin > 0 ? 'latin' : 'none';
  for (const [lang, re] of Object.entries(UNIQUE_LETTERS) as [Lang, RegExp][]) scores[lang] += (text.match(re) ?? []).length * 3;
  for (const { re, langs } of SHARED_LETTERS) {
    const n = (text.match(re) ?? []).length;
    for (const l of langs) scores[l] += n / langs.length;
  }
  const words = (fold(text).match(WORD) ?? []).filter((w) => !NEUTRAL.has(w));
  let judged = 0;
  const distinct: Record<Lang, number> = { en: 0, lt: 0, lv: 0, et: 0, ru: 0 };
  for (const w of words) {
    const langs = vocabularyOf(w);
    for (const l of langs) scores[l] += 3;
    if (langs.length) judged++;
    if (langs.length === 1) distinct[langs[0]]++;
  }
  // Only capitalised words and no common word: names of people, companies, places — no language to judge.
  const rawWords = text.match(WORD) ?? [];
  if (options.names !== false && judged === 0 && rawWords.length > 0 && rawWords.every((w) => /^\p{Lu}/u.test(w))) {
    return { lang: 'unknown', confidence: 0, words: words.length, hits: 0, script, name: true };
  }
  if (cyrillic > latin) scores.ru += cyrillic / 2 + 5;
  else if (latin > 0 && cyrillic === 0) scores.ru = 0;
  if (cyrillic === 0 && latin === 0) return { lang: 'unknown', confidence: 0, words: 0, hits: 0, script };
  // Plain ASCII text with English words and no Baltic letters leans English.
  const ranked = LANGS.map((l) => [l, scores[l]] as const).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, v]) => s + v, 0);
  const [top, topScore] = ranked[0];
  if (topScore <= 0 || total <= 0) return { lang: 'unknown', confidence: 0, words: words.length, hits: 0, script };
  const confidence = Math.round((topScore / total) * 100) / 100;
  // One weak clue is not enough: need a unique letter, a Cyrillic run, or word evidence.
  if (topScore < 3) return { lang: 'unknown', confidence, words: words.length, hits: 0, script };
  return { lang: top, confidence, words: Math.max(judged, words.length), hits: distinct[top], script };
}

/** The primary subtag of a lang attribute ("lt-LT" → "lt"), or '' when it is not one of ours. */
export function primaryLang(attr: string | undefined): string {
  return (attr ?? '').trim().toLowerCase().split(/[-_]/)[0];
}
