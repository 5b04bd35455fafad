import {
  type ActionResult,
  type AuditAttention,
  type AuditEntry,
  type AuditQuery,
  auditActionLabel,
  type ProcessingActivity,
  type SubjectPseudonymRequest,
} from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { RequestContext } from '../../shared/context.js';
import type { Keys } from '../../shared/crypto.js';
import { amsterdamDate } from '../../shared/dates.js';
import { AppError, notFound } from '../../shared/errors.js';
import type { Access } from '../access/index.js';
import { presentEntry } from './audit.presenter.js';
import { type ActionSpec, AuditRecorder } from './audit.recorder.js';
import {
  actionCountsSince,
  appendRecords,
  type ChainHeads,
  chainHash,
  currentActivityVersions,
  dropLogMonth,
  findEntries,
  GENESIS,
  insertAnchors,
  isChainConflict,
  type LogAnchor,
  limitLockWait,
  listProcessingActivities,
  logAnchors,
  logMonths,
  monthChains,
  processingBatch,
  processingContent,
  userActionBatch,
  userActionContent,
} from './audit.repository.js';
import { ChainPool } from './chain-pool.js';
import { pseudonymise, type SubjectIdentifier } from './pseudonym.js';

export type Work<T> = (trx: Db, record: AuditRecorder) => Promise<T>;

/** Names and addresses of the users the log mentions. */
export interface LoggedUsers {
  namesOf(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>>;
  emailOf(db: Db, id: string): Promise<string | null>;
}

/** How people name the records the log mentions: signal references, case code names (their modules'). */
export interface LoggedRecords {
  labelsOf(
    db: Db,
    records: { signalIds: readonly string[]; caseIds: readonly string[] },
  ): Promise<Map<string, string>>;
}

/**
 * The persons of a region's register with a name and date of birth, each with the identifiers
 * their records were logged by (the subjects module's): how the privacy officer finds everything
 * about someone by name and date of birth, whatever each source recorded.
 */
export interface LoggedPersons {
  identify(
    db: Db,
    regionId: string,
    person: { surname: string; firstNames?: string | undefined; dateOfBirth: string },
  ): Promise<Array<{ identifiers: SubjectIdentifier[] }>>;
}

function resultOf(error: unknown): ActionResult {
  if (!(error instanceof AppError)) return 'failed';
  if (error.status === 400 || error.status === 409 || error.status === 422) return 'invalid';
  if (error.status < 500) return 'denied';
  return 'failed';
}

export interface ChainReport {
  chain: 'processing' | 'user-action';
  records: number;
  /** Sequence number of the first record whose hash or link does not hold. */
  firstBroken: number | null;
  /** Records in months dropped by the log's retention, vouched for by their anchors. */
  dropped?: number;
}

/** The processing log's retention: never less than the BIO's minimum, in whole months. */
export const MIN_LOG_MONTHS = 6;
export const DEFAULT_LOG_MONTHS = 60;

/** The keyed anchor a dropped month leaves per chain: nobody with only the database can forge it. */
function anchorOf(key: Buffer, a: Omit<LogAnchor, 'anchor'>): string {
  return chainHash(key, a.lastHash, `anchor|${a.month}|${a.chain}|${a.records}|${a.lastSeq}`);
}

/**
 * Runs actions with their log: every service method that touches personal data goes through
 * `run`, which writes the processing and user-action records in the work's own transaction.
 * A refused or failed action is rolled back and then logged on its own.
 */
export class AuditService {
  private versions: Map<string, number> | undefined;
  private readonly chains = new ChainPool();

  private readonly db: Db;
  private readonly keys: Keys;
  private readonly access: Access;
  private readonly enabled: boolean;

  constructor(
    private readonly deps: {
      db: Db;
      keys: Keys;
      access: Access;
      /** Off only in the benchmark's baseline, to measure what logging costs. */
      enabled?: boolean;
      /** Who the users in the log are (the users module's), for the privacy officer's viewer. */
      users?: LoggedUsers;
      /** What the records in the log are called (the signals and cases modules'). */
      records?: LoggedRecords;
      /** The register's persons by name and date of birth (the subjects module's). */
      persons?: LoggedPersons;
    },
  ) {
    this.db = deps.db;
    this.keys = deps.keys;
    this.access = deps.access;
    this.enabled = deps.enabled ?? true;
  }

