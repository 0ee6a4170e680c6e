import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createContentInspector } from './content-inspector.js';
import type { InspectionResult } from './inspection.js';

function inspect(chunks: Buffer[]): InspectionResult {
  const inspector = createContentInspector();
  for (const chunk of chunks) {
    inspector.update(chunk);
  }
  return inspector.finish();
}

function inspectWhole(data: Buffer): InspectionResult {
  return inspect([data]);
}

function splitAt(data: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, data.length]) {
    chunks.push(data.subarray(start, point));
    start = point;
  }
  return chunks;
}

function bytesOneByOne(data: Buffer): Buffer[] {
  return Array.from({ length: data.length }, (_, i) => data.subarray(i, i + 1));
}

// A minimal ZIP writer: stored or deflated entries, sizes in the local header or in a data
// descriptor after the data (flag bit 3), then the central directory.
type ZipEntry = { name: string; data: Buffer | string };
function zip(entries: ZipEntry[], options: { deflate?: boolean; dataDescriptor?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const stored = options.deflate ? deflateRawSync(raw) : raw;
    const crc = crc32(raw);
    const flags = 0x0800 | (options.dataDescriptor ? 0x08 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(options.deflate ? 8 : 0, 8);
    local.writeUInt32LE(options.dataDescriptor ? 0 : crc, 14);
    local.writeUInt32LE(options.dataDescriptor ? 0 : stored.length, 18);
    local.writeUInt32LE(options.dataDescriptor ? 0 : raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(options.dataDescriptor ? 16 : 0);
    if (options.dataDescriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(stored.length, 8);
      descriptor.writeUInt32LE(raw.length, 12);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(options.deflate ? 8 : 0, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(stored.length, 20);
    header.writeUInt32LE(raw.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    parts.push(local, name, stored, descriptor);
    offset += local.length + name.length + stored.length + descriptor.length;
  }
  const centralDirectory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralDirectory, end]);
}

const workbookEntries: ZipEntry[] = [
  {
    name: '[Content_Types].xml',
    data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  },
  { name: '_rels/.rels', data: '<?xml version="1.0"?><Relationships/>' },
  {
    name: 'xl/workbook.xml',
    data: '<?xml version="1.0"?><workbook><sheets><sheet name="Prowizje"/></sheets></workbook>',
  },
  {
    name: 'xl/worksheets/sheet1.xml',
    data: `<?xml version="1.0"?><worksheet><sheetData>${'<row><c t="inlineStr"><is><t>Łódź 123,45 zł</t></is></c></row>'.repeat(200)}</sheetData></worksheet>`,
  },
];

function pdf(body: string): Buffer {
  return Buffer.from(
    `%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${body} >>\nendobj\n` +
      '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
      '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n' +
      'trailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n',
    'latin1',
  );
}

const png = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(40, 7),
]);
const jpeg = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(40, 1),
]);

