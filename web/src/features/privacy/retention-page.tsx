import {
  type DestructionList,
  type DestructionListSummary,
  holdGrounds,
  type JobRun,
  type LegalHold,
  type LegalHoldRequest,
} from '@samenspel/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  FormFieldTextarea,
  FormFieldTextbox,
  Heading1,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError, getJson, sendJson } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, formatDateTime, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';

const at = (iso: string | null) => (iso ? formatDateTime(iso) : '–');

/**
 * Bewaartermijnen: what the daily run found due per collaboration, submitted by the FG and
 * approved by a second person before anything is destroyed; postponements with their reasons
 * and how often; legal holds; and the runs of the jobs. Records are named by number only.
 */
export function RetentionPage() {
  const me = useMe();
  const { listId } = useParams();
  useEffect(() => {
    document.title = `${t('retention.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('retention.title')}</Heading1>
      <Paragraph>{t('retention.intro')}</Paragraph>
      {listId ? <ListDetail listId={listId} /> : <Lists />}
      {!listId && can(me.data, 'legal-hold.manage') ? <Holds /> : null}
      {!listId ? <Postponements /> : null}
      {!listId && can(me.data, 'job.read') ? <Runs /> : null}
    </>
  );
}

function Lists() {
  const me = useMe();
  const queryClient = useQueryClient();
  const lists = useQuery({
    queryKey: ['destruction-lists'],
    queryFn: ({ signal }) =>
      getJson<{ items: DestructionListSummary[] }>('/api/v1/destruction-lists', signal),
  });
  const draft = useMutation({
    mutationFn: () => sendJson<{ items: DestructionListSummary[] }>('POST', '/api/v1/destruction-lists'),
    onSuccess: (data) => {
      queryClient.setQueryData(['destruction-lists'], data);
      void queryClient.invalidateQueries({ queryKey: ['job-runs'] });
    },
  });
  return (
    <Section id="vernietigingslijsten" title={t('retention.lists')}>
      {can(me.data, 'retention.manage') ? (
        <>
          <Paragraph>{t('retention.draftHint')}</Paragraph>
          {draft.isError ? <FormProblem error={draft.error} /> : null}
          <Button
            appearance="secondary-action-button"
            disabled={draft.isPending}
            onClick={() => draft.mutate()}
          >
            {draft.isPending ? t('retention.drafting') : t('retention.draftNow')}
          </Button>
        </>
      ) : null}
      {lists.isPending ? <Loading /> : null}
      {lists.isError ? <ProblemAlert error={lists.error} onRetry={() => void lists.refetch()} /> : null}
      {lists.data?.items.length === 0 ? <Paragraph>{t('retention.noLists')}</Paragraph> : null}
      {lists.data?.items.length ? (
        <DataTable
          caption={t('retention.listsCaption')}
          columns={[
            t('retention.list'),
            t('retention.status'),
            { label: t('retention.count.due'), className: 'samenspel-number' },
            { label: t('retention.count.postponed'), className: 'samenspel-number' },
            { label: t('retention.count.held'), className: 'samenspel-number' },
            { label: t('retention.count.destroyed'), className: 'samenspel-number' },
          ]}
        >
          {lists.data.items.map((l) => (
            <TableRow key={l.id}>
              <TableHeaderCell scope="row">
                <RouterLink className="utrecht-link" to={`/bewaartermijnen/${l.id}`}>
                  {t('retention.listName', { collaboration: l.collaboration, date: formatDate(l.draftedOn) })}
                </RouterLink>
              </TableHeaderCell>
              <TableCell>{t(`retention.listStatus.${l.status}`)}</TableCell>
              <TableCell className="samenspel-number">{l.counts.due}</TableCell>
              <TableCell className="samenspel-number">{l.counts.postponed}</TableCell>
              <TableCell className="samenspel-number">{l.counts.held}</TableCell>
              <TableCell className="samenspel-number">{l.counts.destroyed}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}

function ListDetail({ listId }: { listId: string }) {
  const queryClient = useQueryClient();
  const key = ['destruction-lists', listId];
  const list = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => getJson<DestructionList>(`/api/v1/destruction-lists/${listId}`, signal),
    // While the approved list is being destroyed, its progress is shown as it goes.
    refetchInterval: (query) => (query.state.data?.status === 'approved' ? 2000 : false),
  });
  const [message, setMessage] = useState('');
  const step = useMutation({
    mutationFn: (s: { path: string; body?: object; done: string }) =>
      sendJson<DestructionList, object>('POST', `/api/v1/destruction-lists/${listId}/${s.path}`, s.body),
    onSuccess: (data, s) => {
      queryClient.setQueryData(key, data);
      void queryClient.invalidateQueries({ queryKey: ['destruction-lists'], exact: true });
      setMessage(s.done);
    },
    onError: () => setMessage(''),
  });
  const data = list.data;
  return (
    <>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/bewaartermijnen">
          {t('retention.back')}
        </RouterLink>
      </Paragraph>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {data ? (
        <Section
          id="vernietigingslijst"
          title={t('retention.listName', {
            collaboration: data.collaboration,
            date: formatDate(data.draftedOn),
          })}
        >
          <Paragraph>
            {t(`retention.listStatus.${data.status}`)}
            {data.submittedBy
              ? ` · ${t('retention.submittedBy', { name: data.submittedBy, at: at(data.submittedAt) })}`
              : ''}
            {data.approvedBy
              ? ` · ${t('retention.approvedBy', { name: data.approvedBy, at: at(data.approvedAt) })}`
              : ''}
          </Paragraph>
          {data.status === 'approved' ? (
            <Paragraph role="status">
              {t('retention.progress', {
                done: data.counts.destroyed,
                total: data.counts.destroyed + data.counts.due,
              })}
            </Paragraph>
          ) : null}
          {data.returnedReason ? (
            <Paragraph>{t('retention.returned', { reason: data.returnedReason })}</Paragraph>
          ) : null}
          <Paragraph role="status">{message}</Paragraph>
          {step.isError && !(step.error instanceof ApiError && step.error.problem.invalidParams) ? (
            <FormProblem error={step.error} />
          ) : null}
          <ButtonGroup>
            {data.may.submit ? (
              <Button
                appearance="primary-action-button"
                disabled={step.isPending}
                onClick={() => step.mutate({ path: 'submit', done: t('retention.submitted') })}
              >
                {t('retention.submit')}
              </Button>
            ) : null}
            {data.may.approve ? (
              <Button
                appearance="primary-action-button"
                disabled={step.isPending}
                onClick={() => step.mutate({ path: 'approve', done: t('retention.approved') })}
              >
                {t('retention.approve')}
              </Button>
            ) : null}
          </ButtonGroup>
          <DataTable
            caption={t('retention.itemsCaption')}
            columns={[
              t('retention.record'),
              t('retention.kind'),
              t('retention.organisation'),
              t('retention.dueOn'),
              t('retention.status'),
              { label: t('retention.postponedTimes'), className: 'samenspel-number' },
            ]}
          >
            {data.items.map((i) => (
              <TableRow key={i.id}>
                <TableHeaderCell scope="row">{i.label}</TableHeaderCell>
                <TableCell>{t(`retention.recordKind.${i.recordKind}`)}</TableCell>
                <TableCell>{i.organisation ?? '–'}</TableCell>
                <TableCell>{formatDate(i.dueOn)}</TableCell>
                <TableCell>{t(`retention.itemStatus.${i.status}`)}</TableCell>
                <TableCell className="samenspel-number">{i.postponements}</TableCell>
              </TableRow>
            ))}
          </DataTable>
          {data.may.postpone ? (
            <PostponeForm
              list={data}
              pending={step.isPending}
              error={step.error}
              onPostpone={(s) => step.mutate(s)}
            />
          ) : null}
          {data.receipts.length ? (
            <DataTable
              caption={t('retention.receipts')}
              columns={[t('retention.organisation'), t('retention.receiptCounts')]}
            >
              {data.receipts.map((r) => (
                <TableRow key={r.organisation}>
                  <TableHeaderCell scope="row">{r.organisation}</TableHeaderCell>
                  <TableCell>
                    {Object.entries(r.counts)
                      .map(([kind, n]) => `${t(`retention.recordKind.${kind as 'case-closed'}`)}: ${n}`)
                      .join(', ')}
                  </TableCell>
                </TableRow>
              ))}
            </DataTable>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

function PostponeForm({
  list,
  pending,
  error,
  onPostpone,
}: {
  list: DestructionList;
  pending: boolean;
  error: unknown;
  onPostpone: (step: { path: string; body: object; done: string }) => void;
}) {
  const open = list.items.filter((i) => i.status === 'due' || i.status === 'postponed');
  const [until, setUntil] = useState(isoDateFromToday(90));
  const errors = error instanceof ApiError ? error.fieldErrors() : {};
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onPostpone({
      path: `items/${String(form.get('item'))}/postpone`,
      body: { until, reason: String(form.get('reason') ?? '') },
      done: t('retention.postponed'),
    });
  }
  if (!open.length) return null;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="uitstellen">
      <h3 id="uitstellen" className="utrecht-heading-3">
        {t('retention.postpone')}
      </h3>
      <SelectField
        id="uitstellen-record"
        name="item"
        label={t('retention.record')}
        options={open.map((i) => [i.id, i.label] as const)}
      />
      <DateField
        id="uitstellen-tot"
        label={t('retention.until')}
        value={until}
        onChange={(e) => setUntil(e.currentTarget.value)}
        invalid={Boolean(errors.until)}
        errorMessage={errors.until}
      />
      <FormFieldTextarea
        id="uitstellen-reden"
        name="reason"
        label={t('retention.reason')}
        invalid={Boolean(errors.reason)}
        errorMessage={errors.reason}
      />
      <Button type="submit" appearance="secondary-action-button" disabled={pending}>
        {t('retention.postpone')}
      </Button>
    </form>
  );
}

function Holds() {
  const queryClient = useQueryClient();
  const holds = useQuery({
    queryKey: ['legal-holds'],
    queryFn: ({ signal }) => getJson<{ items: LegalHold[] }>('/api/v1/legal-holds?active=true', signal),
  });
  const [message, setMessage] = useState('');
  const place = useMutation({
    mutationFn: (body: LegalHoldRequest) =>
      sendJson<LegalHold, LegalHoldRequest>('POST', '/api/v1/legal-holds', body),
    onSuccess: async (hold) => {
      setMessage(t('retention.holdPlaced', { record: hold.label }));
      await queryClient.invalidateQueries({ queryKey: ['legal-holds'] });
    },
    onError: () => setMessage(''),
  });
  const errors = place.error instanceof ApiError ? place.error.fieldErrors() : {};
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    place.mutate({
      reference: String(form.get('reference') ?? ''),
      ground: String(form.get('ground') ?? '') as LegalHoldRequest['ground'],
      reason: String(form.get('reason') ?? ''),
    });
  }
  return (
    <Section id="bewaarplichten" title={t('retention.holds')}>
      <Paragraph>{t('retention.holdsIntro')}</Paragraph>
      {holds.isPending ? <Loading /> : null}
      {holds.isError ? <ProblemAlert error={holds.error} onRetry={() => void holds.refetch()} /> : null}
      {holds.data?.items.length ? (
        <DataTable
          caption={t('retention.holdsCaption')}
          columns={[
            t('retention.record'),
            t('retention.ground'),
            t('retention.reason'),
            t('retention.placed'),
          ]}
        >
          {holds.data.items.map((h) => (
            <TableRow key={h.id}>
              <TableHeaderCell scope="row">{h.label}</TableHeaderCell>
              <TableCell>{t(`retention.groundName.${h.ground}`)}</TableCell>
              <TableCell>{h.reason}</TableCell>
              <TableCell>{`${h.placedBy ?? '–'}, ${at(h.placedAt)}`}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : holds.data ? (
        <Paragraph>{t('retention.noHolds')}</Paragraph>
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="bewaarplicht-opleggen">
        <h3 id="bewaarplicht-opleggen" className="utrecht-heading-3">
          {t('retention.placeHold')}
        </h3>
        {place.isError && !(place.error instanceof ApiError && place.error.problem.invalidParams) ? (
          <FormProblem error={place.error} />
        ) : null}
        <Paragraph role="status">{message}</Paragraph>
        <FormFieldTextbox
          id="bewaarplicht-nummer"
          name="reference"
          label={t('retention.reference')}
          autoComplete="off"
          invalid={Boolean(errors.reference)}
          errorMessage={errors.reference}
        />
        <SelectField
          id="bewaarplicht-grond"
          name="ground"
          label={t('retention.ground')}
          options={holdGrounds.map((g) => [g, t(`retention.groundName.${g}`)] as const)}
          invalid={Boolean(errors.ground)}
          errorMessage={errors.ground}
        />
        <FormFieldTextarea
          id="bewaarplicht-reden"
          name="reason"
          label={t('retention.reason')}
          invalid={Boolean(errors.reason)}
          errorMessage={errors.reason}
        />
        <Button type="submit" appearance="secondary-action-button" disabled={place.isPending}>
          {t('retention.placeHold')}
        </Button>
      </form>
    </Section>
  );
}

function Postponements() {
  const stats = useQuery({
    queryKey: ['retention-postponements'],
    queryFn: ({ signal }) =>
      getJson<{
        items: Array<{
          recordKind: string;
          label: string;
          postponements: number;
          lastUntil: string;
          lastReason: string;
        }>;
      }>('/api/v1/retention-postponements', signal),
  });
  if (!stats.data?.items.length) return null;
  return (
    <Section id="uitstel" title={t('retention.postponements')}>
      <Paragraph>{t('retention.postponementsIntro')}</Paragraph>
      <DataTable
        caption={t('retention.postponementsCaption')}
        columns={[
          t('retention.record'),
          { label: t('retention.postponedTimes'), className: 'samenspel-number' },
          t('retention.until'),
          t('retention.reason'),
        ]}
      >
        {stats.data.items.map((p) => (
          <TableRow key={`${p.recordKind}-${p.label}`}>
            <TableHeaderCell scope="row">{p.label}</TableHeaderCell>
            <TableCell className="samenspel-number">{p.postponements}</TableCell>
            <TableCell>{formatDate(p.lastUntil)}</TableCell>
            <TableCell>{p.lastReason}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Section>
  );
}

function Runs() {
  const runs = useQuery({
    queryKey: ['job-runs'],
    queryFn: ({ signal }) => getJson<{ items: JobRun[] }>('/api/v1/job-runs', signal),
  });
  return (
    <Section id="taken" title={t('retention.runs')}>
      {runs.isPending ? <Loading /> : null}
      {runs.isError ? <ProblemAlert error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      {runs.data?.items.length === 0 ? <Paragraph>{t('retention.noRuns')}</Paragraph> : null}
      {runs.data?.items.length ? (
        <DataTable
          caption={t('retention.runsCaption')}
          columns={[
            t('retention.job'),
            t('retention.started'),
            t('retention.ended'),
            t('retention.status'),
            t('retention.counts'),
          ]}
        >
          {runs.data.items.map((r) => (
            <TableRow key={r.id}>
              <TableHeaderCell scope="row">
                {t(`retention.jobName.${r.job as 'retention-draft'}`)}
              </TableHeaderCell>
              <TableCell>{at(r.startedAt)}</TableCell>
              <TableCell>{at(r.endedAt)}</TableCell>
              <TableCell>
                {t(`retention.runStatus.${r.status}`)}
                {r.attempts > 1 ? ` (${t('retention.attempts', { n: r.attempts })})` : ''}
              </TableCell>
              <TableCell>
                {Object.entries(r.counts)
                  .map(([k, n]) => `${t(`retention.runCount.${k as 'due'}`)}: ${n}`)
                  .join(', ')}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}
