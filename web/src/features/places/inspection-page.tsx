import { type FollowUpKind, findingKinds, followUpKinds, type Inspection } from '@samenspel/contracts';
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
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import {
  addFinding,
  addFollowUp,
  inspectionStep,
  placesKey,
  useCaseChoices,
  useInspection,
  useSignalChoices,
} from './places-api.js';

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
      {i.canManage && !i.heldOn && !i.cancelledOn && inspectionId ? <Cancel id={inspectionId} /> : null}
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
      <FollowUps inspection={i} />
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

/** Recording that a planned inspection did not take place, on the day it was called off. */
function Cancel({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const cancel = useMutation({
    mutationFn: (happenedOn: string | undefined) => inspectionStep(id, { type: 'cancelled', happenedOn }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placesKey }),
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    cancel.mutate(new FormValues(new FormData(event.currentTarget)).optional('happenedOn'));
  }
  return (
    <Section id="afgelast" title={t('places.recordCancelled')}>
      {cancel.isError && !(cancel.error instanceof ApiError && cancel.error.problem.invalidParams) ? (
        <ProblemAlert error={cancel.error} />
      ) : null}
      <form onSubmit={submit} noValidate>
        <DateField
          id="afgelast-datum"
          name="happenedOn"
          label={t('places.cancelledOnLabel')}
          defaultValue={isoDateFromToday()}
          invalid={Boolean(errors.happenedOn)}
          errorMessage={errors.happenedOn}
        />
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button" disabled={cancel.isPending}>
            {t('places.markCancelled')}
          </Button>
        </ButtonGroup>
        {cancel.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}

/** What followed from the inspection, and (for its partners) a form to record more. */
function FollowUps({ inspection: i }: { inspection: Inspection }) {
  const me = useMe();
  // The server names the cases and signals it led to only where the reader may open them; the
  // choices are for recording more.
  const cases = useCaseChoices(can(me.data, 'case.read') && i.canManage);
  const signals = useSignalChoices(can(me.data, 'signal.read') && i.canManage);
  return (
    <Section id="vervolg" title={t('places.followUps')}>
      {i.followUps.length === 0 ? <Paragraph>{t('places.noFollowUps')}</Paragraph> : null}
      <UnorderedList>
        {i.followUps.map((f) => (
          <UnorderedListItem key={f.id}>
            <strong>{t(`places.followUpKind.${f.kind}`)}</strong>
            {f.caseId ? (
              <>
                {': '}
                <RouterLink to={`/casussen/${f.caseId}`} className="utrecht-link">
                  {f.label ?? t('places.followUpThatCase')}
                </RouterLink>
              </>
            ) : null}
            {f.signalId ? (
              <>
                {': '}
                <RouterLink to={`/signalen/${f.signalId}`} className="utrecht-link">
                  {f.label ?? t('places.followUpThatSignal')}
                </RouterLink>
              </>
            ) : null}
            {f.note ? ` — ${f.note}` : ''}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      {i.canManage ? (
        <NewFollowUp
          id={i.id}
          cases={(cases.data ?? []).map((c) => [c.id, `${c.codeName} (${c.reference})`] as const)}
          signals={(signals.data ?? []).map(
            (s) => [s.id, s.municipality ? `${s.reference} (${s.municipality.name})` : s.reference] as const,
          )}
          loading={cases.isFetching || signals.isFetching}
        />
      ) : null}
    </Section>
  );
}

function NewFollowUp({
  id,
  cases,
  signals,
  loading,
}: {
  id: string;
  cases: ReadonlyArray<readonly [string, string]>;
  signals: ReadonlyArray<readonly [string, string]>;
  loading: boolean;
}) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<FollowUpKind>('intervention');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const followUp = useMutation({
    mutationFn: (body: Parameters<typeof addFollowUp>[1]) => addFollowUp(id, body),
    onSuccess: async () => {
      // The form is emptied before the list is fetched again: emptied after, it would undo a choice
      // made as soon as the new follow-up appeared.
      setErrors({});
      formRef.current?.reset();
      setKind('intervention');
      await queryClient.invalidateQueries({ queryKey: placesKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    followUp.mutate({
      kind,
      signalId: kind === 'signal' ? v.optional('signalId') : undefined,
      caseId: kind === 'case' ? v.optional('caseId') : undefined,
      note: v.optional('note'),
    });
  }
  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="vervolg-nieuw">
      <Heading3 id="vervolg-nieuw">{t('places.newFollowUp')}</Heading3>
      {followUp.isError && !(followUp.error instanceof ApiError && followUp.error.problem.invalidParams) ? (
        <ProblemAlert error={followUp.error} />
      ) : null}
      <SelectField
        id="vervolg-soort"
        name="kind"
        label={t('places.followUpKind')}
        value={kind}
        onChange={(event) => {
          const next = followUpKinds.find((k) => k === event.currentTarget.value);
          if (next) setKind(next);
        }}
        options={followUpKinds.map((k) => [k, t(`places.followUpKind.${k}`)] as const)}
        {...error('kind')}
      />
      {kind === 'case' ? (
        <SelectField
          id="vervolg-casus"
          name="caseId"
          label={t('places.followUpCase')}
          defaultValue=""
          placeholder={loading ? t('loading') : t('places.chooseCase')}
          options={cases}
          {...error('caseId')}
        />
      ) : null}
      {kind === 'signal' ? (
        <SelectField
          id="vervolg-signaal"
          name="signalId"
          label={t('places.followUpSignal')}
          defaultValue=""
          placeholder={loading ? t('loading') : t('places.chooseSignal')}
          options={signals}
          {...error('signalId')}
        />
      ) : null}
      <FormFieldTextarea
        id="vervolg-toelichting"
        name="note"
        label={t(kind === 'intervention' || kind === 'other' ? 'places.followUpNote' : 'places.note')}
        description={kind === 'intervention' || kind === 'other' ? t('places.followUpNoteHint') : undefined}
        {...error('note')}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={followUp.isPending}>
          {t('places.addFollowUp')}
        </Button>
      </ButtonGroup>
      {followUp.isPending ? <Loading label={t('admin.saving')} /> : null}
    </form>
  );
}

function NewFinding({ id, partners }: { id: string; partners: Array<{ id: string; name: string }> }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const finding = useMutation({
    mutationFn: (body: Parameters<typeof addFinding>[1]) => addFinding(id, body),
    onSuccess: async () => {
      setErrors({});
      formRef.current?.reset();
      await queryClient.invalidateQueries({ queryKey: placesKey });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const own = partners.find((p) => p.id === me.data?.organisation.id)?.id ?? partners[0]?.id ?? '';
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    const count = v.optional('count');
    finding.mutate({
      organisationId: v.text('organisationId'),
      kind: v.choice('kind', findingKinds),
      description: v.text('description'),
      count: count === undefined ? undefined : Number(count),
    });
  }
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t('places.newFinding')}>
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
