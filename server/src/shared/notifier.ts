import type { Decision } from '@samenspel/contracts';
import type { Db } from '../db/database.js';
import type { Actor } from './context.js';

/**
 * A step other people should hear of, as the module that takes it knows it. The notifications
 * module decides who hears (only those who may open the record), words it without personal data
 * and queues the e-mails; the step's module names only what happened.
 */
export type NotifiedStep =
  | {
      kind: 'hitcheck-request';
      roundId: string;
      /** `YYYY-MM-DD`, the last day to answer. */
      deadline: string;
      /** The organisations the round asks. */
      organisationIds: readonly string[];
    }
  | {
      kind: 'signal-decided';
      signalId: string;
      reference: string;
      decision: Exclude<Decision, 'withdrawn'>;
      /** The submitting organisations. */
      organisationIds: readonly string[];
      /** Who wrote the signal. */
      creatorId: string | null;
    }
  | {
      kind: 'case-added';
      caseId: string;
      reference: string;
      codeName: string;
      /** The organisations that take part from now on. */
      organisationIds: readonly string[];
      /** The director, when this step assigns one. */
      directorId: string | null;
    };

/** The step's processing log, which names the employees notified (the audit module's recorder). */
export interface StepLog {
  subject(subject: { type: 'employee'; email: string }, name?: string): void;
}

/**
 * The notifications module's port: signals, hit/no-hit rounds and cases call it inside the
 * step's own transaction, so a step and its notifications commit (or roll back) together. The
 * actor taking the step is never notified of it.
 */
export interface Notifier {
  notify(trx: Db, actor: Actor, log: StepLog, step: NotifiedStep): Promise<void>;
}
