import type { CaseDetail, PartnerOrganisation } from '@samenspel/contracts';
import {
  Alert,
  Button,
  FormFieldTextbox,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../components/api.js';
import { Confirmation, useConfirmation } from '../../../components/confirmation.js';
import { isoDateOf } from '../../../components/date-field.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatDate, t } from '../../../i18n/i18n.js';
import { CaseForm } from '../case-form.js';
import { CaseTable } from '../case-table.js';
import { caseChanges, useCaseChange } from '../cases-api.js';

type Participant = CaseDetail['participants'][number];

/**
 * Removing a partner asks first, with the reason: its staff lose the case at once, its
 * attachments and any download under way included.
 */
function RemoveParticipant({
  c,
  participant,
  onCancel,
  onRemoved,
}: {
  c: CaseDetail;
  participant: Participant;
  onCancel: () => void;
  onRemoved: (message: string) => void;
}) {
  const remove = useCaseChange(c.id, caseChanges.removeParticipant);
  const [reason, setReason] = useState('');
  const name = participant.organisation.name;
  const fieldError = remove.error instanceof ApiError ? remove.error.fieldError('reason') : undefined;
  return (
    <Confirmation
      title={t('caseParticipants.removeQuestion', { name })}
      confirmLabel={t('caseParticipants.removeConfirm', { name })}
      busy={remove.isPending}
      onCancel={onCancel}
      onConfirm={() =>
        remove.mutate(
          { organisationId: participant.organisation.id, reason: reason.trim() },
          { onSuccess: () => onRemoved(t('caseParticipants.removed', { name })) },
        )
      }
    >
      <Paragraph>{t('caseParticipants.removeExplained', { name })}</Paragraph>
      {remove.isError && !fieldError ? <ProblemAlert error={remove.error} /> : null}
      <FormFieldTextbox
        id={`vertrek-${participant.organisation.id}`}
        name="reason"
        label={t('step.reason')}
        value={reason}
        onChange={(event) => {
          if (event.target instanceof HTMLInputElement) setReason(event.target.value);
        }}
        invalid={Boolean(fieldError)}
        errorMessage={fieldError}
      />
    </Confirmation>
  );
}

/** The partners taking part, also those that left; whoever manages the case brings in others or lets one go. */
export function ParticipantsSection({
  c,
  canManage,
  candidates,
}: {
  c: CaseDetail;
  canManage: boolean;
  /** The region's partners not taking part now. */
  candidates: PartnerOrganisation[];
}) {
  const add = useCaseChange(c.id, caseChanges.participant);
  const removal = useConfirmation<Participant>();
  const [notice, setNotice] = useState<string | null>(null);
  const said = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) said.current?.focus();
  }, [notice]);
  return (
    <Section id="deelnemers" title={t('cases.participants')}>
      {notice ? (
        <div ref={said} tabIndex={-1}>
          <Alert type="ok" role="status">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        </div>
      ) : null}
      <CaseTable
        label={t('caseParticipants.caption', { count: c.participants.filter((p) => !p.removedAt).length })}
        columns={[
          t('admin.organisation'),
          t('caseParticipants.since'),
          t('step.reason'),
          t('caseParticipants.status'),
          ...(canManage ? [t('caseParticipants.action')] : []),
        ]}
      >
        {c.participants.map((p) => (
          <TableRow key={`${p.organisation.id}-${p.addedAt}`}>
            <TableCell>{p.organisation.name}</TableCell>
            <TableCell>{formatDate(isoDateOf(p.addedAt))}</TableCell>
            <TableCell>{p.addedReason}</TableCell>
            <TableCell>
              {p.removedAt
                ? t('caseParticipants.left', {
                    date: formatDate(isoDateOf(p.removedAt)),
                    reason: p.removedReason ?? '',
                  })
                : t('caseParticipants.active')}
            </TableCell>
            {canManage ? (
              <TableCell>
                {p.removedAt ? null : (
                  <Button
                    appearance="subtle-button"
                    onClick={() => {
                      setNotice(null);
                      removal.ask(p);
                    }}
                  >
                    {t('caseParticipants.remove', { name: p.organisation.name })}
                  </Button>
                )}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </CaseTable>
      {removal.pending ? (
        <RemoveParticipant
          key={removal.pending.organisation.id}
          c={c}
          participant={removal.pending}
          onCancel={removal.cancel}
          onRemoved={(message) => {
            removal.done();
            setNotice(message);
          }}
        />
      ) : null}
      {canManage ? (
        <CaseForm
          id="deelnemer"
          openLabel={t('cases.addParticipant')}
          submitLabel={t('cases.add')}
          mutation={add}
          toVariables={(v) => ({ organisationId: v.text('organisationId'), reason: v.text('reason') })}
          success={(_updated, v) =>
            t('caseParticipants.added', {
              name: candidates.find((o) => o.id === v.organisationId)?.name ?? '',
            })
          }
        >
          {(field) => (
            <>
              <SelectField
                {...field('organisationId')}
                label={t('admin.organisation')}
                defaultValue=""
                placeholder={t('cases.choose')}
                options={candidates.map((o) => [o.id, o.name] as const)}
              />
              <FormFieldTextbox {...field('reason')} label={t('step.reason')} />
            </>
          )}
        </CaseForm>
      ) : null}
    </Section>
  );
}
