import { describe, expect, it } from 'vitest';
import { foldName, nameSound, parseName } from './names.js';

describe('Dutch names', () => {
  it.each([
    ['Müller', 'muller'],
    ['Öztürk', 'ozturk'],
    ['Joëlle', 'joelle'],
    ['Rijk', 'ryk'],
    ["in 't Veld", 'in t veld'],
    ['Jansen - de Vries', 'jansen-de vries'],
    ['  Van  der   Berg ', 'van der berg'],
  ])('folds %s to %s', (raw, folded) => {
    expect(foldName(raw)).toBe(folded);
  });

  it.each([
    [
      { firstNames: 'Jan', prefix: 'van der', surname: 'Berg' },
      { prefix: 'van der', surnames: ['berg'] },
    ],
    [
      { firstNames: 'Jan', surname: 'van der Berg' },
      { prefix: 'van der', surnames: ['berg'] },
    ],
    [
      { firstNames: 'Jan', surname: 'Berg, van der' },
      { prefix: 'van der', surnames: ['berg'] },
    ],
    [
      { firstNames: 'Jan', surname: 'Berg van der' },
      { prefix: 'van der', surnames: ['berg'] },
    ],
    [
      { firstNames: 'Jan', surname: 'v.d. Berg' },
      { prefix: 'van de', surnames: ['berg'] },
    ],
    [
      { firstNames: 'Jan', prefix: 'v/d', surname: 'Berg' },
      { prefix: 'van de', surnames: ['berg'] },
    ],
    [
      { firstNames: 'Anouk', surname: 'Jansen-de Vries' },
      { prefix: 'de', surnames: ['jansen', 'vries'] },
    ],
    [
      { firstNames: 'Anouk', surname: "in 't Veld" },
      { prefix: 'in t', surnames: ['veld'] },
    ],
    [
      { firstNames: 'Mohamed', surname: 'El Amrani' },
      { prefix: 'el', surnames: ['amrani'] },
    ],
    [
      { firstNames: 'Gert', surname: 'De' },
      { prefix: '', surnames: ['de'] },
    ],
  ])('parses tussenvoegsels in %j', (input, expected) => {
    expect(parseName(input)).toMatchObject(expected);
  });

  it.each([
    ['Jan Pieter', ['jan', 'pieter'], 'jp'],
    ['J.P.', [], 'jp'],
    ['J. P.', [], 'jp'],
    ['JP', [], 'jp'],
    ['Dirk-Jan', ['dirkjan'], 'dj'],
    ['Dirk-Jan Pieter', ['dirkjan', 'pieter'], 'djp'],
    ['IJsbrand', ['ysbrand'], 'y'],
    ['Ayşe', ['ayse'], 'a'],
  ])('reads first names %s as %j with initials %s', (firstNames, givenNames, initials) => {
    expect(parseName({ firstNames, surname: 'Bakker' })).toMatchObject({ givenNames, initials });
  });

  it.each([
    ['meijer', 'meyer'],
    ['meier', 'meyer'],
    ['janssen', 'jansen'],
    ['smid', 'smit'],
    ['schouten', 'souten'],
    ['philips', 'filips'],
    ['dekker', 'decker'],
    ['rijks', 'ryks'],
  ])('gives %s and %s the same sound', (a, b) => {
    expect(nameSound(foldName(a))).toBe(nameSound(foldName(b)));
  });

  it.each([
    ['bakker', 'visser'],
    ['jansen', 'janssens'],
    ['berg', 'burg'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(nameSound(foldName(a))).not.toBe(nameSound(foldName(b)));
  });
});
