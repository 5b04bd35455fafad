import type {
  CaseConfiguration,
  CaseDetail,
  CaseExportQuery,
  CaseListQuery,
  CasePage,
  CasePhase,
  CasePhaseRequest,
  CaseSummary,
  CaseWork,
  CreateCaseRequest,
  EvaluationRequest,
  GoalRequest,
  InvalidParam,
  ParticipantRequest,
  PriorityRequest,
} from '@samenspel/contracts';
import { casePhases, MAX_EXPORT_ROWS } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate, type EarlierStep, happenedProblems } from '../../shared/dates.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import type { Notifier } from '../../shared/notifier.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { tooManyToExport } from '../../shared/workbook.js';
import type { AuditRecorder } from '../audit/index.js';
import { covenantOf, legalBasesOf, participatingAmong } from '../collaborations/index.js';
import { municipalitiesIn, organisationsIn } from '../organisations/index.js';
import {
  acceptedSignalsIn,
  signalOrigins,
  signalReferences,
  signalSubjectsByIds,
  signalSubjectsOf,
  signalsDecidedOn,
  signalsReceivedOn,
  startableSignals,
} from '../signals/index.js';
import { type SubjectsService, signalsBecameCase } from '../subjects/index.js';
import { caseDirectors, displayNames, isCaseDirector } from '../users/index.js';
import { addCaseSubjects } from './case-subjects.js';
import { casesReachable } from './cases.access.js';
import { type CaseMilestones, casesWorkbook, presentDetail, presentSummary } from './cases.presenter.js';
import * as repo from './cases.repository.js';
import { type CaseProgress, nextActionOf } from './next-action.js';

const activity = 'samenspel.cases';
const order: readonly CasePhase[] = casePhases;

/** What a case shows of its intervention matrix, advices, interventions and results (the interventions module's). */
export interface CaseInterventionsReader {
  ofCase(
    trx: Db,
    caseId: string,
  ): Promise<Pick<CaseDetail, 'matrix' | 'advices' | 'interventions' | 'results'>>;
  firstCarriedOut(trx: Db, caseIds: readonly string[]): Promise<Map<string, string>>;
  /** Per case: its matrix entries, advices and interventions, and its first advice still open. */
  progressOf(
    trx: Db,
    caseIds: readonly string[],
  ): Promise<Map<string, Pick<CaseProgress, 'matrixEntries' | 'advices' | 'interventions' | 'openAdvice'>>>;
  catalogue(trx: Db, regionId: string): Promise<CaseConfiguration['interventions']>;
}

/** One step on a case, inside its transaction, after the access check. */
export interface CaseStep {
  trx: Db;
  actor: Actor;
  row: repo.CaseRow;
  record: AuditRecorder;
  /** When the step is recorded. */
  at: Date;
  /** Today in the Netherlands: the date a step happened when none is given. */
  today: string;
  /** Records the step in the case's timeline, as happened on `happenedOn` (today by default). */
  event(type: string, details?: object, happenedOn?: string): Promise<void>;
  /**
   * The problems with the date a step on the case happened (field `field`): not in the future,
   * not before the case's start nor before any of `earlier`.
   */
  dateProblems(field: string, on: string, earlier?: ReadonlyArray<EarlierStep | null>): InvalidParam[];
  /** Refuses (400, on `field`) unless the organisation takes part in the case now. */
  participating(organisationId: string, field: string): Promise<void>;
  /** The problem (on `field`) when the organisation does not take part in the case now; none when it does. */
  participationProblems(organisationId: string, field: string): Promise<InvalidParam[]>;
  /** Whether the actor manages this case (`case.manage`): records steps for any participating partner. */
  manages(): Promise<boolean>;
}

function refused(detail: string): AppError {
  return new AppError({ code: 'case.refused', status: 409, title: 'Niet mogelijk', detail });
}

const phaseNames: Record<CasePhase, string> = {
  start: 'start',
  information: 'informatie',
  analysis: 'analyse',
  intervention: 'interventie',
  evaluation: 'evaluatie',
  closed: 'gesloten',
};

