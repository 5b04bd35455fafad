import { type CaseProgress, casePhases, interventionKinds, resultKinds } from '@samenspel/contracts';
import { Heading1, Paragraph, TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { type ReactNode, useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatNumber, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { useDistricts } from '../reference/reference-api.js';
import { useCaseProgress } from './programmes-api.js';
import './programmes.css';

type DistrictRow = CaseProgress['districts'][number];

const thisYear = new Date().getFullYear();

/**
 * How the region's cases are going, per district and year, for the partners' councils and
 * boards: cases handled, new and closed, by phase, the interventions and results, and lead
 * times. Aggregates only; everyone but the RIEC's analysts reads them through the disclosure gate
 * (small counts left out, the rest rounded to five), and the page says so.
 */
export function CaseProgressPage() {
  const me = useMe();
  const districts = useDistricts(me.data?.region.id);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jaar')) || thisYear;
  const districtId = params.get('district') ?? '';
  const progress = useCaseProgress(year, districtId);
  useEffect(() => {
    document.title = `${t('caseProgress.title')} · ${t('app.name')}`;
  }, []);
  const years = [...new Set([...Array.from({ length: 6 }, (_, i) => thisYear - i), year])].sort(
    (a, b) => b - a,
  );
  const update = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set('jaar', String(year));
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const data = progress.data;
  return (
    <>
      <Heading1>{t('caseProgress.title')}</Heading1>
      <Paragraph>{t('caseProgress.intro')}</Paragraph>
      <form className="samenspel-filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="voortgang-jaar"
          label={t('programmes.year')}
          value={String(year)}
          onChange={(event) => update('jaar', event.currentTarget.value)}
          options={years.map((y) => [String(y), String(y)] as const)}
        />
        <SelectField
          id="voortgang-district"
          label={t('programmes.district')}
          value={districtId}
          onChange={(event) => update('district', event.currentTarget.value)}
          placeholder={t('caseProgress.everyDistrict')}
          options={(districts.data ?? []).map((d) => [d.id, d.name] as const)}
        />
      </form>
      {progress.isFetching ? <Loading label={t('caseProgress.computing')} /> : null}
      {progress.isError ? (
        <ProblemAlert error={progress.error} onRetry={() => void progress.refetch()} />
      ) : null}
      {data ? (
        <div aria-busy={progress.isFetching}>
          {data.protected ? (
            <Paragraph className="samenspel-gate">
              {t('caseProgress.protected', { minimum: data.minimum })}
            </Paragraph>
          ) : null}
          {data.districts.length === 0 ? <Paragraph>{t('caseProgress.none')}</Paragraph> : null}
          {data.districts.length ? <ProgressTables progress={data} /> : null}
        </div>
      ) : null}
    </>
  );
}

function ProgressTables({ progress }: { progress: CaseProgress }) {
  const { year, districts, minimum } = progress;
  const count = (n: number | null) =>
    n === null ? (
      <span title={t('caseProgress.suppressed', { minimum })}>{t('caseProgress.fewer', { minimum })}</span>
    ) : (
      formatNumber(n)
    );
  const days = (n: number | null) => (n === null ? '—' : t('dashboard.days', { days: formatNumber(n) }));
  /** A first column named for what its rows are, then one per district. */
  const columns = (first: string) => [
    first,
    ...districts.map((d) => ({ label: d.district.name, className: 'samenspel-number' })),
  ];
  /** One line of a table: its heading, and per district the value `of` picks. */
  const line = (key: string, label: string, of: (d: DistrictRow) => ReactNode) => (
    <TableRow key={key}>
      <TableHeaderCell scope="row">{label}</TableHeaderCell>
      {districts.map((d) => (
        <TableCell key={d.district.id} className="samenspel-number">
          {of(d)}
        </TableCell>
      ))}
    </TableRow>
  );
  // One or two districts: the tables are narrow, and stand side by side.
  return (
    <div className={districts.length <= 2 ? 'samenspel-progress-grid' : undefined}>
      <Section id="casussen" title={t('caseProgress.cases', { year })}>
        <DataTable
          className="samenspel-rowheads samenspel-progress"
          caption={t('caseProgress.casesCaption', { year })}
          columns={columns(t('caseProgress.measure'))}
        >
          {line('handled', t('dashboard.measure.handled'), (d) => count(d.handled))}
          {line('new', t('dashboard.measure.new'), (d) => count(d.new))}
          {line('closed', t('dashboard.measure.closed'), (d) => count(d.closed))}
        </DataTable>
      </Section>
      <Section id="fasen" title={t('caseProgress.phases')}>
        <DataTable
          className="samenspel-rowheads samenspel-progress"
          caption={t('caseProgress.phasesCaption', { year })}
          columns={columns(t('caseProgress.phase'))}
        >
          {casePhases.map((phase) =>
            line(phase, t(`phase.${phase}`), (d) =>
              count(d.byPhase.find((p) => p.phase === phase)?.count ?? null),
            ),
          )}
        </DataTable>
      </Section>
      <Section id="interventies" title={t('caseProgress.interventions')}>
        <DataTable
          className="samenspel-rowheads samenspel-progress"
          caption={t('caseProgress.interventionsCaption', { year })}
          columns={columns(t('caseProgress.interventionKind'))}
        >
          {interventionKinds.map((kind) =>
            line(kind, t(`kindOf.${kind}`), (d) =>
              count(d.interventions.find((i) => i.kind === kind)?.count ?? null),
            ),
          )}
        </DataTable>
      </Section>
      <Section id="resultaten" title={t('caseProgress.results')}>
        <DataTable
          className="samenspel-rowheads samenspel-progress"
          caption={t('caseProgress.resultsCaption', { year })}
          columns={columns(t('caseProgress.resultKind'))}
        >
          {resultKinds.map((kind) =>
            line(kind, t(`resultKind.${kind}`), (d) =>
              count(d.results.find((r) => r.kind === kind)?.count ?? null),
            ),
          )}
        </DataTable>
      </Section>
      <Section id="doorlooptijden" title={t('dashboard.leadTimes')}>
        <DataTable
          className="samenspel-rowheads samenspel-progress"
          caption={t('caseProgress.leadTimesCaption', { year })}
          columns={columns(t('dashboard.leadTime'))}
        >
          {line('signal', t('dashboard.leadTime.signalToDecision'), (d) =>
            days(d.leadTime.signalToDecisionMedianDays),
          )}
          {line('intervention', t('dashboard.leadTime.startToFirstIntervention'), (d) =>
            days(d.leadTime.startToFirstInterventionMedianDays),
          )}
          {line('count', t('caseProgress.leadTimeCount'), (d) => count(d.leadTime.count))}
        </DataTable>
        <Paragraph className="samenspel-muted">
          {t(progress.protected ? 'caseProgress.leadTimeNoteProtected' : 'caseProgress.leadTimeNote', {
            minimum,
          })}
        </Paragraph>
      </Section>
    </div>
  );
}
