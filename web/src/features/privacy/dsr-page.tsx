import { type DsrDetail, type DsrMatch, dsrKinds, identityChecks } from '@samenspel/contracts';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
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
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { Confirmation, useConfirmation } from '../../components/confirmation.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, formatDateTime, t } from '../../i18n/i18n.js';
import {
  answerDsr,
  answerJsonHref,
  answerPdfHref,
  type DsrRegistrationBody,
  dsrKey,
  dsrRequestKey,
  extendDsr,
  registerDsr,
  reviewMatch,
  saveOwners,
  useDsr,
  useDsrList,
} from './dsr-api.js';
import { Deadline, MatchDecision } from './dsr-parts.js';

const base = '/verzoeken-betrokkenen';

/** A refusal the server gave without naming a field: said above the form, in its own words. */
const unnamed = (error: unknown) => !(error instanceof ApiError && error.problem.invalidParams?.length);

/**
 * Verzoeken van betrokkenen (AVG articles 15–21), for the region's contact point: the requests by
 * deadline, and registering a new one, after which Samenspel looks the person up everywhere.
 */
export function DsrRequestsPage() {
  useEffect(() => {
    document.title = `${t('dsr.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('dsr.title')}</Heading1>
      <Paragraph>{t('dsr.intro')}</Paragraph>
      <Requests />
      <Register />
    </>
  );
}

function Requests() {
  const list = useDsrList();
  return (
    <Section id="verzoeken" title={t('dsr.requests')}>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data?.length === 0 ? <Paragraph>{t('dsr.noRequests')}</Paragraph> : null}
      {list.data?.length ? (
        <DataTable
          caption={t('dsr.requestsCaption')}
          columns={[
            t('dsr.reference'),
            t('dsr.kind'),
            t('dsr.person'),
            t('dsr.receivedOn'),
            t('dsr.deadline'),
            t('dsr.status'),
            { label: t('dsr.tasksDecided'), className: 'samenspel-number' },
          ]}
        >
          {list.data.map((r) => (
            <TableRow key={r.id}>
              <TableHeaderCell scope="row">
                <RouterLink className="utrecht-link" to={`${base}/${r.id}`}>
                  {r.reference}
                </RouterLink>
              </TableHeaderCell>
              <TableCell>{t(`dsr.kindName.${r.kind}`)}</TableCell>
              <TableCell>{r.person}</TableCell>
              <TableCell>{formatDate(r.receivedOn)}</TableCell>
              <TableCell>
                <Deadline deadline={r.deadline} open={r.status !== 'answered'} />
                {r.extended ? ` · ${t('dsr.extendedShort')}` : ''}
              </TableCell>
              <TableCell>
                {t(`dsr.statusName.${r.status}`)}
                {r.answeredOn ? ` (${formatDate(r.answeredOn)})` : ''}
              </TableCell>
              <TableCell className="samenspel-number">
                {t('dsr.ofTotal', { done: r.tasks.decided, total: r.tasks.total })}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}

function Register() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const register = useMutation({
    mutationFn: registerDsr,
    onSuccess: async (detail) => {
      queryClient.setQueryData(dsrRequestKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: dsrKey, exact: true });
      await navigate(`${base}/${detail.id}`);
    },
  });
  const errors = register.error instanceof ApiError ? register.error.fieldErrors() : {};
  const field = (name: string, path = name) => ({
    id: `verzoek-${name}`,
    name,
    invalid: Boolean(errors[path]),
    errorMessage: errors[path],
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormValues(new FormData(event.currentTarget));
    register.mutate({
      kind: form.choice('kind', dsrKinds),
      receivedOn: form.text('receivedOn'),
      person: {
        surname: form.text('surname'),
        firstNames: form.optional('firstNames'),
        dateOfBirth: form.text('dateOfBirth'),
        bsn: form.optional('bsn'),
      },
      contact: form.text('contact'),
      // Left on its empty choice, the server says next to the field that one must be chosen.
      identityCheck: form.text('identityCheck') as DsrRegistrationBody['identityCheck'],
      identityCheckedOn: form.text('identityCheckedOn'),
      details: form.optional('details'),
    });
  }
  return (
    <Section id="verzoek-registreren" title={t('dsr.register')}>
      <Paragraph>{t('dsr.registerIntro')}</Paragraph>
      <form onSubmit={submit} noValidate aria-labelledby="verzoek-registreren">
        {register.isError && unnamed(register.error) ? <ProblemAlert error={register.error} /> : null}
        <SelectField
          {...field('kind')}
          label={t('dsr.kind')}
          options={dsrKinds.map((k) => [k, t(`dsr.kindName.${k}`)] as const)}
        />
        <DateField
          {...field('receivedOn')}
          label={t('dsr.receivedOn')}
          hint={t('dsr.receivedOnHint')}
          defaultValue={isoDateFromToday()}
        />
        <FormFieldTextbox
          {...field('surname', 'person.surname')}
          label={t('dsr.surname')}
          autoComplete="off"
        />
        <FormFieldTextbox
          {...field('firstNames', 'person.firstNames')}
          label={t('dsr.firstNames')}
          autoComplete="off"
        />
        <DateField {...field('dateOfBirth', 'person.dateOfBirth')} label={t('dsr.dateOfBirth')} />
        <FormFieldTextbox
          {...field('bsn', 'person.bsn')}
          label={t('dsr.bsn')}
          description={t('dsr.bsnHint')}
          autoComplete="off"
        />
        <FormFieldTextarea
          {...field('contact')}
          label={t('dsr.contact')}
          description={t('dsr.contactHint')}
          rows={3}
        />
        <SelectField
          {...field('identityCheck')}
          label={t('dsr.identityCheck')}
          placeholder={t('dsr.identityCheckChoose')}
          options={identityChecks.map((c) => [c, t(`dsr.identityCheckName.${c}`)] as const)}
        />
        <DateField
          {...field('identityCheckedOn')}
          label={t('dsr.identityCheckedOn')}
          defaultValue={isoDateFromToday()}
        />
        <FormFieldTextarea
          {...field('details')}
          label={t('dsr.details')}
          description={t('dsr.detailsHint')}
          rows={4}
        />
        <Button type="submit" appearance="primary-action-button" disabled={register.isPending}>
          {t('dsr.register')}
        </Button>
        {register.isPending ? <Loading label={t('dsr.searching')} /> : null}
      </form>
    </Section>
  );
}

/** One request, for the contact point: the person, the clock, what was found, who decides, the answer. */
export function DsrRequestPage() {
  const { requestId = '' } = useParams();
  const request = useDsr(requestId);
  const reference = request.data?.reference;
  useEffect(() => {
    document.title = `${reference ? t('dsr.requestTitle', { reference }) : t('dsr.title')} · ${t('app.name')}`;
  }, [reference]);
  return (
    <>
      <Paragraph>
        <RouterLink className="utrecht-link" to={base}>
          {t('dsr.back')}
        </RouterLink>
      </Paragraph>
      {request.isPending ? <Loading /> : null}
      {request.isError ? <ProblemAlert error={request.error} onRetry={() => void request.refetch()} /> : null}
      {request.data ? <Request request={request.data} /> : null}
    </>
  );
}

type Step = UseMutationResult<DsrDetail, Error, () => Promise<DsrDetail>>;

/** A step on the request; the server answers with the request as it now stands. */
function useStep(): Step {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (call: () => Promise<DsrDetail>) => call(),
    onSuccess: (detail) => {
      queryClient.setQueryData(dsrRequestKey(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: dsrKey, exact: true });
    },
  });
}

function Request({ request }: { request: DsrDetail }) {
  return (
    <>
      <Heading1>{t('dsr.requestTitle', { reference: request.reference })}</Heading1>
      <Paragraph>
        {t(`dsr.kindName.${request.kind}`)} · {t(`dsr.statusName.${request.status}`)}
      </Paragraph>
      <Person request={request} />
      <Clock request={request} />
      <Matches request={request} />
      <Tasks request={request} />
      <Answer request={request} />
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

function Person({ request: r }: { request: DsrDetail }) {
  return (
    <Section id="betrokkene" title={t('dsr.personAndRequest')}>
      <DataList>
        <Fact label={t('dsr.name')}>{[r.firstNames, r.surname].filter(Boolean).join(' ')}</Fact>
        <Fact label={t('dsr.dateOfBirth')}>{formatDate(r.dateOfBirth)}</Fact>
        <Fact label={t('dsr.bsnShort')}>{r.bsn ?? t('dsr.notGiven')}</Fact>
        <Fact label={t('dsr.kind')}>{t(`dsr.kindName.${r.kind}`)}</Fact>
        <Fact label={t('dsr.receivedOn')}>{formatDate(r.receivedOn)}</Fact>
        <Fact label={t('dsr.contact')}>{r.contact}</Fact>
        <Fact label={t('dsr.identityCheck')}>
          {t('dsr.identityCheckedLine', {
            check: t(`dsr.identityCheckName.${r.identityCheck}`),
            date: formatDate(r.identityCheckedOn),
          })}
        </Fact>
        <Fact label={t('dsr.detailsShort')}>{r.details ?? t('dsr.notGiven')}</Fact>
        <Fact label={t('dsr.registered')}>
          {r.registeredBy
            ? t('dsr.byAt', { name: r.registeredBy, at: formatDateTime(r.registeredAt) })
            : formatDateTime(r.registeredAt)}
        </Fact>
      </DataList>
    </Section>
  );
}

function Clock({ request: r }: { request: DsrDetail }) {
  const answered = r.status === 'answered';
  return (
    <Section id="termijn" title={t('dsr.clock')}>
      <DataList>
        <Fact label={t('dsr.deadline')}>
          <Deadline deadline={r.deadline} open={!answered} />
        </Fact>
        <Fact label={t('dsr.extension')}>
          {r.extension
            ? t('dsr.extendedLine', { date: formatDate(r.extension.noticeOn), reason: r.extension.reason })
            : t('dsr.notExtended')}
        </Fact>
        {r.answeredOn ? <Fact label={t('dsr.answeredOn')}>{formatDate(r.answeredOn)}</Fact> : null}
      </DataList>
      {!r.extended && !answered ? <ExtensionForm request={r} /> : null}
    </Section>
  );
}

function ExtensionForm({ request }: { request: DsrDetail }) {
  const step = useStep();
  const [noticeOn, setNoticeOn] = useState(isoDateFromToday());
  const errors = step.error instanceof ApiError ? step.error.fieldErrors() : {};
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormValues(new FormData(event.currentTarget));
    step.mutate(() => extendDsr(request.id, { noticeOn, reason: form.text('reason') }));
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="termijn-verlengen">
      <h3 id="termijn-verlengen" className="utrecht-heading-3">
        {t('dsr.extend')}
      </h3>
      <Paragraph>{t('dsr.extendIntro')}</Paragraph>
      {step.isError && unnamed(step.error) ? <ProblemAlert error={step.error} /> : null}
      <DateField
        id="verlenging-ingelicht"
        label={t('dsr.noticeOn')}
        hint={t('dsr.noticeOnHint')}
        value={noticeOn}
        onChange={(e) => setNoticeOn(e.currentTarget.value)}
        invalid={Boolean(errors.noticeOn)}
        errorMessage={errors.noticeOn}
      />
      <FormFieldTextarea
        id="verlenging-reden"
        name="reason"
        label={t('dsr.extendReason')}
        rows={3}
        invalid={Boolean(errors.reason)}
        errorMessage={errors.reason}
      />
      <Button type="submit" appearance="secondary-action-button" disabled={step.isPending}>
        {t('dsr.extend')}
      </Button>
      {step.isPending ? <Loading label={t('dsr.saving')} /> : null}
    </form>
  );
}

/** The matches of one partner, in the order the server gives them. */
function byPartner<T extends { organisationId: string; organisation: string }>(items: readonly T[]) {
  const groups = new Map<string, { organisation: string; items: T[] }>();
  for (const item of items) {
    const group = groups.get(item.organisationId) ?? { organisation: item.organisation, items: [] };
    group.items.push(item);
    groups.set(item.organisationId, group);
  }
  return [...groups.entries()];
}

function Matches({ request }: { request: DsrDetail }) {
  const step = useStep();
  const [message, setMessage] = useState('');
  function review(match: DsrMatch, confirmed: boolean) {
    setMessage('');
    step.mutate(() => reviewMatch(request.id, match.id, confirmed), {
      onSuccess: () =>
        setMessage(t(confirmed ? 'dsr.reviewConfirmed' : 'dsr.reviewRejected', { record: match.label })),
    });
  }
  return (
    <Section id="treffers" title={t('dsr.matches')}>
      <Paragraph>{t('dsr.matchesIntro')}</Paragraph>
      <Paragraph role="status">{message}</Paragraph>
      {step.isError ? <ProblemAlert error={step.error} /> : null}
      {step.isPending ? <Loading label={t('dsr.saving')} /> : null}
      {request.matches.length === 0 ? <Paragraph>{t('dsr.noMatches')}</Paragraph> : null}
      {byPartner(request.matches).map(([organisationId, group]) => (
        <DataTable
          key={organisationId}
          caption={t('dsr.matchesAt', { organisation: group.organisation })}
          columns={[
            t('dsr.record'),
            t('dsr.recordKind'),
            t('dsr.found'),
            t('dsr.matchedBy'),
            t('dsr.review'),
            t('dsr.decision'),
          ]}
        >
          {group.items.map((m) => (
            <TableRow key={m.id}>
              <TableHeaderCell scope="row" id={`treffer-${m.id}`}>
                {m.label}
              </TableHeaderCell>
              <TableCell>{t(`dsr.recordKindName.${m.recordKind}`)}</TableCell>
              <TableCell>{m.found}</TableCell>
              <TableCell>{t(`dsr.matchedByName.${m.matchedBy}`)}</TableCell>
              <TableCell>
                {t(`dsr.reviewName.${m.review}`)}
                {m.review === 'pending' && request.status !== 'answered' ? (
                  <ButtonGroup>
                    <Button
                      appearance="secondary-action-button"
                      aria-describedby={`treffer-${m.id}`}
                      disabled={step.isPending}
                      onClick={() => review(m, true)}
                    >
                      {t('dsr.confirm')}
                    </Button>
                    <Button
                      appearance="subtle-button"
                      aria-describedby={`treffer-${m.id}`}
                      disabled={step.isPending}
                      onClick={() => review(m, false)}
                    >
                      {t('dsr.reject')}
                    </Button>
                  </ButtonGroup>
                ) : null}
              </TableCell>
              <TableCell>
                <MatchDecision match={m} />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ))}
    </Section>
  );
}

function Tasks({ request }: { request: DsrDetail }) {
  const open = request.status !== 'answered';
  // Kept here: the form starts over once the owners are saved, the message stays.
  const [message, setMessage] = useState('');
  return (
    <Section id="partners" title={t('dsr.tasks')}>
      <Paragraph>{t('dsr.tasksIntro')}</Paragraph>
      {request.tasks.length === 0 ? (
        <Paragraph>{t('dsr.noTasks')}</Paragraph>
      ) : (
        <DataTable
          caption={t('dsr.tasksCaption')}
          columns={[
            t('dsr.partner'),
            t('dsr.owner'),
            { label: t('dsr.matchesDecided'), className: 'samenspel-number' },
            t('dsr.dueOn'),
          ]}
        >
          {request.tasks.map((task) => (
            <TableRow key={task.id}>
              <TableHeaderCell scope="row">{task.organisation}</TableHeaderCell>
              <TableCell>{task.owner ?? t('dsr.noOwner')}</TableCell>
              <TableCell className="samenspel-number">
                {t('dsr.ofTotal', { done: task.decided, total: task.matches })}
              </TableCell>
              <TableCell>
                <Deadline deadline={task.dueOn} open={open && task.decided < task.matches} />
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      {open && request.tasks.length ? (
        <OwnersForm
          // Starts over from the owners as saved, once the server has them.
          key={request.tasks.map((task) => task.ownerId).join()}
          request={request}
          message={message}
          onMessage={setMessage}
        />
      ) : null}
    </Section>
  );
}

function OwnersForm({
  request,
  message,
  onMessage: setMessage,
}: {
  request: DsrDetail;
  message: string;
  onMessage: (message: string) => void;
}) {
  const step = useStep();
  // The tasks in the order they were sent, to put the server's `owners.1.ownerId` next to its select.
  const [sent, setSent] = useState<string[]>([]);
  const errors = step.error instanceof ApiError ? step.error.fieldErrors() : {};
  const whole =
    step.error instanceof ApiError
      ? step.error.problem.invalidParams?.find((p) => p.name === 'owners')?.reason
      : undefined;
  const errorFor = (taskId: string) => {
    const i = sent.indexOf(taskId);
    return i < 0 ? undefined : (errors[`owners.${i}.ownerId`] ?? errors[`owners.${i}.taskId`]);
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormValues(new FormData(event.currentTarget));
    const owners = request.tasks
      .map((task) => ({ taskId: task.id, ownerId: form.text(`owner-${task.id}`) }))
      .filter((o) => o.ownerId);
    setMessage('');
    setSent(owners.map((o) => o.taskId));
    step.mutate(() => saveOwners(request.id, { owners }), {
      onSuccess: () => setMessage(t('dsr.ownersSaved')),
    });
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="behandelaars-kiezen">
      <h3 id="behandelaars-kiezen" className="utrecht-heading-3">
        {t('dsr.chooseOwners')}
      </h3>
      <Paragraph role="status">{message}</Paragraph>
      {step.isError && unnamed(step.error) ? <ProblemAlert error={step.error} /> : null}
      {whole ? (
        <Alert type="error" role="alert">
          <Paragraph>{whole}</Paragraph>
        </Alert>
      ) : null}
      {request.tasks.map((task) => (
        <SelectField
          key={task.id}
          id={`behandelaar-${task.id}`}
          name={`owner-${task.id}`}
          label={t('dsr.ownerAt', { organisation: task.organisation })}
          hint={task.candidates.length ? undefined : t('dsr.noCandidates')}
          placeholder={t('dsr.noOwner')}
          defaultValue={task.ownerId ?? ''}
          options={task.candidates.map((c) => [c.id, c.name] as const)}
          invalid={Boolean(errorFor(task.id))}
          errorMessage={errorFor(task.id)}
        />
      ))}
      <Button type="submit" appearance="secondary-action-button" disabled={step.isPending}>
        {t('dsr.saveOwners')}
      </Button>
      {step.isPending ? <Loading label={t('dsr.saving')} /> : null}
    </form>
  );
}

function Answer({ request }: { request: DsrDetail }) {
  const step = useStep();
  const asking = useConfirmation<true>();
  if (request.status === 'answered')
    return (
      <Section id="antwoord" title={t('dsr.answer')}>
        <Paragraph>
          {t('dsr.answeredLine', { date: request.answeredOn ? formatDate(request.answeredOn) : '–' })}
        </Paragraph>
        <ul className="utrecht-unordered-list" aria-label={t('dsr.answerFiles')}>
          <li className="utrecht-unordered-list__item">
            <a
              className="utrecht-link"
              href={answerPdfHref(request.id)}
              download={`${request.reference}.pdf`}
            >
              {t('dsr.answerPdf')}
            </a>
          </li>
          <li className="utrecht-unordered-list__item">
            <a
              className="utrecht-link"
              href={answerJsonHref(request.id)}
              type="application/json"
              download={`${request.reference}.json`}
            >
              {t('dsr.answerJson')}
            </a>
          </li>
        </ul>
      </Section>
    );
  const ready = request.status === 'ready';
  return (
    <Section id="antwoord" title={t('dsr.answer')}>
      <Paragraph id="antwoord-uitleg">
        {ready
          ? t('dsr.answerReady')
          : request.status === 'review'
            ? t('dsr.answerAfterReview')
            : t('dsr.answerAfterPartners', {
                done: request.tasks.filter((task) => task.decided === task.matches).length,
                total: request.tasks.length,
              })}
      </Paragraph>
      {step.isError ? <ProblemAlert error={step.error} /> : null}
      {asking.asking ? (
        <Confirmation
          title={t('dsr.answerQuestion')}
          confirmLabel={t('dsr.answerYes')}
          busy={step.isPending}
          onCancel={asking.cancel}
          onConfirm={() => step.mutate(() => answerDsr(request.id), { onSettled: () => asking.done() })}
        >
          {t('dsr.answerQuestionText')}
        </Confirmation>
      ) : (
        <Button
          appearance="primary-action-button"
          disabled={!ready || step.isPending}
          aria-describedby="antwoord-uitleg"
          onClick={() => asking.ask(true)}
        >
          {t('dsr.answerNow')}
        </Button>
      )}
    </Section>
  );
}
