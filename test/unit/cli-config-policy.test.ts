import { describe, expect, it } from 'vitest';
import type { CheckResult, Status } from '../../src/audit';
import { stillPending } from '../../src/cli/audit';
import { exitCodeOf, type RunPolicy, type RunTabReport } from '../../src/cli/run';

const check = (id: string, status: Status, evidence: Record<string, unknown> = {}): CheckResult => ({
  id,
  status,
  title: id,
  summary: `${id} ${status}`,
  findings: [{ severity: 'minor', message: '', target: [], frameUrl: '', evidence }],
});
const tab = (checks: CheckResult[], finishedAt = '2026-01-01T00:00:10.000Z'): RunTabReport => ({
  url: 'https://a.test/',
  finishedAt,
  checks,
  timing: { auditMs: 1, nodes: 1 },
  frames: [],
});

describe('run policy of the config (failOn, requiredChecks)', () => {
  const fail: RunPolicy = { failOn: 'fail' };
  it('fails the run on a check that could not run (error), whatever the threshold', () => {
    expect(exitCodeOf({ reports: [tab([check('cancel', 'pass'), check('preview', 'error')])] }, fail)).toBe(1);
    expect(exitCodeOf({ reports: [tab([check('cancel', 'pass'), check('preview', 'not-applicable')])] }, fail)).toBe(0);
  });
  it('fails on review only with failOn review', () => {
    const reports = [tab([check('cancel', 'pass'), check('brand-logo', 'review')])];
    expect(exitCodeOf({ reports }, fail)).toBe(0);
    expect(exitCodeOf({ reports }, { failOn: 'review' })).toBe(1);
  });
  it('lets only the required checks decide, but never ignores a point that could not be audited', () => {
    const reports = [tab([check('control-code', 'pass'), check('polling', 'fail')])];
    expect(exitCodeOf({ reports }, { failOn: 'fail', requiredChecks: ['control-code'] })).toBe(0);
    expect(exitCodeOf({ reports }, { failOn: 'fail', requiredChecks: ['polling'] })).toBe(1);
    const problems = [
      { point: { url: 'https://a.test/x', viewport: { width: 1, height: 1 } }, kind: 'load' as const, message: 'HTTP 404' },
    ];
    expect(exitCodeOf({ reports, problems }, { failOn: 'fail', requiredChecks: ['control-code'] })).toBe(1);
  });
});

describe('observation until the checks that need time have it', () => {
  it('waits while a check was judged before the moment it said it needs', () => {
    expect(stillPending(tab([check('polling', 'not-applicable', { observeUntil: '2026-01-01T00:00:12.000Z' })]))).toBe(true);
    expect(stillPending(tab([check('polling', 'fail', { observeUntil: '2026-01-01T00:00:08.000Z' })]))).toBe(false);
    expect(stillPending(tab([check('polling', 'pass')]))).toBe(false);
  });
});
