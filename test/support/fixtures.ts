/**
 * The rule fixtures (axe-core style): test/rules/<id>/<id>.html holds one <template> per case, its id saying the
 * expected status (pass-*, fail-*, review-*, na-*); <id>.json holds each case's reason and expected evidence. A rule
 * directory may hold more pairs, <id>.<set>.html + .json. Shared by the fixture runner and the UI-language test.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CLOSED_SHADOW_SHIM } from './chromium';

// WYSIWYS_FIXTURES=<dir> runs candidate fixtures laid out the same way (<dir>/<id>/<id>.html + .json).
export const RULES_DIR = path.resolve(process.env.WYSIWYS_FIXTURES ?? path.resolve(import.meta.dirname, '../rules'));
export const STATUS_BY_PREFIX: Record<string, string> = { pass: 'pass', fail: 'fail', review: 'review', na: 'not-applicable' };

export interface Case {
  id: string;
  lang: string;
  viewport: { width: number; height: number };
  wait: number;
  html: string;
}

export interface Expectation {
  why: string;
  evidence?: Record<string, unknown>;
}

/** A rule directory holds one or more fixture pairs: <id>.html + <id>.json, and any <id>.<set>.html + .json beside them. */
export function fixtureSets(ruleId: string): string[] {
  return readdirSync(path.join(RULES_DIR, ruleId))
    .filter((f) => f.endsWith('.html') && (f === `${ruleId}.html` || f.startsWith(`${ruleId}.`)))
    .map((f) => f.slice(0, -'.html'.length))
    .filter((name) => existsSync(path.join(RULES_DIR, ruleId, `${name}.json`)))
    .sort();
}

export function readCases(ruleId: string, set: string): Case[] {
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

export function readExpectations(ruleId: string, set: string): Record<string, Expectation> {
  return JSON.parse(readFileSync(path.join(RULES_DIR, ruleId, `${set}.json`), 'utf8')) as Record<string, Expectation>;
}

/** Rule directories that hold fixtures. */
export function fixtureRuleIds(): string[] {
  return readdirSync(RULES_DIR).filter((d) => existsSync(path.join(RULES_DIR, d, `${d}.json`)));
}

/** The status a case's id promises (pass-…, fail-…, review-…, na-…). */
export function expectedStatus(c: Case): string {
  return STATUS_BY_PREFIX[c.id.split('-')[0]];
}

/** Loads a case as its own page (its language, viewport and wait) with the test engine bundle added. */
export async function openCase(page: Page, c: Case, engine: string): Promise<void> {
  await page.setViewportSize(c.viewport);
  const lang = c.lang ? ` lang="${c.lang}"` : '';
  await page.setContent(
    `<!doctype html><html${lang}><head><meta charset="utf-8"><script>${CLOSED_SHADOW_SHIM}</script></head><body>${c.html}</body></html>`,
    { waitUntil: 'load' },
  );
  if (c.wait) await page.waitForTimeout(c.wait);
  await page.addScriptTag({ content: engine });
}
