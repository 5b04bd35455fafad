import {
  activity,
  activityKind,
  activityList,
  activityListQuery,
  caseProgress,
  caseProgressQuery,
  createActivityKindRequest,
  createActivityRequest,
  createProgrammeRequest,
  goalParams,
  indicatorDefinition,
  listOf,
  programme,
  programmeGoalRequest,
  programmeListQuery,
  programmeParams,
  programmeSummary,
  recordResultRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import type { ActivitiesService } from './activities.service.js';
import type { ProgrammesService } from './programmes.service.js';

const tags = ['Programmes'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const programmesRoutes: FastifyPluginAsyncZod<{
  service: ProgrammesService;
  activities: ActivitiesService;
}> = async (app, { service, activities }) => {
  app.get(
    '/indicators',
    {
      schema: {
        tags,
        summary: "The indicators a goal's result can be computed with, each with its definition",
        response: { 200: listOf(indicatorDefinition), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.indicators(request.context) }),
  );

  app.get(
    '/programmes',
    {
      schema: {
        tags,
        summary: "The region's programmes and district action plans, with how many goals were reached",
        querystring: programmeListQuery,
        response: { 200: listOf(programmeSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context, request.query) }),
  );

  app.post(
    '/programmes',
    {
      schema: {
        tags,
        summary: 'Start a programme or a district action plan for a year',
        body: createProgrammeRequest,
        response: { 201: programme, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/programmes/:programmeId',
    {
      schema: {
        tags,
        summary: 'A programme with its goals: target, result (computed or recorded) and status',
        params: programmeParams,
        response: { 200: programme, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.programmeId),
  );

  app.post(
    '/programmes/:programmeId/goals',
    {
      schema: {
        tags,
        summary: 'Add a goal with its target and how its result comes about',
        params: programmeParams,
        body: programmeGoalRequest,
        response: { 201: programme, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addGoal(request.context, request.params.programmeId, request.body)),
  );

  app.put(
    '/programmes/:programmeId/goals/:goalId',
    {
      schema: {
        tags,
        summary: 'Change a goal: its text, scope, period, target or indicators',
        params: goalParams,
        body: programmeGoalRequest,
        response: { 200: programme, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      service.updateGoal(request.context, request.params.programmeId, request.params.goalId, request.body),
  );

  app.delete(
    '/programmes/:programmeId/goals/:goalId',
    {
      schema: {
        tags,
        summary: 'Remove a goal',
        params: goalParams,
        response: { 200: programme, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.deleteGoal(request.context, request.params.programmeId, request.params.goalId),
  );

  app.post(
    '/programmes/:programmeId/goals/:goalId/results',
    {
      schema: {
        tags,
        summary: "Record a goal's result by hand, with its source (not for computed results)",
        params: goalParams,
        body: recordResultRequest,
        response: { 201: programme, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.recordResult(
            request.context,
            request.params.programmeId,
            request.params.goalId,
            request.body,
          ),
        ),
  );

  app.get(
    '/case-progress',
    {
      schema: {
        tags,
        summary:
          'Cases by phase, lead times, interventions and results per district for a year: aggregates, through the disclosure gate',
        querystring: caseProgressQuery,
        response: { 200: caseProgress, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.caseProgress(request.context, request.query),
  );

  app.get(
    '/activity-kinds',
    {
      schema: {
        tags,
        summary: "The kinds of activity: Samenspel's own and the region's",
        response: { 200: listOf(activityKind), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await activities.kinds(request.context) }),
  );

  app.post(
    '/activity-kinds',
    {
      schema: {
        tags,
        summary: 'Add a kind of activity for the region',
        body: createActivityKindRequest,
        response: { 201: listOf(activityKind), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send({ items: await activities.addKind(request.context, request.body) }),
  );

  app.get(
    '/activities',
    {
      schema: {
        tags,
        summary: 'The activity register, filtered, with totals',
        querystring: activityListQuery,
        response: { 200: activityList, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => activities.list(request.context, request.query),
  );

  app.get(
    '/activities.xlsx',
    {
      schema: {
        tags,
        summary: 'The activity register as an Excel workbook, with the same filters',
        querystring: activityListQuery,
        response: {
          200: { description: 'XLSX', content: { [XLSX]: { schema: z.string() } } },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) =>
      reply
        .type(XLSX)
        .header('Content-Disposition', 'attachment; filename="activiteiten.xlsx"')
        .send((await activities.workbook(request.context, request.query)) as unknown as string),
  );

  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Record an activity',
        body: createActivityRequest,
        response: { 201: activity, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await activities.create(request.context, request.body)),
  );
};
