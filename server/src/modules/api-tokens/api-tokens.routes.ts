import {
  apiToken,
  apiTokenParams,
  createApiTokenRequest,
  createdApiToken,
  listOf,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { ApiTokensService } from './api-tokens.service.js';

const tags = ['API tokens'];

export const apiTokensRoutes: FastifyPluginAsyncZod<{ service: ApiTokensService }> = async (
  app,
  { service },
) => {
  app.get(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: "API tokens of the region's partner systems (never the token itself)",
        response: { 200: listOf(apiToken), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context) }),
  );

  app.post(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token for an organisation; the token is shown once',
        body: createApiTokenRequest,
        response: { 201: createdApiToken, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.delete(
    '/api-tokens/:tokenId',
    {
      schema: {
        tags,
        summary: 'Revoke an API token at once',
        params: apiTokenParams,
        response: { 200: apiToken, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.revoke(request.context, request.params.tokenId),
  );
};
