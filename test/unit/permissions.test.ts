/**
 * Least privilege: the install prompt asks for nothing that warns (no host access, no webNavigation = "Read your
 * browsing history"); webRequest / webNavigation are optional, observed only while granted (listeners added when
 * granted later, removed when taken away, no throw when the API is absent), and until then the network checks say
 * "not observed: permission not granted" — never a pass and never "no status checks" on that silence.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NetworkObserver, type NetworkApi } from '../../src/background/network';
import { NETWORK_PERMISSIONS } from '../../src/shared/permissions';
import { TabAuditor } from '../../src/background/tabs';
import { TimelineRecorder } from '../../src/audit/network/timeline';
import type { NetworkPermission, PageState, Timeline } from '../../src/audit/network/types';
import { evaluate as polling } from '../../src/audit/rules/polling';
import { evaluate as flow } from '../../src/audit/rules/flow';
import { evaluate as errorHandling } from '../../src/audit/rules/error-handling';
import { evidenceFieldLabels } from '../../src/view/evidence-fields';
import type { PageSnapshot } from '../../src/audit/types';
import { emptyFrame } from '../support/snapshots';

const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../manifest.json'), 'utf8')) as Record<
  string,
  string[] | undefined
>;

/** Chrome's install warnings (developer.chrome.com, "Permissions with warnings"); storage, scripting, activeTab,
 * unlimitedStorage and webRequest have none, but webRequest is useless without host access and is asked with it. */
const WARNS_AT_INSTALL = new Set([
  'webNavigation',
  'tabs',
  'history',
  'bookmarks',
  'topSites',
  'declarativeNetRequest',
  'declarativeNetRequestFeedback',
  'debugger',
  'pageCapture',
  'tabCapture',
  'desktopCapture',
  'downloads',
  'management',
  'nativeMessaging',
  'clipboardRead',
  'cookies',
  'proxy',
  'privacy',
  'contentSettings',
]);

describe('the manifest', () => {
  it('asks at install for no host access and nothing with an install warning', () => {
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect((manifest.content_scripts as unknown as unknown[] | undefined) ?? []).toEqual([]);
    const required = manifest.permissions ?? [];
    expect(required.filter((p) => WARNS_AT_INSTALL.has(p) || p.includes('://') || p === '<all_urls>')).toEqual([]);
    expect(required).not.toContain('webRequest');
  });

  it('declares webRequest and webNavigation optional, with the sites, for "Audit this site" to ask for', () => {
    expect([...(manifest.optional_permissions ?? [])].sort()).toEqual([...NETWORK_PERMISSIONS].sort());
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
  });
});

/** A browser's events and permissions, as far as the observer uses them. */
function fakeBrowser(granted: NetworkPermission[], { namespaces = true, removeThrows = false } = {}) {
  const listeners = new Map<string, Set<(d: unknown) => void>>();
  const event = (name: string) => ({
    addListener: (l: (d: unknown) => void) => {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(l);
    },
    removeListener: (l: (d: unknown) => void) => {
      if (removeThrows) throw new Error('namespace gone');
      listeners.get(name)?.delete(l);
    },
  });
  const events: Record<NetworkPermission, string[]> = {
    webRequest: ['onBeforeRequest', 'onBeforeRedirect', 'onResponseStarted', 'onCompleted', 'onErrorOccurred'],
    webNavigation: ['onCommitted', 'onErrorOccurred'],
  };
  const grants = new Set(granted);
  const api: NetworkApi = {
    permissions: { contains: async ({ permissions }) => permissions.every((p) => grants.has(p as NetworkPermission)) },
    namespace: (name) =>
      namespaces && grants.has(name) ? Object.fromEntries(events[name].map((e) => [e, event(`${name}.${e}`)])) : undefined,
  };
  const count = (prefix: NetworkPermission) =>
    [...listeners.entries()].filter(([k]) => k.startsWith(`${prefix}.`)).reduce((n, [, s]) => n + s.size, 0);
  const fire = (name: string, details: unknown) => {
    for (const l of listeners.get(name) ?? []) l(details);
  };
  return { api, grants, count, fire };
}

