import type { ImportReport, Inspection, InspectionPage } from '@samenspel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cast, createTestApp, type TestApp, testEngine } from '../../testing/index.js';

/**
 * The inspections kind: a list of inspections, one row per finding, each recorded as the screens
 * record one (planned with its partners and locations, held or cancelled on its day, with the
 * partners' findings); an inspection with a refused row refused whole, every refusal with its
 * line; locations named by address or name among those the importer may read; the same file
 * again adding nothing.
 */
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = new Cast(t);
});
afterAll(async () => t?.close());

const upload = async (
  who: Awaited<ReturnType<Cast['analyst']>>,
  kind: 'inspections' | 'risk-locations',
  lines: string[],
  mode: 'dry-run' | 'commit',
) =>
  (
    await cast.call(
      who,
      'POST',
      `/api/v1/imports/${kind}?mode=${mode}&fileName=${kind}.csv`,
      lines.join('\r\n'),
      {
        'content-type': 'text/csv',
      },
    )
  ).json<ImportReport>();

const locations = [
  'Soort;Naam;Straat;Huisnummer;Postcode;Plaats;Gemeente;Gesignaleerd op',
  'Bedrijfsunit;;Industrieweg;12;3542 AD;Utrecht;Utrecht;01-03-2021',
  'Loods of schuur;Loods achter de boerderij;;;;;Zeist;2021-04-02',
];
const header =
  'Kenmerk;Gepland op;Gehouden op;Afgelast op;Gemeente;Partners;Integraal;Locaties;Partner van de bevinding;Soort bevinding;Bevinding;Aantal';

