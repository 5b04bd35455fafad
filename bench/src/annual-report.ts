// The annual report: its archival PDF, a synthetic published report of the demo's shape at the
// size the issue names (30+ tables, a chart and a map, 40-odd pages), typeset by Typst as at
// publication: the build's median time against the goal (at most 5 s) and whether two builds give
// the same bytes. And reading the figures of a published report from its frozen snapshot, the
// way the web page, the JSON and the CSV files read them, against one hand-written query for
// the same values (goal: at most 1.25x).
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import type { PublishedReport, ReportTable } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Database } from '../../server/src/db/database.ts';
import {
  barChart,
  choropleth,
  publishedTable,
  reportPdf,
  snapshotOf,
} from '../../server/src/modules/annual-reports/index.ts';
import { median } from './load.ts';

function syntheticReport(tables: number): PublishedReport {
  const districts = ['West-Utrecht', 'Oost-Utrecht', 'Utrecht-Stad', 'Flevoland', 'Gooi en Vechtstreek'];
  const prose = Array.from({ length: 4 }, (_, i) =>
    `Alinea ${i + 1}: de partners pakten in 2021 samen ondermijnende criminaliteit aan; signalen, casussen, interventies en afpakbedragen (€) staan in de tabellen hieronder. `.repeat(
      5,
    ),
  ).join('\n\n');
  const chart = {
    kind: 'chart' as const,
    description: 'Staafdiagram',
    svg: barChart({
      categories: districts,
      series: ['Behandeld', 'Nieuw', 'Afgesloten'],
      cells: districts.map((_, i) =>
        [20 + i, 8 + i, i].map((v) => ({ value: v < 5 ? null : v, display: v < 5 ? '< 5' : String(v) })),
      ),
    }),
  };
  // 39 municipalities on a grid, each a polygon of 60 points: the size of the region's boundaries.
  const map = {
    kind: 'map' as const,
    description: 'Kaart',
    svg: choropleth({
      minimum: 5,
      areas: Array.from({ length: 39 }, (_, i) => {
        const [x, y] = [4.8 + (i % 7) * 0.12, 51.9 + Math.floor(i / 7) * 0.1];
        const ring = Array.from({ length: 60 }, (_, p) => {
          const a = (p / 59) * 2 * Math.PI;
          return [x + 0.05 * Math.cos(a), y + 0.04 * Math.sin(a)] as [number, number];
        });
        return { boundary: { type: 'Polygon' as const, coordinates: [ring] }, value: i % 6 ? i : null };
      }),
    }),
  };
  const sections: PublishedReport['sections'] = [];
  for (let t = 0; t < tables; t++) {
    sections.push({
      key: `sectie-${t + 1}`,
      level: t % 4 === 0 ? 1 : 2,
      title: `Hoofdstuk ${t + 1}: ${districts[t % districts.length]}`,
      prose,
      tables: [
        {
          id: `tabel-${t + 1}`,
          title: `Beoogd en gerealiseerd ${t + 1}`,
          period: { from: '2021-01-01', to: '2021-12-31' },
          scope: `District ${districts[t % districts.length]}`,
          definition: 'docs/programmes.md#indicators',
          gated: true,
          columns: ['Doel', 'Beoogd', 'Gerealiseerd', 'Status'],
          rows: Array.from({ length: 12 }, (_, r) => ({
            label: `Doel ${r + 1}: lokale ondermijningsoverleggen en integrale controles`,
            level: 0,
            note: null,
            cells: [
              { value: null, display: String(10 + r) },
              { value: 8 + r, display: String(8 + r) },
              { value: null, display: r % 3 ? 'Behaald' : 'Niet behaald' },
            ],
          })),
          footnotes: ['Aantallen onder de 5 staan als "< 5".'],
          ...(t === 1 ? { graphic: chart } : t === 2 ? { graphic: map } : {}),
        },
      ],
    });
  }
  return {
    id: '00000000-0000-4000-8000-000000000000',
    region: 'Midden-Nederland',
    year: 2021,
    title: 'Jaarverslag 2021 RIEC Midden-Nederland',
    publishedAt: '2022-03-15T10:00:00.000Z',
    sha256: 'a'.repeat(64),
    minimum: 5,
    definitions: [],
    sections,
  };
}

