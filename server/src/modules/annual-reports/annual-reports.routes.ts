import {
  annualReport,
  annualReportParams,
  annualReportSummary,
  createAnnualReportRequest,
  listOf,
  possibleOwner,
  publishedReport,
  reportSectionParams,
  reportTableParams,
  sectionOwnerRequest,
  sectionProseRequest,
  sectionStepRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import type { AnnualReportsService } from './annual-reports.service.js';

const tags = ['Annual report'];

export const annualReportsRoutes: FastifyPluginAsyncZod<{ service: AnnualReportsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/annual-reports',
    {
      schema: {
        tags,
        summary: "The region's annual reports: drafts for those who write them, published ones for everyone",
        response: { 200: listOf(annualReportSummary), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context) }),
  );

  app.post(
    '/annual-reports',
    {
      schema: {
        tags,
        summary:
          "Start a year's report with a section per district plan and programme, finance and the national table",
        body: createAnnualReportRequest,
        response: { 201: annualReport, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/annual-reports/:reportId',
    {
      schema: {
        tags,
        summary: 'A report as it is being written, its figures computed now',
        params: annualReportParams,
        response: { 200: annualReport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.reportId),
  );

  app.get(
    '/annual-reports/:reportId/possible-owners',
    {
      schema: {
        tags,
        summary: "Who may own a section: the region's active users whose role lets them write the report",
        params: annualReportParams,
        response: { 200: listOf(possibleOwner), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => ({ items: await service.possibleOwners(request.context, request.params.reportId) }),
  );

  app.put(
    '/annual-reports/:reportId/sections/:sectionId/owner',
    {
      schema: {
        tags,
        summary: 'Give a section its owner, who writes and submits it',
        params: reportSectionParams,
        body: sectionOwnerRequest,
        response: { 200: annualReport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      service.setOwner(
        request.context,
        request.params.reportId,
        request.params.sectionId,
        request.body.ownerId,
      ),
  );

  app.put(
    '/annual-reports/:reportId/sections/:sectionId/prose',
    {
      schema: {
        tags,
        summary: "Write a section's text (its owner, while it is a draft); every version is kept",
        params: reportSectionParams,
        body: sectionProseRequest,
        response: { 200: annualReport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      service.writeProse(
        request.context,
        request.params.reportId,
        request.params.sectionId,
        request.body.prose,
      ),
  );

  app.post(
    '/annual-reports/:reportId/sections/:sectionId/steps',
    {
      schema: {
        tags,
        summary: 'Submit a section (its owner), approve it or return it with a note (the programme manager)',
        params: reportSectionParams,
        body: sectionStepRequest,
        response: { 200: annualReport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) =>
      service.step(request.context, request.params.reportId, request.params.sectionId, request.body),
  );

  app.post(
    '/annual-reports/:reportId/publication',
    {
      schema: {
        tags,
        summary:
          'Approve the whole report and publish it: every figure frozen with its definition, period and scope',
        params: annualReportParams,
        response: { 201: publishedReport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.publish(request.context, request.params.reportId)),
  );

  app.get(
    '/annual-reports/:reportId/publication',
    {
      schema: {
        tags,
        summary: 'The published report as frozen (the machine-readable companion, JSON)',
        params: annualReportParams,
        response: { 200: publishedReport, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.published(request.context, request.params.reportId),
  );

  app.get(
    '/annual-reports/:reportId/publication.pdf',
    {
      schema: {
        tags,
        summary: 'The published report as an archival PDF (PDF/A-2b, tagged, with outline and page numbers)',
        params: annualReportParams,
        response: {
          200: { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { pdf, year } = await service.pdf(request.context, request.params.reportId);
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="jaarverslag-${year}.pdf"`)
        .send(pdf as unknown as string);
    },
  );

  app.get(
    '/annual-reports/:reportId/publication/tables/:tableId',
    {
      schema: {
        tags,
        summary: 'One table of the published report as CSV',
        params: reportTableParams,
        response: {
          200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${request.params.tableId}.csv"`)
        .send(await service.tableCsv(request.context, request.params.reportId, request.params.tableId)),
  );
};
