import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

const CONFIGURATION = new URL('../../../reference-data/case-configuration.json', import.meta.url);

/** Loads the default legal bases and intervention catalogue for every region; existing ones stay. */
export async function loadCaseConfiguration(db: Db): Promise<void> {
  const file = JSON.parse(await readFile(CONFIGURATION, 'utf8')) as {
    legalBases: Array<{ code: string; name: string }>;
    interventions: Array<{ kind: string; code: string; name: string }>;
  };
  const regions = await db.selectFrom('regions').select('id').execute();
  for (const { id: regionId } of regions) {
    await db
      .insertInto('legalBases')
      .values(file.legalBases.map((b) => ({ ...b, regionId })))
      .onConflict((oc) => oc.columns(['regionId', 'code']).doNothing())
      .execute();
    await db
      .insertInto('interventionCatalogue')
      .values(file.interventions.map((c) => ({ ...c, regionId })))
      .onConflict((oc) => oc.columns(['regionId', 'code']).doNothing())
      .execute();
  }
}

export async function configuration(db: Db, regionId: string) {
  const [legalBases, interventions] = await Promise.all([
    db
      .selectFrom('legalBases')
      .select(['id', 'code', 'name'])
      .where('regionId', '=', regionId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('interventionCatalogue')
      .select(['id', 'kind', 'code', 'name'])
      .where('regionId', '=', regionId)
      .orderBy('kind')
      .orderBy('name')
      .execute(),
  ]);
  return { legalBases, interventions, directors: await directors(db, regionId) };
}

export async function nextReference(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: number }>`select nextval('case_reference_seq')::int as n`.execute(db);
  return `CAS-${year}-${String(rows[0]?.n ?? 0).padStart(4, '0')}`;
}

function summaries(db: Db, quarter: string) {
  return db
    .selectFrom('cases as c')
    .leftJoin('districts as d', 'd.id', 'c.districtId')
    .select([
      'c.id',
      'c.regionId',
      'c.reference',
      'c.codeName',
      'c.origin',
      'c.type',
      'c.phase',
      'c.goal',
      'c.strategy',
      'c.directorId',
      'c.startedOn',
      'c.closedOn',
      'd.id as districtId',
      'd.name as districtName',
      sql<
        Array<{ id: string; name: string }>
      >`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name)
        from case_themes ct join themes t on t.id = ct.theme_id where ct.case_id = c.id), '[]')`.as('themes'),
      sql<
        number | null
      >`(select priority from case_priorities cp where cp.case_id = c.id and cp.quarter = ${quarter})`.as(
        'priority',
      ),
      sql<Date | null>`(select min(s.received_at) from case_signals cs join signals s on s.id = cs.signal_id where cs.case_id = c.id)`.as(
        'firstSignalAt',
      ),
      sql<string | null>`(select min(i.carried_out_on)::text from interventions i where i.case_id = c.id)`.as(
        'firstInterventionOn',
      ),
    ]);
}

export type CaseRow = Awaited<ReturnType<typeof findCase>> & object;

export async function findCase(db: Db, id: string, quarter: string) {
  return summaries(db, quarter).where('c.id', '=', id).executeTakeFirst();
}

export async function listCases(
  db: Db,
  filter: {
    regionId: string;
    quarter: string;
    allOfRegion: boolean;
    directorId: string | null;
    organisationId: string;
    districtId?: string | undefined;
    phase?: string | undefined;
    themeId?: string | undefined;
  },
) {
  let q = summaries(db, filter.quarter).where('c.regionId', '=', filter.regionId);
  if (!filter.allOfRegion)
    q = q.where((eb) =>
      eb.or([
        eb('c.directorId', '=', filter.directorId),
        eb.exists(
          eb
            .selectFrom('caseParticipants as p')
            .select(sql`1`.as('x'))
            .whereRef('p.caseId', '=', 'c.id')
            .where('p.organisationId', '=', filter.organisationId)
            .where('p.removedAt', 'is', null),
        ),
      ]),
    );
  if (filter.districtId) q = q.where('c.districtId', '=', filter.districtId);
  if (filter.phase) q = q.where('c.phase', '=', filter.phase);
  if (filter.themeId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('caseThemes as ct')
          .select(sql`1`.as('x'))
          .whereRef('ct.caseId', '=', 'c.id')
          .where('ct.themeId', '=', filter.themeId ?? ''),
      ),
    );
  return q.orderBy('c.startedOn', 'desc').limit(1000).execute();
}

