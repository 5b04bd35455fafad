import { describe, expect, it } from 'vitest';
import { foldName, givenNameKey, nameSound, parseName, splitFullName, splitSurname } from './names.js';

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

  it.each([
    [
      { firstNames: 'Anouk', surname: 'Jansen de Vries' },
      { prefix: 'de', surnames: ['jansen', 'vries'] },
    ],
    [
      { firstNames: 'Anouk', surname: 'de Vries-Jansen' },
      { prefix: 'de', surnames: ['vries', 'jansen'] },
    ],
    [
      { firstNames: 'Anouk', prefix: 'van', surname: 'Dijk-van den Berg' },
      { prefix: 'van van den', surnames: ['dyk', 'berg'] },
    ],
  ])('reads a married name in %j, also without its hyphen', (input, expected) => {
    expect(parseName(input)).toMatchObject(expected);
  });

  it('writes each part together with its tussenvoegsel, so that joined spellings meet', () => {
    const split = parseName({ firstNames: 'Mohamed', surname: 'El Amrani' });
    const joined = parseName({ firstNames: 'Mohamed', surname: 'Elamrani' });
    expect(split.joined).toEqual(['elamrani']);
    expect(joined.joined).toEqual(['elamrani']);
    expect(split.sounds).toContain(joined.sounds[0]);
    const dutch = parseName({ firstNames: 'Jan', prefix: 'van den', surname: 'Berg' });
    expect(dutch.joined).toEqual(parseName({ firstNames: 'Jan', surname: 'Vandenberg' }).joined);
  });

  it.each([
    ['Mohamed', 'Mohammed'],
    ['Mohamed', 'Muhammad'],
    ['Youssef', 'Yusuf'],
    ['Fatima', 'Fatma'],
    ['Khadija', 'Khadidja'],
    ['Erik', 'Eric'],
    ['Sophie', 'Sofie'],
    ['Matthijs', 'Mathijs'],
  ])('gives the first names %s and %s one spelling key', (a, b) => {
    expect(givenNameKey(foldName(a))).toBe(givenNameKey(foldName(b)));
  });

  it.each([
    ['Anna', 'Anne'],
    ['Sem', 'Sam'],
    ['Jan', 'Johan'],
  ])('keeps the first names %s and %s apart', (a, b) => {
    expect(givenNameKey(foldName(a))).not.toBe(givenNameKey(foldName(b)));
  });

  it('reads a record in capitals: names with a vowel are names, not initials', () => {
    expect(parseName({ firstNames: 'JAN PIETER', surname: 'DE VRIES' })).toMatchObject({
      givenNames: ['jan', 'pieter'],
      initials: 'jp',
    });
    expect(parseName({ firstNames: 'JP', surname: 'DE VRIES' })).toMatchObject({
      givenNames: [],
      initials: 'jp',
    });
    expect(parseName({ firstNames: 'JAN', surname: 'de Vries' })).toMatchObject({
      givenNames: [],
      initials: 'jan',
    });
  });

  it.each([
    ['van der Berg', { prefix: 'van der', surname: 'Berg' }],
    ['Berg, van der', { prefix: 'van der', surname: 'Berg' }],
    ['v.d. Berg', { prefix: 'v.d.', surname: 'Berg' }],
    ["in 't Veld", { prefix: "in 't", surname: 'Veld' }],
    ['El Amrani', { prefix: 'El', surname: 'Amrani' }],
    ['Jansen-de Vries', { surname: 'Jansen-de Vries' }],
    ['Bakker', { surname: 'Bakker' }],
    ['De', { surname: 'De' }],
  ])('splits the surname field %s into tussenvoegsel and name', (value, expected) => {
    expect(splitSurname(value)).toEqual(expected);
  });

  it.each([
    ['Jan van der Berg', { firstNames: 'Jan', prefix: 'van der', surname: 'Berg' }],
    ['Anna Maria de Vries-Jansen', { firstNames: 'Anna Maria', prefix: 'de', surname: 'Vries-Jansen' }],
    ['Anna Jansen-de Vries', { firstNames: 'Anna', surname: 'Jansen-de Vries' }],
    ['Jan-Willem Bakker', { firstNames: 'Jan-Willem', surname: 'Bakker' }],
    ['Fatima El Amrani', { firstNames: 'Fatima', prefix: 'El', surname: 'Amrani' }],
    ['Bakker', { firstNames: '', surname: 'Bakker' }],
  ])('splits the whole name %s', (value, expected) => {
    expect(splitFullName(value)).toEqual(expected);
  });
});
