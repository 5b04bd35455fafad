import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase, openPglite } from '../db/database.js';
import { bin, cliTestFile, place, samenspel, stop } from '../testing/cli.js';
import { DEMO_TIMEOUT, demoSeedOutput, testEngine } from '../testing/database.js';

// The commands on the demo region, which the global setup builds while other files run.
cliTestFile();

describe(`samenspel CLI on the demo region, on ${testEngine()}`, { timeout: DEMO_TIMEOUT }, () => {
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

  it('imports a spreadsheet as a named user, names every refused row and exits 1, writes a clean file whole', async () => {
    const { env } = await place('demo');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-import-'));
    const bad = path.join(dir, 'financien.csv');
    await writeFile(bad, 'Jaar;Regel;Begroting\n2019;Bijdragen gemeenten;291000\n2019;Huur;5\n');
    const as = ['--as', 'programmamanager@riec-mn.example'];
    const refused = await samenspel(['import', 'finance', bad, ...as], env);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toContain(
      'financien.csv: 2 rijen — 1 goed, 1 geweigerd, 0 overgeslagen; 0 vastgelegd (refused).',
    );
    expect(refused.stdout).toContain(
      'regel 3, kolom Regel (Huur): Dit is geen regel van het exploitatieoverzicht.',
    );
    const good = path.join(dir, 'goed.csv');
    await writeFile(good, 'Jaar;Regel;Begroting\n2019;Bijdragen gemeenten;291000\n');
    // The dry run, the other kinds and the refusals of a file are the API's tests (pipeline.int.test.ts):
    // each command here is a process that opens the database, so only these two run.
    const done = await samenspel(['import', 'finance', good, ...as], env);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('1 goed, 0 geweigerd, 0 overgeslagen; 1 vastgelegd (committed).');
    await rm(dir, { recursive: true, force: true });
  });
});
