/**
 * Made for the call (issue 14): the verdict summary line, the learn-more page of every check, and the panel's first
 * corner that keeps clear of the evidence.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../src/audit';
import { messagesFor } from '../../src/i18n';
import { statusBadge } from '../../src/view/report-view';
import { learnPath } from '../../src/view/learn';
import { summaryLine } from '../../src/view/summary';
import { boxAt, freeCorner, overlapArea } from '../../src/content/panel-place';

const ROOT = path.resolve(import.meta.dirname, '../..');
const checks = (statuses: string[], t?: (k: string) => string) => statuses.map((s) => ({ status: statusBadge(s, t) }));

describe('verdict summary line', () => {
  it('counts each status, worst first, in the words of the report view', () => {
    const statuses = ['pass', 'fail', 'review', 'pass', 'pass', 'fail', 'pass', 'pass', 'pass', 'pass'];
    expect(summaryLine(checks(statuses), 'en')).toBe('2 fail · 1 needs review · 7 pass');
    expect(summaryLine(checks(['not-applicable', 'error', 'pass']), 'en')).toBe('1 error · 1 pass · 1 not applicable');
    expect(summaryLine([], 'en')).toBe('');
  });

  it('is translated with the status labels of the catalogue (Lithuanian)', () => {
    const lt = messagesFor('lt');
    const t = (key: string) => lt.t(key);
    const line = summaryLine(checks(['fail', 'review', 'pass'], t), 'lt');
    expect(line).toBe(
      `1 ${lt.t('status_fail').toLocaleLowerCase('lt')} · 1 ${lt.t('status_review').toLocaleLowerCase('lt')} · 1 ${lt.t('status_pass').toLocaleLowerCase('lt')}`,
    );
    expect(line).not.toContain('fail');
  });
});

describe('learn-more pages', () => {
  for (const rule of rules) {
    it(`${rule.meta.id}: a page shipped with the extension says what is required, the source, how to fix, with good and bad examples`, () => {
      const file = path.join(ROOT, 'public', learnPath(rule.meta.id));
      expect(existsSync(file)).toBe(true);
      const html = readFileSync(file, 'utf8');
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toContain('<main>');
      for (const section of ['required', 'source', 'fix', 'examples']) expect(html).toContain(`<section id="${section}">`);
      expect(html).toMatch(/<pre class="good"[^>]*><code>[^<]+<\/code><\/pre>/);
      expect(html).toMatch(/<pre class="bad"[^>]*><code>[^<]+<\/code><\/pre>/);
      // Nothing runs and nothing loads from the network on a help page.
      expect(html).not.toMatch(/<script\b|<(link|img|iframe)\b[^>]*\s(src|href)="https?:/);
      expect(html).toContain(`<h1>${rule.meta.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</h1>`);
    });
  }
});

describe("the panel's first corner", () => {
  const size = { w: 340, h: 400 };
  const viewport = { w: 1280, h: 900 };

  it('is bottom right when no evidence is there', () => {
    expect(freeCorner(size, viewport, [{ x: 400, y: 300, w: 300, h: 100 }], 16)).toEqual({ h: 'right', v: 'bottom' });
  });

  it('moves away from evidence in the bottom right, to the first corner that covers none', () => {
    const code = { x: 1000, y: 700, w: 200, h: 80 };
    const corner = freeCorner(size, viewport, [code], 16);
    expect(corner).toEqual({ h: 'left', v: 'bottom' });
    expect(overlapArea(boxAt(corner, size, viewport, 16), code)).toBe(0);
  });

  it('covers the least when every corner covers something', () => {
    const evidence = [
      { x: 0, y: 0, w: 1280, h: 100 },
      { x: 0, y: 800, w: 1280, h: 100 },
      { x: 1100, y: 0, w: 180, h: 900 },
    ];
    expect(freeCorner(size, viewport, evidence, 16)).toEqual({ h: 'left', v: 'bottom' });
  });
});
