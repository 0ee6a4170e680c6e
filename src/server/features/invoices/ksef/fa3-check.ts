import { normalizeNip } from '../../../../shared/identifiers.js';
import type { Grosze } from '../../../../shared/money.js';
import { formatFa3Amount } from './fa3-format.js';
import type { Fa3Invoice } from './fa3-reader.js';
import { parseKsefNumber } from './ksef-number.js';

export type InvoiceFindingField =
  | 'sellerNip'
  | 'buyerNip'
  | 'total'
  | 'exemption'
  | 'currency'
  | 'period'
  | 'kind'
  | 'selfBilling'
  | 'ksefNumber';

/**
 * One difference between an invoice and what the settlement expects. Values are machine forms for the web app
 * to present: NIPs as 10 digits, amounts as `1234.56`, periods as ISO intervals `YYYY-MM-DD/YYYY-MM-DD`,
 * self-billing as P_17's `1` (yes) or `2` (no). A `mismatch` contradicts the settlement; a `warning` needs a look.
 */
export type InvoiceFinding = {
  field: InvoiceFindingField;
  expected: string;
  actual: string | null;
  severity: 'mismatch' | 'warning';
};

export type StatementExpectation = {
  /** The collaborator's NIP. */
  sellerNip: string;
  /** The agency's NIP. */
  buyerNip: string;
  amountDue: Grosze;
  periodFrom: string;
  periodTo: string;
  /** When known: whether the agreement with the collaborator is self-billing (P_17 must then be 1). */
  isSelfBilling?: boolean;
};

export const EXPECTED_EXEMPTION_ARTICLE = 'art. 43 ust. 1 pkt 37';

// Insurance intermediation is exempt under art. 43 ust. 1 pkt 37 of the VAT act; people write the reference
// with or without dots and spaces ("art.43 ust.1 pkt 37").
const EXEMPTION_ARTICLE = /\bart\.?\s*43\s*ust\.?\s*1\s*pkt\.?\s*37(?!\d)/i;

type CheckedInvoice = Pick<
  Fa3Invoice,
  | 'sellerNip'
  | 'buyerNip'
  | 'total'
  | 'isExempt'
  | 'exemptionBasis'
  | 'currency'
  | 'period'
  | 'saleDate'
  | 'issueDate'
  | 'kind'
  | 'isSelfBilling'
  | 'ksefNumber'
>;

function sameNip(actual: string | null, expected: string): boolean {
  return actual !== null && (normalizeNip(actual) ?? actual) === (normalizeNip(expected) ?? expected);
}

// Without P_6 the sale date is the issue date (art. 106e ust. 1 pkt 6 asks for it only when they differ).
function saleRange(invoice: CheckedInvoice): { from: string; to: string } {
  const date = invoice.saleDate ?? invoice.issueDate;
  return invoice.period ?? { from: date, to: date };
}

/** Field-by-field comparison of a collaborator's invoice with the settlement; no findings: it matches. */
export function compareInvoiceWithStatement(
  invoice: CheckedInvoice,
  expected: StatementExpectation,
): InvoiceFinding[] {
  const findings: InvoiceFinding[] = [];
  if (!sameNip(invoice.sellerNip, expected.sellerNip)) {
    findings.push({
      field: 'sellerNip',
      expected: normalizeNip(expected.sellerNip) ?? expected.sellerNip,
      actual: invoice.sellerNip,
      severity: 'mismatch',
    });
  }
  if (!sameNip(invoice.buyerNip, expected.buyerNip)) {
    findings.push({
      field: 'buyerNip',
      expected: normalizeNip(expected.buyerNip) ?? expected.buyerNip,
      actual: invoice.buyerNip,
      severity: 'mismatch',
    });
  }
  if (invoice.total !== expected.amountDue) {
    findings.push({
      field: 'total',
      expected: formatFa3Amount(expected.amountDue),
      actual: formatFa3Amount(invoice.total),
      severity: 'mismatch',
    });
  }
  // Exempt, with its legal basis stated (P_19A; the directive's or another basis in P_19B/P_19C is only a warning,
  // since the exemption itself is right): a sale not marked exempt, or exempt on no stated basis, is refused.
  if (!invoice.isExempt || invoice.exemptionBasis === null) {
    findings.push({
      field: 'exemption',
      expected: EXPECTED_EXEMPTION_ARTICLE,
      actual: invoice.exemptionBasis,
      severity: 'mismatch',
    });
  } else if (!EXEMPTION_ARTICLE.test(invoice.exemptionBasis)) {
    findings.push({
      field: 'exemption',
      expected: EXPECTED_EXEMPTION_ARTICLE,
      actual: invoice.exemptionBasis,
      severity: 'warning',
    });
  }
  if (invoice.currency !== 'PLN') {
    findings.push({ field: 'currency', expected: 'PLN', actual: invoice.currency, severity: 'mismatch' });
  }
  const sale = saleRange(invoice);
  // A warning only: a collaborator may date the sale at the month's end or invoice several months at once.
  if (sale.from > expected.periodTo || sale.to < expected.periodFrom) {
    findings.push({
      field: 'period',
      expected: `${expected.periodFrom}/${expected.periodTo}`,
      actual: sale.from === sale.to ? sale.from : `${sale.from}/${sale.to}`,
      severity: 'warning',
    });
  }
  if (invoice.kind !== 'VAT') {
    findings.push({ field: 'kind', expected: 'VAT', actual: invoice.kind, severity: 'mismatch' });
  }
  if (expected.isSelfBilling !== undefined && invoice.isSelfBilling !== expected.isSelfBilling) {
    findings.push({
      field: 'selfBilling',
      expected: expected.isSelfBilling ? '1' : '2',
      actual: invoice.isSelfBilling ? '1' : '2',
      severity: 'mismatch',
    });
  }
  // KSeF documents the NIP in the number as the seller's; a warning only, as no source confirms that it stays
  // so for a self-billed invoice, which the buyer sends.
  const ksefIssuer = invoice.ksefNumber === null ? null : parseKsefNumber(invoice.ksefNumber)?.issuerId;
  if (ksefIssuer !== undefined && ksefIssuer !== null && ksefIssuer !== invoice.sellerNip) {
    findings.push({
      field: 'ksefNumber',
      expected: invoice.sellerNip,
      actual: ksefIssuer,
      severity: 'warning',
    });
  }
  return findings;
}
