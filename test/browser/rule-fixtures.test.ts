/**
 * The generic fixture runner (axe-core style): test/rules/<id>/<id>.html holds one <template> per case, its id
 * saying the expected status (pass-*, fail-*, review-*, na-*); <id>.json holds each case's reason and expected
 * evidence. Every case is loaded as its own page in real Chromium, gathered and evaluated by the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildEngineBundle } from '../support/engine-bundle';
import { launchHeadless } from '../support/chromium';
import { expectedStatus, fixtureRuleIds, fixtureSets, openCase, readCases, readExpectations, type Case } from '../support/fixtures';
import type { TabReport } from '../../src/audit/types';
import { evidenceFieldLabels } from '../../src/view/evidence-fields';

const ruleIds = fixtureRuleIds();

let browser: Browser;
let page: Page;
let engine: string;

beforeAll(async () => {
  engine = await buildEngineBundle();
  browser = await launchHeadless();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function auditCase(c: Case): Promise<TabReport> {
  await openCase(page, c, engine);
  return page.evaluate(() => window.__wysiwysAudit.audit()) as Promise<TabReport>;
}

function subset(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === 'object') {
    return Object.entries(expected).every(([k, v]) => subset((actual as Record<string, unknown> | undefined)?.[k], v));
  }
  return actual === expected;
}

for (const ruleId of ruleIds)
  for (const set of fixtureSets(ruleId)) {
    describe(`rule ${ruleId}${set === ruleId ? '' : ` (${set.slice(ruleId.length + 1)})`}`, () => {
      const cases = readCases(ruleId, set);
      const expectations = readExpectations(ruleId, set);

      it('has one expectation per fixture case and no other', () => {
        expect(cases.length).toBeGreaterThan(0);
        expect(Object.keys(expectations).sort()).toEqual(cases.map((c) => c.id).sort());
      });

      for (const c of cases) {
        const expected = expectedStatus(c);
        const why = expectations[c.id]?.why ?? '';
        it(`${c.id} is ${expected}: ${why}`, async () => {
          const report = await auditCase(c);
          const check = report.checks.find((x) => x.id === ruleId)!;
          const context = `${check.status}: ${check.summary}\n${JSON.stringify(
            check.findings.map((f) => ({ m: f.message, o: f.outcome, e: f.evidence })),
            null,
            1,
          ).slice(0, 3000)}`;
          expect(check.status, context).toBe(expected);
          // The background judges the same frames again, and a patched snapshot, from what its models kept: the
          // very same verdicts as fresh models give.
          const { again, patched, readsBeyondFrames } = await page.evaluate(() => window.__wysiwysAudit.auditAgain());
          // Their checks are kept while the same frames come again: they must read nothing else of the page.
          expect(readsBeyondFrames, 'rules said to read the frames alone read more of the page').toEqual([]);
          expect(again.kept, 'judged again with the models and checks kept for the same frames').toEqual(again.fresh);
          expect(again.kept).toEqual(report.checks);
          expect(patched.carried, `judged after a ${patched.kind} with the readings carried`).toEqual(patched.fresh);
          // Every finding points at an element that "Show on page" can find again (frames and shadow roots included).
          for (const f of check.findings) {
            const found = await page.evaluate((t) => window.__wysiwysAudit.resolve(t), f.target);
            expect(found, `target ${JSON.stringify(f.target)} of "${f.message}" does not resolve`).toBe(
              String(f.evidence.element ?? '').replace(/^<([\w-]+).*$/, '$1'),
            );
          }
          // Every evidence field a check writes has a name for people (popup, panel, exports).
          for (const other of report.checks) {
            for (const f of other.findings)
              for (const name of Object.keys(f.evidence))
                expect(
                  evidenceFieldLabels[name],
                  `${other.id} evidence field "${name}" has no label in src/view/evidence-fields.ts`,
                ).toBeDefined();
          }
          // A passing cancel check names the control "Test cancel" presses, and it is on the page; no other does.
          const cancel = report.checks.find((x) => x.id === 'cancel')!;
          if (cancel.status === 'pass') {
            expect(cancel.press, 'a passing cancel check names its control').toBeDefined();
            expect(await page.evaluate((t) => window.__wysiwysAudit.resolve(t), cancel.press!.target)).not.toBeNull();
          }
          for (const other of report.checks) if (other.id !== 'cancel') expect(other.press).toBeUndefined();
          const wanted = expectations[c.id]?.evidence;
          if (wanted) {
            const match = check.findings.some((f) => subset(f.evidence, wanted));
            expect(match, `no finding with evidence ${JSON.stringify(wanted)}\n${context}`).toBe(true);
          }
        });
      }
    });
  }
