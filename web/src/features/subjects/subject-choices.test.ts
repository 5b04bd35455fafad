import type { CaseDetail } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import { subjectChoices } from './subject-choices.js';

type Subject = CaseDetail['subjects'][number];
const subject = (id: string, label: string, role: Subject['role']) => ({ id, label, role }) as Subject;

describe('a case’s subjects as choices', () => {
  it('names the role only where labels are alike, and numbers what is still alike', () => {
    const choices = subjectChoices([
      subject('a', 'Reinier de Vries (12 april 1971)', 'main-subject'),
      subject('b', 'Reinier de Vries (12 april 1971)', 'facilitator'),
      subject('c', 'Holding B.V.', 'main-subject'),
      subject('d', 'Stationsplein 45, 3511 ED Utrecht', 'other'),
      subject('e', 'Stationsplein 45, 3511 ED Utrecht', 'other'),
    ]);
    expect(choices).toEqual([
      ['a', 'Reinier de Vries (12 april 1971) — Hoofdsubject'],
      ['b', 'Reinier de Vries (12 april 1971) — Facilitator'],
      ['c', 'Holding B.V.'],
      ['d', 'Stationsplein 45, 3511 ED Utrecht — Anders (1)'],
      ['e', 'Stationsplein 45, 3511 ED Utrecht — Anders (2)'],
    ]);
    expect(new Set(choices.map(([, label]) => label)).size).toBe(choices.length);
  });
});
