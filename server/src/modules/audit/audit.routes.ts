import {
  type AuditEntry,
  actionResultLabels,
  auditAttention,
  auditPage,
  auditQuery,
  auditRecordTypeLabels,
  dataSubjectTypeLabels,
  listOf,
  processingActivity,
  processingActivityParams,
  processingActivityVersions,
  subjectPseudonymRequest,
  subjectPseudonyms,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import { CSV_TYPE, csvDocument } from '../../shared/csv.js';
import type { AuditService } from './audit.service.js';

const tags = ['Processing log'];

const recordName = (e: AuditEntry) =>
  e.record ? (e.record.label ?? auditRecordTypeLabels[e.record.type]) : null;

/** The export's columns, in Dutch; the codes beside the words, so the export can be matched to the log. */
const csvColumns: Array<[string, (e: AuditEntry) => unknown]> = [
  ['Volgnummer', (e) => e.sequence],
  ['Begin', (e) => e.startedAt],
  ['Einde', (e) => e.endedAt],
  ['Verwerking', (e) => e.label],
  ['Code verwerking', (e) => e.name],
  ['Status', (e) => (e.status === 'ok' ? 'Gelukt' : 'Fout')],
  ['Dossier', recordName],
  ['Soort dossier', (e) => (e.record ? auditRecordTypeLabels[e.record.type] : null)],
  ['Id dossier', (e) => e.record?.id],
  ['Verwerkingsactiviteit', (e) => e.processingActivity.name],
  ['Code verwerkingsactiviteit', (e) => `${e.processingActivity.id} v${e.processingActivity.version}`],
  ['Soort betrokkene', (e) => (e.dataSubject ? dataSubjectTypeLabels[e.dataSubject.type] : null)],
  ['Pseudoniem betrokkene', (e) => e.dataSubject?.pseudonym],
  ['Handeling', (e) => e.action?.label],
  ['Code handeling', (e) => e.action?.action],
  ['Resultaat', (e) => (e.action ? actionResultLabels[e.action.result] : null)],
  ['Gebruiker', (e) => e.action?.userName],
  ['Id gebruiker', (e) => e.action?.userId],
  ['Id API-token', (e) => e.action?.apiTokenId],
  ['Organisatie', (e) => e.action?.organisation?.name],
  ['Rollen', (e) => e.action?.roles.join(' ')],
  ['Doel', (e) => e.action?.purpose],
  ['Clientadres', (e) => e.action?.clientAddress],
  ['Browser', (e) => e.action?.userAgent],
  ['Trace-id', (e) => e.traceId],
  ['Span-id', (e) => e.spanId],
  ['Bovenliggende span-id', (e) => e.parentSpanId],
];

export const auditRoutes: FastifyPluginAsyncZod<{ service: AuditService }> = async (app, { service }) => {
  app.get(
    '/audit/attention',
    {
      schema: {
        tags,
        summary:
          "What asks the privacy officer's attention in the last 30 days: refusals and exports, counted",
        response: { 200: auditAttention, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.attention(request.context),
  );

  app.get(
    '/audit/entries',
    {
      schema: {
        tags,
        summary: 'Processing records with their user actions, newest first (privacy officer)',
        querystring: auditQuery,
        response: { 200: auditPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.entries(request.context, request.query),
  );

  app.get(
    '/audit/entries/export',
    {
      schema: {
        tags,
        summary: 'The same records as CSV for Dutch Excel (at most 10,000 per export)',
        querystring: auditQuery.omit({ limit: true, before: true }),
        response: {
          200: { description: 'CSV, UTF-8', content: { 'text/csv': { schema: z.string() } } },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const page = await service.entries(
        request.context,
        { ...request.query, limit: 10_000 },
        'audit.export',
      );
      return reply
        .type(CSV_TYPE)
        .header('Content-Disposition', 'attachment; filename="verwerkingslog.csv"')
        .send(
          csvDocument([
            csvColumns.map(([name]) => name),
            ...page.items.map((entry) => csvColumns.map(([, value]) => value(entry))),
          ]),
        );
    },
  );

  app.post(
    '/audit/subject-pseudonyms',
    {
      schema: {
        tags,
        summary: "A data subject's pseudonyms from their identifiers, to search the log with",
        body: subjectPseudonymRequest,
        response: { 200: subjectPseudonyms, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.searchSubjects(request.context, request.body),
  );

  app.get(
    '/processing-activities',
    {
      schema: {
        tags,
        summary: 'The register of processing activities (AVG art. 30), every version',
        response: { 200: listOf(processingActivity), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.processingActivities(request.context) }),
  );

  app.get(
    '/processing-activities/:activityId',
    {
      schema: {
        tags,
        summary: 'One processing activity of the register with every version, oldest first',
        params: processingActivityParams,
        response: { 200: processingActivityVersions, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.processingActivity(request.context, request.params.activityId),
  );
};
