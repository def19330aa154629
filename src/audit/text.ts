/**
 * Text matching for five languages (EN, LT, LV, ET, RU). Page text is compared after folding case and
 * diacritics, so "Atšaukti", "ATSAUKTI" and "atsaukti" are one word; terms are word-start stems so that
 * inflections ("kontrolinį kodą", "parakstīšanai") match too.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * A memo of a pure function of texts that forgets its oldest entries past `limit` characters of keys (each entry
 * counted 16 more): the background and every frame's content script keep it across audits, so it must not grow
 * with every page seen, nor with a page of long texts.
 */
export class BoundedMap<V> extends Map<string, V> {
  private chars = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override set(key: string, value: V): this {
    // One huge text (a data: URL, a minified script) would push everything else out: it is not kept.
    if (key.length > this.limit / 8) return this;
    if (!this.has(key)) {
      this.chars += key.length + 16;
      for (const oldest of this.keys()) {
        if (this.chars <= this.limit) break;
        this.delete(oldest);
      }
    }
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (this.has(key)) this.chars -= key.length + 16;
    return super.delete(key);
  }

  override clear(): void {
    this.chars = 0;
    super.clear();
  }
}

/** Texts already folded: rules fold the same labels and subtree texts many times per audit. */
const foldedTexts = /* @__PURE__ */ new BoundedMap<string>(2_000_000);
/** Printable ASCII (and whitespace): nothing to decompose, folding is lower-casing and squashing. */
const PLAIN = /^[\x20-\x7e\t\n\r]*$/;
/**
 * The whitespace that squashing changes: a run of two or more, or one that is not a plain space. Replacing /\s+/g
 * instead rewrites every single space of a text too (twice the time, and the most garbage of an audit).
 */
const SPACES = /\s{2,}|[^\S ]/g;

/** Lower-case, strip diacritics (Latin and Cyrillic й/ё alike), collapse whitespace. */
export function fold(text: string): string {
  let folded = foldedTexts.get(text);
  if (folded === undefined) {
    folded = (PLAIN.test(text) ? text : text.normalize('NFD').replace(COMBINING_MARKS, '')).toLowerCase().replace(SPACES, ' ').trim();
    foldedTexts.set(text, folded);
  }
  return folded;
}

/** Collapse whitespace without folding: the text as a user reads it. */
export function squash(text: string): string {
  return text.replace(SPACES, ' ').trim();
}

/**
 * A concept is a list of stems or phrases. Each is folded; a leading word boundary is required, the end is open
 * (stems) unless the term ends with '$' (whole word). Spaces inside a term match any run of spaces or hyphens.
 */
export type Concept = readonly string[];

/** The forms of a concept's pattern (see conceptRegex). */
type ConceptForm = 'match' | 'scan' | 'resume';
const compiled = new WeakMap<Concept, Record<ConceptForm, RegExp>>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The terms of a concept as one alternation, each term folded (no word boundary before it). */
function termsSource(concept: Concept): string {
  const parts = concept.map((term) => {
    const whole = term.endsWith('$');
    const body = fold(whole ? term.slice(0, -1) : term)
      .split(' ')
      .map(escapeRegExp)
      .join('[\\s\\-\u00a0]+');
    return body + (whole ? '(?![\\p{L}\\p{N}])' : '');
  });
  return `(?:${parts.join('|')})`;
}

/**
 * The concept's pattern: its terms, each at the start of a word ('match'). For matchConcept, 'scan': the same terms
 * without the leading boundary, global — a lookbehind in front of an alternation is tried at every position of the
 * text and makes a search many times slower (15× on a page's text when nothing matches); 'resume': 'match', global,
 * to go on from a position when the scan keeps finding terms inside words.
 */
