import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
  /** Where this app keeps its encrypted attachments. */
  attachmentsDir: string;
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
  options: {
    webDir?: string | null;
    auth?: Partial<AuthConfig>;
    database?: Database;
    attachmentMaxBytes?: number;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const keys = deriveKeys(randomBytes(32));
  const auth = { ...testAuthConfig, ...options.auth };
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-attachments-'));
  const app = await buildApp({
    database,
    attachments: { dir: attachmentsDir, maxBytes: options.attachmentMaxBytes ?? 25 * 1024 * 1024 },
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
    attachmentsDir,
    close: async () => {
      await app.close();
      await database.close();
      await rm(attachmentsDir, { recursive: true, force: true });
    },
  };
}
