import type { InvalidParam } from '@samenspel/contracts';

const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
const dutch = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The calendar date of a moment in the Netherlands (`YYYY-MM-DD`): 00:30 on 1 January there is 1 January. */
export function amsterdamDate(at: Date): string {
  return amsterdam.format(at);
}

/** A `YYYY-MM-DD` date as people read it: 3 december 2026. */
export function dutchDate(iso: string): string {
  return dutch.format(new Date(`${iso}T00:00:00Z`));
}

/** Whole days from one date to another. */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A step that must not precede: its date and how the message names it ("de weging"). */
export interface EarlierStep {
  on: string;
  what: string;
}

/**
 * The problems with the date a step happened on: never after today in the Netherlands, never
 * before the step before it (the latest of `earlier`). Returns no problems when it is fine.
 */
export function happenedProblems(
  field: string,
  on: string,
  today: string,
  earlier: ReadonlyArray<EarlierStep | null | undefined> = [],
): InvalidParam[] {
  if (on > today)
    return [{ name: field, in: 'body', code: 'in_the_future', reason: 'Deze datum ligt in de toekomst.' }];
  const latest = earlier
    .filter((e): e is EarlierStep => !!e)
    .reduce<EarlierStep | null>((a, e) => (!a || e.on > a.on ? e : a), null);
  if (latest && on < latest.on)
    return [
      {
        name: field,
        in: 'body',
        code: 'before_previous_step',
        reason: `Deze datum ligt vóór ${latest.what} (${dutchDate(latest.on)}).`,
      },
    ];
  return [];
}
