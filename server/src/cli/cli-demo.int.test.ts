import { spawn } from 'node:child_process';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
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
});
