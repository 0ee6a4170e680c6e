import { randomBytes } from 'node:crypto';
import { Readable, Writable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHUNK_SIZE,
  IntegrityError,
  createDecryptStream,
  createEncryptStream,
  encryptedSize,
} from './chunked-aead.js';

const KiB64 = DEFAULT_CHUNK_SIZE;
const key = randomBytes(32);
const aad = Buffer.from('file-0001');
// A stream that errors drops what it buffered but not yet delivered, so tests that count the
// released bytes write one sealed chunk at a time.
const byChunk = [16, KiB64 + 16];

/** Cuts data into pieces of the given sizes, the last size repeating. */
function split(data: Buffer, sizes: number[] = []): Buffer[] {
  if (sizes.length === 0) {
    return [data];
  }
  const pieces: Buffer[] = [];
  let offset = 0;
  for (let i = 0; offset < data.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)] ?? 1;
    pieces.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}

async function run(stream: Transform, pieces: Buffer[]): Promise<{ output: Buffer; error: unknown }> {
  const received: Buffer[] = [];
  let error: unknown;
  try {
    await pipeline(Readable.from(pieces), stream, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        received.push(chunk);
      }
    });
  } catch (caught) {
    error = caught;
  }
  return { output: Buffer.concat(received), error };
}

async function encrypt(plaintext: Buffer, options: { chunkSize?: number; writes?: number[] } = {}) {
  const { output, error } = await run(
    createEncryptStream(key, aad, options.chunkSize),
    split(plaintext, options.writes),
  );
  expect(error).toBeUndefined();
  return output;
}

async function decrypt(
  ciphertext: Buffer,
  options: { key?: Buffer; aad?: Buffer; writes?: number[] } = {},
): Promise<{ output: Buffer; error: unknown }> {
  return run(createDecryptStream(options.key ?? key, options.aad ?? aad), split(ciphertext, options.writes));
}

/** Every rejection must be an IntegrityError and nothing unauthenticated may have been released. */
async function expectRejected(
  ciphertext: Buffer,
  plaintext: Buffer,
  options: Parameters<typeof decrypt>[1] = {},
) {
  const { output, error } = await decrypt(ciphertext, { writes: byChunk, ...options });
  expect(error).toBeInstanceOf(IntegrityError);
  expect(error).toMatchObject({ code: 'integrity_error' });
  expect(output.length).toBeLessThanOrEqual(plaintext.length);
  expect(output.equals(plaintext.subarray(0, output.length))).toBe(true);
  return output;
}

function chunkOffsets(chunkSize: number, plaintextLength: number) {
  const chunks = Math.max(1, Math.ceil(plaintextLength / chunkSize));
  return Array.from({ length: chunks }, (_, i) => {
    const start = 16 + i * (chunkSize + 16);
    const length = Math.min(chunkSize, plaintextLength - i * chunkSize) + 16;
    return { start, end: start + length };
  });
}

