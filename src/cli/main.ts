/**
 * `wysiwys-audit` / `npm run audit -- [options] [<url>...]`: audits every point of the run (each URL and flow, at
 * each viewport, in each language) with the extension, collects them into one RunReport and writes it in every
 * asked format. A point that cannot be audited (a page that does not load, a flow step that cannot be done, a
 * crash) is a problem inside the results: the run goes on and keeps everything else.
 *
 * Exit codes: 0 clean; 1 a check that decides the run fails or errs (or needs review with --fail-on review), or a
 * point could not be audited; 2 bad usage, config or flow file (nothing was audited).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, USAGE } from './args';
import { auditUrl, wordedForCli } from './audit';
import { resolveRun, type RunSettings } from './config';
import { LoadError, UsageError } from './errors';
import { loadFlowFile, runFlow, type Flow } from './flow';
import { launchWithExtension, type ExtensionSession } from './launch';
import { countsText, fileNameFor, render } from './outputs';
import { createProgress } from './progress';
import {
  exitCodeOf,
  pointLabel,
  withLanguage,
  type Progress,
  type RunPoint,
  type RunProblem,
  type RunReport,
  type RunTabReport,
} from './run';

const say = (message: string) => process.stderr.write(`wysiwys-audit: ${message}\n`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the run is asked for, or the exit code of a usage error (2) or --help (0). */
async function plan(argv: string[]): Promise<{ settings: RunSettings; flows: Flow[] } | number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const settings = resolveRun(options);
    // Every flow file is read and checked before the browser starts: a bad one is a usage error, not a result.
    const flows = await Promise.all(settings.flows.map((file) => loadFlowFile(file)));
    return { settings, flows };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`${error.message}\n\nRun with --help for the options.`);
    return 2;
  }
}

/** True while the browser and the extension still answer (a crash may take them down). */
async function alive(session: ExtensionSession): Promise<boolean> {
  return session.worker.evaluate(() => true).catch(() => false);
}

/** Audits every point; each problem is kept as such and the run goes on. */
async function auditAll(
  settings: RunSettings,
  flows: Flow[],
  progress: Progress,
  launch: () => Promise<ExtensionSession>,
): Promise<{ reports: RunTabReport[]; problems: RunProblem[]; version: string }> {
  const reports: RunTabReport[] = [];
  const problems: RunProblem[] = [];
  let session = await launch();
  const version = session.manifest.version;
  /** A crash is a problem of its point; a browser it took down is started again for the next point. */
  const crashed = async (point: RunPoint, error: unknown) => {
    problems.push({ point, kind: 'crash', message: messageOf(error) });
    if (!(await alive(session))) {
      await session.close();
      session = await launch();
    }
  };
  try {
    for (const url of settings.urls)
      for (const viewport of settings.viewports)
        for (const language of settings.languages) {
          const address = withLanguage(url, language, settings.languageParam);
          const point: RunPoint = {
            url: address,
            viewport: { width: viewport.width, height: viewport.height },
            ...(language ? { language } : {}),
          };
          const label = pointLabel(point);
          const started = Date.now();
          progress.begin(label);
          try {
            const { report } = await auditUrl(session, address, {
              viewport: point.viewport,
              waitMs: settings.waitMs,
              quietMs: settings.quietMs,
              maxMs: settings.maxMs,
              exercise: settings.exercise,
              progress,
              label,
            });
            reports.push({ ...report, point });
            progress.end(label, Date.now() - started, countsText(report.checks));
          } catch (error) {
            if (error instanceof LoadError) {
              problems.push({ point, kind: error.kind, message: error.message, ...(error.pageUrl ? { pageUrl: error.pageUrl } : {}) });
            } else await crashed(point, error);
            progress.end(label, Date.now() - started, `could not audit: ${problems.at(-1)?.message}`);
          }
        }
    for (const flow of flows)
      for (const viewport of settings.viewports)
        for (const language of settings.languages) {
          const size = { width: viewport.width, height: viewport.height };
          try {
            const result = await runFlow(session, flow, {
              viewport: size,
              baseUrl: settings.baseUrl,
              language,
              languageParam: settings.languageParam,
              env: process.env,
              waitMs: settings.waitMs,
              quietMs: settings.quietMs,
              maxMs: settings.maxMs,
              progress,
            });
            reports.push(...result.reports);
            problems.push(...result.problems);
          } catch (error) {
            await crashed({ flow: flow.name, viewport: size, ...(language ? { language } : {}) }, error);
          }
        }
  } finally {
    await session.close();
  }
  return { reports, problems, version };
}

/** Writes every format to the output directory, or the first to stdout. */
function writeOutputs(report: RunReport, settings: RunSettings): void {
  if (!settings.outputDir) {
    const [first, ...others] = settings.formats;
    const text = render(report, first, { colour: !!process.stdout.isTTY && first === 'table' });
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    if (others.length && !settings.quiet) say(`only ${first} was printed; give --output-dir to write ${others.join(', ')} too`);
    return;
  }
  mkdirSync(settings.outputDir, { recursive: true });
  for (const format of settings.formats) {
    const file = path.join(settings.outputDir, fileNameFor(format));
    writeFileSync(file, render(report, format, { colour: false }));
    if (!settings.quiet) say(`wrote ${path.relative(process.cwd(), file) || file}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const planned = await plan(argv);
  if (typeof planned === 'number') return planned;
  const { settings, flows } = planned;
  const progress = createProgress({ stream: process.stderr, isTTY: !!process.stderr.isTTY, quiet: settings.quiet });
  const startedAt = new Date();
  let audited: Awaited<ReturnType<typeof auditAll>>;
  try {
    audited = await auditAll(settings, flows, progress, () => launchWithExtension());
  } catch (error) {
    // The browser or the extension could not start: nothing was audited.
    say(messageOf(error));
    return 2;
  }
  const results = { reports: audited.reports.map(wordedForCli), problems: audited.problems };
  const exitCode = exitCodeOf(results, settings.policy);
  const report: RunReport = {
    tool: { name: 'wysiwys-auditor', version: audited.version },
    ...results,
    run: {
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      policy: settings.policy,
      outcome: exitCode ? 'fail' : 'pass',
      exitCode,
    },
  };
  try {
    writeOutputs(report, settings);
  } catch (error) {
    say(`could not write the reports: ${messageOf(error)}`);
    return 2;
  }
  return exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    say(messageOf(error));
    process.exit(2);
  },
);
