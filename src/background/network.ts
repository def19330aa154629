/**
 * Records what audited tabs do on the network and how they navigate: webRequest and webNavigation, observe only
 * (no blocking, no changes). Chrome reports requests only for hosts the user granted, so nothing else is seen.
 * Events go into the tab's in-memory timeline; nothing is sent anywhere.
 *
 * Both permissions are optional (webNavigation alone would show "Read your browsing history" at install): the
 * listeners are added only while the permission is granted, added again when it is granted later and dropped when it
 * is taken away. Until then the timeline says which permission is missing, so the rules do not read silence as absence.
 */
import type { WebNavigation, WebRequest } from 'webextension-polyfill';
import type { TabAuditor } from './tabs';
import { NETWORK_PERMISSIONS, type NetworkPermission } from '../shared/permissions';

/** Resource types worth keeping: documents, frames, API calls, live connections. Images, fonts and styles are noise. */
const KEPT_TYPES = new Set(['main_frame', 'sub_frame', 'xmlhttprequest', 'websocket', 'other', 'ping', 'script']);

// biome-ignore lint/suspicious/noExplicitAny: listeners of several event types share one list
type AnyListener = (details: any) => void;

interface ApiEvent {
  addListener(listener: AnyListener, ...extra: unknown[]): void;
  removeListener(listener: AnyListener): void;
}

/** The parts of the extension API the observer uses; the browser's own in the worker, a fake in unit tests. */
export interface NetworkApi {
  permissions: { contains(p: { permissions: string[] }): Promise<boolean> };
  /** Looked up on every sync: the browser adds the namespace when the permission is granted and removes it after. */
  namespace(name: NetworkPermission): Record<string, ApiEvent> | undefined;
}

/** The browser's API: `browser` in Firefox, `chrome` in Chrome (read live, not through a polyfill's cached wrapper). */
export function browserNetworkApi(): NetworkApi {
  const root =
    (globalThis as unknown as { browser?: Record<string, unknown>; chrome?: Record<string, unknown> }).browser ??
    (globalThis as unknown as { chrome?: Record<string, unknown> }).chrome ??
    {};
  return {
    permissions: {
      contains: async (p) => {
        const permissions = root.permissions as { contains(p: unknown): Promise<boolean> } | undefined;
        return permissions ? await permissions.contains(p).catch(() => false) : false;
      },
    },
    namespace: (name) => root[name] as Record<string, ApiEvent> | undefined,
  };
}

interface Registration {
  event: ApiEvent;
  listener: AnyListener;
}

export class NetworkObserver {
  private registered = new Map<NetworkPermission, Registration[]>();
  private syncing: Promise<NetworkPermission[]> = Promise.resolve([]);

