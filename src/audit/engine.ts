/**
 * Evaluate: run every rule over a page snapshot. A rule that throws yields status `error` for that rule only.
 */
import { rules as defaultRules } from './rules';
import type { CheckResult, PageSnapshot, Rule, TabReport } from './types';

export function evaluatePage(page: PageSnapshot, rules: Rule[] = defaultRules): CheckResult[] {
  return rules.map((rule) => {
    try {
      const outcome = rule.evaluate(page);
      return {
        id: rule.meta.id,
        status: outcome.status,
        title: outcome.status === 'fail' ? rule.meta.failureTitle : rule.meta.title,
        summary: outcome.summary,
        findings: outcome.findings,
      };
    } catch (error) {
      return {
        id: rule.meta.id,
        status: 'error' as const,
        title: rule.meta.title,
        summary: `The check could not run: ${error instanceof Error ? error.message : String(error)}`,
        findings: [],
      };
    }
  });
}

/** A one-shot report of a page (no session history): used by tests and by re-audits of saved snapshots. */
export function auditPage(page: PageSnapshot, now = Date.now()): TabReport {
  const started = performance.now();
  const checks = evaluatePage(page).map((c) => ({ ...c, observedAt: now, live: true }));
  return {
    url: page.url,
    finishedAt: new Date(now).toISOString(),
    checks,
    timing: { auditMs: Math.round((performance.now() - started + page.frames.reduce((s, f) => s + f.gatherMs, 0)) * 10) / 10, nodes: page.frames.reduce((s, f) => s + f.elementCount, 0) },
    frames: page.frames.map((f) => ({ url: f.url, frameId: f.frameId, lang: f.lang, truncated: f.truncated })),
  };
}

export function ruleMetas() {
  return defaultRules.map((r) => r.meta);
}
