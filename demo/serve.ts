/**
 * `npm run demo:serve`: start the demo site and the fake gateway, print every page's URL, run until Ctrl-C.
 * Ports can be fixed with DEMO_PORT and DEMO_GATEWAY_PORT (default: random free ports).
 */
import { startDemo } from './server';
import type { DemoCheckId } from './pages';

function portFromEnv(name: string): number | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return port;
}

const demo = await startDemo({ port: portFromEnv('DEMO_PORT'), gatewayPort: portFromEnv('DEMO_GATEWAY_PORT') });

const CHECKS: DemoCheckId[] = ['control-code', 'cancel', 'preview', 'brand-name', 'brand-logo', 'localization'];
const short = (v: string | undefined) => (v === undefined ? '-' : v === 'not-applicable' ? 'n/a' : v);
const width = Math.max(...demo.pages.map((p) => p.path.length)) + demo.siteUrl.length;

console.log(`Demo site:    ${demo.siteUrl}/`);
console.log(`Fake gateway: ${demo.gatewayUrl}/signing/3f1c9a0d?access_token=demo-signer-token (add &language=lt|lv|et|ru)`);
console.log('');
console.log(`${'Page'.padEnd(width)}  lang  ${CHECKS.join(' / ')}`);
for (const page of demo.pages) {
  const e = page.expect;
  console.log(`${(demo.siteUrl + page.path).padEnd(width)}  ${page.lang.padEnd(4)}  ${CHECKS.map((id) => short(e[id])).join(' / ')}`);
}
console.log('\nPress Ctrl-C to stop.');

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  demo.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
