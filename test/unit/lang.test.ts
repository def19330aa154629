import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/audit/lang';

describe('language identification', () => {
  it.each([
    ['en', 'Make sure the code matches the one in your Smart-ID app, then enter PIN2.'],
    ['lt', 'Įsitikinkite, kad kodas sutampa su rodomu Smart-ID programėlėje, ir įveskite PIN2.'],
    ['lv', 'Pārliecinieties, ka kontroles kods sakrīt ar kodu jūsu tālrunī, un ievadiet PIN2.'],
    ['et', 'Veenduge, et kontrollkood vastab teie telefonis kuvatud koodile, ja sisestage PIN2.'],
    ['ru', 'Убедитесь, что контрольный код совпадает с кодом в приложении Smart-ID, и введите PIN2.'],
    ['lt', 'Pasirašyti'],
    ['lv', 'Atcelt'],
    ['et', 'Katkesta'],
    ['ru', 'Отмена'],
    ['en', 'Cancel'],
    // A price note: "be" (without) is an English word too, so it must not outvote the Lithuanian around it.
    ['lt', 'Kaina nurodyta be PVM 7109 €'],
    ['lt', 'Priedas Nr. 3: papildomos paslaugos už 9120 EUR'],
    ['lv', 'Cena norādīta bez PVN'],
    ['et', 'Hind on näidatud ilma käibemaksuta'],
  ])('detects %s in "%s"', (lang, text) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('says unknown for text without any clue', () => {
    expect(detectLanguage('Smart-ID').lang).toBe('unknown');
    expect(detectLanguage('0041').lang).toBe('unknown');
    expect(detectLanguage('Jonas Jonaitis').lang).toBe('unknown');
  });
});

describe('language evidence', () => {
  it('counts distinctive vocabulary words apart from national letters', () => {
    // An address or a bank name has Latvian/Lithuanian letters but no word that only that language uses.
    expect(detectLanguage('Brīvības iela 21, Rīga').hits).toBe(0);
    expect(detectLanguage('Šiaulių bankas').hits).toBe(0);
    expect(detectLanguage('Įsitikinkite, kad kodas sutampa ir įveskite PIN2.').hits).toBeGreaterThan(0);
  });

  it('tells the script', () => {
    expect(detectLanguage('Отменить подписание').script).toBe('cyrillic');
    expect(detectLanguage('Atšaukti').script).toBe('latin');
    expect(detectLanguage('0041').script).toBe('none');
  });

  it('reads capitalised words as a name unless told not to (control names are words, not names)', () => {
    expect(detectLanguage('Jonas Jonaitis')).toMatchObject({ lang: 'unknown', name: true });
    expect(detectLanguage('Jonas Jonaitis', { names: false }).name).toBeUndefined();
    // Common action words are vocabulary: a one-word button is judged, not taken for a name.
    expect(detectLanguage('Proceed').lang).toBe('en');
    expect(detectLanguage('Подтверждаю', { names: false }).lang).toBe('ru');
  });
});
