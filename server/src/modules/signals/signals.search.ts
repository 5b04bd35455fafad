import type { SearchShape } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import { signalsReachable } from './signals.access.js';
import { signalsByReference } from './signals.repository.js';

/**
 * The signals a search finds: by their reference, among those the searcher may read (the same
 * predicate as the record check). Subjects are found through the register, not here.
 */
export async function searchSignals(db: Db, actor: Actor, shape: SearchShape, limit: number) {
  if (shape.kind !== 'reference' || !shape.value.startsWith('SIG')) return [];
  return signalsByReference(db, signalsReachable(actor, 'signal.read'), shape.value, limit);
}
