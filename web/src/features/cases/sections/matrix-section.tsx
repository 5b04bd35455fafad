import type { CaseDetail } from '@samenspel/contracts';
import { FormFieldTextbox } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
import { Section } from '../../../components/section.js';
import { type SelectChoice, SelectField } from '../../../components/select-field.js';
import { t } from '../../../i18n/i18n.js';
import { type CaseConfiguration, caseChanges, useCaseChange } from '../cases-api.js';

/** The barriers and chances, the interventions against them, and which are in the strategy. */
export function MatrixSection({
  c,
  canAdd,
  interventions,
  participants,
}: {
  c: CaseDetail;
  canAdd: boolean;
  interventions: CaseConfiguration['interventions'];
  participants: ReadonlyArray<SelectChoice>;
}) {
  const add = useCaseChange(c.id, caseChanges.matrixRow);
  return (
    <Section id="matrix" title={t('cases.matrix')}>
      <ul>
        {c.matrix.map((m) => (
          <li key={m.id}>
            {m.barrier}: {m.intervention.name} ({m.organisation.name})
            {m.chosen ? ` — ${t('cases.chosen')}` : ''}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <ChangeForm
          id="matrix-regel"
          title={t('cases.addMatrix')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => ({
            barrier: v.text('barrier'),
            catalogueId: v.text('catalogueId'),
            organisationId: v.text('organisationId'),
            chosen: v.text('chosen') === 'true',
          })}
        >
          {(field) => (
            <>
              <FormFieldTextbox {...field('barrier')} label={t('cases.barrier')} />
              <SelectField
                {...field('catalogueId')}
                label={t('cases.intervention')}
                defaultValue=""
                options={interventions.map((i) => [i.id, `${t(`kindOf.${i.kind}`)}: ${i.name}`] as const)}
              />
              <SelectField
                {...field('organisationId')}
                label={t('admin.organisation')}
                defaultValue=""
                options={participants}
              />
              <SelectField
                {...field('chosen')}
                label={t('cases.inStrategy')}
                defaultValue=""
                options={[
                  ['false', t('cases.no')],
                  ['true', t('cases.yes')],
                ]}
              />
            </>
          )}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
