import type { QueueItem, SignalPage } from '@samenspel/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  Cast,
  createTestApp,
  dutchDay,
  newAcceptedSignal,
  newRound,
  newSignal,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * The signals list: filters, sorting and paging on the server, an Excel export of exactly what
 * the filter selects (logged as a read of each signal), and the analyst's work queue.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const list = (who: ApiSession, query = '') =>
  cast.ok<SignalPage>(who, 'GET', `/api/v1/signals?pageSize=100&${query}`);

describe(`the signals list on ${testEngine()}`, () => {
  it('filters by municipality, district, stage, decision, theme, period and own organisation', async () => {
    const dronten = await newSignal(cast, {
      by: 'GM0303',
      submitters: ['GM0303'],
      municipalityCode: 'GM0303',
    });
    const utrecht = await newSignal(cast, { stage: 'triaged' });
    const accepted = await newAcceptedSignal(cast);
    const analyst = await cast.analyst();
    const ids = (page: SignalPage) => page.items.map((s) => s.id);

    const inDronten = await list(analyst, 'municipalityCode=GM0303');
    expect(ids(inDronten)).toContain(dronten.id);
    expect(inDronten.items.every((s) => s.municipality?.code === 'GM0303')).toBe(true);
    const flevoland = await list(analyst, 'districtId=flevoland');
    expect(ids(flevoland)).toContain(dronten.id);
    expect(ids(flevoland)).not.toContain(utrecht.id);

    const triaged = await list(analyst, 'stage=triaged');
    expect(ids(triaged)).toContain(utrecht.id);
    expect(triaged.items.every((s) => s.stage === 'triaged')).toBe(true);
    const open = await list(analyst, 'open=true');
    expect(ids(open)).toEqual(expect.arrayContaining([dronten.id, utrecht.id]));
    expect(ids(open)).not.toContain(accepted.id);
    const acceptedOnly = await list(analyst, 'decision=accepted');
    expect(ids(acceptedOnly)).toContain(accepted.id);
    expect(acceptedOnly.items.every((s) => s.decision === 'accepted')).toBe(true);

    const theme = await cast.theme();
    expect(ids(await list(analyst, `themeId=${theme}`))).toContain(utrecht.id);
    const today = dutchDay();
    expect(ids(await list(analyst, `from=${today}&to=${today}`))).toContain(dronten.id);
    expect(ids(await list(analyst, `from=${dutchDay(1)}`))).toEqual([]);
    expect(ids(await list(analyst, `to=${dutchDay(-1)}`))).not.toContain(dronten.id);

    // Own organisation: Dronten submitted its signal alone; the RIEC none of these.
    const drontenStaff = await cast.staff('GM0303');
    expect(ids(await list(drontenStaff, 'own=true'))).toContain(dronten.id);
    expect(ids(await list(analyst, 'own=true'))).not.toContain(dronten.id);
    // Never more than the record rule: the Tax Administration sees none of them.
    expect(ids(await list(await cast.staff('belastingdienst')))).not.toContain(dronten.id);
  });

  it('sorts by a column either way and pages on the server', async () => {
    for (let i = 0; i < 5; i += 1) await newSignal(cast);
    const analyst = await cast.analyst();
    const all = await list(analyst, 'sort=reference');
    const references = all.items.map((s) => s.reference);
    expect(references).toEqual([...references].sort());
    const descending = await list(analyst, 'sort=-reference');
    expect(descending.items.map((s) => s.reference)).toEqual([...references].reverse());

    const first = await cast.ok<SignalPage>(
      analyst,
      'GET',
      '/api/v1/signals?sort=reference&pageSize=2&page=1',
    );
    const second = await cast.ok<SignalPage>(
      analyst,
      'GET',
      '/api/v1/signals?sort=reference&pageSize=2&page=2',
    );
    expect(first).toMatchObject({ total: all.total, page: 1, pageSize: 2 });
    expect([...first.items, ...second.items].map((s) => s.reference)).toEqual(references.slice(0, 4));
    const beyond = await cast.ok<SignalPage>(analyst, 'GET', '/api/v1/signals?pageSize=2&page=9999');
    expect(beyond.items).toEqual([]);

    const bad = await cast.call(
      analyst,
      'GET',
      '/api/v1/signals?pageSize=500&sort=colour&from=2026-02-01&to=2026-01-01',
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['pageSize', 'sort', 'to']);
  });

  it('exports exactly what the filter selects as a workbook, logged as a read of each signal', async () => {
    const signal = await newSignal(cast, {
      by: 'GM0303',
      submitters: ['GM0303'],
      municipalityCode: 'GM0303',
    });
    const analyst = await cast.analyst();
    const selected = await list(analyst, 'municipalityCode=GM0303&sort=reference');
    const response = await cast.call(
      analyst,
      'GET',
      '/api/v1/signals/export.xlsx?municipalityCode=GM0303&sort=reference',
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('signalen.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Signalen');
    expect(String(sheet?.getCell('A1').value)).toMatch(/^Signalen: gemeente Dronten — geëxporteerd op /);
    expect(sheet?.getRow(2).getCell(1).value).toBe('Kenmerk');
    const references: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 2) references.push(String(row.getCell(1).value));
    });
    expect(references).toEqual(selected.items.map((s) => s.reference));
    const row = sheet?.getRow(3 + references.indexOf(signal.reference));
    expect(row?.getCell(3).value).toEqual(new Date(`${dutchDay()}T00:00:00.000Z`));
    expect(String(row?.getCell(10).value)).toContain('Een signaal voor de test');

    const traceId = String(response.headers.traceparent).split('-')[1] ?? '';
    const logged = await t.database.db
      .selectFrom('processingLog')
      .selectAll()
      .where('traceId', '=', traceId)
      .execute();
    const action = await t.database.db
      .selectFrom('userActionLog')
      .selectAll()
      .where('traceId', '=', traceId)
      .execute();
    expect(action).toEqual([expect.objectContaining({ action: 'signal.export', result: 'success' })]);
    // Every subject of every exported signal, each in its own signal.
    expect(logged.filter((l) => l.name === 'signal.subject.read' && l.recordId === signal.id)).toHaveLength(
      1,
    );
    expect(new Set(logged.flatMap((l) => (l.recordType === 'signal' ? [l.recordId] : []))).size).toBe(
      selected.total,
    );
  });

  it("shows in the queue each open signal's place, start of its description, who holds it and what comes next", async () => {
    const received = await newSignal(cast);
    const discussed = await newSignal(cast, { stage: 'discussed' });
    const integral = await newSignal(cast, { stage: 'triaged', route: 'integral' });
    const quick = await newSignal(cast, { stage: 'triaged', route: 'quick' });
    const { signal: inRound } = await newRound(cast);
    const accepted = await newAcceptedSignal(cast);
    const analyst = await cast.analyst();
    const { items } = await cast.ok<{ items: QueueItem[] }>(analyst, 'GET', '/api/v1/signals/queue');
    const item = (id: string) => items.find((i) => i.id === id);
    expect(item(accepted.id)).toBeUndefined();
    expect(item(received.id)).toMatchObject({
      municipality: { name: 'Utrecht' },
      summary: 'Een signaal voor de test, lang genoeg om te beschrijven wat er speelt.',
      holder: 'riec',
      nextStep: 'discuss',
    });
    expect(item(discussed.id)).toMatchObject({ holder: 'municipality-and-police', nextStep: 'substantiate' });
    expect(item(integral.id)).toMatchObject({
      holder: 'riec',
      nextStep: 'start-round',
      lastStepBy: expect.stringMatching(/^Test riec_analyst/),
    });
    expect(item(quick.id)).toMatchObject({ holder: 'dto', nextStep: 'decide' });
    expect(item(inRound.id)).toMatchObject({ holder: 'partners', nextStep: 'await-answers' });
  });
});