  constructor(
    private readonly auditor: TabAuditor,
    private readonly onActivity: (tabId: number) => void,
    private readonly api: NetworkApi,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The permissions being observed now. */
  observing(): NetworkPermission[] {
    return NETWORK_PERMISSIONS.filter((p) => this.registered.has(p));
  }

  /**
   * Makes the listeners match the granted permissions (at start-up and on permissions.onAdded / onRemoved), and tells
   * the auditor what is missing. Returns the missing permissions. Calls run one after another.
   */
  sync(): Promise<NetworkPermission[]> {
    this.syncing = this.syncing.catch(() => []).then(() => this.syncNow());
    return this.syncing;
  }

  private async syncNow(): Promise<NetworkPermission[]> {
    const missing: NetworkPermission[] = [];
    for (const permission of NETWORK_PERMISSIONS) {
      const granted = await this.api.permissions.contains({ permissions: [permission] });
      const namespace = granted ? this.api.namespace(permission) : undefined;
      if (namespace) {
        if (!this.registered.has(permission)) {
          const registrations = this.add(permission, namespace);
          if (registrations.length) {
            this.registered.set(permission, registrations);
            // Granted while tabs were being audited: what came before was not recorded.
            if (permission === 'webRequest' && this.auditor.tabIds().length) this.auditor.recordingSince = this.now();
          } else missing.push(permission);
        }
      } else {
        this.remove(permission);
        missing.push(permission);
      }
    }
    this.auditor.missingPermissions = missing;
    return missing;
  }

  private add(permission: NetworkPermission, ns: Record<string, ApiEvent>): Registration[] {
    const out: Registration[] = [];
    const on = (name: string, listener: AnyListener, ...extra: unknown[]) => {
      const event = ns[name];
      if (!event?.addListener) return;
      try {
        event.addListener(listener, ...extra);
        out.push({ event, listener });
      } catch (error) {
        console.warn(`WYSIWYS Auditor: could not observe ${permission}.${name}`, error);
      }
    };
    if (permission === 'webRequest') this.observeRequests(on);
    else this.observeNavigation(on);
    return out;
  }

  private remove(permission: NetworkPermission): void {
    for (const { event, listener } of this.registered.get(permission) ?? []) {
      try {
        event.removeListener(listener);
      } catch {
        /* the namespace went away with the permission: its listeners went with it */
      }
    }
    this.registered.delete(permission);
  }

  private observeRequests(on: (name: string, listener: AnyListener, ...extra: unknown[]) => void): void {
    const { auditor, onActivity } = this;
    const filter = { urls: ['<all_urls>'] };
    const keep = (d: { tabId: number; type: string }) => d.tabId >= 0 && KEPT_TYPES.has(d.type);

    on(
      'onBeforeRequest',
      (d: WebRequest.OnBeforeRequestDetailsType) => {
        if (!keep(d)) return;
        auditor.timeline(d.tabId).requestStarted({
          id: d.requestId,
          kind: d.type === 'websocket' ? 'websocket' : d.type === 'main_frame' || d.type === 'sub_frame' ? 'navigation' : 'request',
          method: d.method,
          url: d.url,
          type: d.type,
          frameId: d.frameId,
          start: d.timeStamp,
        });
      },
      filter,
    );

    on(
      'onBeforeRedirect',
      (d: WebRequest.OnBeforeRedirectDetailsType) => {
        if (!keep(d)) return;
        auditor.timeline(d.tabId).requestRedirected(d.requestId, d.timeStamp, d.statusCode, d.redirectUrl);
      },
      filter,
    );

    on(
      'onResponseStarted',
      (d: WebRequest.OnResponseStartedDetailsType) => {
        if (!keep(d)) return;
        const type = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value;
        auditor.timeline(d.tabId).responseStarted(d.requestId, type);
        // An EventSource stays open: note it when its response starts.
        if (type?.includes('text/event-stream')) onActivity(d.tabId);
      },
      filter,
      ['responseHeaders'],
    );

    on(
      'onCompleted',
      (d: WebRequest.OnCompletedDetailsType) => {
        if (!keep(d)) return;
        auditor.timeline(d.tabId).requestEnded(d.requestId, d.timeStamp, { status: d.statusCode });
        onActivity(d.tabId);
      },
      filter,
    );

    on(
      'onErrorOccurred',
      (d: WebRequest.OnErrorOccurredDetailsType) => {
        if (!keep(d)) return;
        auditor.timeline(d.tabId).requestEnded(d.requestId, d.timeStamp, { error: d.error });
        onActivity(d.tabId);
      },
      filter,
    );
  }

  private observeNavigation(on: (name: string, listener: AnyListener) => void): void {
    const { auditor, onActivity } = this;
    on('onCommitted', (d: WebNavigation.OnCommittedDetailsType) => {
      if (d.tabId < 0 || !auditor.isAudited(d.tabId)) return;
      auditor.timeline(d.tabId).navigation({
        at: d.timeStamp,
        frameId: d.frameId,
        url: d.url,
        transition: d.transitionType,
        qualifiers: d.transitionQualifiers,
      });
    });
    on('onErrorOccurred', (d: WebNavigation.OnErrorOccurredDetailsType) => {
      if (d.tabId < 0 || !auditor.isAudited(d.tabId)) return;
      // Chrome passes the net error text; the Firefox typings do not declare it.
      const error = (d as { error?: string }).error ?? 'navigation failed';
      auditor.timeline(d.tabId).navigation({ at: d.timeStamp, frameId: d.frameId, url: d.url, error });
      onActivity(d.tabId);
    });
  }
}
