import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createFa3Validator } from '../../../../../test/xmllint.js';
import { Fa3Error } from './fa3-error.js';
import { readFa3Invoice, type Fa3Invoice } from './fa3-reader.js';
import { DEFAULT_EXEMPTION_BASIS, writeFa3Invoice, type Fa3CommissionInvoiceInput } from './fa3-writer.js';

const FIXTURES = new URL('../../../../../test/fixtures/ksef/', import.meta.url);
const validator = createFa3Validator();
const validateWithXmllint = (xml: string | Buffer) => validator.validate(xml);

afterAll(() => {
  validator.close();
});

const selfBilling: Fa3CommissionInvoiceInput = {
  seller: {
    nip: '679-305-51-27',
    name: 'Usługi Ubezpieczeniowe Żaneta Gęślewicz',
    address: { line1: 'ul. Źródlana 12/4', line2: '30-001 Kraków', countryCode: 'PL' },
  },
  buyer: {
    nip: 'PL 8382014671',
    name: 'Multiagencja Przykładowa Sp. z o.o.',
    address: { line1: 'ul. Testowa 1, 00-950 Warszawa', countryCode: 'PL' },
  },
  number: 'SF/2026/09/0007',
  issueDate: '2026-10-02',
  periodFrom: '2026-09-01',
  periodTo: '2026-09-30',
  lines: [
    { name: 'Prowizja za pośrednictwo ubezpieczeniowe 09/2026', amount: 130000 },
    { name: 'Storno prowizji: polisa wypowiedziana', amount: -6544 },
  ],
  total: 123456,
  isSelfBilling: true,
  createdAt: new Date('2026-10-02T08:15:00.123Z'),
};

const plain: Fa3CommissionInvoiceInput = {
  ...selfBilling,
  number: 'FV 12/2026',
  issueDate: '2026-01-05',
  periodFrom: '2025-12-01',
  periodTo: '2025-12-31',
  placeOfIssue: 'Kraków',
  lines: [{ name: 'Prowizja 12/2025', amount: 1 }],
  total: 1,
  exemptionBasis: 'art. 43 ust. 1 pkt 37 ustawy z dnia 11 marca 2004 r. o podatku od towarów i usług',
  isSelfBilling: false,
  payment: { dueDate: '2026-01-19', bankAccount: '61 1090 1014 0000 0712 1981 2874' },
  systemInfo: 'Sejf 0.1.0',
  createdAt: new Date('2026-01-05T23:59:59Z'),
};

function expectedInvoice(input: Fa3CommissionInvoiceInput): Fa3Invoice {
  return {
    sellerNip: '6793055127',
    sellerName: input.seller.name,
    buyerNip: '8382014671',
    buyerName: input.buyer.name,
    currency: 'PLN',
    issueDate: input.issueDate,
    number: input.number,
    saleDate: null,
    period: { from: input.periodFrom, to: input.periodTo },
    exemptTotal: input.total,
    netTotals: {},
    vatTotals: {},
    total: input.total,
    isExempt: true,
    exemptionBasis: input.exemptionBasis ?? DEFAULT_EXEMPTION_BASIS,
    isSelfBilling: input.isSelfBilling,
    kind: 'VAT',
    lines: input.lines.map((line) => ({ name: line.name, net: line.amount, rate: 'zw', quantity: null })),
    ksefNumber: null,
  };
}

function refusal(input: Fa3CommissionInvoiceInput): Pick<Fa3Error, 'code' | 'details' | 'message'> {
  try {
    writeFa3Invoice(input);
  } catch (error) {
    if (error instanceof Fa3Error) {
      return { code: error.code, details: error.details, message: error.message };
    }
    throw error;
  }
  throw new Error('The input was accepted');
}

describe('the xmllint harness', () => {
  it('validates the fixtures and the filled-in Ministry samples', () => {
    for (const name of ['commission-exempt-period.xml', 'commission-self-billing-bom-crlf.xml']) {
      expect(validateWithXmllint(readFileSync(new URL(name, FIXTURES)))).toEqual([]);
    }
    for (const name of ['mf-sample-fa3-template.xml', 'mf-sample-fa3-self-invoicing-template.xml']) {
      const filled = readFileSync(new URL(name, FIXTURES), 'utf8')
        .replace('#nip#', '7771234567')
        .replace('#selfInvocingNip#', '8382014671')
        .replace('#invoicing_date#', '2025-07-15')
        .replace('#invoice_number#', '17');
      expect(validateWithXmllint(filled)).toEqual([]);
    }
  });

  it('really validates: an invoice without P_15 fails', () => {
    const broken = writeFa3Invoice(selfBilling).replace(/<P_15>[^<]*<\/P_15>/, '');
    expect(validateWithXmllint(broken).join('\n')).toContain('fails to validate');
  });
});

