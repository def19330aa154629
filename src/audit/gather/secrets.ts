/**
 * Reads what a page exposes to scripts that matters for token safety and environment: API tokens in inline
 * scripts, attributes, URLs, Web Storage and script-readable cookies; Dokobit / SK hosts it mentions; sandbox test
 * identities prefilled in inputs. Values are never kept: a hit records where, which name, and a masked preview.
 */

export interface SecretHit {
  where: 'inline-script' | 'attribute' | 'url' | 'localStorage' | 'sessionStorage' | 'cookie' | 'text';
  /** The variable, key, parameter or attribute name it was found under. */
  name: string;
  /** The first characters and the length, never the value. */
  masked: string;
  /** api-token fails; signer-url and session-token are allowed by design (domain.md §3.8). */
  kind: 'api-token' | 'signer-url' | 'session-token';
}

export interface SecretScan {
  secrets: SecretHit[];
  /** Dokobit and SK ID Solutions hosts the page mentions in scripts and attributes. */
  hosts: string[];
  /** Sandbox test identities prefilled in inputs (domain.md §1.4, §2.3, §3.1). */
  testIdentities: { value: string; field: string }[];
  /** <meta name="environment"|"env"> content, when the page says where it runs. */
  declaredEnvironment?: string;
}

const SCRIPT_BUDGET = 500_000;

export const VENDOR_HOST = /\b(?:[a-z0-9-]+\.)*(?:dokobit\.com|smart-id\.com|sk\.ee|eid\.sk\.ee)\b/gi;

/** Known sandbox test identities: personal codes and phone numbers (digits only, for comparison). */
export const TEST_IDENTITIES = [
  '30303039914', '30403039917', '30403039983', '30403039928', '30403039939', '50001029996', '50001018865', '60001019906',
  '60001018800', '37060000666', '37200000766', '37200000566', '03030310012', '03040310016', '03040310083', '02010029990',
];
const TEST_ACCOUNT = /(PNO(?:EE|LT|LV)-[\dA-Z-]+-(?:DEMO|MOCK)-Q)/i;

function mask(value: string): string {
  return `${value.slice(0, Math.min(7, Math.floor(value.length / 3)))}…(${value.length} chars)`;
}

/** Token-looking assignments and URLs in a piece of text. */
export function findTokens(text: string, where: SecretHit['where']): SecretHit[] {
  const hits: SecretHit[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string, kind: SecretHit['kind']) => {
    const key = `${name}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push({ where, name, masked: mask(value), kind });
  };
  // The signer URL carries a signer-scoped token by design.
  for (const m of text.matchAll(/\/signing\/[^/?\s"'<>]+\?(?:[^\s"'<>]*&)?access_token=([A-Za-z0-9_\-.~%]+)/g)) add('signing URL access_token', m[1], 'signer-url');
  const signerValues = new Set(hits.map((h) => h.masked));
  for (const m of text.matchAll(/testgw_[A-Za-z0-9]{8,}/g)) add('testgw_ token', m[0], 'api-token');
  for (const m of text.matchAll(/[?&]access_token=([A-Za-z0-9_\-.~%]{12,})/g)) {
    if (!signerValues.has(mask(m[1]))) add('access_token parameter', m[1], 'api-token');
  }
  for (const m of text.matchAll(/["']?([A-Za-z_$][\w$]*(?:access[_-]?token|api[_-]?(?:key|token)|dokobit[_-]?(?:token|key|secret)|secret[_-]?key)[\w$]*)["']?\s*[:=]\s*["'`]([^"'`\s]{12,})["'`]/gi)) {
    add(m[1], m[2], 'api-token');
  }
  for (const m of text.matchAll(/["']?(session_?token|sessionToken)["']?\s*[:=]\s*["'`]([^"'`\s]{8,})["'`]/g)) add(m[1], m[2], 'session-token');
  return hits;
}

export function scanSecrets(doc: Document, win: Window): SecretScan {
  const secrets: SecretHit[] = [];
  const hosts = new Set<string>();
  const noteHosts = (text: string) => {
    for (const m of text.matchAll(VENDOR_HOST)) hosts.add(m[0].toLowerCase());
  };
  let budget = SCRIPT_BUDGET;
  for (const script of Array.from(doc.scripts)) {
    if (script.src) {
      noteHosts(script.src);
      continue;
    }
    const text = (script.textContent ?? '').slice(0, budget);
    budget -= text.length;
    secrets.push(...findTokens(text, 'inline-script'));
    noteHosts(text);
    if (budget <= 0) break;
  }
  for (const el of Array.from(doc.querySelectorAll('[href],[src],[action],[data],[data-src]')).slice(0, 5000)) {
    for (const attr of ['href', 'src', 'action', 'data', 'data-src']) {
      const v = el.getAttribute(attr);
      if (!v) continue;
      noteHosts(v);
      if (v.includes('token') || v.includes('testgw_')) secrets.push(...findTokens(v, 'attribute'));
    }
  }
  secrets.push(...findTokens(doc.URL, 'url'));
  for (const [where, storage] of [['localStorage', safeStorage(() => win.localStorage)], ['sessionStorage', safeStorage(() => win.sessionStorage)]] as const) {
    if (!storage) continue;
    for (let i = 0; i < Math.min(storage.length, 200); i++) {
      const key = storage.key(i) ?? '';
      const value = storage.getItem(key) ?? '';
      const hits = findTokens(`${key}="${value.slice(0, 2000)}"`, where);
      if (!hits.length && /token|secret|api[_-]?key/i.test(key) && /^[A-Za-z0-9_\-.]{24,}$/.test(value)) {
        hits.push({ where, name: key, masked: mask(value), kind: /session/i.test(key) ? 'session-token' : 'api-token' });
      }
      secrets.push(...hits);
    }
  }
  let cookies = '';
  try {
    cookies = doc.cookie;
  } catch {
    /* sandboxed document */
  }
  for (const part of cookies.split(/;\s*/).filter(Boolean)) {
    const [name, ...rest] = part.split('=');
    const value = rest.join('=');
    if (/testgw_/.test(value) || (/access[_-]?token|api[_-]?key|dokobit/i.test(name) && value.length >= 16)) {
      secrets.push({ where: 'cookie', name, masked: mask(value), kind: 'api-token' });
    }
  }
  const testIdentities: SecretScan['testIdentities'] = [];
  for (const input of Array.from(doc.querySelectorAll('input')).slice(0, 500)) {
    const value = (input as HTMLInputElement).value ?? '';
    const digits = value.replace(/\D/g, '');
    if ((digits.length >= 10 && TEST_IDENTITIES.some((t) => digits.endsWith(t))) || TEST_ACCOUNT.test(value)) {
      testIdentities.push({ value, field: input.name || input.id || input.type });
    }
  }
  const meta = doc.querySelector('meta[name="environment" i], meta[name="env" i], meta[name="app-env" i]')?.getAttribute('content') ?? undefined;
  return { secrets, hosts: [...hosts], testIdentities, ...(meta ? { declaredEnvironment: meta } : {}) };
}

function safeStorage(get: () => Storage): Storage | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
