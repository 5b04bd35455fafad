import { type AccountabilityReport, signalSources } from '@samenspel/contracts';
import { TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DataTable } from '../../components/data-table.js';
import { formatNumber, type MessageKey, t } from '../../i18n/i18n.js';

// Colours that keep 3:1 contrast against white and stay apart for colour-blind readers.
const colours = {
  new: '#1d3b5f',
  closed: '#00795c',
  ongoing: '#b35900',
};
const sourceColours = ['#1d3b5f', '#b35900', '#00795c', '#8e3b8c', '#0072b2', '#6b6b6b', '#a3282b'];

/** One colour per source, the same in every period. */
const colourOf = (source: string) =>
  sourceColours[([...signalSources, 'unknown'] as string[]).indexOf(source) % sourceColours.length];

const monthFormat = new Intl.DateTimeFormat('nl-NL', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const monthLabel = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));

/**
 * A chart with its caption and the same numbers as a table for whoever cannot see the chart; the
 * drawing itself is hidden from assistive technology.
 */
function Figure({ title, chart, table }: { title: string; chart: ReactNode; table: ReactNode }) {
  return (
    <figure className="samenspel-chart">
      <figcaption className="samenspel-chart__caption">{title}</figcaption>
      <div className="samenspel-chart__drawing" aria-hidden="true">
        {chart}
      </div>
      <details className="samenspel-chart__data">
        <summary>{t('dashboard.asTable')}</summary>
        <div className="samenspel-table-scroll">{table}</div>
      </details>
    </figure>
  );
}

export function FlowChart({ flow }: { flow: AccountabilityReport['flow'] }) {
  const data = flow.map((f) => ({ ...f, label: monthLabel(f.month) }));
  return (
    <Figure
      title={t('dashboard.flow')}
      chart={
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
            accessibilityLayer={false}
          >
            <CartesianGrid stroke="#d0d5db" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: '#1a1a1a', fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fill: '#1a1a1a', fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Bar dataKey="new" name={t('dashboard.new')} fill={colours.new} isAnimationActive={false} />
            <Bar
              dataKey="closed"
              name={t('dashboard.closed')}
              fill={colours.closed}
              isAnimationActive={false}
            />
            <Line
              dataKey="ongoing"
              name={t('dashboard.ongoing')}
              stroke={colours.ongoing}
              strokeWidth={3}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      }
      table={
        <DataTable
          caption={t('dashboard.flow')}
          scroll={false}
          columns={[t('dashboard.month'), t('dashboard.new'), t('dashboard.closed'), t('dashboard.ongoing')]}
        >
          {data.map((f) => (
            <TableRow key={f.month}>
              <TableHeaderCell scope="row">{f.label}</TableHeaderCell>
              <TableCell>{formatNumber(f.new)}</TableCell>
              <TableCell>{formatNumber(f.closed)}</TableCell>
              <TableCell>{formatNumber(f.ongoing)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      }
    />
  );
}

export function SourcesChart({ rows }: { rows: AccountabilityReport['signalsBySource'] }) {
  const sources = [...new Set(rows.map((r) => r.source))];
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const data = months.map((month) => ({
    label: monthLabel(month),
    month,
    ...Object.fromEntries(
      sources.map((s) => [s, rows.find((r) => r.month === month && r.source === s)?.count ?? 0]),
    ),
  }));
  const name = (source: string) => t(`source.${source}` as MessageKey);
  return (
    <Figure
      title={t('dashboard.sources')}
      chart={
        <ResponsiveContainer width="100%" height={280}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#d0d5db" vertical={false} />
            <XAxis dataKey="label" tick={{ fill: '#1a1a1a', fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fill: '#1a1a1a', fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {sources.map((s) => (
              <Bar
                key={s}
                dataKey={s}
                name={name(s)}
                stackId="bron"
                fill={colourOf(s)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <DataTable
          caption={t('dashboard.sources')}
          scroll={false}
          columns={[t('dashboard.month'), ...sources.map(name)]}
        >
          {data.map((row) => (
            <TableRow key={row.month}>
              <TableHeaderCell scope="row">{row.label}</TableHeaderCell>
              {sources.map((s) => (
                <TableCell key={s}>
                  {formatNumber(Number((row as Record<string, unknown>)[s] ?? 0))}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </DataTable>
      }
    />
  );
}
