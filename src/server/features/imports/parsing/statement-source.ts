import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

/**
 * Random access to a statement's bytes: a file on disk, or a working copy the caller keeps encrypted and
 * decrypts range by range (an XLSX is read from its end, where the zip directory is).
 */
export type StatementSource = {
  readonly size: number;
  /** Bytes [start, end) of the file; the whole file without arguments. */
  read: (start?: number, end?: number) => Readable;
};

/** A path, or a source the caller provides. */
export type StatementInput = string | StatementSource;

export async function openStatementSource(input: StatementInput): Promise<StatementSource> {
  if (typeof input !== 'string') {
    return input;
  }
  const { size } = await stat(input);
  return {
    size,
    read: (start = 0, end = size) =>
      end <= start
        ? Readable.from([])
        : createReadStream(input, { start, end: end - 1, highWaterMark: 256 * 1024 }),
  };
}

/** Bytes [start, end) (fewer at the end of the file). */
export async function readBytes(source: StatementSource, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = source.read(start, Math.min(end, source.size));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks);
}
