import {
  collaborationDetail,
  collaborationParams,
  collaborationRequest,
  collaborationSummary,
  disclosureRequest,
  legalBasisChange,
  legalBasisParams,
  legalBasisRequest,
  listOf,
  memberParams,
  memberRequest,
  purposeChange,
  purposeParams,
  purposeRequest,
  retentionParams,
  retentionRequest,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { CollaborationsService } from './collaborations.service.js';

const tags = ['Collaborations'];
const changed = { 200: collaborationDetail, ...problemResponses(400, 401, 404, 409) };

export const collaborationsRoutes: FastifyPluginAsyncZod<{ service: CollaborationsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/collaborations',
    {
      schema: {
        tags,
        summary: "The region's collaborations (samenwerkingsverbanden)",
        response: { 200: listOf(collaborationSummary), ...problemResponses(401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context) }),
  );

  app.post(
    '/collaborations',
    {
      schema: {
        tags,
        summary: 'Create a collaboration beside the RIEC covenant (a signal table, …)',
        body: collaborationRequest,
        response: { 201: collaborationDetail, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/collaborations/:collaborationId',
    {
      schema: {
        tags,
        summary: 'A collaboration: members, purposes, legal bases and retention terms',
        params: collaborationParams,
        response: { 200: collaborationDetail, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.collaborationId),
  );

  app.put(
    '/collaborations/:collaborationId/members/:organisationId',
    {
      schema: {
        tags,
        summary: 'Add an organisation as member, or change its role',
        params: memberParams,
        body: memberRequest,
        response: changed,
      },
    },
    async (request) =>
      service.setMember(
        request.context,
        request.params.collaborationId,
        request.params.organisationId,
        request.body,
      ),
  );

  app.delete(
    '/collaborations/:collaborationId/members/:organisationId',
    {
      schema: {
        tags,
        summary: 'End a membership: the organisation loses access to the records at once',
        params: memberParams,
        response: changed,
      },
    },
    async (request) =>
      service.removeMember(request.context, request.params.collaborationId, request.params.organisationId),
  );

  app.post(
    '/collaborations/:collaborationId/purposes',
    {
      schema: {
        tags,
        summary: 'Add a purpose',
        params: collaborationParams,
        body: purposeRequest,
        response: changed,
      },
    },
    async (request) => service.addPurpose(request.context, request.params.collaborationId, request.body),
  );

  app.patch(
    '/collaborations/:collaborationId/purposes/:purposeId',
    {
      schema: {
        tags,
        summary: "Change a purpose's description",
        params: purposeParams,
        body: purposeChange,
        response: changed,
      },
    },
    async (request) =>
      service.changePurpose(
        request.context,
        request.params.collaborationId,
        request.params.purposeId,
        request.body.description,
      ),
  );

  app.post(
    '/collaborations/:collaborationId/legal-bases',
    {
      schema: {
        tags,
        summary: 'Add a legal basis a provision may rest on',
        params: collaborationParams,
        body: legalBasisRequest,
        response: changed,
      },
    },
    async (request) => service.addLegalBasis(request.context, request.params.collaborationId, request.body),
  );

  app.patch(
    '/collaborations/:collaborationId/legal-bases/:legalBasisId',
    {
      schema: {
        tags,
        summary: "Change a legal basis's name",
        params: legalBasisParams,
        body: legalBasisChange,
        response: changed,
      },
    },
    async (request) =>
      service.changeLegalBasis(
        request.context,
        request.params.collaborationId,
        request.params.legalBasisId,
        request.body.name,
      ),
  );

  app.put(
    '/collaborations/:collaborationId/retention-terms/:recordKind',
    {
      schema: {
        tags,
        summary: 'Set the retention term of a kind of record (enforced by the privacy lifecycle)',
        params: retentionParams,
        body: retentionRequest,
        response: changed,
      },
    },
    async (request) =>
      service.setRetentionTerm(
        request.context,
        request.params.collaborationId,
        request.params.recordKind,
        request.body,
      ),
  );

  app.put(
    '/collaborations/:collaborationId/disclosure',
    {
      schema: {
        tags,
        summary:
          "Set the disclosure gate's smallest group (k) for the collaboration's maps and aggregates (5 to 100)",
        params: collaborationParams,
        body: disclosureRequest,
        response: changed,
      },
    },
    async (request) =>
      service.setDisclosureMinimum(request.context, request.params.collaborationId, request.body),
  );
};
