import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/errors';

describe('CLI arguments', () => {
  it('reads --json, --wait, --viewport and several URLs', () => {
    const o = parseArgs(['--json', '--wait', '30000', '--viewport', '390x844', 'http://127.0.0.1:8080/a', 'example.com/sign']);
    expect(o).toMatchObject({ json: true, waitMs: 30000, viewport: { width: 390, height: 844 } });
    expect(o.urls).toEqual(['http://127.0.0.1:8080/a', 'https://example.com/sign']);
  });

  it('defaults to a 1280x900 viewport and no fixed wait', () => {
    const o = parseArgs(['https://a.test/']);
    expect(o.viewport).toEqual({ width: 1280, height: 900 });
    expect(o.waitMs).toBeUndefined();
  });

  it.each([
    [[], 'at least one URL'],
    [['--wait'], 'needs a value'],
    [['--wait', '-5', 'a.test'], 'milliseconds'],
    [['--viewport', 'big', 'a.test'], 'WIDTHxHEIGHT'],
    [['--frobnicate', 'a.test'], 'Unknown option'],
    [['file:///etc/passwd'], 'Only http(s)'],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
