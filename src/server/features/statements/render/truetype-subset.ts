import type { Table } from './truetype-font.js';

// Tables a PDF renderer reads from an embedded TrueType font; the hinting ones are kept because glyph programs
// may call into them.
const KEPT_AS_IS = ['OS/2', 'cvt ', 'fpgm', 'name', 'prep'];

// Composite glyph flags (OpenType glyf table).
const ARGS_ARE_WORDS = 0x0001;
const HAS_SCALE = 0x0008;
const HAS_MORE_COMPONENTS = 0x0020;
const HAS_XY_SCALE = 0x0040;
const HAS_TWO_BY_TWO = 0x0080;

function addComponents(bytes: Buffer, glyf: number, loca: Uint32Array, gid: number, into: Set<number>): void {
  const start = glyf + (loca[gid] ?? 0);
  const end = glyf + (loca[gid + 1] ?? 0);
  if (end - start < 10 || bytes.readInt16BE(start) >= 0) {
    return;
  }
  let at = start + 10;
  let flags: number;
  do {
    flags = bytes.readUInt16BE(at);
    const component = bytes.readUInt16BE(at + 2);
    at += 4 + (flags & ARGS_ARE_WORDS ? 4 : 2);
    at += flags & HAS_SCALE ? 2 : flags & HAS_XY_SCALE ? 4 : flags & HAS_TWO_BY_TWO ? 8 : 0;
    if (!into.has(component)) {
      into.add(component);
      addComponents(bytes, glyf, loca, component, into);
    }
  } while (flags & HAS_MORE_COMPONENTS);
}

export type SubsetSource = { glyf: number; loca: Uint32Array; glyphCount: number; wanted: Iterable<number> };

/** A font file keeping glyph ids, with outlines only for `wanted` and the glyphs they are built from. */
export function writeSubset(bytes: Buffer, tables: Map<string, Table>, source: SubsetSource): Buffer {
  const { glyf, loca, glyphCount } = source;
  const kept = new Set<number>([0]);
  for (const gid of source.wanted) {
    if (gid > 0 && gid < glyphCount && !kept.has(gid)) {
      kept.add(gid);
      addComponents(bytes, glyf, loca, gid, kept);
    }
  }
  const count = Math.max(...kept) + 1;
  const newLoca = Buffer.alloc(4 * (count + 1));
  const outlines: Buffer[] = [];
  let glyfLength = 0;
  for (let gid = 0; gid < count; gid++) {
    newLoca.writeUInt32BE(glyfLength, 4 * gid);
    if (kept.has(gid)) {
      const outline = bytes.subarray(glyf + (loca[gid] ?? 0), glyf + (loca[gid + 1] ?? 0));
      const padded = outline.length + (-outline.length & 3);
      outlines.push(outline, Buffer.alloc(padded - outline.length));
      glyfLength += padded;
    }
  }
  newLoca.writeUInt32BE(glyfLength, 4 * count);

  const copy = (tag: string) => {
    const table = tables.get(tag);
    return table === undefined
      ? undefined
      : Buffer.from(bytes.subarray(table.offset, table.offset + table.length));
  };
  const head = copy('head') ?? Buffer.alloc(54);
  head.writeUInt32BE(0, 8);
  head.writeInt16BE(1, 50);
  const maxp = copy('maxp') ?? Buffer.alloc(32);
  maxp.writeUInt16BE(count, 4);
  const hhea = copy('hhea') ?? Buffer.alloc(36);
  hhea.writeUInt16BE(count, 34);
  const hmtx = Buffer.alloc(4 * count);
  const hmtxTable = tables.get('hmtx');
  const metricCount = bytes.readUInt16BE((tables.get('hhea')?.offset ?? 0) + 34);
  for (let gid = 0; gid < count; gid++) {
    const metric = (hmtxTable?.offset ?? 0) + 4 * Math.min(gid, metricCount - 1);
    hmtx.writeUInt16BE(bytes.readUInt16BE(metric), 4 * gid);
    const lsb =
      gid < metricCount ? metric + 2 : (hmtxTable?.offset ?? 0) + 4 * metricCount + 2 * (gid - metricCount);
    hmtx.writeInt16BE(bytes.readInt16BE(lsb), 4 * gid + 2);
  }
  // post format 3: no glyph names, which PDF renderers never need.
  const post = Buffer.alloc(32);
  (copy('post') ?? Buffer.alloc(32)).copy(post, 0, 0, 32);
  post.writeUInt32BE(0x00030000, 0);

  const output = new Map<string, Buffer>([
    ['cmap', EMPTY_CMAP],
    ['glyf', Buffer.concat(outlines)],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', newLoca],
    ['maxp', maxp],
    ['post', post],
  ]);
  for (const tag of KEPT_AS_IS) {
    const table = copy(tag);
    if (table !== undefined) {
      output.set(tag, table);
    }
  }
  return assembleFont(output);
}

// A cmap with no mappings: a PDF with an Identity CIDToGIDMap reaches glyphs by id, never through the cmap, but
// some validators want the table to exist.
// prettier-ignore
const EMPTY_CMAP = Buffer.from([
  // version 0, one subtable: platform 3 (Windows), encoding 1 (BMP), at offset 12
  0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12,
  // format 4, length 24, language 0, segCountX2 2, searchRange 2, entrySelector 0, rangeShift 0
  0, 4, 0, 24, 0, 0, 0, 2, 0, 2, 0, 0, 0, 0,
  // the closing segment 0xFFFF..0xFFFF that every format 4 subtable ends with
  0xff, 0xff, 0, 0, 0xff, 0xff, 0, 1, 0, 0,
]);

function checksum(table: Buffer): number {
  let sum = 0;
  const padded = table.length + (-table.length & 3);
  for (let i = 0; i < padded; i += 4) {
    const word =
      ((table[i] ?? 0) << 24) |
      ((table[i + 1] ?? 0) << 16) |
      ((table[i + 2] ?? 0) << 8) |
      (table[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

function assembleFont(output: Map<string, Buffer>): Buffer {
  const tags = [...output.keys()].sort();
  const count = tags.length;
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(count * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tags.forEach((tag, index) => {
    const table = output.get(tag) ?? Buffer.alloc(0);
    const entry = 12 + 16 * index;
    header.write(tag, entry, 'latin1');
    header.writeUInt32BE(checksum(table), entry + 4);
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(table.length, entry + 12);
    const padding = -table.length & 3;
    parts.push(table, Buffer.alloc(padding));
    offset += table.length + padding;
  });
  const font = Buffer.concat(parts);
  const headEntry = tags.indexOf('head');
  if (headEntry >= 0) {
    const headOffset = header.readUInt32BE(12 + 16 * headEntry + 8);
    font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  }
  return font;
}
