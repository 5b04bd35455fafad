import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

/** The headers the hook sets on a response to this path. */
function headersFor(url: string, imageOrigins: string[] = []): Record<string, string> {
  const set: Record<string, string> = {};
  const reply = {
    hasHeader: (name: string) => name in set,
    header: (name: string, value: string) => {
      set[name] = value;
    },
  } as unknown as FastifyReply;
  securityHeaders(imageOrigins)({ url } as FastifyRequest, reply);
  return set;
}

describe('security headers', () => {
  it('lets the web app load images only from itself, and from a configured tile server', () => {
    expect(headersFor('/')['Content-Security-Policy']).toContain("img-src 'self' data:;");
    expect(headersFor('/', ['https://service.pdok.nl'])['Content-Security-Policy']).toContain(
      "img-src 'self' data: https://service.pdok.nl;",
    );
  });

  it('keeps the API closed to everything, tile server or not', () => {
    expect(headersFor('/api/v1/me', ['https://service.pdok.nl'])['Content-Security-Policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });
});
