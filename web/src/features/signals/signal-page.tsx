import { notAcceptedReasons, type SignalDetail } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldTextarea,
  FormFieldTextbox,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  RadioButton,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Happened } from '../../components/happened.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { usePartnerOrganisations } from '../reference/reference-api.js';
import { formatPersonAddress } from '../subjects/person-address-fields.js';
import {
  closeRound,
  type SignalTransitionBody,
  type StartRoundBody,
  signalsKey,
  startRound,
  transitionSignal,
  useSignal,
} from './signals-api.js';
import { stageLabel } from './signals-page.js';

export function SignalPage() {
  const { signalId } = useParams();
  const signal = useSignal(signalId);
  useEffect(() => {
    if (signal.data) document.title = `${signal.data.reference} · ${t('app.name')}`;
  }, [signal.data]);
  if (signal.isPending) return <Loading />;
  if (signal.isError) {
    if (signal.error instanceof ApiError && signal.error.status === 404) return <NotFoundPage />;
    return <ProblemAlert error={signal.error} onRetry={() => void signal.refetch()} />;
  }
  return <SignalView signal={signal.data} />;
}

function leadTime(value: number | null): string {
  return value === null ? t('signal.notYet') : String(value).replace('.', ',');
}

function SignalView({ signal }: { signal: SignalDetail }) {
  return (
    <>
      <Paragraph>
        <RouterLink to="/signalen" className="utrecht-link">
          {t('signals.title')}
        </RouterLink>
      </Paragraph>
      <Heading1>{signal.reference}</Heading1>
      {signal.abilities.includes('edit') ? (
        <ButtonGroup>
          <ButtonLink appearance="primary-action-button" href={`/signalen/${signal.id}/bewerken`}>
            {t('intake.edit')}
          </ButtonLink>
        </ButtonGroup>
      ) : null}
      <DataList>
        <DataListItem>
          <DataListKey>{t('signals.stage')}</DataListKey>
          <DataListValue>{stageLabel(signal)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('signals.municipality')}</DataListKey>
          <DataListValue>
            {signal.municipality?.name ?? '—'}
            {signal.district ? ` (${signal.district.name})` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('signals.submitters')}</DataListKey>
          <DataListValue>{signal.submittingOrganisations.map((o) => o.name).join(', ')}</DataListValue>
        </DataListItem>
        {signal.receivedFrom ? (
          <DataListItem>
            <DataListKey>{t('intake.receivedFrom')}</DataListKey>
            <DataListValue>{signal.receivedFrom.name}</DataListValue>
          </DataListItem>
        ) : null}
        <DataListItem>
          <DataListKey>{t('intake.themes')}</DataListKey>
          <DataListValue>{signal.themes.map((o) => o.name).join(', ') || '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('signals.urgency')}</DataListKey>
          <DataListValue>{t(`urgency.${signal.urgency}`)}</DataListValue>
        </DataListItem>
        {signal.route ? (
          <DataListItem>
            <DataListKey>{t('signal.route')}</DataListKey>
            <DataListValue>{t(`route.${signal.route}`)}</DataListValue>
          </DataListItem>
        ) : null}
      </DataList>
      <Heading2>{t('signal.description')}</Heading2>
      <Paragraph>{signal.description ?? '—'}</Paragraph>

      <Heading2>{t('signal.subjects')}</Heading2>
      <ul>
        {signal.subjects.map((s) => (
          <li key={s.id}>
            {t(`kind.${s.kind}`)}: {s.label}
            {s.data.kind === 'person' && s.data.bsn ? ` — BSN ${s.data.bsn}` : ''}
            {s.data.kind === 'person' && s.data.address ? ` — ${formatPersonAddress(s.data.address)}` : ''}
          </li>
        ))}
      </ul>

      <section aria-labelledby="doorlooptijden">
        <Heading2 id="doorlooptijden">{t('signal.leadTimes')}</Heading2>
        <DataList>
          {(['intakeToLoo', 'looToTriage', 'triageToDecision', 'intakeToDecision'] as const).map((k) => (
            <DataListItem key={k}>
              <DataListKey>{t(`signal.${k}`)}</DataListKey>
              <DataListValue>
                <span data-testid={`lead-${k}`}>{leadTime(signal.leadTimes[k])}</span>
              </DataListValue>
            </DataListItem>
          ))}
        </DataList>
      </section>

      <section aria-labelledby="tijdlijn">
        <Heading2 id="tijdlijn">{t('signal.timeline')}</Heading2>
        <ol className="samenspel-timeline">
          {signal.events.map((e) => (
            <li key={e.id}>
              <strong>{t(`event.${e.type}`)}</strong>
              {e.type === 'decided' && typeof e.details.decision === 'string'
                ? `: ${t(`decision.${e.details.decision as 'accepted'}`)}`
                : ''}{' '}
              —{' '}
              <Happened
                happenedOn={e.happenedOn}
                recordedAt={e.recordedAt}
                recordedBy={
                  e.recordedBy.name
                    ? t('signal.by', {
                        name: e.recordedBy.name,
                        organisation: e.recordedBy.organisation ?? '',
                      })
                    : null
                }
              />
            </li>
          ))}
        </ol>
      </section>

      {signal.rounds.length ? <Rounds signal={signal} /> : null}
      {signal.abilities.some((a) => a !== 'edit' && a !== 'submit') ? <Steps signal={signal} /> : null}
    </>
  );
}

function Rounds({ signal }: { signal: SignalDetail }) {
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: closeRound,
    onSuccess: (updated) => queryClient.setQueryData([...signalsKey, signal.id], updated),
  });
  return (
    <section aria-labelledby="rondes">
      <Heading2 id="rondes">{t('signal.rounds')}</Heading2>
      {close.isError ? <ProblemAlert error={close.error} /> : null}
      {signal.rounds.map((round) => (
        <div key={round.id}>
          <Heading3>
            {t('signal.round', { deadline: round.deadline })}
            {round.closedAt ? ` (${t('signal.roundClosed')})` : ''}
          </Heading3>
          {round.answers && round.organisations && round.subjects ? (
            <DataTable
              caption={t('signal.round', { deadline: round.deadline })}
              columns={[t('signal.subjects'), ...round.organisations.map((o) => o.name)]}
            >
              {round.subjects.map((s) => (
                <TableRow key={s.id}>
                  <TableHeaderCell scope="row">{s.label}</TableHeaderCell>
                  {(round.organisations ?? []).map((o) => {
                    const answer = round.answers?.find(
                      (a) => a.subjectId === s.id && a.organisationId === o.id,
                    );
                    return <TableCell key={o.id}>{answer ? t(`answer.${answer.answer}`) : '—'}</TableCell>;
                  })}
                </TableRow>
              ))}
            </DataTable>
          ) : round.subjects && round.hitsPerSubject ? (
            <ul>
              {round.subjects.map((s) => {
                const h = round.hitsPerSubject?.find((x) => x.subjectId === s.id);
                return (
                  <li key={s.id}>
                    {s.label}: {t('signal.hits', { hits: h?.hits ?? 0, answered: h?.answered ?? 0 })}
                  </li>
                );
              })}
            </ul>
          ) : (
            <Paragraph>{t(round.closedAt ? 'signal.checkDone' : 'signal.checkRunning')}</Paragraph>
          )}
          {round.overdue?.length ? (
            <Alert type="warning">
              <Paragraph>
                {t('signal.overdue', { names: round.overdue.map((o) => o.name).join(', ') })}
              </Paragraph>
            </Alert>
          ) : null}
          {!round.closedAt && round.test ? (
            <ButtonGroup>
              <Button
                appearance="secondary-action-button"
                disabled={close.isPending}
                onClick={() => close.mutate(round.id)}
              >
                {t('signal.closeRound')}
              </Button>
            </ButtonGroup>
          ) : null}
        </div>
      ))}
    </section>
  );
}

