import { type InvalidParam, problemCodes } from '@samenspel/contracts';

/**
 * The one error type of the server. Services throw it through the factories below; the HTTP
 * layer turns it into RFC 9457 problem+json. `code` is stable: clients switch on it.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: InvalidParam[] | undefined;
  /** Response headers the problem needs, such as Retry-After. */
  readonly headers: Record<string, string> | undefined;

  constructor(options: {
    code: string;
    status: number;
    title: string;
    detail?: string;
    errors?: InvalidParam[];
    headers?: Record<string, string>;
  }) {
    super(options.detail ?? options.title);
    this.name = 'AppError';
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/** 404 — also what someone without access gets, so that they cannot tell a record exists. */
export function notFound(code: string = problemCodes.notFound, detail?: string): AppError {
  return new AppError({
    code,
    status: 404,
    title: 'Niet gevonden',
    detail: detail ?? 'Dit bestaat niet of u heeft er geen toegang toe.',
  });
}

export function invalid(errors: InvalidParam[], detail = 'De invoer bevat fouten.'): AppError {
  return new AppError({
    code: problemCodes.invalidRequest,
    status: 400,
    title: 'Ongeldige invoer',
    detail,
    errors,
  });
}

export function conflict(code: string, detail: string): AppError {
  return new AppError({ code, status: 409, title: 'Conflict', detail });
}

/** 401: no valid session or token. */
export function unauthenticated(detail = 'U bent niet (meer) ingelogd.'): AppError {
  return new AppError({ code: 'auth.unauthenticated', status: 401, title: 'Niet ingelogd', detail });
}

/** 403: signed in, but the action itself is not among the actor's permissions. */
export function forbidden(detail = 'U heeft geen recht op deze handeling.'): AppError {
  return new AppError({ code: 'access.forbidden', status: 403, title: 'Geen toegang', detail });
}
