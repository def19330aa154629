/**
 * Runs a flow in one tab with the extension watching: goto, click, fill, select, press and waitFor act as a user
 * would; each `audit` step takes the extension's report at that point (a snapshot, like a Lighthouse user-flow
 * step); `exercise: cancel` presses the cancel control the audit found. A step that cannot be done ends the flow
 * as a problem naming the step; the snapshots already taken are kept.
 */
import type { Page } from 'playwright-core';
import { checkOf } from '../../audit';
import type { TabReport } from '../../audit';
import { exerciseCancel, loadFailureReason, observeTab, openTab, readReport } from '../audit';
import { UsageError } from '../errors';
import type { ExtensionSession } from '../launch';
import { withLanguage, type Progress, type RunPoint, type RunProblem, type RunTabReport } from '../run';
import type { Flow, FlowStep, FlowStepKind, FlowTarget, FlowWaitFor } from './parse';
import { clickClosed, fillClosed, findTarget, ProcessSessions, selectClosed } from './targets';
import { MissingEnvError, redact, substitute } from './values';

export interface FlowRunOptions {
  viewport: { width: number; height: number };
  /** Relative `goto` addresses resolve against it (the config's baseUrl, the demo site). */
  baseUrl?: string;
  /** The language to run the flow in: added to each `goto` address with withLanguage. */
  language?: string;
  languageParam?: string;
  /** Where `${env.NAME}` values come from (process.env). */
  env: Record<string, string | undefined>;
  /** Observe each `audit` step exactly this long; otherwise until the verdicts are stable. */
  waitMs?: number;
  /** Without waitMs: how long the verdicts must stay the same, and the longest observation (the config's `observe`). */
  quietMs?: number;
  maxMs?: number;
  progress: Progress;
}

/** A step that could not be done: why, in words, and whether the page failed to load or the step itself failed. */
class StepFailure extends Error {
  constructor(
    readonly kind: 'load' | 'flow' | 'no-report',
    message: string,
  ) {
    super(message);
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** How long an `audit` step observes at most when the run gives no wait time (as for URLs). */
const OBSERVE_MAX_MS = 20_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kindOf(step: FlowStep): FlowStepKind {
  return Object.keys(step)[0] as FlowStepKind;
}

/** "button "Smart-ID" in frame iframe.gateway" — from the flow file's own text (never a substituted value). */
export function describeTarget(t: FlowTarget | FlowWaitFor): string {
  const where = t.frame ? ` in frame "${t.frame}"` : '';
  if ('role' in t && t.role) return `${t.role}${t.name ? ` "${t.name}"` : ''}${where}`;
  if (t.text) return `text "${t.text}"${where}`;
  if (t.selector) return `selector ${t.selector}${where}`;
  if ('label' in t && t.label) return `field "${t.label}"${where}`;
  if ('placeholder' in t && t.placeholder) return `field with placeholder "${t.placeholder}"${where}`;
  return `nothing${where}`;
}

/** A step in a few words, for progress lines and problems. */
export function describeStep(step: FlowStep): string {
  if ('goto' in step) return `goto ${typeof step.goto === 'string' ? step.goto : step.goto.url}`;
  if ('click' in step) return `click ${describeTarget(step.click)}`;
  if ('fill' in step) return `fill ${describeTarget(step.fill)}`;
  if ('select' in step) return `select "${step.select.option}" in ${describeTarget(step.select)}`;
  if ('press' in step) return `press ${step.press}`;
  if ('waitFor' in step) {
    const w = step.waitFor;
    if (w.phoneStep) return 'wait for the phone step';
    if (w.url) return `wait for address "${w.url}"`;
    return `wait for ${describeTarget(w)}`;
  }
  if ('audit' in step) return `audit "${auditName(step.audit)}"`;
  return 'exercise cancel';
}

function auditName(audit: string | { name: string }): string {
  return typeof audit === 'string' ? audit : audit.name;
}

/** Every text of a step with its `${…}` values filled. */
function substituted<T>(value: T, env: FlowRunOptions['env'], secrets: Set<string>): T {
  if (typeof value === 'string') return substitute(value, env, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => substituted(v, env, secrets)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituted(v, env, secrets)])) as T;
  return value;
}

/** Where a step is, for messages: "steps[3] (line 12 of demo-flow.json)". */
function stepRef(flow: Flow, i: number): string {
  const line = flow.stepLines?.[i];
  return `steps[${i}]${line ? ` (line ${line} of ${flow.source ?? 'the flow file'})` : ''}`;
}

/**
 * The steps with their values filled, before the browser does anything: a missing environment variable is a
 * usage problem (exit 2) named with the step that reads it; its value, when set, is never printed.
 */
export function resolveFlowValues(flow: Flow, env: FlowRunOptions['env'], secrets = new Set<string>()): FlowStep[] {
  const missing: string[] = [];
  const steps = flow.steps.map((step, i) => {
    try {
      return substituted(step, env, secrets);
    } catch (error) {
      if (!(error instanceof MissingEnvError)) throw error;
      missing.push(`${stepRef(flow, i)} ${describeStep(step)}: ${error.message}`);
      return step;
    }
  });
  if (missing.length)
    throw new UsageError(`The flow "${flow.name}" needs environment variables that are not set:\n  ${missing.join('\n  ')}`);
  return steps;
}

