import type { Readable } from 'node:stream';
import type { StorageConfig } from '../config.js';
import { AppError } from '../errors.js';

export type StoredObject = { key: string; lastModified: Date };

export type FileStorage = {
  kind: 'local' | 's3';
  /** Stores the stream under key; the object becomes visible only when complete, never partially. */
  put(key: string, body: Readable): Promise<{ sizeBytes: number }>;
  /** Streams an object; rejects with StorageNotFoundError when it does not exist. */
  get(key: string): Promise<Readable>;
  /** Idempotent: deleting a missing object succeeds. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Objects whose key starts with prefix ('' for all), in no particular order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** Removes leftovers of interrupted writes older than the given date; returns how many. */
  sweepIncomplete(olderThan: Date): Promise<number>;
  /** Readiness probe: reachable and writable, else throws. */
  check(): Promise<void>;
};

export class StorageNotFoundError extends Error {
  readonly key: string;

  constructor(key: string) {
    super(`Stored object not found: ${key}`);
    this.name = 'StorageNotFoundError';
    this.key = key;
  }
}

export class StorageUnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('storage_unavailable', message);
    this.name = 'StorageUnavailableError';
    this.cause = cause;
  }
}

export class InvalidStorageKeyError extends Error {
  constructor(key: string, kind: 'key' | 'prefix' = 'key') {
    super(`Invalid storage ${kind}: ${JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key)}`);
    this.name = 'InvalidStorageKeyError';
  }
}

const MAX_KEY_LENGTH = 512;
const KEY_PATTERN = /^[a-z0-9][a-z0-9/_.-]*$/;

// Empty and dot segments are refused too: on a disk they would alias or escape another key.
function hasOnlyPlainSegments(segments: string[]): boolean {
  return segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function isValidStorageKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(key) && hasOnlyPlainSegments(key.split('/'));
}

export function assertValidStorageKey(key: string): void {
  if (!isValidStorageKey(key)) {
    throw new InvalidStorageKeyError(key);
  }
}

/** A prefix is '' or the start of a valid key; it may end with '/'. */
export function assertValidStoragePrefix(prefix: string): void {
  const isValid =
    prefix === '' ||
    (prefix.length <= MAX_KEY_LENGTH &&
      KEY_PATTERN.test(prefix) &&
      hasOnlyPlainSegments(prefix.split('/').slice(0, prefix.endsWith('/') ? -1 : undefined)));
  if (!isValid) {
    throw new InvalidStorageKeyError(prefix, 'prefix');
  }
}

export function chunkToBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) {
    return chunk;
  }
  if (chunk instanceof Uint8Array) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  if (typeof chunk === 'string') {
    return Buffer.from(chunk, 'utf8');
  }
  throw new TypeError('Stored streams must yield Buffer, Uint8Array or string chunks');
}

export async function createFileStorage(config: StorageConfig): Promise<FileStorage> {
  // Loaded on demand: a local-disk deployment never loads the AWS SDK.
  switch (config.kind) {
    case 'local': {
      const { createLocalDiskStorage } = await import('./local-disk.js');
      return createLocalDiskStorage(config.dir);
    }
    case 's3': {
      const { createS3Storage } = await import('./s3.js');
      return createS3Storage(config);
    }
  }
}
