import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Tests run shuffled within each file; the seed is printed so that an order can be repeated.
const seed = Number(process.env.SAMENSPEL_TEST_SEED ?? Date.now() % 1_000_000);
process.stdout.write(`Tests shuffled with seed ${seed} (SAMENSPEL_TEST_SEED=${seed} repeats the order).\n`);

/** Test files that work on the demo region, which the global setup builds while the others run. */
const needsDemo =
  /server\/src\/(demo\/|cli\/cli-demo\.int|modules\/privacy\/retention\.int)|e2e\/(dashboard|retention)\.spec/;

/** The usual order (slowest first), but the files that wait for the demo region last. */
class DemoLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [
      ...sorted.filter((f) => !needsDemo.test(f.moduleId)),
      ...sorted.filter((f) => needsDemo.test(f.moduleId)),
    ];
  }
}

const alias = {
  '@samenspel/contracts': fileURLToPath(new URL('./packages/contracts/src/index.ts', import.meta.url)),
};
const integration = ['server/src/**/*.int.test.ts'];

/**
 * The access matrix (every route × no session, wrong organisation, wrong role, right role: over
 * 600 tests) decides access in the services and their SQL predicates, which both engines run
 * alike (scope.int.test.ts and the modules' own tests check the predicates on both). With a
 * PostgreSQL server (CI) it runs there, where it takes a third of the time; without one, on PGlite.
 */
const onOneEngine = [
  'server/src/http/access-matrix.int.test.ts',
  // Likewise, with a server, the files whose weight is not in SQL that differs between the engines:
  // scoring persons (matching), hashing passwords (auth, password change), typesetting PDFs
  // (annual reports), encrypting files (attachments), validating the API description, and the
  // demo region's figures, which are computed by the same statements on both. The embedded
  // database still builds the demo region (the CLI's files below) and runs every other file.
  'server/src/modules/subjects/matching.int.test.ts',
  'server/src/modules/auth/auth.int.test.ts',
  'server/src/modules/auth/password-change.int.test.ts',
  'server/src/modules/annual-reports/annual-reports.int.test.ts',
  'server/src/modules/cases/attachments.int.test.ts',
  'server/src/http/api.int.test.ts',
  'server/src/demo/*.int.test.ts',
  // And the files that compose screens and messages from queries whose predicates scope.int and
  // the modules' own files run on both engines: who hears of what, the case screen, the weighing
  // of a signal, a programme's page, the reference data's answers.
  'server/src/modules/notifications/notifications.int.test.ts',
  'server/src/modules/cases/case-screen.int.test.ts',
  'server/src/modules/signals/weighing.int.test.ts',
  'server/src/modules/programmes/programmes.int.test.ts',
  'server/src/modules/organisations/reference-data.int.test.ts',
  // Places' figures and cells (H3 in JavaScript), the scans' and norms' screens, a case's results,
  // a collaboration's settings: their statements are the ones scope.int and the lists run on both.
  'server/src/modules/locations/locations.int.test.ts',
  'server/src/modules/programmes/scans.int.test.ts',
  'server/src/modules/programmes/norms.int.test.ts',
  'server/src/modules/interventions/results.int.test.ts',
  'server/src/modules/collaborations/collaborations.int.test.ts',
  // A register of risk locations flagged through the locations service, whose checks and
  // statements locations.int and scope.int run on both engines.
  'server/src/modules/imports/risk-locations.int.test.ts',
  // A partner's register of signals submitted through the signals service, whose statements
  // signals.int and scope.int run on both engines (the kind's own key table as case-history.int).
  'server/src/modules/imports/signals-import.int.test.ts',
  // Inspections recorded through the locations service, whose statements locations.int and
  // scope.int run on both engines.
  'server/src/modules/imports/inspections-import.int.test.ts',
  // A case's steps and the accountability table's statements: the embedded database runs them
  // all when it builds the demo region (196 cases through the same services, each step dated),
  // whose 2021 table the CLI's demo file checks against the annual plan; scope.int and the case
  // lists run their predicates on both engines.
  'server/src/modules/cases/cases.int.test.ts',
  'server/src/modules/cases/dated-steps.int.test.ts',
  'server/src/modules/reports/reports.repository.int.test.ts',
];
/**
 * The command line opens the embedded database by default, as `npm start` does: with a server
 * too, its files (each command a process of its own) run on PGlite only.
 */
