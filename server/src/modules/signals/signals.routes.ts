import {
  createSignalRequest,
  leadTimeQuery,
  leadTimeRow,
  listOf,
  queueItem,
  signalDetail,
  signalDraftInput,
  signalExportQuery,
  signalListQuery,
  signalPage,
  signalParams,
  signalTransition,
  signalWork,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import { XLSX_TYPE } from '../../shared/workbook.js';
import type { SignalQueue } from './signals.queue.js';
import type { SignalsService } from './signals.service.js';

const tags = ['Signals'];

export const signalsRoutes: FastifyPluginAsyncZod<{ service: SignalsService; queue: SignalQueue }> = async (
  app,
  { service, queue },
) => {
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
        summary:
          'The signals the caller may see: filtered, sorted (newest stage first) and one page at a time',
        querystring: signalListQuery,
        response: { 200: signalPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.list(request.context, request.query),
  );

  app.get(
    '/signals/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Exactly the signals the filter selects, as an Excel workbook (logged as a read of each)',
        querystring: signalExportQuery,
        response: {
          200: { description: 'Excel workbook', content: { [XLSX_TYPE]: { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('Content-Disposition', 'attachment; filename="signalen.xlsx"')
        .send((await service.exportList(request.context, request.query)) as unknown as string),
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
    async (request) => ({ items: await queue.queue(request.context) }),
  );

  app.get(
    '/signals/work',
    {
      schema: {
        tags,
        summary:
          "The signals on the caller's start page: drafts, own signals and what became of them, open stages, signals awaiting a decision, overdue rounds",
        response: { 200: signalWork, ...problemResponses(401, 403) },
      },
    },
    async (request) => queue.work(request.context),
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
    async (request) => ({ items: await queue.leadTimes(request.context, request.query) }),
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
};
