/**
 * The lines of the national accountability table as the screens and exports show them, and the
 * fixed values of the reports, without zod: the dashboard names them without loading the schemas.
 */
import type { AccountabilityTable } from './reports.js';

/** The pseudo-district of regional cases, which belong to no district. */
export const REGIONAL_SCOPE = 'regionaal';
export const targetMeasures = ['handled', 'new', 'closed'] as const;

/** One line of the national table as it is printed: its number, its Dutch label, its value. */
export interface AccountabilityLine {
  number: string;
  label: string;
  value: number | null;
  /** Counts are numbers of cases or advices; amounts are euro cents. */
  unit: 'count' | 'cents';
  /** 0 for a row, 1 for a line within it. */
  level: 0 | 1;
}

/** The footnotes printed under the table. */
export const accountabilityFootnotes = [
  'Bij 2b–2g kan een casus onder meerdere herkomsten tellen: gemeente en politie zijn soms samen indiener van een signaal, en een casus uit een ondermijningsbeeld telt ook onder de partners uit wier signalen hij voortkwam. De aantallen tellen daarom op tot meer dan 2a.',
  "Aan een casus kunnen meerdere thema's verbonden zijn.",
  'Adviezen tellen naar de datum waarop ze zijn gegeven; bedragen naar de datum van opleggen. Van wat in de periode is opgelegd is een deel uiterlijk op de laatste dag van de periode geïnd of verrekend en staat de rest nog open: samen is dat het opgelegde bedrag. Wat in de periode is geïnd of verrekend op eerder opgelegde bedragen staat op een eigen regel.',
  'Behandeld: de casus was op enig moment in de periode open. Nieuw: gestart in de periode. Afgesloten: gesloten in de periode; gesloten en op dezelfde dag heropend telt niet als afgesloten. Data zijn Nederlandse data (Europe/Amsterdam).',
] as const;

/** The national accountability table, line by line, in the structure of the annual plan. */
export function accountabilityLines(t: AccountabilityTable): AccountabilityLine[] {
  const row = (number: string, label: string, value: number | null, unit: 'count' | 'cents' = 'count') => ({
    number,
    label,
    value,
    unit,
    level: 0 as const,
  });
  const line = (label: string, value: number, unit: 'count' | 'cents' = 'count') => ({
    number: '',
    label,
    value,
    unit,
    level: 1 as const,
  });
  return [
    row('1', 'Ondermijningsbeelden opgeleverd', t.analysisProducts),
    row('2a', 'Casussen behandeld', t.casesHandled.total),
    line('waarvan gestart in de periode', t.casesHandled.startedInPeriod),
    line('waarvan eerder gestart', t.casesHandled.startedEarlier),
    row('2b', 'Voortgekomen uit ondermijningsbeelden', t.origins.analysisProduct),
    row('2c', 'Voortgekomen uit een signaal van een gemeente', t.origins.municipality),
    row('2d', 'Voortgekomen uit een signaal van het OM', t.origins.publicProsecution),
    row('2e', 'Voortgekomen uit een signaal van de politie', t.origins.police),
    row('2f', 'Voortgekomen uit een signaal van de Belastingdienst', t.origins.taxAdministration),
    row('2g', 'Voortgekomen uit een signaal van overige partners', t.origins.otherPartners),
    row('3', "Thema's van de behandelde casussen", null),
    line('Mensenhandel en mensensmokkel', t.themes.human_trafficking),
    line('Hennepteelt en drugs', t.themes.drugs),
    line('Witwassen en financiële malversaties', t.themes.money_laundering),
    line('Vastgoed', t.themes.real_estate),
    line('OMG', t.themes.omg),
    line("Overige thema's of handhavingsknelpunten", t.themes.other),
    row('4', 'Interventieadviezen', null),
    line('Bestuurlijk', t.advices.administrative),
    line('Bibob', t.advices.bibob),
    line('Strafrechtelijk', t.advices.criminal),
    line('Fiscaal', t.advices.fiscal),
    line('Overig', t.advices.other),
    row('5', 'Afpakbedragen integraal opgelegd', t.amounts.imposedCents, 'cents'),
    line('waarvan geïnd of verrekend', t.amounts.collectedOrSettledCents, 'cents'),
    line('nog openstaand van het opgelegde', t.amounts.outstandingCents, 'cents'),
    row(
      '',
      'Geïnd of verrekend op eerder opgelegde afpakbedragen',
      t.amounts.collectedOnEarlierCents,
      'cents',
    ),
  ];
}
