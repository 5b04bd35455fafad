import type { Db } from '../../db/database.js';
import type { AddressRegisterFormat, AddressRow } from './address-register.js';

/**
 * Rows per insert statement: at 11 parameters a row, 5,000 stay below PostgreSQL's 65,535
 * parameters a statement. 100,000 addresses are twenty statements; on the embedded database
 * that loads in about a quarter less time than batches of 1,000.
 */
const BATCH = 5_000;

const registerRow = (regionId: string, row: AddressRow, loadId: string) => ({
  regionId,
  postcode: row.postcode,
  houseNumber: row.houseNumber,
  houseLetter: row.houseLetter,
  houseNumberAddition: row.addition,
  street: row.street,
  place: row.place,
  municipalityCode: row.municipalityCode,
  bagId: row.bagId,
  latitude: row.latitude,
  longitude: row.longitude,
  loadId,
});

export interface AddressRegisterLoadRecord {
  regionId: string;
  fileName: string;
  /** SHA-256 of the file, hex. */
  fileHash: string;
  format: AddressRegisterFormat;
  rows: number;
  accepted: number;
  rejected: number;
  loadedAt: Date;
  loadedBy: string | null;
}

/**
 * Records the load and puts its rows in the place of the region's previous register, on the caller's
 * transaction (so a failure anywhere leaves the previous register whole). Rows are deleted rather
 * than truncated: lookups keep reading the previous register until the transaction commits.
 * Returns the load's id.
 */
export async function replaceAddressRegister(
  trx: Db,
  load: AddressRegisterLoadRecord,
  rows: readonly AddressRow[],
): Promise<string> {
  const { id: loadId } = await trx
    .insertInto('addressRegisterLoads')
    .values(load)
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.deleteFrom('addressRegister').where('regionId', '=', load.regionId).execute();
  for (let start = 0; start < rows.length; start += BATCH) {
    await trx
      .insertInto('addressRegister')
      .values(rows.slice(start, start + BATCH).map((row) => registerRow(load.regionId, row, loadId)))
      .execute();
  }
  return loadId;
}

/**
 * Records a load that adds addresses to the region's register or changes them (an import of some
 * addresses, not a replacement): each row is put in place of the register's row for the same
 * address, on the caller's transaction. Returns the load's id.
 */
export async function upsertAddresses(
  trx: Db,
  load: AddressRegisterLoadRecord,
  rows: readonly AddressRow[],
): Promise<string> {
  const { id: loadId } = await trx
    .insertInto('addressRegisterLoads')
    .values(load)
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let start = 0; start < rows.length; start += BATCH) {
    await trx
      .insertInto('addressRegister')
      .values(rows.slice(start, start + BATCH).map((row) => registerRow(load.regionId, row, loadId)))
      .onConflict((oc) =>
        oc
          .columns(['regionId', 'postcode', 'houseNumber', 'houseLetter', 'houseNumberAddition'])
          .doUpdateSet((eb) => ({
            street: eb.ref('excluded.street'),
            place: eb.ref('excluded.place'),
            municipalityCode: eb.ref('excluded.municipalityCode'),
            bagId: eb.ref('excluded.bagId'),
            latitude: eb.ref('excluded.latitude'),
            longitude: eb.ref('excluded.longitude'),
            loadId: eb.ref('excluded.loadId'),
          })),
      )
      .execute();
  }
  return loadId;
}

/** An address of the register as it is read: its key, its names and codes, its point. */
const addressColumns = [
  'postcode',
  'houseNumber',
  'houseLetter',
  'houseNumberAddition',
  'street',
  'place',
  'municipalityCode',
  'bagId',
  'latitude',
  'longitude',
] as const;

/** The register's rows of a region at these postcodes (normalised: `3511ED`). */
export async function addressesAtPostcodes(db: Db, regionId: string, postcodes: readonly string[]) {
  if (postcodes.length === 0) return [];
  return db
    .selectFrom('addressRegister')
    .select([...addressColumns])
    .where('regionId', '=', regionId)
    .where('postcode', 'in', [...new Set(postcodes)])
    .execute();
}

export interface RegisteredAddress {
  postcode: string;
  houseNumber: number;
  /** '' when the address has none. */
  houseLetter: string;
  /** '' when the address has none. */
  houseNumberAddition: string;
  street: string;
  place: string;
  municipalityCode: string | null;
  bagId: string | null;
  latitude: number;
  longitude: number;
  loadId: string;
}

/** One address of a region's register by its key (the postcode normalised: `1234AB`); none is ''. */
export async function lookupAddress(
  db: Db,
  regionId: string,
  address: {
    postcode: string;
    houseNumber: number;
    houseLetter?: string | null | undefined;
    addition?: string | null | undefined;
  },
): Promise<RegisteredAddress | undefined> {
  return db
    .selectFrom('addressRegister')
    .select([...addressColumns, 'loadId'])
    .where('regionId', '=', regionId)
    .where('postcode', '=', address.postcode)
    .where('houseNumber', '=', address.houseNumber)
    .where('houseLetter', '=', (address.houseLetter ?? '').toUpperCase())
    .where('houseNumberAddition', '=', (address.addition ?? '').toUpperCase())
    .executeTakeFirst();
}

export interface AddressRegisterStatus {
  lastLoad: {
    id: string;
    fileName: string;
    fileHash: string;
    format: AddressRegisterFormat;
    rows: number;
    accepted: number;
    rejected: number;
    loadedAt: Date;
    loadedBy: string | null;
  } | null;
  /** Addresses in the register now. */
  addresses: number;
}

/** The last load of a region and how many addresses its register holds. */
export async function addressRegisterStatus(db: Db, regionId: string): Promise<AddressRegisterStatus> {
  const lastLoad = await db
    .selectFrom('addressRegisterLoads')
    .select(['id', 'fileName', 'fileHash', 'format', 'rows', 'accepted', 'rejected', 'loadedAt', 'loadedBy'])
    .where('regionId', '=', regionId)
    .orderBy('loadedAt', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const { addresses } = await db
    .selectFrom('addressRegister')
    .select((eb) => eb.fn.countAll<number>().as('addresses'))
    .where('regionId', '=', regionId)
    .executeTakeFirstOrThrow();
  return { lastLoad: lastLoad ?? null, addresses: Number(addresses) };
}

/**
 * The points of many addresses in a region's register, by the key `POSTCODE|number|LETTERADDITION`
 * (letter and addition together, upper case; '' when none), read by postcode in one query.
 */
export async function pointsOfAddresses(
  db: Db,
  regionId: string,
  postcodes: readonly string[],
): Promise<Map<string, { latitude: number; longitude: number }>> {
  if (postcodes.length === 0) return new Map();
  const rows = await db
    .selectFrom('addressRegister')
    .select(['postcode', 'houseNumber', 'houseLetter', 'houseNumberAddition', 'latitude', 'longitude'])
    .where('regionId', '=', regionId)
    .where('postcode', 'in', [...new Set(postcodes)])
    .execute();
  return new Map(
    rows.map((r) => [
      addressKey(r.postcode, r.houseNumber, `${r.houseLetter}${r.houseNumberAddition}`),
      { latitude: r.latitude, longitude: r.longitude },
    ]),
  );
}

export function addressKey(postcode: string, houseNumber: number, addition: string): string {
  return `${postcode}|${houseNumber}|${addition}`;
}
