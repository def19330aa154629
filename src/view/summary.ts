/**
 * The one-line verdict summary a reviewer reads first ("2 fail · 1 needs review · 7 pass"), built from the view's
 * translated status labels so it is in the extension's language without plural rules of its own.
 */
import type { BadgeKind, CheckView } from './report-view';

/** Worst first: what needs attention leads the line. */
const ORDER: BadgeKind[] = ['fail', 'error', 'review', 'pass', 'not-applicable'];

export interface SummaryPart {
  kind: BadgeKind;
  count: number;
  label: string;
}

export function summaryParts(checks: Pick<CheckView, 'status'>[]): SummaryPart[] {
  const parts = new Map<BadgeKind, SummaryPart>();
  for (const { status } of checks) {
    const part = parts.get(status.kind) ?? { kind: status.kind, count: 0, label: status.label };
    part.count++;
    parts.set(status.kind, part);
  }
  return [...parts.values()].sort((a, b) => rank(a.kind) - rank(b.kind));
}

const rank = (kind: BadgeKind) => {
  const i = ORDER.indexOf(kind);
  return i < 0 ? ORDER.length : i;
};

/** "2 fail · 1 needs review · 7 pass", lower-cased by the rules of `locale`. */
export function summaryLine(checks: Pick<CheckView, 'status'>[], locale: string): string {
  return summaryParts(checks)
    .map((p) => `${p.count} ${p.label.toLocaleLowerCase(locale)}`)
    .join(' · ');
}
