import type { ScanActionStatus, ScanDefinition, ScanKind, ScanSubject } from '@samenspel/contracts';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/database.js';
import type { DB, ScanRunsTable, StoredScanAnswers } from '../../db/schema.js';

const NO_ID = '00000000-0000-0000-0000-000000000000';
type RunPredicate = (eb: ExpressionBuilder<DB & { r: ScanRunsTable }, 'r'>) => Expression<SqlBool>;

export async function scanNameTaken(db: Db, regionId: string, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('scans')
    .select('id')
    .where('regionId', '=', regionId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

export async function insertScan(
  db: Db,
  scan: {
    regionId: string;
    name: string;
    kind: ScanKind;
    subject: ScanSubject;
    description: string | null;
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db.insertInto('scans').values(scan).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertScanVersion(
  db: Db,
  version: {
    scanId: string;
    number: number;
    definition: ScanDefinition;
    note: string | null;
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('scanVersions')
    .values({ ...version, definition: JSON.stringify(version.definition) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The region's scans with their versions (oldest first), and how many runs and municipalities of
 * each the predicate reaches.
 */
export async function findScans(db: Db, regionId: string, reachable: RunPredicate, ids?: readonly string[]) {
  let q = db
    .selectFrom('scans as s')
    .select((eb) => [
      's.id',
      's.name',
      's.kind',
      's.subject',
      's.description',
      jsonArrayFrom(
        eb
          .selectFrom('scanVersions as v')
          .select(['v.id', 'v.number', 'v.note', 'v.createdAt', 'v.definition'])
          .whereRef('v.scanId', '=', 's.id')
          .orderBy('v.number'),
      ).as('versions'),
      eb
        .selectFrom('scanRuns as r')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('r.scanId', '=', 's.id')
        .where(reachable)
        .as('runs'),
      eb
        .selectFrom('scanRuns as r')
        .select(sql<number>`count(distinct r.municipality_code)`.as('n'))
        .whereRef('r.scanId', '=', 's.id')
        .where(reachable)
        .as('municipalities'),
    ])
    .where('s.regionId', '=', regionId);
  if (ids) q = q.where('s.id', 'in', ids.length ? ids : [NO_ID]);
  return q.orderBy('s.name').execute();
}
export type ScanRow = Awaited<ReturnType<typeof findScans>>[number];

export async function insertRun(
  db: Db,
  run: {
    regionId: string;
    scanId: string;
    versionId: string;
    municipalityCode: string;
    heldOn: string;
    answers: StoredScanAnswers | null;
    note: string | null;
    organisationId: string;
    recordedAt: Date;
    recordedBy: string | null;
    objects: ReadonlyArray<{ answers: StoredScanAnswers; locationId: string | null }>;
  },
): Promise<string> {
  const { objects, answers, ...fields } = run;
  const row = await db
    .insertInto('scanRuns')
    .values({ ...fields, answers: answers ? JSON.stringify(answers) : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (objects.length)
    await db
      .insertInto('scanRunObjects')
      .values(
        objects.map((o, position) => ({
          runId: row.id,
          position: position + 1,
          answers: JSON.stringify(o.answers),
          locationId: o.locationId,
        })),
      )
      .execute();
  return row.id;
}

export async function insertAction(
  db: Db,
  action: {
    runId: string;
    title: string;
    questionCode: string | null;
    dueOn: string | null;
    createdAt: Date;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db.insertInto('scanActions').values(action).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertActionStep(
  db: Db,
  step: {
    actionId: string;
    status: ScanActionStatus;
    happenedOn: string;
    note: string | null;
    organisationId: string;
    recordedAt: Date;
    recordedBy: string | null;
  },
): Promise<void> {
  await db.insertInto('scanActionSteps').values(step).execute();
}

/** An action's run and its last step (by the day it happened, then as recorded). */
export async function actionState(db: Db, actionId: string) {
  return db
    .selectFrom('scanActions as a')
    .innerJoin('scanRuns as r', 'r.id', 'a.runId')
    .select((eb) => [
      'a.runId',
      'r.heldOn',
      eb
        .selectFrom('scanActionSteps as s')
        .select('s.happenedOn')
        .whereRef('s.actionId', '=', 'a.id')
        .orderBy('s.happenedOn', 'desc')
        .orderBy('s.recordedAt', 'desc')
        .limit(1)
        .as('lastOn'),
    ])
    .where('a.id', '=', actionId)
    .executeTakeFirst();
}

/**
 * Runs the predicate reaches, newest first, with their municipality, version (and its
 * definition), objects and follow-up actions with their steps.
 */
/** The first run of each municipality of a scan (by the day held, then recorded): the ones that are no rerun. */
export async function firstRunIds(db: Db, reachable: RunPredicate, scanId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('scanRuns as r')
    .distinctOn('r.municipalityCode')
    .select('r.id')
    .where('r.scanId', '=', scanId)
    .where(reachable)
    .orderBy('r.municipalityCode')
    .orderBy('r.heldOn')
    .orderBy('r.recordedAt')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function findRuns(
  db: Db,
  reachable: RunPredicate,
  filter: {
    ids?: readonly string[];
    scanId?: string;
    municipalityCode?: string | undefined;
    year?: number | undefined;
  },
) {
  let q = db
    .selectFrom('scanRuns as r')
    .innerJoin('scans as sc', 'sc.id', 'r.scanId')
    .innerJoin('scanVersions as v', 'v.id', 'r.versionId')
    .innerJoin('municipalities as m', 'm.code', 'r.municipalityCode')
    .innerJoin('partnerOrganisations as o', 'o.id', 'r.organisationId')
    .select((eb) => [
      'r.id',
      'r.scanId',
      'sc.name as scanName',
      'sc.kind as scanKind',
      'sc.subject as scanSubject',
      'r.municipalityCode',
      'm.name as municipalityName',
      'r.heldOn',
      'r.recordedAt',
      'r.answers',
      'r.note',
      'o.id as organisationId',
      'o.name as organisationName',
      'v.number as versionNumber',
      'v.definition',
      jsonArrayFrom(
        eb
          .selectFrom('scanRunObjects as x')
          .select(['x.id', 'x.position', 'x.answers', 'x.locationId'])
          .whereRef('x.runId', '=', 'r.id')
          .orderBy('x.position'),
      ).as('objects'),
      jsonArrayFrom(
        eb
          .selectFrom('scanActions as a')
          .select((a) => [
            'a.id',
            'a.title',
            'a.questionCode',
            'a.dueOn',
            jsonArrayFrom(
              a
                .selectFrom('scanActionSteps as s')
                .innerJoin('partnerOrganisations as so', 'so.id', 's.organisationId')
                .select(['s.status', 's.happenedOn', 's.recordedAt', 's.note', 'so.id', 'so.name'])
                .whereRef('s.actionId', '=', 'a.id')
                .orderBy('s.happenedOn')
                .orderBy('s.recordedAt'),
            ).as('steps'),
          ])
          .whereRef('a.runId', '=', 'r.id')
          .orderBy('a.createdAt')
          .orderBy('a.id'),
      ).as('actions'),
    ])
    .where(reachable);
  if (filter.ids) q = q.where('r.id', 'in', filter.ids.length ? filter.ids : [NO_ID]);
  if (filter.scanId) q = q.where('r.scanId', '=', filter.scanId);
  if (filter.municipalityCode) q = q.where('r.municipalityCode', '=', filter.municipalityCode);
  if (filter.year)
    q = q.where('r.heldOn', '>=', `${filter.year}-01-01`).where('r.heldOn', '<=', `${filter.year}-12-31`);
  return q.orderBy('r.heldOn', 'desc').orderBy('r.recordedAt', 'desc').execute();
}
export type RunRow = Awaited<ReturnType<typeof findRuns>>[number];

/** The run of the same scan and municipality before this one: held earlier, or earlier on the same day. */
export async function previousRunId(
  db: Db,
  reachable: RunPredicate,
  run: { id: string; scanId: string; municipalityCode: string; heldOn: string; recordedAt: Date },
): Promise<string | null> {
  const row = await db
    .selectFrom('scanRuns as r')
    .select('r.id')
    .where(reachable)
    .where('r.scanId', '=', run.scanId)
    .where('r.municipalityCode', '=', run.municipalityCode)
    .where('r.id', '<>', run.id)
    .where((eb) =>
      eb.or([
        eb('r.heldOn', '<', run.heldOn),
        eb.and([eb('r.heldOn', '=', run.heldOn), eb('r.recordedAt', '<', run.recordedAt)]),
      ]),
    )
    .orderBy('r.heldOn', 'desc')
    .orderBy('r.recordedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
