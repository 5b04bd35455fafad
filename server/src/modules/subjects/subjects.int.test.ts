import type { CaseDetail, MatchSuggestion, Network } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  createTestApp,
  createUser,
  signIn,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { organisationByCode } from '../organisations/index.js';
import { ftmModel } from './ftm.js';

/**
 * The subject register through the API: registering from cases, an exact BSN link, a suggestion
 * for a probable match with its evidence, merge and undo with provenance kept, relations and
 * networks, FtM export and import, and what each role may learn.
 */
let t: TestApp;
const s: Record<string, ApiSession> = {};
const org: Record<string, string> = {};
let directorId = '';
let themeId = '';
const model = ftmModel;

const call = (
  session: ApiSession | undefined,
  method: 'GET' | 'POST',
  url: string,
  payload?: object | string,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { ...(session?.headers ?? {}), ...headers },
    ...(payload !== undefined ? { payload } : {}),
  });

async function newCase(codeName: string, participants: string[]): Promise<string> {
  const response = await call(s.analyst, 'POST', '/api/v1/cases', {
    origin: 'direct',
    originOrganisationIds: [org.politie],
    codeName,
    districtId: 'utrecht-stad',
    municipalityCodes: ['GM0344'],
    themeIds: [themeId],
    type: 'network',
    directorId,
    participantIds: participants,
    startedOn: '2026-10-01',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function addSubject(caseId: string, subject: object, role = 'main-subject'): Promise<CaseDetail> {
  const response = await call(s.analyst, 'POST', `/api/v1/cases/${caseId}/subjects`, { role, subject });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

let caseA = '';
let caseB = '';
let caseC = '';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  for (const code of ['GM0344', 'politie', 'belastingdienst', 'GM0307'])
    org[code] = (await organisationByCode(db, 'midden-nederland', code))?.id ?? '';
  const director = await createUser(db, t.keys, { roles: ['case_director'] });
  directorId = director.id;
  s.analyst = await signIn(t.app, db, await createUser(db, t.keys, { roles: ['riec_analyst'] }));
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
  themeId = (
    await db.selectFrom('themes').select('id').where('scope', '=', 'national').executeTakeFirstOrThrow()
  ).id;

  // Case A (police takes part), case B (only the tax office), case C (police).
  caseA = await newCase('Balans', [org.politie as string]);
  caseB = await newCase('Kluis', [org.belastingdienst as string]);
  caseC = await newCase('Haven', [org.politie as string]);
  await addSubject(
    caseA,
    {
      kind: 'person',
      firstNames: 'Reinier',
      prefix: 'de',
      surname: 'Vries',
      dateOfBirth: '1971-04-12',
      bsn: '123456782',
    },
    'facilitator',
  );
  await addSubject(caseA, {
    kind: 'company',
    name: 'Administratiekantoor De Balans B.V.',
    kvkNumber: '30276418',
  });
  // The same adviser in case B, by BSN: linked at once.
  await addSubject(
    caseB,
    { kind: 'person', firstNames: 'R.', surname: 'Vries, de', dateOfBirth: '1971-04-12', bsn: '123456782' },
    'facilitator',
  );
  // Probably the same man in case C: no BSN, day and month swapped, tussenvoegsel in the surname.
  await addSubject(caseC, {
    kind: 'person',
    firstNames: 'Reinier',
    surname: 'de Vries',
    dateOfBirth: '1971-12-04',
  });
});
afterAll(async () => t?.close());

describe(`the subject register on ${testEngine()}`, () => {
  it('links a shared BSN at once and tells a partner only how many other records know the subject', async () => {
    const forPolice = (await call(s.police, 'GET', `/api/v1/cases/${caseA}`)).json() as CaseDetail;
    const adviser = forPolice.subjects.find((x) => x.role === 'facilitator');
    // Case B (by BSN) is known; the police does not take part in it, so it is hidden.
    expect(adviser?.knownElsewhere).toMatchObject({ records: 1, hidden: 1 });
    const body = JSON.stringify(forPolice);
    expect(body).not.toContain(caseB);
    expect(body).not.toContain('Kluis');
    // The analyst sees all of the region's cases: nothing hidden.
    const forAnalyst = (await call(s.analyst, 'GET', `/api/v1/cases/${caseA}`)).json() as CaseDetail;
    expect(forAnalyst.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere).toMatchObject({
      records: 1,
      hidden: 0,
    });
  });

  it('suggests a probable match with the evidence per field, only to analysts', async () => {
    expect((await call(s.police, 'GET', '/api/v1/subjects/suggestions')).statusCode).toBe(403);
    const list = (await call(s.analyst, 'GET', '/api/v1/subjects/suggestions')).json()
      .items as MatchSuggestion[];
    expect(list).toHaveLength(1);
    const [suggestion] = list;
    expect(suggestion?.evidence.map((e) => `${e.field}:${e.level}`)).toEqual([
      'surname:exact',
      'firstNames:exact',
      'dateOfBirth:strong',
      'address:missing',
    ]);
    expect(suggestion?.evidence.find((e) => e.field === 'dateOfBirth')?.explanation).toBe(
      'Geboortedatum gelijk met dag en maand verwisseld',
    );
    // Logged, with the data subjects read.
    const logged = await t.database.db
      .selectFrom('userActionLog')
      .select('action')
      .where('action', '=', 'subject.suggestions')
      .execute();
    expect(logged.length).toBeGreaterThan(0);
  });

  it('merges on confirmation keeping every source, and undoes the merge', async () => {
    const [suggestion] = (await call(s.analyst, 'GET', '/api/v1/subjects/suggestions')).json()
      .items as MatchSuggestion[];
    const decided = await call(s.analyst, 'POST', `/api/v1/subjects/suggestions/${suggestion?.id}/decision`, {
      decision: 'confirmed',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const mergeId = decided.json().mergeId as string;
    expect(
      (
        await call(s.analyst, 'POST', `/api/v1/subjects/suggestions/${suggestion?.id}/decision`, {
          decision: 'rejected',
        })
      ).statusCode,
    ).toBe(409);
    const survivor = (await call(s.analyst, 'GET', `/api/v1/subjects/${suggestion?.a.id}`)).json()
      .id as string;
    const detail = (await call(s.analyst, 'GET', `/api/v1/subjects/${suggestion?.b.id}`)).json();
    expect(detail.id).toBe(survivor);
    const mergedAway = survivor === suggestion?.a.id ? suggestion?.b.id : suggestion?.a.id;
    expect(detail.sightings.map((x: { reference: string }) => x.reference).length).toBe(3);
    // Each source keeps what it recorded: one with initials and a BSN, one with the dates swapped.
    expect(detail.sightings.map((x: { data: { dateOfBirth: string } }) => x.data.dateOfBirth).sort()).toEqual(
      ['1971-04-12', '1971-04-12', '1971-12-04'],
    );
    expect(detail.merges).toHaveLength(1);
    // The police now sees, for case A's adviser, two other records: case C (its own) and B (not).
    const forPolice = (await call(s.police, 'GET', `/api/v1/cases/${caseA}`)).json() as CaseDetail;
    expect(forPolice.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere).toMatchObject({
      records: 2,
      hidden: 1,
    });

    expect((await call(s.police, 'POST', `/api/v1/subjects/merges/${mergeId}/undo`)).statusCode).toBe(404);
    expect((await call(s.analyst, 'POST', `/api/v1/subjects/merges/${mergeId}/undo`)).statusCode).toBe(200);
    expect((await call(s.analyst, 'POST', `/api/v1/subjects/merges/${mergeId}/undo`)).statusCode).toBe(409);
    const after = (await call(s.analyst, 'GET', `/api/v1/subjects/${mergedAway}`)).json();
    expect(after.id).toBe(mergedAway);
    const actions = await t.database.db
      .selectFrom('userActionLog')
      .select('action')
      .where('action', 'in', ['subject.suggestion-confirmed', 'subject.merge-undo'])
      .where('result', '=', 'success')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'subject.merge-undo',
      'subject.suggestion-confirmed',
    ]);
  });

  it('records relations, draws the network and names recurring subjects and facilitators', async () => {
    const detail = (await call(s.analyst, 'GET', `/api/v1/cases/${caseA}`)).json() as CaseDetail;
    const adviser = detail.subjects.find((x) => x.role === 'facilitator')?.id;
    const office = detail.subjects.find((x) => x.kind === 'company')?.id;
    const bad = await call(s.analyst, 'POST', `/api/v1/cases/${caseA}/relations`, {
      fromSubjectId: adviser,
      toSubjectId: adviser,
      type: 'directorship',
      startDate: '2020-01-01',
      endDate: '2019-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .invalidParams.map((p: { name: string }) => p.name)
        .sort(),
    ).toEqual(['endDate', 'toSubjectId']);
    const made = await call(s.analyst, 'POST', `/api/v1/cases/${caseA}/relations`, {
      fromSubjectId: adviser,
      toSubjectId: office,
      type: 'directorship',
      startDate: '2018-03-01',
    });
    expect(made.statusCode, made.body).toBe(201);
    // Recorded a second time (another source said the same): still one edge, recorded twice.
    const again = await call(s.analyst, 'POST', `/api/v1/cases/${caseA}/relations`, {
      fromSubjectId: adviser,
      toSubjectId: office,
      type: 'directorship',
      startDate: '2018-03-01',
    });
    expect(again.statusCode, again.body).toBe(201);

    const forPolice = (await call(s.police, 'GET', `/api/v1/cases/${caseA}/network`)).json() as Network;
    expect(forPolice.nodes).toHaveLength(2);
    expect(forPolice.edges).toMatchObject([{ type: 'directorship', startDate: '2018-03-01', recorded: 2 }]);
    expect(forPolice.nodes.find((n) => n.kind === 'person')).toMatchObject({ records: 2, hidden: 1 });
    expect((await call(s.amersfoort, 'GET', `/api/v1/cases/${caseA}/network`)).statusCode).toBe(404);

    const registerId = detail.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere.registerId;
    const around = (
      await call(
        s.analyst,
        'GET',
        `/api/v1/subjects/${registerId}/network?depth=2&types=directorship&from=2019-01-01`,
      )
    ).json() as Network;
    expect(around.edges).toMatchObject([{ type: 'directorship', recorded: 2 }]);
    const filtered = (
      await call(s.analyst, 'GET', `/api/v1/subjects/${registerId}/network?types=family`)
    ).json() as Network;
    expect(filtered.edges).toHaveLength(0);
    expect(
      (await call(s.analyst, 'GET', `/api/v1/subjects/${registerId}/network?depth=9&types=friends`)).json()
        .invalidParams,
    ).toHaveLength(2);

    const cross = (await call(s.analyst, 'GET', '/api/v1/subjects/cross-record')).json();
    expect(cross.subjects.map((x: { label: string }) => x.label)).toContain('Reinier de Vries (1971-04-12)');
    expect(cross.facilitators.find((x: { label: string }) => x.label.startsWith('Reinier'))).toMatchObject({
      cases: 2,
    });
    expect((await call(s.police, 'GET', '/api/v1/subjects/cross-record')).statusCode).toBe(403);
  });

  it('exports a case as FollowTheMoney entities that check against the library', async () => {
    const response = await call(s.police, 'GET', `/api/v1/cases/${caseA}/ftm`);
    expect(response.statusCode).toBe(200);
    const entities = response.body.split('\n').map((line) => JSON.parse(line));
    expect(entities.map((e) => e.schema).sort()).toEqual(['Company', 'Directorship', 'Person']);
    for (const raw of entities) {
      const schema = model.getSchema(raw.schema);
      for (const property of Object.keys(raw.properties))
        expect(schema.hasProperty(property), `${raw.schema}.${property}`).toBe(true);
      const entity = model.getEntity(raw);
      expect(entity.id).toBe(raw.id);
    }
    const person = entities.find((e) => e.schema === 'Person');
    expect(person.properties).toMatchObject({
      birthDate: ['1971-04-12'],
      idNumber: ['123456782'],
      lastName: ['de Vries'],
    });
    const link = entities.find((e) => e.schema === 'Directorship');
    expect(link.properties.director).toEqual([person.id]);
  });

  it('imports FtM entities after review, all or nothing, with every refused line reported', async () => {
    const lines = [
      JSON.stringify({
        id: 'p1',
        schema: 'Person',
        properties: { firstName: ['Youssef'], lastName: ['Bouzid'], birthDate: ['1985-02-03'] },
      }),
      JSON.stringify({
        id: 'c1',
        schema: 'Company',
        properties: { name: ['Car Wash Express B.V.'], registrationNumber: ['12345678'] },
      }),
      JSON.stringify({
        id: 'o1',
        schema: 'Ownership',
        properties: { owner: ['p1'], asset: ['c1'], startDate: ['2021-05-01'] },
      }),
      '{ not json',
      JSON.stringify({ id: 'x1', schema: 'Spaceship', properties: {} }),
      JSON.stringify({
        id: 'p2',
        schema: 'Person',
        properties: { lastName: ['Jansen'], idNumber: ['123456789'] },
      }),
      JSON.stringify({
        id: 'b1',
        schema: 'BankAccount',
        properties: { iban: ['NL00ABNA0000000000'], colour: ['red'] },
      }),
      JSON.stringify({ id: 'o2', schema: 'Ownership', properties: { owner: ['p9'], asset: ['c1'] } }),
    ].join('\n');
    const ndjson = { 'content-type': 'application/x-ndjson' };
    const preview = await call(s.analyst, 'POST', `/api/v1/cases/${caseA}/ftm-imports`, lines, ndjson);
    expect(preview.statusCode, preview.body).toBe(201);
    const report = preview.json();
    expect(report.accepted.map((a: { line: number }) => a.line)).toEqual([1, 2, 3]);
    expect(report.refused.map((r: { line: number }) => r.line)).toEqual([4, 5, 6, 7, 8]);
    expect(report.refused.find((r: { line: number }) => r.line === 6).reason).toContain('elfproef');
    const before = (await call(s.analyst, 'GET', `/api/v1/cases/${caseA}`)).json().subjects.length;
    const refused = await call(s.analyst, 'POST', `/api/v1/cases/${caseA}/ftm-imports/${report.id}/apply`);
    expect(refused.statusCode).toBe(409);
    expect((await call(s.analyst, 'GET', `/api/v1/cases/${caseA}`)).json().subjects.length).toBe(before);

    // Already in the register, with day and month swapped: the import will be matched to it.
    await addSubject(caseC, {
      kind: 'person',
      firstNames: 'Youssef',
      surname: 'Bouzid',
      dateOfBirth: '1985-03-02',
    });
    const clean = await call(
      s.analyst,
      'POST',
      `/api/v1/cases/${caseA}/ftm-imports`,
      lines.split('\n').slice(0, 3).join('\n'),
      ndjson,
    );
    const applied = await call(
      s.analyst,
      'POST',
      `/api/v1/cases/${caseA}/ftm-imports/${clean.json().id}/apply`,
    );
    expect(applied.statusCode, applied.body).toBe(200);
    const network = (await call(s.analyst, 'GET', `/api/v1/cases/${caseA}/network`)).json() as Network;
    expect(network.edges.map((e) => e.type).sort()).toEqual(['directorship', 'ownership']);
    const suggestions = (await call(s.analyst, 'GET', '/api/v1/subjects/suggestions')).json()
      .items as MatchSuggestion[];
    expect(
      suggestions.some(
        (x) => x.a.label.startsWith('Youssef Bouzid') && x.b.label.startsWith('Youssef Bouzid'),
      ),
    ).toBe(true);
    expect(
      (await call(s.police, 'POST', `/api/v1/cases/${caseA}/ftm-imports`, lines, ndjson)).statusCode,
    ).toBe(404);
  });
});
