import type { AccessRules } from '../access/index.js';
import { roundsAddressedAmong } from './hitcheck.repository.js';

/**
 * Answering a hit/no-hit round: partner staff, on the rounds addressed to their organisation.
 * Starting and closing a round is work on its signal, decided by the signals' `signal.manage`.
 */
export const hitcheckRules: AccessRules = {
  'hitcheck.answer': {
    roles: ['partner_staff'],
    records: (db, actor, ids) => roundsAddressedAmong(db, actor.organisationId, actor.regionId, ids),
  },
};
