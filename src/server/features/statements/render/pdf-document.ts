import {
  type ByteWriter,
  createByteWriter,
  writeByte,
  writeFixed2,
  writeFrom,
  writeInteger,
  writeLatin1,
} from './byte-writer.js';
import { type FontFace, type FontStyle, loadFontFace } from './pdf-fonts.js';
import { type PageContent, serializePdf } from './pdf-serialize.js';
import { encodeText, measureText, wrapText } from './pdf-text.js';

/** RGB, each 0..1. */
export type Color = readonly [number, number, number];

export type TextStyle = { font?: FontStyle; size: number; color?: Color };

export type TextOptions = TextStyle & {
  /** Where `x` is: the text's left edge (default), its right edge, or its centre. */
  align?: 'left' | 'right' | 'center';
  /** A longer text is cut and ends with `…`. */
  maxWidth?: number;
};

/** A text encoded for this document (its glyph codes kept in the document's scratch space), to draw any number of times. */
export type PreparedText = {
  readonly start: number;
  readonly end: number;
  readonly width: number;
  readonly font: FontStyle;
  readonly size: number;
  readonly color: Color;
  readonly align: 'left' | 'right' | 'center';
};

export type DocumentInfo = { title: string; subject?: string; createdOn: string };

/**
 * A minimal PDF 1.7 writer: A4 pages, two embedded Noto Sans faces (subset, Identity-H, ToUnicode, so text can be
 * searched and copied), text, filled rectangles and lines. Coordinates are points from the top-left corner; `y` of
 * a text is its baseline. The same calls always produce the same bytes.
 */
export type PdfDocument = {
  readonly width: number;
  readonly height: number;
  addPage: () => void;
  pageCount: () => number;
  /** Makes an earlier page current again, to draw what is known only at the end (page numbers). */
  goToPage: (index: number) => void;
  /** Draws one line of text and returns its width. */
  text: (value: string, x: number, y: number, options: TextOptions) => number;
  /** `text` in two steps, for a text drawn many times (a table cell that repeats). */
  prepare: (value: string, options: TextOptions) => PreparedText;
  draw: (prepared: PreparedText, x: number, y: number) => number;
  /**
   * Texts on one baseline in one font, size and colour (a table row), each at its own left edge `lefts[i]`, as a
   * single text operation: the gaps between them become TJ offsets.
   */
  drawRun: (parts: readonly PreparedText[], lefts: readonly number[], y: number) => void;
  widthOf: (value: string, style: TextStyle) => number;
  wrap: (value: string, style: TextStyle, width: number) => string[];
  fillRect: (x: number, y: number, width: number, height: number, color: Color) => void;
  line: (x1: number, y1: number, x2: number, y2: number, lineWidth: number, color: Color) => void;
  finish: () => Buffer;
};

const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;
const BLACK: Color = [0, 0, 0];
const FONT_OPERANDS: Record<FontStyle, string> = { regular: '/F1 ', bold: '/F2 ' };

/** Text state: the font and colour last set, and the start of the current text line (moved with Td). */
type Page = PageContent & {
  font: FontStyle | null;
  size: number;
  color: Color | null;
  lineX: number;
  lineY: number;
};

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function colorOperands(color: Color): string {
  return color.map((part) => String(round(part))).join(' ');
}

