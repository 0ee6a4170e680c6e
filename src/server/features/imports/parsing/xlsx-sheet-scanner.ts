import { spreadsheetSerialToIsoDate } from './cell-values.js';
import { cellKinds, type CellKind, type RawRow } from './raw-rows.js';
import { StatementFileError } from './statement-file-error.js';
import { styleKinds, type StyleKind } from './xlsx-styles.js';
import {
  AMPERSAND,
  cellTypes,
  elementOf,
  elements,
  integerIn,
  LOWER_R,
  LT,
  readCellAttributes,
  type CellAttributes,
  type CellType,
} from './xlsx-sheet-markup.js';
import { createXmlScanner, forEachAttribute, hasBytes, type XmlScanner } from './xml-scanner.js';
import { bytesToText, decodeOoxmlEscapes, xmlText } from './xml-text.js';

const MAX_PENDING_BYTES = 1024 * 1024;
const OPEN_V = Buffer.from('<v>');
const CLOSE_V_C = Buffer.from('</v></c>');

export type SheetContext = {
  sharedStrings: readonly string[];
  styles: readonly StyleKind[];
  is1904: boolean;
  maxColumns: number;
  onRow: (row: RawRow) => void;
};

/** Turns worksheet XML into rows; formulas are never evaluated, only their cached results read. */
export function createSheetScanner({
  sharedStrings,
  styles,
  is1904,
  maxColumns,
  onRow,
}: SheetContext): XmlScanner {
  let rowNumber = 0;
  let cells: string[] = [];
  let kinds: CellKind[] = [];
  let nextColumn = 0;
  let column = 0;
  let type: CellType = cellTypes.number;
  let style = 0;
  let value = '';
  let hasValue = false;
  let hasFormula = false;
  let isCapturing = false;
  let isInInlineString = false;
  let phoneticDepth = 0;
  let rowReference = -1;
  const attributes: CellAttributes = { column: 0, type: cellTypes.number, style: 0 };

  const visitRowAttribute = (
    source: Buffer,
    nameStart: number,
    nameEnd: number,
    start: number,
    end: number,
  ) => {
    if (nameEnd - nameStart === 1 && source[nameStart] === LOWER_R) {
      rowReference = integerIn(source, start, end);
    }
  };
  const place = (text: string, kind: CellKind) => {
    while (cells.length <= column) {
      cells.push('');
      kinds.push(cellKinds.text);
    }
    cells[column] = text;
    kinds[column] = kind;
  };

  const placeSharedString = (index: number) => {
    const text = sharedStrings[index];
    if (text === undefined) {
      throw new StatementFileError('xlsx_invalid', { rowNumber });
    }
    place(text, cellKinds.text);
  };

  const placeNumber = (text: string) => {
    if (text.trim() === '') {
      return;
    }
    const styleKind = styles[style] ?? styleKinds.plain;
    const date = styleKind === styleKinds.date ? spreadsheetSerialToIsoDate(Number(text), is1904) : null;
    if (date !== null) {
      place(date, cellKinds.date);
    } else {
      place(text, styleKind === styleKinds.percent ? cellKinds.percent : cellKinds.number);
    }
  };

  const finishCell = () => {
    nextColumn = column + 1;
    if (column < 0 || column >= maxColumns) {
      return;
    }
    if (hasFormula && !hasValue) {
      place('', cellKinds.formulaWithoutValue);
      return;
    }
    switch (type) {
      case cellTypes.shared:
        placeSharedString(/^\s*\d+\s*$/.test(value) ? Number(value) : -1);
        return;
      case cellTypes.inline:
      case cellTypes.formulaString:
        place(decodeOoxmlEscapes(value), cellKinds.text);
        return;
      case cellTypes.error:
        place(value, cellKinds.text);
        return;
      case cellTypes.boolean:
        place(value === '1' || value === 'true' ? '1' : '0', cellKinds.boolean);
        return;
      case cellTypes.date:
        place(/^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value, cellKinds.date);
        return;
      case cellTypes.number:
        placeNumber(value);
        return;
    }
  };

  /**
   * The usual `<v>…</v></c>` (no prefix, no entity) read at once rather than as four more events; -1 when the
   * content is anything else, or not all in this chunk, for the scanner to go through.
   */
  const readPlainValue = (source: Buffer, at: number): number => {
    if (!hasBytes(source, at, OPEN_V)) {
      return -1;
    }
    const start = at + OPEN_V.length;
    let end = start;
    const n = source.length;
    while (end < n && source[end] !== LT) {
      if (source[end] === AMPERSAND) {
        return -1;
      }
      end += 1;
    }
    if (!hasBytes(source, end, CLOSE_V_C)) {
      return -1;
    }
    nextColumn = column + 1;
    if (column >= 0 && column < maxColumns) {
      if (type === cellTypes.shared) {
        placeSharedString(integerIn(source, start, end));
      } else {
        value = bytesToText(source, start, end);
        hasValue = true;
        finishCell();
      }
    }
    return end + CLOSE_V_C.length;
  };

  return createXmlScanner(
    {
      open: (source, nameStart, nameEnd, attributesEnd, isSelfClosing) => {
        switch (elementOf(source, nameStart, nameEnd)) {
          case elements.row:
            rowReference = -1;
            forEachAttribute(source, nameEnd, attributesEnd, visitRowAttribute);
            rowNumber = rowReference > 0 ? rowReference : rowNumber + 1;
            cells = [];
            kinds = [];
            nextColumn = 0;
            if (isSelfClosing) {
              onRow({ rowNumber, cells, kinds });
            }
            return -1;
          case elements.c:
            attributes.column = nextColumn;
            attributes.type = cellTypes.number;
            attributes.style = 0;
            readCellAttributes(source, nameEnd, attributesEnd, attributes);
            ({ column, type, style } = attributes);
            value = '';
            hasValue = false;
            hasFormula = false;
            if (isSelfClosing) {
              finishCell();
              return -1;
            }
            return readPlainValue(source, attributesEnd + 1);
          case elements.v:
            isCapturing = !isSelfClosing;
            hasValue = true;
            return -1;
          case elements.f:
            hasFormula = true;
            return -1;
          case elements.is:
            isInInlineString = !isSelfClosing;
            hasValue = true;
            return -1;
          case elements.t:
            isCapturing = isInInlineString && phoneticDepth === 0 && !isSelfClosing;
            return -1;
          case elements.rPh:
            phoneticDepth += isSelfClosing ? 0 : 1;
            return -1;
          case elements.other:
            return -1;
        }
      },
      close: (source, nameStart, nameEnd) => {
        switch (elementOf(source, nameStart, nameEnd)) {
          case elements.v:
          case elements.t:
            isCapturing = false;
            break;
          case elements.is:
            isInInlineString = false;
            break;
          case elements.rPh:
            phoneticDepth -= 1;
            break;
          case elements.c:
            finishCell();
            break;
          case elements.row:
            onRow({ rowNumber, cells, kinds });
            break;
          case elements.f:
          case elements.other:
            break;
        }
      },
      text: (source, start, end, isCdata) => {
        if (isCapturing) {
          value += xmlText(source, start, end, isCdata);
        }
      },
    },
    MAX_PENDING_BYTES,
  );
}
