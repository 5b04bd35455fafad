import {
  answerRoundRequest,
  hitCheckRequest,
  hitCheckRequestSummary,
  listOf,
  roundParams,
  signalDetail,
  signalParams,
  startRoundRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { HitcheckService } from './hitcheck.service.js';

const tags = ['Signals'];

export const hitcheckRoutes: FastifyPluginAsyncZod<{ service: HitcheckService }> = async (
  app,
  { service },
) => {
  app.post(
    '/signals/:signalId/hit-check-rounds',
    {
      schema: {
        tags,
        summary: 'Start a hit/no-hit round, after recording necessity, proportionality and subsidiarity',
        params: signalParams,
        body: startRoundRequest,
        response: { 201: signalDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.startRound(request.context, request.params.signalId, request.body)),
  );

  app.post(
    '/hit-check-rounds/:roundId/close',
    {
      schema: {
        tags,
        summary: 'Close a round: its answers can no longer change',
        params: roundParams,
        response: { 200: signalDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.closeRound(request.context, request.params.roundId),
  );

  app.get(
    '/hit-check-requests',
    {
      schema: {
        tags,
        summary: "A partner's inbox: rounds addressed to its organisation, with only what it needs to search",
        response: { 200: listOf(hitCheckRequest), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.inbox(request.context) }),
  );

  app.get(
    '/hit-check-requests/open',
    {
      schema: {
        tags,
        summary:
          "The partner's open requests counted (subjects asked, answered) with their deadlines, without the data searched on: for the start page",
        response: { 200: listOf(hitCheckRequestSummary), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.openRequests(request.context) }),
  );

  app.put(
    '/hit-check-requests/:roundId/answers',
    {
      schema: {
        tags,
        summary: "Answer per subject: hit, no hit, or cannot check (the caller's organisation answers)",
        params: roundParams,
        body: answerRoundRequest,
        response: { 200: hitCheckRequest, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.answer(request.context, request.params.roundId, request.body.answers),
  );
};
