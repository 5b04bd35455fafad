import { cellToBoundary, gridDisk, latLngToCell } from 'h3-js';
import { gateCells, MINIMUM_RECORDS } from './disclosure.js';
import { getisOrdGiStar, type HotspotClass, pointsToCells } from './hotspots.js';

/** The H3 resolution of the aggregate layer: cells of about 5 km², a village or a business park. */
export const AGGREGATE_RESOLUTION = 7;
/** The H3 resolution and ring of the hotspot layer: cells of about 0.7 km² and their six neighbours. */
export const HOTSPOT_RESOLUTION = 8;
export const HOTSPOT_RING = 1;

/** A cell's outline as a closed GeoJSON ring ([longitude, latitude] pairs). */
export function cellOutline(cell: string): number[][] {
  const ring = cellToBoundary(cell, true);
  return [...ring, ring[0] ?? []];
}

export interface Point {
  latitude: number;
  longitude: number;
}

/**
 * The aggregate and hotspot layers of a set of points. Aggregates-only readers get the cells
 * through the disclosure gate, and of the hotspots only the significant cells whose neighbourhood
 * holds at least `k` points (the collaboration's smallest group), without their z-scores.
 */
export function mapLayers(points: readonly Point[], gated: boolean, k = MINIMUM_RECORDS) {
  const latitudes = Float64Array.from(points, (p) => p.latitude);
  const longitudes = Float64Array.from(points, (p) => p.longitude);
  const aggregate = pointsToCells(latitudes, longitudes, AGGREGATE_RESOLUTION);
  const counted = aggregate.cells.map((cell, i) => ({ cell, count: aggregate.counts[i] ?? 0 }));
  const cells = (gated ? gateCells(counted, k) : counted).map((c) => ({
    ...c,
    outline: cellOutline(c.cell),
  }));
  const fine = pointsToCells(latitudes, longitudes, HOTSPOT_RESOLUTION);
  const hot = getisOrdGiStar(fine, { ring: HOTSPOT_RING });
  const index = new Map(hot.cells.map((c, i) => [c, i]));
  const hotspots: Array<{
    cell: string;
    class: Exclude<HotspotClass, 'not-significant'>;
    z: number | null;
    outline: number[][];
  }> = [];
  hot.cells.forEach((cell, i) => {
    const cls = hot.classes[i] ?? 'not-significant';
    if (cls === 'not-significant') return;
    if (gated) {
      // The points of the cell's neighbourhood, within the study area.
      let around = 0;
      for (const other of gridDisk(cell, HOTSPOT_RING)) {
        const at = index.get(other);
        if (at !== undefined) around += hot.counts[at] ?? 0;
      }
      if (around < k) return;
    }
    hotspots.push({
      cell,
      class: cls,
      z: gated ? null : Math.round((hot.z[i] ?? 0) * 100) / 100,
      outline: cellOutline(cell),
    });
  });
  return {
    cells,
    hotspots,
    neighbourhood: {
      resolution: hot.resolution,
      ring: hot.ring,
      cellEdgeMetres: Math.round(hot.cellEdgeMetres),
      studyArea: hot.studyArea,
      cells: hot.cells.length,
    },
  };
}

/**
 * Records per H3 cell of the aggregate resolution, each record counted once in every cell it has
 * a point in; through the disclosure gate with `k` for aggregates-only readers.
 */
export function aggregateLayer(
  records: ReadonlyArray<readonly Point[]>,
  gated: boolean,
  k = MINIMUM_RECORDS,
) {
  const counts = new Map<string, number>();
  for (const points of records) {
    const cells = new Set(points.map((p) => latLngToCell(p.latitude, p.longitude, AGGREGATE_RESOLUTION)));
    for (const cell of cells) counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const counted = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cell, count]) => ({ cell, count }));
  return (gated ? gateCells(counted, k) : counted).map((c) => ({ ...c, outline: cellOutline(c.cell) }));
}
