export { importsRoutes } from './imports.routes.js';
export { ImportsService } from './imports.service.js';
export { FileRefusal, MAX_IMPORT_BYTES } from './pipeline.read.js';
export { importPipelineRoutes } from './pipeline.routes.js';
export { type ImportInput, ImportPipelineService } from './pipeline.service.js';
