import {
  createInspectionRequest,
  createLocationProjectRequest,
  createLocationRequest,
  inspection,
  inspectionFindingRequest,
  inspectionFollowUpRequest,
  inspectionListQuery,
  inspectionPage,
  inspectionParams,
  inspectionStepRequest,
  listOf,
  locationCaseRequest,
  locationDetail,
  locationListQuery,
  locationPage,
  locationParams,
  locationProject,
  locationProjectParams,
  locationStepRequest,
  locationSubjectRequest,
  projectFigures,
  projectFiguresQuery,
  projectMap,
  projectMapQuery,
  regionMap,
  regionMapQuery,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { LocationsService } from './locations.service.js';

const tags = ['Places'];

export const locationsRoutes: FastifyPluginAsyncZod<{ service: LocationsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/location-projects',
    {
      schema: {
        tags,
        summary: 'The risk-location projects of the region',
        response: { 200: listOf(locationProject), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.listProjects(request.context) }),
  );

  app.post(
    '/location-projects',
    {
      schema: {
        tags,
        summary: 'Start a risk-location project, with the day its baseline was counted',
        body: createLocationProjectRequest,
        response: { 201: locationProject, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createProject(request.context, request.body)),
  );

  app.get(
    '/location-projects/:projectId/figures',
    {
      schema: {
        tags,
        summary: "A project's figures over a period, per municipality and in all (aggregates only)",
        params: locationProjectParams,
        querystring: projectFiguresQuery,
        response: { 200: projectFigures, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.figures(request.context, request.params.projectId, request.query),
  );

  app.get(
    '/location-projects/:projectId/map',
    {
      schema: {
        tags,
        summary:
          "A project's map for a year: points the reader may open, locations per H3 cell and Gi* hotspots (through the disclosure gate for aggregates-only readers)",
        params: locationProjectParams,
        querystring: projectMapQuery,
        response: { 200: projectMap, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.map(request.context, request.params.projectId, request.query.year),
  );

  app.get(
    '/region-map',
    {
      schema: {
        tags,
        summary:
          "The region's signals, cases and risk locations of a year per H3 cell: aggregates only, through the disclosure gate for aggregates-only readers",
        querystring: regionMapQuery,
        response: { 200: regionMap, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.regionMap(request.context, request.query.year),
  );

  app.get(
    '/locations',
    {
      schema: {
        tags,
        summary: 'Risk locations the user may see, newest flagged first',
        querystring: locationListQuery,
        response: { 200: locationPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.list(request.context, request.query),
  );

  app.post(
    '/locations',
    {
      schema: {
        tags,
        summary: 'Flag a risk location (its point from the address register, or placed on the map)',
        body: createLocationRequest,
        response: { 201: locationDetail, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/locations/:locationId',
    {
      schema: {
        tags,
        summary: 'One risk location with its steps, subjects, cases and inspections',
        params: locationParams,
        response: { 200: locationDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.locationId),
  );

  app.post(
    '/locations/:locationId/steps',
    {
      schema: {
        tags,
        summary: 'The next step on the status path, with the date it happened',
        params: locationParams,
        body: locationStepRequest,
        response: { 200: locationDetail, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.step(request.context, request.params.locationId, request.body),
  );

  app.post(
    '/locations/:locationId/subjects',
    {
      schema: {
        tags,
        summary: 'Tie a register subject to the location as owner, tenant, operator or facilitating owner',
        params: locationParams,
        body: locationSubjectRequest,
        response: { 200: locationDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.addSubject(request.context, request.params.locationId, request.body),
  );

  app.post(
    '/locations/:locationId/cases',
    {
      schema: {
        tags,
        summary: 'Tie the location to a case',
        params: locationParams,
        body: locationCaseRequest,
        response: { 200: locationDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.addCase(request.context, request.params.locationId, request.body.caseId),
  );

  app.get(
    '/inspections',
    {
      schema: {
        tags,
        summary: 'Inspections (controles) the user may see, latest first',
        querystring: inspectionListQuery,
        response: { 200: inspectionPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.listInspections(request.context, request.query),
  );

  app.post(
    '/inspections',
    {
      schema: {
        tags,
        summary: 'Plan an inspection, integral or by one partner, with the locations to visit',
        body: createInspectionRequest,
        response: { 201: inspection, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createInspection(request.context, request.body)),
  );

  app.get(
    '/inspections/:inspectionId',
    {
      schema: {
        tags,
        summary: 'One inspection with its partners, locations, findings and follow-up',
        params: inspectionParams,
        response: { 200: inspection, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.getInspection(request.context, request.params.inspectionId),
  );

  app.post(
    '/inspections/:inspectionId/steps',
    {
      schema: {
        tags,
        summary: 'Record that the inspection was held, or cancelled, on a date',
        params: inspectionParams,
        body: inspectionStepRequest,
        response: { 200: inspection, ...problemResponses(400, 401, 404, 409) },
      },
    },
    async (request) => service.inspectionStep(request.context, request.params.inspectionId, request.body),
  );

  app.post(
    '/inspections/:inspectionId/findings',
    {
      schema: {
        tags,
        summary: "A partner's finding (drugs, violations, permits, persons met)",
        params: inspectionParams,
        body: inspectionFindingRequest,
        response: { 200: inspection, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.addFinding(request.context, request.params.inspectionId, request.body),
  );

  app.post(
    '/inspections/:inspectionId/follow-ups',
    {
      schema: {
        tags,
        summary: 'What followed from the inspection: an intervention, a signal, a case',
        params: inspectionParams,
        body: inspectionFollowUpRequest,
        response: { 200: inspection, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.addFollowUp(request.context, request.params.inspectionId, request.body),
  );
};
