import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';
import { appendRecords, loadHeads, logMonths } from './audit.repository.js';

/**
 * The processing log at scale: a month's partition is made when its first record arrives, the
 * retention drops whole months (never fewer than six kept), each leaving an anchor per chain,
 * and `verify` carries on across the gap — and still finds a forged anchor or a record taken out.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A logged read of someone, on `chain`, as if it happened at `at`. */
async function loggedAt(chain: number, at: string, records = 3) {
  const when = new Date(at);
  const traceId = hex(16);
  await t.database.db.transaction().execute(async (trx) =>
    appendRecords(
      trx,
      t.keys.audit,
      chain,
      await loadHeads(trx, chain),
      Array.from({ length: records }, () => ({
        traceId,
        spanId: hex(8),
        parentSpanId: null,
        name: 'case.read',
        status: 'ok' as const,
        startedAt: when,
        endedAt: when,
        processingActivityId: 'samenspel.cases',
        processingActivityVersion: 1,
        dataSubjectType: 'person' as const,
        dataSubjectPseudonym: hex(32),
        recordType: null,
        recordId: null,
        loggedAt: when,
      })),
      [
        {
          traceId,
          spanId: hex(8),
          at: when,
          actorType: 'anonymous' as const,
          userId: null,
          apiTokenId: null,
          organisationId: null,
          regionId: null,
          roles: [],
          purpose: null,
          action: 'case.read',
          result: 'success' as const,
          clientAddress: null,
          userAgent: null,
        },
      ],
    ),
  );
}

const months = async () => (await logMonths(t.database.db)).map((m) => m.month);

describe(`the processing log's months on ${testEngine()}`, () => {
  it('partitions by month, drops expired months whole with their anchors, and verifies across the gap', async () => {
    // Two old months on chain 3, a record of this month between and after them.
    await cast.analyst();
    await loggedAt(3, '2024-01-15T10:00:00+01:00');
    await loggedAt(3, '2024-01-31T23:30:00+01:00'); // still January in Amsterdam
    await loggedAt(3, '2024-02-10T12:00:00+01:00', 2);
    await loggedAt(3, new Date().toISOString());
    await loggedAt(7, '2024-02-11T12:00:00+01:00');
    expect(await months()).toEqual(expect.arrayContaining(['2024-01-01', '2024-02-01']));
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from processing_log_2024_01`.execute(t.database.db);
    expect(rows[0]?.n).toBe(6);

    // Fewer than six months is refused: the BIO keeps logs half a year at least.
    await expect(t.services.audit.rotate({ keepMonths: 3, now: new Date() })).rejects.toThrow(
      /at least 6 months/,
    );
    const before = await t.services.audit.verify();
    expect(before.map((r) => r.firstBroken)).toEqual([null, null]);

    const dropped = await t.services.audit.rotate({ keepMonths: 12, now: new Date() });
    expect(dropped).toEqual([
      { month: '2024-01-01', records: 6 },
      { month: '2024-02-01', records: 5 },
    ]);
    expect(await months()).not.toContain('2024-01-01');
    // The records that stay still verify: the months' anchors vouch for the gap.
    const after = await t.services.audit.verify();
    expect(after[0]).toMatchObject({ chain: 'processing', firstBroken: null, dropped: 11 });
    expect(after[0]?.records).toBe((before[0]?.records ?? 0) - 11);
    expect(after[1]?.firstBroken).toBeNull();
    // Nothing is left to drop: a second rotation drops nothing.
    expect(await t.services.audit.rotate({ keepMonths: 12, now: new Date() })).toEqual([]);

    // Anchors cannot be changed; one forged with the triggers switched off is found.
    await expect(
      sql`update processing_log_anchors set records = records + 1 where month = '2024-02-01'`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    const forge = (by: number) =>
      t.database.db.transaction().execute(async (trx) => {
        await sql`alter table processing_log_anchors disable trigger processing_log_anchors_append_only`.execute(
          trx,
        );
        await sql`update processing_log_anchors set records = records + ${by}
          where month = '2024-02-01' and chain = 3`.execute(trx);
        await sql`alter table processing_log_anchors enable trigger processing_log_anchors_append_only`.execute(
          trx,
        );
      });
    await forge(1);
    expect((await t.services.audit.verify())[0]?.firstBroken).not.toBeNull();
    await forge(-1);
    expect((await t.services.audit.verify())[0]?.firstBroken).toBeNull();
  });

  it('keeps the log and its anchors append-only across its months, a month truncated too', async () => {
    await cast.analyst();
    const { rows } = await sql<{
      seq: number;
    }>`select seq from processing_log order by seq desc limit 1`.execute(t.database.db);
    await expect(
      sql`delete from processing_log where seq = ${rows[0]?.seq ?? 0}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`update processing_log set name = 'x' where seq = ${rows[0]?.seq ?? 0}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    const [month] = (await logMonths(t.database.db)).slice(-1);
    await expect(
      sql`truncate ${sql.table(month?.name ?? 'processing_log')}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from processing_log_anchors`.execute(t.database.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('records the monthly rotation as one run of the installation', async () => {
    const first = await t.services.retention.rotateLog(24);
    expect(first).toMatchObject({ months: expect.any(Number), records: expect.any(Number) });
    expect(await t.services.retention.rotateLog(24)).toBeNull();
    const runs = await cast.ok<{ items: Array<{ job: string; status: string }> }>(
      await cast.member(['privacy_officer']),
      'GET',
      '/api/v1/job-runs',
    );
    expect(runs.items.filter((r) => r.job === 'log-rotate')).toEqual([
      expect.objectContaining({ status: 'ok' }),
    ]);
  });
});
