import type { AddressRegisterState, ImportReport } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/**
 * The address register's kind: addresses with their points from a spreadsheet, checked by the
 * register's own rules, added to the region's register or put in place of the same address; the
 * same file again adding nothing; every refused row named; only administrators.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const header = 'Postcode;Huisnummer;Huisletter;Toevoeging;Straat;Woonplaats;Gemeentecode;x;y;lat;lon';
const csv = (rows: string[]) => [header, ...rows].join('\r\n');

describe(`importing addresses into the address register on ${testEngine()}`, () => {
  it('adds new addresses, changes a known one, and skips what the register has already', async () => {
    const admin = await cast.member(['administrator']);
    const upload = async (rows: string[], mode: 'dry-run' | 'commit' = 'commit') =>
      (
        await cast.call(
          admin,
          'POST',
          `/api/v1/imports/address-register?mode=${mode}&fileName=adressen.csv`,
          csv(rows),
          {
            'content-type': 'text/csv',
          },
        )
      ).json<ImportReport>();
    const lookup = (query: string) => cast.call(admin, 'GET', `/api/v1/address-register/lookup?${query}`);
    const before = await cast.ok<AddressRegisterState>(admin, 'GET', '/api/v1/address-register');
    const rows = [
      // RD metres; WGS84 degrees with a Dutch decimal comma.
      '3511 ed;12;a;;Oudegracht;Utrecht;344;136500;455800;;',
      '3811 AB;1;;2H;Langestraat;Amersfoort;GM0307;;;52,1561;5,3872',
    ];
    const done = await upload(rows);
    expect(done.problems).toEqual([]);
    expect(done).toMatchObject({ status: 'committed', rows: 2, accepted: 2, written: 2 });
    const found = (await lookup('postcode=3511ED&houseNumber=12&houseLetter=A')).json<{
      street: string;
      municipalityCode: string;
      latitude: number;
    }>();
    expect(found).toMatchObject({ street: 'Oudegracht', municipalityCode: 'GM0344' });
    expect(found.latitude).toBeCloseTo(52.09, 1);
    const state = await cast.ok<AddressRegisterState>(admin, 'GET', '/api/v1/address-register');
    expect(state.addresses).toBe(before.addresses + 2);
    expect(state.lastLoad).toMatchObject({ fileName: 'adressen.csv', format: 'csv', rows: 2 });

    // The same file again adds nothing; a changed street and a new address come in.
    expect(await upload(rows)).toMatchObject({ status: 'committed', accepted: 0, skipped: 2, written: 0 });
    const later = await upload([
      '3511 ED;12;A;;Oudegracht aan de Werf;Utrecht;344;136500;455800;;',
      '3511 ED;14;;;Oudegracht;Utrecht;344;136510;455810;;',
    ]);
    expect(later).toMatchObject({ status: 'committed', accepted: 2, written: 2 });
    expect((await lookup('postcode=3511ED&houseNumber=12&houseLetter=A')).json()).toMatchObject({
      street: 'Oudegracht aan de Werf',
    });
    expect((await cast.ok<AddressRegisterState>(admin, 'GET', '/api/v1/address-register')).addresses).toBe(
      before.addresses + 3,
    );
  });

  it('names every refused row with the register’s own reasons, and writes nothing', async () => {
    const admin = await cast.member(['administrator']);
    const before = await cast.ok<AddressRegisterState>(admin, 'GET', '/api/v1/address-register');
    const response = await cast.call(
      admin,
      'POST',
      '/api/v1/imports/address-register?mode=commit&fileName=adressen.csv',
      csv([
        '0123 AB;1;;;Straat;Plaats;;136500;455800;;',
        '3511 ED;1;;;;Utrecht;;136500;455800;;',
        '3511 ED;2;;;Oudegracht;Utrecht;;;;4,9;52,3',
        '3511 ED;3;;;Oudegracht;Utrecht;;;;;',
        '3511 ED;4;;;Oudegracht;Utrecht;;136500;455800;;',
        '3511 ED;4;;;Oudegracht;Utrecht;;136600;455800;;',
      ]),
      { 'content-type': 'text/csv' },
    );
    const report = response.json<ImportReport>();
    expect(report).toMatchObject({ status: 'refused', rows: 6, written: 0 });
    expect(report.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, 'Postcode', 'address.postcode_invalid'],
      [3, 'Straat', 'address.street_missing'],
      [4, 'lat', 'address.point_outside_netherlands'],
      [5, 'x', 'address.point_missing'],
      [7, null, 'duplicate_row'],
    ]);
    const after = await cast.ok<AddressRegisterState>(admin, 'GET', '/api/v1/address-register');
    expect(after.addresses).toBe(before.addresses);
  });

  it('is for administrators', async () => {
    const response = await cast.call(
      await cast.analyst(),
      'POST',
      '/api/v1/imports/address-register?mode=dry-run&fileName=adressen.csv',
      csv(['3511 ED;1;;;Oudegracht;Utrecht;;136500;455800;;']),
      { 'content-type': 'text/csv' },
    );
    expect(response.statusCode).toBe(403);
  });
});
