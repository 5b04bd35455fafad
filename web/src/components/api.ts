import type { ProblemDetails } from '@samenspel/contracts';

/** A failed API call, carrying the RFC 9457 problem the server sent. */
export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /**
   * The server's messages by top-level field (`subjects.0.bsn` counts for `subjects`), the first for
   * each, and by whole name (`subject.address.postcode`).
   */
  fieldErrors(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const p of this.problem.invalidParams ?? []) {
      found[p.name.split('.')[0] ?? p.name] ??= p.reason;
      // Also by the whole name, for a form whose fields are parts of one value (an address).
      found[p.name] ??= p.reason;
    }
    return found;
  }

  /** The server's message for one field, if it named that field. */
  fieldError(name: string): string | undefined {
    return this.problem.invalidParams?.find((p) => p.name === name || p.name.startsWith(`${name}.`))?.reason;
  }
}

// The session's CSRF token, from /me; sent with every state-changing request.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function parse<T>(response: Response): Promise<T> {
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    if (type.includes('problem+json')) throw new ApiError((await response.json()) as ProblemDetails);
    throw new ApiError({
      type: 'about:blank',
      title: 'Geen verbinding met Samenspel',
      status: response.status,
      code: 'client.http_error',
      detail: `De server antwoordde met status ${response.status}.`,
    });
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    ...(signal ? { signal } : {}),
  });
  return parse<T>(response);
}

/**
 * A state-changing request. A body needs its type named (`sendJson<Answer, Body>`): it is not
 * inferred from the argument, so an object literal cannot slip through untyped.
 */
export async function sendJson<TResponse, TBody extends object = never>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: NoInfer<TBody>,
): Promise<TResponse> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return parse<TResponse>(response);
}

/** A body of another type (FollowTheMoney JSON lines, a spreadsheet file), with the CSRF token. */
export async function sendText<T>(path: string, body: string | Blob, contentType: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': contentType };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body });
  return parse<T>(response);
}

/** A multipart upload (a file), with the CSRF token; the browser streams the file. */
export async function uploadFile<T>(path: string, body: FormData): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
    credentials: 'same-origin',
    body,
  });
  return parse<T>(response);
}

/** A file the API sends (an export), as a blob; a refusal arrives as the problem it is. */
export async function getBlob(path: string): Promise<Blob> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) return parse<Blob>(response);
  return response.blob();
}
