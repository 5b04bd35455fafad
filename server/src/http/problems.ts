import {
  type InvalidParam,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  problemCodes,
  problemDetails,
} from '@samenspel/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError } from '../shared/errors.js';

type Location = InvalidParam['in'];

const parts: Array<{
  key: 'params' | 'querystring' | 'body' | 'headers';
  in: Location;
  value: (r: FastifyRequest) => unknown;
}> = [
  { key: 'params', in: 'path', value: (r) => r.params },
  { key: 'querystring', in: 'query', value: (r) => r.query },
  { key: 'body', in: 'body', value: (r) => r.body },
  { key: 'headers', in: 'header', value: (r) => r.headers },
];

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && 'safeParse' in value;
}

/**
 * Fastify stops validating at the first invalid part of a request; users should see every
 * problem at once, so the route's schemas are applied again to every part.
 */
export function collectInvalidParams(request: FastifyRequest): InvalidParam[] {
  const schema = request.routeOptions.schema ?? {};
  const found: InvalidParam[] = [];
  for (const part of parts) {
    const partSchema = schema[part.key];
    if (!isZodSchema(partSchema)) continue;
    const result = partSchema.safeParse(part.value(request));
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const names =
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((k) => [...issue.path, k].join('.'))
          : [issue.path.join('.')];
      for (const name of names)
        found.push({ name: name || part.key, in: part.in, code: issue.code, reason: issue.message });
    }
  }
  return found;
}

function problem(
  status: number,
  code: string,
  title: string,
  detail?: string,
  invalidParams?: InvalidParam[],
) {
  return {
    type: `urn:samenspel:problem:${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(invalidParams?.length ? { invalidParams } : {}),
  };
}

interface PgError {
  code: string;
  severity?: string;
}

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    /^[0-9A-Z]{5}$/.test(error.code) &&
    'severity' in error
  );
}

/** Maps any error to an RFC 9457 problem; unexpected errors reveal nothing but the request id. */
export function toProblem(error: unknown, request: FastifyRequest): Omit<ProblemDetails, 'instance'> {
  if (error instanceof AppError)
    return problem(error.status, error.code, error.title, error.detail, error.errors);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const invalidParams = collectInvalidParams(request);
    const detail =
      invalidParams.length === 1
        ? 'Eén onderdeel van het verzoek is ongeldig.'
        : `${invalidParams.length} onderdelen van het verzoek zijn ongeldig.`;
    return problem(400, problemCodes.invalidRequest, 'Ongeldig verzoek', detail, invalidParams);
  }
  if (isResponseSerializationError(error)) {
    return problem(500, problemCodes.internal, 'Interne fout', 'Er ging iets mis aan onze kant.');
  }
  if (isPgError(error)) {
    if (error.code.startsWith('23'))
      return problem(409, problemCodes.conflict, 'Conflict', 'Dit botst met gegevens die al bestaan.');
    if (error.code.startsWith('22'))
      return problem(400, problemCodes.invalidRequest, 'Ongeldig verzoek', 'Een waarde past niet.');
    if (error.code.startsWith('08') || error.code.startsWith('57') || error.code.startsWith('40')) {
      return problem(503, problemCodes.unavailable, 'Tijdelijk niet beschikbaar', 'Probeer het zo opnieuw.');
    }
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        415,
        problemCodes.unsupportedMediaType,
        'Niet ondersteund type',
        'Stuur de gegevens als application/json.',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(
        413,
        problemCodes.payloadTooLarge,
        'Te groot',
        'Het verzoek is groter dan is toegestaan.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(
        400,
        problemCodes.invalidRequest,
        'Ongeldig verzoek',
        'De inhoud is geen geldige JSON.',
        [{ name: 'body', in: 'body', code: 'invalid_json', reason: 'Geen geldige JSON.' }],
      );
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return problem(
      fastifyError.statusCode,
      problemCodes.invalidRequest,
      'Ongeldig verzoek',
      fastifyError.message,
    );
  }
  return problem(
    500,
    problemCodes.internal,
    'Interne fout',
    'Er ging iets mis aan onze kant. Noem bij vragen het kenmerk van dit verzoek.',
  );
}

export function sendProblem(reply: FastifyReply, body: Omit<ProblemDetails, 'instance'>) {
  const full: ProblemDetails = { ...body, instance: `urn:uuid:${reply.request.id}` };
  return reply.status(full.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(full);
}

/** Problem responses for a route's OpenAPI description. */
export function problemResponses<S extends number>(...statuses: S[]) {
  const entry = { content: { [PROBLEM_CONTENT_TYPE]: { schema: problemDetails } } };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Fout', ...entry }]),
  ) as Record<S, typeof entry & { description: string }>;
}

const descriptions: Record<number, string> = {
  400: 'Ongeldig verzoek; `invalidParams` noemt elk probleem',
  401: 'Niet ingelogd (geen of een verlopen sessie of token)',
  403: 'Ingelogd, maar zonder recht op deze handeling (of een ongeldig CSRF-token)',
  404: 'Bestaat niet, of de vrager heeft geen toegang',
  409: 'Conflict met de bestaande gegevens',
  422: 'Kan zo niet worden uitgevoerd (zoals een export van meer dan er in één keer gaan)',
  429: 'Te veel pogingen; probeer het later opnieuw (zie Retry-After)',
  503: 'Tijdelijk niet beschikbaar',
};
