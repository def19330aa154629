/**
 * Records what audited tabs do on the network and how they navigate: webRequest and webNavigation, observe only
 * (no blocking, no changes). Chrome reports requests only for hosts the user granted, so nothing else is seen.
 * Events go into the tab's in-memory timeline; nothing is sent anywhere.
 */
import browser, { type WebRequest } from 'webextension-polyfill';
import type { TabAuditor } from './tabs';

/** Resource types worth keeping: documents, frames, API calls, live connections. Images, fonts and styles are noise. */
const KEPT_TYPES = new Set(['main_frame', 'sub_frame', 'xmlhttprequest', 'websocket', 'other', 'ping', 'script']);

export function recordNetwork(auditor: TabAuditor, onActivity: (tabId: number) => void): void {
  const filter = { urls: ['<all_urls>'] };
  const keep = (d: { tabId: number; type: string }) => d.tabId >= 0 && KEPT_TYPES.has(d.type);

  browser.webRequest.onBeforeRequest.addListener((d: WebRequest.OnBeforeRequestDetailsType) => {
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
  }, filter);

  browser.webRequest.onBeforeRedirect.addListener((d: WebRequest.OnBeforeRedirectDetailsType) => {
    if (!keep(d)) return;
    auditor.timeline(d.tabId).requestRedirected(d.requestId, d.timeStamp, d.statusCode, d.redirectUrl);
  }, filter);

  browser.webRequest.onResponseStarted.addListener(
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

  browser.webRequest.onCompleted.addListener((d: WebRequest.OnCompletedDetailsType) => {
    if (!keep(d)) return;
    auditor.timeline(d.tabId).requestEnded(d.requestId, d.timeStamp, { status: d.statusCode });
    onActivity(d.tabId);
  }, filter);

  browser.webRequest.onErrorOccurred.addListener((d: WebRequest.OnErrorOccurredDetailsType) => {
    if (!keep(d)) return;
    auditor.timeline(d.tabId).requestEnded(d.requestId, d.timeStamp, { error: d.error });
    onActivity(d.tabId);
  }, filter);

  browser.webNavigation.onCommitted.addListener((d) => {
    if (d.tabId < 0 || !auditor.isAudited(d.tabId)) return;
    auditor.timeline(d.tabId).navigation({
      at: d.timeStamp,
      frameId: d.frameId,
      url: d.url,
      transition: d.transitionType,
      qualifiers: d.transitionQualifiers,
    });
  });
  browser.webNavigation.onErrorOccurred.addListener((d) => {
    if (d.tabId < 0 || !auditor.isAudited(d.tabId)) return;
    // Chrome passes the net error text; the Firefox typings do not declare it.
    const error = (d as { error?: string }).error ?? 'navigation failed';
    auditor.timeline(d.tabId).navigation({ at: d.timeStamp, frameId: d.frameId, url: d.url, error });
    onActivity(d.tabId);
  });
}
