import { describe, expect, it } from 'vitest';
import { type CaseProgress, nextActionOf } from './next-action.js';

const tax = { id: '00000000-0000-4000-8000-000000000001', name: 'Belastingdienst' };
const fresh: CaseProgress = {
  phase: 'start',
  hasGoal: false,
  provisions: 0,
  matrixEntries: 0,
  advices: 0,
  interventions: 0,
  openAdvice: null,
  evaluated: false,
};
const code = (p: Partial<CaseProgress>) => nextActionOf({ ...fresh, ...p })?.code ?? null;

describe('the next action of a case', () => {
  it('asks for goal and strategy first, then moves the start phase on', () => {
    expect(code({})).toBe('record-goal');
    expect(code({ hasGoal: true })).toBe('start-information');
  });

  it('waits for information, then for the analysis', () => {
    expect(code({ phase: 'information', hasGoal: true })).toBe('gather-information');
    expect(code({ phase: 'information', hasGoal: true, provisions: 2 })).toBe('start-analysis');
  });

  it('asks for the matrix, then an advice, before the interventions', () => {
    expect(code({ phase: 'analysis' })).toBe('fill-matrix');
    expect(code({ phase: 'analysis', matrixEntries: 1 })).toBe('give-advice');
    expect(code({ phase: 'analysis', matrixEntries: 1, advices: 1 })).toBe('start-intervention');
  });

  it('names the partner whose advice has no intervention yet', () => {
    expect(
      nextActionOf({ ...fresh, phase: 'intervention', advices: 2, openAdvice: { organisation: tax } }),
    ).toEqual({ code: 'follow-up-advice', organisation: tax });
    expect(code({ phase: 'intervention' })).toBe('give-advice');
    expect(code({ phase: 'intervention', advices: 1, interventions: 1 })).toBe('start-evaluation');
    // An intervention of a partner's own, without an advice, also leads on to the evaluation.
    expect(code({ phase: 'intervention', interventions: 1 })).toBe('start-evaluation');
  });

  it('evaluates before closing, and a closed case needs nothing', () => {
    expect(code({ phase: 'evaluation' })).toBe('evaluate');
    expect(code({ phase: 'evaluation', evaluated: true })).toBe('close');
    expect(code({ phase: 'closed', evaluated: true })).toBeNull();
  });
});
