/**
 * Per-tab state in the background: the latest snapshot of each frame, combined into one page and evaluated
 * (page-level checks decide over all frames), merged into the session's verdicts. No extension APIs here, so it
 * is unit-testable; the service worker persists the reports and draws the badge.
 */
import { auditPage, mergeSession, pageStateOf, summariseTimeline, TimelineRecorder } from '../audit';
import type { FrameSnapshot, LogoComparison, NetworkPermission, PageSnapshot, TabReport } from '../audit';
import type { Locale } from '../i18n';
import { type HowRead, howReadOf } from '../shared/snapshot-patch';

interface FrameEntry {
  snapshot: FrameSnapshot;
  documentId?: string;
}

export interface TabState {
  frames: Map<number, FrameEntry>;
  report?: TabReport;
  /** Page logos compared with the official files, by finding target. */
  logoComparisons: Map<string, LogoComparison>;
  /** Network, navigation and page-state history of the tab. */
  timeline: TimelineRecorder;
}

export class TabAuditor {
  private tabs = new Map<number, TabState>();

  /**
   * The user's choice of the extension's language, for the surfaces (the panel) to word reports in. Reports
   * themselves are language-independent: English text plus the parts every surface translates, so the verdicts never
   * depend on it.
   */
  locale: Locale = 'en';

  /** Network permissions not granted (the worker keeps this current): the rules say what they could not observe. */
  missingPermissions: NetworkPermission[] = [];
  /** When request recording began, if it began after tabs were already audited (a permission granted later). */
  recordingSince: number | undefined;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** Restores a report saved before the service worker was stopped, so the session's history survives. */
  restore(tabId: number, report: TabReport | undefined): void {
    if (!report) return;
    const state = this.state(tabId);
    state.report ??= report;
  }

  private state(tabId: number): TabState {
    let s = this.tabs.get(tabId);
    if (!s) {
      s = { frames: new Map(), logoComparisons: new Map(), timeline: new TimelineRecorder() };
      this.tabs.set(tabId, s);
    }
    return s;
  }

  /** A frame sent a snapshot: re-evaluate the tab. */
  update(tabId: number, frameId: number, snapshot: FrameSnapshot, documentId?: string, parentFrameId?: number): TabReport {
    const state = this.state(tabId);
    snapshot.frameId = frameId;
    if (parentFrameId !== undefined && parentFrameId >= 0) snapshot.parentFrameId = parentFrameId;
    snapshot.isTop = frameId === 0;
    state.frames.set(frameId, { snapshot, documentId });
    if (snapshot.exposure?.secrets.length) state.timeline.exposure(snapshot.exposure.secrets, snapshot.url, this.now());
    return this.evaluate(tabId);
  }

  /** A frame went away (navigated, removed): its snapshot no longer counts. */
  removeFrame(tabId: number, frameId: number, documentId?: string): TabReport | undefined {
    const state = this.tabs.get(tabId);
    const entry = state?.frames.get(frameId);
    if (!state || !entry) return undefined;
    if (documentId && entry.documentId && entry.documentId !== documentId) return undefined;
    state.frames.delete(frameId);
    return state.report ? this.evaluate(tabId) : undefined;
  }

  evaluate(tabId: number): TabReport {
    const state = this.state(tabId);
    let frames = [...state.frames.values()].map((e) => e.snapshot).sort((a, b) => (a.frameId ?? 0) - (b.frameId ?? 0));
    // No frame reports (the tab shows a browser error page, or is between pages): judge the timeline on its own.
    if (!frames.length)
      frames = [
        emptyFrame(
          state.timeline
            .timeline()
            .navigations.filter((n) => n.frameId === 0)
            .pop()?.url ??
            state.report?.url ??
            'about:blank',
          this.now(),
        ),
      ];
    const top = frames.find((f) => f.isTop) ?? frames[0];
    const now = this.now();
    const page: PageSnapshot = { url: top.url, frames, now };
    // The page's state joins the timeline before the rules judge it, so they see the latest moment; the rules then
    // judge the same page object, so the frame models built for the state are not built again.
    state.timeline.state(pageStateOf(page, now));
    const timeline = state.timeline.timeline();
    if (this.missingPermissions.length) timeline.missingPermissions = [...this.missingPermissions];
    if (this.recordingSince !== undefined) timeline.recordingSince = this.recordingSince;
    page.timeline = timeline;
    if (state.logoComparisons.size) page.logoComparisons = [...state.logoComparisons.values()];
    const fresh = auditPage(page, now);
    fresh.checks = mergeSession(state.report?.checks, fresh.checks, now, top.url);
    fresh.timeline = summariseTimeline(timeline, fresh.checks);
    state.report = fresh;
    return fresh;
  }

