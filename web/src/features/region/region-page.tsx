import type { District, Municipality } from '@samenspel/contracts';
import {
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type CSSProperties, useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page.js';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { formatDate, formatNumber, t } from '../../i18n/i18n.js';
import {
  useBoundaries,
  useDistricts,
  useMunicipalityHistory,
  useRegions,
} from '../reference/reference-api.js';
import { districtColors } from './district-colors.js';
import { RegionMap } from './region-map.js';

/** The start page: the region, its districts and municipalities, and a map of them. */
export function RegionPage() {
  const { regionId } = useParams();
  const regions = useRegions();
  const region = regionId ? regions.data?.find((r) => r.id === regionId) : regions.data?.[0];
  const districts = useDistricts(region?.id);
  const municipalities = useMunicipalityHistory(region?.id);
  const boundaries = useBoundaries(region?.id);
  const colors = useMemo(() => districtColors(districts.data ?? []), [districts.data]);

  useEffect(() => {
    if (region) document.title = `${t('region.title', { region: region.name })} · ${t('app.name')}`;
  }, [region]);

  if (regions.isPending) return <Loading />;
  if (regions.isError) return <ProblemAlert error={regions.error} onRetry={() => void regions.refetch()} />;
  if (!region) return <NotFoundPage />;

  const failed = [districts, municipalities, boundaries].find((q) => q.isError);
  return (
    <>
      <Heading1>{t('region.title', { region: region.name })}</Heading1>
      <Paragraph lead>
        {t('region.intro', {
          policeUnit: region.policeUnit,
          districts: region.districtCount,
          municipalities: region.municipalityCount,
        })}
      </Paragraph>
      {failed ? <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <div className="samenspel-region">
        <section aria-labelledby="kaart">
          <Heading2 id="kaart">{t('region.map.title')}</Heading2>
          {boundaries.data && districts.data ? (
            <>
              <RegionMap
                boundaries={boundaries.data}
                colors={colors}
                label={t('region.map.label', { count: boundaries.data.features.length, region: region.name })}
              />
              <ul className="samenspel-legend" aria-label={t('region.map.legend')}>
                {districts.data.map((d) => (
                  <li key={d.id}>
                    <span
                      className="samenspel-swatch"
                      style={{ background: colors.get(d.id) }}
                      aria-hidden="true"
                    />
                    {d.name}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <Loading />
          )}
        </section>
        <section aria-labelledby="districten">
          <Heading2 id="districten">{t('region.districts')}</Heading2>
          {districts.data ? <DistrictList districts={districts.data} colors={colors} /> : <Loading />}
        </section>
      </div>
      {municipalities.data && districts.data ? (
        <MunicipalityTable municipalities={municipalities.data} districts={districts.data} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function DistrictList({ districts, colors }: { districts: District[]; colors: Map<string, string> }) {
  return (
    <ul className="samenspel-districts">
      {districts.map((d) => (
        <li key={d.id} style={{ '--district-color': colors.get(d.id) } as CSSProperties}>
          <strong>{d.name}</strong>
          <br />
          {d.municipalityCount === 1
            ? t('region.municipalityCountOne')
            : t('region.municipalityCount', { count: d.municipalityCount })}
        </li>
      ))}
    </ul>
  );
}

function MunicipalityTable({
  municipalities,
  districts,
}: {
  municipalities: Municipality[];
  districts: District[];
}) {
  const order = new Map(districts.map((d, i) => [d.id, i]));
  const names = new Map(districts.map((d) => [d.id, d.name]));
  const rows = [...municipalities].sort(
    (a, b) =>
      (order.get(a.districtId) ?? 0) - (order.get(b.districtId) ?? 0) || a.name.localeCompare(b.name, 'nl'),
  );
  return (
    <DataTable
      caption={t('region.table.caption')}
      scroll={false}
      columns={[
        t('region.table.district'),
        t('region.table.municipality'),
        t('region.table.code'),
        t('region.table.province'),
        t('region.table.baseTeam'),
        { label: t('region.table.population'), className: 'samenspel-number' },
      ]}
    >
      {rows.map((m) => (
        <TableRow key={m.code}>
          <TableCell>{names.get(m.districtId)}</TableCell>
          <TableHeaderCell scope="row">
            {m.name}
            {m.validUntil ? ` (${t('region.table.until', { date: formatDate(m.validUntil) })})` : ''}
          </TableHeaderCell>
          <TableCell>{m.code}</TableCell>
          <TableCell>{m.province.name}</TableCell>
          <TableCell>{m.baseTeam ?? t('region.table.unknown')}</TableCell>
          <TableCell className="samenspel-number">
            {m.population === null ? '' : formatNumber(m.population)}
          </TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