const stepOrder = ['discussed', 'substantiated', 'triaged', 'start-round', 'decided', 'withdrawn'] as const;
type Step = (typeof stepOrder)[number];
const routes = ['quick', 'integral'] as const;
const stepDecisions = ['accepted', 'referred', 'not-accepted'] as const;

/** A step is a transition of the signal, or the start of a hit/no-hit round. */
type StepRequest =
  | { step: 'transition'; body: SignalTransitionBody }
  | { step: 'start-round'; body: StartRoundBody };

/** The steps the caller may take now, each a small form; the server decides again. */
function Steps({ signal }: { signal: SignalDetail }) {
  const me = useMe();
  const partners = usePartnerOrganisations(me.data?.region.id);
  const queryClient = useQueryClient();
  const steps = stepOrder.filter((s) => signal.abilities.includes(s));
  const [step, setStep] = useState<Step | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const send = useMutation({
    mutationFn: (request: StepRequest) =>
      request.step === 'start-round'
        ? startRound(signal.id, request.body)
        : transitionSignal(signal.id, request.body),
    onSuccess: async (updated) => {
      queryClient.setQueryData([...signalsKey, signal.id], updated);
      await queryClient.invalidateQueries({ queryKey: signalsKey, exact: true });
      setStep(null);
      setErrors({});
      setDone(true);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const organisations = partners.data ?? [];
  const current = step ?? steps[0] ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    const happenedOn = v.optional('happenedOn');
    setDone(false);
    switch (current) {
      case 'discussed':
        return send.mutate({
          step: 'transition',
          body: { type: 'discussed', note: v.optional('note'), happenedOn },
        });
      case 'substantiated':
        return send.mutate({
          step: 'transition',
          body: {
            type: 'substantiated',
            note: v.text('note'),
            organisationIds: v.all('organisationIds'),
            happenedOn,
          },
        });
      case 'triaged':
        return send.mutate({
          step: 'transition',
          body: {
            type: 'triaged',
            route: v.optionalChoice('route', routes) ?? 'integral',
            reason: v.text('reason'),
            happenedOn,
          },
        });
      case 'decided':
        return send.mutate({
          step: 'transition',
          body: {
            type: 'decided',
            decision: v.optionalChoice('decision', stepDecisions) ?? 'accepted',
            referredToOrganisationId: v.optional('referredToOrganisationId'),
            reason: v.optionalChoice('reason', notAcceptedReasons),
            note: v.optional('note'),
            happenedOn,
          },
        });
      case 'withdrawn':
        return send.mutate({
          step: 'transition',
          body: { type: 'withdrawn', note: v.text('note'), happenedOn },
        });
      case 'start-round':
        return send.mutate({
          step: 'start-round',
          body: {
            necessity: v.text('necessity'),
            proportionality: v.text('proportionality'),
            subsidiarity: v.text('subsidiarity'),
            subjectIds: v.all('subjectIds'),
            organisationIds: v.all('organisationIds'),
            deadline: v.text('deadline'),
          },
        });
    }
  }

  if (!current) return null;
  const text = (name: string, label: string, area = false) =>
    area ? (
      <FormFieldTextarea
        id={`stap-${name}`}
        name={name}
        label={label}
        rows={3}
        invalid={Boolean(errors[name])}
        errorMessage={errors[name]}
      />
    ) : (
      <FormFieldTextbox
        id={`stap-${name}`}
        name={name}
        label={label}
        invalid={Boolean(errors[name])}
        errorMessage={errors[name]}
      />
    );

  return (
    <Section id="volgende-stap" title={t('signal.actions')}>
      {done ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('step.done')}</Paragraph>
        </Alert>
      ) : null}
      {send.isError && !(send.error instanceof ApiError && send.error.problem.invalidParams) ? (
        <ProblemAlert error={send.error} />
      ) : null}
      {steps.length > 1 ? (
        <SelectField
          id="stap-keuze"
          label={t('signal.actions')}
          value={current}
          onChange={(event) => setStep(event.currentTarget.value as Step)}
          options={steps.map((s) => [s, t(`step.${s}`)] as const)}
        />
      ) : null}
      <form onSubmit={submit} noValidate key={current}>
        <Heading3>{t(`step.${current}`)}</Heading3>
        {current === 'discussed' || current === 'withdrawn' ? text('note', t('step.note'), true) : null}
        {current === 'substantiated' ? (
          <>
            {text('note', t('step.jointNote'), true)}
            <Fieldset invalid={Boolean(errors.organisationIds)}>
              <FieldsetLegend>{t('step.jointOrganisations')}</FieldsetLegend>
              {errors.organisationIds ? <Paragraph>{errors.organisationIds}</Paragraph> : null}
              {organisations
                .filter((o) => o.kind === 'municipality' || o.kind === 'police')
                .map((o) => (
                  <FormFieldCheckbox
                    key={o.id}
                    id={`stap-org-${o.id}`}
                    name="organisationIds"
                    value={o.id}
                    label={o.name}
                    defaultChecked={
                      signal.submittingOrganisations.some((s) => s.id === o.id) || o.kind === 'police'
                    }
                  />
                ))}
            </Fieldset>
          </>
        ) : null}
        {current === 'triaged' ? (
          <>
            <Fieldset>
              <FieldsetLegend>{t('signal.route')}</FieldsetLegend>
              {routes.map((r) => (
                <p key={r} className="samenspel-radio">
                  <RadioButton
                    id={`stap-route-${r}`}
                    name="route"
                    value={r}
                    defaultChecked={r === 'integral'}
                  />
                  <FormLabel htmlFor={`stap-route-${r}`} type="radio">
                    {t(`route.${r}`)}
                  </FormLabel>
                </p>
              ))}
            </Fieldset>
            {text('reason', t('step.reason'), true)}
          </>
        ) : null}
        {current === 'decided' ? (
          <>
            <Fieldset>
              <FieldsetLegend>{t('step.decision')}</FieldsetLegend>
              {stepDecisions.map((d) => (
                <p key={d} className="samenspel-radio">
                  <RadioButton
                    id={`stap-besluit-${d}`}
                    name="decision"
                    value={d}
                    defaultChecked={d === 'accepted'}
                  />
                  <FormLabel htmlFor={`stap-besluit-${d}`} type="radio">
                    {t(`decision.${d}`)}
                  </FormLabel>
                </p>
              ))}
            </Fieldset>
            <SelectField
              id="stap-verwezen"
              name="referredToOrganisationId"
              label={t('step.referredTo')}
              defaultValue=""
              placeholder={t('step.chooseOrganisation')}
              options={organisations.map((o) => [o.id, o.name] as const)}
              invalid={Boolean(errors.referredToOrganisationId)}
              errorMessage={errors.referredToOrganisationId}
            />
            <SelectField
              id="stap-reden"
              name="reason"
              label={t('step.notAcceptedReason')}
              defaultValue=""
              placeholder={t('step.chooseReason')}
              options={notAcceptedReasons.map((r) => [r, t(`reason.${r}`)] as const)}
              invalid={Boolean(errors.reason)}
              errorMessage={errors.reason}
            />
            {text('note', t('step.note'), true)}
          </>
        ) : null}
        {current === 'start-round' ? (
          <>
            {text('necessity', t('step.necessity'), true)}
            {text('proportionality', t('step.proportionality'), true)}
            {text('subsidiarity', t('step.subsidiarity'), true)}
            <Fieldset invalid={Boolean(errors.subjectIds)}>
              <FieldsetLegend>{t('step.roundSubjects')}</FieldsetLegend>
              {errors.subjectIds ? <Paragraph>{errors.subjectIds}</Paragraph> : null}
              {signal.subjects.map((s) => (
                <FormFieldCheckbox
                  key={s.id}
                  id={`stap-subject-${s.id}`}
                  name="subjectIds"
                  value={s.id}
                  label={s.label}
                  defaultChecked
                />
              ))}
            </Fieldset>
            <Fieldset invalid={Boolean(errors.organisationIds)}>
              <FieldsetLegend>{t('step.roundPartners')}</FieldsetLegend>
              {errors.organisationIds ? <Paragraph>{errors.organisationIds}</Paragraph> : null}
              {organisations
                .filter((o) => o.kind !== 'municipality' && o.kind !== 'province' && o.kind !== 'riec')
                .map((o) => (
                  <FormFieldCheckbox
                    key={o.id}
                    id={`stap-partner-${o.id}`}
                    name="organisationIds"
                    value={o.id}
                    label={o.name}
                  />
                ))}
            </Fieldset>
            <DateField
              id="stap-deadline"
              name="deadline"
              label={t('step.deadline')}
              defaultValue={isoDateFromToday(7)}
              invalid={Boolean(errors.deadline)}
              errorMessage={errors.deadline}
            />
          </>
        ) : null}
        {current !== 'start-round' ? (
          <DateField
            id="stap-datum"
            name="happenedOn"
            label={t('step.happenedOn')}
            hint={t('step.happenedOnHint')}
            defaultValue={isoDateFromToday()}
            max={isoDateFromToday()}
            invalid={Boolean(errors.happenedOn)}
            errorMessage={errors.happenedOn}
          />
        ) : null}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={send.isPending}>
            {t('step.save')}
          </Button>
        </ButtonGroup>
        {send.isPending ? <Loading label={t('intake.saving')} /> : null}
      </form>
    </Section>
  );
}