/**
 * The extension's report shows the phone-confirmation step: its page-state timeline says the page waits for the
 * phone (the same recognition the checks use), or the control-code check applies with a verdict (pass or fail —
 * review may be a lone code without the step) and still watches a live step.
 */
export function phoneStepShown(report: TabReport | undefined): boolean {
  const states = report?.timeline?.entries.filter((e) => e.kind === 'state') ?? [];
  const last = states.at(-1);
  if (last?.parts?.some((p) => typeof p === 'object' && p.key === 'timeline_text_waiting')) return true;
  const code = checkOf(report, 'control-code');
  return !!code && (code.status === 'pass' || code.status === 'fail') && code.live !== false;
}

interface Context {
  session: ExtensionSession;
  page: Page;
  tabId: number;
  sessions: ProcessSessions;
  options: FlowRunOptions;
  /** The address of the last goto (with its language), for the snapshots' requestedUrl. */
  requestedUrl?: string;
}

async function goto(ctx: Context, spec: Extract<FlowStep, { goto: unknown }>['goto']): Promise<string> {
  const raw = typeof spec === 'string' ? spec : spec.url;
  let url: string;
  try {
    url = new URL(raw, ctx.options.baseUrl).toString();
  } catch {
    throw new StepFailure('flow', `"${raw}" is not an address${ctx.options.baseUrl ? '' : ' (a relative address needs a base URL)'}`);
  }
  url = withLanguage(url, ctx.options.language, ctx.options.languageParam);
  ctx.requestedUrl = url;
  const timeout = (typeof spec === 'object' ? spec.timeoutMs : undefined) ?? 30_000;
  let response: Awaited<ReturnType<Page['goto']>>;
  try {
    response = await ctx.page.goto(url, { waitUntil: 'commit', timeout });
  } catch (error) {
    throw new StepFailure('load', `cannot load ${url}: ${loadFailureReason(url, error)}`);
  }
  if (response && response.status() >= 400)
    throw new StepFailure('load', `cannot load ${url}: the server answered HTTP ${response.status()} ${response.statusText()}`.trim());
  await ctx.page.waitForLoadState('load', { timeout }).catch(() => undefined);
  return `HTTP ${response?.status() ?? '–'}`;
}

async function target(ctx: Context, t: FlowTarget, started: number) {
  const timeout = t.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const hit = await findTarget(ctx.page, ctx.sessions, t, started + timeout);
  if (!hit) throw new StepFailure('flow', `no visible ${describeTarget(t)} within ${timeout / 1000} s`);
  return { hit, remaining: Math.max(1000, started + timeout - Date.now()) };
}

/** Playwright's reason for a failed action, first line only, without its call log. */
function actionError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw.split('\n')[0].replace(/^\w+\.\w+:\s*/, '');
}

async function act(ctx: Context, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof StepFailure) throw error;
    throw new StepFailure('flow', actionError(error));
  }
  // A click or key that starts a navigation: let the new page begin before the next step looks for its target.
  await ctx.page.waitForLoadState('domcontentloaded', { timeout: 10_000 }).catch(() => undefined);
}

async function waitFor(ctx: Context, w: FlowWaitFor, started: number): Promise<string> {
  const timeout = w.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = started + timeout;
  if (w.text || w.selector) {
    await target(ctx, { text: w.text, selector: w.selector, frame: w.frame, timeoutMs: timeout }, started);
    return 'seen';
  }
  for (;;) {
    if (ctx.page.isClosed()) throw new StepFailure('flow', 'the tab was closed');
    if (w.url && ctx.page.url().includes(w.url)) return ctx.page.url();
    if (w.phoneStep && phoneStepShown(await readReport(ctx.session, ctx.tabId))) return 'phone step shown';
    if (Date.now() >= deadline) break;
    await sleep(250);
  }
  if (w.url)
    throw new StepFailure('flow', `the address did not come to contain "${w.url}" within ${timeout / 1000} s (it is ${ctx.page.url()})`);
  throw new StepFailure('flow', `the audit saw no phone-confirmation step within ${timeout / 1000} s`);
}

async function pressCancel(ctx: Context): Promise<string> {
  const before = Date.now();
  const result = await exerciseCancel(ctx.session, ctx.page, ctx.tabId);
  if (!result.pressed) throw new StepFailure('flow', `cancel was not pressed: ${result.reason ?? 'no reason given'}`);
  // The extension records what it pressed in the tab's timeline; that record (in the next report) is the outcome.
  const hasKey = (parts: unknown[] | undefined, key: string) =>
    !!parts?.some((p) => typeof p === 'object' && p !== null && (p as { key?: string }).key === key);
  let action: NonNullable<TabReport['timeline']>['entries'][number] | undefined;
  for (let i = 0; i < 25 && !action && !ctx.page.isClosed(); i++) {
    const report = await readReport(ctx.session, ctx.tabId);
    action = report?.timeline?.entries
      .filter((e) => e.kind === 'action' && e.at >= before - 1000 && hasKey(e.parts, 'timeline_text_pressCancel'))
      .at(-1);
    if (!action) await sleep(200);
  }
  if (!action) throw new StepFailure('flow', 'the audit found no usable cancel control to press');
  if (!hasKey(action.parts, 'timeline_text_pressed')) throw new StepFailure('flow', `cancel was not pressed: ${action.text}`);
  return action.text;
}

