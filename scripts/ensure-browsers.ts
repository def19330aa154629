/**
 * Makes sure the browsers are there for `npm start` and `npm test`: a Chromium (src/cli/chromium.ts says where it is
 * looked for) and, with --firefox, Debian's firefox-esr for the Firefox suite. Installs a missing one with apt-get when
 * we are root on Debian/Ubuntu; otherwise stops with the one command that would. Never downloads a browser build.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findChromium, findFirefox } from '../src/cli/chromium';

const wanted = [{ name: 'Chromium', find: findChromium, apt: 'chromium', env: 'CHROME_PATH' }];
if (process.argv.includes('--firefox')) wanted.push({ name: 'Firefox', find: findFirefox, apt: 'firefox-esr', env: 'FIREFOX_PATH' });

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
let updated = false;
for (const browser of wanted) {
  if (browser.find()) continue;
  if (isRoot && hasApt) {
    console.error(`${browser.name} not found: installing Debian's ${browser.apt} package with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (!updated) updated = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0;
    const install = updated && spawnSync('apt-get', ['install', '-y', '-qq', browser.apt], { stdio: 'inherit', env });
    if (install && install.status === 0 && browser.find()) continue;
    console.error(`apt-get could not install ${browser.apt}.`);
  }
  console.error(
    `No ${browser.name} found. Install it with:\n\n  sudo apt-get install -y ${browser.apt}\n\nor set ${browser.env} to its binary.`,
  );
  process.exit(1);
}
