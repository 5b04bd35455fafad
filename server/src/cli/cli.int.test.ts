import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  const base = { ...process.env, SAMENSPEL_LOG_LEVEL: 'warn' };
  delete base.DATABASE_URL;
  if (testEngine() === 'pglite') {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'samenspel-cli-'));
    env = { ...base, SAMENSPEL_DATA_DIR: dir };
    cleanup = () => rm(dir, { recursive: true, force: true });
  } else {
    // An empty database of its own; its name is read back from the connection's location.
    const database = await createEmptyDatabase();
    const name = database.location.split('/').pop() ?? '';
    env = { ...base, DATABASE_URL: serverUrl(name) };
    cleanup = () => database.close();
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
    for (const command of ['serve', 'migrate', 'seed', 'version']) expect(stdout).toContain(command);
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
    expect(first.stdout).toContain('Applied 1 migration(s)');
    const second = await samenspel(['migrate']);
    expect(second.stdout).toContain('Database schema is up to date.');
  });

  it('loads the demo region, and loading it again changes nothing', async () => {
    const first = await samenspel(['seed', '--demo']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Region midden-nederland 2022.1: loaded (39 municipalities');
    const second = await samenspel(['seed']);
    expect(second.stdout).toContain('already current');
  });

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
    const municipalities = (await (await fetch(`${url}/api/v1/municipalities?all=true`)).json()) as {
      items: unknown[];
    };
    expect(municipalities.items).toHaveLength(39);
    expect(await stop(child)).toBe(0);
  });
});

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
