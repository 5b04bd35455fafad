import {
  createdUser,
  createUserRequest,
  listOf,
  securitySettings,
  updateSecuritySettingsRequest,
  updateUserRequest,
  userListQuery,
  userParams,
  userSummary,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { UsersService } from './users.service.js';

const tags = ['Users'];

export const usersRoutes: FastifyPluginAsyncZod<{ service: UsersService }> = async (app, { service }) => {
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: "The users of the administrator's region",
        querystring: userListQuery,
        response: { 200: listOf(userSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      items: await service.list(request.context, {
        organisationId: request.query.organisationId,
        active: request.query.active === undefined ? undefined : request.query.active === 'true',
      }),
    }),
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user; the initial password is shown once',
        body: createUserRequest,
        response: { 201: createdUser, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/users/:userId',
    {
      schema: {
        tags,
        summary: 'One user',
        params: userParams,
        response: { 200: userSummary, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.userId),
  );

  app.patch(
    '/users/:userId',
    {
      schema: {
        tags,
        summary: "Change a user's name or roles (not one's own); ends the user's sessions when roles change",
        params: userParams,
        body: updateUserRequest,
        response: { 200: userSummary, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.update(request.context, request.params.userId, request.body),
  );

  app.post(
    '/users/:userId/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a user and end their sessions',
        params: userParams,
        response: { 200: userSummary, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.setActive(request.context, request.params.userId, false),
  );

  app.post(
    '/users/:userId/reactivate',
    {
      schema: {
        tags,
        summary: 'Reactivate a user',
        params: userParams,
        response: { 200: userSummary, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.setActive(request.context, request.params.userId, true),
  );

  app.delete(
    '/users/:userId/second-factor',
    {
      schema: {
        tags,
        summary: "Reset a user's second factor: they enrol again at their next sign-in",
        params: userParams,
        response: { 200: userSummary, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.resetSecondFactor(request.context, request.params.userId),
  );

  app.get(
    '/security-settings',
    {
      schema: {
        tags,
        summary: "The sign-in policy of the administrator's region",
        response: { 200: securitySettings, ...problemResponses(401, 403) },
      },
    },
    async (request) => service.securitySettings(request.context),
  );

  app.put(
    '/security-settings',
    {
      schema: {
        tags,
        summary: "Set who in the administrator's region must sign in with a second factor",
        body: updateSecuritySettingsRequest,
        response: { 200: securitySettings, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => service.updateSecuritySettings(request.context, request.body.secondFactorRequiredFor),
  );
};
