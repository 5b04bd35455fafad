import type { CaseDetail } from '@samenspel/contracts';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormFieldTextarea,
  Paragraph,
} from '@utrecht/component-library-react';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

/** What worked, what did not and the lessons, or why the evaluation was waived. */
export function EvaluationSection({ c, canEvaluate }: { c: CaseDetail; canEvaluate: boolean }) {
  const evaluate = useCaseChange(c.id, caseChanges.evaluation);
  return (
    <Section id="evaluatie" title={t('cases.evaluation')}>
      {c.evaluation ? (
        <DataList>
          {c.evaluation.waivedReason ? (
            <DataListItem>
              <DataListKey>{t('cases.waived')}</DataListKey>
              <DataListValue>{c.evaluation.waivedReason}</DataListValue>
            </DataListItem>
          ) : (
            <>
              <DataListItem>
                <DataListKey>{t('cases.whatWorked')}</DataListKey>
                <DataListValue>{c.evaluation.whatWorked}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('cases.whatDidNot')}</DataListKey>
                <DataListValue>{c.evaluation.whatDidNot}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('cases.lessons')}</DataListKey>
                <DataListValue>{c.evaluation.lessons}</DataListValue>
              </DataListItem>
            </>
          )}
        </DataList>
      ) : (
        <Paragraph>{t('cases.notEvaluated')}</Paragraph>
      )}
      {canEvaluate ? (
        <CaseForm
          id="evalueren"
          openLabel={c.evaluation ? t('caseEvaluation.change') : t('cases.evaluate')}
          submitLabel={t('step.save')}
          success={() => t('caseEvaluation.saved')}
          mutation={evaluate}
          toVariables={(v) => ({
            whatWorked: v.text('whatWorked'),
            whatDidNot: v.text('whatDidNot'),
            lessons: v.text('lessons'),
            happenedOn: v.optional('happenedOn'),
          })}
        >
          {(field) => (
            <>
              <FormFieldTextarea
                {...field('whatWorked')}
                label={t('cases.whatWorked')}
                rows={3}
                defaultValue={c.evaluation?.whatWorked ?? ''}
              />
              <FormFieldTextarea
                {...field('whatDidNot')}
                label={t('cases.whatDidNot')}
                rows={3}
                defaultValue={c.evaluation?.whatDidNot ?? ''}
              />
              <FormFieldTextarea
                {...field('lessons')}
                label={t('cases.lessons')}
                rows={3}
                defaultValue={c.evaluation?.lessons ?? ''}
              />
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
