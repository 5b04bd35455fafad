import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase, openPglite } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';
import {
  createEmptyDatabase,
  DEMO_TIMEOUT,
  demoSeedOutput,
  serverDatabase,
  serverUrl,
  testEngine,
} from '../testing/database.js';

// The real `samenspel` command, as a user runs it: the compiled CLI in a child process.
const bin = path.resolve(import.meta.dirname, '../../bin/samenspel.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where a CLI run keeps its data: an environment for the child, and a way to clean up. */
interface Place {
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

let keyDir: string;
let base: NodeJS.ProcessEnv;
const places: Place[] = [];

beforeAll(async () => {
  keyDir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-keys-'));
  base = { ...process.env, SAMENSPEL_LOG_LEVEL: 'warn', SAMENSPEL_KEY_FILE: path.join(keyDir, 'master.key') };
  delete base.DATABASE_URL;
  delete base.SAMENSPEL_ENV;
  delete base.SAMENSPEL_MASTER_KEY;
});
afterAll(async () => {
  for (const place of places) await place.close();
  await rm(keyDir, { recursive: true, force: true });
});

/**
 * A database for one test: empty; a copy of the migrated base with the reference data (what a
 * first `samenspel` run leaves); or a copy of the demo region that `seed --demo` built for this
 * run (with the master key it was seeded with, so its printed passwords hold).
 */
async function place(kind: 'empty' | 'base' | 'demo'): Promise<Place> {
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

function samenspel(args: string[], env: NodeJS.ProcessEnv = base): Promise<Outcome> {
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

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe(`samenspel CLI on ${testEngine()}`, { timeout: DEMO_TIMEOUT }, () => {
  it('prints help listing its commands', async () => {
    const { code, stdout } = await samenspel(['--help']);
    expect(code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'audit', 'user', 'version'])
      expect(stdout).toContain(command);
  });

  it('prints its version', async () => {
    const { code, stdout } = await samenspel(['version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an unknown command and a bad option with a clear message and exit code 2', async () => {
    const unknown = await samenspel(['serv']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'serv'");
    const badPort = await samenspel(['serve', '--port', 'tachtig']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('Use a number from 0 to 65535.');
  });

  it('migrates, then has nothing left to migrate', async () => {
    const { env } = await place('empty');
    const first = await samenspel(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Applied ${Object.keys(migrations).length} migration(s)`);
    const second = await samenspel(['migrate'], env);
    expect(second.stdout).toContain('Database schema is up to date.');
  });

  it('refuses demo accounts in production mode', async () => {
    const { env } = await place('base');
    const child = await samenspel(['seed', '--demo'], { ...env, SAMENSPEL_ENV: 'production' });
    expect(child.code).toBe(2);
    expect(child.stderr).toContain('never created in production mode');
    expect(child.stdout).not.toContain('TOTP');
  });

  it('creates the first administrator once, and refuses a second with the same address', async () => {
    const { env } = await place('base');
    const args = ['user', 'create-admin', '--email', 'eerste@riec-mn.example', '--name', 'Eerste Beheerder'];
    const first = await samenspel([...args, '--region', 'midden-nederland', '--organisation', 'riec'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Initial password \(shown once\): \S{4}-\S{4}-\S{4}-\S{4}/);
    const again = await samenspel([...args, '--region', 'midden-nederland', '--organisation', 'riec'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');
    const unknown = await samenspel(
      [
        'user',
        'create-admin',
        '--email',
        'b@x.example',
        '--name',
        'B',
        '--region',
        'midden-nederland',
        '--organisation',
        'nergens',
      ],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No organisation nergens in region midden-nederland.');
  });

  it('loads the demo region with an account for every role, and loading it again changes nothing', async () => {
    // What `seed --demo` printed when it built this run's demo region.
    const output = await demoSeedOutput();
    expect(output).toContain('Region midden-nederland 2022.1: loaded (39 municipalities');
    for (const role of [
      'administrator',
      'riec_analyst',
      'case_director',
      'privacy_officer',
      'programme_manager',
      'meeting_chair',
      'partner_staff',
    ])
      expect(output).toContain(role);
    expect(output).toMatch(/beheerder@riec-mn\.example\s+demo-[0-9a-f]{12}\s+TOTP [A-Z2-7]{32}/);
    expect(output).toContain('Demo history 2019–2022: 196 of 196 cases');
    expect(output).toContain('the 2021 report matches the annual plan');
    const { env } = await place('demo');
    const second = await samenspel(['seed'], env);
    expect(second.stdout).toContain('already current');
    expect(second.stdout).not.toContain('TOTP');
  });

  it('serves what an earlier run stored, and stops cleanly on SIGTERM', async () => {
    const output = await demoSeedOutput();
    const { env } = await place('demo');
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const match = out.match(/Open (http:\/\/localhost:\d+)\//);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { database: { engine: string } };
    expect(health.database.engine).toBe(testEngine());
    expect((await fetch(`${url}/api/v1/municipalities?all=true`)).status).toBe(401);
    // Sign in as a demo account with what seed printed, as a partner system would.
    const [, password, secret] = /analist@riec-mn\.example\s+(\S+)\s+TOTP (\S+)/.exec(output) ?? [];
    const signIn = await fetch(`${url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'analist@riec-mn.example',
        password,
        code: await generate({ secret: secret ?? '' }),
      }),
    });
    expect(signIn.status).toBe(201);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const municipalities = (await (
      await fetch(`${url}/api/v1/municipalities?all=true`, { headers: { cookie } })
    ).json()) as { items: unknown[] };
    expect(municipalities.items).toHaveLength(39);
    expect(await stop(child)).toBe(0);
  });

  it('verifies the log chains, and names the first record changed directly in the database', async () => {
    const { env } = await place('demo');
    const intact = await samenspel(['audit', 'verify'], env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/processing log: \d+ records, chain intact/);
    expect(intact.stdout).toMatch(/user-action log: \d+ records, chain intact/);

    const database: Database =
      testEngine() === 'pglite'
        ? await openPglite({ dataDir: env.SAMENSPEL_DATA_DIR })
        : await openDatabase({ engine: 'postgresql', connectionString: env.DATABASE_URL ?? '' });
    let victim: number;
    try {
      await expect(sql`update user_action_log set result = 'denied'`.execute(database.db)).rejects.toThrow(
        /append-only/,
      );
      const { rows } = await sql<{
        seq: number;
      }>`select min(seq)::int as seq from user_action_log where action = 'signal.submit'`.execute(
        database.db,
      );
      victim = rows[0]?.seq ?? 0;
      await sql`alter table user_action_log disable trigger user_action_log_append_only`.execute(database.db);
      await sql`update user_action_log set user_agent = 'rewritten' where seq = ${victim}`.execute(
        database.db,
      );
      await sql`alter table user_action_log enable trigger user_action_log_append_only`.execute(database.db);
    } finally {
      await database.close();
    }
    const broken = await samenspel(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`user-action log: chain BROKEN at record ${victim}`);
    expect(broken.stdout).toMatch(/processing log: \d+ records, chain intact/);
  });
});
