import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase, openPglite } from '../db/database.js';
import { cliTestFile, place, samenspel } from '../testing/cli.js';
import { DEMO_TIMEOUT, testEngine } from '../testing/database.js';

// The commands that check and change the demo region (a file of its own, so that the two run side
// by side at the end of the run, where the demo region is ready).
cliTestFile();

describe(`samenspel CLI's audit and import on the demo region, on ${testEngine()}`, {
  timeout: DEMO_TIMEOUT,
}, () => {
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
