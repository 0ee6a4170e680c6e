import { randomBytes } from 'node:crypto';
import {
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { collect, describeFileStorageContract, failingStream } from '../../../test/storage-contract.js';
import { StorageUnavailableError, createFileStorage, type FileStorage } from './file-storage.js';
import { createS3Client, type S3StorageConfig } from './s3.js';

const { s3 } = inject('services');

describe('S3 storage: unreachable server', () => {
  it('reports a server that cannot be reached as unavailable', async () => {
    const config: S3StorageConfig = {
      kind: 's3',
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      bucket: 'sejf-unreachable',
      accessKeyId: 'nobody',
      secretAccessKey: 'nothing',
      forcePathStyle: true,
    };
    await expect(createFileStorage(config)).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe.skipIf(!s3)('S3 storage (OpenStack Swift s3api)', () => {
  let storage: FileStorage;
  let client: S3Client;
  let config: S3StorageConfig;

  async function pendingUploads(prefix: string) {
    const page = await client.send(
      new ListMultipartUploadsCommand({ Bucket: config.bucket, Prefix: prefix }),
    );
    return page.Uploads ?? [];
  }

  beforeAll(async () => {
    if (!s3) {
      return;
    }
    config = {
      kind: 's3',
      endpoint: s3.endpoint,
      region: s3.region,
      bucket: `sejf-test-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      forcePathStyle: true,
    };
    storage = await createFileStorage(config);
    client = createS3Client(config);
  });

  afterAll(async () => {
    if (!s3) {
      return;
    }
    for (const object of await collect(storage.list(''))) {
      await storage.delete(object.key);
    }
    await storage.sweepIncomplete(new Date(Date.now() + 60 * 60_000));
    await client.send(new DeleteBucketCommand({ Bucket: config.bucket }));
  });

  describeFileStorageContract(() => storage, { bigObjectBytes: 12 * 1024 * 1024 });

  it('is chosen from config and tolerates a bucket that already exists', async () => {
    expect(storage.kind).toBe('s3');
    const again = await createFileStorage(config);
    await expect(again.check()).resolves.toBeUndefined();
  });

  it('aborts the multipart upload when the stream fails after several parts', async () => {
    const key = 'multipart/broken.bin';
    await expect(
      storage.put(key, failingStream(11 * 1024 * 1024, new Error('client went away'))),
    ).rejects.toThrow('client went away');
    expect(await storage.exists(key)).toBe(false);
    expect(await pendingUploads('multipart/')).toEqual([]);
  });

  it('sweeps multipart uploads started before the given date', async () => {
    const key = 'sweep/abandoned.bin';
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: config.bucket, Key: key }),
    );
    await client.send(
      new UploadPartCommand({
        Bucket: config.bucket,
        Key: key,
        UploadId,
        PartNumber: 1,
        Body: randomBytes(1024),
      }),
    );
    expect(await pendingUploads('sweep/')).toHaveLength(1);

    expect(await storage.sweepIncomplete(new Date(Date.now() - 60 * 60_000))).toBe(0);
    expect(await pendingUploads('sweep/')).toHaveLength(1);
    expect(await storage.sweepIncomplete(new Date(Date.now() + 60_000))).toBe(1);
    expect(await pendingUploads('sweep/')).toEqual([]);
    expect(await storage.exists(key)).toBe(false);
  });
});
