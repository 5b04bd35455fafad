import { type CaseDetail, interventionKinds } from '@samenspel/contracts';
import { FormFieldTextarea, FormFieldTextbox } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { caseChanges, useCaseChange } from '../cases-api.js';
import { adviceChoices } from './advices-section.js';

/** The interventions the partners carried out, on an advice or of their own. */
export function InterventionsSection({ c, canAdd }: { c: CaseDetail; canAdd: boolean }) {
  const add = useCaseChange(c.id, caseChanges.intervention);
  return (
    <Section id="interventies" title={t('cases.interventions')}>
      <ul>
        {c.interventions.map((i) => (
          <li key={i.id}>
            {t(`kindOf.${i.kind}`)} — {i.organisation.name}, {formatDate(i.carriedOutOn)}: {i.description}
            {i.outcome ? ` (${i.outcome})` : ''}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <ChangeForm
          id="interventie"
          title={t('cases.addIntervention')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => ({
            adviceId: v.optional('adviceId'),
            kind: v.choice('kind', interventionKinds),
            description: v.text('description'),
            outcome: v.optional('outcome'),
            carriedOutOn: v.text('carriedOutOn'),
          })}
        >
          {(field) => (
            <>
              <SelectField
                {...field('adviceId')}
                label={t('cases.onAdvice')}
                defaultValue=""
                placeholder="—"
                options={adviceChoices(c)}
              />
              <SelectField
                {...field('kind')}
                label={t('cases.kind')}
                defaultValue=""
                options={interventionKinds.map((k) => [k, t(`kindOf.${k}`)] as const)}
              />
              <FormFieldTextarea {...field('description')} label={t('cases.description')} rows={3} />
              <FormFieldTextbox {...field('outcome')} label={t('cases.outcome')} />
              <DateField
                {...field('carriedOutOn')}
                label={t('cases.carriedOutOn')}
                defaultValue={isoDateFromToday()}
              />
            </>
          )}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
