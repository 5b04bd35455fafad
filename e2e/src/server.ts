import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { createServices } from '../../server/src/app/index.ts';
import type { AuthConfig, OidcConfig } from '../../server/src/config.ts';
import { buildApp } from '../../server/src/http/app.ts';
import { startJobs } from '../../server/src/jobs/runner.ts';
import { deriveKeys } from '../../server/src/shared/crypto.ts';
import { cheapPasswords } from '../../server/src/shared/passwords.ts';
import { createTestDatabase, demoKeys } from '../../server/src/testing/database.ts';
import { forgetTotpStep, type TestUser, totpCode } from '../../server/src/testing/identity.ts';

const webDir = path.resolve(import.meta.dirname, '../../web/dist');

/** A free port on the loopback interface, for a server whose address must be known in advance. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * Samenspel as a user meets it: the built web app and the API on one port, on a test database
 * (with `demo`, a copy of the demo region built once for the run).
 */
export async function startSamenspel(
  options: {
    port?: number;
    oidc?: OidcConfig;
    demo?: boolean /** The job runner, as `serve` starts it. */;
    jobs?: boolean;
  } = {},
) {
  const database = await createTestDatabase({ demo: options.demo ?? false });
  const keys = options.demo ? demoKeys() : deriveKeys(randomBytes(32));
  const auth: AuthConfig = {
    cookieSecure: true,
    idleMinutes: 30,
    maxHours: 12,
    publicUrl: options.port ? `http://127.0.0.1:${options.port}` : undefined,
    oidc: options.oidc ?? null,
  };
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-e2e-attachments-'));
  const maxBytes = 25 * 1024 * 1024;
  const services = createServices({
    database,
    keys,
    auth,
    attachments: { dir: attachmentsDir, maxBytes },
    passwords: cheapPasswords,
  });
  const app = await buildApp({
    services,
    logLevel: 'silent',
    webDir,
    version: '0.0.0-e2e',
    auth,
    attachmentMaxBytes: maxBytes,
  });
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const jobs = options.jobs ? await startJobs(services) : null;
  return {
    url,
    /** The same app, for setting up data through the API (`new Cast(samenspel)`). */
    app,
    database,
    keys,
    close: async () => {
      await jobs?.stop();
      await app.close();
      await database.close();
      await rm(attachmentsDir, { recursive: true, force: true });
    },
  };
}

/** A running Samenspel of a test file, as `startSamenspel` returns it. */
export type Samenspel = Awaited<ReturnType<typeof startSamenspel>>;

/** Signs a user in through the API inside the browser context, so the page shares the cookie. */
export async function signInThroughApi(
  context: BrowserContext,
  samenspel: { url: string; database: Samenspel['database'] },
  user: TestUser,
): Promise<void> {
  if (user.totpSecret) await forgetTotpStep(samenspel.database.db, user.id);
  const response = await context.request.post(`${samenspel.url}/api/v1/sessions`, {
    data: {
      email: user.email,
      password: user.password,
      ...(user.totpSecret ? { code: await totpCode(user.totpSecret) } : {}),
    },
  });
  if (response.status() !== 201)
    throw new Error(`sign-in failed: ${response.status()} ${await response.text()}`);
}
