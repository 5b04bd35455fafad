import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cellToLatLng, getPentagons, gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/seeded-random.js';
import {
  benjaminiHochberg,
  type CellCounts,
  getisOrdGiStar,
  giStar,
  pointsToCells,
  twoSidedP,
} from './hotspots.js';

/** A case of fixtures/gistar-*.json, written by fixtures/gistar_reference.py (esda's formula). */
interface ReferenceCase {
  name: string;
  y: number[];
  neighbours: number[][];
  z: number[];
  p: number[];
  q: number[];
}

const fixture = (name: string): ReferenceCase[] =>
  (
    JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8')) as {
      cases: ReferenceCase[];
    }
  ).cases;

const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
};

const maxRelativeDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    max = Math.max(max, x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
  }
  return max;
};

/** Knuth's Poisson sampler on the seeded generator. */
function poisson(random: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

/** Counts as pointsToCells would return them, from a cell-to-count map. */
function countsOf(resolution: number, byCell: Map<string, number>): CellCounts {
  const cells = [...byCell.keys()].filter((c) => (byCell.get(c) ?? 0) > 0).sort();
  const counts = Uint32Array.from(cells, (c) => byCell.get(c) ?? 0);
  return { resolution, cells, counts, points: counts.reduce((a, b) => a + b, 0) };
}

/** The plain way: latLngToCell for every point, counted in a Map (in order of first appearance). */
function naiveCounts(latitudes: Float64Array, longitudes: Float64Array, resolution: number): CellCounts {
  const byCell = new Map<string, number>();
  for (let i = 0; i < latitudes.length; i++) {
    const cell = latLngToCell(latitudes[i] as number, longitudes[i] as number, resolution);
    byCell.set(cell, (byCell.get(cell) ?? 0) + 1);
  }
  const counts = Uint32Array.from(byCell.values());
  return { resolution, cells: [...byCell.keys()], counts, points: latitudes.length };
}

/** Points scattered around a centre: a dense core and a wider spread, in degrees. */
function scatter(seed: number, n: number, lat: number, lng: number, spread: number) {
  const random = seededRandom(seed);
  const latitudes = new Float64Array(n);
  const longitudes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const scale = i % 3 === 0 ? spread / 10 : spread;
    latitudes[i] = lat + (random() - 0.5) * scale;
    longitudes[i] = lng + (random() - 0.5) * scale * 1.6;
  }
  return { latitudes, longitudes };
}

describe('giStar against esda G_Local(y, w, transform="B", star=True).Zs', () => {
  it("reproduces the z-scores esda's documentation prints for its six-point example", () => {
    // esda/getisord.py, G_Local docstring: DistanceBand(points, threshold=15), y = [2, 3, 3.2, 5, 8, 7].
    const points = [
      [10, 10],
      [20, 10],
      [40, 10],
      [15, 20],
      [30, 20],
      [30, 30],
    ] as const;
    const neighbours = points.map(([x, y], i) =>
      Int32Array.from(
        points.flatMap(([u, v], j) => (j !== i && (x - u) ** 2 + (y - v) ** 2 <= 15 ** 2 ? [j] : [])),
      ),
    );
    const z = giStar(Float64Array.from([2, 3, 3.2, 5, 8, 7]), neighbours);
    const documented = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];
    // The documentation rounds to eight decimals.
    expect(maxAbsDifference(z, documented)).toBeLessThan(5e-9);
  });

  for (const name of ['gistar-distance-band.json', 'gistar-hexgrid.json'])
    for (const reference of fixture(name))
      it(`agrees within 1e-9 on ${reference.name} (${name})`, () => {
        const values = Float64Array.from(reference.y);
        const z = giStar(
          values,
          reference.neighbours.map((list) => Int32Array.from(list)),
        );
        expect(maxAbsDifference(z, reference.z)).toBeLessThan(1e-9);
        const p = z.map(twoSidedP);
        expect(maxRelativeDifference(p, reference.p)).toBeLessThan(1e-9);
        expect(maxRelativeDifference(benjaminiHochberg(p), reference.q)).toBeLessThan(1e-9);
        // The same weights as a function of the index.
        expect(giStar(values, (i) => reference.neighbours[i] ?? [])).toEqual(z);
      });

  it('counts an observation once when its own list names it', () => {
    const values = Float64Array.from([1, 5, 2, 0]);
    expect(giStar(values, [[0, 1], [1, 0, 2], [2, 1], [3]])).toEqual(giStar(values, [[1], [0, 2], [1], []]));
  });

  it('answers 0 where the z-score is 0/0, and refuses a neighbour that does not exist', () => {
    expect([...giStar(Float64Array.from([3, 3, 3]), [[1], [0, 2], [1]])]).toEqual([0, 0, 0]);
    expect([...giStar(Float64Array.from([1, 2]), [[1], [0]])]).toEqual([0, 0]);
    expect([...giStar(Float64Array.from([7]), [[]])]).toEqual([0]);
    expect(() => giStar(Float64Array.from([1, 2, 3]), [[3], [], []])).toThrow(RangeError);
  });
});

