import type { AuditEntry, SignalDetail } from '@samenspel/contracts';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccess } from '../../app/index.js';
import {
  type ApiSession,
  Cast,
  createTestApp,
  newBsn,
  newCase,
  newPerson,
  newSignal,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../../testing/index.js';
import { AuditService } from './audit.service.js';
import { pseudonymise } from './pseudonym.js';

/**
 * The privacy officer's view of the log: every entry names its record (the signal's reference,
 * the case's code name), in Dutch; a person's filter shows only the entries about that person;
 * a name with a date of birth finds the person however each source recorded them.
 */
let t: TestApp;
let cast: Cast;
let officer: ApiSession;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
  officer = await cast.member(['privacy_officer']);
});
afterAll(async () => t?.close());

const pseudonymOf = (subject: Parameters<typeof pseudonymise>[1]) =>
  pseudonymise(t.keys.pseudonym, subject).pseudonym;

async function entries(query: string): Promise<AuditEntry[]> {
  return (await cast.ok<{ items: AuditEntry[] }>(officer, 'GET', `/api/v1/audit/entries?limit=500&${query}`))
    .items;
}

async function read(signal: SignalDetail) {
  await cast.ok(await cast.analyst(), 'GET', `/api/v1/signals/${signal.id}`);
}

describe(`the processing log viewer on ${testEngine()}`, () => {
  it('shows only the entries about the person searched, each with its record and in Dutch', async () => {
    const bsn = newBsn();
    const other = newPerson();
    const signal = await newSignal(cast, { subjects: [newPerson({ bsn }), other] });
    await read(signal);
    const found = await entries(`subject=${pseudonymOf({ type: 'person', bsn })}`);
    expect(found.length).toBeGreaterThan(1);
    // Strict: not the other person read in the same action.
    expect(found.every((e) => e.dataSubject?.pseudonym === pseudonymOf({ type: 'person', bsn }))).toBe(true);
    const reading = found.find((e) => e.action?.action === 'signal.read');
    expect(reading).toMatchObject({
      name: 'signal.subject.read',
      label: 'Betrokkene in een signaal ingezien',
      record: { type: 'signal', id: signal.id, label: signal.reference },
      action: { action: 'signal.read', label: 'Signaal ingezien', result: 'success' },
    });
    // The submission wrote the person, in the same signal.
    expect(found.find((e) => e.action?.action === 'signal.submit')).toMatchObject({
      label: 'Betrokkene in een signaal vastgelegd',
      record: { type: 'signal', label: signal.reference },
    });
  });

  it("names a case by its code name, and keeps the log's chains whole", async () => {
    const kase = await newCase(cast, { codeName: `Logboek${uniqueSurname()}` });
    const director = await cast.director();
    const response = await cast.call(director, 'GET', `/api/v1/cases/${kase.id}`);
    const traceId = String(response.headers.traceparent).split('-')[1];
    const items = (await entries(`userId=${director.user.id}`)).filter((e) => e.traceId === traceId);
    expect(items[0]).toMatchObject({
      label: 'Casus ingezien',
      record: { type: 'case', id: kase.id, label: `${kase.codeName} (${kase.reference})` },
    });
    const reports = await new AuditService({
      db: t.database.db,
      keys: t.keys,
      access: createAccess(),
    }).verify();
    expect(reports.map((r) => r.firstBroken)).toEqual([null, null]);
  });

  it('finds a person by name and date of birth under every identifier their records were logged by', async () => {
    const surname = uniqueSurname();
    const bsn = newBsn();
    const withBsn = await newSignal(cast, {
      subjects: [newPerson({ firstNames: 'Piet', surname, dateOfBirth: '1970-07-07', bsn })],
    });
    // Another source wrote the tussenvoegsel in the surname and knew no BSN.
    const withoutBsn = await newSignal(cast, {
      subjects: [newPerson({ firstNames: 'P.', surname: `van ${surname}`, dateOfBirth: '1970-07-07' })],
    });
    // Same name, another date of birth: somebody else.
    const namesake = await newSignal(cast, {
      subjects: [newPerson({ firstNames: 'Piet', surname, dateOfBirth: '1971-07-07' })],
    });
    for (const s of [withBsn, withoutBsn, namesake]) await read(s);

    const search = await cast.call(officer, 'POST', '/api/v1/audit/subject-pseudonyms', {
      surname,
      firstNames: 'Piet',
      dateOfBirth: '1970-07-07',
    });
    expect(search.statusCode, search.body).toBe(200);
    const { pseudonyms, registerPersons } = search.json() as {
      pseudonyms: string[];
      registerPersons: number;
    };
    // Two register persons (the register does not know they are one), found by name and birth date.
    expect(registerPersons).toBe(2);
    expect(pseudonyms).toEqual(
      expect.arrayContaining([
        pseudonymOf({ type: 'person', bsn }),
        pseudonymOf({ type: 'person', surname: `van ${surname}`, dateOfBirth: '1970-07-07' }),
      ]),
    );
    const found = await entries(pseudonyms.map((p) => `subject=${p}`).join('&'));
    const records = new Set(found.map((e) => e.record?.id));
    expect(records.has(withBsn.id)).toBe(true);
    expect(records.has(withoutBsn.id)).toBe(true);
    expect(records.has(namesake.id)).toBe(false);
    // The search is logged with each identifier looked for, none of them in clear.
    const traceId = String(search.headers.traceparent).split('-')[1] ?? '';
    const logged = await t.database.db
      .selectFrom('processingLog')
      .selectAll()
      .where('traceId', '=', traceId)
      .execute();
    expect(logged.map((l) => l.dataSubjectPseudonym)).toEqual(expect.arrayContaining(pseudonyms));
    expect(JSON.stringify(logged)).not.toContain(bsn);
    expect(JSON.stringify(logged).toLowerCase()).not.toContain(surname.toLowerCase());

    // First names that do not fit find nobody in the register.
    const klaas = await cast.ok<{ registerPersons: number }>(
      officer,
      'POST',
      '/api/v1/audit/subject-pseudonyms',
      {
        surname,
        firstNames: 'Klaas',
        dateOfBirth: '1970-07-07',
      },
    );
    expect(klaas.registerPersons).toBe(0);
  });

  it('exports the entries about a person as CSV for Dutch Excel, with the record named', async () => {
    const bsn = newBsn();
    const signal = await newSignal(cast, { subjects: [newPerson({ bsn })] });
    await read(signal);
    const response = await cast.call(
      officer,
      'GET',
      `/api/v1/audit/entries/export?subject=${pseudonymOf({ type: 'person', bsn })}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const [header = [], ...rows]: string[][] = parse(response.body.slice(1), { delimiter: ';' });
    const column = (name: string) => header.indexOf(name);
    expect(header.slice(0, 4)).toEqual(['Volgnummer', 'Begin', 'Einde', 'Verwerking']);
    const reading = rows.find((r) => r[column('Code handeling')] === 'signal.read');
    expect(reading?.[column('Dossier')]).toBe(signal.reference);
    expect(reading?.[column('Handeling')]).toBe('Signaal ingezien');
    expect(reading?.[column('Soort betrokkene')]).toBe('Persoon');
    expect(reading?.[column('Begin')]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
  });
});
