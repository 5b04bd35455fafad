import type { CaseDetail, CaseSummary } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  dutchDay,
  newAcceptedSignal,
  newCase,
  newPerson,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * What the case screen's header and the director's work list read from the server: the next
 * action from the case's record, the lead time so far, the case started from a signal, and a
 * case that starts with its signal's subjects.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const listed = async (caseId: string) => {
  const { items } = await cast.ok<{ items: CaseSummary[] }>(await cast.director(), 'GET', '/api/v1/cases');
  return items.find((c) => c.id === caseId);
};

describe(`the case screen's figures on ${testEngine()}`, () => {
  it('names the next action from the record at every step, in the case and in the list alike', async () => {
    const director = await cast.director();
    const tax = await cast.org('belastingdienst');
    let c = await newCase(cast, { participants: ['politie', 'belastingdienst'] });
    const path = `/api/v1/cases/${c.id}`;
    const step = async (method: 'POST' | 'PUT', sub: string, body: object, as = director) =>
      (c = await cast.ok<CaseDetail>(as, method, `${path}${sub}`, body));
    const next = async () => {
      expect((await listed(c.id))?.nextAction).toEqual(c.nextAction);
      return c.nextAction;
    };

    expect(await next()).toEqual({ code: 'record-goal', organisation: null });
    await step('PUT', '/goal', { goal: 'Afpakken', strategy: 'Fiscaal spoor' });
    expect((await next())?.code).toBe('start-information');
    await step('POST', '/phase', { type: 'advance', to: 'information' });
    expect((await next())?.code).toBe('gather-information');
    const { legalBases, interventions } = await cast.ok<{
      legalBases: Array<{ id: string }>;
      interventions: Array<{ id: string }>;
    }>(director, 'GET', '/api/v1/case-configuration');
    await step(
      'POST',
      '/provisions',
      {
        legalBasisId: legalBases[0]?.id,
        classification: 'vertrouwelijk',
        title: 'Politiegegevens',
        body: 'Antecedenten',
      },
      await cast.staff('politie'),
    );
    expect((await next())?.code).toBe('start-analysis');
    await step('POST', '/phase', { type: 'advance', to: 'analysis' });
    expect((await next())?.code).toBe('fill-matrix');
    await step('POST', '/matrix', {
      barrier: 'Contante omzet',
      catalogueId: interventions[0]?.id,
      organisationId: tax,
      chosen: true,
    });
    expect((await next())?.code).toBe('give-advice');
    await step('POST', '/advices', { kind: 'fiscal', organisationId: tax, description: 'Boekenonderzoek' });
    expect((await next())?.code).toBe('start-intervention');
    await step('POST', '/phase', { type: 'advance', to: 'intervention' });
    // The advice waits on the Tax Administration until it records what it did.
    expect(await next()).toEqual({
      code: 'follow-up-advice',
      organisation: { id: tax, name: 'Belastingdienst' },
    });
    await step(
      'POST',
      '/interventions',
      { adviceId: c.advices[0]?.id, kind: 'fiscal', description: 'Navorderingsaanslag' },
      await cast.staff('belastingdienst'),
    );
    expect((await next())?.code).toBe('start-evaluation');
    await step('POST', '/phase', { type: 'advance', to: 'evaluation' });
    expect((await next())?.code).toBe('evaluate');
    await step('PUT', '/evaluation', { whatWorked: 'Samen', whatDidNot: 'Traag', lessons: 'Eerder' });
    expect((await next())?.code).toBe('close');
    await step('POST', '/phase', { type: 'close' });
    expect(await next()).toBeNull();
  });

  it('counts the days a case has run so far, and to its closure once closed', async () => {
    const c = await newCase(cast, { startedOn: dutchDay(-30) });
    expect(c.leadTimes).toMatchObject({ startToClosure: null, startToClosureSoFar: 30 });
    expect((await listed(c.id))?.leadTimes.startToClosureSoFar).toBe(30);
  });

  it('finds the case started from a signal, for the signal page', async () => {
    const signal = await newAcceptedSignal(cast);
    const c = await newCase(cast, { fromSignal: signal });
    await newCase(cast, { fromSignal: true });
    const { items } = await cast.ok<{ items: CaseSummary[] }>(
      await cast.analyst(),
      'GET',
      `/api/v1/cases?signalId=${signal.id}`,
    );
    expect(items.map((i) => i.id)).toEqual([c.id]);
    // The filter narrows what the caller may see, never widens it.
    const outsider = await cast.ok<{ items: CaseSummary[] }>(
      await cast.staff('GM0307'),
      'GET',
      `/api/v1/cases?signalId=${signal.id}`,
    );
    expect(outsider.items).toEqual([]);
  });
});

describe(`a case that starts with its signal's subjects on ${testEngine()}`, () => {
  const start = async (signalIds: string[], signalSubjects: object[]) =>
    cast.call(await cast.analyst(), 'POST', '/api/v1/cases', {
      origin: 'signal',
      signalIds,
      codeName: 'Overname',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0344'],
      themeIds: [await cast.theme()],
      type: 'subject',
      directorId: (await cast.director()).user.id,
      participantIds: [await cast.org('politie')],
      startedOn: dutchDay(),
      signalSubjects,
    });

  it('takes over the chosen subjects with their roles, registers them and logs the write', async () => {
    const [main, helper, skipped] = [newPerson(), newPerson(), newPerson()];
    const signal = await newAcceptedSignal(cast, { subjects: [main, helper, skipped] });
    const [a, b] = signal.subjects;
    const response = await start(
      [signal.id],
      [
        { signalSubjectId: a?.id, role: 'main-subject' },
        { signalSubjectId: b?.id, role: 'facilitator' },
      ],
    );
    expect(response.statusCode, response.body).toBe(201);
    const c = response.json<CaseDetail>();
    expect(c.subjects.map((s) => [s.role, s.label])).toEqual([
      ['main-subject', a?.label],
      ['facilitator', b?.label],
    ]);
    // Each subject written is in the processing log of the start, under its own pseudonym.
    const written = await t.database.db
      .selectFrom('processingLog')
      .select('name')
      .where('traceId', '=', String(response.headers.traceparent).split('-')[1] ?? '')
      .where('dataSubjectType', '=', 'person')
      .execute();
    expect(written).toHaveLength(2);
  });

  it('refuses a subject of another signal, naming it, and starts nothing', async () => {
    const signal = await newAcceptedSignal(cast);
    const other = await newAcceptedSignal(cast);
    const before = await t.database.db.selectFrom('cases').select('id').execute();
    const response = await start(
      [signal.id],
      [
        { signalSubjectId: signal.subjects[0]?.id, role: 'main-subject' },
        { signalSubjectId: other.subjects[0]?.id, role: 'other' },
      ],
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().invalidParams).toEqual([
      expect.objectContaining({
        name: 'signalSubjects.1.signalSubjectId',
        reason: 'Deze betrokkene hoort niet bij de gekozen signalen.',
      }),
    ]);
    expect(await t.database.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
  });
});
