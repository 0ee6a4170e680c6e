import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Fa3Error, type Fa3ErrorCode } from './fa3-error.js';
import { readFa3Invoice, type ReadFa3Options } from './fa3-reader.js';
import { parseXmlTree } from './fa3-xml-parser.js';

const FIXTURES = new URL('../../../../../test/fixtures/ksef/', import.meta.url);
const VALID = readFileSync(new URL('commission-exempt-period.xml', FIXTURES), 'utf8');
const NS = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
const SELLER_NAME = 'Usługi Ubezpieczeniowe Żaneta Gęślewicz';

function refusal(input: Uint8Array | string, options?: ReadFa3Options): Fa3Error {
  try {
    readFa3Invoice(input, options);
  } catch (error) {
    if (error instanceof Fa3Error) {
      return error;
    }
    throw error;
  }
  throw new Error('The document was accepted');
}

function expectRefused(input: Uint8Array | string, code: Fa3ErrorCode, options?: ReadFa3Options): Fa3Error {
  const error = refusal(input, options);
  expect(error.code).toBe(code);
  // Errors reach logs: never any invoice content.
  for (const content of [SELLER_NAME, '6793055127', '8382014671', '1234.56', 'FV/7/10/2026']) {
    expect(error.message).not.toContain(content);
    expect(JSON.stringify(error.details ?? null)).not.toContain(content);
  }
  return error;
}

/** The valid fixture with a DOCTYPE inserted after the XML declaration. */
function withDoctype(doctype: string, body = VALID): string {
  return body.replace('?>\n', `?>\n${doctype}\n`);
}

describe('the XML parser refuses what could attack it', () => {
  it('accepts the valid fixture', () => {
    expect(readFa3Invoice(VALID).sellerName).toBe(SELLER_NAME);
  });

  it('refuses any DOCTYPE, even an empty one', () => {
    expectRefused(withDoctype('<!DOCTYPE Faktura>'), 'xml_doctype_forbidden');
  });

  it('refuses an external entity (XXE) before resolving it', () => {
    const xxe = withDoctype('<!DOCTYPE Faktura [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
      SELLER_NAME,
      '&xxe;',
    );
    expectRefused(xxe, 'xml_doctype_forbidden');
  });

  it('refuses an external DTD and parameter entities', () => {
    expectRefused(
      withDoctype('<!DOCTYPE Faktura SYSTEM "http://127.0.0.1:1/evil.dtd">'),
      'xml_doctype_forbidden',
    );
    const parameterEntity =
      '<!DOCTYPE Faktura [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/x.dtd"> %remote;]>';
    expectRefused(withDoctype(parameterEntity), 'xml_doctype_forbidden');
  });

  it('refuses the billion laughs without expanding anything', () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level++) {
      const previous = `&lol${level - 1};`;
      levels.push(`<!ENTITY lol${level} "${previous.repeat(10)}">`);
    }
    const bomb = withDoctype(`<!DOCTYPE Faktura [${levels.join('')}]>`).replace(SELLER_NAME, '&lol9;');
    expectRefused(bomb, 'xml_doctype_forbidden');
  });

  it('treats a reference to an undeclared entity as malformed', () => {
    expectRefused(VALID.replace(SELLER_NAME, '&xxe;'), 'xml_malformed');
    expectRefused(VALID.replace(SELLER_NAME, '&nbsp;'), 'xml_malformed');
  });

  it.each([
    ['an unclosed element', VALID.replace('</Podmiot1>', '')],
    ['mismatched tags', VALID.replace('</P_2>', '</P_3>')],
    ['a second root', `${VALID}<Faktura xmlns="${NS}"/>`],
    ['text after the root', `${VALID}trailing`],
    ['an unescaped ampersand', VALID.replace(SELLER_NAME, 'A & B')],
    ['a NUL character reference', VALID.replace(SELLER_NAME, 'A&#0;B')],
    ['an undeclared namespace prefix', VALID.replace('<P_2>', '<x:P_2>').replace('</P_2>', '</x:P_2>')],
    ['a truncated document', VALID.slice(0, VALID.length / 2)],
    ['an empty document', ''],
    ['not XML at all', '%PDF-1.7\n'],
  ])('refuses %s as malformed, with a position', (_case, xml) => {
    const { details } = expectRefused(xml, 'xml_malformed');
    expect(details !== undefined && 'line' in details && details.line >= 1 && details.column >= 0).toBe(true);
  });

  it.each([
    ['another root element', VALID.replaceAll('Faktura', 'Invoice')],
    ['no namespace', VALID.replace(` xmlns="${NS}"`, '')],
    ['the FA(2) namespace', VALID.replace(NS, 'http://crd.gov.pl/wzor/2023/06/29/12648/')],
    ['the FA(3) namespace on a prefix only', VALID.replace(` xmlns="${NS}"`, ` xmlns:fa="${NS}"`)],
    ['another kodSystemowy', VALID.replace('kodSystemowy="FA (3)"', 'kodSystemowy="FA (2)"')],
    ['no header', VALID.replace(/<Naglowek>[\s\S]*<\/Naglowek>/, '')],
  ])('refuses %s as not FA(3)', (_case, xml) => {
    expectRefused(xml, 'not_fa3');
  });

  it('accepts a prefixed FA(3) namespace', () => {
    const prefixed = VALID.replace(` xmlns="${NS}"`, ` xmlns:fa="${NS}"`).replace(
      /<(\/?)([A-Za-z_][\w]*)/g,
      (_match: string, slash: string, name: string) => `<${slash}fa:${name}`,
    );
    expect(readFa3Invoice(prefixed).number).toBe('FV/7/10/2026');
  });
});