const polishCsv = 'Agent;Kwota;Miasto\nZażółć Gęślą;1234,56;Łódź\nŚwiętosław Jaźń;99,00;Kraków\n';
const samples: Record<string, { data: Buffer; expected: Partial<InspectionResult> }> = {
  'a minimal PDF': {
    data: pdf('/OpenAction [3 0 R /Fit]'),
    expected: { ok: true, kind: 'pdf', mime: 'application/pdf' },
  },
  'a PDF after a UTF-8 BOM': {
    data: Buffer.concat([Buffer.from('efbbbf', 'hex'), pdf('')]),
    expected: { kind: 'pdf' },
  },
  'a PDF with a name that only starts like /JS': {
    data: pdf('/JSON 1 /XFAx 2 /Launcher 3 /constructor 4 /__proto__ 5 /toString 6'),
    expected: { kind: 'pdf' },
  },
  'a PDF with JavaScript': {
    data: pdf('/Names << /JavaScript 4 0 R >>'),
    expected: { ok: false, code: 'file_active_content' },
  },
  'a PDF that runs JavaScript on open': {
    data: pdf('/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>'),
    expected: { code: 'file_active_content', reason: expect.stringMatching(/when it is opened/) as string },
  },
  'a PDF hiding /JavaScript behind #-escapes': {
    data: pdf('/AA << /O << /S /J#61va#53cript /JS(x) >> >>'),
    expected: { code: 'file_active_content' },
  },
  'a PDF with a /Launch action': {
    data: pdf('/OpenAction << /S /Launch /F (cmd.exe) >>'),
    expected: { code: 'file_active_content' },
  },
  'a PDF with embedded files': {
    data: pdf('/Names << /EmbeddedFiles 5 0 R >>'),
    expected: { code: 'file_active_content' },
  },
  'a PDF with rich media': {
    data: pdf('/Annots [<< /Subtype /RichMedia >>]'),
    expected: { code: 'file_active_content' },
  },
  'a PDF with an XFA form': {
    data: pdf('/AcroForm << /XFA 6 0 R >>'),
    expected: { code: 'file_active_content' },
  },
  'a PDF with /JS after a megabyte of binary data': {
    data: Buffer.concat([pdf(''), Buffer.alloc(1024 * 1024, 0xa7), Buffer.from('\n7 0 obj << /JS (x) >>')]),
    expected: { code: 'file_active_content' },
  },
  'a PNG image': { data: png, expected: { ok: true, kind: 'png', mime: 'image/png' } },
  'a JPEG image': { data: jpeg, expected: { ok: true, kind: 'jpeg', mime: 'image/jpeg' } },
  'an XLSX workbook': {
    data: zip(workbookEntries),
    expected: {
      ok: true,
      kind: 'xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  },
  'a deflated XLSX with data descriptors': {
    data: zip(workbookEntries, { deflate: true, dataDescriptor: true }),
    expected: { ok: true, kind: 'xlsx' },
  },
  'an XLSM workbook with macros': {
    data: zip([...workbookEntries, { name: 'xl/vbaProject.bin', data: Buffer.alloc(2000, 0xd0) }], {
      deflate: true,
    }),
    expected: { ok: false, code: 'file_active_content' },
  },
  'a workbook with macros after data descriptors': {
    data: zip([...workbookEntries, { name: 'xl/vbaProject.bin', data: 'vba' }], {
      dataDescriptor: true,
      deflate: true,
    }),
    expected: { code: 'file_active_content' },
  },
  'a workbook with an embedded object': {
    data: zip([...workbookEntries, { name: 'xl/embeddings/oleObject1.bin', data: 'MZ' }]),
    expected: { code: 'file_active_content' },
  },
  'a ZIP that is not a workbook': {
    data: zip([{ name: 'faktura.exe', data: Buffer.from('4d5a900003', 'hex') }]),
    expected: { ok: false, code: 'file_type_not_allowed' },
  },
  'a DOCX (a ZIP but not a workbook)': {
    data: zip([
      workbookEntries[0] ?? { name: '', data: '' },
      { name: 'word/document.xml', data: '<w:document/>' },
    ]),
    expected: { code: 'file_type_not_allowed' },
  },
  'a truncated XLSX': {
    data: zip(workbookEntries).subarray(0, 900),
    expected: { code: 'file_type_not_allowed' },
  },
  'a Windows executable named .pdf': {
    data: Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(2000)]),
    expected: {
      code: 'file_type_not_allowed',
      reason: expect.stringMatching(/Windows executable/) as string,
    },
  },
  'an ELF executable': {
    data: Buffer.from('7f454c46020101000000', 'hex'),
    expected: { code: 'file_type_not_allowed' },
  },
  'a gzip archive': { data: gzipSync(Buffer.from(polishCsv)), expected: { code: 'file_type_not_allowed' } },
  'a shell script': {
    data: Buffer.from('#!/bin/sh\nrm -rf ~\n'),
    expected: { code: 'file_type_not_allowed' },
  },
  'an XML file': {
    data: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<prowizje>${'<pozycja kwota="123,45">Łódź</pozycja>'.repeat(100)}</prowizje>\n`,
    ),
    expected: { ok: true, kind: 'xml', mime: 'application/xml' },
  },
  'an XML file with a BOM and leading blank lines': {
    data: Buffer.from('\ufeff\n\n  <raport><a>1</a></raport>'),
    expected: { ok: true, kind: 'xml' },
  },
  'an XML file with a DOCTYPE': {
    data: Buffer.from(
      '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<foo>&xxe;</foo>',
    ),
    expected: { ok: false, code: 'file_active_content', reason: expect.stringMatching(/DOCTYPE/) as string },
  },
  'an XML file with an entity declaration deep inside': {
    data: Buffer.from(`<a>${'<b>x</b>'.repeat(500)}<!entity lol "lol"></a>`),
    expected: { code: 'file_active_content' },
  },
  'an XML file in Windows-1250': {
    data: iconv.encode('<?xml version="1.0" encoding="windows-1250"?><a>Łódź</a>', 'win1250'),
    expected: { code: 'file_type_not_allowed' },
  },
  'an HTML page': {
    data: Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'),
    expected: { code: 'file_type_not_allowed' },
  },
  'an HTML page without a doctype': {
    data: Buffer.from('  <HTML>\n<script>alert(1)</script>'),
    expected: { code: 'file_type_not_allowed' },
  },
  'a PHP script': {
    data: Buffer.from('<?php system($_GET["c"]); ?>'),
    expected: { code: 'file_type_not_allowed' },
  },
  'a UTF-8 CSV with Polish letters': {
    data: Buffer.from(polishCsv),
    expected: { ok: true, kind: 'csv', mime: 'text/csv' },
  },
  'a long UTF-8 CSV with a BOM, tabs and CRLF': {
    data: Buffer.from(`\ufeff${'Zażółć\t1,00\t"gęślą; jaźń"\r\n'.repeat(500)}`),
    expected: { ok: true, kind: 'csv' },
  },
  'a CSV in Windows-1250 with Polish letters': {
    data: iconv.encode(polishCsv.repeat(30), 'win1250'),
    expected: { ok: true, kind: 'csv' },
  },
  'a CSV with a NUL byte': {
    data: Buffer.concat([Buffer.from(polishCsv.repeat(30)), Buffer.from([0]), Buffer.from('x;y\n')]),
    expected: { ok: false, code: 'file_type_not_allowed', reason: expect.stringMatching(/0x00/) as string },
  },
  'a CSV with an escape character': {
    data: Buffer.from('a;b\n\x1b[31mred;1\n'),
    expected: { code: 'file_type_not_allowed' },
  },
  'text in neither UTF-8 nor Windows-1250': {
    data: Buffer.from([0x61, 0x3b, 0x98, 0x0a]),
    expected: { code: 'file_type_not_allowed' },
  },
  'a file of blank lines': {
    data: Buffer.from('\r\n\r\n   \n'),
    expected: { code: 'file_type_not_allowed' },
  },
  'a file of more than a kilobyte of blanks': {
    data: Buffer.from(`${' '.repeat(2000)}a;b\n`),
    expected: { code: 'file_type_not_allowed' },
  },
};

describe('createContentInspector', () => {
  it.each(Object.entries(samples))('inspects %s', (_name, { data, expected }) => {
    expect(inspectWhole(data)).toMatchObject(expected);
  });

  it.each(Object.entries(samples))(
    'gives the same result for %s fed one byte at a time',
    (_name, { data }) => {
      expect(inspect(bytesOneByOne(data))).toEqual(inspectWhole(data));
    },
  );

  it('gives the same result however the stream is chunked', () => {
    const entries = Object.values(samples);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: entries.length - 1 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (index, cuts) => {
          const data = entries[index]?.data ?? Buffer.alloc(0);
          expect(inspect(splitAt(data, cuts))).toEqual(inspectWhole(data));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary bytes behind any known start, and stays chunking-independent', () => {
    const starts = [
      '',
      '%PDF-1.4 /',
      'PK\x03\x04',
      'PK\x03\x04\x14\x00\x08\x00',
      '<',
      '\ufeff<x>',
      'a;b\n',
      'MZ',
    ].map((start) => Buffer.from(start, 'latin1'));
    fc.assert(
      fc.property(
        fc.constantFrom(...starts),
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (start, body, cuts) => {
          const data = Buffer.concat([start, body]);
          const whole = inspectWhole(data);
          expect(inspect(splitAt(data, cuts))).toEqual(whole);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('detects active content split across chunks at every position', () => {
    for (const data of [
      pdf('/OpenAction << /S /JavaScript /JS (x) >>'),
      Buffer.from(`<a>${'x'.repeat(1100)}<!DOCTYPE a></a>`),
      zip([...workbookEntries, { name: 'xl/vbaProject.bin', data: 'vba' }]),
    ]) {
      const expected = inspectWhole(data);
      expect(expected.ok).toBe(false);
      for (let cut = 0; cut <= data.length; cut++) {
        expect(inspect([data.subarray(0, cut), data.subarray(cut)])).toEqual(expected);
      }
    }
  });

  it('refuses an empty file', () => {
    expect(inspect([])).toEqual({ ok: false, code: 'empty_file', reason: expect.any(String) as string });
    expect(inspect([Buffer.alloc(0), Buffer.alloc(0)])).toMatchObject({ code: 'empty_file' });
  });

  it('does not depend on the caller keeping its buffers intact', () => {
    const data = Buffer.from(polishCsv);
    const inspector = createContentInspector();
    const reused = Buffer.alloc(4);
    for (let offset = 0; offset < data.length; offset += 4) {
      const length = data.copy(reused, 0, offset, offset + 4);
      inspector.update(reused.subarray(0, length));
      reused.fill(0);
    }
    expect(inspector.finish()).toMatchObject({ ok: true, kind: 'csv' });
  });

  it('returns the same result when finish is called twice and refuses updates afterwards', () => {
    const inspector = createContentInspector();
    inspector.update(png);
    const result = inspector.finish();
    expect(inspector.finish()).toBe(result);
    expect(() => {
      inspector.update(png);
    }).toThrow(/already finished/);
  });
});
