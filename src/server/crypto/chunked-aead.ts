import { createCipheriv, createDecipheriv } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors.js';

/**
 * Blob format: header (magic | chunk size u32 BE | 4 zero bytes), then chunks of
 * AES-256-GCM ciphertext || 16-byte tag. Each chunk's AAD binds the header, the caller's
 * context, the chunk index and whether it is the last chunk, so truncation, reordering,
 * splicing between blobs and tampering all fail authentication.
 */
const MAGIC = Buffer.from('SEJFENC1', 'ascii');
const HEADER_SIZE = 16;
const TAG_SIZE = 16;
const KEY_SIZE = 32;
export const DEFAULT_CHUNK_SIZE = 65536;
// The decryptor buffers one chunk from an untrusted header before it can authenticate it,
// so the size it accepts is bounded.
const MAX_CHUNK_SIZE = 16 * 1024 * 1024;

export class IntegrityError extends AppError {
  constructor(message = 'Encrypted data failed integrity verification') {
    super('integrity_error', message);
    this.name = 'IntegrityError';
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_SIZE) {
    throw new TypeError(`AES-256-GCM needs a ${KEY_SIZE}-byte key, got ${key.length} bytes`);
  }
}

function assertChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`Chunk size must be an integer between 1 and ${MAX_CHUNK_SIZE}, got ${chunkSize}`);
  }
}

function encodeHeader(chunkSize: number): Buffer {
  const header = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(chunkSize, MAGIC.length);
  return header;
}

function decodeHeader(header: Buffer): number {
  const chunkSize = header.readUInt32BE(MAGIC.length);
  const isValid =
    header.subarray(0, MAGIC.length).equals(MAGIC) &&
    header.readUInt32BE(MAGIC.length + 4) === 0 &&
    chunkSize >= 1 &&
    chunkSize <= MAX_CHUNK_SIZE;
  if (!isValid) {
    throw new IntegrityError('Encrypted data has an invalid header');
  }
  return chunkSize;
}

function chunkNonce(index: bigint): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(index, 4);
  return nonce;
}

function chunkAad(prefix: Buffer, index: bigint, isFinal: boolean): Buffer {
  const suffix = Buffer.alloc(9);
  suffix.writeBigUInt64BE(index, 0);
  suffix[8] = isFinal ? 1 : 0;
  return Buffer.concat([prefix, suffix]);
}

/** Bytes received in arbitrary pieces, taken out in exact sizes without quadratic copying. */
function createByteQueue() {
  let pieces: Buffer[] = [];
  let length = 0;
  return {
    get length() {
      return length;
    },
    push(piece: Buffer) {
      if (piece.length > 0) {
        pieces.push(piece);
        length += piece.length;
      }
    },
    take(size: number): Buffer {
      const all = pieces.length === 1 && pieces[0] ? pieces[0] : Buffer.concat(pieces, length);
      const taken = all.subarray(0, size);
      const rest = all.subarray(size);
      pieces = rest.length > 0 ? [rest] : [];
      length = rest.length;
      return taken;
    },
  };
}

function toBuffer(chunk: unknown, encoding: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) {
    return chunk;
  }
  if (typeof chunk === 'string') {
    return Buffer.from(chunk, encoding);
  }
  if (chunk instanceof Uint8Array) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  throw new TypeError('Expected Buffer, Uint8Array or string chunks');
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

export function encryptedSize(plaintextSize: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  assertChunkSize(chunkSize);
  if (!Number.isSafeInteger(plaintextSize) || plaintextSize < 0) {
    throw new RangeError(`Plaintext size must be a non-negative integer, got ${plaintextSize}`);
  }
  const chunks = Math.max(1, Math.ceil(plaintextSize / chunkSize));
  return HEADER_SIZE + plaintextSize + chunks * TAG_SIZE;
}

export function createEncryptStream(key: Buffer, aad: Buffer, chunkSize = DEFAULT_CHUNK_SIZE): Transform {
  assertKey(key);
  assertChunkSize(chunkSize);
  const header = encodeHeader(chunkSize);
  const aadPrefix = Buffer.concat([header, aad]);
  const pending = createByteQueue();
  let index = 0n;
  let isHeaderSent = false;

  function sealChunk(stream: Transform, plaintext: Buffer, isFinal: boolean): void {
    if (!isHeaderSent) {
      stream.push(header);
      isHeaderSent = true;
    }
    const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(index), { authTagLength: TAG_SIZE });
    cipher.setAAD(chunkAad(aadPrefix, index, isFinal));
    stream.push(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
    index += 1n;
  }

  return new Transform({
    writableHighWaterMark: chunkSize,
    readableHighWaterMark: chunkSize + TAG_SIZE,
    transform(chunk: unknown, encoding: BufferEncoding, callback: TransformCallback) {
      try {
        pending.push(toBuffer(chunk, encoding));
        // A full chunk is sealed only once a byte beyond it has arrived: until then it may be the last.
        while (pending.length > chunkSize) {
          sealChunk(this, pending.take(chunkSize), false);
        }
        callback();
      } catch (error) {
        callback(toError(error));
      }
    },
    flush(callback: TransformCallback) {
      try {
        sealChunk(this, pending.take(pending.length), true);
        callback();
      } catch (error) {
        callback(toError(error));
      }
    },
  });
}

export function createDecryptStream(key: Buffer, aad: Buffer): Transform {
  assertKey(key);
  const pending = createByteQueue();
  let chunkSize: number | undefined;
  let aadPrefix = Buffer.alloc(0);
  let index = 0n;

  function openChunk(sealed: Buffer, isFinal: boolean): Buffer {
    if (sealed.length < TAG_SIZE) {
      throw new IntegrityError('Encrypted data is truncated');
    }
    const ciphertext = sealed.subarray(0, sealed.length - TAG_SIZE);
    const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(index), { authTagLength: TAG_SIZE });
    decipher.setAAD(chunkAad(aadPrefix, index, isFinal));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_SIZE));
    let plaintext: Buffer;
    try {
      // update() output is unauthenticated until final() succeeds; nothing is released before that.
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new IntegrityError();
    }
    index += 1n;
    return plaintext;
  }

  function readHeader(): number | undefined {
    if (chunkSize === undefined && pending.length >= HEADER_SIZE) {
      const header = pending.take(HEADER_SIZE);
      chunkSize = decodeHeader(header);
      aadPrefix = Buffer.concat([header, aad]);
    }
    return chunkSize;
  }

  return new Transform({
    writableHighWaterMark: DEFAULT_CHUNK_SIZE,
    readableHighWaterMark: DEFAULT_CHUNK_SIZE,
    transform(chunk: unknown, encoding: BufferEncoding, callback: TransformCallback) {
      try {
        pending.push(toBuffer(chunk, encoding));
        const size = readHeader();
        if (size !== undefined) {
          // Bytes beyond a full sealed chunk prove it is not the last one; the last is opened in flush.
          while (pending.length > size + TAG_SIZE) {
            this.push(openChunk(pending.take(size + TAG_SIZE), false));
          }
        }
        callback();
      } catch (error) {
        callback(toError(error));
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (readHeader() === undefined) {
          throw new IntegrityError('Encrypted data is truncated');
        }
        this.push(openChunk(pending.take(pending.length), true));
        callback();
      } catch (error) {
        callback(toError(error));
      }
    },
  });
}
