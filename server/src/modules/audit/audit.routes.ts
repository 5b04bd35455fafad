import {
  type AuditEntry,
  auditPage,
  auditQuery,
  listOf,
  processingActivity,
  subjectPseudonymRequest,
  subjectPseudonyms,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import { csvDocument } from '../../shared/csv.js';
import type { AuditService } from './audit.service.js';
import type { SubjectIdentifier } from './pseudonym.js';

const tags = ['Processing log'];

const csvColumns: Array<[string, (e: AuditEntry) => unknown]> = [
  ['volgnummer', (e) => e.sequence],
  ['begin', (e) => e.startedAt],
  ['einde', (e) => e.endedAt],
  ['trace_id', (e) => e.traceId],
  ['span_id', (e) => e.spanId],
  ['parent_span_id', (e) => e.parentSpanId],
  ['handeling', (e) => e.name],
  ['status', (e) => e.status],
  ['verwerkingsactiviteit', (e) => `${e.processingActivity.id} v${e.processingActivity.version}`],
  ['soort_betrokkene', (e) => e.dataSubject?.type],
  ['pseudoniem_betrokkene', (e) => e.dataSubject?.pseudonym],
  ['actie', (e) => e.action?.action],
  ['resultaat', (e) => e.action?.result],
  ['gebruiker_id', (e) => e.action?.userId],
  ['gebruiker', (e) => e.action?.userName],
  ['api_token_id', (e) => e.action?.apiTokenId],
  ['organisatie', (e) => e.action?.organisation?.name],
  ['rollen', (e) => e.action?.roles.join(' ')],
  ['doel', (e) => e.action?.purpose],
  ['clientadres', (e) => e.action?.clientAddress],
  ['user_agent', (e) => e.action?.userAgent],
];

export const auditRoutes: FastifyPluginAsyncZod<{ service: AuditService }> = async (app, { service }) => {
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
        summary: 'The same records as CSV (at most 10,000 per export)',
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
        .type('text/csv; charset=utf-8')
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
    async (request) => {
      const subjects: SubjectIdentifier[] = [];
      if (request.body.email) subjects.push({ type: 'employee', email: request.body.email });
      if (request.body.bsn) subjects.push({ type: 'person', bsn: request.body.bsn });
      if (request.body.kvkNumber) subjects.push({ type: 'company', kvkNumber: request.body.kvkNumber });
      if (request.body.surname && request.body.dateOfBirth)
        subjects.push({
          type: 'person',
          surname: request.body.surname,
          dateOfBirth: request.body.dateOfBirth,
        });
      if (request.body.companyName) subjects.push({ type: 'company', name: request.body.companyName });
      return { pseudonyms: await service.searchSubjects(request.context, subjects) };
    },
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
};
