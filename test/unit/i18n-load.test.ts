/**
 * Extension pages load one language's catalogue (src/i18n/load.ts) instead of bundling every language: they fetch
 * only that language's _locales file and English (the fallback), and translate exactly as the bundled catalogues do.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCALES, catalogueKeys, localize, t, type Locale } from '../../src/i18n';
import { loadMessages } from '../../src/i18n/load';
import { messagesOf } from '../../src/i18n/messages';
import { strings as popupStrings } from '../../src/popup/strings';

const PUBLIC = path.resolve(import.meta.dirname, '../../public');

/** Serves the extension's root (public/) as an extension page's fetch sees it, and records what was asked for. */
function serveExtensionFiles(missing: string[] = []): string[] {
  const requested: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    requested.push(url);
    if (missing.includes(url)) return new Response('', { status: 404 });
    return new Response(readFileSync(path.join(PUBLIC, url), 'utf8'), { status: 200 });
  });
  return requested;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loading one language', () => {
  for (const locale of [...LOCALES, 'xx'] as Locale[]) {
    it(`fetches only what ${locale} needs and translates every key as the bundled catalogues do`, async () => {
      const requested = serveExtensionFiles();
      const messages = await loadMessages(Promise.resolve(locale));
      const wanted = locale === 'en' || locale === 'xx' ? ['en'] : ['en', locale];
      expect(requested.sort()).toEqual(wanted.map((l) => `/_locales/${l}/messages.json`).sort());
      expect(messages.locale).toBe(locale);
      for (const key of catalogueKeys())
        expect(messages.t(key, { name: 'N' }, ['S1', 'S2']), key).toBe(t(locale, key, { name: 'N' }, ['S1', 'S2']));
      expect(messages.localize(popupStrings, 'popup')).toEqual(localize(popupStrings, 'popup', locale));
    });
  }

  it('says which file it could not load instead of showing untranslated labels', async () => {
    serveExtensionFiles(['/_locales/lv/messages.json']);
    await expect(loadMessages('lv')).rejects.toThrow('_locales/lv/messages.json: 404');
  });
});

describe('messages of one language', () => {
  const english = { greet: { message: 'Hello {name}, $1' }, only_en: { message: 'English only' } };
  const lithuanian = { greet: { message: 'Labas {name}, $1' } };

  it('fills a key the language lacks from English, and shows the key when neither has it', () => {
    const lt = messagesOf('lt', lithuanian, english);
    expect(lt.t('greet', { name: 'Ona' }, ['x'])).toBe('Labas Ona, x');
    expect(lt.t('only_en')).toBe('English only');
    expect(lt.t('nowhere')).toBe('nowhere');
    expect(lt.raw('nowhere')).toBeUndefined();
  });

  it('marks every English message in the pseudo-locale, whatever other catalogue it is given', () => {
    const xx = messagesOf('xx', lithuanian, english);
    expect(xx.t('greet', { name: 'Ona' }, ['x'])).toBe('⟦Hello Ona, x⟧');
    expect(xx.templateIn('greet')).toBe('⟦Hello ${name}, $1⟧');
  });

  it('translates nested labels by their catalogue keys and keeps English where there is no message', () => {
    const lt = messagesOf('lt', { box_title: { message: 'Antraštė' } }, { box_title: { message: 'Title' } });
    expect(lt.localize({ title: 'Title', inner: { hint: 'Hint' }, count: 3 }, 'box')).toEqual({
      title: 'Antraštė',
      inner: { hint: 'Hint' },
      count: 3,
    });
  });
});
