import {
  type AccountabilityReport,
  accountabilityFootnotes,
  accountabilityLines,
  type DistrictFigures,
  type DistrictTarget,
  REGIONAL_SCOPE,
  targetMeasures,
} from '@samenspel/contracts';
import {
  Alert,
  Button,
  ButtonGroup,
  ButtonLink,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Heading3,
  OrderedList,
  OrderedListItem,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, formatNumber, type MessageKey, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useDistricts } from '../reference/reference-api.js';
import { FlowChart, SourcesChart } from './charts.js';
import { type ReportFilter, reportQueryString, useAccountability, useSetTargets } from './reports-api.js';

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

function value(v: number | null, unit: 'count' | 'cents'): string {
  if (v === null) return '—';
  return unit === 'cents' ? euro.format(v / 100) : formatNumber(v);
}

function days(v: number | null): string {
  return v === null ? '—' : t('dashboard.days', { days: formatNumber(v) });
}

function targetText(target: DistrictTarget): string {
  const amount =
    target.maximum !== null && target.maximum !== target.minimum
      ? `${target.minimum}–${target.maximum}`
      : String(target.minimum);
  return t('dashboard.targetLine', {
    amount,
    measure: t(`dashboard.measure.${target.measure}` as MessageKey).toLowerCase(),
    note: target.note ? ` (${target.note})` : '',
  });
}

