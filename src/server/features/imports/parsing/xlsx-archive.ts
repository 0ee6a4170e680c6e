import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { ParseLimits } from './parse-limits.js';
import { StatementFileError } from './statement-file-error.js';
import type { StatementSource } from './statement-source.js';

export type XlsxArchive = {
  has: (name: string) => boolean;
  uncompressedSize: (name: string) => number;
  /** A small part as text, refused beyond `maxBytes`. */
  readText: (name: string, maxBytes: number) => Promise<string>;
  /** A part's decompressed bytes, counted against the archive's limit as they arrive. */
  stream: (name: string) => AsyncGenerator<Buffer, void, undefined>;
  close: () => void;
};

type ArchiveLimits = Pick<ParseLimits, 'maxUncompressedBytes' | 'maxZipEntries' | 'maxCompressionRatio'>;

const RATIO_CHECK_MIN_BYTES = 1024 * 1024;
// yauzl inflates in 16 KiB pieces; larger ones make a large sheet several times cheaper to inflate.
const INFLATE_CHUNK_BYTES = 256 * 1024;
const ENCRYPTED_FLAG = 0x1;

/** Part names are compared as OPC does: without a leading slash, ignoring case. */
export function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

// yauzl reads through this subclass (its extension point) so that the bytes can come from any source.
class SourceReader extends yauzl.RandomAccessReader {
  readonly #source: StatementSource;

  constructor(source: StatementSource) {
    super();
    this.#source = source;
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return this.#source.read(start, end);
  }
}

function openZip(source: StatementSource): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true };
    yauzl.fromRandomAccessReader(new SourceReader(source), source.size, options, (error, zip) => {
      if (error) {
        reject(new StatementFileError('xlsx_invalid', {}, { cause: error }));
      } else {
        resolve(zip);
      }
    });
  });
}

function readEntries(zip: ZipFile, limits: ArchiveLimits): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    let declaredBytes = 0;
    const fail = (error: StatementFileError) => {
      zip.removeAllListeners('entry');
      reject(error);
    };
    zip.on('entry', (entry: Entry) => {
      if ((entry.generalPurposeBitFlag & ENCRYPTED_FLAG) !== 0) {
        fail(new StatementFileError('xlsx_encrypted'));
        return;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        fail(new StatementFileError('xlsx_invalid'));
        return;
      }
      declaredBytes += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (
        declaredBytes > limits.maxUncompressedBytes ||
        (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio)
      ) {
        fail(new StatementFileError('xlsx_too_large', { limit: limits.maxUncompressedBytes }));
        return;
      }
      if (!entry.fileName.endsWith('/')) {
        entries.set(partKey(entry.fileName), entry);
      }
      zip.readEntry();
    });
    zip.once('end', () => {
      resolve(entries);
    });
    zip.once('error', (error: unknown) => {
      reject(new StatementFileError('xlsx_invalid', {}, { cause: error }));
    });
    zip.readEntry();
  });
}

/** The entry's bytes as stored: inflating is done here, counting every byte against the declared size. */
function openRawEntryStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const options = {
      decompress: entry.compressionMethod === 8 ? false : null,
      decrypt: null,
      start: null,
      end: null,
    };
    zip.openReadStream(entry, options, (error, stream) => {
      if (error) {
        reject(new StatementFileError('xlsx_invalid', {}, { cause: error }));
      } else {
        resolve(stream);
      }
    });
  });
}

export async function openXlsxArchive(source: StatementSource, limits: ArchiveLimits): Promise<XlsxArchive> {
  const zip = await openZip(source);
  let entries: Map<string, Entry>;
  try {
    if (zip.entryCount > limits.maxZipEntries) {
      throw new StatementFileError('xlsx_too_large', { limit: limits.maxZipEntries });
    }
    entries = await readEntries(zip, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
  let inflatedBytes = 0;
  let isClosed = false;

  const entryFor = (name: string): Entry => {
    const entry = entries.get(partKey(name));
    if (entry === undefined) {
      throw new StatementFileError('xlsx_invalid');
    }
    return entry;
  };

  // A zip bomb may declare small sizes: what counts is what inflates, stopped as soon as it exceeds the
  // entry's declared size or the archive's limit.
  async function* stream(name: string): AsyncGenerator<Buffer, void, undefined> {
    const entry = entryFor(name);
    const raw = await openRawEntryStream(zip, entry);
    const inflate =
      entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }) : null;
    const readable = inflate === null ? raw : raw.pipe(inflate);
    raw.once('error', (error) => readable.destroy(error));
    let entryBytes = 0;
    try {
      for await (const chunk of readable as AsyncIterable<Buffer>) {
        entryBytes += chunk.length;
        inflatedBytes += chunk.length;
        if (entryBytes > entry.uncompressedSize || inflatedBytes > limits.maxUncompressedBytes) {
          throw new StatementFileError('xlsx_too_large', { limit: limits.maxUncompressedBytes });
        }
        yield chunk;
      }
      if (entryBytes !== entry.uncompressedSize) {
        throw new StatementFileError('xlsx_invalid');
      }
    } catch (error) {
      throw error instanceof StatementFileError
        ? error
        : new StatementFileError('xlsx_invalid', {}, { cause: error });
    } finally {
      raw.destroy();
      readable.destroy();
    }
  }

  const readText = async (name: string, maxBytes: number): Promise<string> => {
    if (entryFor(name).uncompressedSize > maxBytes) {
      throw new StatementFileError('xlsx_too_large', { limit: maxBytes });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream(name)) {
      chunks.push(chunk);
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    } catch (error) {
      throw new StatementFileError('xlsx_invalid', {}, { cause: error });
    }
  };

  return {
    has: (name) => entries.has(partKey(name)),
    uncompressedSize: (name) => entryFor(name).uncompressedSize,
    readText,
    stream,
    close: () => {
      if (!isClosed) {
        isClosed = true;
        zip.close();
      }
    },
  };
}
