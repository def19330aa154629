/** Finds the system Chromium (CHROME_PATH, Debian's /usr/bin/chromium, …): nothing here downloads a browser. */
import { existsSync } from 'node:fs';

export const INSTALL_HINT = 'sudo apt-get install -y chromium   (or set CHROME_PATH to a Chromium binary)';

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c) => c && existsSync(c));
}

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(`No Chromium found. Install it with: ${INSTALL_HINT}`);
  return found;
}
