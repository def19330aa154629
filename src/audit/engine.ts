/**
 * Evaluate: run every rule over a page snapshot. A rule that throws yields status `error` for that rule only.
 * Rules decide on data and write English; what each text was written from (catalogue keys and values) is captured
 * next to it (summaryParts, messageParts), so the popup, the panel, the review page and the exports word it in the
 * user's language while the verdict stays the same in every language.
 */
import { rules as defaultRules } from './rules';
import { MessageCapture, capturingMessages, engineMessages, format } from './messages';
import { engineMessageKey, keyOf, templateKeysOf } from './message-keys';
import { hasMessage, type MessagePart } from './message-parts';
import { originAndPath, redactUrl } from './redact';
import { pointsToPdf } from './urls';
import type { CheckResult, FrameSnapshot, PageSnapshot, Rule, TabReport } from './types';

/** The parts of a text, when it holds something to translate (plain data needs none). */
function withParts<K extends string>(field: K, parts: MessagePart[]): Partial<Record<K, MessagePart[]>> {
  return hasMessage(parts) ? ({ [field]: parts } as Partial<Record<K, MessagePart[]>>) : {};
}

/**
 * The checks last given to a list of frames (found by its first frame) by the rules that read the frames alone
 * (Rule.reads): the same frames judged again — a network event, time passing, a logo compared — keep them instead of
 * running those rules again (most of such an evaluation on a large page). Only the last list is kept per first frame.
 */
const keptChecks = new WeakMap<FrameSnapshot, { frames: readonly FrameSnapshot[]; checks: Map<Rule, CheckResult> }>();

const sameFrames = (a: readonly FrameSnapshot[], b: readonly FrameSnapshot[]) => a.length === b.length && a.every((f, i) => f === b[i]);

export function evaluatePage(page: PageSnapshot, rules: Rule[] = defaultRules): CheckResult[] {
  const capture = new MessageCapture(templateKeysOf(rules));
  const first = page.frames[0];
  let kept = first && keptChecks.get(first);
  if (first && (!kept || !sameFrames(kept.frames, page.frames)))
    keptChecks.set(first, (kept = { frames: [...page.frames], checks: new Map() }));
  // One capture for the whole page: a text a rule wrote may reach another through a model they share.
  return capturingMessages(capture, () =>
    rules.map((rule) => {
      const known = rule.reads === 'frames' ? kept?.checks.get(rule) : undefined;
      if (known) return known;
      const check = judge(rule, page, capture);
      if (rule.reads === 'frames') kept?.checks.set(rule, check);
      return check;
    }),
  );
}

/** One rule's check of the page, its texts with the parts they were written from. */
function judge(rule: Rule, page: PageSnapshot, capture: MessageCapture): CheckResult {
  capture.prefer = keyOf('rule', rule.meta.id, 'msg', '');
  try {
    const outcome = rule.evaluate(page);
    return {
      id: rule.meta.id,
      status: outcome.status,
      title: outcome.status === 'fail' ? rule.meta.failureTitle : rule.meta.title,
      summary: outcome.summary,
      ...withParts('summaryParts', capture.partsOf(outcome.summary)),
      findings: outcome.findings.map((f) => ({ ...f, ...withParts('messageParts', capture.partsOf(f.message)) })),
      ...(outcome.press ? { press: outcome.press } : {}),
    };
  } catch (error) {
    const summary = format(engineMessages.error, { error: error instanceof Error ? error.message : String(error) });
    return {
      id: rule.meta.id,
      status: 'error' as const,
      title: rule.meta.title,
      summary,
      ...withParts('summaryParts', capture.partsOf(summary)),
      findings: [],
    };
  }
}

/** A one-shot report of a page (no session history): used by tests and by re-audits of saved snapshots. */
export function auditPage(page: PageSnapshot, now = Date.now()): TabReport {
  const started = performance.now();
  // The same page object when it already has its time, so models built for it earlier (page state) are reused.
  const evaluated = page.now === undefined ? { ...page, now } : page;
  const checks = evaluatePage(evaluated, defaultRules).map((c) => ({ ...c, observedAt: now, live: true }));
  return {
    url: page.url,
    finishedAt: new Date(now).toISOString(),
    checks,
    timing: {
      auditMs: Math.round((performance.now() - started + page.frames.reduce((s, f) => s + f.gatherMs, 0)) * 10) / 10,
      nodes: page.frames.reduce((s, f) => s + f.elementCount, 0),
    },
    frames: page.frames.map((f) => ({
      url: f.url,
      frameId: f.frameId,
      lang: f.lang,
      truncated: f.truncated,
      ...(f.unreadElements ? { unreadElements: f.unreadElements } : {}),
    })),
    ...unaudited(page),
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
      if (!n.layout || (n.layout.hidden && n.layout.hidden !== 'offscreen')) continue;
      let url: string;
      try {
        url = new URL(n.attrs.src, f.url).toString();
      } catch {
        continue;
      }
      if (!/^https?:/.test(url) || seen.includes(originAndPath(url))) continue;
      // Chromium shows PDFs in its own viewer frame, which no extension can read; the PDF is judged by its URL.
      if (pointsToPdf(url)) continue;
      out.push({
        url: redactUrl(url),
        inFrame: f.url,
        reason: engineMessages.frameNotAudited,
        reasonParts: [{ key: engineMessageKey('frameNotAudited') }],
      });
    }
  }
  return out.length ? { unaudited: out } : {};
}

export function ruleMetas() {
  return defaultRules.map((r) => r.meta);
}