  private async versionOf(activity: string): Promise<number> {
    this.versions ??= await currentActivityVersions(this.db);
    let version = this.versions.get(activity);
    if (version === undefined) {
      this.versions = await currentActivityVersions(this.db);
      version = this.versions.get(activity);
    }
    if (version === undefined) throw new Error(`Processing activity ${activity} is not in the register`);
    return version;
  }

  /**
   * Runs work in a transaction on one checked-out chain and appends its records there. If
   * another process appended to the chain first, the work runs again on the same chain with its
   * head read afresh, so a retry cannot land on yet another chain this process has not seen move.
   */
  private async inTransaction<T>(
    work: (trx: Db) => Promise<{ value: T; records: ReturnType<AuditRecorder['records']> | null }>,
  ): Promise<T> {
    const chain = await this.chains.acquire();
    try {
      for (let attempt = 1; ; attempt += 1) {
        let heads: ChainHeads | undefined;
        let appending = false;
        try {
          const value = await this.db.transaction().execute(async (trx) => {
            const { value, records } = await work(trx);
            if (records) {
              appending = true;
              heads = await appendRecords(
                trx,
                this.keys.audit,
                chain,
                await this.chains.headsOf(trx, chain),
                records.processing,
                records.actions,
              );
            }
            return value;
          });
          if (heads) this.chains.committed(chain, heads);
          return value;
        } catch (error) {
          // Work refused before logging leaves the chain as it was; anything later may not have.
          if (appending) this.chains.forget(chain);
          if (!isChainConflict(error) || attempt >= 5) throw error;
        }
      }
    } finally {
      this.chains.release(chain);
    }
  }

  async run<T>(context: RequestContext, spec: ActionSpec, work: Work<T>): Promise<T> {
    const version = await this.versionOf(spec.activity);
    try {
      return await this.inTransaction(async (trx) => {
        // A fresh recorder per attempt: a conflict retry runs the work again from the start.
        const recorder = new AuditRecorder(context, spec, this.keys.pseudonym);
        const value = await work(trx, recorder);
        return { value, records: this.enabled ? recorder.records(version) : null };
      });
    } catch (error) {
      if (this.enabled) {
        const recorder = new AuditRecorder(context, spec, this.keys.pseudonym);
        recorder.result(resultOf(error));
        const { processing, actions } = recorder.records(version);
        // Only the action's own span: the subjects of work that was rolled back were not processed.
        await this.inTransaction(async () => ({
          value: undefined,
          records: { processing: processing.slice(0, 1), actions },
        }));
      }
      throw error;
    }
  }

  /**
   * The pseudonyms a data subject's records carry, from their identifiers; never the other way
   * round. A name with a date of birth also finds the persons of the caller's region's register
   * with that name and date of birth, under every identifier their records were logged by (a BSN
   * one source knew, the name another wrote). The answer holds pseudonyms and how many register
   * persons matched, never who; the search is logged with every subject it looked for.
   */
  async searchSubjects(
    context: RequestContext,
    request: SubjectPseudonymRequest,
  ): Promise<{ pseudonyms: string[]; registerPersons: number }> {
    return this.run(
      context,
      { action: 'audit.subject-search', activity: 'samenspel.audit-review' },
      async (trx, record) => {
        const actor = await this.access.requireAccess(trx, context.actor, 'audit.read');
        const typed: SubjectIdentifier[] = [];
        if (request.email) typed.push({ type: 'employee', email: request.email });
        if (request.bsn) typed.push({ type: 'person', bsn: request.bsn });
        if (request.kvkNumber) typed.push({ type: 'company', kvkNumber: request.kvkNumber });
        if (request.surname && request.dateOfBirth)
          typed.push({ type: 'person', surname: request.surname, dateOfBirth: request.dateOfBirth });
        if (request.companyName) typed.push({ type: 'company', name: request.companyName });
        const persons =
          request.surname && request.dateOfBirth && this.deps.persons
            ? await this.deps.persons.identify(trx, actor.regionId, {
                surname: request.surname,
                firstNames: request.firstNames,
                dateOfBirth: request.dateOfBirth,
              })
            : [];
        const pseudonyms = new Map<string, SubjectIdentifier>();
        for (const subject of [...typed, ...persons.flatMap((p) => p.identifiers)])
          pseudonyms.set(pseudonymise(this.keys.pseudonym, subject).pseudonym, subject);
        for (const subject of typed) record.subject(subject);
        for (const [pseudonym, subject] of pseudonyms)
          if (!typed.some((t) => pseudonymise(this.keys.pseudonym, t).pseudonym === pseudonym))
            record.subject(subject, 'audit.subject-search.register');
        return { pseudonyms: [...pseudonyms.keys()], registerPersons: persons.length };
      },
    );
  }

