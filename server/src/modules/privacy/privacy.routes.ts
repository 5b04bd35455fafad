import {
  destructionList,
  destructionListList,
  holdParams,
  itemParams,
  jobRunList,
  legalHold,
  legalHoldList,
  legalHoldRequest,
  liftHoldRequest,
  listParams,
  postponementStatistics,
  postponeRequest,
  returnListRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import type { RetentionService } from './retention.service.js';

const tags = ['Privacy'];

export const privacyRoutes: FastifyPluginAsyncZod<{ service: RetentionService }> = async (
  app,
  { service },
) => {
  app.get(
    '/job-runs',
    {
      schema: {
        tags,
        summary: 'The latest runs of scheduled and long jobs: start, end, counts, status and trace',
        response: { 200: jobRunList, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.runs(request.context),
  );

  app.get(
    '/destruction-lists',
    {
      schema: {
        tags,
        summary: 'Destruction lists per collaboration, newest first, with counts per status',
        response: { 200: destructionListList, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.lists(request.context),
  );

  app.post(
    '/destruction-lists',
    {
      schema: {
        tags,
        summary: "Draft today's lists now, as the daily run does (once a day)",
        response: { 200: destructionListList, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.draftNow(request.context),
  );

  app.get(
    '/destruction-lists/:listId',
    {
      schema: {
        tags,
        summary: 'A destruction list: its records by number, their status, postponements, holds and receipts',
        params: listParams,
        response: { 200: destructionList, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.list(request.context, request.params.listId),
  );

  app.post(
    '/destruction-lists/:listId/submit',
    {
      schema: {
        tags,
        summary: 'Submit a draft list for approval (the first pair of eyes)',
        params: listParams,
        response: { 200: destructionList, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.submit(request.context, request.params.listId),
  );

  app.post(
    '/destruction-lists/:listId/approve',
    {
      schema: {
        tags,
        summary: 'Approve a submitted list (a second person); its destruction runs as a job',
        params: listParams,
        response: { 200: destructionList, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.approve(request.context, request.params.listId),
  );

  app.post(
    '/destruction-lists/:listId/return',
    {
      schema: {
        tags,
        summary: 'Send a submitted list back to draft, with the reason',
        params: listParams,
        body: returnListRequest,
        response: { 200: destructionList, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.returnList(request.context, request.params.listId, request.body.reason),
  );

  app.post(
    '/destruction-lists/:listId/items/:itemId/postpone',
    {
      schema: {
        tags,
        summary: "Postpone one record's destruction until a date, with the reason",
        params: itemParams,
        body: postponeRequest,
        response: { 200: destructionList, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) =>
      service.postpone(request.context, request.params.listId, request.params.itemId, request.body),
  );

  app.get(
    '/retention-postponements',
    {
      schema: {
        tags,
        summary: 'Records postponed at least once: how often, until when and why the last time',
        response: { 200: postponementStatistics, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.postponements(request.context),
  );

  app.get(
    '/legal-holds',
    {
      schema: {
        tags,
        summary: 'Legal holds: in force, lifted, or all',
        querystring: z.strictObject({ active: z.enum(['true', 'false']).optional() }),
        response: { 200: legalHoldList, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) =>
      service.holds(
        request.context,
        request.query.active === undefined ? undefined : request.query.active === 'true',
      ),
  );

  app.post(
    '/legal-holds',
    {
      schema: {
        tags,
        summary:
          'Place a legal hold on a signal or case by its number: nothing of it is destroyed until lifted',
        body: legalHoldRequest,
        response: { 201: legalHold, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.placeHold(request.context, request.body)),
  );

  app.post(
    '/legal-holds/:holdId/lift',
    {
      schema: {
        tags,
        summary: 'Lift a legal hold, with the reason',
        params: holdParams,
        body: liftHoldRequest,
        response: { 200: legalHold, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.liftHold(request.context, request.params.holdId, request.body.reason),
  );
};
