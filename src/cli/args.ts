/** Command-line arguments of `wysiwys-audit` / `npm run audit`. Flags override the config file (src/cli/config.ts). */
import { rules } from '../audit';
import { UsageError } from './errors';
import { OUTPUT_FORMATS, type FailOn, type OutputFormat } from './run';

export interface CliOptions {
  help: boolean;
  /** URLs given as arguments (replace the config's urls and flows). */
  urls: string[];
  /** --flow <file>, repeatable (replace the config's urls and flows). */
  flows: string[];
  /** --config <file>; otherwise wysiwys.config.json in the working directory, if any. */
  config?: string;
  /** --format, repeatable; --json adds json. Empty: the config's formats, or table. */
  formats: OutputFormat[];
  /** Kept for the old `--json` flag: json when no --format is given. */
  json: boolean;
  outputDir?: string;
  failOn?: FailOn;
  /** --require <check>, repeatable: the checks that decide the run. */
  require: string[];
  quiet: boolean;
  /** --viewport WxH: one viewport instead of the config's. */
  viewport?: { width: number; height: number };
  waitMs?: number;
  /** --lang, repeatable or comma-separated: the languages to run every URL and flow in. */
  languages: string[];
  /** Press a control found by the audit and keep observing (today: the cancel control). */
  exercise?: 'cancel';
}

export const USAGE = `Usage: wysiwys-audit [options] [<url>...]
       npm run audit -- [options] [<url>...]

Opens each URL (or runs each flow) in headless Chromium with the WYSIWYS Auditor extension, observes the page
until the verdicts are settled and every check that needs time has had it (or for --wait milliseconds), and
reports the verdicts. Settings come from wysiwys.config.json in this directory (or --config); flags override it.

  --config <file>       run configuration (JSON, schemas/config.schema.json): urls, flows, baseUrl, viewports,
                        languages, waitMs, requiredChecks, failOn, formats, outputDir
  --flow <file>         run a flow file (JSON or YAML, schemas/flow.schema.json); repeatable
  --format <f>          ${OUTPUT_FORMATS.join(' | ')}; repeatable (default: table)
  --json                same as --format json
  --output-dir <dir>    write every format there (report.json, junit.xml, …); without it the first format
                        goes to stdout
  --fail-on fail|review which verdicts fail the run (default: fail; error always fails)
  --require <check>     only this check decides the run; repeatable (default: every check)
  --viewport WxH        viewport size in CSS pixels (default 1280x900, or the config's viewports)
  --lang <code>         run every URL and flow in this language (?lang=<code>, or {lang} in the URL);
                        repeatable or comma-separated (en,lt,et)
  --wait <ms>           observe each page for exactly this long
  --exercise cancel     once the audit finds the cancel control, press it, then keep observing (--wait, default
                        10 s) to see whether polling stops and the page leaves the waiting step
  --quiet               no progress on stderr
  -h, --help            this text

Exit code: 0 nothing that decides the run fails; 1 a required check fails or errs (or needs review with
--fail-on review), or a page or flow step could not be audited (the other results are still reported);
2 bad usage or a bad config or flow file.`;

const CHECK_IDS: readonly string[] = rules.map((r) => r.meta.id);

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    help: false,
    urls: [],
    flows: [],
    formats: [],
    json: false,
    require: [],
    quiet: false,
    languages: [],
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline: string | undefined;
    // --name=value is the same as --name value.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--json') options.json = true;
    else if (arg === '-h' || arg === '--help') options.help = true;
    else if (arg === '--quiet' || arg === '-q') options.quiet = true;
    else if (arg === '--config') options.config = value();
    else if (arg === '--flow') options.flows.push(value());
    else if (arg === '--output-dir') options.outputDir = value();
    else if (arg === '--format') {
      const v = value();
      if (!(OUTPUT_FORMATS as readonly string[]).includes(v))
        throw new UsageError(`--format takes one of ${OUTPUT_FORMATS.join(', ')}, got "${v}"`);
      options.formats.push(v as OutputFormat);
    } else if (arg === '--fail-on') {
      const v = value();
      if (v !== 'fail' && v !== 'review') throw new UsageError(`--fail-on takes "fail" or "review", got "${v}"`);
      options.failOn = v;
    } else if (arg === '--require') {
      const v = value();
      if (!CHECK_IDS.includes(v)) throw new UsageError(`--require takes a check id (${CHECK_IDS.join(', ')}), got "${v}"`);
      options.require.push(v);
    } else if (arg === '--lang') {
      for (const code of value().split(',')) {
        if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(code))
          throw new UsageError(`--lang takes language codes such as en, lt or pt-BR, got "${code}"`);
        options.languages.push(code);
      }
    } else if (arg === '--wait') {
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
  return options;
}

/** An http(s) URL as given (a bare host gets https://), or a UsageError saying why not. */
export function normaliseUrl(arg: string): string {
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
