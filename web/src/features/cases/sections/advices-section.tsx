import { adviceStatuses, type CaseDetail, interventionKinds } from '@samenspel/contracts';
import { FormFieldTextarea, Paragraph, TableCell, TableRow } from '@utrecht/component-library-react';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { type SelectChoice, SelectField } from '../../../components/select-field.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { CaseTable } from '../case-table.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

/** An advice as people pick it: its kind, partner and what it says. */
export function adviceChoices(c: CaseDetail): Array<SelectChoice> {
  return c.advices.map(
    (a) => [a.id, `${t(`kindOf.${a.kind}`)}: ${a.description} (${a.organisation.name})`] as const,
  );
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
  const partnerName = (id: string) => participants.find(([value]) => value === id)?.[1] ?? '';
  return (
    <Section id="adviezen" title={t('cases.advices')}>
      {c.advices.length ? (
        <CaseTable
          label={t('caseAdvices.caption', { count: c.advices.length })}
          columns={[
            t('cases.kind'),
            t('caseMatrix.partner'),
            t('cases.givenOn'),
            t('cases.description'),
            t('cases.status'),
          ]}
        >
          {c.advices.map((a) => (
            <TableRow key={a.id}>
              <TableCell>{t(`kindOf.${a.kind}`)}</TableCell>
              <TableCell>{a.organisation.name}</TableCell>
              <TableCell>{formatDate(a.givenOn)}</TableCell>
              <TableCell>{a.description}</TableCell>
              <TableCell>{t(`adviceStatus.${a.status}`)}</TableCell>
            </TableRow>
          ))}
        </CaseTable>
      ) : (
        <Paragraph>{t('caseAdvices.none')}</Paragraph>
      )}
      {canAdd ? (
        <CaseForm
          id="advies"
          openLabel={t('cases.addAdvice')}
          submitLabel={t('caseAdvices.give')}
          mutation={add}
          toVariables={(v) => ({
            kind: v.choice('kind', interventionKinds),
            organisationId: v.text('organisationId'),
            description: v.text('description'),
            givenOn: v.text('givenOn'),
          })}
          success={(_updated, v) => t('caseAdvices.given', { name: partnerName(v.organisationId) })}
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
                label={t('caseMatrix.partner')}
                defaultValue=""
                placeholder={t('cases.choose')}
                options={participants}
              />
              <FormFieldTextarea {...field('description')} label={t('cases.description')} rows={3} />
              <DateField
                {...field('givenOn')}
                label={t('cases.givenOn')}
                defaultValue={isoDateFromToday()}
                max={isoDateFromToday()}
              />
            </>
          )}
        </CaseForm>
      ) : null}
      {canAdd && c.advices.length ? (
        <CaseForm
          id="advies-status"
          openLabel={t('caseAdvices.changeStatus')}
          submitLabel={t('step.save')}
          mutation={status}
          toVariables={(v) => ({ adviceId: v.text('adviceId'), status: v.choice('status', adviceStatuses) })}
          success={(_updated, v) => t('caseAdvices.statusSet', { status: t(`adviceStatus.${v.status}`) })}
        >
          {(field) => (
            <>
              <SelectField
                {...field('adviceId')}
                label={t('caseAdvices.advice')}
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
        </CaseForm>
      ) : null}
    </Section>
  );
}
