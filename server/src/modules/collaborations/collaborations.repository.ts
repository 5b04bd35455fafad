import type {
  CollaborationKind,
  MemberRole,
  RetentionRecordKind,
  RetentionStart,
} from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface CollaborationDefaults {
  purposes: ReadonlyArray<{ code: string; description: string }>;
  legalBases: ReadonlyArray<{ code: string; name: string }>;
  retentionTerms: ReadonlyArray<{
    recordKind: RetentionRecordKind;
    runsFrom: RetentionStart;
    months: number;
  }>;
}

/**
 * Gives every region its RIEC covenant, once: the region's organisations as members (the RIEC
 * as coordinator), and the default purposes, legal bases and retention terms. Later loads add
 * organisations that were never members, and nothing else: what an administrator changed stays.
 */
export async function ensureCovenants(db: Db, defaults: CollaborationDefaults, today: string): Promise<void> {
  const created = await db
    .insertInto('collaborations')
    .columns(['regionId', 'kind', 'name'])
    .expression((eb) =>
      eb
        .selectFrom('regions as r')
        .select(['r.id', sql.lit('covenant').as('kind'), sql<string>`'RIEC-convenant ' || r.name`.as('name')])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('collaborations as c')
                .select('c.id')
                .whereRef('c.regionId', '=', 'r.id')
                .where('c.kind', '=', 'covenant'),
            ),
          ),
        ),
    )
    .returning('id')
    .execute();
  await sql`
    insert into collaboration_members (collaboration_id, organisation_id, role, joined_on)
    select c.id, o.id, case when o.kind = 'riec' then 'coordinator' else 'partner' end, ${today}::date
    from partner_organisations o join collaborations c on c.region_id = o.region_id and c.kind = 'covenant'
    where o.valid_until is null or o.valid_until > ${today}::date
    on conflict do nothing`.execute(db);
  for (const { id } of created) {
    if (defaults.purposes.length)
      await db
        .insertInto('collaborationPurposes')
        .values(defaults.purposes.map((p) => ({ ...p, collaborationId: id })))
        .execute();
    if (defaults.legalBases.length)
      await db
        .insertInto('legalBases')
        .values(defaults.legalBases.map((b) => ({ ...b, collaborationId: id })))
        .execute();
    if (defaults.retentionTerms.length)
      await db
        .insertInto('retentionTerms')
        .values(defaults.retentionTerms.map((t) => ({ ...t, collaborationId: id })))
        .execute();
  }
}

