/**
 * The annual report's charts and maps, drawn as SVG from a table's published cells when the
 * report is frozen. The SVG is stored in the snapshot with the table, so the web page and the
 * PDF show the same picture for ever, whatever becomes of the municipalities' boundaries. The
 * table stays the accessible version of the figure: a graphic only repeats its cells, and a cell
 * the small-numbers rule withholds (value null) draws no bar and no colour.
 *
 * Written by hand: the two pictures are a handful of rectangles and paths, and a charting library
 * would need a DOM (or a headless browser) to produce SVG on the server, and would not promise
 * the same bytes from the same figures. Every coordinate is rounded to one decimal, so the same
 * figures always give the same SVG.
 */

const FONT = 'Libertinus Serif';
/** Dark blue, blue and violet: each at least 3:1 against white (WCAG 1.4.11). */
const SERIES = ['#154273', '#007bc7', '#a90061'];
/** The map's classes, light to dark; withheld or none is white, every border grey. */
const CLASSES = ['#c6dbef', '#6baed6', '#2171b5', '#08306b'];
const NONE = '#ffffff';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r1 = (n: number) => (Math.round(n * 10) / 10).toString();

function text(x: number, y: number, content: string, o: { size?: number; end?: boolean } = {}): string {
  const anchor = o.end ? ' text-anchor="end"' : '';
  return `<text x="${r1(x)}" y="${r1(y)}" font-family="${FONT}" font-size="${o.size ?? 12}" fill="#1a1a1a"${anchor}>${esc(content)}</text>`;
}

function svg(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${r1(height)}" width="${width}" height="${r1(height)}">${body.join('')}</svg>`;
}

export interface ChartCell {
  value: number | null;
  display: string;
}

/**
 * Horizontal grouped bars: a group per category (a table row), a bar per series (a column);
 * each bar's figure as printed beside it ("< 5" where the value is withheld, without a bar).
 */
export function barChart(input: {
  categories: string[];
  series: string[];
  /** [category][series] */
  cells: ChartCell[][];
}): string {
  const width = 640;
  const labelWidth = 170;
  const barArea = width - labelWidth - 60;
  const bar = 13;
  const groupGap = 12;
  const legendHeight = 28;
  const max = Math.max(1, ...input.cells.flat().map((c) => c.value ?? 0));
  const body: string[] = [];
  let x = labelWidth;
  input.series.forEach((name, s) => {
    body.push(`<rect x="${x}" y="6" width="12" height="12" fill="${SERIES[s % SERIES.length]}"/>`);
    body.push(text(x + 17, 16.5, name));
    x += 17 + name.length * 6.5 + 18;
  });
  let y = legendHeight;
  input.categories.forEach((category, c) => {
    const groupHeight = input.series.length * (bar + 2);
    body.push(text(labelWidth - 8, y + groupHeight / 2 + 4, category, { end: true }));
    input.series.forEach((_, s) => {
      const cell = input.cells[c]?.[s] ?? { value: null, display: '–' };
      const length = cell.value === null ? 0 : (cell.value / max) * barArea;
      const top = y + s * (bar + 2);
      if (length > 0)
        body.push(
          `<rect x="${labelWidth}" y="${r1(top)}" width="${r1(length)}" height="${bar}" fill="${SERIES[s % SERIES.length]}"/>`,
        );
      body.push(text(labelWidth + length + 5, top + bar - 2.5, cell.display, { size: 11 }));
    });
    y += groupHeight + groupGap;
  });
  body.push(
    `<line x1="${labelWidth}" y1="${legendHeight - 4}" x2="${labelWidth}" y2="${r1(y - groupGap + 4)}" stroke="#1a1a1a" stroke-width="1"/>`,
  );
  return svg(width, y - groupGap + 8, body);
}

type Position = [number, number];
export type Boundary =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** The class limits for counts of at least the minimum: k, 2k, 4k and 8k upwards. */
export function classLimits(minimum: number): number[] {
  const k = Math.max(1, minimum);
  return [k, 2 * k, 4 * k, 8 * k];
}

/**
 * A choropleth of municipalities: each filled by the class of its count; a withheld count (below
 * the minimum, zero included) in white, as "none or fewer than k". The legend names the classes.
 */
export function choropleth(input: {
  areas: Array<{ boundary: Boundary; value: number | null }>;
  minimum: number;
}): string {
  const width = 640;
  const pad = 8;
  const polygons = input.areas.flatMap((a) =>
    a.boundary.type === 'Polygon' ? [a.boundary.coordinates] : a.boundary.coordinates,
  );
  const points = polygons.flat(2);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon] = [Math.min(...lons), Math.max(...lons)];
  const [minLat, maxLat] = [Math.min(...lats), Math.max(...lats)];
  // An equirectangular projection around the region's middle: true enough for one province.
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (width - 2 * pad) / Math.max(1e-9, (maxLon - minLon) * kx);
  const mapHeight = (maxLat - minLat) * scale + 2 * pad;
  const px = (p: Position) =>
    `${r1(pad + (p[0] - minLon) * kx * scale)},${r1(pad + (maxLat - p[1]) * scale)}`;
  const limits = classLimits(input.minimum);
  const fill = (v: number | null) => {
    if (v === null || v < (limits[0] ?? 1)) return NONE;
    let c = 0;
    for (let i = 0; i < limits.length; i++) if (v >= (limits[i] ?? 0)) c = i;
    return CLASSES[c] ?? NONE;
  };
  const body: string[] = [];
  for (const a of input.areas) {
    const rings = (a.boundary.type === 'Polygon' ? [a.boundary.coordinates] : a.boundary.coordinates).flat();
    const d = rings.map((ring) => `M${ring.map(px).join('L')}Z`).join('');
    body.push(
      `<path d="${d}" fill="${fill(a.value)}" fill-rule="evenodd" stroke="#767676" stroke-width="0.6"/>`,
    );
  }
  const legend = [
    { colour: NONE, label: `geen of minder dan ${input.minimum}` },
    ...limits.map((l, i) => ({
      colour: CLASSES[i] ?? NONE,
      label: i < limits.length - 1 ? `${l} tot ${limits[i + 1]}` : `${l} of meer`,
    })),
  ];
  let x = pad;
  const y = mapHeight + 10;
  for (const item of legend) {
    body.push(
      `<rect x="${r1(x)}" y="${r1(y)}" width="14" height="14" fill="${item.colour}" stroke="#8c8c8c" stroke-width="0.5"/>`,
    );
    body.push(text(x + 19, y + 11.5, item.label));
    x += 19 + item.label.length * 6 + 16;
  }
  return svg(width, y + 22, body);
}
