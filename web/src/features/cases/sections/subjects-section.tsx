import { type CaseDetail, subjectRoles } from '@samenspel/contracts';
import { Fieldset, FieldsetLegend, FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { DateField } from '../../../components/date-field.js';
import type { FormValues } from '../../../components/form-values.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { t } from '../../../i18n/i18n.js';
import { KnownElsewhere } from '../../subjects/case-network.js';
import {
  formatPersonAddress,
  PersonAddressFields,
  personAddressPayload,
} from '../../subjects/person-address-fields.js';
import { CaseForm } from '../case-form.js';
import { type CaseSubjectBody, caseChanges, useCaseChange } from '../cases-api.js';

/** A subject taken over from one of the case's signals, or else a company by its name, or a person. */
function subjectBody(
  role: CaseSubjectBody['role'],
  signalSubjectId?: string,
  companyName?: string,
  person?: CaseSubjectBody['subject'],
) {
  const body: CaseSubjectBody = { role };
  if (signalSubjectId) body.signalSubjectId = signalSubjectId;
  else if (companyName) body.subject = { kind: 'company', name: companyName };
  else if (person) body.subject = person;
  return body;
}

/** The person part of the form, when any of it was filled in. */
function personOf(v: FormValues): CaseSubjectBody['subject'] {
  const address = personAddressPayload((name) => v.optional(`subject.address.${name}`));
  const firstNames = v.optional('subject.firstNames');
  const surname = v.optional('subject.surname');
  const dateOfBirth = v.optional('subject.dateOfBirth');
  if (!firstNames && !surname && !dateOfBirth && !address) return undefined;
  // As typed: the server names whatever is missing or wrong, next to its field.
  return { kind: 'person', firstNames, surname, dateOfBirth, address } as CaseSubjectBody['subject'];
}

/** The case's subjects, and whether they are known elsewhere. */
export function SubjectsSection({
  c,
  canAdd,
  analyst,
}: {
  c: CaseDetail;
  canAdd: boolean;
  analyst: boolean;
}) {
  const add = useCaseChange(c.id, caseChanges.subject);
  return (
    <Section id="betrokkenen" title={t('signal.subjects')}>
      {c.subjects.length ? null : <Paragraph>{t('caseSubjects.none')}</Paragraph>}
      <ul>
        {c.subjects.map((s) => (
          <li key={s.id}>
            {t(`subjectRole.${s.role}`)}: {s.label}
            {s.data.kind === 'person' && s.data.address ? ` — ${formatPersonAddress(s.data.address)}` : ''}
            <KnownElsewhere s={s} analyst={analyst} />
          </li>
        ))}
      </ul>
      {canAdd ? (
        <CaseForm
          id="betrokkene"
          openLabel={t('cases.addSubject')}
          submitLabel={t('cases.add')}
          mutation={add}
          success={(updated, v) =>
            t('caseSubjects.added', {
              label: updated.subjects.at(-1)?.label ?? '',
              role: t(`subjectRole.${v.role}`),
            })
          }
          toVariables={(v) =>
            subjectBody(
              v.choice('role', subjectRoles),
              v.optional('signalSubjectId'),
              v.optional('companyName'),
              personOf(v),
            )
          }
        >
          {(field) => (
            <>
              <SelectField
                {...field('role')}
                label={t('cases.role')}
                defaultValue=""
                options={subjectRoles.map((r) => [r, t(`subjectRole.${r}`)] as const)}
              />
              <SelectField
                {...field('signalSubjectId')}
                label={t('cases.fromSignal')}
                defaultValue=""
                placeholder="—"
                options={c.signalSubjects.map((x) => [x.id, x.label] as const)}
              />
              <FormFieldTextbox {...field('companyName')} label={t('cases.orCompany')} />
              <Fieldset>
                <FieldsetLegend>{t('cases.orPerson')}</FieldsetLegend>
                <FormFieldTextbox {...field('subject.firstNames')} label={t('intake.firstNames')} />
                <FormFieldTextbox {...field('subject.surname')} label={t('intake.surname')} />
                <DateField {...field('subject.dateOfBirth')} label={t('intake.dateOfBirth')} />
                <PersonAddressFields prefix="subject.address" field={field} />
              </Fieldset>
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
