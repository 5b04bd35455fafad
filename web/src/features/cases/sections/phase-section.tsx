import { type CaseDetail, casePhases } from '@samenspel/contracts';
import { Button, ButtonGroup, FormFieldTextbox } from '@utrecht/component-library-react';
import { useState } from 'react';
import { ApiError } from '../../../components/api.js';
import { ChangeForm } from '../../../components/change-form.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { t } from '../../../i18n/i18n.js';
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

/** Moving the case on, closing it after the evaluation, and reopening it: each on the day it happened. */
export function PhaseSection({ c }: { c: CaseDetail }) {
  const phaseChange = useCaseChange(c.id, caseChanges.phase);
  const reopen = useCaseChange(c.id, caseChanges.phase);
  const [happenedOn, setHappenedOn] = useState(isoDateFromToday);
  const next = nextPhase(c);
  const error = phaseChange.error;
  const dateError = error instanceof ApiError ? error.fieldError('happenedOn') : undefined;
  const on = happenedOn || undefined;
  return (
    <Section id="fase" title={t('cases.phase')}>
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
          <ButtonGroup>
            {next ? (
              <Button
                appearance="secondary-action-button"
                disabled={phaseChange.isPending}
                onClick={() => phaseChange.mutate({ type: 'advance', to: next, happenedOn: on })}
              >
                {t('cases.toPhase', { phase: t(`phase.${next}`) })}
              </Button>
            ) : null}
            {c.phase === 'evaluation' ? (
              <Button
                appearance="primary-action-button"
                disabled={phaseChange.isPending}
                onClick={() => phaseChange.mutate({ type: 'close', happenedOn: on })}
              >
                {t('cases.close')}
              </Button>
            ) : null}
          </ButtonGroup>
        </>
      ) : null}
      {c.phase === 'closed' ? (
        <ChangeForm
          id="heropenen"
          title={t('cases.reopen')}
          submitLabel={t('cases.reopen')}
          mutation={reopen}
          toVariables={(v) => ({
            type: 'reopen' as const,
            reason: v.text('reason'),
            happenedOn: v.optional('happenedOn'),
          })}
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
        </ChangeForm>
      ) : null}
    </Section>
  );
}
