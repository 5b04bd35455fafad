import type { District } from '@samenspel/contracts';

const palette = ['#e69f00', '#56b4e9', '#cc79a7', '#009e73', '#0072b2', '#d55e00', '#f0e442', '#999999'];

/** A colour per district, in the district order of the region; the same on the map and in lists. */
export function districtColors(districts: District[]): Map<string, string> {
  return new Map(districts.map((d, i) => [d.id, palette[i % palette.length] ?? '#999999']));
}
