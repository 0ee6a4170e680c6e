import { amountInWords, formatAmount } from '../../../../shared/money.js';
import { createPdfDocument } from './pdf-document.js';
import {
  type Flow,
  type KeyValue,
  type Party,
  createFlow,
  drawFooters,
  drawHeading,
  drawKeyValues,
  drawParagraph,
  drawParties,
} from './pdf-layout.js';
import { type Column, startTable } from './pdf-table.js';
import {
  ADJUSTMENT_LABELS,
  BASIS_SHORT_LABELS,
  LINE_TYPE_LABELS,
  VAT_EXEMPTION_NOTE,
  formatAmountCell,
  formatDocumentDate,
  formatNipDigits,
  formatPeriod,
  formatRate,
} from './render-labels.js';
import type { StatementLine, StatementRenderInput } from './render.types.js';
import { type InsurerGroup, checkStatementTotals, groupByInsurer } from './statement-totals.js';

// Widths fit a 4-digit ordinal, a date, the longest type and basis labels and -1 234 567,89 at 7 pt.
// prettier-ignore
const LINE_COLUMNS: readonly Column[] = [
  { header: 'Lp.', width: 22, align: 'right' },
  { header: 'Nr polisy', width: 78 },
  { header: 'Ubezpieczający', width: 62, repeats: true },
  { header: 'Produkt / ryzyko', width: 70, repeats: true },
  { header: 'Data', width: 41, repeats: true },
  { header: 'Typ', width: 38, repeats: true },
  { header: 'Naliczane od', width: 58, repeats: true },
  { header: 'Podstawa (zł)', width: 52, align: 'right' },
  { header: 'Stawka', width: 31, align: 'right', repeats: true },
  { header: 'Udział (zł)', width: 53, align: 'right' },
];

/** The collaborator's commission statement for one period, in Polish, as a PDF. */
export async function renderStatementPdf(input: StatementRenderInput): Promise<Buffer> {
  const groups = groupByInsurer(input.lines);
  checkStatementTotals(input, groups);
  const period = formatPeriod(input.period);
  const doc = createPdfDocument({
    title: `Zestawienie prowizyjne ${input.number}, wersja ${String(input.version)}`,
    subject: `Okres rozliczeniowy: ${period}`,
    createdOn: input.issuedOn,
  });
  const flow = createFlow(doc);
  drawTitle(flow, input, period);
  drawParties(flow, parties(input));
  drawSummary(flow, input, groups);
  drawBalances(flow, input);
  drawLines(flow, groups);
  drawFooters(
    doc,
    `Zestawienie prowizyjne ${input.number}, wersja ${String(input.version)} · ${input.collaborator.fullName}`,
  );
  return doc.finish();
}

function drawTitle(flow: Flow, input: StatementRenderInput, period: string): void {
  const { doc } = flow;
  doc.text(`Zestawienie prowizyjne nr ${input.number}`, flow.left, flow.y + 15, { font: 'bold', size: 15 });
  flow.y += 24;
  const facts = [
    `Okres rozliczeniowy: ${period}`,
    `Data wystawienia: ${formatDocumentDate(input.issuedOn, 'issuedOn')}`,
    `Wersja ${String(input.version)}`,
  ];
  doc.text(facts.join('   ·   '), flow.left, flow.y + 9, { size: 9 });
  flow.y += 14;
  if (input.supersedes !== null) {
    const previous = input.supersedes;
    drawParagraph(
      flow,
      `Korekta: ta wersja ${String(input.version)} zastępuje wersję ${String(previous.version)} ` +
        `(do wypłaty według wersji ${String(previous.version)}: ${formatAmount(previous.amountDue)}). ` +
        `Wersja ${String(previous.version)} traci ważność.`,
      { font: 'bold', size: 9, color: [0.6, 0.1, 0.1] },
    );
  }
  flow.y += 4;
}

function parties(input: StatementRenderInput): Party[] {
  const { agency, collaborator } = input;
  return [
    {
      label: 'Agencja',
      lines: [
        { text: agency.name, isBold: true },
        { text: `NIP ${formatNipDigits(agency.nip)}` },
        ...(agency.regon === null ? [] : [{ text: `REGON ${agency.regon}` }]),
        ...(agency.address === null ? [] : [{ text: agency.address }]),
      ],
    },
    {
      label: 'Współpracownik (OFWCA)',
      lines: [
        { text: collaborator.fullName, isBold: true },
        ...(collaborator.knfNumber === null ? [] : [{ text: `Nr KNF ${collaborator.knfNumber}` }]),
        ...(collaborator.nip === null ? [] : [{ text: `NIP ${formatNipDigits(collaborator.nip)}` }]),
        ...(collaborator.address === null ? [] : [{ text: collaborator.address }]),
        { text: `Dokument do wypłaty: ${collaborator.taxMode === 'invoice' ? 'faktura' : 'rachunek'}` },
      ],
    },
  ];
}

