/**
 * Service worker: receives frame snapshots over ports, keeps each tab's combined report (in memory and in
 * storage.session, which never leaves the machine), draws the badge, and registers the content script for the
 * sites the user granted. Nothing is sent anywhere.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import contentScript from '../content/content-script.ts?script';
import deepInspectionScript from '../content/deep-inspection.ts?script';
import { checkOf, closestOfficial, type OfficialLogo, ruleMetas, uniformFrame } from '../audit';
import type { FrameSnapshot, TabReport } from '../audit';
import { applyPatch, PartsAssembler } from '../shared/snapshot-patch';
import { InOrder } from './in-order';
import { LatestWrite } from './latest-write';
import {
  DEEP_INSPECTION_KEY,
  GATEWAY_ORIGINS,
  OFFICIAL_LOGOS_KEY,
  PORT_NAME,
  SESSION_MARK_KEY,
  originPattern,
  panelKey,
  reportKey,
  reportFromStorage,
  storedReport,
  type ContentCommand,
  type FrameMessage,
  type Measured,
  type Picture,
  type PopupRequest,
  type SiteStatus,
  type SurfaceProbe,
  type TamperState,
  type TamperSurface,
} from '../shared/messages';
import { TabAuditor, failingCount } from './tabs';
import { NetworkObserver, browserNetworkApi } from './network';
import { UI_LANGUAGE_KEY, isLocale, localeFor } from '../i18n/locales';
import { PictureError, cropScreenshot } from './pictures';
import { hashImage } from '../shared/image-hash';
import { captureUnavailableReason } from '../shared/browser-compat';

const SCRIPT_ID = 'wysiwys-auditor';
const auditor = new TabAuditor();
/** Ports of live frames, per tab and frame, to send highlight commands. */
const ports = new Map<number, Map<number, Runtime.Port>>();
const restored = new Set<number>();
/** Snapshots and departures of a tab's frames, judged in the order they arrived. */
const tabWork = new InOrder<number>();

async function persist(tabId: number, report: TabReport | undefined): Promise<void> {
  if (!report) return;
  // The panel first: it is what the call sees, and writing a large page's report to storage takes tens of ms.
  if (await panelShown(tabId)) command(tabId, 0, { type: 'panel-update', report });
  reportWrites.set(tabId, report);
}

/** The tab's report for the popup and a restarted worker, and its badge: written without holding the next judgement. */
const reportWrites = new LatestWrite<number, TabReport>(store);

async function store(tabId: number, report: TabReport): Promise<void> {
  await browser.storage.session.set({ [reportKey(tabId)]: storedReport(report) });
  const fails = failingCount(report);
  await browser.action.setBadgeText({ tabId, text: fails ? String(fails) : '' }).catch(() => undefined);
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#c5221f' }).catch(() => undefined);
  await browser.action
    .setTitle({ tabId, title: fails ? `WYSIWYS Auditor: ${fails} failing check(s)` : 'WYSIWYS Auditor' })
    .catch(() => undefined);
}

/** A tab's stored report is removed (reset, tab closed): a report still waiting to be written must not bring it back. */
async function unstore(tabId: number, keys: string[] = [reportKey(tabId)]): Promise<void> {
  reportWrites.drop(tabId);
  await browser.storage.session.remove(keys);
}

/** After a service-worker restart, continue the tab's session from what storage.session kept. */
async function restore(tabId: number): Promise<void> {
  if (restored.has(tabId)) return;
  restored.add(tabId);
  const stored = await browser.storage.session.get(reportKey(tabId));
  auditor.restore(tabId, reportFromStorage(stored[reportKey(tabId)]));
}

/**
 * This browser session's mark: a random word the real panel paints (inside its closed shadow root) and the popup
 * shows, so a reviewer can tell our panel from one the page draws. Kept in storage.session, which content scripts
 * and pages cannot read; it reaches the page's tab only over the extension's own port.
 */
