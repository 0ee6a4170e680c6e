import { inflateSync } from 'node:zlib';

// Reads back what pdf-document.ts writes, independently of it: objects through the cross-reference table,
// streams inflated, text decoded through each font's ToUnicode map (as a viewer's copy and search would).

export type PdfObject = { dictionary: string; stream: Buffer | null };

export type InspectedPage = { texts: string[]; text: string; fonts: string[] };

export type InspectedPdf = {
  objects: Map<number, PdfObject>;
  pages: InspectedPage[];
  info: string;
  raw: string;
};

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const raw = pdf.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)?.[1]);
  const xref = raw.slice(startxref);
  if (!xref.startsWith('xref\n')) {
    throw new Error('startxref does not point at the cross-reference table');
  }
  const count = Number(/^xref\n0 (\d+)\n/.exec(xref)?.[1]);
  const objects = new Map<number, PdfObject>();
  for (let number = 1; number < count; number++) {
    const entry = xref.slice(
      xref.indexOf('\n', 5) + 1 + 20 * number,
      xref.indexOf('\n', 5) + 1 + 20 * (number + 1),
    );
    const offset = Number(entry.slice(0, 10));
    const head = `${String(number)} 0 obj\n`;
    if (raw.slice(offset, offset + head.length) !== head) {
      throw new Error(`Object ${String(number)} is not where the cross-reference table says`);
    }
    const bodyStart = offset + head.length;
    const streamAt = raw.indexOf('\nstream\n', bodyStart);
    const endAt = raw.indexOf('\nendobj\n', bodyStart);
    if (streamAt >= 0 && streamAt < endAt) {
      const dictionary = raw.slice(bodyStart, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1]);
      const data = pdf.subarray(streamAt + 8, streamAt + 8 + length);
      if (raw.slice(streamAt + 8 + length, streamAt + 8 + length + 10) !== '\nendstream') {
        throw new Error(`Stream ${String(number)} has a wrong /Length`);
      }
      objects.set(number, {
        dictionary,
        stream: dictionary.includes('/FlateDecode') ? inflateSync(data) : data,
      });
    } else {
      objects.set(number, { dictionary: raw.slice(bodyStart, endAt), stream: null });
    }
  }
  return objects;
}

function ref(dictionary: string, key: string): number {
  return Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary)?.[1]);
}

function toUnicodeMap(objects: Map<number, PdfObject>, fontRef: number): Map<number, string> {
  const cmap =
    objects.get(ref(objects.get(fontRef)?.dictionary ?? '', 'ToUnicode'))?.stream?.toString('latin1') ?? '';
  const map = new Map<number, string>();
  for (const [, code, unicode] of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/g)) {
    map.set(
      parseInt(code ?? '0', 16),
      Buffer.from(unicode ?? '', 'hex')
        .swap16()
        .toString('utf16le'),
    );
  }
  return map;
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

/** The literal strings shown by Tj and TJ, in order, as bytes. */
function shownStrings(content: string): { font: string; bytes: number[] }[] {
  const shown: { font: string; bytes: number[] }[] = [];
  let font = '';
  let i = 0;
  while (i < content.length) {
    const char = content[i];
    if (char === '/' && /^\/F\d+ [\d.]+ Tf/.test(content.slice(i, i + 16))) {
      font = /^\/(F\d+)/.exec(content.slice(i))?.[1] ?? '';
      i += 3;
    } else if (char === '(') {
      const bytes: number[] = [];
      i++;
      while (content[i] !== ')') {
        if (content[i] === '\\') {
          bytes.push(ESCAPES[content[i + 1] ?? ''] ?? content.charCodeAt(i + 1));
          i += 2;
        } else {
          bytes.push(content.charCodeAt(i));
          i++;
        }
      }
      shown.push({ font, bytes });
      i++;
    } else {
      i++;
    }
  }
  return shown;
}

export function inspectPdf(pdf: Buffer): InspectedPdf {
  const raw = pdf.toString('latin1');
  if (!raw.startsWith('%PDF-1.7\n')) {
    throw new Error('Not a PDF 1.7 file');
  }
  const objects = readObjects(pdf);
  const catalog = objects.get(Number(/\/Root (\d+) 0 R/.exec(raw)?.[1]))?.dictionary ?? '';
  const tree = objects.get(ref(catalog, 'Pages'))?.dictionary ?? '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(tree)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) =>
    Number(m[1]),
  );
  const pages = kids.map((pageRef): InspectedPage => {
    const page = objects.get(pageRef)?.dictionary ?? '';
    const fontRefs = new Map(
      [...page.matchAll(/\/(F\d+) (\d+) 0 R/g)].map(([, name, fontRef]) => [name ?? '', Number(fontRef)]),
    );
    const maps = new Map([...fontRefs].map(([name, fontRef]) => [name, toUnicodeMap(objects, fontRef)]));
    const content = objects.get(ref(page, 'Contents'))?.stream?.toString('latin1') ?? '';
    const texts = shownStrings(content).map(({ font, bytes }) => {
      let text = '';
      for (let b = 0; b + 1 < bytes.length; b += 2) {
        text += maps.get(font)?.get(((bytes[b] ?? 0) << 8) | (bytes[b + 1] ?? 0)) ?? '\ufffd';
      }
      return text;
    });
    return { texts, text: texts.join(' '), fonts: [...fontRefs.keys()] };
  });
  const info = objects.get(Number(/\/Info (\d+) 0 R/.exec(raw)?.[1]))?.dictionary ?? '';
  return { objects, pages, info, raw };
}

/** A PDF text string `<feff…>` from the Info dictionary, decoded. */
export function infoText(info: string, key: string): string | null {
  const hex = new RegExp(`/${key} <feff([0-9a-f]*)>`).exec(info)?.[1];
  return hex === undefined ? null : Buffer.from(hex, 'hex').swap16().toString('utf16le');
}
