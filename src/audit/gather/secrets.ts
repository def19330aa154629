/**
 * Reads what a page exposes to scripts that matters for token safety and environment: API tokens in inline
 * scripts, attributes, URLs, Web Storage and script-readable cookies; Dokobit / SK hosts it mentions; sandbox test
 * identities prefilled in inputs. Values are never kept: a hit records where, which name, and a masked preview.
 */
import { finishSteps } from './steps';
import { attr as attrOf } from './dom';
import { hostOf, isGatewayHost, VENDOR_HOST_IN_TEXT } from '../urls';

export interface SecretHit {
  where: 'inline-script' | 'attribute' | 'url' | 'localStorage' | 'sessionStorage' | 'cookie' | 'text';
  /** The variable, key, parameter or attribute name it was found under. */
  name: string;
  /** The first characters and the length, never the value. */
  masked: string;
  /**
   * api-token fails; signer-url (the Gateway's own /signing/{token} page) and session-token are allowed by design
   * (domain.md §3.3, §3.8); signer-path is a /signing/{token}?access_token=… URL on another host: whose token it is
   * cannot be told (needs review).
   */
  kind: 'api-token' | 'signer-url' | 'signer-path' | 'session-token';
}

export interface SecretScan {
  secrets: SecretHit[];
  /** Dokobit and SK ID Solutions hosts the page mentions in scripts and attributes. */
  hosts: string[];
  /** Sandbox test identities prefilled in inputs (domain.md §1.4, §2.3, §3.1). */
  testIdentities: { value: string; field: string }[];
  /** <meta name="environment"|"env"> content, when the page says where it runs. */
  declaredEnvironment?: string;
  /**
   * Present when the scan stopped early (a page with megabytes of inline script, or a slow document): what was
   * left unread, so a pass says what it did not see instead of freezing the tab to see it.
   */
  truncated?: ScanTruncation;
}

export interface ScanTruncation {
  /**
   * Which budget ran out: characters of inline script, or the scan's time. Time wins when both did: a stop for time
   * depends on the machine's load (two scans of the same page can differ), a stop for characters never does, and
   * `examined` < `total` still tells the characters' part.
   */
  reason: 'characters' | 'time';
  /** Characters of inline script examined, and the total the page holds. */
  examined: number;
  total: number;
  /** What was not scanned: 'inline-script', 'attribute', 'storage', … */
  skipped: string[];
}

/** Budgets of one scan: characters of inline script read, and time (the scan runs on the page's main thread). */
export const SCAN_BUDGET = { scriptChars: 500_000, ms: 50 };

/** Known sandbox test identities: personal codes and phone numbers (digits only, for comparison). */
export const TEST_IDENTITIES = [
  '30303039914',
  '30403039917',
  '30403039983',
  '30403039928',
  '30403039939',
  '50001029996',
  '50001018865',
  '60001019906',
  '60001018800',
  '37060000666',
  '37200000766',
  '37200000566',
  '03030310012',
  '03040310016',
  '03040310083',
  '02010029990',
];
/** A sandbox account (PNOEE-30303039914-MOCK-Q), read from where its run of characters starts (linear time). */
export const TEST_ACCOUNT = /(?<![\dA-Z-])PNO(?:EE|LT|LV)-[\dA-Z-]+-(?:DEMO|MOCK)-Q/i;

function mask(value: string): string {
  return `${value.slice(0, Math.min(7, Math.floor(value.length / 3)))}…(${value.length} chars)`;
}

/**
 * Token patterns, each linear in the text (redos.test.ts checks them): a name or a URL is matched once from its
 * start, never re-tried from every character inside a long run of identifier characters.
 */
