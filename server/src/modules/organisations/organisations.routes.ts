import {
  boundaryCollection,
  district,
  districtParams,
  districtQuery,
  listOf,
  municipality,
  municipalityParams,
  municipalityQuery,
  partnerOrganisation,
  partnerOrganisationQuery,
  region,
  regionParams,
  theme,
  themeQuery,
} from '@samenspel/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import type { OrganisationsService } from './organisations.service.js';

const tags = ['Reference data'];

const regionList = listOf(region);
const districtList = listOf(district);
const municipalityList = listOf(municipality);
const partnerList = listOf(partnerOrganisation);
const themeList = listOf(theme);

/**
 * The service keeps each reference data answer (the same array until the next release): its
 * JSON is encoded with the route's schema once, and every later request is sent that text as it
 * is. Browsers may keep it for five minutes.
 */
const encoded = new WeakMap<readonly unknown[], string>();

function sendList(
  reply: FastifyReply,
  schema: { encode(value: { items: unknown[] }): unknown },
  items: readonly unknown[],
) {
  let json = encoded.get(items);
  if (json === undefined) {
    json = JSON.stringify(schema.encode({ items: [...items] }));
    encoded.set(items, json);
  }
  return reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'private, max-age=300')
    .send(json);
}

export const organisationsRoutes: FastifyPluginAsyncZod<{ service: OrganisationsService }> = async (
  app,
  { service },
) => {
  app.get(
    '/regions',
    {
      schema: {
        tags,
        summary: 'All regions (RIEC areas)',
        response: { 200: regionList, ...problemResponses(401) },
      },
    },
    async (request, reply) => sendList(reply, regionList, await service.listRegions(request.context)),
  );

  app.get(
    '/regions/:regionId',
    {
      schema: {
        tags,
        summary: 'One region',
        params: regionParams,
        response: { 200: region, ...problemResponses(400, 404, 401) },
      },
    },
    async (request) => service.getRegion(request.context, request.params.regionId),
  );

  app.get(
    '/regions/:regionId/municipality-boundaries',
    {
      schema: {
        tags,
        summary: 'Boundaries of every municipality ever in the region, as GeoJSON (source: CBS, Kadaster)',
        params: regionParams,
        response: {
          200: {
            description: 'GeoJSON FeatureCollection, EPSG:4326',
            content: { 'application/geo+json': { schema: boundaryCollection } },
          },
          ...problemResponses(400, 404, 401),
        },
      },
    },
    async (request, reply) => {
      const collection = await service.boundaries(request.context, request.params.regionId);
      return reply
        .type('application/geo+json')
        .header('Cache-Control', 'public, max-age=86400')
        .send(collection);
    },
  );

  app.get(
    '/districts',
    {
      schema: {
        tags,
        summary: 'Districts, optionally of one region',
        querystring: districtQuery,
        response: { 200: districtList, ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendList(reply, districtList, await service.listDistricts(request.context, request.query)),
  );

  app.get(
    '/districts/:districtId',
    {
      schema: {
        tags,
        summary: 'One district',
        params: districtParams,
        response: { 200: district, ...problemResponses(400, 404, 401) },
      },
    },
    async (request) => service.getDistrict(request.context, request.params.districtId),
  );

  app.get(
    '/municipalities',
    {
      schema: {
        tags,
        summary:
          'Municipalities, filtered by region, district, province and the date they are in the region on',
        querystring: municipalityQuery,
        response: { 200: municipalityList, ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendList(reply, municipalityList, await service.listMunicipalities(request.context, request.query)),
  );

  app.get(
    '/municipalities/:code',
    {
      schema: {
        tags,
        summary: 'One municipality by CBS code',
        params: municipalityParams,
        response: { 200: municipality, ...problemResponses(400, 404, 401) },
      },
    },
    async (request) => service.getMunicipality(request.context, request.params.code),
  );

  app.get(
    '/partner-organisations',
    {
      schema: {
        tags,
        summary: 'Covenant partner organisations, filtered by region, kind and date',
        querystring: partnerOrganisationQuery,
        response: { 200: partnerList, ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendList(reply, partnerList, await service.listPartnerOrganisations(request.context, request.query)),
  );

  app.get(
    '/themes',
    {
      schema: {
        tags,
        summary: 'Themes: the national accountability rows and the regional and district themes',
        querystring: themeQuery,
        response: { 200: themeList, ...problemResponses(400, 401) },
      },
    },
    async (request, reply) =>
      sendList(reply, themeList, await service.listThemes(request.context, request.query)),
  );
};
