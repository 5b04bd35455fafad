import type { ReportTable } from '@samenspel/contracts';
import {
  Heading2,
  Heading3,
  Heading4,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { Fragment, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { t } from '../../i18n/i18n.js';
import { indicatorHref } from '../programmes/programmes-format.js';

const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "1 januari 2021 – 31 december 2021". */
export function periodLabel(period: ReportTable['period']): string {
  return `${dayFormat.format(new Date(`${period.from}T00:00:00Z`))} – ${dayFormat.format(new Date(`${period.to}T00:00:00Z`))}`;
}

/** The programme tables' figures are defined by the indicators; the others in a document. */
export function definedByIndicators(table: Pick<ReportTable, 'definition'>): boolean {
  return table.definition.startsWith('docs/programmes.md');
}

// A figure as printed: a number, an amount, "< 5" or a dash; such a column aligns to the right.
const figure = /^(?:<\s*\d+|[-–]|€?\s*-?[\d.,]+)?$/;

function numericColumn(table: ReportTable, index: number): boolean {
  return table.rows.every((r) => figure.test((r.cells[index]?.display ?? '').trim()));
}

const computedPrefix = 'Berekend uit het dossier: ';

/** The anchor of an indicator's definition inside a published report. */
export function definitionAnchor(id: string): string {
  return `definitie-${id.replace(/\./g, '-')}`;
}

/**
 * A row's note; the indicators a computed figure comes from link to their definitions: in a
 * published report to the definitions it carries, elsewhere to the indicators page.
 */
function Note({
  note,
  linkIndicators,
  inReport,
}: {
  note: string;
  linkIndicators: boolean;
  inReport: boolean;
}) {
  if (!linkIndicators || !note.startsWith(computedPrefix))
    return <span className="samenspel-report-table__note">{note}</span>;
  const ids = note.slice(computedPrefix.length).split(/,\s*/).filter(Boolean);
  return (
    <span className="samenspel-report-table__note">
      {computedPrefix}
      {ids.map((id, i) => (
        <Fragment key={id}>
          {i ? ', ' : null}
          {inReport ? (
            <a href={`#${definitionAnchor(id)}`} className="utrecht-link">
              {id}
            </a>
          ) : (
            <RouterLink to={indicatorHref(id)} className="utrecht-link">
              {id}
            </RouterLink>
          )}
        </Fragment>
      ))}
    </span>
  );
}

/**
 * A table of the annual report as it is printed: its title with period and scope as the caption,
 * the first column the rows' headings (indented by level, a note beneath), the figures as shown
 * ("< 5", "€ 1.336.000"), and the footnotes under it. `after` comes between table and footnotes
 * (the links to the table's definitions and its CSV).
 */
export function ReportTableView({
  table,
  linkIndicators = false,
  inReport = false,
  after,
}: {
  table: ReportTable;
  linkIndicators?: boolean;
  /** A published report, which carries the definitions of its indicators itself. */
  inReport?: boolean;
  after?: ReactNode;
}) {
  const [first = '', ...rest] = table.columns;
  const columns = [
    first || t('annualReports.labelColumn'),
    ...rest.map((label, i) => (numericColumn(table, i) ? { label, className: 'samenspel-number' } : label)),
  ];
  return (
    <div className="samenspel-report-table" id={`tabel-${table.id}`}>
      {table.graphic ? (
        // The picture as frozen with the table; the table under it holds the same figures as text.
        <img
          className={`samenspel-report-table__graphic samenspel-report-table__graphic--${table.graphic.kind}`}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(table.graphic.svg)}`}
          alt={table.graphic.description}
        />
      ) : null}
      <DataTable
        caption={
          <>
            {table.title}
            <span className="samenspel-report-table__meta">
              {t('annualReports.periodScope', { period: periodLabel(table.period), scope: table.scope })}
            </span>
          </>
        }
        columns={columns}
        className="samenspel-rowheads samenspel-plain-rowheads"
        cards={rest.length > 1}
      >
        {table.rows.map((row, r) => {
          // A line that only names a group (the finance table's "Baten"): a heading over its rows.
          const group = row.cells.every((c) => c.display === '');
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a frozen table's rows never move
            <TableRow key={r} className={group ? 'samenspel-report-table__group' : undefined}>
              {group ? (
                <TableHeaderCell scope="colgroup" colSpan={table.columns.length}>
                  {row.label}
                </TableHeaderCell>
              ) : (
                <>
                  <TableHeaderCell scope="row" className={`samenspel-report-table__level-${row.level}`}>
                    {row.label}
                    {row.note ? (
                      <Note note={row.note} linkIndicators={linkIndicators} inReport={inReport} />
                    ) : null}
                  </TableHeaderCell>
                  {row.cells.map((cell, i) => (
                    <TableCell
                      // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed
                      key={i}
                      className={numericColumn(table, i) ? 'samenspel-number' : undefined}
                    >
                      {cell.display}
                    </TableCell>
                  ))}
                </>
              )}
            </TableRow>
          );
        })}
      </DataTable>
      {after}
      {table.footnotes.length ? (
        <ul
          className="samenspel-report-table__footnotes"
          aria-label={t('annualReports.footnotesOf', { title: table.title })}
        >
          {table.footnotes.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Prose as paragraphs: a blank line starts a new one. */
export function Prose({ text, className }: { text: string; className?: string }) {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <>
      {paragraphs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of one text, in order
        <p key={i} className={['utrecht-paragraph', className].filter(Boolean).join(' ')}>
          {p}
        </p>
      ))}
    </>
  );
}

/** The anchor of a section's heading, the same in the draft and in the publication. */
export const sectionAnchor = (key: string) => `hoofdstuk-${key}`;

/** A section's heading under the page's h1: level 1 is an h2, down to h4; it takes focus from links. */
export function LevelHeading({ level, id, children }: { level: number; id: string; children: ReactNode }) {
  if (level <= 1)
    return (
      <Heading2 id={id} tabIndex={-1}>
        {children}
      </Heading2>
    );
  if (level === 2)
    return (
      <Heading3 id={id} tabIndex={-1}>
        {children}
      </Heading3>
    );
  return (
    <Heading4 id={id} tabIndex={-1}>
      {children}
    </Heading4>
  );
}
