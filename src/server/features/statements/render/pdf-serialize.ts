import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { type ByteWriter, writtenBytes } from './byte-writer.js';
import { type FontEmbedding, type FontFace, type FontStyle, embedFont } from './pdf-fonts.js';

/** A page's drawing: graphics operations (drawn first, under the text) and its text operations. */
export type PageContent = { graphics: string[]; text: ByteWriter };

export type SerializeInfo = {
  title: string;
  subject?: string;
  createdOn: string;
  width: number;
  height: number;
};

const FONT_NAMES: Record<FontStyle, string> = { regular: 'F1', bold: 'F2' };
// Content streams are most of a statement's bytes and of its rendering time: level 4 compresses them about 10%
// less than the default 6 in less than half the time. (On libuv's thread pool the same work costs twice the CPU
// in stream set-up, which a batch run on every core cannot afford.)
const COMPRESSION_LEVEL = 2;
const BEGIN_TEXT = Buffer.from('\nBT\n');
const END_TEXT = Buffer.from('ET\n');

function isUsed(used: Uint8Array): boolean {
  return used.some((codePoint) => codePoint !== 0);
}

function utf16Text(value: string): string {
  return `<feff${Buffer.from(value, 'utf16le').swap16().toString('hex')}>`;
}

function pdfDate(isoDate: string): string {
  return `(D:${isoDate.replaceAll('-', '')}000000Z)`;
}

/** The document's objects, cross-reference table and trailer; the same content always gives the same bytes. */
export function serializePdf(
  info: SerializeInfo,
  pages: readonly PageContent[],
  faces: Record<FontStyle, FontFace>,
  used: Record<FontStyle, Uint8Array>,
): Buffer {
  const contents = pages.map((page) => {
    const graphics = Buffer.from(page.graphics.join('\n'), 'latin1');
    const content = Buffer.concat([graphics, BEGIN_TEXT, writtenBytes(page.text), END_TEXT]);
    return deflateSync(content, { level: COMPRESSION_LEVEL });
  });
  const objects: Buffer[] = [];
  const reserve = () => {
    objects.push(Buffer.alloc(0));
    return objects.length;
  };
  const set = (ref: number, body: string, stream?: Buffer) => {
    const objectHead = `${String(ref)} 0 obj\n${body}\n`;
    objects[ref - 1] =
      stream === undefined
        ? Buffer.from(`${objectHead}endobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(`${objectHead}stream\n`, 'latin1'),
            stream,
            Buffer.from('\nendstream\nendobj\n'),
          ]);
  };
  const catalog = reserve();
  const pageTree = reserve();
  const infoRef = reserve();
  const fontRefs: string[] = [];
  for (const style of ['regular', 'bold'] as const) {
    if (isUsed(used[style])) {
      const ref = writeFont(embedFont(faces[style], used[style]), reserve, set);
      fontRefs.push(`/${FONT_NAMES[style]} ${String(ref)} 0 R`);
    }
  }
  const resources = `<< /Font << ${fontRefs.join(' ')} >> >>`;
  const mediaBox = `[0 0 ${String(info.width)} ${String(info.height)}]`;
  const kids: string[] = [];
  for (const content of contents) {
    const pageRef = reserve();
    const contentRef = reserve();
    set(contentRef, `<< /Length ${String(content.length)} /Filter /FlateDecode >>`, content);
    set(
      pageRef,
      `<< /Type /Page /Parent ${String(pageTree)} 0 R /MediaBox ${mediaBox} ` +
        `/Resources ${resources} /Contents ${String(contentRef)} 0 R >>`,
    );
    kids.push(`${String(pageRef)} 0 R`);
  }
  set(pageTree, `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${String(pages.length)} >>`);
  set(
    catalog,
    `<< /Type /Catalog /Pages ${String(pageTree)} 0 R /Lang (pl-PL) /ViewerPreferences << /DisplayDocTitle true >> >>`,
  );
  const subject = info.subject === undefined ? '' : ` /Subject ${utf16Text(info.subject)}`;
  set(
    infoRef,
    `<< /Title ${utf16Text(info.title)}${subject} /Creator (Sejf) /Producer (Sejf) ` +
      `/CreationDate ${pdfDate(info.createdOn)} /ModDate ${pdfDate(info.createdOn)} >>`,
  );
  return assemble(objects, catalog, infoRef);
}

function writeFont(
  embedding: FontEmbedding,
  reserve: () => number,
  set: (ref: number, body: string, stream?: Buffer) => void,
): number {
  const type0 = reserve();
  const cidFont = reserve();
  const descriptor = reserve();
  const fontFile = reserve();
  const toUnicode = reserve();
  const { baseFont, metrics } = embedding;
  set(
    type0,
    `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H ` +
      `/DescendantFonts [${String(cidFont)} 0 R] /ToUnicode ${String(toUnicode)} 0 R >>`,
  );
  set(
    cidFont,
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} ` +
      `/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
      `/FontDescriptor ${String(descriptor)} 0 R /CIDToGIDMap /Identity /W ${embedding.widthArray} >>`,
  );
  set(
    descriptor,
    `<< /Type /FontDescriptor /FontName /${baseFont} ${metrics} /FontFile2 ${String(fontFile)} 0 R >>`,
  );
  set(
    fontFile,
    `<< /Length ${String(embedding.fontFile.length)} /Length1 ${String(embedding.fontFileLength)} /Filter /FlateDecode >>`,
    embedding.fontFile,
  );
  set(
    toUnicode,
    `<< /Length ${String(embedding.toUnicode.length)} /Filter /FlateDecode >>`,
    embedding.toUnicode,
  );
  return type0;
}

function assemble(objects: readonly Buffer[], catalog: number, infoRef: number): Buffer {
  // The comment's bytes above 127 tell transfer tools the file is binary.
  const header = Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1');
  const offsets: number[] = [];
  let offset = header.length;
  for (const object of objects) {
    offsets.push(offset);
    offset += object.length;
  }
  const body = Buffer.concat([header, ...objects]);
  const id = createHash('md5').update(body).digest('hex');
  const xref = [
    'xref',
    `0 ${String(objects.length + 1)}`,
    '0000000000 65535 f ',
    ...offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${String(objects.length + 1)} /Root ${String(catalog)} 0 R /Info ${String(infoRef)} 0 R /ID [<${id}> <${id}>] >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.concat([body, Buffer.from(xref, 'latin1')]);
}
