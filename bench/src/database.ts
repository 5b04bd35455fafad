import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadReferences } from '../../server/src/app/index.ts';
import { type Database, openDatabase, openPglite } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';

/**
 * A database of the benchmark's own: on the PostgreSQL server of DATABASE_URL (created and
 * dropped here, so a real database is never touched), or else an in-memory PGlite.
 */
export async function benchDatabase(): Promise<Database & { connectionString: string | null }> {
  const url = process.env.DATABASE_URL;
  let database: Database;
  let drop = async () => {};
  let connectionString: string | null = null;
  if (url) {
    const name = `samenspel_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const own = new URL(url);
    own.pathname = `/${name}`;
    connectionString = own.toString();
    database = await openDatabase({ engine: 'postgresql', connectionString });
    drop = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    database = await openPglite({});
  }
  await migrateToLatest(database.db);
  await loadReferences(database);
  return {
    ...database,
    connectionString,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
