import type { AccessRules } from '../access/index.js';

/**
 * The search box is for the people who work with signals, cases or the register. What each of
 * them finds is decided by those records' own rules (signal.read, case.read, subject.read), never
 * by this one: it only says who may ask. Partner systems do not search.
 */
export const searchRules: AccessRules = {
  'search.use': { roles: ['partner_staff', 'riec_analyst', 'case_director', 'meeting_chair'] },
};