/** The region's RIEC covenant: where a record goes when nothing else is chosen. */
export async function covenantOf(db: Db, regionId: string): Promise<string> {
  const row = await db
    .selectFrom('collaborations')
    .select('id')
    .where('regionId', '=', regionId)
    .where('kind', '=', 'covenant')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Which of the organisations take part in the collaboration now (coordinator or partner). */
export async function participatingAmong(
  db: Db,
  collaborationId: string,
  organisationIds: readonly string[],
): Promise<Set<string>> {
  if (organisationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('collaborationMembers')
    .select('organisationId')
    .where('collaborationId', '=', collaborationId)
    .where('organisationId', 'in', organisationIds)
    .where('role', 'in', ['coordinator', 'partner'])
    .where('leftOn', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.organisationId));
}

export async function collaborationsIn(
  db: Db,
  regionId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('collaborations')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function listCollaborations(db: Db, regionId: string) {
  return db
    .selectFrom('collaborations as c')
    .select((eb) => [
      'c.id',
      'c.kind',
      'c.name',
      eb
        .selectFrom('collaborationMembers as m')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('m.collaborationId', '=', 'c.id')
        .where('m.leftOn', 'is', null)
        .as('members'),
    ])
    .where('c.regionId', '=', regionId)
    .orderBy(sql`c.kind <> 'covenant'`)
    .orderBy('c.name')
    .execute();
}

export async function findCollaboration(db: Db, id: string) {
  return db
    .selectFrom('collaborations')
    .select(['id', 'regionId', 'kind', 'name', 'disclosureMinimum'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The disclosure gate's k of a collaboration (5 when it sets nothing more). */
export async function disclosureMinimumOf(db: Db, collaborationId: string): Promise<number> {
  const row = await db
    .selectFrom('collaborations')
    .select('disclosureMinimum')
    .where('id', '=', collaborationId)
    .executeTakeFirstOrThrow();
  return row.disclosureMinimum;
}

export async function setDisclosureMinimum(db: Db, collaborationId: string, minimum: number): Promise<void> {
  await db
    .updateTable('collaborations')
    .set({ disclosureMinimum: minimum })
    .where('id', '=', collaborationId)
    .execute();
}

export async function collaborationParts(db: Db, id: string, regionId: string) {
  const [members, purposes, legalBases, retentionTerms, candidates] = await Promise.all([
    db
      .selectFrom('collaborationMembers as m')
      .innerJoin('partnerOrganisations as o', 'o.id', 'm.organisationId')
      .select(['o.id', 'o.name', 'm.role', 'm.joinedOn', 'm.leftOn'])
      .where('m.collaborationId', '=', id)
      .orderBy(sql`m.left_on is not null`)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('collaborationPurposes')
      .select(['id', 'code', 'description'])
      .where('collaborationId', '=', id)
      .orderBy('code')
      .execute(),
    legalBasesOf(db, id),
    db
      .selectFrom('retentionTerms')
      .select(['recordKind', 'runsFrom', 'months'])
      .where('collaborationId', '=', id)
      .execute(),
    db
      .selectFrom('partnerOrganisations as o')
      .select(['o.id', 'o.name'])
      .where('o.regionId', '=', regionId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('collaborationMembers as m')
              .select('m.organisationId')
              .whereRef('m.organisationId', '=', 'o.id')
              .where('m.collaborationId', '=', id)
              .where('m.leftOn', 'is', null),
          ),
        ),
      )
      .where((eb) =>
        eb.or([eb('o.validUntil', 'is', null), eb('o.validUntil', '>', sql<string>`current_date`)]),
      )
      .orderBy('o.name')
      .execute(),
  ]);
  return { members, purposes, legalBases, retentionTerms, candidates };
}

export async function insertCollaboration(
  db: Db,
  c: { regionId: string; kind: CollaborationKind; name: string; createdAt: Date },
): Promise<string> {
  const row = await db.insertInto('collaborations').values(c).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findMember(db: Db, collaborationId: string, organisationId: string) {
  return db
    .selectFrom('collaborationMembers')
    .select(['role', 'leftOn'])
    .where('collaborationId', '=', collaborationId)
    .where('organisationId', '=', organisationId)
    .executeTakeFirst();
}

/** Adds the organisation, gives it another role, or lets it take part again after it left. */
export async function setMember(
  db: Db,
  m: { collaborationId: string; organisationId: string; role: MemberRole; today: string },
): Promise<void> {
  await db
    .insertInto('collaborationMembers')
    .values({
      collaborationId: m.collaborationId,
      organisationId: m.organisationId,
      role: m.role,
      joinedOn: m.today,
    })
    .onConflict((oc) =>
      oc.columns(['collaborationId', 'organisationId']).doUpdateSet((eb) => ({
        role: eb.ref('excluded.role'),
        leftOn: null,
        joinedOn: sql<string>`case when collaboration_members.left_on is null then collaboration_members.joined_on else excluded.joined_on end`,
      })),
    )
    .execute();
}

export async function endMembership(
  db: Db,
  collaborationId: string,
  organisationId: string,
  today: string,
): Promise<void> {
  await db
    .updateTable('collaborationMembers')
    .set({ leftOn: today })
    .where('collaborationId', '=', collaborationId)
    .where('organisationId', '=', organisationId)
    .execute();
}

export async function coordinatorCount(db: Db, collaborationId: string): Promise<number> {
  const row = await db
    .selectFrom('collaborationMembers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('collaborationId', '=', collaborationId)
    .where('role', '=', 'coordinator')
    .where('leftOn', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPurpose(
  db: Db,
  p: { collaborationId: string; code: string; description: string },
): Promise<string | null> {
  const row = await db
    .insertInto('collaborationPurposes')
    .values(p)
    .onConflict((oc) => oc.columns(['collaborationId', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updatePurpose(db: Db, collaborationId: string, id: string, description: string) {
  const row = await db
    .updateTable('collaborationPurposes')
    .set({ description })
    .where('id', '=', id)
    .where('collaborationId', '=', collaborationId)
    .returning('code')
    .executeTakeFirst();
  return row ?? null;
}

export async function insertLegalBasis(
  db: Db,
  b: { collaborationId: string; code: string; name: string },
): Promise<string | null> {
  const row = await db
    .insertInto('legalBases')
    .values(b)
    .onConflict((oc) => oc.columns(['collaborationId', 'code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updateLegalBasis(db: Db, collaborationId: string, id: string, name: string) {
  const row = await db
    .updateTable('legalBases')
    .set({ name })
    .where('id', '=', id)
    .where('collaborationId', '=', collaborationId)
    .returning('code')
    .executeTakeFirst();
  return row ?? null;
}

export async function setRetentionTerm(
  db: Db,
  t: { collaborationId: string; recordKind: RetentionRecordKind; runsFrom: RetentionStart; months: number },
): Promise<void> {
  await db
    .insertInto('retentionTerms')
    .values(t)
    .onConflict((oc) =>
      oc.columns(['collaborationId', 'recordKind']).doUpdateSet({ runsFrom: t.runsFrom, months: t.months }),
    )
    .execute();
}

export async function insertEvent(
  db: Db,
  e: {
    collaborationId: string;
    type: string;
    details: Record<string, unknown>;
    userId: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('collaborationEvents')
    .values({ ...e, details: JSON.stringify(e.details) })
    .execute();
}

/** The legal bases a provision in the collaboration may rest on. */
export async function legalBasesOf(db: Db, collaborationId: string) {
  return db
    .selectFrom('legalBases')
    .select(['id', 'code', 'name'])
    .where('collaborationId', '=', collaborationId)
    .orderBy('name')
    .execute();
}

/** Whether the legal basis is one of the collaboration's. */
export async function isLegalBasisOf(db: Db, collaborationId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('legalBases')
    .select('id')
    .where('id', '=', id)
    .where('collaborationId', '=', collaborationId)
    .executeTakeFirst();
  return row !== undefined;
}
