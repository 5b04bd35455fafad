import type {
  CreateInspectionRequest,
  CreateLocationProjectRequest,
  CreateLocationRequest,
  Inspection,
  InspectionFindingRequest,
  InspectionFollowUpRequest,
  InspectionListQuery,
  InspectionPage,
  InspectionStepRequest,
  InvalidParam,
  LocationDetail,
  LocationListQuery,
  LocationPage,
  LocationProject,
  LocationStepRequest,
  LocationSubjectRequest,
  LocationSummary,
  ProjectFigures,
  ProjectFiguresQuery,
  ProjectMap,
  RegionMap,
  RegisterData,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate, happenedProblems } from '../../shared/dates.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import type { AuditRecorder } from '../audit/index.js';
import { caseNames, casesOpenWithin } from '../cases/index.js';
import { covenantOf, disclosureMinimumOf, participatingAmong } from '../collaborations/index.js';
import { districtIn, municipalitiesIn, organisationsIn } from '../organisations/index.js';
import { signalReferences, signalsReceivedWithin } from '../signals/index.js';
import { addressesOfRecords, subjectsWithData } from '../subjects/index.js';
import { displayNames } from '../users/index.js';
import { addressKey, lookupAddress, pointsOfAddresses } from './address-register.repository.js';
import { gatedCount, gateFigures } from './disclosure.js';
import { aggregatesOnly, inspectionsReachable, locationsReachable } from './locations.access.js';
import {
  figureRow,
  nextStatuses,
  presentInspection,
  presentLocationDetail,
  presentLocationSummary,
  presentProject,
} from './locations.presenter.js';
import * as repo from './locations.repository.js';
import { aggregateLayer, mapLayers, type Point } from './maps.js';

const activity = 'samenspel.locations';

const problem = (name: string, code: string, reason: string): InvalidParam => ({
  name,
  in: 'body',
  code,
  reason,
});

/** Risk-location projects, the register of locations with their status path, and inspections. */
export class LocationsService {
  constructor(
    private readonly deps: ServiceDeps & {
      /**
       * Whether a step answers with the record after it (false only for the demo's history,
       * which reads no answer: a new record then answers with its id alone).
       */
      answers: boolean;
    },
  ) {}

  private today(): string {
    return amsterdamDate(this.deps.now());
  }

  // ---- projects and their figures ----

