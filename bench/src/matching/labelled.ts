// What a labelled set of person records is, shared by the generators and the evaluation: each
// record knows the person (entity) it is of and how it differs from that person's first record;
// the set knows which persons are look-alikes of others (twins, a parent with the same name) that
// must stay apart.

import type { PersonRecord } from '../../../server/src/modules/subjects/index.ts';

export interface LabelledRecord extends PersonRecord {
  entity: number;
  /** What was changed from the entity's first record (kinds of variation). */
  variations: string[];
}

/** Kinds of hard negative: a person made to resemble another one. */
export type LookalikeKind = string;

export interface LabelledSet {
  /** The set's name in the report. */
  name: string;
  /** In the order a register would receive them. */
  records: LabelledRecord[];
  /** Per look-alike entity: whom it resembles, and how. */
  lookalikes: Map<number, { of: number; kind: LookalikeKind }>;
}
