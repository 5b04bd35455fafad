import type { Kysely } from 'kysely';
import { refreshPersonMatching } from '../../modules/subjects/index.js';
import type { Db } from '../database.js';

// Three more blocking keys for persons (surname sound and first name's spelling key with the
// year, the month or the day of birth), so that two records each with their own wrong digit in
// another part of the date still meet. Every registered person's keys are worked out again here,
// with the subjects module's rules as they are when this runs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await refreshPersonMatching(db as unknown as Db);
}
