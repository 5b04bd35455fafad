import { describe, expect, it } from 'vitest';
import {
  blockingKeys,
  candidatePairs,
  DEFAULT_THRESHOLD,
  nameStatistics,
  preparePerson,
  scorePair,
} from '../../../server/src/modules/subjects/index.ts';
import { accuracy, syntheticPeople } from './synthetic.ts';

const person = (fields: Parameters<typeof preparePerson>[0]) => preparePerson(fields);

describe('person matching', () => {
  it('links a shared BSN at once and explains every other score field by field', () => {
    const a = person({
      id: 'a',
      firstNames: 'Jan Pieter',
      prefix: 'van der',
      surname: 'Berg',
      dateOfBirth: '1980-04-12',
      bsn: '123456782',
    });
    const b = person({
      id: 'b',
      firstNames: 'J.P.',
      surname: 'Berg, v.d.',
      dateOfBirth: '1980-12-04',
      bsn: '123456782',
    });
    expect(scorePair(a, b)).toMatchObject({ decisive: true, probability: 1 });
    const c = person({
      id: 'c',
      firstNames: 'J.P.',
      surname: 'Berg, v.d.',
      dateOfBirth: '1980-12-04',
      postcode: '3511 AB',
      houseNumber: 12,
    });
    const score = scorePair(a, c);
    expect(score.decisive).toBe(false);
    expect(score.evidence.map((e) => [e.field, e.level])).toEqual([
      ['surname', 'exact'],
      ['firstNames', 'weak'],
      ['dateOfBirth', 'strong'],
      ['address', 'missing'],
    ]);
    expect(score.evidence.find((e) => e.field === 'dateOfBirth')?.explanation).toBe(
      'Geboortedatum gelijk met dag en maand verwisseld',
    );
    expect(score.probability).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('keeps a father and his son with the same name at the same address apart', () => {
    const father = person({
      id: 'f',
      firstNames: 'Kees',
      prefix: 'de',
      surname: 'Jong',
      dateOfBirth: '1955-03-02',
      postcode: '3811 AB',
      houseNumber: 4,
    });
    const son = person({
      id: 's',
      firstNames: 'Kees',
      prefix: 'de',
      surname: 'Jong',
      dateOfBirth: '1983-03-02',
      postcode: '3811 AB',
      houseNumber: 4,
    });
    expect(scorePair(father, son).probability).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('finds a married name, a moved house and a typo through the blocking keys', () => {
    const maiden = person({
      id: 'm',
      firstNames: 'Anouk',
      prefix: 'de',
      surname: 'Vries',
      dateOfBirth: '1990-07-21',
      postcode: '1315 AB',
      houseNumber: 1,
    });
    const married = person({
      id: 'n',
      firstNames: 'Anouk',
      surname: 'Jansen-de Vries',
      dateOfBirth: '1990-07-21',
      postcode: '3511 CD',
      houseNumber: 9,
    });
    const typo = person({
      id: 't',
      firstNames: 'Anouk',
      prefix: 'de',
      surname: 'Vreis',
      dateOfBirth: '1990-07-21',
    });
    const shared = (x: ReturnType<typeof person>, y: ReturnType<typeof person>) =>
      blockingKeys(x).some((k) => blockingKeys(y).includes(k));
    expect(shared(maiden, married)).toBe(true);
    expect(shared(maiden, typo)).toBe(true);
    expect(scorePair(maiden, married).probability).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(scorePair(maiden, typo).probability).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('reaches precision and recall of at least 0.98 on a labelled set of 40,000 records', () => {
    const records = syntheticPeople(21_000, 11);
    expect(records.length).toBeGreaterThan(38_000);
    const prepared = records.map(preparePerson);
    const stats = nameStatistics(prepared);
    const pairs = candidatePairs(prepared);
    // Blocking keeps the comparisons near-linear: a few per record, not n².
    expect(pairs.length).toBeLessThan(records.length * 4);
    const result = accuracy(
      records,
      pairs,
      ([a, b]) =>
        scorePair(prepared[a] as never, prepared[b] as never, stats).probability >= DEFAULT_THRESHOLD,
    );
    expect(result.precision).toBeGreaterThanOrEqual(0.98);
    expect(result.recall).toBeGreaterThanOrEqual(0.98);
  });
});
