import type { CaseDetail } from '@samenspel/contracts';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormFieldTextarea,
} from '@utrecht/component-library-react';
import { Section } from '../../../components/section.js';
import { t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { nextActionText } from '../case-format.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

/** Goal and strategy: what the case is for and how; recorded (and changed) in the start phase. */
export function GoalSection({ c, canEdit }: { c: CaseDetail; canEdit: boolean }) {
  const change = useCaseChange(c.id, caseChanges.goal);
  const recorded = Boolean(c.goal && c.strategy);
  return (
    <Section id="doel" title={t('cases.goalAndStrategy')}>
      <DataList>
        <DataListItem>
          <DataListKey>{t('cases.goal')}</DataListKey>
          <DataListValue>{c.goal ?? t('caseGoal.none')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.strategy')}</DataListKey>
          <DataListValue>{c.strategy ?? t('caseGoal.none')}</DataListValue>
        </DataListItem>
      </DataList>
      {canEdit ? (
        <CaseForm
          id="doel-strategie"
          openLabel={recorded ? t('caseGoal.change') : t('caseGoal.record')}
          submitLabel={t('step.save')}
          mutation={change}
          toVariables={(v) => ({ goal: v.text('goal'), strategy: v.text('strategy') })}
          success={(updated) =>
            t('caseGoal.saved', { next: updated.nextAction ? nextActionText(updated.nextAction) : '' })
          }
        >
          {(field) => (
            <>
              <FormFieldTextarea
                {...field('goal')}
                label={t('cases.goal')}
                rows={3}
                defaultValue={c.goal ?? ''}
              />
              <FormFieldTextarea
                {...field('strategy')}
                label={t('cases.strategy')}
                rows={3}
                defaultValue={c.strategy ?? ''}
              />
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
