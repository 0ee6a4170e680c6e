import type { Grosze } from '../../../../shared/money.js';
import { Fa3Error } from './fa3-error.js';
import {
  FA3_NAMESPACE,
  FA3_SYSTEM_CODE,
  collapseWhitespace,
  isFa3Date,
  isFa3Nip,
  parseFa3Amount,
} from './fa3-format.js';
import { DEFAULT_XML_LIMITS, parseXmlTree, type XmlElement, type XmlLimits } from './fa3-xml-parser.js';
import { normalizeKsefNumber } from './ksef-number.js';

export const FA3_INVOICE_KINDS = ['VAT', 'KOR', 'ZAL', 'ROZ', 'UPR', 'KOR_ZAL', 'KOR_ROZ'] as const;
export type Fa3InvoiceKind = (typeof FA3_INVOICE_KINDS)[number];

/** Net totals per VAT rate or procedure; P_13_7 (exempt sales) is `exemptTotal` instead. */
export const FA3_NET_TOTAL_FIELDS = [
  'P_13_1',
  'P_13_2',
  'P_13_3',
  'P_13_4',
  'P_13_5',
  'P_13_6_1',
  'P_13_6_2',
  'P_13_6_3',
  'P_13_8',
  'P_13_9',
  'P_13_10',
  'P_13_11',
] as const;
export type Fa3NetTotalField = (typeof FA3_NET_TOTAL_FIELDS)[number];

/** VAT totals per rate, in PLN (the `W` variants for foreign-currency invoices are not read). */
export const FA3_VAT_TOTAL_FIELDS = ['P_14_1', 'P_14_2', 'P_14_3', 'P_14_4', 'P_14_5'] as const;
export type Fa3VatTotalField = (typeof FA3_VAT_TOTAL_FIELDS)[number];

export type Fa3Line = {
  name: string | null;
  net: Grosze | null;
  /** P_12 as written: `23`, `zw`, `np I`, ... */
  rate: string | null;
  /** P_8B as written: up to 6 decimals, so kept as text. */
  quantity: string | null;
};

/** Dates are ISO `YYYY-MM-DD`; amounts are exact grosze; text is whitespace-collapsed as xsd:token is. */
export type Fa3Invoice = {
  sellerNip: string;
  sellerName: string;
  /** Null when the buyer is identified otherwise (EU VAT number, foreign id, none). */
  buyerNip: string | null;
  buyerName: string | null;
  currency: string;
  issueDate: string;
  number: string;
  saleDate: string | null;
  period: { from: string; to: string } | null;
  exemptTotal: Grosze | null;
  netTotals: Partial<Record<Fa3NetTotalField, Grosze>>;
  vatTotals: Partial<Record<Fa3VatTotalField, Grosze>>;
  /** P_15, the amount due. */
  total: Grosze;
  /** P_19 = 1. */
  isExempt: boolean;
  /** The legal basis of the exemption: P_19A (Polish act), else P_19B (EU directive), else P_19C (other). */
  exemptionBasis: string | null;
  /** P_17 = 1: issued by the buyer on the seller's behalf. */
  isSelfBilling: boolean;
  kind: Fa3InvoiceKind;
  lines: Fa3Line[];
  /** Canonical 35-character form, when one was given. */
  ksefNumber: string | null;
};

export type ReadFa3Options = {
  /**
   * The invoice's KSeF number, which FA(3) has no element for: KSeF assigns it on acceptance and returns it
   * beside the XML (the schema's KSeF numbers all point at other invoices: corrected or advance ones).
   */
  ksefNumber?: string | null;
  limits?: Partial<XmlLimits>;
};

function childOf(parent: XmlElement | undefined, name: string): XmlElement | undefined {
  return parent?.children.find((child) => child.name === name && child.namespace === FA3_NAMESPACE);
}

function childrenOf(parent: XmlElement | undefined, name: string): XmlElement[] {
  return (parent?.children ?? []).filter((child) => child.name === name && child.namespace === FA3_NAMESPACE);
}

function elementAt(parent: XmlElement | undefined, path: string): XmlElement | undefined {
  return path.split('/').reduce<XmlElement | undefined>((element, name) => childOf(element, name), parent);
}

function fail(code: 'fa3_field_missing' | 'fa3_field_invalid' | 'fa3_date_invalid', field: string): never {
  throw new Fa3Error(code, { field });
}

function optionalText(parent: XmlElement | undefined, path: string): string | null {
  const element = elementAt(parent, path);
  const text = element === undefined ? '' : collapseWhitespace(element.text);
  return text === '' ? null : text;
}

function requiredText(parent: XmlElement | undefined, path: string, field: string): string {
  return optionalText(parent, path) ?? fail('fa3_field_missing', field);
}

function optionalDate(parent: XmlElement | undefined, path: string, field: string): string | null {
  const text = optionalText(parent, path);
  return text === null || isFa3Date(text) ? text : fail('fa3_date_invalid', field);
}

function requiredDate(parent: XmlElement | undefined, path: string, field: string): string {
  return optionalDate(parent, path, field) ?? fail('fa3_field_missing', field);
}

function optionalAmount(parent: XmlElement | undefined, path: string, field: string): Grosze | null {
  const text = optionalText(parent, path);
  return text === null ? null : parseFa3Amount(text, field);
}

function optionalNip(parent: XmlElement | undefined, path: string, field: string): string | null {
  const text = optionalText(parent, path);
  return text === null || isFa3Nip(text) ? text : fail('fa3_field_invalid', field);
}

