import { describe, expect, it } from 'vitest';
import { gateCells, gatedCount, gateFigures, MINIMUM_RECORDS } from './disclosure.js';

/** What an attacker can conclude about a true count from what the gate published. */
function possible(published: number | null, k = MINIMUM_RECORDS, max = 200): number[] {
  return Array.from({ length: max + 1 }, (_, n) => n).filter((n) => gatedCount(n, k) === published);
}

describe('the disclosure gate', () => {
  it('leaves out cells below k and empty ones alike, and rounds the others to five', () => {
    const cells = [0, 1, 4, 5, 7, 8, 12, 13].map((count, i) => ({ cell: `c${i}`, count }));
    expect(gateCells(cells).map((c) => [c.cell, c.count])).toEqual([
      ['c3', 5],
      ['c4', 5],
      ['c5', 10],
      ['c6', 10],
      ['c7', 15],
    ]);
  });

  it('never lets two overlapping answers be subtracted into a count below k (the differencing attack)', () => {
    // The attacker asks for a cell twice, with a filter that drops a small group of d records
    // (a year against the year before, a project against one status in it), and subtracts.
    // For every true count and every small group, the sizes of the group that fit the two
    // answers must be several: the published pair never pins the group down to one size.
    for (let whole = 0; whole <= 60; whole += 1)
      for (let d = 1; d < MINIMUM_RECORDS && d <= whole; d += 1) {
        const a = gatedCount(whole);
        const b = gatedCount(whole - d);
        const differences = new Set<number>();
        for (const x of possible(a)) for (const y of possible(b)) if (x >= y) differences.add(x - y);
        expect(differences.size, `whole ${whole}, group ${d}: ${[...differences]}`).toBeGreaterThan(1);
        expect(differences.has(d)).toBe(true);
      }
  });

  it('answers the same records the same way every time, so asking again averages nothing away', () => {
    const cells = [{ cell: 'a', count: 23 }];
    expect(gateCells(cells)).toEqual(gateCells(cells));
  });

  it("leaves out a municipality's row below k and rounds the others", () => {
    const row = (code: string, flagged: number) => ({
      municipality: { code, name: code },
      flagged,
      flaggedInBaseline: flagged,
      flaggedNew: 0,
      lookedInto: 3,
      lookedIntoInPeriod: 1,
      confirmed: 2,
      dispelled: 0,
      open: flagged - 2,
      addressed: 1,
      addressedInPeriod: 1,
      inspections: 7,
      integralInspections: 3,
    });
    const gated = gateFigures([row('GM0001', 4), row('GM0002', 13)]);
    expect(
      gated.map((r) => [r.municipality.code, r.flagged, r.lookedInto, r.inspections, r.protected]),
    ).toEqual([['GM0002', 15, 5, 5, true]]);
  });
});
