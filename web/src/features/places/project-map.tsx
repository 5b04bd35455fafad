import type { BoundaryCollection, MapLayer, MapSettings, ProjectMap } from '@samenspel/contracts';
import { Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { t } from '../../i18n/i18n.js';
import { baseMap } from './base-map.js';

const hotColours: Record<ProjectMap['hotspots'][number]['class'], string> = {
  'hot-99': '#a50f15',
  'hot-95': '#de2d26',
  'hot-90': '#fb6a4a',
  'cold-90': '#6baed6',
  'cold-95': '#3182bd',
  'cold-99': '#08519c',
};

/** The map as GeoJSON: points, cells and hotspots, each feature with its layer. */
export function mapAsGeoJson(map: ProjectMap): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      ...map.points.map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.longitude, p.latitude] },
        properties: { layer: 'points', id: p.id, kind: p.kind, status: p.status },
      })),
      ...map.cells.map((c) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates: [c.outline] },
        properties: { layer: 'cells', cell: c.cell, count: c.count, protected: map.protected },
      })),
      ...map.hotspots.map((h) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates: [h.outline] },
        properties: { layer: 'hotspots', cell: h.cell, class: h.class, z: h.z },
      })),
    ],
  };
}

/**
 * A project's map over the region's municipal boundaries, without a tile server: the points the
 * reader may open, the locations per H3 cell and the Gi* hotspots, each a layer to switch on and
 * off (Leaflet's layer control, open and reachable by keyboard). What the map shows is also said
 * in words under it, and can be downloaded as GeoJSON.
 */
export function ProjectMapView({
  map,
  boundaries,
  layers = [],
  tiles = null,
}: {
  map: ProjectMap;
  boundaries: BoundaryCollection;
  /** The deployment's base map; without it the municipal boundaries are the whole map. */
  tiles?: MapSettings['tiles'];
  /** Opportunity and risk maps to offer as layers, off at first. */
  layers?: readonly MapLayer[];
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { leaflet, base } = baseMap(element, boundaries, tiles);
    const most = Math.max(1, ...map.cells.map((c) => c.count));
    const cells = L.featureGroup(
      map.cells.map((c) =>
        L.polygon(
          c.outline.map(([lng, lat]) => [lat ?? 0, lng ?? 0] as [number, number]),
          { color: '#4a1486', weight: 1, fillColor: '#6a51a3', fillOpacity: 0.15 + 0.6 * (c.count / most) },
        ).bindTooltip(t('places.map.cellTooltip', { count: c.count })),
      ),
    );
    const hotspots = L.layerGroup(
      map.hotspots.map((h) =>
        L.polygon(
          h.outline.map(([lng, lat]) => [lat ?? 0, lng ?? 0] as [number, number]),
          { color: hotColours[h.class], weight: 1, fillColor: hotColours[h.class], fillOpacity: 0.7 },
        ).bindTooltip(t(`places.map.class.${h.class}`)),
      ),
    );
    const points = L.layerGroup(
      map.points.map((p) =>
        L.circleMarker([p.latitude, p.longitude], {
          radius: 5,
          color: '#000000',
          weight: 1,
          fillColor: p.status === 'addressed' || p.status === 'closed' ? '#31a354' : '#feb24c',
          fillOpacity: 0.9,
        }).bindTooltip(`${t(`locationKind.${p.kind}`)} — ${t(`locationStatus.${p.status}`)}`),
      ),
    );
    cells.addTo(leaflet);
    hotspots.addTo(leaflet);
    points.addTo(leaflet);
    const extra = Object.fromEntries(
      layers.map((layer) => [
        layer.name,
        L.geoJSON(layer.features as GeoJSON.FeatureCollection, {
          style: {
            color: layer.kind === 'risk' ? '#b30000' : '#006d2c',
            weight: 2,
            dashArray: layer.kind === 'risk' ? '4 3' : '',
            fillOpacity: 0.25,
          },
          pointToLayer: (_feature, at) =>
            L.circleMarker(at, {
              radius: 4,
              color: layer.kind === 'risk' ? '#b30000' : '#006d2c',
              weight: 2,
              fillOpacity: 0.5,
            }),
          onEachFeature: (feature, shape) => shape.bindTooltip(String(feature.properties?.indicator ?? '')),
        }),
      ]),
    );
    L.control
      .layers(
        undefined,
        {
          [t('places.map.points')]: points,
          [t('places.map.cells')]: cells,
          [t('places.map.hotspots')]: hotspots,
          ...extra,
        },
        { collapsed: false },
      )
      .addTo(leaflet);
    // The project's cells when there are any (a district's part of the region), else the region.
    leaflet.fitBounds(map.cells.length ? cells.getBounds() : base.getBounds(), { padding: [8, 8] });
    // The shapes are not tab stops: the words under the map and the tables give the same facts.
    for (const shape of element.querySelectorAll('path.leaflet-interactive'))
      shape.setAttribute('tabindex', '-1');
    element.querySelector('.leaflet-overlay-pane svg')?.setAttribute('aria-hidden', 'true');
    element.setAttribute('role', 'region');
    element.setAttribute('aria-label', t('places.map.label', { project: map.project.name, year: map.year }));
    return () => {
      leaflet.remove();
    };
  }, [map, boundaries, layers, tiles]);

  /**
   * The map as a PNG: the drawn layers (Leaflet's SVG) over the map's background, at the size
   * shown. A base map's tiles are left out: they come from another server.
   */
  async function downloadPng() {
    const element = container.current;
    const svg = element?.querySelector('.leaflet-overlay-pane svg');
    if (!element || !svg) return;
    const box = element.getBoundingClientRect();
    const drawn = svg.getBoundingClientRect();
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(box.width);
    canvas.height = Math.round(box.height);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.fillStyle = '#eef3f6';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, drawn.left - box.left, drawn.top - box.top, drawn.width, drawn.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) save(blob, `${map.project.name} ${map.year}.png`);
  }

  function save(blob: Blob, name: string) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  function download() {
    save(
      new Blob([JSON.stringify(mapAsGeoJson(map))], { type: 'application/geo+json' }),
      `${map.project.name} ${map.year}.geojson`,
    );
  }

  const hot = map.hotspots.filter((h) => h.class.startsWith('hot')).length;
  return (
    <>
      <div ref={container} className="samenspel-map" data-testid="project-map" />
      <Paragraph>
        {t('places.map.summary', {
          points: map.points.length,
          cells: map.cells.length,
          hot,
          cold: map.hotspots.length - hot,
        })}
      </Paragraph>
      <Paragraph>
        {t('places.map.neighbourhood', {
          resolution: map.neighbourhood.resolution,
          metres: map.neighbourhood.cellEdgeMetres,
          ring: map.neighbourhood.ring,
        })}
      </Paragraph>
      {map.protected ? <Paragraph>{t('places.map.protected')}</Paragraph> : null}
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={download}>
          {t('places.map.download')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => void downloadPng()}>
          {t('places.map.downloadPng')}
        </Button>
      </ButtonGroup>
    </>
  );
}
