import type { PreparedText, TextOptions } from './pdf-document.js';
import { type Flow, RULE, SHADE } from './pdf-layout.js';

/**
 * `repeats`: the column holds few distinct values (types, rates, dates), each encoded once. `wraps`: its text is
 * wrapped instead of cut (an invoice's service name must be complete); the row grows to fit it.
 */
export type Column = {
  header: string;
  width: number;
  align?: 'left' | 'right';
  repeats?: boolean;
  wraps?: boolean;
};

/** body: one value per column; group: a title across the row; total: a bold row under a rule. */
export type RowKind = 'body' | 'group' | 'total';

export type Table = { row: (cells: readonly string[], kind?: RowKind) => void };

export type TableStyle = { size: number; rowHeight: number };

const PADDING = 2.5;
// Bounds the cache of a repeating column whose values turn out to be all different.
const CACHE_LIMIT = 512;

type Placed = {
  x: number;
  left: number;
  body: TextOptions;
  bold: TextOptions;
  cache: Map<string, PreparedText> | null;
  wraps: boolean;
};

/**
 * A table that repeats its header on every page it continues onto. Cells are single lines cut to the column
 * width with `…` unless their column wraps: a table without wrapping columns keeps one row height, so a page
 * holds a known number of rows.
 */
export function startTable(flow: Flow, columns: readonly Column[], style: TableStyle): Table {
  const { doc } = flow;
  const { size, rowHeight } = style;
  const width = flow.right - flow.left;
  const scale = width / columns.reduce((sum, column) => sum + column.width, 0);
  let x = flow.left;
  const placed: Placed[] = columns.map((column) => {
    const columnWidth = column.width * scale;
    const align = column.align ?? 'left';
    const maxWidth = columnWidth - 2 * PADDING;
    const cell: Placed = {
      x: align === 'left' ? x + PADDING : x + columnWidth - PADDING,
      left: x,
      body: { size, maxWidth, align },
      bold: { size, maxWidth, align, font: 'bold' },
      cache: column.repeats === true ? new Map() : null,
      wraps: column.wraps === true,
    };
    x += columnWidth;
    return cell;
  });
  const baselineOffset = rowHeight / 2 + size * 0.36;
  const spanning = (maxWidth: number): TextOptions => ({ size, maxWidth, font: 'bold' });

  const parts: PreparedText[] = [];
  const lefts: number[] = [];
  const drawCells = (cells: readonly string[], isBold: boolean, first = 0) => {
    parts.length = 0;
    lefts.length = 0;
    for (let i = first; i < placed.length; i++) {
      const cell = placed[i];
      const value = cells[i];
      if (cell === undefined || value === undefined || value === '') {
        continue;
      }
      const cache = isBold ? null : cell.cache;
      let prepared = cache?.get(value);
      if (prepared === undefined) {
        prepared = doc.prepare(value, isBold ? cell.bold : cell.body);
        if (cache !== null && cache.size < CACHE_LIMIT) {
          cache.set(value, prepared);
        }
      }
      if (prepared.end > prepared.start) {
        parts.push(prepared);
        lefts.push(cell.body.align === 'right' ? cell.x - prepared.width : cell.x);
      }
    }
    doc.drawRun(parts, lefts, flow.y + baselineOffset);
  };
  const drawHeader = () => {
    doc.fillRect(flow.left, flow.y, width, rowHeight + 2, SHADE);
    flow.y += 1;
    drawCells(
      columns.map((column) => column.header),
      true,
    );
    flow.y += rowHeight + 1;
  };
  // A total's label runs across the empty cells after it, up to the first figure.
  const drawTotal = (cells: readonly string[]) => {
    doc.line(flow.left, flow.y, flow.right, flow.y, 0.6, RULE);
    let next = 1;
    while (next < placed.length && (cells[next] ?? '') === '') {
      next++;
    }
    const labelWidth = (placed[next]?.left ?? flow.right) - flow.left - 2 * PADDING;
    doc.text(cells[0] ?? '', flow.left + PADDING, flow.y + baselineOffset, spanning(labelWidth));
    drawCells(cells, true, next);
  };
  const hasWrapping = placed.some((cell) => cell.wraps);
  const lineHeight = size * 1.3;
  const drawWrappedRow = (cells: readonly string[]) => {
    const wrapped = placed.map((cell, i) =>
      cell.wraps ? doc.wrap(cells[i] ?? '', cell.body, cell.body.maxWidth ?? 0) : [],
    );
    const extraLines = Math.max(0, ...wrapped.map((lines) => lines.length - 1));
    if (flow.ensure(rowHeight + extraLines * lineHeight)) {
      drawHeader();
    }
    drawCells(
      cells.map((value, i) => (placed[i]?.wraps === true ? '' : value)),
      false,
    );
    wrapped.forEach((lines, i) => {
      const cell = placed[i];
      lines.forEach((line, index) => {
        if (cell !== undefined) {
          doc.text(line, cell.x, flow.y + baselineOffset + index * lineHeight, cell.body);
        }
      });
    });
    flow.y += rowHeight + extraLines * lineHeight;
  };
  drawHeader();

  return {
    row: (cells, kind = 'body') => {
      if (kind === 'body' && hasWrapping) {
        drawWrappedRow(cells);
        return;
      }
      // A group title never ends a page: it keeps at least one of its rows with it.
      if (flow.ensure(kind === 'group' ? rowHeight * 2 : rowHeight)) {
        drawHeader();
      }
      if (kind === 'total') {
        drawTotal(cells);
      } else if (kind === 'group') {
        doc.line(flow.left, flow.y + rowHeight, flow.right, flow.y + rowHeight, 0.4, RULE);
        doc.text(cells[0] ?? '', flow.left + PADDING, flow.y + baselineOffset, spanning(width - 2 * PADDING));
      } else {
        drawCells(cells, false);
      }
      flow.y += rowHeight;
    },
  };
}
