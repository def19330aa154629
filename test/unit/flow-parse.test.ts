/**
 * Flow files: JSON and YAML read alike; every bad field is named in words with its line; values come from the
 * environment (never printed) and from the review card's sandbox identities by stable names.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors';
import { IDENTITIES_BY_NAME, parseFlow, resolveFlowValues } from '../../src/cli/flow';
import { redact, substitute } from '../../src/cli/flow/values';
import { TEST_IDENTITIES } from '../../src/review/test-identities';

const problemsOf = (text: string, name = 'flow.yaml'): string => {
  try {
    parseFlow(text, name);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
    return message;
  }
  throw new Error('the flow was accepted');
};

describe('flow files', () => {
  it('reads the same flow from YAML and JSON, with the line of each step', () => {
    const yaml = `name: demo sign
steps:
  - goto: /flow/start.html
  - click: { role: button, name: Smart-ID }
  - fill: { label: Personal code, value: "\${identity.smartid-lt-ok.code}" }
  - select: { selector: select, option: LT, frame: "iframe#gateway" }
  - press: Enter
  - waitFor: { phoneStep: true, timeoutMs: 20000 }
  - audit: phone step
  - exercise: cancel
`;
    const json = JSON.stringify(
      {
        name: 'demo sign',
        steps: [
          { goto: '/flow/start.html' },
          { click: { role: 'button', name: 'Smart-ID' } },
          { fill: { label: 'Personal code', value: '${identity.smartid-lt-ok.code}' } },
          { select: { selector: 'select', option: 'LT', frame: 'iframe#gateway' } },
          { press: 'Enter' },
          { waitFor: { phoneStep: true, timeoutMs: 20000 } },
          { audit: 'phone step' },
          { exercise: 'cancel' },
        ],
      },
      null,
      2,
    );
    const a = parseFlow(yaml, 'flow.yaml');
    const b = parseFlow(json, 'flow.json');
    expect(a.steps).toEqual(b.steps);
    expect(a.name).toBe('demo sign');
    expect(a.stepLines).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(b.stepLines?.[1]).toBe(7);
  });

  it('reads the shipped example flow', async () => {
    const { loadFlowFile } = await import('../../src/cli/flow');
    const flow = await loadFlowFile('demo/flow.json');
    expect(flow.steps.map((s) => Object.keys(s)[0])).toContain('audit');
  });

  it('names a target without a way to find it, with its line', () => {
    const message = problemsOf('name: x\nsteps:\n  - goto: /a\n  - click: { frame: "iframe" }\n');
    expect(message).toContain('line 4: steps[1] (click): give one of role+name, text, selector, label or placeholder');
  });

  it('names two ways to find one target, and a name without a role', () => {
    expect(problemsOf('name: x\nsteps:\n  - click: { text: Sign, selector: button }\n')).toContain(
      'steps[0] (click): give only one of role+name, text, selector, label or placeholder (found text and selector)',
    );
    expect(problemsOf('name: x\nsteps:\n  - click: { name: Sign }\n')).toContain(
      'line 3: steps[0] (click): "name" needs "role" (e.g. role: button)',
    );
  });

  it('names an unknown step kind and lists the known ones', () => {
    const message = problemsOf('name: x\nsteps:\n  - goto: /a\n  - clik: { text: Sign }\n');
    expect(message).toContain(
      'line 4: steps[1]: unknown step kind "clik" (known: goto, click, fill, select, press, waitFor, audit, exercise)',
    );
  });

  it('names wrong types, unknown fields and missing fields, all at once', () => {
    const message = problemsOf(
      `name: x
steps:
  - press: 3
  - click: { text: Sign, timeoutMs: "5" }
  - fill: { label: Code }
  - select: { label: Country, option: LT, colour: red }
  - audit: { nme: phone }
  - exercise: submit
  - waitFor: { text: a, url: b }
  - goto: 7
`,
    );
    expect(message).toContain('line 3: steps[0] (press): must be text, not a whole number');
    expect(message).toContain('line 4: steps[1] (click).timeoutMs: must be a whole number, not text');
    expect(message).toContain('line 5: steps[2] (fill): missing "value"');
    expect(message).toContain('line 6: steps[3] (select): unknown field "colour"');
    expect(message).toContain('line 7: steps[4] (audit): missing "name"');
    expect(message).toContain('line 7: steps[4] (audit): unknown field "nme"');
    expect(message).toContain('line 8: steps[5] (exercise): must be "cancel", not "submit"');
    expect(message).toContain('line 9: steps[6] (waitFor): give only one of text, selector, url or phoneStep (found text and url)');
    expect(message).toContain('line 10: steps[7] (goto): must be text or an object, not a whole number');
    expect(message).toMatch(/has 9 problem\(s\)/);
  });

  it('names missing top-level fields, unknown ones, and an empty step list', () => {
    expect(problemsOf('{"steps": [{"press": "Enter"}], "extra": 1}', 'f.json')).toMatch(
      /the flow: missing "name"[\s\S]*the flow: unknown field "extra"/,
    );
    expect(problemsOf('name: x\nsteps: []\n')).toContain('line 2: steps: needs at least one step');
    expect(problemsOf('- just a list\n')).toContain('a flow is an object with "name" and "steps", not a list');
  });

  it('reports a syntax error with its line, in YAML and JSON', () => {
    expect(problemsOf('name: x\nsteps: [\n')).toMatch(/cannot be read:\n {2}line \d+: /);
    expect(problemsOf('{\n  "name": "x",\n  "steps": [ {"press": "Enter"} \n}', 'f.json')).toMatch(/cannot be read:\n {2}line [34]: /);
    expect(problemsOf('name: x\nname: y\nsteps: [{press: Enter}]\n')).toMatch(/line 2: .*unique/i);
  });

  it('refuses unknown identities and placeholders when the flow is read', () => {
    const message = problemsOf(
      'name: x\nsteps:\n  - fill: { label: Code, value: "${identity.smartid-xx-ok.code}" }\n  - fill: { label: Phone, value: "${identity.smartid-lt-ok.phone}" }\n  - fill: { label: X, value: "${secret.X}" }\n',
    );
    expect(message).toContain('line 3: steps[0] (fill).value: unknown identity "smartid-xx-ok" (known: smartid-lt-ok,');
    expect(message).toContain('steps[1] (fill).value: identity "smartid-lt-ok" has no phone number');
    expect(message).toContain('steps[2] (fill).value: "${secret.X}" is not a value this tool knows');
  });
});

describe('flow values', () => {
  it('names every sandbox identity <method>-<country>-<result>, uniquely, for every identity of the review card', () => {
    expect(IDENTITIES_BY_NAME.size).toBe(TEST_IDENTITIES.length);
    for (const name of IDENTITIES_BY_NAME.keys()) expect(name).toMatch(/^(smartid|mobileid)-(lt|lv|ee)-[a-z]+(-(v\d+|\d+))?$/);
    expect(IDENTITIES_BY_NAME.get('smartid-lt-ok')).toMatchObject({ method: 'Smart-ID', country: 'LT', code: '30303039914' });
    expect(IDENTITIES_BY_NAME.get('smartid-lv-refused')).toMatchObject({ country: 'LV', result: 'USER_REFUSED' });
    expect(IDENTITIES_BY_NAME.get('smartid-ee-ok-v3')?.code).toMatch(/^PNOEE-/);
    expect(IDENTITIES_BY_NAME.get('mobileid-lt-ok')).toMatchObject({ phone: '+37060000666' });
  });

  it('fills environment variables and identities, and keeps the secrets it read', () => {
    const secrets = new Set<string>();
    const env = { SMARTID_PERSONAL_CODE: '38001010000', EMPTY: '' };
    expect(substitute('code ${env.SMARTID_PERSONAL_CODE} / ${identity.mobileid-lt-ok.phone} / $${env.X}', env, secrets)).toBe(
      'code 38001010000 / +37060000666 / ${env.X}',
    );
    expect([...secrets]).toEqual(['38001010000']);
    expect(redact('typed 38001010000 into the field', secrets)).toBe('typed *** into the field');
    expect(() => substitute('${env.EMPTY}', env)).toThrow(/EMPTY is not set/);
  });

  it('stops before the browser with the names of missing variables and the steps that read them, never a value', () => {
    const flow = parseFlow(
      'name: secret sign\nsteps:\n  - goto: "https://staging.example/${env.PATH_TOKEN}"\n  - fill: { label: Code, value: "${env.SMARTID_PERSONAL_CODE}" }\n  - fill: { label: Pin, value: "${env.SET_ONE}" }\n',
      'ci.yaml',
    );
    let message = '';
    try {
      resolveFlowValues(flow, { SET_ONE: 'hunter2' });
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      message = (error as Error).message;
    }
    expect(message).toContain(
      'steps[0] (line 3 of ci.yaml) goto https://staging.example/${env.PATH_TOKEN}: the environment variable PATH_TOKEN is not set',
    );
    expect(message).toContain('steps[1] (line 4 of ci.yaml) fill field "Code": the environment variable SMARTID_PERSONAL_CODE is not set');
    expect(message).not.toContain('hunter2');
    const steps = resolveFlowValues(flow, { SET_ONE: 'hunter2', PATH_TOKEN: 't', SMARTID_PERSONAL_CODE: '1' });
    expect(steps[2]).toEqual({ fill: { label: 'Pin', value: 'hunter2' } });
  });
});
