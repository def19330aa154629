import { describe, expect, it } from 'vitest';
import { mergeSession } from '../../src/audit/session';
import type { CheckResult } from '../../src/audit/types';

const check = (status: CheckResult['status'], summary: string = status): CheckResult => ({
  id: 'control-code',
  status,
  title: 't',
  summary,
  findings: [],
});

describe('session verdicts', () => {
  it('keeps the last applicable verdict, marked not live, when the step ends', () => {
    let s = mergeSession(undefined, [check('pass', 'code 0041 shown')], 1000, 'http://a/');
    s = mergeSession(s, [check('not-applicable')], 5000, 'http://a/done');
    expect(s[0].status).toBe('pass');
    expect(s[0].live).toBe(false);
    expect(s[0].observedAt).toBe(1000);
    expect(s[0].history!.map((h) => h.status)).toEqual(['pass', 'not-applicable']);
  });

  it('replaces the kept verdict when a new step applies', () => {
    let s = mergeSession(undefined, [check('pass')], 1000, 'u');
    s = mergeSession(s, [check('not-applicable')], 2000, 'u');
    s = mergeSession(s, [check('fail', 'code hidden')], 3000, 'u');
    expect(s[0].status).toBe('fail');
    expect(s[0].live).toBe(true);
    expect(s[0].observedAt).toBe(3000);
    expect(s[0].history!.map((h) => [h.status, h.at])).toEqual([
      ['pass', 1000],
      ['not-applicable', 2000],
      ['fail', 3000],
    ]);
  });

  it('records a fail-then-pass change (code appearing late) and keeps the first observation time while unchanged', () => {
    let s = mergeSession(undefined, [check('fail', 'missing')], 1000, 'u');
    s = mergeSession(s, [check('pass', 'shown')], 3000, 'u');
    s = mergeSession(s, [check('pass', 'shown')], 4000, 'u');
    expect(s[0].status).toBe('pass');
    expect(s[0].observedAt).toBe(3000);
    expect(s[0].history).toHaveLength(2);
  });

  it('reports not-applicable when the check never applied', () => {
    const s = mergeSession(mergeSession(undefined, [check('not-applicable')], 1, 'u'), [check('not-applicable')], 2, 'u');
    expect(s[0].status).toBe('not-applicable');
    expect(s[0].history).toHaveLength(1);
  });
});
