import type {
  CaseDetail,
  MatchExplanation,
  MatchSuggestion,
  Network,
  SubjectDetail,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addCaseSubject,
  Cast,
  createTestApp,
  newAdviserInThreeCases,
  newCase,
  newSignal,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../../testing/index.js';
import { ftmModel } from './ftm.js';

/**
 * The subject register through the API: registering from cases, an exact BSN link, a suggestion
 * for a probable match with its evidence, merge and undo with provenance kept, relations and
 * networks, FtM export and import, and what each role may learn. Each test makes its own cases.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const adviserInThreeCases = () => newAdviserInThreeCases(cast);

/** The open suggestions between subjects of this surname. */
async function suggestionsFor(surname: string): Promise<MatchSuggestion[]> {
  const list = (
    await cast.ok<{ items: MatchSuggestion[] }>(await cast.analyst(), 'GET', '/api/v1/subjects/suggestions')
  ).items;
  return list.filter((x) => x.a.label.includes(surname) && x.b.label.includes(surname));
}

async function actions(action: string, result: 'success' | 'denied' = 'success') {
  return t.database.db
    .selectFrom('userActionLog')
    .select(['action', 'traceId'])
    .where('action', '=', action)
    .where('result', '=', result)
    .execute();
}

describe(`the subject register on ${testEngine()}`, () => {
  it('links a shared BSN at once and tells a partner only how many other records know the subject', async () => {
    const { caseA, caseB } = await adviserInThreeCases();
    const police = await cast.staff('politie');
    const forPolice = await cast.ok<CaseDetail>(police, 'GET', `/api/v1/cases/${caseA.id}`);
    const adviser = forPolice.subjects.find((x) => x.role === 'facilitator');
    // Case B (by BSN) is known; the police does not take part in it, so it is hidden.
    expect(adviser?.knownElsewhere).toMatchObject({ records: 1, hidden: 1 });
    const body = JSON.stringify(forPolice);
    expect(body).not.toContain(caseB.id);
    expect(body).not.toContain('Kluis');
    // The analyst sees all of the region's cases: nothing hidden.
    const forAnalyst = await cast.ok<CaseDetail>(await cast.analyst(), 'GET', `/api/v1/cases/${caseA.id}`);
    expect(forAnalyst.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere).toMatchObject({
      records: 1,
      hidden: 0,
    });
  });

  it('suggests a probable match with the evidence per field, only to analysts, and logs whom it showed', async () => {
    const { surname } = await adviserInThreeCases();
    expect(
      (await cast.call(await cast.staff('politie'), 'GET', '/api/v1/subjects/suggestions')).statusCode,
    ).toBe(403);
    const before = new Set((await actions('subject.suggestions')).map((a) => a.traceId));
    const list = await suggestionsFor(surname);
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
    // This read was logged as a success, with the persons it showed as data subjects.
    const [logged] = (await actions('subject.suggestions')).filter((a) => !before.has(a.traceId));
    expect(logged).toBeDefined();
    const subjects = await t.database.db
      .selectFrom('processingLog')
      .select('dataSubjectType')
      .where('traceId', '=', logged?.traceId ?? '')
      .where('dataSubjectPseudonym', 'is not', null)
      .execute();
    expect(subjects.length).toBeGreaterThanOrEqual(2);
    expect(subjects.every((x) => x.dataSubjectType === 'person')).toBe(true);
  });

  it('merges on confirmation keeping every source, and undoes the merge', async () => {
    const { surname, caseA } = await adviserInThreeCases();
    const analyst = await cast.analyst();
    const [suggestion] = await suggestionsFor(surname);
    const decided = await cast.call(
      analyst,
      'POST',
      `/api/v1/subjects/suggestions/${suggestion?.id}/decision`,
      {
        decision: 'confirmed',
      },
    );
    expect(decided.statusCode, decided.body).toBe(200);
    const mergeId = decided.json().mergeId as string;
    expect(
      (
        await cast.call(analyst, 'POST', `/api/v1/subjects/suggestions/${suggestion?.id}/decision`, {
          decision: 'rejected',
        })
      ).statusCode,
    ).toBe(409);
    const survivor = (await cast.ok<{ id: string }>(analyst, 'GET', `/api/v1/subjects/${suggestion?.a.id}`))
      .id;
    const detail = await cast.ok<{
      id: string;
      sightings: Array<{ reference: string; data: { dateOfBirth: string } }>;
      merges: unknown[];
    }>(analyst, 'GET', `/api/v1/subjects/${suggestion?.b.id}`);
    expect(detail.id).toBe(survivor);
    const mergedAway = survivor === suggestion?.a.id ? suggestion?.b.id : suggestion?.a.id;
    expect(detail.sightings.map((x) => x.reference)).toHaveLength(3);
    // Each source keeps what it recorded: one with initials and a BSN, one with the dates swapped.
    expect(detail.sightings.map((x) => x.data.dateOfBirth).sort()).toEqual([
      '1971-04-12',
      '1971-04-12',
      '1971-12-04',
    ]);
    expect(detail.merges).toHaveLength(1);
    // The police now sees, for case A's adviser, two other records: case C (its own) and B (not).
    const forPolice = await cast.ok<CaseDetail>(
      await cast.staff('politie'),
      'GET',
      `/api/v1/cases/${caseA.id}`,
    );
    expect(forPolice.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere).toMatchObject({
      records: 2,
      hidden: 1,
    });

    expect(
      (await cast.call(await cast.staff('politie'), 'POST', `/api/v1/subjects/merges/${mergeId}/undo`))
        .statusCode,
    ).toBe(404);
    expect((await cast.call(analyst, 'POST', `/api/v1/subjects/merges/${mergeId}/undo`)).statusCode).toBe(
      200,
    );
    expect((await cast.call(analyst, 'POST', `/api/v1/subjects/merges/${mergeId}/undo`)).statusCode).toBe(
      409,
    );
    const after = await cast.ok<{ id: string }>(analyst, 'GET', `/api/v1/subjects/${mergedAway}`);
    expect(after.id).toBe(mergedAway);
    // Undone is as before: the suggestion is open again, to be decided anew.
    expect((await suggestionsFor(surname)).map((x) => x.id)).toEqual([suggestion?.id]);
    const again = await cast.ok<CaseDetail>(await cast.staff('politie'), 'GET', `/api/v1/cases/${caseA.id}`);
    expect(again.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere).toMatchObject({
      records: 1,
    });
    expect((await actions('subject.suggestion-confirmed')).length).toBeGreaterThan(0);
    expect((await actions('subject.merge-undo')).length).toBeGreaterThan(0);
  });

  it('records relations, draws the network and names recurring subjects and facilitators', async () => {
    const { surname, caseA } = await adviserInThreeCases();
    const analyst = await cast.analyst();
    const adviser = caseA.subjects.find((x) => x.role === 'facilitator')?.id;
    const office = caseA.subjects.find((x) => x.kind === 'company')?.id;
    const bad = await cast.call(analyst, 'POST', `/api/v1/cases/${caseA.id}/relations`, {
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
    const relation = {
      fromSubjectId: adviser,
      toSubjectId: office,
      type: 'directorship',
      startDate: '2018-03-01',
    };
    const made = await cast.call(analyst, 'POST', `/api/v1/cases/${caseA.id}/relations`, relation);
    expect(made.statusCode, made.body).toBe(201);
    // Recorded a second time (another source said the same): still one edge, recorded twice.
    const again = await cast.call(analyst, 'POST', `/api/v1/cases/${caseA.id}/relations`, relation);
    expect(again.statusCode, again.body).toBe(201);

    const forPolice = await cast.ok<Network>(
      await cast.staff('politie'),
      'GET',
      `/api/v1/cases/${caseA.id}/network`,
    );
    expect(forPolice.nodes).toHaveLength(2);
    expect(forPolice.edges).toMatchObject([{ type: 'directorship', startDate: '2018-03-01', recorded: 2 }]);
    expect(forPolice.nodes.find((n) => n.kind === 'person')).toMatchObject({ records: 2, hidden: 1 });
    expect(
      (await cast.call(await cast.staff('GM0307'), 'GET', `/api/v1/cases/${caseA.id}/network`)).statusCode,
    ).toBe(404);

    const registerId = caseA.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere.registerId;
    const around = await cast.ok<Network>(
      analyst,
      'GET',
      `/api/v1/subjects/${registerId}/network?depth=2&types=directorship&from=2019-01-01`,
    );
    expect(around.edges).toMatchObject([{ type: 'directorship', recorded: 2 }]);
    const filtered = await cast.ok<Network>(
      analyst,
      'GET',
      `/api/v1/subjects/${registerId}/network?types=family`,
    );
    expect(filtered.edges).toHaveLength(0);
    expect(
      (await cast.call(analyst, 'GET', `/api/v1/subjects/${registerId}/network?depth=9&types=friends`)).json()
        .invalidParams,
    ).toHaveLength(2);

    const cross = await cast.ok<{
      subjects: Array<{ label: string }>;
      facilitators: Array<{ label: string; cases: number }>;
    }>(analyst, 'GET', '/api/v1/subjects/cross-record');
    expect(cross.subjects.map((x) => x.label)).toContain(`Reinier de ${surname} (12 april 1971)`);
    expect(cross.facilitators.find((x) => x.label.startsWith(`Reinier de ${surname}`))).toMatchObject({
      cases: 2,
    });
    expect(
      (await cast.call(await cast.staff('politie'), 'GET', '/api/v1/subjects/cross-record')).statusCode,
    ).toBe(403);
  });

  it('exports a case as FollowTheMoney entities that check against the library', async () => {
    const { surname, caseA } = await adviserInThreeCases();
    const adviser = caseA.subjects.find((x) => x.role === 'facilitator')?.id;
    const office = caseA.subjects.find((x) => x.kind === 'company')?.id;
    await cast.ok(await cast.analyst(), 'POST', `/api/v1/cases/${caseA.id}/relations`, {
      fromSubjectId: adviser,
      toSubjectId: office,
      type: 'directorship',
      startDate: '2018-03-01',
    });
    const response = await cast.call(await cast.staff('politie'), 'GET', `/api/v1/cases/${caseA.id}/ftm`);
    expect(response.statusCode).toBe(200);
    const entities = response.body.split('\n').map((line) => JSON.parse(line));
    expect(entities.map((e) => e.schema).sort()).toEqual(['Company', 'Directorship', 'Person']);
    for (const raw of entities) {
      const schema = ftmModel.getSchema(raw.schema);
      for (const property of Object.keys(raw.properties))
        expect(schema.hasProperty(property), `${raw.schema}.${property}`).toBe(true);
      const entity = ftmModel.getEntity(raw);
      expect(entity.id).toBe(raw.id);
    }
    const person = entities.find((e) => e.schema === 'Person');
    expect(person.properties).toMatchObject({ birthDate: ['1971-04-12'], lastName: [`de ${surname}`] });
    expect(person.properties.idNumber).toHaveLength(1);
    const link = entities.find((e) => e.schema === 'Directorship');
    expect(link.properties.director).toEqual([person.id]);
  });

  it('imports FtM entities after review, all or nothing, with every refused line reported', async () => {
    const surname = uniqueSurname();
    const caseA = await newCase(cast, { participants: ['politie'] });
    const caseC = await newCase(cast, { participants: ['politie'] });
    const analyst = await cast.analyst();
    const lines = [
      JSON.stringify({
        id: 'p1',
        schema: 'Person',
        properties: { firstName: ['Youssef'], lastName: [surname], birthDate: ['1985-02-03'] },
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
    const preview = await cast.call(analyst, 'POST', `/api/v1/cases/${caseA.id}/ftm-imports`, lines, ndjson);
    expect(preview.statusCode, preview.body).toBe(201);
    const report = preview.json();
    expect(report.accepted.map((a: { line: number }) => a.line)).toEqual([1, 2, 3]);
    expect(report.refused.map((r: { line: number }) => r.line)).toEqual([4, 5, 6, 7, 8]);
    expect(report.refused.find((r: { line: number }) => r.line === 6).reason).toContain('elfproef');
    const refused = await cast.call(
      analyst,
      'POST',
      `/api/v1/cases/${caseA.id}/ftm-imports/${report.id}/apply`,
    );
    expect(refused.statusCode).toBe(409);
    expect((await cast.ok<CaseDetail>(analyst, 'GET', `/api/v1/cases/${caseA.id}`)).subjects).toHaveLength(0);

    // Already in the register, with day and month swapped: the import will be matched to it.
    await addCaseSubject(cast, caseC.id, {
      kind: 'person',
      firstNames: 'Youssef',
      surname,
      dateOfBirth: '1985-03-02',
    });
    const clean = await cast.call(
      analyst,
      'POST',
      `/api/v1/cases/${caseA.id}/ftm-imports`,
      lines.split('\n').slice(0, 3).join('\n'),
      ndjson,
    );
    const applied = await cast.call(
      analyst,
      'POST',
      `/api/v1/cases/${caseA.id}/ftm-imports/${clean.json().id}/apply`,
    );
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await cast.ok<CaseDetail>(analyst, 'GET', `/api/v1/cases/${caseA.id}`)).subjects).toHaveLength(2);
    const network = await cast.ok<Network>(analyst, 'GET', `/api/v1/cases/${caseA.id}/network`);
    expect(network.edges.map((e) => e.type)).toEqual(['ownership']);
    expect(await suggestionsFor(surname)).toHaveLength(1);
    expect(
      (
        await cast.call(
          await cast.staff('politie'),
          'POST',
          `/api/v1/cases/${caseA.id}/ftm-imports`,
          lines,
          ndjson,
        )
      ).statusCode,
    ).toBe(404);
  });

  it('does not link a shared BSN on clearly another person, and raises a conflict shown on both', async () => {
    const { caseA } = await adviserInThreeCases();
    const adviser = caseA.subjects.find((x) => x.role === 'facilitator');
    const bsn = (adviser?.data as { bsn?: string } | undefined)?.bsn;
    const signal = await newSignal(cast, {
      subjects: [
        { kind: 'person', firstNames: 'Kevin', surname: uniqueSurname(), dateOfBirth: '1985-06-30', bsn },
      ],
    });
    const analyst = await cast.analyst();
    // The adviser's case knows of no more records than before: the signal's man is someone else.
    const after = await cast.ok<CaseDetail>(analyst, 'GET', `/api/v1/cases/${caseA.id}`);
    expect(after.subjects.find((x) => x.role === 'facilitator')?.knownElsewhere.records).toBe(1);
    const registerId = adviser?.knownElsewhere.registerId;
    const adviserView = await cast.ok<SubjectDetail>(analyst, 'GET', `/api/v1/subjects/${registerId}`);
    expect(adviserView.conflicts).toHaveLength(1);
    const [conflict] = adviserView.conflicts;
    expect(conflict).toMatchObject({ identifier: 'bsn', other: { kind: 'person' } });
    expect(conflict?.other.label).toContain('Kevin');
    expect(conflict?.evidence.map((e) => e.explanation)).toEqual(['Geboortedatum verschilt']);
    const otherView = await cast.ok<SubjectDetail>(analyst, 'GET', `/api/v1/subjects/${conflict?.other.id}`);
    expect(otherView.conflicts.map((c) => c.other.id)).toEqual([registerId]);
    expect(otherView.sightings.map((x) => x.id)).toEqual([signal.id]);
    // Not suggested as the same person either: the shared BSN is not decisive for a conflict.
    const open = (
      await cast.ok<{ items: MatchSuggestion[] }>(analyst, 'GET', '/api/v1/subjects/suggestions?limit=100')
    ).items;
    expect(open.filter((x) => [x.a.id, x.b.id].includes(conflict?.other.id ?? ''))).toEqual([]);
    const compared = await cast.ok<MatchExplanation>(
      analyst,
      'GET',
      `/api/v1/subjects/${registerId}/compare/${conflict?.other.id}`,
    );
    expect(compared).toMatchObject({ conflict: true, suggestion: null, score: { decisive: false } });
    expect(compared.score?.probability).toBeLessThan(0.5);
    expect(compared.score?.evidence.map((e) => e.field)).toEqual([
      'bsn',
      'surname',
      'firstNames',
      'dateOfBirth',
      'address',
    ]);
  });
});
