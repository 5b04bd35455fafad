import { parse } from 'csv-parse/sync';
import proj4 from 'proj4';
import initSqlJs, { type Database as SqliteDatabase, type SqlJsStatic } from 'sql.js';
import { invalid } from '../../shared/errors.js';
import { decodeText, detectSeparator } from '../../shared/text-files.js';

/**
 * Reading an extract of the BAG (Basisregistratie Adressen en Gebouwen) into address points:
 * a CSV file or a GeoPackage, every row checked, nothing written. The formats are described in
 * docs/address-register.md.
 */

/** An extract loaded whole (CSV, GeoPackage), or a spreadsheet's addresses imported (CSV, XLSX). */
export type AddressRegisterFormat = 'csv' | 'gpkg' | 'xlsx';

/** One accepted address, with its point in WGS84. Letter and addition are '' when absent. */
export interface AddressRow {
  /** The line in the file (the header is line 1), or the GeoPackage feature id. */
  line: number;
  postcode: string;
  houseNumber: number;
  houseLetter: string;
  addition: string;
  street: string;
  place: string;
  municipalityCode: string | null;
  bagId: string | null;
  latitude: number;
  longitude: number;
}

/** What is wrong with one value of a row. */
export interface FieldProblem {
  /** The column as the file names it. */
  column: string;
  value: string;
  /** Stable, e.g. `address.postcode_invalid`. */
  code: string;
  /** Dutch, with a hint how to repair it. */
  message: string;
}

/** A refused row: its first problem, and any further problems of the same row. */
export interface RowProblem extends FieldProblem {
  /** The line in the file (the header is line 1), or the GeoPackage feature id. */
  line: number;
  further: FieldProblem[];
}

export interface ParsedAddressRegister {
  format: AddressRegisterFormat;
  rows: AddressRow[];
  rejected: RowProblem[];
  /** Always rows.length + rejected.length. */
  total: number;
}

/** The Netherlands' box, as the locations table checks it. */
export const NETHERLANDS = { south: 50.5, north: 53.8, west: 3.2, east: 7.3 } as const;

/** RD New with the seven-parameter datum shift to WGS84 (EPSG:28992); about a metre accurate. */
const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
proj4.defs('EPSG:28992', RD_NEW);
const rdNew = proj4('EPSG:28992', 'WGS84');

/** Seven decimals of a degree are about a centimetre: more is noise of the transformation. */
const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

/** RD New (EPSG:28992) metres to WGS84 degrees. */
export function rdToWgs84(x: number, y: number): { latitude: number; longitude: number } {
  const [longitude, latitude] = rdNew.forward([x, y]);
  return { latitude: round7(latitude ?? Number.NaN), longitude: round7(longitude ?? Number.NaN) };
}

// ---------------------------------------------------------------------------------------------
// Columns

export type AddressField =
  | 'postcode'
  | 'houseNumber'
  | 'houseLetter'
  | 'addition'
  | 'street'
  | 'place'
  | 'municipalityCode'
  | 'bagId'
  | 'x'
  | 'y'
  | 'latitude'
  | 'longitude';

/**
 * Header names per field, compared in lower case without spaces, underscores or other marks
 * (`Openbare ruimte naam`, `openbare_ruimte_naam` and `openbareRuimteNaam` are one name). When
 * a file has several, the earlier synonym wins: a nummeraanduiding id before a generic one.
 */
const synonyms: Record<AddressField, readonly string[]> = {
  postcode: ['postcode', 'postalcode', 'zipcode', 'pc6'],
  houseNumber: ['huisnummer', 'housenumber', 'huisnr'],
  houseLetter: ['huisletter', 'houseletter'],
  addition: ['huisnummertoevoeging', 'toevoeging', 'huisnrtoev', 'housenumberaddition', 'addition'],
  street: ['openbareruimtenaam', 'openbareruimte', 'straatnaam', 'straat', 'street'],
  place: ['woonplaatsnaam', 'woonplaats', 'plaatsnaam', 'plaats', 'city'],
  municipalityCode: ['gemeentecode', 'cbsgemeentecode', 'municipalitycode'],
  bagId: [
    'nummeraanduidingid',
    'nummeraanduidingidentificatie',
    'nummeraanduidinghoofdadresidentificatie',
    'hoofdadresnummeraanduidingidentificatie',
    'nummeraanduiding',
    'identificatie',
    'bagid',
  ],
  x: ['x', 'rdx', 'xrd', 'xcoordinaat'],
  y: ['y', 'rdy', 'yrd', 'ycoordinaat'],
  latitude: ['lat', 'latitude', 'breedtegraad'],
  longitude: ['lon', 'lng', 'long', 'longitude', 'lengtegraad'],
};

