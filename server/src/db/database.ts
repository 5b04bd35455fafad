import { mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { DatabaseEngine } from '@samenspel/contracts';
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { PglitePool } from './pglite-pool.js';
import type { DB } from './schema.js';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  engine: DatabaseEngine;
  /** Data directory or host/database, never credentials. */
  location: string;
  close(): Promise<void>;
}

// Both engines hand the same JavaScript values to the code: `date` stays `YYYY-MM-DD` (a Date
// would shift with the time zone), `int8` becomes a number (counts), `numeric` stays a string.
const OID_INT8 = 20;
const OID_DATE = 1082;
const keep = (value: string) => value;

/** Opens PGlite (embedded, in a data directory or in memory) or a pool on a PostgreSQL server. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.engine === 'postgresql') return openPostgres(config.connectionString);
  return openPglite({ dataDir: config.dataDir });
}

export async function openPglite(options: {
  dataDir?: string | undefined;
  loadDataDir?: Blob;
}): Promise<Database & { pglite: PGlite }> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm, fuzzystrmatch, pgcrypto },
    parsers: { [pgliteTypes.INT8]: Number, [pgliteTypes.DATE]: keep },
  });
  const db = createKysely(new PglitePool(pglite));
  return {
    db,
    pglite,
    engine: 'pglite',
    location: options.dataDir ?? 'memory',
    close: () => db.destroy(),
  };
}

/** Statements that (nearly) every request runs, by their text: prepared once per connection. */
const preparedStatements = new Map<string, string>();

/**
 * Marks a statement that nearly every request runs (the session lookup): on PostgreSQL each
 * connection prepares it once under this name, so the server parses and plans it once instead of
 * on every request. Returns the text, to run as usual. The embedded database needs nothing.
 */
export function preparedStatement(name: string, text: string): string {
  preparedStatements.set(text, name);
  return text;
}

/** node-postgres' client, which runs the marked statements as named (prepared) ones. */
class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: node-postgres' query is overloaded many ways
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' ? preparedStatements.get(config) : undefined;
    if (name && Array.isArray(values)) return super.query({ name, text: config, values }, callback);
    return super.query(config, values, callback);
  }
}

function openPostgres(connectionString: string): Database {
  const url = new URL(connectionString);
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString,
    max: 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === OID_INT8) return Number;
        if (oid === OID_DATE) return keep;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server ended (a restart, a dropped database) is an 'error' on the
  // pool; without a listener Node would stop the process. The pool discards that client and
  // the next query opens a new connection, so there is nothing else to do.
  pool.on('error', () => {});
  const db = createKysely(pool);
  return {
    db,
    engine: 'postgresql',
    location: `${url.hostname}:${url.port || '5432'}${url.pathname}`,
    close: () => db.destroy(),
  };
}

function createKysely(pool: ConstructorParameters<typeof PostgresDialect>[0]['pool']): Db {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
}

/** The server's version string, e.g. `15.19` or `18.3`. */
export async function serverVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return rows[0]?.v.split(' ')[0] ?? 'unknown';
}

/**
 * SQL text run as given, with its parameters, rows keyed as the database names the columns: for
 * a library that brings its own statements (the job runner's pg-boss), on either engine.
 */
export function rawExecutor(db: Db) {
  const plain = db.withoutPlugins();
  return async (text: string, values?: unknown[]) => ({
    rows: (await plain.executeQuery(CompiledQuery.raw(text, values ?? []))).rows,
  });
}
