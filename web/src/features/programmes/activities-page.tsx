import type { Activity, ActivityList } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  ButtonLink,
  FormFieldTextarea,
  FormFieldTextbox,
  Heading1,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { ApiError, sendJson } from '../../components/api.js';
import { ChangeForm } from '../../components/change-form.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FilterPanel } from '../../components/filter-panel.js';
import { FormValues } from '../../components/form-values.js';
import { activeFilters, ExportButton, useListParams } from '../../components/list-controls.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, formatNumber, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { ImportPanel } from '../imports/import-panel.js';
import { useCaseChoices } from '../places/places-api.js';
import { useDistricts, useMunicipalities, usePartnerOrganisations } from '../reference/reference-api.js';
import {
  activitiesKey,
  useActivities,
  useActivityKinds,
  useCreateActivity,
  useProgrammes,
} from './programmes-api.js';
import { numberOf } from './programmes-format.js';
import './programmes.css';

/** The address's filter (Dutch names) and the API's names for it. */
const filters = [
  ['soort', 'kind'],
  ['district', 'districtId'],
  ['gemeente', 'municipalityCode'],
  ['van', 'from'],
  ['tot', 'to'],
] as const;

const counts = ['participants', 'pupils', 'dossiers', 'reach'] as const;

/**
 * The activity register: Bibob and TOV support, trainings, webinars, Q-colleges, school
 * programmes and the like, filtered by kind, place and period (the filter is in the address),
 * with their totals and an Excel export of exactly what the filter selects. Those who keep the
 * register record an activity below it.
 */
export function ActivitiesPage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const regionId = me.data?.region.id;
  const kinds = useActivityKinds();
  const districts = useDistricts(regionId);
  const municipalities = useMunicipalities(regionId);
  const list = useListParams('');
  const query = new URLSearchParams();
  for (const [param, name] of filters) {
    const value = list.params.get(param);
    if (value) query.set(name, value);
  }
  const activities = useActivities(query.toString());
  const problem = activities.error instanceof ApiError ? activities.error : null;
  const fieldError = (name: string) => problem?.fieldError(name);
  const value = (key: string) => list.params.get(key) ?? '';
  useEffect(() => {
    document.title = `${t('activities.title')} · ${t('app.name')}`;
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    list.update(Object.fromEntries(filters.map(([param]) => [param, v.optional(param) ?? null])));
  }

  const data = activities.data;
  return (
    <>
      <Heading1>{t('activities.title')}</Heading1>
      <Paragraph>{t('activities.intro')}</Paragraph>
      <FilterPanel active={activeFilters(list.params)}>
        <form
          className="samenspel-filters"
          onSubmit={submit}
          noValidate
          aria-label={t('list.filters')}
          // Anew when the address changes, and once the choices have come: a select shows its
          // default only among choices it already has.
          key={[list.params, kinds.data?.length, districts.data?.length, municipalities.data?.length].join(
            '|',
          )}
        >
          <SelectField
            id="filter-soort"
            name="soort"
            label={t('activities.kind')}
            defaultValue={value('soort')}
            placeholder={t('audit.all')}
            options={(kinds.data ?? []).map((k) => [k.code, k.name] as const)}
          />
          <SelectField
            id="filter-district"
            name="district"
            label={t('programmes.district')}
            defaultValue={value('district')}
            placeholder={t('audit.all')}
            options={(districts.data ?? []).map((d) => [d.id, d.name] as const)}
            invalid={Boolean(fieldError('districtId'))}
            errorMessage={fieldError('districtId')}
          />
          <SelectField
            id="filter-gemeente"
            name="gemeente"
            label={t('programmes.municipality')}
            defaultValue={value('gemeente')}
            placeholder={t('audit.all')}
            options={(municipalities.data ?? []).map((m) => [m.code, m.name] as const)}
            invalid={Boolean(fieldError('municipalityCode'))}
            errorMessage={fieldError('municipalityCode')}
          />
          <DateField
            id="filter-van"
            name="van"
            label={t('activities.from')}
            defaultValue={value('van')}
            invalid={Boolean(fieldError('from'))}
            errorMessage={fieldError('from')}
          />
          <DateField
            id="filter-tot"
            name="tot"
            label={t('activities.to')}
            defaultValue={value('tot')}
            invalid={Boolean(fieldError('to'))}
            errorMessage={fieldError('to')}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('list.apply')}
            </Button>
            <ButtonLink appearance="subtle-button" href="/activiteiten">
              {t('list.clear')}
            </ButtonLink>
          </ButtonGroup>
        </form>
      </FilterPanel>
      <div className="samenspel-list-actions">
        <Paragraph role="status" aria-live="polite">
          {data ? t('activities.found', { count: data.totals.activities }) : null}
        </Paragraph>
        {data && data.items.length > 0 ? (
          <ExportButton
            href={`/api/v1/activities.xlsx?${query}`}
            fileName="activiteiten.xlsx"
            label={t('list.exportExcel')}
          />
        ) : null}
      </div>
      {activities.isFetching ? <Loading /> : null}
      {activities.isError && !problem?.problem.invalidParams?.length ? (
        <ProblemAlert error={activities.error} onRetry={() => void activities.refetch()} />
      ) : null}
      {data && data.items.length === 0 ? (
        <Paragraph>{t(activeFilters(list.params) ? 'activities.noneFiltered' : 'activities.none')}</Paragraph>
      ) : null}
      {data && data.items.length > 0 ? <ActivityTable list={data} /> : null}
      {can(me.data, 'activity.manage') ? <NewActivity /> : null}
      {can(me.data, 'activity.manage') ? (
        <ImportPanel
          kind="activities"
          intro={t('imports.activitiesIntro')}
          onCommitted={() => void queryClient.invalidateQueries({ queryKey: [...activitiesKey, 'list'] })}
        />
      ) : null}
      {can(me.data, 'programme.manage') ? <NewActivityKind /> : null}
    </>
  );
}