/** The Dutch name of a required column in a message, with the names the file may use. */
const requiredColumns: Array<{ field: AddressField; label: string }> = [
  { field: 'postcode', label: 'postcode' },
  { field: 'houseNumber', label: 'huisnummer' },
  { field: 'street', label: 'straat (openbareruimtenaam)' },
  { field: 'place', label: 'woonplaats (woonplaatsnaam)' },
];

const normaliseHeader = (name: string) =>
  name
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

interface Column {
  index: number;
  name: string;
}
type Columns = Partial<Record<AddressField, Column>>;

/** Which column holds which field, by the header's names. */
function columnsOf(header: readonly string[]): Columns {
  const found: Columns = {};
  const rank: Partial<Record<AddressField, number>> = {};
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    for (const field of Object.keys(synonyms) as AddressField[]) {
      const at = synonyms[field].indexOf(key);
      if (at >= 0 && at < (rank[field] ?? Number.POSITIVE_INFINITY)) {
        found[field] = { index, name: name.trim() };
        rank[field] = at;
      }
    }
  });
  return found;
}

function fileProblem(code: string, reason: string): never {
  throw invalid([{ name: 'file', in: 'body', code, reason }], 'Het bestand kan niet worden gelezen.');
}

/** The required columns a header lacks, named for a message; the point's only in a CSV file. */
function missingColumns(columns: Columns, needsPoint: boolean): string[] {
  const missing = requiredColumns
    .filter(({ field }) => !columns[field])
    .map(({ field, label }) => `${label} (of: ${synonyms[field].slice(1, 4).join(', ')})`);
  if (needsPoint && !(columns.x && columns.y) && !(columns.latitude && columns.longitude))
    missing.push('coördinaten: x en y (RD) of lat en lon (WGS84)');
  return missing;
}

