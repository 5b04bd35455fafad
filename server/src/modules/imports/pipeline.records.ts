import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { FieldProblem } from './pipeline.kinds.js';
import type { Cell } from './pipeline.read.js';
import { readText } from './pipeline.values.js';

/**
 * What the kinds share whose rows are parts of one record under the source's own number (a case's
 * dated steps, a signal's subjects): the rows grouped by that number; a record that comes in whole
 * or not at all; a record imported before, found by its number with a fingerprint of its rows,
 * skipped when the file says the same of it and refused when it says otherwise.
 */
export interface KeyedRecords<V> {
  /** The record's number, from a row as checked. */
  keyOf(value: V): string;
  /** The field holding that number, to read it from a refused row's cells. */
  keyField: string;
  /** The record's number from a refused row's cells, where it is not the one field (null: none). */
  keyOfCells?(cell: (field: string) => Cell | undefined): string | null;
  /** How the record is called in a message: `Casus 2019-014`, `Signaal U-12`. */
  named(key: string): string;
  /** That it comes in whole, in a message: `een casus komt alleen heel binnen`. */
  whole: string;
  /** The order of a record's rows where it matters (a case's steps by date); else the file's. */
  sort?(a: V, b: V): number;
  /** Why a record imported before is refused now: the file tells it otherwise. */
  changed(key: string, gone: boolean): string;
  /** Why a record imported before is skipped now (default: "Staat al zo in Samenspel."). */
  unchangedReason?(gone: boolean): string;
  /** The code of that refusal: `history_changed`, `signal_changed`. */
  changedCode: string;
  /** The code of a row refused with its record: `case_refused`, `signal_refused`. */
  refusedCode: string;
}

/**
 * Writes each record the rows tell, one after the other in the file's order (`write` answers the
 * id of the record it made), and answers what an import keeps of each: its number, that id and
 * the fingerprint of its rows.
 */
export async function writeRecords<V>(
  records: KeyedRecords<V>,
  values: readonly V[],
  write: (rows: V[]) => Promise<string>,
): Promise<Array<{ sourceKey: string; recordId: string; fingerprint: string }>> {
  const written = [];
  for (const [sourceKey, list] of groupedBy(
    values.map((value, line) => ({ line, value })),
    records,
  )) {
    const rows = list.map((r) => r.value);
    written.push({ sourceKey, recordId: await write(rows), fingerprint: fingerprintOf(rows) });
  }
  return written;
}

/** An earlier import of a record: its fingerprint, and whether the record is gone since (destroyed). */
export interface ImportedRecord {
  sourceKey: string;
  fingerprint: string;
  gone: boolean;
}

