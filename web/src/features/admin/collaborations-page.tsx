import {
  type CollaborationDetail,
  type DisclosureRequest,
  memberRoles,
  retentionRecordKinds,
  retentionStarts,
} from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  FormFieldTextarea,
  FormFieldTextbox,
  Heading1,
  Paragraph,
  TableCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { sendJson } from '../../components/api.js';
import { ChangeForm } from '../../components/change-form.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { placesKey } from '../places/places-api.js';
import {
  collaborationsKey,
  useChangeCollaboration,
  useCollaboration,
  useCollaborations,
} from './collaborations-api.js';

/**
 * The region's collaborations (samenwerkingsverbanden): who takes part with which role, for
 * which purposes, on which legal bases, and how long records are kept. The administrator edits
 * them; the privacy officer reads them.
 */
export function CollaborationsPage() {
  const { collaborationId } = useParams();
  const me = useMe();
  const list = useCollaborations();
  const chosen = collaborationId ?? list.data?.find((c) => c.kind === 'covenant')?.id;
  const detail = useCollaboration(chosen);
  useEffect(() => {
    document.title = `${t('collaborations.title')} · ${t('app.name')}`;
  }, []);
  const manages = can(me.data, 'collaboration.manage');

  return (
    <>
      <Heading1>{t('collaborations.title')}</Heading1>
      <Paragraph>{t('collaborations.intro')}</Paragraph>
      {list.isPending || detail.isPending ? <Loading /> : null}
      {list.isError ? <ProblemAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {detail.isError ? <ProblemAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {list.data && list.data.length > 1 ? (
        <nav aria-label={t('collaborations.choose')}>
          <UnorderedList>
            {list.data.map((c) => (
              <UnorderedListItem key={c.id}>
                <RouterLink
                  to={`/beheer/samenwerkingsverbanden/${c.id}`}
                  className="utrecht-link"
                  aria-current={c.id === chosen ? 'page' : undefined}
                >
                  {c.name}
                </RouterLink>{' '}
                ({t(`collaborations.kind.${c.kind}`)}, {t('collaborations.memberCount', { count: c.members })}
                )
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </nav>
      ) : null}
      {detail.data ? <Collaboration detail={detail.data} manages={manages} /> : null}
    </>
  );
}

function Collaboration({ detail, manages }: { detail: CollaborationDetail; manages: boolean }) {
  const change = useChangeCollaboration(detail.id);
  const current = detail.members.filter((m) => !m.leftOn);
  const former = detail.members.flatMap((m) =>
    m.leftOn ? [{ name: m.organisation.name, leftOn: m.leftOn }] : [],
  );
  const roleChoices = memberRoles.map((r) => [r, t(`collaborations.role.${r}`)] as const);

  return (
    <>
      <Paragraph>
        <strong>{detail.name}</strong> · {t(`collaborations.kind.${detail.kind}`)}
      </Paragraph>
      {/* The forms show their own refusals next to their fields; this is for ending a membership. */}
      {change.isError && change.variables?.type === 'end-membership' ? (
        <ProblemAlert error={change.error} />
      ) : null}

      <Section id="leden" title={t('collaborations.members')}>
        <DataTable
          caption={t('collaborations.membersCaption', { count: current.length })}
          columns={[
            t('admin.organisation'),
            t('collaborations.roleLabel'),
            t('collaborations.since'),
            ...(manages ? [t('collaborations.actions')] : []),
          ]}
        >
          {current.map((m) => (
            <TableRow key={m.organisation.id}>
              <TableCell>{m.organisation.name}</TableCell>
              <TableCell>{t(`collaborations.role.${m.role}`)}</TableCell>
              <TableCell>{formatDate(m.joinedOn)}</TableCell>
              {manages ? (
                <TableCell>
                  <Button
                    appearance="secondary-action-button"
                    disabled={change.isPending}
                    aria-label={t('collaborations.endNamed', { name: m.organisation.name })}
                    onClick={() => {
                      if (window.confirm(t('collaborations.confirmEnd', { name: m.organisation.name })))
                        change.mutate({ type: 'end-membership', organisationId: m.organisation.id });
                    }}
                  >
                    {t('collaborations.end')}
                  </Button>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </DataTable>
        {former.length ? (
          <Paragraph>
            {t('collaborations.former')} {former.map((m) => `${m.name} (${formatDate(m.leftOn)})`).join(', ')}
          </Paragraph>
        ) : null}
        {manages ? (
          <ChangeForm
            id="lid"
            title={t('collaborations.setMember')}
            submitLabel={t('collaborations.save')}
            mutation={change}
            toVariables={(v) => ({
              type: 'member' as const,
              organisationId: v.text('organisationId'),
              role: v.choice('role', memberRoles),
            })}
          >
            {(field) => (
              <>
                <SelectField
                  {...field('organisationId')}
                  label={t('admin.organisation')}
                  defaultValue=""
                  placeholder={t('admin.chooseOrganisation')}
                  options={[
                    ...detail.candidates.map((o) => [o.id, o.name] as const),
                    ...current.map(
                      (m) =>
                        [
                          m.organisation.id,
                          `${m.organisation.name} — ${t('collaborations.changeRole')}`,
                        ] as const,
                    ),
                  ]}
                />
                <SelectField {...field('role')} label={t('collaborations.roleLabel')} options={roleChoices} />
              </>
            )}
          </ChangeForm>
        ) : null}
      </Section>

      <Section id="doelen" title={t('collaborations.purposes')}>
        <DataTable
          caption={t('collaborations.purposesCaption', { count: detail.purposes.length })}
          columns={[t('collaborations.code'), t('collaborations.description')]}
        >
          {detail.purposes.map((p) => (
            <TableRow key={p.id}>
              <TableCell>{p.code}</TableCell>
              <TableCell>{p.description}</TableCell>
            </TableRow>
          ))}
        </DataTable>
        {manages ? (
          <ChangeForm
            id="doel"
            title={t('collaborations.addPurpose')}
            submitLabel={t('collaborations.add')}
            mutation={change}
            toVariables={(v) => ({
              type: 'purpose' as const,
              code: v.text('code'),
              description: v.text('description'),
            })}
          >
            {(field) => (
              <>
                <FormFieldTextbox
                  {...field('code')}
                  label={t('collaborations.code')}
                  description={t('collaborations.codeHelp')}
                />
                <FormFieldTextarea
                  {...field('description')}
                  label={t('collaborations.description')}
                  rows={3}
                />
              </>
            )}
          </ChangeForm>
        ) : null}
      </Section>

      <Section id="grondslagen" title={t('collaborations.legalBases')}>
        <DataTable
          caption={t('collaborations.legalBasesCaption', { count: detail.legalBases.length })}
          columns={[t('collaborations.code'), t('collaborations.name')]}
        >
          {detail.legalBases.map((b) => (
            <TableRow key={b.id}>
              <TableCell>{b.code}</TableCell>
              <TableCell>{b.name}</TableCell>
            </TableRow>
          ))}
        </DataTable>
        {manages ? (
          <ChangeForm
            id="grondslag"
            title={t('collaborations.addLegalBasis')}
            submitLabel={t('collaborations.add')}
            mutation={change}
            toVariables={(v) => ({
              type: 'legal-basis' as const,
              code: v.text('code'),
              name: v.text('name'),
            })}
          >
            {(field) => (
              <>
                <FormFieldTextbox
                  {...field('code')}
                  label={t('collaborations.code')}
                  description={t('collaborations.codeHelp')}
                />
                <FormFieldTextbox {...field('name')} label={t('collaborations.name')} />
              </>
            )}
          </ChangeForm>
        ) : null}
      </Section>

      <Section id="bewaartermijnen" title={t('collaborations.retention')}>
        <Paragraph>{t('collaborations.retentionIntro')}</Paragraph>
        <DataTable
          caption={t('collaborations.retentionCaption', { count: detail.retentionTerms.length })}
          columns={[t('collaborations.recordKind'), t('collaborations.runsFrom'), t('collaborations.months')]}
        >
          {detail.retentionTerms.map((r) => (
            <TableRow key={r.recordKind}>
              <TableCell>{t(`collaborations.record.${r.recordKind}`)}</TableCell>
              <TableCell>{t(`collaborations.start.${r.runsFrom}`)}</TableCell>
              <TableCell>{t('collaborations.monthCount', { count: r.months })}</TableCell>
            </TableRow>
          ))}
        </DataTable>
        {manages ? (
          <ChangeForm
            id="bewaartermijn"
            title={t('collaborations.setRetention')}
            submitLabel={t('collaborations.save')}
            mutation={change}
            toVariables={(v) => ({
              type: 'retention' as const,
              recordKind: v.choice('recordKind', retentionRecordKinds),
              runsFrom: v.choice('runsFrom', retentionStarts),
              months: v.text('months') === '' ? Number.NaN : Number(v.text('months')),
            })}
          >
            {(field) => (
              <>
                <SelectField
                  {...field('recordKind')}
                  label={t('collaborations.recordKind')}
                  options={retentionRecordKinds.map((k) => [k, t(`collaborations.record.${k}`)] as const)}
                />
                <SelectField
                  {...field('runsFrom')}
                  label={t('collaborations.runsFrom')}
                  options={retentionStarts.map((s) => [s, t(`collaborations.start.${s}`)] as const)}
                />
                <FormFieldTextbox
                  {...field('months')}
                  label={t('collaborations.months')}
                  inputMode="numeric"
                />
              </>
            )}
          </ChangeForm>
        ) : null}
      </Section>

      <Disclosure detail={detail} manages={manages} />
    </>
  );
}

/**
 * The disclosure gate's smallest group (k) of the collaboration: cells of a map and rows of an
 * overview with fewer records are not shown to readers who see aggregates only. The server
 * refuses fewer than five.
 */
function Disclosure({ detail, manages }: { detail: CollaborationDetail; manages: boolean }) {
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body: DisclosureRequest) =>
      sendJson<CollaborationDetail, DisclosureRequest>(
        'PUT',
        `/api/v1/collaborations/${detail.id}/disclosure`,
        body,
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData([...collaborationsKey, detail.id], saved);
      // A project's figures and maps take this k: they are read again.
      void queryClient.invalidateQueries({ queryKey: placesKey });
    },
  });
  return (
    <Section id="kaarten-en-cijfers" title={t('collaborations.disclosure')}>
      <Paragraph>{t('collaborations.disclosureIntro')}</Paragraph>
      <Paragraph>{t('collaborations.disclosureCurrent', { minimum: detail.disclosureMinimum })}</Paragraph>
      {manages ? (
        // Drawn anew with the saved number, so that the field shows it.
        <ChangeForm
          key={detail.disclosureMinimum}
          id="kleinste-aantal"
          title={t('collaborations.setDisclosure')}
          submitLabel={t('collaborations.save')}
          mutation={save}
          problemAt="minimum"
          toVariables={(v) => ({
            minimum: v.text('minimum') === '' ? Number.NaN : Number(v.text('minimum')),
          })}
        >
          {(field) => (
            <FormFieldTextbox
              {...field('minimum')}
              label={t('collaborations.disclosureMinimum')}
              description={t('collaborations.disclosureHelp')}
              inputMode="numeric"
              defaultValue={String(detail.disclosureMinimum)}
            />
          )}
        </ChangeForm>
      ) : null}
    </Section>
  );
}
