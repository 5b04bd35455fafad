import type { AccountabilityReport, CaseDetail, CasePage, ImportReport } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseHistoryHeader, type GeneratedCase, generateCaseHistory } from '../../testing/case-history.js';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/**
 * The case-history import: a region's earlier cases, one row per dated step, come in with their
 * real dates, and the accountability table of those years comes out of Samenspel as computed here
 * on its own from the same file. One test owns 2016–2018; the others use 2010–2013 and leave no
 * case open after 2013 (the tests run in any order).
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<Cast['analyst']>>;

const csvOf = (rows: readonly (readonly string[])[]) =>
  [caseHistoryHeader, ...rows]
    .map((r) => r.map((c) => (/[;"\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(';'))
    .join('\r\n');

async function upload(
  who: Member,
  body: string,
  mode: 'dry-run' | 'commit' = 'dry-run',
  fileName = 'historie.csv',
): Promise<{ status: number; json: ImportReport & { invalidParams?: Array<{ code: string }> } }> {
  const url = `/api/v1/imports/case-history?${new URLSearchParams({ mode, fileName })}`;
  const response = await cast.call(who, 'POST', url, body, { 'content-type': 'text/csv' });
  return { status: response.statusCode, json: response.json() };
}

/** The accountability table's rows 2–5 for a year, computed from the generated history alone. */
function expectedTable(cases: readonly GeneratedCase[], year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const handled = cases.filter((c) => c.periods.some(([o, cl]) => o <= to && (cl === null || cl >= from)));
  const count = (f: (c: GeneratedCase) => boolean) => handled.filter(f).length;
  const themes = Object.fromEntries(
    ['human_trafficking', 'drugs', 'money_laundering', 'real_estate', 'omg', 'other'].map((k) => [
      k,
      count((c) => c.themes.includes(k)),
    ]),
  );
  const advices = Object.fromEntries(
    ['administrative', 'bibob', 'criminal', 'fiscal', 'other'].map((k) => [
      k,
      cases.flatMap((c) => c.advices).filter((a) => a.kind === k && a.on >= from && a.on <= to).length,
    ]),
  );
  let imposed = 0;
  let paid = 0;
  let outstanding = 0;
  let earlier = 0;
  for (const c of cases.flatMap((x) => x.confiscations)) {
    if (c.on > to) continue;
    const by = (end: string, strict: boolean) =>
      Math.min(
        c.cents,
        c.payments.filter((p) => (strict ? p.on < end : p.on <= end)).reduce((s, p) => s + p.cents, 0),
      );
    if (c.on >= from) {
      imposed += c.cents;
      paid += by(to, false);
      outstanding += c.cents - by(to, false);
    } else earlier += by(to, false) - by(from, true);
  }
  return {
    casesHandled: {
      total: handled.length,
      startedInPeriod: count((c) => c.start >= from),
      startedEarlier: count((c) => c.start < from),
    },
    origins: {
      analysisProduct: count((c) => c.analysis),
      municipality: count((c) => c.origins.includes('municipality')),
      publicProsecution: count((c) => c.origins.includes('public_prosecution')),
      police: count((c) => c.origins.includes('police')),
      taxAdministration: count((c) => c.origins.includes('tax_administration')),
      otherPartners: count((c) => c.origins.includes('other')),
    },
    themes,
    advices,
    amounts: {
      imposedCents: imposed,
      collectedOrSettledCents: paid,
      outstandingCents: outstanding,
      collectedOnEarlierCents: earlier,
    },
  };
}

/** One case's rows, in the generated file's columns. */
const rowOf = (fields: Partial<Record<(typeof caseHistoryHeader)[number], string>>) =>
  caseHistoryHeader.map((h) => fields[h] ?? '');
const startOf = (key: string, on: string, extra: Partial<Record<string, string>> = {}) =>
  rowOf({
    Casus: key,
    Stap: 'Start',
    Datum: on,
    Werknaam: `Oud ${key}`,
    Gemeenten: 'Utrecht',
    'Thema’s': 'Vastgoed',
    Herkomst: 'Gemeente Utrecht',
    Deelnemers: 'Politie eenheid Midden-Nederland',
    ...extra,
  });

