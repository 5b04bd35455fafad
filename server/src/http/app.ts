import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { API_BASE_PATH, API_VERSION, configureDutchMessages, problemCodes } from '@samenspel/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AttachmentsConfig, AuthConfig, Config } from '../config.js';
import type { Database } from '../db/database.js';
import { Access } from '../modules/access/index.js';
import { ApiTokensService, apiTokensRoutes, apiTokensRules } from '../modules/api-tokens/index.js';
import { AuditService, auditRoutes, auditRules } from '../modules/audit/index.js';
import { AuthService, authRoutes } from '../modules/auth/index.js';
import { AttachmentsService, CasesService, casesRoutes, casesRules } from '../modules/cases/index.js';
import { healthRoutes } from '../modules/health/health.routes.js';
import {
  OrganisationsService,
  organisationsRoutes,
  organisationsRules,
} from '../modules/organisations/index.js';
import { ReportsService, reportsRoutes, reportsRules } from '../modules/reports/index.js';
import { SignalsService, signalsRoutes, signalsRules } from '../modules/signals/index.js';
import { SubjectsService, subjectsRoutes, subjectsRules } from '../modules/subjects/index.js';
import { UsersService, usersRoutes, usersRules } from '../modules/users/index.js';
import type { Keys } from '../shared/crypto.js';
import { AppError, notFound } from '../shared/errors.js';
import { authentication } from './auth.js';
import { sendProblem, toProblem } from './problems.js';
import { isApiRequest, setSecurityHeaders } from './security-headers.js';

export interface AppOptions {
  database: Database;
  logLevel: Config['logLevel'];
  /** Built web app to serve on the same port; null for an API-only server. */
  webDir: string | null;
  version: string;
  keys: Keys;
  auth: AuthConfig;
  /** Off only for the benchmark's baseline: every action is logged otherwise. */
  auditEnabled?: boolean;
  attachments: AttachmentsConfig;
}

/** Every module's access rules, in the one place that decides. */
export function createAccess(): Access {
  return new Access(
    organisationsRules,
    usersRules,
    apiTokensRules,
    auditRules,
    signalsRules,
    casesRules,
    reportsRules,
    subjectsRules,
  );
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export type App = FastifyInstance;

const routesOf = new WeakMap<object, string[]>();

/** Every route the app registered, as `GET /api/v1/municipalities/{code}` (documented or not). */
export function registeredRoutes(app: App): string[] {
  return routesOf.get(app) ?? [];
}

/** Builds the HTTP server: API under /api/v1, OpenAPI, problem+json errors, and the web app. */
export async function buildApp(options: AppOptions): Promise<App> {
  configureDutchMessages();
  const app = Fastify({
    logger: { level: options.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    requestIdHeader: false,
    // An incoming X-Request-ID is kept when it is well-formed, so calls can be followed across systems.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  const routes: string[] = [];
  routesOf.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') routes.push(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-ID', request.id);
    if (isApiRequest(request)) reply.header('API-Version', API_VERSION);
    setSecurityHeaders(request, reply);
  });

  app.setErrorHandler((error, request, reply) => {
    const body = toProblem(error, request);
    if (error instanceof AppError && error.headers) reply.headers(error.headers);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code }, 'request refused');
    return sendProblem(reply, body);
  });

  const webDir =
    options.webDir && existsSync(path.join(options.webDir, 'index.html')) ? options.webDir : null;
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !isApiRequest(request) &&
      (request.headers.accept ?? '').includes('text/html');
    if (webDir && wantsPage) {
      // The web app routes in the browser: every unknown page gets the app, which shows its own 404.
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    if (!isApiRequest(request)) return sendProblem(reply, toProblem(notFound(), request));
    return sendProblem(
      reply,
      toProblem(notFound(problemCodes.notFound, `${request.method} ${request.url} bestaat niet.`), request),
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Samenspel API',
        version: API_VERSION,
        description:
          'Information and case platform of a RIEC and its covenant partners. Errors are RFC 9457 problem+json with ' +
          'a stable `code` and, for invalid input, every problem in `invalidParams`.',
        contact: { name: 'Samenspel' },
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: '/' }],
      tags: [
        {
          name: 'Reference data',
          description: 'Regions, districts, municipalities, partner organisations and themes',
        },
        { name: 'System', description: 'Health and description of the API' },
        { name: 'Sessions', description: 'Signing in and out, second factor, single sign-on' },
        { name: 'Users', description: 'Administration of the users of a region' },
        { name: 'API tokens', description: 'Tokens of partner systems' },
        {
          name: 'Processing log',
          description: 'Processing records and user actions, for the privacy officer',
        },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  const db = options.database.db;
  const access = createAccess();
  const audit = new AuditService(db, options.keys, access, options.auditEnabled ?? true);
  const organisations = new OrganisationsService(db, access);
  const users = new UsersService(access, audit);
  const apiTokens = new ApiTokensService(db, access, audit);
  const auth = new AuthService(db, options.keys, access, audit, options.auth);
  const signals = new SignalsService(db, access, audit);
  const cases = new CasesService(access, audit);
  const reports = new ReportsService(access, audit);
  const subjects = new SubjectsService(access, audit);
  const attachments = new AttachmentsService(db, access, audit, options.keys, options.attachments);
  await app.register(fastifyMultipart, {
    // One byte over the limit reaches the service, which refuses the file as too large.
    limits: { fileSize: options.attachments.maxBytes + 1, files: 1, fields: 5, fieldSize: 200 },
  });
  await app.register(authentication, { auth, apiTokens, config: options.auth });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { database: options.database, version: options.version });
      await api.register(organisationsRoutes, { service: organisations });
      await api.register(authRoutes, { service: auth, config: options.auth });
      await api.register(usersRoutes, { service: users });
      await api.register(apiTokensRoutes, { service: apiTokens });
      await api.register(auditRoutes, { service: audit });
      await api.register(signalsRoutes, { service: signals });
      await api.register(casesRoutes, { service: cases, attachments });
      await api.register(reportsRoutes, { service: reports });
      await api.register(subjectsRoutes, { service: subjects });
      api.get(
        '/openapi.json',
        { config: { public: true }, schema: { hide: true } },
        async (_request, reply) => reply.type('application/json').send(app.swagger()),
      );
    },
    { prefix: API_BASE_PATH },
  );

  if (webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      index: false,
      cacheControl: false,
      setHeaders: (reply, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.header('Cache-Control', 'no-cache').sendFile('index.html'),
    );
  }

  return app;
}
