/**
 * `npm run demo:flows`: serves the scripted flow demo (status polling, redirects, errors, tokens, environments),
 * audits each scenario with the built extension for as long as it needs to be watched (pressing Cancel where the
 * scenario asks), and compares the verdicts with the scenario's design. Exit code 0 when all match.
 * Scenarios run a few at a time, each page in its own tab, to keep the total time reasonable; one that keeps its
 * evidence in the origin's shared storage is watched alone first.
 */
import { startFlowDemo, type FlowScenario } from './server';
import { auditUrl, toReport } from '../../src/cli/audit';
import { formatTabReport } from '../../src/cli/format';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { TabReport } from '../../src/audit';

export interface ScenarioResult {
  scenario: FlowScenario;
  report: TabReport;
  wrong: string[];
}

export async function runFlowScenarios(
  session: ExtensionSession,
  baseUrl: string,
  scenarios: FlowScenario[],
  parallel = 4,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const audit = async (s: FlowScenario) => {
    const { report } = await auditUrl(session, baseUrl + s.path, {
      viewport: { width: 1280, height: 900 },
      waitMs: s.observeMs,
      exercise: s.exercise,
    });
    const wrong = Object.entries(s.expect)
      .filter(([id, v]) => report.checks.find((c) => c.id === id)?.status !== v)
      .map(([id]) => id);
    results.push({ scenario: s, report, wrong });
  };
  // Scenarios whose evidence lives in the shared origin storage go one at a time, before the others start.
  for (const s of scenarios.filter((x) => x.aloneInOrigin)) await audit(s);
  const queue = scenarios.filter((x) => !x.aloneInOrigin);
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) await audit(s);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, worker));
  return scenarios.map((s) => results.find((r) => r.scenario === s)!);
}

async function main(): Promise<number> {
  const json = process.argv.includes('--json');
  const demo = await startFlowDemo();
  const session = await launchWithExtension().catch(async (e) => {
    await demo.close();
    throw e;
  });
  try {
    if (!json)
      console.log(
        `Flow demo: ${demo.url} — ${demo.scenarios.length} scenarios, watched for up to ${Math.max(...demo.scenarios.map((s) => s.observeMs)) / 1000} s each\n`,
      );
    const results = await runFlowScenarios(session, demo.url, demo.scenarios);
    if (json) {
      process.stdout.write(
        JSON.stringify(
          toReport(
            session,
            results.map((r) => r.report),
          ),
          null,
          2,
        ) + '\n',
      );
    } else {
      for (const r of results) {
        console.log(r.scenario.title);
        console.log(formatTabReport(r.report, process.stdout.isTTY));
        console.log(
          r.wrong.length
            ? `  ✗ expected ${r.wrong.map((id) => `${id}=${r.scenario.expect[id as keyof FlowScenario['expect']]}`).join(', ')}\n`
            : '  ✓ as designed\n',
        );
      }
    }
    const wrong = results.reduce((n, r) => n + r.wrong.length, 0);
    if (!json)
      console.log(
        wrong ? `${wrong} verdict(s) differ from the design of the scenarios.` : `All ${results.length} scenarios audited as designed.`,
      );
    return wrong ? 1 : 0;
  } finally {
    await session.close();
    await demo.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`wysiwys-audit flows: ${error instanceof Error ? error.message : error}`);
      process.exit(2);
    },
  );
}
