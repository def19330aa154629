/**
 * The exported review report takes every label from the message catalogue: rendered in the pseudo-locale, each
 * text of the document is either marked ⟦…⟧ or data (page URLs, times, check ids, page text in summaries).
 */
import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { attachReport, createReview, setVerdict } from '../../src/review/model';
import { renderHtml } from '../../src/review/render';
import { evaluatePage } from '../../src/audit/engine';
import { rules } from '../../src/audit/rules';
import { t } from '../../src/i18n';
import type { PageSnapshot, TabReport } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

const page: PageSnapshot = {
  url: 'https://shop.example.lt/sign',
  frames: [emptyFrame('https://shop.example.lt/sign')],
};

describe('exported report in the pseudo-locale', () => {
  it('marks every label, so a string outside the catalogue would show', () => {
    // Reports are English with the parts they were written from; the export words them in its language.
    const report: TabReport = {
      url: page.url,
      finishedAt: '2026-11-27T21:00:00.000Z',
      checks: evaluatePage(page, rules),
      timing: { auditMs: 1, nodes: 1 },
      frames: [{ url: page.url, lang: 'en' }],
    };
    let review = attachReport(
      createReview({ name: '⟦Review⟧', now: Date.parse('2026-11-27T21:00:00Z') }),
      report,
      Date.parse('2026-11-27T21:00:00Z'),
    );
    review = setVerdict(review, 'flow', 'fail', '⟦note⟧');
    const html = renderHtml(review, (key, subs) => t('xx', key, {}, subs));
    const doc = new Window().document;
    doc.write(html);
    const texts: string[] = [];
    const walk = (n: Node) => {
      for (const c of Array.from(n.childNodes)) {
        if (c.nodeType === 3) {
          const text = (c.textContent ?? '').trim();
          if (text) texts.push(text);
        } else if (c.nodeType === 1 && !['STYLE', 'CODE'].includes((c as Element).tagName)) walk(c);
      }
    };
    walk(doc.body as unknown as Node);
    const data = /^(https?:\/\/\S+|\d{4}-\d\d-\d\d[\d: UTC]*|[\d\s.,:·—–()#/-]+|[0-9a-f]{8}-[0-9a-f-]{27})$/;
    const unmarked = texts.filter((x) => !x.includes('⟦') && !data.test(x));
    expect(unmarked).toEqual([]);
  });
});
