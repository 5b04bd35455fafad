import {
  createNormRequest,
  createNormReviewRequest,
  createNormVersionRequest,
  listOf,
  normDetail,
  normMatrix,
  normMatrixQuery,
  normMemberParams,
  normParams,
  normReview,
  normReviewOutcomeRequest,
  normReviewParams,
  normReviewPointParams,
  normStatusEntry,
  normSummary,
  normTimeline,
  recordNormStatusRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { NormsService } from './norms.service.js';

const tags = ['Norms'];

export const normsRoutes: FastifyPluginAsyncZod<{ service: NormsService }> = async (app, { service }) => {
  app.get(
    '/norms',
    {
      schema: {
        tags,
        summary: "The region's norms (such as the Flevolandse norm), by name",
        response: { 200: listOf(normSummary), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context) }),
  );

  app.post(
    '/norms',
    {
      schema: {
        tags,
        summary: 'A norm with its first version: the ambitions and the members (municipalities, a province)',
        body: createNormRequest,
        response: { 201: normDetail, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/norms/:normId',
    {
      schema: {
        tags,
        summary: 'One norm with its versions and reviews',
        params: normParams,
        response: { 200: normDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.normId),
  );

  app.post(
    '/norms/:normId/versions',
    {
      schema: {
        tags,
        summary: "A new version of the norm's ambitions and members, from its day on",
        params: normParams,
        body: createNormVersionRequest,
        response: { 201: normDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addVersion(request.context, request.params.normId, request.body)),
  );

  app.get(
    '/norms/:normId/matrix',
    {
      schema: {
        tags,
        summary: 'Members × ambitions: each status as of a day (docs/norms-and-scans.md)',
        params: normParams,
        querystring: normMatrixQuery,
        response: { 200: normMatrix, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.matrix(request.context, request.params.normId, request.query),
  );

  app.get(
    '/norms/:normId/members/:organisationId',
    {
      schema: {
        tags,
        summary: "One member's timeline: its statuses as they happened",
        params: normMemberParams,
        response: { 200: normTimeline, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      service.timeline(request.context, request.params.normId, request.params.organisationId),
  );

  app.post(
    '/norms/:normId/statuses',
    {
      schema: {
        tags,
        summary:
          "A member's status on an ambition, dated, with its evidence; never overwrites an earlier one",
        params: normParams,
        body: recordNormStatusRequest,
        response: { 201: normStatusEntry, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.recordStatus(request.context, request.params.normId, request.body)),
  );

  app.post(
    '/norms/:normId/reviews',
    {
      schema: {
        tags,
        summary: "The district working group's review: its agenda is the points open on its day",
        params: normParams,
        body: createNormReviewRequest,
        response: { 201: normReview, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createReview(request.context, request.params.normId, request.body)),
  );

  app.get(
    '/norm-reviews/:reviewId',
    {
      schema: {
        tags,
        summary: 'One review with its agenda and the outcomes recorded',
        params: normReviewParams,
        response: { 200: normReview, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.getReview(request.context, request.params.reviewId),
  );

  app.put(
    '/norm-reviews/:reviewId/points/:pointId',
    {
      schema: {
        tags,
        summary: 'The outcome of one point on the agenda',
        params: normReviewPointParams,
        body: normReviewOutcomeRequest,
        response: { 200: normReview, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      service.recordOutcome(
        request.context,
        request.params.reviewId,
        request.params.pointId,
        request.body.outcome,
      ),
  );
};
