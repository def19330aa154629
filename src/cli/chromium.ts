/**
 * Finds the system browsers: Chromium for the CLI and the tests (CHROME_PATH, Debian's /usr/bin/chromium, …), Firefox
 * for the Firefox suite (FIREFOX_PATH, Debian's firefox-esr). Nothing here downloads a browser.
 */
import { existsSync } from 'node:fs';

export const INSTALL_HINT = 'sudo apt-get install -y chromium   (or set CHROME_PATH to a Chromium binary)';

/**
 * Where Chromium is installed by the usual packages on Linux, macOS and Windows. Google Chrome is not a candidate:
 * from version 137 it ignores --load-extension, which the CLI needs (Chrome for Testing still honours it: CHROME_PATH).
 */
function systemChromiums(): string[] {
  const env = process.env;
  return [
    '/usr/bin/chromium',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...[env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA]
      .filter(Boolean)
      .map((dir) => `${dir}\\Chromium\\Application\\chrome.exe`),
  ];
}

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, ...systemChromiums()];
  return candidates.find((c) => c && existsSync(c));
}

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error(`No Chromium found. Install it with: ${INSTALL_HINT}`);
  return found;
}

/** Firefox for the Firefox e2e suite: FIREFOX_PATH, else Debian's firefox-esr. */
export function findFirefox(): string | undefined {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr'];
  return candidates.find((c) => c && existsSync(c));
}
