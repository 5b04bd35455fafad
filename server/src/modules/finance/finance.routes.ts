import { financeParams, financeYear, financeYearRequest } from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { FinanceService } from './finance.service.js';

const tags = ['Finance'];

export const financeRoutes: FastifyPluginAsyncZod<{ service: FinanceService }> = async (app, { service }) => {
  app.get(
    '/finance/:year',
    {
      schema: {
        tags,
        summary:
          "A year's exploitatieoverzicht: budget, realisation and the next year's budget per line, totals and warnings",
        params: financeParams,
        response: { 200: financeYear, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.get(request.context, request.params.year),
  );

  app.put(
    '/finance/:year',
    {
      schema: {
        tags,
        summary: "Record a year's budget and realisation per line, all lines or none",
        params: financeParams,
        body: financeYearRequest,
        response: { 200: financeYear, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.put(request.context, request.params.year, request.body),
  );
};
