import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const environment = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  SAMENSPEL_DATA_DIR: z.string().min(1).default('./data'),
  SAMENSPEL_HOST: z.string().min(1).default('127.0.0.1'),
  SAMENSPEL_PORT: port.default(8080),
  SAMENSPEL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SAMENSPEL_WEB_DIR: z.string().min(1).optional(),
});

export type DatabaseConfig =
  | { engine: 'pglite'; dataDir: string | undefined }
  | { engine: 'postgresql'; connectionString: string };

export interface Config {
  database: DatabaseConfig;
  host: string;
  port: number;
  logLevel: z.infer<typeof environment>['SAMENSPEL_LOG_LEVEL'];
  /** Built web app to serve on the same port; absent in API-only runs. */
  webDir: string;
}

export class ConfigError extends Error {}

/** Reads the configuration from environment variables; every variable is listed in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? { engine: 'postgresql', connectionString: e.DATABASE_URL }
      : { engine: 'pglite', dataDir: path.resolve(e.SAMENSPEL_DATA_DIR) },
    host: e.SAMENSPEL_HOST,
    port: e.SAMENSPEL_PORT,
    logLevel: e.SAMENSPEL_LOG_LEVEL,
    webDir: path.resolve(e.SAMENSPEL_WEB_DIR ?? new URL('../../web/dist', import.meta.url).pathname),
  };
}
