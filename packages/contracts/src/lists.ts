import { z } from 'zod';
import { MAX_PAGE_SIZE } from './vocabulary.js';

export const pageFields = {
  page: z.coerce
    .number({ message: 'Een paginanummer is een getal.' })
    .int('Een paginanummer is een heel getal.')
    .min(1, 'De eerste pagina is 1.')
    .max(100_000, 'Dit paginanummer is te groot.')
    .default(1),
  pageSize: z.coerce
    .number({ message: 'Het aantal per pagina is een getal.' })
    .int('Het aantal per pagina is een heel getal.')
    .min(1, 'Minstens 1 per pagina.')
    .max(MAX_PAGE_SIZE, `Hoogstens ${MAX_PAGE_SIZE} per pagina.`)
    .default(50),
};

/** One page of a list, with how many there are in all for the filter. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('How many the filter selects, on every page together'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/**
 * A sort order over the named columns: the column, or with a leading `-` the column descending
 * (`-receivedOn`: newest first).
 */
export function sortParam<const C extends readonly [string, ...string[]]>(columns: C, fallback: string) {
  const values = columns.flatMap((c) => [c, `-${c}`]) as [string, ...string[]];
  return z
    .enum(values, { message: `Sorteer op een van: ${columns.join(', ')} (met - ervoor: aflopend).` })
    .default(fallback)
    .describe(`One of ${columns.join(', ')}; a leading - sorts descending`);
}

/** A sort value taken apart: the column and the direction. */
export function sortOf<C extends string>(value: string): { column: C; descending: boolean } {
  return value.startsWith('-')
    ? { column: value.slice(1) as C, descending: true }
    : { column: value as C, descending: false };
}

/** The largest list an export takes at once; a larger selection is refused with a request to narrow it. */
export const MAX_EXPORT_ROWS = 10_000;
