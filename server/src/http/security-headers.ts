import type { FastifyReply, FastifyRequest } from 'fastify';

// NL API Design Rules, transport security module: headers on every API response.
const apiHeaders: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// The web app: only its own scripts, styles, images and API (and a configured base map's tiles);
// never framed.
const webHeaders = (imageOrigins: readonly string[]): Record<string, string> => ({
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    ["img-src 'self' data:", ...imageOrigins].join(' '),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
});

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

/**
 * The hook that sets the headers, with the lists made once at start-up: every response walks one
 * of them. `imageOrigins` are the origins besides its own the web app may load images from.
 */
export function securityHeaders(imageOrigins: readonly string[] = []) {
  const apiEntries = Object.entries(apiHeaders);
  const webEntries = Object.entries(webHeaders(imageOrigins));
  return (request: FastifyRequest, reply: FastifyReply): void => {
    for (const [name, value] of isApiRequest(request) ? apiEntries : webEntries) {
      if (!reply.hasHeader(name)) reply.header(name, value);
    }
  };
}
