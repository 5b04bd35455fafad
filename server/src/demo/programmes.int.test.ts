import { readFileSync } from 'node:fs';
import path from 'node:path';
import type {
  AnnualReportSummary,
  CaseProgress,
  FinanceYear,
  Programme,
  ProgrammeSummary,
  PublishedReport,
} from '@samenspel/contracts';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_TIMEOUT, demoSeedOutput, type TestApp, testEngine } from '../testing/index.js';

const figures = JSON.parse(readFileSync(path.resolve(import.meta.dirname, 'figures-2021.json'), 'utf8'));

/**
 * The demo's programme pages of 2021 against the annual plan's "Beoogd / Gerealiseerd" tables
 * (Jaarplan 2022, "Terugblik 2021"; the figures in figures-2021.json), figure for figure.
 */
let t: TestApp;
let cookie = '';
let pages: Programme[] = [];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const email = 'programmamanager@riec-mn.example';
  const line = new RegExp(`${email.replace(/\./g, '\\.')}\\s+(\\S+)\\s+TOTP (\\S+)`).exec(
    await demoSeedOutput(),
  );
  const [, password, secret] = line ?? [];
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sessions',
    payload: {
      email,
      password,
      ...(secret && !secret.startsWith('(') ? { code: await generate({ secret }) } : {}),
    },
  });
  cookie = String([response.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
  const { items } = await get<{ items: ProgrammeSummary[] }>('/api/v1/programmes?year=2021');
  pages = await Promise.all(items.map((p) => get<Programme>(`/api/v1/programmes/${p.id}`)));
}, DEMO_TIMEOUT);
afterAll(async () => t?.close());

async function get<T>(url: string): Promise<T> {
  const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
}

/** The figures of a goal, by indicator (and option), and its status. */
function row(page: string, text: string) {
  const goal = pages.find((p) => p.name === page)?.items.find((g) => g.text.startsWith(text));
  if (!goal) throw new Error(`no goal '${text}' on '${page}'`);
  const values = Object.fromEntries(
    goal.figures.map((f) => [f.option ? `${f.indicator}:${f.option}` : f.indicator, f.value]),
  );
  return { goal, values };
}

const districts = figures.casussen_per_district;

