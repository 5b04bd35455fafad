import {
  type AccountabilityReport,
  accountabilityFootnotes,
  accountabilityLines,
} from '@samenspel/contracts';
import ExcelJS from 'exceljs';
import { csvDocument } from '../../shared/csv.js';
import { dutchDate } from '../../shared/dates.js';

const measureNames = { handled: 'behandeld', new: 'nieuw', closed: 'afgesloten' } as const;

function euros(cents: number): number {
  return cents / 100;
}

function target(d: AccountabilityReport['districts'][number]): string {
  return d.targets
    .map(
      (t) =>
        `${measureNames[t.measure]} ${t.minimum}${t.maximum !== null && t.maximum !== t.minimum ? `–${t.maximum}` : ''}${t.note ? ` (${t.note})` : ''}`,
    )
    .join('; ');
}

function title(report: AccountabilityReport): string {
  return `Verantwoording ${report.scope.name}, ${dutchDate(report.period.from)} t/m ${dutchDate(report.period.to)}`;
}

/** The table, the districts and the lead times as rows: one layout for CSV and for the workbook. */
function sections(report: AccountabilityReport) {
  const table: unknown[][] = [
    ['Nr.', 'Onderdeel', 'Waarde', 'Eenheid'],
    ...accountabilityLines(report.table).map((l) => [
      l.number,
      l.level ? `  ${l.label}` : l.label,
      l.value === null ? '' : l.unit === 'cents' ? euros(l.value) : l.value,
      l.value === null ? '' : l.unit === 'cents' ? 'euro' : 'aantal',
    ]),
  ];
  const districts: unknown[][] = [
    ['District', 'Behandeld', 'Nieuw', 'Afgesloten', 'Beoogd'],
    ...report.districts.map((d) => [
      d.district?.name ?? 'Regionale casussen',
      d.handled,
      d.new,
      d.closed,
      target(d),
    ]),
  ];
  const times = report.leadTimes;
  const leadTimes: unknown[][] = [
    ['Doorlooptijd', 'Aantal', 'Mediaan (dagen)', '90e percentiel (dagen)'],
    [
      'Signaal ontvangen → besluit',
      times.signalToDecision.count,
      times.signalToDecision.median ?? '',
      times.signalToDecision.p90 ?? '',
    ],
    [
      'Start casus → eerste interventie',
      times.startToFirstIntervention.count,
      times.startToFirstIntervention.median ?? '',
      times.startToFirstIntervention.p90 ?? '',
    ],
    [
      'Start casus → afsluiting',
      times.startToClosure.count,
      times.startToClosure.median ?? '',
      times.startToClosure.p90 ?? '',
    ],
  ];
  const flow: unknown[][] = [
    ['Maand', 'Nieuw', 'Afgesloten', 'Lopend aan het einde van de maand'],
    ...report.flow.map((f) => [f.month, f.new, f.closed, f.ongoing]),
  ];
  return { table, districts, leadTimes, flow };
}

/**
 * CSV for Dutch Excel (semicolons, decimal commas: amounts in euros with cents): the table with
 * its footnotes, then the districts, the lead times and the flow per month.
 */
export function accountabilityCsv(report: AccountabilityReport): string {
  const s = sections(report);
  return csvDocument([
    [title(report)],
    [],
    ...s.table,
    [],
    ...accountabilityFootnotes.map((f, i) => [`${i + 1})`, f]),
    [],
    ...s.districts,
    [],
    ...s.leadTimes,
    [],
    ...s.flow,
  ]);
}

/** The same numbers as a workbook with one sheet per part; amounts in euros with a euro format. */
export async function accountabilityWorkbook(report: AccountabilityReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samenspel';
  workbook.created = new Date(`${report.period.to}T00:00:00Z`);
  const s = sections(report);
  const sheet = (name: string, rows: unknown[][], widths: number[], caption?: string) => {
    const ws = workbook.addWorksheet(name);
    if (caption) {
      ws.addRow([caption]).font = { bold: true, size: 13 };
      ws.addRow([]);
    }
    rows.forEach((values, index) => {
      const row = ws.addRow(values);
      if (index === 0) row.font = { bold: true };
    });
    widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    return ws;
  };
  const table = sheet('Verantwoordingstabel', s.table, [6, 58, 16, 10], title(report));
  table.eachRow((row) => {
    if (row.getCell(4).value === 'euro') row.getCell(3).numFmt = '"€" #,##0';
  });
  table.addRow([]);
  for (const [i, f] of accountabilityFootnotes.entries()) table.addRow([`${i + 1})`, f]);
  sheet('Districten', s.districts, [28, 12, 12, 12, 40], title(report));
  sheet('Doorlooptijden', s.leadTimes, [36, 10, 16, 22], title(report));
  sheet('Verloop', s.flow, [10, 10, 12, 34], title(report));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
