import { randomInt } from 'node:crypto';
import { hash, type Options, verify } from '@node-rs/argon2';

/** OWASP's argon2id setting: 19 MiB, two passes, one lane. */
const OWASP: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashing and checking passwords with argon2id. The cost is a parameter so that the test app can
 * use the cheapest setting; a hash records its own setting, so any hash verifies either way.
 */
export class Passwords {
  // Verified against when the account does not exist, so that answering takes as long either way.
  private dummy: Promise<string> | undefined;

  constructor(private readonly options: Options = OWASP) {}

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  /** True when the password matches; with no hash (no account) still spends the same time. */
  async verify(stored: string | null, password: string): Promise<boolean> {
    if (!stored) {
      this.dummy ??= this.hash('samenspel-no-account');
      await verify(await this.dummy, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}

/** The cheapest argon2id setting, for tests only: hashing a password costs microseconds. */
export const cheapPasswords = new Passwords({ algorithm: 2, memoryCost: 8, timeCost: 1, parallelism: 1 });

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password without look-alike characters, in groups of four: `k7Qm-…`. */
export function generatePassword(groups = 4): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g += 1) {
    let part = '';
    for (let i = 0; i < 4; i += 1) part += ALPHABET[randomInt(ALPHABET.length)];
    parts.push(part);
  }
  return parts.join('-');
}
