import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, testEngine } from '../testing/index.js';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

/**
 * The events recorded before steps carried their own date get the date they were recorded, in
 * the Netherlands: a step recorded at 23:30 UTC on 1 March happened on 2 March; a case's start
 * keeps the date it was given.
 */
let database: Database;

beforeAll(async () => {
  database = await createEmptyDatabase();
});
afterAll(async () => database?.close());

describe(`the dated-steps migration on ${testEngine()}`, () => {
  it('backfills happened_on from when each event was recorded, in Europe/Amsterdam', async () => {
    const { db } = database;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    const before = await migrator.migrateTo('20261202T100000-subject-conflicts');
    expect(before.error).toBeUndefined();
    await sql`
      insert into regions (id, name, police_unit, reference_data_version, reference_data_checksum)
        values ('proef', 'Proef', 'Proef', '1', 'x');
      insert into signals (id, region_id, reference, stage, created_at, stage_since)
        values ('00000000-0000-4000-8000-000000000001', 'proef', 'SIG-2026-0001', 'received',
          '2026-03-01T23:30:00Z', '2026-03-01T23:30:00Z');
      insert into signal_events (signal_id, type, at)
        values ('00000000-0000-4000-8000-000000000001', 'received', '2026-03-01T23:30:00Z'),
               ('00000000-0000-4000-8000-000000000001', 'discussed', '2026-03-09T10:00:00Z');
      insert into cases (id, region_id, reference, code_name, origin, type, phase, started_on, created_at)
        values ('00000000-0000-4000-8000-000000000002', 'proef', 'CAS-2026-0001', 'Proef', 'direct',
          'subject', 'closed', '2026-02-20', '2026-03-01T09:00:00Z');
      insert into case_events (case_id, type, at)
        values ('00000000-0000-4000-8000-000000000002', 'started', '2026-03-01T09:00:00Z'),
               ('00000000-0000-4000-8000-000000000002', 'closed', '2026-12-31T23:30:00Z');
    `.execute(db);
    await migrateToLatest(db);
    const signalEvents = await db
      .selectFrom('signalEvents')
      .select(['type', 'happenedOn'])
      .orderBy('at')
      .execute();
    expect(signalEvents).toEqual([
      { type: 'received', happenedOn: '2026-03-02' },
      { type: 'discussed', happenedOn: '2026-03-09' },
    ]);
    const caseEvents = await db
      .selectFrom('caseEvents')
      .select(['type', 'happenedOn'])
      .orderBy('at')
      .execute();
    expect(caseEvents).toEqual([
      { type: 'started', happenedOn: '2026-02-20' },
      { type: 'closed', happenedOn: '2027-01-01' },
    ]);
  });

  it('rewrites the dates of birth in stored labels the Dutch way, and leaves other labels alone', async () => {
    const labelled = await createEmptyDatabase();
    try {
      const { db } = labelled;
      const migrator = new Migrator({
        db,
        provider: { getMigrations: async () => migrations },
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      expect((await migrator.migrateTo('20261206T143800-search-indexes')).error).toBeUndefined();
      // Labels as stored before: a person with a date, one without, a company with a number in brackets.
      await sql`
        insert into regions (id, name, police_unit, reference_data_version, reference_data_checksum)
          values ('proef', 'Proef', 'Proef', '1', 'x');
        insert into subjects (region_id, kind, label, data, created_at) values
          ('proef', 'person', 'Jan van der Berg (1980-04-02)', '{}', now()),
          ('proef', 'person', 'Fatima El Amrani', '{}', now()),
          ('proef', 'company', 'Kapsalon De Schaar B.V. (KvK 30123456)', '{}', now());
      `.execute(db);
      await migrateToLatest(db);
      const labels = await db.selectFrom('subjects').select('label').orderBy('label').execute();
      expect(labels.map((r) => r.label)).toEqual([
        'Fatima El Amrani',
        'Jan van der Berg (2 april 1980)',
        'Kapsalon De Schaar B.V. (KvK 30123456)',
      ]);
    } finally {
      await labelled.close();
    }
  });
});
