import { accept, activeContent, notAllowed, type ContentInspector, type Failure } from './inspection.js';

/** XLSX is a ZIP; its local file headers name every part in the clear, so they are read as the stream goes. */
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
export function createXlsxInspector(): ContentInspector {
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