function drawSummary(flow: Flow, input: StatementRenderInput, groups: readonly InsurerGroup[]): void {
  drawHeading(flow, 'Podsumowanie według towarzystw');
  const byInsurer = startTable(
    flow,
    [
      { header: 'Towarzystwo ubezpieczeń', width: 300 },
      { header: 'Liczba pozycji', width: 80, align: 'right' },
      { header: 'Udział w prowizji (zł)', width: 120, align: 'right' },
    ],
    { size: 8.5, rowHeight: 14 },
  );
  for (const group of groups) {
    byInsurer.row([group.insurerName, String(group.lines.length), formatAmountCell(group.share)]);
  }
  byInsurer.row(['Razem pozycje', String(input.lines.length), formatAmountCell(input.linesTotal)], 'total');
  if (input.adjustments.length > 0) {
    drawHeading(flow, 'Premie, potrącenia i korekty');
    const adjustments = startTable(
      flow,
      [
        { header: 'Rodzaj', width: 80 },
        { header: 'Opis', width: 300 },
        { header: 'Kwota (zł)', width: 120, align: 'right' },
      ],
      { size: 8.5, rowHeight: 14 },
    );
    for (const adjustment of input.adjustments) {
      adjustments.row([
        ADJUSTMENT_LABELS[adjustment.kind],
        adjustment.reason,
        formatAmountCell(adjustment.amount),
      ]);
    }
    adjustments.row(['Razem', '', formatAmountCell(input.adjustmentsTotal)], 'total');
  }
}

function drawBalances(flow: Flow, input: StatementRenderInput): void {
  drawHeading(flow, 'Rozliczenie');
  const rows: KeyValue[] = [
    { label: 'Saldo otwarcia (z poprzedniego okresu)', value: formatAmount(input.openingBalance) },
    { label: 'Prowizje z pozycji', value: formatAmount(input.linesTotal) },
    { label: 'Premie, potrącenia i korekty', value: formatAmount(input.adjustmentsTotal) },
    { label: 'Saldo zamknięcia', value: formatAmount(input.closingBalance), isBold: true },
    { label: 'Do wypłaty', value: formatAmount(input.amountDue), isHighlighted: true },
    { label: 'Przeniesione na kolejny okres', value: formatAmount(input.carriedForward) },
  ];
  drawKeyValues(flow, rows);
  flow.y += 6;
  drawParagraph(flow, `Słownie: ${amountInWords(input.amountDue)}`, { size: 9 });
  const explanation = carriedForwardExplanation(input);
  if (explanation !== null) {
    drawParagraph(flow, explanation, { size: 8.5 });
  }
  if (input.collaborator.taxMode === 'invoice') {
    flow.y += 4;
    drawParagraph(flow, VAT_EXEMPTION_NOTE, { size: 8.5 });
  }
}

function carriedForwardExplanation(input: StatementRenderInput): string | null {
  if (input.carriedForward === 0) {
    return null;
  }
  if (input.closingBalance < 0) {
    return 'Saldo jest ujemne: przechodzi na kolejny okres i zostanie rozliczone z przyszłymi prowizjami.';
  }
  if (input.amountDue === 0 && input.closingBalance < input.minimumPayout) {
    return (
      `Saldo jest niższe niż minimalna kwota wypłaty (${formatAmount(input.minimumPayout)}), ` +
      'dlatego w całości przechodzi na kolejny okres.'
    );
  }
  return `Kwota ${formatAmount(input.carriedForward)} przechodzi na kolejny okres.`;
}

function productAndRisk({ product, risk }: StatementLine): string {
  if (product === null || product === '') {
    return risk ?? '';
  }
  return risk === null || risk === '' ? product : `${product} / ${risk}`;
}

function drawLines(flow: Flow, groups: readonly InsurerGroup[]): void {
  const count = groups.reduce((sum, group) => sum + group.lines.length, 0);
  if (count === 0) {
    return;
  }
  drawHeading(flow, `Pozycje (${String(count)})`);
  const table = startTable(flow, LINE_COLUMNS, { size: 7, rowHeight: 10 });
  // A statement has a few dozen distinct dates and thousands of lines.
  const dates = new Map<string, string>();
  const formatDate = (value: string) => {
    let formatted = dates.get(value);
    if (formatted === undefined) {
      formatted = formatDocumentDate(value, 'lines.lineDate');
      dates.set(value, formatted);
    }
    return formatted;
  };
  let ordinal = 0;
  for (const group of groups) {
    table.row([`${group.insurerName} (${String(group.lines.length)})`], 'group');
    for (const line of group.lines) {
      ordinal += 1;
      table.row([
        String(ordinal),
        line.policyNumber,
        line.policyholder ?? '',
        productAndRisk(line),
        formatDate(line.lineDate),
        LINE_TYPE_LABELS[line.lineType],
        BASIS_SHORT_LABELS[line.basis],
        formatAmountCell(line.base),
        formatRate(line.rate),
        formatAmountCell(line.share),
      ]);
    }
    table.row(
      [`Razem ${group.insurerName}`, '', '', '', '', '', '', '', '', formatAmountCell(group.share)],
      'total',
    );
  }
}
