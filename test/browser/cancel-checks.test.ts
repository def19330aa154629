/**
 * The named checks of the cancel rule, each judged alone on pages gathered in Chromium: a control named cancel that
 * works or not, one that cancels something else, a look-alike next to the step, a name painted otherwise, and the
 * "use your browser's Back button" instruction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserBackOnly,
  cancelControl,
  cancelsSomethingElse,
  controlReadings,
  lookalikeNearStep,
  paintedOtherwise,
  type CancelContext,
  type ControlReading,
} from '../../src/audit/rules/cancel';
import { modelsOf } from '../../src/audit/model';
import { findConfirmationStep } from '../../src/audit/signals/step';
import { GatheredPages } from '../support/gathered-page';

const pages = new GatheredPages();
beforeAll(() => pages.start());
afterAll(() => pages.stop());

const STYLE = '<style>body{font-family:Arial,sans-serif;margin:32px}.code{font-size:36px;font-weight:700}</style>';
/** A Smart-ID waiting step in Lithuanian with `controls` after the code. */
const step = (controls: string) =>
  `${STYLE}<div class="step"><h1>Pasirašymas Smart-ID</h1><p>Kontrolinis kodas</p><div class="code">4821</div>` +
  `<p>Įsitikinkite, kad kodas sutampa su rodomu telefone, ir įveskite PIN2.</p>${controls}</div>`;

/** The context the rule builds, and the readings of the controls whose painted name contains `name`. */
async function controlsOf(html: string, lang = 'lt'): Promise<{ ctx: CancelContext; controls: ControlReading[] }> {
  const models = modelsOf(await pages.snapshot(html, lang));
  const ctx: CancelContext = { models, anchors: findConfirmationStep(models).anchors };
  return { ctx, controls: controlReadings(models) };
}

describe('cancel-control', () => {
  it('passes a visible, enabled cancel next to the step, naming it', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button">Atšaukti</button>'));
    const verdicts = controls.map((c) => cancelControl(ctx, c)).filter(Boolean);
    expect(verdicts.map((v) => v!.verdict)).toEqual(['pass']);
    expect(verdicts[0]!.findings[0].evidence).toMatchObject({ name: 'Atšaukti', tag: 'button' });
  });
  it('fails a disabled cancel and says how it is disabled', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button" disabled>Atšaukti</button>'));
    const verdict = controls.map((c) => cancelControl(ctx, c)).find(Boolean)!;
    expect(verdict.verdict).toBe('fail');
    expect(verdict.reason).toContain('disabled');
  });
  it('sends a cancel covered by an overlay to review', async () => {
    const overlay = '<div style="position:fixed;inset:0;background:rgba(0,0,0,.01)">Loading…</div>';
    const { ctx, controls } = await controlsOf(step(`<button type="button">Atšaukti</button>${overlay}`));
    expect(controls.map((c) => cancelControl(ctx, c)).find(Boolean)?.verdict).toBe('review');
  });
  it('says nothing about controls that are not named as a cancel action', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button">Tęsti</button>'));
    expect(controls.map((c) => cancelControl(ctx, c)).filter(Boolean)).toEqual([]);
  });
});

describe('cancels-something-else', () => {
  it('fails a "Cancellation policy" link: a document about cancelling, not the action', async () => {
    const { ctx, controls } = await controlsOf(step('<a href="/terms">Cancellation policy</a>'));
    const verdict = controls.map((c) => cancelsSomethingElse(ctx, c)).find(Boolean)!;
    expect(verdict.verdict).toBe('fail');
    expect(verdict.findings[0].evidence).toMatchObject({ href: '/terms' });
  });
  it('fails a cancel link that opens a PDF', async () => {
    const { ctx, controls } = await controlsOf(step('<a href="/docs/atsaukti-sutarti.pdf">Atšaukti sutartį</a>'));
    expect(controls.map((c) => cancelsSomethingElse(ctx, c)).find(Boolean)?.verdict).toBe('fail');
  });
  it('sends a sentence that mentions cancelling next to the step to review', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button">Kaip aš galiu atšaukti pasirašymą</button>'));
    expect(controls.map((c) => cancelsSomethingElse(ctx, c)).find(Boolean)?.verdict).toBe('review');
  });
  it('leaves a plain cancel action to cancel-control', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button">Atšaukti</button>'));
    expect(controls.map((c) => cancelsSomethingElse(ctx, c)).filter(Boolean)).toEqual([]);
  });
});

describe('lookalike-near-step', () => {
  it('sends a close glyph next to the step to review', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button" aria-label="Uždaryti">×</button>'));
    expect(controls.map((c) => lookalikeNearStep(ctx, c)).find(Boolean)?.verdict).toBe('review');
  });
  it('sends a Back control next to the step to review', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button">Atgal</button>'));
    expect(controls.map((c) => lookalikeNearStep(ctx, c)).find(Boolean)?.verdict).toBe('review');
  });
  it('fails an icon-only control with no name next to the step', async () => {
    const icon = '<button type="button" style="width:32px;height:32px"><svg width="16" height="16"><path d="M0 0L16 16"/></svg></button>';
    const { ctx, controls } = await controlsOf(step(icon));
    expect(controls.map((c) => lookalikeNearStep(ctx, c)).find(Boolean)?.verdict).toBe('fail');
  });
  it('ignores a control far from the step', async () => {
    const html = `${step('')}<footer style="margin-top:1200px"><button type="button">Atgal</button></footer>`;
    const { ctx, controls } = await controlsOf(html);
    expect(controls.map((c) => lookalikeNearStep(ctx, c)).filter(Boolean)).toEqual([]);
  });
});

describe('painted-name', () => {
  it('fails a control named Cancel whose letters are painted right to left', async () => {
    const html = step('<button type="button" style="unicode-bidi:bidi-override;direction:rtl">Atšaukti</button>');
    const { ctx, controls } = await controlsOf(html);
    const verdict = controls.map((c) => paintedOtherwise(ctx, c)).find(Boolean)!;
    expect(verdict.verdict).toBe('fail');
    expect(verdict.findings[0].evidence).toMatchObject({ name: 'Atšaukti' });
  });
  it('says nothing when the painted name is the written one', async () => {
    const { ctx, controls } = await controlsOf(step('<button type="button">Atšaukti</button>'));
    expect(controls.map((c) => paintedOtherwise(ctx, c)).filter(Boolean)).toEqual([]);
  });
});

describe('browser-back-only', () => {
  it('fails a page that tells the user to use the browser Back button, in any language', async () => {
    for (const [lang, text] of [
      ['en', 'To cancel, press the Back button of your browser.'],
      ['ru', 'Чтобы отменить, нажмите кнопку «Назад» в браузере.'],
    ]) {
      const { ctx } = await controlsOf(step(`<p>${text}</p>`), lang);
      expect(browserBackOnly(ctx).map((v) => v.verdict)).toEqual(['fail']);
    }
  });
  it('says nothing on a page without such an instruction', async () => {
    const { ctx } = await controlsOf(step('<button type="button">Atšaukti</button>'));
    expect(browserBackOnly(ctx)).toEqual([]);
  });
});
