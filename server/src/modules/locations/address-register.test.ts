import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { detectSeparator } from '../../shared/text-files.js';
import {
  decodeGpkgPoint,
  type ParsedAddressRegister,
  parseAddressRegister,
  rdToWgs84,
} from './address-register.js';

// Every address here is invented: made-up streets and places, points somewhere in the country.

/** Within about a metre: 1e-5 degree is 1.1 m north–south and 0.7 m east–west here. */
const METRE = 1e-5;

const csv = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding);

function expectCounts(parsed: ParsedAddressRegister): void {
  expect(parsed.total).toBe(parsed.rows.length + parsed.rejected.length);
}

async function fileProblem(file: Buffer, name: string): Promise<{ code: string; reason: string }> {
  const error = await parseAddressRegister(file, name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const [problem] = (error as AppError).errors ?? [];
  if (!problem) throw new Error('no problem listed');
  return problem;
}

describe('RD New to WGS84', () => {
  it("puts the RD origin, the Onze Lieve Vrouwetoren in Amersfoort, where the Kadaster's figures do", () => {
    // 52.15517440 N, 5.38720621 E: the origin in ETRS89 (the Kadaster's approximation formulas).
    const { latitude, longitude } = rdToWgs84(155_000, 463_000);
    expect(latitude).toBeCloseTo(52.1551744, 5);
    expect(Math.abs(latitude - 52.1551744)).toBeLessThan(METRE);
    expect(Math.abs(longitude - 5.38720621)).toBeLessThan(METRE);
  });

  it('puts the Martinitoren in Groningen (RD 233883.131, 582065.167) at 53.21938 N, 6.56820 E', () => {
    const { latitude, longitude } = rdToWgs84(233_883.131, 582_065.167);
    expect(Math.abs(latitude - 53.2193832)).toBeLessThan(2 * METRE);
    expect(Math.abs(longitude - 6.5682005)).toBeLessThan(2 * METRE);
  });
});

describe('reading a CSV file', () => {
  it('reads semicolons, Dutch column names in any case, RD coordinates, and normalises every value', async () => {
    const parsed = await parseAddressRegister(
      csv(
        [
          'POSTCODE;Huisnummer;Huisletter;Toevoeging;Straat;Woonplaats;Gemeentecode;Nummeraanduiding ID;X;Y',
          '1234 ab;7;a;bis;Verzonnenlaan;Testdorp;344;344200000012345;155000;463000',
          '1234AB;9;;;Verzonnenlaan;Testdorp;GM0344;0344200000012346;155010,5;463020',
        ].join('\r\n'),
      ),
      'adressen.csv',
    );
    expect(parsed.format).toBe('csv');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        postcode: '1234AB',
        houseNumber: 7,
        houseLetter: 'A',
        addition: 'BIS',
        street: 'Verzonnenlaan',
        place: 'Testdorp',
        municipalityCode: 'GM0344',
        // A spreadsheet dropped the leading zero; it is put back.
        bagId: '0344200000012345',
        latitude: expect.closeTo(52.1551744, 5),
        longitude: expect.closeTo(5.3872062, 5),
      },
      expect.objectContaining({
        line: 3,
        houseNumber: 9,
        houseLetter: '',
        addition: '',
        bagId: '0344200000012346',
        municipalityCode: 'GM0344',
      }),
    ]);
    expectCounts(parsed);
  });

  it('reads commas with quoted values and WGS84 latitude and longitude', async () => {
    const parsed = await parseAddressRegister(
      csv(
        [
          'postcode,huisnummer,openbareruimtenaam,woonplaatsnaam,lat,lon',
          '3511ZZ,1,"Verzonnen Plein, oostzijde",Testdorp,52.0907,5.1214',
          '3511ZZ,2,"Het ""Lange"" Pad",Testdorp,52.0908,5.1215',
        ].join('\n'),
      ),
      'adressen.csv',
    );
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((r) => [r.street, r.latitude, r.longitude])).toEqual([
      ['Verzonnen Plein, oostzijde', 52.0907, 5.1214],
      ['Het "Lange" Pad', 52.0908, 5.1215],
    ]);
    expectCounts(parsed);
  });

  it('reads tabs with the BAG names in snake_case and decimal commas', async () => {
    const parsed = await parseAddressRegister(
      csv(
        [
          'postcode\thuisnummer\thuisnummertoevoeging\topenbare_ruimte_naam\twoonplaats_naam\tlatitude\tlongitude\tbag_id',
          '9711AA\t12\t2\tBedachtstraat\tProefstad\t53,2193\t6,5682\t0014200000000001',
        ].join('\n'),
      ),
      'adressen.txt',
    );
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toEqual([
      expect.objectContaining({
        postcode: '9711AA',
        houseNumber: 12,
        addition: '2',
        street: 'Bedachtstraat',
        place: 'Proefstad',
        latitude: 53.2193,
        longitude: 6.5682,
        bagId: '0014200000000001',
      }),
    ]);
  });

  it('detects the separator from the header, not from quoted names', () => {
    expect(detectSeparator('"a;b",c,d\n1;2;3;4')).toBe(',');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
    expect(detectSeparator('a;b,c;d')).toBe(';');
  });

  it('reads UTF-8 with a byte order mark as without one', async () => {
    const text = 'postcode;huisnummer;straat;plaats;x;y\n1234AB;1;Verzonnenlaan;Testdorp;155000;463000\n';
    const withBom = await parseAddressRegister(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(text)]),
      'a.csv',
    );
    const without = await parseAddressRegister(csv(text), 'a.csv');
    expect(withBom.rejected).toEqual([]);
    expect(withBom.rows).toEqual(without.rows);
    expect(withBom.rows).toHaveLength(1);
  });

  it('reads Windows-1252 (Excel on Windows) and UTF-8 alike: é and ë in a place name', async () => {
    const text =
      'postcode;huisnummer;straat;woonplaats;x;y\n' +
      '1234AB;1;Verzonnenlaan;Hëllendaal;155000;463000\n' +
      '1234AB;2;Rue Inventée;Café-sur-Test;155000;463000\n';
    // latin1 writes é and ë as the same single bytes as Windows-1252 (0xE9, 0xEB).
    const windows = csv(text, 'latin1');
    expect(windows.includes(0xeb)).toBe(true);
    const fromWindows = await parseAddressRegister(windows, 'a.csv');
    const fromUtf8 = await parseAddressRegister(csv(text), 'a.csv');
    expect(fromWindows.rows.map((r) => [r.street, r.place])).toEqual([
      ['Verzonnenlaan', 'Hëllendaal'],
      ['Rue Inventée', 'Café-sur-Test'],
    ]);
    expect(fromWindows.rows).toEqual(fromUtf8.rows);
  });

  it('refuses every kind of bad row with its line, column, value, code and a Dutch hint', async () => {
    const lines = [
      'postcode;huisnummer;huisletter;toevoeging;straat;woonplaats;gemeentecode;bag_id;x;y', // 1
      '1234AB;1;;;Verzonnenlaan;Testdorp;GM0344;;155000;463000', // 2 good
      '0123AB;1;;;Verzonnenlaan;Testdorp;;;155000;463000', // 3
      '1234SA;1;;;Verzonnenlaan;Testdorp;;;155000;463000', // 4
      ';1;;;Verzonnenlaan;Testdorp;;;155000;463000', // 5
      '1234AB;12a;;;Verzonnenlaan;Testdorp;;;155000;463000', // 6
      '1234AB;100000;;;Verzonnenlaan;Testdorp;;;155000;463000', // 7
      '1234AB;2;AB;;Verzonnenlaan;Testdorp;;;155000;463000', // 8
      '1234AB;3;;ABCDE;Verzonnenlaan;Testdorp;;;155000;463000', // 9
      '1234AB;4;;;;Testdorp;;;155000;463000', // 10
      '1234AB;5;;;Verzonnenlaan; ;;;155000;463000', // 11
      '1234AB;6;;;Verzonnenlaan;Testdorp;XX12;;155000;463000', // 12
      '1234AB;7;;;Verzonnenlaan;Testdorp;;12ab;155000;463000', // 13
      '1234AB;8;;;Verzonnenlaan;Testdorp;;;;463000', // 14
      '1234AB;9;;;Verzonnenlaan;Testdorp;;;463000;155000', // 15: x and y swapped
      '', // 16: blank, skipped but counted as a line
      '1234 ab;1;;;Verzonnenlaan;Testdorp;;;155000;463000', // 17: the address of line 2 again
      '"1234AB";10;;;"Verzonnen', // 18: a value over two lines ...
      'laan";Testdorp;;;155000;463000', // 19 ... is one row, of line 18
      '99;11;;;;Testdorp;;;155000;463000', // 20: two problems
      ';;;;;;;;;', // 21: separators only, as a spreadsheet leaves them: skipped
      '1234AB;12;;;Verzonnenlaan;Testdorp;;;155000;463000', // 22 good
    ];
    const parsed = await parseAddressRegister(csv(lines.join('\n')), 'a.csv');
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 18, 22]);
    expect(parsed.rows[1]?.street).toBe('Verzonnen laan');
    expect(parsed.rejected.map((r) => [r.line, r.column, r.value, r.code])).toEqual([
      [3, 'postcode', '0123AB', 'address.postcode_invalid'],
      [4, 'postcode', '1234SA', 'address.postcode_invalid'],
      [5, 'postcode', '', 'address.postcode_missing'],
      [6, 'huisnummer', '12a', 'address.house_number_invalid'],
      [7, 'huisnummer', '100000', 'address.house_number_invalid'],
      [8, 'huisletter', 'AB', 'address.house_letter_invalid'],
      [9, 'toevoeging', 'ABCDE', 'address.addition_invalid'],
      [10, 'straat', '', 'address.street_missing'],
      [11, 'woonplaats', ' ', 'address.place_missing'],
      [12, 'gemeentecode', 'XX12', 'address.municipality_code_invalid'],
      [13, 'bag_id', '12ab', 'address.bag_id_invalid'],
      [14, 'x, y', ', 463000', 'address.point_missing'],
      [15, 'x, y', '463000, 155000', 'address.point_outside_netherlands'],
      [17, 'postcode, huisnummer, huisletter, toevoeging', '1234 ab 1', 'address.duplicate'],
      [20, 'postcode', '99', 'address.postcode_invalid'],
    ]);
    const byLine = new Map(parsed.rejected.map((r) => [r.line, r]));
    expect(byLine.get(4)?.message).toContain('SA, SD en SS');
    expect(byLine.get(6)?.message).toContain('huisletter');
    expect(byLine.get(15)?.message).toMatch(/buiten Nederland.*verwisseld/);
    expect(byLine.get(17)?.message).toContain('regel 2');
    expect(byLine.get(20)?.further).toEqual([
      expect.objectContaining({ column: 'straat', code: 'address.street_missing' }),
    ]);
    for (const row of parsed.rejected) expect(row.message).toMatch(/^[A-Z'].*\.$/s);
    expect(parsed.total).toBe(18);
    expectCounts(parsed);
  });

  it('refuses a file without the required columns, naming them', async () => {
    const problem = await fileProblem(csv('postcode;nummer;straat\n1234AB;1;Verzonnenlaan\n'), 'a.csv');
    expect(problem.code).toBe('address.columns_missing');
    expect(problem.reason).toContain('huisnummer');
    expect(problem.reason).toContain('woonplaats');
    expect(problem.reason).toContain('x en y');
  });

  it('refuses an empty file and an unclosed quote', async () => {
    expect((await fileProblem(csv(''), 'a.csv')).code).toBe('address.file_empty');
    const unclosed = await fileProblem(
      csv('postcode;huisnummer;straat;plaats;x;y\n1234AB;1;"Verzonnenlaan;Testdorp;1;2\n'),
      'a.csv',
    );
    expect(unclosed.code).toBe('address.file_unreadable');
  });

  it('counts a header without rows as nothing', async () => {
    const parsed = await parseAddressRegister(csv('postcode;huisnummer;straat;plaats;lat;lon\n'), 'a.csv');
    expect(parsed).toEqual({ format: 'csv', rows: [], rejected: [], total: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// GeoPackage, built here as GDAL would write it.

/** A GeoPackage geometry blob of a point: header ('GP', version, flags, srs_id, envelope) + WKB. */
function gpkgPoint(
  x: number,
  y: number,
  options: {
    srsId: number;
    headerLittleEndian?: boolean;
    envelope?: boolean;
    wkbLittleEndian?: boolean;
    z?: number;
  },
): Uint8Array {
  const headerLe = options.headerLittleEndian ?? true;
  const wkbLe = options.wkbLittleEndian ?? true;
  const envelope = options.envelope ? 32 : 0;
  const coordinates = options.z === undefined ? 2 : 3;
  const buffer = new ArrayBuffer(8 + envelope + 5 + 8 * coordinates);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  bytes.set([0x47, 0x50, 0], 0);
  bytes[3] = (options.envelope ? 1 << 1 : 0) | (headerLe ? 1 : 0);
  view.setInt32(4, options.srsId, headerLe);
  // The envelope: min x, max x, min y, max y, in the header's byte order.
  if (options.envelope) for (const [i, v] of [x, x, y, y].entries()) view.setFloat64(8 + 8 * i, v, headerLe);
  const wkb = 8 + envelope;
  bytes[wkb] = wkbLe ? 1 : 0;
  view.setUint32(wkb + 1, options.z === undefined ? 1 : 1001, wkbLe);
  view.setFloat64(wkb + 5, x, wkbLe);
  view.setFloat64(wkb + 13, y, wkbLe);
  if (options.z !== undefined) view.setFloat64(wkb + 21, options.z, wkbLe);
  return bytes;
}

/** An empty point: the flags' empty bit, no envelope, NaN coordinates. */
function gpkgEmpty(srsId: number): Uint8Array {
  const bytes = gpkgPoint(Number.NaN, Number.NaN, { srsId });
  bytes[3] = (bytes[3] ?? 0) | 0b1_0000;
  return bytes;
}

/** A two-point line string: not an address point. */
function gpkgLine(srsId: number): Uint8Array {
  const buffer = new ArrayBuffer(8 + 9 + 32);
  const view = new DataView(buffer);
  const bytes = new Uint8Array(buffer);
  bytes.set([0x47, 0x50, 0, 1], 0);
  view.setInt32(4, srsId, true);
  bytes[8] = 1;
  view.setUint32(9, 2, true);
  view.setUint32(13, 2, true);
  return bytes;
}

type Feature = Record<string, string | number | Uint8Array | null>;

async function geoPackage(options: { srsId: number; organisationId?: number; features: Feature[] }) {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`
    create table gpkg_spatial_ref_sys (srs_name text not null, srs_id integer primary key,
      organization text not null, organization_coordsys_id integer not null, definition text not null,
      description text);
    create table gpkg_contents (table_name text primary key, data_type text not null, identifier text,
      description text default '', last_change datetime, min_x double, min_y double, max_x double,
      max_y double, srs_id integer);
    create table gpkg_geometry_columns (table_name text not null, column_name text not null,
      geometry_type_name text not null, srs_id integer not null, z tinyint not null, m tinyint not null,
      primary key (table_name, column_name));
    -- A layer without addresses, as a BAG GeoPackage has (buildings), listed first.
    create table pand (fid integer primary key autoincrement, geom blob, identificatie text, bouwjaar integer);
    create table verblijfsobject (fid integer primary key autoincrement, geom blob, identificatie text,
      openbare_ruimte_naam text, huisnummer integer, huisletter text, toevoeging text, postcode text,
      woonplaats_naam text, status text);
  `);
  db.run('insert into gpkg_spatial_ref_sys values (?, ?, ?, ?, ?, ?)', [
    'test',
    options.srsId,
    'EPSG',
    options.organisationId ?? options.srsId,
    'undefined',
    null,
  ]);
  for (const [table, type] of [
    ['pand', 'POLYGON'],
    ['verblijfsobject', 'POINT'],
  ] as const) {
    db.run(
      "insert into gpkg_contents (table_name, data_type, identifier, srs_id) values (?, 'features', ?, ?)",
      [table, table, options.srsId],
    );
    db.run('insert into gpkg_geometry_columns values (?, ?, ?, ?, 0, 0)', [
      table,
      'geom',
      type,
      options.srsId,
    ]);
  }
  for (const feature of options.features) {
    const names = Object.keys(feature);
    db.run(
      `insert into verblijfsobject (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`,
      Object.values(feature),
    );
  }
  const file = Buffer.from(db.export());
  db.close();
  return file;
}

const feature = (fid: number, geom: Uint8Array | null, changes: Feature = {}): Feature => ({
  fid,
  geom,
  identificatie: `03442000000${String(fid).padStart(5, '0')}`,
  openbare_ruimte_naam: 'Verzonnenlaan',
  huisnummer: fid,
  huisletter: null,
  toevoeging: null,
  postcode: '1234AB',
  woonplaats_naam: 'Testdorp',
  status: 'Verblijfsobject in gebruik',
  ...changes,
});

describe('reading a GeoPackage', () => {
  it('finds the address layer, decodes every header and WKB variant, and converts RD', async () => {
    const file = await geoPackage({
      srsId: 28992,
      features: [
        feature(1, gpkgPoint(155_000, 463_000, { srsId: 28992 })),
        feature(2, gpkgPoint(155_000, 463_000, { srsId: 28992, envelope: true }), { huisletter: 'b' }),
        feature(3, gpkgPoint(233_883.131, 582_065.167, { srsId: 28992, headerLittleEndian: false }), {
          toevoeging: '1',
        }),
        feature(4, gpkgPoint(155_000, 463_000, { srsId: 28992, wkbLittleEndian: false, z: 4.2 })),
      ],
    });
    const parsed = await parseAddressRegister(file, 'bag.gpkg');
    expect(parsed.format).toBe('gpkg');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.houseNumber, r.houseLetter, r.addition, r.bagId])).toEqual([
      [1, 1, '', '', '0344200000000001'],
      [2, 2, 'B', '', '0344200000000002'],
      [3, 3, '', '1', '0344200000000003'],
      [4, 4, '', '', '0344200000000004'],
    ]);
    for (const row of [parsed.rows[0], parsed.rows[1], parsed.rows[3]]) {
      expect(Math.abs((row?.latitude ?? 0) - 52.1551744)).toBeLessThan(METRE);
      expect(Math.abs((row?.longitude ?? 0) - 5.38720621)).toBeLessThan(METRE);
    }
    expect(Math.abs((parsed.rows[2]?.latitude ?? 0) - 53.2193832)).toBeLessThan(2 * METRE);
    expect(parsed.rows[2]).toMatchObject({ street: 'Verzonnenlaan', place: 'Testdorp', postcode: '1234AB' });
    expectCounts(parsed);
  });

  it('reads WGS84 layers (longitude is x), also under an SRS id of its own', async () => {
    const file = await geoPackage({
      srsId: 100_001,
      organisationId: 4326,
      features: [feature(7, gpkgPoint(5.1214, 52.0907, { srsId: 100_001 }))],
    });
    const parsed = await parseAddressRegister(file, 'export');
    expect(parsed.rows).toEqual([expect.objectContaining({ line: 7, latitude: 52.0907, longitude: 5.1214 })]);
  });

  it('refuses features by their feature id: no point, not a point, bad values, outside the country', async () => {
    const file = await geoPackage({
      srsId: 28992,
      features: [
        feature(10, gpkgPoint(155_000, 463_000, { srsId: 28992 })),
        feature(11, gpkgEmpty(28992)),
        feature(12, null),
        feature(13, gpkgLine(28992)),
        feature(14, gpkgPoint(155_000, 463_000, { srsId: 28992 }), { postcode: '1234 SS' }),
        feature(15, gpkgPoint(463_000, 155_000, { srsId: 28992 })),
        feature(16, gpkgPoint(155_000, 463_000, { srsId: 28992 }), { huisnummer: 10 }),
      ],
    });
    const parsed = await parseAddressRegister(file, 'bag.gpkg');
    expect(parsed.rows.map((r) => r.line)).toEqual([10]);
    expect(parsed.rejected.map((r) => [r.line, r.column, r.code])).toEqual([
      [11, 'geom', 'address.point_missing'],
      [12, 'geom', 'address.point_missing'],
      [13, 'geom', 'address.geometry_invalid'],
      [14, 'postcode', 'address.postcode_invalid'],
      [15, 'geom', 'address.point_outside_netherlands'],
      [16, 'postcode, huisnummer, huisletter, toevoeging', 'address.duplicate'],
    ]);
    expect(parsed.rejected.at(-1)?.message).toContain('bij object 10');
    expectCounts(parsed);
  });

  it('refuses a coordinate system other than RD New and WGS84, and a broken file', async () => {
    const file = await geoPackage({
      srsId: 3035,
      features: [feature(1, gpkgPoint(3_950_000, 3_200_000, { srsId: 3035 }))],
    });
    const problem = await fileProblem(file, 'bag.gpkg');
    expect(problem.code).toBe('address.gpkg_srs_unsupported');
    expect(problem.reason).toContain('3035');
    const broken = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200, 7)]);
    expect((await fileProblem(broken, 'bag.gpkg')).code).toBe('address.file_unreadable');
    expect((await fileProblem(csv('postcode;huisnummer\n'), 'bag.gpkg')).code).toBe(
      'address.file_unreadable',
    );
  });

  it('decodes only points: an extended type or a bad magic is no point', () => {
    const point = gpkgPoint(1, 2, { srsId: 28992 });
    expect(decodeGpkgPoint(point)).toEqual({ x: 1, y: 2 });
    const extended = point.slice();
    extended[3] = (extended[3] ?? 0) | 0b10_0000;
    expect(decodeGpkgPoint(extended)).toBeNull();
    const magic = point.slice();
    magic[0] = 0;
    expect(decodeGpkgPoint(magic)).toBeNull();
    expect(decodeGpkgPoint(gpkgEmpty(28992))).toBe('empty');
  });
});
