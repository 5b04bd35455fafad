import type { Programme, ProgrammeGoal, RecordedResult } from '@samenspel/contracts';
import {
  Button,
  ButtonGroup,
  FormFieldTextarea,
  FormFieldTextbox,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { Confirmation } from '../../components/confirmation.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, formatNumber, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { GoalForm } from './goal-form.js';
import {
  useActivityKinds,
  useDeleteGoal,
  useIndicators,
  useProgramme,
  useRecordResult,
} from './programmes-api.js';
import {
  figureName,
  formatFigure,
  indicatorHref,
  numberOf,
  programmeKindLabel,
  reachedLabel,
  statusOf,
} from './programmes-format.js';
import './programmes.css';

/** What the programme manager is doing with the page's goals, if anything. */
type Action =
  | { kind: 'add' }
  | { kind: 'edit'; goalId: string }
  | { kind: 'record'; goalId: string }
  | { kind: 'delete'; goalId: string };

/**
 * A programme or district action plan as the annual plan prints it: per goal what was aimed at
 * ("Beoogd") and what came of it ("Gerealiseerd"), with its status in words. A computed figure
 * links to its indicator's definition; a result recorded by hand shows its source and date, and
 * the earlier ones on demand. Programme managers add, change and remove goals and record results
 * by hand — only for goals whose result is not computed.
 */
export function ProgrammePage() {
  const { programmeId } = useParams();
  const me = useMe();
  const programme = useProgramme(programmeId);
  const manages = can(me.data, 'programme.manage');
  useEffect(() => {
    document.title = `${programme.data ? titleOf(programme.data) : t('programmes.programme')} · ${t('app.name')}`;
  }, [programme.data]);
  if (programme.isPending) return <Loading />;
  if (programme.isError)
    return <ProblemAlert error={programme.error} onRetry={() => void programme.refetch()} />;
  return <ProgrammeView programme={programme.data} manages={manages} />;
}

function ProgrammeView({ programme, manages }: { programme: Programme; manages: boolean }) {
  const me = useMe();
  const indicators = useIndicators();
  // The names of the activity kinds a figure counts; only readers of the register get them.
  const activityKinds = useActivityKinds(can(me.data, 'activity.read'));
  const [action, setAction] = useState<Action | null>(null);
  // A new object for every change, so that saying the same thing twice moves focus again.
  const [done, setDone] = useState<{ message: string } | null>(null);
  const origin = useRef<HTMLElement | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // After a change the panel is gone: focus goes to the sentence that says what happened, once
  // it is on the page.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const remove = useDeleteGoal(programme.id);

  function start(next: Action) {
    origin.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDone(null);
    remove.reset();
    setAction(next);
  }
  function cancel() {
    setAction(null);
    const back = origin.current;
    if (back?.isConnected) requestAnimationFrame(() => back.focus());
  }
  function finish(message: string) {
    setAction(null);
    setDone({ message });
  }

  const goalOf = (id: string) => programme.items.find((g) => g.id === id);
  const acting = action && action.kind !== 'add' ? goalOf(action.goalId) : undefined;
  return (
    <>
      <nav aria-label={t('signal.breadcrumb')} className="samenspel-breadcrumb">
        <RouterLink to={`/programmas?jaar=${programme.year}`} className="utrecht-link">
          {t('programmes.title')}
        </RouterLink>{' '}
        <span aria-hidden="true">›</span> <span aria-current="page">{programme.name}</span>
      </nav>
      <Heading1>{programme.name}</Heading1>
      <Paragraph className="samenspel-muted">
        {/* "Districtsplan Utrecht-Stad · 2026", without saying the name twice. */}
        {programme.name === programmeKindLabel(programme)
          ? programme.year
          : `${programmeKindLabel(programme)} · ${programme.year}`}
      </Paragraph>
      {programme.description ? <Paragraph>{programme.description}</Paragraph> : null}
      {programme.items.length ? (
        <Paragraph>
          <strong>{reachedLabel(programme)}</strong>
        </Paragraph>
      ) : null}
      <Paragraph ref={doneRef} tabIndex={-1} role="status" className="samenspel-done">
        {done?.message}
      </Paragraph>
      {programme.items.length === 0 ? (
        <Paragraph>{t(manages ? 'programmes.noGoalsManager' : 'programmes.noGoals')}</Paragraph>
      ) : (
        <DataTable
          caption={t('programmes.tableCaption', { name: titleOf(programme) })}
          className="samenspel-goals samenspel-rowheads samenspel-plain-rowheads"
          columns={[
            t('programmes.column.goal'),
            t('programmes.column.target'),
            t('programmes.column.result'),
            t('programmes.column.status'),
            ...(manages ? [t('programmes.column.change')] : []),
          ]}
        >
          {programme.items.map((goal) => {
            const status = statusOf(goal.status);
            return (
              <TableRow key={goal.id}>
                <TableHeaderCell scope="row" className="samenspel-goal__text">
                  {goal.text}
                  <span className="samenspel-goal__scope">
                    {goal.scope.label}
                    {goal.period.from !== `${programme.year}-01-01` ||
                    goal.period.to !== `${programme.year}-12-31`
                      ? `, ${t('programmes.periodLabel', { from: formatDate(goal.period.from), to: formatDate(goal.period.to) })}`
                      : ''}
                  </span>
                </TableHeaderCell>
                <TableCell>{goal.target.label}</TableCell>
                <TableCell>
                  {goal.resultKind === 'computed' ? (
                    <ComputedResult
                      goal={goal}
                      name={(f) => figureName(f, indicators.data, activityKinds.data)}
                    />
                  ) : (
                    <RecordedResults goal={goal} />
                  )}
                </TableCell>
                <TableCell>
                  <StatusBadge status={status.badge}>{status.label}</StatusBadge>
                </TableCell>
                {manages ? (
                  <TableCell>
                    <div className="samenspel-goal__actions">
                      {goal.resultKind === 'recorded' ? (
                        <RowButton
                          label={t('programmes.recordResult')}
                          goal={goal}
                          appearance="secondary-action-button"
                          onClick={() => start({ kind: 'record', goalId: goal.id })}
                        />
                      ) : null}
                      <RowButton
                        label={t('programmes.edit')}
                        goal={goal}
                        onClick={() => start({ kind: 'edit', goalId: goal.id })}
                      />
                      <RowButton
                        label={t('programmes.delete')}
                        goal={goal}
                        onClick={() => start({ kind: 'delete', goalId: goal.id })}
                      />
                    </div>
                  </TableCell>
                ) : null}
              </TableRow>
            );
          })}
        </DataTable>
      )}
      {manages && !action ? (
        <ButtonGroup className="samenspel-after-table">
          <Button appearance="primary-action-button" onClick={() => start({ kind: 'add' })}>
            {t('programmes.addGoal')}
          </Button>
        </ButtonGroup>
      ) : null}
      {manages && action?.kind === 'add' ? (
        <Panel title={t('programmes.addGoal')}>
          {(headingId) => (
            <GoalForm
              programme={programme}
              headingId={headingId}
              onSaved={() => finish(t('programmes.goalAdded'))}
              onCancel={cancel}
            />
          )}
        </Panel>
      ) : null}
      {manages && action?.kind === 'edit' && acting ? (
        <Panel title={t('programmes.editGoalTitle', { goal: shortText(acting.text) })}>
          {(headingId) => (
            <GoalForm
              key={acting.id}
              programme={programme}
              goal={acting}
              headingId={headingId}
              onSaved={() => finish(t('programmes.goalSaved'))}
              onCancel={cancel}
            />
          )}
        </Panel>
      ) : null}
      {manages && action?.kind === 'record' && acting ? (
        <Panel title={t('programmes.recordResultTitle', { goal: shortText(acting.text) })}>
          {(headingId) => (
            <RecordResultForm
              key={acting.id}
              programme={programme}
              goal={acting}
              headingId={headingId}
              onSaved={() => finish(t('programmes.resultRecorded'))}
              onCancel={cancel}
            />
          )}
        </Panel>
      ) : null}
      {manages && action?.kind === 'delete' && acting ? (
        <>
          <Confirmation
            title={t('programmes.deleteQuestion', { goal: shortText(acting.text) })}
            confirmLabel={t('programmes.deleteConfirm')}
            busy={remove.isPending}
            onConfirm={() =>
              remove.mutate(acting.id, { onSuccess: () => finish(t('programmes.goalDeleted')) })
            }
            onCancel={cancel}
          >
            {t(acting.recorded.length ? 'programmes.deleteWithResults' : 'programmes.deleteExplained', {
              count: acting.recorded.length,
            })}
          </Confirmation>
          {remove.isError ? <ProblemAlert error={remove.error} /> : null}
        </>
      ) : null}
    </>
  );
}

/** "Districtsplan Flevoland 2021": the name with its year, unless the name already says it. */
function titleOf(p: Pick<Programme, 'name' | 'year'>): string {
  return p.name.includes(String(p.year)) ? p.name : `${p.name} ${p.year}`;
}

/** A goal's text cut to a length that fits a heading or a button's name. */
function shortText(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77).trimEnd()}…` : text;
}

/** A button in a goal's row; its name says which goal, for those who hear it out of the row. */
function RowButton({
  label,
  goal,
  appearance = 'subtle-button',
  onClick,
}: {
  label: string;
  goal: ProgrammeGoal;
  appearance?: 'secondary-action-button' | 'subtle-button';
  onClick: () => void;
}) {
  return (
    <Button
      type="button"
      appearance={appearance}
      aria-label={`${label}: ${shortText(goal.text)}`}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}

/** A part of the page for one change, under its heading, which takes the focus when it opens. */
function Panel({ title, children }: { title: string; children: (headingId: string) => ReactNode }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <section className="samenspel-subject" aria-labelledby={id}>
      <Heading2 id={id} ref={heading} tabIndex={-1}>
        {title}
      </Heading2>
      {children(id)}
    </section>
  );
}

/** The figures of a computed result: the first is compared with the target, the others go with it. */
function ComputedResult({
  goal,
  name,
}: {
  goal: ProgrammeGoal;
  name: (figure: ProgrammeGoal['figures'][number]) => string;
}) {
  return (
    <>
      <ul className="samenspel-goal__figures">
        {goal.figures.map((f, i) => (
          <li
            key={`${f.indicator}-${f.option ?? ''}`}
            className={i === 0 ? 'samenspel-goal__first' : undefined}
          >
            <span className="samenspel-goal__value">{formatFigure(f.value, f.unit)}</span>{' '}
            <RouterLink to={indicatorHref(f.indicator)} className="utrecht-link">
              {name(f)}
            </RouterLink>
          </li>
        ))}
      </ul>
      <span className="samenspel-goal__source">{t('programmes.computed')}</span>
    </>
  );
}

/** A recorded result: its number (in bold where it is the result) and its words. */
function RecordedText({ result, strong = false }: { result: RecordedResult; strong?: boolean }) {
  const value = result.value === null ? null : formatNumber(result.value);
  return (
    <>
      {value ? <span className={strong ? 'samenspel-goal__value' : undefined}>{value}</span> : null}
      {value && result.text ? ' — ' : null}
      {result.text}
    </>
  );
}

/** A result recorded by hand: the latest with its source and date, the earlier ones on demand. */
function RecordedResults({ goal }: { goal: ProgrammeGoal }) {
  const [latest, ...earlier] = goal.recorded;
  if (!latest) return <span className="samenspel-muted">{t('programmes.notRecorded')}</span>;
  return (
    <>
      <span className="samenspel-goal__recorded">
        <RecordedText result={latest} strong />
      </span>
      <span className="samenspel-goal__source">
        {t('programmes.source', { source: latest.source, date: formatDate(latest.recordedOn) })}
      </span>
      {earlier.length ? (
        <details className="samenspel-goal__history">
          <summary>{t('programmes.earlier', { count: earlier.length })}</summary>
          <ul>
            {earlier.map((r) => (
              <li key={r.id}>
                <RecordedText result={r} />{' '}
                <span className="samenspel-muted">
                  ({t('programmes.source', { source: r.source, date: formatDate(r.recordedOn) })})
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** Recording a goal's result by hand: a number and/or words, the date it describes and its source. */
function RecordResultForm({
  programme,
  goal,
  headingId,
  onSaved,
  onCancel,
}: {
  programme: Programme;
  goal: ProgrammeGoal;
  headingId: string;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const record = useRecordResult(programme.id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const endOfYear = `${programme.year}-12-31`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    setErrors({});
    setFailure(null);
    record.mutate(
      {
        goalId: goal.id,
        body: {
          value: numberOf(v.text('value')),
          text: v.optional('text'),
          source: v.text('source'),
          recordedOn: v.text('recordedOn'),
        },
      },
      {
        onSuccess: onSaved,
        onError: (caught) => {
          if (caught instanceof ApiError && caught.problem.invalidParams?.length) {
            const found = caught.fieldErrors();
            setErrors(found);
            // A refusal the form has no field for (the goal became computed meanwhile): above it.
            if (!['value', 'text', 'source', 'recordedOn'].some((n) => found[n])) setFailure(caught);
          } else setFailure(caught);
        },
      },
    );
  }

  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="samenspel-narrow">
      <Paragraph>{t('programmes.recordIntro', { target: goal.target.label })}</Paragraph>
      {failure ? <FormProblem error={failure} /> : null}
      <FormFieldTextbox
        id="resultaat-aantal"
        name="value"
        label={t('programmes.result.value')}
        description={t('programmes.result.valueHint')}
        inputMode="decimal"
        autoComplete="off"
        {...error('value')}
      />
      <FormFieldTextarea
        id="resultaat-tekst"
        name="text"
        label={t('programmes.result.text')}
        rows={3}
        {...error('text')}
      />
      <FormFieldTextbox
        id="resultaat-bron"
        name="source"
        label={t('programmes.result.source')}
        description={t('programmes.result.sourceHint')}
        required
        {...error('source')}
      />
      <DateField
        id="resultaat-datum"
        name="recordedOn"
        label={t('programmes.result.date')}
        hint={t('programmes.result.dateHint')}
        defaultValue={isoDateFromToday() < endOfYear ? isoDateFromToday() : endOfYear}
        {...error('recordedOn')}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
          {t('programmes.recordResult')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('confirm.cancel')}
        </Button>
      </ButtonGroup>
      {record.isPending ? <Loading label={t('admin.saving')} /> : null}
    </form>
  );
}
