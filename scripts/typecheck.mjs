#!/usr/bin/env node
// `npm run typecheck`: the composite build (contracts, server), then the two programs that only
// check, side by side (tsc is single-threaded): the web app, and the server's tests with the
// browser tests and the benchmarks in one program (tsconfig.checks.json), which reads the server's
// sources once instead of three times: 15 s where the three separate programs took 48 s.
// With --build-and-lint (the test command) the web app's build and the lint run in the same two
// lanes, beside the longest check: 41 s where build, type-check and lint one after the other took 50 s.
// (By hand: thirty lines do what a task-runner dependency would.)
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
const all = process.argv.includes('--build-and-lint');
const programs = [
  // The longest first, so that the other lane takes the rest.
  [tsc, '-p', 'tsconfig.checks.json'],
  ...(all ? [[path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn']] : []),
  [tsc, '-p', 'web', '--noEmit'],
  ...(all ? [[path.join(root, 'node_modules/@biomejs/biome/bin/biome'), 'check', '.']] : []),
];

function check(args) {
  return new Promise((resolve) => {
    // Vite builds the web app from its own folder, where its configuration is.
    const cwd = args[0].includes('vite') ? path.join(root, 'web') : root;
    const child = spawn(process.execPath, args, { cwd });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('close', (code) => {
      const name = `${path.basename(args[0])} ${args.slice(1).join(' ')}`;
      if (code !== 0) process.stderr.write(`${name} failed:\n${output}`);
      resolve(code === 0);
    });
  });
}

const built = await check([tsc, '-b']);
let ok = built;
if (built) {
  const queue = [...programs];
  const lanes = Array.from({ length: 2 }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) ok = (await check(next)) && ok;
  });
  await Promise.all(lanes);
}
process.exit(ok ? 0 : 1);
