import type { ScanComparison, ScanDetail } from '@samenspel/contracts';
import {
  ButtonGroup,
  ButtonLink,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading3,
  OrderedList,
  OrderedListItem,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/data-table.js';
import { Loading } from '../../../components/loading.js';
import { ProblemAlert } from '../../../components/problem-alert.js';
import { Section } from '../../../components/section.js';
import { SelectField } from '../../../components/select-field.js';
import { formatDate, formatNumber, t } from '../../../i18n/i18n.js';
import { useScan, useScanComparison, useScanRuns, useScans } from './scans-api.js';
import './scans.css';

const thisYear = new Date().getFullYear();
const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));

export const percent = (value: number) => `${formatNumber(value)}%`;
export const pointsOf = (points: number, max: number) =>
  t('scans.pointsOf', { points: formatNumber(points), max: formatNumber(max) });

/** The region's scans: what each scores and how many runs the user may open. */
export function ScansPage() {
  const scans = useScans();
  useEffect(() => {
    document.title = `${t('scans.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('scans.title')}</Heading1>
      <Paragraph>{t('scans.intro')}</Paragraph>
      {scans.isPending ? <Loading /> : null}
      {scans.isError ? <ProblemAlert error={scans.error} onRetry={() => void scans.refetch()} /> : null}
      {scans.data && scans.data.length === 0 ? <Paragraph>{t('scans.none')}</Paragraph> : null}
      {scans.data && scans.data.length > 0 ? (
        <DataTable
          caption={t('scans.caption', { count: scans.data.length })}
          columns={[
            t('scans.name'),
            t('scans.kind'),
            t('scans.subject'),
            { label: t('scans.questions'), className: 'samenspel-number' },
            { label: t('scans.runs'), className: 'samenspel-number' },
            { label: t('scans.municipalities'), className: 'samenspel-number' },
          ]}
        >
          {scans.data.map((s) => (
            <TableRow key={s.id}>
              <TableHeaderCell scope="row">
                <RouterLink to={`/scans/${s.id}`} className="utrecht-link">
                  {s.name}
                </RouterLink>
              </TableHeaderCell>
              <TableCell>{t(`scans.kind.${s.kind}`)}</TableCell>
              <TableCell>{t(`scans.subject.${s.subject}`)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(s.questions)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(s.runs)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(s.municipalities)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}

/** One scan: its runs (of a year), the municipalities compared in aggregate, and its questions. */
export function ScanPage() {
  const { scanId } = useParams();
  const [params, setParams] = useSearchParams();
  const year = params.get('jaar') ?? '';
  const navigate = useNavigate();
  const scan = useScan(scanId);
  useEffect(() => {
    if (scan.data) document.title = `${scan.data.name} · ${t('app.name')}`;
  }, [scan.data]);
  if (scan.isPending) return <Loading />;
  if (scan.isError) return <ProblemAlert error={scan.error} onRetry={() => void scan.refetch()} />;
  const s = scan.data;
  return (
    <>
      <Paragraph>
        <RouterLink to="/scans" className="utrecht-link">
          {t('scans.back')}
        </RouterLink>
      </Paragraph>
      <Heading1>{s.name}</Heading1>
      {s.description ? <Paragraph>{s.description}</Paragraph> : null}
      <DataList>
        <DataListItem>
          <DataListKey>{t('scans.kind')}</DataListKey>
          <DataListValue>{t(`scans.kind.${s.kind}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('scans.subject')}</DataListKey>
          <DataListValue>{t(`scans.subject.${s.subject}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('scans.version')}</DataListKey>
          <DataListValue>
            {t('scans.versionOf', { number: s.version, questions: s.questions })}
            {s.threshold !== null
              ? ` ${t('scans.thresholdIs', { threshold: formatNumber(s.threshold) })}`
              : ''}
          </DataListValue>
        </DataListItem>
      </DataList>
      {s.canRun ? (
        <ButtonGroup>
          <ButtonLink
            appearance="primary-action-button"
            href={`/scans/${s.id}/uitvoeren`}
            onClick={(event) => {
              // In the app without reloading it; a new tab or window still opens the address.
              if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              void navigate(`/scans/${s.id}/uitvoeren`);
            }}
          >
            {t('scans.runButton')}
          </ButtonLink>
        </ButtonGroup>
      ) : null}
      <div className="samenspel-filters">
        <SelectField
          id="scan-jaar"
          label={t('scans.year')}
          value={year}
          placeholder={t('scans.allYears')}
          onChange={(event) =>
            setParams(event.currentTarget.value ? { jaar: event.currentTarget.value } : {})
          }
          options={years.map((y) => [y, y] as const)}
        />
      </div>
      <Runs scan={s} year={year} />
      <Comparison scanId={s.id} year={year} />
      <Questions scan={s} />
    </>
  );
}

function Runs({ scan, year }: { scan: ScanDetail; year: string }) {
  const runs = useScanRuns(scan.id, year);
  const objects = scan.subject === 'objects';
  return (
    <Section id="uitvoeringen" title={t('scans.runsTitle')}>
      {runs.isPending ? <Loading /> : null}
      {runs.isError ? <ProblemAlert error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      {runs.data && runs.data.length === 0 ? <Paragraph>{t('scans.noRuns')}</Paragraph> : null}
      {runs.data && runs.data.length > 0 ? (
        <DataTable
          caption={
            year
              ? t('scans.runsCaptionYear', { count: runs.data.length, year })
              : t('scans.runsCaption', { count: runs.data.length })
          }
          columns={[
            t('scans.municipality'),
            t('scans.heldOn'),
            { label: t('scans.score'), className: 'samenspel-number' },
            ...(objects ? [{ label: t('scans.objects'), className: 'samenspel-number' }] : []),
            t('scans.actions'),
            t('scans.rerun'),
          ]}
        >
          {runs.data.map((r) => (
            <TableRow key={r.id}>
              <TableHeaderCell scope="row">
                <RouterLink to={`/scans/uitvoeringen/${r.id}`} className="utrecht-link">
                  {r.municipality.name}
                </RouterLink>
              </TableHeaderCell>
              <TableCell>{formatDate(r.heldOn)}</TableCell>
              <TableCell className="samenspel-number">{percent(r.score.percentage)}</TableCell>
              {objects ? (
                <TableCell className="samenspel-number">
                  {t('scans.objectsAbove', {
                    total: formatNumber(r.objects?.total ?? 0),
                    above: formatNumber(r.objects?.atOrAboveThreshold ?? 0),
                  })}
                </TableCell>
              ) : null}
              <TableCell>
                {r.actions.total
                  ? t('scans.actionsDone', { done: r.actions.done, total: r.actions.total })
                  : '—'}
              </TableCell>
              <TableCell>{r.rerun ? t('scans.yes') : t('scans.no')}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}

function distribution(d: ScanComparison['questions'][number]['distribution']): string {
  return d.map((o) => `${o.label}: ${formatNumber(o.count)}`).join(' · ');
}

/** Municipalities compared only in aggregate; each municipality's row for the RIEC's analysts. */
function Comparison({ scanId, year }: { scanId: string; year: string }) {
  const comparison = useScanComparison(scanId, year);
  const c = comparison.data;
  return (
    <Section id="vergelijking" title={t('scans.comparison')}>
      <Paragraph>{t('scans.comparisonIntro')}</Paragraph>
      {comparison.isPending ? <Loading /> : null}
      {comparison.isError ? (
        <ProblemAlert error={comparison.error} onRetry={() => void comparison.refetch()} />
      ) : null}
      {c ? (
        <>
          {c.protected ? (
            <Paragraph className="samenspel-muted">{t('scans.protected', { minimum: c.minimum })}</Paragraph>
          ) : null}
          {c.withheld ? (
            <Paragraph role="status">
              {t('scans.withheld', { count: c.municipalities, minimum: c.minimum })}
            </Paragraph>
          ) : null}
          {c.score ? (
            <Paragraph role="status">
              {t('scans.comparisonSummary', {
                count: c.municipalities,
                mean: percent(c.score.mean),
                median: percent(c.score.median),
              })}
              {c.objects
                ? ` ${t('scans.comparisonObjects', {
                    total: formatNumber(c.objects.total),
                    above: formatNumber(c.objects.atOrAboveThreshold),
                  })}`
                : ''}
            </Paragraph>
          ) : null}
          {!c.withheld && c.municipalities === 0 ? <Paragraph>{t('scans.noRuns')}</Paragraph> : null}
          {c.questions.length > 0 && c.municipalities > 0 ? (
            <DataTable
              caption={t('scans.questionsCaption', { count: c.municipalities })}
              columns={[
                t('scans.question'),
                { label: t('scans.mean'), className: 'samenspel-number' },
                { label: t('scans.median'), className: 'samenspel-number' },
                { label: t('scans.maximum'), className: 'samenspel-number' },
                t('scans.distribution'),
              ]}
            >
              {c.questions.map((q) => (
                <TableRow key={q.code}>
                  <TableHeaderCell scope="row">
                    <span className="samenspel-scan-code">{q.code}</span> {q.text}
                  </TableHeaderCell>
                  <TableCell className="samenspel-number">{formatNumber(q.points.mean)}</TableCell>
                  <TableCell className="samenspel-number">{formatNumber(q.points.median)}</TableCell>
                  <TableCell className="samenspel-number">{formatNumber(q.maxPoints)}</TableCell>
                  <TableCell>{distribution(q.distribution)}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          ) : null}
          {c.rows && c.rows.length > 0 ? (
            <>
              <Heading3>{t('scans.perMunicipality')}</Heading3>
              <Paragraph>{t('scans.perMunicipalityIntro')}</Paragraph>
              <DataTable
                caption={t('scans.rowsCaption', { count: c.rows.length })}
                columns={[
                  t('scans.municipality'),
                  t('scans.heldOn'),
                  { label: t('scans.points'), className: 'samenspel-number' },
                  { label: t('scans.score'), className: 'samenspel-number' },
                ]}
              >
                {c.rows.map((r) => (
                  <TableRow key={r.runId}>
                    <TableHeaderCell scope="row">
                      <RouterLink to={`/scans/uitvoeringen/${r.runId}`} className="utrecht-link">
                        {r.municipality.name}
                      </RouterLink>
                    </TableHeaderCell>
                    <TableCell>{formatDate(r.heldOn)}</TableCell>
                    <TableCell className="samenspel-number">
                      {pointsOf(r.score.points, r.score.maxPoints)}
                    </TableCell>
                    <TableCell className="samenspel-number">{percent(r.score.percentage)}</TableCell>
                  </TableRow>
                ))}
              </DataTable>
            </>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

/** The latest version's questions with their answers, points, basisniveau and advice. */
function Questions({ scan }: { scan: ScanDetail }) {
  const version = scan.versions.at(-1);
  if (!version) return null;
  return (
    <Section id="vragen" title={t('scans.questionsTitle', { number: version.number })}>
      <Paragraph>
        {t('scans.maxPoints', { max: formatNumber(version.maxPoints) })}
        {version.definition.threshold !== undefined
          ? ` ${t('scans.thresholdIs', { threshold: formatNumber(version.definition.threshold) })}`
          : ''}
      </Paragraph>
      <OrderedList className="samenspel-scan-questions">
        {version.definition.questions.map((q) => (
          <OrderedListItem key={q.code}>
            <span className="samenspel-scan-code">{q.code}</span> {q.text}
            {q.theme ? (
              <span className="samenspel-scan-detail">{t('scans.themeIs', { theme: q.theme })}</span>
            ) : null}
            <span className="samenspel-scan-detail">
              {q.options
                .map((o) =>
                  t('scans.optionPoints', {
                    label: o.label,
                    count: o.points,
                    points: formatNumber(o.points),
                  }),
                )
                .join(' · ')}
              {q.weight !== 1 ? ` — ${t('scans.weightIs', { weight: formatNumber(q.weight) })}` : ''}
              {q.basis !== undefined
                ? ` — ${t('scans.basisIs', { count: q.basis, basis: formatNumber(q.basis) })}`
                : ''}
            </span>
            {q.recommendation ? (
              <span className="samenspel-scan-detail">{t('scans.adviceIs', { text: q.recommendation })}</span>
            ) : null}
          </OrderedListItem>
        ))}
      </OrderedList>
    </Section>
  );
}
