/**
 * Evaluate: run every rule over a page snapshot. A rule that throws yields status `error` for that rule only.
 */
import { rules as defaultRules } from './rules';
import { engineMessages, format, setTemplateTranslator, translated } from './messages';
import { ruleTemplateKeys } from '../i18n/catalogue';
import { templateIn, type Locale } from '../i18n';
import { originAndPath, redactUrl } from './redact';
import type { CheckResult, PageSnapshot, Rule, TabReport } from './types';

/**
 * Runs `fn` with rule and engine templates translated into `locale`: whatever it writes through format() or
 * translated() comes out in that language. Evaluations are synchronous, so one translator at a time is enough.
 */
export function withLocale<T>(locale: Locale, fn: () => T): T {
  const keys = locale === 'en' ? undefined : ruleTemplateKeys();
  setTemplateTranslator(keys && ((template) => {
    const key = keys.get(template);
    return key ? templateIn(locale, key) : undefined;
  }));
  try {
    return fn();
  } finally {
    setTemplateTranslator(undefined);
  }
}

export function evaluatePage(page: PageSnapshot, rules: Rule[] = defaultRules, locale: Locale = 'en'): CheckResult[] {
  // Rules write their messages through format(); in another language the templates are swapped for translations.
  return withLocale(locale, () => rules.map((rule) => {
    try {
      const outcome = rule.evaluate(page);
      return {
        id: rule.meta.id,
        status: outcome.status,
        title: translated(outcome.status === 'fail' ? rule.meta.failureTitle : rule.meta.title),
        summary: translated(outcome.summary),
        findings: outcome.findings.map((f) => ({ ...f, message: translated(f.message) })),
      };
    } catch (error) {
      return {
        id: rule.meta.id,
        status: 'error' as const,
        title: translated(rule.meta.title),
        summary: format(engineMessages.error, { error: error instanceof Error ? error.message : String(error) }),
        findings: [],
      };
    }
  }));
}

/** A one-shot report of a page (no session history): used by tests and by re-audits of saved snapshots. */
export function auditPage(page: PageSnapshot, now = Date.now(), locale: Locale = 'en'): TabReport {
  const started = performance.now();
  // The same page object when it already has its time, so models built for it earlier (page state) are reused.
  const evaluated = page.now === undefined ? { ...page, now } : page;
  const checks = evaluatePage(evaluated, defaultRules, locale).map((c) => ({ ...c, observedAt: now, live: true }));
  return {
    url: page.url,
    finishedAt: new Date(now).toISOString(),
    checks,
    timing: { auditMs: Math.round((performance.now() - started + page.frames.reduce((s, f) => s + f.gatherMs, 0)) * 10) / 10, nodes: page.frames.reduce((s, f) => s + f.elementCount, 0) },
    frames: page.frames.map((f) => ({ url: f.url, frameId: f.frameId, lang: f.lang, truncated: f.truncated })),
    ...withLocale(locale, () => unaudited(page)),
  };
}

/**
 * Visible frames of the page that no snapshot came from: their origin was not granted, or they could not be read.
 * Rules cannot see inside them, so the report says so instead of staying silent.
 */
function unaudited(page: PageSnapshot): Pick<TabReport, 'unaudited'> {
  const seen = page.frames.map((f) => originAndPath(f.url));
  const out: NonNullable<TabReport['unaudited']> = [];
  for (const f of page.frames) {
    for (const n of f.nodes) {
      if ((n.tag !== 'iframe' && n.tag !== 'frame') || n.frame !== undefined || !n.attrs.src) continue;
      if (!n.layout || n.layout.hidden && n.layout.hidden !== 'offscreen') continue;
      let url: string;
      try {
        url = new URL(n.attrs.src, f.url).toString();
      } catch {
        continue;
      }
      if (!/^https?:/.test(url) || seen.includes(originAndPath(url))) continue;
      // Chromium shows PDFs in its own viewer frame, which no extension can read; the PDF is judged by its URL.
      if (/\.pdf($|[?#])/i.test(url)) continue;
      out.push({ url: redactUrl(url), inFrame: f.url, reason: translated(engineMessages.frameNotAudited) });
    }
  }
  return out.length ? { unaudited: out } : {};
}



export function ruleMetas() {
  return defaultRules.map((r) => r.meta);
}
