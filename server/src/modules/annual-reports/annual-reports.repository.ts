import type { PublishedReport, ReportBlock, ReportSectionStatus, ReportTable } from '@samenspel/contracts';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export async function insertReport(
  db: Db,
  row: { regionId: string; year: number; title: string; createdAt: Date; createdBy: string | null },
): Promise<string> {
  const { id } = await db
    .insertInto('annualReports')
    .values({ ...row, status: 'draft' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function reportOfYear(db: Db, regionId: string, year: number): Promise<string | null> {
  const row = await db
    .selectFrom('annualReports')
    .select('id')
    .where('regionId', '=', regionId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertSection(
  db: Db,
  row: {
    reportId: string;
    parentId: string | null;
    position: number;
    key: string;
    title: string;
    blocks: ReportBlock[];
  },
): Promise<string> {
  const { id } = await db
    .insertInto('annualReportSections')
    .values({ ...row, blocks: JSON.stringify(row.blocks), status: 'draft', ownerId: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A region's reports, newest year first, without their snapshots. */
export function findReports(db: Db, regionId: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('annualReports as r')
    .select([
      'r.id',
      'r.year',
      'r.title',
      'r.status',
      'r.publishedAt',
      'r.snapshotSha256',
      sql<number>`(select count(*)::int from annual_report_sections s where s.report_id = r.id)`.as(
        'sections',
      ),
      sql<number>`(select count(*)::int from annual_report_sections s where s.report_id = r.id
        and s.status = 'approved')`.as('approved'),
    ])
    .where('r.regionId', '=', regionId);
  if (ids) q = q.where('r.id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('r.year', 'desc').execute();
}
export type ReportRow = Awaited<ReturnType<typeof findReports>>[number];

/**
 * One table of a published report, read from its frozen snapshot by the database (a JSON path),
 * without loading the rest of the report: what its CSV file holds.
 */
export async function publishedTable(db: Db, reportId: string, tableId: string) {
  const { rows } = await sql<{ table: string | null }>`
    select jsonb_path_query_first(snapshot, '$.sections[*].tables[*] ? (@.id == $id)',
      jsonb_build_object('id', ${tableId}::text))::text as table
    from annual_reports where id = ${reportId} and status = 'published'`.execute(db);
  const text = rows[0]?.table;
  return text ? (JSON.parse(text) as ReportTable) : null;
}

/**
 * A published report's frozen snapshot. Read as text and parsed here: handed over as JSON, every
 * object in it would be walked again by the column-name plugin (twice the time for a report of
 * 230 kB, `npm run bench -- annual-report`), for keys that are already as written.
 */
export async function snapshotOf(db: Db, reportId: string) {
  const row = await db
    .selectFrom('annualReports')
    .select([sql<string | null>`snapshot::text`.as('snapshot'), 'snapshotSha256', 'publishedAt'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  return (
    row && { ...row, snapshot: row.snapshot === null ? null : (JSON.parse(row.snapshot) as PublishedReport) }
  );
}

/** A report's sections in print order, with their owner's name and their prose history. */
export async function sectionsOf(db: Db, reportId: string) {
  const { rows } = await sql<{
    id: string;
    parentId: string | null;
    position: number;
    key: string;
    title: string;
    blocks: ReportBlock[];
    ownerId: string | null;
    ownerName: string | null;
    status: ReportSectionStatus;
    history: Array<{
      prose: string;
      status: 'draft' | 'submitted' | 'approved' | 'returned';
      note: string | null;
      recordedAt: string;
      recordedBy: string | null;
    }>;
  }>`
    select s.id, s.parent_id, s.position, s.key, s.title, s.blocks, s.owner_id, u.display_name as owner_name,
      s.status,
      coalesce((select json_agg(json_build_object('prose', v.prose, 'status', v.status, 'note', v.note,
          'recordedAt', v.recorded_at, 'recordedBy', (select w.display_name from users w where w.id = v.recorded_by))
          order by v.recorded_at desc, v.id desc)
        from annual_report_section_versions v where v.section_id = s.id), '[]') as history
    from annual_report_sections s
    left join users u on u.id = s.owner_id
    where s.report_id = ${reportId}
    order by coalesce((select p.position from annual_report_sections p where p.id = s.parent_id), s.position),
      s.parent_id nulls first, s.position`.execute(db);
  return rows;
}
export type SectionRow = Awaited<ReturnType<typeof sectionsOf>>[number];

export async function setOwner(db: Db, sectionId: string, ownerId: string | null): Promise<void> {
  await db.updateTable('annualReportSections').set({ ownerId }).where('id', '=', sectionId).execute();
}

export async function recordVersion(
  db: Db,
  row: {
    sectionId: string;
    prose: string;
    status: 'draft' | 'submitted' | 'approved' | 'returned';
    note: string | null;
    recordedAt: Date;
    recordedBy: string | null;
  },
): Promise<void> {
  await db.insertInto('annualReportSectionVersions').values(row).execute();
  await db
    .updateTable('annualReportSections')
    .set({ status: row.status === 'returned' ? 'draft' : row.status })
    .where('id', '=', row.sectionId)
    .execute();
}

export async function publish(
  db: Db,
  reportId: string,
  row: {
    snapshot: string;
    snapshotSha256: string;
    pdf: Buffer;
    publishedAt: Date;
    publishedBy: string | null;
  },
): Promise<void> {
  await db
    .updateTable('annualReports')
    .set({ ...row, status: 'published' })
    .where('id', '=', reportId)
    .where('status', '=', 'draft')
    .execute();
}

export async function pdfOf(db: Db, reportId: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('annualReports')
    .select('pdf')
    .where('id', '=', reportId)
    .executeTakeFirst();
  // PGlite answers a bytea as a Uint8Array, node-postgres as a Buffer.
  return row?.pdf ? Buffer.from(row.pdf) : null;
}

export async function reportsIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('annualReports')
    .select('id')
    .where('regionId', '=', regionId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function publishedIn(db: Db, regionId: string, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('annualReports')
    .select('id')
    .where('regionId', '=', regionId)
    .where('status', '=', 'published')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The region's active users with one of the roles, by name. */
export async function usersWithRoles(db: Db, regionId: string, roles: readonly string[]) {
  const { rows } = await sql<{ id: string; name: string; organisation: string }>`
    select u.id, u.display_name as name, o.name as organisation
    from users u join partner_organisations o on o.id = u.organisation_id
    where u.region_id = ${regionId} and u.active
      and exists (select 1 from user_roles r where r.user_id = u.id and r.role = any(${roles as string[]}))
    order by u.display_name, u.id`.execute(db);
  return rows;
}
