import {
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** A column heading; with a class for alignment (numbers to the right). */
export type DataTableColumn = string | { label: string; className: string };

/**
 * A data table with its caption and a header row of column headings (scope="col"); the rows are
 * the children. Wide tables scroll sideways on their own instead of the page.
 */
export function DataTable({
  caption,
  columns,
  children,
  className,
  scroll = true,
}: {
  caption: ReactNode;
  columns: ReadonlyArray<DataTableColumn>;
  children: ReactNode;
  className?: string;
  scroll?: boolean;
}) {
  const table = (
    <Table className={className}>
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
