import type { AccessRules } from '../access/index.js';

/** The log is for the privacy officer (FG); its register of activities also for administrators. */
export const auditRules: AccessRules = {
  'audit.read': { roles: ['privacy_officer'] },
  'audit.export': { roles: ['privacy_officer'] },
  'processing-activity.read': { roles: ['privacy_officer', 'administrator'] },
};
