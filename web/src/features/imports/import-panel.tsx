import type { ImportJob, ImportKind, ImportKindView, ImportReport } from '@samenspel/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading3,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useRef, useState } from 'react';
import { ApiError, getJson, sendText } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatNumber, t } from '../../i18n/i18n.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows of a report shown on the page; the error file has every refused row. */
const SHOWN = 200;

/**
 * Importing a spreadsheet through the import pipeline: choose a file, check it (a dry run that
 * reports every row), and import it when no row is refused. The report names every refused row
 * with its line, column, value and what is wrong, and offers the error file to fix and check again.
 */
export function ImportPanel({
  kind,
  intro,
  onCommitted,
  title = t('imports.title'),
}: {
  kind: ImportKind;
  intro: string;
  onCommitted: () => void;
  /** The panel's heading, where a page has more than one. */
  title?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  // The columns' fields as the person set them; none: the saved or the automatic mapping.
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const kinds = useQuery({
    queryKey: ['import-kinds'],
    queryFn: ({ signal }) => getJson<{ items: ImportKindView[] }>('/api/v1/import-kinds', signal),
  });
  const fields = kinds.data?.items.find((k) => k.kind === kind)?.fields ?? [];
  // Where the job is while it runs in the background: queued, reading, checking (rows), writing.
  const [job, setJob] = useState<ImportJob | null>(null);
  const run = useMutation({
    mutationFn: async ({
      chosen,
      mode,
      columns,
    }: {
      chosen: File;
      mode: 'dry-run' | 'commit';
      columns: Record<string, string> | null;
    }) => {
      let current = await sendText<ImportJob>(
        `/api/v1/import-jobs/${kind}?${new URLSearchParams({
          mode,
          fileName: chosen.name,
          ...(columns ? { mapping: JSON.stringify(columns) } : {}),
        })}`,
        chosen,
        /\.xlsx$/i.test(chosen.name) ? XLSX : chosen.type || 'text/csv',
      );
      setJob(current);
      while (current.status === 'queued' || current.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        current = await getJson<ImportJob>(`/api/v1/import-jobs/${current.id}`);
        setJob(current);
      }
      if (current.status === 'failed' || !current.importId)
        throw new ApiError({
          type: 'urn:samenspel:problem:import.failed',
          code: 'import.failed',
          title: t('imports.failed'),
          status: 422,
          detail: current.error ?? t('imports.failed'),
        });
      return getJson<ImportReport>(`/api/v1/imports/${current.importId}`);
    },
    onSettled: () => setJob(null),
    onSuccess: (report) => {
      if (report.status === 'committed' && report.written > 0) onCommitted();
      requestAnimationFrame(() => result.current?.focus());
    },
  });
  const check = (event: FormEvent) => {
    event.preventDefault();
    const chosen = input.current?.files?.[0] ?? null;
    setFile(chosen);
    setMissing(!chosen);
    setMapping(null);
    if (chosen) run.mutate({ chosen, mode: 'dry-run', columns: null });
  };
  const report = run.data;
  return (
    <Section id={`import-${kind}`} title={title}>
      <Paragraph>{intro}</Paragraph>
      <form onSubmit={check} noValidate>
        <FormField
          invalid={missing}
          label={<FormLabel htmlFor={`import-${kind}-bestand`}>{t('imports.file')}</FormLabel>}
        >
          {missing ? (
            <FormFieldErrorMessage id={`import-${kind}-fout`}>
              {t('places.register.noFile')}
            </FormFieldErrorMessage>
          ) : null}
          <FormFieldDescription id={`import-${kind}-hulp`}>.csv, .txt, .xlsx</FormFieldDescription>
          <input
            id={`import-${kind}-bestand`}
            ref={input}
            type="file"
            accept=".csv,.txt,.xlsx,text/csv"
            aria-describedby={[`import-${kind}-hulp`, missing ? `import-${kind}-fout` : null]
              .filter(Boolean)
              .join(' ')}
            onChange={() => {
              setMissing(false);
              setMapping(null);
              run.reset();
            }}
          />
        </FormField>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button" disabled={run.isPending}>
            {t('imports.check')}
          </Button>
        </ButtonGroup>
      </form>
      {run.isPending ? <JobProgress job={job} /> : null}
      <div ref={result} tabIndex={-1}>
        {run.isError ? <ProblemAlert error={run.error} /> : null}
        {report ? (
          <>
            <Report
              report={report}
              pending={run.isPending}
              onCommit={() => file && run.mutate({ chosen: file, mode: 'commit', columns: mapping })}
            />
            <ColumnMapping
              key={report.id}
              kind={kind}
              report={report}
              fields={fields}
              pending={run.isPending}
              onCheck={(columns) => {
                setMapping(columns);
                if (file) run.mutate({ chosen: file, mode: 'dry-run', columns });
              }}
            />
          </>
        ) : null}
      </div>
    </Section>
  );
}

/** How far a job is: a bar while its rows are checked, a status line otherwise. */
function JobProgress({ job }: { job: ImportJob | null }) {
  if (job?.phase === 'checking' && job.total) {
    const label = t('imports.progressChecking', {
      done: formatNumber(job.done ?? 0),
      total: formatNumber(job.total),
    });
    return (
      <div className="samenspel-import-progress" role="status" aria-live="polite">
        <progress max={job.total} value={job.done ?? 0} aria-label={label} />
        <span>{label}</span>
      </div>
    );
  }
  const label =
    !job || job.status === 'queued'
      ? t('imports.progressQueued')
      : job.phase === 'writing'
        ? t('imports.progressWriting')
        : t('imports.checking');
  return <Loading label={label} />;
}

function Report({
  report,
  pending,
  onCommit,
}: {
  report: ImportReport;
  pending: boolean;
  onCommit: () => void;
}) {
  const details =
    report.format === 'csv'
      ? ` (${report.encoding}, ${report.separator === '\t' ? 'tab' : `"${report.separator}"`})`
      : report.sheet
        ? ` (${report.sheet})`
        : '';
  const outcome =
    report.status === 'committed'
      ? {
          type: 'ok' as const,
          text: t(report.written === 1 ? 'imports.committedOne' : 'imports.committed', {
            written: report.written,
          }),
        }
      : report.status === 'refused'
        ? {
            type: 'error' as const,
            text: t(report.rejected === 1 ? 'imports.refusedOne' : 'imports.refused', {
              rejected: report.rejected,
            }),
          }
        : report.rejected > 0
          ? { type: 'warning' as const, text: t('imports.fixFirst') }
          : report.accepted > 0
            ? {
                type: 'info' as const,
                text: t(report.accepted === 1 ? 'imports.readyOne' : 'imports.ready', {
                  accepted: report.accepted,
                }),
              }
            : { type: 'info' as const, text: t('imports.nothingNew') };
  return (
    <>
      <Alert type={outcome.type} role={outcome.type === 'error' ? 'alert' : 'status'}>
        <Paragraph>
          {t(report.rows === 1 ? 'imports.summaryOne' : 'imports.summary', {
            file: report.fileName,
            rows: report.rows,
            accepted: report.accepted,
            rejected: report.rejected,
            skipped: report.skipped,
          })}
        </Paragraph>
        <Paragraph>{outcome.text}</Paragraph>
      </Alert>
      <Paragraph>
        {t('imports.readAs', { format: report.format === 'csv' ? 'CSV' : 'Excel-werkmap', details })}{' '}
        {t('imports.mapping', {
          columns: report.mapping
            .map((m) => `${m.column || '–'} → ${m.label ?? t('imports.unused')}`)
            .join('; '),
        })}
      </Paragraph>
      {report.mode === 'dry-run' && report.rejected === 0 && report.accepted > 0 ? (
        <ButtonGroup>
          <Button type="button" appearance="primary-action-button" disabled={pending} onClick={onCommit}>
            {t('imports.commit')}
          </Button>
        </ButtonGroup>
      ) : null}
      {report.problems.length ? (
        <>
          <DataTable
            caption={t('imports.problems')}
            columns={[t('imports.line'), t('imports.column'), t('imports.value'), t('imports.reason')]}
          >
            {report.problems.slice(0, SHOWN).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a report's problems never move
              <TableRow key={i}>
                <TableHeaderCell scope="row">{p.line}</TableHeaderCell>
                <TableCell>{p.column ?? t('imports.wholeRow')}</TableCell>
                <TableCell>{p.value ?? ''}</TableCell>
                <TableCell>{p.reason}</TableCell>
              </TableRow>
            ))}
          </DataTable>
          {report.problems.length > SHOWN ? (
            <Paragraph>
              {t('imports.moreProblems', {
                shown: formatNumber(SHOWN),
                total: formatNumber(report.problems.length),
              })}
            </Paragraph>
          ) : null}
          <Paragraph>
            <a className="utrecht-link" href={`/api/v1/imports/${report.id}/errors.csv`} download>
              {t('imports.errorFile')}
            </a>
          </Paragraph>
        </>
      ) : null}
      {report.skippedRows.length ? (
        <>
          <Heading3>{t('imports.skippedRows')}</Heading3>
          <UnorderedList>
            {report.skippedRows.slice(0, SHOWN).map((r) => (
              <UnorderedListItem key={r.line}>
                {t('imports.skippedRow', { line: r.line, reason: r.reason })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
          {report.skippedRows.length > SHOWN ? (
            <Paragraph>
              {t('imports.moreSkipped', { more: formatNumber(report.skippedRows.length - SHOWN) })}
            </Paragraph>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/**
 * The file's columns with the field each one fills, found by their headings (or as saved last
 * time); a person changes them and checks the file again.
 */
function ColumnMapping({
  kind,
  report,
  fields,
  pending,
  onCheck,
}: {
  kind: ImportKind;
  report: ImportReport;
  fields: ImportKindView['fields'];
  pending: boolean;
  onCheck: (mapping: Record<string, string>) => void;
}) {
  const [chosen, setChosen] = useState<Record<string, string>>(() =>
    Object.fromEntries(report.mapping.map((m) => [m.column, m.field ?? ''])),
  );
  if (!fields.length || report.status === 'committed') return null;
  const options = [
    ['', t('imports.unused')] as const,
    ...fields.map((f) => [f.key, f.required ? `${f.label} *` : f.label] as const),
  ];
  return (
    <form
      className="samenspel-import-mapping"
      onSubmit={(event) => {
        event.preventDefault();
        onCheck(chosen);
      }}
    >
      <Heading3>{t('imports.mappingTitle')}</Heading3>
      <Paragraph>{t('imports.mappingHint')}</Paragraph>
      {report.mapping.map((m, i) => (
        <SelectField
          // biome-ignore lint/suspicious/noArrayIndexKey: a file's columns keep their order
          key={i}
          id={`import-${kind}-kolom-${i}`}
          label={t('imports.columnField', { column: m.column || '–' })}
          value={chosen[m.column] ?? ''}
          options={options}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setChosen((c) => ({ ...c, [m.column]: value }));
          }}
        />
      ))}
      <ButtonGroup>
        <Button type="submit" appearance="secondary-action-button" disabled={pending}>
          {t('imports.checkAgain')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
