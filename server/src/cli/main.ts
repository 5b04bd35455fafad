import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { MigrationError, migrateToLatest } from '../db/migrate.js';
import { buildApp } from '../http/app.js';
import { loadReferenceData } from '../modules/organisations/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
export const VERSION = pkg.version;

/** Usage errors exit with 2, failures while running with 1. */
const EXIT_USAGE = 2;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535)
    throw new InvalidArgumentError('Use a number from 0 to 65535.');
  return port;
}

function describe(database: Database): string {
  return database.engine === 'pglite'
    ? `embedded PostgreSQL (PGlite) in ${database.location}`
    : `PostgreSQL at ${database.location}`;
}

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function migrate(database: Database): Promise<void> {
  const { applied } = await migrateToLatest(database.db);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
      : 'Database schema is up to date.',
  );
}

async function seed(database: Database, demo: boolean): Promise<void> {
  const loaded = await loadReferenceData(database.db);
  for (const region of loaded) {
    const state = region.changed ? 'loaded' : 'already current';
    console.log(
      `Region ${region.id} ${region.version}: ${state} (${region.municipalities} municipalities, ${region.partners} partner organisations, ${region.themes} themes)`,
    );
  }
  if (demo)
    console.log('Demo region: reference data only for now; demo signals and cases follow with the casework.');
}

export function createProgram(): Command {
  const program = new Command('samenspel')
    .description('Samenspel: information and case platform of a RIEC and its covenant partners.')
    .version(VERSION, '-v, --version', 'print the version')
    .showHelpAfterError('(run samenspel --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) })
    .exitOverride();

  program
    .command('serve')
    .description('migrate the database and serve the API and web app')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on').argParser(parsePort).env('SAMENSPEL_PORT'),
    )
    .option('--host <host>', 'address to listen on (default 127.0.0.1; set SAMENSPEL_HOST)')
    .option('--demo', 'load the demo region before serving (same as seed --demo)')
    .action(async (options: { port?: number; host?: string; demo?: boolean }) => {
      const config = loadConfig();
      const database = await openDatabase(config.database);
      await migrate(database);
      if (options.demo) await seed(database, true);
      const app = await buildApp({
        database,
        logLevel: config.logLevel,
        webDir: config.webDir,
        version: VERSION,
      });
      const host = options.host ?? config.host;
      await app.listen({ port: options.port ?? config.port, host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const shown = host === '0.0.0.0' || host === '::' || host === '127.0.0.1' ? 'localhost' : host;
      console.log(`Samenspel ${VERSION} on ${describe(database)}`);
      console.log(
        `Open http://${shown}:${port}/ (API: http://${shown}:${port}/api/v1/openapi.json). Stop with Ctrl+C.`,
      );
      const stop = async (signal: string) => {
        console.log(`${signal}: stopping.`);
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(() => withDatabase(migrate));

  program
    .command('seed')
    .description('load the reference data of every region (municipalities, partners, themes)')
    .option('--demo', 'also load the demo region of Midden-Nederland')
    .action((options: { demo?: boolean }) =>
      withDatabase(async (database) => {
        await migrate(database);
        await seed(database, options.demo ?? false);
      }),
    );

  program
    .command('version')
    .description('print the version')
    .action(() => console.log(VERSION));

  return program;
}

/** Runs the CLI; returns the exit code for anything but `serve`, which keeps running. */
export async function run(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return 0;
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError || error instanceof MigrationError) {
      console.error(error.message);
      return 1;
    }
    console.error(`samenspel: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