export async function benchAnnualReport(rounds: number): Promise<void> {
  const report = syntheticReport(32);
  const cold = performance.now();
  const first = reportPdf(report); // the first build in the process also loads Typst and its fonts
  const coldMs = performance.now() - cold;
  const times: number[] = [];
  let same = true;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const pdf = reportPdf(report);
    times.push(performance.now() - started);
    same &&= Buffer.compare(pdf, first) === 0;
  }
  const ms = median(times);
  console.log(
    'Annual report: the archival PDF (Typst, PDF/A-2b, tagged) of a report with 32 tables, a chart and a map.',
  );
  console.table([
    {
      stage: 'first build in the process',
      ms: Number(coldMs.toFixed(0)),
      bytes: first.length,
      'same bytes': true,
    },
    { stage: 'later builds (median)', ms: Number(ms.toFixed(0)), bytes: first.length, 'same bytes': same },
  ]);
  console.log(
    `Goal: at most 5 s per build (${Math.max(ms, coldMs) <= 5000 ? 'met' : 'NOT met'}); the same report, the same bytes (${same ? 'yes' : 'NO'}).\n`,
  );
}

const cellValues = (t: ReportTable) => t.rows.flatMap((r) => r.cells.map((c) => c.value));

/**
 * Reading a published report from its frozen snapshot, as the publication's routes do, against
 * one hand-written statement for the same values on the same connection pool, alternating:
 * - one table's figures (its CSV file): the repository's read against a statement that returns
 *   just the values;
 * - the whole report (its page, its JSON): the repository's read against a bare select of the
 *   stored document.
 */
export async function benchSnapshotRead(database: Database, rounds: number): Promise<void> {
  const { db } = database;
  // The hand-written statements run bare, without the column-name plugin of the app's queries.
  const bare = db.withoutPlugins();
  const report = syntheticReport(32);
  // A published report of its own, as publication stores one (the bench owns its database).
  const { id } = await db
    .insertInto('annualReports')
    .values({
      regionId: 'midden-nederland',
      year: 2090 + Math.floor(Math.random() * 9),
      title: report.title,
      status: 'published',
      createdAt: new Date(),
      createdBy: null,
      publishedAt: new Date(report.publishedAt),
      publishedBy: null,
      snapshot: JSON.stringify(report),
      snapshotSha256: report.sha256,
      pdf: Buffer.from('%PDF-'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  report.id = id;
  await db
    .updateTable('annualReports')
    .set({ snapshot: JSON.stringify(report) })
    .where('id', '=', id)
    .execute();
  const tableId = 'tabel-17';
  const expected = cellValues(
    report.sections.flatMap((x) => x.tables).find((t) => t.id === tableId) as ReportTable,
  );
  const pairs = [
    {
      name: "one table's figures",
      frozen: async () => {
        const table = await publishedTable(db, id, tableId);
        return table ? cellValues(table) : [];
      },
      handWritten: async () => {
        const { rows } = await sql<{ values: Array<number | null> }>`
          select jsonb_path_query_array(snapshot, '$.sections[*].tables[*] ? (@.id == $id).rows[*].cells[*].value',
            jsonb_build_object('id', ${tableId}::text)) as values
          from annual_reports where id = ${id}`.execute(bare);
        return rows[0]?.values ?? [];
      },
      expected,
    },
    {
      name: 'the whole report',
      frozen: async () => (await snapshotOf(db, id))?.snapshot ?? null,
      handWritten: async () => {
        const { rows } = await sql<{ snapshot: PublishedReport }>`
          select snapshot from annual_reports where id = ${id}`.execute(bare);
        return rows[0]?.snapshot ?? null;
      },
      expected: report,
    },
  ];
  const iterations = 100;
  const time = async (read: () => Promise<unknown>) => {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) await read();
    return (performance.now() - started) / iterations;
  };
  const rows: Array<Record<string, string | number>> = [];
  const ratios: string[] = [];
  for (const pair of pairs) {
    for (const read of [pair.frozen, pair.handWritten])
      if (!isDeepStrictEqual(await read(), pair.expected))
        throw new Error(`${pair.name}: the two reads differ`);
    for (let i = 0; i < 30; i++) await Promise.all([pair.frozen(), pair.handWritten()]); // warm-up
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let round = 0; round < rounds * 3; round++) {
      baseline.push(await time(pair.handWritten));
      ours.push(await time(pair.frozen));
    }
    const [a, b] = [median(ours), median(baseline)];
    rows.push(
      { read: `${pair.name}: one hand-written statement`, 'ms per read': Number(b.toFixed(3)) },
      {
        read: `${pair.name}: the frozen snapshot, as the routes read it`,
        'ms per read': Number(a.toFixed(3)),
      },
    );
    ratios.push(`${pair.name} ${(a / b).toFixed(2)}x`);
  }
  console.log(
    `Annual report: a published report of 32 tables, a chart and a map; ${iterations} reads per round.`,
  );
  console.table(rows);
  console.log(
    `frozen snapshot against the hand-written statement: ${ratios.join('; ')} (goal: at most 1.25)\n`,
  );
  await db.deleteFrom('annualReports').where('id', '=', id).execute();
}
