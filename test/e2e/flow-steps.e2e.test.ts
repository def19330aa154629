/**
 * Flows against the bundled demo site with the built extension: every step kind, a target inside a closed shadow
 * root (found through the DevTools protocol: Playwright's locators cannot see it) and targets inside the signing
 * partner's cross-origin frame; the example flow reaches the phone step, where control-code passes; a step that
 * fails becomes a problem naming it and keeps the snapshots already taken; secret values are never printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoServer } from '../../demo/server';
import { loadFlowFile, parseFlow, runFlow, type FlowRunOptions } from '../../src/cli/flow';
import { launchWithExtension, type ExtensionSession } from '../../src/cli/launch';
import type { Progress, RunTabReport } from '../../src/cli/run';

let session: ExtensionSession;
let demo: DemoServer;

beforeAll(async () => {
  demo = await startDemo();
  session = await launchWithExtension({ hostPermissions: ['http://127.0.0.1/*', 'http://localhost/*'] });
});

afterAll(async () => {
  await session?.close();
  await demo?.close();
});

/** A progress that remembers every line it was given. */
function recorder(): Progress & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    begin: (label) => lines.push(`begin ${label}`),
    observing: (label, remaining) => lines.push(`observing ${label} ${remaining}`),
    end: (label, _ms, outcome) => lines.push(`end ${label}: ${outcome}`),
  };
}

const options = (extra: Partial<FlowRunOptions> = {}): FlowRunOptions => ({
  viewport: { width: 1280, height: 900 },
  baseUrl: demo.siteUrl,
  env: {},
  progress: recorder(),
  ...extra,
});

const status = (r: RunTabReport | undefined, id: string) => r?.checks.find((c) => c.id === id)?.status;

