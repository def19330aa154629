/**
 * Layers enforced: the engine is pure and self-contained, rules do not import rules, every other part enters the
 * engine through src/audit/index.ts, the view and the CLI stay below the surfaces, and no import cycle exists.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { cyclesOf, readImportGraph, specifiersOf, type ImportGraph } from '../support/import-graph';
import { forbiddenEdges, LAYER_RULES } from '../support/layers';

const root = path.resolve(import.meta.dirname, '../..');
const graph = readImportGraph(root, ['src', 'demo']);

describe('layers', () => {
  it('reads the real graph (imports of every kind, type-only ones included)', () => {
    expect(graph.get('src/audit/index.ts')).toContain('src/audit/engine.ts');
    expect(graph.get('src/audit/types.ts')).toContain('src/audit/network/types.ts');
    expect(
      specifiersOf(
        "import type { A } from './a';\nexport { b } from \"./b\";\n// import x from './commented';\nawait import('./c');\nimport './d';",
      ),
    ).toEqual(['./a', './b', './d', './c']);
  });

  it('has no forbidden edge', () => {
    expect(forbiddenEdges(graph)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('catches each kind of forbidden edge and a cycle (the rules can fail)', () => {
    const bad: ImportGraph = new Map([
      ['src/audit/engine.ts', ['src/i18n/catalogue.ts']],
      ['src/audit/rules/flow.ts', ['src/audit/rules/polling.ts']],
      ['src/audit/logo-compare.ts', ['src/audit/rules/brand-logo.ts']],
      ['src/audit/gather/gather.ts', ['src/audit/signals/step.ts']],
      ['src/background/tabs.ts', ['src/audit/engine.ts']],
      ['src/view/report-view.ts', ['src/review/strings.ts']],
      ['src/review/render.ts', ['src/popup/App.tsx']],
      ['src/cli/main.ts', ['demo/server.ts']],
      ['src/content/panel.ts', ['src/popup/App.tsx']],
      ['src/audit/types.ts', ['src/audit/network/summary.ts']],
      ['src/audit/network/summary.ts', ['src/audit/types.ts']],
    ]);
    const found = forbiddenEdges(bad);
    for (const rule of LAYER_RULES)
      expect(
        found.some((f) => f.endsWith(rule.name)),
        rule.name,
      ).toBe(true);
    expect(cyclesOf(bad)).toEqual([['src/audit/network/summary.ts', 'src/audit/types.ts']]);
  });
});
