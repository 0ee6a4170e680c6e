import { type ByteWriter, writeBytes } from './byte-writer.js';
import type { FontFace } from './pdf-fonts.js';

const ELLIPSIS = 0x2026;
let glyphs = new Uint16Array(256);

function glyphAt(face: FontFace, codePoint: number): number {
  if (codePoint < 0x10000) {
    return face.printable[codePoint] ?? face.questionMark;
  }
  return face.font.glyphOf(codePoint) || face.questionMark;
}

/**
 * Writes a one-line text to `out` as Identity-H glyph codes, escaped for a PDF literal string, marks the glyphs it
 * used in `used` (1 per glyph) and returns its width in points. Control characters print as spaces
 * and characters the font lacks as `?`. With `maxWidth`, a text that does not fit is cut and ends with `…`, so a
 * table cell never spills into the next.
 */
export function encodeText(
  out: ByteWriter,
  face: FontFace,
  used: Uint8Array,
  value: string,
  size: number,
  maxWidth = Infinity,
): number {
  const limit = (maxWidth * 1000) / size;
  const { widths } = face;
  if (glyphs.length < value.length + 1) {
    glyphs = new Uint16Array(value.length * 2 + 1);
  }
  let count = 0;
  let width = 0;
  let isCut = false;
  const { printable } = face;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    let gid = printable[unit] ?? 0;
    if (unit >= 0xd800 && unit < 0xe000) {
      const low = value.charCodeAt(i + 1);
      const isPair = unit < 0xdc00 && low >= 0xdc00 && low < 0xe000;
      gid = glyphAt(face, isPair ? 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00) : 0xfffd);
      i += isPair ? 1 : 0;
    }
    const advance = widths[gid] ?? 0;
    if (width + advance > limit) {
      isCut = true;
      break;
    }
    used[gid] = 1;
    glyphs[count++] = gid;
    width += advance;
  }
  if (isCut) {
    const ellipsis = glyphAt(face, ELLIPSIS);
    const ellipsisWidth = widths[ellipsis] ?? 0;
    while (count > 0 && (width + ellipsisWidth > limit || glyphs[count - 1] === face.space)) {
      count--;
      width -= widths[glyphs[count] ?? 0] ?? 0;
    }
    if (width + ellipsisWidth <= limit) {
      used[ellipsis] = 1;
      glyphs[count++] = ellipsis;
      width += ellipsisWidth;
    }
  }
  const { codes } = face;
  for (let i = 0; i < count; i++) {
    const code = codes[glyphs[i] ?? 0];
    if (code !== undefined) {
      writeBytes(out, code);
    }
  }
  return (width * size) / 1000;
}

/** The width of a one-line text in points, without recording glyphs. */
export function measureText(face: FontFace, value: string, size: number): number {
  let width = 0;
  for (const char of value) {
    width += face.widths[glyphAt(face, char.codePointAt(0) ?? 0x20)] ?? 0;
  }
  return (width * size) / 1000;
}

/** Greedy word wrap to `width` points; `\n` starts a new line; a word longer than a line is cut, not lost. */
export function wrapText(face: FontFace, value: string, size: number, width: number): string[] {
  const lines: string[] = [];
  const spaceWidth = measureText(face, ' ', size);
  for (const paragraph of value.split(/\r\n|\r|\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/[ \t]+/).filter((part) => part !== '')) {
      const wordWidth = measureText(face, word, size);
      if (line !== '' && lineWidth + spaceWidth + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += spaceWidth + wordWidth;
        continue;
      }
      if (line !== '') {
        lines.push(line);
      }
      line = word;
      lineWidth = wordWidth;
      while (lineWidth > width && line.length > 1) {
        const [head, rest] = splitToWidth(face, line, size, width);
        lines.push(head);
        line = rest;
        lineWidth = measureText(face, rest, size);
      }
    }
    lines.push(line);
  }
  return lines;
}

function splitToWidth(face: FontFace, word: string, size: number, width: number): [string, string] {
  const chars = Array.from(word);
  let end = 1;
  while (end < chars.length && measureText(face, chars.slice(0, end + 1).join(''), size) <= width) {
    end++;
  }
  return [chars.slice(0, end).join(''), chars.slice(end).join('')];
}
