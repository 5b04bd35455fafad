import type {
  AnswerRoundRequest,
  HitCheckRequest,
  HitCheckRequestSummary,
  InvalidParam,
  RoundView,
  SignalDetail,
  StartRoundRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate } from '../../shared/dates.js';
import { conflict, invalid, notFound } from '../../shared/errors.js';
import type { Notifier } from '../../shared/notifier.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import type { AuditRecorder } from '../audit/index.js';
import { participatingAmong } from '../collaborations/index.js';
import { organisationsIn } from '../organisations/index.js';
import {
  type SignalRounds,
  type SignalsService,
  signalSubjectsByIds,
  stepRefused,
} from '../signals/index.js';
import { roundsReachable } from './hitcheck.access.js';
import { presentRequest, presentRound } from './hitcheck.presenter.js';
import * as repo from './hitcheck.repository.js';

const activity = 'samenspel.hitcheck';

/** The rounds of signals as a reader of those signals may see them (for the signal's page). */
export class HitcheckRounds implements SignalRounds {
  constructor(private readonly deps: Pick<ServiceDeps, 'now' | 'access'>) {}

  async of(trx: Db, actor: Actor, signalIds: readonly string[]): Promise<RoundView[]> {
    const rounds = await repo.roundsOf(trx, signalIds);
    const ids = rounds.map((r) => r.id);
    const [asked, organisations, answers] = await Promise.all([
      repo.roundSubjectIds(trx, ids),
      repo.roundOrganisations(trx, ids),
      repo.roundAnswers(trx, ids),
    ]);
    const subjects = await signalSubjectsByIds(trx, [...new Set(asked.map((a) => a.subjectId))]);
    const { access } = this.deps;
    const role = access.holds(actor, 'signal.manage')
      ? 'analyst'
      : access.holds(actor, 'signal.decide')
        ? 'chair'
        : 'other';
    // Whoever may start a case from the signal (it was accepted) reads its rounds as the analyst
    // does: the partners with a hit are the ones the case takes on. Decided per signal, so that
    // no other role of the same user lends it to signals not accepted.
    const startable =
      role === 'analyst'
        ? new Set<string>()
        : await access.allowed(trx, actor, 'signal.start-case', [...new Set(rounds.map((r) => r.signalId))]);
    const today = amsterdamDate(this.deps.now());
    return rounds.map((round) => {
      const reader = startable.has(round.signalId) ? 'analyst' : role;
      const mine = new Set(asked.filter((a) => a.roundId === round.id).map((a) => a.subjectId));
      return presentRound(round, {
        subjects: subjects.filter((s) => mine.has(s.id)),
        organisations: organisations.filter((o) => o.roundId === round.id),
        answers: answers.filter((a) => a.roundId === round.id),
        reader,
        today,
      });
    });
  }
}

/** Hit/no-hit rounds: the analyst asks partners whether they know a signal's subjects; they answer. */
export class HitcheckService {
  constructor(private readonly deps: ServiceDeps & { signals: SignalsService; notifier: Notifier }) {}

