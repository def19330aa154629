// Makes sure a Chromium is there for `npm start` and `npm test`: CHROME_PATH or Debian's package. Installs it with
// apt-get when we are root on Debian/Ubuntu; otherwise stops with the one command that would. Never downloads a
// browser build of its own.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
const found = () => candidates.find((c) => c && existsSync(c));

if (found()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.error("Chromium not found: installing Debian's chromium package with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (install && install.status === 0 && found()) process.exit(0);
  console.error('apt-get could not install chromium.');
}
console.error(`No Chromium found. Install it with:\n\n  sudo apt-get install -y chromium\n\nor set CHROME_PATH to a Chromium binary.`);
process.exit(1);
