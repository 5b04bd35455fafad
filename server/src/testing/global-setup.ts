import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadReferences } from '../app/index.js';
import { openDatabase, openPglite } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { onServer, serverUrl, type Templates, type TestEngine } from './database.js';

const bin = path.resolve(import.meta.dirname, '../../bin/samenspel.js');

interface Entry {
  ready: Promise<Templates>;
  users: number;
  cleanup: () => Promise<void>;
}

// Global setups of all projects run in the vitest main process: one set of templates per engine
// serves the integration and the browser projects alike.
const shared = globalThis as typeof globalThis & { samenspelTemplates?: Map<TestEngine, Entry> };
shared.samenspelTemplates ??= new Map();
const entries = shared.samenspelTemplates;

/** Runs `samenspel seed --demo`, as a user would, and reports what it printed (or why it failed). */
function seedDemo(env: NodeJS.ProcessEnv, done: string, after: () => Promise<void>) {
  if (!existsSync(path.resolve(bin, '../../dist/cli/main.js'))) {
    return writeFile(done, 'FAILED\nThe server is not built: run `npm run build` before the tests.');
  }
  const child = spawn(process.execPath, [bin, 'seed', '--demo'], {
    env: { ...env, SAMENSPEL_LOG_LEVEL: 'warn' },
  });
  // The files that need the demo wait for it and run last: on two cores, shared with four test
  // workers, the seeding was the longest path of the run. Ahead of the workers it is ready sooner,
  // and they fill the cores meanwhile. Raising a priority needs the right to (CI runs as root);
  // without it the seeding simply takes its share.
  if (child.pid)
    try {
      os.setPriority(child.pid, -10);
    } catch {
      // not allowed here: no matter
    }
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const finished = new Promise<void>((resolve) => {
    child.on('close', (code) => {
      const outcome = code === 0 ? after().then(() => output) : Promise.resolve(`FAILED\n${output}`);
      void outcome
        .catch((error: unknown) => `FAILED\n${output}\n${String(error)}`)
        .then((text) => writeFile(done, text))
        .then(() => resolve());
    });
  });
  return { child, finished };
}

/**
 * Once per engine and run: a migrated database with the reference data, and the demo region as
 * `samenspel seed --demo` builds it. Each test file gets a copy of one of them (a PGlite data
 * directory dump, or `CREATE DATABASE … TEMPLATE`), so initdb and the demo's history are paid
 * once. The demo is built in the background while the tests that do not need it run.
 */
function build(engine: TestEngine): Entry {
  let dir = '';
  const demoMasterKey = randomBytes(32).toString('base64');
  const cli = { ...process.env, SAMENSPEL_MASTER_KEY: demoMasterKey } as NodeJS.ProcessEnv;
  delete cli.SAMENSPEL_ENV;
  delete cli.DATABASE_URL;
  let seeding: ReturnType<typeof seedDemo> | undefined;
  const names = { base: `samenspel_base_${randomBytes(6).toString('hex')}`, demo: '' };
  names.demo = names.base.replace('base', 'demo');

  const ready = (async (): Promise<Templates> => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-templates-'));
    const demoDone = path.join(dir, 'demo-done.txt');
    if (engine === 'pglite') {
      const database = await openPglite({});
      await migrateToLatest(database.db);
      await loadReferences(database);
      const base = path.join(dir, 'base.tar');
      const dump = await database.pglite.dumpDataDir('none');
      await writeFile(base, Buffer.from(await dump.arrayBuffer()));
      await database.close();
      // The demo is loaded into an empty data directory, as on a new machine, then dumped too.
      const demoDir = path.join(dir, 'demo-data');
      const demo = path.join(dir, 'demo.tar');
      seeding = seedDemo({ ...cli, SAMENSPEL_DATA_DIR: demoDir }, demoDone, async () => {
        const built = await openPglite({ dataDir: demoDir });
        const demoDump = await built.pglite.dumpDataDir('none');
        await writeFile(demo, Buffer.from(await demoDump.arrayBuffer()));
        await built.close();
      });
      return { base, demo, demoDone, demoMasterKey };
    }
    await onServer((c) => c.query(`create database ${names.base}`));
    const database = await openDatabase({ engine: 'postgresql', connectionString: serverUrl(names.base) });
    await migrateToLatest(database.db);
    await loadReferences(database);
    await database.close();
    await onServer((c) => c.query(`create database ${names.demo}`));
    seeding = seedDemo({ ...cli, DATABASE_URL: serverUrl(names.demo) }, demoDone, async () => {});
    return { base: names.base, demo: names.demo, demoDone, demoMasterKey };
  })();

  return {
    ready,
    users: 0,
    cleanup: async () => {
      if (seeding && 'child' in seeding) {
        seeding.child.kill();
        await seeding.finished;
      }
      if (engine === 'postgresql')
        await onServer(async (c) => {
          for (const name of [names.demo, names.base])
            await c.query(`drop database if exists ${name} with (force)`);
        });
      await ready.catch(() => undefined);
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  // Runs in the main process, where the project's `test.env` is not applied: read it from the config.
  const engine = (project.config.env?.SAMENSPEL_TEST_ENGINE ?? 'pglite') as TestEngine;
  let entry = entries.get(engine);
  if (!entry) {
    entry = build(engine);
    entries.set(engine, entry);
  }
  entry.users += 1;
  project.provide('templates', await entry.ready);
  const mine = entry;
  return async () => {
    mine.users -= 1;
    if (mine.users > 0) return;
    entries.delete(engine);
    await mine.cleanup();
  };
}
