import { findingKinds } from '@samenspel/contracts';
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
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { addFinding, inspectionStep, placesKey, useInspection } from './places-api.js';

/** One inspection: partners, locations visited (those the reader may see), findings per partner and what followed. */
export function InspectionPage() {
  const { inspectionId } = useParams();
  const inspection = useInspection(inspectionId);
  useEffect(() => {
    document.title = `${t('places.inspection')} · ${t('app.name')}`;
  }, []);
  if (inspection.isPending) return <Loading />;
  if (inspection.isError)
    return <ProblemAlert error={inspection.error} onRetry={() => void inspection.refetch()} />;
  const i = inspection.data;
  return (
    <>
      <Paragraph>
        <RouterLink to="/risicolocaties" className="utrecht-link">
          {t('places.back')}
        </RouterLink>
      </Paragraph>
      <Heading1>
        {t(i.integral ? 'places.integralIn' : 'places.inspectionIn', { municipality: i.municipality.name })}
      </Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t('places.planned')}</DataListKey>
          <DataListValue>{formatDate(i.plannedOn)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('places.held')}</DataListKey>
          <DataListValue>
            {i.heldOn
              ? formatDate(i.heldOn)
              : i.cancelledOn
                ? t('places.cancelledOn', { date: formatDate(i.cancelledOn) })
                : t('places.notYet')}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('places.partners')}</DataListKey>
          <DataListValue>{i.organisations.map((o) => o.name).join(', ')}</DataListValue>
        </DataListItem>
        {i.project ? (
          <DataListItem>
            <DataListKey>{t('places.project')}</DataListKey>
            <DataListValue>{i.project.name}</DataListValue>
          </DataListItem>
        ) : null}
      </DataList>
      {i.canManage && !i.heldOn && !i.cancelledOn && inspectionId ? <Held id={inspectionId} /> : null}
      <Section id="locaties" title={t('places.visited')}>
        {i.locations.length === 0 ? <Paragraph>{t('places.noVisibleLocations')}</Paragraph> : null}
        <UnorderedList>
          {i.locations.map((l) => (
            <UnorderedListItem key={l.id}>
              <RouterLink to={`/risicolocaties/${l.id}`} className="utrecht-link">
                {l.address}
              </RouterLink>{' '}
              ({t(`locationKind.${l.kind}`)})
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Section>
      <Section id="bevindingen" title={t('places.findings')}>
        {i.findings.length === 0 ? <Paragraph>{t('places.noFindings')}</Paragraph> : null}
        <UnorderedList>
          {i.findings.map((f) => (
            <UnorderedListItem key={f.id}>
              <strong>{f.organisation.name}</strong> — {t(`findingKind.${f.kind}`)}
              {f.count !== null ? ` (${f.count})` : ''}: {f.description}
            </UnorderedListItem>
          ))}
        </UnorderedList>
        {i.canManage && i.heldOn && inspectionId ? (
          <NewFinding id={inspectionId} partners={i.organisations} />
        ) : null}
      </Section>
    </>
  );
}

function Held({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const held = useMutation({
    mutationFn: (happenedOn: string | undefined) => inspectionStep(id, { type: 'held', happenedOn }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placesKey }),
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    held.mutate(new FormValues(new FormData(event.currentTarget)).optional('happenedOn'));
  }
  return (
    <Section id="gehouden" title={t('places.recordHeld')}>
      {held.isError && !(held.error instanceof ApiError && held.error.problem.invalidParams) ? (
        <ProblemAlert error={held.error} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <DateField
          id="controle-datum"
          name="happenedOn"
          label={t('places.heldOn')}
          defaultValue={isoDateFromToday()}
          invalid={Boolean(errors.happenedOn)}
          errorMessage={errors.happenedOn}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={held.isPending}>
            {t('places.markHeld')}
          </Button>
        </ButtonGroup>
        {held.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}

function NewFinding({ id, partners }: { id: string; partners: Array<{ id: string; name: string }> }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const finding = useMutation({
    mutationFn: (body: Parameters<typeof addFinding>[1]) => addFinding(id, body),
    onSuccess: async () => {
      setErrors({});
      await queryClient.invalidateQueries({ queryKey: placesKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const own = partners.find((p) => p.id === me.data?.organisation.id)?.id ?? partners[0]?.id ?? '';
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = new FormValues(new FormData(form));
    const count = v.optional('count');
    finding.mutate(
      {
        organisationId: v.text('organisationId'),
        kind: v.choice('kind', findingKinds),
        description: v.text('description'),
        count: count === undefined ? undefined : Number(count),
      },
      { onSuccess: () => form.reset() },
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('places.newFinding')}>
      {finding.isError && !(finding.error instanceof ApiError && finding.error.problem.invalidParams) ? (
        <ProblemAlert error={finding.error} />
      ) : null}
      <SelectField
        id="bevinding-partner"
        name="organisationId"
        label={t('places.partner')}
        defaultValue={own}
        options={partners.map((p) => [p.id, p.name] as const)}
        invalid={Boolean(errors.organisationId)}
        errorMessage={errors.organisationId}
      />
      <SelectField
        id="bevinding-soort"
        name="kind"
        label={t('places.findingKind')}
        defaultValue="violation"
        options={findingKinds.map((k) => [k, t(`findingKind.${k}`)] as const)}
      />
      <FormFieldTextarea
        id="bevinding-omschrijving"
        name="description"
        label={t('places.description')}
        invalid={Boolean(errors.description)}
        errorMessage={errors.description}
      />
      <FormFieldTextbox id="bevinding-aantal" name="count" label={t('places.count')} inputMode="numeric" />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={finding.isPending}>
          {t('places.addFinding')}
        </Button>
      </ButtonGroup>
      {finding.isPending ? <Loading label={t('admin.saving')} /> : null}
    </form>
  );
}
