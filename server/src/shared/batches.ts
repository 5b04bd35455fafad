/**
 * Rows in batches for multi-row statements, each batch under 30,000 parameters: PostgreSQL
 * allows 65,535 in one statement, but the embedded PGlite fails beyond 32,767 (a batch of 5,000
 * case events of 7 columns came out as text there: "invalid input syntax for type timestamp").
 */
export function batches<T extends object>(rows: readonly T[]): T[][] {
  const columns = Math.max(1, ...rows.slice(0, 1).map((r) => Object.keys(r).length));
  const size = Math.max(1, Math.floor(30_000 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