let markPromise: Promise<string> | undefined;
function sessionMark(): Promise<string> {
  markPromise ??= (async () => {
    const stored = (await browser.storage.session.get(SESSION_MARK_KEY))[SESSION_MARK_KEY];
    if (typeof stored === 'string' && stored) return stored;
    const mark = randomMark();
    await browser.storage.session.set({ [SESSION_MARK_KEY]: mark });
    return mark;
  })();
  return markPromise;
}

/** Three consonant-vowel syllables and two digits ("tovaru-58"): easy to read aloud, about 26 bits. */
function randomMark(): string {
  const consonants = 'bdfgklmnprstvz',
    vowels = 'aeiou';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let word = '';
  for (let i = 0; i < 3; i++) word += consonants[bytes[2 * i] % consonants.length] + vowels[bytes[2 * i + 1] % vowels.length];
  return `${word}-${String((((bytes[6] << 8) | bytes[7]) % 90) + 10)}`;
}

/** What the page did to our panel and outlines, per tab and frame (memory only). */
const tampering = new Map<number, Map<number, Partial<Record<TamperSurface, TamperState>>>>();

function recordTamper(tabId: number, frameId: number, surface: TamperSurface, state: TamperState | null): void {
  let frames = tampering.get(tabId);
  if (!frames) tampering.set(tabId, (frames = new Map()));
  const entry = { ...frames.get(frameId) };
  if (state) entry[surface] = state;
  else delete entry[surface];
  if (Object.keys(entry).length) frames.set(frameId, entry);
  else frames.delete(frameId);
}

/** The tab's tampering, one state per surface: an unrepaired one first, counts added over frames. */
function tamperState(tabId: number): Partial<Record<TamperSurface, TamperState>> {
  const out: Partial<Record<TamperSurface, TamperState>> = {};
  for (const entry of tampering.get(tabId)?.values() ?? []) {
    for (const [surface, state] of Object.entries(entry) as [TamperSurface, TamperState][]) {
      const seen = out[surface];
      if (!seen) out[surface] = { ...state };
      else out[surface] = { ...(state.unrepaired && !seen.unrepaired ? state : seen), count: seen.count + state.count };
    }
  }
  return out;
}

/** What a frame's content script draws (for automation: nothing of it is on the page's DOM). */
async function probe(tabId: number, frameId = 0): Promise<SurfaceProbe | null> {
  return ((await browser.tabs.sendMessage(tabId, { type: 'probe' }, { frameId }).catch(() => null)) as SurfaceProbe | null) ?? null;
}

/** Whether the tab shows the panel, as last set or read: asked on every judgement, so storage is read once per tab. */
const panelOf = new Map<number, boolean>();

async function panelShown(tabId: number): Promise<boolean> {
  const known = panelOf.get(tabId);
  if (known !== undefined) return known;
  const shown = !!(await browser.storage.session.get(panelKey(tabId)))[panelKey(tabId)];
  // A toggle made while storage answered wins.
  if (!panelOf.has(tabId)) panelOf.set(tabId, shown);
  return panelOf.get(tabId)!;
}

/** The on-page panel: on or off per tab, kept in session storage so it comes back after reloads and navigation. */
async function togglePanel(tabId: number, show?: boolean): Promise<{ shown: boolean }> {
  const next = show ?? !(await panelShown(tabId));
  panelOf.set(tabId, next);
  if (next) await browser.storage.session.set({ [panelKey(tabId)]: true });
  else await browser.storage.session.remove(panelKey(tabId));
  const reached = command(
    tabId,
    0,
    next
      ? { type: 'panel-show', report: auditor.report(tabId) ?? null, locale: auditor.locale, mark: await sessionMark() }
      : { type: 'panel-hide' },
  );
  // Not audited yet: start the audit (activeTab from the shortcut or popup), the port's arrival shows the panel.
  if (next && !reached) await injectNow(tabId).catch(() => 0);
  return { shown: next };
}

