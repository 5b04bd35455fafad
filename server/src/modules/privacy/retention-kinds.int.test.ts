import { access } from 'node:fs/promises';
import path from 'node:path';
import type { CollaborationSummary, DestructionList, DestructionListSummary } from '@samenspel/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  multipartFile,
  newCase,
  newPerson,
  newRound,
  newSignal,
  smallPdf,
  type TestApp,
  testEngine,
} from '../../testing/index.js';

/**
 * Every kind of record the terms name is destroyed with what hangs from it, and each partner
 * gets its receipt: a signal not accepted and one referred, a closed case with its attachment
 * (the file too), a closed hit/no-hit round with the requests that announced it, a rejected
 * match suggestion and an import's error file. The services' clock is moved past the terms.
 */
let t: TestApp;
let cast: Cast;
let clock = new Date();

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.database.db)).rows[0];

describe(`destroying each kind of record on ${testEngine()}`, () => {
  it('destroys every kind with what hangs from it, and gives each partner its receipt', async () => {
    const admin = await cast.member(['administrator']);
    const [covenant] = (
      await cast.ok<{ items: CollaborationSummary[] }>(admin, 'GET', '/api/v1/collaborations')
    ).items;
    if (!covenant) throw new Error('no covenant');
    for (const [kind, runsFrom] of [
      ['signal-not-accepted', 'decision'],
      ['signal-referred', 'decision'],
      ['case-closed', 'closure'],
      ['attachment', 'closure'],
      ['hitcheck-round', 'closure'],
      ['suggestion-rejected', 'decision'],
      ['import-errors', 'creation'],
    ] as const)
      await cast.ok(admin, 'PUT', `/api/v1/collaborations/${covenant.id}/retention-terms/${kind}`, {
        runsFrom,
        months: 1,
      });

    // A signal not accepted, one referred to the Tax Administration, and a round closed.
    const chair = await cast.chair();
    const refused = await newSignal(cast, { stage: 'triaged', subjects: [newPerson()] });
    await cast.ok(chair, 'POST', `/api/v1/signals/${refused.id}/transitions`, {
      type: 'decided',
      decision: 'not-accepted',
      reason: 'not-subversive',
    });
    const referred = await newSignal(cast, { stage: 'triaged', subjects: [newPerson()] });
    await cast.ok(chair, 'POST', `/api/v1/signals/${referred.id}/transitions`, {
      type: 'decided',
      decision: 'referred',
      referredToOrganisationId: await cast.org('belastingdienst'),
      note: 'Fiscaal.',
    });
    await cast.staff('politie'); // someone to hear of the round
    const { roundId } = await newRound(cast);
    await cast.ok(await cast.analyst(), 'POST', `/api/v1/hit-check-rounds/${roundId}/close`);
    const roundLinks = () =>
      one(
        sql<{
          n: number;
        }>`select count(*)::int as n from notifications where link = ${`/hit-no-hit#ronde-${roundId}`}`,
      );
    expect((await roundLinks())?.n).toBeGreaterThan(0);

    // A case with an attachment, evaluated and closed.
    const c = await newCase(cast, { phase: 'evaluation', participants: ['politie'] });
    const director = await cast.director();
    const upload = multipartFile(smallPdf, 'rapport.pdf', 'application/pdf', {
      title: 'Rapport',
      documentType: 'overig',
      classification: 'intern',
    });
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/attachments`,
      payload: upload.payload,
      headers: { ...director.headers, ...upload.headers },
    });
    expect(uploaded.statusCode, uploaded.body).toBeLessThan(300);
    const file = await one(
      sql<{
        storageName: string;
      }>`select storage_name as "storageName" from attachments where case_id = ${c.id}`,
    );
    await cast.ok(director, 'PUT', `/api/v1/cases/${c.id}/evaluation`, {
      whatWorked: 'Samen',
      whatDidNot: 'Traag',
      lessons: 'Eerder beginnen',
    });
    await cast.ok(director, 'POST', `/api/v1/cases/${c.id}/phase`, { type: 'close' });

    // A rejected suggestion between two register persons, and an import with a refused row.
    const [a, b] = (
      await sql<{ id: string }>`select s.id from subjects s join subject_sightings g on g.subject_id = s.id
        where g.signal_id = any(${[refused.id, referred.id]}::uuid[]) order by s.id`.execute(t.database.db)
    ).rows;
    const suggestion = await one(sql<{ id: string }>`
      insert into match_suggestions (region_id, subject_a, subject_b, probability, evidence, status, decided_at, created_at)
      values ('midden-nederland', ${a?.id}, ${b?.id}, 0.5, '[]', 'rejected', ${clock}, ${clock}) returning id`);
    const manager = await cast.manager();
    const dryRun = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/finance?mode=dry-run&fileName=financien.csv',
      payload: Buffer.from('Jaar;Regel;Begroting\n2021;Bijdragen gemeenten;291000\n2021;Geen regel;5\n'),
      headers: { ...manager.headers, 'content-type': 'text/csv' },
    });
    const importId = dryRun.json().id as string;

    // Three months on, the daily run finds them all; the FG submits, the programme manager approves.
    clock = new Date(Date.now() + 100 * 86_400_000);
    const fg = await cast.member(['privacy_officer']);
    const lists = await cast.ok<{ items: DestructionListSummary[] }>(fg, 'POST', '/api/v1/destruction-lists');
    const summary = lists.items.find((l) => l.collaboration === covenant.name);
    if (!summary) throw new Error('no list');
    let list = await cast.ok<DestructionList>(fg, 'GET', `/api/v1/destruction-lists/${summary.id}`);
    const kinds = new Set(list.items.map((i) => i.recordKind));
    expect([...kinds].sort()).toEqual(
      [
        'attachment',
        'case-closed',
        'hitcheck-round',
        'import-errors',
        'signal-not-accepted',
        'signal-referred',
        'suggestion-rejected',
      ].sort(),
    );
    await cast.ok(fg, 'POST', `/api/v1/destruction-lists/${summary.id}/submit`);
    await cast.ok(await cast.manager(), 'POST', `/api/v1/destruction-lists/${summary.id}/approve`);
    await t.services.retention.executeList(summary.id);
    list = await cast.ok<DestructionList>(fg, 'GET', `/api/v1/destruction-lists/${summary.id}`);
    expect(list.status).toBe('executed');
    expect(list.items.every((i) => i.status === 'destroyed')).toBe(true);

    // What hangs from each is gone; the anonymous remainder of signals and cases stays.
    const left = await one(sql<Record<string, number>>`select
      (select count(*)::int from signal_subjects where signal_id = any(${[refused.id, referred.id]}::uuid[])) as "signalSubjects",
      (select count(*)::int from signals where id = any(${[refused.id, referred.id]}::uuid[]) and destroyed_at is not null) as "signalsMarked",
      (select count(*)::int from hitcheck_rounds where id = ${roundId}) as rounds,
      (select count(*)::int from cases where id = ${c.id} and destroyed_at is not null) as "casesMarked",
      (select count(*)::int from case_subjects where case_id = ${c.id}) as "caseSubjects",
      (select count(*)::int from attachments where case_id = ${c.id}) as attachments,
      (select count(*)::int from match_suggestions where id = ${suggestion?.id}) as suggestions,
      (select jsonb_array_length(coalesce(error_rows -> 'rows', '[]')) from imports where id = ${importId}) as "errorRows"`);
    expect(left).toEqual({
      signalSubjects: 0,
      signalsMarked: 2,
      rounds: 0,
      casesMarked: 1,
      caseSubjects: 0,
      attachments: 0,
      suggestions: 0,
      errorRows: 0,
    });
    expect((await roundLinks())?.n).toBe(0);
    await expect(access(path.join(t.attachmentsDir, file?.storageName ?? 'none'))).rejects.toThrow();

    // A receipt per partner, with counts per kind and nothing else.
    const utrecht = list.receipts.find((r) => r.organisation === 'Gemeente Utrecht');
    expect(utrecht?.counts).toMatchObject({ 'signal-not-accepted': 1, 'signal-referred': 1 });
    const police = list.receipts.find((r) => r.organisation.startsWith('Politie'));
    expect(police?.counts).toMatchObject({ 'case-closed': 1 });
    expect(JSON.stringify(list.receipts)).not.toContain(refused.reference);
  });
});
