import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import {
  InvalidStorageKeyError,
  StorageNotFoundError,
  type FileStorage,
  type StoredObject,
} from '../src/server/storage/file-storage.js';

/**
 * The behaviour every FileStorage must show, run against each implementation
 * (local disk in unit tests, a real S3 server in integration tests).
 */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks);
}

export async function collect(objects: AsyncIterable<StoredObject>): Promise<StoredObject[]> {
  const all: StoredObject[] = [];
  for await (const object of objects) {
    all.push(object);
  }
  return all.sort((a, b) => (a.key < b.key ? -1 : 1));
}

export function streamOf(...pieces: Buffer[]): Readable {
  return Readable.from(pieces);
}

/** Yields goodBytes in 64 KiB pieces, then fails. */
export function failingStream(goodBytes: number, error: Error): Readable {
  async function* generate() {
    for (let sent = 0; sent < goodBytes; sent += 65536) {
      yield randomBytes(Math.min(65536, goodBytes - sent));
      await sleep(0);
    }
    throw error;
  }
  return Readable.from(generate());
}

/** A large object produced on the fly, never held in memory whole, with its digest. */
export function generatedStream(totalBytes: number): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  const piece = randomBytes(256 * 1024);
  async function* generate() {
    for (let sent = 0; sent < totalBytes; sent += piece.length) {
      const bytes = Buffer.from(piece.subarray(0, Math.min(piece.length, totalBytes - sent)));
      if (bytes.length >= 4) {
        bytes.writeUInt32BE(sent >>> 0, 0); // no two pieces alike, so a reordering would show
      }
      hash.update(bytes);
      yield bytes;
      await sleep(0);
    }
  }
  return { stream: Readable.from(generate()), sha256: () => hash.digest('hex') };
}

export const invalidKeys = [
  '',
  '/absolute',
  'Upper',
  'a b',
  'ą',
  'a\\b',
  '../escape',
  'a/../b',
  'a/..',
  'a/./b',
  'a//b',
  'a/',
  '.hidden',
  '-dash',
  'x'.repeat(513),
];

export function describeFileStorageContract(
  getStorage: () => FileStorage,
  options: { bigObjectBytes: number },
): void {
  const run = randomBytes(4).toString('hex');
  let counter = 0;
  const newPrefix = () => `contract-${run}-${++counter}/`;

  it('stores a stream and streams it back', async () => {
    const storage = getStorage();
    const key = `${newPrefix()}object.bin`;
    const body = randomBytes(200_000);
    const result = await storage.put(
      key,
      streamOf(body.subarray(0, 1), body.subarray(1, 70_000), body.subarray(70_000)),
    );
    expect(result.sizeBytes).toBe(body.length);
    expect(await storage.exists(key)).toBe(true);
    expect((await readAll(await storage.get(key))).equals(body)).toBe(true);
  });

  it('stores an empty object', async () => {
    const storage = getStorage();
    const key = `${newPrefix()}empty`;
    expect(await storage.put(key, streamOf())).toEqual({ sizeBytes: 0 });
    expect(await storage.exists(key)).toBe(true);
    expect(await readAll(await storage.get(key))).toHaveLength(0);
  });

  it('replaces an object that is put again', async () => {
    const storage = getStorage();
    const key = `${newPrefix()}object`;
    await storage.put(key, streamOf(Buffer.from('first version')));
    await storage.put(key, streamOf(Buffer.from('second')));
    expect((await readAll(await storage.get(key))).toString()).toBe('second');
  });

  it('reports a missing object as not found and deletes idempotently', async () => {
    const storage = getStorage();
    const key = `${newPrefix()}missing`;
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.delete(key)).resolves.toBeUndefined();

    await storage.put(key, streamOf(Buffer.from('x')));
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('lists objects by key prefix with their modification time', async () => {
    const storage = getStorage();
    const prefix = newPrefix();
    const keys = ['a/1', 'a/2', 'a/sub/3', 'ab/4', 'b/5'].map((key) => `${prefix}${key}`);
    for (const key of keys) {
      await storage.put(key, streamOf(Buffer.from(key)));
    }
    const underA = await collect(storage.list(`${prefix}a/`));
    expect(underA.map((object) => object.key)).toEqual(keys.slice(0, 3));
    expect((await collect(storage.list(`${prefix}a`))).map((object) => object.key)).toEqual(keys.slice(0, 4));
    expect((await collect(storage.list(prefix))).map((object) => object.key)).toEqual(keys);
    expect(await collect(storage.list(`${prefix}nothing/`))).toEqual([]);
    for (const object of underA) {
      expect(object.lastModified).toBeInstanceOf(Date);
      expect(Math.abs(object.lastModified.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    }
    expect((await collect(storage.list(''))).map((object) => object.key)).toEqual(
      expect.arrayContaining(keys),
    );
  });

  it('leaves no object when the stream fails midway', async () => {
    const storage = getStorage();
    const key = `${newPrefix()}broken`;
    await expect(storage.put(key, failingStream(300_000, new Error('client went away')))).rejects.toThrow(
      'client went away',
    );
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await collect(storage.list(key))).toEqual([]);
  });

  it('keeps the previous object intact when a replacement fails', async () => {
    const storage = getStorage();
    const key = `${newPrefix()}kept`;
    await storage.put(key, streamOf(Buffer.from('good')));
    await expect(storage.put(key, failingStream(100_000, new Error('boom')))).rejects.toThrow('boom');
    expect((await readAll(await storage.get(key))).toString()).toBe('good');
  });

  it('does not show an object while it is still being written', async () => {
    const storage = getStorage();
    const key = `${newPrefix()}in-flight`;
    const body = new PassThrough();
    body.write(randomBytes(100_000));
    const putting = storage.put(key, body);
    await sleep(50);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
    body.end(randomBytes(1000));
    expect(await putting).toEqual({ sizeBytes: 101_000 });
    expect(await storage.exists(key)).toBe(true);
  });

  it('refuses invalid keys and prefixes', async () => {
    const storage = getStorage();
    for (const key of invalidKeys) {
      await expect(storage.put(key, streamOf(Buffer.from('x'))), key).rejects.toBeInstanceOf(
        InvalidStorageKeyError,
      );
      await expect(storage.get(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.exists(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.delete(key), key).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
    for (const prefix of ['../', '/a', 'a/../', 'A/']) {
      expect(() => storage.list(prefix), prefix).toThrow(InvalidStorageKeyError);
    }
  });

  it(`streams a large object (${options.bigObjectBytes} bytes) in and out`, async () => {
    const storage = getStorage();
    const key = `${newPrefix()}large.bin`;
    const source = generatedStream(options.bigObjectBytes);
    expect(await storage.put(key, source.stream)).toEqual({ sizeBytes: options.bigObjectBytes });
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of await storage.get(key)) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      hash.update(bytes);
      size += bytes.length;
    }
    expect(size).toBe(options.bigObjectBytes);
    expect(hash.digest('hex')).toBe(source.sha256());
  });

  it('passes its readiness check and sweeps without touching complete objects', async () => {
    const storage = getStorage();
    await expect(storage.check()).resolves.toBeUndefined();
    const key = `${newPrefix()}complete`;
    await storage.put(key, streamOf(Buffer.from('x')));
    expect(await storage.sweepIncomplete(new Date(Date.now() - 60 * 60_000))).toBeGreaterThanOrEqual(0);
    expect(await storage.exists(key)).toBe(true);
    const keys = (await collect(storage.list(''))).map((object) => object.key);
    expect(keys.filter((listed) => listed.startsWith('.'))).toEqual([]);
  });
}
