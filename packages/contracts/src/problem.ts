import { z } from 'zod';

/** Where an invalid value was found in a request. */
export const problemLocation = z.enum(['path', 'query', 'body', 'header']);

/** One problem with one input, in words a user understands. */
export const invalidParam = z.object({
  name: z.string().describe('The parameter or field, as a dotted path (`address.postcode`)'),
  in: problemLocation,
  code: z.string().describe('Stable machine-readable code, e.g. `invalid_format`'),
  reason: z.string().describe('Dutch explanation for the user'),
});
export type InvalidParam = z.infer<typeof invalidParam>;

/**
 * RFC 9457 problem details, with the NL API Design Rules' `invalidParams` extension and
 * Samenspel's stable `code` that clients switch on.
 */
export const problemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  invalidParams: z.array(invalidParam).optional(),
});
export type ProblemDetails = z.infer<typeof problemDetails>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Error codes of the platform-wide problems; modules add their own `<module>.<reason>` codes. */
export const problemCodes = {
  invalidRequest: 'request.invalid',
  notFound: 'resource.not_found',
  methodNotAllowed: 'request.method_not_allowed',
  unsupportedMediaType: 'request.unsupported_media_type',
  payloadTooLarge: 'request.payload_too_large',
  conflict: 'resource.conflict',
  unavailable: 'service.unavailable',
  internal: 'server.internal',
} as const;
