import type { SearchResults } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  addCaseSubject,
  Cast,
  createTestApp,
  createUser,
  newAcceptedSignal,
  newBsn,
  newCase,
  newPerson,
  newSignal,
  newSignalAtMunicipalTable,
  signIn,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../../testing/index.js';
import { pseudonymise } from '../audit/index.js';

/**
 * The search box: every kind of query finds what it should, and only what the searcher may see
 * by the records' own rules; every search leaves a log record, with the subjects it found and the
 * identifier it looked for pseudonymised, and never the query in clear.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

async function search(who: ApiSession, q: string) {
  const response = await cast.call(who, 'POST', '/api/v1/search', { q });
  return { response, body: response.json() as SearchResults };
}

function traceOf(response: { headers: Record<string, unknown> }): string {
  return String(response.headers.traceparent).split('-')[1] ?? '';
}

async function logOf(response: { headers: Record<string, unknown> }) {
  const traceId = traceOf(response);
  const [processing, actions] = await Promise.all([
    t.database.db.selectFrom('processingLog').selectAll().where('traceId', '=', traceId).execute(),
    t.database.db.selectFrom('userActionLog').selectAll().where('traceId', '=', traceId).execute(),
  ]);
  return { processing, actions };
}

const pseudonymOf = (subject: Parameters<typeof pseudonymise>[1]) =>
  pseudonymise(t.keys.pseudonym, subject).pseudonym;

describe(`search on ${testEngine()}`, () => {
  it('finds a person by BSN for the analyst in the register, and logs the search without the BSN in clear', async () => {
    const bsn = newBsn();
    const person = newPerson({ bsn, firstNames: 'Karel', dateOfBirth: '1979-03-14' });
    const signal = await newSignal(cast, { subjects: [person] });
    const analyst = await cast.analyst();
    const { response, body } = await search(analyst, `${bsn.slice(0, 4)} ${bsn.slice(4, 6)} ${bsn.slice(6)}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(body.shape).toBe('bsn');
    expect(body.subjects).toHaveLength(1);
    const [found] = body.subjects;
    expect(found).toMatchObject({
      kind: 'person',
      name: `Karel ${person.kind === 'person' ? person.surname : ''}`,
      dateOfBirth: '1979-03-14',
      inRegister: true,
      records: [{ type: 'signal', id: signal.id, label: signal.reference }],
    });
    const { processing, actions } = await logOf(response);
    expect(actions).toEqual([expect.objectContaining({ action: 'search', result: 'success' })]);
    // The BSN searched for, and the person found, each pseudonymised on a record of their own.
    const children = processing.filter((p) => p.parentSpanId !== null);
    expect(children).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'search.query',
          dataSubjectPseudonym: pseudonymOf({ type: 'person', bsn }),
        }),
        expect.objectContaining({
          name: 'search.result',
          dataSubjectPseudonym: pseudonymOf({ type: 'person', bsn }),
          recordType: 'subject',
          recordId: found?.id,
        }),
      ]),
    );
    expect(processing.every((p) => p.processingActivityId === 'samenspel.search')).toBe(true);
    expect(JSON.stringify({ processing, actions })).not.toContain(bsn);
  });

  it('shows partner staff a subject only through a record of their own, never the register', async () => {
    const bsn = newBsn();
    const signal = await newSignal(cast, {
      by: 'GM0344',
      submitters: ['GM0344'],
      subjects: [newPerson({ bsn })],
    });
    const utrecht = await search(await cast.staff('GM0344'), bsn);
    expect(utrecht.body.subjects).toHaveLength(1);
    expect(utrecht.body.subjects[0]).toMatchObject({
      inRegister: false,
      records: [{ type: 'signal', id: signal.id }],
    });
    // Another organisation of the region: not its signal, so the person does not exist for it.
    const tax = await search(await cast.staff('belastingdienst'), bsn);
    expect(tax.response.statusCode).toBe(200);
    expect(tax.body.subjects).toEqual([]);
    // Still logged: the BSN was looked up (the only subject, so on the action's own record).
    const { processing } = await logOf(tax.response);
    expect(processing).toEqual([
      expect.objectContaining({ name: 'search', dataSubjectPseudonym: pseudonymOf({ type: 'person', bsn }) }),
    ]);
  });

  it("shows a case's participants its subjects, with the case's own version, and nobody else", async () => {
    const surname = uniqueSurname();
    const kase = await newCase(cast, { participants: ['politie'], codeName: `Zoek${surname}` });
    await addCaseSubject(cast, kase.id, {
      kind: 'company',
      name: `${surname} Holding B.V.`,
      kvkNumber: '87654321',
    });
    const police = await search(await cast.staff('politie'), '87654321');
    expect(police.body.shape).toBe('kvk');
    expect(police.body.subjects).toEqual([
      expect.objectContaining({
        kind: 'company',
        name: `${surname} Holding B.V.`,
        detail: 'KvK 87654321',
        records: [{ type: 'case', id: kase.id, label: `Zoek${surname} (${kase.reference})` }],
      }),
    ]);
    expect((await search(await cast.staff('belastingdienst'), '87654321')).body.subjects).toEqual([]);
    // The company by its name, and the case by its code name, for the director who runs it.
    const director = await cast.director();
    const byName = await search(director, `${surname.toLowerCase()} holding`);
    expect(byName.body.subjects.map((s) => s.name)).toEqual([`${surname} Holding B.V.`]);
    const byCodeName = await search(director, `zoek${surname}`);
    expect(byCodeName.body.cases).toEqual([
      expect.objectContaining({ id: kase.id, codeName: `Zoek${surname}`, phase: 'start' }),
    ]);
    expect((await search(await cast.staff('belastingdienst'), `Zoek${surname}`)).body.cases).toEqual([]);
  });

  it('finds signals and cases by reference among those the searcher may read', async () => {
    const signal = await newSignal(cast, { by: 'GM0344', submitters: ['GM0344'] });
    const own = await search(await cast.staff('GM0344'), signal.reference.toLowerCase());
    expect(own.body.shape).toBe('reference');
    expect(own.body.signals).toEqual([
      expect.objectContaining({
        id: signal.id,
        reference: signal.reference,
        stage: 'received',
        municipality: 'Utrecht',
      }),
    ]);
    expect((await search(await cast.staff('belastingdienst'), signal.reference)).body.signals).toEqual([]);
    const kase = await newCase(cast, { fromSignal: true });
    const analyst = await search(await cast.analyst(), kase.reference);
    expect(analyst.body.cases.map((c) => c.id)).toEqual([kase.id]);
    expect(analyst.body.signals).toEqual([]);
    // A prefix finds the year's records.
    const year = await search(await cast.analyst(), signal.reference.slice(0, 8));
    expect(year.body.signals.map((s) => s.id)).toContain(signal.id);
  });

  it('finds persons by name as people write it, by date of birth, and by name with date of birth', async () => {
    const surname = uniqueSurname();
    const [meijer, meyer, other] = [
      newPerson({ firstNames: 'Anna', surname: `Meijer${surname}`, dateOfBirth: '1980-01-02' }),
      newPerson({
        firstNames: 'Bert',
        prefix: 'van der',
        surname: `Meyer${surname}`,
        dateOfBirth: '1975-05-06',
      }),
      newPerson({ firstNames: 'Cor', surname: `Anders${surname}`, dateOfBirth: '1980-01-02' }),
    ];
    await newSignal(cast, { subjects: [meijer, meyer, other] });
    const analyst = await cast.analyst();
    const names = async (q: string) => (await search(analyst, q)).body.subjects.map((s) => s.name).sort();
    // ij and y alike; the tussenvoegsel does not count; a first name narrows.
    expect(await names(`Meijer${surname}`)).toEqual([
      `Anna Meijer${surname}`,
      `Bert van der Meyer${surname}`,
    ]);
    expect(await names(`Bert van der Meijer${surname}`)).toEqual([`Bert van der Meyer${surname}`]);
    expect(await names(`A. Meyer${surname}`)).toEqual([`Anna Meijer${surname}`]);
    // A first name alone finds nobody.
    expect(await names('Anna')).toEqual([]);
    // With a date of birth, in any Dutch way of writing it.
    expect(await names(`Meijer${surname} 2 januari 1980`)).toEqual([`Anna Meijer${surname}`]);
    expect(await names(`Meijer${surname} 02-01-1980`)).toEqual([`Anna Meijer${surname}`]);
    const born = await search(analyst, '2-1-1980');
    expect(born.body.shape).toBe('date');
    expect(born.body.subjects.map((s) => s.name)).toEqual(
      expect.arrayContaining([`Anna Meijer${surname}`, `Cor Anders${surname}`]),
    );
    // Logged by name and date of birth: the name searched for is not stored as text.
    const { response } = await search(analyst, `Meijer${surname}`);
    const { processing, actions } = await logOf(response);
    expect(JSON.stringify({ processing, actions }).toLowerCase()).not.toContain(surname.toLowerCase());
    expect(processing.filter((p) => p.name === 'search.result')).toHaveLength(2);
  });

  it('finds accounts by IBAN, addresses by postcode and house number, vehicles by registration', async () => {
    const signal = await newSignal(cast, {
      subjects: [
        { kind: 'account', iban: 'NL91 ABNA 0417 1643 00', holder: 'Zoek B.V.' },
        {
          kind: 'address',
          postcode: '3511ab',
          houseNumber: 77,
          houseNumberAddition: 'b',
          street: 'Zoekstraat',
          town: 'Utrecht',
        },
        { kind: 'vehicle', registration: '99-xyz-9' },
      ],
    });
    const analyst = await cast.analyst();
    const iban = await search(analyst, 'nl91abna0417164300');
    expect(iban.body.subjects).toEqual([
      expect.objectContaining({ kind: 'account', name: 'NL91ABNA0417164300', detail: 'Zoek B.V.' }),
    ]);
    const address = await search(analyst, '3511 AB 77');
    expect(address.body.shape).toBe('address');
    expect(address.body.subjects).toEqual([
      expect.objectContaining({ kind: 'address', name: 'Zoekstraat 77 b', detail: '3511 AB Utrecht' }),
    ]);
    expect((await search(analyst, '3511AB 77b')).body.subjects).toHaveLength(1);
    expect((await search(analyst, '3511AB 77c')).body.subjects).toEqual([]);
    const plate = await search(analyst, '99-XYZ-9');
    expect(plate.body.subjects).toEqual([
      expect.objectContaining({
        kind: 'vehicle',
        name: '99XYZ9',
        records: [expect.objectContaining({ id: signal.id })],
      }),
    ]);
  });

  it('keeps what belongs to another collaboration out of the register search', async () => {
    const bsn = newBsn();
    const created = await newSignalAtMunicipalTable(cast, [newPerson({ bsn })]);
    // The RIEC's analyst does not take part in the table: the person does not exist for them.
    expect((await search(await cast.analyst(), bsn)).body.subjects).toEqual([]);
    expect((await search(await cast.analyst(), created.reference)).body.signals).toEqual([]);
    expect((await search(await cast.staff('GM0303'), bsn)).body.subjects).toHaveLength(1);
  });

  it('is for those who work with signals, cases or the register; says what is wrong with a mistyped BSN', async () => {
    for (const roles of [['programme_manager'], ['privacy_officer'], ['administrator']] as const) {
      const user = await createUser(t.database.db, t.keys, {
        roles: [...roles],
        totp: roles[0] !== 'programme_manager',
      });
      const response = await cast.call(await signIn(t.app, t.database.db, user), 'POST', '/api/v1/search', {
        q: 'SIG-2026',
      });
      expect(response.statusCode).toBe(403);
    }
    const mistyped = await search(await cast.analyst(), '111222334');
    expect(mistyped.body).toMatchObject({
      shape: 'invalid',
      notice: 'Dit lijkt een BSN, maar het klopt niet (elfproef).',
      subjects: [],
    });
    const tooShort = await cast.call(await cast.analyst(), 'POST', '/api/v1/search', { q: ' a ' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'q', reason: 'Typ minstens twee tekens.' }),
    ]);
  });

  it('lets a chair find the signals of the region but no subject beyond them', async () => {
    const bsn = newBsn();
    const accepted = await newAcceptedSignal(cast, { subjects: [newPerson({ bsn })] });
    const chair = await search(await cast.chair(), bsn);
    // The chair reads every submitted signal of the region: the person is found through it.
    expect(chair.body.subjects).toEqual([
      expect.objectContaining({ inRegister: false, records: [expect.objectContaining({ id: accepted.id })] }),
    ]);
  });
});
