import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/audit/lang';

describe('language identification', () => {
  it.each([
    ['en', 'Make sure the code matches the one in your Smart-ID app, then enter PIN2.'],
    ['lt', 'Įsitikinkite, kad kodas sutampa su rodomu Smart-ID programėlėje, ir įveskite PIN2.'],
    ['lv', 'Pārliecinieties, ka kontroles kods sakrīt ar kodu jūsu tālrunī, un ievadiet PIN2.'],
    ['et', 'Veenduge, et kontrollkood vastab teie telefonis kuvatud koodile, ja sisestage PIN2.'],
    ['ru', 'Убедитесь, что контрольный код совпадает с кодом в приложении Smart-ID, и введите PIN2.'],
    ['lt', 'Pasirašyti'], ['lv', 'Atcelt'], ['et', 'Katkesta'], ['ru', 'Отмена'], ['en', 'Cancel'],
  ])('detects %s in "%s"', (lang, text) => {
    expect(detectLanguage(text).lang).toBe(lang);
  });

  it('says unknown for text without any clue', () => {
    expect(detectLanguage('Smart-ID').lang).toBe('unknown');
    expect(detectLanguage('0041').lang).toBe('unknown');
    expect(detectLanguage('Jonas Jonaitis').lang).toBe('unknown');
  });
});
