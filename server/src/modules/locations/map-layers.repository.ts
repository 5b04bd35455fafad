import type { MapLayerFeatures, MapLayerKind } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export async function insertMapLayer(
  db: Db,
  layer: {
    regionId: string;
    kind: MapLayerKind;
    name: string;
    municipalityCode: string | null;
    baseTeamId: string | null;
    madeOn: string;
    organisationId: string;
    source: string | null;
    features: MapLayerFeatures;
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('mapLayers')
    .values({
      ...layer,
      features: JSON.stringify(layer.features),
      featureCount: layer.features.features.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function mapLayerNameTaken(db: Db, regionId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('mapLayers')
    .select('id')
    .where('regionId', '=', regionId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

/** A base team of the region: one of whose municipalities is the region's. */
export async function baseTeamIn(db: Db, regionId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('baseTeams')
    .select('id')
    .where('id', '=', id)
    .where('regionId', '=', regionId)
    .executeTakeFirst();
  return !!row;
}

/** The region's map layers (with their features only when asked), newest first. */
export async function findMapLayers(
  db: Db,
  regionId: string,
  filter: { ids?: readonly string[]; kind?: MapLayerKind | undefined; districtId?: string | undefined },
  withFeatures: boolean,
) {
  const district = sql<string | null>`coalesce(m.district_id,
    (select bm.district_id from municipalities bm where bm.base_team_id = l.base_team_id
      order by bm.code limit 1))`;
  let q = db
    .selectFrom('mapLayers as l')
    .leftJoin('municipalities as m', 'm.code', 'l.municipalityCode')
    .leftJoin('baseTeams as b', 'b.id', 'l.baseTeamId')
    .innerJoin('partnerOrganisations as o', 'o.id', 'l.organisationId')
    .leftJoin('districts as d', (join) => join.on(sql<boolean>`d.id = ${district}`))
    .select([
      'l.id',
      'l.kind',
      'l.name',
      'l.municipalityCode',
      'm.name as municipalityName',
      'l.baseTeamId',
      'b.name as baseTeamName',
      'l.madeOn',
      'l.organisationId',
      'o.name as organisationName',
      'l.source',
      'l.featureCount',
      'd.id as districtId',
      'd.name as districtName',
      sql<string[]>`(select coalesce(array_agg(distinct f->'properties'->>'indicator'), '{}')
        from jsonb_array_elements(l.features->'features') f)`.as('indicators'),
    ])
    .select(withFeatures ? sql<MapLayerFeatures>`l.features`.as('features') : sql<null>`null`.as('features'))
    .where('l.regionId', '=', regionId);
  if (filter.ids)
    q = q.where('l.id', 'in', filter.ids.length ? filter.ids : ['00000000-0000-0000-0000-000000000000']);
  if (filter.kind) q = q.where('l.kind', '=', filter.kind);
  if (filter.districtId) q = q.where(district, '=', filter.districtId);
  return q.orderBy('l.madeOn', 'desc').orderBy('l.name').execute();
}
export type MapLayerRow = Awaited<ReturnType<typeof findMapLayers>>[number];

/** Which of the ids are map layers of the region. */
export async function mapLayersIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db
    .selectFrom('mapLayers')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}
