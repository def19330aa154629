/**
 * Review mode: a reviewer's session of a Dokobit integration, turned into a review report.
 *
 * Every item of the vendor's review preparation list is a requirement. Each requirement carries the automatic
 * evidence gathered so far (check results of the attached tab reports, their timeline, pictures) and the
 * reviewer's verdict. Automatic results pre-fill the verdict; once the reviewer sets it, it is theirs.
 *
 * Everything here is pure and plain JSON (no extension APIs): the popup, the panel, the exports and the import all
 * work on the same `Review`. Functions never mutate their arguments; they return a new review.
 */
import type { CheckResult, Status, TabReport, TimelineEntry } from '../audit';

export const REVIEW_SCHEMA = 'wysiwys-review' as const;
export const REVIEW_VERSION = 1 as const;

export type Verdict = 'pass' | 'fail' | 'not-tested';
export type AutoResult = 'pass' | 'fail' | 'review' | 'not-applicable';
export type Environment = 'sandbox' | 'production' | 'unknown';

/** One check result of one attached page that bears on a requirement. */
export interface EvidenceItem {
  checkId: string;
  status: Status;
  summary: string;
  /** The page (attached report) the result comes from. */
  url?: string;
  /** The check's own title, as the report gave it. */
  title?: string;
  /** A picture in `Review.pictures` showing what the user saw. */
  pictureId?: string;
}

export interface RequirementState {
  id: string;
  verdict: Verdict;
  /** Who set `verdict`: pre-filled from `auto`, or the reviewer (then automatic results never change it). */
  verdictBy: 'auto' | 'reviewer';
  /** Worst automatic result of the requirement's checks over the attached reports; absent when none applies. */
  auto?: AutoResult;
  note: string;
  evidence: EvidenceItem[];
}

/** A snapshot of a tab report, attached as evidence. */
export interface ReportSnapshot {
  url: string;
  finishedAt: string;
  checks: CheckResult[];
  /** The report's timeline entries (pages, redirects, status-check series, actions, failed requests). */
  timeline?: TimelineEntry[];
  /** checkId → id of a picture in `Review.pictures` taken for that check on this page. */
  pictures?: Record<string, string>;
}

export interface Review {
  schema: typeof REVIEW_SCHEMA;
  version: typeof REVIEW_VERSION;
  id: string;
  name: string;
  integrator: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  environment: Environment;
  /** Origins the reviewer granted the extension for this review. */
  sites: string[];
  /** One per entry of `REQUIREMENTS`, in that order. */
  requirements: RequirementState[];
  reports: ReportSnapshot[];
  /** id → data:image/png|jpeg|webp;base64 URL. */
  pictures: Record<string, string>;
}

export interface RequirementDef {
  id: string;
  /** Message keys in `ReviewStrings` (chrome.i18n-compatible names). */
  titleKey: string;
  howToTestKey: string;
  /** Checks whose results are automatic evidence for this requirement (none: only the reviewer can judge). */
  checkIds: string[];
  /** Timeline entry kinds shown with the requirement as evidence. */
  timelineKinds: TimelineEntry['kind'][];
}

const def = (id: string, key: string, checkIds: string[], timelineKinds: TimelineEntry['kind'][] = []): RequirementDef => ({
  id,
  titleKey: `requirement_${key}_title`,
  howToTestKey: `requirement_${key}_how`,
  checkIds,
  timelineKinds,
});

/** The vendor's review preparation list, in its order, plus the security checks the auditor adds. */
export const REQUIREMENTS: readonly RequirementDef[] = Object.freeze([
  def('tasks', 'tasks', [], ['action']),
  def('flow', 'flow', ['flow'], ['page', 'redirect', 'navigation-error']),
  def('errors', 'errors', ['error-handling'], ['request-failed', 'navigation-error']),
  def('localization', 'localization', ['localization']),
  def('polling', 'polling', ['polling'], ['series']),
  def('control-code', 'control_code', ['control-code']),
  def('cancel', 'cancel', ['cancel'], ['action']),
  def('preview', 'preview', ['preview']),
  def('brand', 'brand', ['brand-name', 'brand-logo']),
  def('security', 'security', ['token-exposure', 'environment']),
]);

