import type { AddressRegisterLoaded, InvalidParam } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert, problemDetail } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { ImportPanel } from '../imports/import-panel.js';
import './places.css';
import { placesKey, uploadAddressRegister, useAddressRegister } from './places-api.js';

/** One refused value of a file: its line (or GeoPackage feature), its column and the Dutch reason. */
interface RowProblem {
  where: string;
  line: number | null;
  column: string;
  reason: string;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `line.12.postcode` → line 12, column postcode; `file` → the file as a whole. */
function rowProblem(p: InvalidParam): RowProblem {
  const [kind, line, ...column] = p.name.split('.');
  if ((kind === 'line' || kind === 'feature') && line && /^\d+$/.test(line))
    return {
      where: t(kind === 'line' ? 'places.register.line' : 'places.register.feature', { n: line }),
      line: Number(line),
      column: column.join('.'),
      // The reason starts with where it is ("Regel 12, kolom postcode: …"): the table says that already.
      reason: capitalise(p.reason.replace(/^(Regel|Object) \d+, kolom [^:]+: /, '')),
    };
  return { where: t('places.register.wholeFile'), line: null, column: '', reason: p.reason };
}

/**
 * The address register for administrators: how many addresses it holds and its last load, and
 * loading a new BAG extract (CSV or GeoPackage). The file replaces the register whole or not at
 * all; a refused file's rows are listed with their line, column and what is wrong.
 */
export function AddressRegisterPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const state = useAddressRegister();
  const file = useRef<HTMLInputElement>(null);
  const [missing, setMissing] = useState(false);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const report = useRef<HTMLDivElement>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      uploadAddressRegister(chosen, me.data?.session.csrfToken, (sent, total) =>
        setProgress({ sent, total }),
      ),
    onSettled: () => setProgress(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...placesKey, 'address-register'] }),
  });
  useEffect(() => {
    document.title = `${t('places.register.title')} · ${t('app.name')}`;
  }, []);
  // The outcome is where the eye and the screen reader go next.
  useEffect(() => {
    if (upload.isSuccess || upload.isError) report.current?.focus();
  }, [upload.isSuccess, upload.isError]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    setMissing(!chosen);
    if (chosen) upload.mutate(chosen);
  }

  const problems =
    upload.error instanceof ApiError
      ? (upload.error.problem.invalidParams ?? [])
          .map(rowProblem)
          .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      : [];
  const sentShare =
    progress && progress.total > 0 ? Math.round((100 * progress.sent) / progress.total) : null;
  const last = state.data?.lastLoad;
  return (
    <>
      <Heading1>{t('places.register.title')}</Heading1>
      <Paragraph>{t('places.register.intro')}</Paragraph>
      <Section id="register-stand" title={t('places.register.state')}>
        {state.isPending ? <Loading /> : null}
        {state.isError ? <ProblemAlert error={state.error} onRetry={() => void state.refetch()} /> : null}
        {state.data && !last ? <Paragraph>{t('places.register.empty')}</Paragraph> : null}
        {state.data && last ? (
          <DataList>
            <DataListItem>
              <DataListKey>{t('places.register.addresses')}</DataListKey>
              <DataListValue>{formatNumber(state.data.addresses)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('places.register.file')}</DataListKey>
              <DataListValue>
                {last.fileName} (
                {last.format === 'gpkg' ? 'GeoPackage' : last.format === 'xlsx' ? 'Excel' : 'CSV'})
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('places.register.loadedAt')}</DataListKey>
              <DataListValue>
                {formatDateTime(last.loadedAt)}
                {/* The server names the loader by user id for now; an id says nothing to a reader. */}
                {last.loadedByName ? ` — ${last.loadedByName}` : ''}
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('places.register.rows')}</DataListKey>
              <DataListValue>{formatNumber(last.rows)}</DataListValue>
            </DataListItem>
          </DataList>
        ) : null}
      </Section>
      <Section id="register-laden" title={t('places.register.load')}>
        <Paragraph>{t('places.register.loadIntro')}</Paragraph>
        <form onSubmit={submit} noValidate>
          <FormField
            invalid={missing}
            label={<FormLabel htmlFor="register-bestand">{t('places.register.chooseFile')}</FormLabel>}
          >
            <FormFieldDescription id="register-bestand-hulp">
              {t('places.register.fileHint')}
            </FormFieldDescription>
            {missing ? (
              <FormFieldErrorMessage id="register-bestand-fout">
                {t('places.register.noFile')}
              </FormFieldErrorMessage>
            ) : null}
            <input
              id="register-bestand"
              ref={file}
              type="file"
              accept=".csv,.txt,.gpkg,text/csv"
              aria-describedby={['register-bestand-hulp', missing ? 'register-bestand-fout' : null]
                .filter(Boolean)
                .join(' ')}
              onChange={() => setMissing(false)}
            />
          </FormField>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={upload.isPending}>
              {t('places.register.loadButton')}
            </Button>
          </ButtonGroup>
        </form>
        {upload.isPending ? (
          <div role="status" aria-live="polite">
            {sentShare !== null && sentShare < 100 ? (
              <>
                <label htmlFor="register-voortgang">
                  {t('places.register.sending', { share: sentShare })}
                </label>
                <br />
                <progress
                  id="register-voortgang"
                  className="samenspel-upload-progress"
                  max={100}
                  value={sentShare}
                />
              </>
            ) : (
              <Loading label={t('places.register.checking')} />
            )}
          </div>
        ) : null}
        <div ref={report} tabIndex={-1}>
          {upload.isSuccess ? <Loaded loaded={upload.data} /> : null}
          {upload.isError ? (
            <Alert type="error" role="alert">
              <Heading2>{t('places.register.refused')}</Heading2>
              <Paragraph>{problemDetail(upload.error, t('places.register.offline'))}</Paragraph>
            </Alert>
          ) : null}
          {problems.length > 0 ? (
            <DataTable
              caption={t('places.register.problemsCaption', { count: problems.length })}
              columns={[
                t('places.register.where'),
                t('places.register.column'),
                t('places.register.problem'),
              ]}
            >
              {problems.map((p) => (
                <TableRow key={`${p.where}-${p.column}-${p.reason}`}>
                  <TableCell>{p.where}</TableCell>
                  <TableCell>{p.column}</TableCell>
                  <TableCell>{p.reason}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          ) : null}
        </div>
      </Section>
      <ImportPanel
        kind="address-register"
        title={t('imports.addressRegisterTitle')}
        intro={t('imports.addressRegisterIntro')}
        onCommitted={() => void queryClient.invalidateQueries({ queryKey: placesKey })}
      />
    </>
  );
}

function Loaded({ loaded }: { loaded: AddressRegisterLoaded }) {
  return (
    <Alert type="ok" role="status">
      <Heading2>{t('places.register.loaded')}</Heading2>
      <Paragraph>
        {t('places.register.loadedDetail', { file: loaded.fileName, rows: formatNumber(loaded.accepted) })}
      </Paragraph>
    </Alert>
  );
}
