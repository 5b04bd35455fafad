import { type ScanAction, type ScanRun, scanActionStatuses } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormFieldTextarea,
  FormFieldTextbox,
  Heading1,
  Heading3,
  OrderedList,
  OrderedListItem,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../../../components/api.js';
import { DataTable } from '../../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { FormValues } from '../../../components/form-values.js';
import { Loading } from '../../../components/loading.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatDate, formatNumber, t } from '../../../i18n/i18n.js';
import { actionStep, addAction, scansKey, useScanRun } from './scans-api.js';
import { percent, pointsOf } from './scans-pages.js';
import './scans.css';

/** A change in points or percentage points, signed: "+4", "−1,5", "0". */
function signed(value: number): string {
  if (value > 0) return `+${formatNumber(value)}`;
  if (value < 0) return `−${formatNumber(-value)}`;
  return '0';
}

/**
 * A run's result: its score (in all, per theme, per question, against the basisniveau), the
 * change since the municipality's previous run, the recommendations, the objects the reader may
 * open (and the counts of all), and the follow-up actions with their progress.
 */
export function ScanRunPage() {
  const { runId } = useParams();
  const run = useScanRun(runId);
  useEffect(() => {
    if (run.data)
      document.title = `${t('scans.resultTitle', { name: run.data.scan.name, municipality: run.data.municipality.name })} · ${t('app.name')}`;
  }, [run.data]);
  if (run.isPending) return <Loading />;
  if (run.isError) return <ProblemAlert error={run.error} onRetry={() => void run.refetch()} />;
  const r = run.data;
  const objectScan = r.scan.subject === 'objects';
  return (
    <>
      <Paragraph>
        <RouterLink to={`/scans/${r.scan.id}`} className="utrecht-link">
          {t('scans.backTo', { name: r.scan.name })}
        </RouterLink>
      </Paragraph>
      <Heading1>{t('scans.resultTitle', { name: r.scan.name, municipality: r.municipality.name })}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t('scans.heldOn')}</DataListKey>
          <DataListValue>{formatDate(r.heldOn)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('scans.version')}</DataListKey>
          <DataListValue>{r.version}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('scans.recordedBy')}</DataListKey>
          <DataListValue>{r.organisation.name}</DataListValue>
        </DataListItem>
        {r.note ? (
          <DataListItem>
            <DataListKey>{t('scans.note')}</DataListKey>
            <DataListValue>{r.note}</DataListValue>
          </DataListItem>
        ) : null}
      </DataList>
      <Section id="score" title={t('scans.scoreTitle')}>
        <Paragraph className="samenspel-scan-score">
          {t('scans.scoreIs', {
            points: pointsOf(r.score.points, r.score.maxPoints),
            percentage: percent(r.score.percentage),
          })}
        </Paragraph>
        {r.basis ? (
          <Paragraph>{t('scans.basisMet', { met: r.basis.met, total: r.basis.questions })}</Paragraph>
        ) : null}
        {r.previous ? (
          <Paragraph>
            {t('scans.previousWas', {
              percentage: percent(r.previous.score.percentage),
              change: signed(r.previous.change),
            })}{' '}
            <RouterLink to={`/scans/uitvoeringen/${r.previous.id}`} className="utrecht-link">
              {t('scans.previousRun', { date: formatDate(r.previous.heldOn) })}
            </RouterLink>
            {r.objects && r.previous.objectsAtOrAboveThreshold !== null
              ? ` ${t('scans.previousObjects', { before: r.previous.objectsAtOrAboveThreshold, now: r.objects.atOrAboveThreshold })}`
              : ''}
          </Paragraph>
        ) : (
          <Paragraph className="samenspel-muted">{t('scans.firstRun')}</Paragraph>
        )}
        {r.themes.length > 0 ? (
          <DataTable
            caption={t('scans.themesCaption')}
            columns={[
              t('scans.theme'),
              { label: t('scans.points'), className: 'samenspel-number' },
              { label: t('scans.score'), className: 'samenspel-number' },
            ]}
          >
            {r.themes.map((theme) => (
              <TableRow key={theme.theme}>
                <TableHeaderCell scope="row">{theme.theme}</TableHeaderCell>
                <TableCell className="samenspel-number">{pointsOf(theme.points, theme.maxPoints)}</TableCell>
                <TableCell className="samenspel-number">{percent(theme.percentage)}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        ) : null}
      </Section>
      <Section id="antwoorden" title={objectScan ? t('scans.indicators') : t('scans.answers')}>
        <DataTable
          caption={objectScan ? t('scans.indicatorsCaption') : t('scans.answersCaption')}
          columns={[
            t('scans.question'),
            objectScan ? t('scans.distribution') : t('scans.answer'),
            { label: objectScan ? t('scans.meanPoints') : t('scans.points'), className: 'samenspel-number' },
            ...(objectScan ? [] : [t('scans.basis')]),
            { label: t('scans.change'), className: 'samenspel-number' },
          ]}
        >
          {r.questions.map((q) => (
            <TableRow key={q.code}>
              <TableHeaderCell scope="row">
                <span className="samenspel-scan-code">{q.code}</span> {q.text}
              </TableHeaderCell>
              <TableCell>
                {objectScan
                  ? q.distribution.map((d) => `${d.label}: ${formatNumber(d.count)}`).join(' · ')
                  : (q.answer?.label ?? t('scans.unanswered'))}
              </TableCell>
              <TableCell className="samenspel-number">{pointsOf(q.points, q.maxPoints)}</TableCell>
              {objectScan ? null : (
                <TableCell>
                  {q.meetsBasis === null ? '—' : q.meetsBasis ? t('scans.basisYes') : t('scans.basisNo')}
                </TableCell>
              )}
              <TableCell className="samenspel-number">{q.change === null ? '—' : signed(q.change)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      </Section>
      <Section id="aanbevelingen" title={t('scans.recommendations')}>
        {r.recommendations.length === 0 ? (
          <Paragraph>
            {t(objectScan ? 'scans.noRecommendationsObjects' : 'scans.noRecommendations')}
          </Paragraph>
        ) : null}
        <UnorderedList>
          {r.recommendations.map((rec) => (
            <UnorderedListItem key={rec.questionCode}>
              <span className="samenspel-scan-code">{rec.questionCode}</span> {rec.text}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Section>
      {r.objects ? <Objects run={r} /> : null}
      <Actions run={r} />
    </>
  );
}

/** The objects scored: every reader gets the counts, the addresses only where they may open the location. */
function Objects({ run }: { run: ScanRun }) {
  const o = run.objects;
  if (!o) return null;
  return (
    <Section id="objecten" title={t('scans.objects')}>
      <Paragraph>
        {t('scans.objectCounts', {
          total: formatNumber(o.total),
          above: formatNumber(o.atOrAboveThreshold),
          threshold: formatNumber(o.threshold),
          register: formatNumber(o.inRegister),
        })}
      </Paragraph>
      <Paragraph className="samenspel-muted">
        {o.shown.length < o.inRegister ? t('scans.objectsHidden') : t('scans.objectsShown')}
      </Paragraph>
      {o.shown.length > 0 ? (
        <DataTable
          caption={t('scans.objectsCaption', { count: o.shown.length })}
          columns={[
            t('scans.object'),
            t('scans.location'),
            { label: t('scans.points'), className: 'samenspel-number' },
            t('scans.thresholdColumn'),
            t('scans.present'),
          ]}
        >
          {o.shown.map((object) => (
            <TableRow key={object.id}>
              <TableHeaderCell scope="row">{t('scans.objectN', { n: object.position })}</TableHeaderCell>
              <TableCell>
                <RouterLink to={`/risicolocaties/${object.location.id}`} className="utrecht-link">
                  {object.location.address}
                </RouterLink>
              </TableCell>
              <TableCell className="samenspel-number">
                {pointsOf(object.score.points, object.score.maxPoints)}
              </TableCell>
              <TableCell>
                {object.atOrAboveThreshold ? t('scans.aboveThreshold') : t('scans.belowThreshold')}
              </TableCell>
              <TableCell>
                {object.answers
                  .filter((a) => a.points > 0)
                  .map((a) => a.code)
                  .join(', ') || '—'}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}

function Actions({ run }: { run: ScanRun }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (body: Parameters<typeof addAction>[1]) => addAction(run.id, body),
    onSuccess: (updated) => {
      setErrors({});
      queryClient.setQueryData([...scansKey, 'run', run.id], updated);
      void queryClient.invalidateQueries({ queryKey: [...scansKey, 'runs'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = new FormValues(new FormData(form));
    add.mutate(
      { title: v.text('title'), questionCode: v.optional('questionCode'), dueOn: v.optional('dueOn') },
      { onSuccess: () => form.reset() },
    );
  }
  return (
    <Section id="acties" title={t('scans.actionsTitle')}>
      {run.actions.length === 0 ? <Paragraph>{t('scans.noActions')}</Paragraph> : null}
      <OrderedList className="samenspel-scan-actions">
        {run.actions.map((a) => (
          <OrderedListItem key={a.id}>
            <ActionItem run={run} action={a} />
          </OrderedListItem>
        ))}
      </OrderedList>
      {run.canRun ? (
        <form onSubmit={submit} noValidate aria-labelledby="actie-toevoegen">
          <Heading3 id="actie-toevoegen">{t('scans.addAction')}</Heading3>
          {add.isError && !(add.error instanceof ApiError && add.error.problem.invalidParams) ? (
            <ProblemAlert error={add.error} />
          ) : null}
          <FormFieldTextbox
            id="actie-titel"
            name="title"
            label={t('scans.actionTitle')}
            invalid={Boolean(errors.title)}
            errorMessage={errors.title}
          />
          <SelectField
            id="actie-vraag"
            name="questionCode"
            label={t('scans.actionQuestion')}
            defaultValue=""
            placeholder={t('scans.noQuestion')}
            options={run.questions.map((q) => [q.code, `${q.code} ${q.text}`] as const)}
            invalid={Boolean(errors.questionCode)}
            errorMessage={errors.questionCode}
          />
          <DateField
            id="actie-termijn"
            name="dueOn"
            label={t('scans.dueOn')}
            invalid={Boolean(errors.dueOn)}
            errorMessage={errors.dueOn}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
              {t('scans.addAction')}
            </Button>
          </ButtonGroup>
          {add.isPending ? <Loading label={t('admin.saving')} /> : null}
        </form>
      ) : null}
    </Section>
  );
}

/** One action: its progress so far, and (for whoever runs the scan) the next step. */
function ActionItem({ run, action }: { run: ScanRun; action: ScanAction }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const step = useMutation({
    mutationFn: (body: Parameters<typeof actionStep>[1]) => actionStep(action.id, body),
    onSuccess: (updated) => {
      setErrors({});
      queryClient.setQueryData([...scansKey, 'run', run.id], updated);
      void queryClient.invalidateQueries({ queryKey: [...scansKey, 'runs'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    step.mutate({
      status: v.choice('status', scanActionStatuses),
      happenedOn: v.optional('happenedOn'),
      note: v.optional('note'),
    });
  }
  const id = `actie-${action.id}`;
  return (
    <>
      <strong>{action.title}</strong>
      {action.questionCode ? ` (${action.questionCode})` : ''} —{' '}
      {t('scans.actionState', {
        status: t(`scans.actionStatus.${action.status}`),
        date: formatDate(action.since),
      })}
      {action.dueOn ? `; ${t('scans.dueBy', { date: formatDate(action.dueOn) })}` : ''}
      <UnorderedList className="samenspel-scan-steps">
        {action.steps.map((s) => (
          <UnorderedListItem key={`${s.recordedAt}-${s.status}`}>
            {formatDate(s.happenedOn)}: {t(`scans.actionStatus.${s.status}`)}
            {s.note ? ` — ${s.note}` : ''} ({s.organisation.name})
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {run.canRun ? (
        <details className="samenspel-scan-progress">
          <summary>{t('scans.recordProgress')}</summary>
          <form onSubmit={submit} noValidate aria-label={t('scans.progressOf', { title: action.title })}>
            {step.isError && !(step.error instanceof ApiError && step.error.problem.invalidParams) ? (
              <ProblemAlert error={step.error} />
            ) : null}
            <SelectField
              id={`${id}-stand`}
              name="status"
              label={t('scans.actionStatus')}
              defaultValue={action.status === 'open' ? 'in-progress' : 'done'}
              options={scanActionStatuses.map((s) => [s, t(`scans.actionStatus.${s}`)] as const)}
            />
            <DateField
              id={`${id}-datum`}
              name="happenedOn"
              label={t('scans.progressDate')}
              defaultValue={isoDateFromToday()}
              invalid={Boolean(errors.happenedOn)}
              errorMessage={errors.happenedOn}
            />
            <FormFieldTextarea id={`${id}-toelichting`} name="note" label={t('scans.note')} />
            <ButtonGroup>
              <Button type="submit" appearance="secondary-action-button" disabled={step.isPending}>
                {t('scans.recordProgress')}
              </Button>
            </ButtonGroup>
            {step.isPending ? <Loading label={t('admin.saving')} /> : null}
          </form>
        </details>
      ) : null}
    </>
  );
}