function ActivityTable({ list }: { list: ActivityList }) {
  const number = (n: number | null) => (n === null ? '' : formatNumber(n));
  return (
    <DataTable
      caption={t('activities.caption', { count: list.totals.activities })}
      className="samenspel-activities samenspel-rowheads samenspel-plain-rowheads"
      columns={[
        t('activities.date'),
        t('activities.kind'),
        t('activities.activity'),
        t('activities.where'),
        ...counts.map((c) => ({ label: t(`activities.${c}`), className: 'samenspel-number' })),
      ]}
    >
      {list.items.map((a) => (
        <TableRow key={a.id}>
          <TableCell className="samenspel-nowrap">{formatDate(a.heldOn)}</TableCell>
          <TableCell>{a.kind.name}</TableCell>
          <TableHeaderCell scope="row" className="samenspel-activity__title">
            {a.title}
            <ServesLine activity={a} />
          </TableHeaderCell>
          <TableCell>{whereOf(a)}</TableCell>
          {counts.map((c) => (
            <TableCell key={c} className="samenspel-number">
              {number(a[c])}
            </TableCell>
          ))}
        </TableRow>
      ))}
      <TableRow className="samenspel-totals">
        <TableCell />
        <TableCell />
        <TableHeaderCell scope="row">
          {t('activities.totalActivities', { count: list.totals.activities })}
        </TableHeaderCell>
        <TableCell>{t('activities.totalMunicipalities', { count: list.totals.municipalities })}</TableCell>
        {counts.map((c) => (
          <TableCell key={c} className="samenspel-number">
            {formatNumber(list.totals[c])}
          </TableCell>
        ))}
      </TableRow>
    </DataTable>
  );
}

function whereOf(a: Activity): string {
  const place = a.municipality?.name ?? a.district?.name ?? t('activities.regional');
  return a.partner ? `${place} (${a.partner.name})` : place;
}

/** The case (for a reader who may open it) and the programme an activity serves. */
function ServesLine({ activity }: { activity: Activity }) {
  if (!activity.case && !activity.programme) return null;
  return (
    <span className="samenspel-goal__scope">
      {activity.programme ? (
        <>
          {t('activities.forProgramme')}{' '}
          <RouterLink to={`/programmas/${activity.programme.id}`} className="utrecht-link">
            {activity.programme.name}
          </RouterLink>
        </>
      ) : null}
      {activity.programme && activity.case ? ' · ' : null}
      {activity.case ? (
        <>
          {t('activities.forCase')}{' '}
          <RouterLink to={`/casussen/${activity.case.id}`} className="utrecht-link">
            {activity.case.reference}
          </RouterLink>
        </>
      ) : null}
    </span>
  );
}

