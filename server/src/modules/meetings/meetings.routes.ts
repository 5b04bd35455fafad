import {
  createMeetingRequest,
  listOf,
  meeting,
  meetingListQuery,
  meetingOutcomeRequest,
  meetingParams,
  meetingPrioritiesRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { MeetingsService } from './meetings.service.js';

const tags = ['Meetings'];

export const meetingsRoutes: FastifyPluginAsyncZod<{ service: MeetingsService }> = async (
  app,
  { service },
) => {
  app.post(
    '/meetings',
    {
      schema: {
        tags,
        summary: 'Plan an LOO or DTO meeting with its attendees and agenda',
        body: createMeetingRequest,
        response: { 201: meeting, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/meetings',
    {
      schema: {
        tags,
        summary: 'Meetings of the region, newest first',
        querystring: meetingListQuery,
        response: { 200: listOf(meeting), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context, request.query) }),
  );

  app.get(
    '/meetings/:meetingId',
    {
      schema: {
        tags,
        summary: 'One meeting',
        params: meetingParams,
        response: { 200: meeting, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/outcomes',
    {
      schema: {
        tags,
        summary: 'The outcome for one signal on the agenda (in an LOO: the signal is then discussed)',
        params: meetingParams,
        body: meetingOutcomeRequest,
        response: { 200: meeting, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      service.recordOutcome(
        request.context,
        request.params.meetingId,
        request.body.signalId,
        request.body.outcome,
      ),
  );

  app.put(
    '/meetings/:meetingId/priorities',
    {
      schema: {
        tags,
        summary: "A DTO's quarterly priority list, highest first",
        params: meetingParams,
        body: meetingPrioritiesRequest,
        response: { 200: meeting, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) =>
      service.setPriorities(request.context, request.params.meetingId, request.body.signalIds),
  );
};
