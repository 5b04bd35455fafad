import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { describe, expect, it } from 'vitest';
import { barChart, choropleth, classLimits } from './annual-reports.graphics.js';

/** Whether Typst (the PDF's typesetter, a strict SVG parser) reads the picture. */
function typesets(svg: string): boolean {
  const compiler = NodeCompiler.create({ workspace: '/graphics' });
  compiler.mapShadow('/graphics/picture.svg', Buffer.from(svg, 'utf8'));
  const result = compiler.compile({
    mainFileContent: '#image("/picture.svg", format: "svg", alt: "test", width: 10cm)',
  });
  return !result.hasError() && Boolean(result.result);
}

const square = (x: number, y: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, y],
      [x + 0.1, y],
      [x + 0.1, y + 0.1],
      [x, y + 0.1],
      [x, y],
    ] as Array<[number, number]>,
  ],
});

describe("the annual report's graphics", () => {
  const chart = {
    categories: ['West-Utrecht', 'Gooi & Vechtstreek <oost>'],
    series: ['Behandeld', 'Nieuw'],
    cells: [
      [
        { value: 20, display: '20' },
        { value: null, display: '< 5' },
      ],
      [
        { value: 10, display: '10' },
        { value: 7, display: '7' },
      ],
    ],
  };

  it('draws a bar for each published count and none for a withheld one, with the figure as printed', () => {
    const svg = barChart(chart);
    // Two legend swatches and three bars: the withheld count has its "< 5" but no bar.
    expect(svg.match(/<rect /g)).toHaveLength(5);
    expect(svg).toContain('&lt; 5');
    expect(svg).toContain('Gooi &amp; Vechtstreek &lt;oost&gt;');
    // The largest count fills the bar area; half of it half.
    const widths = [...svg.matchAll(/<rect x="170" y="[\d.]+" width="([\d.]+)" height="13"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toEqual([410, 205, 143.5]);
    expect(typesets(svg)).toBe(true);
  });

  it('gives the same bytes for the same figures', () => {
    expect(barChart(chart)).toBe(barChart(structuredClone(chart)));
    const areas = [
      { boundary: square(5, 52), value: 12 },
      { boundary: square(5.1, 52), value: null },
    ];
    expect(choropleth({ areas, minimum: 5 })).toBe(choropleth({ areas: structuredClone(areas), minimum: 5 }));
  });

  it('colours a municipality by its class, and a withheld or absent count not at all', () => {
    expect(classLimits(5)).toEqual([5, 10, 20, 40]);
    const svg = choropleth({
      areas: [
        { boundary: square(5, 52), value: 12 },
        { boundary: square(5.1, 52), value: null },
        { boundary: square(5.2, 52), value: 45 },
        { boundary: { type: 'MultiPolygon', coordinates: [square(5.3, 52).coordinates] }, value: 5 },
      ],
      minimum: 5,
    });
    const fills = [...svg.matchAll(/<path d="[^"]+" fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(fills).toEqual(['#6baed6', '#ffffff', '#08306b', '#c6dbef']);
    expect(svg).toContain('geen of minder dan 5');
    expect(svg).toContain('40 of meer');
    expect(typesets(svg)).toBe(true);
  });
});