describe(`the demo's programme pages of 2021 on ${testEngine()}`, () => {
  it('has every district action plan and the regional programmes', () => {
    expect(pages.map((p) => p.name)).toEqual([
      'Districtsplan West-Utrecht 2021',
      'Districtsplan Oost-Utrecht 2021',
      'Districtsplan Utrecht-Stad 2021',
      'Districtsplan Flevoland 2021',
      'Districtsplan Gooi en Vechtstreek 2021',
      'Criminele geldstromen 2021',
      'Weerbare overheid 2021',
      'Maatschappelijke weerbaarheid 2021',
    ]);
  });

  it("reproduces every district's cases: handled, new and closed against the target", () => {
    const cases = (page: string, text: string) => {
      const { goal, values } = row(page, text);
      return {
        target: goal.target.label,
        handled: values['cases.handled'],
        new: values['cases.new'],
        closed: values['cases.closed'],
        status: goal.status,
      };
    };
    const expected = (name: string, target: string, status: string) => {
      const d = districts[name] as { behandeld: number; nieuw: number; afgesloten: number };
      return { target, handled: d.behandeld, new: d.nieuw, closed: d.afgesloten, status };
    };
    expect(cases('Districtsplan West-Utrecht 2021', 'Casussen')).toEqual(
      expected('West-Utrecht', String(districts['West-Utrecht'].beoogd), 'not-reached'),
    );
    expect(cases('Districtsplan Oost-Utrecht 2021', 'Casussen')).toEqual(
      expected('Oost-Utrecht', 'Ter vergelijking: in 2020 zijn 31 casussen behandeld', 'qualitative'),
    );
    expect(cases('Districtsplan Utrecht-Stad 2021', '4 nieuwe casussen')).toEqual(
      expected('Utrecht-Stad', String(districts['Utrecht-Stad'].beoogd_nieuw_kwetsbare_gebieden), 'reached'),
    );
    expect(cases('Districtsplan Flevoland 2021', 'Casussen')).toEqual(
      expected('Flevoland', '12–15', 'above-range'),
    );
    expect(cases('Districtsplan Gooi en Vechtstreek 2021', 'Casussen')).toEqual(
      expected('Gooi en Vechtstreek', String(districts['Gooi en Vechtstreek'].beoogd), 'not-reached'),
    );
  });

  it('reproduces the local meetings: held, structural and in the making', () => {
    const west = row('Districtsplan West-Utrecht 2021', '10 lokale').values;
    expect([west['loo.held'], west['loo.structural']]).toEqual([
      districts['West-Utrecht'].loo_gerealiseerd,
      districts['West-Utrecht'].loo_structureel,
    ]);
    expect(row('Districtsplan Oost-Utrecht 2021', '15 lokale').values['loo.held']).toBe(
      districts['Oost-Utrecht'].loo_gerealiseerd,
    );
    expect(row('Districtsplan Flevoland 2021', '6 lokale').values['loo.held']).toBe(
      districts.Flevoland.loo_gerealiseerd,
    );
    const gooi = row('Districtsplan Gooi en Vechtstreek 2021', '7 lokale');
    expect([gooi.values['loo.structural'], gooi.values['loo.building']]).toEqual([
      districts['Gooi en Vechtstreek'].loo_structureel,
      districts['Gooi en Vechtstreek'].loo_in_opbouw,
    ]);
    expect(gooi.goal.status).toBe('not-reached');
  });

  it('reproduces the maps, the risk locations and the integral inspections', () => {
    const maps = row('Districtsplan Oost-Utrecht 2021', 'Buitengebied');
    expect(maps.values).toEqual({ 'maps.opportunity': 5, 'maps.risk': 4 });
    expect(maps.goal).toMatchObject({ target: { label: '8' }, status: 'not-reached' });
    const places = figures.risicolocaties_west_utrecht;
    expect(row('Districtsplan West-Utrecht 2021', 'Risicolocaties').values).toEqual({
      'locations.addressed': places.aangepakt_2021,
      'locations.looked-into': places.in_beeld_2021,
      'locations.flagged': places.nieuw_2021,
      'inspections.held': places.controles_2021,
      'inspections.integral': places.waarvan_integraal,
    });
  });

  it('reproduces the FIU chain: 44 signals, 7 criminal investigations, 2 cases, 3 fiscal, 58 provisions', () => {
    const money = figures.criminele_geldstromen;
    const { goal, values } = row('Criminele geldstromen 2021', 'Intensiveren samenwerking met FIU');
    expect(values).toEqual({
      'fiu.signals': money.fiu_signalen,
      'fiu.criminal': money.strafrechtelijke_onderzoeken_gestart,
      'fiu.cases': money.riec_casussen_gestart,
      'fiu.fiscal': money.fiscale_interventies,
      'activities.count:fiu-information': money.aanvullende_fiu_verstrekkingen,
    });
    expect(goal.status).toBe('qualitative');
  });

  it('reproduces the activities: Bibob, TOV, Q-colleges and Kapot Sterk', () => {
    const resilient = figures.weerbare_overheid;
    expect(row('Weerbare overheid 2021', 'Gemeenten ondersteunen bij Bibob').values).toEqual({
      'activities.count:bibob-support': resilient.bibob_casussen_ondersteund,
      'activities.count:webinar': 11,
    });
    expect(row('Weerbare overheid 2021', 'Team Operationele Versterking').values).toEqual({
      'activities.municipalities:tov-support': resilient.tov_gemeenten,
      'activities.count:tov-support': resilient.tov_dossiers,
    });
    expect(row('Maatschappelijke weerbaarheid 2021', 'Lesprogramma Kapot Sterk').values).toEqual({
      'activities.count:school-programme': 7,
      'activities.pupils:school-programme': 210,
    });
    const colleges = row('Maatschappelijke weerbaarheid 2021', 'Q-colleges');
    expect(colleges.values['activities.count:q-college']).toBe(4);
    expect(colleges.goal.status).toBe('reached');
  });

  it('shows the rows the record cannot give as recorded by hand, with the plan as their source', () => {
    const { goal } = row('Districtsplan Utrecht-Stad 2021', '2 actieweken');
    expect(goal).toMatchObject({
      resultKind: 'recorded',
      status: 'reached',
      resultLabel: '2 — 1 integraal en 1 multidisciplinair',
      recorded: [{ source: 'Jaarplan 2022 en terugblik 2021, Utrecht-Stad', recordedOn: '2021-12-31' }],
    });
    expect(row('Districtsplan Flevoland 2021', 'Projectmatige aanpak').goal).toMatchObject({
      status: 'qualitative',
      resultLabel: 'Aanpak loopt op basis van 9 projectplannen (goedgekeurd in de gemeenteraden)',
    });
  });

  it('gives the case progress per district, the same cases as the programme pages', async () => {
    const progress = await get<CaseProgress>('/api/v1/case-progress?year=2021');
    // The programme manager reads it through the disclosure gate: rounded to five.
    expect(progress.protected).toBe(true);
    const flevoland = progress.districts.find((d) => d.district.id === 'flevoland');
    expect(flevoland?.handled).toBe(Math.round(districts.Flevoland.behandeld / 5) * 5);
    const phases = flevoland?.byPhase.reduce((n, p) => n + (p.count ?? 0), 0) ?? 0;
    expect(phases).toBeGreaterThan(0);
  });

  it('reproduces the exploitatieoverzicht: budget and realisation 2021 and the budget 2022 (× € 1,000)', async () => {
    const year = await get<FinanceYear>('/api/v1/finance/2021');
    const sheet = figures.exploitatie_x1000_eur;
    const thousands = (v: number | null) => (v === null ? null : v / 1000);
    const row = (code: string) => {
      const l = year.lines.find((x) => x.line === code);
      return l?.unit === 'fte'
        ? [l.budget, l.realisation, l.nextBudget]
        : [thousands(l?.budget ?? null), thousands(l?.realisation ?? null), thousands(l?.nextBudget ?? null)];
    };
    expect(row('justice-contribution')).toEqual(sheet.baten.bijdragen_ministerie_jenv);
    expect(row('reserve-withdrawal')).toEqual(sheet.baten.onttrekking_aan_reserve);
    expect(row('personnel')).toEqual(sheet.lasten.personeel);
    expect(row('fte-police')).toEqual(sheet.fte_bijdragen.politie);
    const totals = (t: FinanceYear['totals']['income']) =>
      [t.budget, t.realisation, t.nextBudget].map(thousands);
    expect(totals(year.totals.income)).toEqual(sheet.baten.totaal);
    expect(totals(year.totals.costs)).toEqual(sheet.lasten.totaal);
    expect(year.warnings).toEqual([]);
  });

  it("publishes the annual report over 2021 with the plan's figures: the national table, the districts, the finance", async () => {
    const { items } = await get<{ items: AnnualReportSummary[] }>('/api/v1/annual-reports');
    const summary = items.find((r) => r.year === 2021);
    expect(summary).toMatchObject({ status: 'published', sections: 13, approved: 13 });
    const report = await get<PublishedReport>(`/api/v1/annual-reports/${summary?.id}/publication`);
    const table = (id: string) => report.sections.flatMap((x) => x.tables).find((t) => t.id === id);
    const national = table('verantwoordingstabel');
    const line = (start: string) => national?.rows.find((r) => r.label.startsWith(start))?.cells[0]?.value;
    const t = figures.verantwoordingstabel;
    expect([line('2a'), line('2b'), line('2c'), line('2e')]).toEqual([
      t['2a_casussen_behandeld'].totaal,
      t['2b_voortgekomen_uit_ondermijningsbeelden'],
      t['2c_signaal_gemeente'],
      t['2e_signaal_politie'],
    ]);
    expect(line('5 ')).toBe(t['5_afpakbedragen_eur'].totaal_integraal_opgelegd);
    // Published tables print small counts as "< 5": Utrecht-Stad's four new cases among them.
    const districtsTable = table('casussen-per-district');
    const row = (name: string) =>
      districtsTable?.rows.find((r) => r.label === name)?.cells.map((c) => c.display);
    expect(row('West-Utrecht')).toEqual(['17', '7', '6']);
    expect(row('Utrecht-Stad')).toEqual(['14', '< 5', '6']);
    const finance = table('exploitatieoverzicht');
    expect(finance?.rows.find((r) => r.label === 'Totaal baten')?.cells.map((c) => c.display)).toEqual([
      '6.526',
      '5.848',
      '6.862',
    ]);
    // Places on the map: West-Utrecht's 207 risk locations in its ten municipalities, the only
    // ones with five or more; the others white on the map and "< 5" in the table.
    const places = table('plaatsen-per-gemeente');
    const shown = places?.rows.filter((r) => r.cells[0]?.value !== null) ?? [];
    expect(shown).toHaveLength(10);
    expect(shown.reduce((sum, r) => sum + (r.cells[0]?.value ?? 0), 0)).toBe(207);
    expect(places?.graphic?.kind).toBe('map');
    expect(table('casussen-per-district')?.graphic?.kind).toBe('chart');
    expect(report.sections.find((x) => x.key === 'regio')?.prose).toMatch(/^\[Demotekst\]/);
  });
});
