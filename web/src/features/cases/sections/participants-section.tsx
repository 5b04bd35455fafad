import type { CaseDetail, PartnerOrganisation } from '@samenspel/contracts';
import { FormFieldTextbox } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatDateTime, t } from '../../../i18n/i18n.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

/** The partners taking part, also those that left; whoever manages the case brings in others. */
export function ParticipantsSection({
  c,
  canAdd,
  candidates,
}: {
  c: CaseDetail;
  canAdd: boolean;
  /** The region's partners not taking part now. */
  candidates: PartnerOrganisation[];
}) {
  const add = useCaseChange(c.id, caseChanges.participant);
  return (
    <Section id="deelnemers" title={t('cases.participants')}>
      <ul>
        {c.participants.map((p) => (
          <li key={`${p.organisation.id}-${p.addedAt}`}>
            {p.organisation.name} — {p.addedReason}
            {p.removedAt
              ? ` (${t('cases.removed', { date: formatDateTime(p.removedAt), reason: p.removedReason ?? '' })})`
              : ''}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <ChangeForm
          id="deelnemer"
          title={t('cases.addParticipant')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => ({ organisationId: v.text('organisationId'), reason: v.text('reason') })}
        >
          {(field) => (
            <>
              <SelectField
                {...field('organisationId')}
                label={t('admin.organisation')}
                defaultValue=""
                options={candidates.map((o) => [o.id, o.name] as const)}
              />
              <FormFieldTextbox {...field('reason')} label={t('step.reason')} />
            </>
          )}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
