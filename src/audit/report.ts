/** Reading a report by check id: a tiny module with no rule code, so every surface can use it without the engine. */
import type { RuleId } from './rules';
import type { CheckResult, TabReport } from './types';

/** The result of one check in a report, by its registered id (typed: a misspelt id does not compile). */
export function checkOf(report: Pick<TabReport, 'checks'> | undefined, id: RuleId): CheckResult | undefined {
  return report?.checks.find((c) => c.id === id);
}
