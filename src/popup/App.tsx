/**
 * The popup: one row per check with status, summary and expandable evidence; "Show on page" outlines the element.
 * It audits the tab given as ?tabId=N (tests, the CLI) or the active tab. Page text is rendered as text only.
 */
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { checkOf } from '../audit';
import type { TabReport } from '../audit';
import { SESSION_MARK_KEY, reportFromStorage, reportKey, type SiteStatus, type TamperState, type TamperSurface } from '../shared/messages';
import { strings } from './strings';
import { afterNextFrame } from '../shared/next-frame';
import { NetworkPermissionNotice, PermissionExplanations, requestSiteAccess } from './permissions';
import { LANGUAGE_NAMES, LOCALES, UI_LANGUAGE_KEY } from '../i18n/locales';
import type { Messages } from '../i18n/messages';
import { learnPath } from '../view/learn';
import { summaryLine } from '../view/summary';
import {
  localTime,
  tabReportView,
  type Badge,
  type CheckView,
  type FieldView,
  type FindingView,
  type TabReportView,
} from '../view/report-view';

export interface Opening {
  tab: { id: number; url?: string } | null;
  /**
   * The tab's report as the background last kept it (storage.session): read from storage, so it is here at once
   * even while the worker is busy (re-evaluating a 10k-element page takes the worker a second or more).
   */
  report: TabReport | null;
  /** This browser session's mark, if the background made it already (storage.session; else asked for). */
  mark: string;
  /** The background's own answer (get-report), already asked for when no report was stored; else App asks later. */
  current: Promise<TabReport | null> | null;
}

const reportOf = async (tabId: number) =>
  ((await browser.runtime.sendMessage({ type: 'get-report', tabId })) as { report: TabReport | null }).report;

/** What storage knows of the tab: its report and the session mark. */
async function openTab(tab: { id: number; url?: string } | Promise<{ id: number; url?: string }>, tabId: number): Promise<Opening> {
  const [t, stored] = await Promise.all([
    tab,
    browser.storage.session.get([reportKey(tabId), SESSION_MARK_KEY]).catch(() => ({}) as Record<string, unknown>),
  ]);
  const report = reportFromStorage(stored[reportKey(tabId)]) ?? null;
  const mark = stored[SESSION_MARK_KEY];
  return { tab: t, report, mark: typeof mark === 'string' ? mark : '', current: report ? null : reportOf(tabId) };
}

/**
 * The tab to audit (?tabId=N from tests and the CLI, else the active tab) and what storage knows of it, read as the
 * popup starts (main.tsx), while its catalogue loads. Nothing here waits for the background's worker when a report
 * is stored: that is enough for the first render, and the worker's answer follows.
 */
export async function openPopup(): Promise<Opening> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param) {
    const id = Number(param);
    const tab = browser.tabs.get(id).then(
      (t) => ({ id, url: t?.url }),
      () => ({ id }),
    );
    return openTab(tab, id);
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { tab: null, report: null, mark: '', current: null };
  return openTab({ id: tab.id, url: tab.url }, tab.id);
}

/** The newer of two reports of a tab (an answer may arrive after a later report was stored). */
const newer = (a: TabReport | null, b: TabReport | null) => (!a || (b && Date.parse(b.finishedAt) >= Date.parse(a.finishedAt)) ? b : a);

/** The language the popup is shown in (main.tsx sets it on the document from the catalogue). */
const messagesLocale = () => document.documentElement.lang || 'en';

/** The rules' advice to observe longer (rule_<id>_msg_observeLonger), which each surface words for its reader. */
const OBSERVE_LONGER = /^rule_\w+_msg_observeLonger$/;

