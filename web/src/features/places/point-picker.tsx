import './places.css';
import type { BoundaryCollection, MapSettings } from '@samenspel/contracts';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { t } from '../../i18n/i18n.js';
import { baseMap } from './base-map.js';

/** Degrees to seven decimals (about a centimetre), as the server stores a point. */
export function roundDegrees(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/**
 * A small map of the region's municipalities on which a click places the point of a new location.
 * The map is for the mouse; the latitude and longitude fields next to it do the same by keyboard,
 * and a point typed there is shown here.
 */
export function PointPicker({
  boundaries,
  tiles,
  latitude,
  longitude,
  onPick,
  describedBy,
}: {
  boundaries: BoundaryCollection;
  tiles: MapSettings['tiles'];
  /** The point as the fields hold it: both numbers, or null. */
  latitude: number | null;
  longitude: number | null;
  onPick: (point: { latitude: number; longitude: number }) => void;
  describedBy?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { leaflet, base } = baseMap(element, boundaries, tiles);
    leaflet.fitBounds(base.getBounds(), { padding: [8, 8] });
    leaflet.on('click', (event: L.LeafletMouseEvent) =>
      pick.current({ latitude: roundDegrees(event.latlng.lat), longitude: roundDegrees(event.latlng.lng) }),
    );
    element.querySelector('.leaflet-overlay-pane svg')?.setAttribute('aria-hidden', 'true');
    element.setAttribute('role', 'region');
    element.setAttribute('aria-label', t('places.pointMap'));
    if (describedBy) element.setAttribute('aria-describedby', describedBy);
    map.current = leaflet;
    return () => {
      marker.current = null;
      map.current = null;
      leaflet.remove();
    };
  }, [boundaries, tiles, describedBy]);

  // The point follows the fields: placed, moved or taken away.
  useEffect(() => {
    const leaflet = map.current;
    if (!leaflet) return;
    if (latitude === null || longitude === null) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at = L.latLng(latitude, longitude);
    if (marker.current) marker.current.setLatLng(at);
    else
      marker.current = L.circleMarker(at, {
        radius: 7,
        color: '#000000',
        weight: 2,
        fillColor: '#e17000',
        fillOpacity: 0.9,
        interactive: false,
      }).addTo(leaflet);
    if (!leaflet.getBounds().contains(at)) leaflet.panTo(at);
  }, [latitude, longitude]);

  return <div ref={container} className="samenspel-map samenspel-point-map" data-testid="point-map" />;
}
