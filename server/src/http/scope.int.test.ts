import type { CaseDetail, CaseSummary, Role, SignalDetail, SignalSummary } from '@samenspel/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  createUser,
  newAcceptedSignal,
  newCase,
  newMeeting,
  newRound,
  newSignal,
  signIn,
  type TestApp,
  testEngine,
} from '../testing/index.js';

/**
 * One scope: who may open a record is decided by one predicate per permission, which every list
 * uses too; a user's roles never lend each other their scope.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

describe(`one scope on ${testEngine()}`, () => {
  it('lets a chair who is also partner staff decide on any signal, but withdraw only their own organisation’s', async () => {
    const chairStaff = await cast.member(['meeting_chair', 'partner_staff'], 'politie');
    // A signal of the municipality alone: the police are not among its submitters.
    const others = await newSignal(cast, { by: 'GM0344', submitters: ['GM0344'] });
    const withdraw = await cast.call(chairStaff, 'POST', `/api/v1/signals/${others.id}/transitions`, {
      type: 'withdrawn',
      note: 'Niet van ons',
    });
    expect(withdraw.statusCode).toBe(404);
    const own = await newSignal(cast, { by: 'politie', submitters: ['politie'] });
    const ownWithdraw = await cast.call(chairStaff, 'POST', `/api/v1/signals/${own.id}/transitions`, {
      type: 'withdrawn',
      note: 'Zelf opgepakt',
    });
    expect(ownWithdraw.statusCode, ownWithdraw.body).toBe(200);
    // Deciding is the chair's, on every signal of the region.
    const triaged = await newSignal(cast, { by: 'GM0344', submitters: ['GM0344'], stage: 'triaged' });
    const decided = await cast.call(chairStaff, 'POST', `/api/v1/signals/${triaged.id}/transitions`, {
      type: 'decided',
      decision: 'accepted',
    });
    expect(decided.statusCode, decided.body).toBe(200);
  });

  it('makes the own organisation a submitter of every signal; the RIEC records where a signal came from', async () => {
    const municipality = await cast.org('GM0344');
    const police = await cast.org('politie');
    const body = {
      submit: true,
      source: 'partner',
      description: 'Een signaal dat de politie telefonisch doorgaf aan het RIEC.',
      municipalityCode: 'GM0344',
      themeIds: [await cast.theme()],
      urgency: 'normal',
      subjects: [],
    };
    for (const who of [
      await cast.member(['meeting_chair', 'partner_staff'], 'politie'),
      await cast.analyst(),
    ]) {
      const refused = await cast.call(who, 'POST', '/api/v1/signals', {
        ...body,
        submittingOrganisationIds: [municipality],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().invalidParams).toMatchObject([
        { name: 'submittingOrganisationIds', code: 'own_organisation_missing' },
      ]);
    }
    const analyst = await cast.analyst();
    const registered = await cast.ok<SignalDetail>(analyst, 'POST', '/api/v1/signals', {
      ...body,
      submittingOrganisationIds: [await cast.org('riec')],
      receivedFromOrganisationId: police,
    });
    expect(registered.receivedFrom).toEqual({ id: police, name: 'Politie eenheid Midden-Nederland' });
    // The police gave it, but did not submit it: it is not theirs to see.
    expect(
      (await cast.call(await cast.staff('politie'), 'GET', `/api/v1/signals/${registered.id}`)).statusCode,
    ).toBe(404);
    const bad = await cast.call(analyst, 'POST', '/api/v1/signals', {
      ...body,
      submittingOrganisationIds: [await cast.org('riec')],
      receivedFromOrganisationId: await cast.org('riec'),
    });
    expect(bad.json().invalidParams).toMatchObject([
      { name: 'receivedFromOrganisationId', code: 'also_submitter' },
    ]);
  });

  it('counts the partner a registered signal came from as the origin of its case', async () => {
    const analyst = await cast.analyst();
    const police = await cast.org('politie');
    const registered = await cast.ok<SignalDetail>(analyst, 'POST', '/api/v1/signals', {
      submit: true,
      submittingOrganisationIds: [await cast.org('riec')],
      receivedFromOrganisationId: police,
      source: 'partner',
      description: 'Een signaal dat de politie telefonisch doorgaf aan het RIEC.',
      municipalityCode: 'GM0344',
      themeIds: [await cast.theme()],
      urgency: 'normal',
      subjects: [],
    });
    const step = (who: Awaited<ReturnType<Cast['analyst']>>, payload: object) =>
      cast.ok<SignalDetail>(who, 'POST', `/api/v1/signals/${registered.id}/transitions`, payload);
    await step(analyst, { type: 'discussed' });
    await step(analyst, {
      type: 'substantiated',
      note: 'Samen',
      organisationIds: [await cast.org('GM0344'), police],
    });
    await step(analyst, { type: 'triaged', route: 'integral', reason: 'Integraal' });
    const accepted = await step(await cast.chair(), { type: 'decided', decision: 'accepted' });
    const detail = await newCase(cast, { fromSignal: accepted });
    expect(detail.originOrganisations.map((o) => o.id)).toContain(police);
  });

  it('shows a round to the submitting partner only as running or done; hit counts to the chair; the matrix to the analyst', async () => {
    const signal = await newSignal(cast, { by: 'GM0344', submitters: ['GM0344'], stage: 'triaged' });
    const { roundId } = await newRound(cast, { signal });
    await cast.ok(await cast.staff('politie'), 'PUT', `/api/v1/hit-check-requests/${roundId}/answers`, {
      answers: signal.subjects.map((s) => ({ subjectId: s.id, answer: 'hit' })),
    });
    const roundFor = async (who: Awaited<ReturnType<Cast['analyst']>>) =>
      (await cast.ok<SignalDetail>(who, 'GET', `/api/v1/signals/${signal.id}`)).rounds[0];
    const submitter = await roundFor(await cast.staff('GM0344'));
    expect(submitter).toMatchObject({ id: roundId, closedAt: null, test: null, answers: null });
    expect(submitter).toMatchObject({
      organisations: null,
      subjects: null,
      hitsPerSubject: null,
      overdue: null,
    });
    const chair = await roundFor(await cast.chair());
    expect(chair?.answers).toBeNull();
    expect(chair?.organisations).toHaveLength(2);
    expect(chair?.hitsPerSubject).toEqual(
      signal.subjects.map((s) => ({ subjectId: s.id, hits: 1, answered: 1 })),
    );
    const analyst = await roundFor(await cast.analyst());
    expect(analyst?.answers).toHaveLength(signal.subjects.length);
    expect(analyst?.test).not.toBeNull();
  });

  it('takes a case out of the list of a director whose role is taken away', async () => {
    // A director of this test alone: the file's own director directs the other tests' cases.
    const director = await cast.member(['case_director'], 'GM0307');
    const detail = await newCase(cast, { participants: ['politie'], director });
    const listed = async () =>
      (await cast.ok<{ items: CaseSummary[] }>(director, 'GET', '/api/v1/cases')).items.map((c) => c.id);
    expect(await listed()).toContain(detail.id);
    // The same person, now partner staff of a municipality that does not take part (signed in
    // again: a change of roles ends the sessions). They may still list cases, but not this one.
    await t.database.db.deleteFrom('userRoles').where('userId', '=', director.user.id).execute();
    await t.database.db
      .insertInto('userRoles')
      .values({ userId: director.user.id, role: 'partner_staff' })
      .execute();
    const again = await signIn(t.app, t.database.db, director.user);
    expect((await cast.call(again, 'GET', `/api/v1/cases/${detail.id}`)).statusCode).toBe(404);
    const list = await cast.ok<{ items: CaseSummary[] }>(again, 'GET', '/api/v1/cases');
    expect(list.items.map((c) => c.id)).not.toContain(detail.id);
  });
});

/** Every combination of roles and organisations: a list shows exactly the records one may open. */
describe(`lists and records agree on ${testEngine()}`, () => {
  const roles: Role[] = [
    'partner_staff',
    'riec_analyst',
    'meeting_chair',
    'case_director',
    'programme_manager',
  ];
  const organisations = ['GM0344', 'politie', 'belastingdienst', 'riec'];

  it('for signals, cases and meetings, whatever roles and organisation a user has', async () => {
    // Records of every kind the rules tell apart: drafts and submitted signals of several
    // organisations, cases with different participants and directors.
    const signals: SignalDetail[] = [
      await newSignal(cast, { by: 'GM0344', submitters: ['GM0344'], stage: 'draft' }),
      await newSignal(cast, { by: 'GM0344', submitters: ['GM0344'] }),
      await newSignal(cast, { by: 'politie', submitters: ['politie'] }),
      await newSignal(cast, { by: 'belastingdienst', submitters: ['belastingdienst', 'politie'] }),
      await newAcceptedSignal(cast, { by: 'riec', submitters: ['riec'] }),
    ];
    const cases: CaseDetail[] = [
      await newCase(cast, { participants: ['politie'] }),
      await newCase(cast, { participants: ['GM0344', 'belastingdienst'] }),
      await newCase(cast, { participants: ['riec'] }),
    ];
    const meetings = [await newMeeting(cast), await newMeeting(cast, { kind: 'dto' })];
    const signalIds = new Set(signals.map((s) => s.id));
    const caseIds = new Set(cases.map((c) => c.id));
    const meetingIds = new Set(meetings.map((m) => m.id));
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(roles, { minLength: 1 }),
        fc.constantFrom(...organisations),
        async (chosen, organisationCode) => {
          const user = await createUser(t.database.db, t.keys, { roles: chosen, organisationCode });
          const session = await signIn(t.app, t.database.db, user);
          // What the lists show, of this test's records.
          const signalList = await cast.call(session, 'GET', '/api/v1/signals');
          const listedSignals = new Set(
            signalList.statusCode === 200
              ? (signalList.json().items as SignalSummary[])
                  .map((s) => s.id)
                  .filter((id) => signalIds.has(id))
              : [],
          );
          const caseList = await cast.call(session, 'GET', '/api/v1/cases');
          const listedCases = new Set(
            caseList.statusCode === 200
              ? (caseList.json().items as CaseSummary[]).map((c) => c.id).filter((id) => caseIds.has(id))
              : [],
          );
          // What the same user may open, one record at a time.
          const openSignals = new Set<string>();
          for (const id of signalIds)
            if ((await cast.call(session, 'GET', `/api/v1/signals/${id}`)).statusCode === 200)
              openSignals.add(id);
          const openCases = new Set<string>();
          for (const id of caseIds)
            if ((await cast.call(session, 'GET', `/api/v1/cases/${id}`)).statusCode === 200)
              openCases.add(id);
          const meetingList = await cast.call(session, 'GET', '/api/v1/meetings');
          const listedMeetings = new Set(
            meetingList.statusCode === 200
              ? (meetingList.json().items as Array<{ id: string }>)
                  .map((m) => m.id)
                  .filter((id) => meetingIds.has(id))
              : [],
          );
          const openMeetings = new Set<string>();
          for (const id of meetingIds)
            if ((await cast.call(session, 'GET', `/api/v1/meetings/${id}`)).statusCode === 200)
              openMeetings.add(id);
          expect([...listedSignals].sort()).toEqual([...openSignals].sort());
          expect([...listedCases].sort()).toEqual([...openCases].sort());
          expect([...listedMeetings].sort()).toEqual([...openMeetings].sort());
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  }, 120_000);
});

describe(`refusals leave their trace on ${testEngine()}`, () => {
  const traceOf = (response: { headers: Record<string, unknown> }) =>
    String(response.headers.traceparent).split('-')[1] ?? '';
  const actionsOf = (traceId: string) =>
    t.database.db
      .selectFrom('userActionLog')
      .select(['action', 'result', 'purpose', 'userId'])
      .where('traceId', '=', traceId)
      .execute();

  it('logs a dead session cookie sent to a public route as rejected, and clears it', async () => {
    const member = await cast.member(['partner_staff'], 'GM0307');
    const dead = await signIn(t.app, t.database.db, member.user);
    await cast.ok(dead, 'DELETE', '/api/v1/sessions/current').catch(() => undefined);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/sessions/methods',
      headers: { cookie: dead.cookie },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/samenspel-sessie=;.*Expires=Thu, 01 Jan 1970/);
    expect((await actionsOf(traceOf(response))).map((a) => [a.action, a.result])).toEqual([
      ['session.rejected', 'denied'],
    ]);
  });

  it('logs a request the schema refused as invalid, naming the route but none of the input', async () => {
    const staff = await cast.staff('GM0344');
    const response = await cast.call(staff, 'POST', '/api/v1/signals', {
      submit: true,
      subjects: [{ kind: 'person', surname: 'Bakker', bsn: '123456789' }],
    });
    expect(response.statusCode).toBe(400);
    expect(await actionsOf(traceOf(response))).toEqual([
      {
        action: 'request.invalid',
        result: 'invalid',
        purpose: 'POST /api/v1/signals',
        userId: staff.user.id,
      },
    ]);
    const processing = await t.database.db
      .selectFrom('processingLog')
      .select('dataSubjectPseudonym')
      .where('traceId', '=', traceOf(response))
      .execute();
    expect(processing).toEqual([{ dataSubjectPseudonym: null }]);
  });
});