export function App({ messages, opening }: { messages: Messages; opening: Promise<Opening> }) {
  // The report is shown through the one shared view, in the extension's language.
  // A check observed too briefly advises to watch longer: here that means keeping the page open.
  const tr = (key: string, substitutions?: string[]) =>
    messages.t(OBSERVE_LONGER.test(key) ? 'popup_keepPageOpen' : key, {}, substitutions);
  const [tab, setTab] = useState<{ id: number; url?: string } | null | undefined>(undefined);
  const [report, setReport] = useState<TabReport | null>(null);
  const [site, setSite] = useState<SiteStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mark, setMark] = useState('');
  const [deepChanged, setDeepChanged] = useState(false);
  const [tamper, setTamper] = useState<Partial<Record<TamperSurface, TamperState>>>({});

  // What the page does to our panel and outlines, while the popup is open.
  useEffect(() => {
    if (!tab) return;
    const read = () =>
      void browser.runtime.sendMessage({ type: 'tamper-state', tabId: tab.id }).then(
        (r) => setTamper((r as { tamper?: Partial<Record<TamperSurface, TamperState>> })?.tamper ?? {}),
        () => undefined,
      );
    read();
    const timer = setInterval(read, 1000);
    return () => clearInterval(timer);
  }, [tab?.id]);

  // A layout effect: when the stored report is already here (read while the catalogue loaded), the list is in the
  // first frame rather than one frame after a "waiting" notice. The worker is asked after that frame (see
  // afterNextFrame), and its answers fill in what they add: a re-evaluated report, the site's access, the mark.
  useLayoutEffect(() => {
    let tabId = -1;
    let latest: TabReport | null = null;
    const show = (r: TabReport | null) => {
      const next = newer(latest, r);
      if (next === latest) return;
      latest = next;
      setReport(next);
    };
    const onChanged = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      const changed = area === 'session' ? reportFromStorage(changes[reportKey(tabId)]?.newValue) : undefined;
      if (changed) show(changed);
    };
    (async () => {
      const { tab: t, report: stored, mark: storedMark, current } = await opening;
      setTab(t);
      if (!t) return;
      tabId = t.id;
      browser.storage.onChanged.addListener(onChanged);
      show(stored);
      if (storedMark) setMark(storedMark);
      // What the popup asks the worker costs the worker work: asked after the first frame, not competing with it.
      if (!current) await afterNextFrame();
      if (!storedMark)
        void browser.runtime.sendMessage({ type: 'session-mark' }).then((r) => setMark((r as { mark?: string })?.mark ?? ''));
      const answer = current ?? reportOf(t.id);
      const answered = answer.then(show, () => undefined);
      // Opening the popup grants activeTab: audit the tab now (the background injects if nothing reports yet).
      const audited = browser.runtime.sendMessage({ type: 'audit-once', tabId: t.id }) as Promise<{ ok: boolean; error?: string }>;
      const siteKnown = (async () => {
        const url = t.url ?? stored?.url ?? (await answer.catch(() => null))?.url;
        if (url) setSite((await browser.runtime.sendMessage({ type: 'site-status', url, tabId: t.id })) as SiteStatus);
      })();
      const [res] = await Promise.all([audited, answered, siteKnown]);
      if (!res.ok && !latest) setError(res.error ?? '');
    })().catch((e) => setError(String(e?.message ?? e)));
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);

  const auditSite = async () => {
    if (!tab || !site) return;
    // Must run in the click handler: permission requests need a user gesture (site, webRequest, webNavigation at once).
    const granted = await requestSiteAccess(site.origins);
    if (!granted) return;
    await browser.runtime.sendMessage({ type: 'sync-registrations', tabId: tab.id });
    setSite({ ...site, granted: true });
  };

  // One view per report, not per render: the popup renders again on every state change (the tamper poll, each
  // second), and a large page's report is hundreds of findings to word.
  const view = useMemo(() => report && tabReportView(report, { t: tr, time: localTime }), [report, messages]);

  if (tab === undefined) return <div class="notice">{strings.waiting}</div>;
  if (tab === null) return <div class="notice">{strings.noTab}</div>;
  const auditable = !tab.url || /^https?:/.test(tab.url);
  return (
    <div>
      <header>
        <h1>
          {strings.appName}
          <span class="url" title={report?.url ?? tab.url}>
            {report?.url ?? tab.url}
          </span>
        </h1>
        <button type="button" onClick={() => browser.runtime.sendMessage({ type: 'audit-once', tabId: tab.id })}>
          {strings.reaudit}
        </button>
      </header>
      <main>
        {!auditable && <div class="notice">{strings.noAccess}</div>}
        {error !== null && (
          <div class="notice error">
            {strings.injectFailed}
            {error}
          </div>
        )}
        {auditable && site && !site.granted && (
          <div class="notice">
            <button type="button" class="primary" id="audit-site" onClick={auditSite}>
              {strings.auditSite}
            </button>
            <div class="meta">{strings.auditSiteHint}</div>
            <PermissionExplanations messages={messages} />
          </div>
        )}
        {site?.granted && (
          <div class="notice" id="site-granted">
            {strings.siteGranted}
            <NetworkPermissionNotice messages={messages} />
            <label class="deep">
              <input
                type="checkbox"
                id="deep-inspection"
                checked={!!site.deepInspection}
                onChange={async (e) => {
                  const enabled = (e.target as HTMLInputElement).checked;
                  setSite(
                    (await browser.runtime.sendMessage({
                      type: 'set-deep-inspection',
                      tabId: tab.id,
                      url: tab.url ?? report?.url ?? '',
                      enabled,
                    })) as SiteStatus,
                  );
                  setDeepChanged(enabled);
                }}
              />{' '}
              {strings.deepInspection}
            </label>
            <div class="meta">{strings.deepInspectionHint}</div>
            {deepChanged && (
              <div class="meta" id="deep-next-load">
                {strings.deepInspectionNextLoad}
              </div>
            )}
          </div>
        )}
        <TamperNotices tamper={tamper} />
        {mark && (
          <div class="notice session-mark" id="session-mark" title={strings.sessionMarkHint}>
            {strings.sessionMark} <strong class="mark">{mark}</strong>
            <div class="meta">{strings.sessionMarkHint}</div>
          </div>
        )}
        {!report && auditable && error === null && <div class="notice">{strings.waiting}</div>}
        {report && view && <Report report={report} tabId={tab.id} view={view} />}
      </main>
      <footer>
        <button type="button" id="show-evidence" onClick={() => browser.runtime.sendMessage({ type: 'show-evidence', tabId: tab.id })}>
          {strings.showEvidence}
        </button>
        <button type="button" onClick={() => browser.runtime.sendMessage({ type: 'clear-highlight', tabId: tab.id })}>
          {strings.clearHighlight}
        </button>
        <button type="button" onClick={() => browser.runtime.sendMessage({ type: 'reset', tabId: tab.id })}>
          {strings.reset}
        </button>
        <button type="button" id="toggle-panel" onClick={() => browser.runtime.sendMessage({ type: 'toggle-panel', tabId: tab.id })}>
          {strings.panel}
        </button>
        <button
          type="button"
          id="open-review"
          onClick={() => browser.tabs.create({ url: browser.runtime.getURL('src/review-page/index.html') })}
        >
          {strings.review}
        </button>
        <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
          {strings.settings}
        </button>
        <select
          id="language"
          aria-label={strings.language}
          value={messages.locale}
          onChange={async (e) => {
            await browser.storage.local.set({ [UI_LANGUAGE_KEY]: (e.target as HTMLSelectElement).value });
            location.reload();
          }}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </footer>
    </div>
  );
}