browser.commands?.onCommand.addListener(async (name, tab) => {
  if (name === 'toggle-panel' && tab?.id !== undefined) await togglePanel(tab.id);
});

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  const sender = port.sender as (Runtime.MessageSender & { documentId?: string; parentFrameId?: number }) | undefined;
  const tabId = sender?.tab?.id;
  const frameId = sender?.frameId ?? 0;
  if (tabId === undefined) return;
  const documentId = sender?.documentId;
  let tabPorts = ports.get(tabId);
  if (!tabPorts) ports.set(tabId, (tabPorts = new Map()));
  tabPorts.set(frameId, port);
  // A new page in a tab that shows the panel: show it again.
  if (frameId === 0) {
    void panelShown(tabId).then(async (shown) => {
      if (shown)
        port.postMessage({ type: 'panel-show', report: auditor.report(tabId) ?? null, locale: auditor.locale, mark: await sessionMark() });
    });
  }
  // The last snapshot this frame sent, the base of its next patch.
  let received: { seq: number; snapshot: FrameSnapshot } | null = null;
  const parts = new PartsAssembler();
  port.onMessage.addListener(async (raw: unknown) => {
    const message = raw as FrameMessage;
    if (message?.type === 'tamper') return recordTamper(tabId, frameId, message.surface, message.state);
    let snapshot: FrameSnapshot;
    // Its nodes in one shape (src/audit/uniform.ts), as applyPatch and the parts give them.
    if (message?.type === 'snapshot') snapshot = uniformFrame(message.snapshot);
    else if (message?.type === 'snapshot-patch') {
      if (received?.seq !== message.patch.base) {
        // Not the base it was made against (lost with a restarted worker): ask for the whole snapshot.
        received = null;
        port.postMessage({ type: 'regather', whole: true } satisfies ContentCommand);
        return;
      }
      snapshot = applyPatch(received.snapshot, message.patch);
    } else if (message?.type === 'snapshot-part') {
      parts.part(message.seq, message.index, message.nodes);
      return;
    } else if (message?.type === 'snapshot-end') {
      const whole = parts.end(message.seq, message.parts, message.count, message.head);
      if (!whole) {
        // A part went missing: ask for the whole snapshot again.
        received = null;
        port.postMessage({ type: 'regather', whole: true } satisfies ContentCommand);
        return;
      }
      snapshot = whole;
    } else return;
    received = typeof message.seq === 'number' ? { seq: message.seq, snapshot } : null;
    const judged = snapshot;
    // Judged in arrival order even when the frame has moved on meanwhile: each snapshot is a moment of the flow the
    // timeline must keep (a step shown, then a silent return to the start), and the next document's snapshot,
    // queued after it, is the one that stays.
    await tabWork.run(tabId, async () => {
      await restore(tabId);
      const report = auditor.update(tabId, frameId, judged, documentId, sender?.parentFrameId);
      await persist(tabId, report);
      void compareLogos(tabId, report);
    });
  });
  port.onDisconnect.addListener(() => {
    if (ports.get(tabId)?.get(frameId) === port) ports.get(tabId)!.delete(frameId);
    tampering.get(tabId)?.delete(frameId);
    void tabWork.run(tabId, () => persist(tabId, auditor.removeFrame(tabId, frameId, documentId)));
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  auditor.forget(tabId);
  ports.delete(tabId);
  tampering.delete(tabId);
  panelOf.delete(tabId);
  void unstore(tabId, [reportKey(tabId), panelKey(tabId)]);
});

function command(tabId: number, frameId: number | undefined, cmd: ContentCommand): boolean {
  const tabPorts = ports.get(tabId);
  if (!tabPorts) return false;
  const targets = frameId === undefined ? [...tabPorts.values()] : [tabPorts.get(frameId)].filter((p): p is Runtime.Port => !!p);
  for (const p of targets) {
    try {
      p.postMessage(cmd);
    } catch {
      /* the frame is gone */
    }
  }
  return targets.length > 0;
}

