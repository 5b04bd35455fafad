export { deleteFtmImportsOfCases } from './imports.repository.js';
export { importsRoutes } from './imports.routes.js';
export { ImportsService } from './imports.service.js';
// The pipeline's parts without the database: for the import benchmark.
export { importKindDefinitions } from './pipeline.kinds.js';
export { FileRefusal, MAX_IMPORT_BYTES, readSpreadsheet } from './pipeline.read.js';
export { clearErrorRows as clearImportErrorRows } from './pipeline.repository.js';
export { importPipelineRoutes } from './pipeline.routes.js';
export { checkRows, type ImportInput, ImportPipelineService } from './pipeline.service.js';
