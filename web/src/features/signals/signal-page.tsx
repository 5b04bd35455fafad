import { notAcceptedReasons, type SignalDetail, type SignalSubject } from '@samenspel/contracts';
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
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  RadioButton,
  StatusBadge,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { ApiError } from '../../components/api.js';
import { Confirmation, useConfirmation } from '../../components/confirmation.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Happened } from '../../components/happened.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, type MessageKey, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { StartCaseButton } from '../cases/start-case-button.js';
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

/** A person as people say it, with the date of birth in words: "Jan van der Berg, geboren 12 april 1980". */
export function subjectText(s: Pick<SignalSubject, 'label' | 'data'>): string {
  const d = s.data;
  if (d.kind === 'person') {
    const name = [d.firstNames, d.prefix, d.surname].filter(Boolean).join(' ');
    return d.dateOfBirth ? t('signal.personBorn', { name, date: formatDate(d.dateOfBirth) }) : name;
  }
  return s.label;
}

function stageStatus(signal: SignalDetail): 'safe' | 'warning' | 'danger' | 'neutral' {
  if (signal.decision === 'accepted') return 'safe';
  if (signal.decision === 'not-accepted' || signal.decision === 'withdrawn') return 'neutral';
  return 'warning';
}

function SignalView({ signal }: { signal: SignalDetail }) {
  return (
    <>
      <nav aria-label={t('signal.breadcrumb')} className="samenspel-breadcrumb">
        <RouterLink to="/signalen" className="utrecht-link">
          {t('signals.title')}
        </RouterLink>{' '}
        <span aria-hidden="true">›</span> <span aria-current="page">{signal.reference}</span>
      </nav>
      <div className="samenspel-titlebar">
        <Heading1>{signal.reference}</Heading1>
        <StatusBadge status={stageStatus(signal)}>{stageLabel(signal)}</StatusBadge>
      </div>
      <StartCaseButton signal={signal} />
      {signal.abilities.includes('edit') ? (
        <ButtonGroup>
          <ButtonLink appearance="primary-action-button" href={`/signalen/${signal.id}/bewerken`}>
            {t('intake.edit')}
          </ButtonLink>
        </ButtonGroup>
      ) : null}
      <div className="samenspel-detail">
        <div className="samenspel-detail__main">
          <Facts signal={signal} />
          <Heading2>{t('signal.description')}</Heading2>
          <Paragraph className="samenspel-prose">{signal.description ?? '—'}</Paragraph>
          <Heading2>{t('signal.subjects')}</Heading2>
          <ul>
            {signal.subjects.map((s) => (
              <li key={s.id}>
                {t(`kind.${s.kind}`)}: {subjectText(s)}
                {s.data.kind === 'person' && s.data.bsn ? ` — BSN ${s.data.bsn}` : ''}
                {s.data.kind === 'person' && s.data.address
                  ? ` — ${formatPersonAddress(s.data.address)}`
                  : ''}
              </li>
            ))}
          </ul>
          {signal.weighing ? <Weighing signal={signal} /> : null}
          {signal.outcome ? <Outcome signal={signal} /> : null}
          {signal.rounds.length ? <Rounds signal={signal} /> : null}
          <Steps signal={signal} />
        </div>
        <aside className="samenspel-detail__side" aria-label={t('signal.aside')}>
          <section aria-labelledby="doorlooptijden">
            <Heading2 id="doorlooptijden">{t('signal.leadTimes')}</Heading2>
            <DataList appearance="rows">
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
          <Timeline signal={signal} />
        </aside>
      </div>
    </>
  );
}

function Facts({ signal }: { signal: SignalDetail }) {
  const row = (label: string, value: ReactNode) => (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{value}</DataListValue>
    </DataListItem>
  );
  return (
    <DataList appearance="rows" className="samenspel-facts">
      {row(
        t('signals.municipality'),
        `${signal.municipality?.name ?? '—'}${signal.district ? ` (${signal.district.name})` : ''}`,
      )}
      {row(t('signals.submitters'), signal.submittingOrganisations.map((o) => o.name).join(', '))}
      {signal.receivedOn ? row(t('signal.receivedOn'), formatDate(signal.receivedOn)) : null}
      {signal.receivedFrom ? row(t('intake.receivedFrom'), signal.receivedFrom.name) : null}
      {row(t('intake.themes'), signal.themes.map((o) => o.name).join(', ') || '—')}
      {row(t('signals.urgency'), t(`urgency.${signal.urgency}`))}
      {signal.route ? row(t('signal.route'), t(`route.${signal.route}`)) : null}
    </DataList>
  );
}

