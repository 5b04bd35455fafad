import type { AccessRules } from '../access/index.js';
import { tokensInRegion } from './api-tokens.repository.js';

/** Administrators manage the API tokens of their own region's organisations. */
export const apiTokensRules: AccessRules = {
  'api-token.manage': {
    roles: ['administrator'],
    records: (db, actor, ids) => tokensInRegion(db, actor.regionId, ids),
  },
};
