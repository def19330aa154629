/**
 * The CLI's output formats (`--format`, repeatable): each renders the whole RunReport to one string, written to
 * `--output-dir/<fileNameFor(format)>` and/or stdout by the orchestration.
 */
import { formatTabReport } from '../format';
import type { OutputFormat, RunReport } from '../run';
import { countsText, labelOf, outcomeOf, pointOf, problemText, stripControl } from './common';
import { renderRunHtml } from './html';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';

export interface RenderOptions {
  /** ANSI colours in the table (a terminal); every other format ignores it. */
  colour: boolean;
  /**
   * The project's home page (absolute URL, e.g. package.json `homepage`): SARIF `informationUri` and the rules'
   * `helpUri`. Without it SARIF carries the help text and source of each check but no link.
   */
  homepage?: string;
}

const FILE_NAMES: Record<OutputFormat, string> = {
  table: 'wysiwys-report.txt',
  json: 'wysiwys-report.json',
  junit: 'wysiwys-report.junit.xml',
  sarif: 'wysiwys-report.sarif',
  markdown: 'wysiwys-report.md',
  html: 'wysiwys-report.html',
};

/** The file a format is written to inside `--output-dir`. */
export function fileNameFor(format: OutputFormat): string {
  return FILE_NAMES[format];
}

/** A copy of a report with control characters removed from every string in it. */
function withoutControl<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === 'string' ? stripControl(v) : v)) as T;
}

const bold = (text: string, colour: boolean) => (colour ? `\u001b[1m${text}\u001b[0m` : text);

/** The table of each point under its label, the points that could not be audited, and the run's outcome. */
export function renderTable(report: RunReport, colour: boolean): string {
  // Page text reaches a terminal here: control characters (an ESC sequence in a page) are dropped before layout.
  const blocks = report.reports.map(
    (r) => `${bold(`▶ ${stripControl(labelOf(pointOf(r)))}`, colour)}\n${formatTabReport(withoutControl(r), colour)}`,
  );
  const problems = report.problems ?? [];
  if (problems.length)
    blocks.push(
      [
        bold(`Could not audit (${problems.length}):`, colour),
        ...problems.map((p) => `  ✗ ${stripControl(`${labelOf(p.point)}: ${problemText(p)}`)}`),
      ].join('\n'),
    );
  const { outcome, exitCode } = outcomeOf(report);
  const checks = report.reports.flatMap((r) => r.checks);
  const points = `${report.reports.length} point${report.reports.length === 1 ? '' : 's'}`;
  blocks.push(
    `Run ${outcome === 'pass' ? 'passed' : 'failed'} (exit ${exitCode}): ${points}, ${countsText(checks)}${problems.length ? `, ${problems.length} could not be audited` : ''}`,
  );
  return `${blocks.join('\n\n')}\n`;
}

/** The JSON report contract: `{ tool, reports }` as always, plus `problems` and `run` (see src/cli/run.ts). */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function render(report: RunReport, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case 'table':
      return renderTable(report, options.colour);
    case 'json':
      return renderJson(report);
    case 'junit':
      return renderJunit(report);
    case 'sarif':
      return renderSarif(report, { homepage: options.homepage });
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderRunHtml(report);
    default: {
      const unknown: never = format;
      throw new Error(`Unknown output format: ${String(unknown)}`);
    }
  }
}

export { countsText } from './common';
export { buildSarif } from './sarif';
export { reviewOf } from './html';
