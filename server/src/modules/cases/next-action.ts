import type { CasePhase, CaseSummary } from '@samenspel/contracts';

/** What the next action of a case is decided from: its phase and how far its record has come. */
export interface CaseProgress {
  phase: CasePhase;
  hasGoal: boolean;
  provisions: number;
  matrixEntries: number;
  advices: number;
  interventions: number;
  /** The first advice (by date) that was given or adopted and has no intervention yet. */
  openAdvice: { organisation: { id: string; name: string } } | null;
  evaluated: boolean;
}

export type NextAction = CaseSummary['nextAction'];

/**
 * The one thing a case needs next, in the order of the work (docs/cases.md, "Next action"): a
 * start phase needs goal and strategy; information needs a first provision; analysis a matrix
 * and an advice; intervention follows up each advice before the evaluation; an evaluated case
 * closes. Each phase otherwise moves on to the next. A closed case needs nothing.
 */
export function nextActionOf(p: CaseProgress): NextAction {
  const action = (code: NonNullable<NextAction>['code']) => ({ code, organisation: null });
  switch (p.phase) {
    case 'start':
      return action(p.hasGoal ? 'start-information' : 'record-goal');
    case 'information':
      return action(p.provisions > 0 ? 'start-analysis' : 'gather-information');
    case 'analysis':
      if (p.matrixEntries === 0) return action('fill-matrix');
      return action(p.advices === 0 ? 'give-advice' : 'start-intervention');
    case 'intervention':
      if (p.openAdvice) return { code: 'follow-up-advice', organisation: p.openAdvice.organisation };
      if (p.advices === 0 && p.interventions === 0) return action('give-advice');
      return action('start-evaluation');
    case 'evaluation':
      return action(p.evaluated ? 'close' : 'evaluate');
    case 'closed':
      return null;
  }
}
