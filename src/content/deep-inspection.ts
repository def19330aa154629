/**
 * Deep inspection (opt-in, off by default): runs in the page's own JavaScript world and reads copies of the page's
 * fetch / XMLHttpRequest responses for a verification code (control_code, verificationCode, verification_code,
 * vc.value), so the control-code check can compare the code shown with the code received, character for character.
 * The page gets the very same responses at the same time (fetch responses are cloned, XHR is only listened to).
 * `wysiwys:deep-off` on the document restores the original functions.
 */
(() => {
  const FLAG = '__wysiwysDeepInspection';
  const w = window as unknown as Record<string, unknown>;
  if (w[FLAG]) return;
  w[FLAG] = true;

  const CODE_KEYS = /^(control_?code|verification_?code|verificationCode|controlCode|vc|vc_?value|code)$/i;
  const originalFetch = window.fetch;
  const originalOpen = XMLHttpRequest.prototype.open;
  const originalSend = XMLHttpRequest.prototype.send;

  /** Finds 4-digit codes under code-like keys, at any depth (leading zeros kept: codes are strings or zero-padded). */
  const findCodes = (value: unknown, key = '', depth = 0, out: string[] = []): string[] => {
    if (depth > 6 || value === null || value === undefined) return out;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = typeof value === 'number' ? String(value).padStart(4, '0') : value;
      if (CODE_KEYS.test(key) && /^\d{4}$/.test(text)) out.push(text);
      return out;
    }
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, 200)) {
        // {"vc": {"value": "0041"}}: the key of the parent names the code.
        findCodes(v, k === 'value' && CODE_KEYS.test(key) ? key : k, depth + 1, out);
      }
    }
    return out;
  };

  const report = (text: string, url: string) => {
    if (!text || text.length > 200_000 || !/code|vc/i.test(text)) return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const codes = findCodes(json);
    if (!codes.length) return;
    // Strings cross from the page's world to the extension's; objects in `detail` would not.
    document.dispatchEvent(new CustomEvent('wysiwys:received-code', { detail: JSON.stringify({ codes, url: String(url).split('?')[0], at: Date.now() }) }));
  };

  window.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
    const result = originalFetch.apply(this, args);
    result.then((response) => {
      response.clone().text().then((t) => report(t, response.url), () => undefined);
    }, () => undefined);
    return result;
  } as typeof fetch;

  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    (this as unknown as Record<string, unknown>).__wysiwysUrl = args[1];
    return (originalOpen as (...a: unknown[]) => void).apply(this, args);
  } as typeof XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    this.addEventListener('load', () => {
      try {
        const text = this.responseType === '' || this.responseType === 'text' ? this.responseText : this.responseType === 'json' ? JSON.stringify(this.response) : '';
        report(text, String((this as unknown as Record<string, unknown>).__wysiwysUrl ?? this.responseURL));
      } catch {
        /* unreadable response */
      }
    });
    return originalSend.call(this, body);
  };

  document.addEventListener('wysiwys:deep-off', () => {
    window.fetch = originalFetch;
    XMLHttpRequest.prototype.open = originalOpen;
    XMLHttpRequest.prototype.send = originalSend;
    delete w[FLAG];
  }, { once: true });
})();
