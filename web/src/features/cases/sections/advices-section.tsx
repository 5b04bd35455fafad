import { adviceStatuses, type CaseDetail, interventionKinds } from '@samenspel/contracts';
import { FormFieldTextarea } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { type SelectChoice, SelectField } from '../../../components/select-field.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

/** An advice as people pick it: its kind and what it says. */
export function adviceChoices(c: CaseDetail): Array<SelectChoice> {
  return c.advices.map((a) => [a.id, `${t(`kindOf.${a.kind}`)}: ${a.description}`] as const);
}

/** The intervention advices to the partners, and what became of them. */
export function AdvicesSection({
  c,
  canAdd,
  participants,
}: {
  c: CaseDetail;
  canAdd: boolean;
  participants: ReadonlyArray<SelectChoice>;
}) {
  const add = useCaseChange(c.id, caseChanges.advice);
  const status = useCaseChange(c.id, caseChanges.adviceStatus);
  return (
    <Section id="adviezen" title={t('cases.advices')}>
      <ul>
        {c.advices.map((a) => (
          <li key={a.id}>
            {t(`kindOf.${a.kind}`)} — {a.organisation.name}, {formatDate(a.givenOn)}: {a.description} (
            {t(`adviceStatus.${a.status}`)})
          </li>
        ))}
      </ul>
      {canAdd ? (
        <ChangeForm
          id="advies"
          title={t('cases.addAdvice')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => ({
            kind: v.choice('kind', interventionKinds),
            organisationId: v.text('organisationId'),
            description: v.text('description'),
            givenOn: v.text('givenOn'),
          })}
        >
          {(field) => (
            <>
              <SelectField
                {...field('kind')}
                label={t('cases.kind')}
                defaultValue=""
                options={interventionKinds.map((k) => [k, t(`kindOf.${k}`)] as const)}
              />
              <SelectField
                {...field('organisationId')}
                label={t('admin.organisation')}
                defaultValue=""
                options={participants}
              />
              <FormFieldTextarea {...field('description')} label={t('cases.description')} rows={3} />
              <DateField {...field('givenOn')} label={t('cases.givenOn')} defaultValue={isoDateFromToday()} />
            </>
          )}
        </ChangeForm>
      ) : null}
      {canAdd && c.advices.length ? (
        <ChangeForm
          id="advies-status"
          title={t('cases.adviceStatus')}
          submitLabel={t('step.save')}
          mutation={status}
          toVariables={(v) => ({ adviceId: v.text('adviceId'), status: v.choice('status', adviceStatuses) })}
        >
          {(field) => (
            <>
              <SelectField
                {...field('adviceId')}
                label={t('cases.advices')}
                defaultValue=""
                options={adviceChoices(c)}
              />
              <SelectField
                {...field('status')}
                label={t('cases.status')}
                defaultValue=""
                options={adviceStatuses.map((x) => [x, t(`adviceStatus.${x}`)] as const)}
              />
            </>
          )}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
