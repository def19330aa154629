import { describe, expect, it } from 'vitest';
import { parseArgs, USAGE } from '../../src/cli/args';
import { UsageError } from '../../src/cli/errors';
import { OUTPUT_FORMATS } from '../../src/cli/run';

describe('CLI arguments', () => {
  it('reads --json, --wait, --viewport and several URLs', () => {
    const o = parseArgs(['--json', '--wait', '30000', '--viewport', '390x844', 'http://127.0.0.1:8080/a', 'example.com/sign']);
    expect(o).toMatchObject({ json: true, waitMs: 30000, viewport: { width: 390, height: 844 } });
    expect(o.urls).toEqual(['http://127.0.0.1:8080/a', 'https://example.com/sign']);
  });

  it('leaves viewport, wait and formats to the config when not given', () => {
    const o = parseArgs(['https://a.test/']);
    expect(o.viewport).toBeUndefined();
    expect(o.waitMs).toBeUndefined();
    expect(o.formats).toEqual([]);
    expect(o.failOn).toBeUndefined();
  });

  it('reads the CI flags: repeatable --flow, --format, --require and --lang, --config, --output-dir, --fail-on, --quiet', () => {
    const o = parseArgs([
      '--config',
      'ci/wysiwys.config.json',
      '--flow',
      'a.flow.json',
      '--flow=b.flow.yaml',
      '--format',
      'sarif',
      '--format',
      'junit',
      '--output-dir',
      'reports',
      '--fail-on',
      'review',
      '--require',
      'control-code',
      '--require',
      'cancel',
      '--lang',
      'en,lt',
      '--lang',
      'et',
      '--quiet',
      '--exercise',
      'cancel',
    ]);
    expect(o).toMatchObject({
      config: 'ci/wysiwys.config.json',
      flows: ['a.flow.json', 'b.flow.yaml'],
      formats: ['sarif', 'junit'],
      outputDir: 'reports',
      failOn: 'review',
      require: ['control-code', 'cancel'],
      languages: ['en', 'lt', 'et'],
      quiet: true,
      exercise: 'cancel',
    });
    expect(o.urls).toEqual([]);
  });

  it('accepts every output format and says them all in the usage text', () => {
    for (const f of OUTPUT_FORMATS) expect(parseArgs(['--format', f]).formats).toEqual([f]);
    for (const flag of [
      '--config',
      '--flow',
      '--format',
      '--output-dir',
      '--fail-on',
      '--require',
      '--quiet',
      '--viewport',
      '--wait',
      '--lang',
      '--json',
      '--exercise',
    ])
      expect(USAGE).toContain(flag);
  });

  it.each([
    [['--wait'], 'needs a value'],
    [['--wait', '-5', 'a.test'], 'milliseconds'],
    [['--viewport', 'big', 'a.test'], 'WIDTHxHEIGHT'],
    [['--frobnicate', 'a.test'], 'Unknown option'],
    [['file:///etc/passwd'], 'Only http(s)'],
    [['--format', 'pdf'], '--format takes one of table, json, junit, sarif, markdown, html, got "pdf"'],
    [['--fail-on', 'warn'], '--fail-on takes "fail" or "review", got "warn"'],
    [['--require', 'controlcode'], 'got "controlcode"'],
    [['--lang', 'english!'], '--lang takes language codes'],
    [['--flow', '--quiet'], '--flow needs a value'],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
