export { createAccess } from './access.js';
export { createServices, loadReferences, type Services, type ServicesOptions } from './services.js';
