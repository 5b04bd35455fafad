import {
  attachmentView,
  caseConfiguration,
  caseDetail,
  caseExportQuery,
  caseListQuery,
  casePage,
  caseParams,
  casePhaseRequest,
  caseSubjectRequest,
  caseWork,
  communicationRequest,
  createCaseRequest,
  evaluationRequest,
  goalRequest,
  listOf,
  participantParams,
  participantRequest,
  priorityRequest,
  provisionRequest,
  removeParticipantRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/problems.js';
import { AppError, invalid } from '../../shared/errors.js';
import { XLSX_TYPE } from '../../shared/workbook.js';
import type { AttachmentsService } from './attachments.service.js';
import type { CaseInformationService } from './case-information.service.js';
import type { CasesService } from './cases.service.js';

const tags = ['Cases'];
const change = { 200: caseDetail, ...problemResponses(400, 401, 404, 409) };

const attachmentParams = z.strictObject({
  caseId: z.uuid('Dit is geen geldige id.'),
  attachmentId: z.uuid('Dit is geen geldige id.'),
});

export const casesRoutes: FastifyPluginAsyncZod<{
  service: CasesService;
  information: CaseInformationService;
  attachments: AttachmentsService;
}> = async (app, { service, information, attachments }) => {
  app.get(
    '/cases/:caseId/attachments',
    {
      schema: {
        tags,
        summary: 'Attachments of a case (participants only)',
        params: caseParams,
        response: { 200: listOf(attachmentView), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => ({ items: await attachments.list(request.context, request.params.caseId) }),
  );

  app.post(
    '/cases/:caseId/attachments',
    {
      schema: {
        tags,
        summary:
          'Upload an attachment (multipart/form-data: title, documentType, classification and optional provisionId, then file); encrypted at rest',
        params: caseParams,
        consumes: ['multipart/form-data'],
        response: { 201: attachmentView, ...problemResponses(400, 401, 404, 413) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError({
          code: 'attachment.not_multipart',
          status: 415,
          title: 'Verkeerd soort inhoud',
          detail: 'Stuur een bijlage als multipart/form-data, met het bestand in het veld "file".',
        });
      const part = await request.file();
      if (!part) throw invalid([{ name: 'file', in: 'body', code: 'required', reason: 'Kies een bestand.' }]);
      // The description comes in the fields sent before the file.
      const fields: Record<string, string> = {};
      for (const [name, field] of Object.entries(part.fields))
        if (field && !Array.isArray(field) && field.type === 'field' && typeof field.value === 'string')
          fields[name] = field.value;
      const view = await attachments.upload(request.context, request.params.caseId, {
        fileName: part.filename,
        declaredType: part.mimetype,
        stream: part.file,
        fields,
      });
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/cases/:caseId/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Download an attachment, streamed and decrypted; every download is logged',
        params: attachmentParams,
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string() } } },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await attachments.download(
        request.context,
        request.params.caseId,
        request.params.attachmentId,
      );
      return (
        reply
          .type(file.contentType)
          .header('Content-Length', String(file.sizeBytes))
          .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          // A stream is sent as it is; the schema above only documents the response.
          .send(file.stream as unknown as string)
      );
    },
  );

  app.get(
    '/case-configuration',
    {
      schema: {
        tags,
        summary: 'Legal bases for provisions and the intervention catalogue of the region',
        response: { 200: caseConfiguration, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.configuration(request.context),
  );

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Start a case from accepted signals, an analysis product, or directly',
        body: createCaseRequest,
        response: { 201: caseDetail, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'The cases the caller may see: filtered, sorted (newest start first) and one page at a time',
        querystring: caseListQuery,
        response: { 200: casePage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.list(request.context, request.query),
  );

  app.get(
    '/cases/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Exactly the cases the filter selects, as an Excel workbook (logged as a read of each)',
        querystring: caseExportQuery,
        response: {
          200: { description: 'Excel workbook', content: { [XLSX_TYPE]: { schema: z.string() } } },
          ...problemResponses(400, 401, 403, 422),
        },
      },
    },
    async (request, reply) =>
      reply
        .type(XLSX_TYPE)
        .header('Content-Disposition', 'attachment; filename="casussen.xlsx"')
        .send((await service.exportList(request.context, request.query)) as unknown as string),
  );

  app.get(
    '/cases/work',
    {
      schema: {
        tags,
        summary:
          "The cases on the caller's start page: those they direct and those whose next action is their organisation's, with the accepted signals still without a case",
        response: { 200: caseWork, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.work(request.context),
  );

  app.get(
    '/cases/:caseId',
    {
      schema: {
        tags,
        summary: 'One case, whole',
        params: caseParams,
        response: { 200: caseDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.caseId),
  );

  app.put(
    '/cases/:caseId/goal',
    {
      schema: {
        tags,
        summary: 'Goal and strategy (start phase)',
        params: caseParams,
        body: goalRequest,
        response: change,
      },
    },
    async (request) => service.setGoal(request.context, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/phase',
    {
      schema: {
        tags,
        summary: 'Advance to the next phase, close, or reopen with a reason',
        params: caseParams,
        body: casePhaseRequest,
        response: change,
      },
    },
    async (request) => service.phase(request.context, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/participants',
    {
      schema: {
        tags,
        summary: 'Add a participating partner, with a reason',
        params: caseParams,
        body: participantRequest,
        response: change,
      },
    },
    async (request) => service.addParticipant(request.context, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/participants/:organisationId/remove',
    {
      schema: {
        tags,
        summary: 'Remove a partner, with a reason: its access ends at once',
        params: participantParams,
        body: removeParticipantRequest,
        response: change,
      },
    },
    async (request) =>
      service.removeParticipant(
        request.context,
        request.params.caseId,
        request.params.organisationId,
        request.body.reason,
      ),
  );

  app.post(
    '/cases/:caseId/subjects',
    {
      schema: {
        tags,
        summary: 'A subject in the case, with a role',
        params: caseParams,
        body: caseSubjectRequest,
        response: change,
      },
    },
    async (request) => information.addSubject(request.context, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/provisions',
    {
      schema: {
        tags,
        summary: "The caller's organisation provides information for the case, under a legal basis",
        params: caseParams,
        body: provisionRequest,
        response: change,
      },
    },
    async (request) => information.addProvision(request.context, request.params.caseId, request.body),
  );

  app.post(
    '/cases/:caseId/communications',
    {
      schema: {
        tags,
        summary: 'A communication action',
        params: caseParams,
        body: communicationRequest,
        response: change,
      },
    },
    async (request) => information.addCommunication(request.context, request.params.caseId, request.body),
  );

  app.put(
    '/cases/:caseId/evaluation',
    {
      schema: {
        tags,
        summary:
          'The evaluation (what worked, what did not, lessons), or its waiver by the chair with a reason',
        params: caseParams,
        body: evaluationRequest,
        response: change,
      },
    },
    async (request) => service.evaluate(request.context, request.params.caseId, request.body),
  );

  app.put(
    '/cases/:caseId/priority',
    {
      schema: {
        tags,
        summary: 'Quarterly priority set by the DTO',
        params: caseParams,
        body: priorityRequest,
        response: change,
      },
    },
    async (request) => service.setPriority(request.context, request.params.caseId, request.body),
  );
};