function Report({ report, tabId, view }: { report: TabReport; tabId: number; view: TabReportView }) {
  const [exercise, setExercise] = useState<string | null>(null);
  const cancelReady = !!checkOf(report, 'cancel')?.press;
  const testCancel = async () => {
    setExercise(strings.pressing);
    const res = (await browser.runtime.sendMessage({ type: 'exercise-cancel', tabId })) as {
      pressed: boolean;
      label?: string;
      reason?: string;
      at?: number;
    };
    setExercise(
      res.pressed
        ? `${strings.pressed} "${res.label ?? ''}" ${localTime(res.at)} — ${strings.keepWatching}`
        : `${strings.notPressed} ${res.reason ?? ''}`,
    );
  };
  return (
    <div>
      {/* The verdicts at a glance, worst first, before the list (a reviewer on a call reads this line). */}
      <p class="summary-line" id="summary">
        {summaryLine(view.checks, messagesLocale())}
      </p>
      <ul class="checks" id="checks">
        {view.checks.map((c) => (
          <CheckRow key={c.id} check={c} tabId={tabId} labels={view.labels} />
        ))}
      </ul>
      <div class="notice">
        <button type="button" id="test-cancel" disabled={!cancelReady} onClick={testCancel} title={strings.testCancelHint}>
          {strings.testCancel}
        </button>
        {exercise && (
          <span class="meta" id="exercise-result">
            {' '}
            {exercise}
          </span>
        )}
      </div>
      {view.timeline && <TimelineView timeline={view.timeline} />}
      <div class="notice meta" id="timing">
        {view.timing}
        {view.truncated && <div>{view.truncated}</div>}
        {view.unread && <div>{view.unread}</div>}
        {view.unaudited.map((u) => (
          <div key={u} class="unaudited">
            {u}
          </div>
        ))}
      </div>
    </div>
  );
}

const TAMPER_REASON: Record<TamperState['reason'], keyof typeof strings> = {
  removed: 'tamperRemoved',
  restyled: 'tamperRestyled',
  hidden: 'tamperHidden',
  covered: 'tamperCovered',
};

/** The page hid, covered, restyled or removed our panel or outlines: say so (the panel itself may not be seen). */
function TamperNotices({ tamper }: { tamper: Partial<Record<TamperSurface, TamperState>> }) {
  const notice = (surface: TamperSurface, state: TamperState | undefined, hidden: string, restored: string) =>
    state && (
      <div class={`notice ${state.unrepaired ? 'error' : ''} tamper`} id={`tamper-${surface}`} data-unrepaired={String(state.unrepaired)}>
        {state.unrepaired ? hidden : `${restored} ${state.count}`}{' '}
        <span class="meta">
          ({strings.tamperLast} {strings[TAMPER_REASON[state.reason]]}, {localTime(state.at)})
        </span>
      </div>
    );
  return (
    <>
      {notice('panel', tamper.panel, strings.tamperPanelHidden, strings.tamperPanelRestored)}
      {notice('overlay', tamper.overlay, strings.tamperOverlayHidden, strings.tamperOverlayRestored)}
    </>
  );
}

