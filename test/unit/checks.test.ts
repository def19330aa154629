/** The one aggregator of named checks: axe-core's any/all precedence, declared once for every rule. */
import { describe, expect, it } from 'vitest';
import { aggregate, groupVerdict, reasonsOf, type CheckVerdict, type GroupMode, type Verdict } from '../../src/audit/checks';

const v = (verdict: Verdict, reason: string = verdict): CheckVerdict => ({ check: 'x', verdict, reason, findings: [] });
const group = (mode: GroupMode, ...verdicts: Verdict[]) => ({ mode, verdicts: verdicts.map((x) => v(x)) });

describe('groupVerdict', () => {
  it('an all group is as bad as its worst piece: fail over review over pass', () => {
    expect(groupVerdict(group('all', 'pass', 'review', 'fail'))).toBe('fail');
    expect(groupVerdict(group('all', 'pass', 'review'))).toBe('review');
    expect(groupVerdict(group('all', 'pass', 'pass'))).toBe('pass');
  });
  it('an any group is as good as its best piece, and doubt outranks failure', () => {
    expect(groupVerdict(group('any', 'fail', 'review', 'pass'))).toBe('pass');
    expect(groupVerdict(group('any', 'fail', 'review'))).toBe('review');
    expect(groupVerdict(group('any', 'fail'))).toBe('fail');
  });
  it('in an any group a strong failure (the evidence itself fails) outranks doubt, but not a pass', () => {
    const strong = { ...v('fail'), strong: true as const };
    expect(groupVerdict({ mode: 'any', verdicts: [v('review'), strong] })).toBe('fail');
    expect(groupVerdict({ mode: 'any', verdicts: [v('review'), strong, v('pass')] })).toBe('pass');
    expect(groupVerdict({ mode: 'any', verdicts: [v('review'), v('fail')] })).toBe('review');
  });
  it('an any-fail-first group passes on one piece, and without one failure outranks doubt', () => {
    expect(groupVerdict(group('any-fail-first', 'fail', 'review', 'pass'))).toBe('pass');
    expect(groupVerdict(group('any-fail-first', 'review', 'fail'))).toBe('fail');
    expect(groupVerdict(group('any-fail-first', 'review'))).toBe('review');
  });
  it('an empty group has no verdict', () => {
    for (const mode of ['all', 'any', 'any-fail-first'] as const) expect(groupVerdict(group(mode))).toBeUndefined();
  });
});

describe('aggregate', () => {
  it('the worst group decides, and the decisive verdicts are those of that group with its status', () => {
    const failing = { mode: 'all' as const, verdicts: [v('fail', 'batch incomplete'), v('pass', 'row ok')] };
    const result = aggregate([group('any', 'pass'), failing]);
    expect(result.status).toBe('fail');
    expect(result.decisive.map((d) => d.reason)).toEqual(['batch incomplete']);
  });
  it('empty groups say nothing: the rule decides what no evidence means', () => {
    expect(aggregate([group('all'), group('any')]).status).toBeUndefined();
    expect(aggregate([group('all'), group('any', 'review')]).status).toBe('review');
  });
  it('collects every finding, group by group, in order', () => {
    const f = (id: string) =>
      ({ severity: 'minor', message: id, target: [], frameUrl: '', evidence: {} }) as CheckVerdict['findings'][number];
    const a = { check: 'a', verdict: 'pass' as const, reason: 'a', findings: [f('1'), f('2')] };
    const b = { check: 'b', verdict: 'fail' as const, reason: 'b', findings: [f('3')] };
    expect(
      aggregate([
        { mode: 'any', verdicts: [a] },
        { mode: 'all', verdicts: [b] },
      ]).findings.map((x) => x.message),
    ).toEqual(['1', '2', '3']);
  });
});

describe('reasonsOf', () => {
  it('lists the reasons of the asked statuses once each, in order', () => {
    const verdicts = [v('review', 'r1'), v('fail', 'f1'), v('review', 'r1'), v('pass', 'p')];
    expect(reasonsOf(verdicts, 'review', 'fail')).toEqual(['r1', 'f1']);
    expect(reasonsOf(verdicts, 'fail')).toEqual(['f1']);
  });
});
