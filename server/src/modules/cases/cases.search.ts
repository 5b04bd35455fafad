import { foldName, type SearchShape } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/context.js';
import { casesReachable } from './cases.access.js';
import { casesByName } from './cases.repository.js';

/**
 * The cases a search finds: by reference or code name, among those the searcher may read (the
 * same predicate as the record check). Subjects are found through the register, not here.
 */
export async function searchCases(db: Db, actor: Actor, shape: SearchShape, limit: number) {
  const reachable = casesReachable(actor, 'case.read');
  if (shape.kind === 'reference')
    return shape.value.startsWith('CAS') ? casesByName(db, reachable, { reference: shape.value }, limit) : [];
  if (shape.kind !== 'text' || shape.dateOfBirth) return [];
  // Folded as the query: lower case, without diacritics (a code name has no tussenvoegsels to drop).
  const codeName = foldName(shape.text).replace(/-/g, ' ');
  return codeName.length >= 2 ? casesByName(db, reachable, { codeName }, limit) : [];
}
