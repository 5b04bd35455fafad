import type {
  Activity,
  ActivityKind,
  ActivityList,
  ActivityListQuery,
  CreateActivityRequest,
  InvalidParam,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { listWorkbook } from '../../shared/workbook.js';
import { caseReferences } from '../cases/index.js';
import { districtIn, listMunicipalities, listPartnerOrganisations } from '../organisations/index.js';
import * as repo from './programmes.repository.js';
import { activityKindsOf } from './programmes.service.js';

const activity = 'samenspel.programmes';
const problem = (name: string, code: string, reason: string): InvalidParam => ({
  name,
  in: 'body',
  code,
  reason,
});

export type ActivityLookups = Awaited<ReturnType<typeof activityLookups>>;

/** What a new activity is checked against: the region's kinds of activity, municipalities and partners. */
export async function activityLookups(db: Db, regionId: string) {
  const [kinds, municipalities, partners] = await Promise.all([
    activityKindsOf(db, regionId),
    listMunicipalities(db, { regionId, on: undefined }),
    listPartnerOrganisations(db, { regionId, on: undefined }),
  ]);
  return {
    kinds: kinds.map((k) => ({ code: k.code, name: k.name })),
    municipalities: municipalities.map((m) => ({ code: m.code, name: m.name })),
    partners: partners.map((p) => ({ id: p.id, code: p.code, name: p.name })),
  };
}

/**
 * The rules of a new activity beyond its contract: a kind of the region, a date not in the
 * future, a municipality and a partner of the region. The API and the import check the same.
 */
export function activityProblems(
  request: Pick<CreateActivityRequest, 'kind' | 'heldOn' | 'municipalityCode' | 'partnerId'>,
  lookups: ActivityLookups,
  today: string,
): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (!lookups.kinds.some((k) => k.code === request.kind))
    problems.push(problem('kind', 'unknown_activity_kind', 'Kies een soort activiteit.'));
  if (request.heldOn > today)
    problems.push(problem('heldOn', 'in_the_future', 'Deze datum ligt in de toekomst.'));
  if (request.municipalityCode && !lookups.municipalities.some((m) => m.code === request.municipalityCode))
    problems.push(
      problem('municipalityCode', 'unknown_municipality', 'Deze gemeente hoort niet bij uw regio.'),
    );
  if (request.partnerId && !lookups.partners.some((p) => p.id === request.partnerId))
    problems.push(problem('partnerId', 'unknown_partner', 'Deze partner hoort niet bij uw regio.'));
  return problems;
}

/** Records checked activities for the actor's organisation, in the caller's transaction. */
export async function recordActivities(
  db: Db,
  actor: Actor,
  requests: readonly CreateActivityRequest[],
  at: Date,
): Promise<string[]> {
  const ids: string[] = [];
  for (const request of requests)
    ids.push(
      await repo.insertActivity(db, {
        regionId: actor.regionId,
        kind: request.kind,
        title: request.title,
        heldOn: request.heldOn,
        municipalityCode: request.municipalityCode ?? null,
        partnerId: request.partnerId ?? null,
        participants: request.participants ?? null,
        pupils: request.pupils ?? null,
        dossiers: request.dossiers ?? null,
        reach: request.reach ?? null,
        caseId: request.caseId ?? null,
        programmeId: request.programmeId ?? null,
        note: request.note ?? null,
        organisationId: actor.organisationId,
        recordedAt: at,
        recordedBy: userOf(actor),
      }),
    );
  return ids;
}

/** The activities of the region held in a period, for recognising one recorded already. */
export function activitiesHeldWithin(db: Db, regionId: string, from: string, to: string) {
  return repo.activityIdentities(db, regionId, from, to);
}

/**
 * The activity register: Bibob and TOV support, trainings, webinars, Q-colleges, school
 * programmes, campaigns, learning circles and information requests, with their counts. An
 * activity may serve a case: its reference is shown only to a reader who may open the case.
 */
export class ActivitiesService {
  constructor(private readonly deps: ServiceDeps) {}

