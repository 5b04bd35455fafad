import type { DataSubjectType } from '@samenspel/contracts';
import { hmac } from '../../shared/crypto.js';

/** The identifiers a data subject is pseudonymised by, strongest first. */
export type SubjectIdentifier =
  | { type: 'employee'; email: string }
  | { type: 'person'; bsn: string }
  | { type: 'person'; surname: string; dateOfBirth: string }
  | { type: 'company'; kvkNumber: string }
  | { type: 'company'; name: string };

/** A name as a key: lower case, without diacritics, spaces or punctuation. */
function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function normalised(subject: SubjectIdentifier): string {
  switch (subject.type) {
    case 'employee':
      return `email:${subject.email.trim().toLowerCase()}`;
    case 'person':
      return 'bsn' in subject
        ? `bsn:${subject.bsn.replace(/\D/g, '')}`
        : `name:${nameKey(subject.surname)}|${subject.dateOfBirth}`;
    case 'company':
      return 'kvkNumber' in subject
        ? `kvk:${subject.kvkNumber.replace(/\D/g, '')}`
        : `name:${nameKey(subject.name)}`;
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
