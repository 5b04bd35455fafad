import type { AnnualReport, ReportSectionStatus, ReportSectionView } from '@samenspel/contracts';
import {
  Alert,
  Button,
  ButtonGroup,
  FormFieldTextarea,
  Heading1,
  Heading2,
  Paragraph,
  StatusBadge,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { Confirmation } from '../../components/confirmation.js';
import { FormValues } from '../../components/form-values.js';
import { useHashTarget } from '../../components/hash-target.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, ProblemAlert, problemDetail } from '../../components/problem-alert.js';
import { SelectField } from '../../components/select-field.js';
import { formatDateTime, type MessageKey, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import {
  useAnnualReport,
  usePossibleOwners,
  usePublish,
  useSectionStep,
  useSetOwner,
  useWriteProse,
} from './annual-reports-api.js';
import { LevelHeading, Prose, ReportTableView, sectionAnchor } from './report-table.js';
import './annual-reports.css';

const badge: Record<ReportSectionStatus, 'neutral' | 'warning' | 'safe'> = {
  draft: 'neutral',
  submitted: 'warning',
  approved: 'safe',
};

/**
 * A year's report as it is being written: its sections in the order they are printed, each with
 * its owner, status, tables (computed now) and text. The owner writes and submits; the programme
 * manager gives sections their owners, approves or returns them with a note, and publishes the
 * whole once every section is approved.
 */
export function AnnualReportPage() {
  const { reportId } = useParams();
  const report = useAnnualReport(reportId);
  useHashTarget(Boolean(report.data));
  useEffect(() => {
    document.title = `${report.data?.title ?? t('annualReports.title')} · ${t('app.name')}`;
  }, [report.data?.title]);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ProblemAlert error={report.error} onRetry={() => void report.refetch()} />;
  return <ReportView report={report.data} />;
}

function depthOf(items: ReportSectionView[], section: ReportSectionView): number {
  let depth = 1;
  let parent = items.find((s) => s.id === section.parentId);
  while (parent) {
    depth += 1;
    const id: string | null = parent.parentId;
    parent = items.find((s) => s.id === id);
  }
  return depth;
}

function ReportView({ report }: { report: AnnualReport }) {
  const me = useMe();
  const manages = can(me.data, 'annual-report.manage');
  const draft = report.status === 'draft';
  return (
    <>
      <nav aria-label={t('signal.breadcrumb')} className="samenspel-breadcrumb">
        <RouterLink to="/jaarverslagen" className="utrecht-link">
          {t('annualReports.title')}
        </RouterLink>{' '}
        <span aria-hidden="true">›</span> <span aria-current="page">{report.title}</span>
      </nav>
      <Heading1>{report.title}</Heading1>
      <Paragraph>
        <StatusBadge status={draft ? 'neutral' : 'safe'}>
          {t(draft ? 'annualReports.draft' : 'annualReports.published')}
        </StatusBadge>{' '}
        {t('annualReports.approvedOf', { approved: report.approved, count: report.sections })}
      </Paragraph>
      {draft ? (
        <Paragraph>{t(manages ? 'annualReports.draftIntroManager' : 'annualReports.draftIntro')}</Paragraph>
      ) : (
        <Paragraph>
          <RouterLink to={`/jaarverslagen/${report.id}/publicatie`} className="utrecht-link">
            {t('annualReports.toPublication')}
          </RouterLink>
        </Paragraph>
      )}
      {report.items.map((section) => (
        <SectionView
          key={section.id}
          report={report}
          section={section}
          depth={depthOf(report.items, section)}
          manages={manages}
        />
      ))}
      {manages && draft ? <Publish report={report} /> : null}
    </>
  );
}

/** One section: who owns it, where it stands, its tables and text, and the steps allowed now. */
function SectionView({
  report,
  section,
  depth,
  manages,
}: {
  report: AnnualReport;
  section: ReportSectionView;
  depth: number;
  manages: boolean;
}) {
  const me = useMe();
  const headingId = sectionAnchor(section.key);
  const owns = section.owner?.id === me.data?.user.id;
  const draft = report.status === 'draft';
  const writes = draft && section.status === 'draft' && (owns || manages);
  const step = useSectionStep(report.id);
  const [returning, setReturning] = useState(false);
  // A new object for every change, so that saying the same thing twice moves focus again.
  const [done, setDone] = useState<{ message: string } | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  function act(type: 'submit' | 'approve') {
    setDone(null);
    step.mutate(
      { sectionId: section.id, step: { type } },
      {
        onSuccess: () =>
          setDone({
            message: t(type === 'submit' ? 'annualReports.submitted' : 'annualReports.approvedDone'),
          }),
      },
    );
  }

  return (
    <section
      className={`samenspel-report-section samenspel-report-section--${depth}`}
      aria-labelledby={headingId}
    >
      <LevelHeading level={depth} id={headingId}>
        {section.title}
      </LevelHeading>
      <Paragraph className="samenspel-report-section__meta">
        <StatusBadge status={badge[section.status]}>
          {t(`annualReports.status.${section.status}` as MessageKey)}
        </StatusBadge>{' '}
        {section.owner
          ? t('annualReports.ownerIs', { name: section.owner.name })
          : t('annualReports.noOwner')}
      </Paragraph>
      <Paragraph ref={doneRef} tabIndex={-1} role="status" className="samenspel-done">
        {done?.message}
      </Paragraph>
      {manages && draft ? <OwnerForm report={report} section={section} /> : null}
      {section.tables.map((table) => (
        <ReportTableView key={table.id} table={table} linkIndicators={can(me.data, 'programme.read')} />
      ))}
      {writes ? (
        <ProseForm
          report={report}
          section={section}
          onSaved={() => setDone({ message: t('annualReports.proseSaved') })}
        />
      ) : section.prose.trim() ? (
        <Prose text={section.prose} />
      ) : (
        <Paragraph className="samenspel-muted">{t('annualReports.noProse')}</Paragraph>
      )}
      {draft ? (
        <ButtonGroup>
          {section.status === 'draft' && (owns || manages) ? (
            <Button
              appearance="primary-action-button"
              disabled={step.isPending}
              aria-label={`${t('annualReports.submit')}: ${section.title}`}
              onClick={() => act('submit')}
            >
              {t('annualReports.submit')}
            </Button>
          ) : null}
          {manages && section.status === 'submitted' ? (
            <Button
              appearance="primary-action-button"
              disabled={step.isPending}
              aria-label={`${t('annualReports.approve')}: ${section.title}`}
              onClick={() => act('approve')}
            >
              {t('annualReports.approve')}
            </Button>
          ) : null}
          {manages && section.status !== 'draft' && !returning ? (
            <Button
              appearance="secondary-action-button"
              disabled={step.isPending}
              aria-label={`${t('annualReports.return')}: ${section.title}`}
              onClick={() => {
                setDone(null);
                setReturning(true);
              }}
            >
              {t('annualReports.return')}
            </Button>
          ) : null}
        </ButtonGroup>
      ) : null}
      {step.isError && !returning ? <FormProblem error={step.error} /> : null}
      {returning ? (
        <ReturnForm
          report={report}
          section={section}
          onDone={() => {
            setReturning(false);
            setDone({ message: t('annualReports.returned') });
          }}
          onCancel={() => setReturning(false)}
        />
      ) : null}
      <History section={section} />
    </section>
  );
}

/** The section's owner: nobody, or one of the region's users who may write the report. */
function OwnerForm({ report, section }: { report: AnnualReport; section: ReportSectionView }) {
  const me = useMe();
  const users = usePossibleOwners(report.id, can(me.data, 'annual-report.manage'));
  const setOwner = useSetOwner(report.id);
  const id = `eigenaar-${section.key}`;
  const myself = me.data?.user;
  const choices = new Map<string, string>([['', t('annualReports.ownerNone')]]);
  if (myself) choices.set(myself.id, t('annualReports.ownerMe', { name: myself.displayName }));
  if (section.owner) choices.set(section.owner.id, section.owner.name);
  for (const u of users.data ?? [])
    if (!choices.has(u.id)) choices.set(u.id, `${u.name} (${u.organisation})`);
  const [message, setMessage] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ownerId = new FormValues(new FormData(event.currentTarget)).optional('ownerId') ?? null;
    setMessage('');
    setOwner.mutate(
      { sectionId: section.id, ownerId },
      { onSuccess: () => setMessage(t('annualReports.ownerSaved')) },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="samenspel-report-owner">
      <SelectField
        id={id}
        name="ownerId"
        label={t('annualReports.ownerOf', { title: section.title })}
        defaultValue={section.owner?.id ?? ''}
        options={[...choices.entries()]}
        invalid={setOwner.isError}
        errorMessage={setOwner.isError ? problemDetail(setOwner.error, t('signIn.offline')) : undefined}
      />
      <Button
        type="submit"
        appearance="secondary-action-button"
        disabled={setOwner.isPending}
        aria-label={`${t('annualReports.saveOwner')}: ${section.title}`}
      >
        {t('annualReports.saveOwner')}
      </Button>
      <span role="status" className="samenspel-muted">
        {message}
      </span>
    </form>
  );
}

/** The section's text, while it is a draft; every saved version is kept. */
function ProseForm({
  report,
  section,
  onSaved,
}: {
  report: AnnualReport;
  section: ReportSectionView;
  onSaved: () => void;
}) {
  const write = useWriteProse(report.id);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const id = `tekst-${section.key}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const prose = String(new FormData(event.currentTarget).get('prose') ?? '');
    setError(undefined);
    setFailure(null);
    write.mutate(
      { sectionId: section.id, prose },
      {
        onSuccess: onSaved,
        onError: (caught) => {
          const reason = caught instanceof ApiError ? caught.fieldError('prose') : undefined;
          if (reason) setError(reason);
          else setFailure(caught);
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="samenspel-report-prose">
      {failure ? <FormProblem error={failure} /> : null}
      <FormFieldTextarea
        id={id}
        name="prose"
        label={t('annualReports.proseOf', { title: section.title })}
        description={t('annualReports.proseHint')}
        defaultValue={section.prose}
        rows={8}
        invalid={Boolean(error)}
        errorMessage={error}
      />
      <ButtonGroup>
        <Button
          type="submit"
          appearance="secondary-action-button"
          disabled={write.isPending}
          aria-label={`${t('annualReports.saveProse')}: ${section.title}`}
        >
          {t('annualReports.saveProse')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** Returning a section to its owner: the note says what still has to be done, and is required. */
function ReturnForm({
  report,
  section,
  onDone,
  onCancel,
}: {
  report: AnnualReport;
  section: ReportSectionView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const step = useSectionStep(report.id);
  const headingId = useId();
  const heading = useRef<HTMLParagraphElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => heading.current?.focus(), []);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const note = new FormValues(new FormData(event.currentTarget)).text('note');
    setError(undefined);
    setFailure(null);
    step.mutate(
      { sectionId: section.id, step: { type: 'return', note } },
      {
        onSuccess: onDone,
        onError: (caught) => {
          const reason = caught instanceof ApiError ? caught.fieldError('note') : undefined;
          if (reason) setError(reason);
          else setFailure(caught);
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="samenspel-subject">
      <p id={headingId} ref={heading} tabIndex={-1} className="utrecht-paragraph samenspel-report-form-title">
        {t('annualReports.returnTitle', { title: section.title })}
      </p>
      {failure ? <FormProblem error={failure} /> : null}
      <FormFieldTextarea
        id={`terugsturen-${section.key}`}
        name="note"
        label={t('annualReports.returnNote')}
        rows={3}
        required
        invalid={Boolean(error)}
        errorMessage={error}
      />
      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={step.isPending}>
          {t('annualReports.return')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('confirm.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}

/** The section's history, newest first, behind a disclosure. */
function History({ section }: { section: ReportSectionView }) {
  if (!section.history.length) return null;
  return (
    <details className="samenspel-report-history">
      <summary>{t('annualReports.history', { count: section.history.length })}</summary>
      <ol>
        {section.history.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at the front
          <li key={`${h.recordedAt}-${i}`}>
            <strong>{t(`annualReports.history.${h.status}` as MessageKey)}</strong>
            {' · '}
            {formatDateTime(h.recordedAt)}
            {h.recordedBy ? ` · ${h.recordedBy}` : ''}
            {h.note ? <span className="samenspel-report-history__note">{h.note}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Publishing: asked first, as it freezes the report; refused with every section still open named. */
function Publish({ report }: { report: AnnualReport }) {
  const publish = usePublish(report.id);
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const open = publish.error instanceof ApiError ? (publish.error.problem.invalidParams ?? []) : [];
  useEffect(() => {
    if (publish.isError) alert.current?.focus();
  }, [publish.isError]);
  // The list of open sections was true when it was given; after a section changes it may not be.
  const { reset } = publish;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the report's progress is the trigger
  useEffect(() => reset(), [report.approved, reset]);
  return (
    <section className="samenspel-section" aria-labelledby="publiceren">
      <Heading2 id="publiceren">{t('annualReports.publishTitle')}</Heading2>
      <Paragraph>{t('annualReports.publishIntro')}</Paragraph>
      {publish.isError ? (
        <div ref={alert} tabIndex={-1}>
          {open.length ? (
            <Alert type="error" role="alert">
              <Paragraph>
                <strong>{t('annualReports.notYet')}</strong>
              </Paragraph>
              <ul>
                {open.map((p) => (
                  <li key={p.name}>
                    <a href={`#${sectionAnchor(p.name.replace(/^sections\./, ''))}`} className="utrecht-link">
                      {p.reason}
                    </a>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : (
            <FormProblem error={publish.error} />
          )}
        </div>
      ) : null}
      {asking ? (
        <Confirmation
          title={t('annualReports.publishQuestion', { title: report.title })}
          confirmLabel={t('annualReports.publishConfirm')}
          busy={publish.isPending}
          onConfirm={() =>
            publish.mutate(undefined, {
              onSuccess: () => void navigate(`/jaarverslagen/${report.id}/publicatie`),
              onSettled: () => setAsking(false),
            })
          }
          onCancel={() => {
            setAsking(false);
            requestAnimationFrame(() => button.current?.focus());
          }}
        >
          {t('annualReports.publishExplained')}
        </Confirmation>
      ) : (
        <ButtonGroup>
          <Button
            ref={button}
            appearance="primary-action-button"
            onClick={() => {
              publish.reset();
              setAsking(true);
            }}
          >
            {t('annualReports.publish')}
          </Button>
        </ButtonGroup>
      )}
    </section>
  );
}
