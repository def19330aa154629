/**
 * The generic fixture runner (axe-core style): test/rules/<id>/<id>.html holds one <template> per case, its id
 * saying the expected status (pass-*, fail-*, review-*, na-*); <id>.json holds each case's reason and expected
 * evidence. Every case is loaded as its own page in real Chromium, gathered and evaluated by the engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { buildEngineBundle } from '../support/engine-bundle';
import { chromiumPath, CLOSED_SHADOW_SHIM } from '../support/chromium';
import type { TabReport } from '../../src/audit/types';
import { evidenceFieldLabels } from '../../src/view/evidence-fields';

// WYSIWYS_FIXTURES=<dir> runs candidate fixtures laid out the same way (<dir>/<id>/<id>.html + .json).
const RULES_DIR = path.resolve(process.env.WYSIWYS_FIXTURES ?? path.resolve(import.meta.dirname, '../rules'));
const STATUS_BY_PREFIX: Record<string, string> = { pass: 'pass', fail: 'fail', review: 'review', na: 'not-applicable' };

interface Case {
  id: string;
  lang: string;
  viewport: { width: number; height: number };
  wait: number;
  html: string;
}

/** A rule directory holds one or more fixture pairs: <id>.html + <id>.json, and any <id>.<set>.html + .json beside them. */
function fixtureSets(ruleId: string): string[] {
  return readdirSync(path.join(RULES_DIR, ruleId))
    .filter((f) => f.endsWith('.html') && (f === `${ruleId}.html` || f.startsWith(`${ruleId}.`)))
    .map((f) => f.slice(0, -'.html'.length))
    .filter((name) => existsSync(path.join(RULES_DIR, ruleId, `${name}.json`)))
    .sort();
}

function readCases(ruleId: string, set: string): Case[] {
  const source = readFileSync(path.join(RULES_DIR, ruleId, `${set}.html`), 'utf8');
  const cases: Case[] = [];
  const re = /<template\b([^>]*)>([\s\S]*?)<\/template>/g;
  for (const m of source.matchAll(re)) {
    const attrs = m[1];
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];
    const [w, h] = (attr('data-viewport') ?? '1280x900').split('x').map(Number);
    const html = m[2];
    cases.push({
      id: attr('id')!,
      lang: attr('data-lang') ?? 'en',
      viewport: { width: w, height: h },
      wait: Number(attr('data-wait') ?? (/<script/i.test(html) ? 800 : 0)),
      html,
    });
  }
  return cases;
}

const ruleIds = readdirSync(RULES_DIR).filter((d) => existsSync(path.join(RULES_DIR, d, `${d}.json`)));

let browser: Browser;
let page: Page;
let engine: string;

beforeAll(async () => {
  engine = await buildEngineBundle();
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function auditCase(c: Case): Promise<TabReport> {
  await page.setViewportSize(c.viewport);
  const lang = c.lang ? ` lang="${c.lang}"` : '';
  await page.setContent(`<!doctype html><html${lang}><head><meta charset="utf-8"><script>${CLOSED_SHADOW_SHIM}</script></head><body>${c.html}</body></html>`, { waitUntil: 'load' });
  if (c.wait) await page.waitForTimeout(c.wait);
  await page.addScriptTag({ content: engine });
  return page.evaluate(() => window.__wysiwysAudit.audit()) as Promise<TabReport>;
}

function subset(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === 'object') {
    return Object.entries(expected).every(([k, v]) => subset((actual as Record<string, unknown> | undefined)?.[k], v));
  }
  return actual === expected;
}

for (const ruleId of ruleIds) for (const set of fixtureSets(ruleId)) {
  describe(`rule ${ruleId}${set === ruleId ? '' : ` (${set.slice(ruleId.length + 1)})`}`, () => {
    const cases = readCases(ruleId, set);
    const expectations = JSON.parse(readFileSync(path.join(RULES_DIR, ruleId, `${set}.json`), 'utf8')) as Record<string, { why: string; evidence?: Record<string, unknown> }>;

    it('has one expectation per fixture case and no other', () => {
      expect(cases.length).toBeGreaterThan(0);
      expect(Object.keys(expectations).sort()).toEqual(cases.map((c) => c.id).sort());
    });

    for (const c of cases) {
      const expected = STATUS_BY_PREFIX[c.id.split('-')[0]];
      const why = expectations[c.id]?.why ?? '';
      it(`${c.id} is ${expected}: ${why}`, async () => {
        const report = await auditCase(c);
        const check = report.checks.find((x) => x.id === ruleId)!;
        const context = `${check.status}: ${check.summary}\n${JSON.stringify(check.findings.map((f) => ({ m: f.message, o: f.outcome, e: f.evidence })), null, 1).slice(0, 3000)}`;
        expect(check.status, context).toBe(expected);
        // Every finding points at an element that "Show on page" can find again (frames and shadow roots included).
        for (const f of check.findings) {
          const found = await page.evaluate((t) => window.__wysiwysAudit.resolve(t), f.target);
          expect(found, `target ${JSON.stringify(f.target)} of "${f.message}" does not resolve`).toBe(String(f.evidence.element ?? '').replace(/^<([\w-]+).*$/, '$1'));
        }
        // Every evidence field a check writes has a name for people (popup, panel, exports).
        for (const other of report.checks) {
          for (const f of other.findings) for (const name of Object.keys(f.evidence)) expect(evidenceFieldLabels[name], `${other.id} evidence field "${name}" has no label in src/view/evidence-fields.ts`).toBeDefined();
        }
        const wanted = expectations[c.id]?.evidence;
        if (wanted) {
          const match = check.findings.some((f) => subset(f.evidence, wanted));
          expect(match, `no finding with evidence ${JSON.stringify(wanted)}\n${context}`).toBe(true);
        }
      });
    }
  });
}
