import { normalizeIban } from '../../../../shared/identifiers.js';
import { addGrosze } from './render-labels.js';
import type { PayoutRow } from './render.types.js';
import { neutraliseSpreadsheetText } from './spreadsheet-text.js';
import { type CellType, createWorkbook, groszeToDecimal } from './xlsx-writer.js';

const HEADERS = ['Współpracownik', 'IBAN', 'Kwota', 'Tytuł przelewu'];
const TYPES: CellType[] = ['text', 'text', 'amount', 'text'];
const BOM = '\ufeff';

/** A compact IBAN (`PL61109010140000071219812874`) as banks' bulk-transfer imports expect; anything else as given. */
function ibanText(iban: string | null): string {
  return iban === null ? '' : (normalizeIban(iban) ?? iban);
}

/** A CSV field: neutralised against formulas, quoted when it holds the separator, a quote or a line break. */
function csvField(value: string): string {
  const text = neutraliseSpreadsheetText(value);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The payout list as CSV the way a Polish Excel opens it without an import wizard: UTF-8 with a BOM, `;` between
 * fields, CRLF after every row, amounts as `1234,56`.
 */
export function renderPayoutCsv(rows: readonly PayoutRow[]): Buffer {
  const lines = [HEADERS.join(';')];
  for (const row of rows) {
    const amount = groszeToDecimal(row.amount).replace('.', ',');
    lines.push(
      [csvField(row.collaborator), csvField(ibanText(row.iban)), amount, csvField(row.title)].join(';'),
    );
  }
  return Buffer.from(`${BOM}${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The payout list as a workbook: one sheet "Wypłaty", amounts as numbers, and their total under them. */
export async function renderPayoutXlsx(rows: readonly PayoutRow[]): Promise<Buffer> {
  const workbook = createWorkbook({ title: 'Lista wypłat', createdOn: null });
  const sheet = workbook.addSheet('Wypłaty', { widths: [36, 34, 16, 60], tableRows: rows.length + 1 });
  sheet.addRow(HEADERS, TYPES, 'header');
  let total = 0;
  for (const row of rows) {
    sheet.addRow([row.collaborator, ibanText(row.iban), row.amount, row.title], TYPES);
    total = addGrosze(total, row.amount, 'amount');
  }
  sheet.addRow([], TYPES);
  sheet.addRow(['Razem', null, total, null], TYPES, 'bold');
  return workbook.finish();
}
