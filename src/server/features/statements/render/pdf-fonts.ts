import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { type TrueTypeFont, parseTrueTypeFont } from './truetype-font.js';

export type FontStyle = 'regular' | 'bold';

/** A font parsed once per process, with what every document needs precomputed. */
export type FontFace = {
  style: FontStyle;
  font: TrueTypeFont;
  /** Identity-H code of each glyph (its id, two bytes) as it goes inside a PDF literal string, escaped. */
  codes: readonly Uint8Array[];
  /** Advance widths per glyph in 1/1000 of the font size. */
  widths: Float64Array;
  /**
   * The glyph printed for each BMP code point: control characters as a space, characters the font lacks as `?`
   * (never .notdef, an empty box that copies as nothing).
   */
  printable: Uint16Array;
  questionMark: number;
  space: number;
  /** Glyph → code point + 1 (0: not in the shared repertoire). */
  commonCodePoints: Uint32Array;
};

/** What a PDF embeds for one font: the subset, its widths and its ToUnicode map (all deflated once). */
export type FontEmbedding = {
  baseFont: string;
  /** The FontDescriptor's metric entries. */
  metrics: string;
  fontFile: Buffer;
  fontFileLength: number;
  widthArray: string;
  toUnicode: Buffer;
};

const FILES: Record<FontStyle, string> = {
  regular: '400Regular/NotoSans_400Regular.ttf',
  bold: '700Bold/NotoSans_700Bold.ttf',
};

// Latin (Polish and the neighbours' letters, which collaborators' and policyholders' names carry), the typographic
// punctuation Polish text uses („ ” – … •) and a few symbols. A document that stays within it reuses one subset
// built once per process; one that goes beyond (Cyrillic, Greek, Vietnamese …) gets that subset plus its extra
// glyphs.
const COMMON_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2013, 0x2014],
  [0x2018, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x2030, 0x2030],
  [0x20ac, 0x20ac],
  [0x2116, 0x2116],
];

const packageDirectory = dirname(
  createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans/package.json'),
);
const faces = new Map<FontStyle, FontFace>();

export function loadFontFace(style: FontStyle): FontFace {
  const cached = faces.get(style);
  if (cached !== undefined) {
    return cached;
  }
  const font = parseTrueTypeFont(readFileSync(join(packageDirectory, FILES[style])));
  const commonCodePoints = new Uint32Array(font.glyphCount);
  for (const [first, last] of COMMON_RANGES) {
    for (let codePoint = first; codePoint <= last; codePoint++) {
      const gid = font.glyphOf(codePoint);
      if (gid !== 0 && commonCodePoints[gid] === 0) {
        commonCodePoints[gid] = codePoint + 1;
      }
    }
  }
  const scale = 1000 / font.unitsPerEm;
  const questionMark = font.glyphOf(0x3f);
  const space = font.glyphOf(0x20);
  const printable = new Uint16Array(0x10000);
  for (let codePoint = 0; codePoint < 0x10000; codePoint++) {
    const isControl = codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0);
    printable[codePoint] = isControl ? space : font.glyphOf(codePoint) || questionMark;
  }
  const face: FontFace = {
    style,
    font,
    codes: Array.from({ length: font.glyphCount }, (_, gid) =>
      Buffer.from(literalByte(gid >> 8) + literalByte(gid & 0xff), 'latin1'),
    ),
    widths: Float64Array.from(font.advances, (advance) => advance * scale),
    printable,
    questionMark,
    space,
    commonCodePoints,
  };
  faces.set(style, face);
  return face;
}

// Inside a literal string, parentheses and backslashes need a backslash, and a raw CR would be read as a LF.
const ESCAPED_BYTES: Readonly<Record<number, string>> = {
  0x0a: '\\n',
  0x0d: '\\r',
  0x28: '\\(',
  0x29: '\\)',
  0x5c: '\\\\',
};

function literalByte(byte: number): string {
  return ESCAPED_BYTES[byte] ?? String.fromCharCode(byte);
}

function hex4(gid: number): string {
  return gid.toString(16).padStart(4, '0');
}

const commonEmbeddings = new Map<FontStyle, FontEmbedding>();
// Subsets for documents that go beyond the shared repertoire (a Ukrainian name, a Greek letter), by the glyphs
// they add: the next statement with the same name reuses it. Bounded: least recently used goes first.
const extendedEmbeddings = new Map<string, FontEmbedding>();
const EXTENDED_LIMIT = 64;

