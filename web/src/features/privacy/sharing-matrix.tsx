import type { SharingMatrix } from '@samenspel/contracts';
import { TableCell, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { DataTable } from '../../components/data-table.js';
import { formatNumber, t } from '../../i18n/i18n.js';

// The drawing's measures, in SVG units; it scales down with the page, never wider than this.
const cell = 56;
const labelWidth = 200;
const headerHeight = 140;
const rightSpace = 130; // the last column's slanted name
const maxRadius = cell / 2 - 3;
const minRadius = 5;

/** A name that fits beside the grid; the full name is in the element's <title> and in the table. */
const short = (name: string, max = 24) => (name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name);

const provisionsText = (n: number) => t('register.provisionsCount', { count: n, n: formatNumber(n) });
const casesText = (n: number) => t('register.casesCount', { count: n, n: formatNumber(n) });

interface Pair {
  from: string;
  to: string;
  provisions: number;
  cases: number;
  bases: string[];
}

/** The cells of one provider and receiver together, whatever the bases. */
function pairs(matrix: SharingMatrix): Map<string, Pair> {
  const result = new Map<string, Pair>();
  for (const c of matrix.cells) {
    const key = `${c.from}→${c.to}`;
    const pair = result.get(key) ?? { from: c.from, to: c.to, provisions: 0, cases: 0, bases: [] };
    pair.provisions += c.provisions;
    pair.cases += c.cases;
    if (!pair.bases.includes(c.basis)) pair.bases.push(c.basis);
    result.set(key, pair);
  }
  return result;
}

/**
 * The sharing matrix as a picture (providers as rows, receivers as columns, a circle whose area
 * grows with the provisions) and the same figures as a table for whoever cannot see it.
 */
export function SharingMatrixView({ matrix }: { matrix: SharingMatrix }) {
  const names = new Map(matrix.organisations.map((o) => [o.id, o.name]));
  const name = (id: string) => names.get(id) ?? id;
  const rows = [...matrix.cells].sort(
    (a, b) =>
      name(a.from).localeCompare(name(b.from), 'nl') ||
      name(a.to).localeCompare(name(b.to), 'nl') ||
      a.basis.localeCompare(b.basis, 'nl'),
  );
  return (
    <>
      <MatrixPicture matrix={matrix} />
      <DataTable
        caption={t('register.tableCaption')}
        columns={[
          t('register.providing'),
          t('register.receiving'),
          t('register.legalBasis'),
          { label: t('register.provisions'), className: 'samenspel-number' },
          { label: t('register.cases'), className: 'samenspel-number' },
        ]}
      >
        {rows.map((c) => (
          <TableRow key={`${c.from}-${c.to}-${c.basis}`}>
            <TableHeaderCell scope="row">{name(c.from)}</TableHeaderCell>
            <TableCell>{name(c.to)}</TableCell>
            <TableCell>{c.basis}</TableCell>
            <TableCell className="samenspel-number">{formatNumber(c.provisions)}</TableCell>
            <TableCell className="samenspel-number">{formatNumber(c.cases)}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </>
  );
}

function MatrixPicture({ matrix }: { matrix: SharingMatrix }) {
  const orgs = matrix.organisations;
  const byPair = pairs(matrix);
  const most = Math.max(1, ...[...byPair.values()].map((p) => p.provisions));
  // The area grows with the provisions; a small circle has its figure under it, not over it.
  const radius = (p: Pair) => Math.max(minRadius, maxRadius * Math.sqrt(p.provisions / most));
  const total = matrix.cells.reduce((sum, c) => sum + c.provisions, 0);
  const width = labelWidth + orgs.length * cell + rightSpace;
  const height = headerHeight + orgs.length * cell + 4;
  const label = t('register.matrixLabel', {
    period: matrix.year ? t('register.periodYear', { year: matrix.year }) : t('register.periodAll'),
    provisions: provisionsText(total),
    partners: orgs.length,
  });
  return (
    <div className="samenspel-register__picture">
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        className="samenspel-register__matrix"
      >
        <text x={8} y={headerHeight - 30} className="samenspel-register__axis">
          {t('register.axisTo')}
        </text>
        <text x={8} y={headerHeight - 10} className="samenspel-register__axis">
          {t('register.axisFrom')}
        </text>
        {orgs.map((o, i) => (
          <g key={o.id}>
            <text
              transform={`translate(${labelWidth + i * cell + cell / 2},${headerHeight - 8}) rotate(-45)`}
            >
              <title>{o.name}</title>
              {short(o.name)}
            </text>
            <text x={labelWidth - 10} y={headerHeight + i * cell + cell / 2} textAnchor="end" dy="0.35em">
              <title>{o.name}</title>
              {short(o.name)}
            </text>
          </g>
        ))}
        {orgs.map((from, r) =>
          orgs.map((to, c) => {
            const x = labelWidth + c * cell;
            const y = headerHeight + r * cell;
            const pair = byPair.get(`${from.id}→${to.id}`);
            return (
              <g key={`${from.id}-${to.id}`}>
                <rect
                  x={x}
                  y={y}
                  width={cell}
                  height={cell}
                  className={r === c ? 'samenspel-register__self' : 'samenspel-register__cell'}
                />
                {pair ? (
                  <g>
                    <title>
                      {t('register.cellTitle', {
                        from: from.name,
                        to: to.name,
                        provisions: provisionsText(pair.provisions),
                        cases: casesText(pair.cases),
                        bases: pair.bases.join(', '),
                      })}
                    </title>
                    <circle
                      cx={x + cell / 2}
                      cy={y + cell / 2 - (radius(pair) < 14 ? 8 : 0)}
                      r={radius(pair)}
                      className="samenspel-register__dot"
                    />
                    <text
                      x={x + cell / 2}
                      y={y + cell / 2 + (radius(pair) < 14 ? 15 : 0)}
                      textAnchor="middle"
                      dy="0.35em"
                      className="samenspel-register__count"
                    >
                      {formatNumber(pair.provisions)}
                    </text>
                  </g>
                ) : null}
              </g>
            );
          }),
        )}
      </svg>
    </div>
  );
}
