import type { Grosze } from '../../../../shared/money.js';
import {
  type ByteWriter,
  createByteWriter,
  writeBytes,
  writeHundredths,
  writeInteger,
  writeLatin1,
  writeUtf8,
  writtenBytes,
} from './byte-writer.js';
import { RenderError } from './render-error.js';
import { checkDate } from './render-labels.js';
import { neutraliseSpreadsheetText } from './spreadsheet-text.js';
import { XLSX_STYLES, packageParts } from './xlsx-package.js';
import { escapeXml } from './xlsx-xml.js';
import { createZip } from './zip-writer.js';

/**
 * How a row's value is written: text (always neutralised against formulas), an amount in grosze (a number with
 * two decimals in złoty), a `YYYY-MM-DD` date (a date serial), an integer, or a decimal string such as a rate.
 */
export type CellType = 'text' | 'amount' | 'date' | 'integer' | 'decimal';
export type CellValue = string | number | null;
export type RowStyle = 'body' | 'header' | 'bold';

export type SheetOptions = {
  /** Column widths in characters. */
  widths: readonly number[];
  /** Rows (header included) of a table at the top: its header stays in view and gets filter buttons. */
  tableRows?: number;
};

export type Sheet = {
  addRow: (values: readonly CellValue[], types: readonly CellType[], style?: RowStyle) => void;
};

export type Workbook = { addSheet: (name: string, options: SheetOptions) => Sheet; finish: () => Buffer };

// Excel's 1900 date system: serial 25569 is 1970-01-01.
const EPOCH_SERIAL = 25569;
const MAX_TEXT = 32767;
const DECIMAL = /^-?\d+(\.\d+)?$/;
// Level 2: worksheet XML is repetitive enough that more effort buys a few percent for twice the time.
const COMPRESSION_LEVEL = 2;

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** Grosze as a decimal number in złoty, exactly: `123456` → `1234.56`, `-5` → `-0.05`. */
export function groszeToDecimal(grosze: Grosze): string {
  if (!Number.isSafeInteger(grosze)) {
    throw new RenderError('invalid_amount', 'amount');
  }
  const magnitude = Math.abs(grosze);
  const cents = magnitude % 100;
  return `${grosze < 0 ? '-' : ''}${String((magnitude - cents) / 100)}.${cents < 10 ? '0' : ''}${String(cents)}`;
}

function writeGrosze(out: ByteWriter, grosze: Grosze): void {
  if (!Number.isSafeInteger(grosze)) {
    throw new RenderError('invalid_amount', 'amount');
  }
  writeHundredths(out, grosze);
}

// A cell is `<c r="B12"` + its style and type up to `<v>` + the value + `</v></c>`: four writes, each of bytes
// prepared once (a 500-line statement has 8,000 cells).
const CELL_STARTS = Array.from({ length: 64 }, (_, index) => Buffer.from(`<c r="${columnName(index)}`));
const STYLE = Array.from({ length: 8 }, (_, style) =>
  Buffer.from(style === 0 ? '"><v>' : `" s="${String(style)}"><v>`),
);
const SHARED = Array.from({ length: 8 }, (_, style) =>
  Buffer.from(style === 0 ? '" t="s"><v>' : `" s="${String(style)}" t="s"><v>`),
);
const CELL_END = Buffer.from('</v></c>');

type SheetData = { name: string; out: ByteWriter; rows: number; width: number; options: SheetOptions };