describe('twoSidedP and benjaminiHochberg', () => {
  it('gives two-sided normal p-values to twelve digits, in the tails too', () => {
    // Python's math.erfc(abs(z) / sqrt(2)).
    const reference = [
      [0, 1.0],
      [0.5, 0.6170750774519738],
      [1.6448536269514722, 0.10000000000000014],
      [1.959963984540054, 0.05000000000000004],
      [2.5758293035489004, 0.01000000000000002],
      [3.5355, 0.000407004245190143],
      [3.5356, 0.00040685022599847557],
      [5, 5.733031437583892e-7],
      [10, 1.5239706048321186e-23],
      [37, 1.1451142445050278e-299],
      [-2, 0.04550026389635844],
    ] as const;
    for (const [z, p] of reference) expect(Math.abs(twoSidedP(z) - p) / p).toBeLessThan(1e-12);
  });

  it('adjusts p-values as the Benjamini-Hochberg step-up procedure', () => {
    const q = benjaminiHochberg(Float64Array.from([0.01, 0.04, 0.03, 0.005, 0.5]));
    expect(maxAbsDifference(q, [0.025, 0.05, 0.05, 0.025, 0.5])).toBeLessThan(1e-15);
    expect([...benjaminiHochberg(Float64Array.from([0.02, 0.02, 0.9]))]).toEqual([0.03, 0.03, 0.9]);
    expect([...benjaminiHochberg(Float64Array.from([0.9, 0.8]))]).toEqual([0.9, 0.9]);
  });
});

// Each test compares with latLngToCell on many points: seconds on a busy machine.
describe('pointsToCells', { timeout: 30_000 }, () => {
  it('counts exactly as latLngToCell, around Utrecht at resolutions 7, 9 and 11', () => {
    const { latitudes, longitudes } = scatter(1, 100_000, 52.09, 5.12, 0.2);
    for (const resolution of [7, 9, 11]) {
      const counts = pointsToCells(latitudes, longitudes, resolution);
      expect(counts).toEqual(naiveCounts(latitudes, longitudes, resolution));
      expect(counts.points).toBe(100_000);
    }
  });

  it('counts exactly where the hexagons are not plain: a pentagon, the antimeridian, near the pole', () => {
    const [lat, lng] = cellToLatLng(getPentagons(9)[0] as string);
    const places = [
      { lat: lat as number, lng: lng as number, spread: 0.02 },
      { lat: -16.5, lng: 179.999, spread: 0.01 },
      { lat: 89.5, lng: 20, spread: 0.5 },
      { lat: 81, lng: -40, spread: 3 },
    ];
    places.forEach((place, i) => {
      const { latitudes, longitudes } = scatter(10 + i, 20_000, place.lat, place.lng, place.spread);
      for (let j = 0; j < longitudes.length; j++) {
        const x = longitudes[j] as number;
        if (x > 180) longitudes[j] = x - 360;
      }
      for (const resolution of [5, 9])
        expect(pointsToCells(latitudes, longitudes, resolution)).toEqual(
          naiveCounts(latitudes, longitudes, resolution),
        );
    });
  });

  it('returns the cells in the order the points first reach them, and handles few and no points', () => {
    const few = pointsToCells(Float64Array.from([52.1, 52.0, 52.1]), Float64Array.from([5.1, 5.0, 5.1]), 8);
    expect(few).toEqual({
      resolution: 8,
      cells: [latLngToCell(52.1, 5.1, 8), latLngToCell(52.0, 5.0, 8)],
      counts: Uint32Array.from([2, 1]),
      points: 3,
    });
    expect(pointsToCells(new Float64Array(0), new Float64Array(0), 9)).toEqual({
      resolution: 9,
      cells: [],
      counts: new Uint32Array(0),
      points: 0,
    });
  });

  it('refuses points without coordinates, arrays of different lengths and a resolution out of range', () => {
    const { latitudes, longitudes } = scatter(3, 5000, 52.09, 5.12, 0.1);
    latitudes[4000] = Number.NaN;
    expect(() => pointsToCells(latitudes, longitudes, 9)).toThrow(/point 4000/);
    expect(() => pointsToCells(new Float64Array(2), new Float64Array(3), 9)).toThrow(RangeError);
    expect(() => pointsToCells(new Float64Array(1), new Float64Array(1), 16)).toThrow(RangeError);
    expect(() => pointsToCells(new Float64Array(1), new Float64Array(1), 8.5)).toThrow(RangeError);
  });
});

