/**
 * Deep inspection (opt-in, off by default): reads copies of the page's fetch / XMLHttpRequest responses for a
 * verification code (control_code, verificationCode, verification_code, vc.value), so the control-code check can
 * compare the code shown with the code received, character for character. The page gets the very same responses at
 * the same time (fetch responses are cloned, XHR is only listened to).
 *
 * Registered in the page's MAIN world at document_start for the sites where it is on, before any of the page's
 * scripts run, together with the content script in our isolated world (deep-bridge.ts): that creates a
 * MessageChannel and hands one port to this observer in a synchronous event. No page script exists yet to see that
 * event, so only our observer holds the port. The page can fire any event it likes later: nothing listens for one,
 * and the port is the only way in. Switching off also travels over the port.
 * It is never injected into a page that is already running (the page could be listening for the hand-over).
 */
import { DEEP_PORT_EVENT, DEEP_READY_EVENT, type DeepObserverMessage } from '../shared/messages';

function observer(): void {
  const w = window as unknown as Record<string | symbol, unknown>;
  const FLAG = Symbol.for('wysiwys.deepInspection');
  if (w[FLAG]) return;
  w[FLAG] = true;

  // Built-ins taken now, before the page can replace them: the page may wrap fetch later, our copies stay genuine.
  const apply = Reflect.apply;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const originalFetch = window.fetch;
  const originalOpen = XMLHttpRequest.prototype.open;
  const originalSend = XMLHttpRequest.prototype.send;
  const xhrListen = EventTarget.prototype.addEventListener;
  const getter = (proto: object, name: string) => Object.getOwnPropertyDescriptor(proto, name)!.get!;
  const responseUrl = getter(Response.prototype, 'url');
  const responseClone = Response.prototype.clone;
  const responseText = Response.prototype.text;
  const xhrResponseType = getter(XMLHttpRequest.prototype, 'responseType');
  const xhrResponseText = getter(XMLHttpRequest.prototype, 'responseText');
  const xhrResponse = getter(XMLHttpRequest.prototype, 'response');
  const xhrResponseUrl = getter(XMLHttpRequest.prototype, 'responseURL');
  const post = MessagePort.prototype.postMessage;
  const portClose = MessagePort.prototype.close;
  const then = Promise.prototype.then;
  const entries = Object.entries;
  const slice = Array.prototype.slice;
  const split = String.prototype.split;

  let port: MessagePort | null = null;
  const queued: DeepObserverMessage[] = [];
  const send = (message: DeepObserverMessage) => {
    if (port) apply(post, port, [message]);
    else if (queued.length < 20) queued.push(message);
  };

  const CODE_KEYS = /^(control_?code|verification_?code|verificationCode|controlCode|vc|vc_?value|code)$/i;

  /** Finds 4-digit codes under code-like keys, at any depth (leading zeros kept: codes are strings or zero-padded). */
  const findCodes = (value: unknown, key = '', depth = 0, out: string[] = []): string[] => {
    if (depth > 6 || value === null || value === undefined) return out;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = typeof value === 'number' ? String(value).padStart(4, '0') : value;
      if (CODE_KEYS.test(key) && /^\d{4}$/.test(text)) out.push(text);
      return out;
    }
    if (typeof value === 'object') {
      for (const [k, v] of apply(slice, entries(value as Record<string, unknown>), [0, 200]) as [string, unknown][]) {
        // {"vc": {"value": "0041"}}: the key of the parent names the code.
        findCodes(v, k === 'value' && CODE_KEYS.test(key) ? key : k, depth + 1, out);
      }
    }
    return out;
  };

  const report = (text: unknown, url: string) => {
    // Only what came over the network: a data: or blob: URL is something the page made up itself.
    if (typeof text !== 'string' || !/^https?:/i.test(url)) return;
    if (!text || text.length > 200_000 || !/code|vc/i.test(text)) return;
    let json: unknown;
    try {
      json = parse(text);
    } catch {
      return;
    }
    // Nothing of ours may throw into the page's promise chain, whatever the page did to its built-ins.
    try {
      const codes = findCodes(json);
      if (codes.length) send({ type: 'codes', codes, url: (apply(split, url, ['?']) as string[])[0], at: Date.now() });
    } catch {
      /* a page that broke its own built-ins: no evidence from it */
    }
  };

  const fetchObserver = function (this: unknown, ...args: Parameters<typeof fetch>) {
    const result = apply(originalFetch, this, args) as Promise<Response>;
    apply(then, result, [
      (response: Response) => {
        try {
          const url = String(apply(responseUrl, response, []));
          apply(then, apply(responseText, apply(responseClone, response, []), []), [(t: string) => report(t, url), () => undefined]);
        } catch {
          /* an opaque or used-up response */
        }
      },
      () => undefined,
    ]);
    return result;
  } as typeof fetch;
  const openObserver = function (this: XMLHttpRequest, ...args: unknown[]) {
    return apply(originalOpen, this, args);
  } as typeof XMLHttpRequest.prototype.open;
  const sendObserver = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    apply(xhrListen, this, [
      'load',
      () => {
        try {
          const type = apply(xhrResponseType, this, []);
          const text =
            type === '' || type === 'text'
              ? apply(xhrResponseText, this, [])
              : type === 'json'
                ? stringify(apply(xhrResponse, this, []))
                : '';
          report(text, String(apply(xhrResponseUrl, this, [])));
        } catch {
          /* unreadable response */
        }
      },
    ]);
    return apply(originalSend, this, [body]);
  };
  window.fetch = fetchObserver;
  XMLHttpRequest.prototype.open = openObserver;
  XMLHttpRequest.prototype.send = sendObserver;

  const off = () => {
    // Restore only what is still ours: a page that wrapped our functions keeps its wrapper.
    if (window.fetch === fetchObserver) window.fetch = originalFetch;
    if (XMLHttpRequest.prototype.open === openObserver) XMLHttpRequest.prototype.open = originalOpen;
    if (XMLHttpRequest.prototype.send === sendObserver) XMLHttpRequest.prototype.send = originalSend;
    if (port) apply(portClose, port, []);
    port = null;
    delete w[FLAG];
  };

  // The bridge's port arrives once, synchronously, before any page script; whatever arrives later is ignored.
  const takePort = (event: Event) => {
    const given = (event as MessageEvent).ports?.[0];
    if (!given || port) return;
    event.preventDefault();
    document.removeEventListener(DEEP_PORT_EVENT, takePort, true);
    port = given;
    port.onmessage = (e) => {
      if ((e.data as { type?: string })?.type === 'off') off();
    };
    for (const m of queued.splice(0)) apply(post, port, [m]);
  };
  // The first port wins: the bridge runs before the page's scripts (before or after this one: then it answers the
  // call below). Should it not run at all, a port the page hands over later only carries the page's data to the page.
  document.addEventListener(DEEP_PORT_EVENT, takePort, true);
  document.dispatchEvent(new Event(DEEP_READY_EVENT));
}

observer();
