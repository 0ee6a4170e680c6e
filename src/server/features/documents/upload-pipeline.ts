import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { createEncryptStream } from '../../crypto/chunked-aead.js';
import { AppError } from '../../errors.js';
import type { ScanVerdict, VirusScanner } from '../../scanner/scanning.js';
import type { FileStorage } from '../../storage/file-storage.js';
import { createContentInspector } from '../../uploads/content-inspector.js';
import type { InspectionResult } from '../../uploads/inspection.js';

export type StoredUpload = {
  sizeBytes: number;
  sha256: Buffer;
  inspection: InspectionResult;
  verdict: ScanVerdict;
};

/**
 * One pass over the uploaded bytes, never holding a whole file: count and cap the size, hash,
 * inspect the type, feed the virus scanner, encrypt, and stream the ciphertext to storage. The
 * caller decides from the result whether the stored blob may stay.
 */
export async function storeEncryptedUpload(input: {
  source: Readable;
  storage: FileStorage;
  storageKey: string;
  dataKey: Buffer;
  aad: Buffer;
  scanner: VirusScanner;
  maxBytes: number;
}): Promise<StoredUpload> {
  const hash = createHash('sha256');
  const inspector = createContentInspector();
  const scan = await input.scanner.startScan();
  let sizeBytes = 0;

  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sizeBytes += chunk.length;
      if (sizeBytes > input.maxBytes) {
        callback(
          new AppError('payload_too_large', `The file is larger than ${input.maxBytes} bytes`, {
            maxBytes: input.maxBytes,
          }),
        );
        return;
      }
      hash.update(chunk);
      inspector.update(chunk);
      scan.write(chunk).then(
        () => {
          callback(null, chunk);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });

  // The first failure upstream is the one to report (the storage only sees a broken stream), and
  // it must reach the storage write, which then leaves nothing behind.
  const upstream: { failure: Error | null } = { failure: null };
  const fail = (error: Error) => {
    upstream.failure ??= error;
    meter.destroy(error);
  };
  const encrypted = input.source.pipe(meter).pipe(createEncryptStream(input.dataKey, input.aad));
  input.source.once('error', fail);
  // @fastify/multipart signals a file cut at its size limit with this event.
  input.source.once('limit', () => {
    fail(
      new AppError('payload_too_large', `The file is larger than ${input.maxBytes} bytes`, {
        maxBytes: input.maxBytes,
      }),
    );
  });
  meter.once('error', (error: Error) => {
    upstream.failure ??= error;
    encrypted.destroy(error);
  });
  try {
    await input.storage.put(input.storageKey, encrypted);
  } catch (error) {
    scan.abort();
    throw upstream.failure ?? error;
  }
  if (upstream.failure) {
    scan.abort();
    throw upstream.failure;
  }
  const verdict = await scan.finish();
  return { sizeBytes, sha256: hash.digest(), inspection: inspector.finish(), verdict };
}
