import type { ProblemDetails } from '@samenspel/contracts';

/** A failed API call, carrying the RFC 9457 problem the server sent. */
export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
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
  return (await response.json()) as T;
}
