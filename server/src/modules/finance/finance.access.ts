import type { AccessRules } from '../access/index.js';

/**
 * Finance is steering information without personal data: the programme managers keep the
 * region's budget and realisation; RIEC analysts read it for the annual report.
 */
export const financeRules: AccessRules = {
  'finance.read': { roles: ['programme_manager', 'riec_analyst'] },
  'finance.manage': { roles: ['programme_manager'] },
};
