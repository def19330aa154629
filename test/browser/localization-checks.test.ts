/**
 * The named checks of the localization rule, each judged alone on pages gathered in Chromium: the declared page
 * language, frames asked for or running in another language, passages under their own lang, mixed text, raw keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  declaredPassages,
  frameLanguages,
  frameParameters,
  languageContext,
  mixedLanguage,
  pageLanguage,
  rawKeys,
  type LanguageContext,
} from '../../src/audit/rules/localization';
import { modelsOf } from '../../src/audit/model';
import { GatheredPages } from '../support/gathered-page';

const pages = new GatheredPages();
beforeAll(() => pages.start());
afterAll(() => pages.stop());

const LT_STEP =
  '<h1>Dokumento pasirašymas</h1><p>Patvirtinkite parašą savo telefone. Įsitikinkite, kad kontrolinis kodas sutampa su rodomu telefone.</p>' +
  '<p>Kontrolinis kodas: <b>4821</b></p><button type="button">Atšaukti</button>';

async function contextOf(html: string, lang: string): Promise<LanguageContext> {
  const ctx = languageContext(modelsOf(await pages.snapshot(html, lang)));
  if (!ctx) throw new Error('no text to judge');
  return ctx;
}
const verdicts = (list: { verdict: string }[]) => list.map((v) => v.verdict);

describe('languageContext', () => {
  it('has nothing to judge on a page without words', async () => {
    expect(
      languageContext(modelsOf(await pages.snapshot('<div style="width:40px;height:40px;background:#09c"></div>', 'lt'))),
    ).toBeUndefined();
  });
});

describe('page-language', () => {
  it('holds when <html lang> says the language the text is in', async () => {
    expect(pageLanguage(await contextOf(LT_STEP, 'lt'))).toEqual([]);
  });
  it('fails a page without <html lang>, naming the language of its text', async () => {
    const [v] = pageLanguage(await contextOf(LT_STEP, ''));
    expect(v.verdict).toBe('fail');
    expect(v.findings[0].evidence).toMatchObject({ declared: '', detected: 'lt' });
  });
  it('fails <html lang="en"> over Lithuanian text', async () => {
    const [v] = pageLanguage(await contextOf(LT_STEP, 'en'));
    expect(v.verdict).toBe('fail');
    expect(v.findings[0].evidence).toMatchObject({ declared: 'en', detected: 'lt' });
  });
  it('doubts a page whose few words cannot tell their language', async () => {
    expect(verdicts(pageLanguage(await contextOf('<p>Smart-ID</p><p>OK</p>', 'lv')))).toEqual(['review']);
  });
});

describe('frame-parameter and frame-language', () => {
  const frame = (src: string, lang: string, body: string) =>
    `<iframe title="gateway" src="${src}" srcdoc="<!doctype html><html lang='${lang}'><body>${body}</body></html>"></iframe>`;
  const RU_BODY =
    '<h2>Подписание документа</h2><p>Подтвердите подпись в своём телефоне и сравните контрольный код.</p><button>Отменить</button>';
  it('fails a frame asked for Russian on a Lithuanian page, and the frame running in Russian', async () => {
    const ctx = await contextOf(LT_STEP + frame('https://gateway.example/sign?lang=ru', 'ru', RU_BODY), 'lt');
    const params = frameParameters(ctx);
    expect(verdicts(params)).toEqual(['fail']);
    expect(params[0].findings[0].evidence).toMatchObject({ requested: 'ru', page: 'lt' });
    const frames = frameLanguages(ctx, params);
    expect(verdicts(frames)).toEqual(['fail']);
    expect(frames[0].findings[0].evidence).toMatchObject({ detected: 'ru', page: 'lt' });
  });
  it('holds for a frame asked for and running in the page language', async () => {
    const LT_BODY =
      '<h2>Pasirašymas</h2><p>Patvirtinkite parašą savo telefone ir palyginkite kontrolinį kodą.</p><button>Atšaukti</button>';
    const ctx = await contextOf(LT_STEP + frame('https://gateway.example/sign?lang=lt', 'lt', LT_BODY), 'lt');
    expect(frameParameters(ctx)).toEqual([]);
    expect(frameLanguages(ctx)).toEqual([]);
  });
});

describe('declared-passage', () => {
  it('fails a passage whose lang attribute says Latvian but reads as Lithuanian', async () => {
    const html = `${LT_STEP}<p lang="lv">Patvirtinkite parašą savo telefone ir palyginkite kontrolinį kodą su rodomu ekrane.</p>`;
    expect(verdicts(declaredPassages(await contextOf(html, 'lt')))).toEqual(['fail']);
  });
  it('holds for a passage in the language it declares', async () => {
    const html = `${LT_STEP}<p lang="en">Please confirm the signature on your phone and compare the control code.</p>`;
    expect(declaredPassages(await contextOf(html, 'lt'))).toEqual([]);
  });
});

describe('mixed-language', () => {
  it('fails an untranslated English instruction on a Lithuanian page: one verdict, a finding per text', async () => {
    const html = `${LT_STEP}<p>Please confirm the signature on your phone and compare the control code.</p>`;
    const [v, ...rest] = mixedLanguage(await contextOf(html, 'lt'));
    expect(rest).toEqual([]);
    expect(v.verdict).toBe('fail');
    expect(v.findings[0].evidence).toMatchObject({ detected: 'en', page: 'lt' });
  });
  it('holds for a page in one language', async () => {
    expect(mixedLanguage(await contextOf(LT_STEP, 'lt'))).toEqual([]);
  });
});

describe('raw-key', () => {
  it('fails a raw message key and an unfilled placeholder, each with the text shown', async () => {
    const html = `${LT_STEP}<button type="button">signing.cancel_button</button><p>Liko {{ seconds }} sekundžių</p>`;
    const found = rawKeys(await contextOf(html, 'lt'));
    expect(verdicts(found)).toEqual(['fail', 'fail']);
    expect(found.map((v) => v.findings[0].evidence.text)).toEqual(['signing.cancel_button', '{{ seconds }}']);
  });
  it('holds for a page with no raw keys (a file name is not a key)', async () => {
    expect(rawKeys(await contextOf(`${LT_STEP}<p>Sutartis_nr_118.pdf</p>`, 'lt'))).toEqual([]);
  });
});
