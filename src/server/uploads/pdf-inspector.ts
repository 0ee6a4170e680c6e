import { accept, activeContent, type ContentInspector } from './inspection.js';

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

export function createPdfInspector(): ContentInspector {
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