/** Host permissions the user granted (optional ones), which the content script is registered for. */
async function grantedOrigins(): Promise<string[]> {
  const all = await browser.permissions.getAll();
  return (all.origins ?? []).filter((o) => /^(https?|\*):\/\//.test(o) || o === '<all_urls>');
}

/** Keeps the dynamic content-script registration equal to the granted sites, across reloads and navigations. */
async function syncRegistrations(): Promise<string[]> {
  const origins = await grantedOrigins();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!origins.length) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return origins;
  }
  const script = {
    id: SCRIPT_ID,
    matches: origins,
    js: [contentScript],
    allFrames: true,
    matchOriginAsFallback: true,
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  };
  if (existing.length) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([script]);
  return origins;
}

const DEEP_SCRIPT_ID = 'wysiwys-deep-inspection';
const DEEP_BRIDGE_ID = 'wysiwys-deep-bridge';

async function deepInspectionSites(): Promise<string[]> {
  return ((await browser.storage.local.get(DEEP_INSPECTION_KEY))[DEEP_INSPECTION_KEY] as string[] | undefined) ?? [];
}

/**
 * Deep inspection (opt-in per site): a script in the page's own world that reads copies of its API responses for
 * the verification code, and its bridge in our isolated world that hands it a private port. Both are registered for
 * the chosen sites at document_start, before any page script, so the page can neither obtain the port nor fake the
 * observer; it starts with the next page load (never injected into a running page, which could be waiting for the
 * hand-over). Switching off tells the observer over that port to restore the page's functions.
 */
async function setDeepInspection(tabId: number, url: string, enabled: boolean): Promise<SiteStatus> {
  const pattern = originPattern(url);
  if (!pattern) return siteStatus(url, tabId);
  const sites = new Set(await deepInspectionSites());
  if (enabled) sites.add(pattern);
  else sites.delete(pattern);
  await browser.storage.local.set({ [DEEP_INSPECTION_KEY]: [...sites] });
  await syncDeepInspection();
  if (!enabled) command(tabId, undefined, { type: 'deep-off' });
  return siteStatus(url, tabId);
}

async function syncDeepInspection(): Promise<void> {
  const granted = new Set(await grantedOrigins());
  const sites = (await deepInspectionSites()).filter((s) => granted.has(s) || granted.has('<all_urls>'));
  const ids = [DEEP_SCRIPT_ID, DEEP_BRIDGE_ID];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: existing.map((s) => s.id) });
  if (!sites.length) return;
  // The observer first: its listener must be in place when the bridge (the content script, started early in our
  // isolated world on these sites) hands over the port.
  const common = { matches: sites, allFrames: true, runAt: 'document_start' as const, persistAcrossSessions: true };
  await browser.scripting.registerContentScripts([
    { ...common, id: DEEP_SCRIPT_ID, js: [deepInspectionScript], world: 'MAIN' },
    { ...common, id: DEEP_BRIDGE_ID, js: [contentScript], world: 'ISOLATED' },
  ]);
}

/** Injects the content script into every frame of a tab now (activeTab, or a newly granted site). */
async function injectNow(tabId: number): Promise<number> {
  const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [contentScript] });
  return results.length;
}

/** The site's origin, plus the Dokobit gateway origins its pages embed (all of them when none is seen yet). */
async function siteStatus(url: string, tabId?: number): Promise<SiteStatus> {
  const pattern = originPattern(url);
  if (!pattern) return { granted: false, origins: [] };
  const granted = await browser.permissions.contains({ origins: [pattern] });
  const deepInspection = (await deepInspectionSites()).includes(pattern);
  const embedded =
    tabId === undefined
      ? []
      : auditor
          .embeddedOrigins(tabId)
          .map((o) => `${o}/*`)
          .filter((o) => GATEWAY_ORIGINS.includes(o));
  return { granted, deepInspection, origins: [pattern, ...(embedded.length ? embedded : GATEWAY_ORIGINS)] };
}

/** Pictures taken this session, by tab, frame and target: memory only. */
const pictures = new Map<string, Picture>();

async function measure(tabId: number, frameId: number, target: string | string[]): Promise<Measured | null> {
  return (await browser.tabs.sendMessage(tabId, { type: 'measure', target }, { frameId })) as Measured | null;
}

