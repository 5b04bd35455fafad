import type { AccountabilityReport } from '@samenspel/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  createTestApp,
  createUser,
  signIn,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { covenantOf } from '../collaborations/index.js';

/**
 * Targets, analysis products and the exports, over the API. The exports are read back with a
 * spreadsheet and a CSV parser and must hold the numbers the JSON report holds.
 */
let t: TestApp;
let manager: ApiSession;
let analyst: ApiSession;

const call = (session: ApiSession, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  manager = await signIn(t.app, db, await createUser(db, t.keys, { roles: ['programme_manager'] }));
  analyst = await signIn(t.app, db, await createUser(db, t.keys, { roles: ['riec_analyst'] }));
  // One closed case of 2021 with an advice and a confiscation, written straight into the tables.
  const org = await db
    .selectFrom('partnerOrganisations')
    .select('id')
    .where('code', '=', 'belastingdienst')
    .executeTakeFirstOrThrow();
  const theme = await db
    .selectFrom('themes')
    .select('id')
    .where('code', '=', 'money_laundering')
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('cases')
    .values({
      regionId: 'midden-nederland',
      collaborationId: await covenantOf(db, 'midden-nederland'),
      reference: 'CAS-2021-0001',
      codeName: 'Export',
      origin: 'direct',
      districtId: 'flevoland',
      type: 'subject',
      directorId: null,
      phase: 'closed',
      goal: null,
      strategy: null,
      startedOn: '2021-02-01',
      closedOn: '2021-11-30',
      createdBy: null,
      createdAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('caseOpenPeriods')
    .values({ caseId: id, openedOn: '2021-02-01', closedOn: '2021-11-30' })
    .execute();
  await db.insertInto('caseOriginOrganisations').values({ caseId: id, organisationId: org.id }).execute();
  await db.insertInto('caseThemes').values({ caseId: id, themeId: theme.id }).execute();
  await db
    .insertInto('advices')
    .values({
      caseId: id,
      kind: 'fiscal',
      organisationId: org.id,
      givenOn: '2021-05-01',
      status: 'given',
      description: 'x',
    })
    .execute();
  await db
    .insertInto('results')
    .values({
      caseId: id,
      kind: 'confiscation',
      organisationId: org.id,
      imposedCents: 1_234_567_00,
      imposedOn: '2021-06-01',
      collectedCents: 234_567_00,
      collectedOn: '2021-07-01',
      recordedOn: '2021-07-01',
    })
    .execute();
});
afterAll(async () => t?.close());

describe(`accountability exports and targets on ${testEngine()}`, () => {
  it('sets a district target for a year, shows it on the report, and refuses bad targets with every error', async () => {
    const set = await call(manager, 'PUT', '/api/v1/district-targets/flevoland/2021', {
      targets: [
        { measure: 'handled', minimum: 12, maximum: 15 },
        { measure: 'new', minimum: 5, note: 'waarvan 2 in het buitengebied' },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().targets).toEqual([
      { measure: 'handled', minimum: 12, maximum: 15, note: null },
      { measure: 'new', minimum: 5, maximum: null, note: 'waarvan 2 in het buitengebied' },
    ]);
    const list = await call(manager, 'GET', '/api/v1/district-targets?year=2021');
    expect(list.json().items).toHaveLength(5);
    const report = (await call(manager, 'GET', '/api/v1/reports/accountability?year=2021')).json();
    expect(
      report.districts.find((d: { district: { id: string } | null }) => d.district?.id === 'flevoland'),
    ).toMatchObject({
      handled: 1,
      new: 1,
      closed: 1,
      targets: [{ measure: 'handled', minimum: 12, maximum: 15 }, { measure: 'new' }],
    });
    // A period across two years has no targets.
    const across = (
      await call(manager, 'GET', '/api/v1/reports/accountability?from=2021-07-01&to=2022-06-30')
    ).json();
    expect(across.districts.every((d: { targets: unknown[] }) => d.targets.length === 0)).toBe(true);

    const bad = await call(manager, 'PUT', '/api/v1/district-targets/flevoland/2021', {
      targets: [
        { measure: 'handled', minimum: 20, maximum: 10 },
        { measure: 'sometimes', minimum: -1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['targets.0.maximum', 'targets.1.measure', 'targets.1.minimum'].sort());
    // Nothing of the bad request was written.
    expect(
      (await call(manager, 'GET', '/api/v1/district-targets?year=2021')).json().items[3].targets,
    ).toHaveLength(2);
    expect(
      (await call(manager, 'PUT', '/api/v1/district-targets/bestaat-niet/2021', { targets: [] })).statusCode,
    ).toBe(404);
  });

  it('registers analysis products and counts them in row 1', async () => {
    const created = await call(analyst, 'POST', '/api/v1/analysis-products', {
      title: 'Ondermijningsbeeld Lelystad',
      districtId: 'flevoland',
      deliveredOn: '2021-04-15',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ district: { id: 'flevoland', name: 'Flevoland' } });
    const bad = await call(analyst, 'POST', '/api/v1/analysis-products', {
      title: 'Later',
      districtId: 'nergens',
      deliveredOn: '2999-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['deliveredOn', 'districtId']);
    expect((await call(analyst, 'GET', '/api/v1/analysis-products?year=2021')).json().items).toHaveLength(1);
    const report = (
      await call(manager, 'GET', '/api/v1/reports/accountability?year=2021&district=flevoland')
    ).json();
    expect(report.table.analysisProducts).toBe(1);
  });

  it('exports a workbook that opens and holds the same numbers as the report', async () => {
    const json = (
      await call(manager, 'GET', '/api/v1/reports/accountability?year=2021')
    ).json() as AccountabilityReport;
    const response = await call(manager, 'GET', '/api/v1/reports/accountability.xlsx?year=2021');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('verantwoording-regio-2021.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Verantwoordingstabel',
      'Districten',
      'Doorlooptijden',
      'Verloop',
    ]);
    const sheet = workbook.getWorksheet('Verantwoordingstabel');
    const byNumber = new Map<string, unknown>();
    const byLabel = new Map<string, unknown>();
    sheet?.eachRow((row) => {
      const number = String(row.getCell(1).value ?? '');
      if (number) byNumber.set(number, row.getCell(3).value);
      byLabel.set(String(row.getCell(2).value ?? '').trim(), row.getCell(3).value);
    });
    expect(byNumber.get('2a')).toBe(json.table.casesHandled.total);
    expect(byNumber.get('2f')).toBe(json.table.origins.taxAdministration);
    expect(byLabel.get('Fiscaal')).toBe(json.table.advices.fiscal);
    expect(byLabel.get('Witwassen en financiële malversaties')).toBe(json.table.themes.money_laundering);
    expect(byNumber.get('5')).toBe(1_234_567);
    expect(byLabel.get('waarvan geïnd of verrekend')).toBe(234_567);
    expect(byLabel.get('nog openstaand van het opgelegde')).toBe(1_000_000);
    expect(byLabel.get('Geïnd of verrekend op eerder opgelegde afpakbedragen')).toBe(0);
    const districts = workbook.getWorksheet('Districten');
    const flevoland = districts
      ?.getRows(1, districts.rowCount)
      ?.find((r) => r.getCell(1).value === 'Flevoland');
    expect([2, 3, 4, 5].map((c) => flevoland?.getCell(c).value)).toEqual([
      1,
      1,
      1,
      'behandeld 12–15; nieuw 5 (waarvan 2 in het buitengebied)',
    ]);
  });

  it('exports CSV with the table, its footnotes and the districts, safe for spreadsheets', async () => {
    const response = await call(manager, 'GET', '/api/v1/reports/accountability.csv?year=2021&quarter=2');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('verantwoording-regio-2021-K2.csv');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    // Dutch Excel: semicolons between cells, a decimal comma in amounts.
    const rows: string[][] = parse(response.body.slice(1), { relax_column_count: true, delimiter: ';' });
    expect(rows[0]?.[0]).toBe('Verantwoording Midden-Nederland, 1 april 2021 t/m 30 juni 2021');
    const line = (label: string) => rows.find((r) => r[1]?.trim() === label);
    expect(line('Casussen behandeld')?.[2]).toBe('1');
    expect(line('Afpakbedragen integraal opgelegd')?.[2]).toBe('1234567');
    // Imposed on 1 June, collected on 1 July: in the third quarter it is its own line.
    const q3 = await call(manager, 'GET', '/api/v1/reports/accountability.csv?year=2021&quarter=3');
    const q3rows: string[][] = parse(q3.body.slice(1), { relax_column_count: true, delimiter: ';' });
    const q3line = (label: string) => q3rows.find((r) => r[1]?.trim() === label)?.[2];
    expect(q3line('Afpakbedragen integraal opgelegd')).toBe('0');
    expect(q3line('waarvan geïnd of verrekend')).toBe('0');
    expect(q3line('Geïnd of verrekend op eerder opgelegde afpakbedragen')).toBe('234567');
    expect(rows.some((r) => r[1]?.startsWith("Aan een casus kunnen meerdere thema's"))).toBe(true);
    // Started in February: handled in the second quarter, but not new in it.
    expect(rows.find((r) => r[0] === 'Flevoland')?.slice(1, 4)).toEqual(['1', '0', '0']);
  });
});
