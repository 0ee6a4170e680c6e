import { importFields, type ImportField } from './import-mapping.js';

/** Lower case, no diacritics, punctuation as spaces: `Składka_przypisana:` → `skladka przypisana`. */
export function simplifyHeader(header: string): string {
  return header
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

// prettier-ignore
const exactNames: Record<ImportField, readonly string[]> = {
  policyNumber: ['nr polisy', 'numer polisy', 'polisa', 'nr umowy', 'numer umowy', 'policy number', 'policy no', 'policy'],
  policyholder: ['ubezpieczajacy', 'nazwa ubezpieczajacego', 'klient', 'nazwa klienta', 'policyholder', 'customer', 'client'],
  product: ['produkt', 'nazwa produktu', 'kod produktu', 'product', 'linia biznesu', 'grupa produktowa', 'taryfa'],
  risk: ['ryzyko', 'kod ryzyka', 'ryzyka', 'risk', 'risk code'],
  premium: ['skladka', 'skladka przypisana', 'skladka roczna', 'skladka naliczona', 'premium', 'written premium'],
  collectedPremium: ['inkaso', 'skladka zainkasowana', 'skladka oplacona', 'skladka wplacona', 'wplata', 'collected premium'],
  commissionBase: ['podstawa naliczenia prowizji', 'podstawa prowizji', 'podstawa', 'commission base'],
  insurerRate: ['stawka', '%', 'stawka prowizji', 'stawka %', 'procent', '% prowizji', 'prowizja %', 'rate', 'commission rate'],
  commission: ['prowizja', 'kwota prowizji', 'prowizja kwota', 'wartosc prowizji', 'prowizja naliczona', 'commission', 'commission amount'],
  installment: ['rata', 'nr raty', 'numer raty', 'installment', 'instalment'],
  dueDate: ['termin platnosci', 'data', 'data platnosci', 'termin', 'data raty', 'data wymagalnosci', 'due date', 'date'],
  agentCode: ['kod agenta', 'nr agenta', 'numer agenta', 'agent', 'kod posrednika', 'agent code', 'symbol agenta'],
  lineType: ['typ prowizji', 'rodzaj prowizji', 'rodzaj', 'typ', 'typ operacji', 'rodzaj operacji', 'line type', 'type'],
  renewal: ['wznowienie', 'odnowienie', 'renewal', 'kontynuacja'],
};

// Most specific first: "Typ prowizji" is a line type and "Stawka od składki" a rate, though both name another field.
const keywordRules: readonly (readonly [ImportField, RegExp])[] = [
  ['renewal', /wznow|odnow|renewal|kontynuac/],
  ['lineType', /\btyp\b|rodzaj|\btype\b/],
  ['commissionBase', /podstaw|\bbase\b/],
  ['insurerRate', /stawk|procent|\brate\b|%/],
  ['collectedPremium', /inkas|oplacon|wplac|collected|\bpaid\b/],
  ['agentCode', /agent|posrednik|ofwca/],
  ['dueDate', /termin|\bdata\b|\bdate\b|\bdue\b/],
  ['installment', /\brat[ay]?\b|install?ment/],
  ['product', /produkt|product|taryf/],
  ['policyNumber', /polis|policy|umow/],
  ['policyholder', /ubezpieczaj|klient|customer|client|holder/],
  ['risk', /ryzyk|risk/],
  ['premium', /skladk|premium/],
  ['commission', /prowizj|commission/],
];

const exactLookup = new Map<string, ImportField>(
  importFields.flatMap((field) => exactNames[field].map((name) => [name, field] as const)),
);

/** A first guess at the mapping from Polish or English header names, for staff to confirm. */
export function suggestMapping(headers: readonly string[]): Partial<Record<ImportField, string>> {
  const candidates: { field: ImportField; header: string; score: number; index: number }[] = [];
  headers.forEach((header, index) => {
    const simple = simplifyHeader(header);
    if (simple === '') {
      return;
    }
    const exact = exactLookup.get(simple);
    if (exact !== undefined) {
      candidates.push({ field: exact, header, score: 2, index });
      return;
    }
    const rule = keywordRules.find(([, pattern]) => pattern.test(simple));
    if (rule !== undefined) {
      candidates.push({ field: rule[0], header, score: 1, index });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.index - b.index);
  const mapping: Partial<Record<ImportField, string>> = {};
  const usedHeaders = new Set<string>();
  for (const { field, header } of candidates) {
    if (mapping[field] === undefined && !usedHeaders.has(header)) {
      mapping[field] = header;
      usedHeaders.add(header);
    }
  }
  return mapping;
}
