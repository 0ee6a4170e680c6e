import { formatIban } from '../../../../shared/identifiers.js';
import { amountInWords, formatAmount } from '../../../../shared/money.js';
import { createPdfDocument } from './pdf-document.js';
import { createFlow, drawFooters, drawKeyValues, drawParagraph, drawParties } from './pdf-layout.js';
import { startTable } from './pdf-table.js';
import { RenderError } from './render-error.js';
import { addGrosze, formatAmountCell, formatDocumentDate, formatNipDigits } from './render-labels.js';
import type { SelfBillingInvoiceRenderInput } from './render.types.js';

/**
 * The invoice the agency drafts on the collaborator's behalf (art. 106d: self-billing), VAT-exempt ("zw"), for the
 * collaborator to accept. Its FA(3) XML is written elsewhere; this is the human-readable copy.
 */
export async function renderSelfBillingInvoicePdf(input: SelfBillingInvoiceRenderInput): Promise<Buffer> {
  const total = input.lines.reduce((sum, line) => addGrosze(sum, line.amount, 'lines.amount'), 0);
  if (total !== input.total) {
    throw new RenderError('totals_mismatch', 'total');
  }
  const issuedOn = formatDocumentDate(input.issuedOn, 'issuedOn');
  const saleFrom = formatDocumentDate(input.saleFrom, 'saleFrom');
  const saleTo = formatDocumentDate(input.saleTo, 'saleTo');
  const doc = createPdfDocument({
    title: `Faktura nr ${input.number} (samofakturowanie)`,
    subject: `Okres wykonania usługi: ${saleFrom} – ${saleTo}`,
    createdOn: input.issuedOn,
  });
  const flow = createFlow(doc);
  doc.text(`Faktura nr ${input.number}`, flow.left, flow.y + 16, { font: 'bold', size: 16 });
  doc.text('samofakturowanie', flow.right, flow.y + 16, { font: 'bold', size: 12, align: 'right' });
  flow.y += 26;
  doc.text(
    `Data wystawienia: ${issuedOn}   ·   Okres wykonania usługi: ${saleFrom} – ${saleTo}`,
    flow.left,
    flow.y + 9,
    {
      size: 9,
    },
  );
  flow.y += 18;
  const { seller, buyer } = input;
  drawParties(flow, [
    {
      label: 'Sprzedawca',
      lines: [
        { text: seller.name, isBold: true },
        { text: `NIP ${formatNipDigits(seller.nip)}` },
        ...(seller.address === null ? [] : [{ text: seller.address }]),
      ],
    },
    {
      label: 'Nabywca (wystawca faktury)',
      lines: [
        { text: buyer.name, isBold: true },
        { text: `NIP ${formatNipDigits(buyer.nip)}` },
        ...(buyer.address === null ? [] : [{ text: buyer.address }]),
      ],
    },
  ]);
  const table = startTable(
    flow,
    [
      { header: 'Lp.', width: 26, align: 'right' },
      { header: 'Nazwa usługi', width: 230, wraps: true },
      { header: 'Netto (zł)', width: 70, align: 'right' },
      { header: 'Stawka VAT', width: 58, align: 'right' },
      { header: 'VAT (zł)', width: 48, align: 'right' },
      { header: 'Brutto (zł)', width: 70, align: 'right' },
    ],
    { size: 8.5, rowHeight: 15 },
  );
  input.lines.forEach((line, index) => {
    const amount = formatAmountCell(line.amount);
    table.row([String(index + 1), line.name, amount, 'zw', '—', amount]);
  });
  table.row(['Razem', '', formatAmountCell(input.total), 'zw', '—', formatAmountCell(input.total)], 'total');
  flow.y += 10;
  drawKeyValues(flow, [
    { label: 'Sprzedaż zwolniona z VAT (zw)', value: formatAmount(input.total) },
    { label: 'Do zapłaty', value: formatAmount(input.total), isHighlighted: true },
  ]);
  flow.y += 6;
  drawParagraph(flow, `Słownie: ${amountInWords(input.total)}`, { size: 9 });
  flow.y += 4;
  drawParagraph(flow, `Podstawa zwolnienia z VAT: ${input.exemptionBasis}.`, { size: 9 });
  drawParagraph(
    flow,
    'Faktura wystawiona przez nabywcę w imieniu i na rzecz sprzedawcy (samofakturowanie, art. 106d ustawy o VAT) ' +
      'na podstawie zawartej wcześniej umowy o samofakturowaniu.',
    { size: 8.5 },
  );
  if (seller.iban !== null) {
    drawParagraph(flow, `Forma płatności: przelew na rachunek sprzedawcy ${formatIban(seller.iban)}`, {
      size: 9,
    });
  }
  flow.y += 4;
  drawParagraph(
    flow,
    input.acceptedOn === null
      ? 'Oczekuje na akceptację sprzedawcy.'
      : `Zaakceptowana przez sprzedawcę dnia ${formatDocumentDate(input.acceptedOn, 'acceptedOn')}.`,
    { font: 'bold', size: 9 },
  );
  drawFooters(doc, `Faktura nr ${input.number} (samofakturowanie)`);
  return doc.finish();
}
