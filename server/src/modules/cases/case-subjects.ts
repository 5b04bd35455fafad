import type { CaseSubjectRequest, SubjectInput } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import { registerLabel, registerSubject } from '../subjects/index.js';
import * as repo from './cases.repository.js';

/** The case subjects are added to, and who adds them (their provenance in the register). */
export interface SubjectsTarget {
  caseId: string;
  regionId: string;
  collaborationId: string;
  organisationId: string;
  at: Date;
}

/**
 * Adds subjects to a case and registers each in the subject register with its provenance, in the
 * caller's transaction: when a case starts with its signals' subjects, and for each one added later.
 */
export async function addCaseSubjects(
  trx: Db,
  target: SubjectsTarget,
  subjects: ReadonlyArray<{
    data: SubjectInput;
    role: CaseSubjectRequest['role'];
    label?: string;
    signalSubjectId?: string | null;
  }>,
  source: 'case' | 'import' = 'case',
): Promise<Array<{ subjectId: string; linked: boolean }>> {
  const ids: Array<{ subjectId: string; linked: boolean }> = [];
  for (const s of subjects) {
    const id = await repo.insertSubject(trx, {
      caseId: target.caseId,
      role: s.role,
      label: s.label ?? registerLabel(s.data),
      data: s.data,
      signalSubjectId: s.signalSubjectId ?? null,
      addedAt: target.at,
    });
    ids.push(
      await registerSubject(
        trx,
        target.regionId,
        s.data,
        {
          collaborationId: target.collaborationId,
          caseId: target.caseId,
          caseSubjectId: id,
          organisationId: target.organisationId,
          role: s.role,
          source,
          at: target.at,
        },
        { signalSubjectId: s.signalSubjectId ?? null, suggest: source !== 'import' },
      ),
    );
  }
  return ids;
}