function columnsMissing(missing: readonly string[], where: string): never {
  return fileProblem(
    'address.columns_missing',
    `Deze kolommen ontbreken in ${where}: ${missing.join('; ')}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Values

/** `1234 ab` → `1234AB`; null when it is no Dutch postcode (SA, SD and SS are never used). */
export function normalisePostcode(value: string): string | null {
  const postcode = value.replace(/\s+/g, '').toUpperCase();
  return /^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode) && !/(SA|SD|SS)$/.test(postcode) ? postcode : null;
}

export function normaliseHouseNumber(value: string): number | null {
  const text = value.trim();
  if (!/^[0-9]{1,5}(\.0+)?$/.test(text)) return null;
  const number = Number(text);
  return number >= 1 && number <= 99_999 ? number : null;
}

/** One letter A–Z in upper case, '' for none; null when invalid. */
export function normaliseHouseLetter(value: string): string | null {
  const letter = value.trim().toUpperCase();
  return /^[A-Z]?$/.test(letter) ? letter : null;
}

/** Up to four letters or digits in upper case, '' for none; null when invalid. */
export function normaliseAddition(value: string): string | null {
  const addition = value.trim().toUpperCase();
  return /^[A-Z0-9]{0,4}$/.test(addition) ? addition : null;
}

/** `GM0344`, `gm344`, `0344` or `344` → `GM0344`; null when invalid. */
function normaliseMunicipalityCode(value: string): string | null {
  const match = /^(?:GM)?([0-9]{1,4})$/i.exec(value.trim());
  return match?.[1] && Number(match[1]) > 0 ? `GM${match[1].padStart(4, '0')}` : null;
}

/**
 * Sixteen digits. A spreadsheet drops the leading zeros of an id whose municipality code starts
 * with 0 (`0344200000123456` becomes `344200000123456`): up to three are put back.
 */
function normaliseBagId(value: string): string | null {
  const text = value.trim();
  return /^[0-9]{13,16}$/.test(text) ? text.padStart(16, '0') : null;
}

/** A decimal number, with a point or (Dutch spreadsheets) a comma. */
function decimal(value: string): number {
  let text = value.trim();
  if (/^[-+]?[0-9]+,[0-9]+$/.test(text)) text = text.replace(',', '.');
  if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(text)) return Number.NaN;
  return Number(text);
}

const quoted = (value: string) => `'${value}'`;

const messages = {
  postcodeMissing: () => 'De postcode ontbreekt. Elk adres heeft een postcode, bijvoorbeeld 1234 AB.',
  postcodeInvalid: (value: string) =>
    /^[1-9][0-9]{3}(SA|SD|SS)$/.test(value.replace(/\s+/g, '').toUpperCase())
      ? `${quoted(value)} is geen geldige postcode: de letters SA, SD en SS komen in postcodes niet voor.`
      : `${quoted(value)} is geen geldige postcode: vier cijfers (niet beginnend met 0) en twee letters, bijvoorbeeld 1234 AB.`,
  houseNumberMissing: () => 'Het huisnummer ontbreekt.',
  houseNumberInvalid: (value: string) =>
    `${quoted(value)} is geen geldig huisnummer: een geheel getal van 1 tot en met 99999. Zet een huisletter of toevoeging in een eigen kolom (huisletter, huisnummertoevoeging).`,
  houseLetterInvalid: (value: string) =>
    `${quoted(value)} is geen geldige huisletter: één letter, A tot en met Z. Een langere toevoeging hoort in de kolom huisnummertoevoeging.`,
  additionInvalid: (value: string) =>
    `${quoted(value)} is geen geldige huisnummertoevoeging: hoogstens vier letters of cijfers, zonder spaties of streepjes.`,
  streetMissing: () => 'De straatnaam (openbare ruimte) ontbreekt.',
  placeMissing: () => 'De woonplaats ontbreekt.',
  municipalityCodeInvalid: (value: string) =>
    `${quoted(value)} is geen geldige gemeentecode: GM met vier cijfers (GM0344) of de viercijferige gemeentecode uit de BAG (0344).`,
  bagIdInvalid: (value: string) =>
    `${quoted(value)} is geen geldige BAG-identificatie: zestien cijfers, bijvoorbeeld 0344200000123456. Laat de kolom leeg als het nummer onbekend is.`,
  pointMissing: () =>
    'De coördinaten ontbreken of zijn geen getal. Vul x en y in (RD, in meters) of lat en lon (WGS84, in graden).',
  pointOutside: (latitude: number, longitude: number) =>
    `Het punt (${latitude.toFixed(5)}, ${longitude.toFixed(5)}) ligt buiten Nederland. Controleer of x en y (of lat en lon) niet verwisseld zijn en of RD-coördinaten in meters staan.`,
  geometryInvalid: () =>
    'De geometrie is geen punt in het GeoPackage-formaat. Een adres heeft één punt (Point), in EPSG:28992 of EPSG:4326.',
  duplicate: (first: number, format: AddressRegisterFormat) =>
    `Dit adres staat al ${format === 'gpkg' ? 'bij object' : 'op regel'} ${first}: een adres (postcode, huisnummer, huisletter en toevoeging) komt één keer in het register.`,
};

/** The point of a row as the file gives it: RD metres, WGS84 degrees, or none. */
type RawPoint =
  | { kind: 'rd'; x: number; y: number; column: string; value: string }
  | { kind: 'wgs84'; latitude: number; longitude: number; column: string; value: string }
  | { kind: 'missing'; column: string; value: string }
  | { kind: 'invalid'; column: string; value: string };

interface RawRow {
  line: number;
  /** The row's value of a field, '' when the file has no such column. */
  value(field: AddressField): string;
  /** The file's name of a field's column, or the field's own name when it has none. */
  column(field: AddressField): string;
  has(field: AddressField): boolean;
  point: RawPoint;
}

/** Checks one row: an address, or every problem it has. */
function checkRow(raw: RawRow): { row: AddressRow } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: AddressField, code: string, message: string) =>
    problems.push({ column: raw.column(field), value: raw.value(field), code, message });

  const postcodeText = raw.value('postcode');
  const postcode = normalisePostcode(postcodeText);
  if (!postcodeText.trim()) problem('postcode', 'address.postcode_missing', messages.postcodeMissing());
  else if (!postcode) problem('postcode', 'address.postcode_invalid', messages.postcodeInvalid(postcodeText));

  const numberText = raw.value('houseNumber');
  const houseNumber = normaliseHouseNumber(numberText);
  if (!numberText.trim())
    problem('houseNumber', 'address.house_number_missing', messages.houseNumberMissing());
  else if (houseNumber === null)
    problem('houseNumber', 'address.house_number_invalid', messages.houseNumberInvalid(numberText));

  const houseLetter = normaliseHouseLetter(raw.value('houseLetter'));
  if (houseLetter === null)
    problem(
      'houseLetter',
      'address.house_letter_invalid',
      messages.houseLetterInvalid(raw.value('houseLetter')),
    );

  const addition = normaliseAddition(raw.value('addition'));
  if (addition === null)
    problem('addition', 'address.addition_invalid', messages.additionInvalid(raw.value('addition')));

  // A name's line breaks and runs of spaces (a spreadsheet's cell, a careless export) are one space.
  const street = raw.value('street').replace(/\s+/g, ' ').trim();
  if (!street) problem('street', 'address.street_missing', messages.streetMissing());
  const place = raw.value('place').replace(/\s+/g, ' ').trim();
  if (!place) problem('place', 'address.place_missing', messages.placeMissing());

  const municipalityText = raw.value('municipalityCode').trim();
  const municipalityCode = municipalityText ? normaliseMunicipalityCode(municipalityText) : null;
  if (municipalityText && !municipalityCode)
    problem(
      'municipalityCode',
      'address.municipality_code_invalid',
      messages.municipalityCodeInvalid(municipalityText),
    );

  const bagIdText = raw.value('bagId').trim();
  const bagId = bagIdText ? normaliseBagId(bagIdText) : null;
  if (bagIdText && !bagId) problem('bagId', 'address.bag_id_invalid', messages.bagIdInvalid(bagIdText));

  const { point } = raw;
  let latitude = Number.NaN;
  let longitude = Number.NaN;
  if (point.kind === 'rd') ({ latitude, longitude } = rdToWgs84(point.x, point.y));
  if (point.kind === 'wgs84') [latitude, longitude] = [round7(point.latitude), round7(point.longitude)];
  const at = { column: point.column, value: point.value };
  if (point.kind === 'missing')
    problems.push({ ...at, code: 'address.point_missing', message: messages.pointMissing() });
  else if (point.kind === 'invalid')
    problems.push({ ...at, code: 'address.geometry_invalid', message: messages.geometryInvalid() });
  else if (
    !(latitude >= NETHERLANDS.south && latitude <= NETHERLANDS.north) ||
    !(longitude >= NETHERLANDS.west && longitude <= NETHERLANDS.east)
  )
    problems.push({
      ...at,
      code: 'address.point_outside_netherlands',
      message: messages.pointOutside(latitude, longitude),
    });

  if (
    problems.length ||
    postcode === null ||
    houseNumber === null ||
    houseLetter === null ||
    addition === null
  )
    return { problems };
  return {
    row: {
      line: raw.line,
      postcode,
      houseNumber,
      houseLetter,
      addition,
      street,
      place,
      municipalityCode,
      bagId,
      latitude,
      longitude,
    },
  };
}

/** Checks every row and refuses the second of two rows with the same address. */
function checkRows(raws: Iterable<RawRow>, format: AddressRegisterFormat): ParsedAddressRegister {
  const rows: AddressRow[] = [];
  const rejected: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const raw of raws) {
    const checked = checkRow(raw);
    if ('problems' in checked) {
      const [first, ...further] = checked.problems as [FieldProblem, ...FieldProblem[]];
      rejected.push({ line: raw.line, ...first, further });
      continue;
    }
    const { row } = checked;
    const key = `${row.postcode} ${row.houseNumber} ${row.houseLetter} ${row.addition}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const fields: AddressField[] = ['postcode', 'houseNumber', 'houseLetter', 'addition'];
      const present = fields.filter((f) => raw.has(f));
      rejected.push({
        line: raw.line,
        column: present.map((f) => raw.column(f)).join(', '),
        value: present
          .map((f) => raw.value(f).trim())
          .filter(Boolean)
          .join(' '),
        code: 'address.duplicate',
        message: messages.duplicate(first, format),
        further: [],
      });
      continue;
    }
    seen.set(key, row.line);
    rows.push(row);
  }
  return { format, rows, rejected, total: rows.length + rejected.length };
}

