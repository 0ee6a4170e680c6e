import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Fa3Error } from './fa3-error.js';
import { readFa3Invoice, type Fa3Invoice, type ReadFa3Options } from './fa3-reader.js';

const FIXTURES = new URL('../../../../../test/fixtures/ksef/', import.meta.url);

function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** The Ministry's template with its placeholders filled in, as its reference client does. */
function mfSample(name: string): string {
  return fixture(name)
    .replace('#nip#', '7771234567')
    .replace('#selfInvocingNip#', '8382014671')
    .replace('#invoicing_date#', '2025-07-15')
    .replace('#invoice_number#', '17');
}

const VALID = fixture('commission-exempt-period.xml');

function refusal(xml: string, options?: ReadFa3Options): Pick<Fa3Error, 'code' | 'details'> {
  try {
    readFa3Invoice(xml, options);
  } catch (error) {
    if (error instanceof Fa3Error) {
      return { code: error.code, details: error.details };
    }
    throw error;
  }
  throw new Error('The invoice was accepted');
}

describe("readFa3Invoice: the Ministry's sample invoices", () => {
  const mfLines = [
    { name: 'Refined Concrete Pants', net: 236648, rate: '23', quantity: '8' },
    { name: 'Sleek Steel Pants', net: 402960, rate: '23', quantity: '10' },
    { name: 'Incredible Steel Salad', net: 8904, rate: '23', quantity: '8' },
    { name: 'Ergonomic Soft Fish', net: 27224, rate: '23', quantity: '8' },
    { name: 'Intelligent Frozen Cheese', net: 150558, rate: '23', quantity: '3' },
    { name: 'Ergonomic Metal Bike', net: 238944, rate: '23', quantity: '6' },
  ];

  it('reads the plain sample: a 23 % VAT sale, not an exempt one', () => {
    expect(readFa3Invoice(mfSample('mf-sample-fa3-template.xml'))).toEqual<Fa3Invoice>({
      sellerNip: '7771234567',
      sellerName: 'Bogusz - Sienkiewicz',
      buyerNip: '3861610227',
      buyerName: 'Błaszczak - Lenart',
      currency: 'PLN',
      issueDate: '2025-07-15',
      number: 'FA/GRQMB-17/05/2025',
      saleDate: '2025-07-11',
      period: null,
      exemptTotal: null,
      netTotals: { P_13_1: 1065238 },
      vatTotals: { P_14_1: 245005 },
      total: 1310243,
      isExempt: false,
      exemptionBasis: null,
      isSelfBilling: false,
      kind: 'VAT',
      lines: mfLines,
      ksefNumber: null,
    });
  });

  it('reads the self-billing sample: P_17 = 1, the buyer being the issuer', () => {
    const invoice = readFa3Invoice(mfSample('mf-sample-fa3-self-invoicing-template.xml'));
    expect(invoice).toMatchObject({ isSelfBilling: true, sellerNip: '7771234567', buyerNip: '8382014671' });
    expect(invoice.total).toBe(1310243);
    expect(invoice.lines).toEqual(mfLines);
  });

  it('sums exactly: lines to the net total, net plus VAT to the amount due', () => {
    const invoice = readFa3Invoice(mfSample('mf-sample-fa3-template.xml'));
    const lineSum = invoice.lines.reduce((sum, line) => sum + (line.net ?? 0), 0);
    expect(lineSum).toBe(invoice.netTotals.P_13_1);
    expect((invoice.netTotals.P_13_1 ?? 0) + (invoice.vatTotals.P_14_1 ?? 0)).toBe(invoice.total);
  });

  it('refuses the unfilled template: its NIP placeholder is not a NIP', () => {
    expect(refusal(fixture('mf-sample-fa3-template.xml'))).toEqual({
      code: 'fa3_field_invalid',
      details: { field: 'Podmiot1/DaneIdentyfikacyjne/NIP' },
    });
  });
});