describe('observing the network only while permitted', () => {
  it('adds no listener and names both permissions as missing before they are granted', async () => {
    const auditor = new TabAuditor();
    const b = fakeBrowser([]);
    const observer = new NetworkObserver(auditor, () => undefined, b.api);
    expect(await observer.sync()).toEqual(['webRequest', 'webNavigation']);
    expect(b.count('webRequest') + b.count('webNavigation')).toBe(0);
    expect(auditor.missingPermissions).toEqual(['webRequest', 'webNavigation']);
    expect(observer.observing()).toEqual([]);
  });

  it('does not throw when the permission is reported but the API is absent (and counts it as missing)', async () => {
    const auditor = new TabAuditor();
    const observer = new NetworkObserver(auditor, () => undefined, fakeBrowser(['webRequest', 'webNavigation'], { namespaces: false }).api);
    await expect(observer.sync()).resolves.toEqual(['webRequest', 'webNavigation']);
  });

  it('adds the listeners once granted, records requests, and takes them away when the permission is removed', async () => {
    let now = 50_000;
    const auditor = new TabAuditor(() => now);
    const b = fakeBrowser([]);
    const observer = new NetworkObserver(
      auditor,
      () => undefined,
      b.api,
      () => now,
    );
    await observer.sync();
    // A tab already audited when the user grants: what came before was not recorded.
    auditor.timeline(7);
    b.grants.add('webRequest');
    b.grants.add('webNavigation');
    now = 60_000;
    expect(await observer.sync()).toEqual([]);
    await observer.sync(); // onAdded may fire more than once: never twice the listeners
    expect(b.count('webRequest')).toBe(5);
    expect(b.count('webNavigation')).toBe(2);
    expect(auditor.missingPermissions).toEqual([]);
    expect(auditor.recordingSince).toBe(60_000);
    b.fire('webRequest.onBeforeRequest', {
      tabId: 7,
      requestId: 'a',
      type: 'xmlhttprequest',
      method: 'GET',
      url: 'https://x.example/status',
      frameId: 0,
      timeStamp: 60_100,
    });
    expect(
      auditor
        .timeline(7)
        .timeline()
        .events.map((e) => e.url),
    ).toEqual(['https://x.example/status']);

    b.grants.delete('webNavigation');
    expect(await observer.sync()).toEqual(['webNavigation']);
    expect(b.count('webNavigation')).toBe(0);
    expect(b.count('webRequest')).toBe(5);
    expect(observer.observing()).toEqual(['webRequest']);
  });

  it('survives a browser that already dropped the listeners with the permission', async () => {
    const auditor = new TabAuditor();
    const b = fakeBrowser(['webRequest'], { removeThrows: true });
    const observer = new NetworkObserver(auditor, () => undefined, b.api);
    await observer.sync();
    b.grants.delete('webRequest');
    await expect(observer.sync()).resolves.toEqual(['webRequest', 'webNavigation']);
    expect(observer.observing()).toEqual([]);
  });

  it('passes what is missing to the rules through the timeline', () => {
    const auditor = new TabAuditor(() => 1000);
    auditor.missingPermissions = ['webRequest'];
    const report = auditor.update(3, 0, emptyFrame('https://shop.example.lt/'), undefined, -1);
    expect(report.checks.find((c) => c.id === 'polling')?.summary).toMatch(/not observed: permission not granted \(webRequest\)/);
  });
});

const T0 = 1_800_000_000_000;
const URL = 'https://shop.example.lt/sign';
const page = (tl: Timeline, now: number): PageSnapshot => ({ url: URL, now, timeline: tl, frames: [emptyFrame(URL, { gatheredAt: now })] });
const state = (at: number, step: PageState['step'], extra: Partial<PageState> = {}): PageState => ({
  at: T0 + at,
  url: URL,
  step,
  ...extra,
});

function timeline(states: PageState[], missing?: NetworkPermission[], recordingSince?: number): Timeline {
  const rec = new TimelineRecorder();
  for (const s of states) rec.state(s);
  return { ...rec.timeline(), ...(missing ? { missingPermissions: missing } : {}), ...(recordingSince ? { recordingSince } : {}) };
}

describe('network checks before the permission is granted', () => {
  it('polling: a phone step on screen with no status checks seen is "needs review: not observed", not a failure', () => {
    const out = polling(page(timeline([state(0, 'waiting', { text: 'Verification code' })], ['webRequest']), T0 + 30_000));
    expect(out.status).toBe('review');
    expect(out.summary).toBe('Status checks not observed: permission not granted (webRequest). Grant it with "Audit this site".');
    expect(out.findings[0].evidence.missingPermission).toBe('webRequest');
    // The same page with the permission: the page made no status checks, a failure.
    expect(polling(page(timeline([state(0, 'waiting', { text: 'Verification code' })]), T0 + 30_000)).status).toBe('fail');
  });

  it('polling: with no phone step it is not applicable, and says the checks were not observed', () => {
    const out = polling(page(timeline([state(0, 'none')], ['webRequest', 'webNavigation']), T0 + 5000));
    expect(out.status).toBe('not-applicable');
    expect(out.summary).toMatch(/^Status checks not observed: permission not granted/);
  });

  it('polling: counts the silence from when recording began, when the permission came mid-step', () => {
    const tl = timeline([state(0, 'waiting', { text: 'Verification code' })], undefined, T0 + 20_000);
    expect(polling(page(tl, T0 + 23_000)).status).toBe('not-applicable');
    expect(polling(page(tl, T0 + 30_000)).status).toBe('fail');
  });

  it('flow: a step whose navigation cannot be seen needs review, naming the permission', () => {
    const tl = timeline([state(0, 'waiting'), state(5000, 'terminal', { text: 'Document signed', outcome: 'signed' })], ['webNavigation']);
    const out = flow(page(tl, T0 + 40_000));
    expect(out.status).toBe('review');
    expect(out.summary).toMatch(/not observed: permission not granted \(webNavigation\)/);
    expect(flow(page(timeline([state(0, 'none')], ['webNavigation']), T0 + 1000)).status).toBe('not-applicable');
  });

  it('error handling: a human message shown is no pass while failed requests cannot be seen; nothing shown is not applicable', () => {
    const shown = timeline([state(0, 'terminal', { text: 'Signing failed', outcome: 'error', errors: ['Signing failed, try again'] })]);
    expect(errorHandling(page(shown, T0 + 1000)).status).toBe('pass');
    const unseen = errorHandling(page({ ...shown, missingPermissions: ['webRequest'] }, T0 + 1000));
    expect(unseen.status).toBe('review');
    expect(unseen.summary).toMatch(/failed requests not observed: permission not granted \(webRequest\)/);
    const quiet = errorHandling(page(timeline([state(0, 'none')], ['webRequest']), T0 + 1000));
    expect(quiet.status).toBe('not-applicable');
    expect(quiet.summary).toMatch(/failed requests not observed: permission not granted/);
  });

  it('names its evidence for people', () => {
    expect(evidenceFieldLabels.missingPermission).toBeTruthy();
  });
});
