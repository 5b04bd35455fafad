import type { BoundaryCollection, MapSettings, RegionMap } from '@samenspel/contracts';
import {
  Fieldset,
  FieldsetLegend,
  FormLabel,
  Paragraph,
  RadioButton,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import L from 'leaflet';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { formatNumber, type MessageKey, t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { useBoundaries } from '../reference/reference-api.js';
import { baseMap } from './base-map.js';
import { useMapSettings, useRegionMap } from './places-api.js';

type LayerName = keyof RegionMap['layers'];
const layerNames: readonly LayerName[] = ['signals', 'cases', 'locations'];

/** A layer's cells, most first, each with the number it is listed (and named) by. */
type NumberedCell = RegionMap['layers'][LayerName]['cells'][number] & { number: number };

/** ColorBrewer's Purples, light to dark: readable on the white boundaries and on a base map. */
const shades = ['#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;

/** The legend's classes: one per count when there are few counts, else four equal ranges. */
export function shadeClasses(counts: readonly number[]): Array<{ from: number; to: number; colour: string }> {
  const distinct = [...new Set(counts)].sort((a, b) => a - b);
  if (distinct.length === 0) return [];
  if (distinct.length <= shades.length) {
    const offset = shades.length - distinct.length;
    return distinct.map((n, i) => ({ from: n, to: n, colour: shades[offset + i] ?? shades[0] }));
  }
  const least = distinct[0] ?? 1;
  const most = distinct[distinct.length - 1] ?? least;
  const step = (most - least + 1) / shades.length;
  return shades.map((colour, i) => ({
    from: least + Math.ceil(step * i),
    to: i === shades.length - 1 ? most : least + Math.ceil(step * (i + 1)) - 1,
    colour,
  }));
}

function shadeOf(count: number, classes: ReturnType<typeof shadeClasses>): string {
  return classes.find((c) => count >= c.from && count <= c.to)?.colour ?? shades[3];
}

/**
 * The region's map of a year: its signals, cases or risk locations as counts per H3 cell, over
 * the municipal boundaries (and the deployment's base map, if it has one). Never points: the
 * server sends counts only, through the disclosure gate for readers who see aggregates only.
 * The cells are numbered, most first; the table under the map lists the same numbers with their
 * counts, for keyboard and screen-reader users.
 */
export function RegionMapSection({ year }: { year: number }) {
  const me = useMe();
  const map = useRegionMap(year);
  const boundaries = useBoundaries(me.data?.region.id);
  const settings = useMapSettings();
  const [layer, setLayer] = useState<LayerName>('signals');
  const failed = [map, boundaries].find((q) => q.isError);
  return (
    <Section id="regiokaart" title={t('places.regionMap.title', { year })}>
      <Paragraph>{t('places.regionMap.intro')}</Paragraph>
      <Fieldset>
        <FieldsetLegend>{t('places.regionMap.layer')}</FieldsetLegend>
        {layerNames.map((name) => (
          <p key={name} className="samenspel-radio">
            <RadioButton
              id={`regiokaart-${name}`}
              name="regiokaart-laag"
              value={name}
              checked={layer === name}
              onChange={() => setLayer(name)}
            />
            <FormLabel htmlFor={`regiokaart-${name}`} type="radio">
              {t(`places.regionMap.layer.${name}`, { year })}
            </FormLabel>
          </p>
        ))}
      </Fieldset>
      {map.isPending || boundaries.isPending ? <Loading /> : null}
      {failed?.error ? <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      {map.data && boundaries.data ? (
        <RegionMapView
          map={map.data}
          layer={layer}
          boundaries={boundaries.data}
          tiles={settings.data?.tiles ?? null}
        />
      ) : null}
    </Section>
  );
}

function RegionMapView({
  map,
  layer,
  boundaries,
  tiles,
}: {
  map: RegionMap;
  layer: LayerName;
  boundaries: BoundaryCollection;
  tiles: MapSettings['tiles'];
}) {
  const container = useRef<HTMLDivElement>(null);
  // The drawn map: the cells are drawn on it again when it is drawn anew (the base map arrives).
  const [drawn, setDrawn] = useState<{ map: L.Map; base: L.GeoJSON } | null>(null);
  const summaryId = useId();
  const legendId = useId();
  const data = map.layers[layer];
  const noun = t(`places.regionMap.noun.${layer}`);
  const cells = useMemo<NumberedCell[]>(
    () =>
      [...data.cells]
        .sort((a, b) => b.count - a.count || a.cell.localeCompare(b.cell))
        .map((c, i) => ({ ...c, number: i + 1 })),
    [data],
  );
  const classes = useMemo(() => shadeClasses(cells.map((c) => c.count)), [cells]);

  // The map and its boundaries, drawn once for the boundaries and the base map.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { leaflet, base } = baseMap(element, boundaries, tiles);
    leaflet.fitBounds(base.getBounds(), { padding: [8, 8], animate: false });
    element.setAttribute('role', 'region');
    setDrawn({ map: leaflet, base });
    return () => {
      setDrawn(null);
      leaflet.remove();
    };
  }, [boundaries, tiles]);

  // The chosen layer's cells, shaded by count.
  useEffect(() => {
    const element = container.current;
    if (!element || !drawn) return;
    const group = L.featureGroup(
      cells.map((c) =>
        L.polygon(
          c.outline.map(([lng, lat]) => [lat ?? 0, lng ?? 0] as [number, number]),
          { color: '#3f007d', weight: 1, fillColor: shadeOf(c.count, classes), fillOpacity: 0.8 },
        ).bindTooltip(t('places.regionMap.cellTooltip', { number: c.number, count: c.count, noun })),
      ),
    ).addTo(drawn.map);
    drawn.map.fitBounds(cells.length ? group.getBounds() : drawn.base.getBounds(), {
      padding: [24, 24],
      // One cell or a few close together: still zoomed out far enough to see where they are.
      maxZoom: 10,
      animate: false,
    });
    // The shapes are not tab stops and stay out of the accessibility tree: the table under the
    // map gives every cell's count.
    for (const shape of element.querySelectorAll('path.leaflet-interactive'))
      shape.setAttribute('tabindex', '-1');
    element.querySelector('.leaflet-overlay-pane svg')?.setAttribute('aria-hidden', 'true');
    element.setAttribute('aria-label', t('places.regionMap.label', { year: map.year, noun }));
    return () => {
      group.remove();
    };
  }, [drawn, cells, classes, noun, map.year]);

  return (
    <>
      <div ref={container} className="samenspel-map" data-testid="region-map" aria-describedby={summaryId} />
      {classes.length ? (
        <ul className="samenspel-legend" aria-labelledby={legendId}>
          {/* The list's name, shown as its first line; not an item of it for screen readers. */}
          <li id={legendId} aria-hidden="true">
            {t('places.regionMap.legend', { noun })}
          </li>
          {classes.map((c) => (
            <li key={c.colour}>
              <span className="samenspel-swatch" style={{ background: c.colour }} aria-hidden="true" />
              {c.from === c.to
                ? t('places.regionMap.legendOne', { count: c.from, noun })
                : t('places.regionMap.legendRange', { from: c.from, to: c.to, noun })}
            </li>
          ))}
        </ul>
      ) : null}
      <Paragraph id={summaryId}>{placedSentence(map, layer)}</Paragraph>
      {map.protected ? (
        <Paragraph>{t('places.regionMap.protected', { minimum: map.minimum, noun })}</Paragraph>
      ) : null}
      {cells.length === 0 ? (
        <Paragraph>
          {t(map.protected ? 'places.regionMap.emptyProtected' : 'places.regionMap.empty', {
            noun,
            year: map.year,
            minimum: map.minimum,
          })}
        </Paragraph>
      ) : (
        <DataTable
          caption={t('places.regionMap.tableCaption', { noun, year: map.year })}
          columns={[t('places.regionMap.cell'), { label: t('places.number'), className: 'samenspel-number' }]}
          cards={false}
        >
          {cells.map((c) => (
            <TableRow key={c.cell}>
              <TableHeaderCell scope="row">
                {t('places.regionMap.cellName', { number: c.number })}
              </TableHeaderCell>
              <TableCell className="samenspel-number">{formatNumber(c.count)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** How many of the layer's records are on the map, and why the rest are not. */
function placedSentence(map: RegionMap, layer: LayerName): string {
  const { records, placed } = map.layers[layer];
  const params = { year: map.year, minimum: map.minimum };
  if (records === null) return t(`places.regionMap.fewRecords.${layer}`, params);
  if (records === 0) return t(`places.regionMap.noRecords.${layer}`, params);
  if (placed === null) return t(`places.regionMap.fewPlaced.${layer}`, { ...params, records });
  // Rounded figures say how many, not which are missing: no reason given for "the rest".
  if (map.protected)
    return t('places.regionMap.placedRounded', {
      ...params,
      placed: formatNumber(placed),
      records: formatNumber(records),
      noun: t(`places.regionMap.noun.${layer}`),
    });
  if (placed === records) return t(`places.regionMap.allPlaced.${layer}`, { ...params, count: records });
  const key: MessageKey = `places.regionMap.placed.${layer}`;
  return t(key, { ...params, count: placed, placed: formatNumber(placed), records: formatNumber(records) });
}
