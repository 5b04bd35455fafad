import type {
  LeadTimeQuery,
  LeadTimeRow,
  QueueHolder,
  QueueItem,
  QueueNextStep,
  SignalStage,
  SignalSummary,
  SignalWork,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate, daysBetweenDates } from '../../shared/dates.js';
import type { ServiceDeps } from '../../shared/service.js';
import { displayNames } from '../users/index.js';
import { signalsReachable } from './signals.access.js';
import { presentSummary, shortDescription } from './signals.presenter.js';
import * as repo from './signals.repository.js';
import type { SignalRounds } from './signals.service.js';

const activity = 'samenspel.signals';

type LeadTimeSegment = keyof LeadTimeRow['segments'];

const stageOfEvent: Record<string, SignalStage> = {
  received: 'received',
  discussed: 'discussed',
  substantiated: 'substantiated',
  triaged: 'triaged',
  'round-started': 'hit-check',
  decided: 'decided',
};

/**
 * The accepted signals the actor may start a case from (`signal.start-case`), latest decision
 * first: for the start page of whoever starts cases. Which of them already became a case is the
 * cases module's to say. References, places and stages only.
 */
export async function startableSignals(trx: Db, actor: Actor): Promise<SignalSummary[]> {
  const rows = await repo.signalsInStages(trx, signalsReachable(actor, 'signal.start-case'), {
    stages: ['decided'],
    limit: 200,
  });
  return rows.map(presentSummary);
}

/**
 * Whose turn it is with an open signal and what they do next, by its stage: the RIEC takes it
 * to the LOO, the municipality and the police write the joint note, the RIEC triages; a quick
 * route goes to the DTO, an integral one to a hit/no-hit round first, whose addressed partners
 * hold it while it is open.
 */
function turnOf(
  stage: SignalStage,
  route: 'quick' | 'integral' | null,
  openRound: boolean,
): { holder: QueueHolder; nextStep: QueueNextStep } {
  switch (stage) {
    case 'discussed':
      return { holder: 'municipality-and-police', nextStep: 'substantiate' };
    case 'substantiated':
      return { holder: 'riec', nextStep: 'triage' };
    case 'triaged':
      return route === 'quick'
        ? { holder: 'dto', nextStep: 'decide' }
        : { holder: 'riec', nextStep: 'start-round' };
    case 'hit-check':
      return openRound
        ? { holder: 'partners', nextStep: 'await-answers' }
        : { holder: 'dto', nextStep: 'decide' };
    default:
      return { holder: 'riec', nextStep: 'discuss' };
  }
}

/** The analyst's work queue, each reader's start page, and the lead times of decided signals. */
export class SignalQueue {
  constructor(private readonly deps: ServiceDeps & { rounds: SignalRounds }) {}

