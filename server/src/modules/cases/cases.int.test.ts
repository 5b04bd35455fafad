import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  Cast,
  createTestApp,
  createUser,
  dutchDay,
  newAcceptedSignal,
  newSignal,
  signIn,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { organisationByCode } from '../organisations/index.js';

let t: TestApp;
let cast: Cast;
const s: Record<string, ApiSession> = {};
const org: Record<string, string> = {};
let directorId = '';
let themeId = '';

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
  const db = t.database.db;
  for (const code of ['GM0344', 'politie', 'belastingdienst', 'GM0307', 'riec'])
    org[code] = (await organisationByCode(db, 'midden-nederland', code))?.id ?? '';
  const director = await createUser(db, t.keys, { roles: ['case_director'] });
  directorId = director.id;
  s.director = await signIn(t.app, db, director);
  s.analyst = await signIn(t.app, db, await createUser(db, t.keys, { roles: ['riec_analyst'] }));
  s.chair = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['meeting_chair'], organisationCode: 'politie' }),
  );
  s.utrecht = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0344' }),
  );
  s.police = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'politie' }),
  );
  s.tax = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'belastingdienst' }),
  );
  s.amersfoort = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0307' }),
  );
  s.manager = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['programme_manager'], totp: false }),
  );
  themeId = (
    await db.selectFrom('themes').select('id').where('scope', '=', 'national').executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => t?.close());

function call(session: ApiSession, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
}

/** An accepted signal of Utrecht and the police about two people, one with a BSN. */
function acceptedSignal() {
  return newAcceptedSignal(cast, {
    subjects: [
      { kind: 'person', firstNames: 'Jan', surname: 'Berg', dateOfBirth: '1980-04-12', bsn: '111222333' },
      { kind: 'person', firstNames: 'Fatima', surname: 'El Amrani', dateOfBirth: '1991-11-02' },
    ],
  });
}