describe('flows on the demo site', () => {
  it('runs the example flow to the phone step: control code passes there, and Cancel ends the step', async () => {
    const flow = await loadFlowFile('demo/flow.json');
    const progress = recorder();
    const { reports, problems } = await runFlow(session, flow, options({ progress }));
    expect(problems).toEqual([]);
    expect(reports.map((r) => r.point?.step)).toEqual(['phone step', 'after cancel']);
    const [phone, after] = reports;
    expect(phone.point).toMatchObject({ flow: 'demo sign', stepIndex: 9, viewport: { width: 1280, height: 900 } });
    expect(phone.requestedUrl).toBe(`${demo.siteUrl}/flow/start.html`);
    expect(status(phone, 'control-code')).toBe('pass');
    expect(status(phone, 'cancel')).toBe('pass');
    expect(status(phone, 'preview')).toBe('pass');
    expect(status(phone, 'localization')).toBe('pass');
    expect(status(phone, 'polling')).toBe('pass');
    // The code is shown in the gateway's frame, another origin than the integrator page.
    const code = phone.checks.find((c) => c.id === 'control-code')!.findings.find((f) => f.outcome === 'pass')!;
    expect(code.frameUrl.startsWith(demo.gatewayUrl)).toBe(true);
    // After Cancel the extension's timeline holds the press, and polling has stopped without a fail.
    expect(after.timeline?.entries.some((e) => e.kind === 'action' && /pressed/.test(e.text))).toBe(true);
    expect(status(after, 'polling')).toBe('pass');
    // One begin and one end per step, with the step in words.
    expect(progress.lines.filter((l) => l.startsWith('begin '))).toHaveLength(flow.steps.length);
    expect(progress.lines).toContain('end flow demo sign › wait for the phone step: phone step shown');
  });

  it('runs the same flow in Lithuanian: the language goes into the address and the pages follow it', async () => {
    const flow = await loadFlowFile('demo/flow.json');
    const { reports, problems } = await runFlow(session, { ...flow, steps: flow.steps.slice(0, 10) }, options({ language: 'lt' }));
    expect(problems).toEqual([]);
    expect(reports[0].requestedUrl).toBe(`${demo.siteUrl}/flow/start.html?lang=lt`);
    expect(reports[0].point?.language).toBe('lt');
    expect(status(reports[0], 'control-code')).toBe('pass');
    expect(status(reports[0], 'localization')).toBe('pass');
    expect(reports[0].checks.find((c) => c.id === 'control-code')?.summary).toContain('Kontrolinis kodas');
  });

  it('clicks and waits for targets inside a closed shadow root, by role + name and by text', async () => {
    const flow = parseFlow(
      JSON.stringify({
        name: 'closed shadow',
        steps: [
          { goto: '/flow/start.html' },
          // Without the box ticked the widget answers inside its closed root.
          { click: { text: 'Continue to signing', exact: true } },
          { waitFor: { text: 'Tick the box first.' } },
          { click: { role: 'checkbox', name: 'I have read the agreement' } },
          { click: { role: 'button', name: 'Continue to signing' } },
          { waitFor: { url: '/flow/sign.html' } },
        ],
      }),
      'closed.json',
    );
    const { problems } = await runFlow(session, flow, options());
    expect(problems).toEqual([]);
  });

  it('clicks a closed-shadow target below the fold on a phone: scrolled into view, hit-tested where it is painted', async () => {
    // At 390x844 the widget is below the document preview: the click must scroll first and hit-test in document
    // coordinates (the preview's PDF frame is where the box's viewport position would be at scroll 0).
    const flow = parseFlow(
      JSON.stringify({
        name: 'closed shadow on a phone',
        steps: [
          { goto: '/flow/start.html' },
          { click: { selector: '#agree' } },
          { click: { selector: '#continue' } },
          { waitFor: { url: '/flow/sign.html' } },
        ],
      }),
      'phone.json',
    );
    const { problems } = await runFlow(session, flow, options({ viewport: { width: 390, height: 844 } }));
    expect(problems).toEqual([]);
  });

  it('cannot reach those targets without the closed-root search (Playwright alone does not see them)', async () => {
    const page = await session.context.newPage();
    try {
      await page.goto(`${demo.siteUrl}/flow/start.html`);
      await page.waitForLoadState('load');
      expect(await page.getByRole('button', { name: 'Continue to signing' }).count()).toBe(0);
      expect(await page.locator('#agree').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('fills, selects and presses inside the cross-origin frame, found by address or by frame selector', async () => {
    const flow = parseFlow(
      `name: cross-origin frame
steps:
  - goto: /flow/sign.html
  - click: { text: Smart-ID, frame: "language=" }
  - select: { label: Country, option: Latvia, frame: "iframe#gateway" }
  - fill: { label: Personal code, value: "\${identity.smartid-lv-ok.code}", frame: "language=" }
  - click: { role: button, name: Start, exact: true }
  - waitFor: { text: Control code, frame: "iframe#gateway" }
  - waitFor: { phoneStep: true }
  - audit: { name: phone step, waitMs: 3000 }
`,
      'frame.yaml',
    );
    const { reports, problems } = await runFlow(session, flow, options());
    expect(problems).toEqual([]);
    expect(reports).toHaveLength(1);
    expect(status(reports[0], 'control-code')).toBe('pass');
    expect(status(reports[0], 'cancel')).toBe('pass');
  });

  it('presses keys: Enter in the personal-code field starts the signing', async () => {
    const flow = parseFlow(
      `name: keys
steps:
  - goto: /flow/sign.html
  - click: { role: button, name: Mobile-ID, frame: "iframe#gateway" }
  - fill: { placeholder: never, frame: "iframe#gateway", value: x, timeoutMs: 300 }
`,
      'keys.yaml',
    );
    // No field has that placeholder: the step fails and names itself.
    const failed = await runFlow(session, flow, options());
    expect(failed.problems).toHaveLength(1);
    expect(failed.problems[0]).toMatchObject({ kind: 'flow', point: { stepIndex: 2 } });
    expect(failed.problems[0].message).toBe(
      'steps[2] (line 5 of keys.yaml) fill field with placeholder "never" in frame "iframe#gateway": no visible field with placeholder "never" in frame "iframe#gateway" within 0.3 s',
    );

    const pressing = parseFlow(
      `name: keys
steps:
  - goto: /flow/sign.html
  - click: { role: button, name: Mobile-ID, frame: "iframe#gateway" }
  - fill: { label: Personal code, value: "\${identity.mobileid-lt-ok.code}", frame: "iframe#gateway" }
  - fill: { label: Phone number, value: "\${identity.mobileid-lt-ok.phone}", frame: "iframe#gateway" }
  - press: Enter
  - waitFor: { phoneStep: true }
`,
      'keys.yaml',
    );
    expect((await runFlow(session, pressing, options())).problems).toEqual([]);
  });

  it('keeps the snapshots taken before a step that fails, and names the failing step', async () => {
    const flow = parseFlow(
      `name: broken
steps:
  - goto: /flow/start.html
  - audit: { name: start page, waitMs: 1500 }
  - click: { role: button, name: Pay now, timeoutMs: 1000 }
  - audit: never reached
`,
      'broken.yaml',
    );
    const { reports, problems } = await runFlow(session, flow, options());
    expect(reports.map((r) => r.point?.step)).toEqual(['start page']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      kind: 'flow',
      point: { flow: 'broken', stepIndex: 2 },
      pageUrl: `${demo.siteUrl}/flow/start.html`,
    });
    expect(problems[0].message).toContain(
      'steps[2] (line 5 of broken.yaml) click button "Pay now": no visible button "Pay now" within 1 s',
    );
  });

  it('reports a goto that answers HTTP 404 as a load problem', async () => {
    const flow = parseFlow('name: missing\nsteps:\n  - goto: /flow/nowhere.html\n  - audit: never\n', 'missing.yaml');
    const { reports, problems } = await runFlow(session, flow, options());
    expect(reports).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0].kind).toBe('load');
    expect(problems[0].message).toContain(`cannot load ${demo.siteUrl}/flow/nowhere.html: the server answered HTTP 404`);
  });

  it('reports exercise cancel on a page without a cancel control as a problem', async () => {
    const flow = parseFlow('name: no cancel\nsteps:\n  - goto: /flow/start.html\n  - exercise: cancel\n', 'x.yaml');
    const { problems } = await runFlow(session, flow, options());
    expect(problems[0]?.message).toMatch(/exercise cancel: cancel was not pressed: no usable cancel control was found/);
  }, 60_000);

  it('types environment values without ever printing them, in progress or problems', async () => {
    const secret = '39912310000';
    const flow = parseFlow(
      `name: secret
steps:
  - goto: /flow/sign.html
  - click: { role: button, name: Smart-ID, frame: "iframe#gateway" }
  - fill: { label: Personal code, value: "\${env.FLOW_TEST_CODE}", frame: "iframe#gateway" }
  - press: Enter
  - waitFor: { text: "\${env.FLOW_TEST_CODE}", timeoutMs: 500 }
`,
      'secret.yaml',
    );
    const progress = recorder();
    const { problems } = await runFlow(session, flow, options({ env: { FLOW_TEST_CODE: secret }, progress }));
    // The wait for the value itself fails (it is not shown): its message and progress hide it.
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('wait for text "${env.FLOW_TEST_CODE}": no visible text "***" within 0.5 s');
    expect(JSON.stringify(problems)).not.toContain(secret);
    expect(progress.lines.join('\n')).not.toContain(secret);
  });
});
