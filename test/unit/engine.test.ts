import { describe, expect, it } from 'vitest';
import { evaluatePage } from '../../src/audit/engine';
import { rules } from '../../src/audit/rules';
import type { PageSnapshot, Rule } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

const empty: PageSnapshot = {
  url: 'http://x/',
  frames: [emptyFrame('http://x/')],
};

describe('evaluate', () => {
  it('isolates a rule that throws: it reports error, the others still run', () => {
    const broken: Rule = {
      meta: { ...rules[0].meta, id: 'broken' },
      evaluate: () => {
        throw new Error('boom');
      },
      messages: {},
    };
    const results = evaluatePage(empty, [broken, ...rules]);
    expect(results[0]).toMatchObject({ id: 'broken', status: 'error' });
    expect(results[0].summary).toContain('boom');
    expect(results.slice(1).every((r) => r.status !== 'error')).toBe(true);
  });

  it('keeps the report contract ids in order', () => {
    expect(rules.map((r) => r.meta.id)).toEqual([
      'control-code',
      'cancel',
      'preview',
      'brand-name',
      'brand-logo',
      'localization',
      'polling',
      'flow',
      'error-handling',
      'token-exposure',
      'environment',
    ]);
    for (const r of rules) {
      expect(r.meta.title && r.meta.failureTitle && r.meta.description && r.meta.source).toBeTruthy();
      expect(['critical', 'serious', 'moderate', 'minor']).toContain(r.meta.severity);
    }
  });
});
