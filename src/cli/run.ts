/**
 * The result of one CLI run (URLs and/or flows, over viewports and languages) and the policy that turns it into
 * an exit code. Every output format (table, json, junit, sarif, markdown, html) reads this one shape.
 *
 * The JSON contract only grows: `tool` and `reports` are as before (one extension report per audited page or flow
 * `audit` step); `problems` and `run` are new. A page that cannot be loaded, or a flow step that cannot be done,
 * is a problem inside the results, never a lost run.
 */
import type { Report, Status, TabReport } from '../audit';

/** Where the tab went after the page the CLI opened: another document at another address. */
export interface NavigatedAway {
  /** The last address the opened page showed before it left. */
  from: string;
  /** The address the tab showed at the end of the observation. */
  to: string;
  /** When the tab committed the first other page (ISO 8601), and how long after the opened page. */
  at: string;
  afterMs: number;
  /** Every page (document) the tab loaded, in order, the opened one first. */
  pages: string[];
}

/** A tab report as the CLI prints it: the extension's report plus what the CLI saw of the tab. */
export interface CliTabReport extends TabReport {
  /** The URL given on the command line. */
  requestedUrl?: string;
  navigatedAway?: NavigatedAway;
}

/** Where in a run an audit was taken: which page or flow step, at which viewport and language. */
export interface RunPoint {
  /** A URL given on the command line or in the config. */
  url?: string;
  /** The flow's name and the `audit` step's name (flows only). */
  flow?: string;
  step?: string;
  /** 0-based index of the step in its flow. */
  stepIndex?: number;
  viewport: { width: number; height: number };
  /** The language the run asked the page for (`languages` in the config), when it asked for one. */
  language?: string;
}

/** One audited point: the extension's report plus where it was taken. */
export interface RunTabReport extends CliTabReport {
  point?: RunPoint;
}

/** A page or flow step the run could not audit, with why; it fails the run. */
export interface RunProblem {
  point: RunPoint;
  kind: 'load' | 'flow' | 'no-report' | 'crash';
  message: string;
  /** The page's address when the problem happened, if a page was open. */
  pageUrl?: string;
}

export type FailOn = 'fail' | 'review';

export interface RunPolicy {
  /** Which verdicts fail the run: `fail` (and `error`) only, or `review` too. */
  failOn: FailOn;
  /** Check ids that decide the run; empty or absent: every check. */
  requiredChecks?: string[];
}

export interface RunReport extends Report {
  reports: RunTabReport[];
  problems?: RunProblem[];
  run?: {
    startedAt: string;
    durationMs: number;
    policy: RunPolicy;
    outcome: 'pass' | 'fail';
    exitCode: 0 | 1;
  };
}

/** True when a check with this status, under this policy, fails the run. */
export function statusFailsRun(checkId: string, status: Status, policy: RunPolicy): boolean {
  if (policy.requiredChecks?.length && !policy.requiredChecks.includes(checkId)) return false;
  if (status === 'fail' || status === 'error') return true;
  return status === 'review' && policy.failOn === 'review';
}

/** 1 when any required check fails (or errs, or needs review under `--fail-on review`) or any point could not be audited. */
export function exitCodeOf(report: Pick<RunReport, 'reports' | 'problems'>, policy: RunPolicy): 0 | 1 {
  if (report.problems?.length) return 1;
  return report.reports.some((r) => r.checks.some((c) => statusFailsRun(c.id, c.status, policy))) ? 1 : 0;
}

/** How a person names a point: "flow › step (390x844, lt)" or the URL. */
export function pointLabel(point: RunPoint): string {
  const where = point.flow ? `${point.flow} › ${point.step ?? `step ${(point.stepIndex ?? 0) + 1}`}` : (point.url ?? '');
  const extras = [`${point.viewport.width}x${point.viewport.height}`, point.language].filter(Boolean).join(', ');
  return `${where} (${extras})`;
}

/** The output formats of `--format` (repeatable). */
export const OUTPUT_FORMATS = ['table', 'json', 'junit', 'sarif', 'markdown', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * Progress of a run on stderr (src/cli/progress.ts writes it; `--quiet` silences it): one line per page/step
 * with its elapsed time, and a countdown while a page is observed.
 */
export interface Progress {
  /** A page or flow step starts (e.g. "open https://…", "flow demo › click Smart-ID"). */
  begin(label: string): void;
  /** Observing: `remainingMs` left of at most `totalMs` (called about once a second). */
  observing(label: string, remainingMs: number, totalMs: number): void;
  /** It ended after `elapsedMs`; `outcome` in a few words ("2 fail · 7 pass", "could not load: …"). */
  end(label: string, elapsedMs: number, outcome: string): void;
}

/** A progress that says nothing (tests, `--quiet`). */
export const SILENT: Progress = { begin() {}, observing() {}, end() {} };

/**
 * The address of a page in a given language, the way the config asks for it: `{lang}` in the URL is replaced;
 * otherwise the query parameter `param` (default `lang`) is set.
 */
export function withLanguage(url: string, language: string | undefined, param = 'lang'): string {
  if (!language) return url;
  if (url.includes('{lang}')) return url.replaceAll('{lang}', encodeURIComponent(language));
  const u = new URL(url);
  u.searchParams.set(param, language);
  return u.toString();
}
