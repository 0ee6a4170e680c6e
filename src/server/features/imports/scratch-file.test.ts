import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleScratchFiles, writeScratchFile } from './scratch-file.js';

describe('scratch files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sejf-scratch-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores only ciphertext and reads back any byte range exactly', async () => {
    const plain = Buffer.concat([Buffer.from('Nr polisy;Prowizja\nPZU-123;1 234,56\n'), randomBytes(70_000)]);
    const file = await writeScratchFile(dir, Readable.from([plain.subarray(0, 1000), plain.subarray(1000)]));
    expect(file.size).toBe(plain.length);
    const [name] = await readdir(dir);
    const onDisk = await readFile(path.join(dir, name ?? ''));
    expect(onDisk.length).toBe(plain.length);
    expect(onDisk.includes(Buffer.from('Nr polisy'))).toBe(false);

    expect((await buffer(file.read())).equals(plain)).toBe(true);
    for (const [start, end] of [
      [0, 1],
      [15, 17],
      [16, 32],
      [17, 65_551],
      [plain.length - 3, plain.length],
      [plain.length - 3, plain.length + 100],
      [40, 40],
    ] as const) {
      const part = await buffer(file.read(start, end));
      expect(part.equals(plain.subarray(start, end)), `${start}-${end}`).toBe(true);
    }
    await file.remove();
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves nothing behind when the source fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(writeScratchFile(dir, failing)).rejects.toThrow('connection lost');
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes scratch files a crashed process left', async () => {
    await writeFile(path.join(dir, 'a.scratch'), 'x');
    await writeFile(path.join(dir, 'keep.txt'), 'x');
    expect(await removeStaleScratchFiles(dir)).toBe(1);
    expect(await readdir(dir)).toEqual(['keep.txt']);
    expect(await removeStaleScratchFiles(path.join(dir, 'missing'))).toBe(0);
  });
});
