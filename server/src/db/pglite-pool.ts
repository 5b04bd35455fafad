import type { PGlite, Results } from '@electric-sql/pglite';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

/**
 * A node-postgres `Pool` look-alike over one embedded PGlite instance, so that Kysely's own
 * `PostgresDialect` serves PGlite and a PostgreSQL server through one code path.
 *
 * PGlite 0.5.8 (the version pinned for stability) ships no such shim. PGlite is a single
 * connection: `connect()` hands it to one caller at a time, so a transaction keeps it to itself
 * exactly as a pooled pg client would.
 */
export class PglitePool implements PostgresPool {
  readonly #pg: PGlite;
  #tail: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.#ended) throw new Error('The embedded database has been closed');
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    return new PgliteClient(this.#pg, release);
  }

  async end(): Promise<void> {
    this.#ended = true;
    await this.#tail;
    await this.#pg.close();
  }
}

class PgliteClient implements PostgresPoolClient {
  readonly #pg: PGlite;
  #release: (() => void) | undefined;

  constructor(pg: PGlite, release: () => void) {
    this.#pg = pg;
    this.#release = release;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string')
      throw new Error('Cursors are not supported on the embedded database');
    return this.#run<R>(sqlOrCursor, parameters ?? []);
  }

  async #run<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    // Like node-postgres: without parameters the simple protocol runs, which allows several
    // statements (migrations); with parameters the extended protocol runs exactly one.
    if (parameters.length === 0) {
      const results = await this.#pg.exec(sql);
      return toPgResult<R>(results.at(-1), sql);
    }
    return toPgResult<R>(await this.#pg.query<R>(sql, [...parameters]), sql);
  }

  release(): void {
    this.#release?.();
    this.#release = undefined;
  }
}

function toPgResult<R>(result: Results<unknown> | undefined, sql: string): PostgresQueryResult<R> {
  const withCommand = result as (Results<unknown> & { command?: string; rowCount?: number }) | undefined;
  const command = (withCommand?.command ?? firstKeyword(sql)) as Command;
  return {
    command,
    rowCount: withCommand?.rowCount ?? withCommand?.affectedRows ?? 0,
    rows: (result?.rows ?? []) as R[],
  };
}

function firstKeyword(sql: string): string {
  return (
    sql
      .replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '')
      .split(/\s/, 1)[0]
      ?.toUpperCase() ?? ''
  );
}
