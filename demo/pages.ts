/**
 * The demo site's manifest: every page under demo/site/ and the verdict each check should reach on it.
 * The CLI demo command audits each page and compares its verdicts with `expect`.
 */

export type DemoCheckId = 'control-code' | 'cancel' | 'preview';
export type DemoVerdict = 'pass' | 'fail' | 'review' | 'not-applicable';

export interface DemoPage {
  /** Path on the integrator site, starting with '/'. */
  path: string;
  title: string;
  /** The page's <html lang>. */
  lang: string;
  expect: Record<DemoCheckId, DemoVerdict>;
  /** One line on what the page demonstrates. */
  description?: string;
}

const NA = 'not-applicable' as const;

export const demoPages: DemoPage[] = [
  {
    path: '/index.html',
    title: 'Demo index',
    lang: 'en',
    expect: { 'control-code': NA, cancel: NA, preview: NA },
    description: 'List of the demo pages; no signing step.',
  },
  {
    path: '/sign-good.html',
    title: 'Smart-ID signing, compliant (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass' },
    description: 'PDF preview in an iframe; verification code 0041 (36px bold), compare-and-enter-PIN2 hint and Cancel in one card.',
  },
  {
    path: '/sign-good-lt.html',
    title: 'Smart-ID signing, compliant (LT)',
    lang: 'lt',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass' },
    description: '"Kontrolinis kodas" 3962 in an <output>, "Atšaukti", preview through a "Peržiūrėti dokumentą" link to the PDF.',
  },
  {
    path: '/sign-good-et.html',
    title: 'Mobiil-ID signing, compliant (ET)',
    lang: 'et',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass' },
    description: '"Kontrollkood" 4719 in a <dl>, "Katkesta", the contract "Teenusleping" rendered as page text.',
  },
  {
    path: '/sign-delayed.html',
    title: 'Smart-ID signing, code arrives after 2 s (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass' },
    description: 'Script-rendered page: "Starting Smart-ID signing…" without a code, then code 7304 after 2 seconds.',
  },
  {
    path: '/sign-tiny-code.html',
    title: 'Smart-ID signing, tiny low-contrast code (EN)',
    lang: 'en',
    expect: { 'control-code': 'fail', cancel: 'pass', preview: 'pass' },
    description: 'Code 5521 at 11px, #bbb on white (contrast about 1.9:1).',
  },
  {
    path: '/sign-hidden-code.html',
    title: 'Smart-ID signing, hidden code (LV)',
    lang: 'lv',
    expect: { 'control-code': 'fail', cancel: 'pass', preview: 'pass' },
    description: '"Kontroles kods" label is shown, the code 2866 has visibility:hidden; "Atcelt" works.',
  },
  {
    path: '/sign-covered-code.html',
    title: 'Smart-ID signing, code under a cookie banner (EN)',
    lang: 'en',
    expect: { 'control-code': 'fail', cancel: 'fail', preview: 'pass' },
    description: 'A fixed cookie banner covers the centre of code 6730; its "Cancel" is the only one on the page.',
  },
  {
    path: '/sign-no-cancel.html',
    title: 'Smart-ID signing, no cancel (RU)',
    lang: 'ru',
    expect: { 'control-code': 'pass', cancel: 'fail', preview: 'pass' },
    description: '"Контрольный код" 6158 and "Ожидание подтверждения в Smart-ID", but no way to cancel.',
  },
  {
    path: '/sign-cancel-disabled.html',
    title: 'Mobile-ID signing, disabled cancel (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'fail', preview: 'pass' },
    description: 'Control code 3127 shown; the Cancel button has the disabled attribute.',
  },
  {
    path: '/sign-no-preview.html',
    title: 'Signing method choice without a preview (LT)',
    lang: 'lt',
    expect: { 'control-code': NA, cancel: NA, preview: 'fail' },
    description: 'Only the file name "Sutartis_2024.pdf", a download-after-signing promise and an enabled "Pasirašyti" button.',
  },
  {
    path: '/sign-gateway.html',
    title: 'Signing in a cross-origin gateway frame (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: 'pass' },
    description: 'The integrator page frames the fake gateway (another origin); the gateway frame holds the PDF, control code 5820 and Cancel.',
  },
  {
    path: '/auth-shadow.html',
    title: 'Smart-ID login in an open shadow root (EN)',
    lang: 'en',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: NA },
    description: '<sid-login> with an open shadow root: verification code 1234 and Cancel; authentication, no document.',
  },
  {
    path: '/auth-closed-shadow.html',
    title: 'Smart-ID login in a closed shadow root (ET)',
    lang: 'et',
    expect: { 'control-code': 'pass', cancel: 'pass', preview: NA },
    description: '<sid-login> with a closed shadow root: "Kontrollkood" 9081 and "Katkesta".',
  },
  {
    path: '/sign-decoys.html',
    title: 'Checkout with four-digit decoys (EN)',
    lang: 'en',
    expect: { 'control-code': NA, cancel: NA, preview: NA },
    description: 'Checkout page: 1299 EUR, card ending 4242, © 2024, +370 6000 0666, Order #12345678, "Cancel order"; nothing to sign.',
  },
];
