import { type CaseDetail, subjectRoles } from '@samenspel/contracts';
import { FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { t } from '../../../i18n/i18n.js';
import { KnownElsewhere } from '../../subjects/case-network.js';
import { CaseForm } from '../case-form.js';
import { type CaseSubjectBody, caseChanges, useCaseChange } from '../cases-api.js';

/** A subject taken over from one of the case's signals, or else a company by its name. */
function subjectBody(role: CaseSubjectBody['role'], signalSubjectId?: string, companyName?: string) {
  const body: CaseSubjectBody = { role };
  if (signalSubjectId) body.signalSubjectId = signalSubjectId;
  else if (companyName) body.subject = { kind: 'company', name: companyName };
  return body;
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
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
