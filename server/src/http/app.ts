import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { API_BASE_PATH, API_VERSION, configureDutchMessages, problemCodes } from '@samenspel/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Services } from '../app/index.js';
import type { AuthConfig, Config, MapTilesConfig } from '../config.js';
import { annualReportsRoutes } from '../modules/annual-reports/index.js';
import { apiTokensRoutes } from '../modules/api-tokens/index.js';
import { auditRoutes } from '../modules/audit/index.js';
import { authRoutes } from '../modules/auth/index.js';
import { casesRoutes } from '../modules/cases/index.js';
import { collaborationsRoutes } from '../modules/collaborations/index.js';
import { financeRoutes } from '../modules/finance/index.js';
import { healthRoutes } from '../modules/health/index.js';
import { hitcheckRoutes } from '../modules/hitcheck/index.js';
import { importPipelineRoutes, importsRoutes } from '../modules/imports/index.js';
import { interventionsRoutes } from '../modules/interventions/index.js';
import { addressRegisterRoutes, locationsRoutes, mapLayersRoutes } from '../modules/locations/index.js';
import { meetingsRoutes } from '../modules/meetings/index.js';
import { notificationsRoutes } from '../modules/notifications/index.js';
import { organisationsRoutes } from '../modules/organisations/index.js';
import { dsrRoutes, privacyRoutes } from '../modules/privacy/index.js';
import { normsRoutes, programmesRoutes, scansRoutes } from '../modules/programmes/index.js';
import { reportsRoutes } from '../modules/reports/index.js';
import { searchRoutes } from '../modules/search/index.js';
import { signalsRoutes } from '../modules/signals/index.js';
import { subjectsRoutes } from '../modules/subjects/index.js';
import { usersRoutes } from '../modules/users/index.js';
import { AppError, invalid, notFound } from '../shared/errors.js';
import { authentication } from './auth.js';
import { sendProblem, toProblem } from './problems.js';
import { isApiRequest, securityHeaders } from './security-headers.js';

