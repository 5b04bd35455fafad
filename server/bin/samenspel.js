#!/usr/bin/env node
// The samenspel command. Runs the compiled CLI; `npm run build` (or `npm start`) compiles it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('samenspel is not built yet: run `npm run build` in the repository root first.');
  process.exit(1);
}
const { run } = await import(entry.href);
const code = await run(process.argv.slice(2));
if (process.argv[2] !== 'serve' || code !== 0) process.exitCode = code;
