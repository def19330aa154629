/**
 * `npx tsx demo/flows/serve.ts`: start the flow demo, print every scenario URL with its expected verdicts, run until
 * Ctrl-C. The port can be fixed with FLOW_DEMO_PORT (default: a random free port).
 */
import { startFlowDemo } from './server';
import { flowSupportPages, type FlowCheckId } from './scenarios';

function portFromEnv(name: string): number | undefined {
  const value = process.env[name];
  if (!value) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return port;
}

const demo = await startFlowDemo({ port: portFromEnv('FLOW_DEMO_PORT') });

const CHECKS: FlowCheckId[] = ['polling', 'flow', 'error-handling', 'token-exposure', 'environment', 'control-code', 'cancel'];
const short = (v: string | undefined) => (v === undefined ? '-' : v === 'not-applicable' ? 'n/a' : v);
const width = Math.max(...demo.scenarios.map((s) => s.path.length)) + demo.url.length;

console.log(`Flow demo: ${demo.url}/flows/index.html`);
console.log('');
console.log(`${'Scenario'.padEnd(width)}  lang  watch  ${CHECKS.join(' / ')}`);
for (const s of demo.scenarios) {
  const verdicts = CHECKS.map((id) => short(s.expect[id])).join(' / ');
  const watch = `${Math.round(s.observeMs / 1000)} s`.padStart(5);
  console.log(
    `${(demo.url + s.path).padEnd(width)}  ${s.lang.padEnd(4)}  ${watch}  ${verdicts}${s.exercise ? `  (press ${s.exercise})` : ''}`,
  );
}
console.log('');
for (const p of flowSupportPages) console.log(`${(demo.url + p.path).padEnd(width)}  ${p.title}`);
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
