/**
 * Every registered rule is complete: its own file exporting it, a fixture pair (DOM rules: <id>.html + <id>.json;
 * network rules: <id>.timeline.json) whose cases name a known status, catalogue keys (title, failure title,
 * description, every message) in every language, a name for every evidence field its fixtures expect, and a place in
 * the review checklist. `npm run new-rule <id>` writes what this asks for.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../../src/audit';
import { keyOf } from '../../src/audit';
import { evidenceFieldLabels } from '../../src/view/evidence-fields';
import { REQUIREMENTS } from '../../src/review/model';

const root = path.resolve(import.meta.dirname, '../..');
const LANGS = readdirSync(path.join(root, 'public/_locales'));
const catalogues = Object.fromEntries(
  LANGS.map((l) => [
    l,
    JSON.parse(readFileSync(path.join(root, `public/_locales/${l}/messages.json`), 'utf8')) as Record<string, { message: string }>,
  ]),
);
const STATUS_PREFIX = /^(pass|fail|review|na)-/;

/** The case ids and expected evidence of every fixture file of a rule. */
function fixtureCases(id: string): { file: string; cases: Record<string, { why?: string; evidence?: Record<string, unknown> }> }[] {
  const dir = path.join(root, 'test/rules', id);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, cases: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
}

describe('rule registry', () => {
  it('has unique kebab-case ids, each rule in its own file', () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(existsSync(path.join(root, `src/audit/rules/${id}.ts`)), `src/audit/rules/${id}.ts`).toBe(true);
    }
  });

  for (const rule of rules) {
    const id = rule.meta.id;
    describe(id, () => {
      it('has a fixture pair with cases of known statuses, each saying why', () => {
        const dom =
          existsSync(path.join(root, `test/rules/${id}/${id}.html`)) && existsSync(path.join(root, `test/rules/${id}/${id}.json`));
        const timeline = existsSync(path.join(root, `test/rules/${id}/${id}.timeline.json`));
        expect(dom || timeline, `test/rules/${id}/${id}.html + ${id}.json, or ${id}.timeline.json`).toBe(true);
        const cases = fixtureCases(id).flatMap((f) => Object.entries(f.cases).map(([c, v]) => ({ ...v, c, file: f.file })));
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases) {
          expect(c.c, `${c.file}: case id must start with pass-, fail-, review- or na-`).toMatch(STATUS_PREFIX);
          expect(c.why?.trim(), `${c.file} ${c.c}: "why"`).toBeTruthy();
        }
      });

      it('has its title, failure title, description and every message in every language', () => {
        const keys = [
          keyOf('rule', id, 'title'),
          keyOf('rule', id, 'failureTitle'),
          keyOf('rule', id, 'description'),
          ...Object.keys(rule.messages).map((m) => keyOf('rule', id, 'msg', m)),
        ];
        for (const lang of LANGS) {
          const missing = keys.filter((k) => !catalogues[lang][k]?.message);
          expect(missing, `${lang}: missing catalogue keys (npm run catalogue writes English; translate the others)`).toEqual([]);
        }
      });

      it('names every evidence field its fixtures expect', () => {
        const fields = fixtureCases(id).flatMap((f) => Object.values(f.cases).flatMap((c) => Object.keys(c.evidence ?? {})));
        expect(fields.filter((f) => !evidenceFieldLabels[f])).toEqual([]);
      });

      it('belongs to a requirement of the review checklist', () => {
        expect(
          REQUIREMENTS.some((r) => r.checkIds.includes(id)),
          'add the id to a requirement in src/review/model.ts',
        ).toBe(true);
      });
    });
  }
});