describe('the XML parser accepts only UTF-8', () => {
  it('accepts UTF-8 bytes, with or without a byte order mark', () => {
    expect(readFa3Invoice(Buffer.from(VALID, 'utf8')).sellerName).toBe(SELLER_NAME);
    expect(readFa3Invoice(Buffer.from(`\ufeff${VALID}`, 'utf8')).sellerName).toBe(SELLER_NAME);
    expect(readFa3Invoice(new Uint8Array(Buffer.from(VALID, 'utf8'))).sellerName).toBe(SELLER_NAME);
  });

  it('refuses Windows-1250 bytes, whatever the declaration says', () => {
    const declared = VALID.replace('encoding="UTF-8"', 'encoding="windows-1250"');
    expectRefused(iconv.encode(declared, 'win1250'), 'xml_encoding_unsupported');
    expectRefused(iconv.encode(VALID, 'win1250'), 'xml_encoding_unsupported');
  });

  it('refuses a declared non-UTF-8 encoding even when the bytes happen to be ASCII', () => {
    const ascii = VALID.replace('encoding="UTF-8"', 'encoding="ISO-8859-2"').replace(SELLER_NAME, 'Uslugi');
    expectRefused(Buffer.from(ascii, 'utf8'), 'xml_encoding_unsupported');
    const usAscii = ascii.replace('ISO-8859-2', 'US-ASCII').replace(/[^\x20-\x7e\n]/g, 'x');
    expect(readFa3Invoice(Buffer.from(usAscii, 'utf8')).sellerName).toBe('Uslugi');
  });

  it('refuses UTF-16 and UTF-32, with or without a byte order mark', () => {
    const utf16 = VALID.replace('encoding="UTF-8"', 'encoding="UTF-16"');
    expectRefused(Buffer.from(`\ufeff${utf16}`, 'utf16le'), 'xml_encoding_unsupported');
    expectRefused(Buffer.from(utf16, 'utf16le'), 'xml_encoding_unsupported');
    expectRefused(Buffer.from(utf16, 'utf16le').swap16(), 'xml_encoding_unsupported');
    const utf32 = Buffer.alloc(8);
    utf32.writeUInt32BE(0x3c, 0);
    utf32.writeUInt32BE(0x3f, 4);
    expectRefused(utf32, 'xml_encoding_unsupported');
  });
});

describe('the XML parser limits size, depth and element count', () => {
  it('refuses more bytes than the limit before parsing', () => {
    const size = Buffer.byteLength(VALID, 'utf8');
    expectRefused(VALID, 'xml_too_large', { limits: { maxBytes: size - 1 } });
    expect(readFa3Invoice(VALID, { limits: { maxBytes: size } }).total).toBe(123456);
  });

  it('refuses a document above the default 5 MiB limit', () => {
    const padded = VALID.replace('<Naglowek>', `<!--${'x'.repeat(5 * 1024 * 1024)}--><Naglowek>`);
    expectRefused(padded, 'xml_too_large');
    expectRefused(Buffer.from(padded, 'utf8'), 'xml_too_large');
  });

  it('refuses deep nesting without recursing', () => {
    const depth = 100_000;
    const deep = VALID.replace('<P_2>', `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}<P_2>`);
    expectRefused(deep, 'xml_too_deep');
    expectRefused(VALID, 'xml_too_deep', { limits: { maxDepth: 3 } });
    expect(readFa3Invoice(VALID, { limits: { maxDepth: 5 } }).number).toBe('FV/7/10/2026');
  });

  it('refuses too many elements', () => {
    const lines = VALID.match(/<FaWiersz>[\s\S]*?<\/FaWiersz>/)?.[0] ?? '';
    expect(lines).not.toBe('');
    const many = VALID.replace(lines, lines.repeat(300));
    expectRefused(many, 'xml_too_large', { limits: { maxElements: 1_000 } });
  });
});

describe('parseXmlTree', () => {
  it('keeps namespaces, attributes and text, and ignores comments and processing instructions', () => {
    const tree = parseXmlTree(
      '<?xml version="1.0"?><?pi data?><r xmlns="urn:r" xmlns:o="urn:o" a="1" o:b="2"><!-- c --><c>x<![CDATA[<&>]]>y</c><o:d/></r>',
      { name: 'r', namespace: 'urn:r' },
    );
    expect(tree.attributes).toEqual(
      new Map([
        ['{http://www.w3.org/2000/xmlns/}xmlns', 'urn:r'],
        ['{http://www.w3.org/2000/xmlns/}o', 'urn:o'],
        ['a', '1'],
        ['{urn:o}b', '2'],
      ]),
    );
    expect(tree.children.map((child) => [child.name, child.namespace, child.text])).toEqual([
      ['c', 'urn:r', 'x<&>y'],
      ['d', 'urn:o', ''],
    ]);
  });
});
