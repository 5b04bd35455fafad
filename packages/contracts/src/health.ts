import { z } from 'zod';

export const databaseEngine = z.enum(['pglite', 'postgresql']);
export type DatabaseEngine = z.infer<typeof databaseEngine>;

export const health = z.object({
  status: z.enum(['ok', 'unavailable']),
  version: z.string(),
  database: z.object({
    engine: databaseEngine,
    serverVersion: z.string(),
    location: z
      .string()
      .describe('Data directory (PGlite) or host/database (PostgreSQL), without credentials'),
  }),
});
export type Health = z.infer<typeof health>;