describe('getisOrdGiStar', () => {
  const centre = latLngToCell(52.0907, 5.1214, 9); // Utrecht, Domplein

  it('counts the zero cells of the study area in the mean and the variance', () => {
    const area = gridDisk(centre, 3); // 37 cells
    const neighbour = gridDisk(centre, 1).find((c) => c !== centre) as string;
    const counts = countsOf(
      9,
      new Map([
        [centre, 10],
        [neighbour, 4],
      ]),
    );
    const result = getisOrdGiStar(counts, { studyArea: area });
    expect(result.cells).toHaveLength(37);
    expect(result.mean).toBeCloseTo(14 / 37, 14);
    const variance = ((10 - 14 / 37) ** 2 + (4 - 14 / 37) ** 2 + 35 * (14 / 37) ** 2) / 37;
    expect(result.standardDeviation).toBeCloseTo(Math.sqrt(variance), 14);
    // The centre's neighbourhood: itself and its six neighbours, 14 points in 7 of 37 cells.
    const at = result.cells.indexOf(centre);
    const expected = (14 - (14 / 37) * 7) / (Math.sqrt(variance) * Math.sqrt((37 * 7 - 49) / 36));
    expect(result.z[at]).toBeCloseTo(expected, 12);
    expect(result.counts[at]).toBe(10);
    expect([...result.counts].filter((c) => c === 0)).toHaveLength(35);
    // Without a study area: the two cells with points and their rings (10 cells).
    const own = getisOrdGiStar(counts);
    expect(own.studyArea).toBe('cells-with-points-and-ring');
    expect(own.cells).toEqual([...new Set([...gridDisk(centre, 1), ...gridDisk(neighbour, 1)])].sort());
    expect(own.mean).toBeCloseTo(14 / own.cells.length, 14);
  });

  it('finds a single hot cluster, and only that, significant after the FDR correction', () => {
    const random = seededRandom(42);
    const area = gridDisk(centre, 15); // 721 cells
    const cluster = new Set(gridDisk(centre, 1));
    const counts = countsOf(9, new Map(area.map((c) => [c, poisson(random, 2 + (cluster.has(c) ? 12 : 0))])));
    const result = getisOrdGiStar(counts, { studyArea: area });
    expect(result.classes[result.cells.indexOf(centre)]).toBe('hot-99');
    const significant = result.cells.filter((_, i) => result.classes[i] !== 'not-significant');
    expect(significant.length).toBeGreaterThanOrEqual(7);
    for (const cell of significant) {
      expect(result.classes[result.cells.indexOf(cell)]).toMatch(/^hot-/);
      expect(gridDistance(centre, cell)).toBeLessThanOrEqual(2);
    }
  });

  it('finds nothing in a uniform field: neither in Poisson noise nor in equal counts', () => {
    const random = seededRandom(7);
    const area = gridDisk(centre, 15);
    const noisy = getisOrdGiStar(countsOf(9, new Map(area.map((c) => [c, poisson(random, 5)]))), {
      studyArea: area,
    });
    // Uncorrected, some cells would pass at 10%; the correction for 721 tests keeps them out.
    expect(noisy.p.filter((p) => p <= 0.1).length).toBeGreaterThan(0);
    expect(new Set(noisy.classes)).toEqual(new Set(['not-significant']));
    const flat = getisOrdGiStar(countsOf(9, new Map(area.map((c) => [c, 5]))), { studyArea: area });
    expect(new Set(flat.z)).toEqual(new Set([0]));
    expect(new Set(flat.classes)).toEqual(new Set(['not-significant']));
  });

  it('returns every cell of the study area once, in ascending order, with its neighbourhood stated', () => {
    const area = gridDisk(centre, 4);
    const outside = gridDisk(centre, 6).find((c) => gridDistance(centre, c) === 6) as string;
    const counts = countsOf(
      9,
      new Map([
        [centre, 3],
        [outside, 5],
      ]),
    );
    const result = getisOrdGiStar(counts, { ring: 2, studyArea: [...area, centre] });
    const m = area.length;
    expect(result).toMatchObject({
      resolution: 9,
      ring: 2,
      neighbourhoodCells: 19,
      studyArea: 'given',
      points: 3,
      pointsOutside: 5,
      correction: 'benjamini-hochberg',
    });
    expect(result.cellEdgeMetres).toBeGreaterThan(150);
    expect(result.cells).toEqual([...area].sort());
    for (const column of [result.counts, result.z, result.p, result.q, result.classes])
      expect(column).toHaveLength(m);
    expect(result.q.every((q, i) => q >= (result.p[i] as number) && q <= 1)).toBe(true);
    expect(() => getisOrdGiStar(counts, { ring: 0 })).toThrow(RangeError);
    expect(() => getisOrdGiStar(counts, { studyArea: [latLngToCell(52.09, 5.12, 8)] })).toThrow(RangeError);
  });
});
