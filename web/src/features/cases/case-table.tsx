import { type ReactNode, useId } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table.js';

/**
 * A table of the case screen under its section's heading: its caption for screen readers only
 * (the heading already says it), and, when it is wider than a phone, a region of its own that
 * scrolls sideways and can be reached by keyboard to scroll it (WCAG 2.1.1).
 */
export function CaseTable({
  label,
  columns,
  children,
}: {
  label: string;
  columns: ReadonlyArray<DataTableColumn>;
  children: ReactNode;
}) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
    <section className="samenspel-table-scroll" aria-labelledby={id} tabIndex={0}>
      <DataTable
        scroll={false}
        caption={
          <span id={id} className="samenspel-visually-hidden">
            {label}
          </span>
        }
        columns={columns}
      >
        {children}
      </DataTable>
    </section>
  );
}
