import type { Color, PdfDocument, TextStyle } from './pdf-document.js';

export const MARGIN = 40;
export const GREY: Color = [0.4, 0.4, 0.4];
export const RULE: Color = [0.75, 0.75, 0.75];
export const SHADE: Color = [0.93, 0.93, 0.93];
export const HIGHLIGHT: Color = [0.88, 0.93, 0.98];

const FOOTER_SPACE = 36;

/** A cursor that runs down the pages: `y` is the top of the next thing to draw. */
export type Flow = {
  readonly doc: PdfDocument;
  readonly left: number;
  readonly right: number;
  readonly bottom: number;
  y: number;
  newPage: () => void;
  /** Starts a new page unless `height` still fits on this one; true when it did. */
  ensure: (height: number) => boolean;
};

export function createFlow(doc: PdfDocument): Flow {
  const flow: Flow = {
    doc,
    left: MARGIN,
    right: doc.width - MARGIN,
    bottom: doc.height - FOOTER_SPACE - 8,
    y: MARGIN,
    newPage: () => {
      doc.addPage();
      flow.y = MARGIN;
    },
    ensure: (height) => {
      if (flow.y + height <= flow.bottom) {
        return false;
      }
      flow.newPage();
      return true;
    },
  };
  flow.newPage();
  return flow;
}

/** Wrapped text; breaks to a new page between lines. */
export function drawParagraph(
  flow: Flow,
  text: string,
  style: TextStyle,
  width = flow.right - flow.left,
): void {
  const lineHeight = style.size * 1.35;
  for (const line of flow.doc.wrap(text, style, width)) {
    flow.ensure(lineHeight);
    flow.doc.text(line, flow.left, flow.y + style.size, style);
    flow.y += lineHeight;
  }
}

export function drawHeading(flow: Flow, text: string): void {
  flow.ensure(40);
  flow.y += 8;
  flow.doc.text(text, flow.left, flow.y + 11, { font: 'bold', size: 11 });
  flow.y += 18;
}

export type PartyLine = { text: string; isBold?: boolean };
export type Party = { label: string; lines: readonly PartyLine[] };

/** Side-by-side identity blocks (agency and collaborator, seller and buyer), each wrapped to its column. */
export function drawParties(flow: Flow, parties: readonly Party[]): void {
  const gap = 20;
  const width = (flow.right - flow.left - gap * (parties.length - 1)) / parties.length;
  let height = 0;
  parties.forEach((party, index) => {
    const x = flow.left + index * (width + gap);
    let y = flow.y + 8;
    flow.doc.text(party.label.toUpperCase(), x, y, { font: 'bold', size: 7.5, color: GREY });
    y += 5;
    for (const line of party.lines) {
      const style: TextStyle = {
        font: line.isBold === true ? 'bold' : 'regular',
        size: line.isBold === true ? 10 : 9,
      };
      for (const wrapped of flow.doc.wrap(line.text, style, width)) {
        y += style.size * 1.35;
        flow.doc.text(wrapped, x, y, style);
      }
    }
    height = Math.max(height, y - flow.y);
  });
  flow.y += height + 10;
}

export type KeyValue = { label: string; value: string; isBold?: boolean; isHighlighted?: boolean };

/** Label on the left, amount right-aligned; a highlighted row is the one the reader looks for (amount due). */
export function drawKeyValues(flow: Flow, rows: readonly KeyValue[]): void {
  for (const row of rows) {
    const size = row.isHighlighted === true ? 11 : 9;
    const height = size * 1.9;
    flow.ensure(height);
    if (row.isHighlighted === true) {
      flow.doc.fillRect(flow.left, flow.y, flow.right - flow.left, height, HIGHLIGHT);
    }
    const baseline = flow.y + height / 2 + size * 0.36;
    const font = row.isBold === true || row.isHighlighted === true ? 'bold' : 'regular';
    flow.doc.text(row.label, flow.left + 4, baseline, { font, size });
    flow.doc.text(row.value, flow.right - 4, baseline, { font, size, align: 'right' });
    flow.doc.line(flow.left, flow.y + height, flow.right, flow.y + height, 0.4, RULE);
    flow.y += height;
  }
}

/** "Strona X z Y" and a document label at the foot of every page, once the page count is known. */
export function drawFooters(doc: PdfDocument, label: string): void {
  const count = doc.pageCount();
  const y = doc.height - FOOTER_SPACE + 12;
  for (let index = 0; index < count; index++) {
    doc.goToPage(index);
    doc.line(MARGIN, y - 10, doc.width - MARGIN, y - 10, 0.4, RULE);
    doc.text(label, MARGIN, y, { size: 7, color: GREY, maxWidth: doc.width - 2 * MARGIN - 80 });
    doc.text(`Strona ${String(index + 1)} z ${String(count)}`, doc.width - MARGIN, y, {
      size: 7,
      color: GREY,
      align: 'right',
    });
  }
}

/** Lines to sign on, side by side, with what each signature is for under it. */
export function drawSignatures(flow: Flow, labels: readonly string[]): void {
  flow.ensure(70);
  flow.y += 50;
  const width = (flow.right - flow.left) / labels.length;
  labels.forEach((label, index) => {
    const x = flow.left + index * width;
    flow.doc.line(x + 10, flow.y, x + width - 10, flow.y, 0.5, GREY);
    flow.doc.text(label, x + width / 2, flow.y + 10, { size: 7.5, color: GREY, align: 'center' });
  });
  flow.y += 16;
}
