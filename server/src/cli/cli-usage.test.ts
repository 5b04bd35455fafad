import { describe, expect, it } from 'vitest';
import { samenspel } from '../testing/cli.js';

// What the command says before it opens any database: run once, not on each engine.
const env: NodeJS.ProcessEnv = { ...process.env, SAMENSPEL_LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;

describe('samenspel CLI usage', { timeout: 60_000 }, () => {
  it('prints help listing its commands', async () => {
    const { code, stdout } = await samenspel(['--help'], env);
    expect(code).toBe(0);
    for (const command of ['serve', 'migrate', 'seed', 'audit', 'user', 'version'])
      expect(stdout).toContain(command);
  });

  it('prints its version', async () => {
    const { code, stdout } = await samenspel(['version'], env);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an unknown command and a bad option with a clear message and exit code 2', async () => {
    const unknown = await samenspel(['serv'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'serv'");
    const badPort = await samenspel(['serve', '--port', 'tachtig'], env);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('Use a number from 0 to 65535.');
  });
});
