#!/usr/bin/env node
// The two commands of the README. Uses nothing but Node.js, because it runs before `npm ci`.
//   node scripts/bootstrap.mjs start   install, build, migrate, load the demo region, serve
//   node scripts/bootstrap.mjs test    install, build, type-check, lint, run every test
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Samenspel needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    console.log('Installing dependencies from package-lock.json …');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

const task = process.argv[2];
if (task === 'start') {
  ensureInstalled();
  console.log('Building …');
  run('npm', ['run', '--silent', 'build']);
  run(process.execPath, ['server/bin/samenspel.js', 'serve', '--demo', ...process.argv.slice(3)]);
} else if (task === 'test') {
  const candidates = process.env.SAMENSPEL_CHROMIUM
    ? [process.env.SAMENSPEL_CHROMIUM]
    : ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
  if (!candidates.some((file) => existsSync(file))) {
    console.error(
      `The browser tests need Debian's Chromium at ${candidates.join(' or ')}: run "sudo apt-get install chromium-headless-shell" first.`,
    );
    process.exit(1);
  }
  ensureInstalled();
  // The build (server and web app), the type checks and the lint, two at a time.
  run(process.execPath, ['scripts/typecheck.mjs', '--build-and-lint']);
  run('npx', ['vitest', 'run', ...process.argv.slice(3)]);
} else {
  console.error('Usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}
