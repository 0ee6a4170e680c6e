import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { StorageConfig } from '../config.js';
import {
  StorageNotFoundError,
  StorageUnavailableError,
  assertValidStorageKey,
  assertValidStoragePrefix,
  chunkToBuffer,
  isValidStorageKey,
  type FileStorage,
  type StoredObject,
} from './file-storage.js';

export type S3StorageConfig = Extract<StorageConfig, { kind: 's3' }>;

const PART_SIZE = 5 * 1024 * 1024;
// Each part in flight is held in memory, so parallelism is kept low.
const PARTS_IN_FLIGHT = 2;
const CHECK_TIMEOUT_MS = 10_000;
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

function httpStatus(error: unknown): number | undefined {
  return error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
}

// A HEAD has no error body, so a missing object or bucket shows only as a 404.
function isNotFound(error: unknown): boolean {
  return httpStatus(error) === 404;
}

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : error.name;
  const status = httpStatus(error);
  return (
    NETWORK_ERROR_CODES.has(code) ||
    error.name === 'TimeoutError' ||
    (status !== undefined && status >= 500 && status !== 501)
  );
}

function explain(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function guard<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw isUnavailable(error)
      ? new StorageUnavailableError(`S3 ${what} failed: ${explain(error)}`, error)
      : error;
  }
}

/**
 * Settings that also suit S3-compatible servers: checksums only where the API requires them
 * (Swift's s3api refuses aws-chunked uploads with trailing checksums), no SSE or tagging headers.
 */
export function createS3Client(config: S3StorageConfig): S3Client {
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 5_000 },
  });
}

async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (!isNotFound(error)) {
      throw error;
    }
  }
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!(error instanceof S3ServiceException && error.name === 'BucketAlreadyOwnedByYou')) {
      throw error;
    }
  }
}

/** Counts what passes and remembers the body's own failure, which must not pass for an S3 outage. */
function measure(body: Readable) {
  const result: { sizeBytes: number; bodyError: unknown } = { sizeBytes: 0, bodyError: undefined };
  async function* counted(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of body) {
        const bytes = chunkToBuffer(chunk);
        result.sizeBytes += bytes.length;
        yield bytes;
      }
    } catch (error) {
      result.bodyError = error;
      throw error;
    }
  }
  return { result, stream: Readable.from(counted()) };
}

export async function createS3Storage(config: S3StorageConfig): Promise<FileStorage> {
  const client = createS3Client(config);
  const Bucket = config.bucket;
  await guard(`bucket ${Bucket} setup`, () => ensureBucket(client, Bucket));

  async function* listObjects(prefix: string): AsyncGenerator<StoredObject> {
    const pages = paginateListObjectsV2({ client }, { Bucket, Prefix: prefix });
    for (;;) {
      const page = await guard('list', () => pages.next());
      if (page.done) {
        return;
      }
      for (const object of page.value.Contents ?? []) {
        if (object.Key !== undefined && object.LastModified && isValidStorageKey(object.Key)) {
          yield { key: object.Key, lastModified: object.LastModified };
        }
      }
    }
  }

  async function abortStaleUploads(olderThan: Date): Promise<number> {
    let aborted = 0;
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    for (;;) {
      const page = await client.send(new ListMultipartUploadsCommand({ Bucket, KeyMarker, UploadIdMarker }));
      for (const upload of page.Uploads ?? []) {
        if (upload.Key !== undefined && upload.UploadId && upload.Initiated && upload.Initiated < olderThan) {
          try {
            await client.send(
              new AbortMultipartUploadCommand({ Bucket, Key: upload.Key, UploadId: upload.UploadId }),
            );
            aborted += 1;
          } catch (error) {
            if (!(error instanceof S3ServiceException && error.name === 'NoSuchUpload')) {
              throw error;
            }
          }
        }
      }
      if (!page.IsTruncated || page.NextKeyMarker === undefined) {
        return aborted;
      }
      KeyMarker = page.NextKeyMarker;
      UploadIdMarker = page.NextUploadIdMarker;
    }
  }

  return {
    kind: 's3',

    async put(key, body) {
      assertValidStorageKey(key);
      const { result, stream } = measure(body);
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: stream, ContentType: 'application/octet-stream' },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
        // On failure the multipart upload is aborted, so no partial object or parts remain.
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        stream.destroy(); // releases the caller's body if the upload stopped reading it
        if (error === result.bodyError || !isUnavailable(error)) {
          throw error;
        }
        throw new StorageUnavailableError(`S3 upload failed: ${explain(error)}`, error);
      }
      return { sizeBytes: result.sizeBytes };
    },

    async get(key) {
      assertValidStorageKey(key);
      const response = await guard('download', () =>
        client.send(new GetObjectCommand({ Bucket, Key: key })).catch((error: unknown) => {
          throw isNotFound(error) ? new StorageNotFoundError(key) : error;
        }),
      );
      if (!(response.Body instanceof Readable)) {
        throw new Error('S3 returned an object body that is not a Node.js stream');
      }
      return response.Body;
    },

    async delete(key) {
      assertValidStorageKey(key);
      await guard('delete', async () => {
        try {
          await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
        } catch (error) {
          if (!isNotFound(error)) {
            throw error;
          }
        }
      });
    },

    async exists(key) {
      assertValidStorageKey(key);
      return guard('head', async () => {
        try {
          await client.send(new HeadObjectCommand({ Bucket, Key: key }));
          return true;
        } catch (error) {
          if (isNotFound(error)) {
            return false;
          }
          throw error;
        }
      });
    },

    list(prefix) {
      assertValidStoragePrefix(prefix);
      return listObjects(prefix);
    },

    async sweepIncomplete(olderThan) {
      try {
        return await guard('multipart cleanup', () => abortStaleUploads(olderThan));
      } catch (error) {
        if (
          error instanceof S3ServiceException &&
          (error.name === 'NotImplemented' || httpStatus(error) === 501)
        ) {
          return 0;
        }
        throw error;
      }
    },

    async check() {
      // Starts with a dot, which no valid key can, so list() never shows it.
      const probeKey = `.sejf-probe/${randomBytes(8).toString('hex')}`;
      const abortSignal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
      try {
        await client.send(new PutObjectCommand({ Bucket, Key: probeKey, Body: 'ok' }), { abortSignal });
        await client.send(new DeleteObjectCommand({ Bucket, Key: probeKey }), { abortSignal });
      } catch (error) {
        throw new StorageUnavailableError(`S3 bucket ${Bucket} is not writable: ${explain(error)}`, error);
      }
    },
  };
}