  async kinds(context: RequestContext): Promise<ActivityKind[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'activity-kind.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'activity.read');
      return activityKindsOf(trx, actor.regionId);
    });
  }

  async addKind(context: RequestContext, request: { code: string; name: string }): Promise<ActivityKind[]> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'activity-kind.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'programme.manage');
      const kinds = await activityKindsOf(trx, actor.regionId);
      const problems: InvalidParam[] = [];
      if (kinds.some((k) => k.code === request.code))
        problems.push(problem('code', 'code_taken', 'Er is al een soort activiteit met deze code.'));
      if (kinds.some((k) => k.name.toLocaleLowerCase('nl') === request.name.toLocaleLowerCase('nl')))
        problems.push(problem('name', 'name_taken', 'Er is al een soort activiteit met deze naam.'));
      if (problems.length) throw invalid(problems);
      await repo.insertActivityKind(trx, {
        regionId: actor.regionId,
        code: request.code,
        name: request.name,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      return activityKindsOf(trx, actor.regionId);
    });
  }

  private async present(trx: Db, actor: Actor, rows: repo.ActivityRow[]): Promise<Activity[]> {
    const kinds = new Map((await activityKindsOf(trx, actor.regionId)).map((k) => [k.code, k.name]));
    const caseIds = [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))];
    const readable = await this.deps.access.allowed(trx, actor, 'case.read', caseIds);
    const references = await caseReferences(trx, [...readable]);
    return rows.map((r) => ({
      id: r.id,
      kind: { code: r.kind, name: kinds.get(r.kind) ?? r.kind },
      title: r.title,
      heldOn: String(r.heldOn).slice(0, 10),
      municipality:
        r.municipalityCode && r.municipalityName
          ? { code: r.municipalityCode, name: r.municipalityName }
          : null,
      district: r.districtId && r.districtName ? { id: r.districtId, name: r.districtName } : null,
      partner: r.partnerId && r.partnerName ? { id: r.partnerId, name: r.partnerName } : null,
      participants: r.participants,
      pupils: r.pupils,
      dossiers: r.dossiers,
      reach: r.reach,
      case:
        r.caseId && readable.has(r.caseId)
          ? { id: r.caseId, reference: references.get(r.caseId) ?? '' }
          : null,
      programme: r.programmeId && r.programmeName ? { id: r.programmeId, name: r.programmeName } : null,
      note: r.note,
      recordedBy: { id: r.organisationId, name: r.organisationName },
      recordedAt: new Date(r.recordedAt).toISOString(),
    }));
  }

  private async filtered(trx: Db, actor: Actor, query: ActivityListQuery) {
    if (query.districtId && !(await districtIn(trx, actor.regionId, query.districtId)))
      throw invalid([
        {
          name: 'districtId',
          in: 'query',
          code: 'unknown_district',
          reason: 'Dit district hoort niet bij uw regio.',
        },
      ]);
    return this.present(trx, actor, await repo.findActivities(trx, actor.regionId, query));
  }

  async list(context: RequestContext, query: ActivityListQuery): Promise<ActivityList> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'activity.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'activity.read');
      const items = await this.filtered(trx, actor, query);
      const sum = (key: 'participants' | 'pupils' | 'dossiers' | 'reach') =>
        items.reduce((n, a) => n + (a[key] ?? 0), 0);
      return {
        items,
        totals: {
          activities: items.length,
          municipalities: new Set(items.flatMap((a) => (a.municipality ? [a.municipality.code] : []))).size,
          participants: sum('participants'),
          pupils: sum('pupils'),
          dossiers: sum('dossiers'),
          reach: sum('reach'),
        },
      };
    });
  }

  /** The register as an Excel workbook, with the same filters as the list. */
  async workbook(context: RequestContext, query: ActivityListQuery): Promise<Buffer> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'activity.export', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'activity.read');
      const items = await this.filtered(trx, actor, query);
      const selection = [
        query.kind ? `soort ${items[0]?.kind.name ?? query.kind}` : null,
        query.from ? `vanaf ${query.from}` : null,
        query.to ? `tot en met ${query.to}` : null,
      ].filter(Boolean);
      return listWorkbook<Activity>({
        sheet: 'Activiteiten',
        title: `Activiteitenregister${selection.length ? ` (${selection.join(', ')})` : ''}`,
        created: now(),
        rows: items,
        columns: [
          { header: 'Datum', width: 12, type: 'date', value: (a) => a.heldOn },
          { header: 'Soort', width: 28, value: (a) => a.kind.name },
          { header: 'Titel', width: 40, value: (a) => a.title },
          { header: 'Gemeente', width: 20, value: (a) => a.municipality?.name ?? null },
          { header: 'District', width: 20, value: (a) => a.district?.name ?? null },
          { header: 'Partner', width: 24, value: (a) => a.partner?.name ?? null },
          { header: 'Deelnemers', width: 12, type: 'number', value: (a) => a.participants },
          { header: 'Leerlingen', width: 12, type: 'number', value: (a) => a.pupils },
          { header: 'Dossiers', width: 10, type: 'number', value: (a) => a.dossiers },
          { header: 'Bereik', width: 10, type: 'number', value: (a) => a.reach },
          { header: 'Casus', width: 14, value: (a) => a.case?.reference ?? null },
          { header: 'Programma', width: 28, value: (a) => a.programme?.name ?? null },
          { header: 'Vastgelegd door', width: 24, value: (a) => a.recordedBy.name },
        ],
      });
    });
  }

  async create(context: RequestContext, request: CreateActivityRequest): Promise<Activity> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'activity.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'activity.manage');
      const problems = activityProblems(
        request,
        await activityLookups(trx, actor.regionId),
        amsterdamDate(now()),
      );
      if (request.programmeId && !(await repo.programmesIn(trx, actor.regionId, [request.programmeId])).size)
        problems.push(problem('programmeId', 'unknown_programme', 'Dit programma bestaat niet in uw regio.'));
      // A case the recorder may not open is "not found": nobody learns that it exists.
      if (request.caseId && !(await access.allowed(trx, actor, 'case.read', [request.caseId])).size)
        problems.push(problem('caseId', 'unknown_case', 'Deze casus is niet gevonden.'));
      if (problems.length) throw invalid(problems);
      const ids = await recordActivities(trx, actor, [request], now());
      const [row] = await this.present(trx, actor, await repo.findActivities(trx, actor.regionId, { ids }));
      if (!row) throw notFound();
      return row;
    });
  }
}
