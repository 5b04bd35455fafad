// Hotspots: 1,000,000 points in the province of Utrecht counted on the H3 grid at resolution 9,
// then Getis-Ord Gi* over each cell and its first ring, zero cells included, with the
// Benjamini-Hochberg correction. The baseline is the plain way of counting: h3-js latLngToCell and
// a Map for every point, which pointsToCells must match cell for cell.
import { performance } from 'node:perf_hooks';
import { latLngToCell } from 'h3-js';
import {
  type CellCounts,
  getisOrdGiStar,
  hotspotClasses,
  pointsToCells,
} from '../../server/src/modules/locations/index.ts';
import { seededRandom } from '../../server/src/shared/seeded-random.ts';

const POINTS = Number(process.env.BENCH_HOTSPOT_POINTS ?? 1_000_000);
const RESOLUTION = 9;
const RING = 1;
/** The bounding box of the province of Utrecht, approximately (WGS84 degrees). */
const BOX = { south: 51.92, north: 52.31, west: 4.79, east: 5.63 };
/** Places in the province as clusters: latitude, longitude, spread in km, share of the clustered points. */
const TOWNS: ReadonlyArray<readonly [number, number, number, number]> = [
  [52.0907, 5.1214, 2.5, 30], // Utrecht
  [52.1561, 5.3878, 2.0, 13], // Amersfoort
  [52.03, 5.08, 1.2, 6], // Nieuwegein
  [52.03, 5.56, 1.2, 6], // Veenendaal
  [52.09, 5.23, 1.2, 6], // Zeist
  [52.085, 4.883, 1.0, 5], // Woerden
  [52.03, 5.17, 1.0, 5], // Houten
  [52.17, 5.3, 1.2, 5], // Soest
  [52.135, 5.04, 0.9, 4], // Maarssen
  [52.02, 5.04, 0.8, 4], // IJsselstein
  [52.11, 5.18, 0.8, 4], // De Bilt
  [52.13, 5.43, 0.7, 3], // Leusden
  [52.21, 5.29, 0.7, 3], // Baarn
  [52.21, 4.86, 0.7, 2], // Mijdrecht
  [51.975, 5.34, 0.5, 2], // Wijk bij Duurstede
  [51.96, 5.57, 0.5, 2], // Rhenen
];
/** The share of points spread evenly over the box, the rest in the towns. */
const BACKGROUND = 0.05;
const KM_PER_DEGREE_LATITUDE = 111.195;

/** Seeded points: an even background over the box and Gaussian clusters around the towns. */
function utrechtPoints(n: number): { latitudes: Float64Array; longitudes: Float64Array } {
  const random = seededRandom(2026);
  const latitudes = new Float64Array(n);
  const longitudes = new Float64Array(n);
  const total = TOWNS.reduce((sum, town) => sum + town[3], 0);
  const kmPerDegreeLongitude = KM_PER_DEGREE_LATITUDE * Math.cos((52.1 * Math.PI) / 180);
  for (let i = 0; i < n; i++) {
    let lat: number;
    let lng: number;
    if (random() < BACKGROUND) {
      lat = BOX.south + random() * (BOX.north - BOX.south);
      lng = BOX.west + random() * (BOX.east - BOX.west);
    } else {
      let pick = random() * total;
      let town = TOWNS[0] as readonly [number, number, number, number];
      for (const candidate of TOWNS) {
        town = candidate;
        pick -= candidate[3];
        if (pick < 0) break;
      }
      // Box-Muller: two independent standard normal deviates.
      const radius = Math.sqrt(-2 * Math.log(1 - random()));
      const angle = 2 * Math.PI * random();
      lat = town[0] + (radius * Math.cos(angle) * town[2]) / KM_PER_DEGREE_LATITUDE;
      lng = town[1] + (radius * Math.sin(angle) * town[2]) / kmPerDegreeLongitude;
    }
    latitudes[i] = Math.min(BOX.north, Math.max(BOX.south, lat));
    longitudes[i] = Math.min(BOX.east, Math.max(BOX.west, lng));
  }
  return { latitudes, longitudes };
}

