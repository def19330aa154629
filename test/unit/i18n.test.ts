/**
 * The message catalogue: the English file is exactly what the code says, every language has every message with
 * the same placeholders, and reports are shown in the chosen language (or, in the pseudo-locale, visibly marked).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { englishCatalogue } from '../../src/i18n/catalogue';
import { evaluatePage } from '../../src/audit/engine';
import { rules } from '../../src/audit/rules';
import { t } from '../../src/i18n';
import { checkView } from '../../src/view/report-view';
import type { PageSnapshot } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../public/_locales');
const read = (lang: string) =>
  JSON.parse(readFileSync(path.join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const placeholders = (m: string) => [...m.matchAll(/\{(\w+)\}|\$(\d)/g)].map((x) => x[0]).sort();

/** Messages that are the same in every language: brand names, product name, a lone placeholder. */
const SAME_EVERYWHERE =
  /^(WYSIWYS Auditor|WYSIWYS|Smart-ID|Mobile-ID|Mobiil-ID|Mobilais ID|PDF|JSON|HTML|Markdown|en|OK|—|–|\$1|[\s\S]{0,3}|[\s\p{P}]*(\{\w+\}[\s\p{P}]*)+)$/u;

const empty: PageSnapshot = {
  url: 'http://x/',
  frames: [emptyFrame('http://x/', { lang: 'lt' })],
};

describe('message catalogue', () => {
  it('has the English file in step with the strings in the code (run `npm run catalogue` after changing them)', () => {
    const file = read('en');
    const code = englishCatalogue();
    for (const [k, v] of Object.entries(code)) expect(file[k]?.message, k).toBe(v);
    expect(
      Object.keys(file)
        .filter((k) => !(k in code) && !k.startsWith('app'))
        .sort(),
    ).toEqual([]);
  });

  for (const lang of ['lt', 'lv', 'et']) {
    it(`has every message in ${lang}, with the same placeholders, none empty`, () => {
      const en = read('en');
      const other = read(lang);
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const [k, { message }] of Object.entries(en)) {
        expect(other[k].message.trim().length, k).toBeGreaterThan(0);
        expect(placeholders(other[k].message), k).toEqual(placeholders(message));
      }
    });
  }

  it('keeps the extension description within the Chrome Web Store limit of 132 characters in every language', () => {
    for (const lang of ['en', 'lt', 'lv', 'et']) {
      const description = read(lang).appDescription.message;
      expect(description.length, `${lang}: ${description}`).toBeLessThanOrEqual(132);
      expect(description.length, lang).toBeGreaterThan(40);
    }
  });

  it('has Lithuanian complete: no message left in English', () => {
    const en = read('en');
    const lt = read('lt');
    const untranslated = Object.keys(en).filter((k) => lt[k].message === en[k].message && !SAME_EVERYWHERE.test(en[k].message));
    expect(untranslated).toEqual([]);
  });

  it('keeps reports in English and words check titles and summaries in the chosen language when shown', () => {
    const checks = evaluatePage(empty, rules);
    const control = checks.find((c) => c.id === 'control-code')!;
    // The report itself is English (the contract), whatever language the user picked.
    expect(control.summary).toBe(t('en', 'rule_control_code_msg_notApplicable'));
    const lt = checkView(control, { t: (key, subs) => t('lt', key, {}, subs) });
    expect(lt.title).toBe(t('lt', 'rule_control_code_title'));
    expect(lt.summary).toBe(t('lt', 'rule_control_code_msg_notApplicable'));
    expect(lt.summary).not.toBe(t('en', 'rule_control_code_msg_notApplicable'));
    expect(checkView(control).summary).toBe(control.summary);
  });

  it('marks every title and summary in the pseudo-locale, so a string outside the catalogue would show', () => {
    for (const c of evaluatePage(empty, rules)) {
      const view = checkView(c, { t: (key, subs) => t('xx', key, {}, subs) });
      expect(view.title, c.id).toMatch(/^⟦.*⟧$/);
      expect(view.summary, c.id).toMatch(/⟦.*⟧/);
    }
  });
});
