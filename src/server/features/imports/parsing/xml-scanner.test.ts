import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createXmlScanner, forEachAttribute } from './xml-scanner.js';
import { bytesToText, decodeOoxmlEscapes, decodeXmlText } from './xml-text.js';

function events(xml: string, cuts: number[] = []): string[] {
  const seen: string[] = [];
  const scanner = createXmlScanner(
    {
      open: (source, nameStart, nameEnd, attributesEnd, isSelfClosing) => {
        const attributes: string[] = [];
        forEachAttribute(source, nameEnd, attributesEnd, (s, a, b, c, d) => {
          attributes.push(`${s.toString('utf8', a, b)}=${s.toString('utf8', c, d)}`);
        });
        seen.push(
          `<${source.toString('utf8', nameStart, nameEnd)} ${attributes.join(' ')}${isSelfClosing ? '/' : ''}>`,
        );
        return -1;
      },
      close: (source, nameStart, nameEnd) => seen.push(`</${source.toString('utf8', nameStart, nameEnd)}>`),
      text: (source, start, end, isCdata) =>
        seen.push(`${isCdata ? 'cdata' : 'text'}:${source.toString('utf8', start, end)}`),
    },
    1024,
  );
  const bytes = Buffer.from(xml);
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    scanner.write(bytes.subarray(start, cut));
    start = cut;
  }
  scanner.write(bytes.subarray(start));
  scanner.end();
  return seen;
}

describe('XML scanner', () => {
  it('reports elements by local name, attributes, text and CDATA; skips comments and declarations', () => {
    const xml = `<?xml version="1.0"?><!-- note --><x:row r="1" x:spans='1:2'><x:c r="A1" t="s"><x:v>5</x:v></x:c><c/><t>a &amp; b<![CDATA[<raw>]]></t></x:row>`;
    expect(events(xml)).toEqual([
      '<row r=1 x:spans=1:2>',
      '<c r=A1 t=s>',
      '<v >',
      'text:5',
      '</v>',
      '</c>',
      '<c />',
      '<t >',
      'text:a &amp; b',
      'cdata:<raw>',
      '</t>',
      '</row>',
    ]);
  });

  it('skips quoted > inside attribute values', () => {
    expect(events('<a title="x > y" b=\'>\'>z</a>')).toEqual(['<a title=x > y b=>>', 'text:z', '</a>']);
  });

  it('refuses a DOCTYPE (no entity expansion)', () => {
    expect(() => events('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')).toThrow(
      expect.objectContaining({ code: 'xlsx_invalid' }),
    );
  });

  it('refuses an endless tag', () => {
    expect(() => events(`<a b="${'x'.repeat(2000)}`)).toThrow(
      expect.objectContaining({ code: 'xlsx_invalid' }),
    );
  });

  it('gives the same events however the bytes are split', () => {
    const xml = `<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>Zażółć „gęślą” &lt;jaźń&gt;</t></is></c><!-- c --><c r="C2"><f>A1</f><v>1.5</v></c></row></sheetData>`;
    const whole = events(xml);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: Buffer.byteLength(xml) }), { maxLength: 12 }), (cuts) => {
        expect(events(xml, cuts).join('')).toEqual(whole.join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('decodes entities and Office escapes', () => {
    expect(decodeXmlText('a &amp; b &lt;&gt; &quot;&apos; &#261; &#x142; &#0;')).toBe(
      'a & b <> "\' ą ł \ufffd',
    );
    expect(decodeOoxmlEscapes('line_x000D_break _x005F_x000D_')).toBe('line\rbreak _x000D_');
  });

  it('turns bytes into text, short ASCII and UTF-8 alike', () => {
    const bytes = Buffer.from('1234.5600000000001|Łódź|' + 'x'.repeat(40));
    expect(bytesToText(bytes, 0, 18)).toBe('1234.5600000000001');
    expect(bytesToText(bytes, 19, 26)).toBe('Łódź');
    expect(bytesToText(bytes, 27, 67)).toBe('x'.repeat(40));
  });
});
