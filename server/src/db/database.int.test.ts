import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, testEngine } from '../testing/database.js';
import type { Database } from './database.js';
import { serverVersion } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describe(`database layer on ${testEngine()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => database?.close());

  it('applies every migration once, in order, and then has nothing to do', async () => {
    const first = await migrateToLatest(database.db);
    // Every registered migration, in the order of their timestamped names.
    expect(first.applied).toEqual(Object.keys(migrations).sort());
    const second = await migrateToLatest(database.db);
    expect(second.applied).toEqual([]);
    const { rows } = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(
      database.db,
    );
    expect(rows.map((r) => r.name)).toEqual(first.applied);
  });

  it('reports the engine it runs on', async () => {
    expect(database.engine).toBe(testEngine());
    const version = await serverVersion(database.db);
    expect(Number.parseInt(version, 10)).toBeGreaterThanOrEqual(15);
  });

  it('has the extensions later modules need', async () => {
    const { rows } = await sql<{ sim: number; lev: number; soundex: string; digest: string; uuid: string }>`
      select similarity('Jansen', 'Janssen') as sim, levenshtein('Bakker', 'Backer') as lev,
             soundex('Jansen') as soundex, encode(digest('x', 'sha256'), 'hex') as digest,
             gen_random_uuid()::text as uuid`.execute(database.db);
    const row = rows[0];
    expect(row?.sim).toBeGreaterThan(0.5);
    expect(row?.lev).toBe(1);
    expect(row?.soundex).toBe('J525');
    expect(row?.digest).toBe('2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881');
    expect(row?.uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the same JavaScript values on both engines', async () => {
    const { rows } = await sql<{ d: unknown; n: unknown; big: unknown; t: unknown; j: unknown }>`
      select date '2022-03-24' as d, 12.50::numeric as n, 9007199254740991::int8 as big,
             timestamptz '2022-03-24 10:00:00+01' as t, '{"a":[1]}'::jsonb as j`.execute(database.db);
    expect(rows[0]).toEqual({
      d: '2022-03-24',
      n: '12.50',
      big: 9007199254740991,
      t: new Date('2022-03-24T09:00:00Z'),
      j: { a: [1] },
    });
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('provinces').values({ code: 'PV99', name: 'Testprovincie' }).execute();
        await trx.insertInto('provinces').values({ code: 'PV99', name: 'Dubbel' }).execute();
      }),
    ).rejects.toThrow();
    const found = await database.db.selectFrom('provinces').selectAll().where('code', '=', 'PV99').execute();
    expect(found).toEqual([]);
  });

  it('keeps concurrent transactions apart', async () => {
    const write = (code: string) =>
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('provinces').values({ code, name: code }).execute();
        const { rows } = await sql<{
          n: number;
        }>`select count(*) as n from provinces where code like 'PV8%'`.execute(trx);
        await trx.deleteFrom('provinces').where('code', '=', code).execute();
        return rows[0]?.n;
      });
    const counts = await Promise.all(['PV81', 'PV82', 'PV83', 'PV84'].map(write));
    // Each transaction sees its own row; on PGlite they run one after another, on a server they
    // are isolated (read committed), so no transaction sees another's uncommitted row.
    expect(counts).toEqual([1, 1, 1, 1]);
  });

  it('reports a bad statement without breaking the connection', async () => {
    await expect(sql`select * from no_such_table`.execute(database.db)).rejects.toThrow(/no_such_table/);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows[0]?.one).toBe(1);
  });
});
