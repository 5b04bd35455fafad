import { describe, expect, it } from 'vitest';
import {
  blockingKeys,
  DEFAULT_THRESHOLD,
  HOUSEHOLD_LIFT,
  keyKinds,
  type PersonRecord,
  preparePerson,
  scorePair,
  scoreRecords,
  THRESHOLD_WEIGHT,
} from '../../../server/src/modules/subjects/index.ts';
import { evaluate } from './evaluate.ts';
import { heldOutPeople } from './heldout.ts';
import { syntheticPeople } from './synthetic.ts';

const person = (fields: PersonRecord) => preparePerson(fields);
const shared = (x: ReturnType<typeof person>, y: ReturnType<typeof person>) =>
  blockingKeys(x).some((k) => blockingKeys(y).includes(k));
const levels = (x: ReturnType<typeof person>, y: ReturnType<typeof person>) =>
  scorePair(x, y).evidence.map((e) => `${e.field}:${e.level}`);

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
    expect(levels(a, c)).toEqual([
      'surname:exact',
      'firstNames:weak',
      'dateOfBirth:strong',
      'address:missing',
    ]);
    expect(score.evidence.find((e) => e.field === 'dateOfBirth')?.explanation).toBe(
      'Geboortedatum gelijk met dag en maand verwisseld',
    );
    expect(score.probability).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('does not suggest two clearly different people because they share a BSN, and still the same names with a date far apart', () => {
    // The register keeps them apart as a conflict (a BSN recorded wrongly in one source): the
    // other fields decide, the BSN shown as strong evidence but not decisive.
    const reinier = person({
      id: 'r',
      firstNames: 'Reinier',
      prefix: 'de',
      surname: 'Vries',
      dateOfBirth: '1971-04-12',
      bsn: '123456782',
    });
    const mohamed = person({
      id: 'm',
      firstNames: 'Mohamed',
      surname: 'Kaya',
      dateOfBirth: '1995-05-14',
      bsn: '123456782',
    });
    const score = scorePair(reinier, mohamed);
    expect(score.decisive).toBe(false);
    expect(score.probability).toBeLessThan(0.01);
    expect(levels(reinier, mohamed)).toEqual([
      'bsn:strong',
      'surname:different',
      'firstNames:different',
      'dateOfBirth:different',
      'address:missing',
    ]);
    expect(score.evidence[0]).toMatchObject({
      weight: 10,
      explanation: expect.stringContaining('BSN gelijk'),
    });
    // The same person with a date of birth recorded far apart in one source is still suggested.
    const again = person({
      id: 'r2',
      firstNames: 'Reinier',
      prefix: 'de',
      surname: 'Vries',
      dateOfBirth: '1917-04-21',
      bsn: '123456782',
    });
    const same = scorePair(reinier, again);
    expect(same.decisive).toBe(false);
    expect(same.probability).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(same.probability).toBeLessThan(1);
  });

  it('keeps a father and his son with the same name at the same address apart', () => {
    const record: PersonRecord = {
      id: 'f',
      firstNames: 'Kees',
      prefix: 'de',
      surname: 'Jong',
      dateOfBirth: '1955-03-02',
      postcode: '3811 AB',
      houseNumber: 4,
    };
    const father = person(record);
    const son = person({ ...record, id: 's', dateOfBirth: '1983-03-02' });
    expect(scorePair(father, son).probability).toBeLessThan(DEFAULT_THRESHOLD);
  });

  it('keeps twins apart: same surname, date and address, another first name', () => {
    const record: PersonRecord = {
      id: 'a',
      firstNames: 'Anna',
      surname: 'Sijbesma',
      dateOfBirth: '1990-05-05',
      postcode: '8911 AB',
      houseNumber: 3,
    };
    const anna = person(record);
    const sanne = person({ ...record, id: 'b', firstNames: 'Sanne' });
    expect(shared(anna, sanne)).toBe(true);
    expect(scorePair(anna, sanne).probability).toBeLessThan(DEFAULT_THRESHOLD);
    expect(scorePair(anna, sanne).evidence[1]?.explanation).toContain('tweeling');
  });

  it('finds one wrong digit anywhere in the date of birth, without the address to help', () => {
    const base: PersonRecord = {
      id: 'x',
      firstNames: 'Hendrik',
      prefix: 'van',
      surname: 'Dijk',
      dateOfBirth: '1975-02-18',
    };
    for (const [dateOfBirth, where] of [
      ['1976-02-18', 'het jaar'],
      ['1985-02-18', 'tiental van het jaar'],
      ['1975-08-18', 'de maand'],
      ['1975-12-18', 'de maand'],
      ['1975-02-19', 'de dag'],
      ['1975-02-28', 'de dag'],
    ] as const) {
      const a = person(base);
      const b = person({ ...base, id: 'y', dateOfBirth });
      expect(shared(a, b), dateOfBirth).toBe(true);
      expect(scorePair(a, b).evidence.find((e) => e.field === 'dateOfBirth')?.explanation).toContain(where);
      expect(scorePair(a, b).probability, dateOfBirth).toBeGreaterThan(DEFAULT_THRESHOLD);
      // With another typo in the surname, and a wrong digit in the year, the keys still meet.
      expect(shared(a, person({ ...base, id: 'z', surname: 'Dyjk', dateOfBirth })), dateOfBirth).toBe(true);
    }
  });

  it('finds a date with one slip of a finger in each record, and keeps namesakes born close together apart', () => {
    const base: PersonRecord = {
      id: 'x',
      firstNames: 'Hendrik',
      prefix: 'van',
      surname: 'Dijk',
      dateOfBirth: '1975-02-18',
    };
    const a = person(base);
    // 1975-02-18 and 1976-02-17: a neighbouring key in the year of one record, in the day of the other.
    const b = person({ ...base, id: 'y', dateOfBirth: '1976-02-17' });
    expect(shared(a, b)).toBe(true);
    expect(
      new Set(
        blockingKeys(a)
          .filter((k) => blockingKeys(b).includes(k))
          .map((k) => k[0]),
      ),
    ).toEqual(new Set(['o']));
    expect(scorePair(a, b).evidence.find((e) => e.field === 'dateOfBirth')?.explanation).toContain(
      'naastgelegen toets',
    );
    expect(scorePair(a, b).probability).toBeGreaterThan(DEFAULT_THRESHOLD);
    // Moved as well: two namesakes more often than two slips.
    const moved = { postcode: '3511 AB', houseNumber: 1 };
    expect(
      scorePair(
        person({ ...base, ...moved }),
        person({ ...base, id: 'z', dateOfBirth: '1976-02-17', postcode: '9711 AB', houseNumber: 2 }),
      ).probability,
    ).toBeLessThan(DEFAULT_THRESHOLD);
    // Two digits off in one part of the date (the 18th and the 25th) or digits far apart on the
    // keyboard: someone else.
    for (const dateOfBirth of ['1975-02-25', '1979-02-13'])
      expect(scorePair(a, person({ ...base, id: 'w', dateOfBirth })).probability, dateOfBirth).toBeLessThan(
        DEFAULT_THRESHOLD,
      );
  });

  it('finds married names in every form, and the partner’s surname alone when first names and date agree', () => {
    const maiden = person({
      id: 'm',
      firstNames: 'Anouk Maria',
      prefix: 'de',
      surname: 'Vries',
      dateOfBirth: '1990-07-21',
      postcode: '1315 AB',
      houseNumber: 1,
    });
    for (const surname of ['Jansen-de Vries', 'de Vries-Jansen', 'Jansen de Vries']) {
      const married = person({ id: 'n', firstNames: 'Anouk', surname, dateOfBirth: '1990-07-21' });
      expect(shared(maiden, married), surname).toBe(true);
      expect(scorePair(maiden, married).probability, surname).toBeGreaterThan(DEFAULT_THRESHOLD);
    }
    const partnerRecord: PersonRecord = {
      id: 'p',
      firstNames: 'Anouk Maria',
      surname: 'Jansen',
      dateOfBirth: '1990-07-21',
      postcode: '1315 AB',
      houseNumber: 1,
    };
    const partner = person(partnerRecord);
    expect(shared(maiden, partner)).toBe(true);
    expect(levels(maiden, partner)[0]).toBe('surname:weak');
    expect(scorePair(maiden, partner).probability).toBeGreaterThan(DEFAULT_THRESHOLD);
    // With initials only, another surname is too little to go on, unless both records give the
    // same home: the look-alikes at one address differ in first name or date of birth.
    const { postcode: _postcode, houseNumber: _houseNumber, ...elsewhere } = partnerRecord;
    expect(scorePair(maiden, person({ ...elsewhere, id: 'q', firstNames: 'A.M.' })).probability).toBeLessThan(
      DEFAULT_THRESHOLD,
    );
    const atHome = scorePair(maiden, person({ ...partnerRecord, id: 'r', firstNames: 'A.M.' }));
    expect(atHome.evidence[0]?.explanation).toContain('zelfde adres');
    expect(atHome.probability).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('counts a surname as the partner’s when someone else of that name lives at the other record’s address', () => {
    // Her own record, at home; and one under her partner's name alone, with initials and no
    // address: too little to go on by itself.
    const own = person({
      id: 'o',
      firstNames: 'Anouk',
      surname: 'de Vries',
      dateOfBirth: '1990-07-21',
      postcode: '1315 AB',
      houseNumber: 1,
    });
    const married = person({ id: 'm', firstNames: 'A.', surname: 'Jansen', dateOfBirth: '1990-07-21' });
    const alone = scorePair(own, married);
    expect(alone.evidence[0]).toMatchObject({ level: 'different', weight: -5 });
    expect(alone.probability).toBeLessThan(DEFAULT_THRESHOLD);
    expect(alone.weight + HOUSEHOLD_LIFT).toBeGreaterThanOrEqual(THRESHOLD_WEIGHT);
    // A Jansen lives at her address: the partner.
    const asked: string[] = [];
    const household = (surnameKey: string, address: string) => {
      asked.push(`${surnameKey}@${address}`);
      return surnameKey === 'jansen' && address === '1315AB1' ? 'partner' : null;
    };
    const together = scorePair(own, married, undefined, household);
    expect(together.evidence[0]).toMatchObject({ level: 'weak', weight: 1.5 });
    expect(together.evidence[0]?.explanation).toContain(
      'op het adres van de ander woont iemand met die achternaam',
    );
    expect(together.probability).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(together.weight - alone.weight).toBe(HOUSEHOLD_LIFT);
    // It names whose household it relied on: who may not see the partner may not see this.
    expect(together.via).toBe('partner');
    expect(alone.via).toBeUndefined();
    // Either way round: the record with the address may be the one under the partner's name.
    expect(scorePair(married, own, undefined, household).probability).toBe(together.probability);
    expect(asked).toContain('jansen@1315AB1');
    // Nobody of that name there, another first name, or a date of birth that does not fit: no lift.
    expect(scorePair(own, married, undefined, () => null).probability).toBe(alone.probability);
    const sister = person({ id: 's', firstNames: 'Bregje', surname: 'Jansen', dateOfBirth: '1990-07-21' });
    expect(scorePair(own, sister, undefined, household).evidence[0]?.level).toBe('different');
    const older = person({ id: 'd', firstNames: 'A.', surname: 'Jansen', dateOfBirth: '1961-03-02' });
    expect(scorePair(own, older, undefined, household).evidence[0]?.level).toBe('different');
    // With every first name and the date the same, another surname already counts less against
    // (the partner's name alone); the household counts there too.
    const full = person({
      id: 'f',
      firstNames: 'Anouk Maria',
      surname: 'de Vries',
      dateOfBirth: '1990-07-21',
      postcode: '1315 AB',
      houseNumber: 1,
    });
    const fullMarried = person({
      id: 'g',
      firstNames: 'Anouk Maria',
      surname: 'Jansen',
      dateOfBirth: '1990-07-21',
    });
    expect(scorePair(full, fullMarried).evidence[0]).toMatchObject({ level: 'weak', weight: -3.5 });
    const lifted = scorePair(full, fullMarried, undefined, household);
    expect(lifted.evidence[0]?.weight).toBe(1.5);
    expect(lifted.via).toBe('partner');
  });

  it('reads spelling variants of first names and joined or split surnames as the same', () => {
    const record: PersonRecord = {
      id: 'a',
      firstNames: 'Mohamed',
      surname: 'El Amrani',
      dateOfBirth: '1988-02-14',
      postcode: '3531 AB',
      houseNumber: 7,
    };
    const a = person(record);
    const b = person({ ...record, id: 'b', firstNames: 'Mohammed', surname: 'Elamrani' });
    expect(shared(a, b)).toBe(true);
    expect(levels(a, b).slice(0, 2)).toEqual(['surname:exact', 'firstNames:strong']);
    expect(scorePair(a, b).probability).toBeGreaterThan(DEFAULT_THRESHOLD);
  });

  it('scores two subjects by their best pair of records, and uses the address', () => {
    const byBsn = person({
      id: 's',
      firstNames: 'Fatima',
      surname: 'Bouzid',
      dateOfBirth: '1979-10-02',
      bsn: '111222333',
    });
    const record: PersonRecord = {
      id: 's',
      firstNames: 'Fatma',
      surname: 'Bouzid',
      dateOfBirth: '1979-10-20',
      postcode: '3572 CD',
      houseNumber: 40,
      houseNumberAddition: 'bis',
    };
    const linked = person(record);
    const later = person({ ...record, id: 't' });
    const best = scoreRecords([byBsn, linked], [later]);
    expect(best).toMatchObject({ a: 1, b: 0 });
    expect(best.evidence.find((e) => e.field === 'address')).toMatchObject({ level: 'exact', weight: 3 });
    expect(best.probability).toBeGreaterThan(scorePair(byBsn, later).probability);
    expect(levels(linked, person({ ...record, id: 'u', houseNumberAddition: 'A' }))[3]).toBe(
      'address:strong',
    );
    expect(blockingKeys(linked)).toContain('p:3572CD40');
  });

  it('describes every kind of blocking key for the analyst, without the key itself', () => {
    const kinds = new Set(
      syntheticPeople(300, 3).records.flatMap((r) => blockingKeys(person(r)).map((k) => k.split(':')[0])),
    );
    kinds.add(blockingKeys(person({ id: 'n', firstNames: 'Jan', surname: 'Bakker' }))[0]?.split(':')[0]);
    expect([...kinds].filter((k) => !k || !keyKinds[k])).toEqual([]);
    expect([...kinds].sort()).toEqual(Object.keys(keyKinds).sort());
  });

  it('reaches precision and recall of at least 0.98 on the benchmark’s labelled set', {
    timeout: 30_000,
  }, () => {
    const result = evaluate(syntheticPeople(15_000, 11));
    expect(result.records).toBeGreaterThan(27_000);
    // Blocking keeps the comparisons near-linear: a few per record, not n².
    expect(result.comparisons).toBeLessThan(result.records * 4);
    expect(result.precision).toBeGreaterThanOrEqual(0.98);
    expect(result.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('keeps its precision on the held-out set; its recall is short of 0.98 until suggestions are confirmed', {
    timeout: 30_000,
  }, () => {
    // Where the held-out set stands (docs/subjects.md): pairs whose records both carry a wrong
    // date differ in two digits and are missed directly; confirmed suggestions join most of them.
    const result = evaluate(heldOutPeople(10_000));
    expect(result.records).toBeGreaterThan(27_000);
    expect(result.comparisons).toBeLessThan(result.records * 4);
    expect(result.precision).toBeGreaterThanOrEqual(0.98);
    expect(result.recall).toBeGreaterThanOrEqual(0.96);
    expect(result.recallAfterMerges).toBeGreaterThanOrEqual(0.98);
  });
});
