// A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets (CSV injection):
// a collaborator's name or a policyholder field in an insurer's file could otherwise run a command or leak data.
// = + - @ tab CR, as char codes: this runs for every text cell of a statement workbook.
const FORMULA_TRIGGERS = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);

/**
 * Text for a spreadsheet cell that can never become a formula: a leading `'` when it starts like one (OWASP).
 * Every text cell of the CSV and XLSX exports goes through it; amounts are written as numbers, not text.
 */
export function neutraliseSpreadsheetText(value: string): string {
  return FORMULA_TRIGGERS.has(value.charCodeAt(0)) ? `'${value}` : value;
}