  async entries(
    context: RequestContext,
    query: AuditQuery,
    permission: 'audit.read' | 'audit.export' = 'audit.read',
  ): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
    return this.run(
      context,
      {
        action: permission === 'audit.read' ? 'audit.read' : 'audit.export',
        activity: 'samenspel.audit-review',
      },
      async (trx, record) => {
        await this.access.requireAccess(trx, context.actor, permission);
        if (query.userId) {
          const user = await this.deps.users?.emailOf(trx, query.userId);
          if (user) record.subject({ type: 'employee', email: user }, 'audit.read.user');
        }
        const subjects = query.subject === undefined ? [] : [query.subject].flat();
        const rows = await findEntries(trx, { ...query, subjects });
        const page = rows.slice(0, query.limit);
        const names =
          (await this.deps.users?.namesOf(
            trx,
            page.map((r) => r.userId),
          )) ?? new Map<string, string>();
        const ids = (type: string) => [
          ...new Set(page.flatMap((r) => (r.recordType === type && r.recordId ? [r.recordId] : []))),
        ];
        const records =
          (await this.deps.records?.labelsOf(trx, { signalIds: ids('signal'), caseIds: ids('case') })) ??
          new Map<string, string>();
        return {
          items: page.map((r) => presentEntry(r, names, records)),
          nextBefore: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
        };
      },
    );
  }

  /**
   * What asks the privacy officer's attention in the last `days` days: refused requests and
   * exports, counted per action. Counts about the log, not about anyone in it: the viewing is
   * recorded as an action, without a processing record.
   */
  async attention(context: RequestContext, days = 30): Promise<AuditAttention> {
    return this.run(
      context,
      { action: 'audit.attention', activity: 'samenspel.audit-review' },
      async (trx) => {
        await this.access.requireAccess(trx, context.actor, 'audit.read');
        const since = new Date(Date.now() - days * 86_400_000);
        const rows = await actionCountsSince(trx, since);
        const counted = (keep: (r: (typeof rows)[number]) => boolean) =>
          rows
            .filter(keep)
            .map((r) => ({ action: r.action, label: auditActionLabel(r.action), count: r.count }));
        return {
          since: amsterdamDate(since),
          refused: counted((r) => r.result === 'denied'),
          exports: counted((r) => r.result === 'success' && r.action.includes('export')),
        };
      },
    );
  }

  async processingActivities(context: RequestContext): Promise<ProcessingActivity[]> {
    await this.access.requireAccess(this.db, context.actor, 'processing-activity.read');
    return listProcessingActivities(this.db);
  }

  /** One activity of the register with every version, oldest first: the last is in force. */
  async processingActivity(
    context: RequestContext,
    id: string,
  ): Promise<{ id: string; versions: ProcessingActivity[] }> {
    await this.access.requireAccess(this.db, context.actor, 'processing-activity.read');
    const versions = await listProcessingActivities(this.db, id);
    if (versions.length === 0) throw notFound();
    return { id, versions };
  }

