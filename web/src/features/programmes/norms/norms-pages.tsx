import { type NormDetail, type NormMatrix, type NormStatus, normStatuses } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormFieldTextarea,
  Heading1,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../components/api.js';
import { DataTable } from '../../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { FormValues } from '../../../components/form-values.js';
import { Loading } from '../../../components/loading.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatDate, formatNumber, t } from '../../../i18n/i18n.js';
import { createReview, normsKey, recordStatus, useNorm, useNormMatrix, useNorms } from './norms-api.js';
import './norms.css';

/** A status in words, with a sign beside it so that the matrix does not speak by colour alone. */
export function StatusText({ status }: { status: NormStatus }) {
  return (
    <span className={`samenspel-norm-status samenspel-norm-status--${status}`}>
      <span aria-hidden="true" className="samenspel-norm-status__sign" />
      {t(`norms.status.${status}`)}
    </span>
  );
}

/** The region's norms: each with its members and ambitions. */
export function NormsPage() {
  const norms = useNorms();
  useEffect(() => {
    document.title = `${t('norms.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('norms.title')}</Heading1>
      <Paragraph>{t('norms.intro')}</Paragraph>
      {norms.isPending ? <Loading /> : null}
      {norms.isError ? <ProblemAlert error={norms.error} onRetry={() => void norms.refetch()} /> : null}
      {norms.data && norms.data.length === 0 ? <Paragraph>{t('norms.none')}</Paragraph> : null}
      {norms.data && norms.data.length > 0 ? (
        <DataTable
          caption={t('norms.caption', { count: norms.data.length })}
          columns={[
            t('norms.name'),
            t('norms.district'),
            t('norms.version'),
            { label: t('norms.members'), className: 'samenspel-number' },
            { label: t('norms.ambitions'), className: 'samenspel-number' },
          ]}
        >
          {norms.data.map((n) => (
            <TableRow key={n.id}>
              <TableHeaderCell scope="row">
                <RouterLink to={`/normen/${n.id}`} className="utrecht-link">
                  {n.name}
                </RouterLink>
              </TableHeaderCell>
              <TableCell>{n.district?.name ?? t('norms.wholeRegion')}</TableCell>
              <TableCell>
                {t('norms.versionFrom', { number: n.version.number, date: formatDate(n.version.validFrom) })}
              </TableCell>
              <TableCell className="samenspel-number">{formatNumber(n.members)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(n.ambitions)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}

/**
 * One norm: the matrix of members × ambitions as of a day (today, or the day chosen), each
 * member's timeline behind its name, recording a status, and the district working group's reviews.
 */
export function NormPage() {
  const { normId } = useParams();
  const [params, setParams] = useSearchParams();
  const on = params.get('op') ?? '';
  const norm = useNorm(normId);
  useEffect(() => {
    if (norm.data) document.title = `${norm.data.name} · ${t('app.name')}`;
  }, [norm.data]);
  if (norm.isPending) return <Loading />;
  if (norm.isError) return <ProblemAlert error={norm.error} onRetry={() => void norm.refetch()} />;
  const n = norm.data;
  const latest = n.versions.at(-1);
  return (
    <>
      <Paragraph>
        <RouterLink to="/normen" className="utrecht-link">
          {t('norms.back')}
        </RouterLink>
      </Paragraph>
      <Heading1>{n.name}</Heading1>
      {n.description ? <Paragraph>{n.description}</Paragraph> : null}
      <DataList>
        <DataListItem>
          <DataListKey>{t('norms.district')}</DataListKey>
          <DataListValue>{n.district?.name ?? t('norms.wholeRegion')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('norms.version')}</DataListKey>
          <DataListValue>
            {t('norms.versionFrom', { number: n.version.number, date: formatDate(n.version.validFrom) })}
            {latest?.note ? ` — ${latest.note}` : ''}
          </DataListValue>
        </DataListItem>
      </DataList>
      <Section id="matrix" title={t('norms.matrixTitle')}>
        <div className="samenspel-filters">
          <DateField
            id="stand-op"
            label={t('norms.on')}
            hint={t('norms.onHint')}
            value={on}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (value === '' || /^\d{4}-\d{2}-\d{2}$/.test(value))
                setParams(value ? { op: value } : {}, { replace: true });
            }}
          />
        </div>
        <Matrix normId={n.id} on={on} />
      </Section>
      {n.canManage ? <RecordStatus norm={n} /> : null}
      <Reviews norm={n} />
    </>
  );
}

function Matrix({ normId, on }: { normId: string; on: string }) {
  const matrix = useNormMatrix(normId, on);
  if (matrix.isPending) return <Loading />;
  if (matrix.isError) return <ProblemAlert error={matrix.error} onRetry={() => void matrix.refetch()} />;
  const m = matrix.data;
  const points = m.members.length * m.ambitions.length;
  return (
    <>
      <Paragraph role="status">
        {t('norms.summary', {
          date: formatDate(m.on),
          version: m.version.number,
          met: formatNumber(m.totals.met),
          points: formatNumber(points),
          inProgress: formatNumber(m.totals.inProgress),
          notStarted: formatNumber(m.totals.notStarted),
        })}
      </Paragraph>
      <MatrixTable matrix={m} />
    </>
  );
}

/** Ambitions down, members across: a member's column heading leads to its timeline. */
function MatrixTable({ matrix }: { matrix: NormMatrix }) {
  const total = matrix.members.length;
  return (
    <DataTable
      className="samenspel-norm-matrix"
      cards={false}
      caption={t('norms.matrixCaption', { date: formatDate(matrix.on) })}
      columns={[
        t('norms.ambition'),
        ...matrix.members.map((member) => member.name),
        { label: t('norms.metOf'), className: 'samenspel-number' },
      ]}
    >
      {matrix.ambitions.map((a, i) => (
        <TableRow key={a.code}>
          <TableHeaderCell scope="row">
            <span className="samenspel-norm-code">{a.code}</span> {a.title}
          </TableHeaderCell>
          {matrix.members.map((member) => {
            const cell = member.cells[i];
            return cell ? (
              <TableCell key={member.id} title={cell.evidence ?? undefined}>
                <StatusText status={cell.status} />
                {cell.since ? (
                  <span className="samenspel-norm-since">
                    {t('norms.since', { date: formatDate(cell.since) })}
                  </span>
                ) : null}
              </TableCell>
            ) : (
              <TableCell key={member.id} />
            );
          })}
          <TableCell className="samenspel-number">
            {t('norms.countOf', { count: matrix.ambitionCounts[i]?.met ?? 0, total })}
          </TableCell>
        </TableRow>
      ))}
      <TableRow className="samenspel-norm-totals">
        <TableHeaderCell scope="row">{t('norms.metPerMember')}</TableHeaderCell>
        {matrix.members.map((member) => (
          <TableCell key={member.id}>
            {t('norms.countOf', { count: member.counts.met, total: matrix.ambitions.length })}
            <RouterLink
              to={`/normen/${matrix.norm.id}/deelnemers/${member.id}`}
              className="utrecht-link samenspel-norm-timeline-link"
            >
              {t('norms.timelineOf', { name: member.name })}
            </RouterLink>
          </TableCell>
        ))}
        <TableCell className="samenspel-number">
          {t('norms.countOf', { count: matrix.totals.met, total: matrix.ambitions.length * total })}
        </TableCell>
      </TableRow>
    </DataTable>
  );
}

/** A member's status on an ambition, on the day it happened, with what shows it. */
function RecordStatus({ norm }: { norm: NormDetail }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const latest = norm.versions.at(-1);
  const record = useMutation({
    mutationFn: (body: Parameters<typeof recordStatus>[1]) => recordStatus(norm.id, body),
    onSuccess: async (entry, body) => {
      setErrors({});
      setDone(
        t('norms.recorded', {
          member:
            norm.versions.flatMap((v) => v.members).find((m) => m.id === body.organisationId)?.name ?? '',
          ambition: entry.ambitionTitle,
          status: t(`norms.status.${entry.status}`),
          date: formatDate(entry.happenedOn),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: normsKey });
    },
    onError: (error) => {
      setDone('');
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    record.mutate({
      organisationId: v.text('organisationId'),
      ambitionCode: v.text('ambitionCode'),
      status: v.choice('status', normStatuses),
      happenedOn: v.optional('happenedOn'),
      evidence: v.optional('evidence'),
    });
  }
  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  return (
    <Section id="stand-vastleggen" title={t('norms.record')}>
      <Paragraph>{t('norms.recordIntro')}</Paragraph>
      {record.isError && !(record.error instanceof ApiError && record.error.problem.invalidParams) ? (
        <ProblemAlert error={record.error} />
      ) : null}
      <form onSubmit={submit} noValidate aria-labelledby="stand-vastleggen">
        <SelectField
          id="stand-deelnemer"
          name="organisationId"
          label={t('norms.member')}
          defaultValue=""
          placeholder={t('norms.chooseMember')}
          options={(latest?.members ?? []).map((m) => [m.id, m.name] as const)}
          {...error('organisationId')}
        />
        <SelectField
          id="stand-ambitie"
          name="ambitionCode"
          label={t('norms.ambition')}
          defaultValue=""
          placeholder={t('norms.chooseAmbition')}
          options={(latest?.ambitions ?? []).map((a) => [a.code, `${a.code} ${a.title}`] as const)}
          {...error('ambitionCode')}
        />
        <SelectField
          id="stand-status"
          name="status"
          label={t('norms.status')}
          defaultValue="in-progress"
          options={normStatuses.map((s) => [s, t(`norms.status.${s}`)] as const)}
          {...error('status')}
        />
        <DateField
          id="stand-datum"
          name="happenedOn"
          label={t('norms.happenedOn')}
          defaultValue={isoDateFromToday()}
          {...error('happenedOn')}
        />
        <FormFieldTextarea
          id="stand-bewijs"
          name="evidence"
          label={t('norms.evidence')}
          description={t('norms.evidenceHint')}
          {...error('evidence')}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
            {t('norms.recordButton')}
          </Button>
        </ButtonGroup>
        {record.isPending ? <Loading label={t('admin.saving')} /> : null}
        <Paragraph role="status" className="samenspel-norm-done">
          {done}
        </Paragraph>
      </form>
    </Section>
  );
}

/** The district working group's reviews, newest first, and holding a new one. */
function Reviews({ norm }: { norm: NormDetail }) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: Parameters<typeof createReview>[1]) => createReview(norm.id, body),
    onSuccess: (review) => navigate(`/normen/besprekingen/${review.id}`),
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    create.mutate({ heldOn: v.optional('heldOn'), note: v.optional('note') });
  }
  return (
    <Section id="besprekingen" title={t('norms.reviews')}>
      <Paragraph>{t('norms.reviewsIntro')}</Paragraph>
      {norm.reviews.length === 0 ? <Paragraph>{t('norms.noReviews')}</Paragraph> : null}
      <UnorderedList>
        {norm.reviews.map((r) => (
          <UnorderedListItem key={r.id}>
            <RouterLink to={`/normen/besprekingen/${r.id}`} className="utrecht-link">
              {t('norms.reviewOn', { date: formatDate(r.heldOn) })}
            </RouterLink>{' '}
            — {t('norms.reviewPoints', { count: r.points, outcomes: r.outcomes })}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {norm.canManage ? (
        <form onSubmit={submit} noValidate aria-label={t('norms.newReview')}>
          {create.isError && !(create.error instanceof ApiError && create.error.problem.invalidParams) ? (
            <ProblemAlert error={create.error} />
          ) : null}
          <DateField
            id="bespreking-datum"
            name="heldOn"
            label={t('norms.reviewDate')}
            hint={t('norms.reviewDateHint')}
            defaultValue={isoDateFromToday()}
            invalid={Boolean(errors.heldOn)}
            errorMessage={errors.heldOn}
          />
          <FormFieldTextarea id="bespreking-notitie" name="note" label={t('norms.reviewNote')} />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
              {t('norms.newReview')}
            </Button>
          </ButtonGroup>
          {create.isPending ? <Loading label={t('admin.saving')} /> : null}
        </form>
      ) : null}
    </Section>
  );
}
