import type { CaseDetail } from '@samenspel/contracts';
import { FormFieldTextarea } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
import { t } from '../../../i18n/i18n.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

/** Goal and strategy, recorded while the case starts. */
export function GoalSection({ c }: { c: CaseDetail }) {
  const change = useCaseChange(c.id, caseChanges.goal);
  return (
    <ChangeForm
      id="doel"
      title={t('cases.goalAndStrategy')}
      submitLabel={t('step.save')}
      mutation={change}
      toVariables={(v) => ({ goal: v.text('goal'), strategy: v.text('strategy') })}
    >
      {(field) => (
        <>
          <FormFieldTextarea {...field('goal')} label={t('cases.goal')} rows={3} />
          <FormFieldTextarea {...field('strategy')} label={t('cases.strategy')} rows={3} />
        </>
      )}
    </ChangeForm>
  );
}
