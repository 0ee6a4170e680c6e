import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  describeFileStorageContract,
  failingStream,
  invalidKeys,
  readAll,
  streamOf,
} from '../../../test/storage-contract.js';
import {
  InvalidStorageKeyError,
  StorageNotFoundError,
  StorageUnavailableError,
  createFileStorage,
  isValidStorageKey,
  type FileStorage,
} from './file-storage.js';

let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sejf-storage-'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function newStorage(): Promise<{ storage: FileStorage; root: string }> {
  const root = path.join(tmp, randomBytes(4).toString('hex'), 'files');
  return { storage: await createFileStorage({ kind: 'local', dir: root }), root };
}

describe('storage keys', () => {
  it.each(['a', '0', 'agencies/3f2a/files/9c1d.bin', 'a_b-c.d/e', 'x'.repeat(512)])('accepts %s', (key) => {
    expect(isValidStorageKey(key)).toBe(true);
  });

  it.each(invalidKeys.map((key) => [key.length > 20 ? `${key.slice(0, 20)}…` : key, key]))(
    'refuses %j',
    (_, key) => {
      expect(isValidStorageKey(key)).toBe(false);
    },
  );
});

describe('local disk storage: contract', () => {
  let storage: FileStorage;
  beforeAll(async () => {
    ({ storage } = await newStorage());
  });
  describeFileStorageContract(() => storage, { bigObjectBytes: 3 * 1024 * 1024 + 17 });
});

describe('local disk storage', () => {
  it('creates its root and object directories 0700 and object files 0600', async () => {
    const { storage, root } = await newStorage();
    expect(storage.kind).toBe('local');
    expect((await stat(root)).mode & 0o777).toBe(0o700);
    await storage.put('agency/files/one', streamOf(Buffer.from('x')));
    expect((await stat(path.join(root, 'agency'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(root, 'agency/files'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(root, 'agency/files/one'))).mode & 0o777).toBe(0o600);
  });

  it('writes into .incomplete and moves the object into place only when complete', async () => {
    const { storage, root } = await newStorage();
    const body = new PassThrough();
    body.write(randomBytes(10_000));
    const putting = storage.put('a/b', body);
    await sleep(50);
    const parts = await readdir(path.join(root, '.incomplete'));
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatch(/^[0-9a-f]{32}\.part$/);
    expect((await stat(path.join(root, '.incomplete', parts[0] ?? ''))).mode & 0o777).toBe(0o600);
    expect(existsSync(path.join(root, 'a/b'))).toBe(false);
    expect(await collect(storage.list(''))).toEqual([]);
    body.end();
    await putting;
    expect(await readdir(path.join(root, '.incomplete'))).toEqual([]);
    expect(await storage.exists('a/b')).toBe(true);
  });

  it('removes the part file when the stream fails', async () => {
    const { storage, root } = await newStorage();
    await expect(storage.put('a/b', failingStream(200_000, new Error('aborted')))).rejects.toThrow('aborted');
    expect(await readdir(path.join(root, '.incomplete'))).toEqual([]);
    expect(existsSync(path.join(root, 'a'))).toBe(false);
  });

  it('never writes outside its root', async () => {
    const { storage, root } = await newStorage();
    for (const key of ['../escape', 'a/../../escape', '../../../../tmp/escape', '/tmp/escape']) {
      await expect(storage.put(key, streamOf(Buffer.from('x')))).rejects.toBeInstanceOf(
        InvalidStorageKeyError,
      );
    }
    expect(existsSync(path.join(root, '..', 'escape'))).toBe(false);
    expect(existsSync(path.join(path.dirname(root), '..', 'escape'))).toBe(false);
  });

  it('treats directories as prefixes, not objects', async () => {
    const { storage } = await newStorage();
    await storage.put('a/b', streamOf(Buffer.from('x')));
    expect(await storage.exists('a')).toBe(false);
    await expect(storage.get('a')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.get('a/b/c')).rejects.toBeInstanceOf(StorageNotFoundError);
    await storage.delete('a');
    expect((await readAll(await storage.get('a/b'))).toString()).toBe('x');
  });

  it('lists only valid object keys, never .incomplete or stray files', async () => {
    const { storage, root } = await newStorage();
    await storage.put('k/1', streamOf(Buffer.from('x')));
    await writeFile(path.join(root, '.incomplete', 'leftover.part'), 'x');
    await writeFile(path.join(root, 'README.TXT'), 'x');
    expect((await collect(storage.list(''))).map((object) => object.key)).toEqual(['k/1']);
  });

  it('sweeps part files older than the given date and keeps newer ones', async () => {
    const { storage, root } = await newStorage();
    const incomplete = path.join(root, '.incomplete');
    const old = new Date(Date.now() - 2 * 24 * 60 * 60_000);
    for (const name of ['old1.part', 'old2.part']) {
      await writeFile(path.join(incomplete, name), 'x');
      await utimes(path.join(incomplete, name), old, old);
    }
    await writeFile(path.join(incomplete, 'fresh.part'), 'x');
    await storage.put('kept', streamOf(Buffer.from('x')));

    expect(await storage.sweepIncomplete(new Date(Date.now() - 24 * 60 * 60_000))).toBe(2);
    expect(await readdir(incomplete)).toEqual(['fresh.part']);
    expect(await storage.exists('kept')).toBe(true);
    expect(await storage.sweepIncomplete(new Date(Date.now() - 24 * 60 * 60_000))).toBe(0);
  });

  it('fails its readiness check when the root is gone', async () => {
    const { storage, root } = await newStorage();
    await storage.check();
    await rm(root, { recursive: true });
    await expect(storage.check()).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});
