/**
 * `npm run new-rule <id> [-- --requirement <requirement-id>]`: scaffolds a rule the way every rule is built — one file
 * with its metadata, messages and a pure evaluate (src/audit/rules/<id>.ts), registered in src/audit/rules/index.ts,
 * one fixture pair (test/rules/<id>/<id>.html + .json, one not-applicable case to start from), its catalogue keys
 * (English written by `npm run catalogue`; the other languages get the English text to translate, listed at the end)
 * and its place in the review checklist (src/review/model.ts). The rule-registry test then says what is still missing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export interface ScaffoldFile {
  path: string;
  content: string;
}

const ID = /^[a-z]+(-[a-z]+)+$|^[a-z]{3,}$/;

export function camelOf(id: string): string {
  return id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The files a new rule adds or changes, given a reader of the current ones; throws on a bad or taken id. */
export function planNewRule(id: string, requirement: string, read: (file: string) => string | undefined): ScaffoldFile[] {
  if (!ID.test(id)) throw new Error(`"${id}" is not a rule id: use lower-case words joined by "-" (e.g. "signer-list")`);
  if (read(`src/audit/rules/${id}.ts`) !== undefined) throw new Error(`src/audit/rules/${id}.ts exists already`);
  const name = camelOf(id);
  const registry = read('src/audit/rules/index.ts');
  if (!registry) throw new Error('src/audit/rules/index.ts not found');
  const lastImport = registry.lastIndexOf('\nimport { ');
  const importEnd = registry.indexOf('\n', lastImport + 1);
  const withImport = `${registry.slice(0, importEnd + 1)}import { ${name} } from './${id}';\n${registry.slice(importEnd + 1)}`;
  const list = /(export const rules = \[)([\s\S]*?)(\] satisfies readonly Rule\[\];)/.exec(withImport);
  if (!list) throw new Error('the rules array in src/audit/rules/index.ts has an unexpected shape');
  const newRegistry = withImport.replace(list[0], `${list[1]}${list[2].replace(/,?\s*$/, `,\n  ${name},\n`)}${list[3]}`);

  const model = read('src/review/model.ts');
  if (!model) throw new Error('src/review/model.ts not found');
  const def = new RegExp(`(def\\('${requirement}', '[^']+', \\[)([^\\]]*)(\\])`);
  const found = def.exec(model);
  if (!found) throw new Error(`no requirement "${requirement}" in src/review/model.ts (see REQUIREMENTS there)`);
  const ids = found[2].trim();
  const newModel = model.replace(found[0], `${found[1]}${ids ? `${ids}, ` : ''}'${id}'${found[3]}`);

  return [
    { path: `src/audit/rules/${id}.ts`, content: ruleFile(id, name) },
    { path: 'src/audit/rules/index.ts', content: newRegistry },
    { path: 'src/review/model.ts', content: newModel },
    { path: `test/rules/${id}/${id}.html`, content: fixturePage(id) },
    {
      path: `test/rules/${id}/${id}.json`,
      content: `${JSON.stringify({ 'na-en-no-evidence': { why: 'A page with nothing this check looks for: not applicable, earned by the absence of evidence.' } }, null, 2)}\n`,
    },
  ];
}

function ruleFile(id: string, name: string): string {
  return `/**
 * ${id}: what the check guarantees the user, in one sentence.
 * Sources: where the requirement comes from (domain.md section, vendor article).
 */
import { nodeFinding } from '../findings';
import { format } from '../messages';
import { isVisible, modelsOf } from '../model';
import type { Finding, PageSnapshot, Rule, RuleOutcome } from '../types';

export const messages = {
  notApplicable: 'Nothing on the page is what this check looks at.',
  pass: 'It holds: \${what}.',
  fail: 'It does not hold: \${reasons}.',
  review: 'It needs a look: \${reasons}.',
};

export const meta = {
  id: '${id}' as const,
  title: 'What holds when the check passes',
  failureTitle: 'What is wrong when it fails',
  description: 'What the check looks at, what passes, what fails and what needs a person.',
  severity: 'moderate' as const,
  source: 'domain.md §…',
};

/** Pure: reads the snapshot (signals/ for shared detectors), never the DOM. Decide on data; words only in messages. */
export function evaluate(page: PageSnapshot): RuleOutcome {
  const models = modelsOf(page);
  const findings: Finding[] = [];
  for (const model of models) {
    for (const n of model.nodes) {
      // Replace with the evidence this check judges; every finding carries it (text, size, colours, selector).
      if (!isVisible(n) || n.attrs['data-${id}'] === undefined) continue;
      findings.push(nodeFinding(models, model.index, n.i, 'minor', format(messages.pass, { what: n.text ?? n.tag }), { text: n.text }, 'pass'));
    }
  }
  if (!findings.length) return { status: 'not-applicable', summary: messages.notApplicable, findings };
  return { status: 'pass', summary: format(messages.pass, { what: \`\${findings.length} element(s)\` }), findings };
}

export const ${name} = { meta, evaluate, messages } satisfies Rule;
`;
}

function fixturePage(id: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${id} fixtures</title>
</head>
<body>
<!--
  Fixtures for the "${id}" check. Each template element is one independent test page.
  id prefix = expected status (pass- / fail- / review- / na-). Expectations and reasons: ${id}.json.
  Record the pattern's source (repository and path) of each case in a comment; never copy its markup.
-->

<template id="na-en-no-evidence" data-lang="en">
<h1>Order confirmed</h1>
<p>Thank you. Your order number is A-1042.</p>
</template>

</body>
</html>
`;
}

/** Adds the new rule's catalogue keys to the other languages in English, to translate; returns the keys. */
function seedTranslations(root: string): string[] {
  const en = JSON.parse(readFileSync(path.join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
  const added = new Set<string>();
  for (const lang of ['lt', 'lv', 'et']) {
    const file = path.join(root, `public/_locales/${lang}/messages.json`);
    const catalogue = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>;
    const out: Record<string, { message: string }> = {};
    for (const key of Object.keys(en)) {
      if (catalogue[key]) out[key] = catalogue[key];
      else {
        out[key] = en[key];
        added.add(key);
      }
    }
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  }
  return [...added];
}

function main(): number {
  const args = process.argv.slice(2);
  const id = args.find((a) => !a.startsWith('--'));
  const at = args.indexOf('--requirement');
  const requirement = at >= 0 ? args[at + 1] : 'tasks';
  if (!id) {
    console.error('usage: npm run new-rule <id> [-- --requirement <requirement-id>]');
    return 2;
  }
  const root = process.cwd();
  const read = (file: string) => (existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined);
  const files = planNewRule(id, requirement, read);
  for (const f of files) {
    mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
    writeFileSync(path.join(root, f.path), f.content);
    console.log(`wrote ${f.path}`);
  }
  execFileSync('npx', ['tsx', 'scripts/write-catalogue.ts'], { cwd: root, stdio: 'inherit' });
  const seeded = seedTranslations(root);
  console.log(`\nNext: fill in evaluate() and its messages, add fixture cases (pass/fail/review) with a "why" each, label new`);
  console.log(`evidence fields in src/view/evidence-fields.ts, run \`npm run catalogue\` after changing messages, and translate`);
  console.log(`these keys in lt, lv and et (they hold the English text now): ${seeded.join(', ')}`);
  console.log(`Then: npx vitest run test/unit/rule-registry.test.ts && npx vitest run test/browser/rule-fixtures.test.ts -t "rule ${id}"`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`new-rule: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 2;
  }
}
