import {
  type InvalidParam,
  MAX_EXPORT_ROWS,
  type RoundView,
  type SignalDetail,
  type SignalDraftInput,
  type SignalExportQuery,
  type SignalListQuery,
  type SignalPage,
  type SignalStage,
  type SignalTransition,
  signalInput,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { SignalEventType } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { amsterdamDate, type EarlierStep, happenedProblems } from '../../shared/dates.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import type { Notifier } from '../../shared/notifier.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { tooManyToExport } from '../../shared/workbook.js';
import type { AuditRecorder } from '../audit/index.js';
import { collaborationsOfRegion, covenantOf, participatingAmong } from '../collaborations/index.js';
import { municipalitiesIn, organisationsIn, themesIn } from '../organisations/index.js';
import { registerLabel, registerSubject } from '../subjects/index.js';
import { displayNames } from '../users/index.js';
import { signalsReachable } from './signals.access.js';
import { presentDetail, presentSummary, signalsWorkbook } from './signals.presenter.js';
import * as repo from './signals.repository.js';

const activity = 'samenspel.signals';

/** The hit/no-hit rounds of signals as the actor may see them (the hitcheck module's). */
export interface SignalRounds {
  of(trx: Db, actor: Actor, signalIds: readonly string[]): Promise<RoundView[]>;
}

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

/** How a date message names each step a later one may not precede. */
const stepNames: Partial<Record<SignalEventType, string>> = {
  received: 'de ontvangst',
  discussed: 'de bespreking in het LOO',
  substantiated: 'de onderbouwing',
  triaged: 'de weging',
  'round-started': 'de start van de hit/no-hit-ronde',
  'round-closed': 'het sluiten van de hit/no-hit-ronde',
  decided: 'het besluit',
};

/** The steps a signal has taken, with the dates they happened: what a next step may not precede. */
function earlierSteps(events: ReadonlyArray<{ type: SignalEventType; happenedOn: string }>): EarlierStep[] {
  return events.flatMap((e) => {
    const what = stepNames[e.type];
    return what ? [{ on: e.happenedOn, what }] : [];
  });
}

/** A step that the signal's stage does not allow (409). */
export function refused(detail: string): AppError {
  return new AppError({ code: 'signal.transition_refused', status: 409, title: 'Niet mogelijk', detail });
}

/** Signals from intake to decision, with the work queue and lead times. */
export class SignalsService {
  constructor(
    private readonly deps: ServiceDeps & {
      rounds: SignalRounds;
      notifier: Notifier;
      /** Whether a transition answers with the signal after it (false only for the demo's history). */
      answers: boolean;
    },
  ) {}

  /** Checks references to organisations, municipality and themes; all problems at once. */
  private async checkReferences(
    trx: Db,
    actor: Actor,
    input: SignalDraftInput,
    complete: boolean,
    collaborationId: string,
  ): Promise<InvalidParam[]> {
    const problems: InvalidParam[] = [];
    // Everyone on the signal takes part in its collaboration: nothing crosses to another.
    const members = await participatingAmong(trx, collaborationId, [
      actor.organisationId,
      ...(input.submittingOrganisationIds ?? []),
      ...(input.receivedFromOrganisationId ? [input.receivedFromOrganisationId] : []),
    ]);
    if (!members.has(actor.organisationId))
      problems.push({
        name: 'collaborationId',
        in: 'body',
        code: 'not_a_member',
        reason: 'Uw organisatie neemt niet deel aan dit samenwerkingsverband.',
      });
    if (complete) {
      const parsed = signalInput.safeParse(input);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          problems.push({ name: issue.path.join('.'), in: 'body', code: issue.code, reason: issue.message });
      }
    }
    const orgIds = input.submittingOrganisationIds ?? [];
    const orgs = await organisationsIn(trx, actor.regionId, orgIds);
    if (orgs.length !== new Set(orgIds).size)
      problems.push({
        name: 'submittingOrganisationIds',
        in: 'body',
        code: 'unknown_organisation',
        reason: 'Een van de organisaties hoort niet bij uw regio.',
      });
    else if (orgIds.some((o) => !members.has(o)))
      problems.push({
        name: 'submittingOrganisationIds',
        in: 'body',
        code: 'not_a_member',
        reason: 'Een van de indieners neemt niet deel aan het samenwerkingsverband.',
      });
    else if (orgIds.length && !orgIds.includes(actor.organisationId))
      problems.push({
        name: 'submittingOrganisationIds',
        in: 'body',
        code: 'own_organisation_missing',
        reason:
          'Uw eigen organisatie moet een van de indieners zijn. Komt het signaal van een partner die het niet zelf indient, kies die dan bij "Ontvangen van".',
      });
    const from = input.receivedFromOrganisationId;
    if (from && (await organisationsIn(trx, actor.regionId, [from])).length === 0)
      problems.push({
        name: 'receivedFromOrganisationId',
        in: 'body',
        code: 'unknown_organisation',
        reason: 'Deze organisatie hoort niet bij uw regio.',
      });
    else if (from && !members.has(from))
      problems.push({
        name: 'receivedFromOrganisationId',
        in: 'body',
        code: 'not_a_member',
        reason: 'Deze organisatie neemt niet deel aan het samenwerkingsverband.',
      });
    else if (from && orgIds.includes(from))
      problems.push({
        name: 'receivedFromOrganisationId',
        in: 'body',
        code: 'also_submitter',
        reason: 'Een indiener is niet ook de partner waarvan het signaal is ontvangen.',
      });
    if (
      input.municipalityCode &&
      (await municipalitiesIn(trx, actor.regionId, [input.municipalityCode])).length === 0
    )
      problems.push({
        name: 'municipalityCode',
        in: 'body',
        code: 'unknown_municipality',
        reason: 'Deze gemeente hoort niet bij uw regio.',
      });
    const themeIds = input.themeIds ?? [];
    if ((await themesIn(trx, actor.regionId, themeIds)).length !== new Set(themeIds).size)
      problems.push({ name: 'themeIds', in: 'body', code: 'unknown_theme', reason: 'Onbekend thema.' });
    return problems;
  }

  /** The collaboration chosen, or the region's covenant; one of another region is refused as unknown. */
  private async collaborationFor(trx: Db, actor: Actor, input: SignalDraftInput): Promise<string> {
    if (!input.collaborationId) return covenantOf(trx, actor.regionId);
    if (!(await collaborationsOfRegion(trx, actor.regionId, [input.collaborationId])).size)
      throw invalid([
        {
          name: 'collaborationId',
          in: 'body',
          code: 'unknown_collaboration',
          reason: 'Dit samenwerkingsverband hoort niet bij uw regio.',
        },
      ]);
    return input.collaborationId;
  }

  private async write(trx: Db, id: string, input: SignalDraftInput, record: AuditRecorder): Promise<void> {
    await repo.updateSignal(trx, id, {
      source: input.source ?? null,
      description: input.description ?? null,
      municipalityCode: input.municipalityCode ?? null,
      urgency: input.urgency ?? null,
      receivedFromOrganisationId: input.receivedFromOrganisationId ?? null,
    });
    await repo.replaceOrganisations(trx, id, input.submittingOrganisationIds ?? []);
    await repo.replaceThemes(trx, id, input.themeIds ?? []);
    const subjects = input.subjects ?? [];
    await repo.replaceSubjects(
      trx,
      id,
      subjects.map((data) => ({ data, label: registerLabel(data) })),
    );
    for (const s of subjects) record.subjectData(s, 'signal.subject.write', { type: 'signal', id });
  }

  /**
   * A signal's content as it will be written, checked: a draft without submitters belongs to the
   * organisation that starts it; its collaboration; every problem of its references (and, to
   * submit, of its contract and its date of receipt) at once. The moment of writing and the day
   * it was received.
   */
  private async checked(trx: Db, actor: Actor, input: SignalDraftInput, submit: boolean) {
    if (!input.submittingOrganisationIds?.length)
      input = { ...input, submittingOrganisationIds: [actor.organisationId] };
    const collaborationId = await this.collaborationFor(trx, actor, input);
    const at = this.deps.now();
    const receivedOn = input.happenedOn ?? amsterdamDate(at);
    const problems = [
      ...(await this.checkReferences(trx, actor, input, submit, collaborationId)),
      ...(submit ? happenedProblems('happenedOn', receivedOn, amsterdamDate(at)) : []),
    ];
    if (problems.length) throw invalid(problems);
    return { input, collaborationId, at, receivedOn };
  }

  /** A submitted signal's subjects enter the subject register, with the submitter as provenance. */
  private async register(
    trx: Db,
    actor: Actor,
    signalId: string,
    collaborationId: string,
    at: Date,
  ): Promise<void> {
    for (const s of await repo.subjectsOf(trx, [signalId]))
      await registerSubject(trx, actor.regionId, s.data, {
        collaborationId,
        signalId,
        signalSubjectId: s.id,
        organisationId: actor.organisationId,
        source: 'signal',
        at,
      });
  }

  async create(context: RequestContext, input: SignalDraftInput, submit: boolean): Promise<SignalDetail> {
    const { audit, access } = this.deps;
    return audit.run(
      context,
      { action: submit ? 'signal.submit' : 'signal.create-draft', activity },
      async (trx, record) => {
        const actor = await access.requireAccess(trx, context.actor, 'signal.create');
        const id = await this.createWithin(trx, actor, input, submit, record);
        return this.detail(trx, actor, id, record, false);
      },
    );
  }

  /**
   * A signal made, or made and submitted, by someone who may create signals, in the caller's
   * transaction (a request's, or an import's of a partner's register): checked, written with its
   * subjects (each recorded on `record`), registered and dated. Its id.
   */
  async createWithin(
    trx: Db,
    actor: Actor,
    input: SignalDraftInput,
    submit: boolean,
    record: AuditRecorder,
  ): Promise<string> {
    const { collaborationId, at, receivedOn, ...checked } = await this.checked(trx, actor, input, submit);
    input = checked.input;
    const id = await repo.insertSignal(trx, {
      regionId: actor.regionId,
      collaborationId,
      reference: await repo.nextReference(trx, submit ? receivedOn : amsterdamDate(at)),
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
    if (submit) await this.register(trx, actor, id, collaborationId, at);
    const by = { signalId: id, at, userId: userOf(actor), organisationId: actor.organisationId };
    // Written and submitted in one go, the signal was made when it was received.
    await repo.insertEvent(trx, {
      ...by,
      type: 'created',
      happenedOn: submit ? receivedOn : amsterdamDate(at),
    });
    if (submit) await repo.insertEvent(trx, { ...by, type: 'received', happenedOn: receivedOn });
    return id;
  }

  async updateDraft(
    context: RequestContext,
    id: string,
    input: SignalDraftInput,
    submit: boolean,
  ): Promise<SignalDetail> {
    const { audit, access } = this.deps;
    return audit.run(
      context,
      { action: submit ? 'signal.submit' : 'signal.update-draft', activity },
      async (trx, record) => {
        const actor = await access.requireAccess(trx, context.actor, 'signal.update', [id]);
        const { collaborationId, at, receivedOn, ...checked } = await this.checked(trx, actor, input, submit);
        input = checked.input;
        await repo.updateSignal(trx, id, { collaborationId });
        await this.write(trx, id, input, record);
        if (submit) {
          await this.register(trx, actor, id, collaborationId, at);
          await repo.updateSignal(trx, id, { stage: 'received', receivedAt: at, stageSince: at });
          await repo.insertEvent(trx, {
            signalId: id,
            type: 'received',
            at,
            happenedOn: receivedOn,
            userId: userOf(actor),
            organisationId: actor.organisationId,
          });
        }
        return this.detail(trx, actor, id, record, false);
      },
    );
  }

  /** One page of the signals the caller may see, filtered and sorted (newest stage first). */
  async list(context: RequestContext, query: Partial<SignalListQuery>): Promise<SignalPage> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'signal.list', activity }, async (trx) => {
      const actor = await access.requireAccess(trx, context.actor, 'signal.read');
      const { sort = '-stageSince', page = 1, pageSize = 50, ...filter } = query;
      const { rows, total } = await repo.listSignals(
        trx,
        signalsReachable(actor, 'signal.read'),
        { ...filter, organisationId: actor.organisationId },
        { sort, offset: (page - 1) * pageSize, limit: pageSize },
      );
      // A list shows references, places and stages, no subjects: nobody's personal data is read here.
      return { items: rows.map(presentSummary), total, page, pageSize };
    });
  }

  /**
   * Exactly the signals the filter selects, as a workbook: logged as a read of each of them
   * (their subjects, in each signal), since the rows leave Samenspel with their descriptions.
   */
  async exportList(context: RequestContext, query: Partial<SignalExportQuery>): Promise<Buffer> {
    const { audit, access, now } = this.deps;
    return audit.run(context, { action: 'signal.export', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'signal.read');
      const { sort = '-stageSince', ...filter } = query;
      const { rows, total } = await repo.listSignals(
        trx,
        signalsReachable(actor, 'signal.read'),
        { ...filter, organisationId: actor.organisationId },
        { sort, offset: 0, limit: MAX_EXPORT_ROWS },
      );
      if (total > MAX_EXPORT_ROWS) throw tooManyToExport(total, 'signalen');
      for (const s of await repo.subjectsOf(
        trx,
        rows.map((r) => r.id),
      ))
        record.subjectData(s.data, 'signal.subject.read', { type: 'signal', id: s.signalId });
      return signalsWorkbook(rows, filter, now());
    });
  }

  async get(context: RequestContext, id: string): Promise<SignalDetail> {
    const { audit, access } = this.deps;
    return audit.run(context, { action: 'signal.read', activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, 'signal.read', [id]);
      return this.detail(trx, actor, id, record, true);
    });
  }

  private abilities(actor: Actor, stage: SignalStage, hasOpenRound: boolean): string[] {
    const can = (p: Parameters<ServiceDeps['access']['holds']>[1]) => this.deps.access.holds(actor, p);
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

  /**
   * The signal as the actor may see it, in the caller's transaction (after its access check).
   * With `reading`, its subjects are logged as read.
   */
  async detail(
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
      this.deps.rounds.of(trx, actor, [id]),
    ]);
    if (reading) for (const s of subjects) record.subjectData(s.data, 'signal.subject.read');
    const names = await displayNames(
      trx,
      events.map((e) => e.userId),
    );
    const referred = events.flatMap((e) =>
      typeof e.details.referredTo === 'string' ? [e.details.referredTo] : [],
    );
    const organisations = new Map(
      (referred.length ? await organisationsIn(trx, row.regionId, referred) : []).map((o) => [o.id, o.name]),
    );
    // The weighing is read by those who may take its steps or decide on this very signal.
    const { access } = this.deps;
    const weighs =
      (await access.allowed(trx, actor, 'signal.manage', [id])).has(id) ||
      (await access.allowed(trx, actor, 'signal.decide', [id])).has(id);
    return presentDetail(row, {
      subjects,
      events,
      names,
      organisations,
      weighs,
      rounds,
      abilities: this.abilities(
        actor,
        row.stage,
        rounds.some((r) => !r.closedAt),
      ),
    });
  }

  async transition(context: RequestContext, id: string, step: SignalTransition): Promise<SignalDetail> {
    const { audit, access, now } = this.deps;
    const permission =
      step.type === 'decided'
        ? 'signal.decide'
        : step.type === 'withdrawn'
          ? 'signal.withdraw'
          : 'signal.manage';
    return audit.run(context, { action: `signal.${step.type}`, activity }, async (trx, record) => {
      const actor = await access.requireAccess(trx, context.actor, permission, [id]);
      const row = await repo.findSignal(trx, id);
      if (!row) throw notFound();
      const stage = row.stage;
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
      const at = now();
      const happenedOn = step.happenedOn ?? amsterdamDate(at);
      // The date is checked with the step's other input, so that every problem is listed at once.
      const problems = happenedProblems(
        'happenedOn',
        happenedOn,
        amsterdamDate(at),
        earlierSteps(await repo.eventsOf(trx, id)),
      );
      const base = {
        signalId: id,
        at,
        happenedOn,
        userId: userOf(actor),
        organisationId: actor.organisationId,
      };
      if (problems.length && step.type !== 'substantiated' && step.type !== 'decided')
        throw invalid(problems);
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
          const members = await participatingAmong(trx, row.collaborationId, step.organisationIds);
          const orgs = (await organisationsIn(trx, actor.regionId, step.organisationIds)).filter((o) =>
            members.has(o.id),
          );
          const kinds = new Set(orgs.map((o) => o.kind));
          if (
            orgs.length !== new Set(step.organisationIds).size ||
            !kinds.has('municipality') ||
            !kinds.has('police')
          )
            problems.push({
              name: 'organisationIds',
              in: 'body',
              code: 'joint_note',
              reason: 'Een onderbouwing is van een gemeente en de politie samen.',
            });
          if (problems.length) throw invalid(problems);
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
          const open = (await this.deps.rounds.of(trx, actor, [id])).some((r) => !r.closedAt);
          if (open) throw refused('Sluit eerst de lopende hit/no-hit-ronde.');
          let referredTo: string | null = null;
          if (step.decision === 'referred') {
            // Referred within the signal's collaboration only.
            const to = step.referredToOrganisationId;
            const [org] =
              to && (await participatingAmong(trx, row.collaborationId, [to])).has(to)
                ? await organisationsIn(trx, actor.regionId, [to])
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
          await this.deps.notifier.notify(trx, actor, record, {
            kind: 'signal-decided',
            signalId: id,
            reference: row.reference,
            decision: step.decision,
            organisationIds: row.organisations.map((o) => o.id),
            creatorId: row.createdBy,
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
      if (!this.deps.answers) return undefined as unknown as SignalDetail;
      return this.detail(trx, actor, id, record, true);
    });
  }

  // ---- steps other modules take on a signal, in their own transaction ----

  /** The signal and its subjects, for a hit/no-hit round (after the caller's access check). */
  async forRound(trx: Db, id: string) {
    const row = await repo.findSignal(trx, id);
    if (!row) return null;
    return {
      stage: row.stage,
      regionId: row.regionId,
      collaborationId: row.collaborationId,
      subjects: await repo.subjectsOf(trx, [id]),
    };
  }

  /** A round started on the signal: it is in the hit/no-hit stage from now on. */
  async roundStarted(
    trx: Db,
    actor: Actor,
    id: string,
    at: Date,
    details: Record<string, unknown>,
  ): Promise<void> {
    const row = await repo.findSignal(trx, id);
    if (row && row.stage !== 'hit-check')
      await repo.updateSignal(trx, id, { stage: 'hit-check', stageSince: at });
    await repo.insertEvent(trx, {
      signalId: id,
      type: 'round-started',
      at,
      happenedOn: amsterdamDate(at),
      userId: userOf(actor),
      organisationId: actor.organisationId,
      details,
    });
  }

  async roundClosed(trx: Db, actor: Actor, id: string, at: Date, roundId: string): Promise<void> {
    await repo.insertEvent(trx, {
      signalId: id,
      type: 'round-closed',
      at,
      happenedOn: amsterdamDate(at),
      userId: userOf(actor),
      organisationId: actor.organisationId,
      details: { roundId },
    });
  }

  /**
   * An LOO discussed the signal: a received signal is discussed on the day the meeting was held
   * (today if its date is still to come; the day of receipt if it came in after the meeting's date).
   */
  async discussedInMeeting(
    trx: Db,
    actor: Actor,
    id: string,
    meeting: { id: string; date: string },
    note: string,
  ): Promise<void> {
    const signal = await repo.findSignal(trx, id);
    if (signal?.stage !== 'received') return;
    const at = this.deps.now();
    const today = amsterdamDate(at);
    // ISO dates sort as they fall: the latest earlier step, and the meeting's day up to today.
    const received = earlierSteps(await repo.eventsOf(trx, id))
      .map((e) => e.on)
      .sort()
      .at(-1);
    const held = [meeting.date, today].sort()[0] ?? today;
    await repo.updateSignal(trx, id, { stage: 'discussed', stageSince: at });
    await repo.insertEvent(trx, {
      signalId: id,
      type: 'discussed',
      at,
      happenedOn: received && received > held ? received : held,
      userId: userOf(actor),
      organisationId: actor.organisationId,
      details: { meetingId: meeting.id, note },
    });
  }
}
