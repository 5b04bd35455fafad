import { caseParams, ftmImportParams, ftmImportReport } from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { ImportsService } from './imports.service.js';

const tags = ['Subjects'];
const FTM = 'application/x-ndjson';

export const importsRoutes: FastifyPluginAsyncZod<{ service: ImportsService }> = async (app, { service }) => {
  // FtM JSON lines arrive as text and are read line by line by the service.
  app.addContentTypeParser(FTM, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post(
    '/cases/:caseId/ftm-imports',
    {
      schema: {
        tags,
        summary:
          'Read FtM entities (JSON lines, as the request body) for review; nothing is written to the case yet',
        params: caseParams,
        consumes: [FTM, 'text/plain'],
        response: { 201: ftmImportReport, ...problemResponses(400, 401, 404, 413) },
      },
      bodyLimit: 5 * 1024 * 1024,
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.previewFtm(request.context, request.params.caseId, String(request.body ?? ''))),
  );

  app.post(
    '/cases/:caseId/ftm-imports/:importId/apply',
    {
      schema: {
        tags,
        summary: 'Apply a reviewed import: all of it, or nothing when any line was refused',
        params: ftmImportParams,
        response: { 200: ftmImportReport, ...problemResponses(401, 404, 409) },
      },
    },
    async (request) => service.applyFtm(request.context, request.params.caseId, request.params.importId),
  );
};
