import { roles } from '@samenspel/contracts';
import type { AccessRules } from '../access/index.js';

/** Reference data holds no personal data: every role reads it, and partner systems may. */
export const organisationsRules: AccessRules = {
  'reference.read': { roles, tokens: true },
};
