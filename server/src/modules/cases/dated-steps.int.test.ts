import type { AccountabilityReport, CaseDetail } from '@samenspel/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../app/index.js';
import { cheapPasswords } from '../../shared/passwords.js';
import {
  Cast,
  createTestApp,
  dutchDay,
  newAcceptedSignal,
  newCase,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { traceFrom } from '../audit/index.js';

/**
 * Case steps recorded after the fact: phases, closure and reopening, evaluation, advices,
 * interventions, results, provisions and communication each take the date they happened (today
 * when left out), never in the future and never before the step before it. The closure's date is
 * the case's closedOn and ends its open period, so the reports count it on that day.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const director = () => cast.director();
const phase = async (c: { id: string }, body: object) =>
  cast.call(await director(), 'POST', `/api/v1/cases/${c.id}/phase`, body);

function refused(response: LightMyRequestResponse, field: string, code: string, reason?: RegExp) {
  expect(response.statusCode, response.body).toBe(400);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const params = (response.json() as { invalidParams: Array<{ name: string; code: string; reason: string }> })
    .invalidParams;
  const param = params.find((p) => p.name === field);
  expect(param?.code, JSON.stringify(params)).toBe(code);
  if (code === 'in_the_future') expect(param?.reason).toBe('Deze datum ligt in de toekomst.');
  if (reason) expect(param?.reason).toMatch(reason);
}

/** A case started on `startedOn` and moved through its phases on the dates given, evaluated on the last. */
async function datedCase(startedOn: string, dates: [string, string, string, string, string]) {
  const c = await newCase(cast, { startedOn, goal: true });
  const [information, analysis, intervention, evaluation, evaluated] = dates;
  for (const [to, happenedOn] of [
    ['information', information],
    ['analysis', analysis],
    ['intervention', intervention],
    ['evaluation', evaluation],
  ] as const)
    expect((await phase(c, { type: 'advance', to, happenedOn })).statusCode).toBe(200);
  await cast.ok(await director(), 'PUT', `/api/v1/cases/${c.id}/evaluation`, {
    whatWorked: 'Samen optrekken',
    whatDidNot: 'Trage uitwisseling',
    lessons: 'Eerder de Belastingdienst betrekken',
    happenedOn: evaluated,
  });
  return c;
}

describe(`dated case steps on ${testEngine()}`, () => {
  it('refuses a date in the future for every dated step on a case, and changes nothing', async () => {
    const tomorrow = dutchDay(1);
    const staff = await cast.staff('politie');
    const c = await newCase(cast, { phase: 'evaluation', startedOn: dutchDay(-40) });
    const evaluation = {
      whatWorked: 'Samen optrekken',
      whatDidNot: 'Trage uitwisseling',
      lessons: 'Eerder de Belastingdienst betrekken',
    };
    refused(
      await cast.call(await director(), 'PUT', `/api/v1/cases/${c.id}/evaluation`, {
        ...evaluation,
        happenedOn: tomorrow,
      }),
      'happenedOn',
      'in_the_future',
    );
    refused(
      await cast.call(await cast.chair(), 'PUT', `/api/v1/cases/${c.id}/evaluation`, {
        waivedReason: 'Vergelijkbare casus recent geëvalueerd',
        happenedOn: tomorrow,
      }),
      'happenedOn',
      'in_the_future',
    );
    const politie = await cast.org('politie');
    refused(
      await cast.call(await director(), 'POST', `/api/v1/cases/${c.id}/advices`, {
        kind: 'criminal',
        organisationId: politie,
        givenOn: tomorrow,
        description: 'Doorzoeking',
      }),
      'givenOn',
      'in_the_future',
    );
    refused(
      await cast.call(staff, 'POST', `/api/v1/cases/${c.id}/interventions`, {
        kind: 'criminal',
        carriedOutOn: tomorrow,
        description: 'Doorzoeking en aanhoudingen',
      }),
      'carriedOutOn',
      'in_the_future',
    );
    const result = await cast.call(staff, 'POST', `/api/v1/cases/${c.id}/results`, {
      kind: 'confiscation',
      imposedCents: 100_00,
      imposedOn: tomorrow,
      collectedCents: 50_00,
      collectedOn: tomorrow,
    });
    refused(result, 'imposedOn', 'in_the_future');
    refused(result, 'collectedOn', 'in_the_future');
    const config = await cast.ok<{ legalBases: Array<{ id: string }> }>(
      await director(),
      'GET',
      '/api/v1/case-configuration',
    );
    refused(
      await cast.call(staff, 'POST', `/api/v1/cases/${c.id}/provisions`, {
        providedOn: tomorrow,
        legalBasisId: config.legalBases[0]?.id,
        classification: 'vertrouwelijk',
        title: 'Politiële informatie',
        body: 'Antecedenten.',
      }),
      'providedOn',
      'in_the_future',
    );
    refused(
      await cast.call(await director(), 'POST', `/api/v1/cases/${c.id}/communications`, {
        onDate: tomorrow,
        channel: 'Persbericht',
        description: 'Over de sluiting',
      }),
      'onDate',
      'in_the_future',
    );
    const after = await cast.ok<CaseDetail>(await director(), 'GET', `/api/v1/cases/${c.id}`);
    expect(after.phase).toBe('evaluation');
    expect(after.evaluation).toBeNull();
    expect([
      after.advices,
      after.interventions,
      after.results,
      after.provisions,
      after.communications,
    ]).toEqual([[], [], [], [], []]);

    const early = await newCase(cast, { goal: true, startedOn: dutchDay(-5) });
    refused(
      await phase(early, { type: 'advance', to: 'information', happenedOn: tomorrow }),
      'happenedOn',
      'in_the_future',
    );
    const closed = await datedCase(dutchDay(-30), [
      dutchDay(-25),
      dutchDay(-20),
      dutchDay(-15),
      dutchDay(-10),
      dutchDay(-9),
    ]);
    refused(await phase(closed, { type: 'close', happenedOn: tomorrow }), 'happenedOn', 'in_the_future');
    expect((await phase(closed, { type: 'close', happenedOn: dutchDay(-8) })).statusCode).toBe(200);
    refused(
      await phase(closed, { type: 'reopen', reason: 'Nieuwe informatie', happenedOn: tomorrow }),
      'happenedOn',
      'in_the_future',
    );
  });

  it('refuses a step dated before the step before it, naming that step', async () => {
    const c = await newCase(cast, { goal: true, startedOn: dutchDay(-30) });
    refused(
      await phase(c, { type: 'advance', to: 'information', happenedOn: dutchDay(-31) }),
      'happenedOn',
      'before_previous_step',
      /vóór de start van de casus/,
    );
    expect(
      (await phase(c, { type: 'advance', to: 'information', happenedOn: dutchDay(-20) })).statusCode,
    ).toBe(200);
    refused(
      await phase(c, { type: 'advance', to: 'analysis', happenedOn: dutchDay(-21) }),
      'happenedOn',
      'before_previous_step',
      /vóór het begin van de fase informatie/,
    );
    const staff = await cast.staff('politie');
    refused(
      await cast.call(staff, 'POST', `/api/v1/cases/${c.id}/interventions`, {
        kind: 'criminal',
        carriedOutOn: dutchDay(-35),
        description: 'Doorzoeking',
      }),
      'carriedOutOn',
      'before_previous_step',
      /vóór de start van de casus/,
    );
    const advised = await cast.ok<CaseDetail>(await director(), 'POST', `/api/v1/cases/${c.id}/advices`, {
      kind: 'criminal',
      organisationId: await cast.org('politie'),
      givenOn: dutchDay(-10),
      description: 'Doorzoeking',
    });
    const adviceId = advised.advices[0]?.id;
    refused(
      await cast.call(staff, 'POST', `/api/v1/cases/${c.id}/interventions`, {
        adviceId,
        kind: 'criminal',
        carriedOutOn: dutchDay(-12),
        description: 'Doorzoeking',
      }),
      'carriedOutOn',
      'before_previous_step',
      /vóór het advies/,
    );
    // Refused, so the advice is not marked carried out either.
    const still = await cast.ok<CaseDetail>(await director(), 'GET', `/api/v1/cases/${c.id}`);
    expect(still.advices[0]?.status).toBe('given');
    // A collection before its imposition: the request schema refuses it already.
    refused(
      await cast.call(staff, 'POST', `/api/v1/cases/${c.id}/results`, {
        kind: 'confiscation',
        imposedCents: 100_00,
        imposedOn: dutchDay(-5),
        collectedCents: 100_00,
        collectedOn: dutchDay(-6),
      }),
      'collectedOn',
      'custom',
      /voor de datum van opleggen/,
    );

    const closed = await datedCase(dutchDay(-30), [
      dutchDay(-25),
      dutchDay(-20),
      dutchDay(-15),
      dutchDay(-10),
      dutchDay(-9),
    ]);
    refused(
      await phase(closed, { type: 'close', happenedOn: dutchDay(-11) }),
      'happenedOn',
      'before_previous_step',
      /vóór de evaluatie|vóór het begin van de fase evaluatie/,
    );
    expect((await phase(closed, { type: 'close', happenedOn: dutchDay(-8) })).statusCode).toBe(200);
    refused(
      await phase(closed, { type: 'reopen', reason: 'Nieuwe informatie', happenedOn: dutchDay(-9) }),
      'happenedOn',
      'before_previous_step',
      /vóór de sluiting/,
    );
  });

  it('starts a case from signals no earlier than the decision that accepted them', async () => {
    const signal = await newAcceptedSignal(cast);
    const early = await cast.call(await cast.analyst(), 'POST', '/api/v1/cases', {
      origin: 'signal',
      signalIds: [signal.id],
      originOrganisationIds: [],
      codeName: 'Te vroeg gestart',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0344'],
      themeIds: [await cast.theme()],
      type: 'subject',
      directorId: (await director()).user.id,
      participantIds: [await cast.org('politie')],
      startedOn: dutchDay(-1),
    });
    refused(early, 'startedOn', 'before_previous_step', /vóór het besluit over het signaal/);
    expect((await newCase(cast, { fromSignal: signal, startedOn: dutchDay() })).startedOn).toBe(dutchDay());
  });

  it('dates steps today when no date is given, and keeps when and by whom each was recorded', async () => {
    const before = Date.now();
    const c = await newCase(cast, { phase: 'intervention', startedOn: dutchDay(-10) });
    const staff = await cast.staff('politie');
    await cast.ok(await director(), 'POST', `/api/v1/cases/${c.id}/advices`, {
      kind: 'criminal',
      organisationId: await cast.org('politie'),
      description: 'Doorzoeking',
    });
    await cast.ok(await director(), 'POST', `/api/v1/cases/${c.id}/communications`, {
      channel: 'Persbericht',
      description: 'Over de aanpak',
    });
    const detail = await cast.ok<CaseDetail>(staff, 'POST', `/api/v1/cases/${c.id}/interventions`, {
      kind: 'criminal',
      description: 'Doorzoeking en aanhoudingen',
    });
    expect(detail.advices[0]?.givenOn).toBe(dutchDay(0));
    expect(detail.interventions[0]?.carriedOutOn).toBe(dutchDay(0));
    expect(detail.communications[0]?.onDate).toBe(dutchDay(0));
    const started = detail.events.find((e) => e.type === 'started');
    expect(started?.happenedOn).toBe(dutchDay(-10));
    const phases = detail.events.filter((e) => e.type === 'phase');
    expect(phases.map((e) => e.happenedOn)).toEqual([dutchDay(0), dutchDay(0), dutchDay(0)]);
    const { displayName } = await t.database.db
      .selectFrom('users')
      .select('displayName')
      .where('id', '=', (await director()).user.id)
      .executeTakeFirstOrThrow();
    for (const e of phases) {
      expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(e.recordedBy).toBe(displayName);
    }
    expect(detail.events.find((e) => e.type === 'intervention')?.happenedOn).toBe(dutchDay(0));
  });

  it('closes a case on the date given: its closedOn, its open period, its lead time and the report', async () => {
    const c = await datedCase('2025-02-03', [
      '2025-02-10',
      '2025-03-03',
      '2025-04-07',
      '2025-06-02',
      '2025-06-09',
    ]);
    const closed = (await phase(c, { type: 'close', happenedOn: '2025-06-13' })).json() as CaseDetail;
    expect(closed.phase).toBe('closed');
    expect(closed.closedOn).toBe('2025-06-13');
    expect(closed.leadTimes.startToClosure).toBe(130);
    expect(closed.events.find((e) => e.type === 'closed')?.happenedOn).toBe('2025-06-13');
    const periods = await t.database.db
      .selectFrom('caseOpenPeriods')
      .select(['openedOn', 'closedOn'])
      .where('caseId', '=', c.id)
      .execute();
    expect(periods).toEqual([{ openedOn: '2025-02-03', closedOn: '2025-06-13' }]);
    const report = await cast.ok<AccountabilityReport>(
      await cast.manager(),
      'GET',
      '/api/v1/reports/accountability?from=2025-06-01&to=2025-06-30',
    );
    expect(report.leadTimes.startToClosure).toEqual({ count: 1, median: 130, p90: 130 });
    expect(report.flow).toEqual([{ month: '2025-06', new: 0, closed: 1, ongoing: 0 }]);

    // Reopened on a later date: a new open period from that day.
    const reopened = (
      await phase(c, { type: 'reopen', reason: 'Nieuwe informatie', happenedOn: '2025-09-01' })
    ).json() as CaseDetail;
    expect(reopened.closedOn).toBeNull();
    const after = await t.database.db
      .selectFrom('caseOpenPeriods')
      .select(['openedOn', 'closedOn'])
      .where('caseId', '=', c.id)
      .orderBy('openedOn')
      .execute();
    expect(after).toEqual([
      { openedOn: '2025-02-03', closedOn: '2025-06-13' },
      { openedOn: '2025-09-01', closedOn: null },
    ]);
  });

  it('closes a case at 00:30 on 1 January, Dutch time, without a date given, on 1 January', async () => {
    const c = await datedCase('2025-12-01', [
      '2025-12-02',
      '2025-12-03',
      '2025-12-04',
      '2025-12-05',
      '2025-12-31',
    ]);
    // The same services on a clock that reads 00:30 on 1 January in the Netherlands (23:30 UTC).
    const services = createServices({
      database: t.database,
      keys: t.keys,
      auth: t.auth,
      attachments: { dir: t.attachmentsDir, maxBytes: 1_000_000 },
      passwords: cheapPasswords,
      now: () => new Date('2025-12-31T23:30:00Z'),
    });
    const actor = await services.users.actorOf((await director()).user.email);
    const closed = await services.cases.phase(
      { actor, trace: traceFrom(undefined), client: { address: null, userAgent: 'test' } },
      c.id,
      { type: 'close' },
    );
    expect(closed.closedOn).toBe('2026-01-01');
    expect(closed.events.find((e) => e.type === 'closed')?.happenedOn).toBe('2026-01-01');
    const period = await t.database.db
      .selectFrom('caseOpenPeriods')
      .select('closedOn')
      .where('caseId', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(period.closedOn).toBe('2026-01-01');
  });
});
