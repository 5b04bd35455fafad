import { FormField, FormFieldErrorMessage, FormLabel } from '@utrecht/component-library-react';
import { ChangeForm } from '../../../components/change-form.js';
import { Loading } from '../../../components/loading.js';
import { Section } from '../../../components/section.js';
import { formatDateTime, formatNumber, t } from '../../../i18n/i18n.js';
import { useAttachments, useAttachmentUpload } from '../cases-api.js';

/** Attachments: encrypted at rest on the server; uploaded as a stream, downloaded as a link. */
export function AttachmentsSection({ caseId, canUpload }: { caseId: string; canUpload: boolean }) {
  const list = useAttachments(caseId);
  const upload = useAttachmentUpload(caseId);
  return (
    <Section id="bijlagen" title={t('cases.attachments')}>
      {list.isPending ? <Loading /> : null}
      <ul>
        {(list.data ?? []).map((a) => (
          <li key={a.id}>
            <a className="utrecht-link" href={`/api/v1/cases/${caseId}/attachments/${a.id}`} download>
              {a.fileName}
            </a>{' '}
            ({formatNumber(Math.ceil(a.sizeBytes / 1024))} kB, {a.organisation.name},{' '}
            {formatDateTime(a.uploadedAt)})
          </li>
        ))}
      </ul>
      {canUpload ? (
        <ChangeForm
          id="bijlage"
          title={t('cases.addAttachment')}
          submitLabel={t('cases.upload')}
          mutation={upload}
          toVariables={(v) => v.data}
          problemAt="file"
          busyLabel={t('cases.uploading')}
        >
          {(field) => {
            const { id, name, invalid, errorMessage } = field('file');
            return (
              <FormField invalid={invalid} label={<FormLabel htmlFor={id}>{t('cases.file')}</FormLabel>}>
                {errorMessage ? <FormFieldErrorMessage>{errorMessage}</FormFieldErrorMessage> : null}
                <input
                  id={id}
                  name={name}
                  type="file"
                  accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt"
                  required
                />
              </FormField>
            );
          }}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
