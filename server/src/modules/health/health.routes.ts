import { health, problemCodes } from '@samenspel/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type Database, serverVersion } from '../../db/database.js';
import { problemResponses } from '../../http/problems.js';
import { AppError } from '../../shared/errors.js';

export const healthRoutes: FastifyPluginAsyncZod<{ database: Database; version: string }> = async (
  app,
  { database, version },
) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['System'],
        summary: 'Whether Samenspel runs, and on which database',
        response: { 200: health, ...problemResponses(503) },
      },
    },
    async (request) => {
      let dbVersion: string;
      try {
        dbVersion = await serverVersion(database.db);
      } catch (error) {
        request.log.error({ err: error }, 'health: database does not answer');
        throw new AppError({
          code: problemCodes.unavailable,
          status: 503,
          title: 'Tijdelijk niet beschikbaar',
          detail: 'De database antwoordt niet.',
        });
      }
      return {
        status: 'ok' as const,
        version,
        database: { engine: database.engine, serverVersion: dbVersion, location: database.location },
      };
    },
  );
};
