import type { PublishedReport, ReportTable } from '@samenspel/contracts';
import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { Fragment, type MouseEvent, type ReactNode, useEffect } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useHashTarget } from '../../components/hash-target.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { pdfHref, publicationHref, tableCsvHref, usePublishedReport } from './annual-reports-api.js';
import {
  definedByIndicators,
  definitionAnchor,
  LevelHeading,
  Prose,
  ReportTableView,
  sectionAnchor,
} from './report-table.js';
import './annual-reports.css';

const publishedFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

const definitionsAnchor = 'definities';

/**
 * The published annual report as a web page: as frozen when it was approved, the same for every
 * reader and for ever. A table of contents leads to each section (and moves focus to its heading);
 * each table names its period and scope and links to where its figures are defined; the report's
 * data (JSON, a CSV per table) and its archival PDF are linked, and its SHA-256 shows which
 * version this is.
 */
export function PublicationPage() {
  const { reportId } = useParams();
  const report = usePublishedReport(reportId);
  useHashTarget(Boolean(report.data));
  useEffect(() => {
    document.title = `${report.data?.title ?? t('annualReports.title')} · ${t('app.name')}`;
  }, [report.data?.title]);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />;
  return <Publication report={report.data} />;
}

function Publication({ report }: { report: PublishedReport }) {
  const me = useMe();
  const navigate = useNavigate();
  // The report carries its indicators' definitions at the end, as they were at publication.
  const documents = [
    ...new Map(
      report.sections
        .flatMap((s) => s.tables)
        .filter((table) => !definedByIndicators(table))
        .map((table) => [table.definition, table] as const),
    ).values(),
  ];

  // The link changes the address and moves focus to the heading, so that reading (and Tab) goes on there.
  function follow(event: MouseEvent<HTMLAnchorElement>, anchor: string) {
    const target = document.getElementById(anchor);
    if (!target) return;
    event.preventDefault();
    void navigate({ hash: anchor }, { replace: true, preventScrollReset: true });
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  }

  return (
    <article className="samenspel-publication" aria-labelledby="jaarverslag-titel">
      <nav aria-label={t('signal.breadcrumb')} className="samenspel-breadcrumb">
        <RouterLink to="/jaarverslagen" className="utrecht-link">
          {t('annualReports.title')}
        </RouterLink>{' '}
        <span aria-hidden="true">›</span> <span aria-current="page">{report.title}</span>
      </nav>
      <Heading1 id="jaarverslag-titel">{report.title}</Heading1>
      <Paragraph className="samenspel-publication__meta">
        {t('annualReports.publishedOn', { date: publishedFormat.format(new Date(report.publishedAt)) })}
        {' · '}
        {report.region}
        {can(me.data, 'annual-report.write') ? (
          <>
            {' · '}
            <RouterLink to={`/jaarverslagen/${report.id}`} className="utrecht-link">
              {t('annualReports.toDraft')}
            </RouterLink>
          </>
        ) : null}
      </Paragraph>
      <ul className="samenspel-publication__files" aria-label={t('annualReports.files')}>
        <li>
          <a href={pdfHref(report.id)} className="utrecht-link">
            {t('annualReports.pdf')}
          </a>
        </li>
        <li>
          <a href={publicationHref(report.id)} className="utrecht-link" type="application/json">
            {t('annualReports.json')}
          </a>
        </li>
      </ul>

      <nav aria-labelledby="inhoudsopgave" className="samenspel-toc">
        <Heading2 id="inhoudsopgave">{t('annualReports.toc')}</Heading2>
        <Contents report={report} follow={follow} />
      </nav>

      {report.sections.map((section) => {
        const anchor = sectionAnchor(section.key);
        return (
          <section
            key={section.key}
            aria-labelledby={anchor}
            className={`samenspel-report-section samenspel-report-section--${section.level}`}
          >
            <LevelHeading level={section.level} id={anchor}>
              {section.title}
            </LevelHeading>
            <Prose text={section.prose} />
            {section.tables.map((table) => (
              <ReportTableView
                key={table.id}
                table={table}
                linkIndicators
                inReport
                after={<TableLinks report={report} table={table} follow={follow} />}
              />
            ))}
          </section>
        );
      })}

      <section aria-labelledby={definitionsAnchor} className="samenspel-report-section">
        <Heading2 id={definitionsAnchor} tabIndex={-1}>
          {t('annualReports.definitions')}
        </Heading2>
        <Paragraph>{t('annualReports.definitionsIndicators')}</Paragraph>
        {report.definitions.length ? (
          <dl className="samenspel-definitions">
            {report.definitions.map((d) => (
              <Fragment key={d.id}>
                <dt id={definitionAnchor(d.id)} tabIndex={-1}>
                  {d.name} <code>{d.id}</code>
                </dt>
                <dd>{d.definition}</dd>
              </Fragment>
            ))}
          </dl>
        ) : null}
        {documents.map((table) => (
          <Paragraph key={table.definition}>
            {t('annualReports.definitionOf', { title: table.title, source: table.definition })}
          </Paragraph>
        ))}
        <Paragraph>{t('annualReports.smallNumbers', { minimum: report.minimum })}</Paragraph>
        <Paragraph>
          {t('annualReports.fingerprint')}{' '}
          <code className="samenspel-publication__hash">{report.sha256}</code>
        </Paragraph>
      </section>
    </article>
  );
}

/** The table of contents, nested as the sections are. */
function Contents({
  report,
  follow,
}: {
  report: PublishedReport;
  follow: (event: MouseEvent<HTMLAnchorElement>, anchor: string) => void;
}) {
  type Node = { section: PublishedReport['sections'][number]; children: Node[] };
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const section of report.sections) {
    const node: Node = { section, children: [] };
    while (stack.length >= section.level) stack.pop();
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  }
  const link = (anchor: string, text: string) => (
    <a href={`#${anchor}`} className="utrecht-link" onClick={(event) => follow(event, anchor)}>
      {text}
    </a>
  );
  const list = (nodes: Node[]): ReactNode => (
    <ol>
      {nodes.map((n) => (
        <li key={n.section.key}>
          {link(sectionAnchor(n.section.key), n.section.title)}
          {n.children.length ? list(n.children) : null}
        </li>
      ))}
    </ol>
  );
  return (
    <>
      {list(roots)}
      <p className="utrecht-paragraph">{link(definitionsAnchor, t('annualReports.definitions'))}</p>
    </>
  );
}

/** Under a table: where its figures are defined, and the table as CSV. */
function TableLinks({
  report,
  table,
  follow,
}: {
  report: PublishedReport;
  table: ReportTable;
  follow: (event: MouseEvent<HTMLAnchorElement>, anchor: string) => void;
}) {
  const context = (
    <span className="samenspel-visually-hidden"> {t('annualReports.ofTable', { title: table.title })}</span>
  );
  return (
    <ul className="samenspel-report-table__links">
      <li>
        <a
          href={`#${definitionsAnchor}`}
          className="utrecht-link"
          onClick={(e) => follow(e, definitionsAnchor)}
        >
          {t('annualReports.definitionsLink')}
          {context}
        </a>
      </li>
      <li>
        <a href={tableCsvHref(report.id, table.id)} className="utrecht-link" download={`${table.id}.csv`}>
          {t('annualReports.csv')}
          {context}
        </a>
      </li>
    </ul>
  );
}
