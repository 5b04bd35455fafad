const months = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

function iso(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date as Dutch people type it — `14-3-2026`, `14/03/2026`, `14.03.2026`, `14 maart 2026`,
 * `14 mrt 2026` — or as a machine does (`2026-03-14`), as an ISO date; null when it is no date
 * (31 februari included). A two-digit year is refused: 01-01-26 could be 1926 or 2026.
 */
export function parseDutchDate(text: string): string | null {
  const value = text.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(value);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(value);
  if (m) {
    const word = m[2] ?? '';
    const index = months.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word)));
    // "mrt" is the usual abbreviation of maart, and not a prefix of it.
    const month = word === 'mrt' ? 3 : index + 1;
    return month > 0 ? iso(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

/** An ISO date as the field shows it: `14-03-2026`. */
export function dutchDateInput(isoDate: string | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (isoDate ?? '');
}
