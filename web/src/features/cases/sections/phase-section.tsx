import { type CaseDetail, casePhases } from '@samenspel/contracts';
import { Alert, Button, ButtonGroup, FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../components/api.js';
import { Confirmation, useConfirmation } from '../../../components/confirmation.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { nextActionText } from '../case-format.js';
import { type CasePhaseBody, caseChanges, useCaseChange } from '../cases-api.js';

type AdvanceTarget = Extract<CasePhaseBody, { type: 'advance' }>['to'];
const advanceTargets = [
  'information',
  'analysis',
  'intervention',
  'evaluation',
] as const satisfies readonly AdvanceTarget[];

/** The phase after this one, if the case moves on to it; closing and reopening are their own steps. */
function nextPhase(c: CaseDetail): AdvanceTarget | undefined {
  const next = casePhases[casePhases.indexOf(c.phase) + 1];
  return advanceTargets.find((p) => p === next);
}

/**
 * Moving the case on, closing it after the evaluation (asked first: a closed case takes no more
 * changes), and reopening it: each on the day it happened.
 */
export function PhaseSection({ c }: { c: CaseDetail }) {
  const phaseChange = useCaseChange(c.id, caseChanges.phase);
  const reopen = useCaseChange(c.id, caseChanges.phase);
  const closing = useConfirmation<{ happenedOn: string | undefined }>();
  const [happenedOn, setHappenedOn] = useState(isoDateFromToday);
  const [notice, setNotice] = useState<string | null>(null);
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) said.current?.focus();
  }, [notice]);
  const next = nextPhase(c);
  const error = phaseChange.error;
  const dateError = error instanceof ApiError ? error.fieldError('happenedOn') : undefined;
  const on = happenedOn || undefined;
  const done = (updated: CaseDetail) =>
    t('casePhase.advanced', {
      phase: t(`phase.${updated.phase}`),
      next: updated.nextAction ? nextActionText(updated.nextAction) : '',
    });

  return (
    <Section id="fase" title={t('cases.phase')}>
      {notice ? (
        <div ref={said} tabIndex={-1}>
          <Alert type="ok" role="status">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        </div>
      ) : null}
      {phaseChange.isError && !dateError ? <ProblemAlert error={error} /> : null}
      {next || c.phase === 'evaluation' ? (
        <>
          <DateField
            id="fase-datum"
            name="happenedOn"
            label={t('step.happenedOn')}
            hint={t('step.happenedOnHint')}
            value={happenedOn}
            max={isoDateFromToday()}
            onChange={(event) => setHappenedOn(event.currentTarget.value)}
            invalid={Boolean(dateError)}
            errorMessage={dateError}
          />
          {c.phase === 'evaluation' && !c.evaluation ? (
            <Paragraph>{t('casePhase.closeAfterEvaluation')}</Paragraph>
          ) : null}
          <ButtonGroup>
            {next ? (
              <Button
                appearance="secondary-action-button"
                disabled={phaseChange.isPending}
                onClick={() => {
                  setNotice(null);
                  phaseChange.mutate(
                    { type: 'advance', to: next, happenedOn: on },
                    { onSuccess: (updated) => setNotice(done(updated)) },
                  );
                }}
              >
                {t('cases.toPhase', { phase: t(`phase.${next}`) })}
              </Button>
            ) : null}
            {c.phase === 'evaluation' && c.evaluation ? (
              <Button
                appearance="primary-action-button"
                disabled={phaseChange.isPending}
                onClick={() => {
                  setNotice(null);
                  closing.ask({ happenedOn: on });
                }}
              >
                {t('cases.close')}
              </Button>
            ) : null}
          </ButtonGroup>
          {closing.asking ? (
            <Confirmation
              title={t('casePhase.closeQuestion')}
              confirmLabel={t('casePhase.closeConfirm')}
              busy={phaseChange.isPending}
              onCancel={closing.cancel}
              onConfirm={() =>
                phaseChange.mutate(
                  { type: 'close', happenedOn: closing.pending?.happenedOn },
                  {
                    onSuccess: (updated) => {
                      closing.done();
                      setNotice(
                        t('casePhase.closed', { date: updated.closedOn ? formatDate(updated.closedOn) : '' }),
                      );
                    },
                    onError: () => closing.done(),
                  },
                )
              }
            >
              {t('casePhase.closeExplained', {
                date: formatDate(closing.pending?.happenedOn ?? isoDateFromToday()),
              })}
            </Confirmation>
          ) : null}
        </>
      ) : null}
      {c.phase === 'closed' ? (
        <CaseForm
          id="heropenen"
          openLabel={t('cases.reopen')}
          submitLabel={t('cases.reopen')}
          mutation={reopen}
          toVariables={(v) => ({
            type: 'reopen' as const,
            reason: v.text('reason'),
            happenedOn: v.optional('happenedOn'),
          })}
          success={(updated) => t('casePhase.reopened', { phase: t(`phase.${updated.phase}`) })}
        >
          {(field) => (
            <>
              <FormFieldTextbox {...field('reason')} label={t('step.reason')} />
              <DateField
                {...field('happenedOn')}
                label={t('step.happenedOn')}
                defaultValue={isoDateFromToday()}
                max={isoDateFromToday()}
              />
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
