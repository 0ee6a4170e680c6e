import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareInvoiceWithStatement, type StatementExpectation } from './fa3-check.js';
import { readFa3Invoice, type Fa3Invoice } from './fa3-reader.js';
import { ksefNumberChecksum } from './ksef-number.js';

const FIXTURES = new URL('../../../../../test/fixtures/ksef/', import.meta.url);
const invoice: Fa3Invoice = readFa3Invoice(readFileSync(new URL('commission-exempt-period.xml', FIXTURES)));

const statement: StatementExpectation = {
  sellerNip: '6793055127',
  buyerNip: '8382014671',
  amountDue: 123456,
  periodFrom: '2026-09-01',
  periodTo: '2026-09-30',
};

function ksefNumber(nip: string): string {
  const data = `${nip}-20261005-00A1B2C3D4E5`;
  return `${data}-${ksefNumberChecksum(data)}`;
}

describe('compareInvoiceWithStatement', () => {
  it('finds nothing when the invoice matches the settlement', () => {
    expect(compareInvoiceWithStatement(invoice, statement)).toEqual([]);
  });

  it('compares NIPs whatever their formatting in the settlement', () => {
    const formatted = { ...statement, sellerNip: '679-305-51-27', buyerNip: 'PL 838 201 46 71' };
    expect(compareInvoiceWithStatement(invoice, formatted)).toEqual([]);
  });

  it('reports a seller that is not the collaborator', () => {
    expect(compareInvoiceWithStatement(invoice, { ...statement, sellerNip: '7771234567' })).toEqual([
      { field: 'sellerNip', expected: '7771234567', actual: '6793055127', severity: 'mismatch' },
    ]);
  });

  it('reports a buyer that is not the agency, or no buyer NIP at all', () => {
    expect(compareInvoiceWithStatement(invoice, { ...statement, buyerNip: '7771234567' })).toEqual([
      { field: 'buyerNip', expected: '7771234567', actual: '8382014671', severity: 'mismatch' },
    ]);
    expect(compareInvoiceWithStatement({ ...invoice, buyerNip: null }, statement)).toEqual([
      { field: 'buyerNip', expected: '8382014671', actual: null, severity: 'mismatch' },
    ]);
  });

  it('reports an amount due that differs by a single grosz', () => {
    expect(compareInvoiceWithStatement(invoice, { ...statement, amountDue: 123457 })).toEqual([
      { field: 'total', expected: '1234.57', actual: '1234.56', severity: 'mismatch' },
    ]);
  });

  it('reports an invoice that is not exempt', () => {
    expect(
      compareInvoiceWithStatement({ ...invoice, isExempt: false, exemptionBasis: null }, statement),
    ).toEqual([
      { field: 'exemption', expected: 'art. 43 ust. 1 pkt 37', actual: null, severity: 'mismatch' },
    ]);
  });

  it.each([
    'art. 43 ust. 1 pkt 37 ustawy o VAT',
    'art.43 ust.1 pkt 37',
    'Art. 43 ust. 1 pkt. 37 u.p.t.u.',
    'zwolnienie z art 43 ust 1 pkt 37 ustawy z dnia 11 marca 2004 r.',
  ])('accepts the exemption basis %j', (basis) => {
    expect(compareInvoiceWithStatement({ ...invoice, exemptionBasis: basis }, statement)).toEqual([]);
  });

  it.each(['art. 43 ust. 1 pkt 38', 'art. 43 ust. 1 pkt 370', 'art. 113 ust. 1', 'zwolnienie'])(
    'warns about the exemption basis %j',
    (basis) => {
      expect(compareInvoiceWithStatement({ ...invoice, exemptionBasis: basis }, statement)).toEqual([
        { field: 'exemption', expected: 'art. 43 ust. 1 pkt 37', actual: basis, severity: 'warning' },
      ]);
    },
  );

  it('refuses an exempt sale that states no legal basis', () => {
    expect(compareInvoiceWithStatement({ ...invoice, exemptionBasis: null }, statement)).toEqual([
      { field: 'exemption', expected: 'art. 43 ust. 1 pkt 37', actual: null, severity: 'mismatch' },
    ]);
  });

  it('reports a currency other than PLN', () => {
    expect(compareInvoiceWithStatement({ ...invoice, currency: 'EUR' }, statement)).toEqual([
      { field: 'currency', expected: 'PLN', actual: 'EUR', severity: 'mismatch' },
    ]);
  });

  it('warns when the sale period does not overlap the settlement period', () => {
    const august = { ...invoice, period: { from: '2026-08-01', to: '2026-08-31' } };
    expect(compareInvoiceWithStatement(august, statement)).toEqual([
      {
        field: 'period',
        expected: '2026-09-01/2026-09-30',
        actual: '2026-08-01/2026-08-31',
        severity: 'warning',
      },
    ]);
    const quarter = { ...invoice, period: { from: '2026-07-01', to: '2026-09-30' } };
    expect(compareInvoiceWithStatement(quarter, statement)).toEqual([]);
  });

  it('uses the sale date, else the issue date, when there is no period', () => {
    const saleDate = { ...invoice, period: null, saleDate: '2026-09-30' };
    expect(compareInvoiceWithStatement(saleDate, statement)).toEqual([]);
    const issuedLate = { ...invoice, period: null, saleDate: null, issueDate: '2026-10-02' };
    expect(compareInvoiceWithStatement(issuedLate, statement)).toEqual([
      { field: 'period', expected: '2026-09-01/2026-09-30', actual: '2026-10-02', severity: 'warning' },
    ]);
  });

  it('reports an invoice that is not a plain VAT invoice', () => {
    expect(compareInvoiceWithStatement({ ...invoice, kind: 'KOR' }, statement)).toEqual([
      { field: 'kind', expected: 'VAT', actual: 'KOR', severity: 'mismatch' },
    ]);
  });

  it('reports the self-billing flag only when the settlement says what it should be', () => {
    expect(compareInvoiceWithStatement(invoice, { ...statement, isSelfBilling: false })).toEqual([]);
    expect(compareInvoiceWithStatement(invoice, { ...statement, isSelfBilling: true })).toEqual([
      { field: 'selfBilling', expected: '1', actual: '2', severity: 'mismatch' },
    ]);
  });

  it("warns when the KSeF number carries another NIP than the seller's", () => {
    expect(
      compareInvoiceWithStatement({ ...invoice, ksefNumber: ksefNumber('6793055127') }, statement),
    ).toEqual([]);
    expect(
      compareInvoiceWithStatement({ ...invoice, ksefNumber: ksefNumber('8382014671') }, statement),
    ).toEqual([{ field: 'ksefNumber', expected: '6793055127', actual: '8382014671', severity: 'warning' }]);
  });

  it('reports every differing field, one finding each', () => {
    const wrong: Fa3Invoice = {
      ...invoice,
      sellerNip: '7771234567',
      buyerNip: null,
      total: 100,
      isExempt: false,
      exemptionBasis: null,
      currency: 'EUR',
      period: { from: '2026-01-01', to: '2026-01-31' },
      kind: 'ZAL',
      isSelfBilling: true,
      ksefNumber: ksefNumber('6793055127'),
    };
    const findings = compareInvoiceWithStatement(wrong, { ...statement, isSelfBilling: false });
    expect(findings.map((finding) => finding.field)).toEqual([
      'sellerNip',
      'buyerNip',
      'total',
      'exemption',
      'currency',
      'period',
      'kind',
      'selfBilling',
      'ksefNumber',
    ]);
  });
});
