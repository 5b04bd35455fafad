import { type CaseDetail, classifications } from '@samenspel/contracts';
import { FormFieldTextarea, FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { type CaseConfiguration, caseChanges, useCaseChange } from '../cases-api.js';

/** Information the partners provide to the case, each under a legal basis. */
export function ProvisionsSection({
  c,
  canAdd,
  legalBases,
}: {
  c: CaseDetail;
  canAdd: boolean;
  legalBases: CaseConfiguration['legalBases'];
}) {
  const add = useCaseChange(c.id, caseChanges.provision);
  return (
    <Section id="verstrekkingen" title={t('cases.provisions')}>
      {c.provisions.length ? null : <Paragraph>{t('caseProvisions.none')}</Paragraph>}
      <ul className="samenspel-case-list">
        {c.provisions.map((p) => (
          <li key={p.id}>
            <strong>{p.title}</strong> — {p.organisation.name}, {formatDate(p.providedOn)},{' '}
            {p.legalBasis.name} ({p.classification})
            <br />
            {p.body}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <CaseForm
          id="verstrekking"
          openLabel={t('cases.addProvision')}
          submitLabel={t('cases.add')}
          mutation={add}
          success={(_updated, v) =>
            t('caseProvisions.added', {
              basis: legalBases.find((b) => b.id === v.legalBasisId)?.name ?? '',
            })
          }
          toVariables={(v) => ({
            title: v.text('title'),
            body: v.text('body'),
            // Left empty, the server answers that a legal basis must be chosen.
            legalBasisId: v.text('legalBasisId'),
            classification: v.choice('classification', classifications),
            providedOn: v.text('providedOn'),
          })}
        >
          {(field) => (
            <>
              <FormFieldTextbox {...field('title')} label={t('cases.provisionTitle')} />
              <FormFieldTextarea {...field('body')} label={t('cases.provisionBody')} rows={3} />
              <SelectField
                {...field('legalBasisId')}
                label={t('cases.legalBasis')}
                defaultValue=""
                placeholder="—"
                options={legalBases.map((b) => [b.id, b.name] as const)}
              />
              <SelectField
                {...field('classification')}
                label={t('cases.classification')}
                defaultValue=""
                options={classifications.map((k) => [k, k] as const)}
              />
              <DateField
                {...field('providedOn')}
                label={t('cases.providedOn')}
                defaultValue={isoDateFromToday()}
              />
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
