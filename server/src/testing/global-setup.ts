import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, openPglite } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadProcessingActivities } from '../modules/audit/index.js';
import { loadCaseConfiguration } from '../modules/cases/index.js';
import { loadReferenceData } from '../modules/organisations/index.js';
import { serverUrl, type TestEngine } from './database.js';

/**
 * Once per test run and engine: migrate a database and load the reference data, so that each
 * test file starts from a copy instead of paying for initdb and migrations again.
 */
export default async function setup(project: TestProject) {
  // Runs in the main process, where the project's `test.env` is not applied: read it from the config.
  const engine = (project.config.env?.SAMENSPEL_TEST_ENGINE ?? 'pglite') as TestEngine;
  if (engine === 'pglite') {
    const database = await openPglite({});
    await migrateToLatest(database.db);
    await loadReferenceData(database.db);
    await loadProcessingActivities(database.db);
    await loadCaseConfiguration(database.db);
    const file = path.join(
      os.tmpdir(),
      `samenspel-test-${process.pid}-${randomBytes(4).toString('hex')}.tar`,
    );
    const dump = await database.pglite.dumpDataDir('none');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('databaseTemplate', file);
    return async () => rm(file, { force: true });
  }
  const name = `samenspel_template_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ engine: 'postgresql', connectionString: serverUrl(name) });
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  await loadProcessingActivities(database.db);
  await loadCaseConfiguration(database.db);
  await database.close();
  project.provide('databaseTemplate', name);
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
