import {
  type HitCheckRequest,
  type InvalidParam,
  type LeadTimes,
  type Meeting,
  type QueueItem,
  type RoundView,
  type SignalDetail,
  type SignalDraftInput,
  type SignalStage,
  type SignalSummary,
  type SignalTransition,
  type SubjectInput,
  signalInput,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { AppError, conflict, invalid, notFound } from '../../shared/errors.js';
import type { Access } from '../access/index.js';
import type { AuditRecorder, AuditService } from '../audit/index.js';
import { registerSubject } from '../subjects/register.js';
import * as repo from './signals.repository.js';

const activity = 'samenspel.signals';
const hitcheckActivity = 'samenspel.hitcheck';
const DAY = 86_400_000;

/** How people recognise a subject in lists and rounds. */
export function subjectLabel(s: SubjectInput): string {
  switch (s.kind) {
    case 'person': {
      const name = [s.firstNames, s.prefix, s.surname].filter(Boolean).join(' ');
      return s.dateOfBirth ? `${name} (${s.dateOfBirth})` : name;
    }
    case 'company':
      return s.kvkNumber ? `${s.name} (KvK ${s.kvkNumber})` : s.name;
    case 'address':
      return `${s.street ? `${s.street} ` : ''}${s.houseNumber}${s.houseNumberAddition ? ` ${s.houseNumberAddition}` : ''}, ${s.postcode}${s.town ? ` ${s.town}` : ''}`;
    case 'account':
      return s.holder ? `${s.iban} (${s.holder})` : s.iban;
    case 'vehicle':
      return s.registration;
  }
}

/** The minimum a partner needs to search its own systems, and nothing else. */
export function searchKeys(s: SubjectInput): Record<string, string> {
  switch (s.kind) {
    case 'person':
      return {
        naam: [s.firstNames, s.prefix, s.surname].filter(Boolean).join(' '),
        ...(s.dateOfBirth ? { geboortedatum: s.dateOfBirth } : {}),
      };
    case 'company':
      return { naam: s.name, ...(s.kvkNumber ? { kvkNummer: s.kvkNumber } : {}) };
    case 'address':
      return {
        postcode: s.postcode,
        huisnummer: `${s.houseNumber}${s.houseNumberAddition ? ` ${s.houseNumberAddition}` : ''}`,
      };
    case 'account':
      return { iban: s.iban };
    case 'vehicle':
      return { kenteken: s.registration };
  }
}

function userOf(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

function days(from: Date | undefined, to: Date | undefined): number | null {
  if (!from || !to) return null;
  return Math.round(((to.getTime() - from.getTime()) / DAY) * 10) / 10;
}

const stageOfEvent: Record<string, SignalStage> = {
  received: 'received',
  discussed: 'discussed',
  substantiated: 'substantiated',
  triaged: 'triaged',
  'round-started': 'hit-check',
  decided: 'decided',
};

/** The one legal order of a signal's steps. */
const transitions: Record<SignalTransition['type'], readonly SignalStage[]> = {
  discussed: ['received'],
  substantiated: ['discussed'],
  triaged: ['substantiated'],
  decided: ['triaged', 'hit-check'],
  withdrawn: ['received', 'discussed', 'substantiated', 'triaged', 'hit-check'],
};

const stageNames: Record<SignalStage, string> = {
  draft: 'concept',
  received: 'ontvangen',
  discussed: 'besproken in het LOO',
  substantiated: 'onderbouwd',
  triaged: 'gewogen',
  'hit-check': 'in een hit/no-hit-ronde',
  decided: 'besloten',
};

const stepRank = [
  'created',
  'received',
  'discussed',
  'substantiated',
  'triaged',
  'round-started',
  'round-closed',
  'decided',
];

/** Events in time order; steps recorded in the same instant keep their logical order. */
function byTimeThenStep(a: { at: Date; type: string }, b: { at: Date; type: string }): number {
  return a.at.getTime() - b.at.getTime() || stepRank.indexOf(a.type) - stepRank.indexOf(b.type);
}

function refused(detail: string): AppError {
  return new AppError({ code: 'signal.transition_refused', status: 409, title: 'Niet mogelijk', detail });
}

/** Signals from intake to decision, with hit/no-hit rounds, meetings and lead times. */
export class SignalsService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private regionWide(actor: Actor): boolean {
    return actor.kind === 'user' && actor.roles.some((r) => r === 'riec_analyst' || r === 'meeting_chair');
  }

  /** Checks references to organisations, municipality and themes; all problems at once. */
  private async checkReferences(
    trx: Db,
    actor: Actor,
    input: SignalDraftInput,
    complete: boolean,
  ): Promise<InvalidParam[]> {
    const problems: InvalidParam[] = [];
    if (complete) {
      const parsed = signalInput.safeParse(input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push({ name: issue.path.join('.'), in: 'body', code: issue.code, reason: issue.message });
      }
    }
    const orgIds = input.submittingOrganisationIds ?? [];
    const orgs = await repo.organisationsIn(trx, actor.regionId, orgIds);
    if (orgs.length !== new Set(orgIds).size)
      problems.push({
        name: 'submittingOrganisationIds',
        in: 'body',
        code: 'unknown_organisation',
        reason: 'Een van de organisaties hoort niet bij uw regio.',
      });
    else if (orgIds.length && !orgIds.includes(actor.organisationId) && !this.regionWide(actor))
      problems.push({
        name: 'submittingOrganisationIds',
        in: 'body',
        code: 'own_organisation_missing',
        reason: 'Uw eigen organisatie moet een van de indieners zijn.',
      });
    if (input.municipalityCode && !(await repo.municipalityIn(trx, actor.regionId, input.municipalityCode)))
      problems.push({
        name: 'municipalityCode',
        in: 'body',
        code: 'unknown_municipality',
        reason: 'Deze gemeente hoort niet bij uw regio.',
      });
    const themeIds = input.themeIds ?? [];
    if ((await repo.themesFor(trx, actor.regionId, themeIds)).length !== new Set(themeIds).size)
      problems.push({ name: 'themeIds', in: 'body', code: 'unknown_theme', reason: 'Onbekend thema.' });
    return problems;
  }

  private async write(trx: Db, id: string, input: SignalDraftInput, record: AuditRecorder): Promise<void> {
    await repo.updateSignal(trx, id, {
      source: input.source ?? null,
      description: input.description ?? null,
      municipalityCode: input.municipalityCode ?? null,
      urgency: input.urgency ?? null,
    });
    await repo.replaceOrganisations(trx, id, input.submittingOrganisationIds ?? []);
    await repo.replaceThemes(trx, id, input.themeIds ?? []);
    const subjects = input.subjects ?? [];
    await repo.replaceSubjects(
      trx,
      id,
      subjects.map((data) => ({ data, label: subjectLabel(data) })),
    );
    for (const s of subjects) record.subjectData(s, 'signal.subject.write');
  }

  /** A submitted signal's subjects enter the subject register, with the submitter as provenance. */
  private async register(trx: Db, actor: Actor, signalId: string, at: Date): Promise<void> {
    const subjects = await trx
      .selectFrom('signalSubjects')
      .select(['id', 'data'])
      .where('signalId', '=', signalId)
      .execute();
    for (const s of subjects)
      await registerSubject(trx, actor.regionId, s.data as SubjectInput, {
        signalId,
        signalSubjectId: s.id,
        organisationId: actor.organisationId,
        source: 'signal',
        at,
      });
  }

  async create(context: RequestContext, input: SignalDraftInput, submit: boolean): Promise<SignalDetail> {
    return this.audit.run(
      context,
      { action: submit ? 'signal.submit' : 'signal.create-draft', activity },
      async (trx, record) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'signal.create');
        // A draft belongs to the organisation that starts it until the submitters are chosen.
        if (!input.submittingOrganisationIds?.length)
          input = { ...input, submittingOrganisationIds: [actor.organisationId] };
        const problems = await this.checkReferences(trx, actor, input, submit);
        if (problems.length) throw invalid(problems);
        const at = this.now();
        const id = await repo.insertSignal(trx, {
          regionId: actor.regionId,
          reference: await repo.nextReference(trx, at),
          stage: submit ? 'received' : 'draft',
          source: null,
          description: null,
          municipalityCode: null,
          urgency: null,
          createdBy: userOf(actor),
          createdAt: at,
          receivedAt: submit ? at : null,
        });
        await this.write(trx, id, input, record);
        if (submit) await this.register(trx, actor, id, at);
        await repo.insertEvent(trx, {
          signalId: id,
          type: 'created',
          at,
          userId: userOf(actor),
          organisationId: actor.organisationId,
        });
        if (submit)
          await repo.insertEvent(trx, {
            signalId: id,
            type: 'received',
            at,
            userId: userOf(actor),
            organisationId: actor.organisationId,
          });
        return this.detail(trx, actor, id, record, false);
      },
    );
  }

  async updateDraft(
    context: RequestContext,
    id: string,
    input: SignalDraftInput,
    submit: boolean,
  ): Promise<SignalDetail> {
    return this.audit.run(
      context,
      { action: submit ? 'signal.submit' : 'signal.update-draft', activity },
      async (trx, record) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'signal.update', [id]);
        if (!input.submittingOrganisationIds?.length)
          input = { ...input, submittingOrganisationIds: [actor.organisationId] };
        const problems = await this.checkReferences(trx, actor, input, submit);
        if (problems.length) throw invalid(problems);
        await this.write(trx, id, input, record);
        if (submit) {
          const at = this.now();
          await this.register(trx, actor, id, at);
          await repo.updateSignal(trx, id, { stage: 'received', receivedAt: at, stageSince: at });
          await repo.insertEvent(trx, {
            signalId: id,
            type: 'received',
            at,
            userId: userOf(actor),
            organisationId: actor.organisationId,
          });
        }
        return this.detail(trx, actor, id, record, false);
      },
    );
  }

  async list(
    context: RequestContext,
    filter: { stage?: SignalStage | undefined; districtId?: string | undefined },
  ): Promise<SignalSummary[]> {
    return this.audit.run(context, { action: 'signal.list', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'signal.read');
      const rows = await repo.listSignals(
        trx,
        {
          regionId: actor.regionId,
          organisationId: actor.organisationId,
          regionWide: this.regionWide(actor),
        },
        filter,
      );
      // A list shows references, places and stages, no subjects: nobody's personal data is read here.
      return rows.map((r) => this.summary(r));
    });
  }

  async get(context: RequestContext, id: string): Promise<SignalDetail> {
    return this.audit.run(context, { action: 'signal.read', activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'signal.read', [id]);
      return this.detail(trx, actor, id, record, true);
    });
  }

  private summary(r: repo.SignalRow): SignalSummary {
    return {
      id: r.id,
      reference: r.reference,
      stage: r.stage as SignalStage,
      decision: (r.decision as SignalSummary['decision']) ?? null,
      urgency: (r.urgency as SignalSummary['urgency']) ?? 'normal',
      source: (r.source as SignalSummary['source']) ?? null,
      municipality:
        r.municipalityCode && r.municipalityName
          ? { code: r.municipalityCode, name: r.municipalityName }
          : null,
      district: r.districtId && r.districtName ? { id: r.districtId, name: r.districtName } : null,
      submittingOrganisations: r.organisations,
      themes: r.themes,
      receivedAt: r.receivedAt?.toISOString() ?? null,
      stageSince: r.stageSince.toISOString(),
      subjectCount: r.subjectCount,
    };
  }

  private leadTimesOf(events: ReadonlyArray<{ type: string; at: Date }>): LeadTimes {
    const first = (type: string) => events.find((e) => e.type === type)?.at;
    const received = first('received');
    const discussed = first('discussed');
    const triaged = first('triaged');
    const decided = first('decided');
    return {
      intakeToLoo: days(received, discussed),
      looToTriage: days(discussed, triaged),
      triageToDecision: days(triaged, decided),
      intakeToDecision: days(received, decided),
    };
  }

  private async rounds(trx: Db, actor: Actor, signalIds: string[]): Promise<RoundView[]> {
    const rounds = await repo.roundsOf(trx, signalIds);
    const ids = rounds.map((r) => r.id);
    const [subjects, orgs, answers] = await Promise.all([
      repo.roundSubjects(trx, ids),
      repo.roundOrganisations(trx, ids),
      repo.roundAnswers(trx, ids),
    ]);
    const analyst = actor.kind === 'user' && actor.roles.includes('riec_analyst');
    const today = this.now().toISOString().slice(0, 10);
    return rounds.map((round) => {
      const rs = subjects.filter((s) => s.roundId === round.id);
      const ro = orgs.filter((o) => o.roundId === round.id);
      const ra = answers.filter((a) => a.roundId === round.id);
      return {
        id: round.id,
        createdAt: round.createdAt.toISOString(),
        deadline: round.deadline,
        closedAt: round.closedAt?.toISOString() ?? null,
        test: analyst
          ? {
              necessity: round.necessity,
              proportionality: round.proportionality,
              subsidiarity: round.subsidiarity,
            }
          : null,
        organisations: ro.map((o) => ({ id: o.id, name: o.name })),
        subjects: rs.map((s) => ({ id: s.id, label: s.label })),
        answers: analyst
          ? ra.map((a) => ({
              subjectId: a.subjectId,
              organisationId: a.organisationId,
              answer: a.answer as 'hit',
              answeredAt: a.answeredAt.toISOString(),
            }))
          : null,
        hitsPerSubject: rs.map((s) => ({
          subjectId: s.id,
          hits: ra.filter((a) => a.subjectId === s.id && a.answer === 'hit').length,
          answered: ra.filter((a) => a.subjectId === s.id).length,
        })),
        overdue:
          !round.closedAt && round.deadline < today
            ? ro
                .filter((o) => ra.filter((a) => a.organisationId === o.id).length < rs.length)
                .map((o) => ({ id: o.id, name: o.name }))
            : [],
      };
    });
  }

  private abilities(actor: Actor, stage: SignalStage, hasOpenRound: boolean): string[] {
    const can = (p: Parameters<Access['holds']>[1]) => this.access.holds(actor, p);
    const out: string[] = [];
    if (stage === 'draft' && can('signal.update')) out.push('edit', 'submit');
    for (const [type, from] of Object.entries(transitions)) {
      if (!from.includes(stage)) continue;
      if (type === 'decided' && (!can('signal.decide') || hasOpenRound)) continue;
      if (type === 'withdrawn' && !can('signal.withdraw')) continue;
      if (type !== 'decided' && type !== 'withdrawn' && !can('signal.manage')) continue;
      out.push(type);
    }
    if ((stage === 'triaged' || stage === 'hit-check') && can('signal.manage')) out.push('start-round');
    return out;
  }

  private async detail(
    trx: Db,
    actor: Actor,
    id: string,
    record: AuditRecorder,
    reading: boolean,
  ): Promise<SignalDetail> {
    const row = await repo.findSignal(trx, id);
    if (!row) throw notFound();
    const [subjects, events, rounds] = await Promise.all([
      repo.subjectsOf(trx, [id]),
      repo.eventsOf(trx, id),
      this.rounds(trx, actor, [id]),
    ]);
    if (reading) for (const s of subjects) record.subjectData(s.data as SubjectInput, 'signal.subject.read');
    return {
      ...this.summary(row),
      description: row.description,
      route: (row.route as SignalDetail['route']) ?? null,
      subjects: subjects.map((s) => ({
        id: s.id,
        kind: s.kind as SubjectInput['kind'],
        label: s.label,
        data: s.data as SubjectInput,
      })),
      events: [...events].sort(byTimeThenStep).map((e) => ({
        id: e.id,
        type: e.type as SignalDetail['events'][number]['type'],
        at: e.at.toISOString(),
        by: { userId: e.userId, name: e.userName, organisation: e.organisationName },
        details: e.details,
      })),
      rounds,
      leadTimes: this.leadTimesOf(events),
      abilities: this.abilities(
        actor,
        row.stage as SignalStage,
        rounds.some((r) => !r.closedAt),
      ),
    };
  }

  async transition(context: RequestContext, id: string, step: SignalTransition): Promise<SignalDetail> {
    const permission =
      step.type === 'decided'
        ? 'signal.decide'
        : step.type === 'withdrawn'
          ? 'signal.withdraw'
          : 'signal.manage';
    return this.audit.run(context, { action: `signal.${step.type}`, activity }, async (trx, record) => {
      const actor = await this.access.requireAccess(trx, context.actor, permission, [id]);
      const row = await repo.findSignal(trx, id);
      if (!row) throw notFound();
      const stage = row.stage as SignalStage;
      if (!transitions[step.type].includes(stage)) {
        throw refused(
          `Een signaal dat ${stageNames[stage]} is, kan niet ${
            {
              discussed: 'besproken worden in het LOO',
              substantiated: 'onderbouwd worden',
              triaged: 'gewogen worden',
              decided: 'besloten worden',
              withdrawn: 'ingetrokken worden',
            }[step.type]
          }.`,
        );
      }
      const at = this.now();
      const base = { signalId: id, at, userId: userOf(actor), organisationId: actor.organisationId };
      switch (step.type) {
        case 'discussed':
          await repo.updateSignal(trx, id, { stage: 'discussed', stageSince: at });
          await repo.insertEvent(trx, {
            ...base,
            type: 'discussed',
            details: { meetingId: step.meetingId ?? null, note: step.note ?? null },
          });
          break;
        case 'substantiated': {
          const orgs = await repo.organisationsIn(trx, actor.regionId, step.organisationIds);
          const kinds = new Set(orgs.map((o) => o.kind));
          if (
            orgs.length !== new Set(step.organisationIds).size ||
            !kinds.has('municipality') ||
            !kinds.has('police')
          )
            throw invalid([
              {
                name: 'organisationIds',
                in: 'body',
                code: 'joint_note',
                reason: 'Een onderbouwing is van een gemeente en de politie samen.',
              },
            ]);
          await repo.updateSignal(trx, id, { stage: 'substantiated', stageSince: at });
          await repo.insertEvent(trx, {
            ...base,
            type: 'substantiated',
            details: { note: step.note, organisations: orgs.map((o) => o.name) },
          });
          break;
        }
        case 'triaged':
          await repo.updateSignal(trx, id, { stage: 'triaged', stageSince: at, route: step.route });
          await repo.insertEvent(trx, {
            ...base,
            type: 'triaged',
            details: { route: step.route, reason: step.reason },
          });
          break;
        case 'decided': {
          const open = (await repo.roundsOf(trx, [id])).some((r) => !r.closedAt);
          if (open) throw refused('Sluit eerst de lopende hit/no-hit-ronde.');
          const problems: InvalidParam[] = [];
          let referredTo: string | null = null;
          if (step.decision === 'referred') {
            const [org] = step.referredToOrganisationId
              ? await repo.organisationsIn(trx, actor.regionId, [step.referredToOrganisationId])
              : [];
            if (!org)
              problems.push({
                name: 'referredToOrganisationId',
                in: 'body',
                code: 'required',
                reason: 'Kies de partner die het signaal oppakt.',
              });
            else referredTo = org.id;
          }
          if (step.decision === 'not-accepted' && !step.reason)
            problems.push({
              name: 'reason',
              in: 'body',
              code: 'required',
              reason: 'Kies de reden waarom het signaal niet wordt geaccepteerd.',
            });
          if (problems.length) throw invalid(problems);
          await repo.updateSignal(trx, id, {
            stage: 'decided',
            decision: step.decision,
            referredTo,
            stageSince: at,
          });
          await repo.insertEvent(trx, {
            ...base,
            type: 'decided',
            details: {
              decision: step.decision,
              referredTo,
              reason: step.reason ?? null,
              note: step.note ?? null,
            },
          });
          break;
        }
        case 'withdrawn':
          await repo.updateSignal(trx, id, { stage: 'decided', decision: 'withdrawn', stageSince: at });
          await repo.insertEvent(trx, {
            ...base,
            type: 'decided',
            details: { decision: 'withdrawn', note: step.note },
          });
          break;
      }
      return this.detail(trx, actor, id, record, true);
    });
  }

  // ---- hit/no-hit ----

  async startRound(
    context: RequestContext,
    signalId: string,
    request: {
      necessity: string;
      proportionality: string;
      subsidiarity: string;
      subjectIds: string[];
      organisationIds: string[];
      deadline: string;
    },
  ): Promise<SignalDetail> {
    return this.audit.run(
      context,
      { action: 'hitcheck.start', activity: hitcheckActivity },
      async (trx, record) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'signal.manage', [signalId]);
        const row = await repo.findSignal(trx, signalId);
        if (!row) throw notFound();
        if (row.stage !== 'triaged' && row.stage !== 'hit-check')
          throw refused('Een hit/no-hit-ronde kan pas na de weging, en niet meer na het besluit.');
        const subjects = await repo.subjectsOf(trx, [signalId]);
        const problems: InvalidParam[] = [];
        const known = new Set(subjects.map((s) => s.id));
        if (request.subjectIds.some((s) => !known.has(s)))
          problems.push({
            name: 'subjectIds',
            in: 'body',
            code: 'unknown_subject',
            reason: 'Kies betrokkenen van dit signaal.',
          });
        const orgs = await repo.organisationsIn(trx, actor.regionId, request.organisationIds);
        if (orgs.length !== new Set(request.organisationIds).size)
          problems.push({
            name: 'organisationIds',
            in: 'body',
            code: 'unknown_organisation',
            reason: 'Een van de partners hoort niet bij uw regio.',
          });
        const today = this.now().toISOString().slice(0, 10);
        if (request.deadline <= today)
          problems.push({
            name: 'deadline',
            in: 'body',
            code: 'in_the_past',
            reason: 'Kies een uiterste datum na vandaag.',
          });
        if (problems.length) throw invalid(problems);
        const at = this.now();
        const roundId = await repo.insertRound(trx, {
          ...request,
          signalId,
          createdBy: userOf(actor),
          createdAt: at,
        });
        if (row.stage !== 'hit-check')
          await repo.updateSignal(trx, signalId, { stage: 'hit-check', stageSince: at });
        await repo.insertEvent(trx, {
          signalId,
          type: 'round-started',
          at,
          userId: userOf(actor),
          organisationId: actor.organisationId,
          details: {
            roundId,
            partners: orgs.map((o) => o.name),
            subjects: request.subjectIds.length,
            deadline: request.deadline,
          },
        });
        for (const s of subjects.filter((s) => request.subjectIds.includes(s.id)))
          record.subjectData(s.data as SubjectInput, 'hitcheck.subject');
        return this.detail(trx, actor, signalId, record, false);
      },
    );
  }

  async closeRound(context: RequestContext, roundId: string): Promise<SignalDetail> {
    return this.audit.run(
      context,
      { action: 'hitcheck.close', activity: hitcheckActivity },
      async (trx, record) => {
        const round = await repo.findRound(trx, roundId);
        // The signal decides access; an unknown round is as unknown as a signal one may not see.
        const actor = await this.access.requireAccess(trx, context.actor, 'signal.manage', [
          round?.signalId ?? roundId,
        ]);
        if (!round) throw notFound();
        if (round.closedAt) throw refused('Deze ronde is al gesloten.');
        const at = this.now();
        await repo.closeRound(trx, roundId, at);
        await repo.insertEvent(trx, {
          signalId: round.signalId,
          type: 'round-closed',
          at,
          userId: userOf(actor),
          organisationId: actor.organisationId,
          details: { roundId },
        });
        return this.detail(trx, actor, round.signalId, record, false);
      },
    );
  }

  /** A partner's inbox: rounds addressed to its organisation, with only the data to search on. */
  async inbox(context: RequestContext): Promise<HitCheckRequest[]> {
    return this.audit.run(
      context,
      { action: 'hitcheck.inbox', activity: hitcheckActivity },
      async (trx, record) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'hitcheck.answer');
        const rounds = await repo.roundsAddressedTo(trx, actor.organisationId, actor.regionId);
        return this.requests(trx, actor, rounds, record);
      },
    );
  }

  private async requests(
    trx: Db,
    actor: Actor,
    rounds: ReadonlyArray<{ id: string; deadline: string; closedAt: Date | null }>,
    record: AuditRecorder,
  ): Promise<HitCheckRequest[]> {
    const ids = rounds.map((r) => r.id);
    const [subjects, answers] = await Promise.all([
      repo.roundSubjects(trx, ids),
      repo.roundAnswers(trx, ids),
    ]);
    return rounds.map((round) => ({
      roundId: round.id,
      deadline: round.deadline,
      closed: round.closedAt !== null,
      subjects: subjects
        .filter((s) => s.roundId === round.id)
        .map((s) => {
          const data = s.data as SubjectInput;
          record.subjectData(data, 'hitcheck.subject.read');
          return {
            id: s.id,
            kind: s.kind as SubjectInput['kind'],
            search: searchKeys(data),
            answer:
              (answers.find(
                (a) =>
                  a.roundId === round.id && a.subjectId === s.id && a.organisationId === actor.organisationId,
              )?.answer as HitCheckRequest['subjects'][number]['answer']) ?? null,
          };
        }),
    }));
  }

  async answer(
    context: RequestContext,
    roundId: string,
    answers: ReadonlyArray<{ subjectId: string; answer: string }>,
  ): Promise<HitCheckRequest> {
    return this.audit.run(
      context,
      { action: 'hitcheck.answer', activity: hitcheckActivity },
      async (trx, record) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'hitcheck.answer', [roundId]);
        const round = await repo.findRound(trx, roundId);
        if (!round) throw notFound();
        if (round.closedAt)
          throw conflict('hitcheck.round_closed', 'Deze ronde is gesloten; antwoorden kan niet meer.');
        const subjects = await repo.roundSubjects(trx, [roundId]);
        const known = new Set(subjects.map((s) => s.id));
        const unknown = answers.map((a, i) => ({ a, i })).filter(({ a }) => !known.has(a.subjectId));
        if (unknown.length)
          throw invalid(
            unknown.map(({ i }) => ({
              name: `answers.${i}.subjectId`,
              in: 'body' as const,
              code: 'unknown_subject',
              reason: 'Deze betrokkene hoort niet bij deze ronde.',
            })),
          );
        const at = this.now();
        await repo.upsertAnswers(
          trx,
          answers.map((a) => ({
            roundId,
            subjectId: a.subjectId,
            organisationId: actor.organisationId,
            answer: a.answer,
            answeredBy: userOf(actor),
            answeredAt: at,
          })),
        );
        const [request] = await this.requests(trx, actor, [round], record);
        if (!request) throw notFound();
        return request;
      },
    );
  }

  // ---- work queue and lead times ----

  async queue(context: RequestContext): Promise<QueueItem[]> {
    return this.audit.run(context, { action: 'signal.queue', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'signal.manage');
      const rows = await repo.listSignals(
        trx,
        { regionId: actor.regionId, organisationId: actor.organisationId, regionWide: true },
        { open: true },
      );
      const events = await repo.stageEventsOf(
        trx,
        rows.map((r) => r.id),
      );
      const now = this.now().getTime();
      const weight = { high: 0, normal: 1, low: 2 } as const;
      return rows
        .map((r) => {
          const own = events.filter((e) => e.signalId === r.id && stageOfEvent[e.type]);
          const timeInStages: Record<string, number> = {};
          own.forEach((e, i) => {
            const end = own[i + 1]?.at.getTime() ?? now;
            const stage = stageOfEvent[e.type] ?? 'received';
            timeInStages[stage] =
              Math.round((((timeInStages[stage] ?? 0) * DAY + end - e.at.getTime()) / DAY) * 10) / 10;
          });
          return {
            ...this.summary(r),
            daysInStage: Math.round(((now - r.stageSince.getTime()) / DAY) * 10) / 10,
            daysOpen: Math.round(((now - (r.receivedAt ?? r.createdAt).getTime()) / DAY) * 10) / 10,
            timeInStages,
          };
        })
        .sort((a, b) => weight[a.urgency] - weight[b.urgency] || b.daysOpen - a.daysOpen);
    });
  }

  /** Medians and 90th percentiles per district and month of decision: aggregates, so not logged. */
  async leadTimes(
    context: RequestContext,
    filter: { from?: string | undefined; to?: string | undefined; districtId?: string | undefined },
  ) {
    const actor = await this.access.requireAccess(this.db, context.actor, 'signal.statistics');
    const rows = await repo.leadTimeStatistics(this.db, actor.regionId, filter);
    const grouped = new Map<
      string,
      {
        districtId: string;
        month: string;
        decided: number;
        segments: Record<string, { median: number | null; p90: number | null }>;
      }
    >();
    for (const r of rows) {
      const key = `${r.districtId}|${r.month}`;
      const entry = grouped.get(key) ?? {
        districtId: r.districtId,
        month: r.month,
        decided: r.decided,
        segments: {},
      };
      entry.decided = Math.max(entry.decided, r.decided);
      const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
      entry.segments[r.segment] = { median: round(r.median), p90: round(r.p90) };
      grouped.set(key, entry);
    }
    return [...grouped.values()];
  }

  // ---- meetings ----

  private async meetingsOf(
    trx: Db,
    regionId: string,
    filter: Parameters<typeof repo.findMeetings>[2],
  ): Promise<Meeting[]> {
    const rows = await repo.findMeetings(trx, regionId, filter);
    return rows.map((m) => ({
      id: m.id,
      kind: m.kind as Meeting['kind'],
      district: { id: m.districtId, name: m.districtName },
      date: m.date,
      attendingOrganisations: m.organisations,
      agenda: m.agenda.map((a) => ({ signalId: a.signalId, reference: a.reference, outcome: a.outcome })),
      priorities: m.agenda
        .filter((a) => a.priority !== null)
        .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))
        .map((a) => ({ signalId: a.signalId, reference: a.reference, rank: a.priority ?? 0 })),
    }));
  }

  async createMeeting(
    context: RequestContext,
    request: {
      kind: 'loo' | 'dto';
      districtId: string;
      date: string;
      attendingOrganisationIds: string[];
      signalIds: string[];
    },
  ): Promise<Meeting> {
    return this.audit.run(context, { action: 'meeting.create', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'meeting.manage');
      if (request.signalIds.length)
        await this.access.requireAccess(trx, actor, 'signal.read', request.signalIds);
      const orgs = await repo.organisationsIn(trx, actor.regionId, request.attendingOrganisationIds);
      const problems: InvalidParam[] = [];
      if (orgs.length !== new Set(request.attendingOrganisationIds).size)
        problems.push({
          name: 'attendingOrganisationIds',
          in: 'body',
          code: 'unknown_organisation',
          reason: 'Een van de organisaties hoort niet bij uw regio.',
        });
      const district = await trx
        .selectFrom('districts')
        .select('id')
        .where('id', '=', request.districtId)
        .where('regionId', '=', actor.regionId)
        .executeTakeFirst();
      if (!district)
        problems.push({
          name: 'districtId',
          in: 'body',
          code: 'unknown_district',
          reason: 'Dit district hoort niet bij uw regio.',
        });
      if (problems.length) throw invalid(problems);
      const id = await repo.insertMeeting(trx, {
        regionId: actor.regionId,
        districtId: request.districtId,
        kind: request.kind,
        date: request.date,
        createdBy: userOf(actor),
        organisationIds: request.attendingOrganisationIds,
        signalIds: request.signalIds,
      });
      const [meeting] = await this.meetingsOf(trx, actor.regionId, { ids: [id] });
      if (!meeting) throw notFound();
      return meeting;
    });
  }

  async listMeetings(
    context: RequestContext,
    filter: { districtId?: string | undefined; kind?: string | undefined },
  ) {
    return this.audit.run(context, { action: 'meeting.list', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'meeting.manage');
      return this.meetingsOf(trx, actor.regionId, filter);
    });
  }

  async getMeeting(context: RequestContext, meetingId: string): Promise<Meeting> {
    return this.audit.run(context, { action: 'meeting.read', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'meeting.manage', [meetingId]);
      const [meeting] = await this.meetingsOf(trx, actor.regionId, { ids: [meetingId] });
      if (!meeting) throw notFound();
      return meeting;
    });
  }

  /** The outcome of one signal on the agenda; in an LOO it marks the signal as discussed. */
  async recordOutcome(
    context: RequestContext,
    meetingId: string,
    signalId: string,
    outcome: string,
  ): Promise<Meeting> {
    return this.audit.run(context, { action: 'meeting.outcome', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'meeting.manage', [meetingId]);
      const [meeting] = await this.meetingsOf(trx, actor.regionId, { ids: [meetingId] });
      if (!meeting) throw notFound();
      if ((await repo.setOutcome(trx, meetingId, signalId, outcome)) === 0)
        throw invalid([
          {
            name: 'signalId',
            in: 'body',
            code: 'not_on_agenda',
            reason: 'Dit signaal staat niet op de agenda.',
          },
        ]);
      const signal = await repo.findSignal(trx, signalId);
      if (meeting.kind === 'loo' && signal?.stage === 'received') {
        const at =
          new Date(`${meeting.date}T12:00:00Z`) < this.now()
            ? new Date(`${meeting.date}T12:00:00Z`)
            : this.now();
        await repo.updateSignal(trx, signalId, { stage: 'discussed', stageSince: at });
        await repo.insertEvent(trx, {
          signalId,
          type: 'discussed',
          at,
          userId: userOf(actor),
          organisationId: actor.organisationId,
          details: { meetingId, note: outcome },
        });
      }
      const [updated] = await this.meetingsOf(trx, actor.regionId, { ids: [meetingId] });
      if (!updated) throw notFound();
      return updated;
    });
  }

  /** A DTO's priority list for its quarter: signals on its agenda, highest first. */
  async setPriorities(context: RequestContext, meetingId: string, signalIds: string[]): Promise<Meeting> {
    return this.audit.run(context, { action: 'meeting.priorities', activity }, async (trx) => {
      const actor = await this.access.requireAccess(trx, context.actor, 'meeting.manage', [meetingId]);
      const [meeting] = await this.meetingsOf(trx, actor.regionId, { ids: [meetingId] });
      if (!meeting) throw notFound();
      if (meeting.kind !== 'dto') throw refused('Alleen een DTO stelt een prioriteitenlijst vast.');
      const agenda = await repo.agendaSignals(trx, meetingId);
      const off = signalIds.map((id, i) => ({ id, i })).filter(({ id }) => !agenda.has(id));
      if (off.length)
        throw invalid(
          off.map(({ i }) => ({
            name: `signalIds.${i}`,
            in: 'body' as const,
            code: 'not_on_agenda',
            reason: 'Dit signaal staat niet op de agenda.',
          })),
        );
      await repo.setPriorities(trx, meetingId, signalIds);
      const [updated] = await this.meetingsOf(trx, actor.regionId, { ids: [meetingId] });
      if (!updated) throw notFound();
      return updated;
    });
  }
}
