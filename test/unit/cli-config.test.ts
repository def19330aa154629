import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/audit';
import { parseArgs } from '../../src/cli/args';
import { CONFIG_SCHEMA_FILE, configProblems, loadConfig, resolveRun } from '../../src/cli/config';
import { UsageError } from '../../src/cli/errors';
import { OUTPUT_FORMATS } from '../../src/cli/run';

/** A directory holding `wysiwys.config.json` with this text. */
function dirWith(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wysiwys-config-'));
  writeFileSync(path.join(dir, 'wysiwys.config.json'), text);
  return dir;
}

const GOOD = {
  baseUrl: 'https://staging.example.lt',
  urls: ['/sign', 'https://other.example.lt/{lang}/sign'],
  flows: ['flows/sign.flow.json'],
  viewports: [
    { name: 'desktop', width: 1280, height: 900 },
    { name: 'phone', width: 390, height: 844 },
  ],
  languages: ['en', 'lt', 'et'],
  languageParam: 'language',
  observe: { quietMs: 2000, maxMs: 30000 },
  requiredChecks: ['control-code', 'cancel'],
  failOn: 'review',
  formats: ['junit', 'sarif'],
  outputDir: 'reports',
};

describe('config file', () => {
  it('accepts a complete config and merges it into the run', () => {
    const dir = dirWith(JSON.stringify(GOOD, null, 2));
    const run = resolveRun(parseArgs([]), dir, {});
    expect(run.configFile).toBe(path.join(dir, 'wysiwys.config.json'));
    expect(run.urls).toEqual(['https://staging.example.lt/sign', 'https://other.example.lt/{lang}/sign']);
    expect(run.flows).toEqual([path.join(dir, 'flows/sign.flow.json')]);
    expect(run.viewports.map((v) => v.name)).toEqual(['desktop', 'phone']);
    expect(run.languages).toEqual(['en', 'lt', 'et']);
    expect(run.languageParam).toBe('language');
    expect(run).toMatchObject({ quietMs: 2000, maxMs: 30000, formats: ['junit', 'sarif'], outputDir: path.join(dir, 'reports') });
    expect(run.policy).toEqual({ failOn: 'review', requiredChecks: ['control-code', 'cancel'] });
  });

  it('lets flags override the config', () => {
    const dir = dirWith(JSON.stringify(GOOD));
    const run = resolveRun(
      parseArgs([
        '--flow',
        'x.yaml',
        '--format',
        'json',
        '--fail-on',
        'fail',
        '--require',
        'preview',
        '--viewport',
        '800x600',
        '--lang',
        'lv',
        '--wait',
        '5000',
        '--output-dir',
        'out',
      ]),
      dir,
      {},
    );
    // URLs or flows on the command line replace both lists of the config.
    expect(run.urls).toEqual([]);
    expect(run.flows).toEqual([path.join(dir, 'x.yaml')]);
    expect(run.formats).toEqual(['json']);
    expect(run.policy).toEqual({ failOn: 'fail', requiredChecks: ['preview'] });
    expect(run.viewports).toEqual([{ width: 800, height: 600 }]);
    expect(run.languages).toEqual(['lv']);
    expect(run.waitMs).toBe(5000);
    expect(run.outputDir).toBe(path.join(dir, 'out'));
  });

  it('defaults to one desktop viewport, no language, table, fail-on fail and every check', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wysiwys-noconfig-'));
    const run = resolveRun(parseArgs(['https://a.test/']), dir, {});
    expect(run).toMatchObject({
      viewports: [{ width: 1280, height: 900 }],
      languages: [undefined],
      formats: ['table'],
      policy: { failOn: 'fail' },
    });
    expect(run.policy.requiredChecks).toBeUndefined();
    expect(run.configFile).toBeUndefined();
    expect(resolveRun(parseArgs(['--json', 'https://a.test/']), dir, {}).formats).toEqual(['json']);
  });

  it('fills ${env.NAME} in baseUrl and urls, and names the field when the variable is missing', () => {
    const dir = dirWith(JSON.stringify({ baseUrl: '${env.STAGING_URL}', urls: ['/sign?case=${env.CASE}'] }));
    const run = resolveRun(parseArgs([]), dir, { STAGING_URL: 'http://127.0.0.1:9000', CASE: '7' });
    expect(run.urls).toEqual(['http://127.0.0.1:9000/sign?case=7']);
    expect(() => resolveRun(parseArgs([]), dir, { CASE: '7' })).toThrow(
      'baseUrl uses ${env.STAGING_URL}, but the environment variable STAGING_URL is not set',
    );
  });

  it('reads the config given with --config, relative paths from its own directory', () => {
    const dir = dirWith(JSON.stringify({ flows: ['f.json'] }));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'wysiwys-cwd-'));
    const run = resolveRun(parseArgs(['--config', path.join(dir, 'wysiwys.config.json')]), elsewhere, {});
    expect(run.flows).toEqual([path.join(dir, 'f.json')]);
  });

  it.each([
    ['{ "urls": ["/sign"] }', 'urls[0] "/sign" is relative: give baseUrl'],
    ['{ "viewports": [{ "width": 800, "height": 600 }] }', 'lists no urls or flows'],
    ['{ "viewports": [] }', 'line 1: viewports must list at least 1 item(s)'],
  ])('rejects %s with a usage error', (text, message) => {
    expect(() => resolveRun(parseArgs([]), dirWith(text), {})).toThrow(message);
  });

  it('gives one message per bad field, naming the field and its line', () => {
    const text = `{
  "urls": "https://a.test",
  "viewports": [
    { "name": "desktop", "width": 1280, "height": 900 },
    { "name": "phone", "width": 39, "height": "844" }
  ],
  "languages": ["en", "lithuanian!"],
  "failOn": "warning",
  "formats": ["pdf"],
  "requiredChecks": ["control_code"],
  "waitMs": -1,
  "colour": true
}`;
    const dir = dirWith(text);
    let message = '';
    try {
      loadConfig(path.join(dir, 'wysiwys.config.json'));
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toEqual([
      '  - line 2: urls must be a list ([…])',
      '  - line 5: viewports[1].width must be at least 200',
      '  - line 5: viewports[1].height must be a whole number',
      '  - line 7: languages[1] must be a language code such as "en", "lt" or "pt-BR"',
      '  - line 8: failOn must be one of "fail", "review"',
      '  - line 9: formats[0] must be one of "table", "json", "junit", "sarif", "markdown", "html"',
      expect.stringMatching(/^ {2}- line 10: requiredChecks\[0\] must be one of "control-code", "cancel", /),
      '  - line 11: waitMs must be at least 0',
      '  - line 12: unknown field "colour" (allowed: urls, flows, baseUrl, viewports, languages, languageParam, waitMs, observe, requiredChecks, failOn, formats, outputDir)',
    ]);
  });

  it('names the line of a JSON syntax error', () => {
    const dir = dirWith('{\n  "urls": ["https://a.test"],\n  "failOn": fail\n}');
    expect(() => loadConfig(path.join(dir, 'wysiwys.config.json'))).toThrow(/wysiwys\.config\.json line 3: not valid JSON/);
  });

  it('says so when the file given does not exist', () => {
    expect(() => resolveRun(parseArgs(['--config', 'nope.json']), tmpdir(), {})).toThrow(
      /Cannot read the config file .*nope\.json: it does not exist/,
    );
  });

  it('knows exactly the checks and formats the CLI knows', () => {
    const schema = JSON.parse(readFileSync(CONFIG_SCHEMA_FILE, 'utf8'));
    expect(schema.properties.requiredChecks.items.enum).toEqual(rules.map((r) => r.meta.id));
    expect(schema.properties.formats.items.enum).toEqual([...OUTPUT_FORMATS]);
    expect(configProblems(GOOD)).toEqual([]);
  });
});
