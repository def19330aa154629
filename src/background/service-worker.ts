/**
 * Service worker: receives frame snapshots over ports, keeps each tab's combined report (in memory and in
 * storage.session, which never leaves the machine), draws the badge, and registers the content script for the
 * sites the user granted. Nothing is sent anywhere.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import contentScript from '../content/content-script.ts?script';
import { ruleMetas } from '../audit/engine';
import type { TabReport } from '../audit/types';
import {
  GATEWAY_ORIGINS, PORT_NAME, originPattern, reportKey, type ContentCommand, type FrameMessage, type PopupRequest, type SiteStatus,
} from '../shared/messages';
import { TabAuditor, failingCount } from './tabs';

const SCRIPT_ID = 'wysiwys-auditor';
const auditor = new TabAuditor();
/** Ports of live frames, per tab and frame, to send highlight commands. */
const ports = new Map<number, Map<number, Runtime.Port>>();
const restored = new Set<number>();

async function persist(tabId: number, report: TabReport | undefined): Promise<void> {
  if (!report) return;
  await browser.storage.session.set({ [reportKey(tabId)]: report });
  const fails = failingCount(report);
  await browser.action.setBadgeText({ tabId, text: fails ? String(fails) : '' }).catch(() => undefined);
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#c5221f' }).catch(() => undefined);
  await browser.action.setTitle({ tabId, title: fails ? `WYSIWYS Auditor: ${fails} failing check(s)` : 'WYSIWYS Auditor' }).catch(() => undefined);
}

/** After a service-worker restart, continue the tab's session from what storage.session kept. */
async function restore(tabId: number): Promise<void> {
  if (restored.has(tabId)) return;
  restored.add(tabId);
  const stored = await browser.storage.session.get(reportKey(tabId));
  auditor.restore(tabId, stored[reportKey(tabId)] as TabReport | undefined);
}

browser.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  const sender = port.sender as Runtime.MessageSender & { documentId?: string; parentFrameId?: number } | undefined;
  const tabId = sender?.tab?.id;
  const frameId = sender?.frameId ?? 0;
  if (tabId === undefined) return;
  const documentId = sender?.documentId;
  let tabPorts = ports.get(tabId);
  if (!tabPorts) ports.set(tabId, (tabPorts = new Map()));
  tabPorts.set(frameId, port);
  port.onMessage.addListener(async (raw: unknown) => {
    const message = raw as FrameMessage;
    if (message?.type !== 'snapshot') return;
    await restore(tabId);
    const report = auditor.update(tabId, frameId, message.snapshot, documentId, sender?.parentFrameId);
    await persist(tabId, report);
  });
  port.onDisconnect.addListener(async () => {
    if (ports.get(tabId)?.get(frameId) === port) ports.get(tabId)!.delete(frameId);
    await persist(tabId, auditor.removeFrame(tabId, frameId, documentId));
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  auditor.forget(tabId);
  ports.delete(tabId);
  void browser.storage.session.remove(reportKey(tabId));
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
  const embedded = tabId === undefined ? [] : auditor.embeddedOrigins(tabId).map((o) => `${o}/*`).filter((o) => GATEWAY_ORIGINS.includes(o));
  return { granted, origins: [pattern, ...(embedded.length ? embedded : GATEWAY_ORIGINS)] };
}

browser.runtime.onMessage.addListener(async (raw: unknown) => {
  const request = raw as PopupRequest;
  switch (request?.type) {
    case 'get-report': {
      await restore(request.tabId);
      return { report: auditor.report(request.tabId) ?? null, rules: ruleMetas() };
    }
    case 'audit-once': {
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
      if (request.tabId !== undefined && !command(request.tabId, undefined, { type: 'regather' })) {
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
    case 'reset': {
      auditor.reset(request.tabId);
      await browser.storage.session.remove(reportKey(request.tabId));
      command(request.tabId, undefined, { type: 'regather' });
      return { ok: true };
    }
    default:
      return undefined;
  }
});

browser.permissions.onAdded.addListener(() => void syncRegistrations());
browser.permissions.onRemoved.addListener(() => void syncRegistrations());

/** Ready once registrations match the granted sites; the CLI and tests wait for this before opening pages. */
const ready = syncRegistrations().catch((error) => {
  console.error('WYSIWYS Auditor: could not register the content script', error);
  return [] as string[];
});

// Hooks for automation (the CLI and browser tests evaluate these inside the service worker).
Object.assign(globalThis, {
  wysiwys: {
    ready,
    report: (tabId: number) => auditor.report(tabId),
    reports: () => Object.fromEntries(auditor.reports()),
    frames: (tabId: number) => auditor.frameIds(tabId),
  },
});