export function requirementDef(id: string): RequirementDef | undefined {
  return REQUIREMENTS.find((r) => r.id === id);
}

/** Picture data URLs a review may hold and render: base64 PNG, JPEG or WebP, nothing else. */
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

export function isSafeImageUrl(url: unknown): url is string {
  return typeof url === 'string' && SAFE_IMAGE.test(url);
}

export interface ReviewMeta {
  name: string;
  integrator?: string;
  environment?: Environment;
  sites?: string[];
  /** Defaults to a random UUID. */
  id?: string;
  /** ms since the epoch; defaults to now. */
  now?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `review-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function emptyRequirement(id: string): RequirementState {
  return { id, verdict: 'not-tested', verdictBy: 'auto', note: '', evidence: [] };
}

export function createReview(meta: ReviewMeta): Review {
  const at = iso(meta.now ?? Date.now());
  return {
    schema: REVIEW_SCHEMA,
    version: REVIEW_VERSION,
    id: meta.id ?? newId(),
    name: meta.name,
    integrator: meta.integrator ?? '',
    createdAt: at,
    updatedAt: at,
    environment: meta.environment ?? 'unknown',
    sites: [...(meta.sites ?? [])],
    requirements: REQUIREMENTS.map((r) => emptyRequirement(r.id)),
    reports: [],
    pictures: {},
  };
}

/** Name, integrator, environment or sites changed by the reviewer. */
export function updateMeta(
  review: Review,
  patch: Partial<Pick<Review, 'name' | 'integrator' | 'environment' | 'sites'>>,
  now: number,
): Review {
  return { ...review, ...patch, sites: [...(patch.sites ?? review.sites)], updatedAt: iso(now) };
}

const RANK: Record<AutoResult, number> = { 'not-applicable': 0, pass: 1, review: 2, fail: 3 };

/** A check status as an automatic result: a rule that threw (`error`) needs a human look. */
export function autoOf(status: Status): AutoResult {
  return status === 'error' ? 'review' : status;
}

/** The worst of the given results: fail > review > pass > not-applicable; undefined when there is none. */
export function worstOf(results: Iterable<AutoResult>): AutoResult | undefined {
  let worst: AutoResult | undefined;
  for (const r of results) if (worst === undefined || RANK[r] > RANK[worst]) worst = r;
  return worst;
}

/** The verdict automatic results suggest: only a clear pass or fail; everything else waits for the reviewer. */
export function prefill(auto: AutoResult | undefined): Verdict {
  return auto === 'pass' ? 'pass' : auto === 'fail' ? 'fail' : 'not-tested';
}

/** Recomputes `auto`, `evidence` and (while not set by the reviewer) `verdict` of every requirement. */
export function recompute(review: Review): Review {
  const states = new Map(review.requirements.map((r) => [r.id, r]));
  const requirements = REQUIREMENTS.map((d) => {
    const prev = states.get(d.id) ?? emptyRequirement(d.id);
    const applicable: EvidenceItem[] = [];
    const notApplicable: EvidenceItem[] = [];
    const results: AutoResult[] = [];
    for (const report of review.reports) {
      for (const check of report.checks) {
        if (!d.checkIds.includes(check.id)) continue;
        results.push(autoOf(check.status));
        const item: EvidenceItem = { checkId: check.id, status: check.status, summary: check.summary, url: report.url, title: check.title };
        const pictureId = report.pictures?.[check.id];
        if (pictureId && review.pictures[pictureId] !== undefined) item.pictureId = pictureId;
        (check.status === 'not-applicable' ? notApplicable : applicable).push(item);
      }
    }
    const auto = worstOf(results);
    // Results that did not apply are evidence only when nothing else is ("did not apply on these pages").
    const evidence = applicable.length ? applicable : notApplicable;
    const next: RequirementState = { id: d.id, verdict: prev.verdict, verdictBy: prev.verdictBy, note: prev.note, evidence };
    if (auto !== undefined) next.auto = auto;
    if (next.verdictBy === 'auto') next.verdict = prefill(auto);
    return next;
  });
  return { ...review, requirements };
}

/**
 * Attaches a tab report as evidence: adds it, or replaces the one attached earlier for the same URL (pictures taken
 * for its checks stay attached), then recomputes every requirement.
 */
export function attachReport(review: Review, report: TabReport | ReportSnapshot, now: number): Review {
  const previous = review.reports.find((r) => r.url === report.url);
  const snapshot: ReportSnapshot = { url: report.url, finishedAt: report.finishedAt, checks: structuredClone(report.checks) };
  const timeline = 'timeline' in report ? (Array.isArray(report.timeline) ? report.timeline : report.timeline?.entries) : undefined;
  if (timeline?.length) snapshot.timeline = structuredClone(timeline);
  if (previous?.pictures && Object.keys(previous.pictures).length) snapshot.pictures = { ...previous.pictures };
  const reports = previous ? review.reports.map((r) => (r === previous ? snapshot : r)) : [...review.reports, snapshot];
  return recompute({ ...review, reports, updatedAt: iso(now) });
}

/** Removes an attached report (and the pictures only it referenced). */
export function detachReport(review: Review, url: string, now: number): Review {
  const reports = review.reports.filter((r) => r.url !== url);
  return recompute({ ...review, reports, pictures: referencedPictures(review.pictures, reports), updatedAt: iso(now) });
}

function referencedPictures(pictures: Record<string, string>, reports: ReportSnapshot[]): Record<string, string> {
  const used = new Set(reports.flatMap((r) => Object.values(r.pictures ?? {})));
  return Object.fromEntries(Object.entries(pictures).filter(([id]) => used.has(id)));
}

/**
 * Attaches a picture (what the user saw) to a check of an attached report. Replaces an earlier picture of that
 * check on that page. Throws when the report is not attached or the URL is not a base64 PNG/JPEG/WebP data URL.
 */
export function attachPicture(review: Review, ref: { url: string; checkId: string }, dataUrl: string, now: number): Review {
  if (!isSafeImageUrl(dataUrl)) throw new Error('Only PNG, JPEG or WebP pictures (base64 data URLs) can be attached.');
  const report = review.reports.find((r) => r.url === ref.url);
  if (!report) throw new Error(`No report is attached for ${ref.url}.`);
  let n = 1;
  while (review.pictures[`picture-${n}`] !== undefined) n++;
  const id = `picture-${n}`;
  const reports = review.reports.map((r) => (r === report ? { ...r, pictures: { ...r.pictures, [ref.checkId]: id } } : r));
  return recompute({
    ...review,
    reports,
    pictures: referencedPictures({ ...review.pictures, [id]: dataUrl }, reports),
    updatedAt: iso(now),
  });
}

function findRequirement(review: Review, id: string): RequirementState {
  const state = review.requirements.find((r) => r.id === id);
  if (!state) throw new Error(`Unknown requirement: ${id}`);
  return state;
}

/** The reviewer's verdict (and note, when given): from now on automatic results no longer change it. */
export function setVerdict(review: Review, id: string, verdict: Verdict, note?: string, now: number = Date.now()): Review {
  findRequirement(review, id);
  const requirements = review.requirements.map((r) =>
    r.id === id ? { ...r, verdict, verdictBy: 'reviewer' as const, note: note ?? r.note, evidence: [...r.evidence] } : r,
  );
  return { ...review, requirements, updatedAt: iso(now) };
}

/** The reviewer's note alone; the verdict (and who set it) stays. */
export function setNote(review: Review, id: string, note: string, now: number = Date.now()): Review {
  findRequirement(review, id);
  const requirements = review.requirements.map((r) => (r.id === id ? { ...r, note } : r));
  return { ...review, requirements, updatedAt: iso(now) };
}

/** Hands the verdict back to the automatic results (the reviewer's note stays). */
export function resetVerdict(review: Review, id: string, now: number = Date.now()): Review {
  findRequirement(review, id);
  const requirements = review.requirements.map((r) => (r.id === id ? { ...r, verdictBy: 'auto' as const, verdict: prefill(r.auto) } : r));
  return { ...review, requirements, updatedAt: iso(now) };
}