function TimelineView({ timeline }: { timeline: NonNullable<TabReportView['timeline']> }) {
  return (
    <details class="timeline" id="timeline">
      <summary>{timeline.title}</summary>
      {timeline.series.map((s) => (
        <div key={s} class="meta series">
          {s}
        </div>
      ))}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling list must take focus to be scrolled by keyboard (WCAG 2.1.1). */}
      <ol tabIndex={0} aria-label={timeline.title}>
        {timeline.entries.map((e, i) => (
          <li key={i} class={`entry ${e.kindId}`}>
            <span class="at">{e.at}</span> <span class="kind">{e.kind}</span> <span class="text">{e.text}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

function BadgeView({ badge }: { badge: Badge }) {
  return (
    <span class={`badge ${badge.kind}`}>
      {badge.icon} {badge.label}
    </span>
  );
}

function CheckRow({ check, tabId, labels }: { check: CheckView; tabId: number; labels: TabReportView['labels'] }) {
  const [open, setOpen] = useState(check.status.kind === 'fail');
  return (
    <li class="check" data-check={check.id} data-status={check.status.kind}>
      <button type="button" class="row" onClick={() => setOpen(!open)} aria-expanded={open}>
        <BadgeView badge={check.status} />
        <span>
          <div class="title">{check.title}</div>
          <div class="summary">{check.summary}</div>
          {check.observed && <div class="meta">{check.observed}</div>}
        </span>
      </button>
      {open && (
        <div class="findings">
          <a class="learn" href={browser.runtime.getURL(learnPath(check.id))} target="_blank" rel="noopener">
            {strings.learnMore}
          </a>
          {check.findings.length === 0 && <div class="meta">{labels.noFindings}</div>}
          {check.findings.map((f, i) => (
            <FindingRow key={i} finding={f} tabId={tabId} checkId={check.id} frameLabel={labels.frame} />
          ))}
          {check.history.length > 0 && (
            <details>
              <summary class="meta">{labels.history}</summary>
              <ol class="history">
                {check.history.map((h, i) => (
                  <li key={i}>
                    {h.at} — {h.status.label}: {h.summary}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </div>
      )}
    </li>
  );
}

function FieldValue({ field }: { field: FieldView }) {
  if (field.colour)
    return (
      <span>
        <span class="swatch" style={{ background: field.colour }} />
        {field.value}
      </span>
    );
  if (field.picture) return <img class="evidence-picture" src={field.picture} alt={field.label} />;
  return <span>{field.value}</span>;
}

function FindingRow({ finding, tabId, checkId, frameLabel }: { finding: FindingView; tabId: number; checkId: string; frameLabel: string }) {
  const [picture, setPicture] = useState<{ src?: string; error?: string } | null>(null);
  const local = finding.target[finding.target.length - 1];
  const photograph = async () => {
    setPicture({});
    const res = (await browser.runtime.sendMessage({
      type: 'picture',
      tabId,
      frameId: finding.frameId ?? 0,
      target: finding.target,
      checkId,
    })) as { picture?: { dataUrl: string }; error?: string };
    setPicture(res.picture ? { src: res.picture.dataUrl } : { error: res.error ?? strings.pictureFailed });
  };
  const show = () =>
    browser.runtime.sendMessage({
      type: 'highlight',
      tabId,
      frameId: finding.frameId ?? 0,
      target: local,
      label: finding.text.slice(0, 80),
    });
  return (
    <div class={`finding ${finding.outcome?.kind ?? ''}`}>
      <div class="msg">{finding.text}</div>
      <dl class="evidence">
        {finding.fields.map((f) => [
          <dt key={`${f.name}-t`} title={f.name}>
            {f.label}
          </dt>,
          <dd key={`${f.name}-d`}>
            <FieldValue field={f} />
          </dd>,
        ])}
        <dt>{frameLabel}</dt>
        <dd>{finding.frameUrl}</dd>
      </dl>
      {finding.frameId !== undefined && (
        <div class="actions">
          <button type="button" class="show" onClick={show}>
            {strings.showOnPage}
          </button>
          <button type="button" class="picture" onClick={photograph}>
            {strings.picture}
          </button>
        </div>
      )}
      {picture?.src && <img class="evidence-picture" src={picture.src} alt={strings.pictureAlt} />}
      {picture?.error && <div class="meta picture-error">{picture.error}</div>}
      {picture && !picture.src && !picture.error && <div class="meta">{strings.pictureTaking}</div>}
    </div>
  );
}
