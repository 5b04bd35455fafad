import { attachmentDocumentTypes, type CaseDetail, classifications } from '@samenspel/contracts';
import {
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormFieldTextbox,
  FormLabel,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import type { ChangeFormField } from '../../../components/change-form.js';
import { Loading } from '../../../components/loading.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatNumber, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { formatMoment } from '../case-format.js';
import { CaseTable } from '../case-table.js';
import { useAttachments, useAttachmentUpload } from '../cases-api.js';

/** The description of a document, then the file; its title follows the file's name until typed. */
function AttachmentFields({ field }: { field: (name: string) => ChangeFormField }) {
  const [title, setTitle] = useState('');
  const [typed, setTyped] = useState(false);
  const file = field('file');
  return (
    <>
      <FormFieldTextbox
        {...field('title')}
        label={t('caseAttachments.title')}
        value={title}
        onChange={(event) => {
          // FormFieldTextbox hands its onChange to the input, so the target is the input.
          if (!(event.target instanceof HTMLInputElement)) return;
          setTitle(event.target.value);
          setTyped(true);
        }}
      />
      <SelectField
        {...field('documentType')}
        label={t('caseAttachments.type')}
        defaultValue=""
        placeholder={t('cases.choose')}
        options={attachmentDocumentTypes.map((d) => [d, t(`documentType.${d}`)] as const)}
      />
      <SelectField
        {...field('classification')}
        label={t('cases.classification')}
        hint={t('caseAttachments.classificationHint')}
        defaultValue=""
        placeholder={t('cases.choose')}
        options={classifications.map((k) => [k, t(`classification.${k}`)] as const)}
      />
      <FormField invalid={file.invalid} label={<FormLabel htmlFor={file.id}>{t('cases.file')}</FormLabel>}>
        <FormFieldDescription id={`${file.id}-hulp`}>{t('caseAttachments.fileHint')}</FormFieldDescription>
        {file.errorMessage ? (
          <FormFieldErrorMessage id={`${file.id}-fout`}>{file.errorMessage}</FormFieldErrorMessage>
        ) : null}
        <input
          id={file.id}
          name={file.name}
          type="file"
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt"
          aria-describedby={[`${file.id}-hulp`, file.errorMessage ? `${file.id}-fout` : null]
            .filter(Boolean)
            .join(' ')}
          onChange={(event) => {
            const name = event.currentTarget.files?.[0]?.name;
            if (name && (!typed || !title)) setTitle(name.replace(/\.[^.]+$/, ''));
          }}
        />
      </FormField>
    </>
  );
}

/** Documents of the case: encrypted at rest on the server; uploaded as a stream, downloaded as a link. */
export function AttachmentsSection({ c, canUpload }: { c: CaseDetail; canUpload: boolean }) {
  const list = useAttachments(c.id);
  const upload = useAttachmentUpload(c.id);
  return (
    <Section id="documenten" title={t('caseTab.documenten')}>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <Paragraph>{t('caseAttachments.none')}</Paragraph> : null}
      {list.data?.length ? (
        <CaseTable
          label={t('caseAttachments.caption', { count: list.data.length })}
          columns={[
            t('caseAttachments.title'),
            t('caseAttachments.type'),
            t('cases.classification'),
            t('caseAttachments.file'),
            t('caseAttachments.by'),
            t('caseAttachments.at'),
          ]}
        >
          {list.data.map((a) => (
            <TableRow key={a.id}>
              <TableCell>
                <a className="utrecht-link" href={`/api/v1/cases/${c.id}/attachments/${a.id}`} download>
                  {a.title}
                </a>
              </TableCell>
              <TableCell>{t(`documentType.${a.documentType}`)}</TableCell>
              <TableCell>{t(`classification.${a.classification}`)}</TableCell>
              <TableCell>
                {a.fileName} ({formatNumber(Math.ceil(a.sizeBytes / 1024))} kB)
              </TableCell>
              <TableCell>{a.organisation.name}</TableCell>
              <TableCell>{formatMoment(a.uploadedAt)}</TableCell>
            </TableRow>
          ))}
        </CaseTable>
      ) : null}
      {canUpload ? (
        <CaseForm
          id="bijlage"
          openLabel={t('caseAttachments.add')}
          submitLabel={t('cases.upload')}
          mutation={upload}
          toVariables={(v) => v.data}
          busyLabel={t('cases.uploading')}
          success={(stored) => t('caseAttachments.stored', { title: stored.title })}
        >
          {(field) => <AttachmentFields field={field} />}
        </CaseForm>
      ) : null}
    </Section>
  );
}
