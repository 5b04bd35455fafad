import { describe, expect, it } from 'vitest';
import { addressRegister } from './pipeline.addresses.js';
import type { Cell } from './pipeline.read.js';

/** A row of a workbook: numbers stay numbers, as exceljs reads them. */
const row = (cells: Record<string, Cell>) => addressRegister.row((field) => cells[field], undefined);
const address = {
  postcode: '3511 ED',
  houseNumber: 12,
  street: 'Oudegracht',
  place: 'Utrecht',
  x: 136500,
  y: 455800,
};

describe('an address from a workbook', () => {
  it('takes numbers as Excel keeps them: a house number, RD coordinates, a BAG id that lost its leading zero', () => {
    const read = row({ ...address, bagId: 344200000123456 });
    expect(read).toMatchObject({ value: { postcode: '3511ED', houseNumber: 12, bagId: '0344200000123456' } });
  });

  it('refuses a sixteen-digit BAG id kept as a number: Excel keeps fifteen digits', () => {
    expect(row({ ...address, bagId: 1961200000123456 })).toEqual({
      problems: [expect.objectContaining({ field: 'bagId', code: 'address.bag_id_number' })],
    });
  });

  it('names the field of each problem, a point by the first of its pair', () => {
    const read = row({ ...address, postcode: '0123 AB', x: 0, y: 0 });
    expect('problems' in read && read.problems.map((p) => [p.field, p.code])).toEqual([
      ['postcode', 'address.postcode_invalid'],
      ['x', 'address.point_outside_netherlands'],
    ]);
  });
});
