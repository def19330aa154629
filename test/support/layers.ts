/**
 * The layer rules of docs/ARCHITECTURE.md as code: page → gather → snapshot → signals → rules → report → view →
 * surfaces. Each rule names the edges it forbids and why; `forbiddenEdges` lists every edge of a graph that breaks one.
 */
import type { ImportGraph } from './import-graph';

const ENGINE = 'src/audit/';
const ENGINE_DOOR = 'src/audit/index.ts';
const RULES = 'src/audit/rules/';
const RULE_REGISTRY = 'src/audit/rules/index.ts';
const GATHER = 'src/audit/gather/';

const inside = (file: string, dir: string) => file.startsWith(dir);

export interface LayerRule {
  name: string;
  /** True when the edge from → to breaks the rule. */
  breaks(from: string, to: string): boolean;
}

export const LAYER_RULES: LayerRule[] = [
  {
    name: 'the engine imports nothing from the extension, the UI, the i18n catalogue, the CLI or the demo',
    breaks: (from, to) => inside(from, ENGINE) && !inside(to, ENGINE),
  },
  {
    name: 'a rule does not import another rule (shared logic lives in signals/)',
    breaks: (from, to) => inside(from, RULES) && from !== RULE_REGISTRY && inside(to, RULES),
  },
  {
    name: 'only the engine, its door and the typed check lookup (report.ts, for RuleId) use the rule registry or a rule',
    breaks: (from, to) =>
      inside(from, ENGINE) &&
      !inside(from, RULES) &&
      inside(to, RULES) &&
      !['src/audit/engine.ts', ENGINE_DOOR, 'src/audit/report.ts'].includes(from),
  },
  {
    name: 'the gather reads the page and knows no signal, rule, engine, session or network timeline',
    breaks: (from, to) =>
      inside(from, GATHER) && /^src\/audit\/(signals|rules|network)\/|^src\/audit\/(engine|session|findings|model)\.ts$/.test(to),
  },
  {
    name: 'code outside the engine enters it only through src/audit/index.ts',
    breaks: (from, to) => !inside(from, ENGINE) && inside(to, ENGINE) && to !== ENGINE_DOOR,
  },
  {
    name: 'the view (one layout of a report for every surface) imports only the engine and itself',
    breaks: (from, to) => inside(from, 'src/view/') && !inside(to, 'src/view/') && to !== ENGINE_DOOR,
  },
  {
    name: 'the review (model, renderers, exports) does not import a surface',
    breaks: (from, to) => inside(from, 'src/review/') && /^src\/(popup|content|background|options|review-page|cli)\//.test(to),
  },
  {
    name: 'the CLI imports no extension shell, extension page or demo code',
    breaks: (from, to) =>
      inside(from, 'src/cli/') && (/^src\/(popup|content|background|options|review-page)\//.test(to) || inside(to, 'demo/')),
  },
  {
    name: 'nothing in src/ imports the demo or the tests',
    breaks: (from, to) => inside(from, 'src/') && (inside(to, 'demo/') || inside(to, 'test/')),
  },
  {
    name: "one shell does not import another shell's code (they talk by messages)",
    breaks: (from, to) => {
      const shell = (f: string) => /^src\/(content|background|popup|options|review-page)\//.exec(f)?.[1];
      const a = shell(from),
        b = shell(to);
      return !!a && !!b && a !== b;
    },
  },
];

export function forbiddenEdges(graph: ImportGraph, rules: LayerRule[] = LAYER_RULES): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      for (const rule of rules) if (rule.breaks(from, to)) out.push(`${from} → ${to}: ${rule.name}`);
    }
  }
  return out;
}
