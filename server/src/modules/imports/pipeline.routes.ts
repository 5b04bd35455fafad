import {
  importJob,
  importJobParams,
  importKindList,
  importKindParams,
  importList,
  importParams,
  importReport,
  importRunQuery,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import { invalid } from '../../shared/errors.js';
import { MAX_IMPORT_BYTES } from './pipeline.read.js';
import type { ImportPipelineService } from './pipeline.service.js';

const tags = ['Imports'];
/** The file arrives as the request's body: CSV text or an XLSX workbook. */
const FORMATS = [
  'text/csv',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

function mappingOf(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const mapping = z.record(z.string().max(200), z.string().max(100)).safeParse(parsed);
  if (!mapping.success)
    throw invalid([
      {
        name: 'mapping',
        in: 'query',
        code: 'invalid_mapping',
        reason: 'De koppeling van kolommen is geen JSON-object van kolomnaam naar veld.',
      },
    ]);
  return mapping.data;
}

export const importPipelineRoutes: FastifyPluginAsyncZod<{ service: ImportPipelineService }> = async (
  app,
  { service },
) => {
  app.addContentTypeParser(FORMATS, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.get(
    '/import-kinds',
    {
      schema: {
        tags,
        summary: 'The kinds of import this person may run, with their fields and the saved column mapping',
        response: { 200: importKindList, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.kinds(request.context) }),
  );

  app.post(
    '/imports/:kind',
    {
      schema: {
        tags,
        summary:
          'Import a spreadsheet (CSV or XLSX, as the body): a dry run reports every row; a commit writes every accepted row or, with a rejected row, none',
        params: importKindParams,
        querystring: importRunQuery,
        consumes: FORMATS,
        response: { 200: importReport, ...problemResponses(400, 401, 403, 413) },
      },
      bodyLimit: MAX_IMPORT_BYTES + 1024,
    },
    async (request) =>
      service.run(request.context, {
        kind: request.params.kind,
        fileName: request.query.fileName,
        bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        sheet: request.query.sheet,
        mapping: mappingOf(request.query.mapping),
        mode: request.query.mode,
      }),
  );

  app.post(
    '/import-jobs/:kind',
    {
      schema: {
        tags,
        summary:
          'Import a spreadsheet in the background (a large file): the same run as POST /imports/{kind}, by the job runner; ask GET /import-jobs/{jobId} how far it is',
        params: importKindParams,
        querystring: importRunQuery,
        consumes: FORMATS,
        response: { 202: importJob, ...problemResponses(400, 401, 403, 413) },
      },
      bodyLimit: MAX_IMPORT_BYTES + 1024,
    },
    async (request, reply) => {
      const job = await service.startJob(request.context, {
        kind: request.params.kind,
        fileName: request.query.fileName,
        bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        sheet: request.query.sheet,
        mapping: mappingOf(request.query.mapping),
        mode: request.query.mode,
      });
      return reply.code(202).send(job);
    },
  );

  app.get(
    '/import-jobs/:jobId',
    {
      schema: {
        tags,
        summary:
          'An import run in the background: queued, running (with its phase and rows checked), done or failed',
        params: importJobParams,
        response: { 200: importJob, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.job(request.context, request.params.jobId),
  );

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: "The organisation's imports of the kinds this person may run, newest first",
        response: { 200: importList, ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context) }),
  );

  app.get(
    '/imports/:importId',
    {
      schema: {
        tags,
        summary: 'One import with its row report',
        params: importParams,
        response: { 200: importReport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.importId),
  );

  app.get(
    '/imports/:importId/errors.csv',
    {
      schema: {
        tags,
        summary:
          'The error file: the rejected rows as they were in the file, with a column saying what is wrong',
        params: importParams,
        response: {
          200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await service.errorFile(request.context, request.params.importId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .send(file.csv);
    },
  );
};
