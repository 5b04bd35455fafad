import { type LocationDetail, type LocationStatus, locationSubjectRoles } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormLabel,
  Heading1,
  Heading3,
  OrderedList,
  OrderedListItem,
  Paragraph,
  RadioButton,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Happened } from '../../components/happened.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useSearch } from '../search/search-api.js';
import {
  addLocationCase,
  addLocationSubject,
  placesKey,
  takeStep,
  useCaseChoices,
  useLocation,
} from './places-api.js';

/** One risk location: where it is, its status path with dates, the next step, its subjects, cases and inspections. */
export function LocationPage() {
  const me = useMe();
  const { locationId } = useParams();
  const location = useLocation(locationId);
  useEffect(() => {
    if (location.data) document.title = `${location.data.address} · ${t('app.name')}`;
  }, [location.data]);
  if (location.isPending) return <Loading />;
  if (location.isError)
    return <ProblemAlert error={location.error} onRetry={() => void location.refetch()} />;
  const l = location.data;
  return (
    <>
      <Paragraph>
        <RouterLink to="/risicolocaties" className="utrecht-link">
          {t('places.back')}
        </RouterLink>
      </Paragraph>
      <Heading1>{l.address}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t('places.kind')}</DataListKey>
          <DataListValue>{t(`locationKind.${l.kind}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('places.municipality')}</DataListKey>
          <DataListValue>{l.municipality.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('places.status')}</DataListKey>
          <DataListValue>
            {t(`locationStatus.${l.status}`)} ({t('places.sinceDate', { date: formatDate(l.statusSince) })})
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('places.project')}</DataListKey>
          <DataListValue>
            {l.project?.name ?? t('places.noProject')}
            {l.inBaseline ? ` — ${t('places.inBaselineShort')}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('places.flaggedBy')}</DataListKey>
          <DataListValue>{l.organisation.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('places.point')}</DataListKey>
          <DataListValue>
            {l.point ? t(`places.pointFrom.${l.pointSource ?? 'map'}`) : t('places.noPoint')}
          </DataListValue>
        </DataListItem>
      </DataList>
      <Section id="stappen" title={t('places.steps')}>
        <OrderedList>
          {l.events.map((e) => (
            <OrderedListItem key={e.id}>
              <strong>{t(`locationStatus.${e.type}`)}</strong>{' '}
              <Happened happenedOn={e.happenedOn} recordedAt={e.recordedAt} recordedBy={e.recordedBy} /> —{' '}
              {e.organisation.name}
              {e.note ? `: ${e.note}` : ''}
            </OrderedListItem>
          ))}
        </OrderedList>
        {l.nextSteps.length > 0 && locationId ? <NextStep id={locationId} steps={l.nextSteps} /> : null}
      </Section>
      <Section id="betrokkenen" title={t('places.subjects')}>
        {l.subjects.length === 0 ? <Paragraph>{t('places.noSubjects')}</Paragraph> : null}
        <UnorderedList>
          {l.subjects.map((s) => (
            <UnorderedListItem key={`${s.id}-${s.role}`}>
              {can(me.data, 'subject.read') ? (
                <RouterLink to={`/subjecten/${s.id}`} className="utrecht-link">
                  {s.label}
                </RouterLink>
              ) : (
                s.label
              )}{' '}
              — {t(`locationSubjectRole.${s.role}`)}
            </UnorderedListItem>
          ))}
        </UnorderedList>
        {l.canManage && can(me.data, 'subject.read') ? <TieSubject location={l} /> : null}
        {l.canManage && !can(me.data, 'subject.read') ? (
          <Paragraph>{t('places.tieSubjectAnalysts')}</Paragraph>
        ) : null}
      </Section>
      <Section id="casussen-controles" title={t('places.casesAndInspections')}>
        {l.cases.length === 0 && l.inspections.length === 0 ? (
          <Paragraph>{t('places.noCases')}</Paragraph>
        ) : null}
        <UnorderedList>
          {l.cases.map((c) => (
            <UnorderedListItem key={c.id}>
              <RouterLink to={`/casussen/${c.id}`} className="utrecht-link">
                {c.name}
              </RouterLink>
            </UnorderedListItem>
          ))}
          {l.inspections.map((i) => (
            <UnorderedListItem key={i.id}>
              <RouterLink to={`/controles/${i.id}`} className="utrecht-link">
                {t(i.integral ? 'places.integralOn' : 'places.inspectionOn', {
                  date: formatDate(i.heldOn ?? i.plannedOn),
                })}
              </RouterLink>
            </UnorderedListItem>
          ))}
        </UnorderedList>
        {l.canManage && can(me.data, 'case.read') ? <TieCase location={l} /> : null}
      </Section>
    </>
  );
}

