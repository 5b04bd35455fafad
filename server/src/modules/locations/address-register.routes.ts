import {
  addressLookupQuery,
  addressRegisterLoaded,
  addressRegisterLoadQuery,
  addressRegisterState,
  registeredAddress,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import { notFound } from '../../shared/errors.js';
import type { AddressRegisterService } from './address-register.service.js';

const tags = ['Places'];
/** A BAG extract arrives as the request's body: CSV text or a GeoPackage (SQLite) file. */
const FORMATS = ['text/csv', 'application/geopackage+sqlite3', 'application/octet-stream'];

export const addressRegisterRoutes: FastifyPluginAsyncZod<{ service: AddressRegisterService }> = async (
  app,
  { service },
) => {
  app.addContentTypeParser(FORMATS, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.put(
    '/address-register',
    {
      schema: {
        tags,
        summary:
          'Replace the address register with a BAG extract (CSV or GeoPackage, as the body): all rows or none, every refused row listed',
        querystring: addressRegisterLoadQuery,
        consumes: FORMATS,
        response: { 200: addressRegisterLoaded, ...problemResponses(400, 401, 403, 413) },
      },
      bodyLimit: 200 * 1024 * 1024,
    },
    async (request) =>
      service.load(
        request.context,
        Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        request.query.fileName,
      ),
  );

  app.get(
    '/address-register',
    {
      schema: {
        tags,
        summary: 'The last load of the address register and how many addresses it holds',
        response: { 200: addressRegisterState, ...problemResponses(401, 403) },
      },
    },
    async (request) => (await service.status(request.context)) ?? { lastLoad: null, addresses: 0 },
  );

  app.get(
    '/address-register/lookup',
    {
      schema: {
        tags,
        summary: "An address's point (WGS84), street and place from the register",
        querystring: addressLookupQuery,
        response: { 200: registeredAddress, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const found = await service.lookup(request.context, request.query);
      if (!found) throw notFound('address.not_found', 'Dit adres staat niet in het adresregister.');
      return found;
    },
  );
};
