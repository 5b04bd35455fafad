import path from 'node:path';
import { buildApp } from '../../server/src/http/app.ts';
import { createTestDatabase } from '../../server/src/testing/database.ts';

const webDir = path.resolve(import.meta.dirname, '../../web/dist');

/** Samenspel as a user meets it: the built web app and the API on one port, on a test database. */
export async function startSamenspel() {
  const database = await createTestDatabase();
  const app = await buildApp({ database, logLevel: 'silent', webDir, version: '0.0.0-e2e' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
