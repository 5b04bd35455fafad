import { searchRequest, searchResults } from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { SearchService } from './search.service.js';

const tags = ['Search'];

export const searchRoutes: FastifyPluginAsyncZod<{ service: SearchService }> = async (app, { service }) => {
  // POST, not GET: the query (a BSN, a name) is personal data and stays out of addresses and logs.
  app.post(
    '/search',
    {
      schema: {
        tags,
        summary:
          'Find signals and cases by reference or code name and subjects by name, date of birth, BSN, KvK number, IBAN, address or registration, among what the caller may see',
        body: searchRequest,
        response: { 200: searchResults, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.search(request.context, request.body),
  );
};
