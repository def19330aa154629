/**
 * token-exposure (critical): no Dokobit API access token reaches the browser — not in its requests, the page's HTML,
 * inline scripts, URLs, Web Storage or script-readable cookies — and the browser does not call Dokobit or SK APIs
 * directly. The per-signer signing URL and the Identity Gateway session token are allowed by design.
 * Sources: Dokobit examples keep access_token server-side; the Gateway signer URL carries a signer-scoped token
 * (domain.md §3.8, §6.5 SE-1, SE-2).
 */
import { DOKOBIT_API_PATH, hasSigningPath, hostOf, isGatewaySigningUrl, isVendorApi, isVendorHost } from '../urls';
import { format } from '../messages';
import { modelsOf } from '../model';
import { findConfirmationStep, findSigningIntent } from '../signals/step';
import type { Finding, PageSnapshot, Rule, RuleOutcome } from '../types';

export const messages = {
  notApplicable: 'Nothing on this page relates to Dokobit, Smart-ID or Mobile-ID.',
  pass: 'No API access token reached the browser.${allowed}',
  checked: '${requests} request(s) and ${frames} frame(s) checked',
  allowedNote: ' Allowed by design: ${what}.',
  fail: 'An API access token reaches the browser: ${reasons}.',
  inPage: '${name} in ${where} (${masked})',
  inRequest: 'a browser request carries ${params} to ${url}',
  direct: 'the browser calls ${host} directly (${url}); the integration must call it from the server',
  inPageLoad: 'a page or frame the browser loads carries ${params} (${url})',
  review: 'An access token in the browser needs a look: ${reasons}.',
  signerPathInPage:
    "the page holds a /signing/ address with an access_token (${masked}, in ${where}) off the Dokobit Gateway, where only the Gateway's own signer page may carry one: check that it is not the API token",
  signerLookalike:
    "a page or frame loads ${url} with ${params}, but only the Dokobit Gateway's own signer page (gateway.dokobit.com/signing/…) may carry one: check that it is not the API token",
};

export const meta = {
  id: 'token-exposure' as const,
  title: 'No API access token in the browser',
  failureTitle: 'API access token exposed to the browser',
  description:
    "The Dokobit API access_token must stay on the integrator's server: it must not appear in browser requests, HTML, inline scripts, URLs, localStorage/sessionStorage or script-readable cookies, and the browser must not call Dokobit or SK APIs itself. The signer URL (/signing/{token}?access_token=…) and the Identity Gateway session token are allowed.",
  severity: 'critical' as const,
  source: 'Dokobit API examples and Gateway signer URLs; domain.md §3.8, §6.5 (SE-1, SE-2)',
};

