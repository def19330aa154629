// The flow demo's integrator pages: texts in five languages, chosen with ?lang= (en, lt, lv, et, ru; default en).
// Elements with data-t get the text of that key; data-t-label sets aria-label, data-t-title sets title.
const FLOW_TEXTS = {
  en: {
    startTitle: 'Sign your service agreement – Demo Lizingas', signTitle: 'Signing – Demo Lizingas',
    home: 'Home', agreements: 'My agreements', agreement: 'Service agreement', account: 'My account', language: 'Language', breadcrumb: 'Breadcrumb',
    h1: 'Sign your service agreement', docTitle: 'Document preview: Service agreement', openDoc: 'Open in a new tab',
    docFrame: 'Service agreement (contract.pdf)', kind: 'Agreement', signer: 'Signer', signature: 'Signature', qes: 'Qualified electronic signature',
    readFirst: 'Read the agreement, then confirm that you want to sign it.', agree: 'I have read the agreement', signNow: 'Continue to signing',
    mustAgree: 'Tick the box first.', signSub: 'Signing is handled by our signing partner. Choose how you want to sign below.',
    frameTitle: 'Document signing', cancelled: 'You cancelled the signing. The agreement was not signed.',
    company: '© UAB Demo · Company code 300000000 · Vilnius, Lithuania', fiction: 'Demo Lizingas is a fictional company made up for the WYSIWYS Auditor demo.',
  },
  lt: {
    startTitle: 'Pasirašykite paslaugų sutartį – Demo Lizingas', signTitle: 'Pasirašymas – Demo Lizingas',
    home: 'Pradžia', agreements: 'Mano sutartys', agreement: 'Paslaugų sutartis', account: 'Mano paskyra', language: 'Kalba', breadcrumb: 'Naršymo kelias',
    h1: 'Pasirašykite paslaugų sutartį', docTitle: 'Dokumento peržiūra: paslaugų sutartis', openDoc: 'Atidaryti naujame skirtuke',
    docFrame: 'Paslaugų sutartis (contract.pdf)', kind: 'Sutartis', signer: 'Pasirašantysis', signature: 'Parašas', qes: 'Kvalifikuotas elektroninis parašas',
    readFirst: 'Perskaitykite sutartį ir patvirtinkite, kad norite ją pasirašyti.', agree: 'Perskaičiau sutartį', signNow: 'Tęsti pasirašymą',
    mustAgree: 'Pirmiausia pažymėkite langelį.', signSub: 'Pasirašymą vykdo mūsų partneris. Žemiau pasirinkite pasirašymo būdą.',
    frameTitle: 'Dokumento pasirašymas', cancelled: 'Atšaukėte pasirašymą. Sutartis nepasirašyta.',
    company: '© UAB Demo · Įmonės kodas 300000000 · Vilnius, Lietuva', fiction: '„Demo Lizingas“ – išgalvota bendrovė, sukurta WYSIWYS Auditor demonstracijai.',
  },
  lv: {
    startTitle: 'Parakstiet pakalpojumu līgumu – Demo Lizingas', signTitle: 'Parakstīšana – Demo Lizingas',
    home: 'Sākums', agreements: 'Mani līgumi', agreement: 'Pakalpojumu līgums', account: 'Mans konts', language: 'Valoda', breadcrumb: 'Navigācijas ceļš',
    h1: 'Parakstiet pakalpojumu līgumu', docTitle: 'Dokumenta priekšskatījums: pakalpojumu līgums', openDoc: 'Atvērt jaunā cilnē',
    docFrame: 'Pakalpojumu līgums (contract.pdf)', kind: 'Līgums', signer: 'Parakstītājs', signature: 'Paraksts', qes: 'Kvalificēts elektroniskais paraksts',
    readFirst: 'Izlasiet līgumu un apstipriniet, ka vēlaties to parakstīt.', agree: 'Esmu izlasījis līgumu', signNow: 'Turpināt parakstīšanu',
    mustAgree: 'Vispirms atzīmējiet lodziņu.', signSub: 'Parakstīšanu nodrošina mūsu partneris. Zemāk izvēlieties parakstīšanas veidu.',
    frameTitle: 'Dokumenta parakstīšana', cancelled: 'Jūs atcēlāt parakstīšanu. Līgums netika parakstīts.',
    company: '© UAB Demo · Uzņēmuma kods 300000000 · Viļņa, Lietuva', fiction: 'Demo Lizingas ir izdomāts uzņēmums, kas izveidots WYSIWYS Auditor demonstrācijai.',
  },
  et: {
    startTitle: 'Allkirjasta teenusleping – Demo Lizingas', signTitle: 'Allkirjastamine – Demo Lizingas',
    home: 'Avaleht', agreements: 'Minu lepingud', agreement: 'Teenusleping', account: 'Minu konto', language: 'Keel', breadcrumb: 'Asukoht',
    h1: 'Allkirjasta teenusleping', docTitle: 'Dokumendi eelvaade: teenusleping', openDoc: 'Ava uuel vahelehel',
    docFrame: 'Teenusleping (contract.pdf)', kind: 'Leping', signer: 'Allkirjastaja', signature: 'Allkiri', qes: 'Kvalifitseeritud e-allkiri',
    readFirst: 'Loe leping läbi ja kinnita, et soovid selle allkirjastada.', agree: 'Olen lepingu läbi lugenud', signNow: 'Jätka allkirjastamisega',
    mustAgree: 'Märgi kõigepealt ruut.', signSub: 'Allkirjastamist teeb meie partner. Vali allpool allkirjastamise viis.',
    frameTitle: 'Dokumendi allkirjastamine', cancelled: 'Katkestasid allkirjastamise. Lepingut ei allkirjastatud.',
    company: '© UAB Demo · Registrikood 300000000 · Vilnius, Leedu', fiction: 'Demo Lizingas on väljamõeldud ettevõte, mis on loodud WYSIWYS Auditori tutvustamiseks.',
  },
  ru: {
    startTitle: 'Подпишите договор об оказании услуг – Demo Lizingas', signTitle: 'Подписание – Demo Lizingas',
    home: 'Главная', agreements: 'Мои договоры', agreement: 'Договор об оказании услуг', account: 'Мой профиль', language: 'Язык', breadcrumb: 'Навигация',
    h1: 'Подпишите договор об оказании услуг', docTitle: 'Просмотр документа: договор об оказании услуг', openDoc: 'Открыть в новой вкладке',
    docFrame: 'Договор об оказании услуг (contract.pdf)', kind: 'Договор', signer: 'Подписант', signature: 'Подпись', qes: 'Квалифицированная электронная подпись',
    readFirst: 'Прочитайте договор и подтвердите, что хотите его подписать.', agree: 'Я прочитал договор', signNow: 'Перейти к подписанию',
    mustAgree: 'Сначала отметьте флажок.', signSub: 'Подписание выполняет наш партнёр. Выберите способ подписания ниже.',
    frameTitle: 'Подписание документа', cancelled: 'Вы отменили подписание. Договор не подписан.',
    company: '© UAB Demo · Код предприятия 300000000 · Вильнюс, Литва', fiction: 'Demo Lizingas — вымышленная компания, созданная для демонстрации WYSIWYS Auditor.',
  },
};
const flowRequested = (new URLSearchParams(location.search).get('lang') ?? '').trim().toLowerCase().split(/[-_]/)[0];
const FLOW_LANG = Object.hasOwn(FLOW_TEXTS, flowRequested) ? flowRequested : 'en';
const flowT = FLOW_TEXTS[FLOW_LANG];
document.documentElement.lang = FLOW_LANG;
document.title = flowT[document.documentElement.dataset.title] ?? document.title;
for (const el of document.querySelectorAll('[data-t]')) el.textContent = flowT[el.dataset.t];
for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', flowT[el.dataset.tLabel]);
for (const el of document.querySelectorAll('[data-t-title]')) el.setAttribute('title', flowT[el.dataset.tTitle]);
for (const a of document.querySelectorAll('.lang-switch a')) {
  if (a.lang === FLOW_LANG) a.setAttribute('aria-current', 'true');
  else a.removeAttribute('aria-current');
}
