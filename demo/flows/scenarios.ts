/**
 * The flow demo's manifest: every scenario page served by `startFlowDemo()` (demo/flows/server.ts), the verdict
 * each network-level check should reach on it, and how long an auditor should watch the page.
 *
 * Only the checks a scenario was designed for, plus checks whose outcome is certain by construction, are listed.
 * A check left out is not part of the scenario's contract.
 */

export type FlowCheckId = 'polling' | 'flow' | 'error-handling' | 'token-exposure' | 'environment' | 'control-code' | 'cancel';
export type FlowVerdict = 'pass' | 'fail' | 'review' | 'not-applicable';

export interface FlowScenario {
  /** Path on the flow demo server, starting with '/flows/'. */
  path: string;
  title: string;
  /** The language of the page's text (its <html lang>). */
  lang: string;
  /** The verdict each listed check should reach. */
  expect: Partial<Record<FlowCheckId, FlowVerdict>>;
  /** How long to watch the page after it has loaded, ms. */
  observeMs: number;
  /** What the page and its backend do. */
  description: string;
  /** Something the auditor must do on the page: 'cancel' = press the step's Cancel control while it waits. */
  exercise?: 'cancel';
  /**
   * The page keeps something in its origin's localStorage that every other demo page removes on load (so a token
   * left behind cannot fail them): it is watched with no other scenario open, or a neighbour's load could wipe the
   * evidence before the first audit reads it.
   */
  aloneInOrigin?: boolean;
}

const NA = 'not-applicable' as const;

