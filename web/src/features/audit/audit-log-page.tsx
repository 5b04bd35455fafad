import type { AuditEntry } from '@samenspel/contracts';
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  Code,
  Fieldset,
  FieldsetLegend,
  FormFieldTextbox,
  Heading1,
  Paragraph,
  StatusBadge,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { DateField } from '../../components/date-field.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDateTime, type MessageKey, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { usePartnerOrganisations } from '../reference/reference-api.js';
import {
  type AuditFilter,
  filterParams,
  findSubjectPseudonyms,
  type SubjectPseudonymBody,
  useAuditEntries,
  useProcessingActivities,
} from './audit-api.js';

function filterFrom(params: URLSearchParams): AuditFilter {
  const get = (key: string) => params.get(key) ?? undefined;
  const subject = params.getAll('subject');
  return {
    userId: get('userId'),
    organisationId: get('organisationId'),
    activity: get('activity'),
    from: get('from'),
    to: get('to'),
    subject: subject.length > 0 ? subject : undefined,
  };
}

/** The privacy officer's view of the processing log: filter, read, export. */
export function AuditLogPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFrom(params), [params]);
  const entries = useAuditEntries(filter);
  const activities = useProcessingActivities();
  const organisations = usePartnerOrganisations(me.data?.region.id);
  const [subjectError, setSubjectError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  // How many register persons a name with a date of birth found (never who): shown, not kept in the address.
  const [registerPersons, setRegisterPersons] = useState<number | null>(null);

  useEffect(() => {
    document.title = `${t('audit.title')} · ${t('app.name')}`;
  }, []);

  function apply(next: AuditFilter) {
    setParams(filterParams(next));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => String(form.get(key) ?? '').trim() || undefined;
    const identifiers: SubjectPseudonymBody = {
      email: value('email'),
      bsn: value('bsn'),
      kvkNumber: value('kvkNumber'),
      surname: value('surname'),
      firstNames: value('firstNames'),
      dateOfBirth: value('dateOfBirth'),
      companyName: value('companyName'),
    };
    let subject = filter.subject;
    setSubjectError(null);
    if (Object.values(identifiers).some(Boolean)) {
      setSearching(true);
      try {
        const found = await findSubjectPseudonyms(identifiers);
        subject = found.pseudonyms;
        setRegisterPersons(identifiers.surname && identifiers.dateOfBirth ? found.registerPersons : null);
      } catch (error) {
        setSubjectError(
          error instanceof ApiError
            ? (error.problem.invalidParams?.map((p) => p.reason).join(' ') ?? error.message)
            : t('signIn.offline'),
        );
        return;
      } finally {
        setSearching(false);
      }
    }
    apply({
      userId: filter.userId,
      organisationId: value('organisationId'),
      activity: value('activity'),
      from: value('from'),
      to: value('to'),
      subject,
    });
  }

  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const exportHref = `/api/v1/audit/entries/export?${filterParams(filter)}`;

  return (
    <>
      <Heading1>{t('audit.title')}</Heading1>
      <Paragraph>{t('audit.intro')}</Paragraph>
      <form
        onSubmit={(event) => void submit(event)}
        noValidate
        className="samenspel-filters"
        key={params.toString()}
      >
        <Fieldset className="samenspel-filters__wide">
          <FieldsetLegend>{t('audit.subject')}</FieldsetLegend>
          <Paragraph className="samenspel-muted">{t('audit.subjectHelp')}</Paragraph>
          {subjectError ? (
            <Alert type="error" role="alert">
              <Paragraph>{subjectError}</Paragraph>
            </Alert>
          ) : null}
          <div className="samenspel-filters__row">
            <FormFieldTextbox
              id="filter-email"
              name="email"
              type="email"
              label={t('audit.email')}
              autoComplete="off"
            />
            <FormFieldTextbox
              id="filter-bsn"
              name="bsn"
              label={t('audit.bsn')}
              autoComplete="off"
              inputMode="numeric"
            />
            <FormFieldTextbox id="filter-kvk" name="kvkNumber" label={t('audit.kvk')} autoComplete="off" />
          </div>
          <Fieldset>
            <FieldsetLegend>{t('audit.byName')}</FieldsetLegend>
            <Paragraph className="samenspel-muted">{t('audit.byNameHelp')}</Paragraph>
            <div className="samenspel-filters__row">
              <FormFieldTextbox
                id="filter-achternaam"
                name="surname"
                label={t('audit.surnameOnly')}
                autoComplete="off"
              />
              <FormFieldTextbox
                id="filter-voornamen"
                name="firstNames"
                label={t('audit.firstNames')}
                autoComplete="off"
              />
              <DateField id="filter-geboortedatum" name="dateOfBirth" label={t('audit.dateOfBirth')} />
            </div>
          </Fieldset>
          {filter.subject ? (
            <Paragraph>
              {t('audit.subjectActive')}{' '}
              {registerPersons !== null
                ? `${t(
                    registerPersons === 0
                      ? 'audit.registerNone'
                      : registerPersons === 1
                        ? 'audit.registerOne'
                        : 'audit.registerMore',
                    { count: registerPersons },
                  )} `
                : null}
              <Button
                appearance="subtle-button"
                type="button"
                onClick={() => {
                  setRegisterPersons(null);
                  apply({ ...filter, subject: undefined });
                }}
              >
                {t('audit.clearSubject')}
              </Button>
            </Paragraph>
          ) : null}
        </Fieldset>
        <SelectField
          id="filter-organisatie"
          name="organisationId"
          label={t('admin.organisation')}
          defaultValue={filter.organisationId ?? ''}
          placeholder={t('audit.all')}
          options={(organisations.data ?? []).map((o) => [o.id, o.name] as const)}
        />
        <SelectField
          id="filter-activiteit"
          name="activity"
          label={t('audit.activity')}
          defaultValue={filter.activity ?? ''}
          placeholder={t('audit.all')}
          options={[...new Map((activities.data ?? []).map((a) => [a.id, a.name] as const)).entries()]}
        />
        <DateField id="filter-van" name="from" label={t('audit.from')} defaultValue={filter.from ?? ''} />
        <DateField id="filter-tot" name="to" label={t('audit.to')} defaultValue={filter.to ?? ''} />
        {filter.userId ? (
          <Paragraph>
            {t('audit.userActive')}{' '}
            <Button
              appearance="subtle-button"
              type="button"
              onClick={() => apply({ ...filter, userId: undefined })}
            >
              {t('audit.clearUser')}
            </Button>
          </Paragraph>
        ) : null}
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={searching}>
            {t('audit.search')}
          </Button>
          <ButtonLink appearance="secondary-action-button" href={exportHref} download>
            {t('audit.export')}
          </ButtonLink>
        </ButtonGroup>
        {searching ? <Loading label={t('audit.searching')} /> : null}
      </form>

      <Section id="regels-kop" title={t('audit.results')}>
        {entries.isPending ? <Loading /> : null}
        {entries.isError ? (
          <ProblemAlert error={entries.error} onRetry={() => void entries.refetch()} />
        ) : null}
        {entries.data && items.length === 0 ? <Paragraph>{t('audit.none')}</Paragraph> : null}
        {items.length > 0 ? (
          <EntriesTable items={items} onUser={(userId) => apply({ ...filter, userId })} />
        ) : null}
        {entries.hasNextPage ? (
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              disabled={entries.isFetchingNextPage}
              onClick={() => void entries.fetchNextPage()}
            >
              {t('audit.more')}
            </Button>
          </ButtonGroup>
        ) : null}
        {entries.isFetchingNextPage ? <Loading /> : null}
      </Section>
    </>
  );
}