describe(`importing inspections on ${testEngine()}`, () => {
  it('records each inspection with its partners, locations, day and findings as the screens do, and adds nothing twice', async () => {
    const analyst = await cast.analyst();
    expect(await upload(analyst, 'risk-locations', locations, 'commit')).toMatchObject({ written: 2 });
    const rows = [
      'C-1;10-05-2021;12-05-2021;;Utrecht;Politie;ja;3542 AD 12;Politie;Drugs;Hennepkwekerij in de achterruimte;350',
      'C-1;;;;;;;;;Overtreding;Geen gebruiksvergunning voor de verdieping;',
      'C-2;01-06-2021;;15-06-2021;Zeist;;nee;Loods achter de boerderij;;;;',
      'C-3;01-09-2021;;;Utrecht;Belastingdienst;ja;;;;;',
    ];
    const dry = await upload(analyst, 'inspections', [header, ...rows], 'dry-run');
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({ rows: 4, accepted: 4, rejected: 0, skipped: 0 });
    expect(await upload(analyst, 'inspections', [header, ...rows], 'commit')).toMatchObject({
      status: 'committed',
      written: 4,
    });

    const page = await cast.ok<InspectionPage>(analyst, 'GET', '/api/v1/inspections?year=2021&pageSize=50');
    const held = page.items.find((i) => i.plannedOn === '2021-05-10');
    expect(held).toMatchObject({ heldOn: '2021-05-12', cancelledOn: null, integral: true });
    const detail = await cast.ok<Inspection>(analyst, 'GET', `/api/v1/inspections/${held?.id}`);
    expect(detail.organisations.map((o) => o.id).sort()).toEqual(
      [await cast.org('riec'), await cast.org('politie')].sort(),
    );
    expect(detail.locations).toHaveLength(1);
    expect(
      detail.findings
        .map((f) => [f.organisation.id, f.kind, f.count])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [await cast.org('politie'), 'drugs', 350],
      [await cast.org('riec'), 'violation', null],
    ]);
    expect(page.items.find((i) => i.plannedOn === '2021-06-01')).toMatchObject({
      heldOn: null,
      cancelledOn: '2021-06-15',
    });
    expect(page.items.find((i) => i.plannedOn === '2021-09-01')).toMatchObject({
      heldOn: null,
      cancelledOn: null,
    });

    const again = await upload(analyst, 'inspections', [header, ...[...rows].reverse()], 'commit');
    expect(again).toMatchObject({ rows: 4, accepted: 0, skipped: 4, written: 0 });
    const changed = await upload(
      analyst,
      'inspections',
      [header, rows[3]?.replace('01-09-2021', '02-09-2021') ?? ''],
      'dry-run',
    );
    expect(changed.problems.map((p) => [p.line, p.code])).toEqual([[2, 'inspection_changed']]);
  });

  it('names every refused row with its line, refuses an inspection whole, and writes nothing', async () => {
    const analyst = await cast.analyst();
    const before = (await cast.ok<InspectionPage>(analyst, 'GET', '/api/v1/inspections?pageSize=1')).total;
    const rows = [
      // 2: a finding on an inspection not held; 3: its other row, refused with it.
      'R-1;10-05-2021;;;Utrecht;Politie;ja;;Politie;Drugs;Hennep;',
      'R-1;;;;;;;;;;;',
      // 4: a finding by a partner that did not take part; 5: a kind of finding unknown.
      'R-2;10-05-2021;11-05-2021;;Utrecht;;nee;;Belastingdienst;Overtreding;Geen administratie;',
      'R-3;10-05-2021;11-05-2021;;Utrecht;;nee;;;Kaas;Iets;',
      // 6: a location nobody knows; 7: held in the future; 8: held and cancelled.
      'R-4;10-05-2021;;;Utrecht;;nee;9999 ZZ 1;;;;',
      'R-5;10-05-2021;11-05-2099;;Utrecht;;nee;;;;;',
      'R-6;10-05-2021;11-05-2021;12-05-2021;Utrecht;;nee;;;;;',
      // 9: integral with one partner; 10, 11: rows that disagree on the municipality.
      'R-7;10-05-2021;;;Utrecht;;ja;;;;;',
      'R-8;10-05-2021;;;Utrecht;;nee;;;;;',
      'R-8;;;;Zeist;;;;;;;',
    ];
    const report = await upload(analyst, 'inspections', [header, ...rows], 'commit');
    expect(report).toMatchObject({ status: 'refused', rows: 10, written: 0 });
    expect(report.rows).toBe(report.accepted + report.rejected + report.skipped);
    expect(report.problems.map((p) => [p.line, p.column, p.code])).toEqual(
      expect.arrayContaining([
        [2, 'Gehouden op', 'not_held'],
        [3, null, 'inspection_refused'],
        [4, 'Partner van de bevinding', 'not_a_partner'],
        [5, 'Soort bevinding', 'unknown_finding_kind'],
        [6, 'Locaties', 'unknown_location'],
        [7, 'Gehouden op', 'in_the_future'],
        [8, 'Afgelast op', 'held_and_cancelled'],
        [9, 'Integraal', 'one_partner'],
        [11, 'Gemeente', 'inspection_differs'],
        [10, null, 'inspection_refused'],
      ]),
    );
    expect((await cast.ok<InspectionPage>(analyst, 'GET', '/api/v1/inspections?pageSize=1')).total).toBe(
      before,
    );
  });

  it("lets partner staff record only their own organisation's findings, at locations they may see", async () => {
    const analyst = await cast.analyst();
    await upload(
      analyst,
      'risk-locations',
      [locations[0] ?? '', 'Horeca;Café De Hoek;Markt;1;3811 CH;Amersfoort;Amersfoort;01-03-2021'],
      'commit',
    );
    const staff = await cast.staff('GM0344');
    const report = await upload(
      staff,
      'inspections',
      [
        header,
        'S-1;10-05-2021;11-05-2021;;Utrecht;Politie;ja;;Politie;Drugs;Hennep;',
        'S-2;10-05-2021;;;Amersfoort;;nee;3811 CH 1;;;;',
        'S-3;10-05-2021;11-05-2021;;Utrecht;;nee;3542 AD 12;;Overtreding;Geen vergunning;',
      ],
      'dry-run',
    );
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'other_partner'],
      [3, 'unknown_location'],
    ]);
    const officer = await cast.member(['privacy_officer']);
    expect(
      (
        await cast.call(officer, 'POST', '/api/v1/imports/inspections?mode=dry-run&fileName=c.csv', header, {
          'content-type': 'text/csv',
        })
      ).statusCode,
    ).toBe(403);
  });
});