describe(`importing a case history on ${testEngine()}`, () => {
  it("brings a region's earlier years in with their dates: the accountability table comes out as computed from the file", async () => {
    const analyst = await cast.analyst();
    const { rows, cases } = generateCaseHistory(40, { from: '2016-01-01', to: '2018-10-31', seed: 2016 });
    const csv = csvOf(rows);
    const dry = await upload(analyst, csv);
    expect(dry.status).toBe(200);
    expect(dry.json.problems).toEqual([]);
    expect(dry.json).toMatchObject({ rows: rows.length, accepted: rows.length, rejected: 0, written: 0 });
    const committed = await upload(analyst, csv, 'commit');
    expect(committed.json).toMatchObject({ status: 'committed', written: rows.length });
    for (const year of [2016, 2017, 2018]) {
      const report = await cast.ok<AccountabilityReport>(
        analyst,
        'GET',
        `/api/v1/reports/accountability?year=${year}`,
      );
      const { analysisProducts: _, ...table } = report.table;
      expect(table, `the table of ${year}`).toEqual(expectedTable(cases, year));
    }
    // The table is not empty by accident: the years hold cases, advices and amounts.
    const y2017 = expectedTable(cases, 2017);
    expect(y2017.casesHandled.total).toBeGreaterThan(10);
    expect(y2017.amounts.imposedCents).toBeGreaterThan(0);

    // A case reads as one recorded through the app: its steps on the dates they happened, recorded today.
    const generated = cases[0] as GeneratedCase;
    const page = await cast.ok<CasePage>(
      analyst,
      'GET',
      `/api/v1/cases?from=${generated.start}&to=${generated.start}&pageSize=100`,
    );
    const first = page.items.find((c) => c.codeName === 'Historie 1');
    expect(first).toBeDefined();
    const detail = await cast.ok<CaseDetail>(analyst, 'GET', `/api/v1/cases/${first?.id}`);
    expect(detail.startedOn).toBe(generated.start);
    expect(detail.reference).toMatch(new RegExp(`^CAS-${generated.start.slice(0, 4)}-`));

    // The same file again adds nothing; every row is skipped with its reason.
    const again = await upload(analyst, csv, 'commit');
    expect(again.json).toMatchObject({ status: 'committed', accepted: 0, skipped: rows.length, written: 0 });
    expect(again.json.skippedRows[0]?.reason).toBe('Staat al zo in Samenspel.');
  });

  it('refuses a case whose steps do not fit together, whole, and says so on every row', async () => {
    const analyst = await cast.analyst();
    const csv = csvOf([
      startOf('F-1', '01-02-2010'),
      rowOf({ Casus: 'F-1', Stap: 'Fase', Datum: '01-03-2010', Soort: 'Analyse' }),
      rowOf({ Casus: 'F-1', Stap: 'Fase', Datum: '01-04-2010', Soort: 'Informatie' }),
      rowOf({ Casus: 'F-1', Stap: 'Heropening', Datum: '01-05-2010', Omschrijving: 'Nieuw' }),
      rowOf({
        Casus: 'F-2',
        Stap: 'Advies',
        Datum: '01-05-2010',
        Soort: 'Bibob',
        Partner: 'Gemeente Utrecht',
        Omschrijving: 'x',
      }),
      startOf('F-3', '01-06-2010'),
      rowOf({ Casus: 'F-3', Stap: 'Inning', Datum: '2010-07-01', Bedrag: '€ 1.000' }),
      rowOf({ Casus: 'F-3', Stap: 'Sluiting', Datum: '2010-08-01' }),
      startOf('F-4', '01-06-2010'),
      rowOf({
        Casus: 'F-4',
        Stap: 'Advies',
        Datum: '01-05-2010',
        Soort: 'Fiscaal',
        Partner: 'Belastingdienst',
        Omschrijving: 'x',
      }),
      startOf('F-5', '01-06-2010', { Gemeenten: 'Atlantis' }),
      rowOf({ Casus: 'F-5', Stap: 'Sluiting', Datum: '2010-08-01' }),
      startOf('F-6', '01-06-2010'),
      rowOf({
        Casus: 'F-6',
        Stap: 'Resultaat',
        Datum: '2010-07-01',
        Soort: 'Afpakken',
        Partner: 'Belastingdienst',
        Bedrag: '-5',
      }),
      rowOf({ Casus: 'F-6', Stap: 'Sluiting', Datum: '2099-08-01' }),
      rowOf({ Casus: 'F-6', Stap: 'Opruimen', Datum: '2010-08-01' }),
      startOf('F-7', '01-06-2010'),
      startOf('F-7', '01-07-2010'),
      startOf('OK-1', '01-06-2010'),
      rowOf({ Casus: 'OK-1', Stap: 'Sluiting', Datum: '2011-08-01' }),
    ]);
    const dry = await upload(analyst, csv, 'commit');
    expect(dry.status).toBe(200);
    const { json } = dry;
    expect(json).toMatchObject({
      status: 'refused',
      rows: 20,
      accepted: 2,
      rejected: 18,
      skipped: 0,
      written: 0,
    });
    const codes = (line: number) => json.problems.filter((p) => p.line === line).map((p) => p.code);
    expect(codes(4)).toEqual(['phase_order']);
    expect(codes(5)).toEqual(['not_closed']);
    expect(codes(2)).toEqual(['case_refused']);
    expect(json.problems.find((p) => p.line === 2)?.reason).toBe(
      'Casus F-1 wordt niet ingelezen: regels 4, 5 zijn geweigerd. Verbeter die regels; een casus komt alleen heel binnen.',
    );
    expect(codes(6)).toEqual(['no_start']);
    expect(codes(8)).toEqual(['more_than_outstanding']);
    expect(codes(11)).toEqual(['before_start']);
    expect(codes(12)).toEqual(['unknown_municipality']);
    expect(codes(13)).toEqual(['case_refused']);
    expect(codes(15)).toEqual(['negative']);
    expect(codes(16)).toEqual(['in_the_future']);
    expect(codes(17)).toEqual(['unknown_step']);
    expect(codes(14)).toEqual(['case_refused']);
    expect(codes(19)).toEqual(['second_start']);
    expect(codes(18)).toEqual(['case_refused']);
    // Nothing of the file was written, not even the case that was fine.
    const page = await cast.ok<CasePage>(analyst, 'GET', '/api/v1/cases?from=2010-06-01&to=2010-06-01');
    expect(page.items).toEqual([]);
    // Corrected, it comes in; the refused run's rows are in its error file.
    const errors = await cast.call(analyst, 'GET', `/api/v1/imports/${json.id}/errors.csv`);
    expect(errors.body.split('\r\n').filter(Boolean)).toHaveLength(19);
  });

  it('refuses a case imported before whose history the file tells otherwise, and skips it told the same in another order', async () => {
    const analyst = await cast.analyst();
    const original = [
      startOf('R-1', '01-02-2011'),
      rowOf({ Casus: 'R-1', Stap: 'Sluiting', Datum: '01-03-2012' }),
    ];
    expect((await upload(analyst, csvOf(original), 'commit')).json).toMatchObject({
      status: 'committed',
      written: 2,
    });
    const changed = [
      ...original,
      rowOf({ Casus: 'R-1', Stap: 'Heropening', Datum: '01-04-2012', Omschrijving: 'Nieuw' }),
      rowOf({ Casus: 'R-1', Stap: 'Sluiting', Datum: '01-05-2012' }),
      startOf('R-2', '01-02-2011'),
      rowOf({ Casus: 'R-2', Stap: 'Sluiting', Datum: '01-03-2012' }),
    ];
    const report = (await upload(analyst, csvOf(changed))).json;
    expect(report).toMatchObject({ rows: 6, accepted: 2, rejected: 4, skipped: 0 });
    expect(report.problems.filter((p) => p.code === 'history_changed').map((p) => p.line)).toEqual([
      2, 3, 4, 5,
    ]);
    expect(report.problems[0]?.reason).toMatch(/^Casus R-1 is al ingelezen, met een andere geschiedenis/);
    // Rows in another order are the same history.
    const reordered = (await upload(analyst, csvOf([...original].reverse()))).json;
    expect(reordered).toMatchObject({ accepted: 0, skipped: 2, rejected: 0 });
  });

  it('reads Dutch amounts and dates, a reopening and payments after closure, and credits a payment to its confiscation', async () => {
    const analyst = await cast.analyst();
    const csv = csvOf([
      startOf('P-1', '2012-01-10', {
        Herkomst: 'Analyseproduct; Politie eenheid Midden-Nederland',
        'Thema’s': 'Vastgoed; Criminele geldstromen',
      }),
      rowOf({
        Casus: 'P-1',
        Stap: 'Advies',
        Datum: '15-02-2012',
        Soort: 'Fiscaal',
        Partner: 'Belastingdienst',
        Omschrijving: 'Boekenonderzoek',
      }),
      rowOf({
        Casus: 'P-1',
        Stap: 'Interventie',
        Datum: '01-03-2012',
        Soort: 'fiscaal',
        Partner: 'belastingdienst',
        Omschrijving: 'Aanslag',
      }),
      rowOf({
        Casus: 'P-1',
        Stap: 'Resultaat',
        Datum: '02-03-2012',
        Soort: 'Afpakken',
        Partner: 'Belastingdienst',
        Bedrag: '€ 12.345,67',
      }),
      rowOf({ Casus: 'P-1', Stap: 'Sluiting', Datum: '01-06-2012' }),
      rowOf({ Casus: 'P-1', Stap: 'Inning', Datum: '01-09-2012', Bedrag: '2.345,67' }),
      // Two equal instalments on one day are two.
      rowOf({ Casus: 'P-1', Stap: 'Inning', Datum: '01-09-2012', Bedrag: '2.345,67' }),
      rowOf({ Casus: 'P-1', Stap: 'Heropening', Datum: '01-10-2012', Omschrijving: 'Nieuwe informatie' }),
      rowOf({ Casus: 'P-1', Stap: 'Sluiting', Datum: '01-12-2013' }),
      // Closed and reopened on the day it started: one period, still open, then closed.
      startOf('P-2', '2012-02-01'),
      rowOf({ Casus: 'P-2', Stap: 'Sluiting', Datum: '01-02-2012' }),
      rowOf({ Casus: 'P-2', Stap: 'Heropening', Datum: '01-02-2012', Omschrijving: 'Toch niet' }),
      rowOf({ Casus: 'P-2', Stap: 'Sluiting', Datum: '01-03-2012' }),
    ]);
    const committed = (await upload(analyst, csv, 'commit')).json;
    expect(committed.problems).toEqual([]);
    expect(committed).toMatchObject({ status: 'committed', written: 13 });
    const page = await cast.ok<CasePage>(analyst, 'GET', '/api/v1/cases?from=2012-01-10&to=2012-01-10');
    expect(page.items.map((c) => c.codeName)).toEqual(['Oud P-1']);
    const detail = await cast.ok<CaseDetail>(analyst, 'GET', `/api/v1/cases/${page.items[0]?.id}`);
    expect(detail).toMatchObject({
      origin: 'analysis-product',
      phase: 'closed',
      startedOn: '2012-01-10',
      closedOn: '2013-12-01',
    });
    expect(detail.advices).toEqual([
      expect.objectContaining({ kind: 'fiscal', givenOn: '2012-02-15', status: 'carried-out' }),
    ]);
    const confiscation = detail.results.find((r) => r.imposedCents === 1_234_567);
    expect(confiscation).toBeDefined();
    const collections = detail.results.filter((r) => r.collectedCents === 234_567);
    expect(collections).toHaveLength(2);
    expect(collections[0]).toMatchObject({ collectedOn: '2012-09-01', confiscationId: confiscation?.id });
    const report = await cast.ok<AccountabilityReport>(
      analyst,
      'GET',
      '/api/v1/reports/accountability?year=2013',
    );
    expect(report.table.casesHandled).toMatchObject({ total: 1, startedEarlier: 1 });
  });

  it('lets only those who may start cases import a history', async () => {
    const staff = await cast.staff('GM0344');
    const csv = csvOf([startOf('X-1', '01-02-2011')]);
    expect((await upload(staff, csv)).status).toBe(403);
    expect((await upload(await cast.director(), csv)).status).toBe(200);
  });
});
