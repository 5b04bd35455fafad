export {
  Access,
  type AccessRule,
  type AccessRules,
  type Grant,
  grantsOf,
  type Scopes,
  scopedRule,
} from './access.js';
