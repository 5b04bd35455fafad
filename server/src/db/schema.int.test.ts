import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../testing/index.js';
import type { Database } from './database.js';

/**
 * The table types in schema.ts are written by hand, with the domain's unions and JSON shapes.
 * This test keeps them true to the migrated schema: the same tables, the same columns, and a
 * column is nullable in the type exactly when it is in the database.
 */

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Table → column → nullable, as the TypeScript types say (the type a select returns). */
function typedTables(): Map<string, Map<string, boolean>> {
  const file = path.resolve(import.meta.dirname, 'schema.ts');
  const program = ts.createProgram([file], {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error('schema.ts not found');
  const db = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB',
  );
  if (!db) throw new Error('no DB interface in schema.ts');
  const out = new Map<string, Map<string, boolean>>();
  const nullable = (type: ts.Type) =>
    (type.flags & ts.TypeFlags.Null) !== 0 ||
    (type.isUnion() && type.types.some((t) => (t.flags & ts.TypeFlags.Null) !== 0));
  for (const table of checker.getTypeAtLocation(db).getProperties()) {
    const columns = new Map<string, boolean>();
    const tableType = checker.getTypeOfSymbolAtLocation(table, db);
    for (const column of tableType.getProperties()) {
      const type = checker.getTypeOfSymbolAtLocation(column, db);
      // Kysely's ColumnType<Select, Insert, Update> (and Generated<T>) carry the read type in __select__.
      const select = type.getProperty('__select__');
      const read = select ? checker.getTypeOfSymbolAtLocation(select, db) : type;
      columns.set(snake(column.name), nullable(read));
    }
    out.set(snake(table.name), columns);
  }
  return out;
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe(`the table types on ${testEngine()}`, () => {
  it('name every table and column of the migrated schema, with its nullability', async () => {
    const { rows } = await sql<{ table: string; column: string; nullable: string }>`
      select table_name as "table", column_name as "column", is_nullable as nullable
      from information_schema.columns
      where table_schema = 'public' and table_name not like 'schema_migrations%'
      order by table_name, ordinal_position`.execute(database.db.withoutPlugins());
    const migrated = new Map<string, Map<string, boolean>>();
    for (const r of rows) {
      const columns = migrated.get(r.table) ?? new Map<string, boolean>();
      columns.set(r.column, r.nullable === 'YES');
      migrated.set(r.table, columns);
    }
    const typed = typedTables();
    const describe = (tables: Map<string, Map<string, boolean>>) =>
      Object.fromEntries(
        [...tables].map(([t, cols]) => [
          t,
          Object.fromEntries([...cols].sort(([a], [b]) => a.localeCompare(b))),
        ]),
      );
    expect(describe(typed)).toEqual(describe(migrated));
  }, 60_000);
});
