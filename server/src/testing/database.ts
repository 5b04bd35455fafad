import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase, openPglite } from '../db/database.js';
import { deriveKeys, type Keys } from '../shared/crypto.js';

export type TestEngine = 'pglite' | 'postgresql';

/** What the global setup built once for this run and engine (see global-setup.ts). */
export interface Templates {
  /** Migrated, with the reference data. PGlite: a tar of a data directory; PostgreSQL: a database. */
  base: string;
  /** The same with the demo region loaded by `samenspel seed --demo`; being built while tests run. */
  demo: string;
  /** A file that exists once the demo template is complete, holding what `seed --demo` printed. */
  demoDone: string;
  /** The master key (base64) the demo was seeded with: its accounts' passwords derive from it. */
  demoMasterKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    templates: Templates;
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
  // A test database need not survive a crash of the server: commits do not wait for the WAL to
  // reach the disk (on this kind of machine that wait is most of a small transaction's time).
  u.searchParams.set('options', '-c synchronous_commit=off');
  return u.toString();
}

/** Runs work on the server's maintenance connection (create and drop databases). */
export async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How long a test may wait for the demo template, which is built while other tests run. */
export const DEMO_TIMEOUT = 10 * 60_000;

/** Waits until the demo template is built, and returns what `samenspel seed --demo` printed. */
export async function demoSeedOutput(): Promise<string> {
  const { demoDone } = inject('templates');
  const until = Date.now() + DEMO_TIMEOUT;
  while (!existsSync(demoDone)) {
    if (Date.now() > until) throw new Error('the demo template was not built in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const output = await readFile(demoDone, 'utf8');
  if (output.startsWith('FAILED')) throw new Error(`building the demo template failed:\n${output}`);
  return output;
}

/** The keys of the demo database (derived from the master key it was seeded with). */
export function demoKeys(): Keys {
  return deriveKeys(Buffer.from(inject('templates').demoMasterKey, 'base64'));
}

/**
 * A database of its own for one test file, on the engine of the test project (PGlite, or the
 * PostgreSQL server of DATABASE_URL): migrated with the reference data, or with `demo` a copy of
 * the demo region built once for the run.
 */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<Database> {
  const templates = inject('templates');
  if (options.demo) await demoSeedOutput();
  const template = options.demo ? templates.demo : templates.base;
  if (testEngine() === 'pglite') return openPglite({ loadDataDir: new Blob([await readFile(template)]) });
  return serverDatabase(`samenspel_test_${randomBytes(6).toString('hex')}`, template);
}

/** An empty database (no migrations) on the test project's engine, for migration and loader tests. */
export async function createEmptyDatabase(): Promise<Database> {
  if (testEngine() === 'pglite') return openPglite({});
  return serverDatabase(`samenspel_empty_${randomBytes(6).toString('hex')}`);
}

/** A database of its own on the server, copied from `template` if given, dropped on close. */
export async function serverDatabase(name: string, template?: string): Promise<Database> {
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