/**
 * Checks one address told field by field, as a row of a spreadsheet the import pipeline read
 * (its columns mapped to these fields; `has` those mapped): the same checks and messages as a row
 * of a loaded extract, the point from lat and lon or else from x and y. A problem names the field.
 */
export function checkAddressFields(
  line: number,
  value: (field: AddressField) => string,
  has: (field: AddressField) => boolean,
): { row: AddressRow } | { problems: FieldProblem[] } {
  const fields = Object.keys(synonyms) as AddressField[];
  const columns: Columns = Object.fromEntries(
    fields.filter(has).map((field, index) => [field, { index, name: field }]),
  );
  return checkRow({ line, value, column: (field) => field, has, point: csvPoint(columns, value) });
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The lines a record spans: one, and one more for each line break inside a quoted value. */
function linesIn(record: readonly string[]): number {
  let lines = 1;
  for (const value of record) if (value.includes('\n')) lines += value.split('\n').length - 1;
  return lines;
}

function parseCsv(file: Uint8Array): ParsedAddressRegister {
  const text = decodeText(file);
  if (!text.trim()) fileProblem('address.file_empty', 'Het bestand is leeg.');
  let records: string[][];
  try {
    // Blank lines come as records too (of one empty value): the line numbers count them.
    records = parse(text, { delimiter: detectSeparator(text), relax_column_count: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    fileProblem(
      'address.file_unreadable',
      `Het bestand is geen leesbare CSV${line ? ` (regel ${line})` : ''}: controleer de aanhalingstekens. Een waarde met het scheidingsteken erin staat tussen dubbele aanhalingstekens, een aanhalingsteken daarin wordt verdubbeld.`,
    );
  }
  const [header, ...data] = records;
  if (!header) return fileProblem('address.file_empty', 'Het bestand is leeg.');
  const columns = columnsOf(header);
  const missing = missingColumns(columns, true);
  if (missing.length) columnsMissing(missing, 'de kopregel (de eerste regel van het bestand)');

  function* raws(): Generator<RawRow> {
    let next = 1 + linesIn(header ?? []);
    for (const record of data) {
      const line = next;
      next += linesIn(record);
      // Blank lines, and a spreadsheet's trailing rows of separators only.
      if (record.every((value) => !value.trim())) continue;
      const value = (field: AddressField) => {
        const column = columns[field];
        return column ? (record[column.index] ?? '') : '';
      };
      yield {
        line,
        value,
        column: (field) => columns[field]?.name ?? field,
        has: (field) => columns[field] !== undefined,
        point: csvPoint(columns, value),
      };
    }
  }
  return checkRows(raws(), 'csv');
}

/** WGS84 when the row has lat and lon, else RD when it has x and y. */
function csvPoint(columns: Columns, value: (field: AddressField) => string): RawPoint {
  const pair = (a: AddressField, b: AddressField) => ({
    column: `${columns[a]?.name ?? a}, ${columns[b]?.name ?? b}`,
    value: `${value(a).trim()}, ${value(b).trim()}`,
  });
  if (columns.latitude && columns.longitude && (value('latitude').trim() || value('longitude').trim())) {
    const [latitude, longitude] = [decimal(value('latitude')), decimal(value('longitude'))];
    const at = pair('latitude', 'longitude');
    return Number.isFinite(latitude) && Number.isFinite(longitude)
      ? { kind: 'wgs84', latitude, longitude, ...at }
      : { kind: 'missing', ...at };
  }
  if (columns.x && columns.y) {
    const [x, y] = [decimal(value('x')), decimal(value('y'))];
    const at = pair('x', 'y');
    return Number.isFinite(x) && Number.isFinite(y)
      ? { kind: 'rd', x, y, ...at }
      : { kind: 'missing', ...at };
  }
  return { kind: 'missing', ...pair('latitude', 'longitude') };
}

// ---------------------------------------------------------------------------------------------
// GeoPackage

let sqlite: Promise<SqlJsStatic> | undefined;

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The rows of a query as objects (for the small gpkg_* tables). */
function all(db: SqliteDatabase, query: string, params: Array<string | number> = []) {
  const statement = db.prepare(query, params);
  const rows: Array<Record<string, unknown>> = [];
  try {
    while (statement.step()) rows.push(statement.getAsObject());
  } finally {
    statement.free();
  }
  return rows;
}

/** Envelope sizes in bytes by the flags' envelope indicator (GeoPackage 1.x, clause 2.1.3). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64] as const;

/**
 * A point from a GeoPackage geometry blob: the header ('GP', version 0, flags, srs_id and an
 * optional envelope) and then a WKB Point (2D, Z, M or ZM, ISO or extended codes). `empty` for
 * an empty point, null for anything else.
 */
export function decodeGpkgPoint(blob: Uint8Array): { x: number; y: number } | 'empty' | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50 || blob[2] !== 0) return null;
  const flags = blob[3] ?? 0;
  if (flags & 0b0010_0000) return null; // an extended (non-standard) geometry type
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0b111];
  if (envelope === undefined) return null;
  if (flags & 0b0001_0000) return 'empty';
  const wkb = 8 + envelope;
  if (blob.length < wkb + 21) return null;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const littleEndian = blob[wkb] === 1;
  if (blob[wkb] !== 0 && blob[wkb] !== 1) return null;
  const type = view.getUint32(wkb + 1, littleEndian);
  // ISO WKB: 1, 1001 (Z), 2001 (M), 3001 (ZM); extended WKB sets high bits on 1.
  const base = type > 0xffff ? type & 0xffff : type % 1000;
  if (base !== 1) return null;
  const x = view.getFloat64(wkb + 5, littleEndian);
  const y = view.getFloat64(wkb + 13, littleEndian);
  if (Number.isNaN(x) && Number.isNaN(y)) return 'empty';
  return { x, y };
}

