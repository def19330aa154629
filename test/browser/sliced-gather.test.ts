/**
 * The content script gathers in slices with the page's tasks between them; the CLI and these tests gather in one
 * go. On a page that does not change meanwhile both must read the same snapshot — the walk, the painted-text
 * reading and the secret scan all pause, and a pause must never change what they read. Every rule fixture case is
 * gathered both ways, the sliced one pausing at every step it can — and a third way, reading every property of every
 * element, which must read what the usual walk reads without the properties no style of the page declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildEngineBundle } from '../support/engine-bundle';
import { launchHeadless } from '../support/chromium';
import { fixtureRuleIds, fixtureSets, openCase, readCases } from '../support/fixtures';
import type { FrameSnapshot } from '../../src/audit/types';

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

/** The snapshot without the fields that say when and how long. */
function content(s: FrameSnapshot): Omit<FrameSnapshot, 'gatheredAt' | 'gatherMs'> {
  const { gatheredAt: _at, gatherMs: _ms, ...rest } = s;
  return rest;
}

/**
 * The secret scan stops at a time budget (SCAN_BUDGET.ms) of its own work: on a page near it (half a megabyte of
 * inline script) one run may finish and the other stop, whatever the pauses, as two whole gathers can. When either
 * stopped for time, that run must say so, and the rest of the snapshot is compared without the scan.
 */
function comparable(whole: FrameSnapshot, sliced: FrameSnapshot): [unknown, unknown] {
  const timedOut = [whole, sliced].filter((s) => s.exposure?.truncated?.reason === 'time');
  if (!timedOut.length) return [content(sliced), content(whole)];
  for (const s of timedOut) expect(s.exposure?.truncated?.skipped.length).toBeGreaterThan(0);
  const { exposure: _s, ...slicedRest } = content(sliced);
  const { exposure: _w, ...wholeRest } = content(whole);
  return [slicedRest, wholeRest];
}

describe('a sliced gather reads what a whole one reads', () => {
  for (const ruleId of fixtureRuleIds())
    for (const set of fixtureSets(ruleId)) {
      const cases = readCases(ruleId, set);
      it(`${set}: all ${cases.length} cases, paused at every step, and reading every property`, async () => {
        let paintedReadings = 0;
        for (const c of cases) {
          await openCase(page, c, engine);
          // The walk reading every property in the same task as the whole one: nothing (an image's natural size
          // coming in) can change between them. The page's own tasks run between the sliced gather's slices: when one
          // of them changed the page meanwhile (a countdown ticked), the three are read again.
          const { whole, sliced, everything } = await page.evaluate(async () => {
            for (let attempt = 0; ; attempt++) {
              const changes = new MutationObserver(() => {});
              changes.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
              const read = {
                whole: window.__wysiwysAudit.gatherTop(),
                everything: window.__wysiwysAudit.gatherTopReadingEverything(),
                sliced: await window.__wysiwysAudit.gatherTopSliced(0),
              };
              const changed = changes.takeRecords().length > 0;
              changes.disconnect();
              if (!changed || attempt === 4) return read;
            }
          });
          const [slicedContent, wholeContent] = comparable(whole, sliced);
          expect(slicedContent, c.id).toEqual(wholeContent);
          // Leaving out the properties no style of the page declares (undeclared.ts) reads what reading them reads.
          const [everythingContent, wholeAgain] = comparable(whole, everything);
          expect(everythingContent, `${c.id}, every property read`).toEqual(wholeAgain);
          paintedReadings += whole.nodes.filter((n) => n.visual).length;
        }
        // The comparison covers the paused painted-text reading, not only the walk.
        if (set === 'control-code.visual') expect(paintedReadings).toBeGreaterThan(0);
      });
    }
});

describe('a sliced gather that gives way (the content script’s due whole read, when the page changes)', () => {
  it('stops at the pause it is told to, with no snapshot and no walk kept; never told to, it reads what a whole gather reads', async () => {
    const c = readCases('control-code', fixtureSets('control-code')[0])[0];
    await openCase(page, c, engine);
    const { whole, never, first, later } = await page.evaluate(async () => ({
      whole: window.__wysiwysAudit.gatherTop(),
      never: await window.__wysiwysAudit.gatherTopGivingWay(-1),
      first: await window.__wysiwysAudit.gatherTopGivingWay(0),
      later: await window.__wysiwysAudit.gatherTopGivingWay(3),
    }));
    expect(never.asked).toBeGreaterThan(4);
    expect(never.kept).toBe(true);
    expect(never.snapshot && content(never.snapshot)).toEqual(content(whole));
    expect(first).toEqual({ asked: 1, kept: false });
    expect(later).toEqual({ asked: 4, kept: false });
  });
});
