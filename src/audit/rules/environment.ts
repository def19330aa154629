/**
 * environment: which Dokobit / SK environment the page uses; sandbox and production must not be mixed, the signing
 * page is served over HTTPS (localhost excepted), and a production page does not prefill sandbox test identities.
 * Sources: Dokobit and SK hosts, test data (domain.md §1.3, §1.4, §2.3, §3.1, §6.5 SE-3, SE-5, SE-6).
 */
import { PRODUCTION_HOSTS, SANDBOX_HOSTS, hostOf, isLocalHost, isVendorHost } from '../urls';
import { format } from '../messages';
import { type FrameModel, modelsOf } from '../model';
import { findConfirmationStep, findSigningIntent } from '../signals/step';
import type { Finding, PageSnapshot, Rule, RuleOutcome } from '../types';

export const messages = {
  notApplicable: 'No Dokobit or SK host and no signing step on this page.',
  pass: '${environment} (${hosts}).',
  fail: 'Environment problems: ${reasons}.',
  mixed: 'sandbox (${sandbox}) and production (${production}) hosts are mixed',
  http: 'the signing page is served over plain HTTP (${url})',
  testData: 'sandbox test identity "${value}" is prefilled in "${field}" on a production page',
  review: 'Environment needs a look: ${reasons}.',
  testDataUnknown:
    'sandbox test identity "${value}" is prefilled in "${field}", but neither a sandbox nor a production Dokobit / SK host is seen and no environment is declared: make sure this page is not production',
  sandbox: 'Sandbox environment',
  production: 'Production environment',
  unknown: 'No Dokobit or SK host seen; the page is served over ${scheme}',
};

export const meta = {
  id: 'environment' as const,
  title: 'Environment is consistent',
  failureTitle: 'Environment problems',
  description:
    'Reports whether the page uses Dokobit / SK sandbox or production hosts. Fails when both are mixed, when the signing page is not served over HTTPS (localhost excepted), or when sandbox test identities are prefilled on a production page.',
  severity: 'serious' as const,
  source: 'Dokobit and SK ID Solutions hosts and test data (domain.md §1.3, §1.4, §2.3, §3.1, §6.5)',
};

const URL_ATTRIBUTES = ['src', 'href', 'data', 'action', 'data-src'] as const;

/** A URL's host when it is a Dokobit or SK one. */
const vendorHostOf = (url: string | undefined): string | undefined => {
  const h = url ? hostOf(url) : undefined;
  return h && isVendorHost(h) ? h : undefined;
};

/**
 * The Dokobit and SK hosts the frame's elements name (src, href, data, action), in document order: read once per
 * frame snapshot, as the background judges the same frames again on every network event of a polling page, and kept
 * for the next snapshot wherever a node's fields are the same (a chain fact: read from the node alone).
 */
function vendorHostsOfNodes(model: FrameModel): string[] {
  const hosts = new Set<string>();
  const ofNode = model.chainFacts('environment:hosts', nodeVendorHosts);
  for (let k = 0; k < ofNode.length; k++) {
    const named = ofNode[k];
    if (named === undefined) continue;
    if (typeof named === 'string') hosts.add(named);
    else for (const h of named) hosts.add(h);
  }
  return [...hosts];
}

/** The vendor hosts node i's own URL attributes name: one, several, or undefined (most nodes). */
function nodeVendorHosts(i: number, model: FrameModel): string | string[] | undefined {
  const attrs = model.nodes[i].attrs;
  let named: string | string[] | undefined;
  // An index loop: an iterator per node and attribute was a good part of the garbage of a large page's audit (each
  // URL is parsed once: hostOf keeps its answers).
  for (let a = 0; a < URL_ATTRIBUTES.length; a++) {
    const url = attrs[URL_ATTRIBUTES[a]];
    if (!url) continue;
    const h = vendorHostOf(url);
    if (!h || h === named) continue;
    named = named === undefined ? h : typeof named === 'string' ? [named, h] : [...named, h];
  }
  return named;
}

export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const hosts = new Set<string>();
  const add = (h: string | undefined) => {
    if (h) hosts.add(h);
  };
  for (const m of models) {
    add(vendorHostOf(m.frame.url));
    for (const h of m.frame.exposure?.hosts ?? []) hosts.add(h);
    for (const h of m.cached('environment:hosts', vendorHostsOfNodes)) hosts.add(h);
  }
  for (const e of page.timeline?.events ?? []) add(vendorHostOf(e.url));
  const sandbox = [...hosts].filter((h) => SANDBOX_HOSTS.test(h));
  const production = [...hosts].filter((h) => PRODUCTION_HOSTS.test(h));
  const declared = models.map((m) => m.frame.exposure?.declaredEnvironment).find(Boolean);
  const step = findConfirmationStep(models);
  const signing = step.strength !== 'none' || findSigningIntent(models, step).signals.length > 0;
  const testData = models.some((m) => (m.frame.exposure?.testIdentities.length ?? 0) > 0);
  if (!hosts.size && !signing && !declared && !testData) return { status: 'not-applicable', summary: messages.notApplicable, findings: [] };

  const findings: Finding[] = [];
  const fails: string[] = [];
  const top = models.find((m) => m.frame.isTop) ?? models[0];
  const fail = (reason: string, evidence: Record<string, unknown>) => {
    fails.push(reason);
    findings.push({ severity: 'serious', message: reason, target: [], frameUrl: top.frame.url, evidence, outcome: 'fail' });
  };
  if (sandbox.length && production.length)
    fail(format(messages.mixed, { sandbox: sandbox.join(', '), production: production.join(', ') }), { sandbox, production });
  const topUrl = top.frame.url;
  const topHost = hostOf(topUrl) ?? '';
  if (signing && topUrl.startsWith('http:') && !isLocalHost(topHost)) fail(format(messages.http, { url: topUrl }), { url: topUrl });
  const productionPage = (production.length > 0 && !sandbox.length) || /prod/i.test(declared ?? '');
  if (productionPage) {
    for (const m of models) {
      for (const t of m.frame.exposure?.testIdentities ?? [])
        fail(format(messages.testData, t), { ...t, declaredEnvironment: declared, production });
    }
  }
  // A test identity where the environment cannot be told: neither expected (sandbox) nor proven wrong (production).
  const reviews: string[] = [];
  if (!sandbox.length && !production.length && !declared) {
    for (const m of models) {
      for (const t of m.frame.exposure?.testIdentities ?? []) {
        const reason = format(messages.testDataUnknown, t);
        reviews.push(reason);
        findings.push({
          severity: 'moderate',
          message: reason,
          target: [],
          frameUrl: top.frame.url,
          evidence: { ...t, declaredEnvironment: declared, sandbox, production },
          outcome: 'review',
        });
      }
    }
  }
  const environment =
    sandbox.length && !production.length
      ? messages.sandbox
      : production.length && !sandbox.length
        ? messages.production
        : format(messages.unknown, { scheme: topUrl.split(':')[0].toUpperCase() });
  const evidence = { sandbox, production, declaredEnvironment: declared, scheme: topUrl.split(':')[0] };
  if (fails.length) return { status: 'fail', summary: format(messages.fail, { reasons: fails.join('; ') }), findings };
  if (reviews.length) return { status: 'review', summary: format(messages.review, { reasons: reviews.join('; ') }), findings };
  findings.push({ severity: 'minor', message: environment, target: [], frameUrl: topUrl, evidence, outcome: 'pass' });
  return { status: 'pass', summary: format(messages.pass, { environment, hosts: [...hosts].join(', ') || topHost }), findings };
}

export const environment = { meta, evaluate, messages } satisfies Rule;