/** The accountability table as the annual plan prints it, with its footnotes. */
function AccountabilityTable({ report }: { report: AccountabilityReport }) {
  return (
    <section aria-labelledby="tabel-titel">
      <Heading2 id="tabel-titel">{t('dashboard.table')}</Heading2>
      <DataTable
        caption={t('dashboard.tableCaption', {
          scope: report.scope.name,
          from: formatDate(report.period.from),
          to: formatDate(report.period.to),
        })}
        className="samenspel-accountability"
        columns={[
          t('dashboard.number'),
          t('dashboard.item'),
          { label: t('dashboard.value'), className: 'samenspel-numeric' },
        ]}
      >
        {accountabilityLines(report.table).map((line) => (
          <TableRow
            key={`${line.number}-${line.label}`}
            className={line.level ? 'samenspel-accountability__sub' : ''}
          >
            <TableCell>{line.number}</TableCell>
            <TableHeaderCell scope="row">{line.label}</TableHeaderCell>
            <TableCell className="samenspel-numeric">
              {line.value === null && line.number !== '1' ? '' : value(line.value, line.unit)}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
      <OrderedList className="samenspel-footnotes">
        {accountabilityFootnotes.map((note) => (
          <OrderedListItem key={note}>{note}</OrderedListItem>
        ))}
      </OrderedList>
    </section>
  );
}

/** A district's targets for the year, for programme managers. */
function TargetForm({ figures, year }: { figures: DistrictFigures; year: number }) {
  const setTargets = useSetTargets();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const district = figures.district;
  if (!district) return null;
  const current = (measure: string) => figures.targets.find((x) => x.measure === measure);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!district) return;
    const data = new FormData(event.currentTarget);
    const number = (name: string) => {
      const raw = String(data.get(name) ?? '').trim();
      return raw === '' ? null : Number(raw);
    };
    const targets = targetMeasures.flatMap((measure) => {
      const minimum = number(`${measure}-min`);
      if (minimum === null) return [];
      return [
        {
          measure,
          minimum,
          maximum: number(`${measure}-max`),
          note: String(data.get(`${measure}-note`) ?? '') || null,
        },
      ];
    });
    setSaved(false);
    try {
      await setTargets.mutateAsync({ districtId: district.id, year, targets });
      setErrors({});
      setSaved(true);
    } catch (error) {
      // Each refusal by its full name (targets.1.maximum): next to the field it names.
      const fields = error instanceof ApiError ? (error.problem.invalidParams ?? []) : [];
      const mapped: Record<string, string> = {};
      for (const { name, reason: message } of fields) {
        const match = /^targets\.(\d+)\.(\w+)$/.exec(name);
        const measure = match ? targets[Number(match[1])]?.measure : undefined;
        const field = match?.[2] === 'maximum' ? 'max' : match?.[2] === 'note' ? 'note' : 'min';
        mapped[measure ? `${measure}-${field}` : 'form'] ??= message;
      }
      setErrors(Object.keys(mapped).length ? mapped : { form: t('dashboard.targetsFailed') });
    }
  }

  const id = (measure: string, field: string) => `doel-${district.id}-${measure}-${field}`;
  return (
    <details className="samenspel-target-form">
      <summary>{t('dashboard.editTargets', { year })}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {errors.form ? <Alert type="error">{errors.form}</Alert> : null}
        {targetMeasures.map((measure) => (
          <fieldset key={measure} className="samenspel-target-form__row">
            <legend>{t(`dashboard.measure.${measure}` as MessageKey)}</legend>
            {(['min', 'max'] as const).map((field) => (
              <FormField
                key={field}
                invalid={Boolean(errors[`${measure}-${field}`])}
                label={
                  <FormLabel htmlFor={id(measure, field)}>
                    {t(`dashboard.target.${field}` as MessageKey)}
                  </FormLabel>
                }
              >
                {errors[`${measure}-${field}`] ? (
                  <FormFieldErrorMessage id={`${id(measure, field)}-fout`}>
                    {errors[`${measure}-${field}`]}
                  </FormFieldErrorMessage>
                ) : null}
                <Textbox
                  id={id(measure, field)}
                  name={`${measure}-${field}`}
                  inputMode="numeric"
                  size={5}
                  invalid={Boolean(errors[`${measure}-${field}`])}
                  aria-describedby={errors[`${measure}-${field}`] ? `${id(measure, field)}-fout` : undefined}
                  defaultValue={
                    field === 'min'
                      ? (current(measure)?.minimum?.toString() ?? '')
                      : (current(measure)?.maximum?.toString() ?? '')
                  }
                />
              </FormField>
            ))}
            <FormField
              label={<FormLabel htmlFor={id(measure, 'note')}>{t('dashboard.target.note')}</FormLabel>}
            >
              <Textbox
                id={id(measure, 'note')}
                name={`${measure}-note`}
                defaultValue={current(measure)?.note ?? ''}
              />
            </FormField>
          </fieldset>
        ))}
        <ButtonGroup>
          <Button type="submit" appearance="secondary-action-button" disabled={setTargets.isPending}>
            {t('dashboard.saveTargets')}
          </Button>
        </ButtonGroup>
        {saved ? (
          <Alert type="ok" role="status">
            {t('dashboard.targetsSaved')}
          </Alert>
        ) : null}
      </form>
    </details>
  );
}

function DistrictCard({
  figures,
  year,
  editable,
}: {
  figures: DistrictFigures;
  year: number | null;
  editable: boolean;
}) {
  const name = figures.district?.name ?? t('dashboard.regional');
  const headingId = `district-${figures.district?.id ?? REGIONAL_SCOPE}`;
  const outcome = (target: DistrictTarget) => {
    const result = figures[target.measure];
    if (result < target.minimum) return 'missed';
    return target.maximum !== null && result > target.maximum ? 'above' : 'reached';
  };
  return (
    <section className="samenspel-district-card" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{name}</Heading3>
      <dl className="samenspel-figures">
        {(['handled', 'new', 'closed'] as const).map((measure) => (
          <div key={measure}>
            <dt>{t(`dashboard.measure.${measure}` as MessageKey)}</dt>
            <dd>{formatNumber(figures[measure])}</dd>
          </div>
        ))}
      </dl>
      {figures.targets.length ? (
        <ul className="samenspel-targets">
          {figures.targets.map((target) => (
            <li key={target.measure}>
              {targetText(target)}:{' '}
              <strong>
                {t(`dashboard.target.${outcome(target)}` as MessageKey, { result: figures[target.measure] })}
              </strong>
            </li>
          ))}
        </ul>
      ) : figures.district && year !== null ? (
        <Paragraph className="samenspel-muted">{t('dashboard.noTargets')}</Paragraph>
      ) : null}
      {editable && year !== null ? <TargetForm figures={figures} year={year} /> : null}
    </section>
  );
}

/**
 * Accountability and steering for the Taskforce, DIS and programme managers: the national table,
 * district cards against targets, the flow of cases, lead times and signals by source. Only
 * aggregates: no name, no case, no link into one.
 */
export function DashboardPage() {
  const me = useMe();
  const districts = useDistricts(me.data?.region.id);
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const filter: ReportFilter = {
    year: Number(params.get('jaar') ?? thisYear - 1),
    quarter: params.get('kwartaal') ?? '',
    district: params.get('district') ?? '',
  };
  const report = useAccountability(filter);
  useEffect(() => {
    document.title = `${t('dashboard.title')} · ${t('app.name')}`;
  }, []);
  // Without a chosen year, show the last year in which the region's cases moved.
  const lastActivity = report.data?.years.lastActivity;
  useEffect(() => {
    if (!params.get('jaar') && lastActivity !== undefined && lastActivity < filter.year)
      setParams({ jaar: String(lastActivity) }, { replace: true });
  }, [lastActivity, filter.year, params, setParams]);

  const update = (name: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set('jaar', String(filter.year));
    if (v) next.set(name, v);
    else next.delete(name);
    setParams(next);
  };
  const first = Math.min(report.data?.years.first ?? thisYear - 4, filter.year);
  const years = Array.from({ length: thisYear - first + 1 }, (_, i) => thisYear - i);
  const query = reportQueryString(filter);
  const data = report.data;
  return (
    <>
      <Heading1>{t('dashboard.title')}</Heading1>
      <Paragraph>{t('dashboard.intro')}</Paragraph>
      <form className="samenspel-filters samenspel-no-print" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="filter-jaar"
          label={t('dashboard.year')}
          value={String(filter.year)}
          onChange={(e) => update('jaar', e.currentTarget.value)}
          options={years.map((y) => [String(y), String(y)] as const)}
        />
        <SelectField
          id="filter-kwartaal"
          label={t('dashboard.quarter')}
          value={filter.quarter}
          onChange={(e) => update('kwartaal', e.currentTarget.value)}
          placeholder={t('dashboard.wholeYear')}
          options={['1', '2', '3', '4'].map((q) => [q, t('dashboard.quarterN', { quarter: q })] as const)}
        />
        <SelectField
          id="filter-district"
          label={t('meetings.district')}
          value={filter.district}
          onChange={(e) => update('district', e.currentTarget.value)}
          placeholder={t('dashboard.wholeRegion')}
          options={[
            ...(districts.data ?? []).map((d) => [d.id, d.name] as const),
            [REGIONAL_SCOPE, t('dashboard.regional')],
          ]}
        />
        <ButtonGroup>
          <ButtonLink
            appearance="secondary-action-button"
            href={`/api/v1/reports/accountability.xlsx?${query}`}
            download
          >
            {t('dashboard.downloadXlsx')}
          </ButtonLink>
          <ButtonLink
            appearance="secondary-action-button"
            href={`/api/v1/reports/accountability.csv?${query}`}
            download
          >
            {t('dashboard.downloadCsv')}
          </ButtonLink>
          <Button appearance="subtle-button" onClick={() => window.print()}>
            {t('dashboard.print')}
          </Button>
        </ButtonGroup>
      </form>
      {report.isFetching ? <Loading label={t('dashboard.computing')} /> : null}
      {report.isError ? <ProblemAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {data ? (
        <div className="samenspel-dashboard" aria-busy={report.isFetching}>
          <AccountabilityTable report={data} />
          {data.districts.length ? (
            <section aria-labelledby="districten-titel">
              <Heading2 id="districten-titel">{t('dashboard.districts')}</Heading2>
              <div className="samenspel-district-cards">
                {data.districts.map((d) => (
                  <DistrictCard
                    key={d.district?.id ?? REGIONAL_SCOPE}
                    figures={d}
                    year={filter.quarter ? null : filter.year}
                    editable={can(me.data, 'target.manage')}
                  />
                ))}
              </div>
            </section>
          ) : null}
          <section aria-labelledby="verloop-titel">
            <Heading2 id="verloop-titel">{t('dashboard.trends')}</Heading2>
            <div className="samenspel-charts">
              <FlowChart flow={data.flow} />
              <SourcesChart rows={data.signalsBySource} />
            </div>
          </section>
          <section aria-labelledby="doorlooptijden-titel">
            <Heading2 id="doorlooptijden-titel">{t('dashboard.leadTimes')}</Heading2>
            <DataTable
              caption={t('dashboard.leadTimesCaption')}
              columns={[
                t('dashboard.leadTime'),
                { label: t('dashboard.count'), className: 'samenspel-numeric' },
                { label: t('dashboard.median'), className: 'samenspel-numeric' },
                { label: t('dashboard.p90'), className: 'samenspel-numeric' },
              ]}
            >
              {(['signalToDecision', 'startToFirstIntervention', 'startToClosure'] as const).map((key) => (
                <TableRow key={key}>
                  <TableHeaderCell scope="row">
                    {t(`dashboard.leadTime.${key}` as MessageKey)}
                  </TableHeaderCell>
                  <TableCell className="samenspel-numeric">
                    {formatNumber(data.leadTimes[key].count)}
                  </TableCell>
                  <TableCell className="samenspel-numeric">{days(data.leadTimes[key].median)}</TableCell>
                  <TableCell className="samenspel-numeric">{days(data.leadTimes[key].p90)}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          </section>
        </div>
      ) : null}
    </>
  );
}
