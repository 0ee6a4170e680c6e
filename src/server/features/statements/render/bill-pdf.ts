import { formatIban, maskPesel } from '../../../../shared/identifiers.js';
import { amountInWords, formatAmount } from '../../../../shared/money.js';
import { createPdfDocument } from './pdf-document.js';
import {
  createFlow,
  drawFooters,
  drawKeyValues,
  drawParagraph,
  drawParties,
  drawSignatures,
} from './pdf-layout.js';
import { startTable } from './pdf-table.js';
import { RenderError } from './render-error.js';
import { formatAmountCell, formatDocumentDate, formatNipDigits, formatPeriod } from './render-labels.js';
import type { BillRenderInput } from './render.types.js';

// Sejf does not know the contract's tax treatment (costs of earning income, exemptions, contributions): the
// agency's payroll does, and the bill must not pretend otherwise.
const WITHHOLDING_NOTE =
  'Kwota brutto, przed potrąceniami. Zaliczkę na podatek dochodowy oraz należne składki na ubezpieczenia ' +
  'społeczne i zdrowotne oblicza i potrąca agencja jako płatnik w ramach swoich rozliczeń płacowych; ' +
  'ten rachunek ich nie oblicza.';

/** A bill ("rachunek") to a civil-law contract, for a collaborator without a business: gross amount and słownie. */
export async function renderBillPdf(input: BillRenderInput): Promise<Buffer> {
  if (!Number.isSafeInteger(input.amount)) {
    throw new RenderError('invalid_amount', 'amount');
  }
  const period = formatPeriod(input.period);
  const doc = createPdfDocument({
    title: `Rachunek nr ${input.number}`,
    subject: `Okres: ${period}`,
    createdOn: input.issuedOn,
  });
  const flow = createFlow(doc);
  doc.text(`Rachunek nr ${input.number}`, flow.left, flow.y + 16, { font: 'bold', size: 16 });
  flow.y += 26;
  const issuedOn = formatDocumentDate(input.issuedOn, 'issuedOn');
  doc.text(`Data wystawienia: ${issuedOn}   ·   Okres: ${period}`, flow.left, flow.y + 9, { size: 9 });
  flow.y += 18;
  const { payer, contractor } = input;
  drawParties(flow, [
    {
      label: 'Zamawiający (płatnik)',
      lines: [
        { text: payer.name, isBold: true },
        { text: `NIP ${formatNipDigits(payer.nip)}` },
        ...(payer.regon === null ? [] : [{ text: `REGON ${payer.regon}` }]),
        ...(payer.address === null ? [] : [{ text: payer.address }]),
      ],
    },
    {
      label: 'Wykonawca',
      lines: [
        { text: contractor.fullName, isBold: true },
        ...(contractor.address === null ? [] : [{ text: contractor.address }]),
        ...(contractor.pesel === null ? [] : [{ text: `PESEL ${maskPesel(contractor.pesel)}` }]),
        ...(contractor.nip === null ? [] : [{ text: `NIP ${formatNipDigits(contractor.nip)}` }]),
      ],
    },
  ]);
  const table = startTable(
    flow,
    [
      { header: 'Lp.', width: 30, align: 'right' },
      { header: 'Tytuł', width: 360, wraps: true },
      { header: 'Kwota brutto (zł)', width: 110, align: 'right' },
    ],
    { size: 9, rowHeight: 16 },
  );
  table.row(['1', input.title, formatAmountCell(input.amount)]);
  flow.y += 10;
  drawKeyValues(flow, [
    { label: 'Do wypłaty (brutto)', value: formatAmount(input.amount), isHighlighted: true },
  ]);
  flow.y += 6;
  drawParagraph(flow, `Słownie: ${amountInWords(input.amount)}`, { size: 9 });
  flow.y += 4;
  drawParagraph(flow, WITHHOLDING_NOTE, { size: 8.5 });
  if (contractor.iban !== null) {
    drawParagraph(flow, `Proszę o przelew na rachunek: ${formatIban(contractor.iban)}`, { size: 9 });
  }
  if (input.note !== null && input.note.trim() !== '') {
    flow.y += 4;
    drawParagraph(flow, `Uwagi: ${input.note}`, { size: 9 });
  }
  drawSignatures(flow, ['podpis wykonawcy', 'zatwierdzono do wypłaty (zamawiający)']);
  drawFooters(doc, `Rachunek nr ${input.number}`);
  return doc.finish();
}
