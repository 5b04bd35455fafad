import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The house rules, checked on the source: a module is entered only through its index.ts; SQL is
 * written only in repositories, access rules, the database layer and test helpers; and each
 * module's SQL touches only the tables it owns (docs/architecture.md, "Modules and their tables").
 */

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'server/src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const sources = [src, path.join(root, 'e2e'), path.join(root, 'bench/src')].flatMap(files);
const rel = (file: string) => path.relative(root, file);
const moduleOf = (file: string) => /^server\/src\/modules\/([^/]+)\//.exec(rel(file))?.[1] ?? null;

/**
 * Who owns which table. Reference data (regions, districts, municipalities, partner
 * organisations, themes) is the organisations module's; every module may read it, to check
 * a region's ids and to show names.
 */
const owners: Record<string, readonly string[]> = {
  organisations: [
    'provinces',
    'regions',
    'districts',
    'base_teams',
    'municipalities',
    'partner_organisations',
    'themes',
  ],
  users: ['users', 'user_roles', 'recovery_codes', 'region_security'],
  collaborations: [
    'collaborations',
    'collaboration_members',
    'collaboration_purposes',
    'collaboration_events',
    'retention_terms',
    'legal_bases',
  ],
  auth: ['sessions', 'sign_in_throttle', 'oidc_requests'],
  'api-tokens': ['api_tokens'],
  audit: ['processing_activities', 'processing_log', 'processing_log_anchors', 'user_action_log'],
  signals: ['signals', 'signal_organisations', 'signal_themes', 'signal_subjects', 'signal_events'],
  hitcheck: [
    'hitcheck_rounds',
    'hitcheck_round_subjects',
    'hitcheck_round_organisations',
    'hitcheck_answers',
  ],
  meetings: ['meetings', 'meeting_organisations', 'meeting_agenda'],
  cases: [
    'cases',
    'case_signals',
    'case_origin_organisations',
    'case_municipalities',
    'case_themes',
    'case_participants',
    'case_events',
    'case_subjects',
    'provisions',
    'communications',
    'evaluations',
    'case_priorities',
    'attachments',
    'case_open_periods',
  ],
  interventions: ['intervention_catalogue', 'case_matrix', 'advices', 'interventions', 'results'],
  reports: ['district_targets', 'analysis_products'],
  subjects: [
    'subjects',
    'subject_keys',
    'subject_name_counts',
    'subject_sightings',
    'subject_relations',
    'match_suggestions',
    'subject_merges',
    'subject_conflicts',
  ],
  imports: [
    'ftm_imports',
    'imports',
    'import_mappings',
    'imported_cases',
    'imported_signals',
    'imported_inspections',
    'imported_case_subjects',
    'import_jobs',
  ],
  notifications: ['notifications', 'notification_triggers', 'notification_preferences', 'notification_mails'],
  locations: [
    'location_projects',
    'locations',
    'location_events',
    'location_subjects',
    'location_cases',
    'inspections',
    'inspection_organisations',
    'inspection_locations',
    'inspection_findings',
    'inspection_follow_ups',
    'address_register',
    'address_register_loads',
    'map_layers',
  ],
  finance: ['finance_lines'],
  privacy: [
    'job_runs',
    'legal_holds',
    'destruction_lists',
    'destruction_items',
    'retention_postponements',
    'destruction_receipts',
    'pending_file_deletions',
    'data_subject_requests',
    'data_subject_request_tasks',
    'data_subject_request_matches',
  ],
  'annual-reports': ['annual_reports', 'annual_report_sections', 'annual_report_section_versions'],
  programmes: [
    'programmes',
    'programme_goals',
    'goal_results',
    'activity_kinds',
    'activities',
    'norms',
    'norm_versions',
    'norm_ambitions',
    'norm_members',
    'norm_statuses',
    'norm_reviews',
    'norm_review_points',
    'scans',
    'scan_versions',
    'scan_runs',
    'scan_run_objects',
    'scan_actions',
    'scan_action_steps',
  ],
};
const reference = new Set(owners.organisations);

/**
 * Reads across modules that are the design's, not accidents: the session lookup on every request
 * is one query over the session and its user; the report engine is a read model over the record,
 * one statement per table of the report (it never writes another module's tables), and so are
 * the programmes' computed indicators (one statement each, docs/programmes.md); a case's
 * provision shows the name of the collaboration's legal basis it rests on.
 */
