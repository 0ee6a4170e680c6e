/**
 * Decides what an uploaded file is from its bytes alone (never from its name or the browser's
 * MIME type), incrementally, because uploads are streamed and never held in memory whole.
 * Only the types below are accepted; everything else is refused.
 */
export const allowedTypes = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  xml: { mime: 'application/xml', extensions: ['xml'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  csv: { mime: 'text/csv', extensions: ['csv'] },
} as const;

export type FileKind = keyof typeof allowedTypes;

export type InspectionResult =
  | { ok: true; kind: FileKind; mime: string }
  | { ok: false; code: 'empty_file' | 'file_type_not_allowed' | 'file_active_content'; reason: string };

export type ContentInspector = { update(chunk: Buffer): void; finish(): InspectionResult };

type Failure = Extract<InspectionResult, { ok: false }>;

const headBytes = 1024;
const utf8Bom = Buffer.from([0xef, 0xbb, 0xbf]);

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

function accept(kind: FileKind): InspectionResult {
  return { ok: true, kind, mime: allowedTypes[kind].mime };
}

function notAllowed(reason: string): Failure {
  return { ok: false, code: 'file_type_not_allowed', reason };
}

function activeContent(reason: string): Failure {
  return { ok: false, code: 'file_active_content', reason };
}

function fixed(result: InspectionResult): ContentInspector {
  return { update: () => undefined, finish: () => result };
}

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

/**
 * Walks the raw bytes for PDF names that make a document act on its own. Names are decoded
 * (`/J#61vaScript` is `/JavaScript`) and tracked across chunk boundaries. Compressed object
 * streams (/ObjStm) and encrypted documents can hide these names, so this is only defence in
 * depth behind the virus scanner; the web app also serves PDFs as attachments, never inline.
 */
const activePdfNames = new Map([
  ['JavaScript', 'JavaScript'],
  ['JS', 'JavaScript'],
  ['Launch', 'an action that launches programs'],
  ['EmbeddedFile', 'embedded files'],
  ['EmbeddedFiles', 'embedded files'],
  ['RichMedia', 'rich media (Flash or video)'],
  ['XFA', 'an XFA form'],
]);
const isPdfDelimiter = new Uint8Array(256);
for (const byte of Buffer.from('()<>[]{}/%\0\t\n\f\r ')) {
  isPdfDelimiter[byte] = 1;
}
// Longer names cannot be one of the above, even with every character #-escaped.
const maxPdfName = 64;
// First bytes of the names worth decoding (J, L, E, R, X, O or an escape); the rest are skipped cheaply.
const pdfNameStarts = new Set(Buffer.from('JLERXO#'));

function findPdfDelimiter(chunk: Buffer, from: number): number {
  for (let i = from; i < chunk.length; i++) {
    if (isPdfDelimiter[chunk[i] ?? 0] === 1) {
      return i;
    }
  }
  return -1;
}

function createPdfInspector(): ContentInspector {
  let partialName: Buffer | undefined;
  let firstActive: string | undefined;
  let hasOpenAction = false;
  let hasJavaScript = false;

  const checkName = (name: Buffer) => {
    if (name.length === 0 || name.length > maxPdfName || !pdfNameStarts.has(name[0] ?? 0)) {
      return;
    }
    const decoded = name
      .toString('latin1')
      .replace(/#([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const what = activePdfNames.get(decoded.startsWith('RichMedia') ? 'RichMedia' : decoded);
    if (decoded === 'OpenAction') {
      hasOpenAction = true;
    } else if (what !== undefined) {
      hasJavaScript ||= what === 'JavaScript';
      firstActive ??= `The PDF contains ${what} (/${decoded})`;
    }
  };
  // A name cut by the chunk boundary is kept (copied, capped) until its end arrives.
  const keepPartial = (piece: Buffer) => {
    const joined = partialName ? Buffer.concat([partialName, piece]) : Buffer.from(piece);
    partialName = joined.subarray(0, maxPdfName + 1);
  };

  return {
    update(chunk) {
      let i = 0;
      if (partialName !== undefined) {
        const end = findPdfDelimiter(chunk, 0);
        keepPartial(chunk.subarray(0, end === -1 ? chunk.length : end));
        if (end === -1) {
          return;
        }
        checkName(partialName);
        partialName = undefined;
        i = end;
      }
      for (;;) {
        const slash = chunk.indexOf(0x2f, i);
        if (slash === -1) {
          return;
        }
        const end = findPdfDelimiter(chunk, slash + 1);
        if (end === -1) {
          keepPartial(chunk.subarray(slash + 1));
          return;
        }
        checkName(chunk.subarray(slash + 1, end));
        i = end;
      }
    },
    finish() {
      if (partialName !== undefined) {
        checkName(partialName);
        partialName = undefined;
      }
      if (hasJavaScript && hasOpenAction) {
        return activeContent('The PDF runs JavaScript when it is opened (/OpenAction with /JS)');
      }
      return firstActive === undefined ? accept('pdf') : activeContent(firstActive);
    },
  };
}

/** Byte-level checks shared by CSV and XML: control characters and the text encoding. */
function createTextChecks() {
  // Bytes that Windows-1250 leaves undefined: text containing them is in no encoding we accept.
  const undefinedInCp1250 = new Set([0x81, 0x83, 0x88, 0x90, 0x98]);
  let position = 0;
  let control: string | undefined;
  let hasText = false;
  let isUtf8 = true;
  let hasUndefinedCp1250 = false;
  let pending = 0;
  let low = 0x80;
  let high = 0xbf;

  const checkUtf8 = (byte: number) => {
    if (pending > 0) {
      if (byte < low || byte > high) {
        isUtf8 = false;
      }
      low = 0x80;
      high = 0xbf;
      pending--;
      return;
    }
    if (byte < 0x80) {
      return;
    }
    // Ranges from RFC 3629, so overlong forms and surrogates are invalid too.
    if (byte >= 0xc2 && byte <= 0xdf) {
      pending = 1;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      pending = 2;
      low = byte === 0xe0 ? 0xa0 : 0x80;
      high = byte === 0xed ? 0x9f : 0xbf;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      pending = 3;
      low = byte === 0xf0 ? 0x90 : 0x80;
      high = byte === 0xf4 ? 0x8f : 0xbf;
    } else {
      isUtf8 = false;
    }
  };

  return {
    update(chunk: Buffer) {
      for (let i = 0; i < chunk.length && control === undefined; i++) {
        const byte = chunk[i] ?? 0;
        if (byte > 0x20 && byte < 0x80 && pending === 0) {
          hasText = true;
          continue;
        }
        if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) {
          const hex = byte.toString(16).padStart(2, '0');
          control = `The file contains a control character (0x${hex}) at byte ${position + i}, so it is not text`;
        }
        hasText ||= byte > 0x20;
        hasUndefinedCp1250 ||= undefinedInCp1250.has(byte);
        if (isUtf8) {
          checkUtf8(byte);
        }
      }
      position += chunk.length;
    },
    problem(): string | undefined {
      return control ?? (hasText ? undefined : 'The file contains no text');
    },
    isUtf8: () => isUtf8 && pending === 0,
    isCp1250: () => !hasUndefinedCp1250,
  };
}

function createCsvInspector(): ContentInspector {
  const text = createTextChecks();
  return {
    update: (chunk) => {
      text.update(chunk);
    },
    finish() {
      const problem = text.problem();
      if (problem !== undefined) {
        return notAllowed(problem);
      }
      if (!text.isUtf8() && !text.isCp1250()) {
        return notAllowed('The text is neither UTF-8 nor Windows-1250');
      }
      return accept('csv');
    },
  };
}

const activeXmlTokens: Record<string, string> = {
  '<!doctype': 'a DOCTYPE declaration',
  '<!entity': 'an ENTITY declaration',
  '<script': 'a script element',
  'http://www.w3.org/1999/xhtml': 'XHTML content',
};

/** DOCTYPE and ENTITY open the door to external entities (XXE) and entity expansion. */
function createXmlInspector(): ContentInspector {
  const text = createTextChecks();
  const tokens = Object.keys(activeXmlTokens);
  const keep = Math.max(...tokens.map((token) => token.length)) - 1;
  let tail = '';
  let found: string | undefined;
  return {
    update(chunk) {
      text.update(chunk);
      if (found !== undefined) {
        return;
      }
      const window = tail + chunk.toString('latin1').toLowerCase();
      let earliest = -1;
      for (const token of tokens) {
        const at = window.indexOf(token);
        if (at !== -1 && (earliest === -1 || at < earliest)) {
          earliest = at;
          found = token;
        }
      }
      tail = window.slice(-keep);
    },
    finish() {
      if (found !== undefined) {
        return activeContent(`The XML contains ${activeXmlTokens[found] ?? found}`);
      }
      const problem = text.problem();
      if (problem !== undefined) {
        return notAllowed(problem);
      }
      return text.isUtf8() ? accept('xml') : notAllowed('XML files must be encoded in UTF-8');
    },
  };
}

const zipSignatures = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
  digitalSignature: 0x05054b50,
};
const maxZipEntries = 50_000;

