import { csvDocument } from '../shared/csv.js';
import { seededRandom } from '../shared/seeded-random.js';

/**
 * A region's case history as its old register would export it, for the case-history import's
 * test and benchmark: one row per dated step, and the same history as plain objects, from which
 * a test computes the accountability table on its own. Deterministic for a seed. Partners,
 * municipalities and themes are Midden-Nederland's, written as a person would: by name.
 */

export interface GeneratedCase {
  key: string;
  start: string;
  analysis: boolean;
  /** The origin partners' kinds in the accountability table. */
  origins: Array<'municipality' | 'police' | 'public_prosecution' | 'tax_administration' | 'other'>;
  /** The accountability themes of its themes. */
  themes: string[];
  /** Open periods: [opened, closed or null]. */
  periods: Array<[string, string | null]>;
  advices: Array<{ kind: string; on: string }>;
  confiscations: Array<{ on: string; cents: number; payments: Array<{ on: string; cents: number }> }>;
  /** The number of rows (steps) it has in the file. */
  steps: number;
}

export const caseHistoryHeader = [
  'Casus',
  'Stap',
  'Datum',
  'Soort',
  'Partner',
  'Bedrag',
  'Aantal',
  'Omschrijving',
  'Werknaam',
  'Gemeenten',
  'Thema’s',
  'Herkomst',
  'Deelnemers',
];

const partners = [
  { name: 'Politie eenheid Midden-Nederland', kind: 'police' },
  { name: 'Openbaar Ministerie', kind: 'public_prosecution' },
  { name: 'Belastingdienst', kind: 'tax_administration' },
  { name: 'Gemeente Utrecht', kind: 'municipality' },
  { name: 'Fiscale Inlichtingen- en Opsporingsdienst', kind: 'other' },
] as const;
/** Theme names (national and the region's own) with the accountability theme each counts under. */
const themes = [
  ['Vastgoed', 'real_estate'],
  ["Outlaw motorcycle gangs (OMG's)", 'omg'],
  ['Mensenhandel en -smokkel', 'human_trafficking'],
  ['Criminele geldstromen', 'money_laundering'],
  ['Georganiseerde hennepteelt en productie van en handel in drugs', 'drugs'],
  ["Overige regionale thema's of handhavingsknelpunten", 'other'],
] as const;
const adviceKinds = [
  ['Bestuurlijk', 'administrative'],
  ['Bibob', 'bibob'],
  ['Strafrechtelijk', 'criminal'],
  ['Fiscaal', 'fiscal'],
  ['Overig', 'other'],
] as const;

const day = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + Math.round(days) * 86_400_000).toISOString().slice(0, 10);
const dutch = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
const euro = (cents: number) =>
  `€ ${Math.floor(cents / 100).toLocaleString('nl-NL')},${String(cents % 100).padStart(2, '0')}`;

/**
 * `count` cases started between `from` and `to` (ISO dates), with their rows: start, phases,
 * advices, interventions, confiscations with collections and settlements (some after closure),
 * evaluation, closure, and for some a reopening and a second closure.
 */