  report(tabId: number): TabReport | undefined {
    return this.tabs.get(tabId)?.report;
  }

  /**
   * Time-based checks (polling stopped, a spinner that never ends, no landing) change as time passes with no DOM
   * or network event: re-evaluate a tab whose verdict is older than `maxAgeMs`. Returns the new report, if any.
   */
  refresh(tabId: number, maxAgeMs: number, onlyIfActive = false): TabReport | undefined {
    const state = this.tabs.get(tabId);
    if (!state?.report) return undefined;
    if (this.now() - Date.parse(state.report.finishedAt) < maxAgeMs) return undefined;
    if (onlyIfActive && !this.timeSensitive(state)) return undefined;
    return this.evaluate(tabId);
  }

  /** Something recent that a time-based verdict depends on: activity in the last 3 minutes, or a step still waiting. */
  private timeSensitive(state: TabState): boolean {
    return state.timeline.activeSince(this.now() - 180_000);
  }

  tabIds(): number[] {
    return [...this.tabs.keys()];
  }

  reports(): Map<number, TabReport> {
    const out = new Map<number, TabReport>();
    for (const [id, s] of this.tabs) if (s.report) out.set(id, s.report);
    return out;
  }

  /** Origins of the frames the tab's pages embed (iframe src), for asking access to them with the site. */
  embeddedOrigins(tabId: number): string[] {
    const origins = new Set<string>();
    for (const { snapshot } of this.tabs.get(tabId)?.frames.values() ?? []) {
      for (const n of snapshot.nodes) {
        if ((n.tag !== 'iframe' && n.tag !== 'frame') || !n.attrs.src) continue;
        try {
          const u = new URL(n.attrs.src, snapshot.url);
          if (u.protocol === 'https:' || u.protocol === 'http:') origins.add(u.origin);
        } catch {
          /* not a URL */
        }
      }
    }
    return [...origins];
  }

  /** Records a logo comparison and re-evaluates, so the verdict includes it. */
  addLogoComparison(tabId: number, comparison: LogoComparison): TabReport | undefined {
    const state = this.tabs.get(tabId);
    if (!state) return undefined;
    state.logoComparisons.set(comparison.target, comparison);
    return state.frames.size ? this.evaluate(tabId) : undefined;
  }

  hasLogoComparison(tabId: number, target: string): boolean {
    return !!this.tabs.get(tabId)?.logoComparisons.has(target);
  }

  parentFrame(tabId: number, frameId: number): number | undefined {
    return this.tabs.get(tabId)?.frames.get(frameId)?.snapshot.parentFrameId;
  }

  /** When and how the frame's snapshot was read (whole, or re-read around the page's changes), for tests and the bench. */
  howRead(tabId: number, frameId: number): HowRead | undefined {
    const snapshot = this.tabs.get(tabId)?.frames.get(frameId)?.snapshot;
    return snapshot && howReadOf(snapshot);
  }

  frameIds(tabId: number): number[] {
    return [...(this.tabs.get(tabId)?.frames.keys() ?? [])];
  }

  /** The tab's timeline recorder (created on first use: requests may come before any snapshot). */
  timeline(tabId: number): TimelineRecorder {
    return this.state(tabId).timeline;
  }

  /** A tab the audit runs in (a content script reported, or requests of a granted site were recorded). */
  isAudited(tabId: number): boolean {
    return this.tabs.has(tabId);
  }

  /** A new review of the tab: forget the verdict history and the timeline. */
  reset(tabId: number): void {
    const s = this.tabs.get(tabId);
    if (s) {
      s.report = undefined;
      s.timeline = new TimelineRecorder();
      s.logoComparisons.clear();
    }
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}

/** A frame with nothing readable in it: what the rules see when no document of the tab reports. */
function emptyFrame(url: string, now: number): FrameSnapshot {
  return {
    url,
    isTop: true,
    frameId: 0,
    title: '',
    lang: '',
    viewport: { w: 0, h: 0 },
    scroll: { x: 0, y: 0 },
    nodes: [{ i: 0, parent: -1, tag: 'html', nth: 1, attrs: {} }],
    gatheredAt: now,
    gatherMs: 0,
    elementCount: 0,
  };
}

export function failingCount(report: TabReport | undefined): number {
  return report ? report.checks.filter((c) => c.status === 'fail').length : 0;
}