/** `createdOn`: the document's date for its properties; null leaves them undated. */
export function createWorkbook(info: { title: string; createdOn: string | null }): Workbook {
  const strings = new Map<string, number>();
  let stringCount = 0;
  const sheets: SheetData[] = [];
  const dates = new Map<string, number>();

  const dateSerial = (value: string): number => {
    let serial = dates.get(value);
    if (serial === undefined) {
      const { year, month, day } = checkDate(value, 'date');
      serial = Date.UTC(year, month - 1, day) / 86_400_000 + EPOCH_SERIAL;
      dates.set(value, serial);
    }
    return serial;
  };
  const writeShared = (out: ByteWriter, text: string, style: number) => {
    const value = neutraliseSpreadsheetText(text.slice(0, MAX_TEXT));
    let index = strings.get(value);
    if (index === undefined) {
      index = strings.size;
      strings.set(value, index);
    }
    stringCount += 1;
    writeBytes(out, SHARED[style] ?? CELL_END);
    writeInteger(out, index);
    writeBytes(out, CELL_END);
  };
  const writeNumber = (out: ByteWriter, style: number): void => {
    writeBytes(out, STYLE[style] ?? CELL_END);
  };
  /** Writes the rest of a cell whose `<c r="A1` is written. */
  const writeCell = (out: ByteWriter, value: string | number, type: CellType, style: RowStyle): void => {
    if (style === 'header') {
      writeShared(out, String(value), XLSX_STYLES.header);
      return;
    }
    const isBold = style === 'bold';
    const textStyle = isBold ? XLSX_STYLES.bold : XLSX_STYLES.text;
    if (typeof value === 'number' && type !== 'text' && type !== 'date' && Number.isFinite(value)) {
      if (type === 'amount') {
        writeNumber(out, isBold ? XLSX_STYLES.boldAmount : XLSX_STYLES.amount);
        writeGrosze(out, value);
      } else {
        writeNumber(out, textStyle);
        if (Number.isSafeInteger(value)) {
          writeInteger(out, value);
        } else {
          writeLatin1(out, String(value));
        }
      }
    } else if (typeof value === 'string' && type === 'date') {
      writeNumber(out, XLSX_STYLES.date);
      writeInteger(out, dateSerial(value));
    } else if (typeof value === 'string' && type === 'decimal' && DECIMAL.test(value)) {
      writeNumber(out, textStyle);
      writeLatin1(out, value);
    } else {
      writeShared(out, String(value), textStyle);
      return;
    }
    writeBytes(out, CELL_END);
  };

  return {
    addSheet: (name, options) => {
      const sheet: SheetData = { name, out: createByteWriter(), rows: 0, width: 0, options };
      sheets.push(sheet);
      const { out } = sheet;
      return {
        addRow: (values, types, style = 'body') => {
          sheet.rows += 1;
          const row = sheet.rows;
          writeLatin1(out, '<row r="');
          writeInteger(out, row);
          writeLatin1(out, '">');
          for (let i = 0; i < values.length; i++) {
            const value = values[i];
            if (value === undefined || value === null || value === '') {
              continue;
            }
            writeBytes(out, CELL_STARTS[i] ?? Buffer.from(`<c r="${columnName(i)}`));
            writeInteger(out, row);
            writeCell(out, value, types[i] ?? 'text', style);
          }
          writeLatin1(out, '</row>');
          sheet.width = Math.max(sheet.width, values.length);
        },
      };
    },
    finish: () => {
      const sharedStrings = createByteWriter();
      for (const text of strings.keys()) {
        writeLatin1(sharedStrings, '<si><t xml:space="preserve">');
        writeUtf8(sharedStrings, escapeXml(text));
        writeLatin1(sharedStrings, '</t></si>');
      }
      const parts = packageParts({
        title: info.title,
        createdOn: info.createdOn,
        sheets: sheets.map(sheetPart),
        sharedStrings: writtenBytes(sharedStrings),
        uniqueStrings: strings.size,
        stringCount,
      });
      return createZip(parts, COMPRESSION_LEVEL);
    },
  };
}

function sheetPart(sheet: SheetData): { name: string; xml: Buffer; filterRange: string | null } {
  const lastColumn = columnName(Math.max(sheet.width, 1) - 1);
  const lastRow = String(Math.max(sheet.rows, 1));
  const tableRows = Math.min(sheet.options.tableRows ?? 0, sheet.rows);
  const isTable = tableRows > 0;
  const pane = isTable
    ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
    : '';
  const cols = sheet.options.widths
    .map((width, index) => {
      const column = String(index + 1);
      return `<col min="${column}" max="${column}" width="${String(width)}" customWidth="1"/>`;
    })
    .join('');
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${lastColumn}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols === '' ? '' : `<cols>${cols}</cols>`) +
    '<sheetData>';
  const tail =
    '</sheetData>' +
    (isTable ? `<autoFilter ref="A1:${lastColumn}${String(tableRows)}"/>` : '') +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '</worksheet>';
  return {
    name: sheet.name,
    xml: Buffer.concat([Buffer.from(head), writtenBytes(sheet.out), Buffer.from(tail)]),
    filterRange: isTable ? `$A$1:$${lastColumn}$${String(tableRows)}` : null,
  };
}