export const TOKEN_PATTERNS = {
  /**
   * A signer URL and its query, with the Gateway's host when it is written (group 1); the access_token inside the
   * query is read separately. The host starts where no host character precedes it.
   */
  signerUrl: /(?:(?<![\w.-])(gateway(?:-sandbox)?\.dokobit\.com))?\/signing\/[^/?\s"'<>]+\?([^\s"'<>]*)/gi,
  /** access_token among the parameters of a query (the query without its leading '?'). */
  queryAccessToken: /(?:^|&)access_token=([A-Za-z0-9_\-.~%]+)/g,
  testgw: /testgw_[A-Za-z0-9]{8,}/g,
  accessTokenParam: /[?&]access_token=([A-Za-z0-9_\-.~%]{12,})/g,
  /** `name = "value"` / `"name": "value"`: the whole identifier, from where no identifier character precedes it. */
  assignment: /(?<![\w$])["']?([\w$]+)["']?\s*[:=]\s*["'`]([^"'`\s]{12,})["'`]/g,
  /** Identifier names that say they hold an API token or key. */
  tokenName: /access[_-]?token|api[_-]?(?:key|token)|dokobit[_-]?(?:token|key|secret)|secret[_-]?key/i,
  sessionToken: /["']?(session_?token|sessionToken)["']?\s*[:=]\s*["'`]([^"'`\s]{8,})["'`]/g,
};

/** Token-looking assignments and URLs in a piece of text. */
export function findTokens(text: string, where: SecretHit['where'], onGateway = false): SecretHit[] {
  const hits: SecretHit[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string, kind: SecretHit['kind']) => {
    const key = `${name}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    hits.push({ where, name, masked: mask(value), kind });
  };
  // The Gateway's signer URL carries a signer-scoped token by design (the last access_token of its query, as a URL
  // parser would keep when the parameter repeats); the same path on another host (or relative, off the Gateway) may
  // carry anything.
  for (const m of text.matchAll(TOKEN_PATTERNS.signerUrl)) {
    let value: string | undefined;
    for (const q of m[2].matchAll(TOKEN_PATTERNS.queryAccessToken)) value = q[1];
    const relative = m.index === 0 || !/[\w.-]/.test(text[m.index - 1]);
    const gateway = !!m[1] || (onGateway && relative);
    if (value)
      add(
        gateway ? 'signing URL access_token' : 'access_token of a /signing/ URL off the Gateway',
        value,
        gateway ? 'signer-url' : 'signer-path',
      );
  }
  const signerValues = new Set(hits.map((h) => h.masked));
  for (const m of text.matchAll(TOKEN_PATTERNS.testgw)) add('testgw_ token', m[0], 'api-token');
  for (const m of text.matchAll(TOKEN_PATTERNS.accessTokenParam)) {
    if (!signerValues.has(mask(m[1]))) add('access_token parameter', m[1], 'api-token');
  }
  for (const m of text.matchAll(TOKEN_PATTERNS.assignment)) {
    // A JavaScript name starts with a letter, '_' or '$': digits before it belong to no name. The token word follows
    // a prefix (dokobitAccessToken, window.DOKOBIT_API_KEY's API_KEY after DOKOBIT_), as the rule has always read it:
    // a bare accessToken is also what OAuth front ends legitimately hold.
    const name = m[1].replace(/^\d+/, '');
    if (TOKEN_PATTERNS.tokenName.test(name.slice(1))) add(name, m[2], 'api-token');
  }
  for (const m of text.matchAll(TOKEN_PATTERNS.sessionToken)) add(m[1], m[2], 'session-token');
  return hits;
}

/** The clock of the time budget: injected by tests, performance.now() in pages. */
type Clock = () => number;

export function scanSecrets(doc: Document, win: Window, budget = SCAN_BUDGET, clock: Clock = () => performance.now()): SecretScan {
  return finishSteps(scanSecretSteps(doc, win, budget, clock));
}

/** Elements whose link attributes are read between two pauses. */
const ELEMENTS_PER_STEP = 512;

/**
 * scanSecrets as steps: it pauses (yields) after each inline script and every few hundred linked elements, so the
 * gather can give a huge page its turn. The time budget counts `clock`, which the sliced gather stops while paused.
 */
export function* scanSecretSteps(
  doc: Document,
  win: Window,
  budget = SCAN_BUDGET,
  clock: Clock = () => performance.now(),
): Generator<void, SecretScan> {
  const secrets: SecretHit[] = [];
  const hosts = new Set<string>();
  // On the Gateway's own pages a relative /signing/ link is the Gateway's signer URL.
  const onGateway = isGatewayHost(hostOf(doc.URL));
  const noteHosts = (text: string) => {
    for (const m of text.matchAll(VENDOR_HOST_IN_TEXT)) hosts.add(m[0].toLowerCase());
  };
  const started = clock();
  const skipped: string[] = [];
  let reason: ScanTruncation['reason'] | undefined;
  /** True once the time budget is spent; the caller skips the rest of its part and the scan says so. */
  const outOfTime = (part: string) => {
    if (clock() - started <= budget.ms) return false;
    reason = 'time';
    if (!skipped.includes(part)) skipped.push(part);
    return true;
  };
  let left = budget.scriptChars;
  let examined = 0;
  let total = 0;
  for (const script of Array.from(doc.scripts)) {
    if (script.src) {
      noteHosts(script.src.slice(0, 2000));
      continue;
    }
    const whole = script.textContent ?? ''; // a <script> has no named fields to shadow its members
    total += whole.length;
    if (left <= 0 || outOfTime('inline-script')) continue;
    const text = whole.slice(0, left);
    left -= text.length;
    examined += text.length;
    secrets.push(...findTokens(text, 'inline-script', onGateway));
    noteHosts(text);
    yield;
  }
  if (examined < total) {
    reason ??= 'characters';
    if (!skipped.includes('inline-script')) skipped.push('inline-script');
  }
  yield;
  const linked = Array.from(doc.querySelectorAll('[href],[src],[action],[data],[data-src]')).slice(0, 5000);
  yield;
  for (let k = 0; k < linked.length; k++) {
    const el = linked[k];
    if (k % ELEMENTS_PER_STEP === ELEMENTS_PER_STEP - 1) yield;
    if (outOfTime('attribute')) break;
    for (const attr of ['href', 'src', 'action', 'data', 'data-src']) {
      // A data: URL of megabytes holds no host and no token name worth its time: read its start only.
      const v = attrOf(el, attr)?.slice(0, 10_000);
      if (!v) continue;
      noteHosts(v);
      if (v.includes('token') || v.includes('testgw_')) secrets.push(...findTokens(v, 'attribute', onGateway));
    }
  }
  secrets.push(...findTokens(doc.URL.slice(0, 10_000), 'url', onGateway));
  for (const [where, storage] of [
    ['localStorage', safeStorage(() => win.localStorage)],
    ['sessionStorage', safeStorage(() => win.sessionStorage)],
  ] as const) {
    if (!storage) continue;
    for (let i = 0; i < Math.min(storage.length, 200); i++) {
      if (outOfTime(where)) break;
      const key = (storage.key(i) ?? '').slice(0, 200);
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
  yield;
  for (const input of Array.from(doc.querySelectorAll('input')).slice(0, 500)) {
    const value = ((input as HTMLInputElement).value ?? '').slice(0, 200);
    const digits = value.replace(/\D/g, '');
    if ((digits.length >= 10 && TEST_IDENTITIES.some((t) => digits.endsWith(t))) || TEST_ACCOUNT.test(value)) {
      testIdentities.push({ value, field: input.name || input.id || input.type });
    }
  }
  const meta =
    doc.querySelector('meta[name="environment" i], meta[name="env" i], meta[name="app-env" i]')?.getAttribute('content') ?? undefined;
  const truncated = reason ? { reason, examined, total, skipped } : undefined;
  return {
    secrets,
    hosts: [...hosts],
    testIdentities,
    ...(meta ? { declaredEnvironment: meta } : {}),
    ...(truncated ? { truncated } : {}),
  };
}

function safeStorage(get: () => Storage): Storage | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}
