import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Streams plaintext into a file as AES-256-GCM: 12-byte IV, ciphertext, 16-byte tag. The whole
 * file is never in memory. Returns the plaintext size.
 */
export async function encryptToFile(source: Readable, file: string, key: Buffer): Promise<number> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  const out = createWriteStream(file, { mode: 0o600 });
  try {
    out.write(iv);
    await pipeline(source, count, cipher, out, { end: false });
    await new Promise<void>((resolve, reject) =>
      out.end(cipher.getAuthTag(), (e?: Error | null) => (e ? reject(e) : resolve())),
    );
  } catch (error) {
    out.destroy();
    await rm(file, { force: true });
    throw error;
  }
  return size;
}

/**
 * The plaintext of an encrypted file as a stream. The tag is read first, so a file changed on
 * disk fails at the end of the stream instead of passing as valid.
 */
export async function decryptFromFile(file: string, key: Buffer): Promise<Readable> {
  const { size } = await stat(file);
  const handle = await open(file, 'r');
  const header = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(header, 0, IV_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, header);
  decipher.setAuthTag(tag);
  const body = createReadStream(file, { start: IV_BYTES, end: size - TAG_BYTES - 1 });
  body.on('error', (e) => decipher.destroy(e));
  return body.pipe(decipher);
}
