// A second Samenspel process for the kill test (import-job-kill.int.test.ts): it runs the job
// runner on the test's PostgreSQL database with the test's keys, and nothing else, until killed.
// Environment: SAMENSPEL_WORKER_DATABASE_URL, SAMENSPEL_WORKER_MASTER_KEY (base64).
import { createServices } from '../app/index.js';
import { openDatabase } from '../db/database.js';
import { startJobs } from '../jobs/runner.js';
import { deriveKeys } from '../shared/crypto.js';
import { testAuthConfig } from './app.js';

const connectionString = process.env.SAMENSPEL_WORKER_DATABASE_URL;
const master = process.env.SAMENSPEL_WORKER_MASTER_KEY;
if (!connectionString || !master) throw new Error('SAMENSPEL_WORKER_DATABASE_URL and _MASTER_KEY are needed');
const database = await openDatabase({ engine: 'postgresql', connectionString });
const services = createServices({
  database,
  keys: deriveKeys(Buffer.from(master, 'base64')),
  auth: testAuthConfig,
  attachments: { dir: `${process.env.TMPDIR ?? '/tmp'}/samenspel-worker-attachments`, maxBytes: 1024 },
});
await startJobs(services, { importExpireSeconds: 3, maintenanceIntervalSeconds: 1 });
process.stdout.write('runner started\n');
