import {
  accountabilityReport,
  analysisProduct,
  analysisProductQuery,
  createAnalysisProductRequest,
  districtTargetsRow,
  listOf,
  type ReportQuery,
  reportQuery,
  setTargetsRequest,
  targetParams,
  targetsQuery,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import { accountabilityCsv, accountabilityWorkbook } from './exports.js';
import type { ReportsService } from './reports.service.js';

const tags = ['Accountability'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fileName(query: ReportQuery, extension: string): string {
  const period =
    query.year !== undefined
      ? `${query.year}${query.quarter ? `-K${query.quarter}` : ''}`
      : `${query.from}_${query.to}`;
  const scope = query.district ?? query.municipality ?? 'regio';
  return `verantwoording-${scope}-${period}.${extension}`;
}

export const reportsRoutes: FastifyPluginAsyncZod<{ service: ReportsService }> = async (app, { service }) => {
  app.get(
    '/reports/accountability',
    {
      schema: {
        tags,
        summary:
          'The national accountability table, district figures against targets, case flow, lead times and signals by source, for a period and scope (aggregates only)',
        querystring: reportQuery,
        response: { 200: accountabilityReport, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.accountability(request.context, request.query),
  );

  app.get(
    '/reports/accountability.csv',
    {
      schema: {
        tags,
        summary: 'The same report as CSV (UTF-8 with BOM)',
        querystring: reportQuery,
        response: {
          200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const report = await service.accountability(request.context, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${fileName(request.query, 'csv')}"`)
        .send(accountabilityCsv(report));
    },
  );

  app.get(
    '/reports/accountability.xlsx',
    {
      schema: {
        tags,
        summary: 'The same report as an Excel workbook',
        querystring: reportQuery,
        response: {
          200: { description: 'XLSX', content: { [XLSX]: { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const report = await service.accountability(request.context, request.query);
      return reply
        .type(XLSX)
        .header('Content-Disposition', `attachment; filename="${fileName(request.query, 'xlsx')}"`)
        .send((await accountabilityWorkbook(report)) as unknown as string);
    },
  );

  app.get(
    '/district-targets',
    {
      schema: {
        tags,
        summary: "Every district of the caller's region with its targets for a year",
        querystring: targetsQuery,
        response: { 200: listOf(districtTargetsRow), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.targets(request.context, request.query.year) }),
  );

  app.put(
    '/district-targets/:districtId/:year',
    {
      schema: {
        tags,
        summary: "Replace a district's targets for a year (programme managers)",
        params: targetParams,
        body: setTargetsRequest,
        response: { 200: districtTargetsRow, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.setTargets(request.context, request.params.districtId, request.params.year, request.body),
  );

  app.get(
    '/analysis-products',
    {
      schema: {
        tags,
        summary: 'Analysis products (ondermijningsbeelden) the RIEC delivered',
        querystring: analysisProductQuery,
        response: { 200: listOf(analysisProduct), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.analysisProducts(request.context, request.query.year) }),
  );

  app.post(
    '/analysis-products',
    {
      schema: {
        tags,
        summary: 'Register a delivered analysis product (RIEC analysts)',
        body: createAnalysisProductRequest,
        response: { 201: analysisProduct, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addAnalysisProduct(request.context, request.body)),
  );
};