/** The EPSG code of a GeoPackage SRS id: by gpkg_spatial_ref_sys, else the id itself. */
function epsgOf(db: SqliteDatabase, srsId: number): number {
  const [row] = all(
    db,
    'select organization, organization_coordsys_id from gpkg_spatial_ref_sys where srs_id = ?',
    [srsId],
  );
  if (row && String(row.organization).toUpperCase() === 'EPSG') return Number(row.organization_coordsys_id);
  return srsId;
}

async function parseGeoPackage(file: Uint8Array): Promise<ParsedAddressRegister> {
  sqlite ??= initSqlJs();
  const SQL = await sqlite;
  let db: SqliteDatabase | undefined;
  try {
    let tables: Array<Record<string, unknown>>;
    try {
      db = new SQL.Database(file);
      tables = all(
        db,
        "select table_name from gpkg_contents where data_type = 'features' order by table_name",
      );
    } catch {
      return fileProblem(
        'address.file_unreadable',
        'Het bestand is geen leesbare GeoPackage: de tabel gpkg_contents ontbreekt of het bestand is beschadigd.',
      );
    }
    const open = db;
    // The first feature table with the address columns (a BAG GeoPackage has several layers).
    const candidates = tables.map((t) => {
      const name = String(t.table_name);
      const info = all(open, `pragma table_info(${quoteIdentifier(name)})`);
      const pk = info.find((c) => Number(c.pk) === 1);
      return {
        name,
        columns: columnsOf(info.map((c) => String(c.name))),
        fid: pk ? quoteIdentifier(String(pk.name)) : 'rowid',
      };
    });
    const table = candidates.find((c) => missingColumns(c.columns, false).length === 0);
    if (!table) {
      const [first] = candidates;
      if (!first)
        return fileProblem(
          'address.gpkg_no_features',
          'De GeoPackage bevat geen laag met objecten (features).',
        );
      return columnsMissing(missingColumns(first.columns, false), `de laag ${first.name}`);
    }
    const [geometry] = all(
      open,
      'select column_name, srs_id from gpkg_geometry_columns where table_name = ?',
      [table.name],
    );
    if (!geometry)
      return fileProblem(
        'address.gpkg_no_features',
        `De laag ${table.name} heeft geen geometriekolom in gpkg_geometry_columns.`,
      );
    const epsg = epsgOf(open, Number(geometry.srs_id));
    if (epsg !== 28992 && epsg !== 4326)
      fileProblem(
        'address.gpkg_srs_unsupported',
        `De laag ${table.name} gebruikt coördinatenstelsel ${epsg}: alleen EPSG:28992 (RD New) en EPSG:4326 (WGS84) worden gelezen. Zet de laag om, bijvoorbeeld met QGIS of ogr2ogr -t_srs EPSG:28992.`,
      );
    const rows = gpkgRows(open, table, String(geometry.column_name), epsg === 28992 ? 'rd' : 'wgs84');
    return checkRows(rows, 'gpkg');
  } finally {
    db?.close();
  }
}