/** Screenshot of the visible tab cropped to the element; frames add their iframe's offset, hop by hop. */
async function takePicture(
  tabId: number,
  frameId: number,
  target: (string | string[])[],
  padding?: number,
  checkId?: string,
): Promise<Picture> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active) throw new PictureError('Only the visible tab can be photographed: bring the audited tab to the front.');
  const element = await measure(tabId, frameId, target[target.length - 1]);
  if (!element) throw new PictureError('The element is no longer on the page.');
  let rect = element.rect;
  let viewport = element.viewport;
  let current = frameId;
  for (let level = target.length - 2; level >= 0 && current !== 0; level--) {
    const parent = auditor.parentFrame(tabId, current) ?? 0;
    const host = await measure(tabId, parent, target[level]);
    if (!host) throw new PictureError('The frame that holds the element could not be found.');
    rect = { x: rect.x + host.rect.x + host.clientLeft, y: rect.y + host.rect.y + host.clientTop, w: rect.w, h: rect.h };
    viewport = host.viewport;
    current = parent;
  }
  const screenshot = await browser.tabs.captureVisibleTab(tab.windowId!, { format: 'png' }).catch((error: unknown) => {
    // Firefox photographs a tab only with activeTab (or all sites), not with the site's own host permission.
    const unavailable = captureUnavailableReason(error);
    throw unavailable ? new PictureError(unavailable) : error;
  });
  const picture: Picture = {
    ...(await cropScreenshot(screenshot, rect, viewport, element.dpr, padding)),
    url: auditor.report(tabId)?.url,
    checkId,
  };
  // Pictures the reviewer took are kept (in memory, bounded) so the review page can attach them as evidence.
  if (checkId) {
    pictures.set(`${tabId}:${frameId}:${JSON.stringify(target)}`, picture);
    if (pictures.size > 100) pictures.delete(pictures.keys().next().value!);
  }
  return picture;
}

/**
 * "Test cancel": presses the control the cancel check passed on, records it in the timeline, and keeps observing —
 * the polling and flow checks then judge whether the page stopped and left the waiting step.
 */
async function exerciseCancel(tabId: number): Promise<{ pressed: boolean; label?: string; reason?: string; at?: number }> {
  const report = auditor.report(tabId);
  const control = checkOf(report, 'cancel')?.press;
  if (!control) return { pressed: false, reason: 'no usable cancel control was found on the page' };
  const at = Date.now();
  const result = (await browser.tabs.sendMessage(
    tabId,
    { type: 'press', target: control.target[control.target.length - 1] },
    { frameId: control.frameId ?? 0 },
  )) as { pressed: boolean; label?: string; reason?: string };
  auditor.timeline(tabId).action({
    at,
    action: 'press-cancel',
    target: result.label ?? control.name ?? '',
    result: result.pressed ? 'pressed' : result.reason,
  });
  return { ...result, at };
}

/**
 * Outlines the evidence of every check at once (the code, the cancel control, the preview, the logos…), each
 * labelled with its check and verdict, in the frame that holds it.
 */
function showEvidence(tabId: number): number {
  const report = auditor.report(tabId);
  const byFrame = new Map<number, { target: string | string[]; label: string }[]>();
  for (const check of report?.checks ?? []) {
    if (check.status === 'not-applicable') continue;
    const f =
      check.findings.find((x) => x.target.length && (x.outcome === 'fail' || x.outcome === 'review')) ??
      check.findings.find((x) => x.target.length && x.outcome === 'pass');
    if (!f) continue;
    const frameId = f.frameId ?? 0;
    byFrame.set(frameId, [
      ...(byFrame.get(frameId) ?? []),
      { target: f.target[f.target.length - 1], label: `${check.id}: ${check.status.toUpperCase()}` },
    ]);
  }
  let shown = 0;
  for (const [frameId, items] of byFrame) if (command(tabId, frameId, { type: 'highlight-all', items })) shown += items.length;
  return shown;
}

const comparing = new Set<number>();

/**
 * With official logos loaded (options page), photographs each judged page logo once and compares it by
 * perceptual hash; the comparison joins the brand-logo verdict. Needs the tab visible, like any screenshot.
 */
