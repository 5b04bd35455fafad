import type { ImportReport, LocationPage } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/**
 * The risk-locations kind: a register of risk locations from a spreadsheet, each flagged as the
 * screens flag one; a refused row with its reason, a repeat skipped, the same file again adding
 * nothing; only those who may flag locations import them.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const header =
  'Soort;Naam;Straat;Huisnummer;Postcode;Plaats;Gemeente;Gesignaleerd op;Project;Nulmeting;Opmerking';
const good = [
  'Bedrijfsunit;;Industrieweg;12;3542 AD;Utrecht;Utrecht;01-03-2021;;nee;Veel wisselende huurders',
  'Loods of schuur;Loods achter de boerderij;;;;;Zeist;2021-04-02;;;',
  'Horeca;;Stationsplein;45;3511 ED;Utrecht;GM0344;15-05-2021;;;',
];

describe(`importing risk locations on ${testEngine()}`, () => {
  it('flags every location of a register as the screens do, refuses a bad row with its reason, and adds nothing twice', async () => {
    const staff = await cast.staff('GM0344');
    const upload = async (rows: string[], mode: 'dry-run' | 'commit') =>
      (
        await cast.call(
          staff,
          'POST',
          `/api/v1/imports/risk-locations?mode=${mode}&fileName=risicolocaties.csv`,
          [header, ...rows].join('\r\n'),
          { 'content-type': 'text/csv' },
        )
      ).json<ImportReport>();
    const count = async (municipalityCode: string) =>
      (
        await cast.ok<LocationPage>(
          staff,
          'GET',
          `/api/v1/locations?municipalityCode=${municipalityCode}&pageSize=1`,
        )
      ).total;
    const before = { utrecht: await count('GM0344'), zeist: await count('GM0355') };

    const dry = await upload(
      [
        ...good,
        'Winkel;;Markt;1;;;Atlantis;01-01-2021;;;',
        'Woning;;Dorpsstraat;3;;;Utrecht;01-01-2099;;;',
        'Kasteel;;Slotlaan;1;1234 AB;;Utrecht;01-01-2021;;;',
        'Bedrijfsunit;;Industrieweg;12;3542AD;Utrecht;Utrecht;01-03-2021;;nee;Veel wisselende huurders',
        'Opslag;;;;;;Utrecht;01-01-2021;;;',
      ],
      'dry-run',
    );
    expect(dry).toMatchObject({ rows: 8, accepted: 3, rejected: 4, skipped: 1 });
    const code = (line: number) => dry.problems.filter((p) => p.line === line).map((p) => p.code);
    expect(code(5)).toEqual(['unknown_municipality']);
    expect(code(6)).toEqual(['in_the_future']);
    expect(code(7)).toEqual(['unknown_kind']);
    expect(code(9)).toEqual(['no_place']);
    expect(dry.skippedRows).toEqual([{ line: 8, reason: 'Dezelfde rij als regel 2.' }]);

    const committed = await upload(good, 'commit');
    expect(committed).toMatchObject({ status: 'committed', written: 3 });
    expect(await count('GM0344')).toBe(before.utrecht + 2);
    expect(await count('GM0355')).toBe(before.zeist + 1);
    const again = await upload(good, 'commit');
    expect(again).toMatchObject({ accepted: 0, skipped: 3, written: 0 });
    expect(await count('GM0344')).toBe(before.utrecht + 2);

    // Those who may not flag locations may not import them.
    const refused = await cast.call(
      await cast.manager(),
      'POST',
      '/api/v1/imports/risk-locations?mode=dry-run&fileName=r.csv',
      [header, ...good].join('\r\n'),
      { 'content-type': 'text/csv' },
    );
    expect(refused.statusCode).toBe(403);
  });
});
