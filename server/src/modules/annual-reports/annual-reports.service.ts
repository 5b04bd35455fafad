import { createHash } from 'node:crypto';
import type {
  AnnualReport,
  AnnualReportSummary,
  InvalidParam,
  PossibleOwner,
  Programme,
  PublishedReport,
  ReportBlock,
  ReportSectionView,
  ReportTable,
  SectionStepRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { csvDocument } from '../../shared/csv.js';
import { invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { covenantOf, disclosureMinimumOf } from '../collaborations/index.js';
import { regionName } from '../organisations/index.js';
import { indicators, programmesOfYear } from '../programmes/index.js';
import { reportPdf } from './annual-reports.pdf.js';
import * as repo from './annual-reports.repository.js';
import {
  districtCasesTable,
  financeTable,
  nationalTable,
  placesMapTable,
  programmeTable,
  type TableContext,
} from './annual-reports.tables.js';

const activity = 'samenspel.programmes';
/** The roles that write sections of the report (annual-report.write). */
const WRITERS = ['programme_manager', 'riec_analyst', 'case_director', 'meeting_chair'] as const;
const problem = (name: string, code: string, reason: string): InvalidParam => ({
  name,
  in: 'body',
  code,
  reason,
});

/** JSON with its keys in a fixed order, so that the same report always gives the same bytes. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/**
 * The annual report of a year: its sections (a tree: the region, the districts' plans, the
 * regional programmes, finance, the national table), each written by its owner and approved by
 * the programme manager; publishing freezes every figure with its definition, period and scope.
 */
export class AnnualReportsService {
  constructor(private readonly deps: ServiceDeps) {}

  private async tableContext(trx: Db, actor: Actor, year: number): Promise<TableContext> {
    return {
      db: trx,
      regionId: actor.regionId,
      regionName: (await regionName(trx, actor.regionId)) ?? actor.regionId,
      year,
      minimum: await disclosureMinimumOf(trx, await covenantOf(trx, actor.regionId)),
    };
  }

  private async tablesOf(
    context: TableContext,
    blocks: ReportBlock[],
    cache: Map<number, Programme[]>,
  ): Promise<ReportTable[]> {
    const tables: ReportTable[] = [];
    for (const b of blocks) {
      if (b.kind === 'accountability-table') tables.push(await nationalTable(context));
      if (b.kind === 'district-cases') tables.push(await districtCasesTable(context));
      if (b.kind === 'finance') tables.push(await financeTable(context));
      if (b.kind === 'places-map') tables.push(await placesMapTable(context));
      if (b.kind === 'programme') {
        const t = await programmeTable(context, b.programmeId, cache);
        if (t) tables.push(t);
      }
    }
    return tables;
  }

  private async view(trx: Db, actor: Actor, row: repo.ReportRow): Promise<AnnualReport> {
    const context = await this.tableContext(trx, actor, row.year);
    const cache = new Map<number, Programme[]>();
    const items: ReportSectionView[] = [];
    for (const s of await repo.sectionsOf(trx, row.id))
      items.push({
        id: s.id,
        key: s.key,
        parentId: s.parentId,
        title: s.title,
        owner: s.ownerId && s.ownerName ? { id: s.ownerId, name: s.ownerName } : null,
        status: s.status,
        prose: s.history[0]?.prose ?? '',
        history: s.history.map((h) => ({
          status: h.status,
          note: h.note,
          recordedAt: new Date(h.recordedAt).toISOString(),
          recordedBy: h.recordedBy,
        })),
        tables: await this.tablesOf(context, s.blocks, cache),
      });
    return { ...summary(row), minimum: context.minimum, items };
  }

  private async one(trx: Db, actor: Actor, reportId: string): Promise<AnnualReport> {
    const [row] = await repo.findReports(trx, actor.regionId, [reportId]);
    if (!row) throw notFound();
    return this.view(trx, actor, row);
  }

  /** Reports of the region: every one for those who work on them, the published ones for all. */
  async list(context: RequestContext): Promise<AnnualReportSummary[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'annual-report.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.read');
      const drafts =
        access.holds(actor, 'annual-report.write') || access.holds(actor, 'annual-report.manage');
      return (await repo.findReports(trx, actor.regionId))
        .filter((r) => drafts || r.status === 'published')
        .map(summary);
    });
  }

  /** Starts a year's report with the sections of the annual plan: one per district plan and programme. */
  async create(
    context: RequestContext,
    request: { year: number; title?: string | undefined },
  ): Promise<AnnualReport> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'annual-report.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.manage');
      if (await repo.reportOfYear(trx, actor.regionId, request.year))
        throw invalid([problem('year', 'report_exists', `Er is al een jaarverslag over ${request.year}.`)]);
      const region = (await regionName(trx, actor.regionId)) ?? actor.regionId;
      const id = await repo.insertReport(trx, {
        regionId: actor.regionId,
        year: request.year,
        title: request.title ?? `Jaarverslag ${request.year} RIEC ${region}`,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      const programmes = await programmesOfYear(trx, actor.regionId, request.year);
      let position = 0;
      const add = (parentId: string | null, key: string, title: string, blocks: ReportBlock[]) =>
        repo.insertSection(trx, { reportId: id, parentId, position: position++, key, title, blocks });
      await add(null, 'regio', `Regio ${region}`, [{ kind: 'places-map' }]);
      const districts = await add(null, 'districten', 'Districten', [{ kind: 'district-cases' }]);
      for (const p of programmes.filter((x) => x.kind === 'district'))
        await add(
          districts,
          `district-${p.district?.id}`,
          p.district ? `District ${p.district.name}` : p.name,
          [{ kind: 'programme', programmeId: p.id }],
        );
      const regional = await add(null, 'programmas', "Regionale programma's", []);
      for (const [i, p] of programmes.filter((x) => x.kind === 'programme').entries())
        await add(regional, `programma-${i + 1}`, p.name.replace(/\s+\d{4}$/, ''), [
          { kind: 'programme', programmeId: p.id },
        ]);
      await add(null, 'financien', 'Financiën', [{ kind: 'finance' }]);
      await add(null, 'verantwoording', 'Landelijke verantwoordingstabel', [
        { kind: 'accountability-table' },
      ]);
      return this.one(trx, actor, id);
    });
  }

  /** A report as it is being written: its sections with their figures computed now. */
  async get(context: RequestContext, reportId: string): Promise<AnnualReport> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'annual-report.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.write', [reportId]);
      return this.one(trx, actor, reportId);
    });
  }

  async setOwner(
    context: RequestContext,
    reportId: string,
    sectionId: string,
    ownerId: string | null,
  ): Promise<AnnualReport> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'annual-report.owner', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.manage', [reportId]);
      const { report } = await this.section(trx, actor, reportId, sectionId);
      if (report.status === 'published')
        throw invalid([
          problem('reportId', 'published', 'Dit jaarverslag is gepubliceerd en verandert niet meer.'),
        ]);
      if (ownerId && !(await repo.usersWithRoles(trx, actor.regionId, WRITERS)).some((u) => u.id === ownerId))
        throw invalid([
          problem(
            'ownerId',
            'not_a_writer',
            'Deze gebruiker kan geen hoofdstuk van het jaarverslag schrijven.',
          ),
        ]);
      await repo.setOwner(trx, sectionId, ownerId);
      return this.one(trx, actor, reportId);
    });
  }

  /** Who may own a section: the region's active users whose role lets them write the report. */
  async possibleOwners(context: RequestContext, reportId: string): Promise<PossibleOwner[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'annual-report.possible-owners', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.manage', [reportId]);
      return repo.usersWithRoles(trx, actor.regionId, WRITERS);
    });
  }

  /** The section, if the actor may work on it: its owner, or a programme manager. */
  /**
   * The section, if the actor may work on it (its owner, or a programme manager), read without
   * its tables: a write checks the section's state, and only its answer computes the figures.
   */
  private async section(trx: Db, actor: Actor, reportId: string, sectionId: string) {
    const [report] = await repo.findReports(trx, actor.regionId, [reportId]);
    const row = report ? (await repo.sectionsOf(trx, reportId)).find((s) => s.id === sectionId) : undefined;
    if (!report || !row) throw notFound();
    const manages = this.deps.access.holds(actor, 'annual-report.manage');
    if (!manages && row.ownerId !== userOf(actor)) throw notFound();
    const section = { status: row.status, prose: row.history[0]?.prose ?? '', blocks: row.blocks };
    return { report, section, manages };
  }

  async writeProse(
    context: RequestContext,
    reportId: string,
    sectionId: string,
    prose: string,
  ): Promise<AnnualReport> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'annual-report.write', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.write', [reportId]);
      const { report, section } = await this.section(trx, actor, reportId, sectionId);
      const problems: InvalidParam[] = [];
      if (report.status === 'published')
        problems.push(
          problem('reportId', 'published', 'Dit jaarverslag is gepubliceerd en verandert niet meer.'),
        );
      else if (section.status !== 'draft')
        problems.push(
          problem(
            'prose',
            'not_a_draft',
            section.status === 'approved'
              ? 'Dit hoofdstuk is goedgekeurd. Vraag de programmamanager het terug te sturen om het te wijzigen.'
              : 'Dit hoofdstuk is ingediend. Wacht op de programmamanager of vraag het terug te sturen.',
          ),
        );
      if (problems.length) throw invalid(problems);
      await repo.recordVersion(trx, {
        sectionId,
        prose,
        status: 'draft',
        note: null,
        recordedAt: now(),
        recordedBy: userOf(actor),
      });
      return this.one(trx, actor, reportId);
    });
  }

  /** Submit (the owner), approve or return with a note (the programme manager). */
  async step(
    context: RequestContext,
    reportId: string,
    sectionId: string,
    step: SectionStepRequest,
  ): Promise<AnnualReport> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: `annual-report.${step.type}`, activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.write', [reportId]);
      const { report, section, manages } = await this.section(trx, actor, reportId, sectionId);
      const refuse = (code: string, reason: string) => {
        throw invalid([problem('type', code, reason)]);
      };
      if (report.status === 'published')
        refuse('published', 'Dit jaarverslag is gepubliceerd en verandert niet meer.');
      if (step.type !== 'submit' && !manages) throw notFound();
      if (step.type === 'submit' && section.status !== 'draft')
        refuse('not_a_draft', 'Alleen een hoofdstuk in concept kan worden ingediend.');
      if (step.type === 'submit' && !section.prose.trim() && !section.blocks.length)
        refuse('empty', 'Schrijf eerst de tekst van dit hoofdstuk.');
      if (step.type === 'approve' && section.status !== 'submitted')
        refuse('not_submitted', 'Alleen een ingediend hoofdstuk kan worden goedgekeurd.');
      if (step.type === 'return' && section.status === 'draft')
        refuse('already_draft', 'Dit hoofdstuk is al in concept.');
      await repo.recordVersion(trx, {
        sectionId,
        prose: section.prose,
        status: step.type === 'submit' ? 'submitted' : step.type === 'approve' ? 'approved' : 'returned',
        note: step.type === 'return' ? step.note : null,
        recordedAt: now(),
        recordedBy: userOf(actor),
      });
      return this.one(trx, actor, reportId);
    });
  }

  /**
   * Approves the whole report and freezes it: the sections with their prose and every table with
   * its figures, period, scope and definition, stored as canonical JSON with its SHA-256.
   * Refused while a section is not approved (each one named).
   */
  async publish(context: RequestContext, reportId: string): Promise<PublishedReport> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'annual-report.publish', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.manage', [reportId]);
      const report = await this.one(trx, actor, reportId);
      if (report.status === 'published')
        throw invalid([problem('reportId', 'published', 'Dit jaarverslag is al gepubliceerd.')]);
      const open = report.items.filter((s) => s.status !== 'approved');
      if (open.length)
        throw invalid(
          open.map((s) =>
            problem(
              `sections.${s.key}`,
              'not_approved',
              `Het hoofdstuk '${s.title}' is nog niet goedgekeurd.`,
            ),
          ),
        );
      const at = now();
      const depth = (s: ReportSectionView): number => {
        const parent = report.items.find((p) => p.id === s.parentId);
        return parent ? depth(parent) + 1 : 1;
      };
      const body = {
        id: report.id,
        region: (await regionName(trx, actor.regionId)) ?? actor.regionId,
        year: report.year,
        title: report.title,
        publishedAt: at.toISOString(),
        minimum: report.minimum,
        definitions: Object.values(indicators).map((i) => ({
          id: i.id,
          name: i.name,
          definition: i.definition,
        })),
        sections: report.items.map((s) => ({
          key: s.key,
          level: depth(s),
          title: s.title,
          prose: s.prose,
          tables: s.tables,
        })),
      };
      const sha256 = createHash('sha256').update(canonical(body)).digest('hex');
      const published: PublishedReport = { ...body, sha256 };
      await repo.publish(trx, reportId, {
        snapshot: canonical(published),
        snapshotSha256: sha256,
        pdf: reportPdf(published),
        publishedAt: at,
        publishedBy: userOf(actor),
      });
      return published;
    });
  }

  /** The published report, as frozen. */
  async published(context: RequestContext, reportId: string): Promise<PublishedReport> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'annual-report.read-published', activity }, async (trx) => {
      await access.requireAccess(trx, context.actor, 'annual-report.read', [reportId]);
      const row = await repo.snapshotOf(trx, reportId);
      if (!row?.snapshot) throw notFound();
      return row.snapshot;
    });
  }

  /** The archival PDF, built once at publication from the frozen report. */
  async pdf(context: RequestContext, reportId: string): Promise<{ pdf: Buffer; year: number }> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'annual-report.read-published', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'annual-report.read', [reportId]);
      const [row] = await repo.findReports(trx, actor.regionId, [reportId]);
      const pdf = await repo.pdfOf(trx, reportId);
      if (!row || !pdf) throw notFound();
      return { pdf, year: row.year };
    });
  }

  /** One table of the published report as CSV: its rows, with the printed and the published value. */
  async tableCsv(context: RequestContext, reportId: string, tableId: string): Promise<string> {
    const { audit, access } = this.deps;
    const table = await audit.run(
      context,
      { action: 'annual-report.read-published', activity },
      async (trx) => {
        await access.requireAccess(trx, context.actor, 'annual-report.read', [reportId]);
        return repo.publishedTable(trx, reportId, tableId);
      },
    );
    if (!table) throw notFound();
    return csvDocument([
      table.columns,
      ...table.rows.map((r) => [r.label, ...r.cells.map((c) => (c.value === null ? c.display : c.value))]),
    ]);
  }
}

function summary(r: repo.ReportRow): AnnualReportSummary {
  return {
    id: r.id,
    year: r.year,
    title: r.title,
    status: r.status,
    publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    sha256: r.snapshotSha256,
    sections: r.sections,
    approved: r.approved,
  };
}
