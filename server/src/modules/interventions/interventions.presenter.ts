import type { CaseDetail } from '@samenspel/contracts';
import type * as repo from './interventions.repository.js';

export type CaseInterventionParts = Pick<CaseDetail, 'matrix' | 'advices' | 'interventions' | 'results'>;

export function presentInterventions(parts: Awaited<ReturnType<typeof repo.ofCase>>): CaseInterventionParts {
  const organisation = (r: { organisationId: string; organisationName: string }) => ({
    id: r.organisationId,
    name: r.organisationName,
  });
  return {
    matrix: parts.matrix.map((m) => ({
      id: m.id,
      barrier: m.barrier,
      intervention: { id: m.catalogueId, kind: m.kind, name: m.interventionName },
      organisation: organisation(m),
      chosen: m.chosen,
    })),
    advices: parts.advices.map((a) => ({
      id: a.id,
      kind: a.kind,
      organisation: organisation(a),
      givenOn: a.givenOn,
      status: a.status,
      description: a.description,
    })),
    interventions: parts.interventions.map((i) => ({
      id: i.id,
      adviceId: i.adviceId,
      kind: i.kind,
      organisation: organisation(i),
      carriedOutOn: i.carriedOutOn,
      description: i.description,
      outcome: i.outcome,
    })),
    results: parts.results.map((r) => ({
      id: r.id,
      interventionId: r.interventionId,
      confiscationId: r.confiscationId,
      kind: r.kind,
      organisation: organisation(r),
      imposedCents: r.imposedCents,
      imposedOn: r.imposedOn,
      collectedCents: r.collectedCents,
      collectedOn: r.collectedOn,
      settledCents: r.settledCents,
      settledOn: r.settledOn,
      count: r.count,
      description: r.description,
    })),
  };
}
