import { describe, expect, it } from 'vitest';
import { renderBillPdf } from './bill-pdf.js';
import { infoText, inspectPdf } from '../../../../../test/support/pdf-inspect.js';
import type { BillRenderInput, SelfBillingInvoiceRenderInput } from './render.types.js';
import { renderSelfBillingInvoicePdf } from './self-billing-invoice-pdf.js';

const NBSP = '\u00a0';
const AGENCY = {
  name: 'Multiagencja Przykładowa sp. z o.o.',
  nip: '525-000-73-13',
  regon: '301093951',
  address: 'ul. Źródlana 12/4, 61-001 Poznań',
};

const BILL: BillRenderInput = {
  number: 'R/2026/11/0003',
  issuedOn: '2026-12-02',
  period: { from: '2026-11-01', to: '2026-11-30' },
  payer: AGENCY,
  contractor: {
    fullName: 'Zofia Źrebiec',
    address: 'ul. Łąkowa 3, 00-001 Warszawa',
    pesel: '44051401359',
    nip: null,
    iban: 'PL61109010140000071219812874',
  },
  title: 'Wynagrodzenie z umowy agencyjnej za listopad 2026',
  amount: 123_456,
  note: null,
};

const INVOICE: SelfBillingInvoiceRenderInput = {
  number: 'FV/SF/2026/11/0007',
  issuedOn: '2026-12-02',
  saleFrom: '2026-11-01',
  saleTo: '2026-11-30',
  seller: {
    name: 'Łukasz Ćwikliński Usługi Ubezpieczeniowe',
    nip: '7261120385',
    address: 'ul. Ślężna 5, 50-001 Wrocław',
    iban: null,
  },
  buyer: { name: AGENCY.name, nip: AGENCY.nip, address: AGENCY.address },
  lines: [
    {
      name: 'Pośrednictwo ubezpieczeniowe: prowizja za listopad 2026 według zestawienia ROZ/2026/11/0007',
      amount: 200_000,
    },
    { name: 'Premia za sprzedaż pakietów', amount: 50_010 },
  ],
  total: 250_010,
  exemptionBasis: 'art. 43 ust. 1 pkt 37 ustawy o VAT',
  acceptedOn: null,
};

describe('renderBillPdf', () => {
  it('prints a bill with the gross amount, słownie, a masked PESEL and who computes the deductions', async () => {
    const pdf = inspectPdf(await renderBillPdf(BILL));
    expect(pdf.pages).toHaveLength(1);
    const text = pdf.pages[0]?.text ?? '';
    for (const expected of [
      'Rachunek nr R/2026/11/0003',
      'Data wystawienia: 02.12.2026',
      'Okres: listopad 2026',
      'ZAMAWIAJĄCY (PŁATNIK)',
      'NIP 5250007313',
      'Zofia Źrebiec',
      'PESEL •••••••1359',
      'Wynagrodzenie z umowy agencyjnej za listopad 2026',
      `1${NBSP}234,56${NBSP}zł`,
      'Słownie: tysiąc dwieście trzydzieści cztery złote 56/100',
      'oblicza i potrąca agencja jako płatnik',
      'PL61 1090 1014 0000 0712 1981 2874',
      'podpis wykonawcy',
      'Strona 1 z 1',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('44051401359');
    expect(infoText(pdf.info, 'Title')).toBe('Rachunek nr R/2026/11/0003');
  });

  it('is deterministic', async () => {
    expect((await renderBillPdf(BILL)).equals(await renderBillPdf({ ...BILL }))).toBe(true);
  });
});

describe('renderSelfBillingInvoicePdf', () => {
  it('prints a VAT-exempt self-billing invoice with the exemption basis, total and słownie', async () => {
    const pdf = inspectPdf(await renderSelfBillingInvoicePdf(INVOICE));
    const text = pdf.pages[0]?.text ?? '';
    for (const expected of [
      'Faktura nr FV/SF/2026/11/0007',
      'samofakturowanie',
      'Okres wykonania usługi: 01.11.2026 – 30.11.2026',
      'SPRZEDAWCA',
      'NIP 7261120385',
      'NABYWCA (WYSTAWCA FAKTURY)',
      'zw',
      'Podstawa zwolnienia z VAT: art. 43 ust. 1 pkt 37 ustawy o VAT.',
      `2${NBSP}500,10${NBSP}zł`,
      'Słownie: dwa tysiące pięćset złotych 10/100',
      'Oczekuje na akceptację sprzedawcy.',
    ]) {
      expect(text).toContain(expected);
    }
    // A service name is wrapped, never cut: every word of it is on the invoice.
    expect(text).toContain('Pośrednictwo ubezpieczeniowe: prowizja za listopad 2026 według');
    expect(text).toContain('ROZ/2026/11/0007');
    expect(text).not.toContain('…');
  });

  it('says when the seller accepted it', async () => {
    const pdf = inspectPdf(await renderSelfBillingInvoicePdf({ ...INVOICE, acceptedOn: '2026-12-04' }));
    expect(pdf.pages[0]?.text).toContain('Zaakceptowana przez sprzedawcę dnia 04.12.2026.');
  });

  it('refuses a total that is not the sum of the lines', async () => {
    await expect(renderSelfBillingInvoicePdf({ ...INVOICE, total: 250_011 })).rejects.toThrow(/total/);
  });
});