export async function insertCase(
  db: Db,
  c: {
    regionId: string;
    reference: string;
    codeName: string;
    origin: string;
    districtId: string | null;
    type: string;
    directorId: string;
    startedOn: string;
    createdBy: string | null;
    createdAt: Date;
  },
): Promise<string> {
  const row = await db
    .insertInto('cases')
    .values({ ...c, phase: 'start', goal: null, strategy: null, closedOn: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('caseOpenPeriods')
    .values({ caseId: row.id, openedOn: c.startedOn, closedOn: null })
    .execute();
  return row.id;
}

/** Ends the open period at closure, or opens a new one at reopening: what "handled" counts. */
export async function closeOpenPeriod(db: Db, caseId: string, on: string): Promise<void> {
  await db
    .updateTable('caseOpenPeriods')
    .set({ closedOn: on })
    .where('caseId', '=', caseId)
    .where('closedOn', 'is', null)
    .execute();
}

export async function openPeriod(db: Db, caseId: string, on: string): Promise<void> {
  await db
    .insertInto('caseOpenPeriods')
    .values({ caseId, openedOn: on, closedOn: null })
    .onConflict((oc) => oc.columns(['caseId', 'openedOn']).doUpdateSet({ closedOn: null }))
    .execute();
}

export async function updateCase(
  db: Db,
  id: string,
  changes: Partial<{ phase: string; goal: string; strategy: string; closedOn: string | null }>,
) {
  await db.updateTable('cases').set(changes).where('id', '=', id).execute();
}

export async function linkMany(
  db: Db,
  caseId: string,
  links: { signals?: string[]; origins?: string[]; municipalities?: string[]; themes?: string[] },
) {
  if (links.signals?.length)
    await db
      .insertInto('caseSignals')
      .values([...new Set(links.signals)].map((signalId) => ({ caseId, signalId })))
      .execute();
  if (links.origins?.length)
    await db
      .insertInto('caseOriginOrganisations')
      .values([...new Set(links.origins)].map((organisationId) => ({ caseId, organisationId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  if (links.municipalities?.length)
    await db
      .insertInto('caseMunicipalities')
      .values([...new Set(links.municipalities)].map((municipalityCode) => ({ caseId, municipalityCode })))
      .execute();
  if (links.themes?.length)
    await db
      .insertInto('caseThemes')
      .values([...new Set(links.themes)].map((themeId) => ({ caseId, themeId })))
      .execute();
}

export async function insertEvent(
  db: Db,
  e: {
    caseId: string;
    type: string;
    at: Date;
    userId: string | null;
    organisationId: string | null;
    details?: object;
  },
) {
  await db
    .insertInto('caseEvents')
    .values({ ...e, details: JSON.stringify(e.details ?? {}) })
    .execute();
}

export async function currentParticipants(db: Db, caseId: string) {
  return db
    .selectFrom('caseParticipants')
    .select('organisationId')
    .where('caseId', '=', caseId)
    .where('removedAt', 'is', null)
    .execute();
}

export async function addParticipant(
  db: Db,
  caseId: string,
  organisationId: string,
  reason: string,
  at: Date,
) {
  await db
    .insertInto('caseParticipants')
    .values({
      caseId,
      organisationId,
      addedAt: at,
      addedReason: reason,
      removedAt: null,
      removedReason: null,
    })
    .execute();
}

export async function removeParticipant(
  db: Db,
  caseId: string,
  organisationId: string,
  reason: string,
  at: Date,
) {
  const result = await db
    .updateTable('caseParticipants')
    .set({ removedAt: at, removedReason: reason })
    .where('caseId', '=', caseId)
    .where('organisationId', '=', organisationId)
    .where('removedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Signals that may start a case: accepted, in the region, not yet in a case. */
export async function acceptedSignals(db: Db, regionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('signals as s')
    .select(['s.id', 's.receivedAt'])
    .where('s.id', 'in', ids)
    .where('s.regionId', '=', regionId)
    .where('s.decision', '=', 'accepted')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('caseSignals as cs').select('cs.caseId').whereRef('cs.signalId', '=', 's.id'),
        ),
      ),
    )
    .execute();
}

export async function signalSubmitters(db: Db, signalIds: readonly string[]) {
  if (signalIds.length === 0) return [];
  return db
    .selectFrom('signalOrganisations')
    .select('organisationId')
    .where('signalId', 'in', signalIds)
    .execute();
}

export async function detailParts(db: Db, caseId: string) {
  const [
    municipalities,
    origins,
    signals,
    participants,
    events,
    subjects,
    provisions,
    matrix,
    advices,
    interventions,
    results,
    communications,
    evaluation,
  ] = await Promise.all([
    db
      .selectFrom('caseMunicipalities as cm')
      .innerJoin('municipalities as m', 'm.code', 'cm.municipalityCode')
      .select(['m.code', 'm.name'])
      .where('cm.caseId', '=', caseId)
      .orderBy('m.name')
      .execute(),
    db
      .selectFrom('caseOriginOrganisations as co')
      .innerJoin('partnerOrganisations as o', 'o.id', 'co.organisationId')
      .select(['o.id', 'o.name'])
      .where('co.caseId', '=', caseId)
      .execute(),
    db
      .selectFrom('caseSignals as cs')
      .innerJoin('signals as s', 's.id', 'cs.signalId')
      .select(['s.id', 's.reference', 's.receivedAt'])
      .where('cs.caseId', '=', caseId)
      .execute(),
    db
      .selectFrom('caseParticipants as p')
      .innerJoin('partnerOrganisations as o', 'o.id', 'p.organisationId')
      .select(['o.id', 'o.name', 'p.addedAt', 'p.addedReason', 'p.removedAt', 'p.removedReason'])
      .where('p.caseId', '=', caseId)
      .orderBy('p.addedAt')
      .execute(),
    db
      .selectFrom('caseEvents as e')
      .leftJoin('users as u', 'u.id', 'e.userId')
      .select(['e.type', 'e.at', 'u.displayName as by', 'e.details'])
      .where('e.caseId', '=', caseId)
      .orderBy('e.at')
      .execute(),
    db.selectFrom('caseSubjects').selectAll().where('caseId', '=', caseId).orderBy('addedAt').execute(),
    db
      .selectFrom('provisions as p')
      .innerJoin('partnerOrganisations as o', 'o.id', 'p.organisationId')
      .innerJoin('legalBases as b', 'b.id', 'p.legalBasisId')
      .select([
        'p.id',
        'o.id as organisationId',
        'o.name as organisationName',
        'p.subjectId',
        'p.providedOn',
        'b.id as basisId',
        'b.code as basisCode',
        'b.name as basisName',
        'p.classification',
        'p.title',
        'p.body',
      ])
      .where('p.caseId', '=', caseId)
      .orderBy('p.providedOn')
      .execute(),
    db
      .selectFrom('caseMatrix as x')
      .innerJoin('interventionCatalogue as c', 'c.id', 'x.catalogueId')
      .innerJoin('partnerOrganisations as o', 'o.id', 'x.organisationId')
      .select([
        'x.id',
        'x.barrier',
        'c.id as catalogueId',
        'c.kind',
        'c.name as interventionName',
        'o.id as organisationId',
        'o.name as organisationName',
        'x.chosen',
      ])
      .where('x.caseId', '=', caseId)
      .execute(),
    db
      .selectFrom('advices as a')
      .innerJoin('partnerOrganisations as o', 'o.id', 'a.organisationId')
      .select([
        'a.id',
        'a.kind',
        'o.id as organisationId',
        'o.name as organisationName',
        'a.givenOn',
        'a.status',
        'a.description',
      ])
      .where('a.caseId', '=', caseId)
      .orderBy('a.givenOn')
      .execute(),
    db
      .selectFrom('interventions as i')
      .innerJoin('partnerOrganisations as o', 'o.id', 'i.organisationId')
      .select([
        'i.id',
        'i.adviceId',
        'i.kind',
        'o.id as organisationId',
        'o.name as organisationName',
        'i.carriedOutOn',
        'i.description',
        'i.outcome',
      ])
      .where('i.caseId', '=', caseId)
      .orderBy('i.carriedOutOn')
      .execute(),
    db
      .selectFrom('results as r')
      .innerJoin('partnerOrganisations as o', 'o.id', 'r.organisationId')
      .select([
        'r.id',
        'r.interventionId',
        'r.kind',
        'o.id as organisationId',
        'o.name as organisationName',
        'r.imposedCents',
        'r.imposedOn',
        'r.collectedCents',
        'r.collectedOn',
        'r.settledCents',
        'r.settledOn',
        'r.count',
        'r.description',
      ])
      .where('r.caseId', '=', caseId)
      .orderBy('r.recordedOn')
      .execute(),
    db.selectFrom('communications').selectAll().where('caseId', '=', caseId).orderBy('onDate').execute(),
    db.selectFrom('evaluations').selectAll().where('caseId', '=', caseId).executeTakeFirst(),
  ]);
  return {
    municipalities,
    origins,
    signals,
    participants,
    events,
    subjects,
    provisions,
    matrix,
    advices,
    interventions,
    results,
    communications,
    evaluation,
  };
}

/** The case directors of a region, to choose one when a case starts. */
export async function directors(db: Db, regionId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('userRoles as r', 'r.userId', 'u.id')
    .select(['u.id', 'u.displayName as name', 'u.email'])
    .where('u.regionId', '=', regionId)
    .where('u.active', '=', true)
    .where('r.role', '=', 'case_director')
    .orderBy('u.displayName')
    .execute();
}

export async function directorName(db: Db, id: string | null) {
  if (!id) return null;
  return db.selectFrom('users').select(['id', 'displayName as name']).where('id', '=', id).executeTakeFirst();
}
