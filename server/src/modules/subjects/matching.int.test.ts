import type {
  CaseDetail,
  FtmImportReport,
  MatchExplanation,
  SubjectDetail,
  SuggestionPage,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseSubject,
  Cast,
  createTestApp,
  createUser,
  type NewSubject,
  newBsn,
  newCase,
  newSignalAtMunicipalTable,
  OTHER_REGION,
  signIn,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../../testing/index.js';
import { forgetSightings, refreshPersonMatching } from './register.js';

/**
 * Matching through the API as partners and case directors feed it: every record of a subject takes
 * part (also one that joined through a BSN), addresses per sighting and in the score, the keys
 * that survive a wrong digit, the analysts' pages of suggestions and their "why not?", and an FtM
 * import that says which register subject each line became.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

type Person = Extract<NewSubject, { kind: 'person' }>;

/** A person in a case of their own (the police take part); returns the case's view of it. */
async function inNewCase(person: Person) {
  const c = await newCase(cast, { participants: ['politie'] });
  const detail = await addCaseSubject(cast, c.id, person);
  const subject = detail.subjects.at(-1);
  if (!subject?.knownElsewhere.registerId) throw new Error('not registered');
  return { caseId: c.id, subject, registerId: subject.knownElsewhere.registerId };
}

async function suggestions(query: string): Promise<SuggestionPage> {
  return cast.ok<SuggestionPage>(await cast.analyst(), 'GET', `/api/v1/subjects/suggestions?${query}`);
}

async function compare(a: string, b: string): Promise<MatchExplanation> {
  return cast.ok<MatchExplanation>(await cast.analyst(), 'GET', `/api/v1/subjects/${a}/compare/${b}`);
}

describe(`matching through the register on ${testEngine()}`, () => {
  it('matches a record without BSN with the version of a record that joined through the BSN, and keeps each address', async () => {
    const surname = uniqueSurname();
    const bsn = newBsn();
    const first = await inNewCase({
      kind: 'person',
      firstNames: 'Wilhelmina',
      surname,
      dateOfBirth: '1962-09-17',
      bsn,
    });
    // The same BSN under her married name, with an address: one subject, this source's version kept.
    const joined = await inNewCase({
      kind: 'person',
      firstNames: 'Wilhelmina',
      surname: `Kortenhoef-${surname}`,
      dateOfBirth: '1962-09-17',
      bsn,
      address: { postcode: '3512jk', houseNumber: '7', houseNumberAddition: 'bis', town: 'Utrecht' },
    });
    expect(joined.registerId).toBe(first.registerId);
    expect(joined.subject.data).toMatchObject({
      address: { postcode: '3512 JK', houseNumber: 7, houseNumberAddition: 'bis', town: 'Utrecht' },
    });
    // Initials and the partner's name only, at that address: like the joined record, not the first.
    const later = await inNewCase({
      kind: 'person',
      firstNames: 'W.',
      surname: 'Kortenhoef',
      dateOfBirth: '1962-09-17',
      address: { postcode: '3512 JK', houseNumber: 7, houseNumberAddition: 'bis' },
    });
    const page = await suggestions(`subjectId=${later.registerId}`);
    expect(page.items).toHaveLength(1);
    const [suggestion] = page.items;
    expect([suggestion?.a.id, suggestion?.b.id]).toContain(first.registerId);
    expect(suggestion?.evidence.find((e) => e.field === 'address')).toMatchObject({
      level: 'exact',
      explanation: 'Zelfde adres',
    });
    expect(suggestion?.evidence.find((e) => e.field === 'surname')?.level).toBe('strong');
    // Every source keeps its own address on its sighting.
    const detail = await cast.ok<SubjectDetail>(
      await cast.analyst(),
      'GET',
      `/api/v1/subjects/${first.registerId}`,
    );
    expect(
      detail.sightings.map((s) => (s.data.address as { postcode?: string } | undefined)?.postcode),
    ).toEqual([undefined, '3512 JK']);
  });

  it('finds a wrong digit in the year or the month without a shared address or BSN', async () => {
    const surname = uniqueSurname();
    const base = await inNewCase({
      kind: 'person',
      firstNames: 'Gerarda',
      surname,
      dateOfBirth: '1958-06-23',
      address: { postcode: '1011 AB', houseNumber: 3 },
    });
    const year = await inNewCase({
      kind: 'person',
      firstNames: 'Gerarda',
      surname,
      dateOfBirth: '1959-06-23',
      address: { postcode: '9711 CD', houseNumber: 88 },
    });
    const month = await inNewCase({
      kind: 'person',
      firstNames: 'Gerarda',
      surname,
      dateOfBirth: '1958-08-23',
    });
    const found = (await suggestions(`subjectId=${base.registerId}&field=dateOfBirth`)).items;
    const explanations = found.map((s) => s.evidence.find((e) => e.field === 'dateOfBirth')?.explanation);
    // A neighbouring key on the number row is said too ("(in het jaar, naastgelegen toets)").
    expect(explanations).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Geboortedatum op één cijfer na gelijk (in het jaar'),
        expect.stringContaining('Geboortedatum op één cijfer na gelijk (in de maand'),
      ]),
    );
    const ids = found.flatMap((s) => [s.a.id, s.b.id]);
    expect(ids).toContain(year.registerId);
    expect(ids).toContain(month.registerId);
    const moved = found.find((s) => [s.a.id, s.b.id].includes(year.registerId));
    expect(moved?.evidence.find((e) => e.field === 'address')?.level).toBe('different');
  });

  it('counts another surname as the partner’s when someone of that name lives at her address, in linking and in “why not?”', async () => {
    const own = uniqueSurname();
    const partners = uniqueSurname();
    // A home of their own in this test: a postcode no other test uses.
    const home = { postcode: `${7000 + Math.floor(Math.random() * 2000)} QH`, houseNumber: 31 };
    const her = await inNewCase({
      kind: 'person',
      firstNames: 'Anouk',
      surname: own,
      dateOfBirth: '1987-11-29',
      address: home,
    });
    const partnerBsn = newBsn();
    const partner = await inNewCase({
      kind: 'person',
      firstNames: 'Pieter',
      surname: partners,
      dateOfBirth: '1985-03-04',
      bsn: partnerBsn,
      address: home,
    });
    // Another source knows her under his name alone, with an initial and no address.
    const married = await inNewCase({
      kind: 'person',
      firstNames: 'A.',
      surname: partners,
      dateOfBirth: '1987-11-29',
    });
    // A woman of another name, born the same day: nobody of her name lives at that home.
    const stranger = await inNewCase({
      kind: 'person',
      firstNames: 'A.',
      surname: uniqueSurname(),
      dateOfBirth: '1987-11-29',
    });

    const found = (await suggestions(`subjectId=${married.registerId}`)).items;
    expect(found).toHaveLength(1);
    expect([found[0]?.a.id, found[0]?.b.id]).toContain(her.registerId);
    expect(found[0]?.evidence.find((e) => e.field === 'surname')).toMatchObject({
      level: 'weak',
      weight: 1.5,
      explanation: expect.stringContaining('op het adres van de ander woont iemand met die achternaam'),
    });
    // It says whose household: the partner, for the analyst to look at.
    expect(found[0]?.household).toMatchObject({ id: partner.registerId, kind: 'person' });
    expect(found[0]?.household?.label).toContain('Pieter');
    expect((await suggestions(`subjectId=${stranger.registerId}`)).items).toEqual([]);
    // "Why not?" weighs the same household as linking did.
    const why = await compare(her.registerId, married.registerId);
    expect(why.suggestion?.status).toBe('open');
    expect(why.score?.evidence.find((e) => e.field === 'surname')?.level).toBe('weak');
    expect(why.score?.household?.id).toBe(partner.registerId);
    const apart = await compare(her.registerId, stranger.registerId);
    expect(apart.compared).toBe(true);
    expect(apart.score?.evidence.find((e) => e.field === 'surname')?.level).toBe('different');
    expect(apart.suggestion).toBeNull();
    expect(apart.score?.household).toBeNull();

    // Another source knows him without an address. Destroying the record that put him at her
    // address destroys what his household lifted: it may have rested on that record alone.
    const elsewhere = await inNewCase({
      kind: 'person',
      firstNames: 'Pieter',
      surname: partners,
      dateOfBirth: '1985-03-04',
      bsn: partnerBsn,
    });
    expect(elsewhere.registerId).toBe(partner.registerId);
    await t.database.db
      .transaction()
      .execute((trx) =>
        forgetSightings(trx, { signalIds: [], caseIds: [partner.caseId] }, async () => {}, new Date()),
      );
    expect((await suggestions(`subjectId=${married.registerId}`)).items).toEqual([]);
  });

  it('makes the open suggestions of a person whose records were partly destroyed again, on what remains', async () => {
    const forget = (caseId: string) =>
      t.database.db
        .transaction()
        .execute((trx) =>
          forgetSightings(trx, { signalIds: [], caseIds: [caseId] }, async () => {}, new Date()),
        );
    const person = (surname: string, more: Partial<Person> = {}): Person => ({
      kind: 'person',
      firstNames: 'Hendrika',
      surname,
      dateOfBirth: '1957-08-14',
      ...more,
    });
    // Two sources know her by name and date, one with her BSN: suggested as one person. A third
    // source gives that BSN with another initial and no date: the same subject, but on its own
    // nobody would suggest it.
    const surname = uniqueSurname();
    const bsn = newBsn();
    const a = await inNewCase(person(surname));
    const named = await inNewCase(person(surname, { bsn }));
    const initial = await inNewCase(person(surname, { firstNames: 'W.', dateOfBirth: undefined, bsn }));
    expect(initial.registerId).toBe(named.registerId);
    expect((await suggestions(`subjectId=${a.registerId}`)).items).toHaveLength(1);
    // The record with her name and date is destroyed: what remains suggests nothing.
    await forget(named.caseId);
    expect((await suggestions(`subjectId=${a.registerId}`)).items).toEqual([]);

    // Where what remains still says so, the suggestion is made again, on the remaining record.
    const other = uniqueSurname();
    const b = await inNewCase(person(other));
    const first = await inNewCase(person(other, { bsn: newBsn() }));
    const [before] = (await suggestions(`subjectId=${b.registerId}`)).items;
    const second = await inNewCase(person(other, { bsn: (first.subject.data as { bsn: string }).bsn }));
    expect(second.registerId).toBe(first.registerId);
    await forget(first.caseId);
    const [after] = (await suggestions(`subjectId=${b.registerId}`)).items;
    expect(after?.id).toBeDefined();
    expect(after?.id).not.toBe(before?.id);
    expect([after?.a.id, after?.b.id].sort()).toEqual([b.registerId, first.registerId].sort());
  });

  it('shows a suggestion the household lifted only to whoever may see that household, and logs it', async () => {
    // The partner is known only at a municipality's signal table, which the RIEC is not part of.
    const partners = uniqueSurname();
    const home = { postcode: `${7000 + Math.floor(Math.random() * 2000)} QK`, houseNumber: 12 };
    const partner: Person = {
      kind: 'person',
      firstNames: 'Pieter',
      surname: partners,
      dateOfBirth: '1984-05-06',
      bsn: newBsn(),
      address: home,
    };
    const signal = await newSignalAtMunicipalTable(cast, [partner]);
    const her = await inNewCase({
      kind: 'person',
      firstNames: 'Anouk',
      surname: uniqueSurname(),
      dateOfBirth: '1988-10-27',
      address: home,
    });
    const married = await inNewCase({
      kind: 'person',
      firstNames: 'A.',
      surname: partners,
      dateOfBirth: '1988-10-27',
    });
    // Matching saw the household; the analyst, who may not see the partner, sees no suggestion,
    // and "why not?" weighs only what the analyst sees.
    const made = await t.database.db
      .selectFrom('matchSuggestions')
      .select(['id', 'viaSubject'])
      .where((eb) =>
        eb.or([eb('subjectA', '=', married.registerId), eb('subjectB', '=', married.registerId)]),
      )
      .execute();
    expect(made).toHaveLength(1);
    expect(made[0]?.viaSubject).not.toBeNull();
    expect((await suggestions(`subjectId=${married.registerId}`)).items).toEqual([]);
    const hidden = await compare(her.registerId, married.registerId);
    expect(hidden.suggestion).toBeNull();
    expect(hidden.score?.evidence.find((e) => e.field === 'surname')?.level).toBe('different');
    expect(hidden.score?.household).toBeNull();
    const decide = await cast.call(
      await cast.analyst(),
      'POST',
      `/api/v1/subjects/suggestions/${made[0]?.id}/decision`,
      { decision: 'confirmed' },
    );
    expect(decide.statusCode).toBe(404);

    // Once the partner is in a case of the RIEC too, the analyst sees him, and the suggestion.
    const known = await inNewCase(partner);
    expect(known.registerId).toBe(made[0]?.viaSubject);
    const response = await cast.call(
      await cast.analyst(),
      'GET',
      `/api/v1/subjects/suggestions?subjectId=${married.registerId}`,
    );
    const shown = (response.json() as SuggestionPage).items;
    expect(shown.map((x) => x.id)).toEqual([made[0]?.id]);
    expect(shown[0]?.household?.id).toBe(known.registerId);
    expect((await compare(her.registerId, married.registerId)).suggestion?.status).toBe('open');
    // Showing it read the partner too: three persons in the processing log.
    const traceId = String(response.headers.traceparent).split('-')[1] ?? '';
    const logged = await t.database.db
      .selectFrom('processingLog')
      .select('dataSubjectPseudonym')
      .where('traceId', '=', traceId)
      .where('dataSubjectPseudonym', 'is not', null)
      .execute();
    expect(new Set(logged.map((l) => l.dataSubjectPseudonym)).size).toBe(3);

    // Destroying every record of the partner destroys the suggestion his household made.
    await t.database.db
      .transaction()
      .execute((trx) =>
        forgetSightings(trx, { signalIds: [signal.id], caseIds: [known.caseId] }, async () => {}, new Date()),
      );
    expect(
      await t.database.db
        .selectFrom('matchSuggestions')
        .select('id')
        .where('id', '=', made[0]?.id ?? '')
        .execute(),
    ).toEqual([]);
  });

  it('refuses a person’s address that is not one, next to its fields, and writes nothing', async () => {
    const c = await newCase(cast, { participants: ['politie'] });
    const response = await cast.call(await cast.director(), 'POST', `/api/v1/cases/${c.id}/subjects`, {
      role: 'main-subject',
      subject: {
        kind: 'person',
        firstNames: 'Piet',
        surname: uniqueSurname(),
        address: { postcode: '0123 A', houseNumber: 'twaalf' },
      },
    });
    expect(response.statusCode).toBe(400);
    const problems = response.json().invalidParams as Array<{ name: string; reason: string }>;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'subject.address.postcode',
          reason: 'Een postcode heeft de vorm 1234 AB.',
        }),
        expect.objectContaining({
          name: 'subject.address.houseNumber',
          reason: 'Een huisnummer is een getal.',
        }),
      ]),
    );
    const after = await cast.ok<CaseDetail>(await cast.director(), 'GET', `/api/v1/cases/${c.id}`);
    expect(after.subjects).toHaveLength(0);
  });

  it('pages and filters the suggestions, only for analysts of the region', async () => {
    const surname = uniqueSurname();
    const base = await inNewCase({
      kind: 'person',
      firstNames: 'Theodorus',
      surname,
      dateOfBirth: '1971-05-09',
      address: { postcode: '2511 AA', houseNumber: 1 },
    });
    const variants: Person[] = [
      { kind: 'person', firstNames: 'Theodorus', surname, dateOfBirth: '1971-09-05' },
      {
        kind: 'person',
        firstNames: 'T.',
        surname,
        dateOfBirth: '1971-05-09',
        address: { postcode: '2511 AA', houseNumber: 1 },
      },
      { kind: 'person', firstNames: 'Theodorus', surname: `${surname}s`, dateOfBirth: '1971-05-09' },
    ];
    for (const v of variants) await inNewCase(v);
    const all = await suggestions(`subjectId=${base.registerId}`);
    expect(all.items).toHaveLength(3);
    expect(all.nextCursor).toBeNull();
    const probabilities = all.items.map((s) => s.probability);
    expect(probabilities).toEqual([...probabilities].sort((x, y) => y - x));
    // One at a time, by cursor, the same three in the same order.
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await suggestions(
        `subjectId=${base.registerId}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((s) => s.id));
    const swapped = await suggestions(`subjectId=${base.registerId}&field=dateOfBirth&level=strong`);
    expect(swapped.items.map((s) => s.evidence.find((e) => e.field === 'dateOfBirth')?.explanation)).toEqual([
      'Geboortedatum gelijk met dag en maand verwisseld',
    ]);
    expect((await suggestions(`subjectId=${base.registerId}&minProbability=0.5`)).items).toHaveLength(3);
    expect((await suggestions(`subjectId=${base.registerId}&maxProbability=0.0001`)).items).toEqual([]);
    expect((await suggestions(`subjectId=${base.registerId}&since=2099-01-01`)).items).toEqual([]);
    // Rejected, it leaves the open ones and is found among the rejected.
    const rejected = all.items[2]?.id;
    await cast.ok(await cast.analyst(), 'POST', `/api/v1/subjects/suggestions/${rejected}/decision`, {
      decision: 'rejected',
    });
    expect((await suggestions(`subjectId=${base.registerId}`)).items.map((s) => s.id)).not.toContain(
      rejected,
    );
    expect(
      (await suggestions(`subjectId=${base.registerId}&status=rejected`)).items.map((s) => s.id),
    ).toEqual([rejected]);

    const analyst = await cast.analyst();
    const bad = await cast.call(
      analyst,
      'GET',
      '/api/v1/subjects/suggestions?cursor=bm9wZQ&level=exact&limit=500&minProbability=2',
    );
    expect(bad.statusCode).toBe(400);
    const names = (bad.json().invalidParams as Array<{ name: string }>).map((p) => p.name).sort();
    expect(names).toEqual(['limit', 'minProbability']);
    const badCursor = await cast.call(
      analyst,
      'GET',
      '/api/v1/subjects/suggestions?cursor=bm9wZQ&level=exact',
    );
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().invalidParams).toEqual([
      expect.objectContaining({
        name: 'cursor',
        reason: 'Deze cursor is ongeldig; vraag de eerste pagina opnieuw op.',
      }),
      expect.objectContaining({ name: 'level', reason: 'Kies ook het veld waarvoor dit niveau geldt.' }),
    ]);
    expect(
      (
        await cast.call(
          await cast.staff('politie'),
          'GET',
          `/api/v1/subjects/suggestions?subjectId=${base.registerId}`,
        )
      ).statusCode,
    ).toBe(403);
    const elsewhere = await signIn(
      t.app,
      t.database.db,
      await createUser(t.database.db, t.keys, { roles: ['riec_analyst'], regionId: OTHER_REGION }),
    );
    const theirs = await cast.ok<SuggestionPage>(
      elsewhere,
      'GET',
      `/api/v1/subjects/suggestions?subjectId=${base.registerId}`,
    );
    expect(theirs.items).toEqual([]);
  });

  it('explains why two subjects are or are not suggested, and logs whom it showed', async () => {
    const surname = uniqueSurname();
    const base = await inNewCase({
      kind: 'person',
      firstNames: 'Cornelia',
      surname,
      dateOfBirth: '1949-11-30',
    });
    const dayTypo = await inNewCase({
      kind: 'person',
      firstNames: 'Cornelia',
      surname,
      dateOfBirth: '1949-11-20',
    });
    const stranger = await inNewCase({
      kind: 'person',
      firstNames: 'Bartholomeus',
      surname: uniqueSurname(),
      dateOfBirth: '1990-02-01',
    });
    // Her daughter, named after her: another year altogether, the same day and month.
    const sameName = await inNewCase({
      kind: 'person',
      firstNames: 'Cornelia',
      surname,
      dateOfBirth: '1983-11-30',
    });

    const response = await cast.call(
      await cast.analyst(),
      'GET',
      `/api/v1/subjects/${base.registerId}/compare/${dayTypo.registerId}`,
    );
    expect(response.statusCode).toBe(200);
    const probable = response.json() as MatchExplanation;
    expect(probable).toMatchObject({ sameSubject: false, compared: true, conflict: false });
    expect(probable.suggestion?.status).toBe('open');
    expect(probable.verdict).toBe('Er is een open suggestie dat dit dezelfde persoon is.');
    expect(probable.score?.evidence.find((e) => e.field === 'dateOfBirth')?.level).toBe('partial');
    expect(probable.keys.map((k) => k.kind)).toContain('m');
    expect(new Set(probable.keys.map((k) => k.kind)).size).toBe(probable.keys.length);
    expect(JSON.stringify(probable.keys)).not.toContain(surname.toLowerCase());
    // The read was logged with both persons as data subjects.
    const traceId = String(response.headers.traceparent).split('-')[1] ?? '';
    const logged = await t.database.db
      .selectFrom('processingLog')
      .select(['dataSubjectType', 'dataSubjectPseudonym'])
      .where('traceId', '=', traceId)
      .where('dataSubjectPseudonym', 'is not', null)
      .execute();
    expect(new Set(logged.map((l) => l.dataSubjectPseudonym)).size).toBe(2);
    expect(logged.every((l) => l.dataSubjectType === 'person')).toBe(true);

    const apart = await compare(base.registerId, stranger.registerId);
    expect(apart).toMatchObject({ compared: false, keys: [], suggestion: null });
    expect(apart.verdict).toContain('Ze delen geen bloksleutel');
    const generation = await compare(base.registerId, sameName.registerId);
    expect(generation.compared).toBe(true);
    expect(generation.score?.probability).toBeLessThan(generation.score?.threshold ?? 0);
    expect(generation.verdict).toMatch(/^Vergeleken, maar de kans .* ligt onder de drempel van 50%\.$/);
    const company = (
      await addCaseSubject(cast, base.caseId, { kind: 'company', name: `Holding ${surname} B.V.` })
    ).subjects.find((s) => s.kind === 'company')?.knownElsewhere.registerId;
    const kinds = await compare(base.registerId, company ?? '');
    expect(kinds.score).toBeNull();
    expect(kinds.verdict).toContain('Alleen personen');
    expect((await compare(base.registerId, base.registerId)).sameSubject).toBe(true);

    expect(
      (
        await cast.call(
          await cast.staff('politie'),
          'GET',
          `/api/v1/subjects/${base.registerId}/compare/${dayTypo.registerId}`,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('tells which register subject each line of an FtM import became', async () => {
    const surname = uniqueSurname();
    const bsn = newBsn();
    const known = await inNewCase({
      kind: 'person',
      firstNames: 'Johanna',
      prefix: 'van der',
      surname,
      dateOfBirth: '1977-01-15',
      bsn,
    });
    const c = await newCase(cast, { participants: ['politie'] });
    const analyst = await cast.analyst();
    const line = (x: object) => JSON.stringify(x);
    const lines = [
      line({
        id: 'p1',
        schema: 'Person',
        properties: {
          firstName: ['Johanna'],
          lastName: [`van der ${surname}`],
          birthDate: ['1977-01-15'],
          idNumber: [bsn],
        },
      }),
      line({
        id: 'a1',
        schema: 'Address',
        properties: { street: ['Kerkstraat 12 A'], postalCode: ['3511 AB'], city: ['Utrecht'] },
      }),
      line({
        id: 'p2',
        schema: 'Person',
        properties: { name: [`Karel de ${surname}kamp`], birthDate: ['1980-03-03'], addressEntity: ['a1'] },
      }),
      line({
        id: 'p3',
        schema: 'Person',
        properties: {
          firstName: ['Els'],
          lastName: [`${surname}kamp`],
          address: ['Stationsweg 4, 2312 AV Leiden'],
        },
      }),
      line({ id: 'o1', schema: 'Ownership', properties: { owner: ['p2'], asset: ['p3'] } }),
    ].join('\n');
    const ndjson = { 'content-type': 'application/x-ndjson' };
    const preview = await cast.call(analyst, 'POST', `/api/v1/cases/${c.id}/ftm-imports`, lines, ndjson);
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json().refused).toEqual([]);
    const applied = await cast.call(
      analyst,
      'POST',
      `/api/v1/cases/${c.id}/ftm-imports/${preview.json().id}/apply`,
    );
    expect(applied.statusCode, applied.body).toBe(200);
    const report = applied.json() as FtmImportReport;
    const byLine = new Map(report.accepted.map((a) => [a.line, a.registerSubject]));
    expect(byLine.get(1)).toMatchObject({ id: known.registerId, kind: 'person', linked: true });
    expect(byLine.get(2)).toMatchObject({ kind: 'address', linked: false });
    expect(byLine.get(3)).toMatchObject({
      kind: 'person',
      linked: false,
      label: `Karel de ${surname}kamp (3 maart 1980)`,
    });
    expect(byLine.get(5)).toBeNull();
    // The case has the persons as FtM gave them, tussenvoegsels and addresses read.
    const detail = await cast.ok<CaseDetail>(analyst, 'GET', `/api/v1/cases/${c.id}`);
    const data = detail.subjects.map((s) => s.data);
    expect(data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ firstNames: 'Johanna', prefix: 'van der', surname }),
        expect.objectContaining({
          firstNames: 'Karel',
          prefix: 'de',
          surname: `${surname}kamp`,
          address: {
            postcode: '3511 AB',
            houseNumber: 12,
            houseNumberAddition: 'A',
            street: 'Kerkstraat',
            town: 'Utrecht',
          },
        }),
        expect.objectContaining({
          firstNames: 'Els',
          address: { postcode: '2312 AV', houseNumber: 4, street: 'Stationsweg', town: 'Leiden' },
        }),
      ]),
    );
    // A person whose address cannot be read, or who points at an address not in the file, is refused.
    const wrong = [
      line({
        id: 'x1',
        schema: 'Person',
        properties: { lastName: ['Smit'], address: ['ergens in Utrecht'] },
      }),
      line({ id: 'x2', schema: 'Person', properties: { lastName: ['Smit'], addressEntity: ['nergens'] } }),
    ].join('\n');
    const refused = await cast.call(analyst, 'POST', `/api/v1/cases/${c.id}/ftm-imports`, wrong, ndjson);
    expect(refused.json().refused.map((r: { reason: string }) => r.reason)).toEqual([
      'Het adres "ergens in Utrecht" heeft geen postcode en huisnummer die Samenspel kan lezen.',
      'Het adres "nergens" (addressEntity) staat niet als Address in het bestand.',
    ]);
  });

  it('does not suggest again what an analyst rejected, also after a merge brought new records', async () => {
    const surname = uniqueSurname();
    const bsn = newBsn();
    const analyst = await cast.analyst();
    const y = await inNewCase({ kind: 'person', firstNames: 'A.', surname, dateOfBirth: '1953-03-14', bsn });
    const home = { postcode: '7511 AB', houseNumber: 9 };
    const w = await inNewCase({
      kind: 'person',
      firstNames: 'Aaltje',
      surname,
      dateOfBirth: '1953-08-14',
      address: home,
    });
    const x = await inNewCase({
      kind: 'person',
      firstNames: 'Aaltje',
      surname,
      dateOfBirth: '1953-08-15',
      address: home,
    });
    const between = async (a: string, b: string, status = 'open') =>
      (await suggestions(`subjectId=${a}&status=${status}`)).items.filter((s) =>
        [s.a.id, s.b.id].includes(b),
      );
    const [wx] = await between(w.registerId, x.registerId);
    expect(await between(x.registerId, y.registerId)).toEqual([]);
    await cast.ok(analyst, 'POST', `/api/v1/subjects/suggestions/${wx?.id}/decision`, {
      decision: 'rejected',
    });
    const [yw] = await between(y.registerId, w.registerId);
    await cast.ok(analyst, 'POST', `/api/v1/subjects/suggestions/${yw?.id}/decision`, {
      decision: 'confirmed',
    });
    // A record with Y's BSN and W's name and date: it joins Y and is matched again; X was rejected.
    await inNewCase({
      kind: 'person',
      firstNames: 'Aaltje',
      surname,
      dateOfBirth: '1953-08-14',
      bsn,
      address: home,
    });
    expect(await between(x.registerId, y.registerId)).toEqual([]);
    const why = await compare(x.registerId, y.registerId);
    expect(why.suggestion?.status).toBe('rejected');
    expect(why.verdict).toBe('Een analist heeft de suggestie afgewezen: dit zijn twee personen.');
    expect(why.score?.probability).toBeGreaterThan(0.5);
  });

  it('works every person’s features, keys and other records out again from the register (the migration)', async () => {
    const surname = uniqueSurname();
    const bsn = newBsn();
    const first = await inNewCase({
      kind: 'person',
      firstNames: 'Hubertus',
      surname,
      dateOfBirth: '1966-12-01',
      bsn,
    });
    await inNewCase({
      kind: 'person',
      firstNames: 'Hubertus',
      surname: `${surname}-Pelt`,
      dateOfBirth: '1966-12-01',
      bsn,
      address: { postcode: '6211 LH', houseNumber: 2 },
    });
    const db = t.database.db;
    const before = await db
      .selectFrom('subjects')
      .select(['features', 'variants'])
      .where('id', '=', first.registerId)
      .executeTakeFirstOrThrow();
    const keys = async () =>
      (await db.selectFrom('subjectKeys').select('key').where('subjectId', '=', first.registerId).execute())
        .map((k) => k.key)
        .sort();
    const keysBefore = await keys();
    expect(keysBefore).toContain('p:6211LH2');
    expect(before.variants).toHaveLength(1);
    // As a register from before: no variants, no keys, features of another version.
    await db
      .updateTable('subjects')
      .set({ features: JSON.stringify({ old: true }), variants: null })
      .where('id', '=', first.registerId)
      .execute();
    await db.deleteFrom('subjectKeys').where('subjectId', '=', first.registerId).execute();
    expect(await refreshPersonMatching(db)).toBeGreaterThan(1);
    const after = await db
      .selectFrom('subjects')
      .select(['features', 'variants'])
      .where('id', '=', first.registerId)
      .executeTakeFirstOrThrow();
    expect(after.features).toEqual(before.features);
    expect(after.variants).toEqual(before.variants);
    expect(await keys()).toEqual(keysBefore);
  });
});
