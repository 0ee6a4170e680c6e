import { StatementFileError } from './statement-file-error.js';
import { readBytes, type StatementSource } from './statement-source.js';

export type StatementFormat = 'csv' | 'xlsx';

const HEAD_BYTES = 64 * 1024;
// An encrypted Office file is not a zip but an OLE2 compound file with these streams (MS-OFFCRYPTO).
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const OLE2_SCAN_BYTES = 8 * 1024 * 1024;

const BINARY_SIGNATURES = [
  '%PDF',
  '\x89PNG',
  '\xff\xd8\xff',
  'GIF8',
  '\x1f\x8b',
  'Rar!',
  '7z\xbc\xaf',
  '\x7fELF',
  '\xff\xfe',
  '\xfe\xff',
].map((signature) => Buffer.from(signature, 'latin1'));

function isControlByte(byte: number): boolean {
  return byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c;
}

/** By content, never by name: a zip is a workbook to check further, text a CSV, anything else refused. */
export async function sniffStatementFormat(source: StatementSource): Promise<StatementFormat> {
  const bytes = await readBytes(source, 0, HEAD_BYTES);
  if (bytes.length === 0) {
    throw new StatementFileError('file_empty');
  }
  const magic = bytes.subarray(0, 4).toString('latin1');
  if (magic === 'PK\x03\x04') {
    return 'xlsx';
  }
  // An empty or spanned zip archive.
  if (magic === 'PK\x05\x06' || magic === 'PK\x07\x08') {
    throw new StatementFileError('xlsx_invalid');
  }
  if (bytes.subarray(0, OLE2.length).equals(OLE2)) {
    const scan = await readBytes(source, 0, OLE2_SCAN_BYTES);
    throw new StatementFileError(scan.includes(ENCRYPTED_PACKAGE) ? 'xlsx_encrypted' : 'format_unsupported');
  }
  if (BINARY_SIGNATURES.some((signature) => bytes.subarray(0, signature.length).equals(signature))) {
    throw new StatementFileError('format_unsupported');
  }
  // UTF-16 without a BOM is half NUL bytes; binaries are full of control bytes.
  let controls = 0;
  for (const byte of bytes) {
    controls += isControlByte(byte) ? 1 : 0;
  }
  if (controls > bytes.length * 0.1) {
    throw new StatementFileError('format_unsupported');
  }
  return 'csv';
}
