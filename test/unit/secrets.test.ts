// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SCAN_BUDGET, findTokens, scanSecrets } from '../../src/audit/gather/secrets';
import { VENDOR_HOST_IN_TEXT as VENDOR_HOST } from '../../src/audit/urls';

/** The patterns as they were before they were made linear: the reference for what the scanner must still find. */
const BEFORE = {
  signer: /\/signing\/[^/?\s"'<>]+\?(?:[^\s"'<>]*&)?access_token=([A-Za-z0-9_\-.~%]+)/g,
  testgw: /testgw_[A-Za-z0-9]{8,}/g,
  param: /[?&]access_token=([A-Za-z0-9_\-.~%]{12,})/g,
  assignment:
    /["']?([A-Za-z_$][\w$]*(?:access[_-]?token|api[_-]?(?:key|token)|dokobit[_-]?(?:token|key|secret)|secret[_-]?key)[\w$]*)["']?\s*[:=]\s*["'`]([^"'`\s]{12,})["'`]/gi,
  session: /["']?(session_?token|sessionToken)["']?\s*[:=]\s*["'`]([^"'`\s]{8,})["'`]/g,
  host: /\b(?:[a-z0-9-]+\.)*(?:dokobit\.com|smart-id\.com|sk\.ee|eid\.sk\.ee)\b/gi,
};

/** findTokens as it was, over the former patterns. */
function findTokensBefore(text: string) {
  const hits: { name: string; value: string; kind: string }[] = [];
  const seen = new Set<string>();
  const add = (name: string, value: string, kind: string) => {
    if (seen.has(`${name}:${value}`)) return;
    seen.add(`${name}:${value}`);
    hits.push({ name, value, kind });
  };
  for (const m of text.matchAll(BEFORE.signer)) add('signing URL access_token', m[1], 'signer-url');
  const signerValues = new Set(hits.map((h) => h.value));
  for (const m of text.matchAll(BEFORE.testgw)) add('testgw_ token', m[0], 'api-token');
  for (const m of text.matchAll(BEFORE.param)) if (!signerValues.has(m[1])) add('access_token parameter', m[1], 'api-token');
  for (const m of text.matchAll(BEFORE.assignment)) add(m[1], m[2], 'api-token');
  for (const m of text.matchAll(BEFORE.session)) add(m[1], m[2], 'session-token');
  return hits;
}

const SAMPLES = [
  `const accessToken = "abcdef0123456789abcdef"; const dokobitAccessToken = "abcdef0123456789abcdef";`,
  `window.DOKOBIT_API_KEY='live_0123456789abcdef'; var x = 1;`,
  `{"dokobit_secret": "0123456789abcdef0123", "other": "zzzzzzzzzzzzzzzz"}`,
  `fetch('/api?access_token=abcdefghijklmnop')`,
  `location = "https://gateway-sandbox.dokobit.com/signing/abc123?lang=lt&access_token=signertoken12345"`,
  `const t = 'testgw_0123456789abcdef';`,
  `sessionToken: "sess-0123456789"`,
  `myApiToken = \`tok_0123456789abcd\``,
  `apiKey = "short"`,
];

describe('token scanner', () => {
  it('finds what the former patterns found, under the same names', () => {
    for (const text of SAMPLES) {
      const mask = (v: string) => `${v.slice(0, Math.min(7, Math.floor(v.length / 3)))}…(${v.length} chars)`;
      const before = findTokensBefore(text).map((h) => ({ where: 'inline-script', name: h.name, masked: mask(h.value), kind: h.kind }));
      expect(findTokens(text, 'inline-script'), text).toEqual(before);
    }
  });

  it('finds the same vendor hosts as the former pattern', () => {
    const text =
      'src="https://gateway-sandbox.dokobit.com/x" mail@dokobit.com www.sk.ee, sid.smart-id.com; eid.sk.ee; notdokobit.com task.ee';
    const before = [...text.matchAll(BEFORE.host)].map((m) => m[0]);
    expect([...text.matchAll(VENDOR_HOST)].map((m) => m[0])).toEqual(before);
  });

  const hostile = `const logo = 'data:image/png;base64,${'A'.repeat(200_000)}';`;

  it('scans a 200k-character base64 run of identifier characters whole within its character budget', () => {
    document.body.innerHTML = '';
    const script = document.createElement('script');
    script.type = 'text/plain';
    script.textContent = hostile;
    document.head.append(script);
    const scan = scanSecrets(document, window as unknown as Window);
    // 200 000 characters fit in the budget: read to the end, nothing found, nothing left out.
    expect(hostile.length).toBeLessThan(SCAN_BUDGET.scriptChars);
    expect(scan.secrets).toEqual([]);
    expect(scan.truncated).toBeUndefined();
    script.remove();
  });

  it('stops at the character budget and says what it did not read', () => {
    const scripts = [hostile, `var dokobitAccessToken = "abcdef0123456789abcdef";`, hostile].map((text) => {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.textContent = text;
      document.head.append(s);
      return s;
    });
    const scan = scanSecrets(document, window as unknown as Window, { scriptChars: 250_000, ms: Infinity });
    expect(scan.truncated).toEqual({
      reason: 'characters',
      examined: 250_000,
      total: hostile.length * 2 + scripts[1].textContent!.length,
      skipped: ['inline-script'],
    });
    // The token script came within the budget and was read.
    expect(scan.secrets.map((s) => s.name)).toEqual(['dokobitAccessToken']);
    for (const s of scripts) s.remove();
  });

  it('stops when its time runs out and says so (injected clock)', () => {
    const scripts = [1, 2, 3].map(() => {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.textContent = 'var x = 1;';
      document.head.append(s);
      return s;
    });
    let now = 0;
    // Every look at the clock costs 30 ms: the second script is already past a 50 ms budget.
    const scan = scanSecrets(document, window as unknown as Window, { scriptChars: 1_000_000, ms: 50 }, () => (now += 30));
    expect(scan.truncated?.reason).toBe('time');
    expect(scan.truncated?.skipped).toContain('inline-script');
    expect(scan.truncated!.examined).toBeLessThan(scan.truncated!.total);
    for (const s of scripts) s.remove();
  });
  it('says it stopped for time when time ran out after the character budget (a stop that depends on the load)', () => {
    const scripts = [hostile, hostile].map((text) => {
      const s = document.createElement('script');
      s.type = 'text/plain';
      s.textContent = text;
      document.head.append(s);
      return s;
    });
    const link = document.createElement('a');
    link.href = 'https://example.com/';
    document.body.append(link);
    // The clock stands still through the scripts (the first read, the second over the character budget), then the
    // attributes find the time spent.
    let looks = 0;
    const scan = scanSecrets(document, window as unknown as Window, { scriptChars: 250_000, ms: 50 }, () => (++looks <= 3 ? 0 : 1000));
    expect(scan.truncated).toMatchObject({ reason: 'time', examined: 250_000, total: hostile.length * 2 });
    expect(scan.truncated?.skipped).toEqual(['inline-script', 'attribute']);
    for (const s of scripts) s.remove();
    link.remove();
  });
});

describe('signer URLs', () => {
  const token = 'signer-token-abc123';
  it("allows the access_token of the Gateway's own signer page only", () => {
    expect(
      findTokens(`<iframe src="https://gateway-sandbox.dokobit.com/signing/3f1c?access_token=${token}">`, 'attribute').map((h) => h.kind),
    ).toEqual(['signer-url']);
    expect(findTokens(`<iframe src="https://shop.example.lt/signing/3f1c?access_token=${token}">`, 'attribute').map((h) => h.kind)).toEqual(
      ['signer-path'],
    );
    expect(
      findTokens(`<iframe src="https://evil.gateway.dokobit.com.example/signing/3f1c?access_token=${token}">`, 'attribute').map(
        (h) => h.kind,
      ),
    ).toEqual(['signer-path']);
  });

  it("reads a relative /signing/ link as the Gateway's only on the Gateway's own pages", () => {
    const html = `<a href="/signing/3f1c?access_token=${token}">Sign</a>`;
    expect(findTokens(html, 'attribute').map((h) => h.kind)).toEqual(['signer-path']);
    expect(findTokens(html, 'attribute', true).map((h) => h.kind)).toEqual(['signer-url']);
  });
});
