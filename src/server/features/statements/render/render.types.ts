import type { Grosze } from '../../../../shared/money.js';

/** Dates are `YYYY-MM-DD`; periods are inclusive. */
export type DateRange = { from: string; to: string };

export type AgencyIdentity = { name: string; nip: string; regon: string | null; address: string | null };

export type StatementLineType = 'standard' | 'correction' | 'storno';

export type StatementBasis =
  'agency_commission' | 'collected_premium' | 'written_premium' | 'fixed_per_policy';

export type StatementLine = {
  insurerName: string;
  fileName: string;
  rowNumber: number;
  policyNumber: string;
  /** As the collaborator may see it (the caller minimises it, e.g. to initials). */
  policyholder: string | null;
  product: string | null;
  risk: string | null;
  lineDate: string;
  lineType: StatementLineType;
  /** The agency's commission on the line. */
  commission: Grosze;
  basis: StatementBasis;
  /** Decimal percent (`"12.5"`); null for a fixed amount per policy. */
  rate: string | null;
  base: Grosze;
  share: Grosze;
  /** The rule that produced the share, e.g. `Reguła 12 v3`. */
  rule: string;
};

export type StatementAdjustment = {
  kind: 'bonus' | 'deduction' | 'advance' | 'correction';
  reason: string;
  /** Signed: a deduction or an advance already paid is negative. */
  amount: Grosze;
};

export type StatementRenderInput = {
  number: string;
  version: number;
  /** The version this one corrects, and what that version said was due. */
  supersedes: { version: number; amountDue: Grosze } | null;
  issuedOn: string;
  period: DateRange;
  agency: AgencyIdentity;
  collaborator: {
    fullName: string;
    knfNumber: string | null;
    nip: string | null;
    address: string | null;
    taxMode: 'invoice' | 'bill';
  };
  lines: readonly StatementLine[];
  adjustments: readonly StatementAdjustment[];
  openingBalance: Grosze;
  /** Must equal the sum of the lines' shares. */
  linesTotal: Grosze;
  /** Must equal the sum of the adjustments. */
  adjustmentsTotal: Grosze;
  /** Must equal opening + lines + adjustments. */
  closingBalance: Grosze;
  /** What is paid now (0 when the balance is carried forward). */
  amountDue: Grosze;
  /** Must equal closing − due. */
  carriedForward: Grosze;
  minimumPayout: Grosze;
};

export type PayoutRow = { collaborator: string; iban: string | null; amount: Grosze; title: string };

/** A bill ("rachunek") for a collaborator working under a civil-law contract, without a business. */
export type BillRenderInput = {
  number: string;
  issuedOn: string;
  period: DateRange;
  /** The agency, which pays and withholds. */
  payer: AgencyIdentity;
  contractor: {
    fullName: string;
    address: string | null;
    /** Printed masked (last four digits only). */
    pesel: string | null;
    nip: string | null;
    /** The account the contractor wants to be paid to. */
    iban: string | null;
  };
  /** What the bill is for, e.g. "Wynagrodzenie z umowy agencyjnej za listopad 2026". */
  title: string;
  /** Gross: before the agency withholds tax and contributions. */
  amount: Grosze;
  note: string | null;
};

export type InvoiceParty = { name: string; nip: string; address: string | null };

/** An invoice the agency drafts on the collaborator's behalf (art. 106d, self-billing), for the seller to accept. */
export type SelfBillingInvoiceRenderInput = {
  number: string;
  issuedOn: string;
  saleFrom: string;
  saleTo: string;
  /** The collaborator. */
  seller: InvoiceParty & { iban: string | null };
  /** The agency. */
  buyer: InvoiceParty;
  lines: readonly { name: string; amount: Grosze }[];
  /** Must equal the sum of the lines. */
  total: Grosze;
  /** E.g. "art. 43 ust. 1 pkt 37 ustawy o VAT". */
  exemptionBasis: string;
  /** When the seller accepted it; null while it waits for acceptance. */
  acceptedOn: string | null;
};
