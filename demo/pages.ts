/**
 * The demo site's manifest: every page under demo/site/ and the verdict each check should reach on it.
 * The CLI demo command audits each page and compares its verdicts with `expect`.
 */

export type DemoCheckId = 'control-code' | 'cancel' | 'preview' | 'brand-name' | 'brand-logo' | 'localization';
export type DemoVerdict = 'pass' | 'fail' | 'review' | 'not-applicable';

export interface DemoPage {
  /** Path on the integrator site, starting with '/'. */
  path: string;
  title: string;
  /** The language of the page's text: its <html lang>, except on sign-missing-lang.html, whose <html> has none. */
  lang: string;
  /**
   * The verdict each check should reach. control-code, cancel and preview are always given; the others are given for
   * every bundled page, but stay optional so a page can leave out a check it was not designed for.
   */
  expect: Partial<Record<DemoCheckId, DemoVerdict>> & Record<'control-code' | 'cancel' | 'preview', DemoVerdict>;
  /** One line on what the page demonstrates. */
  description?: string;
}

const NA = 'not-applicable' as const;

export const demoPages: DemoPage[] = [
  {
    path: '/index.html',
    title: 'Demo index',
    lang: 'en',
    expect: { 'control-code': NA, cancel: NA, preview: NA, 'brand-name': 'pass', 'brand-logo': NA, localization: 'pass' },
    description: 'List of the demo pages with the expected verdicts; no signing step.',
  },
  {
    path: '/sign-good.html',
    title: 'Smart-ID signing, compliant (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: 'PDF preview in an iframe; verification code 0041 (36px bold), compare-and-enter-PIN2 hint and Cancel in one card.',
  },
  {
    path: '/sign-good-lt.html',
    title: 'Smart-ID signing, compliant (LT)',
    lang: 'lt',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: '"Kontrolinis kodas" 3962 in an <output>, "Atšaukti", preview through a "Peržiūrėti dokumentą" link to the PDF.',
  },
  {
    path: '/sign-good-et.html',
    title: 'Mobile-ID signing, compliant (ET)',
    lang: 'et',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: 'Mobiil-ID: "Kontrollkood" 4719 in a <dl>, "Katkesta", the contract "Teenusleping" rendered as page text.',
  },
  {
    path: '/sign-delayed.html',
    title: 'Smart-ID signing, code arrives after 2 s (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: 'Script-rendered page: "Starting Smart-ID signing…" without a code, then code 7304 after 2 seconds.',
  },
  {
    path: '/sign-tiny-code.html',
    title: 'Smart-ID signing, tiny low-contrast code (EN)',
    lang: 'en',
    expect: { 'control-code': 'fail', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: 'Code 5521 at 11px, #bbb on white (contrast about 1.9:1).',
  },
  {
    path: '/sign-hidden-code.html',
    title: 'Smart-ID signing, hidden code (LV)',
    lang: 'lv',
    expect: { 'control-code': 'fail', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: '"Kontroles kods" label is shown, the code 2866 has visibility:hidden; "Atcelt" works.',
  },
  {
    path: '/sign-covered-code.html',
    title: 'Smart-ID signing, code under a cookie banner (EN)',
    lang: 'en',
    expect: { 'control-code': 'fail', cancel: 'fail', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: 'A fixed cookie banner covers the centre of code 6730; its "Cancel" is the only one on the page.',
  },
  {
    path: '/sign-no-cancel.html',
    title: 'Smart-ID signing, no cancel (RU)',
    lang: 'ru',
    expect: { 'control-code': 'pass', cancel: 'fail', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: '"Контрольный код" 6158 and "Ожидание подтверждения в Smart-ID", but no way to cancel.',
  },
  {
    path: '/sign-cancel-disabled.html',
    title: 'Mobile-ID signing, disabled cancel (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'fail', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: 'Control code 3127 shown; the Cancel button has the disabled attribute.',
  },
  {
    path: '/sign-no-preview.html',
    title: 'Signing method choice without a preview (LT)',
    lang: 'lt',
    expect: { 'control-code': NA, cancel: NA, preview: 'fail', 'brand-name': 'pass', 'brand-logo': 'pass', localization: 'pass' },
    description:
      'Only the file name "Sutartis_2024.pdf", a download-after-signing promise and an enabled "Pasirašyti" button; the Smart-ID and Mobile-ID radios carry their logos (72×24).',
  },
  {
    path: '/sign-gateway.html',
    title: 'Signing in a cross-origin gateway frame (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'pass', localization: 'pass' },
    description:
      'The integrator page frames the fake gateway (another origin, English by default); the gateway frame holds the PDF, Smart-ID / Mobile-ID tabs with their logos, control code 5820 and Cancel.',
  },
  {
    path: '/auth-shadow.html',
    title: 'Smart-ID login in an open shadow root (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: NA, 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: '<sid-login> with an open shadow root: verification code 1234 and Cancel; authentication, no document.',
  },
  {
    path: '/auth-closed-shadow.html',
    title: 'Smart-ID login in a closed shadow root (ET)',
    lang: 'et',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: NA, 'brand-name': 'pass', 'brand-logo': 'review', localization: 'pass' },
    description: '<sid-login> with a closed shadow root: "Kontrollkood" 9081 and "Katkesta".',
  },
  {
    path: '/sign-decoys.html',
    title: 'Checkout with four-digit decoys (EN)',
    lang: 'en',
    expect: { 'control-code': NA, cancel: NA, preview: NA, 'brand-name': NA, 'brand-logo': NA, localization: 'pass' },
    description: 'Checkout page: 1299 EUR, card ending 4242, © 2024, +370 6000 0666, Order #12345678, "Cancel order"; nothing to sign.',
  },
  {
    path: '/method-choice-good.html',
    title: 'Signing method choice with logos, compliant (LT)',
    lang: 'lt',
    expect: { 'control-code': NA, cancel: NA, preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'pass', localization: 'pass' },
    description:
      '"Pasirinkite pasirašymo būdą": Smart-ID and Mobile-ID buttons, each with its logo at the natural 120×40 and 18 px of space around it; preview through a "Peržiūrėti dokumentą" link to the PDF.',
  },
  {
    path: '/method-choice-bad-brand.html',
    title: 'Signing method choice with misspelled names and altered logos (EN)',
    lang: 'en',
    expect: { 'control-code': NA, cancel: NA, preview: 'pass', 'brand-name': 'fail', 'brand-logo': 'fail', localization: 'pass' },
    description:
      'The buttons and the note say "SmartID" and "Mobile ID"; the Smart-ID logo (natural 120×40) is drawn 120×70, the Mobile-ID logo has filter: grayscale(1).',
  },
  {
    path: '/sign-lt-english-gateway.html',
    title: 'Lithuanian page around an English gateway frame (LT)',
    lang: 'lt',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'pass', localization: 'fail' },
    description:
      'Lithuanian integrator page framing {{GATEWAY}}/signing/7a2b?…&language=en: the gateway (PDF, control code 5820, Cancel) runs in English.',
  },
  {
    path: '/sign-mixed-language.html',
    title: 'Latvian signing step with English buttons and a raw message key (LV)',
    lang: 'lv',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'fail' },
    description:
      'Latvian Smart-ID step, "Kontroles kods" 4085, but the buttons read "Cancel" and "Sign" (disabled) and one shows the raw key "sign.confirm_button".',
  },
  {
    path: '/sign-missing-lang.html',
    title: 'Russian signing step without a lang attribute (RU)',
    lang: 'ru',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'review', localization: 'fail' },
    description: 'Correct Russian Mobile-ID step ("Контрольный код" 2419, "Отменить", PDF preview), but <html> has no lang attribute.',
  },
  {
    path: '/sign-tailwind.html',
    title: 'Smart-ID signing styled with Tailwind CSS v4, compliant (LT)',
    lang: 'lt',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'pass', localization: 'pass' },
    description:
      'Tailwind CSS v4 utilities only, so every colour is oklch(): "Kontrolinis kodas" 6294 in text-4xl font-bold text-slate-900 on bg-sky-50, "Atšaukti", PDF preview in an iframe, the Smart-ID logo (h-8 w-auto, 3:1) beside the step heading.',
  },
  {
    path: '/sign-tailwind-faded.html',
    title: 'Smart-ID signing styled with Tailwind CSS v4, faded code (LT)',
    lang: 'lt',
    expect: { 'control-code': 'fail', cancel: 'pass', preview: 'pass', 'brand-name': 'pass', 'brand-logo': 'pass', localization: 'pass' },
    description: 'The same Tailwind page, but the code 1873 is text-slate-300 on bg-sky-50 (oklch colours, contrast about 1.4:1).',
  },
];