function summaryOf(report: TabReport): string {
  const counts = new Map<string, number>();
  for (const c of report.checks) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return ['fail', 'error', 'review', 'pass', 'not-applicable']
    .filter((s) => counts.get(s))
    .map((s) => `${counts.get(s)} ${s === 'not-applicable' ? 'n/a' : s}`)
    .join(' · ');
}

export async function runFlow(
  session: ExtensionSession,
  flow: Flow,
  options: FlowRunOptions,
): Promise<{ reports: RunTabReport[]; problems: RunProblem[] }> {
  const secrets = new Set<string>();
  const steps = resolveFlowValues(flow, options.env, secrets);
  const reports: RunTabReport[] = [];
  const problems: RunProblem[] = [];
  const base: RunPoint = { flow: flow.name, viewport: options.viewport, ...(options.language ? { language: options.language } : {}) };
  const safe = (text: string) => redact(text, secrets);

  const { page, tabId } = await openTab(session);
  const sessions = new ProcessSessions(page);
  const ctx: Context = { session, page, tabId, sessions, options };
  try {
    await page.setViewportSize(options.viewport);
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const words = describeStep(flow.steps[i]);
      const label = `flow ${flow.name} › ${words}`;
      const started = Date.now();
      options.progress.begin(label);
      try {
        let outcome = 'done';
        switch (kindOf(step)) {
          case 'goto':
            outcome = await goto(ctx, (step as Extract<FlowStep, { goto: unknown }>).goto);
            break;
          case 'click': {
            const t = (step as Extract<FlowStep, { click: unknown }>).click;
            const { hit, remaining } = await target(ctx, t, started);
            await act(ctx, () => (hit.via === 'locator' ? hit.locator.click({ timeout: remaining }) : clickClosed(page, hit)));
            break;
          }
          case 'fill': {
            const t = (step as Extract<FlowStep, { fill: unknown }>).fill;
            const { hit, remaining } = await target(ctx, t, started);
            await act(ctx, () =>
              hit.via === 'locator' ? hit.locator.fill(t.value, { timeout: remaining }) : fillClosed(page, hit, t.value),
            );
            break;
          }
          case 'select': {
            const t = (step as Extract<FlowStep, { select: unknown }>).select;
            const { hit, remaining } = await target(ctx, t, started);
            await act(ctx, () =>
              hit.via === 'locator' ? hit.locator.selectOption(t.option, { timeout: remaining }) : selectClosed(hit, t.option),
            );
            break;
          }
          case 'press':
            await act(ctx, () => page.keyboard.press((step as { press: string }).press));
            break;
          case 'waitFor':
            outcome = await waitFor(ctx, (step as { waitFor: FlowWaitFor }).waitFor, started);
            break;
          case 'exercise':
            outcome = await pressCancel(ctx);
            break;
          case 'audit': {
            const audit = (step as Extract<FlowStep, { audit: unknown }>).audit;
            const waitMs = (typeof audit === 'object' ? audit.waitMs : undefined) ?? options.waitMs;
            // observeTab reports the countdown itself.
            const report: TabReport | undefined = await observeTab(
              session,
              page,
              tabId,
              waitMs !== undefined
                ? { waitMs, progress: options.progress, label }
                : { quietMs: options.quietMs, maxMs: options.maxMs ?? OBSERVE_MAX_MS, progress: options.progress, label },
            );
            if (!report)
              throw new StepFailure('no-report', 'the extension produced no report for this page (the content script could not run there)');
            const point: RunPoint = { ...base, step: auditName(audit), stepIndex: i };
            reports.push({ ...report, ...(ctx.requestedUrl ? { requestedUrl: ctx.requestedUrl } : {}), point });
            outcome = summaryOf(report);
            break;
          }
        }
        options.progress.end(label, Date.now() - started, safe(outcome));
      } catch (error) {
        const failure = error instanceof StepFailure ? error : new StepFailure('flow', actionError(error));
        const message = safe(`${stepRef(flow, i)} ${words}: ${failure.message}`);
        problems.push({
          point: { ...base, step: safe(words), stepIndex: i },
          kind: failure.kind,
          message,
          ...(page.isClosed() ? {} : { pageUrl: page.url() }),
        });
        options.progress.end(label, Date.now() - started, safe(`failed: ${failure.message}`));
        break;
      }
    }
  } finally {
    // Cleaning up never holds the run: a tab or protocol session that does not answer is left to the browser's close.
    await within(sessions.detach(), 5000);
    await within(
      page.close().catch(() => undefined),
      5000,
    );
  }
  return { reports, problems };
}

/** Waits for `work` at most `ms`. */
async function within(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
