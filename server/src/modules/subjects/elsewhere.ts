import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import type { Access } from '../access/index.js';

export interface KnownElsewhere {
  registerId: string | null;
  /** Other cases and signals the subject is known in. */
  records: number;
  /** Of those, how many the reader may not open: the screen says "ask the RIEC". */
  hidden: number;
}

/**
 * For each subject of a case: in how many other records (cases and signals, not this case or
 * its own signals) the register knows it, and how many of those the reader may not see. Never
 * which records: that is for the RIEC to answer.
 */
export async function knownElsewhere(
  db: Db,
  access: Access,
  actor: Actor,
  caseId: string,
  caseSubjectIds: readonly string[],
): Promise<Map<string, KnownElsewhere>> {
  const out = new Map<string, KnownElsewhere>();
  if (!caseSubjectIds.length) return out;
  const { rows } = await sql<{
    caseSubjectId: string;
    root: string;
    caseId: string | null;
    signalId: string | null;
  }>`
    with recursive own as (
      select g.case_subject_id, g.subject_id from subject_sightings g
      where g.case_id = ${caseId} and g.case_subject_id = any(${caseSubjectIds as string[]}::uuid[])
    ), up as (
      select o.case_subject_id, s.id, s.merged_into from own o join subjects s on s.id = o.subject_id
      union all select up.case_subject_id, s.id, s.merged_into from subjects s join up on s.id = up.merged_into
    ), roots as (select case_subject_id, id as root from up where merged_into is null),
    tree as (
      select case_subject_id, root, root as id from roots
      union all select t.case_subject_id, t.root, s.id from subjects s join tree t on s.merged_into = t.id
    )
    select distinct t.case_subject_id as "caseSubjectId", t.root, g.case_id as "caseId",
      case when g.case_id is null then g.signal_id end as "signalId"
    from tree t left join subject_sightings g on g.subject_id = t.id
      and (g.case_id is distinct from ${caseId})
      and (g.signal_id is null or g.signal_id not in (select signal_id from case_signals where case_id = ${caseId}))`.execute(
    db,
  );
  const cases = await access.allowed(db, actor, 'case.read', [
    ...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : []))),
  ]);
  const signals = await access.allowed(db, actor, 'signal.read', [
    ...new Set(rows.flatMap((r) => (r.signalId ? [r.signalId] : []))),
  ]);
  for (const r of rows) {
    const entry = out.get(r.caseSubjectId) ?? { registerId: r.root, records: 0, hidden: 0 };
    if (r.caseId || r.signalId) {
      entry.records += 1;
      if (!(r.caseId ? cases.has(r.caseId) : signals.has(r.signalId ?? ''))) entry.hidden += 1;
    }
    out.set(r.caseSubjectId, entry);
  }
  return out;
}