async function compareLogos(tabId: number, report: TabReport | undefined): Promise<void> {
  const check = checkOf(report, 'brand-logo');
  if (!check || comparing.has(tabId)) return;
  const logos = ((await browser.storage.local.get(OFFICIAL_LOGOS_KEY))[OFFICIAL_LOGOS_KEY] as OfficialLogo[] | undefined) ?? [];
  if (!logos.length) return;
  const todo = check.findings
    .filter((f) => f.evidence.kind === 'logo' && !auditor.hasLogoComparison(tabId, JSON.stringify(f.target)))
    .slice(0, 4);
  if (!todo.length) return;
  comparing.add(tabId);
  try {
    for (const f of todo) {
      try {
        const picture = await takePicture(tabId, f.frameId ?? 0, f.target, 0);
        const hash = await hashImage(picture.dataUrl);
        const closest = closestOfficial(hash, f.evidence.brandId as OfficialLogo['brand'], logos);
        await persist(
          tabId,
          auditor.addLogoComparison(tabId, { target: JSON.stringify(f.target), hash, picture: picture.dataUrl, closest }),
        );
      } catch {
        // Not visible now (another tab in front, element scrolled away): try again on a later audit.
      }
      await new Promise((r) => setTimeout(r, 600)); // captureVisibleTab allows about two calls a second
    }
  } finally {
    comparing.delete(tabId);
  }
}

browser.runtime.onMessage.addListener(async (raw: unknown) => {
  const request = raw as PopupRequest;
  switch (request?.type) {
    case 'get-report': {
      await restore(request.tabId);
      // Only a tab whose time-based verdicts can still move (as the alarm's refresh): a popup open on a quiet tab
      // costs no evaluation, which on a 10k-element page takes the worker a second under load.
      const fresh = auditor.refresh(request.tabId, 1000, true);
      if (fresh) await persist(request.tabId, fresh);
      return { report: auditor.report(request.tabId) ?? null, rules: ruleMetas() };
    }
    case 'audit-once': {
      // Only what changed comes back (nothing when nothing did): every popup open asks, and the report the
      // background keeps is current up to the last change (get-report refreshes its time-based checks).
      const reached = command(request.tabId, undefined, { type: 'regather' });
      if (reached) return { ok: true, injected: 0 };
      try {
        return { ok: true, injected: await injectNow(request.tabId) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    }
    case 'sync-registrations': {
      const origins = await syncRegistrations();
      if (request.tabId !== undefined && !command(request.tabId, undefined, { type: 'regather', whole: true })) {
        await injectNow(request.tabId).catch(() => 0);
      }
      return { origins };
    }
    case 'site-status':
      return siteStatus(request.url, request.tabId);
    case 'highlight':
      return { ok: command(request.tabId, request.frameId, { type: 'highlight', target: request.target, label: request.label }) };
    case 'clear-highlight':
      return { ok: command(request.tabId, undefined, { type: 'clear-highlight' }) };
    case 'picture':
      try {
        return { picture: await takePicture(request.tabId, request.frameId, request.target, undefined, request.checkId) };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    case 'get-pictures':
      return { pictures: [...pictures.values()].filter((p) => p.url && p.checkId) };
    case 'exercise-cancel':
      try {
        return await exerciseCancel(request.tabId);
      } catch (error) {
        return { pressed: false, reason: error instanceof Error ? error.message : String(error) };
      }
    case 'set-deep-inspection':
      return setDeepInspection(request.tabId, request.url, request.enabled);
    case 'show-evidence':
      return { shown: showEvidence(request.tabId) };
    case 'toggle-panel':
      return togglePanel(request.tabId, request.show);
    case 'panel-state':
      return { shown: await panelShown(request.tabId) };
    case 'session-mark':
      return { mark: await sessionMark() };
    case 'tamper-state':
      return { tamper: tamperState(request.tabId) };
    case 'get-timeline':
      return { timeline: auditor.report(request.tabId)?.timeline ?? null };
    case 'reset': {
      auditor.reset(request.tabId);
      await unstore(request.tabId);
      command(request.tabId, undefined, { type: 'regather', whole: true });
      return { ok: true };
    }
    default:
      return undefined;
  }
});

// Network activity changes time-based verdicts (polling, errors) without any DOM change: re-evaluate, throttled.
const pendingEvaluations = new Map<number, ReturnType<typeof setTimeout>>();
const network = new NetworkObserver(
  auditor,
  (tabId) => {
    if (pendingEvaluations.has(tabId) || !auditor.report(tabId)) return;
    pendingEvaluations.set(
      tabId,
      setTimeout(() => {
        pendingEvaluations.delete(tabId);
        if (auditor.report(tabId)) void persist(tabId, auditor.evaluate(tabId));
      }, 1000),
    );
  },
  browserNetworkApi(),
);

/**
 * webRequest / webNavigation granted or taken away (with "Audit this site", or in the browser's settings): listen
 * accordingly and re-judge the audited tabs, whose network checks say what they could not observe.
 */
async function syncNetwork(): Promise<void> {
  const before = network.observing().join();
  await network.sync().catch((error) => console.error('WYSIWYS Auditor: could not observe the network', error));
  if (network.observing().join() === before) return;
  for (const tabId of auditor.tabIds()) if (auditor.report(tabId)) await persist(tabId, auditor.evaluate(tabId));
}

browser.permissions.onAdded.addListener(() => void syncRegistrations().then(syncDeepInspection).finally(syncNetwork));
browser.permissions.onRemoved.addListener(() => void syncRegistrations().then(syncDeepInspection).finally(syncNetwork));

// While the worker runs, keep time-based verdicts (and the badge) current for tabs being audited.
setInterval(() => {
  for (const tabId of auditor.tabIds()) {
    const fresh = auditor.refresh(tabId, 3000, true);
    if (fresh) void persist(tabId, fresh);
  }
}, 3000);

// The extension's language: the user's choice (settings / popup), else the browser's. Reports are written in it.
async function applyLanguage(): Promise<void> {
  const stored = (await browser.storage.local.get(UI_LANGUAGE_KEY))[UI_LANGUAGE_KEY];
  const locale = isLocale(stored) ? stored : localeFor(browser.i18n.getUILanguage());
  if (locale === auditor.locale) return;
  auditor.locale = locale;
  for (const tabId of auditor.tabIds()) if (auditor.report(tabId)) await persist(tabId, auditor.evaluate(tabId));
}
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes[UI_LANGUAGE_KEY]) void applyLanguage();
});

