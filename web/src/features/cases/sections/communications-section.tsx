import type { CaseDetail } from '@samenspel/contracts';
import { FormFieldTextarea, FormFieldTextbox, Paragraph } from '@utrecht/component-library-react';
import { DateField, isoDateFromToday } from '../../../components/date-field.js';
import { Section } from '../../../components/section.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

/** How the case was communicated: letters to residents, press, talks. */
export function CommunicationsSection({ c, canAdd }: { c: CaseDetail; canAdd: boolean }) {
  const add = useCaseChange(c.id, caseChanges.communication);
  return (
    <Section id="communicatie" title={t('cases.communications')}>
      {c.communications.length ? null : <Paragraph>{t('caseCommunications.none')}</Paragraph>}
      <ul>
        {c.communications.map((x) => (
          <li key={x.id}>
            {formatDate(x.onDate)} — {x.channel}: {x.description}
          </li>
        ))}
      </ul>
      {canAdd ? (
        <CaseForm
          id="communicatie-actie"
          openLabel={t('cases.addCommunication')}
          submitLabel={t('cases.add')}
          mutation={add}
          success={() => t('caseCommunications.added')}
          toVariables={(v) => ({
            channel: v.text('channel'),
            description: v.text('description'),
            onDate: v.text('onDate'),
          })}
        >
          {(field) => (
            <>
              <FormFieldTextbox {...field('channel')} label={t('cases.channel')} />
              <FormFieldTextarea {...field('description')} label={t('cases.description')} rows={3} />
              <DateField {...field('onDate')} label={t('meetings.date')} defaultValue={isoDateFromToday()} />
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
