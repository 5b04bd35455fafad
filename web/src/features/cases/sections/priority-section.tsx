import type { CaseDetail } from '@samenspel/contracts';
import { FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

const priorities = ['1', '2', '3'] as const;

function currentQuarter(): string {
  const now = new Date();
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

/** The DTO's priority for the quarter, and waiving the evaluation of a case. */
export function PrioritySection({ c }: { c: CaseDetail }) {
  const prioritise = useCaseChange(c.id, caseChanges.priority);
  const waive = useCaseChange(c.id, caseChanges.evaluation);
  return (
    <Section id="prioriteit" title={t('cases.priority')}>
      <Paragraph>
        {c.priority ? t('cases.priorityNow', { priority: c.priority }) : t('cases.noPriority')}
      </Paragraph>
      <CaseForm
        id="prioriteit-zetten"
        openLabel={t('cases.setPriority')}
        submitLabel={t('step.save')}
        mutation={prioritise}
        toVariables={(v) => ({
          quarter: v.text('quarter'),
          priority: Number(v.choice('priority', priorities)),
        })}
        success={(_updated, v) => t('casePriority.set', { priority: v.priority, quarter: v.quarter })}
      >
        {(field) => (
          <>
            <FormFieldTextbox
              {...field('quarter')}
              label={t('cases.quarter')}
              defaultValue={currentQuarter()}
            />
            <SelectField
              {...field('priority')}
              label={t('cases.priority')}
              defaultValue=""
              placeholder={t('cases.choose')}
              options={priorities.map((p) => [p, p] as const)}
            />
          </>
        )}
      </CaseForm>
      {c.phase === 'evaluation' && !c.evaluation ? (
        <CaseForm
          id="evaluatie-overslaan"
          openLabel={t('cases.waive')}
          submitLabel={t('step.save')}
          mutation={waive}
          toVariables={(v) => ({
            waivedReason: v.text('waivedReason'),
            happenedOn: v.optional('happenedOn'),
          })}
          success={() => t('caseEvaluation.waivedNotice')}
        >
          {(field) => (
            <>
              <FormFieldTextbox {...field('waivedReason')} label={t('step.reason')} />
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
