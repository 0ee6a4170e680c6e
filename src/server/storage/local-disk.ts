import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  InvalidStorageKeyError,
  StorageNotFoundError,
  StorageUnavailableError,
  assertValidStorageKey,
  assertValidStoragePrefix,
  chunkToBuffer,
  isValidStorageKey,
  type FileStorage,
  type StoredObject,
} from './file-storage.js';

// Starts with a dot, which no valid key can, so it never collides with an object.
const INCOMPLETE_DIR = '.incomplete';

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeWholeStream(file: string, body: Readable): Promise<number> {
  const handle = await open(file, 'wx', 0o600);
  let sizeBytes = 0;
  try {
    for await (const chunk of body) {
      const bytes = chunkToBuffer(chunk);
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset);
        offset += bytesWritten;
      }
      sizeBytes += bytes.length;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return sizeBytes;
}

export async function createLocalDiskStorage(dir: string): Promise<FileStorage> {
  const root = path.resolve(dir);
  const incompleteDir = path.join(root, INCOMPLETE_DIR);
  await mkdir(root, { recursive: true, mode: 0o700 });
  await mkdir(incompleteDir, { recursive: true, mode: 0o700 });

  function objectPath(key: string): string {
    assertValidStorageKey(key);
    const file = path.resolve(root, ...key.split('/'));
    const relative = path.relative(root, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new InvalidStorageKeyError(key);
    }
    return file;
  }

  async function* walk(dir: string, relative: string, prefix: string): AsyncGenerator<StoredObject> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) {
        return;
      }
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const key = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== INCOMPLETE_DIR && (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`))) {
          yield* walk(path.join(dir, entry.name), key, prefix);
        }
      } else if (entry.isFile() && key.startsWith(prefix) && isValidStorageKey(key)) {
        const info = await stat(path.join(dir, entry.name)).catch((error: unknown) => {
          if (isMissing(error)) {
            return undefined; // deleted while listing
          }
          throw error;
        });
        if (info) {
          yield { key, lastModified: info.mtime };
        }
      }
    }
  }

  return {
    kind: 'local',

    async put(key, body) {
      const target = objectPath(key);
      const partFile = path.join(incompleteDir, `${randomBytes(16).toString('hex')}.part`);
      let sizeBytes: number;
      try {
        sizeBytes = await writeWholeStream(partFile, body);
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        // rename() is atomic: readers see the old object or the complete new one, never a part.
        await rename(partFile, target);
      } catch (error) {
        await rm(partFile, { force: true });
        throw error;
      }
      await syncDirectory(path.dirname(target));
      return { sizeBytes };
    },

    async get(key) {
      const file = objectPath(key);
      let handle;
      try {
        handle = await open(file, 'r');
      } catch (error) {
        throw isMissing(error) ? new StorageNotFoundError(key) : error;
      }
      try {
        if (!(await handle.stat()).isFile()) {
          throw new StorageNotFoundError(key);
        }
      } catch (error) {
        await handle.close();
        throw error;
      }
      return handle.createReadStream();
    },

    async delete(key) {
      const file = objectPath(key);
      try {
        await unlink(file);
      } catch (error) {
        if (isMissing(error)) {
          return;
        }
        // A directory is a prefix of other keys, not an object: there is nothing to delete.
        const info = await lstat(file).catch(() => undefined);
        if (info?.isDirectory()) {
          return;
        }
        throw error;
      }
    },

    async exists(key) {
      const file = objectPath(key);
      try {
        return (await stat(file)).isFile();
      } catch (error) {
        if (isMissing(error)) {
          return false;
        }
        throw error;
      }
    },

    list(prefix) {
      assertValidStoragePrefix(prefix);
      const base = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
      return walk(base === '' ? root : path.join(root, ...base.split('/')), base, prefix);
    },

    async sweepIncomplete(olderThan) {
      let removed = 0;
      for (const name of await readdir(incompleteDir)) {
        const file = path.join(incompleteDir, name);
        const info = await lstat(file).catch(() => undefined);
        if (info?.isFile() && info.mtime < olderThan) {
          await rm(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },

    async check() {
      const probe = path.join(incompleteDir, `${randomBytes(8).toString('hex')}.probe`);
      try {
        await writeFile(probe, 'ok', { flag: 'wx', mode: 0o600 });
        await unlink(probe);
      } catch (error) {
        throw new StorageUnavailableError(`Local file storage at ${root} is not writable`, error);
      }
    },
  };
}