  /**
   * The processing log's retention: drops every month that ended more than `keepMonths` months
   * ago, whole, after writing an anchor per chain (its count and last hash, keyed) so that
   * `verify` carries on across the gap. Never keeps less than the BIO's minimum.
   */
  async rotate(options: {
    keepMonths: number;
    now: Date;
  }): Promise<Array<{ month: string; records: number }>> {
    if (!Number.isInteger(options.keepMonths) || options.keepMonths < MIN_LOG_MONTHS)
      throw new Error(`The processing log is kept at least ${MIN_LOG_MONTHS} months`);
    const today = amsterdamDate(options.now);
    const [y, m] = today.split('-').map(Number) as [number, number];
    const cutoff = new Date(Date.UTC(y, m - 1 - options.keepMonths, 1)).toISOString().slice(0, 10);
    const dropped: Array<{ month: string; records: number }> = [];
    for (const month of await logMonths(this.db)) {
      if (month.month >= cutoff) continue;
      const records = await this.db.transaction().execute(async (trx) => {
        // Dropping a month locks the log: rather than hold every request up behind a long reader,
        // give up after a few seconds (the job runs again).
        await limitLockWait(trx, '5s');
        const chains = await monthChains(trx, month.name);
        await insertAnchors(
          trx,
          chains.map((c) => {
            const a = { month: month.month, ...c };
            return { ...a, anchor: anchorOf(this.keys.audit, a) };
          }),
          options.now,
        );
        await dropLogMonth(trx, month.name);
        return chains.reduce((n, c) => n + c.records, 0);
      });
      dropped.push({ month: month.month, records });
    }
    return dropped;
  }

  /**
   * Recomputes every chain of both logs from its first record and names the first that does not
   * hold. Where the processing log's retention dropped a month, a record may follow the last
   * record of that month on its chain: the month's anchor, checked with the key, vouches for it.
   */
  async verify(batchSize = 5000): Promise<ChainReport[]> {
    const anchors = new Map<string, LogAnchor>();
    let dropped = 0;
    let forged: number | null = null;
    for (const a of await logAnchors(this.db)) {
      if (anchorOf(this.keys.audit, a) !== a.anchor) forged ??= a.lastSeq;
      anchors.set(`${a.chain}|${a.lastHash}`, a);
      dropped += a.records;
    }
    const check = async <R extends { seq: number; chain: number; previousHash: string; hash: string }>(
      name: ChainReport['chain'],
      batch: (after: number) => Promise<R[]>,
      content: (row: R) => string,
      anchored: boolean,
    ): Promise<ChainReport> => {
      const heads = new Map<number, { hash: string; seq: number }>();
      let after = 0;
      let records = 0;
      const extra = anchored ? { dropped } : {};
      if (anchored && forged !== null) return { chain: name, records, firstBroken: forged, ...extra };
      for (;;) {
        const rows = await batch(after);
        for (const row of rows) {
          records += 1;
          const head = heads.get(row.chain) ?? { hash: GENESIS, seq: 0 };
          const anchor = anchored ? anchors.get(`${row.chain}|${row.previousHash}`) : undefined;
          const follows =
            row.previousHash === head.hash ||
            // After a dropped stretch: the anchor's last record came after the head and before this one.
            (anchor !== undefined && anchor.lastSeq > head.seq && anchor.lastSeq < row.seq);
          if (!follows || chainHash(this.keys.audit, row.previousHash, content(row)) !== row.hash) {
            return { chain: name, records, firstBroken: row.seq, ...extra };
          }
          heads.set(row.chain, { hash: row.hash, seq: row.seq });
          after = row.seq;
        }
        if (rows.length < batchSize) return { chain: name, records, firstBroken: null, ...extra };
      }
    };
    return [
      await check(
        'processing',
        (after) => processingBatch(this.db, after, batchSize),
        (row) => processingContent(row.chain, row),
        true,
      ),
      await check(
        'user-action',
        (after) => userActionBatch(this.db, after, batchSize),
        (row) => userActionContent(row.chain, row),
        false,
      ),
    ];
  }
}