function* gpkgRows(
  db: SqliteDatabase,
  table: { name: string; columns: Columns; fid: string },
  geometryColumn: string,
  crs: 'rd' | 'wgs84',
): Generator<RawRow> {
  const { columns } = table;
  const statement = db.prepare(
    `select ${table.fid} as "__fid", ${quoteIdentifier(geometryColumn)} as "__geometry", * from ${quoteIdentifier(table.name)} order by 1`,
  );
  try {
    while (statement.step()) {
      const record = statement.getAsObject();
      const value = (field: AddressField) => {
        const column = columns[field];
        const found = column ? record[column.name] : null;
        return found === null || found === undefined ? '' : String(found);
      };
      const blob = record.__geometry;
      const decoded = blob instanceof Uint8Array ? decodeGpkgPoint(blob) : 'empty';
      const at = { column: geometryColumn, value: '' };
      let point: RawPoint;
      if (decoded === null) point = { kind: 'invalid', ...at };
      else if (decoded === 'empty') point = { kind: 'missing', ...at };
      else {
        const shown = { column: geometryColumn, value: `POINT (${decoded.x} ${decoded.y})` };
        point =
          crs === 'rd'
            ? { kind: 'rd', ...decoded, ...shown }
            : { kind: 'wgs84', latitude: decoded.y, longitude: decoded.x, ...shown };
      }
      yield {
        line: Number(record.__fid),
        value,
        column: (field) => columns[field]?.name ?? field,
        has: (field) => columns[field] !== undefined,
        point,
      };
    }
  } finally {
    statement.free();
  }
}

// ---------------------------------------------------------------------------------------------

const SQLITE_MAGIC = 'SQLite format 3\0';

/**
 * Reads a BAG extract: a GeoPackage (recognised by its SQLite header) or a CSV file. Every row
 * is checked; the answer holds the accepted addresses and a problem per refused row. A file that
 * cannot be read at all (no header, missing columns, an unsupported coordinate system) throws an
 * `invalid` AppError.
 */
export async function parseAddressRegister(file: Buffer, fileName: string): Promise<ParsedAddressRegister> {
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const isSqlite = Buffer.from(bytes.subarray(0, 16)).toString('latin1') === SQLITE_MAGIC;
  if (isSqlite) return parseGeoPackage(bytes);
  if (/\.gpkg$/i.test(fileName))
    fileProblem(
      'address.file_unreadable',
      'Dit bestand heet .gpkg maar is geen GeoPackage (SQLite-bestand).',
    );
  return parseCsv(bytes);
}
