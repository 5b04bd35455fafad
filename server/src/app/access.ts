import { Access } from '../modules/access/index.js';
import { annualReportsRules } from '../modules/annual-reports/index.js';
import { apiTokensRules } from '../modules/api-tokens/index.js';
import { auditRules } from '../modules/audit/index.js';
import { casesRules } from '../modules/cases/index.js';
import { collaborationsRules } from '../modules/collaborations/index.js';
import { financeRules } from '../modules/finance/index.js';
import { hitcheckRules } from '../modules/hitcheck/index.js';
import { locationsRules } from '../modules/locations/index.js';
import { meetingsRules } from '../modules/meetings/index.js';
import { notificationsRules } from '../modules/notifications/index.js';
import { organisationsRules } from '../modules/organisations/index.js';
import { privacyRules } from '../modules/privacy/index.js';
import { normsRules, programmesRules, scansRules } from '../modules/programmes/index.js';
import { reportsRules } from '../modules/reports/index.js';
import { searchRules } from '../modules/search/index.js';
import { signalsRules } from '../modules/signals/index.js';
import { subjectsRules } from '../modules/subjects/index.js';
import { usersRules } from '../modules/users/index.js';

/** Every module's access rules, in the one place that decides. */
export function createAccess(): Access {
  return new Access(
    organisationsRules,
    usersRules,
    collaborationsRules,
    apiTokensRules,
    auditRules,
    signalsRules,
    hitcheckRules,
    meetingsRules,
    locationsRules,
    casesRules,
    reportsRules,
    programmesRules,
    financeRules,
    annualReportsRules,
    normsRules,
    scansRules,
    subjectsRules,
    notificationsRules,
    searchRules,
    privacyRules,
  );
}