/** Recording an activity: what, when, where or with whom, its counts and what it serves. */
function NewActivity() {
  const me = useMe();
  const regionId = me.data?.region.id;
  const kinds = useActivityKinds();
  const municipalities = useMunicipalities(regionId);
  const partners = usePartnerOrganisations(regionId);
  const programmes = useProgrammes(can(me.data, 'programme.read'));
  const cases = useCaseChoices(can(me.data, 'case.read'));
  const create = useCreateActivity();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<{ message: string } | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // Focus goes to the sentence that says it was recorded, once it is on the page.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = new FormValues(new FormData(form));
    setErrors({});
    setFailure(null);
    setDone(null);
    create.mutate(
      {
        kind: v.text('kind'),
        title: v.text('title'),
        heldOn: v.text('heldOn'),
        municipalityCode: v.optional('municipalityCode'),
        partnerId: v.optional('partnerId'),
        participants: numberOf(v.text('participants')),
        pupils: numberOf(v.text('pupils')),
        dossiers: numberOf(v.text('dossiers')),
        reach: numberOf(v.text('reach')),
        programmeId: v.optional('programmeId'),
        caseId: v.optional('caseId'),
        note: v.optional('note'),
      },
      {
        onSuccess: (activity) => {
          form.reset();
          setDone({
            message: t('activities.recorded', { title: activity.title, date: formatDate(activity.heldOn) }),
          });
        },
        onError: (caught) => {
          if (caught instanceof ApiError && caught.problem.invalidParams?.length)
            setErrors(caught.fieldErrors());
          else setFailure(caught);
        },
      },
    );
  }

  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  return (
    <Section id="activiteit-vastleggen" title={t('activities.new')}>
      <Paragraph ref={doneRef} tabIndex={-1} role="status" className="samenspel-done">
        {done?.message}
      </Paragraph>
      {failure ? <FormProblem error={failure} /> : null}
      <form onSubmit={submit} noValidate aria-labelledby="activiteit-vastleggen">
        <div className="samenspel-filters">
          <SelectField
            id="activiteit-soort"
            name="kind"
            label={t('activities.kind')}
            defaultValue=""
            placeholder={t('activities.chooseKind')}
            options={(kinds.data ?? []).map((k) => [k.code, k.name] as const)}
            {...error('kind')}
          />
          <DateField
            id="activiteit-datum"
            name="heldOn"
            label={t('activities.heldOn')}
            defaultValue={isoDateFromToday()}
            {...error('heldOn')}
          />
        </div>
        <FormFieldTextbox
          id="activiteit-titel"
          name="title"
          label={t('activities.titleField')}
          description={t('activities.titleHint')}
          {...error('title')}
        />
        <div className="samenspel-filters">
          <SelectField
            id="activiteit-gemeente"
            name="municipalityCode"
            label={t('programmes.municipality')}
            defaultValue=""
            placeholder={t('activities.noMunicipality')}
            options={(municipalities.data ?? []).map((m) => [m.code, m.name] as const)}
            {...error('municipalityCode')}
          />
          <SelectField
            id="activiteit-partner"
            name="partnerId"
            label={t('activities.partner')}
            defaultValue=""
            placeholder={t('activities.noPartner')}
            options={(partners.data ?? []).map((p) => [p.id, p.name] as const)}
            {...error('partnerId')}
          />
        </div>
        <div className="samenspel-counts">
          {counts.map((c) => (
            <FormFieldTextbox
              key={c}
              id={`activiteit-${c}`}
              name={c}
              label={t(`activities.${c}`)}
              inputMode="numeric"
              autoComplete="off"
              {...error(c)}
            />
          ))}
        </div>
        <div className="samenspel-filters">
          {can(me.data, 'programme.read') ? (
            <SelectField
              id="activiteit-programma"
              name="programmeId"
              label={t('activities.programme')}
              defaultValue=""
              placeholder={t('activities.noProgramme')}
              options={(programmes.data ?? []).map((p) => [p.id, `${p.name} (${p.year})`] as const)}
              {...error('programmeId')}
            />
          ) : null}
          {can(me.data, 'case.read') ? (
            <SelectField
              id="activiteit-casus"
              name="caseId"
              label={t('activities.case')}
              defaultValue=""
              placeholder={t('activities.noCase')}
              options={(cases.data ?? []).map((c) => [c.id, `${c.codeName} (${c.reference})`] as const)}
              {...error('caseId')}
            />
          ) : null}
        </div>
        <FormFieldTextarea
          id="activiteit-notitie"
          name="note"
          label={t('activities.note')}
          rows={2}
          {...error('note')}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {t('activities.record')}
          </Button>
        </ButtonGroup>
        {create.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}

/** A kind of activity of the region's own, its code made from its name. */
function NewActivityKind() {
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (name: string) =>
      sendJson<unknown, { code: string; name: string }>('POST', '/api/v1/activity-kinds', {
        code: name
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 40)
          .replace(/-$/, ''),
        name,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...activitiesKey, 'kinds'] }),
  });
  return (
    <Section id="soorten" title={t('activities.kinds')}>
      <Paragraph>{t('activities.kindsIntro')}</Paragraph>
      <ChangeForm
        id="nieuwe-soort"
        title={t('activities.newKind')}
        submitLabel={t('activities.addKind')}
        mutation={add}
        toVariables={(v) => v.text('name')}
        problemAt="name"
      >
        {(field) => <FormFieldTextbox label={t('activities.kindName')} {...field('name')} />}
      </ChangeForm>
    </Section>
  );
}
