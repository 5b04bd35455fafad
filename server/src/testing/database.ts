import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, openPglite } from '../db/database.js';

export type TestEngine = 'pglite' | 'postgresql';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a tar of a migrated, seeded data directory. PostgreSQL: the template database. */
    databaseTemplate: string;
  }
}

export function testEngine(): TestEngine {
  const engine = process.env.SAMENSPEL_TEST_ENGINE ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgresql')
    throw new Error(`Unknown SAMENSPEL_TEST_ENGINE ${engine}`);
  return engine;
}

export function serverUrl(database?: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set to test on a PostgreSQL server');
  if (!database) return url;
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for one test file, migrated and holding the reference data, on the
 * engine of the test project (PGlite, or the PostgreSQL server of DATABASE_URL).
 */
export async function createTestDatabase(): Promise<Database> {
  const template = inject('databaseTemplate');
  if (testEngine() === 'pglite') {
    return openPglite({ loadDataDir: new Blob([await readFile(template)]) });
  }
  return serverDatabase(`samenspel_test_${randomBytes(6).toString('hex')}`, template);
}

/** An empty database (no migrations) on the test project's engine, for migration and loader tests. */
export async function createEmptyDatabase(): Promise<Database> {
  if (testEngine() === 'pglite') return openPglite({});
  return serverDatabase(`samenspel_empty_${randomBytes(6).toString('hex')}`);
}

/** A database of its own on the server, copied from `template` if given, dropped on close. */
async function serverDatabase(name: string, template?: string): Promise<Database> {
  await onServer((c) => c.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  const database = await openDatabase({ engine: 'postgresql', connectionString: serverUrl(name) });
  return {
    ...database,
    close: async () => {
      await database.close();
      await onServer((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
