import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  createTestApp,
  createUser,
  dutchDay,
  signIn,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { organisationByCode } from '../organisations/index.js';

let t: TestApp;
let utrecht: ApiSession;
let analyst: ApiSession;
let chair: ApiSession;
let police: ApiSession;
let tax: ApiSession;
let otherMunicipality: ApiSession;
const org: Record<string, string> = {};
let themeId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  for (const code of ['GM0344', 'politie', 'belastingdienst', 'riec', 'GM0307'])
    org[code] = (await organisationByCode(db, 'midden-nederland', code))?.id ?? '';
  utrecht = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0344' }),
  );
  analyst = await signIn(t.app, db, await createUser(db, t.keys, { roles: ['riec_analyst'] }));
  chair = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['meeting_chair'], organisationCode: 'politie' }),
  );
  police = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'politie' }),
  );
  tax = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'belastingdienst' }),
  );
  otherMunicipality = await signIn(
    t.app,
    db,
    await createUser(db, t.keys, { roles: ['partner_staff'], organisationCode: 'GM0307' }),
  );
  const themes = await db
    .selectFrom('themes')
    .select(['id', 'code'])
    .where('scope', '=', 'national')
    .execute();
  themeId = themes[0]?.id ?? '';
});
afterAll(async () => t?.close());

function call(session: ApiSession, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
}

const validSignal = () => ({
  submit: true,
  submittingOrganisationIds: [org.GM0344, org.politie],
  source: 'partner',
  description: 'Vermoedelijk witwassen via een kapperszaak met veel contante omzet en wisselende huurders.',
  municipalityCode: 'GM0344',
  themeIds: [themeId],
  urgency: 'high',
  subjects: [
    {
      kind: 'person',
      firstNames: 'Jan',
      prefix: 'van der',
      surname: 'Berg',
      dateOfBirth: '1980-04-12',
      bsn: '111222333',
    },
    { kind: 'person', firstNames: 'Fatima', surname: 'El Amrani', dateOfBirth: '1991-11-02' },
    { kind: 'company', name: 'Kapsalon De Schaar B.V.', kvkNumber: '30123456' },
    { kind: 'address', postcode: '3511ab', houseNumber: 12, houseNumberAddition: 'bis', town: 'Utrecht' },
    { kind: 'account', iban: 'NL91 ABNA 0417 1643 00' },
    { kind: 'vehicle', registration: '12-abc-3' },
  ],
});

