/**
 * `npm run package` on real builds: two builds of the same tree give byte-identical store zips; the zip holds no
 * source map and no file that nothing in it names; and the extension unpacked from the zip loads in Chromium and
 * audits a page (nothing it needs was left out).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, packageExtension, sha256, sourceArchive } from '../../scripts/package';
import { startDemo } from '../../demo/server';
import { auditUrl } from '../../src/cli/audit';
import { launchWithExtension, ROOT } from '../../src/cli/launch';

const work = mkdtempSync(path.join(tmpdir(), 'wysiwys-package-e2e-'));
const viteBuild = (outDir: string, config?: string) =>
  execFileSync('npx', ['vite', 'build', ...(config ? ['-c', config] : []), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'pipe',
  });

const builds: Record<string, { a: string; b: string }> = {};

beforeAll(() => {
  builds.chrome = { a: path.join(work, 'chrome-a'), b: path.join(work, 'chrome-b') };
  viteBuild(builds.chrome.a);
  viteBuild(builds.chrome.b);
  if (existsSync(path.join(ROOT, 'vite.firefox.config.ts'))) {
    builds.firefox = { a: path.join(work, 'firefox-a'), b: path.join(work, 'firefox-b') };
    viteBuild(builds.firefox.a, 'vite.firefox.config.ts');
    viteBuild(builds.firefox.b, 'vite.firefox.config.ts');
  }
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file in the zip except the manifest is named, by its file name, in some other file of the zip. */
function orphans(dir: string, files: string[]): string[] {
  const texts = files.filter((f) => /\.(json|html|css|m?js)$/.test(f)).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const);
  return files.filter(
    (f) =>
      f !== 'manifest.json' &&
      !f.startsWith('_locales/') &&
      !texts.some(([other, text]) => other !== f && text.includes(path.posix.basename(f))),
  );
}

describe('store packages', () => {
  for (const browser of ['chrome', 'firefox']) {
    it(`${browser}: two builds give the same zip, with no source map and no unreferenced file`, (ctx) => {
      if (!builds[browser]) ctx.skip();
      const a = packageExtension(builds[browser].a);
      const b = packageExtension(builds[browser].b);
      expect(sha256(a.zip)).toBe(sha256(b.zip));
      const zipFile = path.join(work, `${browser}.zip`);
      writeFileSync(zipFile, a.zip);
      const listing = execFileSync('unzip', ['-Z1', zipFile]).toString().trim().split('\n');
      expect(listing).toEqual(a.files);
      expect(listing.filter((f) => f.endsWith('.map'))).toEqual([]);
      expect(listing).toContain('manifest.json');
      expect(orphans(builds[browser].a, listing)).toEqual([]);
      // Everything in public/ (icons, catalogues, the learn-more pages) is used by the extension, so it is in the zip.
      for (const file of listFiles(path.join(ROOT, 'public'))) expect(listing, file).toContain(file);
      // What was left out really is unused: Vite's leftovers of the standalone content scripts, never a page or icon.
      expect(a.unreferenced.filter((f) => !/^assets\/[\w.-]+\.js$/.test(f))).toEqual([]);
    });
  }

  it('the source archive is the tracked files, reproducibly', () => {
    const one = sourceArchive();
    const two = sourceArchive();
    expect(sha256(one.zip)).toBe(sha256(two.zip));
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT }).toString().trim().split('\n').sort();
    expect(one.files.every((f) => tracked.includes(f))).toBe(true);
    expect(one.files).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'vite.config.ts', 'README.md']));
    expect(one.files.some((f) => f.startsWith('node_modules/') || f.startsWith('dist/') || f.startsWith('release/'))).toBe(false);
  });

  it('the extension unpacked from the Chrome zip loads and audits a page', async () => {
    const { zip } = packageExtension(builds.chrome.a);
    const zipFile = path.join(work, 'load.zip');
    const unpacked = path.join(work, 'unpacked');
    writeFileSync(zipFile, zip);
    execFileSync('unzip', ['-q', zipFile, '-d', unpacked]);
    const demo = await startDemo();
    const session = await launchWithExtension({ dist: unpacked, hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
    try {
      const { report, tabId } = await auditUrl(session, `${demo.siteUrl}/sign-good.html`, {
        viewport: { width: 1280, height: 900 },
        keepOpen: true,
      });
      expect(report.checks.find((c) => c.id === 'control-code')?.status).toBe('pass');
      const popup = await session.context.newPage();
      await popup.goto(`chrome-extension://${session.extensionId}/${session.manifest.action.default_popup}?tabId=${tabId}`);
      await popup.waitForSelector('#checks li.check');
      expect(await popup.locator('#checks li.check').count()).toBe(report.checks.length);
    } finally {
      await session.close();
      await demo.close();
    }
  });
});