describe('chunked AEAD round trips', () => {
  it.each([0, 1, KiB64 - 1, KiB64, KiB64 + 1, 3 * KiB64])('round-trips %i bytes', async (size) => {
    const plaintext = randomBytes(size);
    const ciphertext = await encrypt(plaintext);
    expect(ciphertext.length).toBe(encryptedSize(size));
    const { output, error } = await decrypt(ciphertext);
    expect(error).toBeUndefined();
    expect(output.equals(plaintext)).toBe(true);
  });

  it('writes the documented header', async () => {
    const ciphertext = await encrypt(Buffer.from('x'));
    expect(ciphertext.subarray(0, 8).toString('ascii')).toBe('SEJFENC1');
    expect(ciphertext.readUInt32BE(8)).toBe(KiB64);
    expect(ciphertext.readUInt32BE(12)).toBe(0);
  });

  it('produces exactly one empty final chunk for an empty plaintext', async () => {
    const ciphertext = await encrypt(Buffer.alloc(0));
    expect(ciphertext.length).toBe(32);
  });

  it('handles 1-byte writes on both sides and one huge write', async () => {
    const plaintext = randomBytes(KiB64 + 4099);
    const ciphertext = await encrypt(plaintext, { writes: [1] });
    // The nonce is the chunk index, so equal inputs give equal output however they were written.
    expect(ciphertext.equals(await encrypt(plaintext))).toBe(true);
    const oneByte = await decrypt(ciphertext, { writes: [1] });
    expect(oneByte.error).toBeUndefined();
    expect(oneByte.output.equals(plaintext)).toBe(true);
  });

  it('computes the encrypted size for any chunk size', () => {
    expect(encryptedSize(0)).toBe(32);
    expect(encryptedSize(KiB64)).toBe(16 + KiB64 + 16);
    expect(encryptedSize(KiB64 + 1)).toBe(16 + KiB64 + 1 + 32);
    expect(encryptedSize(10, 3)).toBe(16 + 10 + 4 * 16);
  });

  it('decrypt(encrypt(x)) = x for random data, chunk sizes and write patterns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom(1, 7, 16, 64, 1000),
        fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 5 }),
        async (bytes, chunkSize, plainWrites, cipherWrites) => {
          const plaintext = Buffer.from(bytes);
          const ciphertext = await encrypt(plaintext, { chunkSize, writes: plainWrites });
          expect(ciphertext.length).toBe(encryptedSize(plaintext.length, chunkSize));
          const { output, error } = await decrypt(ciphertext, { writes: cipherWrites });
          expect(error).toBeUndefined();
          expect(output.equals(plaintext)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('round-trips random sizes around the default chunk size with random writes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * KiB64 + 100 }),
        fc.array(fc.integer({ min: 1, max: 2 * KiB64 }), { minLength: 1, maxLength: 4 }),
        async (size, writes) => {
          const plaintext = randomBytes(size);
          const ciphertext = await encrypt(plaintext, { writes });
          const { output, error } = await decrypt(ciphertext, { writes: writes.toReversed() });
          expect(error).toBeUndefined();
          expect(output.equals(plaintext)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('chunked AEAD tamper detection', () => {
  const plaintext = randomBytes(3 * KiB64 + 500);
  const ciphertextPromise = encrypt(plaintext);
  const chunks = chunkOffsets(KiB64, plaintext.length);

  function withByte(ciphertext: Buffer, position: number, mask: number): Buffer {
    const copy = Buffer.from(ciphertext);
    copy[position] = (copy[position] ?? 0) ^ mask;
    return copy;
  }

  it.each([
    ['magic', 0],
    ['magic end', 7],
    ['chunk size', 11],
    ['reserved bytes', 15],
  ])('rejects a modified header (%s)', async (_, position) => {
    const ciphertext = await ciphertextPromise;
    const output = await expectRejected(withByte(ciphertext, position, 0x01), plaintext);
    expect(output.length).toBe(0);
  });

  it('rejects a flipped bit in every chunk, ciphertext and tag', async () => {
    const ciphertext = await ciphertextPromise;
    for (const [i, chunk] of chunks.entries()) {
      const middle = chunk.start + Math.floor((chunk.end - chunk.start) / 2);
      for (const position of [chunk.start, middle, chunk.end - 17, chunk.end - 16, chunk.end - 1]) {
        const output = await expectRejected(withByte(ciphertext, position, 0x80), plaintext);
        expect(output.length).toBe(i * KiB64);
      }
    }
  });

  it('rejects any single flipped bit (property, small chunks)', async () => {
    const small = randomBytes(300);
    const ciphertext = await encrypt(small, { chunkSize: 32 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: ciphertext.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        async (position, bit) => {
          await expectRejected(withByte(ciphertext, position, 1 << bit), small, { writes: [5] });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects every truncation (property, small chunks)', async () => {
    const small = randomBytes(300);
    const ciphertext = await encrypt(small, { chunkSize: 32 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: ciphertext.length - 1 }), async (length) => {
        await expectRejected(ciphertext.subarray(0, length), small, { writes: [7] });
      }),
      { numRuns: 200 },
    );
  });

  it('rejects truncation exactly at a chunk boundary, after releasing only verified chunks', async () => {
    const ciphertext = await encrypt(plaintext.subarray(0, 3 * KiB64));
    const atBoundary = ciphertext.subarray(0, 16 + 2 * (KiB64 + 16));
    const output = await expectRejected(atBoundary, plaintext);
    // The second chunk is authentic but not final, so it is held back until the error.
    expect(output.equals(plaintext.subarray(0, KiB64))).toBe(true);
  });

  it.each([
    ['empty input', 0],
    ['half a header', 8],
    ['only a header', 16],
    ['a header and half a tag', 24],
  ])('rejects %s', async (_, length) => {
    const ciphertext = await ciphertextPromise;
    await expectRejected(ciphertext.subarray(0, length), plaintext);
  });

  it('rejects swapped and dropped chunks', async () => {
    const ciphertext = await ciphertextPromise;
    const [c0, c1, c2, c3] = chunks.map((c) => ciphertext.subarray(c.start, c.end));
    const header = ciphertext.subarray(0, 16);
    if (!c0 || !c1 || !c2 || !c3) {
      throw new Error('expected four chunks');
    }
    expect((await expectRejected(Buffer.concat([header, c1, c0, c2, c3]), plaintext)).length).toBe(0);
    expect((await expectRejected(Buffer.concat([header, c0, c2, c1, c3]), plaintext)).length).toBe(KiB64);
    expect((await expectRejected(Buffer.concat([header, c0, c2, c3]), plaintext)).length).toBe(KiB64);
    await expectRejected(Buffer.concat([header, c0, c1, c3]), plaintext);
  });

  it('rejects trailing bytes after the final chunk', async () => {
    const ciphertext = await ciphertextPromise;
    const final = ciphertext.subarray(chunks[3]?.start);
    await expectRejected(Buffer.concat([ciphertext, Buffer.from([0])]), plaintext);
    await expectRejected(Buffer.concat([ciphertext, final]), plaintext);
    await expectRejected(Buffer.concat([ciphertext, ciphertext]), plaintext);
  });

  it('rejects a blob whose full final chunk is followed by more data', async () => {
    const exact = plaintext.subarray(0, KiB64);
    const ciphertext = await encrypt(exact);
    const output = await expectRejected(Buffer.concat([ciphertext, randomBytes(40)]), exact);
    expect(output.length).toBe(0);
  });

  it('rejects a wrong key or a wrong aad', async () => {
    const ciphertext = await ciphertextPromise;
    expect((await expectRejected(ciphertext, plaintext, { key: randomBytes(32) })).length).toBe(0);
    expect((await expectRejected(ciphertext, plaintext, { aad: Buffer.from('file-0002') })).length).toBe(0);
    expect((await expectRejected(ciphertext, plaintext, { aad: Buffer.alloc(0) })).length).toBe(0);
  });

  it('rejects chunks spliced from another blob under the same key', async () => {
    const ciphertext = await ciphertextPromise;
    const other = await run(createEncryptStream(key, Buffer.from('file-0002')), [plaintext]);
    const spliced = Buffer.concat([
      ciphertext.subarray(0, chunks[1]?.start),
      other.output.subarray(chunks[1]?.start),
    ]);
    const output = await expectRejected(spliced, plaintext);
    expect(output.length).toBe(KiB64);
  });

  it('rejects a key of the wrong length up front', () => {
    expect(() => createEncryptStream(randomBytes(16), aad)).toThrow(TypeError);
    expect(() => createDecryptStream(randomBytes(31), aad)).toThrow(TypeError);
    expect(() => createEncryptStream(key, aad, 0)).toThrow(RangeError);
  });
});

describe('chunked AEAD memory', () => {
  // The counters buffer as little as possible themselves (Node 22 raised the default high-water
  // mark from 16 to 64 KiB), so that what is measured is what the AEAD streams hold.
  function countingPassThrough(onBytes: (bytes: number) => void): Transform {
    return new Transform({
      highWaterMark: 1,
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        onBytes(chunk.length);
        callback(null, chunk);
      },
    });
  }

  it('streams 50 MB through encryption and decryption holding only a couple of chunks', async () => {
    const total = 50 * 1024 * 1024;
    const piece = randomBytes(16 * 1024);
    let produced = 0;
    const source = new Readable({
      read() {
        if (produced >= total) {
          this.push(null);
          return;
        }
        produced += piece.length;
        this.push(piece);
      },
    });

    const encryptor = createEncryptStream(key, aad);
    const decryptor = createDecryptStream(key, aad);
    const counts = { intoEncryptor: 0, outOfEncryptor: 0, outOfDecryptor: 0 };
    let maxHeldByEncryptor = 0;
    let maxHeldByDecryptor = 0;
    let checked = 0;
    const sink = new Writable({
      highWaterMark: KiB64,
      write(chunk: Buffer, _encoding, callback) {
        checked += chunk.length;
        setImmediate(callback);
      },
    });

    const plaintextIn = (ciphertextBytes: number) => {
      const sealed = Math.max(0, ciphertextBytes - 16);
      return sealed - Math.ceil(sealed / (KiB64 + 16)) * 16;
    };
    const track = () => {
      maxHeldByEncryptor = Math.max(
        maxHeldByEncryptor,
        counts.intoEncryptor - plaintextIn(counts.outOfEncryptor),
      );
      maxHeldByDecryptor = Math.max(
        maxHeldByDecryptor,
        plaintextIn(counts.outOfEncryptor) - counts.outOfDecryptor,
      );
    };

    await pipeline(
      source,
      countingPassThrough((n) => {
        counts.intoEncryptor += n;
        track();
      }),
      encryptor,
      countingPassThrough((n) => {
        counts.outOfEncryptor += n;
        track();
      }),
      decryptor,
      countingPassThrough((n) => {
        counts.outOfDecryptor += n;
        track();
      }),
      sink,
    );

    expect(checked).toBe(total);
    expect(encryptor.writableHighWaterMark).toBeLessThanOrEqual(KiB64);
    expect(encryptor.readableHighWaterMark).toBeLessThanOrEqual(KiB64 + 16);
    // Encryptor: a chunk waiting for its successor, a sealed chunk waiting to be read, one input piece.
    expect(maxHeldByEncryptor).toBeLessThanOrEqual(2 * KiB64 + piece.length);
    // Decryptor: the same two, plus the sealed chunk that arrives as one write from the encryptor.
    expect(maxHeldByDecryptor).toBeLessThanOrEqual(3 * (KiB64 + 16));
  });
});
