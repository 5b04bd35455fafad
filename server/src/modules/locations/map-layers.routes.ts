import {
  createMapLayerRequest,
  listOf,
  mapLayer,
  mapLayerListQuery,
  mapLayerParams,
  mapLayerSummary,
  mapSettings,
} from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../http/problems.js';
import { forbidden, unauthenticated } from '../../shared/errors.js';
import type { MapLayersService } from './map-layers.service.js';

const tags = ['Places'];

export const mapLayersRoutes: FastifyPluginAsyncZod<{
  service: MapLayersService;
  /** A base map's tiles, when the deployment configures a tile source. */
  tiles: { url: string; attribution: string } | null;
}> = async (app, { service, tiles }) => {
  app.get(
    '/map-settings',
    {
      schema: {
        tags,
        summary: "The base map under the maps: the deployment's tile source, or none (boundaries only)",
        response: { 200: mapSettings, ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      // For the people who look at maps; a partner system has no map to draw.
      if (!request.context.actor) throw unauthenticated();
      if (request.context.actor.kind !== 'user') throw forbidden();
      return { tiles };
    },
  );

  app.get(
    '/map-layers',
    {
      schema: {
        tags,
        summary:
          "The region's opportunity maps (per municipality) and risk maps (per base team), without their features",
        querystring: mapLayerListQuery,
        response: { 200: listOf(mapLayerSummary), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({ items: await service.list(request.context, request.query) }),
  );

  app.post(
    '/map-layers',
    {
      schema: {
        tags,
        summary: 'Load an opportunity or risk map from GeoJSON or CSV: every object checked, all or nothing',
        body: createMapLayerRequest,
        response: { 201: mapLayer, ...problemResponses(400, 401, 403) },
      },
      bodyLimit: 10 * 1024 * 1024,
    },
    async (request, reply) => reply.code(201).send(await service.create(request.context, request.body)),
  );

  app.get(
    '/map-layers/:layerId',
    {
      schema: {
        tags,
        summary: 'One map layer with its features (GeoJSON)',
        params: mapLayerParams,
        response: { 200: mapLayer, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => service.get(request.context, request.params.layerId),
  );
};
