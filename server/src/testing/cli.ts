/** What the CLI test files share: places to run `samenspel` in, and running it as a child process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { openPglite } from '../db/database.js';
import { createEmptyDatabase, demoSeedOutput, serverDatabase, serverUrl, testEngine } from './database.js';

// The real `samenspel` command, as a user runs it: the compiled CLI in a child process.
export const bin = path.resolve(import.meta.dirname, '../../bin/samenspel.js');

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where a CLI run keeps its data: an environment for the child, and a way to clean up. */
export interface Place {
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

let keyDir: string;
let base: NodeJS.ProcessEnv;

const places: Place[] = [];

/** Registers the set-up and clean-up of a CLI test file (a key file, the places made). */
export function cliTestFile(): void {
  beforeAll(async () => {
    keyDir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-keys-'));
    base = {
      ...process.env,
      SAMENSPEL_LOG_LEVEL: 'warn',
      SAMENSPEL_KEY_FILE: path.join(keyDir, 'master.key'),
    };
    delete base.DATABASE_URL;
    delete base.SAMENSPEL_ENV;
    delete base.SAMENSPEL_MASTER_KEY;
  });
  afterAll(async () => {
    // Files share this module (isolate: false): each closes only what it made.
    for (const place of places.splice(0)) await place.close();
    await rm(keyDir, { recursive: true, force: true });
  });
}

/**
 * A database for one test: empty; a copy of the migrated base with the reference data (what a
 * first `samenspel` run leaves); or a copy of the demo region that `seed --demo` built for this
 * run (with the master key it was seeded with, so its printed passwords hold).
 */
export async function place(kind: 'empty' | 'base' | 'demo'): Promise<Place> {
  const { base: baseTemplate, demo, demoMasterKey } = inject('templates');
  const template = kind === 'demo' ? demo : baseTemplate;
  const key = kind === 'demo' ? { SAMENSPEL_MASTER_KEY: demoMasterKey } : {};
  if (kind === 'demo') await demoSeedOutput();
  let made: Place;
  if (testEngine() === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-cli-'));
    if (kind !== 'empty')
      await (await openPglite({ dataDir: dir, loadDataDir: new Blob([await readFile(template)]) })).close();
    made = {
      env: { ...base, ...key, SAMENSPEL_DATA_DIR: dir },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  } else {
    const name = `samenspel_cli_${randomBytes(6).toString('hex')}`;
    const database = kind === 'empty' ? await createEmptyDatabase() : await serverDatabase(name, template);
    const dbName = kind === 'empty' ? (database.location.split('/').pop() ?? '') : name;
    // The CLI connects on its own; this pool only keeps the database until it is dropped.
    made = { env: { ...base, ...key, DATABASE_URL: serverUrl(dbName) }, close: () => database.close() };
  }
  places.push(made);
  return made;
}

export function samenspel(args: string[], env: NodeJS.ProcessEnv = base): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