  async listProjects(context: RequestContext): Promise<LocationProject[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'location-project.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.figures');
      return (await repo.findProjects(trx, actor.regionId)).map(presentProject);
    });
  }

  async createProject(
    context: RequestContext,
    request: CreateLocationProjectRequest,
  ): Promise<LocationProject> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'location-project.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'location-project.manage');
      const problems: InvalidParam[] = [];
      if (request.districtId && !(await districtIn(trx, actor.regionId, request.districtId)))
        problems.push(problem('districtId', 'unknown_district', 'Dit district hoort niet bij uw regio.'));
      if (request.baselineOn && request.baselineOn > this.today())
        problems.push(problem('baselineOn', 'in_the_future', 'Deze datum ligt in de toekomst.'));
      if (await repo.projectNameTaken(trx, actor.regionId, request.name))
        problems.push(problem('name', 'name_taken', 'Er is al een project met deze naam.'));
      if (problems.length) throw invalid(problems);
      const id = await repo.insertProject(trx, {
        regionId: actor.regionId,
        collaborationId: await covenantOf(trx, actor.regionId),
        districtId: request.districtId ?? null,
        name: request.name,
        description: request.description ?? null,
        baselineOn: request.baselineOn ?? null,
        createdAt: now(),
        createdBy: userOf(actor),
      });
      const [row] = await repo.findProjects(trx, actor.regionId, [id]);
      if (!row) throw notFound();
      return presentProject(row);
    });
  }

  /**
   * A project's figures over a period, per municipality and in all (docs/locations.md). Readers
   * who see aggregates only get the municipalities' rows through the disclosure gate.
   */
  async figures(
    context: RequestContext,
    projectId: string,
    query: ProjectFiguresQuery,
  ): Promise<ProjectFigures> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'location-project.figures', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.figures');
      const [project] = await repo.findProjects(trx, actor.regionId, [projectId]);
      if (!project) throw notFound();
      const { locations, inspections } = await repo.projectFigureRows(trx, projectId, query.from, query.to);
      const codes = [
        ...new Set([
          ...locations.map((l) => l.municipalityCode),
          ...inspections.map((i) => i.municipalityCode),
        ]),
      ];
      const names = new Map(
        (await municipalitiesIn(trx, actor.regionId, codes)).map((m) => [m.code, m.name]),
      );
      const rows = codes
        .map((code) => ({
          municipality: { code, name: names.get(code) ?? code },
          ...figureRow(
            locations.find((l) => l.municipalityCode === code),
            inspections.find((i) => i.municipalityCode === code),
          ),
        }))
        .sort((a, b) => a.municipality.name.localeCompare(b.municipality.name, 'nl'));
      const total = rows.reduce(
        (sum, r) => {
          for (const key of Object.keys(sum) as Array<keyof typeof sum>)
            if (key !== 'addressedMunicipalities') sum[key] += r[key];
          if (r.addressed > 0) sum.addressedMunicipalities += 1;
          return sum;
        },
        { ...figureRow(undefined, undefined), addressedMunicipalities: 0 },
      );
      const gated = aggregatesOnly(actor);
      return {
        project: presentProject(project),
        from: query.from,
        to: query.to,
        total,
        municipalities: gated
          ? gateFigures(rows, await disclosureMinimumOf(trx, project.collaborationId))
          : rows.map((r) => ({ ...r, protected: false })),
        protected: gated,
      };
    });
  }

  /**
   * A project's map for a year (the locations flagged by its end): the points of the locations
   * the reader may open, and for every reader the locations per H3 cell and the Gi* hotspots,
   * through the disclosure gate for aggregates-only readers.
   */
  async map(context: RequestContext, projectId: string, year: number): Promise<ProjectMap> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'location-project.map', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.figures');
      const [project] = await repo.findProjects(trx, actor.regionId, [projectId]);
      if (!project) throw notFound();
      const rows = await repo.projectPoints(trx, projectId, `${year}-12-31`);
      const located = rows.flatMap((r) =>
        r.latitude !== null && r.longitude !== null
          ? [{ ...r, latitude: r.latitude, longitude: r.longitude }]
          : [],
      );
      const visible = await access.allowed(
        trx,
        actor,
        'location.read',
        located.map((r) => r.id),
      );
      const gated = aggregatesOnly(actor);
      return {
        project: { id: project.id, name: project.name },
        year,
        points: located
          .filter((r) => visible.has(r.id))
          .map((r) => ({
            id: r.id,
            kind: r.kind,
            status: r.status,
            latitude: r.latitude,
            longitude: r.longitude,
          })),
        ...mapLayers(
          located,
          gated,
          gated ? await disclosureMinimumOf(trx, project.collaborationId) : undefined,
        ),
        protected: gated,
      };
    });
  }

  /**
   * The region's map for a year: its signals (received in the year) and cases (open in the year)
   * at the addresses their subjects name, found in the region's address register, and a case also
   * at the locations tied to it; its risk locations flagged by the year's end. Aggregates only: a
   * record counts once in each H3 cell it has an address in, and aggregates-only readers get the
   * cells and totals through the disclosure gate with the covenant's k.
   */
  async regionMap(context: RequestContext, year: number): Promise<RegionMap> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'region-map.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.figures');
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const [signalIds, caseIds, locations] = await Promise.all([
        signalsReceivedWithin(trx, actor.regionId, from, to),
        casesOpenWithin(trx, actor.regionId, from, to),
        repo.regionPoints(trx, actor.regionId, to),
      ]);
      const addresses = await addressesOfRecords(trx, { signalIds, caseIds });
      const points = await pointsOfAddresses(
        trx,
        actor.regionId,
        addresses.map((a) => a.postcode),
      );
      const signalSet = new Set(signalIds);
      const caseSet = new Set(caseIds);
      const placed = { signals: new Map<string, Point[]>(), cases: new Map<string, Point[]>() };
      const add = (layer: Map<string, Point[]>, id: string, point: Point) => {
        const points = layer.get(id);
        if (points) points.push(point);
        else layer.set(id, [point]);
      };
      for (const a of addresses) {
        const point = points.get(addressKey(a.postcode, a.houseNumber, a.addition));
        if (!point) continue;
        if (a.signalId && signalSet.has(a.signalId)) add(placed.signals, a.signalId, point);
        if (a.caseId && caseSet.has(a.caseId)) add(placed.cases, a.caseId, point);
      }
      for (const l of await repo.caseLocationPoints(trx, caseIds))
        if (l.latitude !== null && l.longitude !== null)
          add(placed.cases, l.caseId, { latitude: l.latitude, longitude: l.longitude });
      const gated = aggregatesOnly(actor);
      const k = await disclosureMinimumOf(trx, await covenantOf(trx, actor.regionId));
      const total = (n: number) => (gated ? gatedCount(n, k) : n);
      const layer = (records: number, byRecord: Map<string, Point[]>) => ({
        cells: aggregateLayer([...byRecord.values()], gated, k),
        records: total(records),
        placed: total(byRecord.size),
      });
      return {
        year,
        layers: {
          signals: layer(signalIds.length, placed.signals),
          cases: layer(caseIds.length, placed.cases),
          locations: layer(
            locations.length,
            new Map(
              locations.flatMap((l) =>
                l.latitude !== null && l.longitude !== null
                  ? [[l.id, [{ latitude: l.latitude, longitude: l.longitude }]]]
                  : [],
              ),
            ),
          ),
        },
        minimum: k,
        protected: gated,
      };
    });
  }

  // ---- locations ----

  async list(context: RequestContext, query: LocationListQuery): Promise<LocationPage> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'location.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.read');
      const { rows, total } = await repo.findLocations(
        trx,
        locationsReachable(actor, 'location.read'),
        query,
        query,
      );
      return { items: rows.map(presentLocationSummary), total, page: query.page, pageSize: query.pageSize };
    });
  }

  private async detail(trx: Db, actor: Actor, id: string, record: AuditRecorder): Promise<LocationDetail> {
    const { rows } = await repo.findLocations(
      trx,
      locationsReachable(actor, 'location.read'),
      { ids: [id] },
      { page: 1, pageSize: 1 },
      { count: false },
    );
    const row = rows[0];
    if (!row) throw notFound();
    const parts = await repo.locationParts(trx, id);
    const [users, subjects, cases] = await Promise.all([
      displayNames(
        trx,
        parts.events.map((e) => e.userId),
      ),
      subjectsWithData(
        trx,
        parts.subjects.map((s) => s.subjectId),
      ),
      caseNames(
        trx,
        parts.cases.map((c) => c.caseId),
      ),
    ]);
    const shown = parts.subjects.flatMap((link) => {
      const s = subjects.find((x) => x.id === link.subjectId);
      return s ? [{ ...s, role: link.role }] : [];
    });
    // The subjects tied to a location are personal data: each one shown is in the processing log.
    for (const s of shown) {
      const data = s.data as RegisterData;
      if (data.kind !== 'organisation' && data.kind !== 'network')
        record.subjectData(data, 'location.subject', { type: 'location', id });
    }
    const canManage = (await this.deps.access.allowed(trx, actor, 'location.manage', [id])).has(id);
    return presentLocationDetail(
      row,
      {
        events: parts.events.map((e) => ({
          ...e,
          recordedBy: e.userId ? (users.get(e.userId) ?? null) : null,
        })),
        subjects: shown.map((s) => ({ id: s.id, kind: s.kind, label: s.label, role: s.role })),
        cases: parts.cases.map((c) => ({ id: c.caseId, name: cases.get(c.caseId) ?? '' })),
        inspections: parts.inspections,
      },
      canManage,
    );
  }

  async get(context: RequestContext, id: string): Promise<LocationDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'location.read', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.read', [id]);
      return this.detail(trx, actor, id, record);
    });
  }

  async create(context: RequestContext, request: CreateLocationRequest): Promise<LocationDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'location.create', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.create');
      const id = await this.flagWithin(trx, actor, request);
      if (!this.deps.answers) return { id } as LocationDetail;
      return this.detail(trx, actor, id, record);
    });
  }

  /**
   * Flags a location in another module's transaction (a scan's object at or above its threshold,
   * in the scan's run): the same checks and steps as `create`, whose caller has checked
   * 'location.create'. Refuses with every problem at once; answers the new location's id.
   */
  async flagWithin(trx: Db, actor: Actor, request: CreateLocationRequest): Promise<string> {
    const { now } = this.deps;
    const on = request.happenedOn ?? this.today();
    const problems: InvalidParam[] = happenedProblems('happenedOn', on, this.today());
    const [municipality] = await municipalitiesIn(trx, actor.regionId, [request.municipalityCode]);
    if (!municipality)
      problems.push(
        problem('municipalityCode', 'unknown_municipality', 'Deze gemeente hoort niet bij uw regio.'),
      );
    const project = request.projectId
      ? (await repo.findProjects(trx, actor.regionId, [request.projectId]))[0]
      : undefined;
    if (request.projectId && !project)
      problems.push(problem('projectId', 'unknown_project', 'Dit project hoort niet bij uw regio.'));
    if (request.inBaseline && !project?.baselineOn)
      problems.push(
        problem(
          'inBaseline',
          'no_baseline',
          'Alleen een locatie van een project met een nulmeting hoort bij de nulmeting.',
        ),
      );
    else if (request.inBaseline && project?.baselineOn && on > project.baselineOn)
      problems.push(
        problem(
          'inBaseline',
          'after_baseline',
          'Een locatie van de nulmeting is gesignaleerd vóór de datum van de nulmeting.',
        ),
      );
    const a = request.address;
    const compact = a.postcode?.replace(' ', '') ?? null;
    if (!request.point && !(compact && a.houseNumber) && !a.street && !request.name)
      problems.push(
        problem(
          'address',
          'no_place',
          'Geef een adres, een naam of een punt op de kaart, zodat de locatie te vinden is.',
        ),
      );
    if (problems.length) throw invalid(problems);
    const known =
      compact && a.houseNumber
        ? await lookupAddress(trx, actor.regionId, {
            postcode: compact,
            houseNumber: a.houseNumber,
            houseLetter: a.houseLetter,
            addition: a.houseNumberAddition,
          })
        : undefined;
    const point = request.point ?? (known ? { latitude: known.latitude, longitude: known.longitude } : null);
    const id = await repo.insertLocation(trx, {
      regionId: actor.regionId,
      collaborationId: await covenantOf(trx, actor.regionId),
      projectId: request.projectId ?? null,
      kind: request.kind,
      name: request.name ?? null,
      postcode: compact,
      houseNumber: a.houseNumber ?? null,
      houseLetter: a.houseLetter ?? null,
      houseNumberAddition: a.houseNumberAddition ?? null,
      street: a.street ?? known?.street ?? null,
      place: a.place ?? known?.place ?? null,
      municipalityCode: request.municipalityCode,
      bagId: known?.bagId ?? null,
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      pointSource: request.point ? 'map' : known ? 'address-register' : null,
      organisationId: actor.organisationId,
      inBaseline: request.inBaseline,
      flaggedOn: on,
      createdAt: now(),
      createdBy: userOf(actor),
    });
    await repo.insertLocationEvent(trx, {
      locationId: id,
      type: 'flagged',
      happenedOn: on,
      recordedAt: now(),
      organisationId: actor.organisationId,
      userId: userOf(actor),
      note: request.note ?? null,
      details: { inBaseline: request.inBaseline },
    });
    return id;
  }

  /**
   * The locations among the ids that the actor may open, as the register lists them: for another
   * module's page, which names a location only to whoever may open it (a scan's objects).
   */
  async summariesWithin(
    trx: Db,
    actor: Actor,
    ids: readonly string[],
  ): Promise<Map<string, LocationSummary>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const { rows } = await repo.findLocations(
      trx,
      locationsReachable(actor, 'location.read'),
      { ids: unique },
      { page: 1, pageSize: unique.length },
      { count: false },
    );
    return new Map(rows.map((r) => [r.id, presentLocationSummary(r)]));
  }

  /** The next step on a location's status path, dated, never overwriting an earlier one. */
  async step(context: RequestContext, id: string, request: LocationStepRequest): Promise<LocationDetail> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: `location.${request.type}`, activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.manage', [id]);
      const row = await repo.findLocationRow(trx, id);
      if (!row) throw notFound();
      if (!nextStatuses[row.status].includes(request.type))
        throw conflict(
          'location.step_refused',
          nextStatuses[row.status].length
            ? `Na "${statusNames[row.status]}" volgt ${nextStatuses[row.status].map((s) => `"${statusNames[s]}"`).join(' of ')}, niet "${statusNames[request.type]}".`
            : 'Deze locatie is afgesloten: er volgt geen stap meer.',
        );
      const on = request.happenedOn ?? this.today();
      const last = await repo.lastLocationEvent(trx, id);
      const problems = happenedProblems('happenedOn', on, this.today(), [
        last ? { on: last.happenedOn, what: `de stap "${statusNames[last.type]}"` } : null,
      ]);
      const inspections = [...new Set(request.inspectionIds)];
      if (inspections.length) {
        const reachable = await access.allowed(trx, actor, 'inspection.read', inspections);
        if (inspections.some((i) => !reachable.has(i)))
          problems.push(
            problem('inspectionIds', 'unknown_inspection', 'Een van de controles is niet gevonden.'),
          );
      }
      if (problems.length) throw invalid(problems);
      await repo.insertLocationEvent(trx, {
        locationId: id,
        type: request.type,
        happenedOn: on,
        recordedAt: now(),
        organisationId: actor.organisationId,
        userId: userOf(actor),
        note: request.note ?? null,
        details: inspections.length ? { inspectionIds: inspections } : {},
      });
      if (!this.deps.answers) return undefined as unknown as LocationDetail;
      return this.detail(trx, actor, id, record);
    });
  }

  /** Ties a register subject to a location (owner, tenant, operator, facilitating owner). */
  async addSubject(
    context: RequestContext,
    id: string,
    request: LocationSubjectRequest,
  ): Promise<LocationDetail> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'location.subject', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.manage', [id]);
      await access.requireAccess(trx, actor, 'subject.read', [request.subjectId]);
      await repo.addLocationSubject(trx, {
        locationId: id,
        subjectId: request.subjectId,
        role: request.role,
        addedAt: now(),
        addedBy: userOf(actor),
      });
      return this.detail(trx, actor, id, record);
    });
  }

  /** Ties a location to a case the user may read: the case's participants then see it. */
  async addCase(context: RequestContext, id: string, caseId: string): Promise<LocationDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'location.case', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'location.manage', [id]);
      await access.requireAccess(trx, actor, 'case.read', [caseId]);
      await repo.addLocationCase(trx, id, caseId);
      return this.detail(trx, actor, id, record);
    });
  }

  // ---- inspections ----

  private async inspection(trx: Db, actor: Actor, id: string): Promise<Inspection> {
    const { rows } = await repo.findInspections(
      trx,
      inspectionsReachable(actor, 'inspection.read'),
      { ids: [id] },
      { page: 1, pageSize: 1 },
      { count: false },
    );
    const row = rows[0];
    if (!row) throw notFound();
    const parts = await repo.inspectionParts(trx, id);
    // Only the locations the reader may see are named.
    const visible = await this.deps.access.allowed(
      trx,
      actor,
      'location.read',
      parts.locations.map((l) => l.id),
    );
    const canManage = (await this.deps.access.allowed(trx, actor, 'inspection.manage', [id])).has(id);
    // What followed is named only where the reader may open it (the cases' and signals' own rules):
    // to anyone else a signal or case followed, without which.
    const ids = (key: 'caseId' | 'signalId') => parts.followUps.flatMap((f) => (f[key] ? [f[key]] : []));
    const [openCases, openSignals] = await Promise.all([
      this.deps.access.allowed(trx, actor, 'case.read', ids('caseId')),
      this.deps.access.allowed(trx, actor, 'signal.read', ids('signalId')),
    ]);
    const [caseLabels, signalLabels] = await Promise.all([
      caseNames(trx, [...openCases]),
      signalReferences(trx, [...openSignals]),
    ]);
    const followUps = parts.followUps.map((f) => ({
      ...f,
      caseId: f.caseId && openCases.has(f.caseId) ? f.caseId : null,
      signalId: f.signalId && openSignals.has(f.signalId) ? f.signalId : null,
      label: (f.caseId && caseLabels.get(f.caseId)) || (f.signalId && signalLabels.get(f.signalId)) || null,
    }));
    return presentInspection(
      row,
      { ...parts, followUps, locations: parts.locations.filter((l) => visible.has(l.id)) },
      canManage,
    );
  }

  async listInspections(context: RequestContext, query: InspectionListQuery): Promise<InspectionPage> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'inspection.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'inspection.read');
      const reachable = inspectionsReachable(actor, 'inspection.read');
      const { rows, total } = await repo.findInspections(trx, reachable, query, query);
      const manageable = await access.allowed(
        trx,
        actor,
        'inspection.manage',
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => {
          const {
            locations: _l,
            findings: _f,
            followUps: _u,
            ...summary
          } = presentInspection(r, { locations: [], findings: [], followUps: [] }, manageable.has(r.id));
          return summary;
        }),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    });
  }

  async getInspection(context: RequestContext, id: string): Promise<Inspection> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'inspection.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'inspection.read', [id]);
      return this.inspection(trx, actor, id);
    });
  }

  async createInspection(context: RequestContext, request: CreateInspectionRequest): Promise<Inspection> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'inspection.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'inspection.create');
      const id = await this.createInspectionWithin(trx, actor, request);
      if (!this.deps.answers) return { id } as Inspection;
      return this.inspection(trx, actor, id);
    });
  }

  /** An inspection planned by someone who may create inspections, in the caller's transaction: its id. */
  private async createInspectionWithin(
    trx: Db,
    actor: Actor,
    request: CreateInspectionRequest,
  ): Promise<string> {
    const { access, now } = this.deps;
    if (request.locationIds.length)
      await access.requireAccess(trx, actor, 'location.read', request.locationIds);
    if (request.caseId) await access.requireAccess(trx, actor, 'case.read', [request.caseId]);
    const problems: InvalidParam[] = [];
    if (!(await municipalitiesIn(trx, actor.regionId, [request.municipalityCode])).length)
      problems.push(
        problem('municipalityCode', 'unknown_municipality', 'Deze gemeente hoort niet bij uw regio.'),
      );
    if (request.projectId && !(await repo.findProjects(trx, actor.regionId, [request.projectId])).length)
      problems.push(problem('projectId', 'unknown_project', 'Dit project hoort niet bij uw regio.'));
    const partners = [...new Set([actor.organisationId, ...request.organisationIds])];
    const collaborationId = await covenantOf(trx, actor.regionId);
    const known = await organisationsIn(trx, actor.regionId, partners);
    const members = await participatingAmong(trx, collaborationId, partners);
    if (known.length !== partners.length || members.size !== partners.length)
      problems.push(
        problem(
          'organisationIds',
          'not_a_member',
          'Een van de partners hoort niet bij uw regio of neemt niet deel aan het samenwerkingsverband.',
        ),
      );
    if (request.integral && partners.length < 2)
      problems.push(
        problem('integral', 'one_partner', 'Een integrale controle houden minstens twee partners samen.'),
      );
    if (problems.length) throw invalid(problems);
    return repo.insertInspection(trx, {
      regionId: actor.regionId,
      collaborationId,
      projectId: request.projectId ?? null,
      caseId: request.caseId ?? null,
      municipalityCode: request.municipalityCode,
      integral: request.integral,
      plannedOn: request.plannedOn,
      organisationId: actor.organisationId,
      note: request.note ?? null,
      createdAt: now(),
      createdBy: userOf(actor),
      organisationIds: partners,
      locationIds: request.locationIds,
    });
  }

  /**
   * An inspection from a register, in an import's transaction: planned as `createInspection`
   * plans one, then held or cancelled on its day, with the partners' findings (each a partner of
   * the inspection; someone who sees aggregates only records their own organisation's). The
   * caller has checked 'inspection.create'; refuses with every problem at once; answers its id.
   */
  async recordInspectionWithin(
    trx: Db,
    actor: Actor,
    request: CreateInspectionRequest,
    outcome: {
      heldOn: string | null;
      cancelledOn: string | null;
      findings: readonly InspectionFindingRequest[];
    },
  ): Promise<string> {
    const today = this.today();
    const problems: InvalidParam[] = [
      ...(outcome.heldOn ? happenedProblems('heldOn', outcome.heldOn, today) : []),
      ...(outcome.cancelledOn ? happenedProblems('cancelledOn', outcome.cancelledOn, today) : []),
    ];
    if (outcome.heldOn && outcome.cancelledOn)
      problems.push(
        problem('cancelledOn', 'held_and_cancelled', 'Een controle is gehouden of afgelast, niet allebei.'),
      );
    if (outcome.findings.length && !outcome.heldOn)
      problems.push(
        problem('findings', 'not_held', 'Een controle met bevindingen is gehouden: vul in wanneer.'),
      );
    const partners = new Set([actor.organisationId, ...request.organisationIds]);
    for (const f of outcome.findings)
      if (!partners.has(f.organisationId))
        problems.push(problem('findings', 'not_a_partner', 'Deze partner nam niet deel aan de controle.'));
      else if (aggregatesOnly(actor) && f.organisationId !== actor.organisationId)
        problems.push(
          problem('findings', 'other_partner', 'U legt alleen de bevindingen van uw eigen organisatie vast.'),
        );
    if (problems.length) throw invalid(problems);
    const id = await this.createInspectionWithin(trx, actor, request);
    if (outcome.heldOn) await repo.setInspectionDate(trx, id, { heldOn: outcome.heldOn });
    if (outcome.cancelledOn) await repo.setInspectionDate(trx, id, { cancelledOn: outcome.cancelledOn });
    const at = this.deps.now();
    for (const f of outcome.findings)
      await repo.insertFinding(trx, {
        inspectionId: id,
        organisationId: f.organisationId,
        kind: f.kind,
        description: f.description,
        count: f.count ?? null,
        recordedAt: at,
        recordedBy: userOf(actor),
      });
    return id;
  }

  /** Held or cancelled, on the day it happened. */
  async inspectionStep(
    context: RequestContext,
    id: string,
    request: InspectionStepRequest,
  ): Promise<Inspection> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: `inspection.${request.type}`, activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'inspection.manage', [id]);
      const current = await repo.inspectionDates(trx, id);
      if (current?.heldOn || current?.cancelledOn)
        throw conflict(
          'inspection.step_refused',
          current.heldOn ? 'Deze controle is al gehouden.' : 'Deze controle is afgelast.',
        );
      const on = request.happenedOn ?? this.today();
      const problems = happenedProblems('happenedOn', on, this.today());
      if (problems.length) throw invalid(problems);
      await repo.setInspectionDate(trx, id, request.type === 'held' ? { heldOn: on } : { cancelledOn: on });
      if (!this.deps.answers) return undefined as unknown as Inspection;
      return this.inspection(trx, actor, id);
    });
  }

  /** A partner's finding; a partner records its own, the RIEC's analysts any partner's. */
  async addFinding(
    context: RequestContext,
    id: string,
    request: InspectionFindingRequest,
  ): Promise<Inspection> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'inspection.finding', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'inspection.manage', [id]);
      const current = await this.inspection(trx, actor, id);
      const problems: InvalidParam[] = [];
      if (!current.heldOn)
        problems.push(problem('inspection', 'not_held', 'Leg eerst vast dat de controle is gehouden.'));
      const partners = await repo.inspectionPartners(trx, id);
      if (!partners.has(request.organisationId))
        problems.push(
          problem('organisationId', 'not_a_partner', 'Deze partner nam niet deel aan de controle.'),
        );
      else if (aggregatesOnly(actor) && request.organisationId !== actor.organisationId)
        problems.push(
          problem(
            'organisationId',
            'other_partner',
            'U legt alleen de bevindingen van uw eigen organisatie vast.',
          ),
        );
      if (problems.length) throw invalid(problems);
      await repo.insertFinding(trx, {
        inspectionId: id,
        organisationId: request.organisationId,
        kind: request.kind,
        description: request.description,
        count: request.count ?? null,
        recordedAt: now(),
        recordedBy: userOf(actor),
      });
      return this.inspection(trx, actor, id);
    });
  }

  /** What followed: an intervention, a new signal, a case, or something else. */
  async addFollowUp(
    context: RequestContext,
    id: string,
    request: InspectionFollowUpRequest,
  ): Promise<Inspection> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'inspection.follow-up', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'inspection.manage', [id]);
      if (request.signalId) await access.requireAccess(trx, actor, 'signal.read', [request.signalId]);
      if (request.caseId) await access.requireAccess(trx, actor, 'case.read', [request.caseId]);
      const problems: InvalidParam[] = [];
      if (request.kind === 'signal' && !request.signalId)
        problems.push(problem('signalId', 'missing', 'Kies het signaal dat uit de controle volgde.'));
      if (request.kind === 'case' && !request.caseId)
        problems.push(problem('caseId', 'missing', 'Kies de casus die uit de controle volgde.'));
      if ((request.kind === 'other' || request.kind === 'intervention') && !request.note)
        problems.push(problem('note', 'missing', 'Beschrijf wat er uit de controle volgde.'));
      if (problems.length) throw invalid(problems);
      await repo.insertFollowUp(trx, {
        inspectionId: id,
        kind: request.kind,
        signalId: request.signalId ?? null,
        caseId: request.caseId ?? null,
        note: request.note ?? null,
        recordedAt: now(),
        recordedBy: userOf(actor),
      });
      return this.inspection(trx, actor, id);
    });
  }
}

/** The locations someone may read, with what identifies them in a register (an import names them so). */
export function readableLocations(db: Db, actor: Actor) {
  return repo.reachableLocationIdentities(db, locationsReachable(actor, 'location.read'));
}

/** The statuses as the refusals name them. */
const statusNames = {
  flagged: 'gesignaleerd',
  'looked-into': 'onderzocht',
  confirmed: 'vermoeden bevestigd',
  dispelled: 'vermoeden weggenomen',
  addressed: 'aangepakt',
  closed: 'afgesloten',
} as const;
