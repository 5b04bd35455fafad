import { describe, expect, it } from 'vitest';
import { dateIn, nameWords, readSearchQuery } from './search.js';

describe('reading a search query by its shape', () => {
  it.each([
    ['111222333', { kind: 'bsn', value: '111222333' }],
    ['1112.22.333', { kind: 'bsn', value: '111222333' }],
    [' 1112 22 333 ', { kind: 'bsn', value: '111222333' }],
    ['12345678', { kind: 'kvk', value: '12345678' }],
    ['NL91 ABNA 0417 1643 00', { kind: 'iban', value: 'NL91ABNA0417164300' }],
    ['nl91abna0417164300', { kind: 'iban', value: 'NL91ABNA0417164300' }],
    ['SIG-2026-0012', { kind: 'reference', value: 'SIG-2026-0012' }],
    ['sig-2026', { kind: 'reference', value: 'SIG-2026' }],
    ['cas-2021-0003', { kind: 'reference', value: 'CAS-2021-0003' }],
    ['3511ab 12', { kind: 'address', postcode: '3511 AB', houseNumber: 12, addition: null }],
    ['3511 AB, 12-bis', { kind: 'address', postcode: '3511 AB', houseNumber: 12, addition: 'BIS' }],
    ['3511 AB 12a', { kind: 'address', postcode: '3511 AB', houseNumber: 12, addition: 'A' }],
    ['3511AB', { kind: 'address', postcode: '3511 AB', houseNumber: null, addition: null }],
    ['12-abc-3', { kind: 'plate', value: '12ABC3' }],
    ['14-03-1979', { kind: 'date', value: '1979-03-14' }],
    ['14.03.1979', { kind: 'date', value: '1979-03-14' }],
    ['4/3/1979', { kind: 'date', value: '1979-03-04' }],
    ['1979-03-14', { kind: 'date', value: '1979-03-14' }],
    ['14 maart 1979', { kind: 'date', value: '1979-03-14' }],
    ['14 mrt. 1979', { kind: 'date', value: '1979-03-14' }],
  ])('%s', (query, shape) => {
    expect(readSearchQuery(query)).toEqual(shape);
  });

  it('says what is wrong with an identifier typed with a mistake, and searches nothing', () => {
    expect(readSearchQuery('111222334')).toEqual({
      kind: 'invalid',
      message: 'Dit lijkt een BSN, maar het klopt niet (elfproef).',
    });
    expect(readSearchQuery('NL91ABNA0417164301').kind).toBe('invalid');
  });

  it('reads names and code names as text, with a date of birth taken out', () => {
    expect(readSearchQuery('Jan de Vries 14-03-1979')).toEqual({
      kind: 'text',
      text: 'Jan de Vries',
      words: ['jan', 'vries'],
      dateOfBirth: '1979-03-14',
    });
    expect(readSearchQuery('Balans')).toEqual({
      kind: 'text',
      text: 'Balans',
      words: ['balans'],
      dateOfBirth: null,
    });
    // Not a calendar date: 31 February stays text.
    expect(readSearchQuery('Jansen 31-02-1980')).toMatchObject({ kind: 'text', dateOfBirth: null });
  });

  it('folds names as the register does: diacritics, ij and tussenvoegsels', () => {
    expect(nameWords('Van der Meij-Ünal')).toEqual(['mey', 'unal']);
    expect(dateIn('geboren 1 januari 1990, Meijer')).toEqual({
      date: '1990-01-01',
      rest: 'geboren , Meijer',
    });
  });
});
