import {
  answerRoundRequest,
  createMeetingRequest,
  createSignalRequest,
  hitCheckRequest,
  leadTimeQuery,
  leadTimeRow,
  listOf,
  meeting,
  meetingListQuery,
  meetingOutcomeRequest,
  meetingParams,
  meetingPrioritiesRequest,
  queueItem,
  roundParams,
  signalDetail,
  signalDraftInput,
  signalListQuery,
  signalParams,
  signalSummary,
  signalTransition,
  startRoundRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import type { SignalsService } from './signals.service.js';

const tags = ['Signals'];

export const signalsRoutes: FastifyPluginAsyncZod<{ service: SignalsService }> = async (app, { service }) => {
  app.post(
    '/signals',
    {
      schema: {
        tags,
        summary: 'Submit a signal (submit: true, complete) or save a draft (submit: false)',
        body: createSignalRequest,
        response: { 201: signalDetail, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { submit, ...input } = request.body;
      return reply.code(201).send(await service.create(request.context, input, submit));
    },
  );

  app.get(
    '/signals',
    {
      schema: {
        tags,
        summary: 'The signals the caller may see, newest stage first',
        querystring: signalListQuery,
        response: { 200: listOf(signalSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context, request.query) }),
  );

  app.get(
    '/signals/queue',
    {
      schema: {
        tags,
        summary: "The analyst's work queue: open signals by urgency and age, with time in each stage",
        response: { 200: listOf(queueItem), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.queue(request.context) }),
  );

  app.get(
    '/signals/lead-times',
    {
      schema: {
        tags,
        summary: 'Lead times: median and 90th percentile in days, per district and month of decision',
        querystring: leadTimeQuery,
        response: { 200: listOf(leadTimeRow), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.leadTimes(request.context, request.query) }),
  );

  app.get(
    '/signals/:signalId',
    {
      schema: {
        tags,
        summary: 'One signal with its subjects, timeline, rounds and lead times',
        params: signalParams,
        response: { 200: signalDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.signalId),
  );

  app.put(
    '/signals/:signalId',
    {
      schema: {
        tags,
        summary: 'Change a draft; with submit: true it is checked as complete and submitted',
        params: signalParams,
        body: signalDraftInput.extend({ submit: z.boolean().default(false) }),
        response: { 200: signalDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { submit, ...input } = request.body;
      return service.updateDraft(request.context, request.params.signalId, input, submit);
    },
  );

  app.post(
    '/signals/:signalId/transitions',
    {
      schema: {
        tags,
        summary:
          'The next step: discussed in the LOO, substantiated, triaged, decided by the DTO, or withdrawn',
        params: signalParams,
        body: signalTransition,
        response: { 200: signalDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.transition(request.context, request.params.signalId, request.body),
  );

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

  app.post(
    '/meetings',
    {
      schema: {
        tags: ['Meetings'],
        summary: 'Plan an LOO or DTO meeting with its attendees and agenda',
        body: createMeetingRequest,
        response: { 201: meeting, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createMeeting(request.context, request.body)),
  );

  app.get(
    '/meetings',
    {
      schema: {
        tags: ['Meetings'],
        summary: 'Meetings of the region, newest first',
        querystring: meetingListQuery,
        response: { 200: listOf(meeting), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.listMeetings(request.context, request.query) }),
  );

  app.get(
    '/meetings/:meetingId',
    {
      schema: {
        tags: ['Meetings'],
        summary: 'One meeting',
        params: meetingParams,
        response: { 200: meeting, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.getMeeting(request.context, request.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/outcomes',
    {
      schema: {
        tags: ['Meetings'],
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
        tags: ['Meetings'],
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
