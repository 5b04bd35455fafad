import {
  dsrAnswer,
  dsrDecisionRequest,
  dsrDetail,
  dsrExtension,
  dsrList,
  dsrMatchParams,
  dsrOwners,
  dsrParams,
  dsrRegistration,
  dsrReview,
  dsrTaskDetail,
  dsrTaskList,
  dsrTaskMatchParams,
  dsrTaskParams,
  sharingMatrix,
  sharingMatrixQuery,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import type { DsrService } from './dsr.service.js';
import type { SharingService } from './register.service.js';

const tags = ['Privacy'];

export const dsrRoutes: FastifyPluginAsyncZod<{ service: DsrService; sharing: SharingService }> = async (
  app,
  { service, sharing },
) => {
  app.get(
    '/sharing-matrix',
    {
      schema: {
        tags,
        summary:
          'Which partner provides information to whom under which legal basis, counted from the provisions in cases',
        querystring: sharingMatrixQuery,
        response: { 200: sharingMatrix, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => sharing.matrix(request.context, request.query.year),
  );

  app.get(
    '/data-subject-requests',
    {
      schema: {
        tags,
        summary: "The region's data-subject requests: open ones by deadline, then the answered ones",
        response: { 200: dsrList, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.requests(request.context),
  );

  app.post(
    '/data-subject-requests',
    {
      schema: {
        tags,
        summary:
          'Register a request (identity checked): everything about the person is found at once, with a task per partner that holds data',
        body: dsrRegistration,
        response: { 201: dsrDetail, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.register(request.context, request.body)),
  );

  app.get(
    '/data-subject-requests/:requestId',
    {
      schema: {
        tags,
        summary: 'A request: the person, the clock, what was found per partner, the tasks and decisions',
        params: dsrParams,
        response: { 200: dsrDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.request(request.context, request.params.requestId),
  );

  app.post(
    '/data-subject-requests/:requestId/matches/:matchId/review',
    {
      schema: {
        tags,
        summary: 'Confirm or reject a record found by name and date of birth as the same person',
        params: dsrMatchParams,
        body: dsrReview,
        response: { 200: dsrDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) =>
      service.review(
        request.context,
        request.params.requestId,
        request.params.matchId,
        request.body.confirmed,
      ),
  );

  app.put(
    '/data-subject-requests/:requestId/owners',
    {
      schema: {
        tags,
        summary: 'Name who decides at each partner: someone of that partner who may decide on requests',
        params: dsrParams,
        body: dsrOwners,
        response: { 200: dsrDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.setOwners(request.context, request.params.requestId, request.body.owners),
  );

  app.post(
    '/data-subject-requests/:requestId/extension',
    {
      schema: {
        tags,
        summary: 'Extend the deadline by two months, once, after telling the person within the first month',
        params: dsrParams,
        body: dsrExtension,
        response: { 200: dsrDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.extend(request.context, request.params.requestId, request.body),
  );

  app.post(
    '/data-subject-requests/:requestId/answer',
    {
      schema: {
        tags,
        summary: 'Answer the request once every partner has decided: one package for all controllers',
        params: dsrParams,
        response: { 200: dsrDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.answer(request.context, request.params.requestId),
  );

  app.get(
    '/data-subject-requests/:requestId/answer.json',
    {
      schema: {
        tags,
        summary: 'The answer as sent: what may be given, and the grounds for what may not',
        params: dsrParams,
        response: { 200: dsrAnswer, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const answer = await service.answerPackage(request.context, request.params.requestId);
      return reply
        .header('Content-Disposition', `attachment; filename="${answer.reference}.json"`)
        .send(answer);
    },
  );

  app.get(
    '/data-subject-requests/:requestId/answer.pdf',
    {
      schema: {
        tags,
        summary: 'The answer as a PDF/A-2b letter',
        params: dsrParams,
        response: {
          200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
          ...problemResponses(400, 401, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { pdf, reference } = await service.answerPdf(request.context, request.params.requestId);
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="${reference}.pdf"`)
        .send(pdf as unknown as string);
    },
  );

  app.get(
    '/data-subject-tasks',
    {
      schema: {
        tags,
        summary: "The signed-in person's tasks on open requests: deciding for their organisation's data",
        response: { 200: dsrTaskList, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.tasks(request.context),
  );

  app.get(
    '/data-subject-tasks/:taskId',
    {
      schema: {
        tags,
        summary: "A task: the request's kind and clock, and the organisation's own records of the person",
        params: dsrTaskParams,
        response: { 200: dsrTaskDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.task(request.context, request.params.taskId),
  );

  app.post(
    '/data-subject-tasks/:taskId/matches/:matchId/decision',
    {
      schema: {
        tags,
        summary: 'Decide for one record: give it, restrict it or refuse it (a legal ground for the last two)',
        params: dsrTaskMatchParams,
        body: dsrDecisionRequest,
        response: { 200: dsrTaskDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) =>
      service.decide(request.context, request.params.taskId, request.params.matchId, request.body),
  );
};
