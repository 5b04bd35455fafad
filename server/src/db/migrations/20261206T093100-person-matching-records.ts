import type { Kysely } from 'kysely';
import { refreshPersonMatching } from '../../modules/subjects/index.js';
import type { Db } from '../database.js';

// A person subject is matched with every record its sources gave, not only the first: a record
// that joined it through a shared BSN brings its own name, date of birth and address. Their
// features are kept beside the first record's (`variants`). The matching rules changed with them
// (keys that survive a wrong digit in the date, addresses, married names, spelling variants), so
// every registered person's features, keys and name counts are worked out again here, with the
// subjects module's rules as they are when this runs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subjects').addColumn('variants', 'jsonb').execute();
  await refreshPersonMatching(db as unknown as Db);
}