const readsAcross: Record<string, 'all' | readonly string[]> = {
  auth: ['users', 'user_roles'],
  cases: ['legal_bases'],
  reports: 'all',
  programmes: 'all',
  'annual-reports': ['users', 'user_roles'],
  // Retention finds what falls due with one statement per kind of record over the modules that
  // hold it; destroying is each module's own function, called by the retention service. A
  // data-subject request finds the person's records in every module the same way, reading only.
  privacy: 'all',
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const allTables = new Set(Object.values(owners).flat());

/** The tables a file's queries touch, and whether each use writes. */
function tablesIn(text: string): Array<{ table: string; writes: boolean; at: string }> {
  const found: Array<{ table: string; writes: boolean; at: string }> = [];
  const builder =
    /\.(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-zA-Z]+)/g;
  for (const m of text.matchAll(builder)) {
    const table = snake(m[2] ?? '');
    found.push({ table, writes: /insertInto|updateTable|deleteFrom/.test(m[1] ?? ''), at: m[0] });
  }
  // Raw SQL: a table name after from, join, into, update, or `delete from`.
  const raw = /\b(from|join|into|update)\s+([a-z_]+)\b/g;
  for (const block of text.matchAll(/sql(?:<[^`]*?>)?`([^`]*)`/gs))
    for (const m of (block[1] ?? '').matchAll(raw)) {
      const table = m[2] ?? '';
      if (allTables.has(table)) found.push({ table, writes: m[1] === 'into' || m[1] === 'update', at: m[0] });
    }
  return found;
}

describe('module boundaries', () => {
  it('enters another module only through its index.ts', () => {
    const wrong: string[] = [];
    for (const file of sources) {
      const mine = moduleOf(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        const spec = m[1] ?? '';
        if (!spec.startsWith('.')) continue;
        const target = rel(path.resolve(path.dirname(file), spec));
        const into = /^server\/src\/modules\/([^/]+)\/(.+)$/.exec(target);
        if (!into || into[1] === mine) continue;
        if (into[2] !== 'index.js' && into[2] !== 'index.ts') wrong.push(`${rel(file)} imports ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('writes SQL only in repositories, access rules, the database layer and test helpers', () => {
    const allowed = (file: string) =>
      /\.(repository|access)\.ts$/.test(file) ||
      /\.test\.ts$/.test(file) ||
      /^server\/src\/(db|testing)\//.test(file) ||
      /^(bench|e2e)\//.test(file);
    const stray = sources
      .map(rel)
      .filter((file) => !allowed(file))
      .filter((file) =>
        /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql(<[^`]*>)?`|withoutPlugins\(/.test(
          readFileSync(path.join(root, file), 'utf8'),
        ),
      );
    expect(stray).toEqual([]);
  });

  it("queries only the module's own tables, and reads the reference data", () => {
    const wrong: string[] = [];
    for (const file of sources) {
      const mine = moduleOf(file);
      if (!mine || !/\.(repository|access)\.ts$/.test(file)) continue;
      const own = new Set(owners[mine] ?? []);
      const across = readsAcross[mine];
      for (const use of tablesIn(readFileSync(file, 'utf8'))) {
        if (own.has(use.table)) continue;
        if (!use.writes && (reference.has(use.table) || across === 'all' || across?.includes(use.table)))
          continue;
        wrong.push(`${rel(file)}: ${use.writes ? 'writes' : 'reads'} ${use.table} (${use.at})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names an owner for every table of the schema', () => {
    const schema = readFileSync(path.join(src, 'db/schema.ts'), 'utf8');
    const db = schema.slice(schema.indexOf('export interface DB {'));
    const tables = [...db.matchAll(/^ {2}([a-zA-Z]+): [A-Za-z]+Table;$/gm)].map((m) => snake(m[1] ?? ''));
    expect(tables.length).toBeGreaterThan(50);
    expect(tables.filter((t) => !allTables.has(t))).toEqual([]);
  });

  it('would catch a stray query and a reach past index.ts (the checks themselves)', () => {
    expect(tablesIn(`db.selectFrom('caseSubjects as cs').innerJoin('signals as s', 's.id', 'cs.x')`)).toEqual(
      [
        { table: 'case_subjects', writes: false, at: ".selectFrom('caseSubjects" },
        { table: 'signals', writes: false, at: ".innerJoin('signals" },
      ],
    );
    expect(tablesIn('sql`update subjects set root_id = 1 from case_signals cs`').map((u) => u.table)).toEqual(
      ['subjects', 'case_signals'],
    );
  });
});
