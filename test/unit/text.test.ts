import { describe, expect, it } from 'vitest';
import {
  CANCEL,
  CODE_LABEL,
  COMPARE_CODE,
  SIGN,
  SIGN_IN,
  TERMINAL,
  WAITING,
  findConcept,
  fold,
  hasConcept,
  squash,
} from '../../src/audit/text';

describe('vocabulary matching', () => {
  it('folds case and diacritics in Latin and Cyrillic', () => {
    expect(fold('  ATŠAUKTI  Kontrolinį  ')).toBe('atsaukti kontrolini');
    expect(fold('Ждём')).toBe('ждем');
  });

  it.each([
    ['en', 'Verification code'],
    ['en', 'Your control code:'],
    ['lt', 'Kontrolinis kodas'],
    ['lt', 'Patvirtinimo kodą'],
    ['lv', 'Kontroles kods'],
    ['lv', 'Verifikācijas kodu'],
    ['et', 'Kontrollkood'],
    ['et', 'Kinnituskoodi'],
    ['ru', 'Контрольный код'],
    ['ru', 'Код подтверждения'],
  ])('recognises the code label in %s: %s', (_lang, text) => {
    expect(hasConcept(text, CODE_LABEL)).toBe(true);
  });

  it.each([
    ['Cancel'],
    ['Atšaukti'],
    ['Nutraukti pasirašymą'],
    ['Atcelt'],
    ['Katkesta'],
    ['Tühista'],
    ['Отмена'],
    ['Отменить'],
    ['Decline'],
  ])('recognises a cancel control name: %s', (name) => expect(hasConcept(name, CANCEL)).toBe(true));

  it('does not take words that merely contain a stem', () => {
    expect(hasConcept('Design your signal', SIGN)).toBe(false);
    expect(hasConcept('Sign in with Smart-ID', SIGN_IN)).toBe(true);
    expect(hasConcept('Stopwatch', CANCEL)).toBe(false);
  });

  it('matches inflected compare instructions in every language', () => {
    for (const t of [
      'Make sure the code matches',
      'Įsitikinkite, kad kodai sutampa',
      'pārliecinieties, ka šie kodi sakrīt',
      'kontrollkood vastab',
      'убедитесь, что коды совпадают',
    ]) {
      expect(findConcept(t, COMPARE_CODE), t).toBeDefined();
    }
  });

  it('tells a waiting message from an ended one, without mistaking a Cancel button for "cancelled"', () => {
    expect(hasConcept('Laukiame patvirtinimo Smart-ID programėlėje Atšaukti', TERMINAL)).toBe(false);
    expect(hasConcept('Gaidām apstiprinājumu Atcelt', TERMINAL)).toBe(false);
    expect(hasConcept('Подписание документа', TERMINAL)).toBe(false);
    expect(hasConcept('Время ожидания истекло', TERMINAL)).toBe(true);
    expect(hasConcept('Pasirašymas atšauktas', TERMINAL)).toBe(true);
    expect(hasConcept('Waiting for confirmation', WAITING)).toBe(true);
  });
});

describe('squash', () => {
  it('collapses every run of whitespace to one space and trims, leaving single spaces as they are', () => {
    expect(squash('  Kontrolinis\tkodas \n\n 1234  ')).toBe('Kontrolinis kodas 1234');
    expect(squash('a b\u00a0c')).toBe('a b c');
    const plain = 'already plain text';
    expect(squash(plain)).toBe(plain);
    expect(fold(' ATŠAUKTI\n  Sign ')).toBe('atsaukti sign');
  });
});
