import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { StatementFileError } from './statement-file-error.js';
import type { StatementSource } from './statement-source.js';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'windows-1250';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// Bytes Windows-1250 leaves undefined: a file holding them is in some other encoding.
const CP1250_UNDEFINED = [0x81, 0x83, 0x88, 0x90, 0x98];

function hasCp1250UndefinedByte(chunk: Uint8Array): boolean {
  return CP1250_UNDEFINED.some((byte) => chunk.includes(byte));
}

/** Bytes at the end that start a UTF-8 sequence the chunk does not finish. */
function incompleteUtf8Tail(chunk: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back += 1) {
    const byte = chunk[chunk.length - back] ?? 0;
    if ((byte & 0xc0) !== 0x80) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return length > back ? back : 0;
    }
  }
  return 0;
}

/** Well-formed multi-byte UTF-8 sequences, and bytes no sequence explains. */
function countUtf8(chunk: Uint8Array, counts: { sequences: number; strays: number }): void {
  const n = chunk.length;
  let i = 0;
  while (i < n) {
    const byte = chunk[i] ?? 0;
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    const length =
      byte >= 0xc2 && byte <= 0xdf
        ? 2
        : byte >= 0xe0 && byte <= 0xef
          ? 3
          : byte >= 0xf0 && byte <= 0xf4
            ? 4
            : 0;
    let continuation = 1;
    while (continuation < length && ((chunk[i + continuation] ?? 0) & 0xc0) === 0x80) {
      continuation += 1;
    }
    if (length > 0 && continuation === length) {
      counts.sequences += 1;
      i += length;
    } else {
      counts.strays += 1;
      i += 1;
    }
  }
}

/**
 * Reads the whole file once (no decoding) so that a Windows-1250 letter late in a large file is not mistaken for
 * UTF-8 after the first megabyte looked fine. Not UTF-8 means Windows-1250, unless most of its non-ASCII bytes
 * do form UTF-8 letters: then it is a damaged or mixed file, and reading it as either would garble names.
 */
export async function detectTextEncoding(
  source: StatementSource,
  signal?: AbortSignal,
): Promise<TextEncodingName> {
  const stream = source.read();
  try {
    let hasBom = false;
    let isValidUtf8 = true;
    const counts = { sequences: 0, strays: 0 };
    let hasUndefinedCp1250 = false;
    let tail: Uint8Array = new Uint8Array(0);
    let isFirst = true;
    for await (const data of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      let chunk: Uint8Array = data;
      if (isFirst) {
        isFirst = false;
        hasBom = chunk.length >= 3 && UTF8_BOM.equals(chunk.subarray(0, 3));
        chunk = hasBom ? chunk.subarray(3) : chunk;
      }
      if (chunk.includes(0)) {
        throw new StatementFileError('encoding_invalid');
      }
      hasUndefinedCp1250 ||= hasCp1250UndefinedByte(chunk);
      const joined = tail.length === 0 ? chunk : Buffer.concat([tail, chunk]);
      const complete = joined.length - incompleteUtf8Tail(joined);
      const body = joined.subarray(0, complete);
      const isBodyUtf8 = isUtf8(body);
      isValidUtf8 &&= isBodyUtf8;
      if (isBodyUtf8) {
        // Valid: every byte the decoded text is shorter by belongs to a sequence (no need to walk the bytes).
        counts.sequences += isAscii(body) ? 0 : body.length - Buffer.from(body).toString('utf8').length;
      } else {
        countUtf8(body, counts);
      }
      tail = Uint8Array.from(joined.subarray(complete));
    }
    countUtf8(tail, counts);
    isValidUtf8 &&= tail.length === 0;
    if (isValidUtf8) {
      return hasBom ? 'utf-8-bom' : 'utf-8';
    }
    if (hasBom || counts.sequences >= counts.strays || hasUndefinedCp1250) {
      throw new StatementFileError('encoding_invalid');
    }
    return 'windows-1250';
  } finally {
    stream.destroy();
  }
}

export type ChunkDecoder = { write: (chunk: Buffer) => string; end: () => string };

/** A streaming decoder that refuses what the detected encoding cannot hold (the file may have changed since). */
export function createChunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  const checkBytes = (chunk: Buffer) => {
    if (chunk.includes(0) || (encoding === 'windows-1250' && hasCp1250UndefinedByte(chunk))) {
      throw new StatementFileError('encoding_invalid');
    }
  };
  if (encoding === 'windows-1250') {
    const decoder = iconv.getDecoder('windows-1250');
    return {
      write: (chunk) => {
        checkBytes(chunk);
        return decoder.write(chunk);
      },
      end: () => decoder.end() ?? '',
    };
  }
  // TextDecoder drops a leading BOM.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw new StatementFileError('encoding_invalid', {}, { cause: error });
    }
  };
  return {
    write: (chunk) => {
      checkBytes(chunk);
      return decode(chunk);
    },
    end: () => decode(),
  };
}
