import { readFile } from 'node:fs/promises';
import type {
  AdviceRequest,
  AdviceStatus,
  CaseConfiguration,
  CaseDetail,
  InterventionKind,
  InterventionRequest,
  InvalidParam,
  MatrixRequest,
  ResultRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { RequestContext } from '../../shared/context.js';
import { dutchDate } from '../../shared/dates.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { userOf } from '../../shared/service.js';
import type { CaseInterventionsReader, CaseStep, CasesService } from '../cases/index.js';
import { regionIds } from '../organisations/index.js';
import { type CaseInterventionParts, presentInterventions } from './interventions.presenter.js';
import * as repo from './interventions.repository.js';

const CATALOGUE = new URL('../../../reference-data/case-configuration.json', import.meta.url);

/** Loads the default intervention catalogue for every region; existing entries stay. */
export async function loadInterventionCatalogue(db: Db): Promise<void> {
  const file = JSON.parse(await readFile(CATALOGUE, 'utf8')) as {
    interventions: Array<{ kind: InterventionKind; code: string; name: string }>;
  };
  await repo.loadCatalogue(db, await regionIds(db), file.interventions);
}

/** What a case shows of its interventions, read in the case's own transaction. */
export const caseInterventions: CaseInterventionsReader = {
  async ofCase(trx: Db, caseId: string): Promise<CaseInterventionParts> {
    return presentInterventions(await repo.ofCase(trx, caseId));
  },
  firstCarriedOut: repo.firstCarriedOut,
  progressOf: repo.progressOf,
  async catalogue(trx: Db, regionId: string): Promise<CaseConfiguration['interventions']> {
    return repo.catalogue(trx, regionId);
  },
};

/** The intervention matrix, advices, interventions by partners and their results, on a case. */
export class InterventionsService {
  constructor(private readonly deps: { cases: CasesService }) {}

  addMatrixEntry(context: RequestContext, id: string, m: MatrixRequest): Promise<CaseDetail> {
    return this.deps.cases.change(context, id, 'case.matrix-add', 'case.manage', async (step) => {
      if (!(await repo.catalogueEntry(step.trx, step.actor.regionId, m.catalogueId)))
        throw invalid([
          {
            name: 'catalogueId',
            in: 'body',
            code: 'unknown_intervention',
            reason: 'Kies een interventie uit de catalogus.',
          },
        ]);
      await step.participating(m.organisationId, 'organisationId');
      await repo.insertMatrixEntry(step.trx, { caseId: id, ...m });
    });
  }

  addAdvice(context: RequestContext, id: string, a: AdviceRequest): Promise<CaseDetail> {
    return this.deps.cases.change(context, id, 'case.advice-add', 'case.manage', async (step) => {
      await step.participating(a.organisationId, 'organisationId');
      const givenOn = a.givenOn ?? step.today;
      const problems = step.dateProblems('givenOn', givenOn);
      if (problems.length) throw invalid(problems);
      await repo.insertAdvice(step.trx, { caseId: id, ...a, givenOn, createdBy: userOf(step.actor) });
      await step.event('advice', { kind: a.kind }, givenOn);
    });
  }

  setAdviceStatus(
    context: RequestContext,
    id: string,
    adviceId: string,
    status: AdviceStatus,
  ): Promise<CaseDetail> {
    return this.deps.cases.change(context, id, 'case.advice-status', 'case.manage', async (step) => {
      if (!(await repo.setAdviceStatus(step.trx, id, adviceId, status))) throw notFound();
    });
  }

  addIntervention(context: RequestContext, id: string, i: InterventionRequest): Promise<CaseDetail> {
    return this.deps.cases.change(context, id, 'case.intervention-add', 'case.contribute', async (step) => {
      const advice = i.adviceId ? await repo.adviceOf(step.trx, id, i.adviceId) : undefined;
      const carriedOutOn = i.carriedOutOn ?? step.today;
      const problems: InvalidParam[] = step.dateProblems('carriedOutOn', carriedOutOn, [
        advice ? { on: advice.givenOn, what: 'het advies' } : null,
      ]);
      if (i.adviceId && !advice)
        problems.push({
          name: 'adviceId',
          in: 'body',
          code: 'unknown_advice',
          reason: 'Dit advies hoort niet bij de casus.',
        });
      const partner = await creditedPartner(step, i.organisationId, advice?.organisationId);
      problems.push(...partner.problems);
      if (problems.length) throw invalid(problems);
      if (advice) await repo.setAdviceStatus(step.trx, id, advice.id, 'carried-out');
      await repo.insertIntervention(step.trx, {
        caseId: id,
        adviceId: advice?.id ?? null,
        kind: i.kind,
        organisationId: partner.organisationId,
        carriedOutOn,
        description: i.description,
        outcome: i.outcome ?? null,
      });
      await step.event('intervention', { kind: i.kind }, carriedOutOn);
    });
  }

  /**
   * A result of the case. Also on a closed case, which it appends to without reopening it: a
   * collection or settlement often comes years after the case closed.
   */
  addResult(context: RequestContext, id: string, r: ResultRequest): Promise<CaseDetail> {
    return this.deps.cases.change(
      context,
      id,
      'case.result-add',
      'case.contribute',
      async (step) => {
        // A closed case takes only what comes later on its confiscations; anything new reopens it first.
        if (step.row.phase === 'closed' && !r.confiscationId)
          throw new AppError({
            code: 'case.refused',
            status: 409,
            title: 'Niet mogelijk',
            detail:
              'Deze casus is gesloten. Leg hier alleen een inning of verrekening op een opgelegd afpakbedrag vast; heropen de casus voor een nieuw resultaat.',
          });
        const intervention = r.interventionId
          ? await repo.interventionOf(step.trx, id, r.interventionId)
          : undefined;
        const confiscation = r.confiscationId
          ? await repo.confiscationOf(step.trx, id, r.confiscationId)
          : undefined;
        const partner = await creditedPartner(
          step,
          r.organisationId,
          intervention?.organisationId ?? confiscation?.organisationId,
        );
        const problems: InvalidParam[] = [...partner.problems];
        if (r.interventionId && !intervention)
          problems.push({
            name: 'interventionId',
            in: 'body',
            code: 'unknown_intervention',
            reason: 'Deze interventie hoort niet bij de casus.',
          });
        // Each date of a result happened: not in the future, not before the case or its intervention;
        // a collection or settlement not before the assessment.
        const after = intervention ? { on: intervention.carriedOutOn, what: 'de interventie' } : null;
        const imposed = r.imposedOn ? { on: r.imposedOn, what: 'de oplegging' } : null;
        if (r.imposedOn) problems.push(...step.dateProblems('imposedOn', r.imposedOn, [after]));
        if (r.collectedOn)
          problems.push(...step.dateProblems('collectedOn', r.collectedOn, [after, imposed]));
        if (r.settledOn) problems.push(...step.dateProblems('settledOn', r.settledOn, [after, imposed]));
        if (r.confiscationId) problems.push(...checkPayment(confiscation, r));
        if (problems.length) throw invalid(problems);
        await repo.insertResult(step.trx, {
          ...r,
          caseId: id,
          interventionId: r.interventionId ?? null,
          confiscationId: r.confiscationId ?? null,
          organisationId: partner.organisationId,
          recordedOn: step.today,
        });
        const dates = [r.imposedOn, r.collectedOn, r.settledOn].flatMap((d) => (d ? [d] : [])).sort();
        await step.event(
          'result',
          { kind: r.kind, ...(r.confiscationId ? { confiscationId: r.confiscationId } : {}) },
          dates[0] ?? step.today,
        );
      },
      { onClosedCase: true },
    );
  }
}

/** A later collection or settlement: on a confiscation of the case, after it, within what is open. */
function checkPayment(
  confiscation: Awaited<ReturnType<typeof repo.confiscationOf>>,
  r: ResultRequest,
): InvalidParam[] {
  if (!confiscation)
    return [
      {
        name: 'confiscationId',
        in: 'body',
        code: 'unknown_confiscation',
        reason: 'Kies een afpakbedrag dat op deze casus is opgelegd.',
      },
    ];
  const problems: InvalidParam[] = [];
  for (const date of ['collectedOn', 'settledOn'] as const) {
    const on = r[date];
    if (on !== undefined && confiscation.imposedOn !== null && on < confiscation.imposedOn)
      problems.push({
        name: date,
        in: 'body',
        code: 'before_imposed',
        reason: `Deze datum ligt voor de datum van opleggen (${dutchDate(confiscation.imposedOn)}).`,
      });
  }
  const open = confiscation.imposedCents - confiscation.paidCents;
  if ((r.collectedCents ?? 0) + (r.settledCents ?? 0) > open)
    problems.push({
      name: r.collectedCents !== undefined ? 'collectedCents' : 'settledCents',
      in: 'body',
      code: 'more_than_outstanding',
      reason: `Dit is meer dan er van het opgelegde bedrag nog openstaat (€ ${(open / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })}).`,
    });
  return problems;
}

/**
 * The partner a step is credited to, and the problems with it. A partner records what its own
 * organisation did; whoever manages the case records it for any participating partner, by default
 * the partner of the advice, intervention or confiscation the step follows. Never the recorder's
 * organisation merely because it recorded the step: a director of the RIEC who enters the Tax
 * Administration's assessment credits it to the Tax Administration.
 */
async function creditedPartner(
  step: CaseStep,
  named: string | undefined,
  follows: string | undefined,
): Promise<{ organisationId: string; problems: InvalidParam[] }> {
  const own = step.actor.organisationId;
  if (!(await step.manages())) {
    const organisationId = named ?? own;
    if (organisationId !== own)
      return {
        organisationId,
        problems: [
          {
            name: 'organisationId',
            in: 'body',
            code: 'not_own_organisation',
            reason:
              'U legt alleen vast wat uw eigen organisatie deed; de casusregisseur legt het vast voor een andere partner.',
          },
        ],
      };
    return { organisationId, problems: await step.participationProblems(own, 'organisationId') };
  }
  const organisationId = named ?? follows ?? own;
  return { organisationId, problems: await step.participationProblems(organisationId, 'organisationId') };
}
