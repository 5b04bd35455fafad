import type { MeetingKind } from '@samenspel/contracts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/database.js';
import type { DB, MeetingsTable } from '../../db/schema.js';

export async function insertMeeting(
  db: Db,
  meeting: {
    regionId: string;
    collaborationId: string;
    districtId: string;
    municipalityCode: string | null;
    kind: MeetingKind;
    date: string;
    createdBy: string | null;
    createdAt: Date;
    organisationIds: readonly string[];
    signalIds: readonly string[];
  },
): Promise<string> {
  const { organisationIds, signalIds, ...fields } = meeting;
  const row = await db.insertInto('meetings').values(fields).returning('id').executeTakeFirstOrThrow();
  if (organisationIds.length)
    await db
      .insertInto('meetingOrganisations')
      .values([...new Set(organisationIds)].map((organisationId) => ({ meetingId: row.id, organisationId })))
      .execute();
  if (signalIds.length)
    await db
      .insertInto('meetingAgenda')
      .values(
        [...new Set(signalIds)].map((signalId, position) => ({
          meetingId: row.id,
          signalId,
          position,
          outcome: null,
          priority: null,
        })),
      )
      .execute();
  return row.id;
}

/**
 * The meetings a predicate reaches (the access rule's), newest first; from a date on, the
 * soonest first (the next meetings).
 */
export async function findMeetings(
  db: Db,
  reachable: (eb: ExpressionBuilder<DB & { m: MeetingsTable }, 'm'>) => Expression<SqlBool>,
  filter: {
    ids?: string[];
    districtId?: string | undefined;
    kind?: MeetingKind | undefined;
    from?: string | undefined;
  },
) {
  let q = db
    .selectFrom('meetings as m')
    .innerJoin('districts as d', 'd.id', 'm.districtId')
    .leftJoin('municipalities as mu', 'mu.code', 'm.municipalityCode')
    .select((eb) => [
      'm.id',
      'm.kind',
      'm.date',
      'd.id as districtId',
      'd.name as districtName',
      'mu.code as municipalityCode',
      'mu.name as municipalityName',
      jsonArrayFrom(
        eb
          .selectFrom('meetingOrganisations as mo')
          .innerJoin('partnerOrganisations as o', 'o.id', 'mo.organisationId')
          .select(['o.id', 'o.name'])
          .whereRef('mo.meetingId', '=', 'm.id')
          .orderBy('o.name'),
      ).as('organisations'),
      jsonArrayFrom(
        eb
          .selectFrom('meetingAgenda as a')
          .select(['a.signalId', 'a.outcome', 'a.priority'])
          .whereRef('a.meetingId', '=', 'm.id')
          .orderBy('a.position'),
      ).as('agenda'),
    ])
    .where(reachable);
  if (filter.ids) q = q.where('m.id', 'in', filter.ids);
  if (filter.districtId) q = q.where('m.districtId', '=', filter.districtId);
  if (filter.kind) q = q.where('m.kind', '=', filter.kind);
  if (filter.from) return q.where('m.date', '>=', filter.from).orderBy('m.date', 'asc').limit(500).execute();
  return q.orderBy('m.date', 'desc').limit(500).execute();
}

export async function setOutcome(db: Db, meetingId: string, signalId: string, outcome: string) {
  const result = await db
    .updateTable('meetingAgenda')
    .set({ outcome })
    .where('meetingId', '=', meetingId)
    .where('signalId', '=', signalId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setPriorities(db: Db, meetingId: string, signalIds: readonly string[]) {
  await db.updateTable('meetingAgenda').set({ priority: null }).where('meetingId', '=', meetingId).execute();
  for (const [index, signalId] of signalIds.entries()) {
    await db
      .updateTable('meetingAgenda')
      .set({ priority: index + 1 })
      .where('meetingId', '=', meetingId)
      .where('signalId', '=', signalId)
      .execute();
  }
}

export async function agendaSignals(db: Db, meetingId: string) {
  const rows = await db
    .selectFrom('meetingAgenda')
    .select('signalId')
    .where('meetingId', '=', meetingId)
    .execute();
  return new Set(rows.map((r) => r.signalId));
}

/** Clears what meetings wrote down about these signals (the agenda keeps that they were discussed). */
export async function clearAgendaOutcomes(db: Db, signalIds: readonly string[]): Promise<void> {
  if (signalIds.length)
    await db.updateTable('meetingAgenda').set({ outcome: null }).where('signalId', 'in', signalIds).execute();
}