  async startRound(
    context: RequestContext,
    signalId: string,
    request: StartRoundRequest,
  ): Promise<SignalDetail> {
    const { audit, access, now, signals } = this.deps;
    return audit.run(context, { action: 'hitcheck.start', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'signal.manage', [signalId]);
      const signal = await signals.forRound(trx, signalId);
      if (!signal) throw notFound();
      if (signal.stage !== 'triaged' && signal.stage !== 'hit-check')
        throw stepRefused('Een hit/no-hit-ronde kan pas na de weging, en niet meer na het besluit.');
      const problems: InvalidParam[] = [];
      const known = new Set(signal.subjects.map((s) => s.id));
      if (request.subjectIds.some((s) => !known.has(s)))
        problems.push({
          name: 'subjectIds',
          in: 'body',
          code: 'unknown_subject',
          reason: 'Kies betrokkenen van dit signaal.',
        });
      const orgs = await organisationsIn(trx, actor.regionId, request.organisationIds);
      if (orgs.length !== new Set(request.organisationIds).size)
        problems.push({
          name: 'organisationIds',
          in: 'body',
          code: 'unknown_organisation',
          reason: 'Een van de partners hoort niet bij uw regio.',
        });
      else if (
        (await participatingAmong(trx, signal.collaborationId, request.organisationIds)).size !==
        new Set(request.organisationIds).size
      )
        problems.push({
          name: 'organisationIds',
          in: 'body',
          code: 'not_a_member',
          reason: 'Een van de partners neemt niet deel aan het samenwerkingsverband van het signaal.',
        });
      const today = amsterdamDate(now());
      if (request.deadline <= today)
        problems.push({
          name: 'deadline',
          in: 'body',
          code: 'in_the_past',
          reason: 'Kies een uiterste datum na vandaag.',
        });
      if (problems.length) throw invalid(problems);
      const at = now();
      const roundId = await repo.insertRound(trx, {
        ...request,
        signalId,
        regionId: signal.regionId,
        collaborationId: signal.collaborationId,
        createdBy: userOf(actor),
        createdAt: at,
      });
      await signals.roundStarted(trx, actor, signalId, at, {
        roundId,
        partners: orgs.map((o) => o.name),
        subjects: request.subjectIds.length,
        deadline: request.deadline,
      });
      await this.deps.notifier.notify(trx, actor, record, {
        kind: 'hitcheck-request',
        roundId,
        deadline: request.deadline,
        organisationIds: request.organisationIds,
      });
      for (const s of signal.subjects.filter((s) => request.subjectIds.includes(s.id)))
        record.subjectData(s.data, 'hitcheck.subject');
      return signals.detail(trx, actor, signalId, record, false);
    });
  }

  async closeRound(context: RequestContext, roundId: string): Promise<SignalDetail> {
    const { audit, access, now, signals } = this.deps;
    return audit.run(context, { action: 'hitcheck.close', activity }, async (trx, record) => {
      const round = await repo.findRound(trx, roundId);
      // The signal decides access; an unknown round is as unknown as a signal one may not see.
      const actor = await access.requireAccess(trx, context.actor, 'signal.manage', [
        round?.signalId ?? roundId,
      ]);
      if (!round) throw notFound();
      if (round.closedAt) throw stepRefused('Deze ronde is al gesloten.');
      const at = now();
      await repo.closeRound(trx, roundId, at);
      await signals.roundClosed(trx, actor, round.signalId, at, roundId);
      return signals.detail(trx, actor, round.signalId, record, false);
    });
  }

  /** A partner's inbox: rounds addressed to its organisation, with only the data to search on. */
  async inbox(context: RequestContext): Promise<HitCheckRequest[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'hitcheck.inbox', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'hitcheck.answer');
      const rounds = await repo.roundsReachable(trx, roundsReachable(actor, 'hitcheck.answer'));
      return this.requests(trx, actor, rounds, record);
    });
  }

  /**
   * The open requests of the partner's organisation that still miss an answer, counted: the start
   * page says how many wait and until when without reading the data searched on, so nothing
   * personal is read or logged.
   */
  async openRequests(context: RequestContext): Promise<HitCheckRequestSummary[]> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'hitcheck.open-requests', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'hitcheck.answer');
      const open = (await repo.roundsReachable(trx, roundsReachable(actor, 'hitcheck.answer'))).filter(
        (r) => !r.closedAt,
      );
      const ids = open.map((r) => r.id);
      const [asked, answers] = await Promise.all([
        repo.roundSubjectIds(trx, ids),
        repo.roundAnswers(trx, ids),
      ]);
      return open
        .map((round) => ({
          roundId: round.id,
          deadline: round.deadline,
          subjects: asked.filter((a) => a.roundId === round.id).length,
          answered: answers.filter((a) => a.roundId === round.id && a.organisationId === actor.organisationId)
            .length,
        }))
        .filter((r) => r.answered < r.subjects)
        .sort((a, b) => a.deadline.localeCompare(b.deadline));
    });
  }

  private async requests(
    trx: Db,
    actor: Actor,
    rounds: ReadonlyArray<{ id: string; deadline: string; closedAt: Date | null }>,
    record: AuditRecorder,
  ): Promise<HitCheckRequest[]> {
    const ids = rounds.map((r) => r.id);
    const [asked, answers] = await Promise.all([repo.roundSubjectIds(trx, ids), repo.roundAnswers(trx, ids)]);
    const subjects = await signalSubjectsByIds(trx, [...new Set(asked.map((a) => a.subjectId))]);
    return rounds.map((round) => {
      const mine = new Set(asked.filter((a) => a.roundId === round.id).map((a) => a.subjectId));
      const own = subjects.filter((s) => mine.has(s.id));
      for (const s of own) record.subjectData(s.data, 'hitcheck.subject.read');
      return presentRequest(round, own, answers, actor.organisationId);
    });
  }

  async answer(
    context: RequestContext,
    roundId: string,
    answers: AnswerRoundRequest['answers'],
  ): Promise<HitCheckRequest> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'hitcheck.answer', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'hitcheck.answer', [roundId]);
      const round = await repo.findRound(trx, roundId);
      if (!round) throw notFound();
      if (round.closedAt)
        throw conflict('hitcheck.round_closed', 'Deze ronde is gesloten; antwoorden kan niet meer.');
      const known = new Set((await repo.roundSubjectIds(trx, [roundId])).map((s) => s.subjectId));
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
      const at = now();
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
    });
  }
}
