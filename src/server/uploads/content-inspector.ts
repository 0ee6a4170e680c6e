/**
 * Decides what an uploaded file is from its bytes alone (never from its name or the browser's
 * MIME type), incrementally, because uploads are streamed and never held in memory whole.
 * Only the types below are accepted; everything else is refused.
 */
import {
  fixed,
  notAllowed,
  utf8Bom,
  accept,
  type ContentInspector,
  type InspectionResult,
} from './inspection.js';
import { createPdfInspector } from './pdf-inspector.js';
import { createCsvInspector, createXmlInspector } from './text-inspector.js';
import { createXlsxInspector } from './xlsx-inspector.js';

const headBytes = 1024;
const refusedSignatures: { bytes: Buffer; what: string }[] = [
  ['4d5a', 'a Windows executable'],
  ['7f454c46', 'an ELF executable'],
  ['2321', 'a script (#!)'],
  ['cafebabe', 'a Java class or Mach-O binary'],
  ['feedface', 'a Mach-O binary'],
  ['feedfacf', 'a Mach-O binary'],
  ['cefaedfe', 'a Mach-O binary'],
  ['cffaedfe', 'a Mach-O binary'],
  ['377abcaf271c', 'a 7-Zip archive'],
  ['526172211a07', 'a RAR archive'],
  ['1f8b', 'a gzip archive'],
  ['425a68', 'a bzip2 archive'],
  ['fd377a585a00', 'an xz archive'],
  ['28b52ffd', 'a zstd archive'],
  ['4d534346', 'a cabinet archive'],
  ['504b0506', 'an empty ZIP archive'],
  ['504b0708', 'a split ZIP archive'],
  ['d0cf11e0a1b11ae1', 'a legacy Office (OLE) document'],
  ['7b5c727466', 'an RTF document'],
  ['2521', 'a PostScript program'],
].map(([hex, what]) => ({ bytes: Buffer.from(hex ?? '', 'hex'), what: what ?? '' }));

const htmlStart = /^(?:<html|<!doctype\s+html|<script|<\?php|<svg|<iframe)(?=[\s>/]|$)/i;

export function createContentInspector(): ContentInspector {
  let head: Buffer[] = [];
  let headLength = 0;
  let inspector: ContentInspector | undefined;
  let result: InspectionResult | undefined;

  return {
    update(chunk) {
      if (result) {
        throw new Error('content inspector already finished');
      }
      if (chunk.length === 0) {
        return;
      }
      if (inspector) {
        inspector.update(chunk);
        return;
      }
      // Copied: the caller may reuse its buffer once update returns.
      head.push(Buffer.from(chunk));
      headLength += chunk.length;
      if (headLength >= headBytes) {
        inspector = inspectorFor(Buffer.concat(head), false);
        head = [];
      }
    },
    finish() {
      if (result === undefined) {
        if (inspector === undefined && headLength === 0) {
          result = { ok: false, code: 'empty_file', reason: 'The file is empty' };
        } else {
          inspector ??= inspectorFor(Buffer.concat(head), true);
          result = inspector.finish();
        }
      }
      return result;
    },
  };
}

/** Picks the inspector for the file's kind from its first bytes and feeds it those bytes. */
function inspectorFor(head: Buffer, isWholeFile: boolean): ContentInspector {
  const inspector = pickInspector(head.subarray(0, headBytes), isWholeFile);
  inspector.update(head);
  return inspector;
}

function startsWith(data: Buffer, prefix: Buffer, at = 0): boolean {
  return data.length >= at + prefix.length && data.subarray(at, at + prefix.length).equals(prefix);
}

function pickInspector(head: Buffer, isWholeFile: boolean): ContentInspector {
  const pdf = Buffer.from('%PDF-');
  if (startsWith(head, pdf) || (startsWith(head, utf8Bom) && startsWith(head, pdf, utf8Bom.length))) {
    return createPdfInspector();
  }
  if (startsWith(head, Buffer.from('89504e470d0a1a0a', 'hex'))) {
    return fixed(accept('png'));
  }
  if (startsWith(head, Buffer.from('ffd8ff', 'hex'))) {
    return fixed(accept('jpeg'));
  }
  if (startsWith(head, Buffer.from('504b0304', 'hex'))) {
    return createXlsxInspector();
  }
  const refused = refusedSignatures.find((signature) => startsWith(head, signature.bytes));
  if (refused) {
    return fixed(notAllowed(`The file is ${refused.what}`));
  }
  let start = startsWith(head, utf8Bom) ? utf8Bom.length : 0;
  while (start < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[start] ?? 0)) {
    start++;
  }
  if (start === head.length) {
    return fixed(
      notAllowed(isWholeFile ? 'The file contains no text' : 'The file starts with too much blank space'),
    );
  }
  const text = head.subarray(start).toString('latin1');
  if (htmlStart.test(text)) {
    return fixed(notAllowed('The file is HTML or a script'));
  }
  return text.startsWith('<') ? createXmlInspector() : createCsvInspector();
}
