import type { CaseSubjectRequest, RelationType, SubjectInput } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { AuditRecorder } from '../audit/index.js';
import {
  caseSubjectsInRegister,
  insertRelations,
  linkBatch,
  registerLabel,
  registerSubject,
} from '../subjects/index.js';
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
): Promise<Array<{ subjectId: string; linked: boolean; caseSubjectId: string }>> {
  const ids: Array<{ subjectId: string; linked: boolean; caseSubjectId: string }> = [];
  for (const s of subjects) {
    const id = await repo.insertSubject(trx, {
      caseId: target.caseId,
      role: s.role,
      label: s.label ?? registerLabel(s.data),
      data: s.data,
      signalSubjectId: s.signalSubjectId ?? null,
      addedAt: target.at,
    });
    ids.push({
      caseSubjectId: id,
      ...(await registerSubject(
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
      )),
    });
  }
  return ids;
}

/** A subject of an imported batch: its place in the batch, or a case subject the case had before. */
export type ImportedSubjectRef = { index: number } | { caseSubjectId: string };

/**
 * Subjects a region's register brings into a case (the import of subjects and relations), with the
 * relations between them and the case's earlier subjects, in the import's transaction: each added
 * as the screens add one, registered with the importer as provenance, and logged as a subject
 * written; each relation as one recorded in the case. The persons are matched against the
 * register in one pass, as after a FollowTheMoney import. Answers the case subjects' ids, in order.
 */
export async function importCaseSubjects(
  trx: Db,
  target: SubjectsTarget & { createdBy: string | null },
  subjects: ReadonlyArray<{ data: SubjectInput; role: CaseSubjectRequest['role'] }>,
  relations: ReadonlyArray<{
    from: ImportedSubjectRef;
    to: ImportedSubjectRef;
    type: RelationType;
    startDate: string | null;
    endDate: string | null;
  }>,
  record: AuditRecorder,
): Promise<string[]> {
  const added = await addCaseSubjects(trx, target, subjects, 'import');
  for (const s of subjects) record.subjectData(s.data, 'case.subject.write');
  const earlierIds = relations.flatMap((r) =>
    [r.from, r.to].flatMap((ref) => ('caseSubjectId' in ref ? [ref.caseSubjectId] : [])),
  );
  const earlier = new Map(
    (await caseSubjectsInRegister(trx, target.caseId, [...new Set(earlierIds)])).map((e) => [
      e.caseSubjectId ?? '',
      e,
    ]),
  );
  const registerIdOf = (ref: ImportedSubjectRef) =>
    'index' in ref ? added[ref.index]?.subjectId : earlier.get(ref.caseSubjectId)?.subjectId;
  const dataOf = (ref: ImportedSubjectRef) =>
    'index' in ref ? subjects[ref.index]?.data : earlier.get(ref.caseSubjectId)?.data;
  const rows = [];
  for (const r of relations) {
    const fromId = registerIdOf(r.from);
    const toId = registerIdOf(r.to);
    // Two lines that became one register subject (a shared identifier) relate it to itself: no edge.
    if (!fromId || !toId || fromId === toId) continue;
    rows.push({
      regionId: target.regionId,
      collaborationId: target.collaborationId,
      fromId,
      toId,
      type: r.type,
      caseId: target.caseId,
      signalId: null,
      organisationId: target.organisationId,
      startDate: r.startDate,
      endDate: r.endDate,
      createdBy: target.createdBy,
      createdAt: target.at,
    });
    for (const ref of [r.from, r.to]) {
      const data = dataOf(ref);
      if (data) record.subjectData(data as SubjectInput, 'case.relation.write');
    }
  }
  await insertRelations(trx, rows);
  const persons = added.flatMap((a, i) => (subjects[i]?.data.kind === 'person' ? [a.subjectId] : []));
  await linkBatch(trx, target.regionId, [...new Set(persons)], target.at);
  return added.map((a) => a.caseSubjectId);
}
