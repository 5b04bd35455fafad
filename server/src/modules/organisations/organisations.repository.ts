import type { PartnerKind, ThemeScope } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { NationalFile, RegionFile } from './reference-data.js';

type Executor = Db;

/** A filter on validity: rows valid on `on`, or all rows when `on` is undefined. */
export interface Validity {
  on: string | undefined;
}

/** `table` is the table name or alias used in the query. */
function validOn(table: string, on: string) {
  const from = sql.ref(`${table}.validFrom`);
  const until = sql.ref(`${table}.validUntil`);
  return sql<boolean>`(${from} is null or ${from} <= ${on}::date) and (${until} is null or ${until} > ${on}::date)`;
}

export async function upsertNational(db: Executor, national: NationalFile): Promise<void> {
  await db
    .insertInto('provinces')
    .values(national.provinces)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: (eb) => eb.ref('excluded.name') }))
    .execute();
  await db
    .insertInto('themes')
    .values(
      national.accountabilityThemes.map((t, i) => ({
        code: t.code,
        scope: 'national' as const,
        regionId: null,
        districtId: null,
        name: t.name,
        nameEn: t.nameEn,
        accountabilityTheme: t.code,
        sortOrder: i + 1,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('code')
        .where('regionId', 'is', null)
        .doUpdateSet({
          name: (eb) => eb.ref('excluded.name'),
          nameEn: (eb) => eb.ref('excluded.nameEn'),
          sortOrder: (eb) => eb.ref('excluded.sortOrder'),
        }),
    )
    .execute();
}

export async function upsertRegion(db: Executor, file: RegionFile): Promise<void> {
  const regionId = file.region.id;
  await db
    .insertInto('regions')
    .values({
      id: regionId,
      name: file.region.name,
      policeUnit: file.region.policeUnit,
      referenceDataVersion: file.version,
      referenceDataChecksum: file.checksum,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        policeUnit: (eb) => eb.ref('excluded.policeUnit'),
        referenceDataVersion: (eb) => eb.ref('excluded.referenceDataVersion'),
        referenceDataChecksum: (eb) => eb.ref('excluded.referenceDataChecksum'),
        loadedAt: sql`now()`,
      }),
    )
    .execute();
  await db
    .insertInto('districts')
    .values(file.districts.map((d) => ({ ...d, regionId })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        sortOrder: (eb) => eb.ref('excluded.sortOrder'),
      }),
    )
    .execute();
  if (file.baseTeams.length > 0) {
    await db
      .insertInto('baseTeams')
      .values(file.baseTeams.map((b) => ({ ...b, regionId })))
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: (eb) => eb.ref('excluded.name') }))
      .execute();
  }
  await db
    .insertInto('municipalities')
    .values(
      file.municipalities.map(({ boundary, ...m }) => ({
        ...m,
        regionId,
        boundary: JSON.stringify(boundary),
      })),
    )
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        regionId: eb.ref('excluded.regionId'),
        districtId: eb.ref('excluded.districtId'),
        provinceCode: eb.ref('excluded.provinceCode'),
        baseTeamId: eb.ref('excluded.baseTeamId'),
        safetyRegion: eb.ref('excluded.safetyRegion'),
        population: eb.ref('excluded.population'),
        validFrom: eb.ref('excluded.validFrom'),
        validUntil: eb.ref('excluded.validUntil'),
        note: eb.ref('excluded.note'),
        boundary: eb.ref('excluded.boundary'),
      })),
    )
    .execute();
  await db
    .insertInto('partnerOrganisations')
    .values(file.partners.map((p) => ({ ...p, regionId })))
    .onConflict((oc) =>
      oc.columns(['regionId', 'code']).doUpdateSet({
        kind: (eb) => eb.ref('excluded.kind'),
        name: (eb) => eb.ref('excluded.name'),
        shortName: (eb) => eb.ref('excluded.shortName'),
        municipalityCode: (eb) => eb.ref('excluded.municipalityCode'),
        provinceCode: (eb) => eb.ref('excluded.provinceCode'),
        validFrom: (eb) => eb.ref('excluded.validFrom'),
        validUntil: (eb) => eb.ref('excluded.validUntil'),
      }),
    )
    .execute();
  await db
    .insertInto('themes')
    .values(
      file.themes.map((t, i) => ({
        code: t.code,
        scope: t.districtId ? ('district' as const) : ('regional' as const),
        regionId,
        districtId: t.districtId,
        name: t.name,
        nameEn: t.nameEn,
        accountabilityTheme: t.accountabilityTheme,
        sortOrder: 100 + i,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['regionId', 'code'])
        .where('regionId', 'is not', null)
        .doUpdateSet({
          scope: (eb) => eb.ref('excluded.scope'),
          districtId: (eb) => eb.ref('excluded.districtId'),
          name: (eb) => eb.ref('excluded.name'),
          nameEn: (eb) => eb.ref('excluded.nameEn'),
          accountabilityTheme: (eb) => eb.ref('excluded.accountabilityTheme'),
          sortOrder: (eb) => eb.ref('excluded.sortOrder'),
        }),
    )
    .execute();
}

export async function findRegionVersion(db: Executor, regionId: string) {
  return db
    .selectFrom('regions')
    .select(['referenceDataVersion', 'referenceDataChecksum'])
    .where('id', '=', regionId)
    .executeTakeFirst();
}

export async function listRegions(db: Executor, today: string, regionId?: string) {
  let query = db
    .selectFrom('regions as r')
    .select((eb) => [
      'r.id',
      'r.name',
      'r.policeUnit',
      'r.referenceDataVersion',
      eb
        .selectFrom('districts as d')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('d.regionId', '=', 'r.id')
        .as('districtCount'),
      eb
        .selectFrom('municipalities')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('municipalities.regionId', '=', 'r.id')
        .where(validOn('municipalities', today))
        .as('municipalityCount'),
    ])
    .orderBy('r.name');
  if (regionId) query = query.where('r.id', '=', regionId);
  return query.execute();
}

export async function listDistricts(
  db: Executor,
  today: string,
  filter: { regionId?: string; districtId?: string },
) {
  let query = db
    .selectFrom('districts as d')
    .select((eb) => [
      'd.id',
      'd.regionId',
      'd.name',
      eb
        .selectFrom('municipalities')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('municipalities.districtId', '=', 'd.id')
        .where(validOn('municipalities', today))
        .as('municipalityCount'),
    ])
    .orderBy('d.regionId')
    .orderBy('d.sortOrder');
  if (filter.regionId) query = query.where('d.regionId', '=', filter.regionId);
  if (filter.districtId) query = query.where('d.id', '=', filter.districtId);
  return query.execute();
}

export interface MunicipalityFilter extends Validity {
  regionId?: string | undefined;
  districtId?: string | undefined;
  provinceCode?: string | undefined;
  code?: string | undefined;
}

export async function listMunicipalities(db: Executor, filter: MunicipalityFilter) {
  let query = db
    .selectFrom('municipalities as m')
    .innerJoin('provinces as p', 'p.code', 'm.provinceCode')
    .leftJoin('baseTeams as b', 'b.id', 'm.baseTeamId')
    .select([
      'm.code',
      'm.name',
      'm.regionId',
      'm.districtId',
      'm.provinceCode',
      'p.name as provinceName',
      'b.name as baseTeam',
      'm.safetyRegion',
      'm.population',
      'm.validFrom',
      'm.validUntil',
      'm.note',
    ])
    .orderBy('m.name');
  if (filter.regionId) query = query.where('m.regionId', '=', filter.regionId);
  if (filter.districtId) query = query.where('m.districtId', '=', filter.districtId);
  if (filter.provinceCode) query = query.where('m.provinceCode', '=', filter.provinceCode);
  if (filter.code) query = query.where('m.code', '=', filter.code);
  if (filter.on) query = query.where(validOn('m', filter.on));
  return query.execute();
}

export async function listBoundaries(db: Executor, regionId: string) {
  return db
    .selectFrom('municipalities')
    .select(['code', 'name', 'districtId', 'boundary'])
    .where('regionId', '=', regionId)
    .where('boundary', 'is not', null)
    .orderBy('code')
    .execute();
}

export interface PartnerFilter extends Validity {
  regionId?: string | undefined;
  kind?: PartnerKind | undefined;
}

export async function listPartnerOrganisations(db: Executor, filter: PartnerFilter) {
  let query = db
    .selectFrom('partnerOrganisations')
    .select([
      'id',
      'regionId',
      'code',
      'kind',
      'name',
      'shortName',
      'municipalityCode',
      'provinceCode',
      'validFrom',
      'validUntil',
    ])
    .orderBy('regionId')
    .orderBy(sql`case kind when 'riec' then 0 when 'municipality' then 2 when 'province' then 3 else 1 end`)
    .orderBy('name');
  if (filter.regionId) query = query.where('regionId', '=', filter.regionId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.on) query = query.where(validOn('partnerOrganisations', filter.on));
  return query.execute();
}

export interface ThemeFilter {
  regionId?: string | undefined;
  scope?: ThemeScope | undefined;
  districtId?: string | undefined;
}

export async function listThemes(db: Executor, filter: ThemeFilter) {
  let query = db
    .selectFrom('themes')
    .select(['id', 'code', 'scope', 'regionId', 'districtId', 'name', 'nameEn', 'accountabilityTheme'])
    .orderBy('sortOrder')
    .orderBy('name');
  // A region's themes are its own plus the national ones every region reports under.
  if (filter.regionId) {
    const regionId = filter.regionId;
    query = query.where((eb) => eb.or([eb('regionId', '=', regionId), eb('regionId', 'is', null)]));
  }
  if (filter.scope) query = query.where('scope', '=', filter.scope);
  if (filter.districtId) query = query.where('districtId', '=', filter.districtId);
  return query.execute();
}

// ---- lookups for other modules (through index.ts) ----

/** Which of the ids are partner organisations of the region, with their name and kind. */
export async function organisationsIn(db: Executor, regionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('partnerOrganisations')
    .select(['id', 'name', 'kind', 'code', 'municipalityCode'])
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
}

/** Which of the codes are municipalities of the region (of one district, when given). */
export async function municipalitiesIn(
  db: Executor,
  regionId: string,
  codes: readonly string[],
  districtId?: string | null,
) {
  if (codes.length === 0) return [];
  let q = db
    .selectFrom('municipalities')
    .select(['code', 'name', 'districtId'])
    .where('regionId', '=', regionId)
    .where('code', 'in', codes);
  if (districtId) q = q.where('districtId', '=', districtId);
  return q.execute();
}

export async function districtIn(db: Executor, regionId: string, id: string) {
  return db
    .selectFrom('districts')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where('regionId', '=', regionId)
    .executeTakeFirst();
}

/** Which of the ids are themes a case or signal of the region may carry (its own and the national ones). */
export async function themesIn(db: Executor, regionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('themes')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('regionId', 'is', null), eb('regionId', '=', regionId)]))
    .execute();
}

export async function regionName(db: Executor, regionId: string) {
  const row = await db.selectFrom('regions').select('name').where('id', '=', regionId).executeTakeFirst();
  return row?.name ?? null;
}

export async function municipalityName(db: Executor, code: string) {
  const row = await db
    .selectFrom('municipalities')
    .select('name')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** Every region's id, for loading per-region configuration. */
export async function regionIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('regions').select('id').execute()).map((r) => r.id);
}

/** A partner organisation of the region by its code (`riec`, `politie`, `GM0344`). */
export async function organisationByCode(db: Executor, regionId: string, code: string) {
  return db
    .selectFrom('partnerOrganisations')
    .select(['id', 'name'])
    .where('regionId', '=', regionId)
    .where('code', '=', code)
    .executeTakeFirst();
}
