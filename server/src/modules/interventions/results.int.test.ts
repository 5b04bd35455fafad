import type { AccountabilityReport, CaseDetail } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, dutchDay, newCase, type TestApp, testEngine } from '../../testing/index.js';

/**
 * Results as the accountability table needs them: amounts only on confiscations, collected and
 * settled never more than imposed nor before it, no dates in the future, and a collection years
 * later recorded on the closed case without reopening it (docs/accountability.md).
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

const results = (caseId: string) => `/api/v1/cases/${caseId}/results`;
const names = (body: { invalidParams: Array<{ name: string }> }) =>
  body.invalidParams.map((p) => p.name).sort();
const resultCount = async (caseId: string) =>
  (await t.database.db.selectFrom('results').select('id').where('caseId', '=', caseId).execute()).length;

/** A closed case of the Tax Administration and the police, with a confiscation of € 100,000. */
async function closedCaseWithConfiscation(): Promise<{ c: CaseDetail; confiscationId: string }> {
  const c = await newCase(cast, {
    phase: 'intervention',
    participants: ['politie', 'belastingdienst'],
    startedOn: '2025-12-01',
  });
  const tax = await cast.staff('belastingdienst');
  const withResult = await cast.ok<CaseDetail>(tax, 'POST', results(c.id), {
    kind: 'confiscation',
    imposedCents: 100_000_00,
    imposedOn: '2026-01-15',
    collectedCents: 20_000_00,
    collectedOn: '2026-03-01',
  });
  const director = await cast.director();
  await cast.ok(director, 'POST', `/api/v1/cases/${c.id}/phase`, { type: 'advance', to: 'evaluation' });
  await cast.ok(director, 'PUT', `/api/v1/cases/${c.id}/evaluation`, {
    whatWorked: 'Fiscaal spoor',
    whatDidNot: 'Traag',
    lessons: 'Eerder de Belastingdienst erbij',
  });
  const closed = await cast.ok<CaseDetail>(director, 'POST', `/api/v1/cases/${c.id}/phase`, {
    type: 'close',
  });
  expect(closed.phase).toBe('closed');
  return { c: closed, confiscationId: withResult.results[0]?.id ?? '' };
}

