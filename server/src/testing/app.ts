import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../app/index.js';
import type { AuthConfig, MailConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { type App, buildApp } from '../http/app.js';
import { deriveKeys, type Keys } from '../shared/crypto.js';
import { cheapPasswords } from '../shared/passwords.js';
import { createTestDatabase, demoKeys } from './database.js';

export interface TestApp {
  app: App;
  database: Database;
  services: Services;
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

/**
 * The API on a database of its own (with `demo`, a copy of the demo region), without the web
 * app, for `app.inject` tests. Passwords are hashed with the cheapest argon2 setting.
 */
export async function createTestApp(
  options: {
    webDir?: string | null;
    auth?: Partial<AuthConfig>;
    database?: Database;
    attachmentMaxBytes?: number;
    demo?: boolean;
    /** The services' clock (sessions keep the real time). */
    now?: () => Date;
    /** Notification e-mails, to an SMTP server the test starts. */
    mail?: MailConfig;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase({ demo: options.demo ?? false }));
  const keys = options.demo ? demoKeys() : deriveKeys(randomBytes(32));
  const auth = { ...testAuthConfig, ...options.auth };
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-attachments-'));
  const attachmentMaxBytes = options.attachmentMaxBytes ?? 25 * 1024 * 1024;
  const services = createServices({
    database,
    keys,
    auth,
    attachments: { dir: attachmentsDir, maxBytes: attachmentMaxBytes },
    passwords: cheapPasswords,
    ...(options.now ? { now: options.now } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
  });
  const app = await buildApp({
    services,
    // SAMENSPEL_TEST_LOG=error shows why a request failed with 500.
    logLevel: (process.env.SAMENSPEL_TEST_LOG as 'error' | undefined) ?? 'silent',
    webDir: options.webDir ?? null,
    version: '0.0.0-test',
    auth,
    attachmentMaxBytes,
  });
  await app.ready();
  return {
    app,
    database,
    services,
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
