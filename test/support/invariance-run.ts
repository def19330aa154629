/**
 * Runs the invariance rewrites over the fixture cases in real Chromium: renders each case once (screenshot + audit),
 * then each rewrite that changes it (screenshot + audit), and compares pixels and verdicts. Shared by
 * test/browser/invariance.test.ts (stratified subset, or everything with WYSIWYS_INVARIANCE=full) and scripts/invariance.ts.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { buildEngineBundle } from './engine-bundle';
import { chromiumPath, CLOSED_SHADOW_SHIM } from './chromium';
import { INVARIANCE_PAGE_SCRIPT } from './invariance-page';
import { rewrites as allRewrites, type FixtureCase, type OriginalFinding, type Rewrite, type DomStep } from './rewrites';
import { auditPage } from '../../src/audit';
import { LOCALES } from '../../src/i18n';
import type { FrameSnapshot, TabReport } from '../../src/audit/types';

export const RULES_DIR = path.resolve(import.meta.dirname, '../rules');
const STATUS_BY_PREFIX: Record<string, string> = { pass: 'pass', fail: 'fail', review: 'review', na: 'not-applicable' };

/** Screenshot neutrality: pixelmatch's colour threshold, anti-aliased pixels ignored, and how many other pixels may differ. */
export const PIXEL_THRESHOLD = 0.1;
export const PIXEL_TOLERANCE = 0;

/** Every fixture case of every rule directory (<id>.html and any <id>.<set>.html with its .json). */
export function readFixtureCases(rulesDir = RULES_DIR): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const rule of readdirSync(rulesDir).sort()) {
    if (!existsSync(path.join(rulesDir, rule, `${rule}.json`))) continue;
    const sets = readdirSync(path.join(rulesDir, rule))
      .filter((f) => f.endsWith('.html') && (f === `${rule}.html` || f.startsWith(`${rule}.`)))
      .map((f) => f.slice(0, -'.html'.length))
      .filter((name) => existsSync(path.join(rulesDir, rule, `${name}.json`)))
      .sort();
    for (const set of sets) {
      const source = readFileSync(path.join(rulesDir, rule, `${set}.html`), 'utf8');
      for (const m of source.matchAll(/<template\b([^>]*)>([\s\S]*?)<\/template>/g)) {
        const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[1])?.[1];
        const [w, h] = (attr('data-viewport') ?? '1280x900').split('x').map(Number);
        const id = attr('id')!;
        out.push({
          rule,
          set,
          id,
          lang: attr('data-lang') ?? 'en',
          viewport: { width: w, height: h },
          wait: Number(attr('data-wait') ?? (/<script/i.test(m[2]) ? 800 : 0)),
          html: m[2],
          expected: STATUS_BY_PREFIX[id.split('-')[0]],
        });
      }
    }
  }
  return out;
}

export interface Outcome {
  rewrite: string;
  case: FixtureCase;
  counted: boolean;
  /** Pixels that differ (beyond anti-aliasing), or -1 when the page size changed. */
  diffPixels: number;
  before: string;
  after: string;
  moved: boolean;
  /** Other checks whose status changed (neutral rewrites), for information. */
  othersMoved: string[];
  summary: string;
}

export interface RewriteStats {
  rewrite: Rewrite;
  applied: number;
  counted: number;
  moved: number;
  notCounted: number;
  othersMoved: number;
  eligible: number;
}

export interface RunOptions {
  /** 'full': every case each rewrite changes; otherwise at most `perStratum` cases per rule (`strata: 'rule-status'`: per rule × expected status). */
  mode: 'full' | 'subset';
  perStratum?: number;
  strata?: 'rule' | 'rule-status';
  concurrency?: number;
  filter?: (r: Rewrite) => boolean;
  caseFilter?: (c: FixtureCase) => boolean;
  log?: (line: string) => void;
}

interface Rendered {
  png: PNG;
  report: TabReport;
  frames?: FrameSnapshot[];
  applied: boolean;
}

function stableHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class InvarianceRunner {
  private browser!: Browser;
  private engine!: string;
  readonly rewrites: Rewrite[];

  constructor() {
    this.rewrites = allRewrites({ closedShadowShim: CLOSED_SHADOW_SHIM, locales: [...LOCALES.filter((l) => l !== 'en'), 'xx'] });
  }

  async start(): Promise<void> {
    this.engine = await buildEngineBundle();
    this.browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
    });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }

  private async render(page: Page, c: FixtureCase, html: string, step: DomStep | null, wantFrames: boolean): Promise<Rendered> {
    await page.setViewportSize(c.viewport);
    const lang = c.lang ? ` lang="${c.lang}"` : '';
    await page.setContent(
      `<!doctype html><html${lang}><head><meta charset="utf-8"><script>${CLOSED_SHADOW_SHIM}</script></head><body>${html}</body></html>`,
      { waitUntil: 'load' },
    );
    if (c.wait) await page.waitForTimeout(c.wait);
    let applied = true;
    if (step) {
      await page.addScriptTag({ content: INVARIANCE_PAGE_SCRIPT });
      applied = await page.evaluate(
        ([op, arg]) =>
          (window as unknown as { __wysiwysInvariance: { run(op: string, arg: unknown): boolean } }).__wysiwysInvariance.run(
            op as string,
            arg,
          ),
        [step.op, step.arg] as const,
      );
      // Layout, image decoding and fonts settle before the picture.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    const png = PNG.sync.read(await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' }));
    await page.addScriptTag({ content: this.engine });
    const { report, frames } = await page.evaluate(async (want) => {
      const report = await window.__wysiwysAudit.audit();
      return { report, frames: want ? window.__wysiwysAudit.gather() : undefined };
    }, wantFrames);
    return { png, report: report as TabReport, frames: frames as FrameSnapshot[] | undefined, applied };
  }

  /** Pixels that differ beyond anti-aliasing at PIXEL_THRESHOLD, or -1 when the sizes differ. */
  static diff(a: PNG, b: PNG): number {
    if (a.width !== b.width || a.height !== b.height) return -1;
    return pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: PIXEL_THRESHOLD, includeAA: false });
  }

  async run(cases: FixtureCase[], opts: RunOptions): Promise<{ stats: RewriteStats[]; outcomes: Outcome[]; cases: number; ms: number }> {
    const started = Date.now();
    const rewrites = this.rewrites.filter(opts.filter ?? (() => true));
    const selected = cases.filter(opts.caseFilter ?? (() => true));
    const perStratum = opts.perStratum ?? 1;
    const stats = new Map(
      rewrites.map((r) => [
        r.name,
        { rewrite: r, applied: 0, counted: 0, moved: 0, notCounted: 0, othersMoved: 0, eligible: 0 } as RewriteStats,
      ]),
    );
    // Which rewrites each case gets: source rewrites only where they change the source; the subset keeps a few
    // cases per stratum for each rewrite, in one stable hash order of the cases (the same cases every run, and
    // rewrites share cases so each original is rendered once for many rewrites).
    const plan = new Map<FixtureCase, Rewrite[]>(selected.map((c) => [c, []]));
    for (const r of rewrites) {
      const strata = new Map<string, FixtureCase[]>();
      for (const c of selected) {
        if (r.kind === 'defect' && (c.rule !== r.rule || c.expected !== 'pass')) continue;
        if (r.source && r.source(c.html, c) === null) continue;
        stats.get(r.name)!.eligible++;
        const key = opts.strata === 'rule-status' ? `${c.rule}/${c.expected}` : c.rule;
        strata.set(key, [...(strata.get(key) ?? []), c]);
      }
      for (const group of strata.values()) {
        const chosen =
          opts.mode === 'full'
            ? group
            : [...group]
                .sort((a, b) => stableHash(a.set + a.id) - stableHash(b.set + b.id))
                .slice(0, r.kind === 'defect' ? Math.max(2, perStratum) : perStratum);
        for (const c of chosen) plan.get(c)!.push(r);
      }
    }
    const work = [...plan].filter(([, rs]) => rs.length);
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      const page = await this.browser.newPage();
      try {
        while (next < work.length) {
          const [c, rs] = work[next++];
          try {
            await this.runCase(page, c, rs, stats, outcomes);
          } catch (error) {
            opts.log?.(`! ${c.rule}/${c.id}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
          }
        }
      } finally {
        await page.close();
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 3 }, worker));
    return { stats: [...stats.values()], outcomes, cases: work.length, ms: Date.now() - started };
  }

  private async runCase(page: Page, c: FixtureCase, rs: Rewrite[], stats: Map<string, RewriteStats>, outcomes: Outcome[]): Promise<void> {
    const original = await this.render(
      page,
      c,
      c.html,
      null,
      rs.some((r) => r.locale),
    );
    const own = (report: TabReport) => report.checks.find((x) => x.id === c.rule)!;
    const before = own(original.report);
    const ownFindings: OriginalFinding[] = before.findings.map((f) => ({
      outcome: f.outcome,
      target: f.target as OriginalFinding['target'],
      evidence: f.evidence as Record<string, unknown>,
    }));
    for (const r of rs) {
      const st = stats.get(r.name)!;
      if (r.locale) {
        // The same snapshot evaluated with another UI language: verdicts must not depend on it.
        const report = (auditPage as (p: unknown, now?: number, locale?: string) => TabReport)(
          { url: 'about:blank', frames: original.frames },
          Date.now(),
          r.locale,
        );
        const english = auditPage({ url: 'about:blank', frames: original.frames! } as never, Date.now());
        this.record(r, c, st, outcomes, english, report, true, 0);
        continue;
      }
      const step = r.dom?.({ case: c, ownStatus: before.status, ownFindings }) ?? null;
      if (r.dom && !step) continue;
      const html = r.source ? r.source(c.html, c) : c.html;
      if (html === null) continue;
      const rendered = await this.render(page, c, html, step, false);
      if (!rendered.applied) continue;
      const diff = InvarianceRunner.diff(original.png, rendered.png);
      const counted = r.kind === 'neutral' ? diff >= 0 && diff <= PIXEL_TOLERANCE : diff !== 0;
      this.record(r, c, st, outcomes, original.report, rendered.report, counted, diff);
    }
  }

  private record(
    r: Rewrite,
    c: FixtureCase,
    st: RewriteStats,
    outcomes: Outcome[],
    beforeReport: TabReport,
    afterReport: TabReport,
    counted: boolean,
    diff: number,
  ): void {
    const before = beforeReport.checks.find((x) => x.id === c.rule)!;
    const after = afterReport.checks.find((x) => x.id === c.rule)!;
    st.applied++;
    if (!counted) st.notCounted++;
    else st.counted++;
    const moved = r.kind === 'neutral' ? after.status !== before.status : after.status !== r.expect!.status;
    const othersMoved =
      r.kind === 'neutral'
        ? afterReport.checks
            .filter((x) => {
              const b = beforeReport.checks.find((y) => y.id === x.id);
              return b && b.status !== x.status;
            })
            .map((x) => x.id)
            .filter((id) => id !== c.rule)
        : [];
    if (counted && moved) st.moved++;
    if (counted && othersMoved.length) st.othersMoved++;
    outcomes.push({
      rewrite: r.name,
      case: c,
      counted,
      diffPixels: diff,
      before: before.status,
      after: after.status,
      moved,
      othersMoved,
      summary: after.summary,
    });
  }
}

/** The table and the list of moved cases, as the suite and the script print them. */
export function formatResults(result: { stats: RewriteStats[]; outcomes: Outcome[]; cases: number; ms: number }, mode: string): string {
  const lines: string[] = [];
  lines.push(
    `Invariance (${mode}): ${result.cases} cases rendered in ${(result.ms / 1000).toFixed(0)} s. Screenshots: pixelmatch threshold ${PIXEL_THRESHOLD}, anti-aliased pixels ignored, ${PIXEL_TOLERANCE} other pixels allowed.`,
  );
  lines.push(
    'Neutral rewrites count when the screenshot is unchanged; defects count when it changed. moved = own rule status changed (neutral) or is not the expected status (defect).',
  );
  const head = ['rewrite', 'kind', 'eligible', 'applied', 'counted', 'moved', 'not counted', 'others moved', 'expected'];
  const rows = result.stats.map((s) =>
    [
      s.rewrite.name,
      s.rewrite.kind,
      s.eligible,
      s.applied,
      s.counted,
      s.moved,
      s.notCounted,
      s.othersMoved,
      s.rewrite.expect ? `${s.rewrite.rule} → ${s.rewrite.expect.status} (${s.rewrite.expect.why})` : 'unchanged',
    ].map(String),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 8 ? 0 : r[i].length))));
  const fmt = (r: string[]) =>
    r.map((v, i) => (i === 8 ? v : i === 0 || i === 1 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ');
  lines.push(fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(fmt));
  const total = result.stats.reduce((s, x) => s + x.moved, 0);
  lines.push(`moved in total: ${total} (target: 0)`);
  const moved = result.outcomes.filter((o) => o.counted && o.moved);
  if (moved.length) {
    lines.push('', 'Moved cases:');
    for (const o of moved.sort(
      (a, b) => a.rewrite.localeCompare(b.rewrite) || a.case.rule.localeCompare(b.case.rule) || a.case.id.localeCompare(b.case.id),
    )) {
      lines.push(
        `  [${o.rewrite}] ${o.case.rule}/${o.case.set === o.case.rule ? '' : o.case.set + ':'}${o.case.id}: ${o.before} → ${o.after}${o.othersMoved.length ? ` (also moved: ${o.othersMoved.join(', ')})` : ''} — ${o.summary.slice(0, 240)}`,
      );
    }
  }
  return lines.join('\n');
}