describe('readFa3Invoice: commission invoices', () => {
  it('reads an exempt commission invoice over a settlement period', () => {
    expect(readFa3Invoice(VALID)).toEqual<Fa3Invoice>({
      sellerNip: '6793055127',
      sellerName: 'Usługi Ubezpieczeniowe Żaneta Gęślewicz',
      buyerNip: '8382014671',
      buyerName: 'Multiagencja Przykładowa Sp. z o.o.',
      currency: 'PLN',
      issueDate: '2026-10-02',
      number: 'FV/7/10/2026',
      saleDate: null,
      period: { from: '2026-09-01', to: '2026-09-30' },
      exemptTotal: 123456,
      netTotals: {},
      vatTotals: {},
      total: 123456,
      isExempt: true,
      exemptionBasis: 'art. 43 ust. 1 pkt 37 ustawy o VAT',
      isSelfBilling: false,
      kind: 'VAT',
      lines: [
        {
          name: 'Pośrednictwo ubezpieczeniowe – prowizja za 09/2026',
          net: 130000,
          rate: 'zw',
          quantity: '1',
        },
        { name: 'Storno prowizji (polisa wypowiedziana)', net: -6544, rate: 'zw', quantity: null },
      ],
      ksefNumber: null,
    });
  });

  it('reads a self-billed invoice written with a BOM, CRLF, tabs, entities, CDATA and a stylesheet', () => {
    const bytes = readFileSync(new URL('commission-self-billing-bom-crlf.xml', FIXTURES));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const invoice = readFa3Invoice(bytes);
    expect(invoice).toMatchObject({
      sellerNip: '6793055127',
      sellerName: 'Biuro "Ochrona & Spokój" Żaneta Gęślewicz',
      buyerNip: '8382014671',
      buyerName: 'Multiagencja Przykładowa Sp. z o.o.',
      issueDate: '2026-11-03',
      number: 'SF/2026/10/0042',
      saleDate: '2026-10-31',
      period: null,
      exemptTotal: 98765,
      total: 98765,
      isExempt: true,
      exemptionBasis: 'art.43 ust.1 pkt 37 ustawy z dnia 11 marca 2004 r. o podatku od towarów i usług',
      isSelfBilling: true,
    });
    expect(invoice.lines).toEqual([
      { name: 'Prowizja <październik 2026> & korekty', net: 98765, rate: 'zw', quantity: null },
    ]);
  });

  it('reads a taxed sale as not exempt (P_19N)', () => {
    const taxed = VALID.replace(
      /<Zwolnienie>[\s\S]*?<\/Zwolnienie>/,
      '<Zwolnienie><P_19N>1</P_19N></Zwolnienie>',
    );
    expect(readFa3Invoice(taxed)).toMatchObject({ isExempt: false, exemptionBasis: null });
  });

  it('takes the exemption basis from P_19B or P_19C when P_19A is absent', () => {
    const directive = VALID.replace(
      /<P_19A>[^<]*<\/P_19A>/,
      '<P_19B>art. 135 ust. 1 lit. a dyrektywy 2006/112/WE</P_19B>',
    );
    expect(readFa3Invoice(directive).exemptionBasis).toBe('art. 135 ust. 1 lit. a dyrektywy 2006/112/WE');
  });

  it('reads the xsd:byte spellings of a choice flag', () => {
    expect(readFa3Invoice(VALID.replace('<P_17>2</P_17>', '<P_17>01</P_17>')).isSelfBilling).toBe(true);
    expect(readFa3Invoice(VALID.replace('<P_17>2</P_17>', '<P_17> +1 </P_17>')).isSelfBilling).toBe(true);
  });

  it('leaves the buyer NIP null when the buyer has another identifier', () => {
    const foreign = VALID.replace('<NIP>8382014671</NIP>', '<KodUE>DE</KodUE><NrVatUE>123456789</NrVatUE>');
    expect(readFa3Invoice(foreign).buyerNip).toBeNull();
  });

  it('ignores elements of other namespaces', () => {
    const extended = VALID.replace('<P_15>', '<x:P_15 xmlns:x="urn:other">1.00</x:P_15><P_15>');
    expect(readFa3Invoice(extended).total).toBe(123456);
  });
});

describe('readFa3Invoice: the KSeF number', () => {
  const number = '6793055127-20261005-00A1B2C3D4E5-11';

  it('records a valid number in its canonical form', () => {
    expect(readFa3Invoice(VALID, { ksefNumber: number }).ksefNumber).toBe(number);
    expect(readFa3Invoice(VALID, { ksefNumber: ` ${number.toLowerCase()} ` }).ksefNumber).toBe(number);
    expect(readFa3Invoice(VALID, { ksefNumber: null }).ksefNumber).toBeNull();
  });

  it.each([
    ['a wrong checksum', '6793055127-20261005-00A1B2C3D4E5-12'],
    ['a malformed number', '6793055127-2026100-00A1B2C3D4E5-11'],
    ['an empty string', ''],
  ])('refuses %s', (_case, value) => {
    expect(refusal(VALID, { ksefNumber: value })).toEqual({
      code: 'ksef_number_invalid',
      details: undefined,
    });
  });
});

