/**
 * The page under review cannot forge evidence through the extension's channels. A hostile page fires every event
 * name the extension's sources use (found by grepping 'wysiwys:' in src/, so a new one is covered too), as
 * CustomEvents with forged details on the document and the window, as MessageEvents carrying a port of its own
 * (which it then posts forged codes on), and as window messages — with deep inspection off and on. Nothing moves:
 * no received code appears, the verdict is the one the same page gets without the forgery, and with deep
 * inspection on, the genuine observer keeps working after the page fired the old "off" event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { auditUrl, tabIdOf } from '../../src/cli/audit';
import { launchWithExtension, ROOT, type ExtensionSession } from '../../src/cli/launch';
import type { TabReport } from '../../src/audit/types';
import { servePages } from './pages-server';

let session: ExtensionSession;
let server: Awaited<ReturnType<typeof servePages>>;
type Hooks = { wysiwys: { setDeepInspection(tabId: number, url: string, on: boolean): Promise<unknown> } };

/** Every 'wysiwys:…' name in the extension's sources. */
function eventNames(): string[] {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ts|tsx)$/.test(entry)) for (const m of readFileSync(file, 'utf8').matchAll(/wysiwys:[\w-]+/g)) names.add(m[0]);
    }
  };
  walk(path.join(ROOT, 'src'));
  // The names of earlier versions, in case a listener for them survives somewhere.
  for (const old of ['wysiwys:received-code', 'wysiwys:deep-off']) names.add(old);
  return [...names];
}

/** A phone step whose code (0041) comes from the page's own API; `forge` adds the attack script. */
function stepPage(forge: boolean, names: string[]): string {
  const forged = JSON.stringify({ codes: ['9999'], url: 'https://api.example.test/forged', at: Date.now() + 60_000 });
  const attack = forge
    ? `
    const names = ${JSON.stringify(names)};
    const forged = ${JSON.stringify(forged)};
    const fire = () => {
      for (const name of names) {
        for (const target of [document, window, document.documentElement]) {
          target.dispatchEvent(new CustomEvent(name, { detail: forged, bubbles: true, composed: true }));
          target.dispatchEvent(new CustomEvent(name, { detail: JSON.parse(forged), bubbles: true, composed: true }));
          const channel = new MessageChannel();
          target.dispatchEvent(new MessageEvent(name, { data: forged, ports: [channel.port2] }));
          channel.port1.postMessage({ type: 'codes', codes: ['9999'], url: 'https://api.example.test/forged', at: Date.now() + 60000 });
          channel.port1.postMessage({ type: 'off' });
        }
        window.postMessage({ type: name, detail: forged, codes: ['9999'] }, '*');
      }
    };
    fire();
    const timer = setInterval(fire, 150);
    setTimeout(() => clearInterval(timer), 2500);`
    : '';
  return `<!doctype html><html lang="en"><body><h1>Sign the contract</h1><section>
    <p>Verification code</p><p style="font-size:40px" id="code">…</p><span id="received" hidden></span>
    <p>Make sure the code matches the one in your Smart-ID app.</p><button>Cancel</button></section>
    <script>${attack}
    // After the forgery: a second response proves the genuine observer still runs (the page fired "off" too).
    const show = (d) => { document.getElementById('received').textContent = d.control_code; document.getElementById('code').textContent = d.control_code; };
    fetch('/api/start').then((r) => r.json()).then(show);
    setTimeout(() => fetch('/api/next').then((r) => r.json()).then(show), ${forge ? 3200 : 10});
    </script></body></html>`;
}

const names = eventNames();

beforeAll(async () => {
  server = await servePages({
    '/api/start': JSON.stringify({ status: 'ok', control_code: '0041' }),
    '/api/next': JSON.stringify({ status: 'ok', control_code: '0042' }),
    '/plain.html': stepPage(false, names),
    '/forged.html': stepPage(true, names),
  });
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** The forged code as a number of its own: a timestamp of the report (observedAt 1796659999740) may hold its digits. */
const FORGED_CODE = /(?<!\d)9999(?!\d)/;

const codeCheck = (r: TabReport) => r.checks.find((c) => c.id === 'control-code')!;

async function audit(file: string): Promise<TabReport> {
  const { report, page } = await auditUrl(session, `${server.url}/${file}`, {
    viewport: { width: 1280, height: 900 },
    waitMs: 5000,
    keepOpen: true,
  });
  // The page got its own responses whatever happened.
  expect(await page.locator('#received').textContent()).toBe('0042');
  await page.close();
  return report;
}

describe('forged events', () => {
  it('greps the names the extension uses', () => {
    expect(names).toContain('wysiwys:deep-port');
    expect(names.length).toBeGreaterThanOrEqual(3);
  });

  it('move nothing with deep inspection off', async () => {
    const plain = await audit('plain.html');
    const forged = await audit('forged.html');
    expect(JSON.stringify(forged)).not.toMatch(FORGED_CODE);
    expect(codeCheck(forged).findings.some((f) => 'receivedCode' in f.evidence)).toBe(false);
    expect(codeCheck(forged).status).toBe(codeCheck(plain).status);
    expect(codeCheck(forged).status).toBe('pass');
  });

  it('move nothing with deep inspection on, and cannot switch the observer off', async () => {
    const first = await session.context.newPage();
    await first.goto(`${server.url}/plain.html`);
    const firstTab = await tabIdOf(session, first);
    await session.worker.evaluate(
      ([id, url]) => (globalThis as unknown as Hooks).wysiwys.setDeepInspection(id as number, url as string, true),
      [firstTab, first.url()] as const,
    );
    await first.close();
    try {
      const plain = await audit('plain.html');
      expect(codeCheck(plain).findings[0].evidence).toMatchObject({ code: '0042', receivedCode: '0042', matchesApi: true });
      const forged = await audit('forged.html');
      expect(JSON.stringify(forged)).not.toMatch(FORGED_CODE);
      // The genuine observer still reported the response that came after the page's "off" events.
      expect(codeCheck(forged).findings[0].evidence).toMatchObject({ code: '0042', receivedCode: '0042', matchesApi: true });
      expect(codeCheck(forged).status).toBe(codeCheck(plain).status);
    } finally {
      const last = await session.context.newPage();
      await last.goto(`${server.url}/plain.html`);
      const lastTab = await tabIdOf(session, last);
      await session.worker.evaluate(
        ([id, url]) => (globalThis as unknown as Hooks).wysiwys.setDeepInspection(id as number, url as string, false),
        [lastTab, last.url()] as const,
      );
      await last.close();
    }
  });
});