export const flowScenarios: FlowScenario[] = [
  {
    path: '/flows/poll-good.html',
    title: 'Smart-ID signing with correct status polling (EN)',
    lang: 'en',
    expect: {
      polling: 'pass',
      flow: 'pass',
      'error-handling': NA,
      'token-exposure': 'pass',
      environment: 'pass',
      'control-code': 'pass',
      cancel: 'pass',
    },
    observeMs: 12000,
    description:
      'Starts a session on load, shows the verification code and Cancel, polls GET /api/sign/status/{token}.json every 3 s (fetch, one request at a time). The backend answers "ok" from 7 s, so the third poll (about 9 s) ends the polling and the page goes to /flows/done.html ("Document signed", download link).',
  },
  {
    path: '/flows/poll-hammer.html',
    title: 'Status polling every 250 ms (EN)',
    lang: 'en',
    expect: { polling: 'fail', flow: 'pass', 'error-handling': NA, 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 8000,
    description:
      'Same step as poll-good, but the next status request goes out 250 ms after the previous answer (about 4 requests a second). "ok" from 6 s, then /flows/done.html.',
  },
  {
    path: '/flows/poll-no-stop-after-cancel.html',
    title: 'Polling goes on after Cancel (EN)',
    lang: 'en',
    expect: { polling: 'fail', 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 16000,
    exercise: 'cancel',
    description:
      'Polls every 2 s with setInterval; the backend stays "waiting" until cancelled. Cancel hides the step, shows "Signing cancelled. Nothing was signed." and tells the backend (which then answers "canceled"), but the interval is never cleared: a status request every 2 s for as long as the page is open.',
  },
  {
    path: '/flows/poll-success-keeps-polling.html',
    title: 'Success shown, but the status checks go on (EN)',
    lang: 'en',
    expect: { polling: 'fail', flow: 'pass', 'error-handling': NA, 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 16000,
    description:
      'Polls GET /api/sign/status/{token}.json every 3 s with setInterval; for this flow the status endpoint answers "waiting" forever. The page also holds one GET /api/sign/result/{token}.json, which the server answers {"status":"ok"} at 7 s; the page then shows "Document signed." (role="status") with a download link in place of the step, but never clears the interval: status checks at about 9, 12 and 15 s go on after the page said it was over.',
  },
  {
    path: '/flows/poll-timeout-silent.html',
    title: 'Client timeout with a spinner that never ends (EN)',
    lang: 'en',
    expect: { polling: 'pass', 'error-handling': 'fail', 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 40000,
    description:
      'Polls every 3 s; the backend never leaves "waiting". At 30 s the page stops polling (its own timeout) but changes nothing on screen: the "Waiting for confirmation…" spinner stays and no message ever appears.',
  },
  {
    path: '/flows/raw-json-error.html',
    title: 'Raw JSON error payload shown to the user (EN)',
    lang: 'en',
    expect: { polling: 'pass', 'error-handling': 'fail', 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 10000,
    description:
      'Polls every 3 s. From 5 s the status is {"status":"error","error_code":6006,"message":"User does not have Smart-ID account."} with HTTP 200, so the second poll (about 6 s) gets it; the page stops polling, hides the spinner and prints that JSON verbatim in a <pre>.',
  },
  {
    path: '/flows/error-good-lt.html',
    title: 'Server error mapped to a Lithuanian message (LT)',
    lang: 'lt',
    expect: {
      polling: 'pass',
      'error-handling': 'pass',
      'token-exposure': 'pass',
      environment: 'pass',
      'control-code': 'pass',
      cancel: 'pass',
    },
    observeMs: 14000,
    description:
      'Lithuanian Smart-ID step ("Kontrolinis kodas", "Atšaukti"), polling every 3 s with XMLHttpRequest. The third status request (about 9 s) gets HTTP 500; at once the page stops polling, removes the spinner and shows role="alert" "Įvyko klaida. Bandykite dar kartą arba susisiekite su pagalba." with a retry button.',
  },
  {
    path: '/flows/redirect-good.html',
    title: 'Return through a server redirect to the result page (EN)',
    lang: 'en',
    expect: { flow: 'pass', polling: 'pass', 'error-handling': NA, 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 12000,
    description: 'Polls every 3 s, "ok" from 7 s, then goes to /flows/return?session={token}, which answers 302 → /flows/done.html.',
  },
  {
    path: '/flows/redirect-loop.html',
    title: 'Redirect loop after signing (EN)',
    lang: 'en',
    expect: { flow: 'fail', polling: 'pass', 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 12000,
    description:
      'Polls every 3 s, "ok" from 7 s, then goes to /flows/loop-a?session={token} → 302 /flows/loop-b?session={token} → 302 /flows/loop-a?… (the same two URLs over and over). The server answers 508 Loop Detected from the 21st hop of a session; Chromium stops at the same point.',
  },
  {
    path: '/flows/return-to-start.html',
    title: 'Back to the method choice without a message (EN)',
    lang: 'en',
    expect: { flow: 'fail', polling: 'pass', 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 12000,
    description:
      'Polls every 3 s, "ok" from 7 s, then goes to /flows/start.html, the "Choose how to sign" page where this signing begins, with no success or error message.',
  },
  {
    path: '/flows/token-in-request.html',
    title: 'Dokobit API access token sent from the browser (EN)',
    lang: 'en',
    expect: { 'token-exposure': 'fail', polling: 'pass' },
    observeMs: 14000,
    description:
      'Client-side "integration": the page reads the API token from GET /api/config.json, then calls POST /api/v2/smartid/sign.json?access_token=testgw_a1b2c3d4e5f6a7b8c9d0 and polls GET /api/v2/smartid/sign/status/{token}.json?access_token=testgw_… every 3 s (all on this host). The inline script names https://developers.dokobit.com/api/v2 as the API base (text only, never requested). "ok" from 7 s; the result is shown in the page.',
  },
  {
    path: '/flows/token-in-html.html',
    title: 'Dokobit API access token in the page and in localStorage (EN)',
    lang: 'en',
    expect: { 'token-exposure': 'fail', polling: 'pass' },
    observeMs: 12000,
    aloneInOrigin: true,
    description:
      'An inline script holds const DOKOBIT_ACCESS_TOKEN = "testgw_9f8e7d6c5b4a39281706" and stores it with localStorage.setItem("dokobitToken", …) (removed again on pagehide). The signing itself uses the normal backend API; "ok" from 7 s, the result is shown in the page.',
  },
  {
    path: '/flows/signer-url-ok.html',
    title: 'Per-signer gateway URL and Identity Gateway session token (EN)',
    lang: 'en',
    // The demo serves the signer page from its own host, not gateway.dokobit.com: whose token a /signing/ URL carries
    // off the Gateway cannot be told, so token-exposure asks for a look (it passes on the real Gateway host).
    expect: { 'token-exposure': 'review', environment: 'pass' },
    observeMs: 5000,
    description:
      'Frames /signing/3f1c9a0d?access_token=signer-token-abc (the per-signer signing URL, served by this server; it shows the document and the method choice and starts nothing) and configures an Identity Gateway-like widget with sessionToken "ig-session-7c41e2d9b0a84f16". No API token reaches the browser.',
  },
  {
    path: '/flows/env-mixed.html',
    title: 'Sandbox and production Dokobit hosts mixed (EN)',
    lang: 'en',
    expect: { environment: 'fail' },
    observeMs: 4000,
    description:
      "The page says it signs through gateway.dokobit.com and its config script names https://gateway.dokobit.com, while the signing iframe's data-src (never loaded: the iframe has no src) points at https://gateway-sandbox.dokobit.com and the identity host is https://id-sandbox.dokobit.com. No request leaves the machine.",
  },
  {
    path: '/flows/env-test-identity.html',
    title: 'Smart-ID test personal code prefilled on a production page (EN)',
    lang: 'en',
    expect: { environment: 'fail' },
    observeMs: 4000,
    description:
      'Has <meta name="environment" content="production"> and a "Production" badge; the Smart-ID login form has the SK test personal code 30303039914 prefilled. No flow starts (the form waits for the user).',
  },
  {
    path: '/flows/ws-status.html',
    title: 'Status pushed over EventSource (EN)',
    lang: 'en',
    expect: { polling: 'pass', flow: 'pass', 'error-handling': NA, 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 12000,
    description:
      'Starts a session, then listens on one EventSource GET /api/sse/{token}; the server pushes {"status":"waiting"} at once and every 3 s, and "ok" from 7 s (the 9 s message). The page closes the stream and goes to /flows/done.html.',
  },
  {
    path: '/flows/no-status-checks.html',
    title: 'Phone step without any status checks (EN)',
    lang: 'en',
    expect: { polling: 'fail', 'control-code': 'pass', cancel: 'pass', 'token-exposure': 'pass', environment: 'pass' },
    observeMs: 10000,
    description:
      'Starts a session (one POST), then shows the verification code, "Confirm the signing in the Smart-ID app on your phone.", "After confirming on your phone, press Continue.", Continue (a link to /flows/done.html) and Cancel. No spinner, and the page never asks for the status.',
  },
  {
    path: '/flows/all-at-once.html',
    title: 'Several flaws at once: hammering with a leaked token, then a raw error (EN)',
    lang: 'en',
    expect: {
      polling: 'fail',
      'token-exposure': 'fail',
      'error-handling': 'fail',
      environment: 'pass',
      'control-code': 'pass',
      cancel: 'pass',
    },
    observeMs: 9000,
    description:
      'Polls every 400 ms with access_token=testgw_… on each status request; after 5 s the raw Smart-ID error JSON is printed into the page.',
  },
];

/** Pages the scenarios lead to or start from; not scenarios themselves. */
export const flowSupportPages: { path: string; title: string; lang: string }[] = [
  { path: '/flows/index.html', title: 'Flow demo index', lang: 'en' },
  { path: '/flows/done.html', title: 'Document signed (result page)', lang: 'en' },
  { path: '/flows/start.html', title: 'Choose how to sign (start page)', lang: 'en' },
];
