import {
  adviceParams,
  adviceRequest,
  adviceStatusRequest,
  caseDetail,
  caseParams,
  interventionRequest,
  matrixRequest,
  resultRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { InterventionsService } from './interventions.service.js';

const tags = ['Cases'];
const change = { 200: caseDetail, ...problemResponses(400, 401, 404, 409) };

export const interventionsRoutes: FastifyPluginAsyncZod<{ service: InterventionsService }> = async (
  app,
  { service },
) => {
  app.post(
    '/cases/:caseId/matrix',
    {
      schema: {
        tags,
        summary: 'An entry of the intervention matrix',
        params: caseParams,
        body: matrixRequest,
        response: change,
      },
    },
    async (request) => service.addMatrixEntry(request.context, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/advices',
    {
      schema: {
        tags,
        summary: 'An intervention advice to a participating partner',
        params: caseParams,
        body: adviceRequest,
        response: change,
      },
    },
    async (request) => service.addAdvice(request.context, request.params.caseId, request.body),
  );

  app.put(
    '/cases/:caseId/advices/:adviceId/status',
    {
      schema: {
        tags,
        summary: "An advice's status",
        params: adviceParams,
        body: adviceStatusRequest,
        response: change,
      },
    },
    async (request) =>
      service.setAdviceStatus(
        request.context,
        request.params.caseId,
        request.params.adviceId,
        request.body.status,
      ),
  );

  app.post(
    '/cases/:caseId/interventions',
    {
      schema: {
        tags,
        summary: "An intervention carried out by the caller's organisation",
        params: caseParams,
        body: interventionRequest,
        response: change,
      },
    },
    async (request) => service.addIntervention(request.context, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/results',
    {
      schema: {
        tags,
        summary:
          'A result: confiscation amounts (imposed, collected, settled), closures, arrests, seizures, fines',
        params: caseParams,
        body: resultRequest,
        response: change,
      },
    },
    async (request) => service.addResult(request.context, request.params.caseId, request.body),
  );
};