describe('writeFa3Invoice', () => {
  it.each([
    ['(a) a self-billed commission invoice', selfBilling],
    ['(b) a commission invoice the collaborator issues', plain],
  ])('%s validates against the FA(3) schema and reads back identically', (_case, input) => {
    const xml = writeFa3Invoice(input);
    expect(validateWithXmllint(xml)).toEqual([]);
    expect(readFa3Invoice(xml)).toEqual(expectedInvoice(input));
  });

  it('marks self-billing in P_17 and the exemption in P_19/P_19A, with exempt lines', () => {
    const xml = writeFa3Invoice(selfBilling);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Faktura xmlns="http:\/\/crd.gov.pl\/wzor\/2025\/06\/25\/13775\/">/,
    );
    expect(xml).toContain('<KodFormularza kodSystemowy="FA (3)" wersjaSchemy="1-0E">FA</KodFormularza>');
    expect(xml).toContain('<DataWytworzeniaFa>2026-10-02T08:15:00.123Z</DataWytworzeniaFa>');
    expect(xml).toContain('<P_17>1</P_17>');
    expect(xml).toContain(
      `<Zwolnienie>\n        <P_19>1</P_19>\n        <P_19A>${DEFAULT_EXEMPTION_BASIS}</P_19A>`,
    );
    expect(xml).toContain('<P_13_7>1234.56</P_13_7>');
    expect(xml).toContain('<P_15>1234.56</P_15>');
    expect(xml).toContain('<P_11>-65.44</P_11>');
    expect(xml.match(/<P_12>zw<\/P_12>/g)).toHaveLength(2);
    expect(writeFa3Invoice(plain)).toContain('<P_17>2</P_17>');
  });

  it('writes the payment terms and the bank account as an IBAN', () => {
    const xml = writeFa3Invoice(plain);
    expect(xml).toContain('<Termin>2026-01-19</Termin>');
    expect(xml).toContain('<FormaPlatnosci>6</FormaPlatnosci>');
    expect(xml).toContain('<NrRB>PL61109010140000071219812874</NrRB>');
  });

  it('escapes markup characters and keeps Polish letters and other scripts as UTF-8 text', () => {
    const tricky: Fa3CommissionInvoiceInput = {
      ...selfBilling,
      seller: { ...selfBilling.seller, name: `Zażółć "gęślą" jaźń & <Syn> 'Spółka' ]]> ŻŹĆŃĄŚŁĘÓ 🙂` },
      buyer: { ...selfBilling.buyer, name: 'A&B <script>alert(1)</script>' },
      number: `F&V/<1>/"2026"/'A'`,
      lines: [{ name: '&amp; is not an entity here; &#x41; neither', amount: 123456 }],
    };
    const xml = writeFa3Invoice(tricky);
    expect(xml).toContain(
      '<Nazwa>Zażółć &quot;gęślą&quot; jaźń &amp; &lt;Syn&gt; &apos;Spółka&apos; ]]&gt; ŻŹĆŃĄŚŁĘÓ 🙂</Nazwa>',
    );
    expect(xml).toContain('<P_7>&amp;amp; is not an entity here; &amp;#x41; neither</P_7>');
    expect(xml).not.toContain('<script>');
    expect(validateWithXmllint(xml)).toEqual([]);
    expect(readFa3Invoice(xml)).toEqual(expectedInvoice(tricky));
  });

  it('collapses whitespace as xsd:token does, so what it writes is what a reader reads', () => {
    const spaced: Fa3CommissionInvoiceInput = {
      ...selfBilling,
      seller: { ...selfBilling.seller, name: '  Jan\tKowalski \r\n Usługi  ' },
    };
    const xml = writeFa3Invoice(spaced);
    expect(xml).toContain('<Nazwa>Jan Kowalski Usługi</Nazwa>');
    expect(readFa3Invoice(xml).sellerName).toBe('Jan Kowalski Usługi');
  });

  it('round-trips any names and amounts through the reader', () => {
    const chars = Array.from('aAzZ09ąćęłńóśźżĄĆĘŁŃÓŚŹŻ &<>"\';#/\\-–');
    const text = fc
      .string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 80 })
      .filter((value) => value.trim() !== '');
    const amount = fc.integer({ min: -10_000_000, max: 10_000_000 });
    fc.assert(
      fc.property(
        text,
        text,
        fc.array(fc.tuple(text, amount), { minLength: 1, maxLength: 5 }),
        (name, number, pairs) => {
          const lines = pairs.map(([lineName, lineAmount]) => ({ name: lineName, amount: lineAmount }));
          const total = lines.reduce((sum, line) => sum + line.amount, 0);
          fc.pre(total > 0);
          const input = { ...selfBilling, seller: { ...selfBilling.seller, name }, number, lines, total };
          const invoice = readFa3Invoice(writeFa3Invoice(input));
          const collapse = (value: string) => value.replace(/\s+/g, ' ').trim();
          expect(invoice.sellerName).toBe(collapse(name));
          expect(invoice.number).toBe(collapse(number));
          expect(invoice.total).toBe(total);
          expect(invoice.lines.map((line) => [line.name, line.net])).toEqual(
            lines.map((line) => [collapse(line.name), line.amount]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts the largest amounts the schema and safe integers allow', () => {
    const big = {
      ...selfBilling,
      lines: [{ name: 'Prowizja', amount: 9_007_199_254_740_991 }],
      total: 9_007_199_254_740_991,
    };
    const xml = writeFa3Invoice(big);
    expect(xml).toContain('<P_15>90071992547409.91</P_15>');
    expect(readFa3Invoice(xml).total).toBe(9_007_199_254_740_991);
  });
});

describe('writeFa3Invoice refuses input that would not be a valid invoice', () => {
  const seller = selfBilling.seller;
  const lines = selfBilling.lines;

  it.each<[string, Partial<Fa3CommissionInvoiceInput>, string, string]>([
    [
      'a NIP with a wrong checksum',
      { seller: { ...seller, nip: '6793055128' } },
      'fa3_field_invalid',
      'seller.nip',
    ],
    [
      'a NIP the schema refuses',
      { buyer: { ...seller, nip: '0000000000' } },
      'fa3_field_invalid',
      'buyer.nip',
    ],
    ['a short NIP', { seller: { ...seller, nip: '679305512' } }, 'fa3_field_invalid', 'seller.nip'],
    ['a blank name', { seller: { ...seller, name: ' \t ' } }, 'fa3_field_invalid', 'seller.name'],
    [
      'a name over 512 characters',
      { seller: { ...seller, name: 'ż'.repeat(513) } },
      'fa3_field_invalid',
      'seller.name',
    ],
    [
      'a control character',
      { seller: { ...seller, name: 'Jan\u0007Kowalski' } },
      'fa3_field_invalid',
      'seller.name',
    ],
    [
      'a lone surrogate',
      { seller: { ...seller, name: 'Jan \ud83d Kowalski' } },
      'fa3_field_invalid',
      'seller.name',
    ],
    [
      'a blank address',
      { seller: { ...seller, address: { line1: '', countryCode: 'PL' } } },
      'fa3_field_invalid',
      'seller.address.line1',
    ],
    ['a number over 256 characters', { number: 'x'.repeat(257) }, 'fa3_field_invalid', 'number'],
    ['no lines', { lines: [], total: 0 }, 'fa3_field_invalid', 'lines'],
    ['a blank line name', { lines: [{ name: '', amount: 123456 }] }, 'fa3_field_invalid', 'lines[0].name'],
    ['a total that is not the sum', { total: 123457 }, 'fa3_amount_invalid', 'total'],
    ['a zero total', { lines: [{ name: 'Prowizja', amount: 0 }], total: 0 }, 'fa3_amount_invalid', 'total'],
    [
      'a negative total',
      { lines: [{ name: 'Storno', amount: -100 }], total: -100 },
      'fa3_amount_invalid',
      'total',
    ],
    [
      'a fraction of a grosz',
      { lines: [{ name: 'Prowizja', amount: 1234.5 }], total: 1234.5 },
      'fa3_amount_invalid',
      'lines[0].amount',
    ],
    ['an impossible issue date', { issueDate: '2026-02-29' }, 'fa3_date_invalid', 'issueDate'],
    ['a Polish date', { issueDate: '02.10.2026' }, 'fa3_date_invalid', 'issueDate'],
    ['a date after 2050-01-01', { periodTo: '2050-01-02' }, 'fa3_date_invalid', 'periodTo'],
    ['a period ending before it starts', { periodTo: '2026-08-31' }, 'fa3_date_invalid', 'periodTo'],
    [
      'a creation time before FA(3)',
      { createdAt: new Date('2025-08-31T23:59:59Z') },
      'fa3_field_invalid',
      'createdAt',
    ],
    ['an invalid creation time', { createdAt: new Date(Number.NaN) }, 'fa3_field_invalid', 'createdAt'],
    [
      'a bad bank account',
      { payment: { bankAccount: '61 1090 1014 0000 0712 1981 2875' } },
      'fa3_field_invalid',
      'payment.bankAccount',
    ],
    ['a bad due date', { payment: { dueDate: '2016-06-30' } }, 'fa3_date_invalid', 'payment.dueDate'],
  ])('refuses %s', (_case, change, code, field) => {
    const error = refusal({ ...selfBilling, lines, ...change });
    expect({ code: error.code, details: error.details }).toEqual({ code, details: { field } });
    for (const content of ['Żaneta', '679', '1234', 'ż'.repeat(10)]) {
      expect(error.message).not.toContain(content);
    }
  });
});
