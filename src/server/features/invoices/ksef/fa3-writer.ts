import { isValidIban, isValidNip, normalizeIban, normalizeNip } from '../../../../shared/identifiers.js';
import type { Grosze } from '../../../../shared/money.js';
import { Fa3Error } from './fa3-error.js';
import {
  FA3_NAMESPACE,
  FA3_SCHEMA_VERSION,
  FA3_SYSTEM_CODE,
  collapseWhitespace,
  formatFa3Amount,
  isFa3Date,
  isFa3Nip,
  isIsoDate,
} from './fa3-format.js';

export type Fa3Address = { line1: string; line2?: string; countryCode: 'PL' };
export type Fa3Party = { nip: string; name: string; address: Fa3Address };
export type Fa3CommissionLine = { name: string; amount: Grosze };
/** Payment by bank transfer; the account is an IBAN or a 26-digit Polish NRB. */
export type Fa3Payment = { dueDate?: string; bankAccount?: string };

export type Fa3CommissionInvoiceInput = {
  /** The collaborator. */
  seller: Fa3Party;
  /** The agency. */
  buyer: Fa3Party;
  number: string;
  issueDate: string;
  periodFrom: string;
  periodTo: string;
  placeOfIssue?: string;
  /** Amounts may be negative (a clawback line) as long as the total stays positive. */
  lines: Fa3CommissionLine[];
  /** The sum of the lines, and positive: a settlement that nets to zero or less needs no invoice. */
  total: Grosze;
  exemptionBasis?: string;
  /** The agency issues the invoice on the collaborator's behalf (art. 106d). */
  isSelfBilling: boolean;
  payment?: Fa3Payment;
  /** DataWytworzeniaFa: the schema accepts 2025-09-01 to 2050-01-01. */
  createdAt: Date;
  systemInfo?: string;
};

export const DEFAULT_EXEMPTION_BASIS = 'art. 43 ust. 1 pkt 37 ustawy o VAT';

type XmlNode = { name: string; text?: string; attributes?: Record<string, string>; children?: XmlNode[] };

const leaf = (name: string, text: string): XmlNode => ({ name, text });
const node = (name: string, children: XmlNode[]): XmlNode => ({ name, children });

// The range of TData (payment dates) and of DataWytworzeniaFa.
const FIRST_PAYMENT_DATE = '2016-07-01';
const LAST_PAYMENT_DATE = '2050-01-01';
const FIRST_CREATED_AT = Date.parse('2025-09-01T00:00:00Z');
const LAST_CREATED_AT = Date.parse('2050-01-01T23:59:59Z');
const MAX_LINES = 10_000;

// Characters XML 1.0 cannot carry (C0 controls but tab and line breaks, which xsd:token collapses into a
// space; U+FFFE, U+FFFF; lone surrogates, which UTF-8 cannot encode), plus the C1 controls, which are legal
// but only ever the trace of a wrong code page.
const FORBIDDEN_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function invalid(field: string): never {
  throw new Fa3Error('fa3_field_invalid', { field });
}

/** A text for an xsd:token field: collapsed as the schema would collapse it, 1..maxLength characters. */
function token(value: string, field: string, maxLength: number): string {
  if (FORBIDDEN_CHARACTERS.test(value)) {
    invalid(field);
  }
  const text = collapseWhitespace(value);
  const length = Array.from(text).length;
  return length >= 1 && length <= maxLength ? text : invalid(field);
}

function invalidDate(field: string): never {
  throw new Fa3Error('fa3_date_invalid', { field });
}

function date(value: string, field: string): string {
  return isFa3Date(value) ? value : invalidDate(field);
}

function nip(value: string, field: string): string {
  const normalized = normalizeNip(value);
  return normalized !== null && isValidNip(normalized) && isFa3Nip(normalized) ? normalized : invalid(field);
}

function party(value: Fa3Party, field: string): XmlNode[] {
  const address = [
    leaf('KodKraju', value.address.countryCode),
    leaf('AdresL1', token(value.address.line1, `${field}.address.line1`, 512)),
  ];
  if (value.address.line2 !== undefined) {
    address.push(leaf('AdresL2', token(value.address.line2, `${field}.address.line2`, 512)));
  }
  return [
    node('DaneIdentyfikacyjne', [
      leaf('NIP', nip(value.nip, `${field}.nip`)),
      leaf('Nazwa', token(value.name, `${field}.name`, 512)),
    ]),
    node('Adres', address),
  ];
}

function checkAmounts(input: Fa3CommissionInvoiceInput): void {
  if (input.lines.length === 0 || input.lines.length > MAX_LINES) {
    invalid('lines');
  }
  let sum = 0n;
  input.lines.forEach((line, index) => {
    if (!Number.isSafeInteger(line.amount)) {
      throw new Fa3Error('fa3_amount_invalid', { field: `lines[${index}].amount` });
    }
    sum += BigInt(line.amount);
  });
  if (!Number.isSafeInteger(input.total) || input.total <= 0 || sum !== BigInt(input.total)) {
    throw new Fa3Error('fa3_amount_invalid', { field: 'total' });
  }
}