/** How a date message names the steps of a case's lifecycle that a next one may not precede. */
function lifecycleStep(e: { type: string; happenedOn: string; details: Record<string, unknown> }) {
  const what =
    e.type === 'phase'
      ? `het begin van de fase ${phaseNames[e.details.to as CasePhase] ?? String(e.details.to)}`
      : { started: 'de start van de casus', closed: 'de sluiting', reopened: 'de heropening' }[e.type];
  return what ? { on: e.happenedOn, what } : null;
}

function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

function outsideRegion(name: string): InvalidParam {
  return {
    name,
    in: 'body',
    code: 'unknown_organisation',
    reason: 'Een van de organisaties hoort niet bij uw regio.',
  };
}

/** The integrated case from its start to closure; every step a dated event. */
export class CasesService {
  constructor(
    private readonly deps: ServiceDeps & {
      subjects: SubjectsService;
      interventions: CaseInterventionsReader;
      notifier: Notifier;
      /** False only for the demo's history: its steps answer nothing (see ServicesOptions). */
      answers: boolean;
    },
  ) {}

  /** Legal bases, the intervention catalogue and the region's case directors (employees' names: logged). */
  async configuration(context: RequestContext): Promise<CaseConfiguration> {
    const { audit, access, interventions } = this.deps;
    return audit.run(context, { action: 'case.configuration', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.read');
      const [legalBases, catalogue, directors] = await Promise.all([
        covenantOf(trx, actor.regionId).then((covenant) => legalBasesOf(trx, covenant)),
        interventions.catalogue(trx, actor.regionId),
        caseDirectors(trx, actor.regionId),
      ]);
      for (const d of directors) record.subject({ type: 'employee', email: d.email });
      return {
        legalBases,
        interventions: catalogue,
        directors: directors.map((d) => ({ id: d.id, name: d.name })),
      };
    });
  }

  private async checkOrganisations(trx: Db, regionId: string, ids: readonly string[], name: string) {
    const found = await organisationsIn(trx, regionId, ids);
    return found.length === new Set(ids).size ? [] : [outsideRegion(name)];
  }

  /**
   * When each case's first signal came in and its first intervention was carried out (its lead
   * times), and what it needs next (from how far its record has come).
   */
  private async milestones(
    trx: Db,
    rows: ReadonlyArray<Pick<repo.CaseRow, 'id' | 'phase' | 'goal' | 'strategy'>>,
  ): Promise<Map<string, CaseMilestones>> {
    const caseIds = rows.map((r) => r.id);
    const signals = await repo.signalsOfCases(trx, caseIds);
    const [received, first, own, intervening] = await Promise.all([
      signalsReceivedOn(trx, [...signals.values()].flat()),
      this.deps.interventions.firstCarriedOut(trx, caseIds),
      repo.progressOf(trx, caseIds),
      this.deps.interventions.progressOf(trx, caseIds),
    ]);
    const today = amsterdamDate(this.deps.now());
    return new Map(
      rows.map((row) => {
        const dates = (signals.get(row.id) ?? []).flatMap((s) => {
          const on = received.get(s);
          return on ? [on] : [];
        });
        return [
          row.id,
          {
            firstSignalOn: dates.length ? (dates.sort()[0] ?? null) : null,
            firstInterventionOn: first.get(row.id) ?? null,
            today,
            nextAction: nextActionOf({
              phase: row.phase,
              hasGoal: Boolean(row.goal && row.strategy),
              provisions: own.get(row.id)?.provisions ?? 0,
              evaluated: own.get(row.id)?.evaluated ?? false,
              matrixEntries: 0,
              advices: 0,
              interventions: 0,
              openAdvice: null,
              ...intervening.get(row.id),
            }),
          },
        ];
      }),
    );
  }

