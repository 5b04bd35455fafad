import type {
  CaseDetail,
  CollaborationDetail,
  CollaborationSummary,
  SignalDetail,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseSubject,
  Cast,
  createTestApp,
  dutchDay,
  newAcceptedSignal,
  newBsn,
  newCase,
  newPerson,
  newSignal,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * Collaborations: each region's RIEC covenant comes with its region; an administrator edits
 * members, purposes, legal bases and retention terms, each change logged; membership decides
 * what an organisation reaches, and nothing of one collaboration reaches another.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const admin = () => cast.member(['administrator']);

async function covenant(): Promise<CollaborationDetail> {
  const { items } = await cast.ok<{ items: CollaborationSummary[] }>(
    await admin(),
    'GET',
    '/api/v1/collaborations',
  );
  const found = items.find((c) => c.kind === 'covenant');
  if (!found) throw new Error('no covenant');
  return cast.ok<CollaborationDetail>(await admin(), 'GET', `/api/v1/collaborations/${found.id}`);
}

/** A signal table of the region with these organisations (by code) as its members. */
async function signalTable(members: Record<string, 'coordinator' | 'partner' | 'observer'>): Promise<string> {
  const table = await cast.ok<CollaborationDetail>(await admin(), 'POST', '/api/v1/collaborations', {
    kind: 'signal-table',
    name: `Signalentafel mensenhandel ${Math.random().toString(36).slice(2, 7)}`,
  });
  for (const [code, role] of Object.entries(members))
    await cast.ok(
      await admin(),
      'PUT',
      `/api/v1/collaborations/${table.id}/members/${await cast.org(code)}`,
      {
        role,
      },
    );
  return table.id;
}

async function signalIn(collaborationId: string, by: string, submitters: string[], subject = newPerson()) {
  const theme = await cast.theme();
  return cast.call(await cast.staff(by), 'POST', '/api/v1/signals', {
    submit: true,
    collaborationId,
    submittingOrganisationIds: await Promise.all(submitters.map((c) => cast.org(c))),
    source: 'partner',
    description: 'Een signaal aan de signalentafel, lang genoeg om te beschrijven.',
    municipalityCode: 'GM0034',
    themeIds: [theme],
    urgency: 'normal',
    subjects: [subject],
  });
}

async function actionsOf(action: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('userActionLog')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', action)
    .where('result', '=', 'success')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`collaborations on ${testEngine()}`, () => {
  it('gives the region its RIEC covenant: every partner a member, the RIEC coordinator, with purposes, bases and terms', async () => {
    const c = await covenant();
    expect(c.name).toMatch(/^RIEC-convenant /);
    const riec = await cast.org('riec');
    expect(c.members.find((m) => m.organisation.id === riec)).toMatchObject({
      role: 'coordinator',
      leftOn: null,
    });
    expect(c.members.find((m) => m.organisation.id !== riec)?.role).toBe('partner');
    const { items } = await cast.ok<{ items: unknown[] }>(
      await admin(),
      'GET',
      '/api/v1/partner-organisations',
    );
    expect(c.members.filter((m) => !m.leftOn).length).toBeGreaterThanOrEqual(
      items.length - c.candidates.length,
    );
    expect(c.purposes.map((p) => p.code)).toContain('casus');
    // The legal bases a provision may rest on are the covenant's: the case configuration offers those.
    const configuration = await cast.ok<{ legalBases: Array<{ id: string }> }>(
      await cast.analyst(),
      'GET',
      '/api/v1/case-configuration',
    );
    expect(configuration.legalBases.map((b) => b.id).sort()).toEqual(c.legalBases.map((b) => b.id).sort());
    expect(c.retentionTerms.map((r) => r.recordKind)).toEqual(
      expect.arrayContaining(['signal-not-accepted', 'case-closed', 'processing-log']),
    );
    // The privacy officer reads them; partner staff do not.
    expect(
      (await cast.call(await cast.member(['privacy_officer']), 'GET', `/api/v1/collaborations/${c.id}`))
        .statusCode,
    ).toBe(200);
    expect((await cast.call(await cast.staff('GM0344'), 'GET', '/api/v1/collaborations')).statusCode).toBe(
      403,
    );
  });

  it('lets an administrator edit members, purposes, bases and terms, each change logged, with Dutch refusals', async () => {
    const id = await signalTable({ riec: 'coordinator', GM0303: 'partner' });
    const before = await actionsOf('collaboration.member.set');
    const changed = await cast.ok<CollaborationDetail>(
      await admin(),
      'PUT',
      `/api/v1/collaborations/${id}/members/${await cast.org('GM0303')}`,
      { role: 'observer' },
    );
    expect(
      changed.members.find((m) => m.organisation.id === changed.members[0]?.organisation.id),
    ).toBeDefined();
    expect(await actionsOf('collaboration.member.set')).toBe(before + 1);
    const purpose = await cast.ok<CollaborationDetail>(
      await admin(),
      'POST',
      `/api/v1/collaborations/${id}/purposes`,
      {
        code: 'mensenhandel',
        description: 'Signalen van mensenhandel bundelen en duiden.',
      },
    );
    expect(purpose.purposes.map((p) => p.code)).toEqual(['mensenhandel']);
    const again = await cast.call(await admin(), 'POST', `/api/v1/collaborations/${id}/purposes`, {
      code: 'mensenhandel',
      description: 'Nog eens.',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().invalidParams).toMatchObject([
      { name: 'code', reason: 'Er is al een doel met deze code.' },
    ]);
    const bad = await cast.call(
      await admin(),
      'PUT',
      `/api/v1/collaborations/${id}/retention-terms/case-closed`,
      {
        runsFrom: 'ooit',
        months: 0,
      },
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['months', 'runsFrom']);
    expect(bad.json().invalidParams.find((p: { name: string }) => p.name === 'months').reason).toBe(
      'Een termijn is minstens één maand.',
    );
    const term = await cast.ok<CollaborationDetail>(
      await admin(),
      'PUT',
      `/api/v1/collaborations/${id}/retention-terms/case-closed`,
      { runsFrom: 'closure', months: 24 },
    );
    expect(term.retentionTerms).toEqual([{ recordKind: 'case-closed', runsFrom: 'closure', months: 24 }]);
    // The disclosure gate's k: five unless the collaboration sets more, never fewer.
    expect(term.disclosureMinimum).toBe(5);
    const fewer = await cast.call(await admin(), 'PUT', `/api/v1/collaborations/${id}/disclosure`, {
      minimum: 3,
    });
    expect(fewer.statusCode).toBe(400);
    expect(fewer.json().invalidParams[0].reason).toContain('minstens 5');
    const stricter = await cast.ok<CollaborationDetail>(
      await admin(),
      'PUT',
      `/api/v1/collaborations/${id}/disclosure`,
      { minimum: 10 },
    );
    expect(stricter.disclosureMinimum).toBe(10);
    // The one coordinator cannot leave before another is named.
    const last = await cast.call(
      await admin(),
      'DELETE',
      `/api/v1/collaborations/${id}/members/${await cast.org('riec')}`,
    );
    expect(last.statusCode).toBe(409);
    // What changed is kept with the collaboration, without personal data.
    const events = await t.database.db
      .selectFrom('collaborationEvents')
      .select(['type', 'details'])
      .where('collaborationId', '=', id)
      .orderBy('at')
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      'created',
      'member-added',
      'member-added',
      'member-role-changed',
      'purpose-added',
      'retention-set',
      'disclosure-set',
    ]);
    // Only one covenant per region.
    const second = await cast.call(await admin(), 'POST', '/api/v1/collaborations', {
      kind: 'covenant',
      name: 'Nog een',
    });
    expect(second.statusCode).toBe(400);
  });

  it('takes its records from an organisation that leaves, at once, and refuses its new signals', async () => {
    const c = await covenant();
    const signal = await newSignal(cast, {
      by: 'GM0995',
      submitters: ['GM0995'],
      municipalityCode: 'GM0995',
    });
    const staff = await cast.staff('GM0995');
    expect((await cast.call(staff, 'GET', `/api/v1/signals/${signal.id}`)).statusCode).toBe(200);
    await cast.ok(
      await admin(),
      'DELETE',
      `/api/v1/collaborations/${c.id}/members/${await cast.org('GM0995')}`,
    );
    expect((await cast.call(staff, 'GET', `/api/v1/signals/${signal.id}`)).statusCode).toBe(404);
    const list = await cast.ok<{ items: Array<{ id: string }> }>(staff, 'GET', '/api/v1/signals');
    expect(list.items.map((s) => s.id)).not.toContain(signal.id);
    const refused = await signalIn(c.id, 'GM0995', ['GM0995']);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'collaborationId', code: 'not_a_member' })]),
    );
    // Taking part again gives the records back.
    await cast.ok(
      await admin(),
      'PUT',
      `/api/v1/collaborations/${c.id}/members/${await cast.org('GM0995')}`,
      {
        role: 'partner',
      },
    );
    expect((await cast.call(staff, 'GET', `/api/v1/signals/${signal.id}`)).statusCode).toBe(200);
  });

  it('keeps what belongs to one collaboration out of another', async () => {
    // A signal table of Dronten and the police, without the RIEC.
    const table = await signalTable({ GM0303: 'coordinator', politie: 'partner' });
    const person = newPerson({ bsn: newBsn() });
    const created = await signalIn(table, 'GM0303', ['GM0303', 'politie'], person);
    expect(created.statusCode, created.body).toBe(201);
    const tabled = created.json() as SignalDetail;
    // The RIEC's analyst, not a member, cannot tell it exists.
    const analyst = await cast.analyst();
    expect((await cast.call(analyst, 'GET', `/api/v1/signals/${tabled.id}`)).statusCode).toBe(404);
    const list = await cast.ok<{ items: Array<{ id: string }> }>(analyst, 'GET', '/api/v1/signals');
    expect(list.items.map((s) => s.id)).not.toContain(tabled.id);
    // A submitter who does not take part in the table is refused.
    const outsider = await signalIn(table, 'GM0303', ['GM0303', 'belastingdienst']);
    expect(outsider.json().invalidParams).toMatchObject([
      { name: 'submittingOrganisationIds', code: 'not_a_member' },
    ]);
    // Its subject is not "known elsewhere" in a covenant case about the same person.
    const kase = await newCase(cast, { fromSignal: await newAcceptedSignal(cast) });
    const added = await addCaseSubject(cast, kase.id, person);
    const subject = added.subjects.find((s) => s.label === tabled.subjects[0]?.label);
    expect(subject?.knownElsewhere.records).toBe(0);
    // In the register, the RIEC's analyst sees the case's sighting, not the table's signal.
    const registered = await cast.ok<{ sightings: Array<{ signal: unknown; case: unknown }> }>(
      analyst,
      'GET',
      `/api/v1/subjects/${subject?.knownElsewhere.registerId}`,
    );
    expect(registered.sightings).toHaveLength(1);
    // In the same collaboration the same person is known elsewhere.
    const other = await newCase(cast, { fromSignal: await newAcceptedSignal(cast) });
    const again = await addCaseSubject(cast, other.id, person);
    expect(again.subjects.find((s) => s.label === subject?.label)?.knownElsewhere.records).toBe(1);
  });

  it('refuses a case from signals of two collaborations, and participants from outside it', async () => {
    const table = await signalTable({ riec: 'coordinator', GM0344: 'partner', politie: 'partner' });
    const inTable = await signalIn(table, 'GM0344', ['GM0344', 'politie']);
    expect(inTable.statusCode, inTable.body).toBe(201);
    const analyst = await cast.analyst();
    const step = (who: Awaited<ReturnType<Cast['analyst']>>, body: object) =>
      cast.ok(who, 'POST', `/api/v1/signals/${inTable.json().id}/transitions`, body);
    await step(analyst, { type: 'discussed' });
    await step(analyst, {
      type: 'substantiated',
      note: 'Gemeente en politie onderbouwen samen.',
      organisationIds: [await cast.org('GM0344'), await cast.org('politie')],
    });
    await step(analyst, { type: 'triaged', route: 'integral', reason: 'Meerdere partners nodig' });
    await step(await cast.chair(), { type: 'decided', decision: 'accepted' });
    const covenantSignal = await newAcceptedSignal(cast);
    const refused = await cast.call(analyst, 'POST', '/api/v1/cases', {
      codeName: 'Gemengd',
      origin: 'signal',
      type: 'subject',
      districtId: 'utrecht-stad',
      directorId: (await cast.director()).user.id,
      startedOn: dutchDay(),
      signalIds: [covenantSignal.id, inTable.json().id],
      participantIds: [await cast.org('politie')],
      originOrganisationIds: [],
      municipalityCodes: ['GM0344'],
      themeIds: [await cast.theme()],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().invalidParams).toMatchObject([{ name: 'signalIds', code: 'collaborations' }]);
    const kase = await newCase(cast, { fromSignal: covenantSignal });
    const c = await covenant();
    await cast.ok(
      await admin(),
      'DELETE',
      `/api/v1/collaborations/${c.id}/members/${await cast.org('GM0184')}`,
    );
    const participant = await cast.call(
      await cast.director(),
      'POST',
      `/api/v1/cases/${kase.id}/participants`,
      {
        organisationId: await cast.org('GM0184'),
        reason: 'Urk doet mee',
      },
    );
    expect(participant.statusCode).toBe(400);
    expect(participant.json().invalidParams).toMatchObject([
      { name: 'organisationId', code: 'not_a_member' },
    ]);
    expect((kase as CaseDetail).id).toBeDefined();
  });
});
