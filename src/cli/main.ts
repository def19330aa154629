/** `wysiwys-audit` / `npm run audit -- [--json] [--wait ms] [--viewport WxH] <url>...` */
import { parseArgs, USAGE } from './args';
import { auditUrl, failed, toReport } from './audit';
import { LoadError, UsageError } from './errors';
import { formatReport } from './format';
import { launchWithExtension, type ExtensionSession } from './launch';
import type { TabReport } from '../audit';

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`wysiwys-audit: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let session: ExtensionSession | undefined;
  try {
    session = await launchWithExtension();
    const reports: TabReport[] = [];
    for (const url of options.urls) {
      const { report } = await auditUrl(session, url, { viewport: options.viewport, waitMs: options.waitMs, exercise: options.exercise });
      reports.push(report);
    }
    const report = toReport(session, reports);
    if (options.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    else console.log(formatReport(report, process.stdout.isTTY));
    return failed(report) ? 1 : 0;
  } catch (error) {
    if (error instanceof LoadError || error instanceof UsageError) {
      console.error(`wysiwys-audit: ${error.message}`);
      return 2;
    }
    console.error(`wysiwys-audit: ${error instanceof Error ? error.message : error}`);
    return 2;
  } finally {
    await session?.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
