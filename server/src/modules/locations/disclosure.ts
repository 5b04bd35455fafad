import type { ProjectFigureRow } from '@samenspel/contracts';

/** The smallest number of locations a published row may stand for (a collaboration may set more). */
export const MINIMUM_RECORDS = 5;

/** A count as published to aggregates-only readers: rounded to the nearest five. */
export function roundToFive(n: number): number {
  return Math.round(n / 5) * 5;
}

/**
 * The per-municipality figures of a project as readers with aggregates only see them: a
 * municipality with fewer than `k` flagged locations is left out, every other count is rounded
 * to five, so that no row stands for a handful of addresses.
 */
export function gateFigures<R extends ProjectFigureRow & { municipality: { code: string; name: string } }>(
  rows: readonly R[],
  k = MINIMUM_RECORDS,
): Array<R & { protected: true }> {
  return rows
    .filter((r) => r.flagged >= k)
    .map((r) => {
      const rounded = { ...r, protected: true as const };
      for (const key of Object.keys(r) as Array<keyof R>) {
        const value = r[key];
        if (typeof value === 'number') (rounded as Record<keyof R, unknown>)[key] = roundToFive(value);
      }
      return rounded;
    });
}

/** A count as the gate publishes it to an aggregates-only reader: null when it is suppressed. */
export function gatedCount(n: number, k = MINIMUM_RECORDS): number | null {
  return n >= k ? roundToFive(n) : null;
}

/**
 * The cells of a map as aggregates-only readers see them: a cell with fewer than `k` records is
 * left out altogether (as is an empty one, so that "none" and "a few" look the same), every
 * other count is rounded to five. Because the same records always give the same answer and
 * every published count stands for at least five possible true counts, subtracting two
 * overlapping answers (a year and the year before, a project and a status within it) leaves a
 * difference of which several values below `k` remain possible: no one works out how many
 * records a small group holds (see disclosure.test.ts, which tries).
 */
export function gateCells<C extends { count: number }>(cells: readonly C[], k = MINIMUM_RECORDS): C[] {
  return cells.flatMap((c) => {
    const count = gatedCount(c.count, k);
    return count === null ? [] : [{ ...c, count }];
  });
}
