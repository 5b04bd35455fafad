/**
 * Rows in batches of at most `size`, for multi-row statements that stay under PostgreSQL's
 * 65,535 parameters (a batch of 2,000 rows of 12 columns takes 24,000).
 */
export function batches<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