describe(`results and the accountability table on ${testEngine()}`, () => {
  it("credits a result the director records to the partner whose intervention it is, not to the director's RIEC", async () => {
    // The RIEC takes part, as it often does: the director's own organisation is a participant.
    const c = await newCase(cast, {
      phase: 'intervention',
      participants: ['riec', 'politie', 'belastingdienst'],
      startedOn: '2025-12-01',
    });
    const director = await cast.director();
    const tax = await cast.org('belastingdienst');
    const advised = await cast.ok<CaseDetail>(director, 'POST', `/api/v1/cases/${c.id}/advices`, {
      kind: 'fiscal',
      organisationId: tax,
      givenOn: '2026-01-05',
      description: 'Boekenonderzoek',
    });
    // The Tax Administration reports its intervention and assessment; the director records both.
    const intervened = await cast.ok<CaseDetail>(director, 'POST', `/api/v1/cases/${c.id}/interventions`, {
      adviceId: advised.advices[0]?.id,
      kind: 'fiscal',
      carriedOutOn: '2026-01-10',
      description: 'Navorderingsaanslag',
    });
    expect(intervened.interventions[0]?.organisation.id).toBe(tax);
    const resulted = await cast.ok<CaseDetail>(director, 'POST', results(c.id), {
      interventionId: intervened.interventions[0]?.id,
      kind: 'confiscation',
      imposedCents: 40_000_00,
      imposedOn: '2026-01-15',
    });
    expect(resulted.results[0]?.organisation.id).toBe(tax);
    // A later collection on it is the Tax Administration's too.
    const collected = await cast.ok<CaseDetail>(director, 'POST', results(c.id), {
      kind: 'confiscation',
      confiscationId: resulted.results[0]?.id,
      collectedCents: 10_000_00,
      collectedOn: '2026-02-01',
    });
    expect(collected.results.map((r) => r.organisation.id)).toEqual([tax, tax]);
  });

  it('lets the director credit a result to another participant, and a partner only to itself', async () => {
    const c = await newCase(cast, {
      phase: 'intervention',
      participants: ['politie', 'belastingdienst'],
      startedOn: '2025-12-01',
    });
    const police = await cast.org('politie');
    // The director names the partner: the police's arrest, recorded by the RIEC.
    const named = await cast.ok<CaseDetail>(await cast.director(), 'POST', results(c.id), {
      kind: 'arrest',
      organisationId: police,
      count: 3,
    });
    expect(named.results.at(-1)?.organisation.id).toBe(police);
    // Without a partner named and nothing it follows, the director's own RIEC does not take part.
    const none = await cast.call(await cast.director(), 'POST', results(c.id), { kind: 'closure', count: 1 });
    expect(none.statusCode).toBe(400);
    expect(none.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'organisationId', code: 'not_participating' }),
    ]);
    // The Tax Administration cannot credit its result to the police, nor to a partner outside the case.
    const tax = await cast.staff('belastingdienst');
    const claimed = await cast.call(tax, 'POST', results(c.id), {
      kind: 'seized-money',
      organisationId: police,
      count: 1,
    });
    expect(claimed.statusCode).toBe(400);
    expect(names(claimed.json())).toEqual(['organisationId']);
    expect(claimed.json().invalidParams).toContainEqual(
      expect.objectContaining({
        name: 'organisationId',
        reason:
          'U legt alleen vast wat uw eigen organisatie deed; de casusregisseur legt het vast voor een andere partner.',
      }),
    );
    const outside = await cast.call(await cast.director(), 'POST', results(c.id), {
      kind: 'closure',
      organisationId: await cast.org('GM0307'),
      count: 1,
    });
    expect(outside.json().invalidParams).toEqual([
      expect.objectContaining({ name: 'organisationId', code: 'not_participating' }),
    ]);
    expect(await resultCount(c.id)).toBe(1);
  });

  it('keeps the dates of imposition and collection apart', async () => {
    const c = await newCase(cast, {
      phase: 'intervention',
      participants: ['belastingdienst'],
      startedOn: '2025-12-01',
    });
    const recorded = await cast.ok<CaseDetail>(await cast.staff('belastingdienst'), 'POST', results(c.id), {
      kind: 'confiscation',
      imposedCents: 50_000_00,
      imposedOn: '2026-01-10',
      collectedCents: 5_000_00,
      collectedOn: '2026-03-02',
    });
    expect(recorded.results[0]).toMatchObject({ imposedOn: '2026-01-10', collectedOn: '2026-03-02' });
    const early = await cast.call(await cast.staff('belastingdienst'), 'POST', results(c.id), {
      kind: 'confiscation',
      confiscationId: recorded.results[0]?.id,
      collectedCents: 1_00,
      collectedOn: '2026-01-09',
    });
    expect(early.json().invalidParams).toEqual([
      expect.objectContaining({
        name: 'collectedOn',
        reason: 'Deze datum ligt voor de datum van opleggen (10 januari 2026).',
      }),
    ]);
  });

  it('refuses amounts the table would not count, with every field named in Dutch', async () => {
    const c = await newCase(cast, {
      phase: 'intervention',
      participants: ['politie', 'belastingdienst'],
      startedOn: '2025-12-01',
    });
    const tax = await cast.staff('belastingdienst');
    const post = (body: object) => cast.call(tax, 'POST', results(c.id), body);

    const onFine = await post({
      kind: 'fine',
      imposedCents: 5_000_00,
      imposedOn: '2026-01-10',
      settledCents: 100,
      settledOn: '2026-01-11',
    });
    expect(onFine.statusCode).toBe(400);
    expect(onFine.headers['content-type']).toContain('application/problem+json');
    expect(names(onFine.json())).toEqual(['imposedCents', 'settledCents']);
    expect(onFine.json().invalidParams[0].reason).toBe(
      'Alleen een afpakresultaat heeft bedragen; kies het soort afpakken.',
    );

    const tooMuch = await post({
      kind: 'confiscation',
      imposedCents: 10_000_00,
      imposedOn: '2026-02-01',
      collectedCents: 8_000_00,
      collectedOn: '2026-01-01',
      settledCents: 5_000_00,
      settledOn: '2026-01-31',
      count: 2,
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'collectedCents',
          reason: 'Geïnd en verrekend samen is meer dan het opgelegde bedrag.',
        }),
        expect.objectContaining({
          name: 'collectedOn',
          reason: 'Deze datum ligt voor de datum van opleggen.',
        }),
        expect.objectContaining({ name: 'settledOn' }),
        expect.objectContaining({ name: 'count' }),
      ]),
    );

    const tomorrow = dutchDay(1);
    const future = await post({
      kind: 'confiscation',
      imposedCents: 10_000_00,
      imposedOn: tomorrow,
      collectedCents: 1_000_00,
      collectedOn: tomorrow,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().invalidParams).toEqual([
      expect.objectContaining({
        name: 'imposedOn',
        code: 'in_the_future',
        reason: 'Deze datum ligt in de toekomst.',
      }),
      expect.objectContaining({
        name: 'collectedOn',
        code: 'in_the_future',
        reason: 'Deze datum ligt in de toekomst.',
      }),
    ]);
    // An arrest with a count is a result of the case, outside the table's amounts.
    expect((await post({ kind: 'arrest', count: 2 })).statusCode).toBe(200);
    expect(await resultCount(c.id)).toBe(1);
  });

  it('records a collection years later on the closed case, without reopening it, and the table counts it', async () => {
    const { c, confiscationId } = await closedCaseWithConfiscation();
    const tax = await cast.staff('belastingdienst');
    const periods = async () =>
      t.database.db
        .selectFrom('caseOpenPeriods')
        .select(['openedOn', 'closedOn'])
        .where('caseId', '=', c.id)
        .execute();
    const periodsBefore = await periods();

    // Other steps on a closed case are still refused.
    const advice = await cast.call(await cast.director(), 'POST', `/api/v1/cases/${c.id}/advices`, {
      kind: 'fiscal',
      organisationId: await cast.org('belastingdienst'),
      givenOn: '2026-05-01',
      description: 'Te laat',
    });
    expect(advice.statusCode).toBe(409);
    // And so is a new result: only what comes later on a confiscation is appended.
    const fine = await cast.call(tax, 'POST', results(c.id), {
      kind: 'confiscation',
      imposedCents: 5_000_00,
      imposedOn: '2026-05-01',
    });
    expect(fine.statusCode).toBe(409);

    // Two years on: € 50,000 collected and € 10,000 settled on the confiscation.
    clock = new Date('2028-06-30T22:30:00Z'); // 1 July 2028, 00:30 in Amsterdam
    try {
      const later = await cast.call(tax, 'POST', results(c.id), {
        kind: 'confiscation',
        confiscationId,
        collectedCents: 50_000_00,
        collectedOn: '2028-07-01',
        settledCents: 10_000_00,
        settledOn: '2028-06-15',
      });
      expect(later.statusCode, later.body).toBe(200);
      expect(later.json()).toMatchObject({ phase: 'closed', closedOn: c.closedOn });
      expect(later.json().results.at(-1)).toMatchObject({
        confiscationId,
        kind: 'confiscation',
        imposedCents: null,
        collectedCents: 50_000_00,
        settledCents: 10_000_00,
      });
      expect(await periods()).toEqual(periodsBefore);
      const recorded = await t.database.db
        .selectFrom('results')
        .select('recordedOn')
        .where('confiscationId', '=', confiscationId)
        .executeTakeFirstOrThrow();
      expect(recorded.recordedOn).toBe('2028-07-01');

      // More than is still open (€ 20,000), before the imposition, on no confiscation of this
      // case, in the future, or as a new imposition: refused, and nothing written.
      const count = await resultCount(c.id);
      const tooMuch = await cast.call(tax, 'POST', results(c.id), {
        kind: 'confiscation',
        confiscationId,
        collectedCents: 20_000_01,
        collectedOn: '2025-12-31',
        settledCents: 1,
        settledOn: '2028-07-02',
      });
      expect(tooMuch.statusCode).toBe(400);
      expect(names(tooMuch.json())).toEqual(['collectedCents', 'collectedOn', 'settledOn']);
      expect(tooMuch.json().invalidParams).toContainEqual(
        expect.objectContaining({
          name: 'collectedCents',
          reason: 'Dit is meer dan er van het opgelegde bedrag nog openstaat (€ 20.000,00).',
        }),
      );
      const unknown = await cast.call(tax, 'POST', results(c.id), {
        kind: 'confiscation',
        confiscationId: later.json().results.at(-1).id,
        collectedCents: 1_00,
        collectedOn: '2028-06-01',
      });
      expect(names(unknown.json())).toEqual(['confiscationId']);
      const imposing = await cast.call(tax, 'POST', results(c.id), {
        kind: 'confiscation',
        confiscationId,
        imposedCents: 1_00,
        imposedOn: '2028-06-01',
      });
      expect(names(imposing.json())).toEqual(['collectedCents', 'imposedCents']);
      expect(await resultCount(c.id)).toBe(count);

      // The log has the step, as every step on a case.
      const logged = await t.database.db
        .selectFrom('userActionLog')
        .select(['action', 'result'])
        .where('action', '=', 'case.result-add')
        .where('result', '=', 'success')
        .execute();
      expect(logged.length).toBeGreaterThanOrEqual(2);
    } finally {
      clock = undefined;
    }

    // The table: imposed and collected in 2026 in the lines of 2026; the later payments of 2028
    // on their own line, by their own dates.
    const manager = await cast.manager();
    const table = async (query: string) =>
      (
        await cast.ok<AccountabilityReport>(
          manager,
          'GET',
          `/api/v1/reports/accountability?${query}&district=utrecht-stad`,
        )
      ).table.amounts;
    const y2026 = await table('year=2026');
    expect(y2026.collectedOrSettledCents + y2026.outstandingCents).toBe(y2026.imposedCents);
    expect(await table('year=2028')).toEqual({
      imposedCents: 0,
      collectedOrSettledCents: 0,
      outstandingCents: 0,
      collectedOnEarlierCents: 60_000_00,
    });
    expect((await table('year=2028&quarter=2')).collectedOnEarlierCents).toBe(10_000_00);
  });
});
