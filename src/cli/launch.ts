/**
 * Launches Chromium with the built extension loaded (headless, persistent profile), the way a user's browser runs
 * it, with host access and the optional webRequest / webNavigation permissions granted up front (automation has no
 * user to click "Audit this site"), so the extension's own registration path audits every page and records its
 * network timeline.
 */
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumPath } from './chromium';
import { UsageError } from './errors';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(ROOT, 'dist');

export interface LaunchOptions {
  /** Host permissions to grant at install; the CLI grants every site, tests may grant only 127.0.0.1/localhost. */
  hostPermissions?: string[];
  /**
   * Grant the manifest's optional_permissions (webRequest, webNavigation) at install, as "Audit this site" would.
   * Default true; false runs the extension as a user sees it before granting them.
   */
  grantOptionalPermissions?: boolean;
  dist?: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  manifest: { action: { default_popup: string }; version: string; name: string };
  close(): Promise<void>;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  // WYSIWYS_DIST: a build elsewhere (parallel builds in one checkout must not share dist/).
  const dist = options.dist ?? process.env.WYSIWYS_DIST ?? DIST;
  if (!existsSync(path.join(dist, 'manifest.json'))) throw new UsageError(`No built extension in ${dist}: run \`npm run build\` first.`);
  // A copy of dist with host permissions granted at install (the shipped build asks the user per site).
  const work = mkdtempSync(path.join(tmpdir(), 'wysiwys-'));
  const extDir = path.join(work, 'extension');
  cpSync(dist, extDir, { recursive: true });
  const manifestFile = path.join(extDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  manifest.host_permissions = options.hostPermissions ?? ['<all_urls>'];
  if (options.grantOptionalPermissions ?? true) {
    manifest.permissions = [...new Set([...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])])];
    delete manifest.optional_permissions;
  }
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));

  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-default-apps',
    ],
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    const extensionId = new URL(worker.url()).host;
    // The worker's module may still be loading: wait for its automation hooks, then for its registrations.
    for (let i = 0; i < 100; i++) {
      const loaded = await worker.evaluate(() => 'wysiwys' in globalThis);
      if (loaded) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await worker.evaluate(() => (globalThis as unknown as { wysiwys: { ready: Promise<unknown> } }).wysiwys.ready);
    return { context, worker, extensionId, manifest, close };
  } catch (error) {
    await close();
    throw new Error(`The browser started but the extension did not load: ${error instanceof Error ? error.message : error}`);
  }
}