export function createPdfDocument(info: DocumentInfo): PdfDocument {
  const faces: Record<FontStyle, FontFace> = { regular: loadFontFace('regular'), bold: loadFontFace('bold') };
  const used: Record<FontStyle, Uint8Array> = {
    regular: new Uint8Array(faces.regular.font.glyphCount),
    bold: new Uint8Array(faces.bold.font.glyphCount),
  };
  // Glyph codes of every prepared text, drawn from here into the pages' content.
  const scratch = createByteWriter();
  const pages: Page[] = [];
  let page: Page | undefined;
  const current = (): Page => {
    if (page === undefined) {
      throw new Error('No page to draw on');
    }
    return page;
  };

  const prepare = (value: string, options: TextOptions): PreparedText => {
    const font = options.font ?? 'regular';
    const start = scratch.length;
    const width = encodeText(scratch, faces[font], used[font], value, options.size, options.maxWidth);
    const { size } = options;
    return {
      start,
      end: scratch.length,
      width,
      font,
      size,
      color: options.color ?? BLACK,
      align: options.align ?? 'left',
    };
  };
  const writeCode = (out: ByteWriter, prepared: PreparedText) => {
    writeByte(out, 0x28);
    writeFrom(out, scratch, prepared.start, prepared.end);
    writeByte(out, 0x29);
  };
  /** Sets font and colour as `prepared` needs them and moves to (left, y). */
  const moveTo = (target: Page, prepared: PreparedText, left: number, y: number) => {
    const out = target.text;
    if (prepared.font !== target.font || prepared.size !== target.size) {
      writeLatin1(out, FONT_OPERANDS[prepared.font]);
      writeFixed2(out, prepared.size);
      writeLatin1(out, ' Tf\n');
      target.font = prepared.font;
      target.size = prepared.size;
    }
    if (prepared.color !== target.color) {
      writeLatin1(out, `${colorOperands(prepared.color)} rg\n`);
      target.color = prepared.color;
    }
    // Td moves relative to the start of the previous line: shorter than an absolute Tm for every text.
    const dx = round(left - target.lineX);
    const dy = round(A4_HEIGHT - y - target.lineY);
    target.lineX += dx;
    target.lineY += dy;
    writeFixed2(out, dx);
    writeByte(out, 0x20);
    writeFixed2(out, dy);
    writeLatin1(out, ' Td ');
  };
  const draw = (prepared: PreparedText, x: number, y: number): number => {
    const { align, width } = prepared;
    if (prepared.end > prepared.start) {
      const target = current();
      moveTo(target, prepared, align === 'left' ? x : align === 'right' ? x - width : x - width / 2, y);
      writeCode(target.text, prepared);
      writeLatin1(target.text, ' Tj\n');
    }
    return width;
  };
  const drawRun = (parts: readonly PreparedText[], lefts: readonly number[], y: number): void => {
    const first = parts[0];
    if (first === undefined) {
      return;
    }
    const target = current();
    const out = target.text;
    moveTo(target, first, lefts[0] ?? 0, y);
    writeByte(out, 0x5b);
    writeCode(out, first);
    let end = (lefts[0] ?? 0) + first.width;
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i];
      const left = lefts[i] ?? 0;
      if (part !== undefined) {
        // In thousandths of the font size, negative to move right.
        writeByte(out, 0x20);
        writeInteger(out, Math.round(((end - left) * 1000) / first.size));
        writeByte(out, 0x20);
        writeCode(out, part);
        end = left + part.width;
      }
    }
    writeLatin1(out, '] TJ\n');
  };

  return {
    width: A4_WIDTH,
    height: A4_HEIGHT,
    addPage: () => {
      // Empty state: the first text sets its font and colour, whatever the rectangles drawn before it left behind.
      page = {
        graphics: [],
        text: createByteWriter(16 * 1024),
        font: null,
        size: 0,
        color: null,
        lineX: 0,
        lineY: 0,
      };
      pages.push(page);
    },
    pageCount: () => pages.length,
    goToPage: (index) => {
      page = pages[index];
    },
    prepare,
    draw,
    drawRun,
    text: (value, x, y, options) => draw(prepare(value, options), x, y),
    widthOf: (value, style) => measureText(faces[style.font ?? 'regular'], value, style.size),
    wrap: (value, style, width) => wrapText(faces[style.font ?? 'regular'], value, style.size, width),
    fillRect: (x, y, width, height, color) => {
      current().graphics.push(
        `${colorOperands(color)} rg ${String(round(x))} ${String(round(A4_HEIGHT - y - height))} ` +
          `${String(round(width))} ${String(round(height))} re f`,
      );
    },
    line: (x1, y1, x2, y2, lineWidth, color) => {
      current().graphics.push(
        `${colorOperands(color)} RG ${String(round(lineWidth))} w ${String(round(x1))} ${String(round(A4_HEIGHT - y1))} m ` +
          `${String(round(x2))} ${String(round(A4_HEIGHT - y2))} l S`,
      );
    },
    finish: () => serializePdf({ ...info, width: A4_WIDTH, height: A4_HEIGHT }, pages, faces, used),
  };
}
