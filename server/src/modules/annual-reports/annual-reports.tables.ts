import {
  accountabilityFootnotes,
  accountabilityLines,
  type Programme,
  type ReportTable,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import { financeYearOf } from '../finance/index.js';
import { placesPerMunicipality } from '../locations/index.js';
import { municipalityBoundaries } from '../organisations/index.js';
import { programmesOfYear } from '../programmes/index.js';
import { accountabilityTable, districtFigures } from '../reports/index.js';
import { type Boundary, barChart, choropleth } from './annual-reports.graphics.js';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const statusNames: Record<string, string> = {
  reached: 'Behaald',
  'not-reached': 'Niet behaald',
  'above-range': 'Boven de bandbreedte',
  qualitative: 'Kwalitatief',
  'no-result': 'Nog geen resultaat',
};

type Cell = ReportTable['rows'][number]['cells'][number];
const text = (display: string): Cell => ({ value: null, display });
const euro = (v: number | null): Cell =>
  v === null ? text('–') : { value: v, display: `€ ${number.format(v)}` };

/**
 * The small-numbers rule of published tables: a count below the collaboration's minimum is
 * printed "< k" and not published, unless the table is one the national structure requires in
 * full (the accountability table of the region). Amounts and FTE are not counts.
 */
export function countCell(v: number | null, minimum: number, gated: boolean): Cell {
  if (v === null) return text('–');
  if (gated && v < minimum) return { value: null, display: `< ${minimum}` };
  return { value: v, display: number.format(v) };
}

export interface TableContext {
  db: Db;
  regionId: string;
  regionName: string;
  year: number;
  minimum: number;
}

const yearPeriod = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The national accountability table of the region for the year: in full, as the structure requires. */
export async function nationalTable(c: TableContext): Promise<ReportTable> {
  const period = yearPeriod(c.year);
  const t = await accountabilityTable(c.db, { kind: 'region', regionId: c.regionId }, period);
  return {
    id: 'verantwoordingstabel',
    title: `Cijfermatige resultaten integrale aanpak binnen RIEC-verband, ${c.year}`,
    period,
    scope: `Regio ${c.regionName}`,
    definition: 'docs/accountability.md',
    gated: false,
    columns: ['Onderdeel', 'Aantal of bedrag'],
    rows: accountabilityLines(t).map((l) => ({
      label: [l.number, l.label].filter(Boolean).join(' '),
      level: l.level,
      note: null,
      cells: [
        l.unit === 'cents'
          ? euro(l.value === null ? null : Math.round(l.value / 100))
          : countCell(l.value, c.minimum, false),
      ],
    })),
    footnotes: [...accountabilityFootnotes],
  };
}

/** Cases handled, new and closed per district and for the regional cases. */
export async function districtCasesTable(c: TableContext): Promise<ReportTable> {
  const period = yearPeriod(c.year);
  const rows = await districtFigures(c.db, { kind: 'region', regionId: c.regionId }, period);
  const series = ['Behandeld', 'Nieuw', 'Afgesloten'] as const;
  const tableRows = rows.map((r) => ({
    label: r.district?.name ?? 'Regionale casussen',
    level: 0,
    note: null,
    cells: [r.handled, r.new, r.closed].map((v) => countCell(v, c.minimum, true)),
  }));
  return {
    id: 'casussen-per-district',
    title: `Integrale casussen per district, ${c.year}`,
    period,
    scope: `Regio ${c.regionName}`,
    definition: 'docs/programmes.md#indicators',
    gated: true,
    columns: ['District', ...series],
    rows: tableRows,
    footnotes: [`Aantallen onder de ${c.minimum} staan als "< ${c.minimum}".`],
    graphic: {
      kind: 'chart',
      svg: barChart({
        categories: tableRows.map((r) => r.label),
        series: series.slice(),
        cells: tableRows.map((r) => r.cells),
      }),
      description: `Staafdiagram van de integrale casussen per district in ${c.year}: behandeld, nieuw en afgesloten. De aantallen staan in de tabel.`,
    },
  };
}

/**
 * Places: per municipality of the region, the risk locations flagged by the year's end, those
 * addressed in the year and the inspections held in it, in a table (every municipality, in the
 * alphabet) and on a map coloured by the risk locations; counts under the minimum withheld, zero
 * included.
 */
export async function placesMapTable(c: TableContext): Promise<ReportTable> {
  const period = yearPeriod(c.year);
  const [rows, boundaries] = await Promise.all([
    placesPerMunicipality(c.db, c.regionId, period.from, period.to),
    municipalityBoundaries(c.db, c.regionId),
  ]);
  const tableRows = rows.map((r) => ({
    label: r.name,
    level: 0,
    note: null,
    cells: [r.flagged, r.addressedInPeriod, r.inspections].map((v) => countCell(v, c.minimum, true)),
  }));
  const flagged = new Map(rows.map((r, i) => [r.code, tableRows[i]?.cells[0]?.value ?? null]));
  const withheld = tableRows.filter((r) => r.cells[0]?.value === null).length;
  return {
    id: 'plaatsen-per-gemeente',
    title: `Risicolocaties en controles per gemeente, ${c.year}`,
    period,
    scope: `Regio ${c.regionName}`,
    definition: 'docs/locations.md',
    gated: true,
    columns: ['Gemeente', 'Risicolocaties', `Aangepakt in ${c.year}`, 'Controles'],
    rows: tableRows,
    footnotes: [
      `Aantallen onder de ${c.minimum} staan als "< ${c.minimum}", ook nul.`,
      `Risicolocaties: gesignaleerd tot en met 31 december ${c.year}; aangepakt: met de stap "aangepakt" in ${c.year}; controles: gehouden in ${c.year}, in de gemeente van de controle.`,
      'Kaart: gemeentegrenzen CBS, Kadaster (CC BY 4.0).',
    ],
    graphic: {
      kind: 'map',
      svg: choropleth({
        areas: boundaries.flatMap((b) =>
          b.boundary && flagged.has(b.code)
            ? [{ boundary: b.boundary as Boundary, value: flagged.get(b.code) ?? null }]
            : [],
        ),
        minimum: c.minimum,
      }),
      description: `Kaart van de ${rows.length} gemeenten van de regio, gekleurd naar het aantal risicolocaties eind ${c.year}; ${withheld} gemeenten met geen of minder dan ${c.minimum} risicolocaties zijn wit. De aantallen staan in de tabel.`,
    },
  };
}

/** A programme's goals as the plan prints them: Doel | Beoogd | Gerealiseerd | Status. */
export async function programmeTable(
  c: TableContext,
  programmeId: string,
  cache: Map<number, Programme[]>,
): Promise<ReportTable | null> {
  let programmes = cache.get(c.year);
  if (!programmes) {
    programmes = await programmesOfYear(c.db, c.regionId, c.year);
    cache.set(c.year, programmes);
  }
  const p = programmes.find((x) => x.id === programmeId);
  if (!p) return null;
  return {
    id: `programma-${p.id.slice(0, 8)}`,
    title: `${p.name}: beoogd en gerealiseerd`,
    period: yearPeriod(p.year),
    scope: p.district ? `District ${p.district.name}` : `Regio ${c.regionName}`,
    definition: 'docs/programmes.md#indicators',
    gated: true,
    columns: ['Doel', 'Beoogd', 'Gerealiseerd', 'Status'],
    rows: p.items.map((g) => {
      const result =
        g.resultKind === 'computed'
          ? g.figures
              .map((f) => {
                const shown =
                  f.unit === 'euro' ? euro(f.value).display : countCell(f.value, c.minimum, true).display;
                return `${shown} ${f.name.toLocaleLowerCase('nl')}`;
              })
              .join('; ')
          : g.resultLabel || '–';
      const first = g.figures[0];
      return {
        label: g.text,
        level: 0,
        note:
          g.resultKind === 'recorded' && g.recorded[0]
            ? `Bron: ${g.recorded[0].source}, ${g.recorded[0].recordedOn}`
            : g.resultKind === 'computed'
              ? `Berekend uit het dossier: ${g.figures.map((f) => f.indicator).join(', ')}`
              : null,
        cells: [
          text(g.target.label),
          first && g.resultKind === 'computed'
            ? { value: countCell(first.value, c.minimum, first.unit !== 'euro').value, display: result }
            : text(result),
          text(statusNames[g.status] ?? g.status),
        ],
      };
    }),
    footnotes: [`Aantallen onder de ${c.minimum} staan als "< ${c.minimum}".`],
  };
}

/** The exploitatieoverzicht: budget and realisation of the year and the next year's budget (× € 1.000). */
export async function financeTable(c: TableContext): Promise<ReportTable> {
  const f = await financeYearOf(c.db, c.regionId, c.year);
  const k = (v: number | null): Cell =>
    v === null ? text('–') : { value: v, display: number.format(Math.round(v / 1000)) };
  const fte = (v: number | null): Cell => (v === null ? text('–') : { value: v, display: number.format(v) });
  const groupName = { income: 'Baten', costs: 'Lasten', fte: 'Bijdragen van partners in fte' } as const;
  const rows: ReportTable['rows'] = [];
  for (const group of ['income', 'costs', 'fte'] as const) {
    rows.push({ label: groupName[group], level: 0, note: null, cells: [text(''), text(''), text('')] });
    for (const l of f.lines.filter((x) => x.group === group)) {
      const cell = l.unit === 'fte' ? fte : k;
      rows.push({
        label: l.name,
        level: 1,
        note: null,
        cells: [cell(l.budget), cell(l.realisation), cell(l.nextBudget)],
      });
    }
    if (group !== 'fte') {
      const t = f.totals[group];
      rows.push({
        label: group === 'income' ? 'Totaal baten' : 'Totaal lasten',
        level: 0,
        note: null,
        cells: [k(t.budget), k(t.realisation), k(t.nextBudget)],
      });
    }
  }
  return {
    id: 'exploitatieoverzicht',
    title: `Exploitatieoverzicht ${c.year} (× € 1.000)`,
    period: yearPeriod(c.year),
    scope: `Regio ${c.regionName}`,
    definition: 'docs/finance.md',
    gated: false,
    columns: ['Regel', `Begroting ${c.year}`, `Realisatie ${c.year}`, `Begroting ${c.year + 1}`],
    rows,
    footnotes: f.warnings.map((w) => w.reason),
  };
}
