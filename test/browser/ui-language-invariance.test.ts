/**
 * "A change the user cannot see must not change a verdict", and the extension's own language is one: every fixture
 * case of test/rules (all sets) is gathered once in Chromium, then its snapshot (plain JSON) is judged in Node the way
 * the background does (TabAuditor) with the UI language set to each of en, lt, lv, et and the pseudo-locale. Statuses,
 * evidence and the whole report must be identical; only the rendered view differs, and in Lithuanian and the
 * pseudo-locale it is worded from the catalogue (⟦…⟧ marks every pseudo-locale message).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildEngineBundle } from '../support/engine-bundle';
import { launchHeadless } from '../support/chromium';
import { fixtureRuleIds, fixtureSets, openCase, readCases, type Case } from '../support/fixtures';
import { TabAuditor } from '../../src/background/tabs';
import { t, type Locale } from '../../src/i18n';
import { tabReportView } from '../../src/view/report-view';
import type { FrameSnapshot, TabReport } from '../../src/audit/types';

const LOCALES: Locale[] = ['en', 'lt', 'lv', 'et', 'xx'];
/** Pages loading cases at once: most of a case's time is waiting for the page (scripts, data-wait). */
const PAGES = 3;

let browser: Browser;
let engine: string;

beforeAll(async () => {
  engine = await buildEngineBundle();
  browser = await launchHeadless();
});

afterAll(async () => {
  await browser?.close();
});

/** The case's frames as the content scripts would send them (image sizes settled, as the live re-audit waits for). */
async function gatherCase(page: Page, c: Case): Promise<FrameSnapshot[]> {
  await openCase(page, c, engine);
  return page.evaluate(async () => {
    await window.__wysiwysAudit.audit();
    return window.__wysiwysAudit.gather();
  });
}

async function gatherAll(cases: Case[]): Promise<Map<string, FrameSnapshot[]>> {
  const out = new Map<string, FrameSnapshot[]>();
  const queue = [...cases];
  const pages = await Promise.all(Array.from({ length: Math.min(PAGES, cases.length) }, () => browser.newPage()));
  await Promise.all(
    pages.map(async (page) => {
      for (let c = queue.shift(); c; c = queue.shift()) out.set(c.id, await gatherCase(page, c));
      await page.close();
    }),
  );
  return out;
}

/** The background's path: each frame's snapshot reaches the tab's auditor, which judges the page in `locale`. */
function judge(frames: FrameSnapshot[], locale: Locale): TabReport {
  const now = Math.max(...frames.map((f) => f.gatheredAt));
  const auditor = new TabAuditor(() => now);
  auditor.locale = locale;
  const copy = structuredClone(frames);
  copy.forEach((f, i) => {
    auditor.update(1, i, f);
  });
  return auditor.report(1)!;
}

/** Everything of a report but the time the evaluation took. */
const comparable = (r: TabReport) => ({ ...r, timing: { nodes: r.timing.nodes } });

for (const ruleId of fixtureRuleIds())
  for (const set of fixtureSets(ruleId)) {
    describe(`UI language does not change ${ruleId}${set === ruleId ? '' : ` (${set.slice(ruleId.length + 1)})`}`, () => {
      const cases = readCases(ruleId, set);
      let snapshots: Map<string, FrameSnapshot[]>;

      beforeAll(async () => {
        snapshots = await gatherAll(cases);
      }, 600_000);

      for (const c of cases) {
        it(`${c.id}: same statuses, evidence and report in ${LOCALES.join(', ')}`, () => {
          const frames = snapshots.get(c.id)!;
          const reports = LOCALES.map((locale) => judge(frames, locale));
          const [en, ...others] = reports;
          for (const [i, other] of others.entries()) {
            const locale = LOCALES[i + 1];
            expect(
              other.checks.map((x) => `${x.id}: ${x.status}`),
              locale,
            ).toEqual(en.checks.map((x) => `${x.id}: ${x.status}`));
            expect(
              other.checks.map((x) => x.findings.map((f) => [f.outcome, f.evidence])),
              locale,
            ).toEqual(en.checks.map((x) => x.findings.map((f) => [f.outcome, f.evidence])));
            expect(comparable(other), locale).toEqual(comparable(en));
          }

          // Shown in the pseudo-locale, every title, summary and finding message comes from the catalogue.
          const xx = tabReportView(reports[LOCALES.indexOf('xx')], { t: (key, subs) => t('xx', key, {}, subs) });
          for (const check of xx.checks) {
            expect(check.title, check.id).toMatch(/^⟦.*⟧$/s);
            expect(check.summary, check.id).toMatch(/^⟦.*⟧$/s);
            for (const f of check.findings) expect(f.text, `${check.id} finding`).toMatch(/⟦.*⟧/s);
          }
          // In Lithuanian the case's own check reads differently from the English report.
          const check = en.checks.find((x) => x.id === ruleId)!;
          const lt = tabReportView(reports[LOCALES.indexOf('lt')], { t: (key, subs) => t('lt', key, {}, subs) }).checks.find(
            (x) => x.id === ruleId,
          )!;
          expect(lt.summary).not.toBe(check.summary);
          expect(lt.title).toBe(t('lt', `rule_${ruleId.replace(/-/g, '_')}_${check.status === 'fail' ? 'failureTitle' : 'title'}`));
        });
      }
    });
  }
