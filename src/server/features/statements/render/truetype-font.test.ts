import { describe, expect, it } from 'vitest';
import {
  createByteWriter,
  writeFixed2,
  writeHundredths,
  writeInteger,
  writeLatin1,
  writtenBytes,
} from './byte-writer.js';
import { loadFontFace } from './pdf-fonts.js';
import { encodeText, measureText, wrapText } from './pdf-text.js';
import { parseTrueTypeFont } from './truetype-font.js';

/** Outline length of each glyph, read from a font's loca table (long format, as subsets are written). */
function outlineLengths(font: Buffer): number[] {
  const tables = new Map<string, number>();
  for (let i = 0; i < font.readUInt16BE(4); i++) {
    tables.set(font.toString('latin1', 12 + 16 * i, 16 + 16 * i), font.readUInt32BE(20 + 16 * i));
  }
  const count = font.readUInt16BE((tables.get('maxp') ?? 0) + 4);
  const loca = tables.get('loca') ?? 0;
  return Array.from(
    { length: count },
    (_, gid) => font.readUInt32BE(loca + 4 * gid + 4) - font.readUInt32BE(loca + 4 * gid),
  );
}

describe('TrueType subsets', () => {
  const face = loadFontFace('regular');
  const { font } = face;

  it('maps Polish letters to glyphs and knows their widths', () => {
    for (const letter of 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„”–…•') {
      const gid = font.glyphOf(letter.codePointAt(0) ?? 0);
      expect(gid).toBeGreaterThan(0);
      expect(font.advances[gid]).toBeGreaterThan(0);
    }
    expect(font.glyphOf(0x1f642)).toBe(0);
  });

  it('keeps glyph ids and the outlines asked for, with the glyphs composites are built from', () => {
    const wanted = ['a', 'ą', 'Ż'].map((letter) => font.glyphOf(letter.codePointAt(0) ?? 0));
    const subset = font.subset(wanted);
    const lengths = outlineLengths(subset);
    expect(lengths.length).toBeGreaterThanOrEqual(Math.max(...wanted) + 1);
    for (const gid of wanted) {
      expect(lengths[gid]).toBeGreaterThan(0);
    }
    // .notdef is always kept; ą and Ż are composites, so their parts come along; every other glyph is empty.
    const kept = lengths.filter((length) => length > 0).length;
    expect(lengths[0]).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(wanted.length + 1);
    expect(kept).toBeLessThan(12);
    const reparsed = parseTrueTypeFont(subset);
    expect(reparsed.glyphCount).toBe(lengths.length);
    for (const gid of wanted) {
      expect(reparsed.advances[gid]).toBe(font.advances[gid]);
    }
    expect(reparsed.unitsPerEm).toBe(font.unitsPerEm);
  });
});

describe('PDF text encoding', () => {
  const face = loadFontFace('regular');

  it('encodes glyph ids as two bytes, escaping what a literal string cannot hold raw', () => {
    const out = createByteWriter(4);
    const used = new Uint8Array(face.font.glyphCount);
    const width = encodeText(out, face, used, 'Aą', 10);
    const bytes = writtenBytes(out);
    const a = face.font.glyphOf(0x41);
    expect(bytes.readUInt16BE(0)).toBe(a);
    expect(width).toBeCloseTo(measureText(face, 'Aą', 10), 6);
    expect(used[a]).toBe(1);
    const escaped = face.codes.findIndex((code) => code.length > 2);
    expect(escaped).toBeGreaterThan(0);
    expect(String.fromCharCode(...(face.codes[escaped] ?? []))).toMatch(/\\[()\\nr]/);
  });

  it('cuts a text to a width with an ellipsis and never exceeds it', () => {
    const used = new Uint8Array(face.font.glyphCount);
    const full = measureText(face, 'Ubezpieczenia Zielona Łąka', 8);
    const width = encodeText(createByteWriter(), face, used, 'Ubezpieczenia Zielona Łąka', 8, full / 2);
    expect(width).toBeLessThanOrEqual(full / 2);
    expect(used[face.font.glyphOf(0x2026)]).toBe(1);
  });

  it('wraps on spaces and line breaks, and splits a word longer than the line', () => {
    expect(wrapText(face, 'Ala ma kota\nnowa linia', 10, 1000)).toEqual(['Ala ma kota', 'nowa linia']);
    const narrow = wrapText(face, 'Pośrednictwo ubezpieczeniowe', 10, 60);
    expect(narrow.length).toBeGreaterThan(1);
    expect(narrow.join('').replaceAll(' ', '')).toBe('Pośrednictwoubezpieczeniowe');
    for (const line of narrow) {
      expect(measureText(face, line, 10)).toBeLessThanOrEqual(60);
    }
  });
});

describe('byte writer', () => {
  it('writes integers and two-decimal numbers without float noise', () => {
    const out = createByteWriter(1);
    for (const value of [0, 7, 10, 12345, Number.MAX_SAFE_INTEGER, -42]) {
      writeInteger(out, value);
      writeLatin1(out, ' ');
    }
    for (const value of [0, 12.5, -0.05, 0.1 + 0.2, 123.456, -0.001, 99.999]) {
      writeFixed2(out, value);
      writeLatin1(out, ' ');
    }
    for (const value of [0, 5, -5, 123_456, -100]) {
      writeHundredths(out, value);
      writeLatin1(out, ' ');
    }
    expect(writtenBytes(out).toString('latin1')).toBe(
      '0 7 10 12345 9007199254740991 -42 0 12.5 -0.05 0.3 123.46 0 100 0.00 0.05 -0.05 1234.56 -1.00 ',
    );
  });
});
