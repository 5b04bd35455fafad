import type { CreateMeetingRequest, InvalidParam, Meeting, MeetingListQuery } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { covenantOf, participatingAmong } from '../collaborations/index.js';
import { districtIn, municipalitiesIn, organisationsIn } from '../organisations/index.js';
import {
  type SignalsService,
  signalCollaborations,
  signalReferences,
  stepRefused,
} from '../signals/index.js';
import { meetingsReachable } from './meetings.access.js';
import { presentMeeting } from './meetings.presenter.js';
import * as repo from './meetings.repository.js';

const activity = 'samenspel.signals';

/** LOO and DTO meetings: agendas of signals, outcomes, and a DTO's quarterly priorities. */
export class MeetingsService {
  constructor(private readonly deps: ServiceDeps & { signals: SignalsService }) {}

  private async meetingsOf(trx: Db, actor: Actor, filter: Parameters<typeof repo.findMeetings>[2]) {
    const rows = await repo.findMeetings(trx, meetingsReachable(actor, 'meeting.manage'), filter);
    const references = await signalReferences(
      trx,
      rows.flatMap((m) => m.agenda.map((a) => a.signalId)),
    );
    return rows.map((m) => presentMeeting(m, references));
  }

  private async one(trx: Db, actor: Actor, id: string): Promise<Meeting> {
    const [meeting] = await this.meetingsOf(trx, actor, { ids: [id] });
    if (!meeting) throw notFound();
    return meeting;
  }

  async create(context: RequestContext, request: CreateMeetingRequest): Promise<Meeting> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'meeting.create', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'meeting.manage');
      if (request.signalIds.length) await access.requireAccess(trx, actor, 'signal.read', request.signalIds);
      const orgs = await organisationsIn(trx, actor.regionId, request.attendingOrganisationIds);
      const problems: InvalidParam[] = [];
      if (orgs.length !== new Set(request.attendingOrganisationIds).size)
        problems.push({
          name: 'attendingOrganisationIds',
          in: 'body',
          code: 'unknown_organisation',
          reason: 'Een van de organisaties hoort niet bij uw regio.',
        });
      if (!(await districtIn(trx, actor.regionId, request.districtId)))
        problems.push({
          name: 'districtId',
          in: 'body',
          code: 'unknown_district',
          reason: 'Dit district hoort niet bij uw regio.',
        });
      if (request.municipalityCode) {
        const [place] = await municipalitiesIn(trx, actor.regionId, [request.municipalityCode]);
        if (request.kind !== 'loo')
          problems.push({
            name: 'municipalityCode',
            in: 'body',
            code: 'not_local',
            reason: 'Alleen een lokaal ondermijningsoverleg (LOO) hoort bij één gemeente.',
          });
        else if (place?.districtId !== request.districtId)
          problems.push({
            name: 'municipalityCode',
            in: 'body',
            code: 'not_in_district',
            reason: 'Deze gemeente hoort niet bij het gekozen district.',
          });
      }
      // A meeting is one collaboration's: the region's covenant, with its signals and members.
      const collaborationId = await covenantOf(trx, actor.regionId);
      const members = await participatingAmong(trx, collaborationId, request.attendingOrganisationIds);
      if (!problems.length && members.size !== new Set(request.attendingOrganisationIds).size)
        problems.push({
          name: 'attendingOrganisationIds',
          in: 'body',
          code: 'not_a_member',
          reason: 'Een van de organisaties neemt niet deel aan het samenwerkingsverband.',
        });
      const elsewhere = [...(await signalCollaborations(trx, request.signalIds))].filter(
        ([, c]) => c !== collaborationId,
      );
      if (elsewhere.length)
        problems.push({
          name: 'signalIds',
          in: 'body',
          code: 'other_collaboration',
          reason: 'Een van de signalen hoort bij een ander samenwerkingsverband dan dit overleg.',
        });
      if (problems.length) throw invalid(problems);
      const id = await repo.insertMeeting(trx, {
        regionId: actor.regionId,
        collaborationId,
        districtId: request.districtId,
        municipalityCode: request.municipalityCode ?? null,
        kind: request.kind,
        date: request.date,
        createdBy: userOf(actor),
        createdAt: now(),
        organisationIds: request.attendingOrganisationIds,
        signalIds: request.signalIds,
      });
      return this.one(trx, actor, id);
    });
  }

  async list(context: RequestContext, filter: MeetingListQuery) {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'meeting.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'meeting.manage');
      return this.meetingsOf(trx, actor, filter);
    });
  }

  async get(context: RequestContext, meetingId: string): Promise<Meeting> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'meeting.read', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'meeting.manage', [meetingId]);
      return this.one(trx, actor, meetingId);
    });
  }

  /** The outcome of one signal on the agenda; in an LOO it marks the signal as discussed. */
  async recordOutcome(
    context: RequestContext,
    meetingId: string,
    signalId: string,
    outcome: string,
  ): Promise<Meeting> {
    const { audit, access, signals } = this.deps;
    return audit.run(context, { action: 'meeting.outcome', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'meeting.manage', [meetingId]);
      const meeting = await this.one(trx, actor, meetingId);
      if ((await repo.setOutcome(trx, meetingId, signalId, outcome)) === 0)
        throw invalid([
          {
            name: 'signalId',
            in: 'body',
            code: 'not_on_agenda',
            reason: 'Dit signaal staat niet op de agenda.',
          },
        ]);
      if (meeting.kind === 'loo') await signals.discussedInMeeting(trx, actor, signalId, meeting, outcome);
      return this.one(trx, actor, meetingId);
    });
  }

  /** A DTO's priority list for its quarter: signals on its agenda, highest first. */
  async setPriorities(context: RequestContext, meetingId: string, signalIds: string[]): Promise<Meeting> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'meeting.priorities', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'meeting.manage', [meetingId]);
      const meeting = await this.one(trx, actor, meetingId);
      if (meeting.kind !== 'dto') throw stepRefused('Alleen een DTO stelt een prioriteitenlijst vast.');
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
      return this.one(trx, actor, meetingId);
    });
  }
}