function header(input: Fa3CommissionInvoiceInput): XmlNode {
  const createdAt = input.createdAt.getTime();
  if (!(createdAt >= FIRST_CREATED_AT && createdAt <= LAST_CREATED_AT)) {
    invalid('createdAt');
  }
  return node('Naglowek', [
    {
      name: 'KodFormularza',
      text: 'FA',
      attributes: { kodSystemowy: FA3_SYSTEM_CODE, wersjaSchemy: FA3_SCHEMA_VERSION },
    },
    leaf('WariantFormularza', '3'),
    leaf('DataWytworzeniaFa', input.createdAt.toISOString()),
    leaf('SystemInfo', token(input.systemInfo ?? 'Sejf', 'systemInfo', 256)),
  ]);
}

// Every Adnotacje element is mandatory; all but the exemption and self-billing flags get their "no" value
// (2, or the N variant of a choice).
function annotations(input: Fa3CommissionInvoiceInput): XmlNode {
  return node('Adnotacje', [
    leaf('P_16', '2'),
    leaf('P_17', input.isSelfBilling ? '1' : '2'),
    leaf('P_18', '2'),
    leaf('P_18A', '2'),
    node('Zwolnienie', [
      leaf('P_19', '1'),
      leaf('P_19A', token(input.exemptionBasis ?? DEFAULT_EXEMPTION_BASIS, 'exemptionBasis', 256)),
    ]),
    node('NoweSrodkiTransportu', [leaf('P_22N', '1')]),
    leaf('P_23', '2'),
    node('PMarzy', [leaf('P_PMarzyN', '1')]),
  ]);
}

function payment(value: Fa3Payment): XmlNode {
  const children: XmlNode[] = [];
  if (value.dueDate !== undefined) {
    const { dueDate } = value;
    if (!(isIsoDate(dueDate) && dueDate >= FIRST_PAYMENT_DATE && dueDate <= LAST_PAYMENT_DATE)) {
      invalidDate('payment.dueDate');
    }
    children.push(node('TerminPlatnosci', [leaf('Termin', value.dueDate)]));
  }
  children.push(leaf('FormaPlatnosci', '6'));
  if (value.bankAccount !== undefined) {
    const iban = normalizeIban(value.bankAccount);
    if (iban === null || !isValidIban(iban)) {
      invalid('payment.bankAccount');
    }
    children.push(node('RachunekBankowy', [leaf('NrRB', iban)]));
  }
  return node('Platnosc', children);
}

function body(input: Fa3CommissionInvoiceInput): XmlNode {
  const periodFrom = date(input.periodFrom, 'periodFrom');
  const periodTo = date(input.periodTo, 'periodTo');
  if (periodFrom > periodTo) {
    invalidDate('periodTo');
  }
  const total = formatFa3Amount(input.total, 'total');
  return node('Fa', [
    leaf('KodWaluty', 'PLN'),
    leaf('P_1', date(input.issueDate, 'issueDate')),
    ...(input.placeOfIssue === undefined
      ? []
      : [leaf('P_1M', token(input.placeOfIssue, 'placeOfIssue', 256))]),
    leaf('P_2', token(input.number, 'number', 256)),
    node('OkresFa', [leaf('P_6_Od', periodFrom), leaf('P_6_Do', periodTo)]),
    leaf('P_13_7', total),
    leaf('P_15', total),
    annotations(input),
    leaf('RodzajFaktury', 'VAT'),
    ...input.lines.map((line, index) =>
      node('FaWiersz', [
        leaf('NrWierszaFa', String(index + 1)),
        leaf('P_7', token(line.name, `lines[${index}].name`, 512)),
        leaf('P_11', formatFa3Amount(line.amount, `lines[${index}].amount`)),
        leaf('P_12', 'zw'),
      ]),
    ),
    ...(input.payment === undefined ? [] : [payment(input.payment)]),
  ]);
}

function render(element: XmlNode, indent: string, out: string[]): void {
  const attributes = Object.entries(element.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
  if (element.children === undefined) {
    out.push(`${indent}<${element.name}${attributes}>${escapeXml(element.text ?? '')}</${element.name}>`);
    return;
  }
  out.push(`${indent}<${element.name}${attributes}>`);
  for (const child of element.children) {
    render(child, `${indent}  `, out);
  }
  out.push(`${indent}</${element.name}>`);
}

/**
 * An FA(3) invoice for a commission settlement: exempt insurance intermediation (P_13_7, rate `zw`, P_19 with
 * its legal basis) over a settlement period (OkresFa), in PLN, self-billed (P_17 = 1) when the agency issues
 * it on the collaborator's behalf. Returns the XML text, to be stored or sent as UTF-8.
 */
export function writeFa3Invoice(input: Fa3CommissionInvoiceInput): string {
  checkAmounts(input);
  const invoice: XmlNode = {
    name: 'Faktura',
    attributes: { xmlns: FA3_NAMESPACE },
    children: [
      header(input),
      node('Podmiot1', party(input.seller, 'seller')),
      // JST and GV (a local-government unit, a VAT group member) are mandatory; an agency is neither.
      node('Podmiot2', [...party(input.buyer, 'buyer'), leaf('JST', '2'), leaf('GV', '2')]),
      body(input),
    ],
  };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(invoice, '', out);
  return `${out.join('\n')}\n`;
}
