/**
 * `npm start`: serves the bundled demo integrator site (and its cross-origin fake gateway) on 127.0.0.1, audits
 * every page with the built extension, and prints the verdicts next to what each page is built to show.
 * Exit code 0 when every verdict is the expected one.
 */
import { startDemo } from './server';
import { auditUrl, toReport } from '../src/cli/audit';
import { formatTabReport } from '../src/cli/format';
import { launchWithExtension } from '../src/cli/launch';
import { loadFlowFile, runFlow } from '../src/cli/flow';
import { pointLabel, SILENT } from '../src/cli/run';
import type { TabReport } from '../src/audit';

/** What the example flow (demo/flow.json) is built to show at each of its audit steps. */
const FLOW_EXPECT: Record<string, Record<string, string>> = {
  'phone step': { 'control-code': 'pass', cancel: 'pass', preview: 'pass', polling: 'pass' },
  'after cancel': { polling: 'pass' },
};

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  const demo = await startDemo();
  const session = await launchWithExtension().catch(async (e) => {
    await demo.close();
    throw e;
  });
  let mismatches = 0;
  const reports: TabReport[] = [];
  const colour = process.stdout.isTTY;
  try {
    if (!json) console.log(`Demo site: ${demo.siteUrl}  (gateway: ${demo.gatewayUrl})\n`);
    for (const page of demo.pages) {
      const url = demo.siteUrl + page.path;
      const { report } = await auditUrl(session, url, { viewport: { width: 1280, height: 900 }, quietMs: 2500 });
      reports.push(report);
      const checks = Object.keys(page.expect) as (keyof typeof page.expect)[];
      const wrong = checks.filter((id) => report.checks.find((c) => c.id === id)?.status !== page.expect[id]);
      mismatches += wrong.length;
      if (json) continue;
      console.log(`${page.title}`);
      console.log(formatTabReport(report, colour));
      console.log(
        wrong.length
          ? `  ✗ expected ${wrong.map((id) => `${id}=${page.expect[id]}`).join(', ')}\n`
          : `  ✓ as designed (${checks.map((id) => `${id}=${page.expect[id]}`).join(', ')})\n`,
      );
    }
    // The example flow: start → agreement (closed shadow root) → the partner's frame → method, identity → phone step
    // → audit → Cancel → audit, as an integrator's CI runs it (`npm run audit -- --flow demo/flow.json`).
    const flow = await loadFlowFile('demo/flow.json');
    const run = await runFlow(session, flow, {
      viewport: { width: 1280, height: 900 },
      baseUrl: demo.siteUrl,
      env: process.env,
      progress: SILENT,
    });
    for (const problem of run.problems) {
      mismatches++;
      if (!json) console.log(`Flow "${flow.name}": ✗ ${problem.message}\n`);
    }
    for (const step of Object.keys(FLOW_EXPECT)) {
      const report = run.reports.find((r) => r.point?.step === step);
      const expect = FLOW_EXPECT[step];
      const wrong = Object.keys(expect).filter((id) => report?.checks.find((c) => c.id === id)?.status !== expect[id]);
      mismatches += wrong.length;
      if (report) reports.push(report);
      if (json) continue;
      console.log(`Flow: ${report?.point ? pointLabel(report.point) : `${flow.name} › ${step} (not reached)`}`);
      if (report) console.log(formatTabReport(report, colour));
      console.log(
        wrong.length
          ? `  ✗ expected ${wrong.map((id) => `${id}=${expect[id]}`).join(', ')}\n`
          : `  ✓ as designed (${Object.entries(expect)
              .map(([id, s]) => `${id}=${s}`)
              .join(', ')})\n`,
      );
    }
    if (json) process.stdout.write(JSON.stringify(toReport(session, reports), null, 2) + '\n');
    else
      console.log(
        mismatches
          ? `${mismatches} verdict(s) differ from the design of the demo pages.`
          : `All ${demo.pages.length} demo pages and the example flow audited as designed.`,
      );
  } finally {
    await session.close();
    await demo.close();
  }
  return mismatches ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`wysiwys-audit demo: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  },
);
