/**
 * The one view of audit results. `tabReportView` turns a tab's report into plain, already translated text with
 * badges (icon + word, never colour alone); the popup, the on-page panel and the review exports (through
 * `viewOf`) all lay out this same structure and never word a status, a timeline entry or an evidence field
 * themselves. Reports are language-independent (English text plus the parts it was written from): check titles,
 * summaries, finding messages and history are translated here, from the parts, in the surface's language, falling
 * back to the English text when a report has no parts (saved before they existed) or a key has no message.
 * Nothing here touches the DOM or escapes: each surface renders the text as text.
 */
import { checkOf, checkTitleKey, type MessagePart, partsText, translateParts } from '../audit';
import type { CheckResult, Finding, Status, TabReport, TimelineEntry, TimelineSummary } from '../audit';
import { english, type Translate } from './strings';

export type BadgeKind = 'pass' | 'fail' | 'review' | 'not-applicable' | 'error' | 'not-tested' | 'none';

export interface Badge {
  kind: BadgeKind;
  label: string;
  /** A shape that tells the status apart without colour (a video call washes colours out). */
  icon: string;
}

export const BADGE_ICON: Record<BadgeKind, string> = {
  pass: '✓',
  fail: '✗',
  review: '?',
  'not-applicable': '–',
  error: '!',
  'not-tested': '○',
  none: '–',
};

const STATUS_KEY: Record<Status, string> = {
  pass: 'status_pass',
  fail: 'status_fail',
  review: 'status_review',
  'not-applicable': 'status_not_applicable',
  error: 'status_error',
};
const VERDICT_KEY: Record<string, string> = { pass: 'verdict_pass', fail: 'verdict_fail', 'not-tested': 'verdict_not_tested' };
const TIMELINE_KIND_KEY: Record<string, string> = {
  page: 'timeline_page',
  redirect: 'timeline_redirect',
  'navigation-error': 'timeline_navigation_error',
  series: 'timeline_series',
  state: 'timeline_state',
  action: 'timeline_action',
  verdict: 'timeline_verdict',
  'request-failed': 'timeline_request_failed',
};

export function statusBadge(status: string, t: Translate = english): Badge {
  const key = STATUS_KEY[status as Status];
  return key
    ? { kind: status as BadgeKind, label: t(key), icon: BADGE_ICON[status as BadgeKind] }
    : { kind: 'error', label: String(status), icon: BADGE_ICON.error };
}

/** The reviewer's verdict on a requirement: pass, fail or not tested. */
export function verdictBadge(verdict: string, t: Translate = english): Badge {
  const kind = (VERDICT_KEY[verdict] ? verdict : 'not-tested') as BadgeKind;
  return { kind, label: t(VERDICT_KEY[kind]), icon: BADGE_ICON[kind] };
}

export type TimeFormat = (value: string | number | undefined) => string;

