import { amountInWords } from '../../../../shared/money.js';
import {
  ADJUSTMENT_LABELS,
  BASIS_LABELS,
  LINE_TYPE_LABELS,
  formatNipDigits,
  formatPeriod,
} from './render-labels.js';
import type { StatementRenderInput } from './render.types.js';
import { type InsurerGroup, checkStatementTotals, groupByInsurer } from './statement-totals.js';
import { type CellType, type CellValue, type Sheet, createWorkbook } from './xlsx-writer.js';

// prettier-ignore
const LINE_COLUMNS: readonly { header: string; type: CellType; width: number }[] = [
  { header: 'Lp.', type: 'integer', width: 6 },
  { header: 'Towarzystwo', type: 'text', width: 32 },
  { header: 'Plik', type: 'text', width: 24 },
  { header: 'Wiersz w pliku', type: 'integer', width: 9 },
  { header: 'Nr polisy', type: 'text', width: 20 },
  { header: 'Ubezpieczający', type: 'text', width: 18 },
  { header: 'Produkt', type: 'text', width: 16 },
  { header: 'Ryzyko', type: 'text', width: 16 },
  { header: 'Data', type: 'date', width: 11 },
  { header: 'Typ', type: 'text', width: 11 },
  { header: 'Prowizja agencji', type: 'amount', width: 15 },
  { header: 'Naliczane od', type: 'text', width: 20 },
  { header: 'Stawka (%)', type: 'decimal', width: 9 },
  { header: 'Podstawa', type: 'amount', width: 15 },
  { header: 'Udział', type: 'amount', width: 15 },
  { header: 'Reguła', type: 'text', width: 14 },
];
const LINE_TYPES = LINE_COLUMNS.map((column) => column.type);

const TEXT: CellType[] = ['text', 'text'];
const DATE: CellType[] = ['text', 'date'];
const INTEGER: CellType[] = ['text', 'integer'];
const AMOUNT: CellType[] = ['text', 'amount'];
const GROUP: CellType[] = ['text', 'integer', 'amount', 'amount'];
const ADJUSTMENT: CellType[] = ['text', 'text', 'amount'];

/**
 * Every line of the statement (sheet "Pozycje", in the PDF's order and numbering) and its summary (sheet
 * "Podsumowanie"): amounts are numbers in złoty with two decimals, dates are dates, all text is neutralised.
 */
export async function renderStatementXlsx(input: StatementRenderInput): Promise<Buffer> {
  const groups = groupByInsurer(input.lines);
  checkStatementTotals(input, groups);
  const workbook = createWorkbook({
    title: `Zestawienie prowizyjne ${input.number}, wersja ${String(input.version)}`,
    createdOn: input.issuedOn,
  });
  const widths = LINE_COLUMNS.map((column) => column.width);
  writeLines(workbook.addSheet('Pozycje', { widths, tableRows: input.lines.length + 1 }), groups);
  writeSummary(workbook.addSheet('Podsumowanie', { widths: [40, 45, 16, 16] }), input, groups);
  return workbook.finish();
}

function writeLines(sheet: Sheet, groups: readonly InsurerGroup[]): void {
  sheet.addRow(
    LINE_COLUMNS.map((column) => column.header),
    LINE_TYPES,
    'header',
  );
  let ordinal = 0;
  const values: CellValue[] = [];
  for (const group of groups) {
    for (const line of group.lines) {
      ordinal += 1;
      values.length = 0;
      values.push(
        ordinal,
        line.insurerName,
        line.fileName,
        line.rowNumber,
        line.policyNumber,
        line.policyholder,
        line.product,
        line.risk,
        line.lineDate,
        LINE_TYPE_LABELS[line.lineType],
        line.commission,
        BASIS_LABELS[line.basis],
        line.rate,
        line.base,
        line.share,
        line.rule,
      );
      sheet.addRow(values, LINE_TYPES);
    }
  }
}

function writeSummary(sheet: Sheet, input: StatementRenderInput, groups: readonly InsurerGroup[]): void {
  const { agency, collaborator, supersedes } = input;
  sheet.addRow(['Zestawienie prowizyjne', input.number], TEXT, 'bold');
  sheet.addRow(['Wersja', input.version], INTEGER);
  if (supersedes !== null) {
    sheet.addRow(['Zastępuje wersję', supersedes.version], INTEGER);
    sheet.addRow([`Do wypłaty według wersji ${String(supersedes.version)}`, supersedes.amountDue], AMOUNT);
  }
  sheet.addRow(['Okres rozliczeniowy', formatPeriod(input.period)], TEXT);
  sheet.addRow(['Od', input.period.from], DATE);
  sheet.addRow(['Do', input.period.to], DATE);
  sheet.addRow(['Data wystawienia', input.issuedOn], DATE);
  sheet.addRow(['Agencja', agency.name], TEXT);
  sheet.addRow(['NIP agencji', formatNipDigits(agency.nip)], TEXT);
  sheet.addRow(['Współpracownik', collaborator.fullName], TEXT);
  sheet.addRow(['Nr KNF', collaborator.knfNumber], TEXT);
  sheet.addRow(
    ['NIP współpracownika', collaborator.nip === null ? null : formatNipDigits(collaborator.nip)],
    TEXT,
  );
  sheet.addRow([], TEXT);
  sheet.addRow(['Towarzystwo', 'Liczba pozycji', 'Prowizja agencji', 'Udział'], GROUP, 'header');
  for (const group of groups) {
    sheet.addRow([group.insurerName, group.lines.length, group.commission, group.share], GROUP);
  }
  sheet.addRow(['Razem pozycje', input.lines.length, null, input.linesTotal], GROUP, 'bold');
  if (input.adjustments.length > 0) {
    sheet.addRow([], TEXT);
    sheet.addRow(['Rodzaj', 'Opis', 'Kwota'], ADJUSTMENT, 'header');
    for (const adjustment of input.adjustments) {
      sheet.addRow([ADJUSTMENT_LABELS[adjustment.kind], adjustment.reason, adjustment.amount], ADJUSTMENT);
    }
    sheet.addRow(['Razem', null, input.adjustmentsTotal], ADJUSTMENT, 'bold');
  }
  sheet.addRow([], TEXT);
  sheet.addRow(['Saldo otwarcia', input.openingBalance], AMOUNT);
  sheet.addRow(['Prowizje z pozycji', input.linesTotal], AMOUNT);
  sheet.addRow(['Premie, potrącenia i korekty', input.adjustmentsTotal], AMOUNT);
  sheet.addRow(['Saldo zamknięcia', input.closingBalance], AMOUNT, 'bold');
  sheet.addRow(['Do wypłaty', input.amountDue], AMOUNT, 'bold');
  sheet.addRow(['Słownie', amountInWords(input.amountDue)], TEXT);
  sheet.addRow(['Przeniesione na kolejny okres', input.carriedForward], AMOUNT);
  sheet.addRow(['Minimalna kwota wypłaty', input.minimumPayout], AMOUNT);
}