const embeddedOnly = ['server/src/cli/cli.int.test.ts', 'server/src/cli/cli-demo.int.test.ts'];
/**
 * Two processes on one database (a background import killed in one, run again in the other):
 * the embedded database has one process, so these run with a PostgreSQL server (CI) only.
 */
const serverOnly = ['server/src/modules/imports/import-job-kill.int.test.ts'];

// Integration tests run on PGlite always and, when DATABASE_URL names a server (CI), on PostgreSQL too.
const engines = process.env.DATABASE_URL ? (['pglite', 'postgresql'] as const) : (['pglite'] as const);

// The browser flows test the screens. With a PostgreSQL server (CI) they run there: a copy of the
// demo region is made in milliseconds instead of loaded into PGlite per file, and the flows take
// about a fifth less time (e2e/cases.spec.ts: 60 s against 76 s). That the server behaves alike
// on both engines is what the integration projects prove; without a server they run on PGlite.
const browserEngine =
  process.env.SAMENSPEL_BROWSER_ENGINE ?? (process.env.DATABASE_URL ? 'postgresql' : 'pglite');
if (browserEngine !== 'pglite' && browserEngine !== 'postgresql') {
  throw new Error(`SAMENSPEL_BROWSER_ENGINE must be pglite or postgresql, not ${browserEngine}`);
}

const projects: TestProjectInlineConfiguration[] = [
  {
    resolve: { alias },
    test: {
      name: 'unit',
      include: [
        'packages/*/src/**/*.test.ts',
        'server/src/**/*.test.ts',
        'web/src/**/*.test.ts',
        'bench/src/**/*.test.ts',
      ],
      exclude: integration,
      // Two cores: the unit and integration files run two at a time (they wait on the database
      // as much as they compute), then the browser files two at a time.
      maxWorkers: 2,
      sequence: { groupOrder: 0 },
    },
  },
  ...engines.map((engine) => ({
    resolve: { alias },
    test: {
      name: `integration-${engine}`,
      include: integration,
      exclude:
        engine === 'pglite'
          ? [...serverOnly, ...(engines.length > 1 ? onOneEngine : [])]
          : engine === 'postgresql'
            ? embeddedOnly
            : [],
      env: { SAMENSPEL_TEST_ENGINE: engine },
      globalSetup: ['server/src/testing/global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Files share the worker's loaded modules (the app, the schemas): each file still has its own database.
      isolate: false,
      // Both engines with the unit files, two at a time. (Vitest runs the projects of one group one
      // after the other when their worker limit is 1, so the server's files cannot run one at a
      // time beside the browser flows: they waited for the flows to end.)
      maxWorkers: 2,
      // Each test makes its own records: in any order, every test must pass.
      sequence: { shuffle: { files: false, tests: true }, groupOrder: 0 },
    },
  })),
  // The browser flows on one engine (above; SAMENSPEL_BROWSER_ENGINE names another): on two cores a
  // second browser run would double the longest part of CI.
  ...[browserEngine].map((engine) => ({
    resolve: { alias },
    test: {
      name: `browser-${engine}`,
      include: ['e2e/**/*.spec.ts'],
      env: { SAMENSPEL_TEST_ENGINE: engine },
      globalSetup: ['server/src/testing/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 90_000,
      // Two files at a time, each with its own server and browser: one flow keeps about 1.45 of the
      // two cores busy (Chromium, and the server in the test's process waiting on it), so a second
      // fills the rest (measured: the suite in 278 s against 317 s one at a time).
      maxWorkers: 2,
      isolate: false,
      sequence: { groupOrder: 1 },
    },
  })),
];

export default defineConfig({ test: { projects, sequence: { sequencer: DemoLast, seed } } });