/** The baseline: latLngToCell and a Map for every point. */
function plainCounts(latitudes: Float64Array, longitudes: Float64Array): Map<string, number> {
  const byCell = new Map<string, number>();
  for (let i = 0; i < latitudes.length; i++) {
    const cell = latLngToCell(latitudes[i] as number, longitudes[i] as number, RESOLUTION);
    byCell.set(cell, (byCell.get(cell) ?? 0) + 1);
  }
  return byCell;
}

function sameCounts(ours: CellCounts, plain: Map<string, number>): boolean {
  return (
    ours.cells.length === plain.size && ours.cells.every((cell, i) => plain.get(cell) === ours.counts[i])
  );
}

export async function benchHotspots(rounds: number): Promise<void> {
  const { latitudes, longitudes } = utrechtPoints(POINTS);
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
  const time = <T>(work: () => T): [T, number] => {
    const start = performance.now();
    const result = work();
    return [result, performance.now() - start];
  };
  // Warm-up, and the check that the fast counting says what latLngToCell says.
  const plain = plainCounts(latitudes, longitudes);
  let counts = pointsToCells(latitudes, longitudes, RESOLUTION);
  if (!sameCounts(counts, plain)) throw new Error('pointsToCells differs from latLngToCell');
  let hotspots = getisOrdGiStar(counts, { ring: RING });

  const baseline: number[] = [];
  const counting: number[] = [];
  const statistic: number[] = [];
  for (let round = 0; round < rounds; round++) {
    baseline.push(time(() => plainCounts(latitudes, longitudes))[1]);
    let took: number;
    [counts, took] = time(() => pointsToCells(latitudes, longitudes, RESOLUTION));
    counting.push(took);
    [hotspots, took] = time(() => getisOrdGiStar(counts, { ring: RING }));
    statistic.push(took);
  }
  const totals = counting.map((c, i) => c + (statistic[i] ?? 0));
  const zeroCells = hotspots.counts.filter((c) => c === 0).length;
  const byClass = new Map<string, number>();
  for (const c of hotspots.classes) byClass.set(c, (byClass.get(c) ?? 0) + 1);

  console.log(
    `Hotspots: ${POINTS.toLocaleString('en')} seeded points in the Utrecht box, H3 resolution ${RESOLUTION} (edge ${hotspots.cellEdgeMetres.toFixed(0)} m), Gi* over ring ${RING}; study area: the cells with points plus their ring.`,
  );
  console.table([
    {
      stage: 'baseline: latLngToCell + Map, every point',
      'median ms': Number(median(baseline).toFixed(0)),
      cells: plain.size,
    },
    {
      stage: 'pointsToCells',
      'median ms': Number(median(counting).toFixed(0)),
      cells: counts.cells.length,
    },
    {
      stage: `getisOrdGiStar (ring ${RING}, ${zeroCells.toLocaleString('en')} zero cells)`,
      'median ms': Number(median(statistic).toFixed(0)),
      cells: hotspots.cells.length,
    },
    {
      stage: 'total: pointsToCells + getisOrdGiStar',
      'median ms': Number(median(totals).toFixed(0)),
      cells: hotspots.cells.length,
    },
  ]);
  console.log(
    `classes: ${hotspotClasses.map((name) => `${name} ${(byClass.get(name) ?? 0).toLocaleString('en')}`).join(', ')}; mean ${hotspots.mean.toFixed(2)} points per cell`,
  );
  console.log(
    `hotspots of ${POINTS.toLocaleString('en')} points: ${(median(totals) / 1000).toFixed(2)} s (goal: at most 7 s); Gi* ${(median(statistic) / median(counting)).toFixed(2)}x the counting (goal: at most 1); counting ${(median(baseline) / median(counting)).toFixed(1)}x faster than the baseline\n`,
  );
}