/**
 * Tying a register subject to the location: search the register (the search box's own search, by
 * name, BSN, KvK number or address), choose one of the subjects found and its role.
 */
function TieSubject({ location }: { location: LocationDetail }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const results = useSearch(q);
  const found = (results.data?.subjects ?? []).filter((s) => s.inRegister);
  const tie = useMutation({
    mutationFn: (body: Parameters<typeof addLocationSubject>[1]) => addLocationSubject(location.id, body),
    onSuccess: async () => {
      setErrors({});
      setChosen('');
      // Tied: the search starts over for the next subject.
      setQ('');
      setDraft('');
      await queryClient.invalidateQueries({ queryKey: placesKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChosen('');
    setQ(draft.trim());
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    if (!chosen) {
      setErrors({ subjectId: t('places.chooseSubjectFirst') });
      return;
    }
    tie.mutate({
      subjectId: chosen,
      role: v.choice('role', locationSubjectRoles),
    });
  }
  const subjectError = errors.subjectId;
  return (
    <>
      <form onSubmit={search} noValidate aria-labelledby="subject-zoeken">
        <Heading3 id="subject-zoeken">{t('places.tieSubject')}</Heading3>
        <FormField label={<FormLabel htmlFor="subject-zoekvraag">{t('places.subjectQuery')}</FormLabel>}>
          <Textbox
            id="subject-zoekvraag"
            type="search"
            autoComplete="off"
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
          />
        </FormField>
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button">
            {t('places.searchSubject')}
          </Button>
        </ButtonGroup>
      </form>
      {results.isFetching ? <Loading label={t('places.searching')} /> : null}
      {results.isError ? <ProblemAlert error={results.error} /> : null}
      {results.data?.notice ? <Paragraph>{results.data.notice}</Paragraph> : null}
      {results.data && !results.isFetching && found.length === 0 ? (
        <Paragraph role="status">{t('places.noSubjectsFound')}</Paragraph>
      ) : null}
      {found.length > 0 ? (
        <form onSubmit={submit} noValidate aria-label={t('places.tieSubjectForm')}>
          {tie.isError && !(tie.error instanceof ApiError && tie.error.problem.invalidParams) ? (
            <ProblemAlert error={tie.error} />
          ) : null}
          <Fieldset
            invalid={Boolean(subjectError)}
            aria-describedby={subjectError ? 'subject-fout' : undefined}
          >
            <FieldsetLegend>{t('places.subjectsFound', { count: found.length })}</FieldsetLegend>
            {subjectError ? (
              <FormFieldErrorMessage id="subject-fout">{subjectError}</FormFieldErrorMessage>
            ) : null}
            {found.map((s) => (
              <p key={s.id} className="samenspel-radio">
                <RadioButton
                  id={`subject-${s.id}`}
                  name="subjectId"
                  value={s.id}
                  checked={chosen === s.id}
                  onChange={() => {
                    setChosen(s.id);
                    setErrors((e) => ({ ...e, subjectId: '' }));
                  }}
                />
                <FormLabel htmlFor={`subject-${s.id}`} type="radio">
                  {[
                    s.name,
                    s.dateOfBirth ? t('places.bornOn', { date: formatDate(s.dateOfBirth) }) : null,
                    s.detail,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </FormLabel>
              </p>
            ))}
          </Fieldset>
          <SelectField
            id="subject-rol"
            name="role"
            label={t('places.subjectRole')}
            defaultValue="owner"
            options={locationSubjectRoles.map((r) => [r, t(`locationSubjectRole.${r}`)] as const)}
            invalid={Boolean(errors.role)}
            errorMessage={errors.role}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={tie.isPending}>
              {t('places.tieSubjectButton')}
            </Button>
          </ButtonGroup>
          {tie.isPending ? <Loading label={t('admin.saving')} /> : null}
        </form>
      ) : null}
    </>
  );
}

/** Tying the location to a case the user may see: its partners then see the location too. */
function TieCase({ location }: { location: LocationDetail }) {
  const queryClient = useQueryClient();
  const cases = useCaseChoices();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const tie = useMutation({
    mutationFn: (caseId: string) => addLocationCase(location.id, caseId),
    onSuccess: async () => {
      // Emptied before the fetch, not after: a choice made once the list shows the tie must stay.
      setErrors({});
      formRef.current?.reset();
      await queryClient.invalidateQueries({ queryKey: placesKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const tied = new Set(location.cases.map((c) => c.id));
  const choices = (cases.data ?? []).filter((c) => !tied.has(c.id));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const caseId = new FormValues(new FormData(event.currentTarget)).text('caseId');
    if (!caseId) {
      setErrors({ caseId: t('places.chooseCaseFirst') });
      return;
    }
    tie.mutate(caseId);
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="casus-koppelen">
      <Heading3 id="casus-koppelen">{t('places.tieCase')}</Heading3>
      {cases.isPending ? <Loading /> : null}
      {cases.isError ? <ProblemAlert error={cases.error} onRetry={() => void cases.refetch()} /> : null}
      {tie.isError && !(tie.error instanceof ApiError && tie.error.problem.invalidParams) ? (
        <ProblemAlert error={tie.error} />
      ) : null}
      {cases.data ? (
        <>
          <SelectField
            id="casus-keuze"
            name="caseId"
            label={t('places.case')}
            hint={t('places.caseHint')}
            defaultValue=""
            placeholder={t('places.chooseCase')}
            options={choices.map((c) => [c.id, `${c.codeName} (${c.reference})`] as const)}
            invalid={Boolean(errors.caseId)}
            errorMessage={errors.caseId}
          />
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={tie.isPending}>
              {t('places.tieCaseButton')}
            </Button>
          </ButtonGroup>
        </>
      ) : null}
      {tie.isPending ? <Loading label={t('admin.saving')} /> : null}
    </form>
  );
}

function NextStep({ id, steps }: { id: string; steps: LocationStatus[] }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const step = useMutation({
    mutationFn: (body: Parameters<typeof takeStep>[1]) => takeStep(id, body),
    onSuccess: async () => {
      setErrors({});
      await queryClient.invalidateQueries({ queryKey: placesKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const choices = steps.filter((s): s is Exclude<LocationStatus, 'flagged'> => s !== 'flagged');
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    step.mutate({
      type: v.choice('type', choices) ?? 'looked-into',
      happenedOn: v.optional('happenedOn'),
      note: v.optional('note'),
    });
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="volgende-stap">
      <Heading3 id="volgende-stap">{t('places.nextStep')}</Heading3>
      {step.isError && !(step.error instanceof ApiError && step.error.problem.invalidParams) ? (
        <ProblemAlert error={step.error} />
      ) : null}
      <SelectField
        id="stap-soort"
        name="type"
        label={t('places.step')}
        defaultValue={choices[0]}
        options={choices.map((s) => [s, t(`locationStatus.${s}`)] as const)}
      />
      <DateField
        id="stap-datum"
        name="happenedOn"
        label={t('places.stepDate')}
        defaultValue={isoDateFromToday()}
        invalid={Boolean(errors.happenedOn)}
        errorMessage={errors.happenedOn}
      />
      <FormFieldTextarea id="stap-toelichting" name="note" label={t('places.note')} />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={step.isPending}>
          {t('places.record')}
        </Button>
      </ButtonGroup>
      {step.isPending ? <Loading label={t('admin.saving')} /> : null}
    </form>
  );
}
