import {
  Button,
  ButtonGroup,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { t } from '../i18n/i18n.js';
import { getBlob } from './api.js';
import { Loading } from './loading.js';
import { ProblemAlert } from './problem-alert.js';
import './list-controls.css';

/**
 * The rows a list screen shows per page: the API's default page, so that an unfiltered first page
 * is the plain list address.
 */
export const LIST_PAGE_SIZE = 50;

/**
 * A list's state in the page's address (filters, `sorteer`, `pagina`), so that a filtered page can
 * be bookmarked, shared and reached again with Back. Changing a filter starts at page 1 again.
 */
export function useListParams(defaultSort: string) {
  const [params, setParams] = useSearchParams();
  const sort = params.get('sorteer') || defaultSort;
  const page = Math.max(1, Math.floor(Number(params.get('pagina'))) || 1);
  function update(changes: Record<string, string | null | undefined>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('pagina' in changes)) next.delete('pagina');
    setParams(next);
  }
  return { params, sort, page, update };
}

export interface ListColumn {
  label: string;
  /** The API's sort column; a column without one does not sort. */
  sort?: string;
  /** Sorted newest or highest first on the first press (dates, urgency). */
  descendingFirst?: boolean;
  className?: string;
}

/**
 * A table whose column headings sort it: each is a button (Enter or Space), and the heading says
 * how the table is sorted now (aria-sort) and shows it with an arrow.
 */
export function SortableTable({
  caption,
  columns,
  sort,
  onSort,
  children,
}: {
  caption: ReactNode;
  columns: readonly ListColumn[];
  sort: string;
  onSort: (sort: string) => void;
  children: ReactNode;
}) {
  const descending = sort.startsWith('-');
  const current = descending ? sort.slice(1) : sort;
  return (
    <div className="samenspel-table-scroll">
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {columns.map((c) => {
              const active = c.sort !== undefined && c.sort === current;
              const ariaSort = active ? (descending ? 'descending' : 'ascending') : undefined;
              return (
                <TableHeaderCell key={c.label} scope="col" className={c.className} aria-sort={ariaSort}>
                  {c.sort ? (
                    <button
                      type="button"
                      className="samenspel-sort"
                      onClick={() => {
                        const column = c.sort ?? '';
                        const down = active ? !descending : Boolean(c.descendingFirst);
                        onSort(down ? `-${column}` : column);
                      }}
                    >
                      {c.label}
                      <span className="samenspel-sort__arrow" aria-hidden="true">
                        {active ? (descending ? '▼' : '▲') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </TableHeaderCell>
              );
            })}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}

/** Previous and next page, and where one is: "Pagina 2 van 7". */
export function Pager({
  page,
  pageSize,
  total,
  label,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** What is paged, for the navigation's name ("Signalen"). */
  label: string;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const where = useRef<HTMLParagraphElement>(null);
  const moved = useRef(false);
  const shown = useRef(page);
  // After a page change the pressed button may be gone (disabled on the last page): keyboard
  // users stay in the pager, on the line that says where they are now, which is read out.
  useEffect(() => {
    if (moved.current && shown.current !== page) {
      where.current?.focus();
      moved.current = false;
    }
    shown.current = page;
  }, [page]);
  if (pages <= 1) return null;
  const go = (next: number) => {
    moved.current = true;
    onPage(next);
  };
  return (
    <nav className="samenspel-pager" aria-label={t('list.pages', { what: label })}>
      <ButtonGroup>
        <Button appearance="secondary-action-button" disabled={page <= 1} onClick={() => go(page - 1)}>
          {t('list.previous')}
        </Button>
        <Paragraph className="samenspel-pager__where" ref={where} tabIndex={-1}>
          {t('list.pageOf', { page, pages })}
        </Paragraph>
        <Button
          appearance="secondary-action-button"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          {t('list.next')}
        </Button>
      </ButtonGroup>
    </nav>
  );
}

/**
 * Downloads an export of exactly what the filter selects. Fetched here rather than followed as a
 * link, so that the wait shows and a refusal (too many to export) reads as a message, not a file.
 */
export function ExportButton({ href, fileName, label }: { href: string; fileName: string; label: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function download() {
    setBusy(true);
    setError(null);
    try {
      const blob = await getBlob(href);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="samenspel-export">
      <Button appearance="secondary-action-button" disabled={busy} onClick={() => void download()}>
        {label}
      </Button>
      {busy ? <Loading label={t('list.exporting')} /> : null}
      {error ? <ProblemAlert error={error} /> : null}
    </div>
  );
}

/** How many filters the address holds (sorting, the page and the view are no filters). */
export function activeFilters(params: URLSearchParams): number {
  return [...new Set(params.keys())].filter((k) => !['sorteer', 'pagina', 'weergave'].includes(k)).length;
}