describe(`signals on ${testEngine()}`, () => {
  it('refuses a signal with bad identifiers, listing every problem, and stores nothing', async () => {
    const before = await t.database.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const body = validSignal();
    body.subjects[0] = { ...body.subjects[0], bsn: '123456789' } as (typeof body.subjects)[0];
    body.subjects[2] = { ...body.subjects[2], kvkNumber: '123' } as (typeof body.subjects)[2];
    body.subjects[3] = { ...body.subjects[3], postcode: '35111' } as (typeof body.subjects)[3];
    body.subjects[4] = { kind: 'account', iban: 'NL91ABNA0417164301' } as (typeof body.subjects)[4];
    body.subjects[1] = { ...body.subjects[1], dateOfBirth: '1991-13-45' } as (typeof body.subjects)[1];
    const response = await call(utrecht, 'POST', '/api/v1/signals', body);
    expect(response.statusCode).toBe(400);
    const problems = response.json().invalidParams as Array<{ name: string; reason: string }>;
    const names = problems.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'subjects.0.bsn',
        'subjects.1.dateOfBirth',
        'subjects.2.kvkNumber',
        'subjects.3.postcode',
        'subjects.4.iban',
      ]),
    );
    expect(problems.find((p) => p.name === 'subjects.0.bsn')?.reason).toBe('Dit BSN klopt niet (elfproef).');
    const after = await t.database.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('names every missing field of a signal submitted incomplete, in Dutch, not "invalid input"', async () => {
    const response = await call(utrecht, 'POST', '/api/v1/signals', {
      submit: true,
      submittingOrganisationIds: [],
      subjects: [{ kind: 'person', firstNames: 'Jan' }],
    });
    expect(response.statusCode).toBe(400);
    const problems = response.json().invalidParams as Array<{ name: string; reason: string }>;
    expect(problems.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'submittingOrganisationIds',
        'source',
        'description',
        'municipalityCode',
        'themeIds',
        'subjects.0.surname',
      ]),
    );
    expect(problems.find((p) => p.name === 'subjects.0.surname')?.reason).toBe('Dit veld is verplicht.');
    expect(problems.map((p) => p.name)).not.toContain('');
  });

  it('goes from intake to a DTO decision, with a round the partners answer, and lead times from the events', async () => {
    const created = await call(utrecht, 'POST', '/api/v1/signals', validSignal());
    expect(created.statusCode, created.body).toBe(201);
    const signal = created.json();
    expect(signal).toMatchObject({ stage: 'received', urgency: 'high', district: { id: 'utrecht-stad' } });
    expect(signal.subjects.map((s: { label: string }) => s.label)).toEqual([
      'Jan van der Berg (12 april 1980)',
      'Fatima El Amrani (2 november 1991)',
      'Kapsalon De Schaar B.V. (KvK 30123456)',
      '12 bis, 3511 AB Utrecht',
      'NL91ABNA0417164300',
      '12ABC3',
    ]);
    const id = signal.id as string;

    // Out of order: refused with a clear message.
    const early = await call(analyst, 'POST', `/api/v1/signals/${id}/transitions`, {
      type: 'triaged',
      route: 'integral',
      reason: 'x',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toBe('Een signaal dat ontvangen is, kan niet gewogen worden.');

    expect(
      (
        await call(analyst, 'POST', `/api/v1/signals/${id}/transitions`, {
          type: 'discussed',
          note: 'LOO Utrecht',
        })
      ).statusCode,
    ).toBe(200);
    const lonely = await call(analyst, 'POST', `/api/v1/signals/${id}/transitions`, {
      type: 'substantiated',
      note: 'Samen onderbouwd',
      organisationIds: [org.GM0344, org.belastingdienst],
    });
    expect(lonely.statusCode).toBe(400);
    expect(
      (
        await call(analyst, 'POST', `/api/v1/signals/${id}/transitions`, {
          type: 'substantiated',
          note: 'Gemeente en politie zien samen signalen van witwassen.',
          organisationIds: [org.GM0344, org.politie],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await call(analyst, 'POST', `/api/v1/signals/${id}/transitions`, {
          type: 'triaged',
          route: 'integral',
          reason: 'Meerdere partners',
        })
      ).statusCode,
    ).toBe(200);

    const deadline = dutchDay(7);
    const started = await call(analyst, 'POST', `/api/v1/signals/${id}/hit-check-rounds`, {
      necessity: 'Zonder bevraging is niet te wegen of een integrale aanpak nodig is.',
      proportionality: 'Alleen drie betrokkenen, alleen twee partners.',
      subsidiarity: 'Openbare bronnen zijn al geraadpleegd.',
      subjectIds: signal.subjects.slice(0, 3).map((s: { id: string }) => s.id),
      organisationIds: [org.politie, org.belastingdienst],
      deadline,
    });
    expect(started.statusCode, started.body).toBe(201);
    const round = started.json().rounds[0];
    expect(started.json().stage).toBe('hit-check');

    // The Tax Administration sees only the round's minimal data, and nothing of the signal.
    const inbox = (await call(tax, 'GET', '/api/v1/hit-check-requests')).json().items;
    expect(inbox).toHaveLength(1);
    expect(inbox[0].subjects.map((s: { search: Record<string, string> }) => s.search)).toEqual([
      { naam: 'Jan van der Berg', geboortedatum: '1980-04-12' },
      { naam: 'Fatima El Amrani', geboortedatum: '1991-11-02' },
      { naam: 'Kapsalon De Schaar B.V.', kvkNummer: '30123456' },
    ]);
    expect(JSON.stringify(inbox)).not.toContain('111222333');
    expect(JSON.stringify(inbox)).not.toContain('witwassen');
    expect((await call(tax, 'GET', `/api/v1/signals/${id}`)).statusCode).toBe(404);
    expect((await call(tax, 'GET', '/api/v1/signals')).json().items).toEqual([]);
    expect((await call(otherMunicipality, 'GET', '/api/v1/hit-check-requests')).json().items).toEqual([]);
    expect(
      (
        await call(otherMunicipality, 'PUT', `/api/v1/hit-check-requests/${round.id}/answers`, {
          answers: [{ subjectId: round.subjects[0].id, answer: 'hit' }],
        })
      ).statusCode,
    ).toBe(404);

    const subjects = round.subjects.map((s: { id: string }) => s.id);
    const answer = (session: ApiSession, answers: string[]) =>
      call(session, 'PUT', `/api/v1/hit-check-requests/${round.id}/answers`, {
        answers: subjects.map((subjectId: string, i: number) => ({ subjectId, answer: answers[i] })),
      });
    expect((await answer(police, ['hit', 'no-hit', 'hit'])).statusCode).toBe(200);
    expect((await answer(tax, ['hit', 'cannot-check', 'no-hit'])).statusCode).toBe(200);

    // The analyst sees the matrix; the DTO chair sees hits per subject, not who had them, and
    // the legal test that justified the round, which the chair weighs before deciding.
    const forAnalyst = (await call(analyst, 'GET', `/api/v1/signals/${id}`)).json();
    expect(forAnalyst.rounds[0].answers).toHaveLength(6);
    expect(forAnalyst.rounds[0].test.necessity).toContain('Zonder bevraging');
    const forChair = (await call(chair, 'GET', `/api/v1/signals/${id}`)).json();
    expect(forChair.rounds[0].answers).toBeNull();
    expect(forChair.rounds[0].test.necessity).toContain('Zonder bevraging');
    expect(forChair.rounds[0].hitsPerSubject.map((h: { hits: number }) => h.hits)).toEqual([2, 0, 1]);

    // Deciding with an open round is refused; a closed round cannot change.
    expect(
      (
        await call(chair, 'POST', `/api/v1/signals/${id}/transitions`, {
          type: 'decided',
          decision: 'accepted',
        })
      ).statusCode,
    ).toBe(409);
    expect((await call(analyst, 'POST', `/api/v1/hit-check-rounds/${round.id}/close`)).statusCode).toBe(200);
    expect((await answer(police, ['no-hit', 'no-hit', 'no-hit'])).statusCode).toBe(409);

    // Only the chair decides.
    expect(
      (
        await call(analyst, 'POST', `/api/v1/signals/${id}/transitions`, {
          type: 'decided',
          decision: 'accepted',
        })
      ).statusCode,
    ).toBe(404);
    const decided = await call(chair, 'POST', `/api/v1/signals/${id}/transitions`, {
      type: 'decided',
      decision: 'accepted',
      note: 'Integrale casus',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const final = decided.json();
    expect(final).toMatchObject({ stage: 'decided', decision: 'accepted' });
    expect(final.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'received',
      'discussed',
      'substantiated',
      'triaged',
      'round-started',
      'round-closed',
      'decided',
    ]);
    const at = (type: string) =>
      new Date(final.events.find((e: { type: string }) => e.type === type).at).getTime();
    const days = (a: string, b: string) => Math.round(((at(b) - at(a)) / 86_400_000) * 10) / 10;
    expect(final.leadTimes).toEqual({
      intakeToLoo: days('received', 'discussed'),
      looToTriage: days('discussed', 'triaged'),
      triageToDecision: days('triaged', 'decided'),
      intakeToDecision: days('received', 'decided'),
    });

    // The partner who submitted sees the decision; the lead-time statistics count it.
    expect((await call(utrecht, 'GET', `/api/v1/signals/${id}`)).json().decision).toBe('accepted');
    const stats = (await call(chair, 'GET', '/api/v1/signals/lead-times?districtId=utrecht-stad')).json()
      .items;
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ districtId: 'utrecht-stad', decided: 1 });
    expect(stats[0].segments.intakeToDecision.median).toBe(final.leadTimes.intakeToDecision);

    // Every step left its log rows, with the subjects as pseudonyms.
    const actions = await t.database.db
      .selectFrom('userActionLog')
      .select(['action', 'result'])
      .where('action', 'like', '%')
      .where((eb) => eb.or([eb('action', 'like', 'signal.%'), eb('action', 'like', 'hitcheck.%')]))
      .execute();
    for (const action of [
      'signal.submit',
      'signal.discussed',
      'signal.substantiated',
      'signal.triaged',
      'hitcheck.start',
      'hitcheck.inbox',
      'hitcheck.answer',
      'hitcheck.close',
      'signal.decided',
      'signal.read',
    ])
      expect(
        actions.some((a) => a.action === action && a.result === 'success'),
        action,
      ).toBe(true);
    const subjectsLogged = await t.database.db
      .selectFrom('processingLog')
      .select('dataSubjectType')
      .where('processingActivityId', '=', 'samenspel.hitcheck')
      .where('dataSubjectType', 'is not', null)
      .execute();
    expect(subjectsLogged.length).toBeGreaterThan(0);

    // The privacy officer finds who processed Fatima El Amrani (no BSN known) by name and date of birth.
    const officer = await signIn(
      t.app,
      t.database.db,
      await createUser(t.database.db, t.keys, { roles: ['privacy_officer'] }),
    );
    const [pseudonym] = (
      await call(officer, 'POST', '/api/v1/audit/subject-pseudonyms', {
        surname: 'el amrani',
        dateOfBirth: '1991-11-02',
      })
    ).json().pseudonyms;
    const entries = (
      await call(officer, 'GET', `/api/v1/audit/entries?subject=${pseudonym}&limit=500`)
    ).json().items as Array<{
      dataSubject: { pseudonym: string } | null;
      action: { action: string } | null;
    }>;
    const about = entries.filter((e) => e.dataSubject?.pseudonym === pseudonym).map((e) => e.action?.action);
    expect(about).toEqual(
      expect.arrayContaining(['signal.submit', 'hitcheck.start', 'hitcheck.inbox', 'signal.read']),
    );
  });

  it('keeps drafts to the submitting organisation, and checks them when submitted', async () => {
    const draft = await call(utrecht, 'POST', '/api/v1/signals', {
      submit: false,
      description: 'Nog aanvullen',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    expect(draft.json().stage).toBe('draft');
    expect((await call(analyst, 'GET', `/api/v1/signals/${id}`)).statusCode).toBe(404);
    expect((await call(otherMunicipality, 'GET', `/api/v1/signals/${id}`)).statusCode).toBe(404);
    const incomplete = await call(utrecht, 'PUT', `/api/v1/signals/${id}`, {
      submit: true,
      description: 'Nog aanvullen',
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().invalidParams.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['description', 'municipalityCode', 'themeIds']),
    );
    const { submit: _submit, ...rest } = validSignal();
    const submitted = await call(utrecht, 'PUT', `/api/v1/signals/${id}`, { ...rest, submit: true });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().stage).toBe('received');
    expect((await call(analyst, 'GET', `/api/v1/signals/${id}`)).statusCode).toBe(200);
  });

  it('plans meetings: an LOO outcome marks a signal discussed, a DTO sets priorities', async () => {
    const signal = (await call(utrecht, 'POST', '/api/v1/signals', validSignal())).json();
    const loo = await call(chair, 'POST', '/api/v1/meetings', {
      kind: 'loo',
      districtId: 'utrecht-stad',
      date: dutchDay(),
      attendingOrganisationIds: [org.GM0344, org.politie, org.riec],
      signalIds: [signal.id],
    });
    expect(loo.statusCode, loo.body).toBe(201);
    const outcome = await call(chair, 'POST', `/api/v1/meetings/${loo.json().id}/outcomes`, {
      signalId: signal.id,
      outcome: 'Doorzetten naar onderbouwing',
    });
    expect(outcome.json().agenda[0].outcome).toBe('Doorzetten naar onderbouwing');
    expect((await call(analyst, 'GET', `/api/v1/signals/${signal.id}`)).json().stage).toBe('discussed');
    const dto = (
      await call(chair, 'POST', '/api/v1/meetings', {
        kind: 'dto',
        districtId: 'utrecht-stad',
        date: dutchDay(),
        attendingOrganisationIds: [org.politie, org.riec],
        signalIds: [signal.id],
      })
    ).json();
    const priorities = await call(chair, 'PUT', `/api/v1/meetings/${dto.id}/priorities`, {
      signalIds: [signal.id],
    });
    expect(priorities.json().priorities).toEqual([
      { signalId: signal.id, reference: signal.reference, rank: 1 },
    ]);
  });

  it('gives the analyst a work queue by urgency and age', async () => {
    const queue = (await call(analyst, 'GET', '/api/v1/signals/queue')).json().items;
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((q: { stage: string }) => q.stage !== 'decided' && q.stage !== 'draft')).toBe(true);
    expect(queue[0].urgency).toBe('high');
    expect(Object.keys(queue[0].timeInStages).length).toBeGreaterThan(0);
  });
});