/**
 * "Onderbouwing en weging": what was written at each step before the decision, in one fixed
 * place, for those who weigh the signal; the chair reads it here before deciding.
 */
function Weighing({ signal }: { signal: SignalDetail }) {
  const w = signal.weighing;
  if (!w) return null;
  const tests = signal.rounds.filter((r) => r.test);
  const empty = !w.discussions.length && !w.substantiation && !w.triage && !tests.length;
  return (
    <Section id="onderbouwing" title={t('signal.weighing')}>
      {empty ? <Paragraph className="samenspel-muted">{t('signal.weighingEmpty')}</Paragraph> : null}
      {w.discussions.map((d) => (
        <div key={`${d.happenedOn}-${d.note ?? ''}`} className="samenspel-note">
          <Heading3>{t('signal.weighingLoo', { date: formatDate(d.happenedOn) })}</Heading3>
          <Paragraph className="samenspel-prose">{d.note ?? t('signal.noNote')}</Paragraph>
        </div>
      ))}
      {w.substantiation ? (
        <div className="samenspel-note">
          <Heading3>
            {t('signal.weighingJoint', {
              date: formatDate(w.substantiation.happenedOn),
              organisations: w.substantiation.organisations.join(' en '),
            })}
          </Heading3>
          <Paragraph className="samenspel-prose">{w.substantiation.note}</Paragraph>
        </div>
      ) : null}
      {w.triage ? (
        <div className="samenspel-note">
          <Heading3>
            {t('signal.weighingTriage', {
              date: formatDate(w.triage.happenedOn),
              route: t(`route.${w.triage.route}`),
            })}
          </Heading3>
          <Paragraph className="samenspel-prose">{w.triage.reason}</Paragraph>
        </div>
      ) : null}
      {tests.map((r) => (
        <div key={r.id} className="samenspel-note">
          <Heading3>{t('signal.weighingTest', { deadline: formatDate(r.deadline) })}</Heading3>
          <DataList appearance="rows">
            {(['necessity', 'proportionality', 'subsidiarity'] as const).map((k) => (
              <DataListItem key={k}>
                <DataListKey>{t(`step.${k}`)}</DataListKey>
                <DataListValue multiline>{r.test?.[k]}</DataListValue>
              </DataListItem>
            ))}
          </DataList>
        </div>
      ))}
    </Section>
  );
}

