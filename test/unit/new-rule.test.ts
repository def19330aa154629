/** `npm run new-rule <id>`: what the scaffold writes, and what it refuses. (Run end to end, its rule passes the rule-registry test.) */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planNewRule } from '../../scripts/new-rule';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined);

describe('new-rule scaffold', () => {
  it('writes the rule file, its fixture pair, and registers it in the registry and the review checklist', () => {
    const files = new Map(planNewRule('signer-list', 'tasks', read).map((f) => [f.path, f.content]));
    expect([...files.keys()].sort()).toEqual([
      'src/audit/rules/index.ts',
      'src/audit/rules/signer-list.ts',
      'src/review/model.ts',
      'test/rules/signer-list/signer-list.html',
      'test/rules/signer-list/signer-list.json',
    ]);
    expect(files.get('src/audit/rules/signer-list.ts')).toContain("id: 'signer-list' as const");
    expect(files.get('src/audit/rules/signer-list.ts')).toContain('export const signerList = { meta, evaluate, messages } satisfies Rule;');
    expect(files.get('src/audit/rules/index.ts')).toContain("import { signerList } from './signer-list';");
    expect(files.get('src/audit/rules/index.ts')).toMatch(/ {2}environment,\n {2}signerList,\n\] satisfies readonly Rule\[\];/);
    expect(files.get('src/review/model.ts')).toContain("def('tasks', 'tasks', ['signer-list']");
    expect(files.get('test/rules/signer-list/signer-list.html')).toContain('<template id="na-en-no-evidence"');
    expect(JSON.parse(files.get('test/rules/signer-list/signer-list.json')!)).toHaveProperty('na-en-no-evidence.why');
  });

  it('adds to a requirement that already lists checks', () => {
    const model = new Map(planNewRule('code-echo', 'control-code', read).map((f) => [f.path, f.content])).get('src/review/model.ts');
    expect(model).toContain("def('control-code', 'control_code', ['control-code', 'code-echo'])");
  });

  it('refuses an id that is taken, malformed, or a requirement that does not exist', () => {
    expect(() => planNewRule('cancel', 'tasks', read)).toThrow(/exists already/);
    expect(() => planNewRule('Signer_List', 'tasks', read)).toThrow(/not a rule id/);
    expect(() => planNewRule('signer-list', 'no-such-requirement', read)).toThrow(/no requirement "no-such-requirement"/);
  });
});
