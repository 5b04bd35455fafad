import { type FinanceYear, type FinanceYearRequest, financeLineDefinitions } from '@samenspel/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  FormFieldTextbox,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, Fragment, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, getJson, sendJson } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { FormProblem, ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { ImportPanel } from '../imports/import-panel.js';
import './finance-page.css';

const thisYear = new Date().getFullYear();
const thousands = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const fte = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const groups = ['income', 'costs', 'fte'] as const;
type Line = FinanceYear['lines'][number];

/** A figure as the plan prints it: euros × 1,000 (rounded), FTE with two decimals, a dash for none. */
function shown(value: number | null, unit: 'euro' | 'fte'): string {
  if (value === null) return '–';
  return unit === 'fte' ? fte.format(value) : thousands.format(value / 1000);
}

function useFinanceYear(year: number) {
  return useQuery({
    queryKey: ['finance', year],
    queryFn: ({ signal }) => getJson<FinanceYear>(`/api/v1/finance/${year}`, signal),
  });
}

/**
 * The region's exploitatieoverzicht as the annual plan prints it: per line the budget and the
 * realisation of the year and the next year's budget (× € 1,000), the totals, and a warning
 * where income and costs do not balance. Programme managers record the year's figures.
 */
export function FinancePage() {
  const me = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jaar')) || thisYear - 1;
  const finance = useFinanceYear(year);
  useEffect(() => {
    document.title = `${t('finance.title')} · ${t('app.name')}`;
  }, []);
  const years = [...new Set([...Array.from({ length: 8 }, (_, i) => thisYear + 1 - i), year])].sort(
    (a, b) => b - a,
  );
  const data = finance.data;
  return (
    <>
      <Heading1>{t('finance.title')}</Heading1>
      <Paragraph>{t('finance.intro')}</Paragraph>
      <form className="samenspel-filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="financien-jaar"
          label={t('finance.year')}
          value={String(year)}
          onChange={(event) => setParams({ jaar: event.currentTarget.value })}
          options={years.map((y) => [String(y), String(y)] as const)}
        />
      </form>
      {finance.isPending ? <Loading /> : null}
      {finance.isError ? <ProblemAlert error={finance.error} onRetry={() => void finance.refetch()} /> : null}
      {data ? <FinanceTable data={data} /> : null}
      {data && can(me.data, 'finance.manage') ? <RecordFinance key={year} data={data} /> : null}
      {can(me.data, 'finance.manage') ? (
        <ImportPanel
          kind="finance"
          intro={t('imports.financeIntro')}
          onCommitted={() => void queryClient.invalidateQueries({ queryKey: ['finance'] })}
        />
      ) : null}
    </>
  );
}

function FinanceTable({ data }: { data: FinanceYear }) {
  const row = (label: string, values: Array<number | null>, unit: 'euro' | 'fte', total = false) => (
    <TableRow className={total ? 'samenspel-total' : undefined}>
      <TableHeaderCell scope="row">{label}</TableHeaderCell>
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the three columns are fixed
        <TableCell key={i} className="samenspel-number">
          {shown(v, unit)}
        </TableCell>
      ))}
    </TableRow>
  );
  const figures = (l: Pick<Line, 'budget' | 'realisation' | 'nextBudget'>) => [
    l.budget,
    l.realisation,
    l.nextBudget,
  ];
  return (
    <>
      {data.warnings.length ? (
        <Alert type="warning">
          <Heading2>{t('finance.unbalanced')}</Heading2>
          {data.warnings.map((w) => (
            <Paragraph key={w.column}>{w.reason}</Paragraph>
          ))}
        </Alert>
      ) : null}
      <DataTable
        caption={t('finance.caption', { year: data.year })}
        columns={[
          t('finance.line'),
          { label: t('finance.budget', { year: data.year }), className: 'samenspel-number' },
          { label: t('finance.realisation', { year: data.year }), className: 'samenspel-number' },
          { label: t('finance.budget', { year: data.year + 1 }), className: 'samenspel-number' },
        ]}
        cards={false}
      >
        {groups.map((group) => (
          <Fragment key={group}>
            <TableRow>
              <TableHeaderCell scope="colgroup" colSpan={4}>
                {t(`finance.group.${group}`)}
              </TableHeaderCell>
            </TableRow>
            {data.lines
              .filter((l) => l.group === group)
              .map((l) => (
                <Fragment key={l.line}>{row(l.name, figures(l), l.unit)}</Fragment>
              ))}
            {group !== 'fte'
              ? row(t(`finance.total.${group}`), figures(data.totals[group]), 'euro', true)
              : null}
          </Fragment>
        ))}
      </DataTable>
      <Paragraph className="samenspel-hint">{t('finance.note')}</Paragraph>
    </>
  );
}

function RecordFinance({ data }: { data: FinanceYear }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const save = useMutation({
    mutationFn: (body: FinanceYearRequest) =>
      sendJson<FinanceYear, FinanceYearRequest>('PUT', `/api/v1/finance/${data.year}`, body),
    onSuccess: async () => {
      setErrors({});
      setDone(t('finance.saved', { year: data.year }));
      await queryClient.invalidateQueries({ queryKey: ['finance'] });
    },
    onError: (error) => {
      setDone('');
      if (error instanceof ApiError && error.problem.invalidParams) {
        const found: Record<string, string> = {};
        for (const p of error.problem.invalidParams) found[p.name] ??= p.reason;
        setErrors(found);
      }
    },
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const number = (name: string) => {
      const raw = String(form.get(name) ?? '')
        .trim()
        .replace(/\./g, '')
        .replace(',', '.');
      return raw === '' ? null : Number(raw);
    };
    save.mutate({
      lines: financeLineDefinitions.map((d) => ({
        line: d.code,
        budget: number(`${d.code}.budget`),
        realisation: number(`${d.code}.realisation`),
      })),
    });
  }
  const value = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));
  return (
    <Section id="financien-vastleggen" title={t('finance.record', { year: data.year })}>
      <Paragraph>{t('finance.recordHint')}</Paragraph>
      {save.isError && !(save.error instanceof ApiError && save.error.problem.invalidParams) ? (
        <FormProblem error={save.error} />
      ) : null}
      <Paragraph role="status">{done}</Paragraph>
      <form onSubmit={submit} noValidate aria-labelledby="financien-vastleggen">
        {data.lines.map((l, i) => (
          <fieldset key={l.line} className="samenspel-filters">
            <legend>{l.name}</legend>
            {(['budget', 'realisation'] as const).map((field) => (
              <FormFieldTextbox
                key={field}
                id={`financien-${l.line}-${field}`}
                name={`${l.line}.${field}`}
                label={t(`finance.field.${field}`, { unit: t(`finance.unit.${l.unit}`) })}
                inputMode="decimal"
                autoComplete="off"
                defaultValue={value(l[field])}
                invalid={Boolean(errors[`lines.${i}.${field}`])}
                errorMessage={errors[`lines.${i}.${field}`]}
              />
            ))}
          </fieldset>
        ))}
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('finance.save')}
        </Button>
      </form>
    </Section>
  );
}
