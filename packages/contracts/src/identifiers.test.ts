import { describe, expect, it } from 'vitest';
import {
  bsn,
  iban,
  kvkNumber,
  parseDutchAddress,
  passesElevenTest,
  postcode,
  registrationPlate,
  rsin,
} from './identifiers.js';

describe('Dutch identifiers', () => {
  it('check a BSN and an RSIN with the 11-test', () => {
    expect(passesElevenTest('111222333')).toBe(true);
    expect(passesElevenTest('123456782')).toBe(true);
    expect(passesElevenTest('123456789')).toBe(false);
    expect(bsn.parse('1112.22.333')).toBe('111222333');
    expect(bsn.safeParse('123456789').error?.issues[0]?.message).toBe('Dit BSN klopt niet (elfproef).');
    expect(bsn.safeParse('12345').error?.issues[0]?.message).toBe('Een BSN heeft negen cijfers.');
    expect(rsin.safeParse('123456782').success).toBe(true);
  });

  it('check an IBAN with mod 97 and normalise its spacing', () => {
    expect(iban.parse('nl91 abna 0417 1643 00')).toBe('NL91ABNA0417164300');
    expect(iban.safeParse('NL91ABNA0417164301').error?.issues[0]?.message).toBe(
      'Dit IBAN klopt niet (controlegetal).',
    );
  });

  it('normalise a postcode to 1234 AB and refuse SS, SA and SD', () => {
    expect(postcode.parse('3511ab')).toBe('3511 AB');
    expect(postcode.safeParse('3511 SS').success).toBe(false);
    expect(postcode.safeParse('0123 AB').success).toBe(false);
  });

  it('check a KvK number and a plate', () => {
    expect(kvkNumber.parse('3012 3456')).toBe('30123456');
    expect(kvkNumber.safeParse('1234567').success).toBe(false);
    expect(registrationPlate.parse('12-abc-3')).toBe('12ABC3');
    expect(registrationPlate.safeParse('ABCDEF').success).toBe(false);
  });

  it.each([
    [
      'Kerkstraat 12 A, 3511 AB Utrecht',
      {
        street: 'Kerkstraat',
        houseNumber: 12,
        houseNumberAddition: 'A',
        postcode: '3511 AB',
        town: 'Utrecht',
      },
    ],
    [
      '3511ab Utrecht, Kerkstraat 12-bis',
      {
        street: 'Kerkstraat',
        houseNumber: 12,
        houseNumberAddition: 'bis',
        postcode: '3511 AB',
        town: 'Utrecht',
      },
    ],
    [
      'Van der Helststraat 104 3072 HG Rotterdam',
      { street: 'Van der Helststraat', houseNumber: 104, postcode: '3072 HG', town: 'Rotterdam' },
    ],
    ['2e Hugo de Grootstraat 5', { street: '2e Hugo de Grootstraat', houseNumber: 5 }],
    ['Utrecht', { town: 'Utrecht' }],
  ])('read the Dutch address %s written on one line', (text, expected) => {
    expect(parseDutchAddress(text)).toEqual(expected);
  });
});
