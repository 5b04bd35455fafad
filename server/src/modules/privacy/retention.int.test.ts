import type {
  AccountabilityReport,
  CollaborationSummary,
  DestructionList,
  DestructionListSummary,
  JobRun,
  LegalHold,
} from '@samenspel/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Cast,
  createTestApp,
  DEMO_TIMEOUT,
  dutchDay,
  type TestApp,
  testEngine,
} from '../../testing/index.js';
import { phaseAndResultCounts } from '../reports/index.js';

/**
 * Retention that deletes, on the demo region: the daily run drafts a list per collaboration, one
 * person submits it and another approves it, postponements and holds are honoured (a hold placed
 * after approval too), a destruction killed halfway resumes without deleting twice or leaving
 * orphans, and the 2021 accountability figures do not move.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  cast = new Cast(t);
}, DEMO_TIMEOUT);
afterAll(async () => t?.close());

const fg = () => cast.member(['privacy_officer']);
const admin = () => cast.member(['administrator']);

async function accountability(year: number): Promise<AccountabilityReport> {
  return cast.ok<AccountabilityReport>(
    await cast.manager(),
    'GET',
    `/api/v1/reports/accountability?year=${year}`,
  );
}

const count = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  (await query.execute(t.database.db)).rows[0]?.n ?? -1;

describe(`retention and destruction on ${testEngine()}`, () => {
  it(
    'drafts, takes four eyes, honours a postponement and a hold placed after approval, resumes after two faults, and leaves the 2021 figures as they were',
    async () => {
      const before2021 = await accountability(2021);
      // The cases' phases at the year's end (case progress) read what a step moved a case to.
      const region = { kind: 'region' as const, regionId: 'midden-nederland' };
      const year2021 = { from: '2021-01-01', to: '2021-12-31' };
      const phases2021 = await phaseAndResultCounts(t.database.db, region, year2021);
      const before2020 = await accountability(2020);

      // Short terms, so that every closed case and every signal not accepted is due now.
      const [covenant] = (
        await cast.ok<{ items: CollaborationSummary[] }>(await admin(), 'GET', '/api/v1/collaborations')
      ).items;
      if (!covenant) throw new Error('no covenant');
      for (const kind of ['case-closed', 'signal-not-accepted'])
        await cast.ok(await admin(), 'PUT', `/api/v1/collaborations/${covenant.id}/retention-terms/${kind}`, {
          runsFrom: kind === 'case-closed' ? 'closure' : 'decision',
          months: 1,
        });

      // Nobody but the FG drafts; a partner cannot even see the lists.
      expect((await cast.call(undefined, 'GET', '/api/v1/destruction-lists')).statusCode).toBe(401);
      expect(
        (await cast.call(await cast.staff('politie'), 'GET', '/api/v1/destruction-lists')).statusCode,
      ).toBe(403);
      expect((await cast.call(await cast.manager(), 'POST', '/api/v1/destruction-lists')).statusCode).toBe(
        403,
      );

      const drafted = await cast.ok<{ items: DestructionListSummary[] }>(
        await fg(),
        'POST',
        '/api/v1/destruction-lists',
      );
      // The run of a day is one run: a second call that day drafts nothing again.
      await cast.ok(await fg(), 'POST', '/api/v1/destruction-lists');
      const runs = await cast.ok<{ items: JobRun[] }>(await fg(), 'GET', '/api/v1/job-runs');
      const draftRuns = runs.items.filter((r) => r.job === 'retention-draft');
      expect(draftRuns).toHaveLength(1);
      expect(draftRuns[0]).toMatchObject({ status: 'ok', attempts: 1 });

      const summary = drafted.items.find((l) => l.collaboration === covenant.name);
      if (!summary) throw new Error('no list');
      expect(summary.status).toBe('draft');
      let list = await cast.ok<DestructionList>(await fg(), 'GET', `/api/v1/destruction-lists/${summary.id}`);
      const cases = list.items.filter((i) => i.recordKind === 'case-closed');
      const signals = list.items.filter((i) => i.recordKind === 'signal-not-accepted');
      expect(cases.length).toBeGreaterThan(10);
      expect(signals.length).toBeGreaterThan(0);
      expect(list.items.every((i) => i.status === 'due')).toBe(true);
      // Numbers, never names.
      expect(cases.every((i) => /^[A-Z]/.test(i.label))).toBe(true);

      // A postponement needs a date after today and a reason; it is counted per record.
      const [postponed, held, ...rest] = cases;
      if (!postponed || !held || !rest.length) throw new Error('too few cases');
      const postpone = (body: object) =>
        cast.call(
          officer,
          'POST',
          `/api/v1/destruction-lists/${list.id}/items/${postponed.id}/postpone`,
          body,
        );
      const officer = await fg();
      for (const [body, field] of [
        [{ until: dutchDay(30), reason: 'x' }, 'reason'],
        [{ until: dutchDay(0), reason: 'Het OM beslist binnenkort' }, 'until'],
      ] as const) {
        const refused = await postpone(body);
        expect(refused.statusCode).toBe(400);
        expect(refused.json().invalidParams.map((p: { name: string }) => p.name)).toEqual([field]);
      }
      list = await cast.ok<DestructionList>(
        await fg(),
        'POST',
        `/api/v1/destruction-lists/${list.id}/items/${postponed.id}/postpone`,
        { until: dutchDay(90), reason: 'Het OM beslist binnenkort over vervolging' },
      );
      expect(list.items.find((i) => i.id === postponed.id)).toMatchObject({ status: 'postponed' });
      const stats = await cast.ok<{ items: Array<{ label: string; postponements: number }> }>(
        await fg(),
        'GET',
        '/api/v1/retention-postponements',
      );
      expect(stats.items).toContainEqual(
        expect.objectContaining({ label: postponed.label, postponements: 1 }),
      );

      // Four eyes: who submitted cannot approve; a second person can.
      list = await cast.ok<DestructionList>(
        await fg(),
        'POST',
        `/api/v1/destruction-lists/${list.id}/submit`,
      );
      expect(list).toMatchObject({ status: 'submitted', may: { approve: false } });
      const self = await cast.call(await fg(), 'POST', `/api/v1/destruction-lists/${list.id}/approve`);
      expect(self.statusCode).toBe(409);
      expect(self.json().detail).toContain('tweede persoon');
      expect(
        (await cast.call(await cast.analyst(), 'POST', `/api/v1/destruction-lists/${list.id}/approve`))
          .statusCode,
      ).toBe(404);
      list = await cast.ok<DestructionList>(
        await cast.manager(),
        'POST',
        `/api/v1/destruction-lists/${list.id}/approve`,
      );
      expect(list.status).toBe('approved');

      // A hold placed after approval, before the job runs, is honoured.
      const hold = await cast.ok<LegalHold>(await fg(), 'POST', '/api/v1/legal-holds', {
        reference: held.label,
        ground: 'criminal-investigation',
        reason: 'Strafrechtelijk onderzoek loopt nog',
      });
      expect(hold).toMatchObject({ recordKind: 'case', recordId: held.recordId, liftedAt: null });
      const unknown = await cast.call(await fg(), 'POST', '/api/v1/legal-holds', {
        reference: 'XX-0000',
        ground: 'other',
        reason: 'Onbekend nummer',
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().invalidParams[0]).toMatchObject({ name: 'reference', code: 'unknown_reference' });

      // A case of the list reopened and closed again today, after approval: its term runs anew.
      const reclosed = rest.pop();
      if (!reclosed) throw new Error('too few cases');
      const { rows: closure } = await sql<{ closedOn: string }>`
        select closed_on::text as "closedOn" from cases where id = ${reclosed.recordId}`.execute(
        t.database.db,
      );
      await sql`update cases set closed_on = ${dutchDay()}::date where id = ${reclosed.recordId}`.execute(
        t.database.db,
      );

      // A case of the list with a subject in the register, to follow what happens to it.
      const destroyedIds = rest.map((i) => i.recordId);
      const sightingsBefore = await count(
        sql<{
          n: number;
        }>`select count(*)::int as n from subject_sightings where case_id = any(${destroyedIds}::uuid[])`,
      );
      expect(sightingsBefore).toBeGreaterThan(0);

      // Killed inside a batch (rolled back), then just after one (committed): each time the run
      // stops, and the next one goes on where the last left off.
      const retention = t.services.retention;
      await expect(
        retention.executeList(list.id, { batchSize: 4, fault: { batch: 2, at: 'before-commit' } }),
      ).rejects.toThrow('storing');
      await expect(
        retention.executeList(list.id, { batchSize: 4, fault: { batch: 2, at: 'after-commit' } }),
      ).rejects.toThrow('storing');
      const halfway = await cast.ok<DestructionList>(
        await fg(),
        'GET',
        `/api/v1/destruction-lists/${list.id}`,
      );
      // Three batches of four committed: destroyed, or found held (the hold placed after approval)
      // or no longer due (closed anew).
      expect(halfway.counts.destroyed + halfway.counts.held + halfway.counts['not-due']).toBe(12);
      const done = await retention.executeList(list.id, { batchSize: 4 });
      expect(done?.counts.destroyed).toBe(list.items.length - 3 - halfway.counts.destroyed);

      list = await cast.ok<DestructionList>(await fg(), 'GET', `/api/v1/destruction-lists/${list.id}`);
      expect(list.status).toBe('executed');
      expect(list.items.find((i) => i.id === held.id)?.status).toBe('held');
      expect(list.items.find((i) => i.id === postponed.id)?.status).toBe('postponed');
      expect(list.items.find((i) => i.id === reclosed.id)?.status).toBe('not-due');
      expect(list.counts).toMatchObject({ due: 0, destroyed: list.items.length - 3 });
      expect(list.receipts.length).toBeGreaterThan(1);
      // Each partner's receipt counts a case once, also when it both brought it in and took part.
      const destroyedCases = list.items.filter(
        (i) => i.recordKind === 'case-closed' && i.status === 'destroyed',
      );
      expect(Math.max(...list.receipts.map((r) => r.counts['case-closed'] ?? 0))).toBeLessThanOrEqual(
        destroyedCases.length,
      );
      const destroyRun = (
        await cast.ok<{ items: JobRun[] }>(await fg(), 'GET', '/api/v1/job-runs')
      ).items.find((r) => r.job === 'retention-destroy');
      expect(destroyRun).toMatchObject({ status: 'ok', attempts: 3, period: list.id });

      // Nothing of a destroyed case is left to open, list or find; no orphans in the register.
      const analyst = await cast.analyst();
      expect((await cast.call(analyst, 'GET', `/api/v1/cases/${rest[0]?.recordId}`)).statusCode).toBe(404);
      expect((await cast.call(analyst, 'GET', `/api/v1/cases/${held.recordId}`)).statusCode).toBe(200);
      expect(
        await count(
          sql<{
            n: number;
          }>`select count(*)::int as n from subject_sightings where case_id = any(${destroyedIds}::uuid[])`,
        ),
      ).toBe(0);
      expect(
        await count(
          sql<{
            n: number;
          }>`select count(*)::int as n from case_subjects where case_id = any(${destroyedIds}::uuid[])`,
        ),
      ).toBe(0);
      expect(
        await count(sql<{ n: number }>`select count(*)::int as n from subjects s
          where not exists (select 1 from subject_sightings g where g.subject_id = s.id)
            and not exists (select 1 from subjects m where m.merged_into = s.id)`),
      ).toBe(0);
      expect(
        await count(sql<{ n: number }>`select count(*)::int as n from cases
          where id = any(${destroyedIds}::uuid[]) and (goal is not null or destroyed_at is null)`),
      ).toBe(0);
      expect(await count(sql<{ n: number }>`select count(*)::int as n from pending_file_deletions`)).toBe(0);

      // The case closed anew stays; put back as it was, the figures of 2021 and 2020 are what they were.
      await sql`update cases set closed_on = ${closure[0]?.closedOn}::date where id = ${reclosed.recordId}`.execute(
        t.database.db,
      );
      expect(await accountability(2021)).toEqual(before2021);
      expect(await accountability(2020)).toEqual(before2020);
      expect(await phaseAndResultCounts(t.database.db, region, year2021)).toEqual(phases2021);

      // A run of an executed list does nothing again.
      expect(await retention.executeList(list.id)).toBeNull();
    },
    DEMO_TIMEOUT,
  );
});
