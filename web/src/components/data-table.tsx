import {
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type ReactNode, useLayoutEffect, useRef } from 'react';

/** A column heading; with a class for alignment (numbers to the right). */
export type DataTableColumn = string | { label: string; className: string };

/**
 * A data table with its caption and a header row of column headings (scope="col"); the rows are
 * the children. Wide tables scroll sideways on their own instead of the page. On a small screen
 * each row becomes a card (`cards`, the default): every cell carries its column's heading as a
 * label, so that it reads "Fase: Ontvangen" without the header row in view.
 */
export function DataTable({
  caption,
  columns,
  children,
  className,
  scroll = true,
  cards = true,
}: {
  caption: ReactNode;
  columns: ReadonlyArray<DataTableColumn>;
  children: ReactNode;
  className?: string;
  scroll?: boolean;
  cards?: boolean;
}) {
  const ref = useRef<HTMLTableElement>(null);
  // The labels come from the header row after every render, so rows of any shape get them.
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table || !cards) return;
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
    for (const row of table.querySelectorAll('tbody tr'))
      for (const [i, cell] of [...row.children].entries()) cell.setAttribute('data-label', headings[i] ?? '');
  });
  const table = (
    <Table
      ref={ref}
      className={[className, cards ? 'samenspel-cards' : null].filter(Boolean).join(' ') || undefined}
    >
      <TableCaption>{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {columns.map((column) =>
            typeof column === 'string' ? (
              <TableHeaderCell key={column} scope="col">
                {column}
              </TableHeaderCell>
            ) : (
              <TableHeaderCell key={column.label} scope="col" className={column.className}>
                {column.label}
              </TableHeaderCell>
            ),
          )}
        </TableRow>
      </TableHeader>
      <TableBody>{children}</TableBody>
    </Table>
  );
  return scroll ? <div className="samenspel-table-scroll">{table}</div> : table;
}