// xsd:byte in TWybor1/TWybor1_2 also admits `+1` and `01`.
function isChoiceOne(text: string | null): boolean {
  return text !== null && /^\+?0*1$/.test(text);
}

function isInvoiceKind(text: string): text is Fa3InvoiceKind {
  return (FA3_INVOICE_KINDS as readonly string[]).includes(text);
}

function readLines(fa: XmlElement): Fa3Line[] {
  return childrenOf(fa, 'FaWiersz').map((line, index) => ({
    name: optionalText(line, 'P_7'),
    net: optionalAmount(line, 'P_11', `Fa/FaWiersz[${index + 1}]/P_11`),
    rate: optionalText(line, 'P_12'),
    quantity: optionalText(line, 'P_8B'),
  }));
}

function readTotals<Field extends string>(
  fa: XmlElement,
  fields: readonly Field[],
): Partial<Record<Field, Grosze>> {
  const totals: Partial<Record<Field, Grosze>> = {};
  for (const field of fields) {
    const amount = optionalAmount(fa, field, `Fa/${field}`);
    if (amount !== null) {
      totals[field] = amount;
    }
  }
  return totals;
}

function readPeriod(fa: XmlElement): { from: string; to: string } | null {
  if (childOf(fa, 'OkresFa') === undefined) {
    return null;
  }
  const from = requiredDate(fa, 'OkresFa/P_6_Od', 'Fa/OkresFa/P_6_Od');
  const to = requiredDate(fa, 'OkresFa/P_6_Do', 'Fa/OkresFa/P_6_Do');
  return from <= to ? { from, to } : fail('fa3_date_invalid', 'Fa/OkresFa/P_6_Do');
}

function readKsefNumber(value: string | null | undefined): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  const number = normalizeKsefNumber(value);
  if (number === null) {
    throw new Fa3Error('ksef_number_invalid');
  }
  return number;
}

/**
 * Reads the fields Sejf checks from an FA(3) invoice. Not a schema validator: it requires what it reads and
 * what the schema makes mandatory for it, checks their types, and ignores the rest.
 */
export function readFa3Invoice(xml: Uint8Array | string, options: ReadFa3Options = {}): Fa3Invoice {
  const limits = { ...DEFAULT_XML_LIMITS, ...options.limits };
  const root = parseXmlTree(xml, { name: 'Faktura', namespace: FA3_NAMESPACE }, limits);
  if (elementAt(root, 'Naglowek/KodFormularza')?.attributes.get('kodSystemowy') !== FA3_SYSTEM_CODE) {
    throw new Fa3Error('not_fa3');
  }
  const ksefNumber = readKsefNumber(options.ksefNumber);
  const fa = childOf(root, 'Fa') ?? fail('fa3_field_missing', 'Fa');
  const adnotacje = childOf(fa, 'Adnotacje') ?? fail('fa3_field_missing', 'Fa/Adnotacje');
  const zwolnienie = childOf(adnotacje, 'Zwolnienie') ?? fail('fa3_field_missing', 'Fa/Adnotacje/Zwolnienie');
  const isExempt = isChoiceOne(optionalText(zwolnienie, 'P_19'));
  const kind = requiredText(fa, 'RodzajFaktury', 'Fa/RodzajFaktury');
  const sellerNipPath = 'Podmiot1/DaneIdentyfikacyjne/NIP';

  return {
    sellerNip: optionalNip(root, sellerNipPath, sellerNipPath) ?? fail('fa3_field_missing', sellerNipPath),
    sellerName: requiredText(
      root,
      'Podmiot1/DaneIdentyfikacyjne/Nazwa',
      'Podmiot1/DaneIdentyfikacyjne/Nazwa',
    ),
    buyerNip: optionalNip(root, 'Podmiot2/DaneIdentyfikacyjne/NIP', 'Podmiot2/DaneIdentyfikacyjne/NIP'),
    buyerName: optionalText(root, 'Podmiot2/DaneIdentyfikacyjne/Nazwa'),
    currency: requiredText(fa, 'KodWaluty', 'Fa/KodWaluty'),
    issueDate: requiredDate(fa, 'P_1', 'Fa/P_1'),
    number: requiredText(fa, 'P_2', 'Fa/P_2'),
    saleDate: optionalDate(fa, 'P_6', 'Fa/P_6'),
    period: readPeriod(fa),
    exemptTotal: optionalAmount(fa, 'P_13_7', 'Fa/P_13_7'),
    netTotals: readTotals(fa, FA3_NET_TOTAL_FIELDS),
    vatTotals: readTotals(fa, FA3_VAT_TOTAL_FIELDS),
    total: parseFa3Amount(requiredText(fa, 'P_15', 'Fa/P_15'), 'Fa/P_15'),
    isExempt,
    exemptionBasis: isExempt
      ? (optionalText(zwolnienie, 'P_19A') ??
        optionalText(zwolnienie, 'P_19B') ??
        optionalText(zwolnienie, 'P_19C'))
      : null,
    isSelfBilling: isChoiceOne(requiredText(adnotacje, 'P_17', 'Fa/Adnotacje/P_17')),
    kind: isInvoiceKind(kind) ? kind : fail('fa3_field_invalid', 'Fa/RodzajFaktury'),
    lines: readLines(fa),
    ksefNumber,
  };
}
