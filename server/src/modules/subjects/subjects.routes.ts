import {
  caseParams,
  compareParams,
  crossRecordSignals,
  decisionRequest,
  matchExplanation,
  mergeParams,
  network,
  networkQuery,
  relationRequest,
  subjectDetail,
  subjectParams,
  suggestionPage,
  suggestionParams,
  suggestionsQuery,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import type { SubjectsService } from './subjects.service.js';

const tags = ['Subjects'];
const FTM = 'application/x-ndjson';

export const subjectsRoutes: FastifyPluginAsyncZod<{ service: SubjectsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/subjects/suggestions',
    {
      schema: {
        tags,
        summary:
          'Suggestions "probably the same as …", with the evidence per field, most probable first, a page at a time (analysts)',
        querystring: suggestionsQuery,
        response: { 200: suggestionPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.suggestions(request.context, request.query),
  );

  app.get(
    '/subjects/:subjectId/compare/:otherId',
    {
      schema: {
        tags,
        summary:
          'Why two subjects are or are not suggested as the same: shared blocking keys, the score per field, any suggestion or conflict (analysts)',
        params: compareParams,
        response: { 200: matchExplanation, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.compare(request.context, request.params.subjectId, request.params.otherId),
  );

  app.post(
    '/subjects/suggestions/:suggestionId/decision',
    {
      schema: {
        tags,
        summary: 'Confirm (merge, the older subject survives) or reject a suggestion',
        params: suggestionParams,
        body: decisionRequest,
        response: {
          200: z.object({ id: z.uuid(), status: z.string(), mergeId: z.uuid().nullable() }),
          ...problemResponses(400, 401, 404, 409),
        },
      },
    },
    async (request) => service.decide(request.context, request.params.suggestionId, request.body.decision),
  );

  app.post(
    '/subjects/merges/:mergeId/undo',
    {
      schema: {
        tags,
        summary: 'Undo a merge; every source kept its own record, so nothing is lost',
        params: mergeParams,
        response: {
          200: z.object({ id: z.uuid(), undone: z.boolean() }),
          ...problemResponses(401, 404, 409),
        },
      },
    },
    async (request) => service.undo(request.context, request.params.mergeId),
  );

  app.get(
    '/subjects/cross-record',
    {
      schema: {
        tags,
        summary:
          'Signals across records: recurring subjects, facilitators across cases, addresses with many companies',
        response: { 200: crossRecordSignals, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.crossRecord(request.context),
  );

  app.get(
    '/subjects/:subjectId',
    {
      schema: {
        tags,
        summary: 'A subject: every source’s version with provenance, merges, suggestions (analysts)',
        params: subjectParams,
        response: { 200: subjectDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.subjectId),
  );

  app.get(
    '/subjects/:subjectId/network',
    {
      schema: {
        tags,
        summary: 'The network around a subject, up to three steps, filtered by relation type and period',
        params: subjectParams,
        querystring: networkQuery,
        response: { 200: network, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.network(request.context, request.params.subjectId, request.query),
  );

  app.get(
    '/cases/:caseId/network',
    {
      schema: {
        tags,
        summary: "A case's subjects and relations; other records only as a count",
        params: caseParams,
        querystring: networkQuery,
        response: { 200: network, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.caseNetwork(request.context, request.params.caseId, request.query),
  );

  app.post(
    '/cases/:caseId/relations',
    {
      schema: {
        tags,
        summary: 'Record a relation between two of the case’s subjects',
        params: caseParams,
        body: relationRequest,
        response: { 201: z.object({ id: z.uuid() }), ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addRelation(request.context, request.params.caseId, request.body)),
  );

  app.get(
    '/cases/:caseId/ftm',
    {
      schema: {
        tags,
        summary: "The case's subjects and relations as FollowTheMoney entities (JSON lines)",
        params: caseParams,
        response: {
          200: { description: 'FtM entities, one per line', content: { [FTM]: { schema: z.string() } } },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) =>
      reply
        .type(FTM)
        .header('Content-Disposition', `attachment; filename="casus-${request.params.caseId}.ftm.jsonl"`)
        .send(await service.exportFtm(request.context, request.params.caseId)),
  );
};