function Outcome({ signal }: { signal: SignalDetail }) {
  const o = signal.outcome;
  if (!o) return null;
  return (
    <Section id="besluit" title={t('signal.outcome')}>
      <DataList appearance="rows">
        <DataListItem>
          <DataListKey>{t('step.decision')}</DataListKey>
          <DataListValue>
            {t(`decision.${o.decision}`)}
            {o.referredTo ? `: ${o.referredTo.name}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('signal.outcomeDate')}</DataListKey>
          <DataListValue>{formatDate(o.happenedOn)}</DataListValue>
        </DataListItem>
        {o.reason ? (
          <DataListItem>
            <DataListKey>{t('step.notAcceptedReason')}</DataListKey>
            <DataListValue>{t(`reason.${o.reason}`)}</DataListValue>
          </DataListItem>
        ) : null}
        <DataListItem>
          <DataListKey>{t('step.note')}</DataListKey>
          <DataListValue multiline>{o.note ?? t('signal.noNote')}</DataListValue>
        </DataListItem>
      </DataList>
    </Section>
  );
}

/** The note a step carried, as the timeline shows it (only what the reader may see came back). */
function eventNote(details: Record<string, unknown>): string | null {
  for (const key of ['note', 'reason'] as const) {
    const value = details[key];
    if (
      typeof value === 'string' &&
      value.trim() &&
      !(notAcceptedReasons as readonly string[]).includes(value)
    )
      return value;
  }
  return null;
}

function Timeline({ signal }: { signal: SignalDetail }) {
  return (
    <section aria-labelledby="tijdlijn">
      <Heading2 id="tijdlijn">{t('signal.timeline')}</Heading2>
      <ol className="samenspel-timeline">
        {signal.events.map((e) => {
          const note = eventNote(e.details);
          return (
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
              {note ? <span className="samenspel-timeline__note">{note}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Rounds({ signal }: { signal: SignalDetail }) {
  const queryClient = useQueryClient();
  const confirmation = useConfirmation<string>();
  const [closed, setClosed] = useState(false);
  // A round asks about the signal's own subjects: named as the page names them.
  const named = (s: { id: string; label: string }) => {
    const own = signal.subjects.find((x) => x.id === s.id);
    return own ? subjectText(own) : s.label;
  };
  const close = useMutation({
    mutationFn: closeRound,
    onSuccess: (updated) => {
      queryClient.setQueryData([...signalsKey, signal.id], updated);
      confirmation.done();
      setClosed(true);
    },
  });
  return (
    <section aria-labelledby="rondes">
      <Heading2 id="rondes">{t('signal.rounds')}</Heading2>
      {closed ? (
        <Alert type="ok" role="status">
          <Paragraph>{t('signal.roundClosedDone')}</Paragraph>
        </Alert>
      ) : null}
      {close.isError ? <ProblemAlert error={close.error} /> : null}
      {signal.rounds.map((round) => {
        const caption = t('signal.round', { deadline: formatDate(round.deadline) });
        return (
          <div key={round.id}>
            <Heading3>
              {caption}
              {round.closedAt ? ` (${t('signal.roundClosed')})` : ''}
            </Heading3>
            {round.answers && round.organisations && round.subjects ? (
              <DataTable
                caption={caption}
                columns={[t('signal.subjects'), ...round.organisations.map((o) => o.name)]}
              >
                {round.subjects.map((s) => (
                  <TableRow key={s.id}>
                    <TableHeaderCell scope="row">{named(s)}</TableHeaderCell>
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
                      {named(s)}: {t('signal.hits', { hits: h?.hits ?? 0, answered: h?.answered ?? 0 })}
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
            {!round.closedAt && round.answers ? (
              confirmation.pending === round.id ? (
                <Confirmation
                  title={t('signal.closeRoundQuestion')}
                  confirmLabel={t('signal.closeRoundConfirm')}
                  busy={close.isPending}
                  onConfirm={() => close.mutate(round.id)}
                  onCancel={confirmation.cancel}
                >
                  {t('signal.closeRoundConsequence')}
                </Confirmation>
              ) : (
                <ButtonGroup>
                  <Button appearance="secondary-action-button" onClick={() => confirmation.ask(round.id)}>
                    {t('signal.closeRound')}
                  </Button>
                </ButtonGroup>
              )
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

const stepOrder = ['discussed', 'substantiated', 'triaged', 'start-round', 'decided', 'withdrawn'] as const;
type Step = (typeof stepOrder)[number];
const routes = ['quick', 'integral'] as const;
const stepDecisions = ['accepted', 'referred', 'not-accepted'] as const;
type StepDecision = (typeof stepDecisions)[number];

/** A step is a transition of the signal, or the start of a hit/no-hit round. */
type StepRequest =
  | { step: 'transition'; body: SignalTransitionBody }
  | { step: 'start-round'; body: StartRoundBody };

/** The button that opens each step's form, and the steps that cannot be undone. */
const stepButtons: Record<Step, MessageKey> = {
  discussed: 'step.open.discussed',
  substantiated: 'step.open.substantiated',
  triaged: 'step.open.triaged',
  'start-round': 'step.open.start-round',
  decided: 'step.open.decided',
  withdrawn: 'step.open.withdrawn',
};
const final: ReadonlySet<Step> = new Set(['decided', 'withdrawn']);

/** What happens next, said after a step succeeds. */
function doneMessage(
  request: StepRequest,
  organisations: ReadonlyArray<{ id: string; name: string }>,
): string {
  if (request.step === 'start-round')
    return t('step.done.start-round', { deadline: formatDate(request.body.deadline) });
  const body = request.body;
  if (body.type === 'decided') {
    if (body.decision === 'referred')
      return t('step.done.referred', {
        organisation: organisations.find((o) => o.id === body.referredToOrganisationId)?.name ?? '',
      });
    return t(body.decision === 'accepted' ? 'step.done.accepted' : 'step.done.not-accepted');
  }
  return t(`step.done.${body.type}`);
}

/**
 * The steps the caller may take now, each behind its own button; a final step (the decision,
 * withdrawing) asks for confirmation first. The server decides again.
 */
function Steps({ signal }: { signal: SignalDetail }) {
  const me = useMe();
  const partners = usePartnerOrganisations(me.data?.region.id);
  const queryClient = useQueryClient();
  const steps = stepOrder.filter((s) => signal.abilities.includes(s));
  const [open, setOpen] = useState<Step | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [decision, setDecision] = useState<StepDecision>('accepted');
  const confirmation = useConfirmation<StepRequest>();
  const heading = useRef<HTMLHeadingElement>(null);
  const organisations = partners.data ?? [];
  const send = useMutation({
    mutationFn: (request: StepRequest) =>
      request.step === 'start-round'
        ? startRound(signal.id, request.body)
        : transitionSignal(signal.id, request.body),
    onSuccess: async (updated, request) => {
      queryClient.setQueryData([...signalsKey, signal.id], updated);
      await queryClient.invalidateQueries({ queryKey: signalsKey, exact: true });
      setOpen(null);
      setErrors({});
      confirmation.done();
      setDone(doneMessage(request, organisations));
    },
    onError: (error) => {
      confirmation.done();
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);

  // A chair may decide once the open round is closed: say so, rather than show no way forward.
  const waitingForRound =
    can(me.data, 'signal.decide') &&
    (signal.stage === 'triaged' || signal.stage === 'hit-check') &&
    signal.rounds.some((r) => !r.closedAt);
  if (!steps.length && !done && !waitingForRound) return null;

  function request(step: Step, v: FormValues): StepRequest {
    const happenedOn = v.optional('happenedOn');
    switch (step) {
      case 'discussed':
        return { step: 'transition', body: { type: 'discussed', note: v.optional('note'), happenedOn } };
      case 'substantiated':
        return {
          step: 'transition',
          body: {
            type: 'substantiated',
            note: v.text('note'),
            organisationIds: v.all('organisationIds'),
            happenedOn,
          },
        };
      case 'triaged':
        return {
          step: 'transition',
          body: {
            type: 'triaged',
            route: v.optionalChoice('route', routes) ?? 'integral',
            reason: v.text('reason'),
            happenedOn,
          },
        };
      case 'decided':
        return {
          step: 'transition',
          body: {
            type: 'decided',
            decision,
            referredToOrganisationId:
              decision === 'referred' ? v.optional('referredToOrganisationId') : undefined,
            reason: decision === 'not-accepted' ? v.optionalChoice('reason', notAcceptedReasons) : undefined,
            note: v.optional('note'),
            happenedOn,
          },
        };
      case 'withdrawn':
        return { step: 'transition', body: { type: 'withdrawn', note: v.text('note'), happenedOn } };
      case 'start-round':
        return {
          step: 'start-round',
          body: {
            necessity: v.text('necessity'),
            proportionality: v.text('proportionality'),
            subsidiarity: v.text('subsidiarity'),
            subjectIds: v.all('subjectIds'),
            organisationIds: v.all('organisationIds'),
            deadline: v.text('deadline'),
          },
        };
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!open) return;
    const built = request(open, new FormValues(new FormData(event.currentTarget)));
    setDone(null);
    if (final.has(open)) confirmation.ask(built);
    else send.mutate(built);
  }

  const text = (name: string, label: string, hint?: string) => (
    <FormFieldTextarea
      id={`stap-${name}`}
      name={name}
      label={label}
      description={hint}
      rows={3}
      invalid={Boolean(errors[name])}
      errorMessage={errors[name]}
    />
  );

  const pendingBody = confirmation.pending?.step === 'transition' ? confirmation.pending.body : null;

  return (
    <Section id="volgende-stap" title={t('signal.actions')}>
      {done ? (
        <Alert type="ok" role="status">
          <Paragraph>{done}</Paragraph>
        </Alert>
      ) : null}
      {waitingForRound ? (
        <Alert type="info">
          <Paragraph>{t('signal.waitingForRound')}</Paragraph>
        </Alert>
      ) : null}
      {send.isError && !(send.error instanceof ApiError && send.error.problem.invalidParams) ? (
        <ProblemAlert error={send.error} />
      ) : null}
      {steps.length ? (
        <ButtonGroup className="samenspel-step-buttons">
          {steps.map((s) => (
            <Button
              key={s}
              appearance={
                s === 'withdrawn'
                  ? 'subtle-button'
                  : open === s
                    ? 'primary-action-button'
                    : 'secondary-action-button'
              }
              aria-expanded={open === s}
              aria-controls="stap-formulier"
              onClick={() => {
                setErrors({});
                setDone(null);
                confirmation.done();
                setOpen(open === s ? null : s);
              }}
            >
              {t(stepButtons[s])}
            </Button>
          ))}
        </ButtonGroup>
      ) : null}
      <div id="stap-formulier">
        {open ? (
          <form
            onSubmit={submit}
            noValidate
            key={open}
            className="samenspel-step-form"
            aria-labelledby="stap-kop"
          >
            <Heading3 id="stap-kop" ref={heading} tabIndex={-1}>
              {t(`step.${open}`)}
            </Heading3>
            {open === 'discussed' ? text('note', t('step.looNote'), t('step.looNoteHint')) : null}
            {open === 'withdrawn' ? text('note', t('step.withdrawNote'), t('step.withdrawNoteHint')) : null}
            {open === 'substantiated' ? (
              <>
                {text('note', t('step.jointNote'), t('step.jointNoteHint'))}
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
            {open === 'triaged' ? (
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
                {text('reason', t('step.reason'), t('step.reasonHint'))}
              </>
            ) : null}
            {open === 'decided' ? (
              <>
                {signal.weighing ? (
                  <Paragraph>
                    <a href="#onderbouwing" className="utrecht-link">
                      {t('step.readWeighing')}
                    </a>
                  </Paragraph>
                ) : null}
                <Fieldset>
                  <FieldsetLegend>{t('step.decision')}</FieldsetLegend>
                  {stepDecisions.map((d) => (
                    <p key={d} className="samenspel-radio">
                      <RadioButton
                        id={`stap-besluit-${d}`}
                        name="decision"
                        value={d}
                        checked={decision === d}
                        onChange={() => setDecision(d)}
                      />
                      <FormLabel htmlFor={`stap-besluit-${d}`} type="radio">
                        {t(`decision.${d}`)}
                      </FormLabel>
                    </p>
                  ))}
                </Fieldset>
                {decision === 'referred' ? (
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
                ) : null}
                {decision === 'not-accepted' ? (
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
                ) : null}
                {text('note', t('step.decisionNote'), t('step.decisionNoteHint'))}
              </>
            ) : null}
            {open === 'start-round' ? (
              <>
                {text('necessity', t('step.necessity'), t('step.necessityHint'))}
                {text('proportionality', t('step.proportionality'), t('step.proportionalityHint'))}
                {text('subsidiarity', t('step.subsidiarity'), t('step.subsidiarityHint'))}
                <Fieldset invalid={Boolean(errors.subjectIds)}>
                  <FieldsetLegend>{t('step.roundSubjects')}</FieldsetLegend>
                  {errors.subjectIds ? <Paragraph>{errors.subjectIds}</Paragraph> : null}
                  {signal.subjects.map((s) => (
                    <FormFieldCheckbox
                      key={s.id}
                      id={`stap-subject-${s.id}`}
                      name="subjectIds"
                      value={s.id}
                      label={subjectText(s)}
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
                  hint={t('step.deadlineHint')}
                  defaultValue={isoDateFromToday(7)}
                  invalid={Boolean(errors.deadline)}
                  errorMessage={errors.deadline}
                />
              </>
            ) : null}
            {open !== 'start-round' ? (
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
            {confirmation.asking && pendingBody ? (
              <Confirmation
                title={t(
                  pendingBody.type === 'withdrawn' ? 'step.confirm.withdrawn' : 'step.confirm.decided',
                )}
                confirmLabel={t(
                  pendingBody.type === 'withdrawn' ? 'step.confirm.withdrawnYes' : 'step.confirm.decidedYes',
                )}
                busy={send.isPending}
                onConfirm={() => confirmation.pending && send.mutate(confirmation.pending)}
                onCancel={confirmation.cancel}
              >
                {pendingBody.type === 'decided'
                  ? t('step.confirm.decidedText', {
                      decision: t(`decision.${pendingBody.decision}`),
                      reference: signal.reference,
                    })
                  : t('step.confirm.withdrawnText', { reference: signal.reference })}
              </Confirmation>
            ) : (
              <ButtonGroup>
                <Button type="submit" appearance="primary-action-button" disabled={send.isPending}>
                  {t(final.has(open) ? 'step.next' : 'step.save')}
                </Button>
                <Button appearance="secondary-action-button" onClick={() => setOpen(null)}>
                  {t('confirm.cancel')}
                </Button>
              </ButtonGroup>
            )}
            {send.isPending && !confirmation.asking ? <Loading label={t('intake.saving')} /> : null}
          </form>
        ) : null}
      </div>
    </Section>
  );
}