describe(`partner systems on ${testEngine()}`, () => {
  /** A token of the Tax Administration's system with the three rights of a partner system. */
  async function taxSystem(): Promise<{ headers: Record<string, string>; id: string }> {
    const created = await cast.ok<{ apiToken: { id: string }; token: string }>(
      await cast.member(['administrator']),
      'POST',
      '/api/v1/api-tokens',
      {
        name: 'Zaaksysteem Belastingdienst',
        organisationId: await cast.org('belastingdienst'),
        permissions: ['signal.create', 'signal.read', 'hitcheck.answer'],
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    );
    return { headers: { authorization: `Bearer ${created.token}` }, id: created.apiToken.id };
  }
  const system = (
    headers: Record<string, string>,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('submits a signal for its organisation, reads its state, and answers the requests addressed to it', async () => {
    const { headers, id } = await taxSystem();
    const tax = await cast.org('belastingdienst');
    const submitted = await system(headers, 'POST', '/api/v1/signals', {
      submit: true,
      submittingOrganisationIds: [tax],
      source: 'partner',
      description: 'Uit het zaaksysteem: opvallende aangiften en contante stortingen.',
      municipalityCode: 'GM0344',
      themeIds: [await cast.theme()],
      urgency: 'normal',
      subjects: [{ kind: 'company', name: 'Garage De Snelle Wissel B.V.', kvkNumber: '30123456' }],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const signalId = submitted.json().id as string;
    const state = await system(headers, 'GET', `/api/v1/signals/${signalId}`);
    expect(state.json()).toMatchObject({ id: signalId, stage: 'received' });
    expect(
      (await system(headers, 'GET', '/api/v1/signals')).json().items.map((s: { id: string }) => s.id),
    ).toContain(signalId);
    // Another organisation's signal, and its steps, are not the system's.
    const others = await newSignal(cast, { by: 'GM0344', submitters: ['GM0344'] });
    expect((await system(headers, 'GET', `/api/v1/signals/${others.id}`)).statusCode).toBe(404);
    expect(
      (
        await system(headers, 'POST', `/api/v1/signals/${signalId}/transitions`, {
          type: 'withdrawn',
          note: 'Nee',
        })
      ).statusCode,
    ).toBe(404);
    // A round asking the Tax Administration reaches its system's inbox.
    const { signal, roundId } = await newRound(cast, { organisations: ['belastingdienst'] });
    const inbox = await system(headers, 'GET', '/api/v1/hit-check-requests');
    expect(inbox.json().items.map((r: { roundId: string }) => r.roundId)).toContain(roundId);
    const answered = await system(headers, 'PUT', `/api/v1/hit-check-requests/${roundId}/answers`, {
      answers: signal.subjects.map((s) => ({ subjectId: s.id, answer: 'no-hit' })),
    });
    expect(answered.statusCode, answered.body).toBe(200);
    // Logged under the token and its organisation.
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .select(['action', 'apiTokenId', 'organisationId', 'userId', 'actorType'])
      .where('apiTokenId', '=', id)
      .where('result', '=', 'success')
      .orderBy('seq')
      .execute();
    expect(logged.map((l) => l.action)).toEqual(
      expect.arrayContaining([
        'signal.submit',
        'signal.read',
        'signal.list',
        'hitcheck.inbox',
        'hitcheck.answer',
      ]),
    );
    expect(
      logged.every((l) => l.organisationId === tax && l.userId === null && l.actorType === 'api-token'),
    ).toBe(true);
  });

  it('may do nothing else', async () => {
    const { headers } = await taxSystem();
    const caseDetail = await newCase(cast, { participants: ['belastingdienst'] });
    for (const [method, url] of [
      ['GET', '/api/v1/cases'],
      ['GET', `/api/v1/cases/${caseDetail.id}`],
      ['GET', '/api/v1/signals/queue'],
      ['GET', '/api/v1/subjects/suggestions'],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/meetings'],
      ['GET', '/api/v1/me'],
    ] as const)
      expect([401, 403, 404], `${method} ${url}`).toContain((await system(headers, method, url)).statusCode);
    const analystRights = await cast.call(
      await cast.member(['administrator']),
      'POST',
      '/api/v1/api-tokens',
      {
        name: 'Te veel',
        organisationId: await cast.org('belastingdienst'),
        permissions: ['signal.manage'],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    );
    expect(analystRights.statusCode).toBe(400);
  });
});