function actorLabel(action: AuditEntry['action']): string {
  if (!action) return '—';
  if (action.actorType === 'api-token') return t('audit.apiToken');
  if (action.userName) return action.userName;
  // Without a person and without a client address: the command line of the installation itself.
  if (action.actorType === 'anonymous' && !action.clientAddress)
    return t('audit.system', { via: action.userAgent ?? '' });
  return t('audit.anonymous');
}

function EntriesTable({ items, onUser }: { items: AuditEntry[]; onUser: (userId: string) => void }) {
  return (
    <DataTable
      caption={t('audit.caption', { count: items.length })}
      columns={[
        t('audit.when'),
        t('audit.who'),
        t('audit.action'),
        t('audit.record'),
        t('audit.result'),
        t('audit.activity'),
        t('audit.subjectColumn'),
        t('audit.trace'),
      ]}
    >
      {items.map((entry) => {
        const action = entry.action;
        const userId = action?.userId;
        // A subject's own record within a larger action says which action it was part of.
        const part = action && entry.name !== action.action ? action.label : null;
        return (
          <TableRow key={entry.sequence}>
            <TableCell>{formatDateTime(entry.startedAt)}</TableCell>
            <TableCell>
              {actorLabel(action)}
              {action?.organisation ? (
                <>
                  <br />
                  <span className="samenspel-muted">{action.organisation.name}</span>
                </>
              ) : null}
              {userId ? (
                <>
                  <br />
                  <Button
                    appearance="subtle-button"
                    onClick={() => onUser(userId)}
                    aria-label={t('audit.onlyUserNamed', { name: action?.userName ?? '' })}
                  >
                    {t('audit.onlyUser')}
                  </Button>
                </>
              ) : null}
            </TableCell>
            <TableCell>
              {entry.label}
              {part ? (
                <>
                  <br />
                  <span className="samenspel-muted">{t('audit.partOf', { action: part })}</span>
                </>
              ) : null}
              <br />
              <Code className="samenspel-muted">{entry.name}</Code>
            </TableCell>
            <TableCell className="samenspel-nowrap">
              {entry.record
                ? (entry.record.label ?? t(`audit.recordType.${entry.record.type}` as MessageKey))
                : '—'}
            </TableCell>
            <TableCell>
              <StatusBadge
                status={action?.result === 'success' || entry.status === 'ok' ? 'safe' : 'warning'}
              >
                {action
                  ? t(`result.${action.result}`)
                  : entry.status === 'ok'
                    ? t('result.success')
                    : t('result.failed')}
              </StatusBadge>
            </TableCell>
            <TableCell>{entry.processingActivity.name}</TableCell>
            <TableCell>
              {entry.dataSubject ? (
                <>
                  {t(`subjectType.${entry.dataSubject.type}`)}{' '}
                  <Code>{entry.dataSubject.pseudonym.slice(0, 12)}…</Code>
                </>
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell>
              <Code>{entry.traceId.slice(0, 8)}…</Code>
            </TableCell>
          </TableRow>
        );
      })}
    </DataTable>
  );
}
