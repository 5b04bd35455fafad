import type {
  CollaborationSummary,
  DestructionList,
  DestructionListSummary,
  JobRun,
  MatchSuggestion,
  SignalDetail,
} from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  newPerson,
  newSignal,
  type TestApp,
  testEngine,
  uniqueSurname,
} from '../testing/index.js';
import { type JobRunner, startJobs } from './runner.js';

/**
 * The job runner (pg-boss on Samenspel's own database, the embedded one too): an approved
 * destruction list is handed to it and destroyed without anyone starting it; the run is recorded
 * with its counts. Also: a signal not accepted is due after its term, its subject leaves the
 * register with it, and the signal can no longer be opened.
 */
let t: TestApp;
let cast: Cast;
let jobs: JobRunner;
let clock = new Date();

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  cast = new Cast(t);
  jobs = await startJobs(t.services);
});
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

describe(`the job runner on ${testEngine()}`, () => {
  it('destroys an approved list by itself and records the run', async () => {
    clock = new Date();
    const admin = await cast.member(['administrator']);
    const [covenant] = (
      await cast.ok<{ items: CollaborationSummary[] }>(admin, 'GET', '/api/v1/collaborations')
    ).items;
    await cast.ok(
      admin,
      'PUT',
      `/api/v1/collaborations/${covenant?.id}/retention-terms/signal-not-accepted`,
      {
        runsFrom: 'decision',
        months: 6,
      },
    );
    const person = newPerson();
    const signal = await newSignal(cast, { stage: 'triaged', subjects: [person] });
    await cast.ok<SignalDetail>(await cast.chair(), 'POST', `/api/v1/signals/${signal.id}/transitions`, {
      type: 'decided',
      decision: 'not-accepted',
      reason: 'regular-enforcement',
      note: 'Past bij de reguliere handhaving van de gemeente.',
    });
    const analyst = await cast.analyst();
    expect((await cast.call(analyst, 'GET', `/api/v1/signals/${signal.id}`)).statusCode).toBe(200);

    // Five months on nothing is due; seven months on the signal is.
    const officer = await cast.member(['privacy_officer']);
    const drafted = async () =>
      (
        await cast.ok<{ items: DestructionListSummary[] }>(officer, 'POST', '/api/v1/destruction-lists')
      ).items.find((l) => l.status === 'draft');
    clock = new Date(Date.now() + 150 * 86_400_000);
    expect((await drafted())?.counts.due ?? 0).toBe(0);
    clock = new Date(Date.now() + 213 * 86_400_000);
    const list = await drafted();
    expect(list?.counts.due).toBe(1);

    await cast.ok<DestructionList>(officer, 'POST', `/api/v1/destruction-lists/${list?.id}/submit`);
    await cast.ok<DestructionList>(
      await cast.manager(),
      'POST',
      `/api/v1/destruction-lists/${list?.id}/approve`,
    );
    let detail: DestructionList | undefined;
    for (let i = 0; i < 150 && detail?.status !== 'executed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      detail = await cast.ok<DestructionList>(officer, 'GET', `/api/v1/destruction-lists/${list?.id}`);
    }
    expect(detail).toMatchObject({ status: 'executed', counts: { destroyed: 1 } });
    expect(detail?.receipts.map((r) => r.organisation)).toContain('Gemeente Utrecht');

    const runs = (await cast.ok<{ items: JobRun[] }>(officer, 'GET', '/api/v1/job-runs')).items;
    expect(runs.find((r) => r.job === 'retention-destroy')).toMatchObject({
      status: 'ok',
      period: list?.id,
      counts: expect.objectContaining({ destroyed: 1, subjects: 1, sightings: 1 }),
    });
    const drafts = runs.filter((r) => r.job === 'retention-draft');
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(drafts.every((r) => r.status === 'ok')).toBe(true);
    // The administrator sees the runs too, a partner does not.
    expect(
      (await cast.call(await cast.member(['administrator']), 'GET', '/api/v1/job-runs')).statusCode,
    ).toBe(200);
    expect((await cast.call(await cast.staff('politie'), 'GET', '/api/v1/job-runs')).statusCode).toBe(403);

    // The signal is gone for everyone, and its person from the register.
    expect((await cast.call(analyst, 'GET', `/api/v1/signals/${signal.id}`)).statusCode).toBe(404);
    const found = await t.database.db
      .selectFrom('subjects')
      .select('id')
      .where('label', 'like', `%${person.kind === 'person' ? person.surname : ''}%`)
      .execute();
    expect(found).toEqual([]);
  });

  it('destroys two records of one person the analyst merged, with the merge and its suggestion', async () => {
    clock = new Date();
    const surname = uniqueSurname();
    const person = { kind: 'person' as const, firstNames: 'Karel', surname, dateOfBirth: '1971-04-09' };
    const chair = await cast.chair();
    const officer = await cast.member(['privacy_officer']);
    for (const dateOfBirth of ['1971-04-09', '1971-09-04']) {
      const signal = await newSignal(cast, { stage: 'triaged', subjects: [{ ...person, dateOfBirth }] });
      await cast.ok<SignalDetail>(chair, 'POST', `/api/v1/signals/${signal.id}/transitions`, {
        type: 'decided',
        decision: 'not-accepted',
        reason: 'regular-enforcement',
        note: 'Past bij de reguliere handhaving van de gemeente.',
      });
    }
    const analyst = await cast.analyst();
    const suggestion = (
      await cast.ok<{ items: MatchSuggestion[] }>(analyst, 'GET', '/api/v1/subjects/suggestions')
    ).items.find((x) => x.a.label.includes(surname) && x.b.label.includes(surname));
    expect(suggestion).toBeDefined();
    await cast.ok(analyst, 'POST', `/api/v1/subjects/suggestions/${suggestion?.id}/decision`, {
      decision: 'confirmed',
    });

    // Seven months on: both signals are due.
    clock = new Date(Date.now() + 200 * 86_400_000);
    const list = (
      await cast.ok<{ items: DestructionListSummary[] }>(officer, 'POST', '/api/v1/destruction-lists')
    ).items.find((l) => l.status === 'draft');
    expect(list?.counts.due).toBe(2);
    await cast.ok(officer, 'POST', `/api/v1/destruction-lists/${list?.id}/submit`);
    await cast.ok(await cast.manager(), 'POST', `/api/v1/destruction-lists/${list?.id}/approve`);
    let detail: DestructionList | undefined;
    for (let i = 0; i < 150 && detail?.status !== 'executed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      detail = await cast.ok<DestructionList>(officer, 'GET', `/api/v1/destruction-lists/${list?.id}`);
    }
    expect(detail).toMatchObject({ status: 'executed', counts: { destroyed: 2 } });
    const db = t.database.db;
    expect(
      await db.selectFrom('subjects').select('id').where('label', 'like', `%${surname}%`).execute(),
    ).toEqual([]);
    expect(
      await db
        .selectFrom('subjectMerges')
        .select('id')
        .where('suggestionId', '=', suggestion?.id ?? '')
        .execute(),
    ).toEqual([]);
  });
});
