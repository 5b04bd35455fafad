import {
  type DsrDecision,
  type DsrMatch,
  type DsrTaskDetail,
  dsrDecisions,
  refusalGrounds,
} from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormLabel,
  Heading1,
  Paragraph,
  RadioButton,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import {
  type DsrDecisionBody,
  decideMatch,
  dsrTaskKey,
  dsrTasksKey,
  useDsrTask,
  useDsrTasks,
} from './dsr-api.js';
import { Deadline, MatchDecision } from './dsr-parts.js';

const base = '/mijn-verzoektaken';

/** A partner employee's own tasks: their organisation's part of each data-subject request. */
export function DsrTasksPage() {
  useEffect(() => {
    document.title = `${t('dsrTasks.title')} · ${t('app.name')}`;
  }, []);
  const tasks = useDsrTasks();
  return (
    <>
      <Heading1>{t('dsrTasks.title')}</Heading1>
      <Paragraph>{t('dsrTasks.intro')}</Paragraph>
      {tasks.isPending ? <Loading /> : null}
      {tasks.isError ? <ProblemAlert error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {tasks.data?.length === 0 ? <Paragraph>{t('dsrTasks.none')}</Paragraph> : null}
      {tasks.data?.length ? (
        <DataTable
          caption={t('dsrTasks.caption')}
          columns={[
            t('dsr.reference'),
            t('dsr.kind'),
            t('dsr.partner'),
            t('dsr.dueOn'),
            { label: t('dsr.matchesDecided'), className: 'samenspel-number' },
          ]}
        >
          {tasks.data.map((task) => (
            <TableRow key={task.id}>
              <TableHeaderCell scope="row">
                <RouterLink className="utrecht-link" to={`${base}/${task.id}`}>
                  {task.requestReference}
                </RouterLink>
              </TableHeaderCell>
              <TableCell>{t(`dsr.kindName.${task.kind}`)}</TableCell>
              <TableCell>{task.organisation}</TableCell>
              <TableCell>
                <Deadline deadline={task.dueOn} open={task.decided < task.matches} />
              </TableCell>
              <TableCell className="samenspel-number">
                {t('dsr.ofTotal', { done: task.decided, total: task.matches })}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}

/** One task: the request as far as the partner needs it, and a decision per match. */
export function DsrTaskPage() {
  const { taskId = '' } = useParams();
  const task = useDsrTask(taskId);
  const reference = task.data?.requestReference;
  useEffect(() => {
    document.title = `${reference ? t('dsr.requestTitle', { reference }) : t('dsrTasks.title')} · ${t('app.name')}`;
  }, [reference]);
  return (
    <>
      <Paragraph>
        <RouterLink className="utrecht-link" to={base}>
          {t('dsrTasks.back')}
        </RouterLink>
      </Paragraph>
      {task.isPending ? <Loading /> : null}
      {task.isError ? <ProblemAlert error={task.error} onRetry={() => void task.refetch()} /> : null}
      {task.data ? <Task task={task.data} /> : null}
    </>
  );
}

function Task({ task }: { task: DsrTaskDetail }) {
  // A match the contact point found not to be this person is no part of the task.
  const matches = task.matches.filter((m) => m.review !== 'rejected');
  const open = matches.some((m) => !m.decision);
  return (
    <>
      <Heading1>{t('dsr.requestTitle', { reference: task.requestReference })}</Heading1>
      <Paragraph>
        {t(`dsr.kindName.${task.kind}`)} · {task.organisation}
      </Paragraph>
      <DataList>
        <DataListItem>
          <DataListKey>{t('dsr.person')}</DataListKey>
          <DataListValue>
            {t('dsrTasks.personLine', { name: task.person, date: formatDate(task.dateOfBirth) })}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('dsr.kind')}</DataListKey>
          <DataListValue>{t(`dsr.kindName.${task.kind}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('dsr.detailsShort')}</DataListKey>
          <DataListValue>{task.details ?? t('dsr.notGiven')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('dsrTasks.decideBy')}</DataListKey>
          <DataListValue>
            <Deadline deadline={task.dueOn} open={open} />
          </DataListValue>
        </DataListItem>
      </DataList>
      <Section id="treffers" title={t('dsr.matchesAt', { organisation: task.organisation })}>
        <Paragraph>{t('dsrTasks.matchesIntro')}</Paragraph>
        {matches.length === 0 ? <Paragraph>{t('dsr.noMatches')}</Paragraph> : null}
        {matches.map((m) => (
          <MatchForm key={m.id} taskId={task.id} match={m} />
        ))}
      </Section>
    </>
  );
}

function MatchForm({ taskId, match }: { taskId: string; match: DsrMatch }) {
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<DsrDecision | ''>(match.decision ?? '');
  const [message, setMessage] = useState('');
  const save = useMutation({
    mutationFn: (body: DsrDecisionBody) => decideMatch(taskId, match.id, body),
    onSuccess: (task) => {
      queryClient.setQueryData(dsrTaskKey(taskId), task);
      void queryClient.invalidateQueries({ queryKey: dsrTasksKey, exact: true });
      setMessage(t('dsrTasks.saved'));
    },
    onError: () => setMessage(''),
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const id = `besluit-${match.id}`;
  const headingId = `${id}-kop`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormValues(new FormData(event.currentTarget));
    setMessage('');
    save.mutate({
      // None chosen: the server says next to the choices that one must be.
      decision: decision as DsrDecision,
      ground: decision && decision !== 'grant' ? form.optionalChoice('ground', refusalGrounds) : undefined,
      explanation: form.optional('explanation'),
    });
  }
  const title = (
    <h3 id={headingId} className="utrecht-heading-3">
      {`${t(`dsr.recordKindName.${match.recordKind}`)} ${match.label}`}
    </h3>
  );
  const found = (
    <Paragraph>
      {t('dsrTasks.foundLine', {
        found: match.found,
        matchedBy: t(`dsr.matchedByName.${match.matchedBy}`),
      })}
    </Paragraph>
  );
  if (match.review === 'pending')
    return (
      <section className="samenspel-section" aria-labelledby={headingId}>
        {title}
        {found}
        <Paragraph>{t('dsrTasks.awaitingReview')}</Paragraph>
      </section>
    );
  const decisionError = errors.decision;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId}>
      {title}
      {found}
      {match.decision ? (
        <Paragraph>
          {t('dsrTasks.current')} <MatchDecision match={match} />
        </Paragraph>
      ) : null}
      <Paragraph role="status">{message}</Paragraph>
      {save.isError && !(save.error instanceof ApiError && save.error.problem.invalidParams?.length) ? (
        <ProblemAlert error={save.error} />
      ) : null}
      <Fieldset invalid={Boolean(decisionError)} aria-describedby={decisionError ? `${id}-fout` : undefined}>
        <FieldsetLegend>{t('dsr.decision')}</FieldsetLegend>
        {decisionError ? (
          <FormFieldErrorMessage id={`${id}-fout`}>{decisionError}</FormFieldErrorMessage>
        ) : null}
        {dsrDecisions.map((d) => (
          <p key={d} className="samenspel-radio">
            <RadioButton
              id={`${id}-${d}`}
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            <FormLabel htmlFor={`${id}-${d}`} type="radio">
              {t(`dsr.decisionName.${d}`)}
            </FormLabel>
          </p>
        ))}
      </Fieldset>
      {decision === 'restrict' || decision === 'refuse' ? (
        <SelectField
          id={`${id}-grond`}
          name="ground"
          label={t('dsr.ground')}
          placeholder={t('dsrTasks.groundChoose')}
          defaultValue={match.ground ?? ''}
          options={refusalGrounds.map((g) => [g, t(`dsr.groundName.${g}`)] as const)}
          invalid={Boolean(errors.ground)}
          errorMessage={errors.ground}
        />
      ) : null}
      <FormFieldTextarea
        id={`${id}-toelichting`}
        name="explanation"
        label={t('dsr.explanation')}
        description={t('dsrTasks.explanationHint')}
        defaultValue={match.explanation ?? ''}
        rows={3}
        invalid={Boolean(errors.explanation)}
        errorMessage={errors.explanation}
      />
      <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
        {t('dsrTasks.save')}
      </Button>
      {save.isPending ? <Loading label={t('dsr.saving')} /> : null}
    </form>
  );
}
