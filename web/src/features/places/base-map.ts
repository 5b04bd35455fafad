import 'leaflet/dist/leaflet.css';
import type { BoundaryCollection, MapSettings } from '@samenspel/contracts';
import L from 'leaflet';
import { t } from '../../i18n/i18n.js';

/**
 * The map every places screen draws on: Dutch zoom buttons, the boundaries' attribution, the
 * deployment's base map when it has one, and the region's municipal boundaries (the whole map
 * without a base map). The caller adds its own layers and fits the view.
 */
export function baseMap(
  element: HTMLElement,
  boundaries: BoundaryCollection,
  tiles: MapSettings['tiles'] | undefined,
): { leaflet: L.Map; base: L.GeoJSON } {
  const leaflet = L.map(element, { zoomControl: false, attributionControl: false, zoomSnap: 0.25 });
  L.control
    .zoom({ zoomInTitle: t('region.map.zoomIn'), zoomOutTitle: t('region.map.zoomOut') })
    .addTo(leaflet);
  L.control.attribution({ prefix: false }).addAttribution(t('region.map.attribution')).addTo(leaflet);
  if (tiles) L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(leaflet);
  const base = L.geoJSON(boundaries as GeoJSON.FeatureCollection, {
    style: { color: '#555555', weight: 1, fillColor: '#ffffff', fillOpacity: tiles ? 0 : 0.6 },
    interactive: false,
  }).addTo(leaflet);
  return { leaflet, base };
}
