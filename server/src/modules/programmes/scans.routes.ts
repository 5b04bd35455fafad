import {
  createScanActionRequest,
  createScanRequest,
  createScanRunRequest,
  createScanVersionRequest,
  listOf,
  scanActionParams,
  scanActionStepRequest,
  scanComparison,
  scanComparisonQuery,
  scanDetail,
  scanParams,
  scanRun,
  scanRunListQuery,
  scanRunParams,
  scanRunSummary,
  scanSummary,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { ScansService } from './scans.service.js';

const tags = ['Scans'];

export const scansRoutes: FastifyPluginAsyncZod<{ service: ScansService }> = async (app, { service }) => {
  app.get(
    '/scans',
    {
      schema: {
        tags,
        summary: "The region's scans (weerbaarheidsscan, quickscan mensenhandel, horecascan, …)",
        response: { 200: listOf(scanSummary), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context) }),
  );

  app.post(
    '/scans',
    {
      schema: {
        tags,
        summary: 'A scan with its first version: the questions or indicators and their scoring',
        body: createScanRequest,
        response: { 201: scanDetail, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/scans/:scanId',
    {
      schema: {
        tags,
        summary: 'One scan with its versions',
        params: scanParams,
        response: { 200: scanDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.scanId),
  );

  app.post(
    '/scans/:scanId/versions',
    {
      schema: {
        tags,
        summary: 'A new version of the questions: new runs use it, earlier runs keep theirs',
        params: scanParams,
        body: createScanVersionRequest,
        response: { 201: scanDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addVersion(request.context, request.params.scanId, request.body)),
  );

  app.get(
    '/scans/:scanId/runs',
    {
      schema: {
        tags,
        summary: 'The runs of a scan the reader may open, newest first',
        params: scanParams,
        querystring: scanRunListQuery,
        response: { 200: listOf(scanRunSummary), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => ({
      items: await service.listRuns(request.context, request.params.scanId, request.query),
    }),
  );

  app.post(
    '/scans/:scanId/runs',
    {
      schema: {
        tags,
        summary:
          'A run in a municipality: its answers, or its objects (those at or above the threshold become risk locations); all or nothing',
        params: scanParams,
        body: createScanRunRequest,
        response: { 201: scanRun, ...problemResponses(400, 401, 404) },
      },
      bodyLimit: 5 * 1024 * 1024,
    },
    async (request, reply) =>
      reply.code(201).send(await service.run(request.context, request.params.scanId, request.body)),
  );

  app.get(
    '/scans/:scanId/comparison',
    {
      schema: {
        tags,
        summary: 'Municipalities compared in aggregate, each by its latest run (docs/norms-and-scans.md)',
        params: scanParams,
        querystring: scanComparisonQuery,
        response: { 200: scanComparison, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.comparison(request.context, request.params.scanId, request.query),
  );

  app.get(
    '/scan-runs/:runId',
    {
      schema: {
        tags,
        summary: "A run's result: scores, recommendations, actions and the change since the previous run",
        params: scanRunParams,
        response: { 200: scanRun, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.getRun(request.context, request.params.runId),
  );

  app.post(
    '/scan-runs/:runId/actions',
    {
      schema: {
        tags,
        summary: 'A follow-up action on a run',
        params: scanRunParams,
        body: createScanActionRequest,
        response: { 201: scanRun, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addAction(request.context, request.params.runId, request.body)),
  );

  app.post(
    '/scan-actions/:actionId/steps',
    {
      schema: {
        tags,
        summary: "A follow-up action's progress, dated",
        params: scanActionParams,
        body: scanActionStepRequest,
        response: { 201: scanRun, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.actionStep(request.context, request.params.actionId, request.body)),
  );
};
