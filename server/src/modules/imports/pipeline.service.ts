import { createHash, randomUUID } from 'node:crypto';
import type {
  ImportJob,
  ImportKind,
  ImportKindView,
  ImportReport,
  ImportRowProblem,
  ImportSummary,
  InvalidParam,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { type Keys, openBytes, sealBytes } from '../../shared/crypto.js';
import { csvDocument } from '../../shared/csv.js';
import { amsterdamDate } from '../../shared/dates.js';
import { AppError, forbidden, invalid, notFound } from '../../shared/errors.js';
import { type ServiceDeps, userOf } from '../../shared/service.js';
import { type AuditRecorder, traceFrom } from '../audit/index.js';
import { actorFor, displayNames, findUserById } from '../users/index.js';
import {
  automaticMapping,
  type FieldProblem,
  type ImportKindDefinition,
  type ImportPorts,
  importKindDefinitions,
} from './pipeline.kinds.js';
import { type Cell, FileRefusal, readSpreadsheet, type SourceFile } from './pipeline.read.js';
import * as repo from './pipeline.repository.js';
import { shown } from './pipeline.values.js';

const activity = 'samenspel.imports';

export interface ImportInput {
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  /** A workbook's sheet; the first one with data by default. */
  sheet?: string | undefined;
  /** Column heading → field key ('' leaves a column out); else the saved or the automatic mapping. */
  mapping?: Record<string, string> | undefined;
  mode: 'dry-run' | 'commit';
}

const fileProblem = (code: string, reason: string): InvalidParam => ({
  name: 'file',
  in: 'body',
  code,
  reason,
});

/**
 * The import pipeline: a spreadsheet read, its columns mapped to a kind's fields, every row
 * checked with the API's own rules, and (in a commit without rejected rows) every accepted row
 * written in the one transaction of the run, or none. Rows recorded already exactly as given are
 * skipped with their reason, so importing the same or a corrected file again adds only what is
 * new. Every run is kept with the file's SHA-256, the person and its counts.
 */
export class ImportPipelineService {
  constructor(private readonly deps: ServiceDeps & { keys: Keys; ports: ImportPorts }) {}

  /** The kinds this person may import, with their fields and the organisation's saved mapping. */
  async kinds(context: RequestContext): Promise<ImportKindView[]> {
    const { audit } = this.deps;
    return audit.run(context, { action: 'import.kinds', activity }, async (trx) => {
      const actor = await this.importer(trx, context.actor, forbidden);
      const views: ImportKindView[] = [];
      for (const d of this.kindsOf(actor))
        views.push({
          kind: d.kind,
          name: d.name,
          description: d.description,
          fields: d.fields.map((f) => ({
            key: f.key,
            label: f.label,
            required: f.required,
            description: f.description,
          })),
          savedMapping: await repo.savedMapping(trx, actor.organisationId, d.kind),
        });
      return views;
    });
  }

  /**
   * Who may see imports: someone who may run at least one kind (the kind's own permission, the
   * one its records ask for in the API). Refused: 403, or 404 where a record was asked for.
   */
  private async importer(trx: Db, who: Actor | null, refuse: () => Error): Promise<Actor> {
    const actor = await this.deps.access.requireAccess(trx, who, 'reference.read');
    if (!this.kindsOf(actor).length) throw refuse();
    return actor;
  }

  /**
   * The kinds a person may run. Imports are for people, who see the report and answer for what
   * they bring in: a partner system's token sends its signals one by one (`POST /signals`),
   * whatever permissions it holds.
   */
  /** Someone who may run this kind: its permission, as a person (the access check logs either way). */
  private async runner(
    trx: Db,
    who: Actor | null,
    definition: ImportKindDefinition<unknown>,
  ): Promise<Actor> {
    const actor = await this.deps.access.requireAccess(trx, who, definition.permission as never);
    if (!this.kindsOf(actor).includes(definition)) throw forbidden();
    return actor;
  }

  private kindsOf(actor: Actor): Array<ImportKindDefinition<unknown>> {
    if (actor.kind !== 'user') return [];
    return Object.values(importKindDefinitions).filter((d) =>
      this.deps.access.holds(actor, d.permission as never),
    );
  }

  async run(context: RequestContext, input: ImportInput): Promise<ImportReport> {
    const { audit } = this.deps;
    const definition = importKindDefinitions[input.kind];
    // The file is read before the transaction, so that a large one does not hold a database
    // connection while it is parsed; only for someone who may run the kind (the check below
    // decides and logs, as for everyone).
    let read: SourceFile | FileRefusal | null = null;
    if (context.actor && this.kindsOf(context.actor).includes(definition))
      read = await readSpreadsheet(input.bytes, input.fileName, input.sheet).catch((error: unknown) => {
        if (error instanceof FileRefusal) return error;
        throw error;
      });
    return audit.run(context, { action: `import.${input.mode}`, activity }, async (trx, record) => {
      const actor = await this.runner(trx, context.actor, definition);
      if (read instanceof FileRefusal) throw invalid([fileProblem(read.code, read.reason)]);
      if (!read) throw forbidden();
      return this.execute(trx, actor, record, definition, input, read);
    });
  }

  /**
   * A read file's run, in the caller's transaction: columns mapped, every row checked, and in a
   * commit without rejected rows every accepted row written; the run kept with its report.
   */
  private async execute(
    trx: Db,
    actor: Actor,
    record: AuditRecorder,
    definition: ImportKindDefinition<unknown>,
    input: ImportInput,
    file: SourceFile,
    first?: FirstPass,
    progress?: Progress,
  ): Promise<ImportReport> {
    const { now } = this.deps;
    const pass = first ?? (await this.firstPass(trx, actor, definition, input, file));
    const { mapping } = pass;
    const report = await this.check(trx, actor, definition, file, pass);
    const importId = randomUUID();
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    let status: ImportReport['status'] = 'checked';
    let written = 0;
    if (input.mode === 'commit') {
      if (report.rejected > 0) status = 'refused';
      else {
        progress?.('writing', null, file.rows.length);
        written = await definition.write(
          trx,
          actor,
          report.values,
          now(),
          userOf(actor),
          importId,
          this.deps.ports,
          record,
          { name: input.fileName.slice(0, 255), sha256, format: file.format, rows: report.rows },
        );
        status = 'committed';
        await repo.saveMapping(trx, actor.organisationId, definition.kind, mapping, now());
      }
    }
    const row = {
      id: importId,
      regionId: actor.regionId,
      organisationId: actor.organisationId,
      kind: definition.kind,
      mode: input.mode,
      status,
      fileName: input.fileName.slice(0, 255),
      fileSha256: sha256,
      format: file.format,
      encoding: file.encoding,
      separator: file.separator,
      sheet: file.sheet,
      sheets: JSON.stringify(file.sheets),
      mapping: JSON.stringify(
        file.header.map((column) => {
          const field = mapping[column] ?? null;
          return { column, field, label: definition.fields.find((f) => f.key === field)?.label ?? null };
        }),
      ),
      rows: report.rows,
      accepted: report.accepted,
      rejected: report.rejected,
      skipped: report.skipped,
      written,
      problems: JSON.stringify(report.problems),
      skippedRows: JSON.stringify(report.skippedRows),
      errorRows: JSON.stringify({ header: file.header, rows: report.errorRows }),
      createdAt: now(),
      createdBy: userOf(actor),
    };
    const saved = await this.one(trx, actor, await repo.insertImport(trx, row));
    return present(saved, await displayNames(trx, [saved.createdBy]));
  }

  // ---- in the background ----------------------------------------------------------------------

  /** Hands a job to the job runner; set by the runner (without one, jobs wait in `import_jobs`). */
  enqueue: ((jobId: string) => Promise<void>) | undefined;
  /** Where each job this process runs is: the phase, rows checked, rows in the file. */
  private readonly running = new Map<
    string,
    { phase: ImportJob['phase']; done: number | null; total: number | null }
  >();

  /**
   * A large file imported in the background: the same run as `run`, by the job runner, with
   * progress to ask for. The file waits encrypted and is erased when the job has ended.
   */
  async startJob(context: RequestContext, input: ImportInput): Promise<ImportJob> {
    const { audit, now, keys } = this.deps;
    const definition = importKindDefinitions[input.kind];
    const job = await audit.run(context, { action: 'import.job-start', activity }, async (trx) => {
      const actor = await this.runner(trx, context.actor, definition);
      const createdBy = userOf(actor);
      if (!createdBy) throw forbidden();
      if (!input.bytes.length) throw invalid([fileProblem('file_empty', 'Het bestand is leeg.')]);
      const id = randomUUID();
      await repo.insertJob(trx, {
        id,
        regionId: actor.regionId,
        organisationId: actor.organisationId,
        kind: definition.kind,
        mode: input.mode,
        fileName: input.fileName.slice(0, 255),
        sheet: input.sheet ?? null,
        mapping: input.mapping ? JSON.stringify(input.mapping) : null,
        file: sealBytes(keys.attachments, input.bytes).toString('base64'),
        status: 'queued',
        createdBy,
        createdAt: now(),
      });
      return this.presentJob(await this.oneJob(trx, actor, id));
    });
    await this.enqueue?.(job.id);
    return job;
  }

  /** A job, with its progress while this process runs it. Seen by whom its import will be seen. */
  async job(context: RequestContext, jobId: string): Promise<ImportJob> {
    const { audit } = this.deps;
    return audit.run(context, { action: 'import.job-read', activity }, async (trx) => {
      const actor = await this.importer(trx, context.actor, () => notFound());
      return this.presentJob(await this.oneJob(trx, actor, jobId));
    });
  }

  /** The jobs waiting for a runner: queued, or running when the runner that had them stopped. */
  async waitingJobs(): Promise<string[]> {
    return repo.waitingJobs(this.deps.db);
  }

  /**
   * Runs a job (the job runner calls this): claims it, reads its file, and runs the import as the
   * person who started it, in one transaction that holds the job's row locked and marks it done.
   * A job killed midway wrote nothing and is still `running`, unlocked: the next runner to be
   * given it runs it again. A refused file or a lost permission ends it as `failed` with the
   * reason; any other error is thrown, so that the runner tries again.
   */
  async runJob(jobId: string): Promise<void> {
    const { db, audit, now, keys } = this.deps;
    // Handed out twice to this process (retried while it runs here): once is enough. Another
    // process that takes it meanwhile finds its row locked once the transaction started.
    if (this.running.has(jobId)) return;
    this.running.set(jobId, { phase: null, done: null, total: null });
    const claimed = await repo.claimJob(db, jobId, now()).catch((error: unknown) => {
      this.running.delete(jobId);
      throw error;
    });
    if (!claimed?.file) {
      this.running.delete(jobId);
      return;
    }
    const fail = (reason: string) => repo.failJob(db, jobId, reason, now());
    const definition = importKindDefinitions[claimed.kind as ImportKind];
    const user = await findUserById(db, claimed.createdBy);
    // The import lands where it was started, as someone still active there, or nowhere.
    const refusal = !definition
      ? 'Deze soort import bestaat niet meer.'
      : !user?.active
        ? 'Wie de import startte, heeft geen actief account meer.'
        : user.regionId !== claimed.regionId || user.organisationId !== claimed.organisationId
          ? 'Wie de import startte, werkt inmiddels bij een andere organisatie. Start hem opnieuw.'
          : null;
    if (refusal || !definition || !user) {
      this.running.delete(jobId);
      await fail(refusal ?? '');
      return;
    }
    const actor = actorFor(user, 'import-job');
    const context: RequestContext = {
      actor,
      trace: traceFrom(undefined),
      client: { address: null, userAgent: 'samenspel import job' },
    };
    const progress: Progress = (phase, done, total) => this.running.set(jobId, { phase, done, total });
    try {
      progress('reading', null, null);
      const input: ImportInput = {
        kind: definition.kind,
        fileName: claimed.fileName,
        bytes: openBytes(keys.attachments, Buffer.from(claimed.file, 'base64')),
        sheet: claimed.sheet ?? undefined,
        mapping: claimed.mapping ?? undefined,
        mode: claimed.mode,
      };
      const file = await readSpreadsheet(input.bytes, input.fileName, input.sheet);
      // Every row checked before the transaction, so that the database answers meanwhile (the
      // embedded one runs one transaction at a time); then checked together and written in one.
      const first = await this.firstPass(db, actor, definition, input, file, progress);
      if (input.mode === 'commit' && first.checked.rejected === 0)
        progress('writing', null, file.rows.length);
      await audit.run(context, { action: `import.${input.mode}`, activity }, async (trx, record) => {
        if (!(await repo.lockJob(trx, jobId))) throw new JobTaken();
        const allowed = await this.runner(trx, actor, definition);
        const report = await this.execute(trx, allowed, record, definition, input, file, first, progress);
        await repo.finishJob(trx, jobId, report.id, now());
      });
    } catch (error) {
      if (error instanceof JobTaken) return;
      if (error instanceof FileRefusal) await fail(error.reason);
      else if (error instanceof AppError)
        await fail(error.errors?.map((e) => e.reason).join(' ') || error.detail || error.title);
      // Tried often enough: it ends, with its file erased, instead of waiting for ever.
      else if (claimed.attempts >= MAX_JOB_ATTEMPTS) {
        await fail('Het inlezen is steeds mislukt door een fout in Samenspel. Meld het aan de beheerder.');
        throw error;
      } else throw error;
    } finally {
      this.running.delete(jobId);
    }
  }

  private async oneJob(trx: Db, actor: Actor, jobId: string) {
    const [row] = await repo.reachableJobs(trx, this.scope(actor)).where('j.id', '=', jobId).execute();
    if (!row) throw notFound();
    return row;
  }

  private presentJob(row: repo.ImportJobRow): ImportJob {
    const here = this.running.get(row.id);
    return {
      id: row.id,
      kind: row.kind as ImportKind,
      mode: row.mode,
      fileName: row.fileName,
      status: row.status,
      phase: row.status === 'running' ? (here?.phase ?? null) : null,
      done: row.status === 'running' ? (here?.done ?? null) : null,
      total: row.status === 'running' ? (here?.total ?? null) : null,
      attempts: row.attempts,
      importId: row.importId,
      error: row.error,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }

  /** The columns' fields: as asked, else the organisation's saved mapping, else by their headings. */
  private async mappingOf(
    trx: Db,
    actor: Actor,
    definition: ImportKindDefinition<unknown>,
    header: readonly string[],
    asked: Record<string, string> | undefined,
  ): Promise<Record<string, string>> {
    const keys = new Set(definition.fields.map((f) => f.key));
    let mapping: Record<string, string>;
    if (asked) {
      const problems: InvalidParam[] = [];
      for (const [column, field] of Object.entries(asked)) {
        if (!header.includes(column))
          problems.push({
            name: `mapping.${column}`,
            in: 'body',
            code: 'no_such_column',
            reason: `De kolom '${column}' staat niet in het bestand.`,
          });
        else if (field && !keys.has(field))
          problems.push({
            name: `mapping.${column}`,
            in: 'body',
            code: 'no_such_field',
            reason: `'${field}' is geen veld van deze import.`,
          });
      }
      if (problems.length) throw invalid(problems);
      mapping = Object.fromEntries(Object.entries(asked).filter(([, field]) => field));
    } else {
      const saved = await repo.savedMapping(trx, actor.organisationId, definition.kind);
      const fromSaved = Object.fromEntries(
        Object.entries(saved ?? {}).filter(([column, field]) => header.includes(column) && keys.has(field)),
      );
      mapping = { ...automaticMapping(header, definition.fields), ...fromSaved };
    }
    const fields = Object.values(mapping);
    const twice = [...new Set(fields.filter((f, i) => fields.indexOf(f) !== i))];
    const label = (key: string) => definition.fields.find((f) => f.key === key)?.label ?? key;
    const problems: InvalidParam[] = twice.map((f) =>
      fileProblem('field_twice', `Twee kolommen zijn gekoppeld aan '${label(f)}'. Kies er één.`),
    );
    const missing = definition.fields.filter((f) => f.required && !fields.includes(f.key));
    if (missing.length)
      problems.push(
        fileProblem(
          'columns_missing',
          `Er is geen kolom voor ${missing.map((f) => `'${f.label}' (kopje ${[f.label, ...f.synonyms.filter((x) => x !== f.label.toLowerCase())].map((x) => `'${x}'`).join(' of ')})`).join(' en ')}. Kolommen in het bestand: ${header.filter(Boolean).join(', ') || '(geen)'}. Geef de kolom zo'n kopje en controleer het bestand opnieuw.`,
        ),
      );
    if (problems.length) throw invalid(problems);
    return mapping;
  }

  /**
   * Every row checked: accepted, rejected (each problem with its line, column and value) or
   * skipped; then what the rows say together, and the ones recorded already exactly so skipped.
   */
  /**
   * What needs no transaction: the columns' fields, what the rows are checked against, and every
   * row checked on its own (a job does this before its transaction, with its progress).
   */
  private async firstPass(
    db: Db,
    actor: Actor,
    definition: ImportKindDefinition<unknown>,
    input: ImportInput,
    file: SourceFile,
    progress?: Progress,
  ) {
    const mapping = await this.mappingOf(db, actor, definition, file.header, input.mapping);
    const context = definition.prepare
      ? await definition.prepare(db, actor, amsterdamDate(this.deps.now()))
      : undefined;
    const checked = progress
      ? await checkRowsInSteps(definition, file, mapping, context, (done) =>
          progress('checking', done, file.rows.length),
        )
      : checkRows(definition, file, mapping, context);
    return { mapping, context, checked };
  }

  private async check(
    trx: Db,
    actor: Actor,
    definition: ImportKindDefinition<unknown>,
    file: SourceFile,
    pass: FirstPass,
  ) {
    const { mapping, context } = pass;
    const checked = pass.checked;
    const problems = [...checked.problems];
    const skippedRows = [...checked.skippedRows];
    const errorRows = [...checked.errorRows];
    let { candidates, rejected } = checked;
    // What rows say together (a case's steps in their order): the lines it refuses are rejected.
    const related = definition.relate
      ? await definition.relate(trx, actor, candidates, context, checked.refused)
      : new Map<number, FieldProblem[]>();
    if (related.size) {
      const { reject } = rowReport(definition, file, mapping);
      const rowAt = new Map(file.rows.map((r) => [r.line, r]));
      for (const [line, found] of related) {
        const row = rowAt.get(line);
        if (!row || !found.length) continue;
        const report = reject(row, found);
        rejected += 1;
        problems.push(...report.problems);
        errorRows.push(report.errorRow);
      }
      candidates = candidates.filter((c) => !related.get(c.line)?.length);
      problems.sort((a, b) => a.line - b.line);
      errorRows.sort((a, b) => a.line - b.line);
    }
    const unchanged = await definition.unchanged(
      trx,
      actor,
      candidates.map((c) => c.value),
    );
    const values: unknown[] = [];
    for (const c of candidates) {
      const reason =
        unchanged instanceof Map
          ? unchanged.get(c.key)
          : unchanged.has(c.key)
            ? 'Staat al zo in Samenspel.'
            : undefined;
      if (reason) skippedRows.push({ line: c.line, reason });
      else values.push(c.value);
    }
    skippedRows.sort((a, b) => a.line - b.line);
    return {
      rows: file.rows.length,
      accepted: values.length,
      rejected,
      skipped: skippedRows.length,
      problems,
      skippedRows,
      errorRows,
      values,
    };
  }

  private scope(actor: Actor): repo.ImportScope {
    const kinds = this.kindsOf(actor);
    return {
      regionId: actor.regionId,
      organisationId: actor.organisationId,
      userId: userOf(actor),
      kinds: kinds.map((d) => d.kind),
      ownOnly: kinds.filter((d) => d.ownImportsOnly).map((d) => d.kind),
    };
  }

  /** One import the actor may see (the same rule as the list), or 404. */
  private async one(trx: Db, actor: Actor, importId: string): Promise<repo.ImportRow> {
    const [row] = await repo.reachableImports(trx, this.scope(actor)).where('i.id', '=', importId).execute();
    if (!row) throw notFound();
    return row;
  }

  /** The organisation's imports of the kinds this person may run, newest first. */
  async list(context: RequestContext): Promise<ImportSummary[]> {
    const { audit } = this.deps;
    return audit.run(context, { action: 'import.list', activity }, async (trx) => {
      const actor = await this.importer(trx, context.actor, forbidden);
      const rows = await repo
        .reachableImports(trx, this.scope(actor))
        .orderBy('i.createdAt', 'desc')
        .limit(100)
        .execute();
      const names = await displayNames(
        trx,
        rows.map((r) => r.createdBy),
      );
      return rows.map((r) => {
        const { problems: _p, skippedRows: _s, mapping: _m, sheets: _h, ...summary } = present(r, names);
        return summary;
      });
    });
  }

  async get(context: RequestContext, importId: string): Promise<ImportReport> {
    const { audit } = this.deps;
    return audit.run(context, { action: 'import.read', activity }, async (trx) => {
      const row = await this.one(trx, await this.importer(trx, context.actor, () => notFound()), importId);
      return present(row, await displayNames(trx, [row.createdBy]));
    });
  }

  /** The error file: the rejected rows as they were in the file, with a column saying what is wrong. */
  async errorFile(context: RequestContext, importId: string): Promise<{ csv: string; fileName: string }> {
    const { audit } = this.deps;
    return audit.run(context, { action: 'import.error-file', activity }, async (trx) => {
      const actor = await this.importer(trx, context.actor, () => notFound());
      const row = await this.one(trx, actor, importId);
      const { header, rows } = row.errorRows;
      return {
        csv: csvDocument([
          [...header, 'Regel in het bestand', 'Fout'],
          ...rows.map((r) => [...r.cells, String(r.line), r.error]),
        ]),
        fileName: `${row.fileName.replace(/\.[^.]+$/, '')}-fouten.csv`,
      };
    });
  }
}

/**
 * Every row of a file checked against a kind, without the database: accepted candidates (one per
 * identity), refused rows with their problems (and as they were, for the error file), and rows
 * skipped as a repeat of an earlier one. Also what the import benchmark times.
 */
export function checkRows(
  definition: ImportKindDefinition<unknown>,
  file: SourceFile,
  mapping: Record<string, string>,
  context?: unknown,
) {
  const checker = rowChecker(definition, file, mapping, context);
  for (const row of file.rows) checker.add(row);
  return checker.result();
}

/**
 * The same, a few thousand rows at a time with a turn for other work in between (a job checks
 * 100,000 rows in seconds, and the process answers its progress meanwhile).
 */
export async function checkRowsInSteps(
  definition: ImportKindDefinition<unknown>,
  file: SourceFile,
  mapping: Record<string, string>,
  context: unknown,
  progress: (done: number) => void,
) {
  const checker = rowChecker(definition, file, mapping, context);
  const step = 2000;
  for (let i = 0; i < file.rows.length; i += step) {
    for (const row of file.rows.slice(i, i + step)) checker.add(row);
    progress(Math.min(i + step, file.rows.length));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return checker.result();
}

function rowChecker(
  definition: ImportKindDefinition<unknown>,
  file: SourceFile,
  mapping: Record<string, string>,
  context: unknown,
) {
  const { cellOf, reject } = rowReport(definition, file, mapping);
  const problems: ImportRowProblem[] = [];
  const errorRows: ErrorRow[] = [];
  const skippedRows: Array<{ line: number; reason: string }> = [];
  const candidates: Candidate[] = [];
  const byKey = new Map<string, Candidate>();
  const refused: Array<{ line: number; cell: (field: string) => Cell | undefined }> = [];
  let rejected = 0;
  const add = (row: SourceFile['rows'][number]) => {
    const cell = cellOf(row);
    const result = definition.row(cell, context);
    let found: FieldProblem[] = [];
    if ('problems' in result) found = result.problems;
    else {
      const key = definition.key(result.value);
      const fingerprint = JSON.stringify(result.value);
      const earlier = definition.everyRowCounts ? undefined : byKey.get(key);
      if (earlier && earlier.fingerprint === fingerprint) {
        skippedRows.push({ line: row.line, reason: `Dezelfde rij als regel ${earlier.line}.` });
        return;
      }
      if (earlier)
        found = [
          {
            field: null,
            code: 'duplicate_row',
            reason: `Deze rij gaat over hetzelfde als regel ${earlier.line}, met andere waarden. Houd er één over.`,
          },
        ];
      else {
        const candidate = { line: row.line, key, value: result.value, fingerprint };
        candidates.push(candidate);
        byKey.set(key, candidate);
      }
    }
    if (found.length) {
      rejected += 1;
      refused.push({ line: row.line, cell });
      const report = reject(row, found);
      problems.push(...report.problems);
      errorRows.push(report.errorRow);
    }
  };
  return {
    add,
    result: () => ({ candidates, problems, skippedRows, errorRows, rejected, refused }),
  };
}

interface Candidate {
  line: number;
  key: string;
  value: unknown;
  fingerprint: string;
}

type ErrorRow = { line: number; cells: Array<string | null>; error: string };

/** How often a job is run before it ends as failed (the queue retries it in between). */
export const MAX_JOB_ATTEMPTS = 5;

type FirstPass = Awaited<ReturnType<ImportPipelineService['firstPass']>>;

/** Another runner took the job between its claim and its transaction: nothing to do here. */
class JobTaken extends Error {}

type Progress = (phase: ImportJob['phase'], done: number | null, total: number | null) => void;

/**
 * How a file's rows are read by field, and how a refused row is reported: each problem with its
 * line, the file's own column heading and the value as read (masked for personal data), and the
 * row as it was for the error file.
 */
function rowReport(
  definition: ImportKindDefinition<unknown>,
  file: SourceFile,
  mapping: Record<string, string>,
) {
  const columnOf = new Map(Object.entries(mapping).map(([column, field]) => [field, column]));
  const indexOf = new Map(file.header.map((h, i) => [h, i]));
  const personal = new Set(definition.fields.filter((f) => f.personal).map((f) => f.key));
  const cellOf = (row: SourceFile['rows'][number]) => (field: string) => {
    const column = columnOf.get(field);
    if (column === undefined) return undefined;
    return row.cells[indexOf.get(column) ?? -1] ?? null;
  };
  const reject = (row: SourceFile['rows'][number], found: readonly FieldProblem[]) => {
    const cell = cellOf(row);
    const problems: ImportRowProblem[] = found.map((p) => {
      const raw = p.field ? cell(p.field) : undefined;
      return {
        line: row.line,
        column: p.field ? (columnOf.get(p.field) ?? null) : null,
        value: raw === undefined ? null : p.field && personal.has(p.field) ? mask(shown(raw)) : shown(raw),
        code: p.code,
        reason: p.reason,
      };
    });
    const errorRow: ErrorRow = {
      line: row.line,
      cells: file.header.map((_, i) => shown(row.cells[i] ?? null)),
      error: problems.map((p) => (p.column ? `${p.column}: ${p.reason}` : p.reason)).join(' '),
    };
    return { problems, errorRow };
  };
  return { cellOf, reject };
}

/** Personal data in the row report: the first and last character, the rest as dots. */
function mask(value: string | null): string | null {
  if (value === null || value.length <= 2) return value === null ? null : '••';
  return `${value[0]}${'•'.repeat(Math.min(6, value.length - 2))}${value.at(-1)}`;
}

function present(r: repo.ImportRow, names: ReadonlyMap<string, string>): ImportReport {
  return {
    id: r.id,
    kind: r.kind as ImportKind,
    mode: r.mode,
    status: r.status,
    fileName: r.fileName,
    fileSha256: r.fileSha256,
    format: r.format,
    encoding: r.encoding,
    separator: r.separator,
    sheet: r.sheet,
    sheets: r.sheets,
    mapping: r.mapping,
    rows: r.rows,
    accepted: r.accepted,
    rejected: r.rejected,
    skipped: r.skipped,
    written: r.written,
    problems: r.problems,
    skippedRows: r.skippedRows,
    createdAt: new Date(r.createdAt).toISOString(),
    createdBy: r.createdBy ? (names.get(r.createdBy) ?? null) : null,
  };
}
