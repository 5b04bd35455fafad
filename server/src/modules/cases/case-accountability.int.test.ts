import type { AccountabilityReport, CaseDetail } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  dutchDay,
  newAcceptedSignal,
  newCase,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * What the accountability table takes from a case's life: the Dutch dates of closure, reopening
 * and start (Europe/Amsterdam, on a clock the test sets), a closure undone on the same day, and
 * where a case came from (docs/accountability.md).
 */
let t: TestApp;
let cast: Cast;
/** The services' clock: the real time unless a test sets it. */
let clock: Date | undefined;

beforeAll(async () => {
  t = await createTestApp({ now: () => clock ?? new Date() });
  cast = new Cast(t);
});
afterAll(async () => t?.close());

async function atClock<T>(at: string, work: () => Promise<T>): Promise<T> {
  clock = new Date(at);
  try {
    return await work();
  } finally {
    clock = undefined;
  }
}

/** A case in its evaluation phase, evaluated (in Utrecht-Stad, as every case of this file). */
async function evaluatedCase(): Promise<CaseDetail> {
  const c = await newCase(cast, { phase: 'evaluation' });
  await cast.ok(await cast.director(), 'PUT', `/api/v1/cases/${c.id}/evaluation`, {
    whatWorked: 'Samen',
    whatDidNot: 'Traag',
    lessons: 'Eerder beginnen',
  });
  return c;
}

async function report(year: number): Promise<AccountabilityReport> {
  return cast.ok<AccountabilityReport>(
    await cast.manager(),
    'GET',
    `/api/v1/reports/accountability?year=${year}&district=utrecht-stad`,
  );
}

const openPeriods = (caseId: string) =>
  t.database.db
    .selectFrom('caseOpenPeriods')
    .select(['openedOn', 'closedOn'])
    .where('caseId', '=', caseId)
    .orderBy('openedOn')
    .execute();

describe(`a case's dates and origin in the accountability table on ${testEngine()}`, () => {
  it('closes a case at 00:30 on 1 January (Amsterdam) in the new year, and a reopening that day undoes the closure', async () => {
    const c = await evaluatedCase();
    const director = await cast.director();
    const before2026 = (await report(2026)).districts[0]?.closed ?? 0;
    // 23:30 UTC on 31 December is 00:30 on 1 January in Amsterdam.
    const closed = await atClock('2026-12-31T23:30:00Z', () =>
      cast.ok<CaseDetail>(director, 'POST', `/api/v1/cases/${c.id}/phase`, { type: 'close' }),
    );
    expect(closed).toMatchObject({ phase: 'closed', closedOn: '2027-01-01' });
    expect(await openPeriods(c.id)).toEqual([{ openedOn: c.startedOn, closedOn: '2027-01-01' }]);
    expect((await report(2027)).districts[0]?.closed).toBe(1);
    expect((await report(2026)).districts[0]?.closed).toBe(before2026);

    // Reopened on the same Dutch day (10:00 UTC): not closed in 2026 nor in 2027.
    const reopened = await atClock('2027-01-01T10:00:00Z', () =>
      cast.ok<CaseDetail>(director, 'POST', `/api/v1/cases/${c.id}/phase`, {
        type: 'reopen',
        reason: 'Nieuwe informatie',
      }),
    );
    expect(reopened).toMatchObject({ phase: 'analysis', closedOn: null });
    expect(await openPeriods(c.id)).toEqual([
      { openedOn: c.startedOn, closedOn: '2027-01-01' },
      { openedOn: '2027-01-01', closedOn: null },
    ]);
    const y2027 = await report(2027);
    expect(y2027.districts[0]?.closed).toBe(0);
    expect(y2027.leadTimes.startToClosure.count).toBe(0);
    expect(y2027.flow[0]).toMatchObject({ month: '2027-01', closed: 0 });
    expect((await report(2026)).districts[0]?.closed).toBe(before2026);
  });

  it('takes the start-date check in Amsterdam: at 00:30 on 1 January the new year has begun', async () => {
    const started = await atClock('2026-12-31T23:30:00Z', () => newCase(cast, { startedOn: '2027-01-01' }));
    expect(started.startedOn).toBe('2027-01-01');
    const tooEarly = await atClock('2026-12-31T22:30:00Z', async () =>
      cast.call(await cast.analyst(), 'POST', '/api/v1/cases', {
        origin: 'direct',
        originOrganisationIds: [await cast.org('politie')],
        codeName: 'Te vroeg',
        districtId: 'utrecht-stad',
        municipalityCodes: ['GM0344'],
        themeIds: [await cast.theme()],
        type: 'subject',
        directorId: (await cast.director()).user.id,
        participantIds: [await cast.org('politie')],
        startedOn: '2027-01-01',
      }),
    );
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'startedOn', reason: 'Deze datum ligt in de toekomst.' }),
    ]);
  });

  it('counts a case from an analysis product and from partners’ signals under 2b and under each partner', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const before = (await report(year)).table.origins;
    const signal = await newAcceptedSignal(cast);
    const created = await cast.call(await cast.analyst(), 'POST', '/api/v1/cases', {
      origin: 'analysis-product',
      signalIds: [signal.id],
      codeName: 'Beeld en signaal',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0344'],
      themeIds: [await cast.theme()],
      type: 'subject',
      directorId: (await cast.director()).user.id,
      participantIds: [await cast.org('politie')],
      startedOn: dutchDay(),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().signals).toHaveLength(1);
    const after = (await report(year)).table.origins;
    // The signal's submitters are Utrecht and the police.
    expect(after).toEqual({
      ...before,
      analysisProduct: before.analysisProduct + 1,
      municipality: before.municipality + 1,
      police: before.police + 1,
    });
  });

  it('refuses a direct case that names no partner it came from, which no row of the table would count', async () => {
    const body = async (originOrganisationIds: string[]) => ({
      origin: 'direct',
      originOrganisationIds,
      codeName: 'Zonder herkomst',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0344'],
      themeIds: [await cast.theme()],
      type: 'subject',
      directorId: (await cast.director()).user.id,
      participantIds: [await cast.org('politie')],
      startedOn: '2021-03-01',
    });
    const count = async () =>
      (
        await t.database.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n;
    const before = Number(await count());
    for (const ids of [[], [await cast.org('riec')]]) {
      const refused = await cast.call(await cast.analyst(), 'POST', '/api/v1/cases', await body(ids));
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().invalidParams).toEqual([
        expect.objectContaining({
          name: 'originOrganisationIds',
          code: 'no_partner',
          reason: 'Kies de partner of partners van wie de casus komt.',
        }),
      ]);
    }
    expect(Number(await count())).toBe(before);
  });
});
