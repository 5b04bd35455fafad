import type { CaseDetail, CasePage } from '@samenspel/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  addCaseSubject,
  Cast,
  createTestApp,
  dutchDay,
  newCase,
  newPerson,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../../testing/index.js';

/**
 * The cases list: filters, sorting and paging on the server, and an Excel export of exactly what
 * the filter selects (logged as a read of each case), within what the caller may see.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const list = (who: ApiSession, query = '') =>
  cast.ok<CasePage>(who, 'GET', `/api/v1/cases?pageSize=100&${query}`);
const ids = (page: CasePage) => page.items.map((c) => c.id);

/** A regional case (no district) in Dronten, with the Tax Administration taking part. */
async function regionalCase(codeName: string): Promise<CaseDetail> {
  return cast.ok<CaseDetail>(await cast.analyst(), 'POST', '/api/v1/cases', {
    origin: 'direct',
    signalIds: [],
    originOrganisationIds: [await cast.org('politie')],
    codeName,
    districtId: null,
    municipalityCodes: ['GM0303'],
    themeIds: [await cast.theme()],
    type: 'network',
    directorId: (await cast.director()).user.id,
    participantIds: [await cast.org('belastingdienst')],
    startedOn: dutchDay(-40),
  });
}

describe(`the cases list on ${testEngine()}`, () => {
  it('filters by phase, district, municipality, theme, period, priority and own organisation', async () => {
    const early = await newCase(cast, {
      phase: 'analysis',
      participants: ['politie'],
      startedOn: dutchDay(-10),
    });
    const regional = await regionalCase(`Regio${uniqueSurname()}`);
    await cast.ok(await cast.chair(), 'PUT', `/api/v1/cases/${early.id}/priority`, {
      quarter: `${dutchDay().slice(0, 4)}-Q${Math.floor((Number(dutchDay().slice(5, 7)) - 1) / 3) + 1}`,
      priority: 1,
    });
    const analyst = await cast.analyst();
    expect(ids(await list(analyst, 'phase=analysis'))).toContain(early.id);
    expect((await list(analyst, 'phase=analysis')).items.every((c) => c.phase === 'analysis')).toBe(true);
    expect(ids(await list(analyst, 'districtId=utrecht-stad'))).not.toContain(regional.id);
    const regionalOnly = await list(analyst, 'regional=true');
    expect(ids(regionalOnly)).toContain(regional.id);
    expect(regionalOnly.items.every((c) => c.district === null)).toBe(true);
    expect(ids(await list(analyst, 'municipalityCode=GM0303'))).toEqual([regional.id]);
    expect(ids(await list(analyst, `themeId=${await cast.theme()}`))).toEqual(
      expect.arrayContaining([early.id, regional.id]),
    );
    const period = await list(analyst, `from=${dutchDay(-45)}&to=${dutchDay(-35)}`);
    expect(ids(period)).toContain(regional.id);
    expect(ids(period)).not.toContain(early.id);
    expect(ids(await list(analyst, 'priority=1'))).toEqual([early.id]);
    expect(ids(await list(analyst, 'open=true'))).toContain(early.id);
    // Own organisation: the cases the caller's organisation takes part in.
    const tax = await cast.staff('belastingdienst');
    expect(ids(await list(tax, 'own=true'))).toContain(regional.id);
    expect(ids(await list(tax))).not.toContain(early.id);
  });

  it('sorts by code name and start either way, and pages on the server', async () => {
    for (const name of ['Aap', 'Noot', 'Mies'])
      await newCase(cast, { codeName: `${name}${uniqueSurname()}` });
    const analyst = await cast.analyst();
    const byName = await list(analyst, 'sort=codeName');
    const names = byName.items.map((c) => c.codeName.toLowerCase());
    expect(names).toEqual([...names].sort());
    const newest = await list(analyst, 'sort=-startedOn');
    const started = newest.items.map((c) => c.startedOn);
    expect(started).toEqual([...started].sort().reverse());
    const page2 = await cast.ok<CasePage>(analyst, 'GET', '/api/v1/cases?sort=codeName&pageSize=2&page=2');
    expect(page2).toMatchObject({ page: 2, pageSize: 2, total: byName.total });
    expect(page2.items.map((c) => c.id)).toEqual(byName.items.slice(2, 4).map((c) => c.id));
  });

  it('exports exactly the selected cases, logged as a read of each, and nothing the caller may not see', async () => {
    const codeName = `Export${uniqueSurname()}`;
    const regional = await regionalCase(codeName);
    await addCaseSubject(cast, regional.id, newPerson());
    const tax = await cast.staff('belastingdienst');
    const response = await cast.call(tax, 'GET', '/api/v1/cases/export.xlsx?regional=true&sort=codeName');
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Casussen');
    expect(String(sheet?.getCell('A1').value)).toMatch(/^Casussen: regionaal — geëxporteerd op /);
    const exported: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 2) exported.push(String(row.getCell(1).value));
    });
    const visible = await list(tax, 'regional=true&sort=codeName');
    expect(exported).toEqual(visible.items.map((c) => c.codeName));
    expect(exported).toContain(codeName);
    const traceId = String(response.headers.traceparent).split('-')[1] ?? '';
    const logged = await t.database.db
      .selectFrom('processingLog')
      .selectAll()
      .where('traceId', '=', traceId)
      .execute();
    expect(logged.some((l) => l.dataSubjectPseudonym !== null && l.recordId === regional.id)).toBe(true);
    // The police take no part in the regional case: it is not in their export.
    const police = await cast.call(
      await cast.staff('politie'),
      'GET',
      '/api/v1/cases/export.xlsx?regional=true',
    );
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(police.rawPayload as unknown as ArrayBuffer);
    const rows: string[] = [];
    theirs.getWorksheet('Casussen')?.eachRow((row, n) => {
      if (n > 2) rows.push(String(row.getCell(1).value));
    });
    expect(rows).not.toContain(codeName);
  });
});