export function groupedBy<V, T extends { value: V }>(
  rows: readonly T[],
  records: KeyedRecords<V>,
): Map<string, T[]> {
  const byKey = new Map<string, T[]>();
  for (const r of rows) {
    const key = records.keyOf(r.value);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  if (records.sort)
    for (const list of byKey.values()) list.sort((a, b) => records.sort?.(a.value, b.value) ?? 0);
  return byKey;
}

/** A record's rows as a whole, whatever their order in the file. */
export function fingerprintOf(values: readonly unknown[]): string {
  const rows = values.map((v) => JSON.stringify(v)).sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex');
}

export function refusedWith(
  records: KeyedRecords<unknown>,
  key: string,
  lines: readonly number[],
): FieldProblem {
  const one = lines.length === 1;
  return {
    field: null,
    code: records.refusedCode,
    reason: `${records.named(key)} wordt niet ingelezen: ${one ? 'regel' : 'regels'} ${lines.join(', ')} ${one ? 'is' : 'zijn'} geweigerd. Verbeter ${one ? 'die' : 'die regels'}; ${records.whole}.`,
  };
}

/**
 * The `relate` of such a kind: a record imported before and told otherwise refused on every row;
 * a record with a row refused on its own refused on its other rows; then `together` judges each
 * record's rows, and a record with a row refused there is refused whole.
 */
export function relateRecords<V>(
  records: KeyedRecords<V>,
  rows: ReadonlyArray<{ line: number; value: V }>,
  refused: ReadonlyArray<{ line: number; cell: (field: string) => Cell | undefined }>,
  imported: readonly ImportedRecord[],
  together: (key: string, list: ReadonlyArray<{ line: number; value: V }>) => Map<number, FieldProblem[]>,
): Map<number, FieldProblem[]> {
  const problems = new Map<number, FieldProblem[]>();
  const add = (line: number, p: FieldProblem) => problems.set(line, [...(problems.get(line) ?? []), p]);
  const refusedLines = new Map<string, number[]>();
  for (const r of refused) {
    const read = readText(r.cell(records.keyField) ?? null, 100);
    const key = records.keyOfCells ? records.keyOfCells(r.cell) : read.ok ? read.value : null;
    if (key) refusedLines.set(key, [...(refusedLines.get(key) ?? []), r.line]);
  }
  const earlier = new Map(imported.map((r) => [r.sourceKey, r]));
  for (const [key, list] of groupedBy(rows, records)) {
    const before = earlier.get(key);
    if (before && before.fingerprint !== fingerprintOf(list.map((r) => r.value))) {
      const reason = records.changed(key, before.gone);
      for (const r of list) add(r.line, { field: records.keyField, code: records.changedCode, reason });
      continue;
    }
    const own = refusedLines.get(key);
    if (own) {
      for (const r of list) add(r.line, refusedWith(records as KeyedRecords<unknown>, key, own));
      continue;
    }
    const found = together(key, list);
    if (!found.size) continue;
    for (const [line, ps] of found) for (const p of ps) add(line, p);
    const lines = [...found.keys()].sort((a, b) => a - b);
    for (const r of list)
      if (!found.has(r.line)) add(r.line, refusedWith(records as KeyedRecords<unknown>, key, lines));
  }
  return problems;
}

/** The `unchanged` of such a kind: every row of a record imported before exactly so, with why it is skipped. */
export function unchangedRecords<V>(
  records: KeyedRecords<V>,
  values: readonly V[],
  imported: readonly ImportedRecord[],
  rowKey: (value: V) => string,
): Map<string, string> {
  const byKey = groupedBy(
    values.map((value, line) => ({ line, value })),
    records,
  );
  const skipped = new Map<string, string>();
  for (const before of imported) {
    const list = byKey.get(before.sourceKey) ?? [];
    if (before.fingerprint !== fingerprintOf(list.map((r) => r.value))) continue;
    const reason = records.unchangedReason?.(before.gone) ?? 'Staat al zo in Samenspel.';
    for (const r of list) skipped.set(rowKey(r.value), reason);
  }
  return skipped;
}

/**
 * A record's own fields, with the import's field of each, for a kind whose rows each carry a part
 * (a signal's subject, an inspection's finding): each field stands on one of the record's rows or
 * alike on each; null is a field the row leaves blank.
 */
export type RecordFields<V> = ReadonlyArray<readonly [keyof V, string]>;

/** The rows that give a record's field otherwise than the first row giving it, with where it said what. */
export function disagreements<V>(
  records: KeyedRecords<V> & { differsCode: string },
  key: string,
  list: ReadonlyArray<{ line: number; value: V }>,
  fields: RecordFields<V>,
  labelOf: (field: string) => string,
): Map<number, FieldProblem[]> {
  const problems = new Map<number, FieldProblem[]>();
  const ordered = [...list].sort((a, b) => a.line - b.line);
  for (const [name, field] of fields) {
    const giving = ordered.filter((r) => r.value[name] !== null);
    const at = giving[0];
    if (!at) continue;
    for (const r of giving.slice(1))
      if (JSON.stringify(r.value[name]) !== JSON.stringify(at.value[name]))
        problems.set(r.line, [
          ...(problems.get(r.line) ?? []),
          {
            field,
            code: records.differsCode,
            reason: `Op regel ${at.line} staat bij ${records.named(key).toLowerCase()} iets anders onder "${labelOf(field)}". Vul deze gegevens op één regel in, of op elke regel gelijk.`,
          },
        ]);
  }
  return problems;
}

/** A record's fields from its rows: each as the first row that gives it (null: none does). */
export function mergedFields<V>(values: readonly V[], fields: RecordFields<V>): V {
  const merged = { ...(values[0] as V) };
  for (const [name] of fields) {
    const given = values.find((v) => v[name] !== null);
    merged[name] = (given ? given[name] : null) as V[keyof V];
  }
  return merged;
}

/**
 * A kind's `key`, `relate` and `unchanged` for records under the source's own numbers whose
 * earlier imports are kept per organisation (signals, inspections): the earlier imports of the
 * file's numbers read where they are kept, and what a record's rows must say together.
 */
export function keptRecords<V>(
  records: KeyedRecords<V>,
  imported: (db: Db, actor: Actor, keys: readonly string[]) => Promise<ImportedRecord[]>,
  together: (
    key: string,
    list: ReadonlyArray<{ line: number; value: V }>,
    context: unknown,
  ) => Map<number, FieldProblem[]>,
) {
  const key = (v: V) => `${records.keyOf(v)}\u0000${JSON.stringify(v)}`;
  const before = (db: Db, actor: Actor, values: readonly V[]) =>
    imported(db, actor, [...new Set(values.map((v) => records.keyOf(v)))]);
  return {
    key,
    async relate(
      db: Db,
      actor: Actor,
      rows: ReadonlyArray<{ line: number; value: V }>,
      context: unknown,
      refused: ReadonlyArray<{ line: number; cell: (field: string) => Cell | undefined }>,
    ) {
      const earlier = await before(
        db,
        actor,
        rows.map((r) => r.value),
      );
      return relateRecords(records, rows, refused, earlier, (k, list) => together(k, list, context));
    },
    async unchanged(db: Db, actor: Actor, values: readonly V[]) {
      return unchangedRecords(records, values, await before(db, actor, values), key);
    },
  };
}