export interface AppOptions {
  /** The services of the composition root (`app/services.ts`). */
  services: Services;
  logLevel: Config['logLevel'];
  /** Built web app to serve on the same port; null for an API-only server. */
  webDir: string | null;
  version: string;
  auth: AuthConfig;
  /** The largest attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** A base map's tiles under the maps; without it, none. */
  mapTiles?: MapTilesConfig | null;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The origin of a tile URL template (its subdomain placeholder, as in {s}.tile…, stands for any). */
function tileOrigin(template: string): string {
  const url = new URL(template.replace(/\{[a-z]\}/g, '0'));
  return template.includes('{s}.')
    ? `${url.protocol}//*.${url.host.split('.').slice(1).join('.')}`
    : url.origin;
}

export type App = FastifyInstance;

/** The processing activity a route serves, for logging requests refused before a service ran. */
const activities: Array<[RegExp, string]> = [
  [/^\/api\/v1\/(signals|meetings)/, 'samenspel.signals'],
  [/^\/api\/v1\/hit-check/, 'samenspel.hitcheck'],
  [/^\/api\/v1\/cases\/[^/]+\/(network|relations|ftm)/, 'samenspel.subjects'],
  [/^\/api\/v1\/(cases|case-configuration)/, 'samenspel.cases'],
  [/^\/api\/v1\/subjects/, 'samenspel.subjects'],
  [/^\/api\/v1\/(users|api-tokens|security-settings)/, 'samenspel.user-administration'],
  [/^\/api\/v1\/collaborations/, 'samenspel.collaborations'],
  [
    /^\/api\/v1\/(locations|location-projects|inspections|map-layers|map-settings|address-register)/,
    'samenspel.locations',
  ],
  [/^\/api\/v1\/(audit|processing-activities)/, 'samenspel.audit-review'],
  [/^\/api\/v1\/(reports|district-targets|analysis-products)/, 'samenspel.accountability'],
  [
    /^\/api\/v1\/(norms|norm-reviews|scans|scan-runs|scan-actions|programmes|indicators|activities|activity-kinds|case-progress|finance|annual-reports)/,
    'samenspel.programmes',
  ],
  [/^\/api\/v1\/(imports|import-kinds|import-jobs)/, 'samenspel.imports'],
  [/^\/api\/v1\/(job-runs|destruction-lists|retention-postponements|legal-holds)/, 'samenspel.retention'],
  [/^\/api\/v1\/data-subject-(requests|tasks)/, 'samenspel.data-subject-requests'],
  [/^\/api\/v1\/sharing-matrix/, 'samenspel.audit-review'],
  [/^\/api\/v1\/me\/notification/, 'samenspel.notifications'],
  [/^\/api\/v1\/(sessions|me)/, 'samenspel.authentication'],
  [/^\/api\/v1\/search/, 'samenspel.search'],
];

function activityOf(url: string | undefined): string | null {
  return activities.find(([pattern]) => pattern.test(url ?? ''))?.[1] ?? null;
}

const routesOf = new WeakMap<object, string[]>();

/** Every route the app registered, as `GET /api/v1/municipalities/{code}` (documented or not). */
export function registeredRoutes(app: App): string[] {
  return routesOf.get(app) ?? [];
}

/** Builds the HTTP server: API under /api/v1, OpenAPI, problem+json errors, and the web app. */
export async function buildApp(options: AppOptions): Promise<App> {
  configureDutchMessages();
  const mapTiles = options.mapTiles ?? null;
  const setSecurityHeaders = securityHeaders(mapTiles ? [tileOrigin(mapTiles.url)] : []);
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

  app.setErrorHandler(async (error, request, reply) => {
    const body = toProblem(error, request);
    // Input the schema refused never reaches a service: log the refusal here, without the input.
    const activity = hasZodFastifySchemaValidationErrors(error) ? activityOf(request.routeOptions.url) : null;
    if (activity && request.context)
      await options.services.audit
        .run(
          request.context,
          { action: 'request.invalid', activity, purpose: `${request.method} ${request.routeOptions.url}` },
          async () => {
            throw invalid([]);
          },
        )
        .catch(() => undefined);
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

  const { services } = options;
  await app.register(fastifyMultipart, {
    // One byte over the limit reaches the service, which refuses the file as too large.
    limits: { fileSize: options.attachmentMaxBytes + 1, files: 1, fields: 5, fieldSize: 200 },
  });
  await app.register(authentication, {
    auth: services.auth,
    apiTokens: services.apiTokens,
    config: options.auth,
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { database: services.database, version: options.version });
      await api.register(organisationsRoutes, { service: services.organisations });
      await api.register(authRoutes, { service: services.auth, config: options.auth });
      await api.register(usersRoutes, { service: services.users });
      await api.register(apiTokensRoutes, { service: services.apiTokens });
      await api.register(collaborationsRoutes, { service: services.collaborations });
      await api.register(auditRoutes, { service: services.audit });
      await api.register(signalsRoutes, { service: services.signals, queue: services.signalQueue });
      await api.register(hitcheckRoutes, { service: services.hitcheck });
      await api.register(meetingsRoutes, { service: services.meetings });
      await api.register(locationsRoutes, { service: services.locations });
      await api.register(addressRegisterRoutes, { service: services.addressRegister });
      await api.register(mapLayersRoutes, { service: services.mapLayers, tiles: mapTiles });
      await api.register(programmesRoutes, { service: services.programmes, activities: services.activities });
      await api.register(financeRoutes, { service: services.finance });
      await api.register(privacyRoutes, { service: services.retention });
      await api.register(dsrRoutes, { service: services.dataSubjectRequests, sharing: services.sharing });
      await api.register(annualReportsRoutes, { service: services.annualReports });
      await api.register(normsRoutes, { service: services.norms });
      await api.register(scansRoutes, { service: services.scans });
      await api.register(casesRoutes, {
        service: services.cases,
        information: services.information,
        attachments: services.attachments,
      });
      await api.register(interventionsRoutes, { service: services.interventions });
      await api.register(reportsRoutes, { service: services.reports });
      await api.register(subjectsRoutes, { service: services.subjects });
      await api.register(importsRoutes, { service: services.imports });
      await api.register(importPipelineRoutes, { service: services.importPipeline });
      await api.register(notificationsRoutes, { service: services.notifications });
      await api.register(searchRoutes, { service: services.search });
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
      // The build writes a Brotli and a gzip copy of each script and style sheet.
      preCompressed: true,
      // @fastify/static 9 (the last line on Node 20) hands over the raw response here.
      setHeaders: (response, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        // The same address answers Brotli, gzip or plain: caches on the way must keep them apart.
        response.setHeader('Vary', 'Accept-Encoding');
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.header('Cache-Control', 'no-cache').sendFile('index.html'),
    );
  }

  return app;
}
