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