  /**
   * The signals part of "Mijn werk": each list for whoever holds its permission, through that
   * permission's predicate. References, places and stages only, so nobody's personal data is read.
   */
  async work(context: RequestContext): Promise<SignalWork> {
    const { audit, access, rounds } = this.deps;
    return audit.run(context, { action: 'signal.work', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'signal.read');
      const holds = (p: Parameters<typeof access.holds>[1]) => access.holds(actor, p);
      const drafts = holds('signal.update')
        ? await repo.signalsInStages(trx, signalsReachable(actor, 'signal.update'), {
            stages: ['draft'],
            organisationId: actor.organisationId,
            limit: 20,
          })
        : null;
      const recent = holds('signal.create')
        ? await repo.signalsInStages(trx, signalsReachable(actor, 'signal.read'), {
            stages: ['received', 'discussed', 'substantiated', 'triaged', 'hit-check', 'decided'],
            organisationId: actor.organisationId,
            limit: 10,
          })
        : null;
      const stageCounts = holds('signal.manage')
        ? await repo.openStageCounts(trx, signalsReachable(actor, 'signal.manage'))
        : null;

      let awaitingDecision: SignalWork['awaitingDecision'] = null;
      if (holds('signal.decide')) {
        const weighed = await repo.signalsInStages(trx, signalsReachable(actor, 'signal.decide'), {
          stages: ['triaged', 'hit-check'],
          limit: 100,
        });
        awaitingDecision = [];
        for (const r of weighed) {
          const own = await rounds.of(trx, actor, [r.id]);
          if (own.some((round) => !round.closedAt)) continue;
          awaitingDecision.push({ ...presentSummary(r), waitingSince: amsterdamDate(r.stageSince) });
        }
        // The longest waiting first: the DTO takes them in that order.
        awaitingDecision.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
      }

      let overdueRounds: SignalWork['overdueRounds'] = null;
      if (holds('signal.manage')) {
        const checking = await repo.signalsInStages(trx, signalsReachable(actor, 'signal.manage'), {
          stages: ['hit-check'],
          limit: 100,
        });
        overdueRounds = [];
        for (const r of checking)
          for (const round of await rounds.of(trx, actor, [r.id]))
            if (!round.closedAt && round.overdue?.length)
              overdueRounds.push({
                signal: { id: r.id, reference: r.reference },
                roundId: round.id,
                deadline: round.deadline,
                missing: round.overdue,
              });
        overdueRounds.sort((a, b) => a.deadline.localeCompare(b.deadline));
      }
      return {
        drafts: drafts?.map(presentSummary) ?? null,
        recent: recent?.map(presentSummary) ?? null,
        stageCounts,
        awaitingDecision,
        overdueRounds,
      };
    });
  }

  async queue(context: RequestContext): Promise<QueueItem[]> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'signal.queue', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'signal.manage');
      const rows = await repo.openSignals(trx, signalsReachable(actor, 'signal.manage'));
      const events = await repo.stageEventsOf(
        trx,
        rows.map((r) => r.id),
      );
      const names = await displayNames(
        trx,
        events.map((e) => e.userId),
      );
      // Time in each stage by the dates the steps happened, up to today in the Netherlands.
      const today = amsterdamDate(now());
      const weight = { high: 0, normal: 1, low: 2 } as const;
      return rows
        .map((r) => {
          const all = events.filter((e) => e.signalId === r.id);
          const own = all.filter((e) => stageOfEvent[e.type]);
          const timeInStages: Record<string, number> = {};
          own.forEach((e, i) => {
            const end = own[i + 1]?.happenedOn ?? today;
            const stage = stageOfEvent[e.type] ?? 'received';
            timeInStages[stage] = (timeInStages[stage] ?? 0) + daysBetweenDates(e.happenedOn, end);
          });
          const last = own.at(-1);
          const rounds = all.filter((e) => e.type === 'round-started').length;
          const closed = all.filter((e) => e.type === 'round-closed').length;
          const byWhom = all.at(-1)?.userId;
          return {
            ...presentSummary(r),
            daysInStage: last ? daysBetweenDates(last.happenedOn, today) : 0,
            daysOpen: daysBetweenDates(r.receivedOn ?? amsterdamDate(r.createdAt), today),
            timeInStages,
            summary: shortDescription(r.description),
            ...turnOf(r.stage, r.route, rounds > closed),
            lastStepBy: byWhom ? (names.get(byWhom) ?? null) : null,
          };
        })
        .sort((a, b) => weight[a.urgency] - weight[b.urgency] || b.daysOpen - a.daysOpen);
    });
  }

  /** Medians and 90th percentiles per district and month of decision: aggregates, so not logged. */
  async leadTimes(context: RequestContext, filter: LeadTimeQuery): Promise<LeadTimeRow[]> {
    const { db, access } = this.deps;
    const actor = await access.requireAccess(db, context.actor, 'signal.statistics');
    const rows = await repo.leadTimeStatistics(db, actor.regionId, filter);
    const groups = new Map<string, typeof rows>();
    for (const r of rows) {
      const key = `${r.districtId}|${r.month}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    return [...groups.values()].flatMap((group) => {
      const [first] = group;
      if (!first) return [];
      const segment = (name: LeadTimeSegment) => {
        const r = group.find((g) => g.segment === name);
        return { median: round(r?.median ?? null), p90: round(r?.p90 ?? null) };
      };
      return [
        {
          districtId: first.districtId,
          month: first.month,
          decided: Math.max(...group.map((g) => g.decided)),
          segments: {
            intakeToLoo: segment('intakeToLoo'),
            looToTriage: segment('looToTriage'),
            triageToDecision: segment('triageToDecision'),
            intakeToDecision: segment('intakeToDecision'),
          },
        },
      ];
    });
  }
}
