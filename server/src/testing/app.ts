import { randomBytes } from 'node:crypto';
import type { AuthConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { type App, buildApp } from '../http/app.js';
import { deriveKeys, type Keys } from '../shared/crypto.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: App;
  database: Database;
  keys: Keys;
  auth: AuthConfig;
  close(): Promise<void>;
}

export const testAuthConfig: AuthConfig = {
  cookieSecure: true,
  idleMinutes: 30,
  maxHours: 12,
  publicUrl: undefined,
  oidc: null,
};

/** The API on a database of its own, without the web app, for `app.inject` tests. */
export async function createTestApp(
  options: { webDir?: string | null; auth?: Partial<AuthConfig>; database?: Database } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const keys = deriveKeys(randomBytes(32));
  const auth = { ...testAuthConfig, ...options.auth };
  const app = await buildApp({
    database,
    // SAMENSPEL_TEST_LOG=error shows why a request failed with 500.
    logLevel: (process.env.SAMENSPEL_TEST_LOG as 'error' | undefined) ?? 'silent',
    webDir: options.webDir ?? null,
    version: '0.0.0-test',
    keys,
    auth,
  });
  await app.ready();
  return {
    app,
    database,
    keys,
    auth,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
