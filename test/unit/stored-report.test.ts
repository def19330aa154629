/**
 * A tab's report in storage.session (src/shared/messages.ts): kept as one JSON string, read back by the popup, the
 * review page and the background after a restart — and still read when an earlier version stored the object.
 */
import { describe, expect, it } from 'vitest';
import { auditPage } from '../../src/audit';
import type { TabReport } from '../../src/audit/types';
import { isReportKey, reportFromStorage, reportKey, storedReport } from '../../src/shared/messages';
import { emptyFrame } from '../support/snapshots';

const page = { url: 'https://sign.example/lt/', frames: [emptyFrame('https://sign.example/lt/')] };
const report: TabReport = {
  ...auditPage(page, Date.parse('2026-12-04T10:00:00Z')),
  finishedAt: '2026-12-04T10:00:00.000Z',
  frames: [],
};

describe('stored report', () => {
  it('is written as one string and read back equal', () => {
    const stored = storedReport(report);
    expect(typeof stored).toBe('string');
    expect(reportFromStorage(stored)).toEqual(report);
  });

  it('still reads the object an earlier version stored', () => {
    expect(reportFromStorage(structuredClone(report))).toEqual(report);
  });

  it('reads nothing from a missing, malformed or foreign value', () => {
    for (const value of [undefined, null, '', '{"checks":', '"a string"', '{"url":"x"}', 42, { checks: 'no' }]) {
      expect(reportFromStorage(value)).toBeUndefined();
    }
  });

  it('tells report keys from the other session keys', () => {
    expect(isReportKey(reportKey(7))).toBe(true);
    expect(isReportKey('panel:7')).toBe(false);
    expect(isReportKey('sessionMark')).toBe(false);
  });
});