/** "2026-11-27 21:30:00 UTC": the same in every time zone and locale, so exports are reproducible. */
export const formatTime: TimeFormat = (value) => {
  if (value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
};

/**
 * On the user's clock, 24-hour "21:30:05", for what is watched live (popup, panel); exports use `formatTime`. Written
 * out, not toLocaleTimeString: the first call loads the locale's date data (about 40 ms of the popup's first render),
 * and the browser's locale need not be the language the extension's UI is shown in.
 */
export const localTime: TimeFormat = (value) => {
  if (value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};

export interface FieldView {
  /** The field's name in the report (the JSON contract). */
  name: string;
  /** Its name for people, translated. */
  label: string;
  value: string;
  /** Set for colour fields, so a surface can draw a swatch. */
  colour?: string;
  /** Set for image data URLs (logo pictures), so a surface can show the picture. */
  picture?: string;
}

export interface FindingView {
  text: string;
  outcome?: Badge;
  fields: FieldView[];
  /** Compact one-line evidence for exports: "Code: 0041 · Font size (px): 36". */
  details?: string;
  frameUrl: string;
  frameId?: number;
  target: Finding['target'];
}

export interface CheckView {
  id: string;
  title: string;
  status: Badge;
  summary: string;
  /** "observed 12:00:01 · live", or "… · step ended, last verdict kept". */
  observed?: string;
  live: boolean;
  findings: FindingView[];
  /** Status changes over the session, when there was more than one. */
  history: { at: string; status: Badge; summary: string }[];
}

export interface TimelineLine {
  at: string;
  /** The entry kind in the report ("series"), for styling. */
  kindId: string;
  kind: string;
  text: string;
}

export interface TabReportView {
  url: string;
  checks: CheckView[];
  failCount: number;
  /** The control code the control-code check judged, with that check's verdict. */
  code?: { digits: string; status: Badge };
  timeline?: { title: string; series: string[]; entries: TimelineLine[] };
  timing: string;
  truncated?: string;
  /** Elements the page made unreadable: the snapshot is incomplete, so the verdicts may miss them. */
  unread?: string;
  unaudited: string[];
  labels: { frame: string; noFindings: string; history: string };
}

export interface ViewOptions {
  t?: Translate;
  /** How times are written: exports use UTC (`formatTime`), the popup the user's clock. */
  time?: TimeFormat;
}

const MAX_DETAIL_VALUE = 120;

/** A colour as getComputedStyle writes it: hex, a keyword, or a colour function (one level of nesting). */
const SWATCH_COLOUR =
  /^(?:#[0-9a-f]{3,8}|[a-z]+|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color|color-mix|light-dark)\([^();:]*(?:\([^();:]*\)[^();:]*)*\))$/i;

function fieldValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function fieldsOf(evidence: Finding['evidence'] | undefined, t: Translate = english): FieldView[] {
  const out: FieldView[] = [];
  for (const [name, value] of Object.entries(evidence ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    const label = t(`field_${name.replace(/[^A-Za-z0-9_]/g, '_')}`);
    const field: FieldView = { name, label: label && !label.startsWith('field_') ? label : name, value: fieldValue(value) };
    // A swatch is drawn from this value: only a colour (no url(), image or other declaration) ever reaches a style.
    if ((name === 'color' || name === 'background') && typeof value === 'string' && SWATCH_COLOUR.test(value.trim()))
      field.colour = value.trim();
    if (typeof value === 'string' && /^data:image\//i.test(value)) field.picture = value;
    out.push(field);
  }
  return out;
}

/** Text the engine wrote, in the language of `t`: from its parts, else the English text as it was written. */
export function messageText(text: unknown, parts: MessagePart[] | undefined, t: Translate = english): string {
  return translateParts(parts, t) ?? String(text ?? '');
}

/** A check's title in the language of `t`: from the rule id and status, else the title the report gave. */
export function checkTitle(c: Pick<CheckResult, 'id' | 'status' | 'title'>, t: Translate = english): string {
  const key = checkTitleKey(c.id, c.status);
  const title = t(key);
  return title && title !== key ? title : String(c.title ?? c.id);
}

export function findingView(f: Finding, t: Translate = english): FindingView {
  const fields = fieldsOf(f.evidence, t);
  const view: FindingView = { text: messageText(f.message, f.messageParts, t), fields, frameUrl: f.frameUrl ?? '', target: f.target ?? [] };
  if (f.frameId !== undefined) view.frameId = f.frameId;
  if (f.outcome) view.outcome = statusBadge(f.outcome, t);
  // Exports keep to one line per finding: plain values only (lists and objects are in the JSON).
  const compact = fields
    .filter((x) => {
      const v = f.evidence[x.name];
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    })
    .map((x) => `${x.label}: ${x.value.length > MAX_DETAIL_VALUE ? `${x.value.slice(0, MAX_DETAIL_VALUE)}…` : x.value}`);
  if (compact.length) view.details = compact.join(' · ');
  return view;
}

/**
 * A property of a view computed on its first read and kept from then on: an ordinary enumerable property to every
 * reader (spread, JSON, equality), so surfaces and exports read it as before.
 */
function whenRead<T extends object, K extends keyof T>(view: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(view, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(view, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}

export function checkView(c: CheckResult, options: ViewOptions = {}): CheckView {
  const t = options.t ?? english;
  const time = options.time ?? formatTime;
  const view: CheckView = {
    id: c.id,
    title: checkTitle(c, t),
    status: statusBadge(c.status, t),
    summary: messageText(c.summary, c.summaryParts, t),
    live: c.live !== false,
  } as CheckView;
  // Made when first read: the panel and the popup's list show only titles, statuses and summaries, and a report of a
  // large page carries hundreds of findings (the panel re-lays the view out on every audit, in the page).
  whenRead(view, 'findings', () => (c.findings ?? []).map((f) => findingView(f, t)));
  whenRead(view, 'history', () =>
    (c.history?.length ?? 0) > 1
      ? c.history!.map((h) => ({ at: time(h.at), status: statusBadge(h.status, t), summary: messageText(h.summary, h.summaryParts, t) }))
      : [],
  );
  if (c.observedAt !== undefined && c.status !== 'not-applicable') {
    view.observed = `${t('label_observed', [time(c.observedAt)])} · ${c.live === false ? t('label_step_ended') : t('label_live')}`;
  }
  return view;
}

export function timelineLine(e: TimelineEntry, t: Translate = english, time: TimeFormat = formatTime): TimelineLine {
  const key = TIMELINE_KIND_KEY[e.kind];
  return {
    at: time(e.at),
    kindId: String(e.kind),
    kind: key ? t(key) : String(e.kind),
    text: e.parts ? partsText(e.parts, t) : String(e.text ?? ''),
  };
}

function timelineView(tl: TimelineSummary, t: Translate, time: TimeFormat): TabReportView['timeline'] {
  return {
    title: t('timeline_title', [String(tl.entries.length)]),
    series: tl.series.map((s) => (s.parts ? partsText(s.parts, t) : s.description)),
    entries: tl.entries.map((e) => timelineLine(e, t, time)),
  };
}

/** The code the control-code check judged, as shown on the page. */
function shownCode(report: TabReport, t: Translate): TabReportView['code'] {
  const check = checkOf(report, 'control-code');
  const code = check?.findings.find((f) => typeof f.evidence.code === 'string')?.evidence.code as string | undefined;
  return check && code ? { digits: code, status: statusBadge(check.status, t) } : undefined;
}

export function tabReportView(report: TabReport, options: ViewOptions = {}): TabReportView {
  const t = options.t ?? english;
  const time = options.time ?? formatTime;
  const checks = report.checks.map((c) => checkView(c, { t, time }));
  const view: TabReportView = {
    url: report.url,
    checks,
    failCount: checks.filter((c) => c.status.kind === 'fail').length,
    timing: t('report_timing', [
      String(report.timing?.nodes ?? 0),
      String(report.frames?.length ?? 0),
      String(report.timing?.auditMs ?? 0),
    ]),
    unaudited: (report.unaudited ?? []).map((u) => t('report_unaudited', [u.url, messageText(u.reason, u.reasonParts, t)])),
    labels: { frame: t('label_frame'), noFindings: t('report_no_findings'), history: t('label_history') },
  };
  const code = shownCode(report, t);
  if (code) view.code = code;
  const timeline = report.timeline;
  if (timeline) whenRead(view, 'timeline', () => timelineView(timeline, t, time));
  if (report.frames?.some((f) => f.truncated)) view.truncated = t('report_truncated');
  const unread = (report.frames ?? []).reduce((sum, f) => sum + (f.unreadElements ?? 0), 0);
  if (unread) view.unread = t('report_unread', [String(unread)]);
  return view;
}
