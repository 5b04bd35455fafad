import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase, openPglite } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { loadProcessingActivities } from '../../server/src/modules/audit/index.ts';
import { loadCaseConfiguration } from '../../server/src/modules/cases/index.ts';
import { loadReferenceData } from '../../server/src/modules/organisations/index.ts';

/**
 * A database of the benchmark's own: on the PostgreSQL server of DATABASE_URL (created and
 * dropped here, so a real database is never touched), or else an in-memory PGlite.
 */
export async function benchDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  if (url) {
    const name = `samenspel_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const own = new URL(url);
    own.pathname = `/${name}`;
    database = await openDatabase({ engine: 'postgresql', connectionString: own.toString() });
    drop = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    database = await openPglite({});
  }
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  await loadProcessingActivities(database.db);
  await loadCaseConfiguration(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