function activeXlsxPart(name: string): string | undefined {
  if (name.endsWith('vbaproject.bin')) {
    return 'macros (VBA)';
  }
  if (name.startsWith('xl/macrosheets/')) {
    return 'Excel 4.0 macro sheets';
  }
  if (name.startsWith('xl/activex/')) {
    return 'ActiveX controls';
  }
  if (name.startsWith('xl/embeddings/')) {
    return 'embedded objects';
  }
  return undefined;
}

/**
 * Reads the ZIP records as they stream past: local file headers and the central directory both
 * carry entry names in the clear. An entry whose size is only known after its data (flag bit 3)
 * is skipped by searching for the next record signature.
 */
function createXlsxInspector(): ContentInspector {
  const names = new Set<string>();
  let failure: Failure | undefined;
  let isComplete = false;
  let mode: 'collect' | 'skip' | 'hunt' | 'end' = 'collect';
  let wanted = 0;
  let collected: Buffer[] = [];
  let collectedLength = 0;
  let onCollected: (data: Buffer) => void = () => undefined;
  let skipLeft = 0;
  let huntTail = Buffer.alloc(0);

  const collect = (bytes: number, then: (data: Buffer) => void) => {
    if (bytes === 0) {
      then(Buffer.alloc(0));
      return;
    }
    mode = 'collect';
    wanted = bytes;
    collected = [];
    collectedLength = 0;
    onCollected = then;
  };
  const skip = (bytes: number) => {
    if (bytes === 0) {
      readRecord();
    } else {
      mode = 'skip';
      skipLeft = bytes;
    }
  };
  const addName = (raw: Buffer, flags: number) => {
    if ((flags & 1) !== 0) {
      failure ??= notAllowed('The ZIP archive has encrypted entries');
    }
    const name = raw.toString('latin1').replaceAll('\\', '/').replace(/^\/+/, '').toLowerCase();
    const active = activeXlsxPart(name);
    if (active !== undefined) {
      failure ??= activeContent(`The spreadsheet contains ${active}`);
    }
    names.add(name);
    if (names.size > maxZipEntries) {
      failure ??= notAllowed('The ZIP archive has too many entries');
    }
  };
  const zip64CompressedSize = (extra: Buffer, hasZip64Uncompressed: boolean): number | undefined => {
    for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
      if (extra.readUInt16LE(at) === 0x0001) {
        const field = at + 4 + (hasZip64Uncompressed ? 8 : 0);
        return field + 8 <= extra.length ? Number(extra.readBigUInt64LE(field)) : undefined;
      }
    }
    return undefined;
  };
  const readLocalHeader = (header: Buffer) => {
    const flags = header.readUInt16LE(2);
    const compressedSize = header.readUInt32LE(14);
    const nameLength = header.readUInt16LE(22);
    collect(nameLength + header.readUInt16LE(24), (rest) => {
      addName(rest.subarray(0, nameLength), flags);
      if ((flags & 0x08) !== 0) {
        mode = 'hunt';
        huntTail = Buffer.alloc(0);
        return;
      }
      const size =
        compressedSize === 0xffffffff
          ? zip64CompressedSize(rest.subarray(nameLength), header.readUInt32LE(18) === 0xffffffff)
          : compressedSize;
      if (size === undefined) {
        failure ??= notAllowed('The ZIP archive is damaged');
        return;
      }
      skip(size);
    });
  };
  const readCentralHeader = (header: Buffer) => {
    const flags = header.readUInt16LE(4);
    const nameLength = header.readUInt16LE(24);
    collect(nameLength, (name) => {
      addName(name, flags);
      skip(header.readUInt16LE(26) + header.readUInt16LE(28));
    });
  };
  const readSignature = (signature: number) => {
    switch (signature) {
      case zipSignatures.local:
        collect(26, readLocalHeader);
        return;
      case zipSignatures.central:
        collect(42, readCentralHeader);
        return;
      case zipSignatures.end:
        collect(18, () => {
          isComplete = true;
          mode = 'end';
        });
        return;
      case zipSignatures.zip64End:
        collect(8, (size) => {
          skip(Number(size.readBigUInt64LE(0)));
        });
        return;
      case zipSignatures.zip64Locator:
        collect(16, readRecord);
        return;
      case zipSignatures.digitalSignature:
        collect(2, (size) => {
          skip(size.readUInt16LE(0));
        });
        return;
      default:
        failure ??= notAllowed('The ZIP archive is damaged');
    }
  };
  function readRecord() {
    collect(4, (signature) => {
      readSignature(signature.readUInt32LE(0));
    });
  }
  // Returns how much of chunk (from offset) the search used up.
  const hunt = (chunk: Buffer, offset: number): number => {
    const window = Buffer.concat([huntTail, chunk.subarray(offset)]);
    const candidates = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x01\x02', 'latin1')]
      .map((signature) => window.indexOf(signature))
      .filter((at) => at !== -1);
    if (candidates.length === 0) {
      huntTail = Buffer.from(window.subarray(-3));
      return chunk.length;
    }
    const at = Math.min(...candidates);
    readSignature(window.readUInt32LE(at));
    return offset + at + 4 - huntTail.length;
  };

  readRecord();
  return {
    update(chunk) {
      let offset = 0;
      while (offset < chunk.length && failure === undefined && mode !== 'end') {
        if (mode === 'skip') {
          const bytes = Math.min(skipLeft, chunk.length - offset);
          skipLeft -= bytes;
          offset += bytes;
          if (skipLeft === 0) {
            readRecord();
          }
        } else if (mode === 'hunt') {
          offset = hunt(chunk, offset);
        } else {
          const bytes = Math.min(wanted - collectedLength, chunk.length - offset);
          collected.push(Buffer.from(chunk.subarray(offset, offset + bytes)));
          collectedLength += bytes;
          offset += bytes;
          if (collectedLength === wanted) {
            onCollected(Buffer.concat(collected));
          }
        }
      }
    },
    finish() {
      if (failure) {
        return failure;
      }
      if (!isComplete) {
        return notAllowed('The ZIP archive is incomplete or damaged');
      }
      const isWorkbook =
        names.has('[content_types].xml') && [...names].some((name) => name.startsWith('xl/'));
      return isWorkbook ? accept('xlsx') : notAllowed('The file is a ZIP archive, not an XLSX workbook');
    },
  };
}
