/** Command-line arguments of `wysiwys-audit` / `npm run audit`. */
import { UsageError } from './errors';

export interface CliOptions {
  json: boolean;
  waitMs?: number;
  viewport: { width: number; height: number };
  urls: string[];
  help: boolean;
  /** Press a control found by the audit and keep observing (today: the cancel control). */
  exercise?: 'cancel';
}

export const USAGE = `Usage: npm run audit -- [--json] [--wait <ms>] [--viewport 1280x900] <url>...

Opens each URL in headless Chromium with the WYSIWYS Auditor extension, observes it until the audit is stable
(or for --wait milliseconds, while the page keeps running) and prints the verdicts.

  --json             print one JSON document (the report contract) instead of the table
  --wait <ms>        observe each page for this long before taking the report
  --viewport WxH     viewport size in CSS pixels (default 1280x900)
  --exercise cancel  once the audit finds the cancel control, press it, then keep observing (--wait, default
                     10 s) to see whether polling stops and the page leaves the waiting step

Exit code: 0 nothing fails, 1 a check fails, 2 bad usage or a page that cannot load.`;

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { json: false, viewport: { width: 1280, height: 900 }, urls: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '-h' || arg === '--help') options.help = true;
    else if (arg === '--wait') {
      const v = value();
      const ms = Number(v);
      if (!/^\d+$/.test(v) || ms > 3_600_000) throw new UsageError(`--wait takes milliseconds (0 to 3600000), got "${v}"`);
      options.waitMs = ms;
    } else if (arg === '--viewport') {
      const v = value();
      const m = /^(\d{2,5})x(\d{2,5})$/.exec(v);
      if (!m) throw new UsageError(`--viewport takes WIDTHxHEIGHT, e.g. 1280x900, got "${v}"`);
      options.viewport = { width: Number(m[1]), height: Number(m[2]) };
    } else if (arg === '--exercise') {
      const v = value();
      if (v !== 'cancel') throw new UsageError(`--exercise takes "cancel", got "${v}"`);
      options.exercise = v;
    } else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}`);
    else options.urls.push(normaliseUrl(arg));
  }
  if (!options.urls.length && !options.help) throw new UsageError('Give at least one URL to audit.');
  return options;
}

function normaliseUrl(arg: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(arg) ? arg : `https://${arg}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`Not a URL: "${arg}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`Only http(s) pages can be audited, got "${arg}"`);
  return url.toString();
}
