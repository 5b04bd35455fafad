import type { DataSubjectType } from '@samenspel/contracts';
import { hmac } from '../../shared/crypto.js';

/** The identifiers a data subject is pseudonymised by, strongest first. */
export type SubjectIdentifier =
  | { type: 'employee'; email: string }
  | { type: 'person'; bsn: string }
  | { type: 'company'; kvkNumber: string };

function normalised(subject: SubjectIdentifier): string {
  switch (subject.type) {
    case 'employee':
      return `email:${subject.email.trim().toLowerCase()}`;
    case 'person':
      return `bsn:${subject.bsn.replace(/\D/g, '')}`;
    case 'company':
      return `kvk:${subject.kvkNumber.replace(/\D/g, '')}`;
  }
}

/**
 * A keyed pseudonym (HMAC-SHA-256 with a key held outside the database): the same subject
 * always gets the same pseudonym, so the log can be searched by it, but nobody with only the
 * database can enumerate identifiers to reverse it.
 */
export function pseudonymise(
  key: Buffer,
  subject: SubjectIdentifier,
): { type: DataSubjectType; pseudonym: string } {
  return { type: subject.type, pseudonym: hmac(key, `${subject.type}|${normalised(subject)}`) };
}
