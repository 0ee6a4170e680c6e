import { writeSubset } from './truetype-subset.js';

/**
 * Just enough of a TrueType font for PDF text: code point → glyph, advance widths, and a subset that keeps glyph
 * ids (so a PDF can use CIDToGIDMap Identity) and drops the outlines, layout tables and glyphs it does not need.
 */
export type TrueTypeFont = {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  isFixedPitch: boolean;
  bbox: readonly [number, number, number, number];
  glyphCount: number;
  /** The glyph for a code point; 0 (.notdef) when the font has none. */
  glyphOf: (codePoint: number) => number;
  /** Glyph → the lowest code point the cmap maps to it, + 1 (0: none): what copying the glyph gives back. */
  codePointOf: Uint32Array;
  /** Advance widths in font units, by glyph id. */
  advances: Uint16Array;
  /** A font file with glyph ids 0..max(gids) only, outlines only for `gids` (and the glyphs they are built from). */
  subset: (gids: Iterable<number>) => Buffer;
};

export type Table = { offset: number; length: number };

export function parseTrueTypeFont(bytes: Buffer): TrueTypeFont {
  const tables = readTableDirectory(bytes);
  const table = (tag: string): Table => {
    const found = tables.get(tag);
    if (found === undefined) {
      throw new Error(`The font has no ${tag} table`);
    }
    return found;
  };
  const head = table('head').offset;
  const hhea = table('hhea').offset;
  const post = table('post').offset;
  const unitsPerEm = bytes.readUInt16BE(head + 18);
  const glyphCount = bytes.readUInt16BE(table('maxp').offset + 4);
  const isLongLoca = bytes.readInt16BE(head + 50) === 1;
  const loca = readLoca(bytes, table('loca').offset, glyphCount, isLongLoca);
  const os2 = tables.get('OS/2');
  const capHeight = os2 !== undefined && os2.length >= 90 ? bytes.readInt16BE(os2.offset + 88) : 0;
  const { bmp, astral } = readCmap(bytes, table('cmap').offset);
  const glyf = table('glyf').offset;
  return {
    postscriptName: readPostscriptName(bytes, tables.get('name')) ?? 'Font',
    unitsPerEm,
    ascent: bytes.readInt16BE(hhea + 4),
    descent: bytes.readInt16BE(hhea + 6),
    capHeight,
    italicAngle: bytes.readInt32BE(post + 4) / 65536,
    isFixedPitch: bytes.readUInt32BE(post + 12) !== 0,
    bbox: [
      bytes.readInt16BE(head + 36),
      bytes.readInt16BE(head + 38),
      bytes.readInt16BE(head + 40),
      bytes.readInt16BE(head + 42),
    ],
    glyphCount,
    glyphOf: (codePoint) => (codePoint < 0x10000 ? (bmp[codePoint] ?? 0) : (astral.get(codePoint) ?? 0)),
    codePointOf: reverseCmap(bmp, astral, glyphCount),
    advances: readAdvances(bytes, table('hmtx').offset, bytes.readUInt16BE(hhea + 34), glyphCount),
    subset: (gids) => writeSubset(bytes, tables, { glyf, loca, glyphCount, wanted: gids }),
  };
}

function readTableDirectory(bytes: Buffer): Map<string, Table> {
  const version = bytes.readUInt32BE(0);
  if (version !== 0x00010000 && version !== 0x74727565) {
    throw new Error('Not a TrueType font');
  }
  const tables = new Map<string, Table>();
  const count = bytes.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const entry = 12 + 16 * i;
    tables.set(bytes.toString('latin1', entry, entry + 4), {
      offset: bytes.readUInt32BE(entry + 8),
      length: bytes.readUInt32BE(entry + 12),
    });
  }
  return tables;
}

function readLoca(bytes: Buffer, offset: number, glyphCount: number, isLong: boolean): Uint32Array {
  const loca = new Uint32Array(glyphCount + 1);
  for (let i = 0; i <= glyphCount; i++) {
    loca[i] = isLong ? bytes.readUInt32BE(offset + 4 * i) : bytes.readUInt16BE(offset + 2 * i) * 2;
  }
  return loca;
}

