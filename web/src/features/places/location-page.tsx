import type { LocationStatus } from '@samenspel/contracts';
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
  Heading3,
  OrderedList,
  OrderedListItem,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
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
import { placesKey, takeStep, useLocation } from './places-api.js';

/** One risk location: where it is, its status path with dates, the next step, its subjects, cases and inspections. */
export function LocationPage() {
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
              {s.label} — {t(`locationSubjectRole.${s.role}`)}
            </UnorderedListItem>
          ))}
        </UnorderedList>
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
      </Section>
    </>
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
