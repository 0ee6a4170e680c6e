import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Random access to a file's bytes: what the statement parsers read (XLSX needs the zip's end first). */
export type ByteSource = {
  readonly size: number;
  /** Bytes [start, end) of the file; the whole file without arguments. */
  read(start?: number, end?: number): Readable;
};

export type ScratchFile = ByteSource & { remove(): Promise<void> };

const BLOCK = 16;

function counterAt(iv: Buffer, block: number): Buffer {
  const counter = Buffer.from(iv);
  let carry = BigInt(block);
  for (let index = BLOCK - 1; index >= 0 && carry > 0n; index--) {
    const sum = BigInt(counter[index] ?? 0) + (carry & 0xffn);
    counter[index] = Number(sum & 0xffn);
    carry = (carry >> 8n) + (sum >> 8n);
  }
  return counter;
}

function dropFirst(count: number): Transform {
  let remaining = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (remaining >= chunk.length) {
        remaining -= chunk.length;
        callback();
        return;
      }
      const rest = chunk.subarray(remaining);
      remaining = 0;
      callback(null, rest);
    },
  });
}

/**
 * A working copy of an uploaded statement that the parsers can seek in, encrypted on disk with a key that
 * exists only in this process's memory (AES-256-CTR, so any byte range decrypts on its own). A crash leaves
 * only ciphertext nobody can read; `removeStaleScratchFiles` clears it at the next start.
 */
export async function writeScratchFile(dir: string, source: Readable): Promise<ScratchFile> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${randomUUID()}.scratch`);
  const key = randomBytes(32);
  const iv = randomBytes(BLOCK);
  // The counter must not wrap inside the file: start from a counter with room for 2^64 blocks.
  iv.fill(0, 8);
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      source,
      meter,
      createCipheriv('aes-256-ctr', key, iv),
      createWriteStream(file, { mode: 0o600 }),
    );
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return {
    size,
    read(start = 0, end = size) {
      const from = Math.max(0, Math.min(start, size));
      const to = Math.max(from, Math.min(end, size));
      const aligned = from - (from % BLOCK);
      if (to === from) {
        return Readable.from([]);
      }
      const decipher = createDecipheriv('aes-256-ctr', key, counterAt(iv, aligned / BLOCK));
      const raw = createReadStream(file, { start: aligned, end: to - 1 });
      const plain = raw.pipe(decipher).pipe(dropFirst(from - aligned));
      raw.once('error', (error) => plain.destroy(error));
      return plain;
    },
    async remove() {
      key.fill(0);
      await rm(file, { force: true });
    },
  };
}

/** Scratch files outlive their process only after a crash; their keys died with it. */
export async function removeStaleScratchFiles(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((name) => name.endsWith('.scratch'));
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { force: true })));
  return stale.length;
}
