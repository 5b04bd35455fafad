export { Access, type AccessRule, type AccessRules } from './access.js';
