import type { Database } from '../db/database.js';
import { type App, buildApp } from '../http/app.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: App;
  database: Database;
  close(): Promise<void>;
}

/** The API on a database of its own, without the web app, for `app.inject` tests. */
export async function createTestApp(options: { webDir?: string | null } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({
    database,
    logLevel: 'silent',
    webDir: options.webDir ?? null,
    version: '0.0.0-test',
  });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