/** Query parameters that name an API token (other secret-looking names are not Dokobit's). */
const API_TOKEN_PARAM = /access[_-]?token|api[_-]?key/i;

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const findings: Finding[] = [];
  const fails: string[] = [];
  const allowed = new Set<string>();
  const reviews: string[] = [];
  // What the documents expose now, and what they exposed earlier in the session (a leak stays a leak).
  const hits = [
    ...models.flatMap((m) =>
      (m.frame.exposure?.secrets ?? []).map((h) => ({ ...h, url: m.frame.url, at: undefined as number | undefined })),
    ),
    ...(page.timeline?.exposures ?? []),
  ];
  const seenHits = new Set<string>();
  for (const hit of hits) {
    const key = `${hit.where}|${hit.name}|${hit.masked}`;
    if (seenHits.has(key)) continue;
    seenHits.add(key);
    const text = format(messages.inPage, hit);
    if (hit.kind === 'api-token') {
      fails.push(text);
      findings.push({
        severity: 'critical',
        message: text,
        target: [],
        frameUrl: hit.url,
        evidence: {
          where: hit.where,
          name: hit.name,
          masked: hit.masked,
          kind: hit.kind,
          seenAt: hit.at && new Date(hit.at).toISOString(),
        },
        outcome: 'fail',
      });
    } else if (hit.kind === 'signer-path') {
      const reason = format(messages.signerPathInPage, hit);
      reviews.push(reason);
      findings.push({
        severity: 'serious',
        message: reason,
        target: [],
        frameUrl: hit.url,
        evidence: {
          where: hit.where,
          name: hit.name,
          masked: hit.masked,
          kind: hit.kind,
          seenAt: hit.at && new Date(hit.at).toISOString(),
        },
        outcome: 'review',
      });
    } else allowed.add(hit.kind === 'signer-url' ? "the signer URL's access_token" : 'the Identity Gateway session token');
  }
  const events = page.timeline?.events ?? [];
  const reported = new Set<string>();
  for (const e of events) {
    // Page loads count as much as scripts' requests: a navigation or a redirect hop carrying the API token puts it
    // in the address bar, the history and the next page's Referer, and the document scan sees only the final URL.
    const pageLoad = e.type === 'main_frame' || e.type === 'sub_frame';
    const carriesToken = !!e.secretParams?.some((p) => API_TOKEN_PARAM.test(p));
    if (pageLoad && carriesToken && isGatewaySigningUrl(e.url)) {
      allowed.add("the signer URL's access_token");
      continue;
    }
    let reason: string | undefined;
    let outcome: 'fail' | 'review' = 'fail';
    const params = (e.secretParams ?? ['a token']).join(', ');
    // Opening a vendor page is not an API call; a script's request to a vendor API is.
    if (!pageLoad && isVendorApi(e.url)) reason = format(messages.direct, { host: new URL(e.url).hostname, url: e.url });
    else if (pageLoad && carriesToken && (e.apiTokenLike || DOKOBIT_API_PATH.test(e.url)))
      reason = format(messages.inPageLoad, { params, url: e.url });
    else if (!pageLoad && (e.apiTokenLike || (carriesToken && DOKOBIT_API_PATH.test(e.url) && !isGatewaySigningUrl(e.url))))
      reason = format(messages.inRequest, { params, url: e.url });
    else if (pageLoad && carriesToken && hasSigningPath(e.url)) {
      // Shaped like the signer page but not on the Gateway: whose token it is cannot be told from here.
      reason = format(messages.signerLookalike, { params, url: e.url });
      outcome = 'review';
    }
    if (!reason || reported.has(reason)) continue;
    reported.add(reason);
    (outcome === 'fail' ? fails : reviews).push(reason);
    const evidence = {
      request: `${e.method} ${e.url}`,
      at: new Date(e.start).toISOString(),
      params: e.secretParams,
      type: e.type,
      redirectTo: e.redirectTo,
    };
    findings.push({
      severity: outcome === 'fail' ? 'critical' : 'serious',
      message: reason,
      target: [],
      frameUrl: page.url,
      evidence,
      outcome,
    });
  }
  if (fails.length) return { status: 'fail', summary: format(messages.fail, { reasons: fails.slice(0, 4).join('; ') }), findings };
  if (reviews.length) return { status: 'review', summary: format(messages.review, { reasons: reviews.slice(0, 4).join('; ') }), findings };
  const related =
    allowed.size ||
    events.some((e) => isVendorHost(hostOf(e.url))) ||
    models.some((m) => (m.frame.exposure?.hosts.length ?? 0) > 0) ||
    findConfirmationStep(models).strength !== 'none' ||
    findSigningIntent(models, findConfirmationStep(models)).signals.length > 0;
  if (!related) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };
  const note = allowed.size ? format(messages.allowedNote, { what: [...allowed].join(', ') }) : '';
  // Counts go in the evidence: they change as the page runs, the verdict's wording should not.
  // A scan that ran out of budget (megabytes of inline script) says what it left unread: the pass covers the rest.
  const scanTruncated = models.flatMap((m) => {
    const t = m.frame.exposure?.truncated;
    return t
      ? [
          `${m.frame.url}: ${t.examined} of ${t.total} characters of inline script read; not scanned: ${t.skipped.join(', ')} (${t.reason} budget)`,
        ]
      : [];
  });
  findings.push({
    severity: 'minor',
    message: format(messages.checked, { requests: events.length, frames: models.length }),
    target: [],
    frameUrl: page.url,
    evidence: { requests: events.length, frames: models.length, allowed: [...allowed], ...(scanTruncated.length ? { scanTruncated } : {}) },
    outcome: 'pass',
  });
  return { status: 'pass', summary: format(messages.pass, { allowed: note }), findings };
}

export const tokenExposure = { meta, evaluate, messages } satisfies Rule;
