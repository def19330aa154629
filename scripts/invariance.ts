/**
 * Invariance suite, standalone (issue 9): every fixture case rewritten in ways that must not change its verdict, and in
 * ways that must make it fail; prints per rewrite how many cases moved, and which.
 *   npx tsx scripts/invariance.ts                       all cases × all rewrites
 *   npx tsx scripts/invariance.ts --subset              the stratified subset npm test runs (--per N cases per stratum, --strata rule-status)
 *   npx tsx scripts/invariance.ts --rewrite colour --rule control-code --case pass-en --concurrency 3 --moved-only
 *   npx tsx scripts/invariance.ts --rule cancel --case pass-lt-bootstrap-card,fail-x3-lv-gateway   (several cases)
 */
import { InvarianceRunner, formatResults, readFixtureCases } from '../test/support/invariance-run';

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const rewrite = value('--rewrite');
const rule = value('--rule');
const caseId = value('--case');
const subset = args.includes('--subset');

const runner = new InvarianceRunner();
await runner.start();
try {
  const result = await runner.run(readFixtureCases(), {
    mode: subset ? 'subset' : 'full',
    perStratum: Number(value('--per') ?? 1),
    strata: value('--strata') === 'rule-status' ? 'rule-status' : 'rule',
    concurrency: Number(value('--concurrency') ?? 3),
    filter: rewrite ? (r) => r.name.includes(rewrite) || r.family === rewrite : undefined,
    // --case takes one id fragment or several, comma-separated (the cases a previous run moved).
    caseFilter: (c) => (!rule || c.rule === rule) && (!caseId || caseId.split(',').some((id) => c.id.includes(id))),
    log: (line) => console.error(line),
  });
  console.log(formatResults(result, subset ? 'stratified subset' : 'full'));
  if (args.includes('--not-counted')) {
    for (const o of result.outcomes.filter((x) => !x.counted))
      console.log(`  not counted [${o.rewrite}] ${o.case.rule}/${o.case.id}: ${o.diffPixels} px`);
  }
  process.exitCode = result.stats.some((s) => s.moved) ? 1 : 0;
} finally {
  await runner.stop();
}