export function conceptRegex(concept: Concept, form: ConceptForm = 'match'): RegExp {
  let forms = compiled.get(concept);
  if (!forms) {
    const terms = termsSource(concept);
    forms = {
      match: new RegExp(`(?<![\\p{L}\\p{N}])${terms}`, 'u'),
      scan: new RegExp(terms, 'gu'),
      resume: new RegExp(`(?<![\\p{L}\\p{N}])${terms}`, 'gu'),
    };
    compiled.set(concept, forms);
  }
  return forms[form];
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A letter or digit ends right before index i (a code point: a surrogate pair is read whole). */
function wordCharBefore(text: string, i: number): boolean {
  if (i === 0) return false;
  const low = text.charCodeAt(i - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && i >= 2 && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
  return LETTER_OR_DIGIT.test(text.slice(pair ? i - 2 : i - 1, i));
}

/**
 * Answers already found, per folded text and concept (null: no term of it): every text of a page is asked for a
 * dozen concepts, a page repeats its labels, and several rules ask the same concept of the same text.
 */
const conceptMatches = /* @__PURE__ */ new BoundedMap<Map<Concept, string | null>>(2_000_000);

/** conceptRegex(concept).exec(folded)?.[0]: the leftmost match that starts a word. */
function matchConcept(folded: string, concept: Concept): string | undefined {
  let known = conceptMatches.get(folded);
  if (!known) conceptMatches.set(folded, (known = new Map()));
  let found = known.get(concept);
  if (found === undefined) known.set(concept, (found = scanConcept(folded, concept) ?? null));
  return found ?? undefined;
}

/** matchConcept's search, with the scanner. */
function scanConcept(folded: string, concept: Concept): string | undefined {
  const re = conceptRegex(concept, 'scan');
  re.lastIndex = 0;
  for (let m = re.exec(folded), inside = 0; m; m = re.exec(folded)) {
    if (!wordCharBefore(folded, m.index)) return m[0];
    // On to the next code point (a match starts at one; a surrogate pair is two units).
    re.lastIndex = m.index + ((folded.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
    // Terms inside words again and again ("amobile id amobile id …", as a hostile page may repeat): the bounded
    // pattern goes on from here, so a text costs at most what conceptRegex costs.
    if (++inside >= 8) {
      const resume = conceptRegex(concept, 'resume');
      resume.lastIndex = re.lastIndex;
      return resume.exec(folded)?.[0];
    }
  }
  return undefined;
}

/** The first term of the concept found in the text, as it appears in the folded text, or undefined. */
export function findConcept(text: string, concept: Concept): string | undefined {
  return matchConcept(fold(text), concept);
}

export function hasConcept(text: string, concept: Concept): boolean {
  return matchConcept(fold(text), concept) !== undefined;
}

// ---- Vocabulary (domain.md §7, with inflected stems) ----

/** "verification code" / "control code" and their translations. */
export const CODE_LABEL: Concept = [
  // en
  'verification code',
  'control code',
  'security code',
  'confirmation code',
  'check code',
  'verification number',
  'control number',
  'challenge code',
  'vc code',
  'verification pin',
  // lt: kontrolinis kodas, patvirtinimo kodas, saugos kodas, tikrinimo kodas
  'kontrolin',
  'patvirtinimo kod',
  'saugos kod',
  'tikrinimo kod',
  'verifikacijos kod',
  'kontrolinio kod',
  // lv: kontroles kods, verifikācijas kods, drošības kods, apstiprinājuma kods, pārbaudes kods
  'kontroles kod',
  'verifikacijas kod',
  'drosibas kod',
  'apstiprinajuma kod',
  'parbaudes kod',
  'kontrolkod',
  // et: kontrollkood, kinnituskood, turvakood, kontrollnumber
  'kontrollkood',
  'kinnituskood',
  'turvakood',
  'kontrollnumb',
  'kontroll kood',
  // ru: контрольный код, код подтверждения, код проверки, проверочный код, код верификации
  'контрольн',
  'код подтвержд',
  'код проверк',
  'проверочн',
  'код верификац',
  'код безопасност',
];

/** Instructions to compare the code with the phone or to enter the PIN there. */
export const PHONE_INSTRUCTION: Concept = [
  // en
  'matches the',
  'match the code',
  'codes match',
  'same code',
  'code matches',
  'compare the code',
  'compare it',
  'check that the code',
  'make sure the code',
  'make sure that the code',
  'enter pin',
  'enter your pin',
  'pin1$',
  'pin2$',
  'pin 1$',
  'pin 2$',
  'spin1$',
  'spin2$',
  'on your phone',
  'on your mobile',
  'on your device',
  'in the app',
  'in your app',
  'in the smart id app',
  'in your smart id app',
  'smart id app',
  'check your phone',
  // lt
  'sutamp',
  'ar kodas',
  'iveskite pin',
  'ivesk pin',
  'telefon',
  'programel',
  'mobiliajame',
  'irenginy',
  // lv
  'sakrit',
  'ievadiet pin',
  'ievadi pin',
  'talrun',
  'lietotn',
  'ierice',
  // et
  'vastab',
  'kattub',
  'sisesta pin',
  'sisestage pin',
  'telefonis',
  'telefoni',
  'rakendus',
  'nutiseadme',
  'seadmes',
  // ru
  'совпада',
  'введите pin',
  'введите пин',
  'пин-код',
  'телефон',
  'приложени',
  'устройств',
];

/** "Waiting for confirmation", "request sent". Applies to the step only together with a method name. */
export const WAITING: Concept = [
  // en
  'waiting',
  'awaiting',
  'request sent',
  'request has been sent',
  'notification sent',
  'notification has been sent',
  'sent to your',
  'confirm on',
  'confirm it on',
  'confirm the',
  'confirm in',
  'please confirm',
  'in progress',
  'pending',
  'processing',
  // lt
  'laukiam',
  'laukia',
  'issiust',
  'patvirtinkite',
  'patvirtink',
  'vykdoma',
  // lv
  'gaid',
  'nosutit',
  'apstipriniet',
  'apstiprini',
  'notiek',
  // et
  'ootame',
  'ootel',
  'ootab',
  'saadetud',
  'saatsime',
  'kinnita',
  'kinnitage',
  'toimub',
  // ru
  'ожида',
  'ждем',
  'ждём',
  'отправлен',
  'подтвердите',
  'подтверди',
  'выполняется',
];

export const SMART_ID: Concept = ['smart id', 'smartid', 'smart_id'];
export const MOBILE_ID: Concept = [
  'mobile id',
  'mobileid',
  'mobiil id',
  'mobiilid',
  'mobilais id',
  'mobila id',
  'mobilo id',
  'mobilajam id',
  'mobil id',
  'mobilus id',
  'mobilusis parasas',
  'мобильн id',
  'мобильный ид',
  'm id$',
];

/** Cancel, abort, decline, stop. */
export const CANCEL: Concept = [
  // en
  'cancel',
  'abort',
  'decline',
  'stop$',
  'stop signing',
  'stop authentication',
  'terminate',
  'quit$',
  'reject',
  'dismiss signing',
  // lt
  'atsaukt',
  'nutraukt',
  'atsisakyt',
  'atmest',
  'stabdyt',
  'sustabdyt',
  // lv
  'atcelt',
  'atcel',
  'partraukt',
  'atteikt',
  'noraidit',
  // et
  'katkest',
  'tuhist',
  'loobu',
  'keeldu',
  'peata',
  // ru
  'отмен',
  'прерв',
  'отказ',
  'отклон',
  'остановить',
  'прекрат',
];

/** Close / dismiss: closes a dialog, which may or may not cancel the transaction behind it. */
export const CLOSE: Concept = ['close', 'dismiss$', 'uzdaryt', 'aizver', 'sulge', 'закры'];

/** Sign (the action). 'sign$' is a whole word so "signal", "design" and "sign in" (handled below) differ. */
export const SIGN: Concept = [
  'sign$',
  'sign the',
  'sign document',
  'sign contract',
  'sign now',
  'signing',
  'signature',
  'e-sign',
  'esign',
  'pasirasy',
  'pasirasym',
  'pasirasyk',
  'pasiras',
  'parakstit',
  'parakstis',
  'paraksti',
  'parakst',
  'allkirjast',
  'allkirjasta',
  'allkiri',
  'digiallkir',
  'подписа',
  'подписан',
  'подпиши',
  'подпись',
];

/** "another / a new (document)": a control that starts the next signing, not this one. */
export const ANOTHER_DOCUMENT: Concept = [
  'another',
  'new document',
  'kita',
  'kitus',
  'nauja',
  'naujus',
  'citu',
  'jaunu',
  'teise',
  'teist',
  'uue',
  'uus',
  'другой',
  'другие',
  'новый',
  'новые',
  'ещё',
  'еще',
];

/** The user's signature as a setting (its appearance, image, specimen), not an action to sign. */
export const SIGNATURE_SETTINGS: Concept = [
  'appearance',
  'settings',
  'image',
  'specimen',
  'nustatym',
  'paveiksl',
  'iestatijum',
  'izskat',
  'attel',
  'seaded',
  'valimus',
  'pilt',
  'настройк',
  'внешн',
  'изображен',
  'образец',
];

/** Sign-in wording that contains "sign" but means authentication. */
export const SIGN_IN: Concept = [
  'sign in',
  'sign-in',
  'sign up',
  'signin$',
  'sign out',
  'signed in',
  // ru "subscribe" shares the stem of "sign" (подписаться на рассылку)
  'подписаться',
  'подпишитесь',
  'подписывайтесь',
  'подписка',
  'подписки',
];

export const DOCUMENT: Concept = [
  'document',
  'contract',
  'agreement',
  'file$',
  'files$',
  'pdf$',
  'page$',
  'pages$',
  'puslap',
  'lapa$',
  'lapas$',
  'lehekulg',
  'lehekulje',
  'страниц',
  'dokument',
  'sutart',
  'sutikim',
  'faila',
  'failas',
  'faile',
  'ligum',
  'fail',
  'fails',
  'leping',
  'kokkulep',
  'документ',
  'договор',
  'соглашени',
  'файл',
];

/**
 * Estonian and Latvian write a contract's kind into one word ("laenuleping", "LIISINGULEPINGUT", "pirkumlīgums"),
 * so the noun is the tail of the word, where a word-start stem cannot see it. Tested on folded text;
 * English "sleeping" is not a contract.
 */
export const DOCUMENT_COMPOUND = /(?<![\p{L}\p{N}])(?!\p{L}*sleeping)\p{L}{2,}(?:leping|ligum)/u;

/**
 * "The full text" of what is signed, as a control that opens it says ("Read the full text", "Loe algatuse täisteksti",
 * "Skaityti visą tekstą", "Lasīt pilnu tekstu", "Читать полный текст"): with a read / show word it opens the document.
 */
export const FULL_TEXT: Concept = [
  'full text',
  'complete text',
  'whole text',
  'entire text',
  'visas tekst',
  'visa tekst',
  'viso tekst',
  'pilnas tekst',
  'pilna tekst',
  'pilno tekst',
  'pilns teksts',
  'pilnu tekstu',
  'pilnais teksts',
  'taistekst',
  'kogu tekst',
  'terviktekst',
  'полный текст',
  'полного текста',
  'полному тексту',
  'весь текст',
  'всего текста',
  'текст полностью',
];
export const PREVIEW: Concept = [
  // en
  'preview',
  'view',
  'open',
  'show',
  'read',
  'display',
  'see the document',
  // "review" is also a noun ("sent for review"): only as a verb before what is reviewed
  'review the',
  'review your',
  'review document',
  'review contract',
  'review agreement',
  'review terms',
  'review pdf',
  // lt (žiūrėti / žiūrėkite: view)
  'perziur',
  'atidary',
  'rodyti',
  'parodyt',
  'skaityt',
  'perskaityt',
  'ziuret',
  'ziurek',
  // lv
  'prieksskat',
  'skatit',
  'apskat',
  'atvert',
  'paradit',
  'lasit',
  // et
  'eelvaad',
  'vaata',
  'ava$',
  'avage',
  'ava dokument',
  'kuva',
  'loe$',
  'lugeda',
  'tutvu',
  // ru
  'просмотр',
  'предпросмотр',
  'предварительн',
  'открыть',
  'открой',
  'посмотр',
  'показать',
  'прочитать',
  'ознаком',
];

/** A download-after-signing promise: not a preview. */
export const AFTER_SIGNING: Concept = [
  'after signing',
  'once signed',
  'after you sign',
  'when signed',
  'signed document',
  'po pasirasymo',
  'pasirasyta dokument',
  'pasirasyt dokument',
  'pec parakstisanas',
  'parakstito dokument',
  'parakstitu dokument',
  'parast allkirjastamist',
  'allkirjastatud dokument',
  'после подписания',
  'подписанный документ',
  'подписанн',
];

export const DOWNLOAD: Concept = [
  'download',
  'atsisiust',
  'atsisiusk',
  'parsisiust',
  'lejupiel',
  'lejuplad',
  'lae alla',
  'laadi alla',
  'laadige alla',
  'allalaad',
  'скачать',
  'загрузить',
];

/** Containers that belong to something other than the transaction: consent banners, newsletters, chat. */
export const FOREIGN_CONTAINER: Concept = [
  'cookie',
  'consent',
  'gdpr',
  'privacy',
  'newsletter',
  'subscribe',
  'subscription',
  'chat$',
  'live chat',
  // chat and support widgets by their usual names
  'messenger',
  'intercom',
  'livechat',
  'zendesk',
  'tawk',
  'crisp',
  'drift',
  'support widget',
  'helpdesk',
  'slapuk',
  'naujienlaisk',
  'prenumer',
  'privatum',
  'sikdat',
  'sikfail',
  'jaunumu',
  'abonet',
  'privatum',
  'kupsis',
  'kupsist',
  'uudiskir',
  'telli uudis',
  'privaatsus',
  'куки',
  'cookies',
  'рассылк',
  'подписк',
  'конфиденциальн',
];

/** Words that make a 4-digit number a price, a year, a date or an amount. */
export const PRICE_CONTEXT: Concept = [
  'eur$',
  'euro',
  'usd$',
  'price',
  'total',
  'amount',
  'sum$',
  'cost',
  'fee$',
  'pay',
  'kaina',
  'suma',
  'moket',
  'sumok',
  'cena',
  'summa',
  'maksa',
  'hind',
  'tasu',
  'maks',
  'цена',
  'сумма',
  'стоимост',
  'оплат',
  'руб',
  'евро',
];
export const YEAR_CONTEXT: Concept = [
  'year',
  'since',
  'copyright',
  'metai',
  'metu',
  'gads',
  'gada',
  'aasta',
  'год',
  'года',
  'году',
  'all rights',
];
/** Order numbers, invoice numbers, phone numbers and other identifiers. */
export const IDENTIFIER_CONTEXT: Concept = [
  'order',
  'invoice',
  'ticket',
  'phone',
  'tel$',
  'tel.',
  'mob$',
  'mob.',
  'postal',
  'zip',
  'account',
  'iban',
  'reference',
  'uzsakym',
  'saskait',
  'telefono nr',
  'pasutijum',
  'rekin',
  'tellimus',
  'arve',
  'заказ',
  'счет',
  'счёт',
  'телефон',
  'номер',
  'room',
  'apt',
  'floor',
  'build',
  'house',
  'street',
];

/** "Compare the code with your phone": names the code and asks to check it. */
export const COMPARE_CODE: Concept = [
  'matches the',
  'match the code',
  'codes match',
  'same code',
  'code matches',
  'compare the code',
  'compare this code',
  'check that the code',
  'make sure the code',
  'make sure that the code',
  'verify that the code',
  'verify the code',
  'sutamp',
  'ar sutampa',
  'sakrit',
  'vai kods',
  'vastab',
  'kattub',
  'ühtib',
  'uhtib',
  'совпада',
  'сверьте',
];

/**
 * "…is the same", "on sama", "tāds pats", "такой же": said of the code, an instruction to compare it. Only together
 * with a code label (a price "is the same as last year" is no step).
 */
export const SAME_AS: Concept = [
  'is the same',
  'the same as',
  'same$',
  'identical',
  'match$',
  'matches',
  'toks pat',
  'toki pat',
  'tokis pat',
  'vienod',
  'sutap',
  'tas pats',
  'tads pats',
  'tada pati',
  'sakrit',
  'vienad',
  'sama$',
  'samane',
  'uhtib',
  'kattu',
  'такой же',
  'тот же',
  'тем же',
  'идентич',
  'совпад',
];

/** "Enter PIN2 in the app": the phone step, but also help text on the method-choice page. */
export const PIN_ENTRY: Concept = [
  'enter pin',
  'enter your pin',
  'type your pin',
  'pin1$',
  'pin2$',
  'pin 1$',
  'pin 2$',
  'spin1$',
  'spin2$',
  'pin-kood',
  'iveskite pin',
  'ivesk pin',
  'ievadiet pin',
  'ievadi pin',
  'sisesta pin',
  'sisestage pin',
  'введите pin',
  'введите пин',
];

/** A code the user must type (SMS one-time password), not one shown to compare. */
export const ENTER_CODE: Concept = [
  'enter the code',
  'enter code',
  'enter the verification code',
  'enter the confirmation code',
  'type the code',
  'code we sent',
  'code sent by sms',
  'sms code',
  'received by sms',
  'one time code',
  'one-time code',
  'otp$',
  'iveskite koda',
  'iveskite kod',
  'ievadiet kodu',
  'ievadiet kod',
  'sisestage kood',
  'sisesta kood',
  'введите код',
  'sms kod',
  'sms-kod',
  'смс',
  'sms kood',
];

/** A bare word for "code" (labels like "Your code:"), used only when the page is already in the phone step. */
export const CODE_WORD: Concept = ['code$', 'kodas$', 'koda$', 'kodo$', 'kods$', 'kodu$', 'kood$', 'koodi$', 'код$', 'кода$', 'pin-kod'];

/** Phone numbers and their endings: a 4-digit number after these words is part of a number, not a code. */
export const PHONE_CONTEXT: Concept = [
  'phone',
  'number ending',
  'ending in',
  'ends in',
  'ends with',
  'helpline',
  'hotline',
  'call us',
  'call',
  'telefon',
  'numeri',
  'numeris',
  'skambin',
  'trumpuoju',
  'baigiasi',
  'talrun',
  'numur',
  'zvaniet',
  'beidzas',
  'helista',
  'numbril',
  'numbrile',
  'lopeb',
  'номер',
  'оканчива',
  'заканчива',
  'звоните',
  'позвоните',
  'телефон',
];

/** Codes that are not verification codes: personal codes, postal codes, promo codes, PINs. */
export const OTHER_CODE: Concept = [
  'personal code',
  'personal identification code',
  'personal id code',
  'id code',
  'identity code',
  'post code',
  'postal code',
  'zip code',
  'promo code',
  'discount code',
  'coupon',
  'pin code',
  'pin kod',
  'pin-kod',
  'pin kood',
  'asmens kod',
  'pasto kod',
  'nuolaidos kod',
  'personas kod',
  'pasta indeks',
  'atlaides kod',
  'isikukood',
  'postiindeks',
  'sooduskood',
  'личный код',
  'персональн',
  'идентификационн',
  'почтов',
  'промокод',
  'пин-код',
  'пин код',
  // Codes of orders, bookings, parcels and tickets: shown to someone at a counter, not compared with a phone.
  'order code',
  'order confirmation',
  'booking',
  'reservation',
  'pickup',
  'pick up',
  'parcel',
  'ticket',
  'gift card',
  'uzsakym',
  'rezervacij',
  'siuntin',
  'bilieto',
  'pasutijum',
  'sutijum',
  'biletes',
  'tellimus',
  'broneering',
  'paki',
  'pileti',
  'заказ',
  'брон',
  'посылк',
  'билет',
];

/** Device-link flows (QR, app link) bind the session without a code. */
export const QR_FLOW: Concept = ['qr', 'scan', 'skenuo', 'nuskenuo', 'skene', 'skanee', 'skaneeri', 'сканир', 'отсканир'];

/** Authentication wording: a login step needs no document preview. */
export const AUTHENTICATION: Concept = [
  'log in',
  'login',
  'sign in',
  'authenticat',
  'identify',
  'identification',
  'prisijung',
  'prisijunk',
  'autentifik',
  'tapatyb',
  'pieslegt',
  'pieslegs',
  'piesledz',
  'autentifikacij',
  'identifik',
  'sisselogi',
  'logi sisse',
  'logige sisse',
  'sisene',
  'autentim',
  'tuvasta',
  'вход',
  'войти',
  'войдите',
  'авторизац',
  'аутентифик',
  'идентификац',
];

/**
 * "Back" controls and "press Back in your browser" instructions. Whole words where the stem starts other words:
 * ET "tagasiside" and LT "atgalinis ryšys" are feedback, not Back.
 */
export const BACK: Concept = ['back$', 'go back', 'atgal$', 'grizti', 'atpakal$', 'tagasi$', 'назад', 'вернуться'];
export const BROWSER_BACK: Concept = ['browser', 'narsykl', 'parluk', 'brauzer', 'brauseri', 'браузер'];

/** Symbols used as close buttons. */
export const CLOSE_SYMBOL = /^[×✕✖✗xX╳⨯]$/;

/** The transaction has ended: expired, failed, refused, cancelled or succeeded. A waiting word next to these is past. */
export const TERMINAL: Concept = [
  'expired',
  'timed out',
  'timeout',
  'time is up',
  'failed',
  'cancelled',
  'canceled',
  'refused',
  'rejected',
  'success',
  'completed',
  'was signed',
  'has been signed',
  'signed successfully',
  'document signed',
  'signing complete',
  'error',
  'baiges',
  'pasibaige',
  'pasibaigusi',
  'pasibaigus$',
  'nepavyk',
  'atsaukta$',
  'atsauktas$',
  'sekming',
  'klaida',
  'pasirasytas',
  'atmesta$',
  'beidzies',
  'beigusies',
  'noildz',
  'neizdev',
  'atcelts$',
  'atcelta$',
  'veiksmig',
  'kluda',
  'parakstits',
  'aegus',
  'aegunud',
  'ebaonnest',
  'katkestatud',
  'tuhistatud',
  'edukalt',
  'viga',
  'allkirjastatud',
  'tagasi lukatud',
  'истекло',
  'истекла',
  'истек$',
  'не удалось',
  'отменен',
  'отклонен',
  'успешно',
  'ошибка',
  'подписан$',
  'подписаны$',
];

/** Site chrome: header, navigation and footer landmarks hold account links, not the transaction's controls. */
export const SITE_CHROME_TAGS = new Set(['header', 'nav', 'footer']);
export const SITE_CHROME_ROLES = new Set(['banner', 'navigation', 'contentinfo', 'menubar']);

// ---- Brands, apps and help around a sign-in method (brands) ----

/** "smart ID card", "mobile ID kortelė": a chip card, not the brand (folded text). */
export const CARD_PHRASE = /(?:smart|(?<!\p{L})mob\p{L}*)[\s_-]?id[\s-]*(?:cards?|kart|kaart|kortel|карт)\p{L}*/gu;
// Help, guide and instruction controls talk about the method; matched on folded text.
export const HELP_LINK =
  /\?|what is|learn more|read more|how to|^ka |kuidas|guide|instruction|manual|kas yra|daugiau|kaip |instrukcij|vadov|kas ir|uzzinat|rokasgramat|mis on|loe lisa|juhend|opetus|что такое|подробнее|инструкц|руководств|как |help|pagalba|palidz|abi$/;
// Getting the app is not choosing the method: download / install wording in the five languages.
// "installment" / "instalment" (leasing, credit) is not installing.
export const INSTALL = /(?<!\p{L})(?:install(?!ments?)|instale|idieg|isidieg|idiek|isidiek|paigald|установ)|get the app/u;
// "Open / launch … app" in the five languages (folded text): both a verb and the word "app" must be there.
export const OPEN_VERB = /(?<!\p{L})(?:open|launch|atidar\p{L}*|atver\p{L}*|ava|avage|avada|откр\p{L}*|запуст\p{L}*)(?!\p{L})/u;
export const APP_NOUN = /(?<!\p{L})(?:app|application|programel\p{L}*|lietotn\p{L}*|rakendus\p{L}*|приложени\p{L}*)(?!\p{L})/u;
export const HELP_HREF = /\/(help|faq|support|kkk|duk|pagalba|palidziba|abi|spravka|справка|article|docs?)\b/i;

// ---- Numbers that are not control codes (codes) ----

/** The number's own name right before it: "Policy number 4410", "Lepingu number 7741", "Līguma numurs: 1203", "Номер: 4410". */
export const NUMBER_WORD = /(?<![\p{L}])(number|numbri|numeris|numerio|numurs|numura|номер\p{L}*)\s*[:.]?\s*$/u;
/** Documents whose numbers are identifiers: policy, contract, agreement (their "number" words are in NUMBER_WORD). */
export const DOCUMENT_CONTEXT: Concept = [
  'policy',
  'contract',
  'agreement',
  'polis',
  'sutart',
  'ligum',
  'poliis',
  'leping',
  'полис',
  'договор',
];
export const DIGIT_NAME = /digit|skaitm|cipar|numbri|kood|цифр/;

// ---- Page state: errors and how a transaction ended (state) ----

/** Words of an error message (not a success). */
export const ERROR_WORDS: Concept = [
  'error',
  'failed',
  'failure',
  'could not',
  'unable',
  'something went wrong',
  'try again',
  'expired',
  'timed out',
  'refused',
  'rejected',
  'klaida',
  'nepavyk',
  'nepavyko',
  'bandykite',
  'baiges',
  'atmest',
  'kluda',
  'neizdev',
  'meginiet',
  'beidzies',
  'noraidit',
  'viga',
  'ebaonnest',
  'proovige',
  'aegus',
  'tagasi lukatud',
  'ошибка',
  'не удалось',
  'попробуйте',
  'истек',
  'отклонен',
];
// How a transaction ended, by the words of the message that says so (folded, word-start stems as in text.ts).
// Checked in this order: "Signing cancelled. Nothing was signed." is a cancellation, "not signed" no success.
export const CANCELLED_WORDS: Concept = [
  'cancelled',
  'canceled',
  'aborted',
  'atsaukt',
  'nutraukt',
  'atcelt',
  'partraukt',
  'katkestatud',
  'tuhistatud',
  'отменен',
  'отменён',
  'прерван',
];
export const REFUSED_WORDS: Concept = [
  'refused',
  'rejected',
  'declined',
  'atmest',
  'atsisak',
  'noraidit',
  'atteikt',
  'tagasi lukatud',
  'keeldu',
  'отклонен',
  'отклонён',
  'отказ',
];
export const EXPIRED_WORDS: Concept = [
  'expired',
  'timed out',
  'timeout',
  'time is up',
  'baiges',
  'baigesi',
  'pasibaig',
  'beidzies',
  'beigusies',
  'noildz',
  'aegus',
  'aegunud',
  'истек',
  'истёк',
];
export const FAILED_WORDS: Concept = [
  'error',
  'failed',
  'failure',
  'not signed',
  'nepavyk',
  'klaida',
  'nepasirasyt',
  'neizdev',
  'kluda',
  'nav parakstit',
  'ebaonnest',
  'viga',
  'ei onnestunud',
  'ошибка',
  'не удалось',
  'не подписан',
];

// ---- Cancel words that do not cancel (cancel) ----

/**
 * Nouns that make a cancel word part of a title ("Cancellation policy", "условия отказа", "Atsisakymo sąlygos"):
 * a document about cancelling, not the action.
 */
export const CANCEL_DOCUMENT: Concept = [
  'policy',
  'policies',
  'terms',
  'conditions',
  'rules',
  'faq$',
  'salyg',
  'taisykl',
  'politik',
  'noteikum',
  'nosacijum',
  'tingimus',
  'reegl',
  'poliitik',
  'услови',
  'правил',
  'политик',
  // Disclaimers: "Отказ от ответственности", "Vastutusest loobumine" (waiver of liability) name a document.
  'liability',
  'responsibility',
  'atsakomyb',
  'atbildib',
  'vastutus',
  'ответственност',
];
/** "Back to top" / "Grįžti į viršų" / "Tagasi üles" / "Наверх": scrolls the page, it does not leave the step. */
export const BACK_TO_TOP: Concept = ['to top', 'top of', 'virsu', 'augsu', 'ules$', 'наверх', 'вверх', 'к началу'];

// ---- Words around a sign-in method in a control name (brands) ----

export const METHOD_FILLER = new Set([
  'with',
  'using',
  'via',
  'by',
  'use',
  'continue',
  'start',
  'log',
  'in',
  'login',
  'su',
  'per',
  'naudojant',
  'testi',
  'prisijungti',
  'prisijunkite',
  'ar',
  'izmantojot',
  'turpinat',
  'pieslegties',
  'ga',
  'kasutades',
  'jatka',
  'logi',
  'sisse',
  'logige',
  'с',
  'через',
  'помощью',
  'продолжить',
  'войти',
  'вход',
]);
export const START_VERBS = new Set([
  'continue',
  'start',
  'use',
  'log',
  'login',
  'testi',
  'prisijungti',
  'prisijunkite',
  'turpinat',
  'pieslegties',
  'jatka',
  'jatkake',
  'logi',
  'logige',
  'продолжить',
  'войти',
]);

// ---- Month names: a year next to one is a date (codes) ----

/**
 * Month names (folded: diacritics off, й→и) with their usual inflections and abbreviations: EN, LT (kovas/kovo…),
 * LV (marts/martā…), ET (märts/märtsi…), RU (март/марта/марте…). A year next to one is a date: "14 March 2025",
 * "March 14, 2025", "14 марта 2025", "14. märts 2025", "kovo 14 d. 2025".
 */
const MONTHS = [
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec',
  'sausis|sausio|vasaris|vasario|kovas|kovo|balandis|balandzio|geguze|geguzes|birzelis|birzelio|liepa|liepos|rugpjutis|rugpjucio',
  'rugsejis|rugsejo|spalis|spalio|lapkritis|lapkricio|gruodis|gruodzio|saus|vas|kov|bal|geg|birz|rugp|rugs|spal|lapkr|gruod',
  'janvaris|janvari|februaris|februari|marts|marta|aprilis|aprili|maijs|maija|junijs|junija|julijs|julija|augusts|augusta',
  'septembris|septembri|oktobris|oktobri|novembris|novembri|decembris|decembri|janv|febr|okt',
  'jaanuari?|veebruari?|martsi|aprilli?|mai|juuni|juuli|augusti|septembri|oktoobri?|novembri|detsembri?|jaan|veebr|dets',
  'январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[ияе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]',
  'янв|фев|мар|апр|авг|сент?|окт|ноя|дек',
].join('|');
const MONTH_NAME = `(?<![\\p{L}])(?:${MONTHS})(?![\\p{L}])`;
const MONTH_WORD = `${MONTH_NAME}\\.?`;
/**
 * "March ", "14 March ", "March 14, ", "kovo 14 d. " right before a year. Linear: the separators after the month
 * and after its day are one run each, so nothing can be read two ways before the end.
 */
export const MONTH_BEFORE = /* @__PURE__ */ new RegExp(`${MONTH_NAME}[\\s,.]*(?:\\d{1,2}(?:st|nd|rd|th|\\s*d\\.)?[\\s,.]*)?$`, 'u');
/** " March 14" right after a year. */
export const MONTH_AFTER = /* @__PURE__ */ new RegExp(`^[\\s,.]*${MONTH_WORD}`, 'u');

// ---- Language names on a language switcher (localization) ----

/**
 * Language names (in their own and in the region's languages) and codes, folded, optionally with "version" /
 * "language" words around them ("Русская версия", "Latviešu valodā", "In English", "Eesti keeles"): a language
 * switcher is not mixed language.
 */
const LANGUAGE_NAMES = [
  'en',
  'eng',
  'english',
  'anglu',
  'angliski',
  'inglise',
  'английскии',
  'англииская',
  'английском',
  'по-английски',
  'lt',
  'lit',
  'lietuviu',
  'lietuviskai',
  'lithuanian',
  'lietuviesu',
  'leedu',
  'литовскии',
  'литовская',
  'литовском',
  'по-литовски',
  'lv',
  'lat',
  'lav',
  'latviesu',
  'latviski',
  'latvian',
  'latviu',
  'lati',
  'латышскии',
  'латышская',
  'латышском',
  'по-латышски',
  'et',
  'est',
  'ee',
  'eesti',
  'estonian',
  'igaunu',
  'estu',
  'эстонскии',
  'эстонская',
  'эстонском',
  'по-эстонски',
  'ru',
  'rus',
  'русскии',
  'русская',
  'русском',
  'по-русски',
  'russian',
  'rusu',
  'rusiskai',
  'krievu',
  'krieviski',
  'vene',
  'is',
  'islenska',
  'pl',
  'polski',
  'de',
  'deutsch',
  'fi',
  'suomi',
  'sv',
  'svenska',
  'uk',
  'украінська',
  'ukrainian',
];
const LANGUAGE_WORDS = [
  'version',
  'versija',
  'versioon',
  'версия',
  'язык',
  'языке',
  'valoda',
  'kalba',
  'kalboje',
  'keeles',
  'keel',
  'language',
];
export const LANGUAGE_LABEL = /* @__PURE__ */ new RegExp(
  `^(?:(?:in|на|по|versija|version)\\s+)?(?:${/* @__PURE__ */ LANGUAGE_NAMES.join('|')})(?:\\s+(?:${/* @__PURE__ */ LANGUAGE_WORDS.join('|')})){0,2}$`,
);

// ---- Brand names as written (brands) ----

// A chip card ("insert your smart ID card", "mobile ID kortelė") is a generic card, not the brand.
const NOT_CARD = `(?![\\s\\u00a0]*(?:[-‐‑][\\s\\u00a0]*)?(?:cards?|kart|kaart|kortel|карт))`;
// Before a name: not a letter, digit, "@", "." or "_" (e-mail addresses, file names, identifiers). "/" is allowed:
// "Smart-ID/Mobile ID" names both; URLs and paths are masked by ADDRESS.
const BEFORE_NAME = `(?<![\\p{L}\\p{N}@._-])`;
// "Smart-ID", "SmartID", "smart id", "Smart_Id"… (any case, any separator or none).
export const SMART_ID_NAME = /* @__PURE__ */ new RegExp(
  `${BEFORE_NAME}(?:smart|смарт)[\\s\\u00a0_\\-‐-―]?(?:id|ид|айди)(?![\\p{L}\\p{N}])${NOT_CARD}`,
  'giu',
);
// "Mobile-ID", "Mobiil-ID", "Mobilais ID", "Mobilo ID", "Mobilajam ID", "MobileID", "Mobile Id", "Мобильный ID"…
export const MOBILE_ID_NAME = /* @__PURE__ */ new RegExp(
  `${BEFORE_NAME}(?:mob(?:ile|iil|ilais|ilo|ilajam|ilaja|ilā|ilajā|ilu|il)|мобайл|мобил(?:ьн\\p{L}*)?)[\\s\\u00a0_\\-‐-―]?(?:id|ид|айди)(?![\\p{L}\\p{N}])${NOT_CARD}`,
  'giu',
);
/**
 * What every match of SMART_ID_NAME / MOBILE_ID_NAME starts with, in the same case-insensitive Unicode mode: a text
 * without it names no brand, which this plain search tells faster than the pattern (a lookbehind at every place).
 */
export const SMART_ID_START = /smart|смарт/iu;
export const MOBILE_ID_START = /mob|моб/iu;
/** The brands spelt in folded text (diacritics off, lower case): "smart-id", "смарт ид", "mobiil-id", "мобильный id". */
const SMART_ID_FOLDED = `smart[\\s_-]?id|смарт[\\s_-]?(?:id|ид|айди)`;
const MOBILE_ID_FOLDED = `mob(?:ile|iil|ilais|ilo|ilajam|ilaja|ilu|il)[\\s_-]?id|мобайл[\\s_-]?(?:id|ид|айди)|mobilusis parasas|(?<!\\p{L})мобильн\\p{L}* (?:id|ид)`;
export const SMART_ID_SPELLED = /* @__PURE__ */ new RegExp(SMART_ID_FOLDED, 'u');
export const MOBILE_ID_SPELLED = /* @__PURE__ */ new RegExp(MOBILE_ID_FOLDED, 'u');
/** Either brand, every occurrence: to take the brand's words out of a name and see what else it says. */
export const BRAND_SPELLED = /* @__PURE__ */ new RegExp(`${SMART_ID_FOLDED}|${MOBILE_ID_FOLDED}`, 'gu');
// Words that describe a mark rather than add a subject: "Smart-ID logo", "Mobile-ID_icon_white.svg",
// "Smart-ID_login_btn.png" (SK's own asset names). In the five languages.
export const MARK_WORDS =
  /^(?:logo\p{L}*|logotyp\p{L}*|логотип\p{L}*|icon\p{L}*|ikon\p{L}*|иконк\p{L}*|znak\p{L}*|märk|mark|badge|btn|button|mygtuk\p{L}*|poga|nupp|кнопк\p{L}*|svg|png|jpe?g|gif|webp|avif|white|black|dark|light|colou?r|mono|rgb|cmyk|horizontal|vertical|round|small|large|official|primary|secondary|inverted|negative|positive|transparent|login|image|img|pic|v\d+|\d+(?:x\d+)?|@\dx|x)$/u;

// ---- Year words (codes) ----

/** "2025 m.", "2025. gada", "2025. a.", "2025 aasta", "2025 год", "2025 г.": the number right before is a year. */
export const YEAR_WORD_AFTER = /^\.?\s*(m\.|г\.|г(?![\p{L}])|gad|a\.|aasta|metai|year|год)/iu;

// ---- Documents: their marks, titles and look-alikes (document) ----

/**
 * What marks an element as a document or its viewer: its class, id, label or role names one. Tested on folded text
 * ("Līgums" is "ligums"). "page" is no mark: a page wrapper ("page", "page-content") holds the whole UI.
 */
export const DOCUMENT_MARK = /doc|dokument|contract|agreement|terms|preview|pdf|sutart|ligum|leping|договор|viewer/i;
/** Documents that are not the one being signed: price lists, privacy and cookie policies, general terms of the site. */
export const OTHER_DOCUMENTS = [
  'tariff',
  'price list',
  'pricing',
  'privacy',
  'cookie',
  'personal data',
  'data protection',
  'help',
  'faq',
  'instruction',
  'kainyn',
  'ikainiai',
  'privatum',
  'slapuk',
  'asmens duomen',
  'pagalba',
  'instrukcij',
  'cenradis',
  'tarif',
  'privatum',
  'sikdatn',
  'personas dati',
  'palidziba',
  'hinnakiri',
  'privaatsus',
  'kupsis',
  'isikuandmet',
  'juhend',
  'тариф',
  'прайс',
  'конфиденциальн',
  'персональн',
  'cookie',
  'помощь',
  'инструкц',
  // The website's own terms of use and newsletters: about the site, never the document signed on it.
  'terms of use',
  'website terms',
  'site terms',
  'newsletter',
  'svetaines naudojimo',
  'svetaines taisykl',
  'naudojimosi taisykl',
  'naujienlaisk',
  'vietnes lietosanas',
  'vietnes noteikum',
  'lietosanas noteikum',
  'jaunumu',
  'kasutustingimus',
  'veebilehe kasutus',
  'veebilehe tingimus',
  'uudiskir',
  'условия использования',
  'правила пользования',
  'пользовательское соглашение',
  'правила сайта',
  'рассылк',
] as const;
/** Words a contract's text opens with. */
export const CONTRACT_WORDS = [
  'agreement',
  'terms and conditions',
  'sutartis',
  'sutarties',
  'ligums',
  'liguma',
  'leping',
  'lepingu',
  'договор',
  'соглашение',
] as const;
/** "How to sign" wording: the heading of help steps, not of a document. */
export const HOW_TO_SIGN: Concept = [
  'how to sign',
  'how do i sign',
  'how to confirm',
  'how it works',
  'how does it work',
  'kaip pasirasyti',
  'kaip patvirtinti',
  'kaip tai veikia',
  'kaip veikia',
  'ka parakstit',
  'ka apstiprinat',
  'ka tas darbojas',
  'kuidas allkirjast',
  'kuidas kinnitada',
  'kuidas see toimib',
  'как подписать',
  'как подтвердить',
  'как это работает',
];
/**
 * A document's title word (folded): contract, agreement, terms, annex … in the five languages. Estonian builds
 * compounds ("Liisinguleping", "Müügitingimused"), so its words may end a longer word.
 */
export const DOC_TITLE =
  /(?:^|[^\p{L}])(?:agreement|contract|terms|conditions|annex|appendix|sutart|salygos|taisykl|priedas|ligum|noteikum|pielikum|lisa(?!\p{L})|договор|соглашени|услови|правила|приложени)|leping|tingimus/u;

// ---- Preview, applications and data checks (preview) ----

/** Words that name a preview on their own (no "document" needed). */
export const STRONG_PREVIEW = ['preview', 'perziur', 'prieksskat', 'eelvaad', 'просмотр', 'предпросмотр', 'предварительн'] as const;
/** Forms whose data is itself what is signed: an application, request or declaration. */
export const APPLICATION: Concept = [
  'application',
  'request$',
  'declaration',
  'prasym',
  'deklaracij',
  'pareiskim',
  'anket',
  'iesniegum',
  'pieteikum',
  'avaldus',
  'avalduse',
  'taotlus',
  'deklaratsioon',
  'ankeet',
  'заявлени',
  'декларац',
  'анкет',
];
/** "Check the data before signing". */
export const CHECK_DATA: Concept = [
  'check the data',
  'check your data',
  'check the details',
  'check your details',
  'review the details',
  'review your details',
  'review your application',
  'patikrink',
  'perziurekite duomenis',
  'parbaudi',
  'kontrollige',
  'kontrolli andmeid',
  'проверьте',
  'сверьте',
];
/** A rendered page of a document viewer (pdf.js page containers, page images): a document's mark, or "page". */
export const PAGE_MARK = /* @__PURE__ */ new RegExp(`${DOCUMENT_MARK.source}|page`, 'i');