function readAdvances(bytes: Buffer, offset: number, metricCount: number, glyphCount: number): Uint16Array {
  const advances = new Uint16Array(glyphCount);
  let last = 0;
  for (let i = 0; i < glyphCount; i++) {
    if (i < metricCount) {
      last = bytes.readUInt16BE(offset + 4 * i);
    }
    advances[i] = last;
  }
  return advances;
}

/** The Unicode cmap: format 12 (full repertoire) when present, else format 4 (BMP). */
function readCmap(bytes: Buffer, offset: number): { bmp: Uint16Array; astral: Map<number, number> } {
  const bmp = new Uint16Array(0x10000);
  const astral = new Map<number, number>();
  const subtables: { format: number; at: number }[] = [];
  const count = bytes.readUInt16BE(offset + 2);
  for (let i = 0; i < count; i++) {
    const record = offset + 4 + 8 * i;
    const platform = bytes.readUInt16BE(record);
    const encoding = bytes.readUInt16BE(record + 2);
    const isUnicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (isUnicode) {
      const at = offset + bytes.readUInt32BE(record + 4);
      subtables.push({ format: bytes.readUInt16BE(at), at });
    }
  }
  const format12 = subtables.find((subtable) => subtable.format === 12);
  const format4 = subtables.find((subtable) => subtable.format === 4);
  if (format12 !== undefined) {
    const groups = bytes.readUInt32BE(format12.at + 12);
    for (let i = 0; i < groups; i++) {
      const group = format12.at + 16 + 12 * i;
      const start = bytes.readUInt32BE(group);
      const end = bytes.readUInt32BE(group + 4);
      const firstGlyph = bytes.readUInt32BE(group + 8);
      for (let codePoint = start; codePoint <= end; codePoint++) {
        if (codePoint < 0x10000) {
          bmp[codePoint] = firstGlyph + codePoint - start;
        } else {
          astral.set(codePoint, firstGlyph + codePoint - start);
        }
      }
    }
  } else if (format4 !== undefined) {
    readCmapFormat4(bytes, format4.at, bmp);
  } else {
    throw new Error('The font has no Unicode cmap');
  }
  return { bmp, astral };
}

function reverseCmap(bmp: Uint16Array, astral: Map<number, number>, glyphCount: number): Uint32Array {
  const reverse = new Uint32Array(glyphCount);
  bmp.forEach((gid, codePoint) => {
    if (gid !== 0 && gid < glyphCount && reverse[gid] === 0) {
      reverse[gid] = codePoint + 1;
    }
  });
  for (const [codePoint, gid] of [...astral].sort(([a], [b]) => a - b)) {
    if (gid < glyphCount && reverse[gid] === 0) {
      reverse[gid] = codePoint + 1;
    }
  }
  return reverse;
}

function readCmapFormat4(bytes: Buffer, at: number, bmp: Uint16Array): void {
  const segments = bytes.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const end = bytes.readUInt16BE(ends + 2 * s);
    const start = bytes.readUInt16BE(starts + 2 * s);
    const delta = bytes.readInt16BE(deltas + 2 * s);
    const rangeOffset = bytes.readUInt16BE(rangeOffsets + 2 * s);
    for (let codePoint = start; codePoint <= end && codePoint !== 0xffff; codePoint++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (codePoint + delta) & 0xffff;
      } else {
        const glyphAt = rangeOffsets + 2 * s + rangeOffset + 2 * (codePoint - start);
        const raw = bytes.readUInt16BE(glyphAt);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      bmp[codePoint] = glyph;
    }
  }
}

function readPostscriptName(bytes: Buffer, name: Table | undefined): string | null {
  if (name === undefined) {
    return null;
  }
  const count = bytes.readUInt16BE(name.offset + 2);
  const strings = name.offset + bytes.readUInt16BE(name.offset + 4);
  for (let i = 0; i < count; i++) {
    const record = name.offset + 6 + 12 * i;
    if (bytes.readUInt16BE(record + 6) !== 6) {
      continue;
    }
    const platform = bytes.readUInt16BE(record);
    const start = strings + bytes.readUInt16BE(record + 10);
    const raw = bytes.subarray(start, start + bytes.readUInt16BE(record + 8));
    const text = platform === 1 ? raw.toString('latin1') : Buffer.from(raw).swap16().toString('utf16le');
    // A PDF name may only carry these characters without escapes.
    return text.replace(/[^A-Za-z0-9_-]/g, '');
  }
  return null;
}