export function generateCaseHistory(
  count: number,
  options: { seed?: number; from: string; to: string; prefix?: string },
): { rows: string[][]; cases: GeneratedCase[] } {
  const rnd = seededRandom(options.seed ?? 18);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const span = (Date.parse(options.to) - Date.parse(options.from)) / 86_400_000;
  const rows: string[][] = [];
  const cases: GeneratedCase[] = [];
  for (let i = 0; i < count; i++) {
    const key = `${options.prefix ?? 'H'}-${String(i + 1).padStart(5, '0')}`;
    const start = day(options.from, rnd() * span);
    const own: string[][] = [];
    const row = (step: string, on: string, fields: Partial<Record<string, string>> = {}) =>
      own.push(
        caseHistoryHeader.map((h) =>
          h === 'Casus' ? key : h === 'Stap' ? step : h === 'Datum' ? dutch(on) : (fields[h] ?? ''),
        ),
      );
    const analysis = rnd() < 0.2;
    const origin = [...new Set([pick(partners), ...(rnd() < 0.3 ? [pick(partners)] : [])])];
    const chosenThemes = [...new Set([pick(themes), ...(rnd() < 0.25 ? [pick(themes)] : [])])];
    const places = rnd() < 0.15 ? 'Utrecht; Almere' : pick(['Utrecht', 'Almere', 'Amersfoort']);
    row('Start', start, {
      Werknaam: `Historie ${i + 1}`,
      Gemeenten: places,
      'Thema’s': chosenThemes.map((t) => t[0]).join('; '),
      Herkomst: [...(analysis ? ['Analyseproduct'] : []), ...origin.map((p) => p.name)].join('; '),
      Deelnemers: 'Politie eenheid Midden-Nederland; Belastingdienst',
    });
    row('Fase', day(start, 10), { Soort: 'Informatie' });
    row('Fase', day(start, 40), { Soort: 'Analyse' });
    const advices: GeneratedCase['advices'] = [];
    const adviceCount = Math.floor(rnd() * 4);
    for (let a = 0; a < adviceCount; a++) {
      const [name, kind] = pick(adviceKinds);
      const on = day(start, 50 + rnd() * 70);
      advices.push({ kind, on });
      const partner = kind === 'fiscal' ? 'Belastingdienst' : 'Politie eenheid Midden-Nederland';
      row('Advies', on, { Soort: name, Partner: partner, Omschrijving: `${name} advies ${a + 1}` });
      if (rnd() < 0.6)
        row('Interventie', day(on, 20), {
          Soort: name,
          Partner: partner,
          Omschrijving: `${name} ingrijpen ${a + 1}`,
        });
    }
    row('Fase', day(start, 130), { Soort: 'Interventie' });
    const confiscations: GeneratedCase['confiscations'] = [];
    if (rnd() < 0.45) {
      const on = day(start, 140 + rnd() * 60);
      const cents = 1000_00 + Math.floor(rnd() * 200_000_00);
      const payments: Array<{ on: string; cents: number }> = [];
      row('Resultaat', on, { Soort: 'Afpakken', Partner: 'Belastingdienst', Bedrag: euro(cents) });
      if (rnd() < 0.6) {
        const first = { on: day(on, 30 + rnd() * 400), cents: Math.floor(cents * (0.2 + rnd() * 0.5)) };
        payments.push(first);
        row('Inning', first.on, { Bedrag: euro(first.cents) });
        if (rnd() < 0.4) {
          const second = {
            on: day(first.on, 30 + rnd() * 300),
            cents: Math.floor((cents - first.cents) * rnd()),
          };
          payments.push(second);
          row('Verrekening', second.on, { Bedrag: euro(second.cents) });
        }
      }
      confiscations.push({ on, cents, payments });
    }
    if (rnd() < 0.5)
      row('Resultaat', day(start, 150), {
        Soort: 'Aanhouding',
        Partner: 'Politie eenheid Midden-Nederland',
        Aantal: String(1 + Math.floor(rnd() * 3)),
      });
    const periods: GeneratedCase['periods'] = [];
    if (rnd() < 0.75) {
      const closed = day(start, 250 + rnd() * 400);
      row('Fase', day(closed, -20), { Soort: 'Evaluatie' });
      row('Evaluatie', closed, { Omschrijving: 'Samen optrekken werkte' });
      row('Sluiting', closed);
      periods.push([start, closed]);
      if (rnd() < 0.2) {
        const reopened = day(closed, 30 + rnd() * 200);
        row('Heropening', reopened, { Omschrijving: 'Nieuwe informatie' });
        const again = rnd() < 0.5 ? day(reopened, 60 + rnd() * 200) : null;
        if (again) row('Sluiting', again);
        periods.push([reopened, again]);
      }
    } else periods.push([start, null]);
    // Rows within a case in the file's order; the cases one after another.
    rows.push(...own);
    cases.push({
      key,
      start,
      analysis,
      origins: [...new Set(origin.map((p) => p.kind))],
      themes: [...new Set(chosenThemes.map((t) => t[1]))],
      periods,
      advices,
      confiscations,
      steps: own.length,
    });
  }
  return { rows, cases };
}

/** A generated history as a file, the way Samenspel itself writes CSV (semicolons, BOM, quoted cells). */
export function caseHistoryCsv(rows: readonly (readonly string[])[]): string {
  return csvDocument([caseHistoryHeader, ...rows]);
}