/**
 * The embedding for the glyphs a document used (`used`: nonzero for each glyph used): the shared subset when they
 * all belong to it, else the shared subset plus the others. It depends only on which glyphs were used, never on
 * what was rendered before, so the same document always gets the same bytes.
 */
export function embedFont(face: FontFace, used: Uint8Array): FontEmbedding {
  const extras: number[] = [];
  for (let gid = 0; gid < used.length; gid++) {
    if (used[gid] !== 0 && face.commonCodePoints[gid] === 0) {
      extras.push(gid);
    }
  }
  if (extras.length === 0) {
    let embedding = commonEmbeddings.get(face.style);
    if (embedding === undefined) {
      embedding = buildEmbedding(face, face.commonCodePoints);
      commonEmbeddings.set(face.style, embedding);
    }
    return embedding;
  }
  const key = `${face.style}:${extras.join(',')}`;
  let embedding = extendedEmbeddings.get(key);
  if (embedding === undefined) {
    const codePoints = Uint32Array.from(face.commonCodePoints);
    for (const gid of extras) {
      codePoints[gid] = face.font.codePointOf[gid] || 0x3f + 1;
    }
    embedding = buildEmbedding(face, codePoints);
  }
  extendedEmbeddings.delete(key);
  extendedEmbeddings.set(key, embedding);
  if (extendedEmbeddings.size > EXTENDED_LIMIT) {
    const oldest = extendedEmbeddings.keys().next();
    if (oldest.done !== true) {
      extendedEmbeddings.delete(oldest.value);
    }
  }
  return embedding;
}

function buildEmbedding(face: FontFace, codePoints: Uint32Array): FontEmbedding {
  const gids: number[] = [];
  codePoints.forEach((codePoint, gid) => {
    if (codePoint !== 0) {
      gids.push(gid);
    }
  });
  const fontFile = face.font.subset(gids);
  // A subset's tag must differ between subsets of the same font; a hash of the glyph list keeps it stable.
  const digest = createHash('sha256')
    .update(`${face.font.postscriptName}:${gids.join(',')}`)
    .digest();
  const tag = Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
  return {
    baseFont: `${tag}+${face.font.postscriptName}`,
    metrics: descriptorMetrics(face.font),
    fontFile: deflateSync(fontFile),
    fontFileLength: fontFile.length,
    widthArray: widthArray(face, gids),
    toUnicode: deflateSync(toUnicodeCmap(face, gids, codePoints)),
  };
}

function descriptorMetrics(font: TrueTypeFont): string {
  const scale = (value: number) => String(Math.round((value * 1000) / font.unitsPerEm));
  // Flags: 4 (symbolic: glyphs outside the standard Latin set), plus 1 for a fixed-pitch font.
  const flags = 4 | (font.isFixedPitch ? 1 : 0);
  return (
    `/Flags ${String(flags)} /FontBBox [${font.bbox.map(scale).join(' ')}] /ItalicAngle ${String(font.italicAngle)} ` +
    `/Ascent ${scale(font.ascent)} /Descent ${scale(font.descent)} /CapHeight ${scale(font.capHeight)} /StemV 80`
  );
}

/** `[first [w w w] next [w] …]`: runs of consecutive glyph ids share one entry. */
function widthArray(face: FontFace, gids: readonly number[]): string {
  const parts: string[] = [];
  let run: string[] = [];
  let previous = -2;
  for (const gid of gids) {
    if (gid !== previous + 1) {
      if (run.length > 0) {
        parts.push(`[${run.join(' ')}]`);
      }
      parts.push(String(gid));
      run = [];
    }
    run.push(String(Math.round(face.widths[gid] ?? 0)));
    previous = gid;
  }
  if (run.length > 0) {
    parts.push(`[${run.join(' ')}]`);
  }
  return `[${parts.join(' ')}]`;
}

function utf16Hex(codePoint: number): string {
  if (codePoint < 0x10000) {
    return codePoint.toString(16).padStart(4, '0');
  }
  const offset = codePoint - 0x10000;
  return ((0xd800 | (offset >> 10)) * 0x10000 + (0xdc00 | (offset & 0x3ff))).toString(16).padStart(8, '0');
}

function toUnicodeCmap(face: FontFace, gids: readonly number[], codePoints: Uint32Array): Buffer {
  const entries = gids.map((gid) => `<${hex4(gid)}> <${utf16Hex((codePoints[gid] ?? 1) - 1)}>`);
  const blocks: string[] = [];
  // At most 100 entries per block, as the CMap format requires.
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${String(block.length)} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return Buffer.from(
    [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n'),
    'latin1',
  );
}
