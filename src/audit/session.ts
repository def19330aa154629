/**
 * Verdicts over a session. A check that stops applying (the code disappears after success) keeps its last verdict
 * from while it applied, with when and where it was observed; each change of verdict is kept as history; when the
 * check applies again (a new step), the new verdict replaces the kept one. History entries keep the summary's parts,
 * so "step ended" verdicts and earlier ones are shown in the user's language like the live one.
 */
import type { CheckResult, VerdictChange } from './types';

const HISTORY_LIMIT = 50;

export function mergeSession(previous: CheckResult[] | undefined, current: CheckResult[], now: number, url: string): CheckResult[] {
  const before = new Map((previous ?? []).map((c) => [c.id, c]));
  return current.map((c) => {
    const prev = before.get(c.id);
    const history: VerdictChange[] = [...(prev?.history ?? [])];
    const applies = c.status !== 'not-applicable';
    const last = history[history.length - 1];
    // A change of verdict, not of wording (counts in a summary change every few seconds).
    if (!last || last.status !== c.status) {
      history.push({ status: c.status, summary: c.summary, ...(c.summaryParts ? { summaryParts: c.summaryParts } : {}), at: now, url });
      if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT);
    }
    if (applies || !prev || prev.status === 'not-applicable') {
      const observedAt = prev?.live && prev.status === c.status && prev.summary === c.summary ? (prev.observedAt ?? now) : now;
      return { ...c, observedAt, live: true, history };
    }
    // The step ended: keep the last verdict seen while the check applied.
    return { ...prev, live: false, history };
  });
}
