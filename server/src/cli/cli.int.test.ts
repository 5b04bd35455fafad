import { describe, expect, it } from 'vitest';
import { migrations } from '../db/migrations/index.js';
import { cliTestFile, place, samenspel } from '../testing/cli.js';
import { testEngine } from '../testing/database.js';

// The commands that need no demo region; cli-demo.int.test.ts has those that do.
cliTestFile();

// Each command is a process of its own that opens the database (on PGlite: loads its WebAssembly
// first), several per test: slower than the usual integration test, the more so on a busy machine.
describe(`samenspel CLI on ${testEngine()}`, { timeout: 120_000 }, () => {
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
});
