// Pages in the browser: each role's start page, a signal, a case and the dashboard, loaded in
// Debian's Chromium (Playwright) from Samenspel as `samenspel serve --demo` runs it. Reported per
// page: the time to content on a warm server with an empty browser cache (a new browser context
// per load), and the JavaScript the page fetched, as sent over the wire (compressed).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import pg from 'pg';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../e2e/src/browser.ts';
import { freePort } from '../../e2e/src/server.ts';
import { median } from './load.ts';

/** Where the product lives: this checkout, or another one to compare with (BENCH_SAMENSPEL_ROOT). */
const root = path.resolve(process.env.BENCH_SAMENSPEL_ROOT ?? path.join(import.meta.dirname, '../..'));
const bin = path.join(root, 'server/bin/samenspel.js');

interface Account {
  email: string;
  password: string;
  totp: string | null;
  roles: string;
}

interface Running {
  url: string;
  accounts: Account[];
  stop: () => Promise<void>;
}

/**
 * `samenspel serve --demo` on the engine, with its data kept between runs (the demo region takes
 * a minute or two to build on PGlite; a second run finds it built and starts at once).
 */
async function serveDemo(engine: 'pglite' | 'postgresql'): Promise<Running> {
  const home = path.join(os.tmpdir(), `samenspel-bench-pages-${engine}`);
  await mkdir(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SAMENSPEL_KEY_FILE: path.join(home, 'master.key'),
    SAMENSPEL_COOKIE_SECURE: 'false',
    SAMENSPEL_LOG_LEVEL: 'warn',
  };
  delete env.SAMENSPEL_ENV;
  if (engine === 'postgresql') {
    const url = new URL(process.env.DATABASE_URL ?? '');
    const name = 'samenspel_bench_pages';
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    const known = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!known.rowCount) await admin.query(`create database ${name}`);
    await admin.end();
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
  } else {
    delete env.DATABASE_URL;
    env.SAMENSPEL_DATA_DIR = path.join(home, 'data');
  }
  if (engine === 'pglite' && !existsSync(env.SAMENSPEL_DATA_DIR ?? ''))
    console.log('Building the demo region on PGlite once (about a minute) …');
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve', '--demo', '--port', String(port)], { env });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Stop with Ctrl+C')) resolve();
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => reject(new Error(`samenspel serve stopped (${code}):\n${output}`)));
  });
  await started;
  const accounts = [
    ...output.matchAll(/^\s+(\S+@\S+)\s+(demo-\w+)\s+TOTP (\S+)[^\n]*?\s{2}([a-z_, ]+) — /gm),
  ].map(([, email, password, totp, roles]) => ({
    email: email ?? '',
    password: password ?? '',
    totp: totp && /^[A-Z2-7]+$/.test(totp) ? totp : null,
    roles: (roles ?? '').trim(),
  }));
  return {
    url: `http://127.0.0.1:${port}`,
    accounts,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}

/** Signs in once through the API; every measured load gets a new context with this cookie. */
async function signedIn(browser: Browser, url: string, account: Account) {
  const context = await browser.newContext();
  const response = await context.request.post(`${url}/api/v1/sessions`, {
    data: {
      email: account.email,
      password: account.password,
      ...(account.totp ? { code: await generate({ secret: account.totp }) } : {}),
    },
  });
  if (response.status() !== 201)
    throw new Error(`${account.email}: ${response.status()} ${await response.text()}`);
  const state = await context.storageState();
  const api = async (address: string) => (await context.request.get(`${url}${address}`)).json();
  return { state, api, close: () => context.close() };
}

interface Load {
  ms: number;
  scriptBytes: number;
  scripts: number;
}

/**
 * One load of a page in a fresh context (nothing cached): from the start of the navigation until
 * the page shows its heading and no loading indicator remains.
 */
async function load(context: BrowserContext, address: string): Promise<Load> {
  const page = await context.newPage();
  try {
    await page.goto(address, { waitUntil: 'commit' });
    await page.waitForFunction(
      () =>
        document.querySelector('main h1') !== null && document.querySelector('.samenspel-loading') === null,
      undefined,
      { polling: 'raf', timeout: 20_000 },
    );
    return await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType('resource')
        .filter((entry): entry is PerformanceResourceTiming => entry.name.endsWith('.js'));
      return {
        ms: Math.round(performance.now()),
        scriptBytes: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
        scripts: scripts.length,
      };
    });
  } finally {
    await page.close();
  }
}

interface Target {
  page: string;
  role: string;
  address: string;
  state: Awaited<ReturnType<typeof signedIn>>['state'];
}

async function targets(
  browser: Browser,
  running: Running,
): Promise<{ list: Target[]; close: () => Promise<void> }> {
  const list: Target[] = [];
  const sessions: Array<() => Promise<void>> = [];
  for (const account of running.accounts) {
    const session = await signedIn(browser, running.url, account);
    sessions.push(session.close);
    const user = account.email.replace('.example', '');
    const page = (name: string, address: string) =>
      list.push({ page: name, role: user, address, state: session.state });
    page('start page', '/');
    if (account.roles.includes('riec_analyst')) {
      const signals = await session.api('/api/v1/signals?pageSize=1');
      page('signal', `/signalen/${signals.items[0].id}`);
    }
    if (account.roles.includes('case_director')) {
      const cases = await session.api('/api/v1/cases?pageSize=1');
      page('case', `/casussen/${cases.items[0].id}`);
    }
    if (account.roles.includes('programme_manager')) page('dashboard', '/verantwoording');
  }
  return { list, close: async () => void (await Promise.all(sessions.map((close) => close()))) };
}

export async function benchPages(rounds: number): Promise<void> {
  const engines: Array<'pglite' | 'postgresql'> = process.env.DATABASE_URL
    ? ['postgresql', 'pglite']
    : ['pglite'];
  const browser = await launchBrowser();
  try {
    for (const engine of engines) {
      const running = await serveDemo(engine);
      try {
        const { list, close } = await targets(browser, running);
        const rows = [];
        for (const target of list) {
          const context = await browser.newContext({ storageState: target.state, baseURL: running.url });
          await load(context, target.address); // warms the server's path for this page
          await context.close();
          const loads: Load[] = [];
          for (let round = 0; round < rounds; round++) {
            const fresh = await browser.newContext({ storageState: target.state, baseURL: running.url });
            loads.push(await load(fresh, target.address));
            await fresh.close();
          }
          const ms = median(loads.map((l) => l.ms));
          const kB = median(loads.map((l) => l.scriptBytes)) / 1000;
          rows.push({
            page: target.page,
            user: target.role,
            'time to content ms': ms,
            'JavaScript kB (compressed)': Math.round(kB * 10) / 10,
            scripts: median(loads.map((l) => l.scripts)),
            'within goals': ms <= 1000 && kB <= 250 ? 'yes' : 'NO',
          });
        }
        await close();
        console.log(
          `Pages on ${engine}: ${rounds} loads each in a new browser context (empty cache), warm server; medians. Goals: content within 1 s, at most 250 kB of JavaScript.`,
        );
        console.table(rows);
      } finally {
        await running.stop();
      }
    }
  } finally {
    await browser.close();
  }
}
