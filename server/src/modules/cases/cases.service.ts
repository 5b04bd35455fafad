import type {
  CaseDetail,
  CasePhase,
  CaseSummary,
  CreateCaseRequest,
  InvalidParam,
  SubjectInput,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import type { Access } from '../access/index.js';
import type { AuditRecorder, AuditService } from '../audit/index.js';
import { subjectLabel } from '../signals/index.js';
import { knownElsewhere } from '../subjects/elsewhere.js';
import { registerSubject } from '../subjects/register.js';
import * as repo from './cases.repository.js';

const activity = 'samenspel.cases';
const DAY = 86_400_000;
const order: readonly CasePhase[] = [
  'start',
  'information',
  'analysis',
  'intervention',
  'evaluation',
  'closed',
];

function userOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

function refused(detail: string): AppError {
  return new AppError({ code: 'case.refused', status: 409, title: 'Niet mogelijk', detail });
}

function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

function daysBetween(
  from: string | Date | null | undefined,
  to: string | Date | null | undefined,
): number | null {
  if (!from || !to) return null;
  const a = typeof from === 'string' ? new Date(`${from}T00:00:00Z`) : from;
  const b = typeof to === 'string' ? new Date(`${to}T00:00:00Z`) : to;
  return Math.round(((b.getTime() - a.getTime()) / DAY) * 10) / 10;
}

/** The integrated case from its start to closure; every step a dated event. */
export class CasesService {
  constructor(
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Legal bases, the intervention catalogue and the region's case directors (employees' names: logged). */
  async configuration(context: RequestContext) {
    return this.audit.run(context, { action: 'case.configuration', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.read');
      const found = await repo.configuration(trx, actor.regionId);
      for (const d of found.directors) record.subject({ type: 'employee', email: d.email });
      return {
        legalBases: found.legalBases,
        interventions: found.interventions.map((i) => ({
          ...i,
          kind: i.kind as CaseDetail['advices'][number]['kind'],
        })),
        directors: found.directors.map((d) => ({ id: d.id, name: d.name })),
      };
    });
  }

  private summary(row: repo.CaseRow): CaseSummary {
    return {
      id: row.id,
      reference: row.reference,
      codeName: row.codeName,
      origin: row.origin as CaseSummary['origin'],
      type: row.type as CaseSummary['type'],
      phase: row.phase as CasePhase,
      district: row.districtId && row.districtName ? { id: row.districtId, name: row.districtName } : null,
      themes: row.themes,
      startedOn: row.startedOn,
      closedOn: row.closedOn,
      priority: row.priority,
      leadTimes: {
        signalToCase: row.firstSignalAt ? daysBetween(row.firstSignalAt, row.startedOn) : null,
        startToFirstIntervention: daysBetween(row.startedOn, row.firstInterventionOn),
        startToClosure: daysBetween(row.startedOn, row.closedOn),
      },
    };
  }

  private async checkOrganisations(
    trx: Db,
    regionId: string,
    ids: readonly string[],
    name: string,
  ): Promise<InvalidParam[]> {
    if (ids.length === 0) return [];
    const found = await trx
      .selectFrom('partnerOrganisations')
      .select('id')
      .where('regionId', '=', regionId)
      .where('id', 'in', ids)
      .execute();
    return found.length === new Set(ids).size
      ? []
      : [
          {
            name,
            in: 'body',
            code: 'unknown_organisation',
            reason: 'Een van de organisaties hoort niet bij uw regio.',
          },
        ];
  }

  async create(context: RequestContext, request: CreateCaseRequest): Promise<CaseDetail> {
    return this.audit.run(context, { action: 'case.create', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.create');
      const problems: InvalidParam[] = [];
      const signals = await repo.acceptedSignals(trx, actor.regionId, request.signalIds);
      if (
        request.origin === 'signal' &&
        (request.signalIds.length === 0 || signals.length !== new Set(request.signalIds).size)
      )
        problems.push({
          name: 'signalIds',
          in: 'body',
          code: 'not_accepted',
          reason: 'Een casus start uit een of meer geaccepteerde signalen die nog geen casus hebben.',
        });
      if (request.origin !== 'signal' && request.signalIds.length)
        problems.push({
          name: 'signalIds',
          in: 'body',
          code: 'origin',
          reason: 'Signalen horen alleen bij herkomst "signaal".',
        });
      problems.push(
        ...(await this.checkOrganisations(trx, actor.regionId, request.participantIds, 'participantIds')),
      );
      problems.push(
        ...(await this.checkOrganisations(
          trx,
          actor.regionId,
          request.originOrganisationIds,
          'originOrganisationIds',
        )),
      );
      const director = await trx
        .selectFrom('users as u')
        .innerJoin('userRoles as r', 'r.userId', 'u.id')
        .select('u.id')
        .where('u.id', '=', request.directorId)
        .where('u.regionId', '=', actor.regionId)
        .where('r.role', '=', 'case_director')
        .executeTakeFirst();
      if (!director)
        problems.push({
          name: 'directorId',
          in: 'body',
          code: 'not_a_director',
          reason: 'Kies een casusregisseur van uw regio.',
        });
      let municipalities = trx
        .selectFrom('municipalities')
        .select('code')
        .where('regionId', '=', actor.regionId)
        .where('code', 'in', request.municipalityCodes);
      if (request.districtId !== null)
        municipalities = municipalities.where('districtId', '=', request.districtId);
      if ((await municipalities.execute()).length !== new Set(request.municipalityCodes).size)
        problems.push({
          name: 'municipalityCodes',
          in: 'body',
          code: 'outside_district',
          reason:
            request.districtId === null
              ? 'Kies gemeenten uit uw regio.'
              : 'Kies gemeenten uit het district van de casus.',
        });
      if (request.startedOn > this.now().toISOString().slice(0, 10))
        problems.push({
          name: 'startedOn',
          in: 'body',
          code: 'future',
          reason: 'De startdatum kan niet in de toekomst liggen.',
        });
      if (problems.length) throw invalid(problems);
      const at = this.now();
      const id = await repo.insertCase(trx, {
        regionId: actor.regionId,
        reference: await repo.nextReference(trx, at.getUTCFullYear()),
        codeName: request.codeName,
        origin: request.origin,
        districtId: request.districtId,
        type: request.type,
        directorId: request.directorId,
        startedOn: request.startedOn,
        createdBy: userOf(actor),
        createdAt: at,
      });
      const submitters = await repo.signalSubmitters(trx, request.signalIds);
      await repo.linkMany(trx, id, {
        signals: request.signalIds,
        origins: [...submitters.map((s) => s.organisationId), ...request.originOrganisationIds],
        municipalities: request.municipalityCodes,
        themes: request.themeIds,
      });
      for (const organisationId of new Set(request.participantIds))
        await repo.addParticipant(trx, id, organisationId, 'Deelnemer bij de start', at);
      await repo.insertEvent(trx, {
        caseId: id,
        type: 'started',
        at,
        userId: userOf(actor),
        organisationId: actor.organisationId,
        details: { origin: request.origin },
      });
      return this.detail(trx, actor, id, record, false);
    });
  }

  async list(
    context: RequestContext,
    filter: { districtId?: string | undefined; phase?: string | undefined; themeId?: string | undefined },
  ) {
    return this.audit.run(context, { action: 'case.list', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.read');
      const rows = await repo.listCases(trx, {
        ...filter,
        regionId: actor.regionId,
        quarter: quarterOf(this.now()),
        allOfRegion: actor.kind === 'user' && actor.roles.includes('riec_analyst'),
        directorId: userOf(actor),
        organisationId: actor.organisationId,
      });
      return rows.map((r) => this.summary(r));
    });
  }

  async get(context: RequestContext, id: string): Promise<CaseDetail> {
    return this.audit.run(context, { action: 'case.read', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'case.read', [id]);
      return this.detail(trx, actor, id, record, true);
    });
  }

  private async detail(
    trx: Db,
    actor: Actor,
    id: string,
    record: AuditRecorder,
    reading: boolean,
  ): Promise<CaseDetail> {
    const row = await repo.findCase(trx, id, quarterOf(this.now()));
    if (!row) throw notFound();
    const parts = await repo.detailParts(trx, id);
    const director = await repo.directorName(trx, row.directorId);
    if (reading)
      for (const s of parts.subjects) record.subjectData(s.data as SubjectInput, 'case.subject.read');
    const can = (p: Parameters<Access['holds']>[1]) => this.access.holds(actor, p);
    const elsewhere = await knownElsewhere(
      trx,
      this.access,
      actor,
      id,
      parts.subjects.map((s) => s.id),
    );
    return {
      ...this.summary(row),
      goal: row.goal,
      strategy: row.strategy,
      director: director ? { id: director.id, name: director.name } : null,
      municipalities: parts.municipalities,
      originOrganisations: parts.origins,
      signals: parts.signals.map((s) => ({ id: s.id, reference: s.reference })),
      participants: parts.participants.map((p) => ({
        organisation: { id: p.id, name: p.name },
        addedAt: p.addedAt.toISOString(),
        addedReason: p.addedReason,
        removedAt: p.removedAt?.toISOString() ?? null,
        removedReason: p.removedReason,
      })),
      events: parts.events.map((e) => ({
        type: e.type,
        at: e.at.toISOString(),
        by: e.by,
        details: e.details,
      })),
      subjects: parts.subjects.map((s) => ({
        id: s.id,
        kind: s.kind,
        role: s.role as CaseDetail['subjects'][number]['role'],
        label: s.label,
        data: s.data as CaseDetail['subjects'][number]['data'],
        knownElsewhere: elsewhere.get(s.id) ?? { registerId: null, records: 0, hidden: 0 },
      })),
      provisions: parts.provisions.map((p) => ({
        id: p.id,
        organisation: { id: p.organisationId, name: p.organisationName },
        subjectId: p.subjectId,
        providedOn: p.providedOn,
        legalBasis: { id: p.basisId, code: p.basisCode, name: p.basisName },
        classification: p.classification as 'intern',
        title: p.title,
        body: p.body,
      })),
      matrix: parts.matrix.map((m) => ({
        id: m.id,
        barrier: m.barrier,
        intervention: { id: m.catalogueId, kind: m.kind as 'other', name: m.interventionName },
        organisation: { id: m.organisationId, name: m.organisationName },
        chosen: m.chosen,
      })),
      advices: parts.advices.map((a) => ({
        id: a.id,
        kind: a.kind as 'other',
        organisation: { id: a.organisationId, name: a.organisationName },
        givenOn: a.givenOn,
        status: a.status as 'given',
        description: a.description,
      })),
      interventions: parts.interventions.map((i) => ({
        id: i.id,
        adviceId: i.adviceId,
        kind: i.kind as 'other',
        organisation: { id: i.organisationId, name: i.organisationName },
        carriedOutOn: i.carriedOutOn,
        description: i.description,
        outcome: i.outcome,
      })),
      results: parts.results.map((r) => ({
        id: r.id,
        interventionId: r.interventionId,
        kind: r.kind as 'fine',
        organisation: { id: r.organisationId, name: r.organisationName },
        imposedCents: r.imposedCents,
        imposedOn: r.imposedOn,
        collectedCents: r.collectedCents,
        collectedOn: r.collectedOn,
        settledCents: r.settledCents,
        settledOn: r.settledOn,
        count: r.count,
        description: r.description,
      })),
      communications: parts.communications.map((c) => ({
        id: c.id,
        onDate: c.onDate,
        channel: c.channel,
        description: c.description,
      })),
      evaluation: parts.evaluation
        ? {
            whatWorked: parts.evaluation.whatWorked,
            whatDidNot: parts.evaluation.whatDidNot,
            lessons: parts.evaluation.lessons,
            waivedReason: parts.evaluation.waivedReason,
          }
        : null,
      signalSubjects: can('case.manage')
        ? await trx
            .selectFrom('signalSubjects as ss')
            .innerJoin('caseSignals as cs', 'cs.signalId', 'ss.signalId')
            .select(['ss.id', 'ss.label'])
            .where('cs.caseId', '=', id)
            .orderBy('ss.position')
            .execute()
        : [],
      abilities: [
        ...(can('case.manage') ? ['manage'] : []),
        ...(can('case.contribute') ? ['contribute'] : []),
        ...(can('case.prioritise') ? ['prioritise'] : []),
      ],
    };
  }

  /** Runs a change to a case after the access check, and answers with the case as it is then. */
  private change(
    context: RequestContext,
    id: string,
    action: string,
    permission: 'case.manage' | 'case.contribute' | 'case.prioritise',
    work: (trx: Db, actor: Actor, row: repo.CaseRow, record: AuditRecorder, at: Date) => Promise<void>,
  ): Promise<CaseDetail> {
    return this.audit.run(context, { action, activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, permission, [id]);
      const row = await repo.findCase(trx, id, quarterOf(this.now()));
      if (!row) throw notFound();
      if (row.phase === 'closed' && action !== 'case.reopen')
        throw refused('Deze casus is gesloten. Heropen hem eerst.');
      const at = this.now();
      await work(trx, actor, row, record, at);
      return this.detail(trx, actor, id, record, false);
    });
  }

  private event(trx: Db, actor: Actor, caseId: string, type: string, at: Date, details: object = {}) {
    return repo.insertEvent(trx, {
      caseId,
      type,
      at,
      userId: userOf(actor),
      organisationId: actor.organisationId,
      details,
    });
  }

  private async participant(trx: Db, caseId: string, organisationId: string, name: string): Promise<void> {
    const current = await repo.currentParticipants(trx, caseId);
    if (!current.some((p) => p.organisationId === organisationId))
      throw invalid([
        {
          name,
          in: 'body',
          code: 'not_participating',
          reason: 'Deze organisatie neemt niet deel aan de casus.',
        },
      ]);
  }

  setGoal(context: RequestContext, id: string, goal: string, strategy: string) {
    return this.change(context, id, 'case.goal', 'case.manage', async (trx, actor, row, _record, at) => {
      if (row.phase !== 'start') throw refused('Doel en strategie worden in de startfase vastgelegd.');
      await repo.updateCase(trx, id, { goal, strategy });
      await this.event(trx, actor, id, 'goal', at);
    });
  }

  phase(
    context: RequestContext,
    id: string,
    step: { type: 'advance'; to: CasePhase } | { type: 'close' } | { type: 'reopen'; reason: string },
  ) {
    const action = step.type === 'advance' ? 'case.phase' : `case.${step.type}`;
    return this.change(context, id, action, 'case.manage', async (trx, actor, row, _record, at) => {
      const current = row.phase as CasePhase;
      if (step.type === 'advance') {
        if (order.indexOf(step.to) !== order.indexOf(current) + 1)
          throw refused(
            `Na de fase "${current}" volgt "${order[order.indexOf(current) + 1]}", niet "${step.to}".`,
          );
        if (current === 'start' && (!row.goal || !row.strategy))
          throw refused('Leg eerst doel en strategie vast.');
        await repo.updateCase(trx, id, { phase: step.to });
        await this.event(trx, actor, id, 'phase', at, { from: current, to: step.to });
      } else if (step.type === 'close') {
        if (current !== 'evaluation') throw refused('Een casus sluit na de evaluatiefase.');
        const evaluated = await trx
          .selectFrom('evaluations')
          .select('caseId')
          .where('caseId', '=', id)
          .executeTakeFirst();
        if (!evaluated)
          throw refused('Evalueer de casus eerst, of laat de voorzitter de evaluatie met reden overslaan.');
        const on = at.toISOString().slice(0, 10);
        await repo.updateCase(trx, id, { phase: 'closed', closedOn: on });
        await repo.closeOpenPeriod(trx, id, on);
        await this.event(trx, actor, id, 'closed', at);
      } else {
        if (current !== 'closed') throw refused('Alleen een gesloten casus kan worden heropend.');
        await repo.updateCase(trx, id, { phase: 'analysis', closedOn: null });
        await repo.openPeriod(trx, id, at.toISOString().slice(0, 10));
        await this.event(trx, actor, id, 'reopened', at, { reason: step.reason });
      }
    });
  }

  addParticipant(context: RequestContext, id: string, organisationId: string, reason: string) {
    return this.change(
      context,
      id,
      'case.participant-add',
      'case.manage',
      async (trx, actor, _row, _record, at) => {
        const problems = await this.checkOrganisations(
          trx,
          actor.regionId,
          [organisationId],
          'organisationId',
        );
        if (problems.length) throw invalid(problems);
        if ((await repo.currentParticipants(trx, id)).some((p) => p.organisationId === organisationId))
          throw refused('Deze organisatie neemt al deel.');
        await repo.addParticipant(trx, id, organisationId, reason, at);
        await this.event(trx, actor, id, 'participant-added', at, { organisationId, reason });
      },
    );
  }

  removeParticipant(context: RequestContext, id: string, organisationId: string, reason: string) {
    return this.change(
      context,
      id,
      'case.participant-remove',
      'case.manage',
      async (trx, actor, _row, _record, at) => {
        if ((await repo.removeParticipant(trx, id, organisationId, reason, at)) === 0)
          throw refused('Deze organisatie neemt niet deel.');
        await this.event(trx, actor, id, 'participant-removed', at, { organisationId, reason });
      },
    );
  }

  addSubject(
    context: RequestContext,
    id: string,
    role: string,
    signalSubjectId: string | undefined,
    subject: SubjectInput | undefined,
  ) {
    return this.change(
      context,
      id,
      'case.subject-add',
      'case.manage',
      async (trx, actor, _row, record, at) => {
        let data = subject;
        if (signalSubjectId) {
          const found = await trx
            .selectFrom('signalSubjects as ss')
            .innerJoin('caseSignals as cs', 'cs.signalId', 'ss.signalId')
            .select('ss.data')
            .where('ss.id', '=', signalSubjectId)
            .where('cs.caseId', '=', id)
            .executeTakeFirst();
          if (!found)
            throw invalid([
              {
                name: 'signalSubjectId',
                in: 'body',
                code: 'unknown_subject',
                reason: 'Deze betrokkene hoort niet bij de signalen van de casus.',
              },
            ]);
          data = found.data as SubjectInput;
        }
        if (!data)
          throw invalid([
            {
              name: 'subject',
              in: 'body',
              code: 'required',
              reason: 'Kies een betrokkene uit een signaal of vul er een in.',
            },
          ]);
        const added = await trx
          .insertInto('caseSubjects')
          .values({
            caseId: id,
            kind: data.kind,
            role,
            label: subjectLabel(data),
            data: JSON.stringify(data),
            signalSubjectId: signalSubjectId ?? null,
            addedAt: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await registerSubject(
          trx,
          actor.regionId,
          data,
          {
            caseId: id,
            caseSubjectId: added.id,
            organisationId: actor.organisationId,
            role,
            source: 'case',
            at,
          },
          { signalSubjectId: signalSubjectId ?? null },
        );
        record.subjectData(data, 'case.subject.write');
      },
    );
  }

  addProvision(
    context: RequestContext,
    id: string,
    p: {
      subjectId?: string | undefined;
      providedOn: string;
      legalBasisId: string;
      classification: string;
      title: string;
      body: string;
    },
  ) {
    return this.change(
      context,
      id,
      'case.provision-add',
      'case.contribute',
      async (trx, actor, _row, record, at) => {
        await this.participant(trx, id, actor.organisationId, 'organisation');
        const problems: InvalidParam[] = [];
        const basis = await trx
          .selectFrom('legalBases')
          .select('id')
          .where('id', '=', p.legalBasisId)
          .where('regionId', '=', actor.regionId)
          .executeTakeFirst();
        if (!basis)
          problems.push({
            name: 'legalBasisId',
            in: 'body',
            code: 'unknown_basis',
            reason: 'Kies een grondslag van de samenwerking.',
          });
        let subjectData: SubjectInput | undefined;
        if (p.subjectId) {
          const s = await trx
            .selectFrom('caseSubjects')
            .select('data')
            .where('id', '=', p.subjectId)
            .where('caseId', '=', id)
            .executeTakeFirst();
          if (!s)
            problems.push({
              name: 'subjectId',
              in: 'body',
              code: 'unknown_subject',
              reason: 'Deze betrokkene hoort niet bij de casus.',
            });
          else subjectData = s.data as SubjectInput;
        }
        if (p.providedOn > at.toISOString().slice(0, 10))
          problems.push({
            name: 'providedOn',
            in: 'body',
            code: 'in_the_future',
            reason: 'Een verstrekking ligt niet in de toekomst.',
          });
        if (problems.length) throw invalid(problems);
        await trx
          .insertInto('provisions')
          .values({
            caseId: id,
            organisationId: actor.organisationId,
            subjectId: p.subjectId ?? null,
            providedOn: p.providedOn,
            legalBasisId: p.legalBasisId,
            classification: p.classification,
            title: p.title,
            body: p.body,
            createdBy: userOf(actor),
            createdAt: at,
          })
          .execute();
        if (subjectData) record.subjectData(subjectData, 'case.provision.write');
      },
    );
  }

  addMatrixEntry(
    context: RequestContext,
    id: string,
    m: { barrier: string; catalogueId: string; organisationId: string; chosen: boolean },
  ) {
    return this.change(context, id, 'case.matrix-add', 'case.manage', async (trx, actor) => {
      const entry = await trx
        .selectFrom('interventionCatalogue')
        .select('id')
        .where('id', '=', m.catalogueId)
        .where('regionId', '=', actor.regionId)
        .executeTakeFirst();
      if (!entry)
        throw invalid([
          {
            name: 'catalogueId',
            in: 'body',
            code: 'unknown_intervention',
            reason: 'Kies een interventie uit de catalogus.',
          },
        ]);
      await this.participant(trx, id, m.organisationId, 'organisationId');
      await trx
        .insertInto('caseMatrix')
        .values({ caseId: id, ...m })
        .execute();
    });
  }

  addAdvice(
    context: RequestContext,
    id: string,
    a: { kind: string; organisationId: string; givenOn: string; description: string },
  ) {
    return this.change(
      context,
      id,
      'case.advice-add',
      'case.manage',
      async (trx, actor, _row, _record, at) => {
        await this.participant(trx, id, a.organisationId, 'organisationId');
        await trx
          .insertInto('advices')
          .values({ caseId: id, ...a, status: 'given', createdBy: userOf(actor) })
          .execute();
        await this.event(trx, actor, id, 'advice', at, { kind: a.kind });
      },
    );
  }

  setAdviceStatus(context: RequestContext, id: string, adviceId: string, status: string) {
    return this.change(context, id, 'case.advice-status', 'case.manage', async (trx) => {
      const result = await trx
        .updateTable('advices')
        .set({ status })
        .where('id', '=', adviceId)
        .where('caseId', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound();
    });
  }

  addIntervention(
    context: RequestContext,
    id: string,
    i: {
      adviceId?: string | undefined;
      kind: string;
      carriedOutOn: string;
      description: string;
      outcome?: string | undefined;
    },
  ) {
    return this.change(
      context,
      id,
      'case.intervention-add',
      'case.contribute',
      async (trx, actor, _row, _record, at) => {
        await this.participant(trx, id, actor.organisationId, 'organisation');
        if (i.adviceId) {
          const advice = await trx
            .selectFrom('advices')
            .select('id')
            .where('id', '=', i.adviceId)
            .where('caseId', '=', id)
            .executeTakeFirst();
          if (!advice)
            throw invalid([
              {
                name: 'adviceId',
                in: 'body',
                code: 'unknown_advice',
                reason: 'Dit advies hoort niet bij de casus.',
              },
            ]);
          await trx
            .updateTable('advices')
            .set({ status: 'carried-out' })
            .where('id', '=', i.adviceId)
            .execute();
        }
        await trx
          .insertInto('interventions')
          .values({
            caseId: id,
            adviceId: i.adviceId ?? null,
            kind: i.kind,
            organisationId: actor.organisationId,
            carriedOutOn: i.carriedOutOn,
            description: i.description,
            outcome: i.outcome ?? null,
          })
          .execute();
        await this.event(trx, actor, id, 'intervention', at, { kind: i.kind });
      },
    );
  }

  addResult(
    context: RequestContext,
    id: string,
    r: {
      interventionId?: string | undefined;
      kind: string;
      imposedCents?: number | undefined;
      imposedOn?: string | undefined;
      collectedCents?: number | undefined;
      collectedOn?: string | undefined;
      settledCents?: number | undefined;
      settledOn?: string | undefined;
      count?: number | undefined;
      description?: string | undefined;
    },
  ) {
    return this.change(
      context,
      id,
      'case.result-add',
      'case.contribute',
      async (trx, actor, _row, _record, at) => {
        await this.participant(trx, id, actor.organisationId, 'organisation');
        if (r.interventionId) {
          const found = await trx
            .selectFrom('interventions')
            .select('id')
            .where('id', '=', r.interventionId)
            .where('caseId', '=', id)
            .executeTakeFirst();
          if (!found)
            throw invalid([
              {
                name: 'interventionId',
                in: 'body',
                code: 'unknown_intervention',
                reason: 'Deze interventie hoort niet bij de casus.',
              },
            ]);
        }
        await trx
          .insertInto('results')
          .values({
            caseId: id,
            interventionId: r.interventionId ?? null,
            kind: r.kind,
            organisationId: actor.organisationId,
            imposedCents: r.imposedCents ?? null,
            imposedOn: r.imposedOn ?? null,
            collectedCents: r.collectedCents ?? null,
            collectedOn: r.collectedOn ?? null,
            settledCents: r.settledCents ?? null,
            settledOn: r.settledOn ?? null,
            count: r.count ?? null,
            description: r.description ?? null,
            recordedOn: at.toISOString().slice(0, 10),
          })
          .execute();
        await this.event(trx, actor, id, 'result', at, { kind: r.kind });
      },
    );
  }

  addCommunication(
    context: RequestContext,
    id: string,
    c: { onDate: string; channel: string; description: string },
  ) {
    return this.change(context, id, 'case.communication-add', 'case.manage', async (trx) => {
      await trx
        .insertInto('communications')
        .values({ caseId: id, ...c })
        .execute();
    });
  }

  /** The evaluation before closure; only a chair may waive it, with a reason. */
  evaluate(
    context: RequestContext,
    id: string,
    e: { whatWorked: string; whatDidNot: string; lessons: string } | { waivedReason: string },
  ) {
    const waiver = 'waivedReason' in e;
    return this.change(
      context,
      id,
      waiver ? 'case.evaluation-waive' : 'case.evaluate',
      waiver ? 'case.prioritise' : 'case.manage',
      async (trx, actor, row, _record, at) => {
        if (row.phase !== 'evaluation') throw refused('Een casus wordt in de evaluatiefase geëvalueerd.');
        await trx
          .insertInto('evaluations')
          .values({
            caseId: id,
            whatWorked: waiver ? null : e.whatWorked,
            whatDidNot: waiver ? null : e.whatDidNot,
            lessons: waiver ? null : e.lessons,
            waivedReason: waiver ? e.waivedReason : null,
            recordedAt: at,
            recordedBy: userOf(actor),
          })
          .onConflict((oc) =>
            oc.column('caseId').doUpdateSet({
              whatWorked: waiver ? null : e.whatWorked,
              whatDidNot: waiver ? null : e.whatDidNot,
              lessons: waiver ? null : e.lessons,
              waivedReason: waiver ? e.waivedReason : null,
              recordedAt: at,
              recordedBy: userOf(actor),
            }),
          )
          .execute();
        await this.event(trx, actor, id, waiver ? 'evaluation-waived' : 'evaluated', at);
      },
    );
  }

  setPriority(context: RequestContext, id: string, quarter: string, priority: number) {
    return this.change(
      context,
      id,
      'case.priority',
      'case.prioritise',
      async (trx, actor, _row, _record, at) => {
        await trx
          .insertInto('casePriorities')
          .values({ caseId: id, quarter, priority, setBy: userOf(actor), setAt: at })
          .onConflict((oc) =>
            oc.columns(['caseId', 'quarter']).doUpdateSet({ priority, setBy: userOf(actor), setAt: at }),
          )
          .execute();
        await this.event(trx, actor, id, 'priority', at, { quarter, priority });
      },
    );
  }
}
