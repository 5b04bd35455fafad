import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, openPglite } from '../db/database.js';
import { createEmptyDatabase, serverUrl, testEngine } from '../testing/database.js';

// The real `samenspel` command, as a user runs it: the compiled CLI in a child process.
const bin = path.resolve(import.meta.dirname, '../../bin/samenspel.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

let env: NodeJS.ProcessEnv;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const keys = await mkdtemp(path.join(os.tmpdir(), 'samenspel-keys-'));
  const base = {
    ...process.env,
    SAMENSPEL_LOG_LEVEL: 'warn',
    SAMENSPEL_KEY_FILE: path.join(keys, 'master.key'),
  };
  delete base.DATABASE_URL;
  delete base.SAMENSPEL_ENV;
  delete base.SAMENSPEL_MASTER_KEY;
  if (testEngine() === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-cli-'));
    env = { ...base, SAMENSPEL_DATA_DIR: dir };
    cleanup = async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(keys, { recursive: true, force: true });
    };
  } else {
    // An empty database of its own; its name is read back from the connection's location.
    const database = await createEmptyDatabase();
    const name = database.location.split('/').pop() ?? '';
    env = { ...base, DATABASE_URL: serverUrl(name) };
    cleanup = async () => {
      await database.close();
      await rm(keys, { recursive: true, force: true });
    };
  }
});
afterAll(async () => cleanup?.());

function samenspel(args: string[]): Promise<Outcome> {
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

describe(`samenspel CLI on ${testEngine()}`, () => {
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
    const first = await samenspel(['migrate']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Applied 7 migration(s)');
    const second = await samenspel(['migrate']);
    expect(second.stdout).toContain('Database schema is up to date.');
  });

  it('refuses demo accounts in production mode', async () => {
    const child = await new Promise<Outcome>((resolve) => {
      const p = spawn(process.execPath, [bin, 'seed', '--demo'], {
        env: { ...env, SAMENSPEL_ENV: 'production' },
      });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => {
        stdout += d;
      });
      p.stderr.on('data', (d) => {
        stderr += d;
      });
      p.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(child.code).toBe(2);
    expect(child.stderr).toContain('never created in production mode');
    expect(child.stdout).not.toContain('TOTP');
  });

  it('loads the demo region with an account for every role, and loading it again changes nothing', async () => {
    const first = await samenspel(['seed', '--demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Region midden-nederland 2022.1: loaded (39 municipalities');
    for (const role of [
      'administrator',
      'riec_analyst',
      'case_director',
      'privacy_officer',
      'programme_manager',
      'meeting_chair',
      'partner_staff',
    ])
      expect(first.stdout).toContain(role);
    expect(first.stdout).toMatch(/beheerder@riec-mn\.example\s+demo-[0-9a-f]{12}\s+TOTP [A-Z2-7]{32}/);
    demoOutput = first.stdout;
    expect(first.stdout).toContain('Demo history 2019–2022: 196 of 196 cases');
    expect(first.stdout).toContain('the 2021 report matches the annual plan');
    const second = await samenspel(['seed']);
    expect(second.stdout).toContain('already current');
    expect(second.stdout).not.toContain('TOTP');
  }, 300_000);

  it('serves what earlier runs stored, and stops cleanly on SIGTERM', async () => {
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
    const [, password, secret] = /analist@riec-mn\.example\s+(\S+)\s+TOTP (\S+)/.exec(demoOutput) ?? [];
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
    ).json()) as {
      items: unknown[];
    };
    expect(municipalities.items).toHaveLength(39);
    expect(await stop(child)).toBe(0);
  });

  it('verifies the log chains, and names the first record changed directly in the database', async () => {
    const intact = await samenspel(['audit', 'verify']);
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
      }>`select min(seq)::int as seq from user_action_log where action = 'session.create'`.execute(
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
    const broken = await samenspel(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`user-action log: chain BROKEN at record ${victim}`);
    expect(broken.stdout).toMatch(/processing log: \d+ records, chain intact/);
  });
});

let demoOutput = '';

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