describe(`casework on ${testEngine()}`, () => {
  it('runs a case from accepted signal to closure, with every figure the accountability table needs', async () => {
    const signal = await acceptedSignal();
    const today = dutchDay();
    const created = await call(s.analyst as ApiSession, 'POST', '/api/v1/cases', {
      origin: 'signal',
      signalIds: [signal.id],
      codeName: 'Schaar',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0344'],
      themeIds: [themeId],
      type: 'subject',
      directorId,
      participantIds: [org.GM0344],
      startedOn: today,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(
      created
        .json()
        .originOrganisations.map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([org.GM0344, org.politie].sort());
    const base = `/api/v1/cases/${id}`;
    const director = s.director as ApiSession;

    // Goal first; phases in order only.
    expect(
      (await call(director, 'POST', `${base}/phase`, { type: 'advance', to: 'information' })).statusCode,
    ).toBe(409);
    expect(
      (
        await call(director, 'PUT', `${base}/goal`, {
          goal: 'Criminele inkomsten afpakken',
          strategy: 'Fiscaal en bestuurlijk',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call(director, 'POST', `${base}/phase`, { type: 'advance', to: 'analysis' })).json().detail,
    ).toContain('volgt');
    expect(
      (await call(director, 'POST', `${base}/phase`, { type: 'advance', to: 'information' })).statusCode,
    ).toBe(200);

    // Partners join; a non-participant cannot tell the case exists.
    expect((await call(s.police as ApiSession, 'GET', base)).statusCode).toBe(404);
    for (const code of ['politie', 'belastingdienst'])
      expect(
        (
          await call(director, 'POST', `${base}/participants`, {
            organisationId: org[code],
            reason: 'Eigen bevoegdheden',
          })
        ).statusCode,
      ).toBe(200);
    expect((await call(s.police as ApiSession, 'GET', base)).statusCode).toBe(200);
    expect((await call(s.amersfoort as ApiSession, 'GET', base)).statusCode).toBe(404);
    expect((await call(s.manager as ApiSession, 'GET', '/api/v1/cases')).statusCode).toBe(403);

    // Subject from the signal; provisions with provenance and legal basis.
    const signalSubject = (await call(s.analyst as ApiSession, 'GET', `/api/v1/signals/${signal.id}`)).json()
      .subjects[0].id;
    const withSubject = await call(director, 'POST', `${base}/subjects`, {
      role: 'main-subject',
      signalSubjectId: signalSubject,
    });
    const subjectId = withSubject.json().subjects[0].id;
    expect(withSubject.json().subjects[0]).toMatchObject({
      role: 'main-subject',
      label: 'Jan Berg (12 april 1980)',
    });
    // Taken over from the signal, a person without BSN is the subject the signal registered:
    // no suggestion "probably the same" between the signal's and the case's record.
    const withoutBsn = (await call(s.analyst as ApiSession, 'GET', `/api/v1/signals/${signal.id}`)).json()
      .subjects[1].id;
    const second = await call(director, 'POST', `${base}/subjects`, {
      role: 'other',
      signalSubjectId: withoutBsn,
    });
    expect(second.statusCode, second.body).toBe(200);
    const caseSubject = second
      .json()
      .subjects.find((x: { label: string }) => x.label.startsWith('Fatima')).id;
    const sightings = await t.database.db
      .selectFrom('subjectSightings')
      .select('subjectId')
      .where((eb) => eb.or([eb('signalSubjectId', '=', withoutBsn), eb('caseSubjectId', '=', caseSubject)]))
      .execute();
    expect(sightings).toHaveLength(2);
    expect(new Set(sightings.map((x) => x.subjectId)).size).toBe(1);
    expect(await t.database.db.selectFrom('matchSuggestions').select('id').execute()).toEqual([]);
    // A signal and the case it became are one matter: not "seen in two records".
    const cross = (await call(s.analyst as ApiSession, 'GET', '/api/v1/subjects/cross-record')).json();
    expect(cross.subjects.map((x: { label: string }) => x.label)).not.toContain(
      'Fatima El Amrani (2 november 1991)',
    );
    const configuration = (await call(director, 'GET', '/api/v1/case-configuration')).json();
    const basis = (code: string) =>
      configuration.legalBases.find((b: { code: string }) => b.code === code).id;
    const noBasis = await call(s.police as ApiSession, 'POST', `${base}/provisions`, {
      providedOn: today,
      classification: 'vertrouwelijk',
      title: 'Antecedenten',
      body: 'x',
    });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().invalidParams.map((p: { name: string }) => p.name)).toContain('legalBasisId');
    for (const [who, code] of [
      ['police', 'wpg-16'],
      ['tax', 'awr-43c'],
      ['utrecht', 'convenant'],
    ] as const) {
      const response = await call(s[who] as ApiSession, 'POST', `${base}/provisions`, {
        subjectId,
        providedOn: today,
        legalBasisId: basis(code),
        classification: 'vertrouwelijk',
        title: `Informatie van ${who}`,
        body: 'Relevante gegevens voor de casus.',
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const provisions = (await call(director, 'GET', base)).json().provisions;
    expect(
      provisions.map((p: { organisation: { id: string }; legalBasis: { code: string } }) => [
        p.organisation.id,
        p.legalBasis.code,
      ]),
    ).toEqual([
      [org.politie, 'wpg-16'],
      [org.belastingdienst, 'awr-43c'],
      [org.GM0344, 'convenant'],
    ]);

    // Matrix, advice, intervention, result.
    const catalogue = (code: string) =>
      configuration.interventions.find((i: { code: string }) => i.code === code).id;
    expect(
      (
        await call(director, 'POST', `${base}/matrix`, {
          barrier: 'Contante omzet',
          catalogueId: catalogue('boekenonderzoek'),
          organisationId: org.belastingdienst,
          chosen: true,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call(director, 'POST', `${base}/advices`, {
          kind: 'fiscal',
          organisationId: org.GM0307,
          givenOn: today,
          description: 'x',
        })
      ).statusCode,
    ).toBe(400);
    const advised = await call(director, 'POST', `${base}/advices`, {
      kind: 'fiscal',
      organisationId: org.belastingdienst,
      givenOn: today,
      description: 'Boekenonderzoek en navordering',
    });
    const adviceId = advised.json().advices[0].id;
    await call(director, 'POST', `${base}/phase`, { type: 'advance', to: 'analysis' });
    await call(director, 'POST', `${base}/phase`, { type: 'advance', to: 'intervention' });
    const intervened = await call(s.tax as ApiSession, 'POST', `${base}/interventions`, {
      adviceId,
      kind: 'fiscal',
      carriedOutOn: today,
      description: 'Navorderingsaanslag opgelegd',
      outcome: 'Aanslag van € 120.000',
    });
    expect(intervened.statusCode, intervened.body).toBe(200);
    expect(intervened.json().advices[0].status).toBe('carried-out');
    const interventionId = intervened.json().interventions[0].id;
    const negative = await call(s.tax as ApiSession, 'POST', `${base}/results`, {
      kind: 'confiscation',
      imposedCents: -5,
      imposedOn: today,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().invalidParams[0].reason).toBe('Een bedrag kan niet negatief zijn.');
    const fraction = await call(s.tax as ApiSession, 'POST', `${base}/results`, {
      kind: 'confiscation',
      imposedCents: 10.5,
      imposedOn: today,
    });
    expect(fraction.statusCode).toBe(400);
    const result = await call(s.tax as ApiSession, 'POST', `${base}/results`, {
      interventionId,
      kind: 'confiscation',
      imposedCents: 12_000_000,
      imposedOn: today,
      collectedCents: 3_000_000,
      collectedOn: today,
    });
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json().results[0]).toMatchObject({
      imposedCents: 12_000_000,
      collectedCents: 3_000_000,
      organisation: { id: org.belastingdienst },
    });

    // A removed participant loses access at once.
    expect(
      (await call(director, 'POST', `${base}/participants/${org.GM0344}/remove`, { reason: 'Rol vervuld' }))
        .statusCode,
    ).toBe(200);
    expect((await call(s.utrecht as ApiSession, 'GET', base)).statusCode).toBe(404);

    // Evaluation before closure; closing, priority, reopening.
    await call(director, 'POST', `${base}/phase`, { type: 'advance', to: 'evaluation' });
    expect((await call(director, 'POST', `${base}/phase`, { type: 'close' })).json().detail).toContain(
      'Evalueer',
    );
    expect(
      (await call(director, 'PUT', `${base}/evaluation`, { waivedReason: 'Geen tijd' })).statusCode,
    ).toBe(404);
    expect(
      (
        await call(director, 'PUT', `${base}/evaluation`, {
          whatWorked: 'Fiscaal spoor',
          whatDidNot: 'Traag',
          lessons: 'Eerder de Belastingdienst erbij',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call(s.chair as ApiSession, 'PUT', `${base}/priority`, { quarter: '2026-Q4', priority: 1 }))
        .statusCode,
    ).toBe(200);
    const closed = await call(director, 'POST', `${base}/phase`, { type: 'close' });
    expect(closed.json()).toMatchObject({
      phase: 'closed',
      closedOn: today,
      leadTimes: { startToFirstIntervention: 0, startToClosure: 0 },
    });
    expect(
      (
        await call(director, 'POST', `${base}/advices`, {
          kind: 'other',
          organisationId: org.politie,
          givenOn: today,
          description: 'x',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await call(director, 'POST', `${base}/phase`, { type: 'reopen', reason: 'Nieuwe informatie' })).json()
        .phase,
    ).toBe('analysis');
    // What the accountability report counts as open: closed and reopened on one day is one
    // period that is still open.
    expect(
      await t.database.db
        .selectFrom('caseOpenPeriods')
        .select(['openedOn', 'closedOn'])
        .where('caseId', '=', id)
        .execute(),
    ).toEqual([{ openedOn: today, closedOn: null }]);

    // Every step is in the log.
    const actions = await t.database.db
      .selectFrom('userActionLog')
      .select(['action', 'result'])
      .where('action', 'like', 'case.%')
      .execute();
    for (const action of [
      'case.create',
      'case.goal',
      'case.phase',
      'case.participant-add',
      'case.subject-add',
      'case.provision-add',
      'case.matrix-add',
      'case.advice-add',
      'case.intervention-add',
      'case.result-add',
      'case.participant-remove',
      'case.evaluate',
      'case.priority',
      'case.close',
      'case.reopen',
      'case.read',
    ])
      expect(
        actions.some((a) => a.action === action && a.result === 'success'),
        action,
      ).toBe(true);
    expect(actions.some((a) => a.action === 'case.read' && a.result === 'denied')).toBe(true);
  });

  it('refuses a case from a signal that was not accepted', async () => {
    const signal = (
      await call(s.utrecht as ApiSession, 'POST', '/api/v1/signals', {
        submit: true,
        submittingOrganisationIds: [org.GM0344],
        source: 'partner',
        description: 'Een signaal dat nog niet is besloten, lang genoeg.',
        municipalityCode: 'GM0344',
        themeIds: [themeId],
        urgency: 'normal',
        subjects: [],
      })
    ).json();
    const response = await call(s.analyst as ApiSession, 'POST', '/api/v1/cases', {
      origin: 'signal',
      signalIds: [signal.id],
      codeName: 'Te vroeg',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0307'],
      themeIds: [themeId],
      type: 'subject',
      directorId,
      participantIds: [org.GM0344],
      startedOn: '2026-11-01',
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['municipalityCodes', 'signalIds']);
  });

  it('lets a case director read an accepted signal and start its case, and nothing before the decision', async () => {
    const director = await cast.director();
    const accepted = await newAcceptedSignal(cast);
    const weighed = await newSignal(cast, { stage: 'triaged' });
    // The director reads accepted signals only: anything earlier looks as if it did not exist.
    expect((await call(director, 'GET', `/api/v1/signals/${accepted.id}`)).statusCode).toBe(200);
    expect((await call(director, 'GET', `/api/v1/signals/${weighed.id}`)).statusCode).toBe(404);
    const listed = (await call(director, 'GET', '/api/v1/signals')).json();
    expect(listed.items.every((x: { decision: string | null }) => x.decision === 'accepted')).toBe(true);
    const body = (signalIds: string[]) => ({
      origin: 'signal',
      signalIds,
      codeName: 'Regie',
      districtId: 'utrecht-stad',
      municipalityCodes: ['GM0344'],
      themeIds: [themeId],
      type: 'subject',
      directorId: director.user.id,
      participantIds: [org.politie],
      startedOn: dutchDay(),
    });
    const refused = await call(director, 'POST', '/api/v1/cases', body([weighed.id]));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(['signalIds']);
    const started = await call(director, 'POST', '/api/v1/cases', body([accepted.id]));
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().signals).toEqual([{ id: accepted.id, reference: accepted.reference }]);
    // Partner staff start no cases.
    expect(
      (await call(await cast.staff('GM0344'), 'POST', '/api/v1/cases', body([accepted.id]))).statusCode,
    ).toBe(403);
  });
});
