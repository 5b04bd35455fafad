import {
  Button,
  ButtonGroup,
  FormFieldTextbox,
  Heading1,
  Paragraph,
  StatusBadge,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useAnnualReports, useCreateReport } from './annual-reports-api.js';
import './annual-reports.css';

const lastYear = new Date().getFullYear() - 1;

/**
 * The region's annual reports, newest year first: the published ones for everyone, the drafts for
 * those who write them, with how far the approval has come. The programme manager starts a year's
 * report here.
 */
export function AnnualReportsPage() {
  const me = useMe();
  const reports = useAnnualReports();
  const writes = can(me.data, 'annual-report.write');
  useEffect(() => {
    document.title = `${t('annualReports.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('annualReports.title')}</Heading1>
      <Paragraph>{t('annualReports.intro')}</Paragraph>
      {reports.isPending ? <Loading /> : null}
      {reports.isError ? <ProblemAlert error={reports.error} onRetry={() => void reports.refetch()} /> : null}
      {reports.data && reports.data.length === 0 ? <Paragraph>{t('annualReports.none')}</Paragraph> : null}
      {reports.data?.length ? (
        <DataTable
          caption={t('annualReports.caption')}
          columns={[
            t('annualReports.column.year'),
            t('annualReports.column.title'),
            t('annualReports.column.status'),
            t('annualReports.column.sections'),
          ]}
          className="samenspel-rowheads"
        >
          {reports.data.map((r) => (
            <TableRow key={r.id}>
              <TableHeaderCell scope="row">{r.year}</TableHeaderCell>
              <TableCell>
                <RouterLink
                  to={
                    r.status === 'published' || !writes
                      ? `/jaarverslagen/${r.id}/publicatie`
                      : `/jaarverslagen/${r.id}`
                  }
                  className="utrecht-link"
                >
                  {r.title}
                </RouterLink>
              </TableCell>
              <TableCell>
                <StatusBadge status={r.status === 'published' ? 'safe' : 'neutral'}>
                  {t(r.status === 'published' ? 'annualReports.published' : 'annualReports.draft')}
                </StatusBadge>
              </TableCell>
              <TableCell>
                {t('annualReports.approvedOf', { approved: r.approved, count: r.sections })}
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
      {can(me.data, 'annual-report.manage') ? <StartReport /> : null}
    </>
  );
}

/** Starting a year's report: a section per district plan and programme, finance and the national table. */
function StartReport() {
  const create = useCreateReport();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    setErrors({});
    setFailure(null);
    const year = v.text('year');
    create.mutate(
      { year: /^\d+$/.test(year) ? Number(year) : Number.NaN, title: v.optional('title') },
      {
        onSuccess: (report) => void navigate(`/jaarverslagen/${report.id}`),
        onError: (caught) => {
          if (caught instanceof ApiError && caught.problem.invalidParams?.length) {
            const found = caught.fieldErrors();
            setErrors(found);
            if (!found.year && !found.title) setFailure(caught);
          } else setFailure(caught);
        },
      },
    );
  }
  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  return (
    <Section id="jaarverslag-starten" title={t('annualReports.start')}>
      <form onSubmit={submit} noValidate aria-labelledby="jaarverslag-starten" className="samenspel-narrow">
        <Paragraph>{t('annualReports.startIntro')}</Paragraph>
        {failure ? <FormProblem error={failure} /> : null}
        <FormFieldTextbox
          id="jaarverslag-jaar"
          name="year"
          label={t('annualReports.year')}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={String(lastYear)}
          required
          {...error('year')}
        />
        <FormFieldTextbox
          id="jaarverslag-titel"
          name="title"
          label={t('annualReports.titleField')}
          description={t('annualReports.titleHint')}
          autoComplete="off"
          {...error('title')}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {t('annualReports.start')}
          </Button>
        </ButtonGroup>
        {create.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}
