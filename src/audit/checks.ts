/**
 * Named checks and the one aggregator, after axe-core's any/all checks and its aggregateChecks: a rule runs small pure
 * checks, each judging pieces of evidence (a control, a means of preview, a block of text), and declares once how
 * their verdicts combine into its status. No rule hand-writes the precedence of fail and review.
 */
import type { Finding } from './types';

export type Verdict = 'pass' | 'review' | 'fail';

/** One piece of evidence a named check judged: the verdict, the reason in words, the findings that show it. */
export interface CheckVerdict {
  /** The check's name (kebab-case, unique within its rule). */
  check: string;
  verdict: Verdict;
  /** Why, as a person reads it in the rule's summary. */
  reason: string;
  findings: Finding[];
  /**
   * A failure of the evidence itself (the step's own Cancel is disabled or hidden), not merely of a candidate: in an
   * `any` group it outranks doubt about look-alikes (a "×" next to a disabled Cancel does not make the page doubtful).
   */
  strong?: true;
}

/**
 * How the verdicts of a group combine:
 * - `all`: every piece must hold (axe `all`/`none`): the worst decides, fail > review > pass.
 * - `any`: one piece that holds is enough (axe `any`): the best decides, pass > review > fail. A doubtful candidate
 *   may be the one that works, so doubt outranks failure (cancel controls) — except a `strong` failure.
 * - `any-fail-first`: one piece that holds is enough; without one, a clear failure outranks doubt (means of preview:
 *   a preview offered only after signing is a failure whatever else is doubtful).
 */
export type GroupMode = 'all' | 'any' | 'any-fail-first';

export interface CheckGroup {
  mode: GroupMode;
  verdicts: CheckVerdict[];
}

export interface Aggregate {
  /** The rule's status, or undefined when no group holds a verdict (the rule says what nothing means). */
  status: Verdict | undefined;
  /** Verdicts of the group that decided, that agree with the status, in order: what the summary lists. */
  decisive: CheckVerdict[];
  /** Every verdict's findings, group by group, in order. */
  findings: Finding[];
}

const RANK: Record<Verdict, number> = { pass: 1, review: 2, fail: 3 };

/** A group's verdict under its mode, or undefined when it is empty. */
export function groupVerdict(group: CheckGroup): Verdict | undefined {
  const present = new Set(group.verdicts.map((v) => v.verdict));
  if (!present.size) return undefined;
  if (group.mode === 'any' && !present.has('pass') && group.verdicts.some((v) => v.verdict === 'fail' && v.strong)) return 'fail';
  const order: Verdict[] =
    group.mode === 'all' ? ['fail', 'review', 'pass'] : group.mode === 'any' ? ['pass', 'review', 'fail'] : ['pass', 'fail', 'review'];
  return order.find((v) => present.has(v));
}

/** Groups combine as axe's do: the worst group decides; an empty group says nothing. */
export function aggregate(groups: CheckGroup[]): Aggregate {
  let status: Verdict | undefined;
  let deciding: CheckGroup | undefined;
  for (const group of groups) {
    const verdict = groupVerdict(group);
    if (verdict && (!status || RANK[verdict] > RANK[status])) {
      status = verdict;
      deciding = group;
    }
  }
  return {
    status,
    decisive: deciding ? deciding.verdicts.filter((v) => v.verdict === status) : [],
    findings: groups.flatMap((g) => g.verdicts.flatMap((v) => v.findings)),
  };
}

/** The reasons of verdicts with the given status, in order, each once. */
export function reasonsOf(verdicts: CheckVerdict[], ...status: Verdict[]): string[] {
  return [...new Set(verdicts.filter((v) => status.includes(v.verdict)).map((v) => v.reason))];
}
