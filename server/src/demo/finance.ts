import type { FinanceLineCode } from '@samenspel/contracts';
import type { DemoClock } from './clock.js';

/**
 * The annual plan's exploitatieoverzicht (× €1,000): budget and realisation 2021 and the budget
 * for 2022, recorded by the programme manager in whole euros; the partners' FTE contributions.
 */
export async function seedDemoFinance(demo: DemoClock): Promise<number> {
  const { as, actorOf } = demo;
  const manager = as(await actorOf('programmamanager@riec-mn.example'));
  const { finance } = demo.services;
  if ((await finance.get(manager, 2021)).updatedAt) return 0;
  // Jaarplan 2022, "Exploitatieoverzicht (x € 1.000)": budget 2021, realisation 2021, budget 2022
  // (the same figures as figures-2021.json, which the demo's tests compare them with).
  const sheet = {
    baten: {
      bijdragen_ministerie_jenv: [4738, 5067, 5513],
      vooruit_ontvangen_jenv_wpdg: [1051, 0, 814],
      vooruit_ontvangen_jenv_afpakken: [373, 335, 118],
      bijdragen_gemeenten: [291, 312, 312],
      bijdragen_provincies: [65, 155, 105],
      onttrekking_aan_reserve: [8, -21, null],
    },
    lasten: {
      personeel: [5864, 5161, 5943],
      projectkosten_en_materiele_lasten: [292, 243, 466],
      beheerlasten: [370, 444, 453],
    },
    fte_bijdragen: { politie: [3.56, 3.56, 2.56], belastingdienst: [3.6, 3.6, 3.6] },
  };
  const euros = (v: number | null | undefined) => (v === null || v === undefined ? null : v * 1000);
  const lines: Array<[FinanceLineCode, Array<number | null>, 'euro' | 'fte']> = [
    ['justice-contribution', sheet.baten.bijdragen_ministerie_jenv, 'euro'],
    ['justice-advance-wpdg', sheet.baten.vooruit_ontvangen_jenv_wpdg, 'euro'],
    ['justice-advance-confiscation', sheet.baten.vooruit_ontvangen_jenv_afpakken, 'euro'],
    ['municipalities', sheet.baten.bijdragen_gemeenten, 'euro'],
    ['provinces', sheet.baten.bijdragen_provincies, 'euro'],
    ['reserve-withdrawal', sheet.baten.onttrekking_aan_reserve, 'euro'],
    ['personnel', sheet.lasten.personeel, 'euro'],
    ['projects-and-materials', sheet.lasten.projectkosten_en_materiele_lasten, 'euro'],
    ['management', sheet.lasten.beheerlasten, 'euro'],
    ['fte-police', sheet.fte_bijdragen.politie, 'fte'],
    ['fte-tax-administration', sheet.fte_bijdragen.belastingdienst, 'fte'],
  ];
  const value = (v: number | null | undefined, unit: 'euro' | 'fte') =>
    unit === 'fte' ? (v ?? null) : euros(v);
  demo.set(new Date('2022-03-15T10:00:00Z'));
  await finance.put(manager, 2021, {
    lines: lines.map(([line, [budget, realisation], unit]) => ({
      line,
      budget: value(budget, unit),
      realisation: value(realisation, unit),
    })),
  });
  await finance.put(manager, 2022, {
    lines: lines.map(([line, [, , budget], unit]) => ({
      line,
      budget: value(budget, unit),
      realisation: null,
    })),
  });
  return lines.length;
}
