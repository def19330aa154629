/**
 * Invariance suite (issue 9): fixture cases rewritten in ways the user cannot see (colour syntax, font-size units,
 * wrapper tags, control kinds, class names, sibling order, shadow roots, a frame, UI language) must keep their verdict;
 * rewritten with a visible defect (tiny, faded or covered code, disabled cancel, distorted logo) they must fail.
 * A rewrite counts only when screenshots confirm it: unchanged pixels for neutral rewrites, changed ones for defects.
 * npm test runs a stable stratified subset (one case per rule for each neutral rewrite, two for each defect);
 * WYSIWYS_INVARIANCE=full runs every case each rewrite changes (hours on 2 cores; scripts/invariance.ts prints the same).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InvarianceRunner, formatResults, readFixtureCases } from '../support/invariance-run';

const full = process.env.WYSIWYS_INVARIANCE === 'full';
const perStratum = Number(process.env.WYSIWYS_INVARIANCE_PER_STRATUM ?? 1);
const runner = new InvarianceRunner();

beforeAll(async () => {
  await runner.start();
});

afterAll(async () => {
  await runner.stop();
});

it(
  'rewrites the user cannot see keep every verdict; visible defects fail',
  async () => {
    const result = await runner.run(readFixtureCases(), {
      mode: full ? 'full' : 'subset',
      perStratum,
      concurrency: 3,
      log: (l) => console.warn(l),
    });
    const table = formatResults(
      result,
      full ? 'full' : `stratified subset: ${perStratum} case(s) per rule for each neutral rewrite, ${Math.max(2, perStratum)} per defect`,
    );
    console.log(table);
    // The suite must really exercise something: most rewrites confirmed by screenshot on at least one case.
    const counted = result.stats.filter((s) => s.counted > 0).length;
    expect(counted, table).toBeGreaterThan(result.stats.length / 2);
    const moved = result.outcomes.filter((o) => o.counted && o.moved);
    expect(
      moved.map((o) => `[${o.rewrite}] ${o.case.rule}/${o.case.id}: ${o.before} → ${o.after}`),
      table,
    ).toEqual([]);
  },
  full ? 6 * 3600_000 : 900_000,
);
