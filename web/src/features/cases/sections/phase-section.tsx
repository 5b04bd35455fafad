import { type CaseDetail, casePhases } from '@samenspel/contracts';
import { Button, ButtonGroup, FormFieldTextbox } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
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

/** Moving the case on, closing it after the evaluation, and reopening it. */
export function PhaseSection({ c }: { c: CaseDetail }) {
  const phaseChange = useCaseChange(c.id, caseChanges.phase);
  const reopen = useCaseChange(c.id, caseChanges.phase);
  const next = nextPhase(c);
  return (
    <Section id="fase" title={t('cases.phase')}>
      {phaseChange.isError ? <ProblemAlert error={phaseChange.error} /> : null}
      <ButtonGroup>
        {next ? (
          <Button
            appearance="secondary-action-button"
            disabled={phaseChange.isPending}
            onClick={() => phaseChange.mutate({ type: 'advance', to: next })}
          >
            {t('cases.toPhase', { phase: t(`phase.${next}`) })}
          </Button>
        ) : null}
        {c.phase === 'evaluation' ? (
          <Button
            appearance="primary-action-button"
            disabled={phaseChange.isPending}
            onClick={() => phaseChange.mutate({ type: 'close' })}
          >
            {t('cases.close')}
          </Button>
        ) : null}
      </ButtonGroup>
      {c.phase === 'closed' ? (
        <ChangeForm
          id="heropenen"
          title={t('cases.reopen')}
          submitLabel={t('cases.reopen')}
          mutation={reopen}
          toVariables={(v) => ({ type: 'reopen' as const, reason: v.text('reason') })}
        >
          {(field) => <FormFieldTextbox {...field('reason')} label={t('step.reason')} />}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
