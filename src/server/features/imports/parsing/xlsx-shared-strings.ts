import type { ParseLimits } from './parse-limits.js';
import { StatementFileError } from './statement-file-error.js';
import type { XlsxArchive } from './xlsx-archive.js';
import { createXmlScanner, forEachAttribute, isName } from './xml-scanner.js';
import { decodeOoxmlEscapes, xmlText } from './xml-text.js';

type SharedStringLimits = Pick<ParseLimits, 'maxSharedStrings' | 'maxSharedStringsBytes'>;

const MAX_PENDING_BYTES = 1024 * 1024;

/**
 * The workbook's string table, held in memory while the sheet is read: its size is bounded before reading
 * (declared part size, declared count) and while reading (actual count).
 */
export async function readSharedStrings(
  archive: XlsxArchive,
  path: string | null,
  limits: SharedStringLimits,
  signal?: AbortSignal,
): Promise<string[]> {
  if (path === null) {
    return [];
  }
  const tooLarge = () => new StatementFileError('xlsx_too_large', { limit: limits.maxSharedStrings });
  if (archive.uncompressedSize(path) > limits.maxSharedStringsBytes) {
    throw new StatementFileError('xlsx_too_large', { limit: limits.maxSharedStringsBytes });
  }
  const strings: string[] = [];
  let value = '';
  let isInString = false;
  let isInText = false;
  let phoneticDepth = 0;
  const scanner = createXmlScanner(
    {
      open: (source, nameStart, nameEnd, attributesEnd, isSelfClosing) => {
        if (isName(source, nameStart, nameEnd, 'si')) {
          value = '';
          isInString = !isSelfClosing;
          if (isSelfClosing) {
            strings.push('');
          }
        } else if (isName(source, nameStart, nameEnd, 't')) {
          isInText = isInString && phoneticDepth === 0 && !isSelfClosing;
        } else if (isName(source, nameStart, nameEnd, 'rPh') && !isSelfClosing) {
          phoneticDepth += 1;
        } else if (isName(source, nameStart, nameEnd, 'sst')) {
          forEachAttribute(source, nameEnd, attributesEnd, (attributes, start, end, valueStart, valueEnd) => {
            const count = Number(attributes.toString('latin1', valueStart, valueEnd));
            if (isName(attributes, start, end, 'uniqueCount') && count > limits.maxSharedStrings) {
              throw tooLarge();
            }
          });
        }
        return -1;
      },
      close: (source, nameStart, nameEnd) => {
        if (isName(source, nameStart, nameEnd, 't')) {
          isInText = false;
        } else if (isName(source, nameStart, nameEnd, 'rPh')) {
          phoneticDepth -= 1;
        } else if (isName(source, nameStart, nameEnd, 'si') && isInString) {
          isInString = false;
          strings.push(decodeOoxmlEscapes(value));
          if (strings.length > limits.maxSharedStrings) {
            throw tooLarge();
          }
        }
      },
      text: (source, start, end, isCdata) => {
        if (isInText) {
          value += xmlText(source, start, end, isCdata);
        }
      },
    },
    MAX_PENDING_BYTES,
  );
  try {
    for await (const chunk of archive.stream(path)) {
      signal?.throwIfAborted();
      scanner.write(chunk);
    }
    scanner.end();
  } catch (error) {
    throw error instanceof StatementFileError || signal?.aborted
      ? error
      : new StatementFileError('xlsx_invalid', {}, { cause: error });
  }
  return strings;
}
