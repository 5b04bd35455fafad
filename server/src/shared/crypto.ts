import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Keys derived from the one master key, which lives outside the database (an environment
 * variable or a file beside the data), so that whoever holds only the database can neither
 * reverse pseudonyms, forge the log's chain, nor read second-factor secrets.
 */
export interface Keys {
  pseudonym: Buffer;
  audit: Buffer;
  secrets: Buffer;
  /** Encrypts attachments at rest (AES-256-GCM); never stored with them. */
  attachments: Buffer;
}

export function deriveKeys(master: Buffer): Keys {
  if (master.length < 32) throw new Error('The master key must be at least 32 bytes');
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `samenspel/${purpose}`, 32));
  return {
    pseudonym: derive('pseudonym'),
    audit: derive('audit'),
    secrets: derive('secrets'),
    attachments: derive('attachments'),
  };
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

/** A random token for cookies and API tokens: 32 bytes, base64url. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** AES-256-GCM; the result holds IV, tag and ciphertext, base64url, prefixed with a version. */
export function encrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function decrypt(key: Buffer, sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('Unknown encryption format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** AES-256-GCM over bytes (a file waiting for its job): IV (12), tag (16), then the ciphertext. */
export function sealBytes(key: Buffer, plain: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function openBytes(key: Buffer, sealed: Uint8Array): Buffer {
  const raw = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

/**
 * The master key: from the environment, or else a key file beside the data that is created
 * on first start (readable by the owner only), outside the data directory so no dump carries it. Production should set the environment variable.
 */
export async function loadMasterKey(fromEnvironment: string | undefined, file: string): Promise<Buffer> {
  if (fromEnvironment) return Buffer.from(fromEnvironment, 'base64');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    const key = randomBytes(32);
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }
}