/** Ready once registrations match the granted sites; the CLI and tests wait for this before opening pages. */
const ready = applyLanguage()
  .then(() => network.sync())
  .then(() => syncRegistrations())
  .catch((error) => {
    console.error('WYSIWYS Auditor: could not register the content script', error);
    return [] as string[];
  });

// Hooks for automation (the CLI and browser tests evaluate these inside the service worker).
Object.assign(globalThis, {
  wysiwys: {
    ready,
    report: (tabId: number) => auditor.refresh(tabId, 1000) ?? auditor.report(tabId),
    reports: () => Object.fromEntries(auditor.reports()),
    frames: (tabId: number) => auditor.frameIds(tabId),
    howRead: (tabId: number, frameId = 0) => auditor.howRead(tabId, frameId),
    picture: (tabId: number, frameId: number, target: (string | string[])[], checkId?: string) =>
      takePicture(tabId, frameId, target, undefined, checkId),
    exerciseCancel: (tabId: number) => exerciseCancel(tabId),
    setDeepInspection: (tabId: number, url: string, enabled: boolean) => setDeepInspection(tabId, url, enabled),
    togglePanel: (tabId: number, show?: boolean) => togglePanel(tabId, show),
    showEvidence: (tabId: number) => showEvidence(tabId),
    probe: (tabId: number, frameId?: number) => probe(tabId, frameId),
    tamper: (tabId: number) => tamperState(tabId),
    sessionMark: () => sessionMark(),
    /** The network permissions being observed (webRequest, webNavigation): what the timeline can record. */
    observing: () => network.observing(),
  },
});