  async create(
    context: RequestContext,
    request: Omit<CreateCaseRequest, 'signalSubjects'> & Partial<Pick<CreateCaseRequest, 'signalSubjects'>>,
  ): Promise<CaseDetail> {
    const takenOver = request.signalSubjects ?? [];
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'case.create', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.create');
      const problems: InvalidParam[] = [];
      const inCases = await repo.signalsInCases(trx, request.signalIds);
      // Only signals the caller may start a case from count: another collaboration's look as if
      // they did not exist.
      const workable = await access.allowed(trx, actor, 'signal.start-case', request.signalIds);
      const signals = (await acceptedSignalsIn(trx, actor.regionId, request.signalIds)).filter(
        (s) => !inCases.has(s.id) && workable.has(s.id),
      );
      // A case from an analysis product may also come from partners' signals: it then counts
      // under 2b and under each of those partners (docs/accountability.md).
      if (
        request.origin !== 'direct' &&
        ((request.origin === 'signal' && request.signalIds.length === 0) ||
          signals.length !== new Set(request.signalIds).size)
      )
        problems.push({
          name: 'signalIds',
          in: 'body',
          code: 'not_accepted',
          reason: 'Een casus start uit een of meer geaccepteerde signalen die nog geen casus hebben.',
        });
      if (request.origin === 'direct' && request.signalIds.length)
        problems.push({
          name: 'signalIds',
          in: 'body',
          code: 'origin',
          reason: 'Een directe casus komt niet uit signalen; kies herkomst "signaal".',
        });
      problems.push(
        ...(await this.checkOrganisations(trx, actor.regionId, request.participantIds, 'participantIds')),
      );
      const origins = await organisationsIn(trx, actor.regionId, request.originOrganisationIds);
      if (origins.length !== new Set(request.originOrganisationIds).size)
        problems.push(outsideRegion('originOrganisationIds'));
      // A direct case counts under the partners it came from (2c–2g); without one it would count
      // under no row of the table. The RIEC itself is no submitting partner.
      else if (request.origin === 'direct' && !origins.some((o) => o.kind !== 'riec'))
        problems.push({
          name: 'originOrganisationIds',
          in: 'body',
          code: 'no_partner',
          reason: 'Kies de partner of partners van wie de casus komt.',
        });
      if (!(await isCaseDirector(trx, actor.regionId, request.directorId)))
        problems.push({
          name: 'directorId',
          in: 'body',
          code: 'not_a_director',
          reason: 'Kies een casusregisseur van uw regio.',
        });
      const places = await municipalitiesIn(
        trx,
        actor.regionId,
        request.municipalityCodes,
        request.districtId,
      );
      if (places.length !== new Set(request.municipalityCodes).size)
        problems.push({
          name: 'municipalityCodes',
          in: 'body',
          code: 'outside_district',
          reason:
            request.districtId === null
              ? 'Kies gemeenten uit uw regio.'
              : 'Kies gemeenten uit het district van de casus.',
        });
      // A case stays in one collaboration: its signals', or the region's covenant.
      const collaborations = new Set(signals.map((s) => s.collaborationId));
      if (collaborations.size > 1)
        problems.push({
          name: 'signalIds',
          in: 'body',
          code: 'collaborations',
          reason: 'Signalen uit verschillende samenwerkingsverbanden worden niet samen één casus.',
        });
      const collaborationId = [...collaborations][0] ?? (await covenantOf(trx, actor.regionId));
      const members = await participatingAmong(trx, collaborationId, [
        ...request.participantIds,
        ...request.originOrganisationIds,
      ]);
      for (const name of ['participantIds', 'originOrganisationIds'] as const)
        if (request[name].some((o) => !members.has(o)) && !problems.some((p) => p.name === name))
          problems.push({
            name,
            in: 'body',
            code: 'not_a_member',
            reason: 'Een van de organisaties neemt niet deel aan het samenwerkingsverband.',
          });
      // Subjects taken over at the start are those of the case's own signals.
      const offered = await signalSubjectsByIds(
        trx,
        takenOver.map((x) => x.signalSubjectId),
      );
      takenOver.forEach((x, i) => {
        const found = offered.find((o) => o.id === x.signalSubjectId);
        if (!found || !request.signalIds.includes(found.signalId))
          problems.push({
            name: `signalSubjects.${i}.signalSubjectId`,
            in: 'body',
            code: 'unknown_subject',
            reason: 'Deze betrokkene hoort niet bij de gekozen signalen.',
          });
      });
      const at = now();
      // A case starts on or after the decision that accepted its signals.
      const decidedOn = await signalsDecidedOn(trx, request.signalIds);
      problems.push(
        ...happenedProblems('startedOn', request.startedOn, amsterdamDate(at), [
          decidedOn ? { on: decidedOn, what: 'het besluit over het signaal' } : null,
        ]),
      );
      if (problems.length) throw invalid(problems);
      const reference = await repo.nextReference(trx, at.getUTCFullYear());
      const id = await repo.insertCase(trx, {
        regionId: actor.regionId,
        collaborationId,
        reference,
        codeName: request.codeName,
        origin: request.origin,
        districtId: request.districtId,
        type: request.type,
        directorId: request.directorId,
        startedOn: request.startedOn,
        createdBy: userOf(actor),
        createdAt: at,
      });
      await repo.linkMany(trx, id, {
        signals: request.signalIds,
        origins: [...(await signalOrigins(trx, request.signalIds)), ...request.originOrganisationIds],
        municipalities: request.municipalityCodes,
        themes: request.themeIds,
      });
      await signalsBecameCase(trx, request.signalIds, id);
      for (const organisationId of new Set(request.participantIds))
        await repo.addParticipant(trx, id, organisationId, 'Deelnemer bij de start', at);
      const subjects = takenOver.flatMap((x) => {
        const found = offered.find((o) => o.id === x.signalSubjectId);
        return found ? [{ data: found.data, role: x.role, signalSubjectId: found.id }] : [];
      });
      await addCaseSubjects(
        trx,
        { caseId: id, regionId: actor.regionId, collaborationId, organisationId: actor.organisationId, at },
        subjects,
      );
      for (const subject of subjects) record.subjectData(subject.data, 'case.subject.write');
      await repo.insertEvent(trx, {
        caseId: id,
        type: 'started',
        at,
        happenedOn: request.startedOn,
        userId: userOf(actor),
        organisationId: actor.organisationId,
        details: { origin: request.origin },
      });
      await this.deps.notifier.notify(trx, actor, record, {
        kind: 'case-added',
        caseId: id,
        reference,
        codeName: request.codeName,
        organisationIds: [...new Set(request.participantIds)],
        directorId: request.directorId,
      });
      return this.detail(trx, actor, id, record, false);
    });
  }

  /** One page of the cases the caller may see, filtered and sorted (newest start first). */
  async list(context: RequestContext, query: Partial<CaseListQuery>): Promise<CasePage> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'case.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.read');
      const { sort = '-startedOn', page = 1, pageSize = 50, ...filter } = query;
      const { rows, total } = await repo.listCases(
        trx,
        casesReachable(actor, 'case.read'),
        { ...filter, organisationId: actor.organisationId, quarter: quarterOf(now()) },
        { sort, offset: (page - 1) * pageSize, limit: pageSize },
      );
      return { items: await this.summaries(trx, rows), total, page, pageSize };
    });
  }

  /**
   * The cases part of "Mijn werk": the open cases the caller directs, the open cases whose next
   * action lies with the caller's organisation, and the accepted signals without a case for
   * whoever may start one. Each through its permission's predicate; no personal data is read.
   */
  async work(context: RequestContext): Promise<CaseWork> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'case.work', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.read');
      const quarter = quarterOf(now());
      const open = await repo.openCases(trx, casesReachable(actor, 'case.read'), { quarter });
      const milestones = await this.milestones(trx, open);
      const summaries = open.flatMap((r) => {
        const m = milestones.get(r.id);
        return m ? [{ row: r, summary: presentSummary(r, m) }] : [];
      });
      const me = actor.kind === 'user' ? actor.userId : null;
      const directed = access.holds(actor, 'case.manage')
        ? summaries.filter((c) => c.row.directorId === me).map((c) => c.summary)
        : null;
      const forOrganisation = summaries
        .filter(
          (c) => c.row.directorId !== me && c.summary.nextAction?.organisation?.id === actor.organisationId,
        )
        .map((c) => c.summary);
      let startable: CaseWork['startable'] = null;
      if (access.holds(actor, 'signal.start-case')) {
        const accepted = (await startableSignals(trx, actor)).filter((s) => s.decision === 'accepted');
        const inCases = await repo.signalsInCases(
          trx,
          accepted.map((s) => s.id),
        );
        startable = accepted.filter((s) => !inCases.has(s.id));
      }
      return { directed, forOrganisation, startable };
    });
  }

  /**
   * Exactly the cases the filter selects, as a workbook: logged as a read of each of them (their
   * subjects, in each case), since the rows leave Samenspel.
   */
  async exportList(context: RequestContext, query: Partial<CaseExportQuery>): Promise<Buffer> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'case.export', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.read');
      const { sort = '-startedOn', ...filter } = query;
      const { rows, total } = await repo.listCases(
        trx,
        casesReachable(actor, 'case.read'),
        { ...filter, organisationId: actor.organisationId, quarter: quarterOf(now()) },
        { sort, offset: 0, limit: MAX_EXPORT_ROWS },
      );
      if (total > MAX_EXPORT_ROWS) throw tooManyToExport(total, 'casussen');
      for (const s of await repo.subjectsOfCases(
        trx,
        rows.map((r) => r.id),
      ))
        record.subjectData(s.data, 'case.subject.read', { type: 'case', id: s.caseId });
      return casesWorkbook(await this.summaries(trx, rows), filter, now());
    });
  }

  /** Cases as the list shows them, with their lead times. */
  private async summaries(trx: Db, rows: repo.CaseRow[]): Promise<CaseSummary[]> {
    const milestones = await this.milestones(trx, rows);
    return rows.flatMap((r) => {
      const m = milestones.get(r.id);
      return m ? [presentSummary(r, m)] : [];
    });
  }

  async get(context: RequestContext, id: string): Promise<CaseDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'case.read', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'case.read', [id]);
      return this.detail(trx, actor, id, record, true);
    });
  }

  private async detail(trx: Db, actor: Actor, id: string, record: AuditRecorder, reading: boolean) {
    const { access, now, subjects, interventions } = this.deps;
    const row = await repo.findCase(trx, id, quarterOf(now()));
    if (!row) throw notFound();
    const parts = await repo.detailParts(trx, id);
    if (reading) for (const s of parts.subjects) record.subjectData(s.data, 'case.subject.read');
    const can = (p: Parameters<typeof access.holds>[1]) => access.holds(actor, p);
    const [milestones, names, references, elsewhere, intervening, signalSubjects] = await Promise.all([
      this.milestones(trx, [row]),
      displayNames(trx, [row.directorId, ...parts.events.map((e) => e.userId)]),
      signalReferences(trx, parts.signalIds),
      subjects.knownElsewhere(
        trx,
        actor,
        id,
        parts.subjects.map((s) => s.id),
      ),
      interventions.ofCase(trx, id),
      can('case.manage') ? signalSubjectsOf(trx, parts.signalIds) : Promise.resolve([]),
    ]);
    const m = milestones.get(id);
    if (!m) throw notFound();
    return presentDetail(row, m, parts, {
      ...intervening,
      director: row.directorId ? { id: row.directorId, name: names.get(row.directorId) ?? '' } : null,
      names,
      elsewhere,
      signals: parts.signalIds.map((s) => ({ id: s, reference: references.get(s) ?? '' })),
      signalSubjects: signalSubjects.map((s) => ({ id: s.id, label: s.label })),
      abilities: [
        ...(can('case.manage') ? ['manage'] : []),
        ...(can('case.contribute') ? ['contribute'] : []),
        ...(can('case.prioritise') ? ['prioritise'] : []),
      ],
    });
  }

  /**
   * Runs a step on a case after the access check, in one transaction with its log. A closed case
   * takes no steps but its reopening, and those that say they append to a closed case
   * (`onClosedCase`: a collection recorded years later); such a step leaves the closure as it is.
   * Other modules' steps on a case (interventions, imports) run through here too.
   */
  step<T>(
    context: RequestContext,
    id: string,
    spec: { action: string; activity?: string; onClosedCase?: boolean },
    permission: 'case.manage' | 'case.contribute' | 'case.prioritise',
    work: (step: CaseStep) => Promise<T>,
  ): Promise<T> {
    const { audit, access, now } = this.deps;
    return audit.run(
      context,
      { action: spec.action, activity: spec.activity ?? activity },
      async (trx, record) => {
        const actor = await access.requireAccess(trx, context.actor, permission, [id]);
        const row = await repo.findCase(trx, id, quarterOf(now()));
        if (!row) throw notFound();
        if (row.phase === 'closed' && spec.action !== 'case.reopen' && !spec.onClosedCase)
          throw refused('Deze casus is gesloten. Heropen hem eerst.');
        const at = now();
        const today = amsterdamDate(at);
        const participationProblems = async (organisationId: string, field: string) => {
          const current = await repo.currentParticipants(trx, id);
          return current.some((p) => p.organisationId === organisationId)
            ? []
            : [
                {
                  name: field,
                  in: 'body' as const,
                  code: 'not_participating',
                  reason: 'Deze organisatie neemt niet deel aan de casus.',
                },
              ];
        };
        return work({
          trx,
          actor,
          row,
          record,
          at,
          today,
          event: (type, details = {}, happenedOn = today) =>
            repo.insertEvent(trx, {
              caseId: id,
              type,
              at,
              happenedOn,
              userId: userOf(actor),
              organisationId: actor.organisationId,
              details,
            }),
          dateProblems: (field, on, earlier = []) =>
            happenedProblems(field, on, today, [
              { on: row.startedOn, what: 'de start van de casus' },
              ...earlier,
            ]),
          participating: async (organisationId, field) => {
            const problems = await participationProblems(organisationId, field);
            if (problems.length) throw invalid(problems);
          },
          participationProblems,
          manages: async () => (await access.allowed(trx, actor, 'case.manage', [id])).has(id),
        });
      },
    );
  }

  /**
   * A step on a case that answers with the case as it is after the step (the demo's services,
   * made with `stepAnswers: false`, answer nothing: its history never reads the answers).
   */
  change(
    context: RequestContext,
    id: string,
    action: string,
    permission: 'case.manage' | 'case.contribute' | 'case.prioritise',
    work: (step: CaseStep) => Promise<void>,
    options: { onClosedCase?: boolean } = {},
  ): Promise<CaseDetail> {
    return this.step(context, id, { action, ...options }, permission, async (step) => {
      await work(step);
      if (!this.deps.answers) return undefined as unknown as CaseDetail;
      return this.detail(step.trx, step.actor, id, step.record, false);
    });
  }

  setGoal(context: RequestContext, id: string, request: GoalRequest) {
    return this.change(context, id, 'case.goal', 'case.manage', async (step) => {
      if (step.row.phase !== 'start') throw refused('Doel en strategie worden in de startfase vastgelegd.');
      await repo.updateCase(step.trx, id, request);
      await step.event('goal');
    });
  }

  phase(context: RequestContext, id: string, request: CasePhaseRequest) {
    const action = request.type === 'advance' ? 'case.phase' : `case.${request.type}`;
    return this.change(context, id, action, 'case.manage', async (step) => {
      const { trx, row } = step;
      const current = row.phase;
      // The date it happened, in the Netherlands: a case closed at 00:30 on 1 January is closed on 1 January.
      const on = request.happenedOn ?? step.today;
      const events = await repo.datedEvents(trx, id);
      const lifecycle = events.map(lifecycleStep);
      const check = (earlier: ReadonlyArray<EarlierStep | null>) => {
        const problems = step.dateProblems('happenedOn', on, earlier);
        if (problems.length) throw invalid(problems);
      };
      if (request.type === 'advance') {
        if (order.indexOf(request.to) !== order.indexOf(current) + 1)
          throw refused(
            `Na de fase "${current}" volgt "${order[order.indexOf(current) + 1]}", niet "${request.to}".`,
          );
        if (current === 'start' && (!row.goal || !row.strategy))
          throw refused('Leg eerst doel en strategie vast.');
        check(lifecycle);
        await repo.updateCase(trx, id, { phase: request.to });
        await step.event('phase', { from: current, to: request.to }, on);
      } else if (request.type === 'close') {
        if (current !== 'evaluation') throw refused('Een casus sluit na de evaluatiefase.');
        if (!(await repo.isEvaluated(trx, id)))
          throw refused('Evalueer de casus eerst, of laat de voorzitter de evaluatie met reden overslaan.');
        check([
          ...lifecycle,
          ...events
            .filter((e) => e.type === 'evaluated' || e.type === 'evaluation-waived')
            .map((e) => ({ on: e.happenedOn, what: 'de evaluatie' })),
        ]);
        await repo.updateCase(trx, id, { phase: 'closed', closedOn: on });
        await repo.closeOpenPeriod(trx, id, on);
        await step.event('closed', {}, on);
      } else {
        if (current !== 'closed') throw refused('Alleen een gesloten casus kan worden heropend.');
        check([...lifecycle, row.closedOn ? { on: row.closedOn, what: 'de sluiting' } : null]);
        await repo.updateCase(trx, id, { phase: 'analysis', closedOn: null });
        await repo.openPeriod(trx, id, on);
        await step.event('reopened', { reason: request.reason }, on);
      }
    });
  }

  addParticipant(context: RequestContext, id: string, request: ParticipantRequest) {
    const { organisationId, reason } = request;
    return this.change(context, id, 'case.participant-add', 'case.manage', async (step) => {
      const problems = await this.checkOrganisations(
        step.trx,
        step.actor.regionId,
        [organisationId],
        'organisationId',
      );
      if (
        !problems.length &&
        !(await participatingAmong(step.trx, step.row.collaborationId, [organisationId])).size
      )
        problems.push({
          name: 'organisationId',
          in: 'body',
          code: 'not_a_member',
          reason: 'Deze organisatie neemt niet deel aan het samenwerkingsverband van de casus.',
        });
      if (problems.length) throw invalid(problems);
      if ((await repo.currentParticipants(step.trx, id)).some((p) => p.organisationId === organisationId))
        throw refused('Deze organisatie neemt al deel.');
      await repo.addParticipant(step.trx, id, organisationId, reason, step.at);
      await step.event('participant-added', { organisationId, reason });
      await this.deps.notifier.notify(step.trx, step.actor, step.record, {
        kind: 'case-added',
        caseId: id,
        reference: step.row.reference,
        codeName: step.row.codeName,
        organisationIds: [organisationId],
        directorId: null,
      });
    });
  }

  removeParticipant(context: RequestContext, id: string, organisationId: string, reason: string) {
    return this.change(context, id, 'case.participant-remove', 'case.manage', async (step) => {
      if ((await repo.removeParticipant(step.trx, id, organisationId, reason, step.at)) === 0)
        throw refused('Deze organisatie neemt niet deel.');
      await step.event('participant-removed', { organisationId, reason });
    });
  }

  /** The evaluation before closure; only a chair may waive it, with a reason. */
  evaluate(context: RequestContext, id: string, e: EvaluationRequest) {
    const waiver = 'waivedReason' in e;
    return this.change(
      context,
      id,
      waiver ? 'case.evaluation-waive' : 'case.evaluate',
      waiver ? 'case.prioritise' : 'case.manage',
      async (step) => {
        if (step.row.phase !== 'evaluation')
          throw refused('Een casus wordt in de evaluatiefase geëvalueerd.');
        const on = e.happenedOn ?? step.today;
        const problems = step.dateProblems(
          'happenedOn',
          on,
          (await repo.datedEvents(step.trx, id)).map(lifecycleStep),
        );
        if (problems.length) throw invalid(problems);
        await repo.saveEvaluation(step.trx, {
          caseId: id,
          whatWorked: waiver ? null : e.whatWorked,
          whatDidNot: waiver ? null : e.whatDidNot,
          lessons: waiver ? null : e.lessons,
          waivedReason: waiver ? e.waivedReason : null,
          recordedAt: step.at,
          recordedBy: userOf(step.actor),
        });
        await step.event(waiver ? 'evaluation-waived' : 'evaluated', {}, on);
      },
    );
  }

  setPriority(context: RequestContext, id: string, request: PriorityRequest) {
    return this.change(context, id, 'case.priority', 'case.prioritise', async (step) => {
      await repo.setPriority(step.trx, { caseId: id, ...request, setBy: userOf(step.actor), setAt: step.at });
      await step.event('priority', request);
    });
  }
}
