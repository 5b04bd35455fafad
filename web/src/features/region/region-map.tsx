import 'leaflet/dist/leaflet.css';
import type { BoundaryCollection } from '@samenspel/contracts';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { t } from '../../i18n/i18n.js';

interface Props {
  boundaries: BoundaryCollection;
  colors: Map<string, string>;
  label: string;
}

/**
 * The region's municipalities drawn from the API's GeoJSON, coloured by district. No tile
 * server: the boundaries are the whole map, so it works offline and leaks no location to a third party.
 */
export function RegionMap({ boundaries, colors, label }: Props) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const map = L.map(element, { zoomControl: false, attributionControl: false, zoomSnap: 0.25 });
    L.control.zoom({ zoomInTitle: t('region.map.zoomIn'), zoomOutTitle: t('region.map.zoomOut') }).addTo(map);
    L.control.attribution({ prefix: false }).addAttribution(t('region.map.attribution')).addTo(map);
    const layer = L.geoJSON(boundaries as GeoJSON.FeatureCollection, {
      style: (feature) => ({
        color: '#1a1a1a',
        weight: 1,
        fillColor: colors.get(String(feature?.properties?.districtId)) ?? '#999999',
        fillOpacity: 0.75,
      }),
      onEachFeature: (feature, featureLayer) => {
        featureLayer.bindTooltip(String(feature.properties?.name ?? ''), { sticky: true });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    // Once the view is set Leaflet has drawn the shapes. It makes every shape a tab stop without a name; the table beside the map gives the same
    // facts by keyboard, so the shapes stay out of the tab order and out of the accessibility tree.
    for (const shape of element.querySelectorAll('path.leaflet-interactive'))
      shape.setAttribute('tabindex', '-1');
    element.querySelector('.leaflet-overlay-pane svg')?.setAttribute('aria-hidden', 'true');
    // Leaflet makes the container focusable for keyboard panning; name it for screen readers.
    element.setAttribute('role', 'region');
    element.setAttribute('aria-label', label);
    return () => {
      map.remove();
    };
  }, [boundaries, colors, label]);

  return <div ref={container} className="samenspel-map" data-testid="region-map" />;
}