describe('readFa3Invoice: field refusals', () => {
  it.each([
    ['missing P_15', VALID.replace(/<P_15>[^<]*<\/P_15>/, ''), 'fa3_field_missing', 'Fa/P_15'],
    ['an empty P_15', VALID.replace(/<P_15>[^<]*<\/P_15>/, '<P_15> </P_15>'), 'fa3_field_missing', 'Fa/P_15'],
    [
      'P_15 with 3 decimals',
      VALID.replace('<P_15>1234.56', '<P_15>1234.567'),
      'fa3_amount_invalid',
      'Fa/P_15',
    ],
    ['P_15 with letters', VALID.replace('<P_15>1234.56', '<P_15>12a4.56'), 'fa3_amount_invalid', 'Fa/P_15'],
    [
      'P_15 in Polish notation',
      VALID.replace('<P_15>1234.56', '<P_15>1 234,56'),
      'fa3_amount_invalid',
      'Fa/P_15',
    ],
    [
      'P_13_7 not a number',
      VALID.replace('<P_13_7>1234.56', '<P_13_7>NaN'),
      'fa3_amount_invalid',
      'Fa/P_13_7',
    ],
    [
      'a line amount with 3 decimals',
      VALID.replace('<P_11>-65.44', '<P_11>-65.444'),
      'fa3_amount_invalid',
      'Fa/FaWiersz[2]/P_11',
    ],
    [
      'an impossible issue date',
      VALID.replace('<P_1>2026-10-02', '<P_1>2026-02-30'),
      'fa3_date_invalid',
      'Fa/P_1',
    ],
    [
      'a Polish issue date',
      VALID.replace('<P_1>2026-10-02', '<P_1>02.10.2026'),
      'fa3_date_invalid',
      'Fa/P_1',
    ],
    [
      'an issue date with a zone',
      VALID.replace('<P_1>2026-10-02', '<P_1>2026-10-02Z'),
      'fa3_date_invalid',
      'Fa/P_1',
    ],
    [
      'an issue date before 2006',
      VALID.replace('<P_1>2026-10-02', '<P_1>1999-10-02'),
      'fa3_date_invalid',
      'Fa/P_1',
    ],
    ['a missing issue date', VALID.replace(/<P_1>[^<]*<\/P_1>/, ''), 'fa3_field_missing', 'Fa/P_1'],
    [
      'a period ending before it starts',
      VALID.replace('<P_6_Do>2026-09-30', '<P_6_Do>2026-08-31'),
      'fa3_date_invalid',
      'Fa/OkresFa/P_6_Do',
    ],
    [
      'an impossible period start',
      VALID.replace('<P_6_Od>2026-09-01', '<P_6_Od>2026-09-31'),
      'fa3_date_invalid',
      'Fa/OkresFa/P_6_Od',
    ],
    [
      'a period without its end',
      VALID.replace(/<P_6_Do>[^<]*<\/P_6_Do>/, ''),
      'fa3_field_missing',
      'Fa/OkresFa/P_6_Do',
    ],
    [
      'a bad sale date',
      VALID.replace(/<OkresFa>[\s\S]*<\/OkresFa>/, '<P_6>2026-9-30</P_6>'),
      'fa3_date_invalid',
      'Fa/P_6',
    ],
    [
      'a missing seller NIP',
      VALID.replace('<NIP>6793055127</NIP>', ''),
      'fa3_field_missing',
      'Podmiot1/DaneIdentyfikacyjne/NIP',
    ],
    [
      'a formatted seller NIP',
      VALID.replace('<NIP>6793055127</NIP>', '<NIP>679-305-51-27</NIP>'),
      'fa3_field_invalid',
      'Podmiot1/DaneIdentyfikacyjne/NIP',
    ],
    [
      'a malformed buyer NIP',
      VALID.replace('<NIP>8382014671</NIP>', '<NIP>PL8382014671</NIP>'),
      'fa3_field_invalid',
      'Podmiot2/DaneIdentyfikacyjne/NIP',
    ],
    ['a missing invoice number', VALID.replace(/<P_2>[^<]*<\/P_2>/, ''), 'fa3_field_missing', 'Fa/P_2'],
    ['an unknown invoice kind', VALID.replace('>VAT<', '>FAKTURA<'), 'fa3_field_invalid', 'Fa/RodzajFaktury'],
    [
      'missing annotations',
      VALID.replace(/<Adnotacje>[\s\S]*<\/Adnotacje>/, ''),
      'fa3_field_missing',
      'Fa/Adnotacje',
    ],
    ['a missing P_17', VALID.replace('<P_17>2</P_17>', ''), 'fa3_field_missing', 'Fa/Adnotacje/P_17'],
    ['a missing body', VALID.replace(/<Fa>[\s\S]*<\/Fa>/, ''), 'fa3_field_missing', 'Fa'],
  ])('refuses %s', (_case, xml, code, field) => {
    expect(refusal(xml)).toEqual({ code, details: { field } });
  });
});
