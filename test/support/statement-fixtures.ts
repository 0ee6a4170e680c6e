import { applyRate } from '../../src/shared/money.js';
import type {
  StatementLine,
  StatementRenderInput,
} from '../../src/server/features/statements/render/render.types.js';

// Fictional insurers, people and places only.
const INSURERS = [
  'Towarzystwo Ubezpieczeń Zielona Łąka S.A.',
  'Pogodna Przystań TUiR S.A.',
  'Źródło Życie TU S.A.',
  'Bałtycka Kotwica Ubezpieczenia S.A.',
];
const PRODUCTS = ['OC/AC', 'Dom Spokojny', 'Życie Rodzina', 'Firma Plus', 'Podróż Świat'];
const RISKS = ['OC komunikacyjne', 'AC', 'mienie', 'NNW', null];
const PEOPLE = ['J. K.', 'Ż. Ś.', 'A. Ł.', 'M. Ć.', 'E. Ń.', 'Ó. Ź.'];
const TYPES = ['standard', 'standard', 'standard', 'standard', 'correction', 'storno'] as const;
const BASES = ['agency_commission', 'collected_premium', 'written_premium', 'fixed_per_policy'] as const;
const RATES = ['40', '12.5', '35', '7.25'];

/** A deterministic pseudo-random sequence (mulberry32), so every run builds the same statement. */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[random() % items.length];
  if (item === undefined) {
    throw new Error('Empty list');
  }
  return item;
}

export function makeLines(count: number, seed = 7): StatementLine[] {
  const random = sequence(seed);
  return Array.from({ length: count }, (_, index): StatementLine => {
    const lineType = pick(TYPES, random);
    const basis = pick(BASES, random);
    const sign = lineType === 'storno' ? -1 : 1;
    const commission = sign * (1000 + (random() % 250_000));
    const base =
      basis === 'fixed_per_policy' ? 2500 : basis === 'agency_commission' ? commission : commission * 6;
    const rate = basis === 'fixed_per_policy' ? null : pick(RATES, random);
    return {
      insurerName: pick(INSURERS, random),
      fileName: `prowizje-2026-11-${String(1 + (index % 3))}.xlsx`,
      rowNumber: 2 + index,
      policyNumber: `POL/2026/${String(100000 + ((index * 7919) % 900000))}`,
      policyholder: pick(PEOPLE, random),
      product: pick(PRODUCTS, random),
      risk: pick(RISKS, random),
      lineDate: `2026-11-${String(1 + (random() % 30)).padStart(2, '0')}`,
      lineType,
      commission,
      basis,
      rate,
      base,
      share: rate === null ? sign * 2500 : applyRate(base, rate),
      rule: `Reguła ${String(1 + (index % 20))} v${String(1 + (index % 3))}`,
    };
  });
}

export function makeStatement(
  lineCount: number,
  overrides: Partial<StatementRenderInput> = {},
): StatementRenderInput {
  const lines = overrides.lines ?? makeLines(lineCount);
  const adjustments = overrides.adjustments ?? [
    { kind: 'bonus' as const, reason: 'Premia za sprzedaż pakietów „Dom Spokojny”', amount: 50_000 },
    { kind: 'deduction' as const, reason: 'Zwrot kosztów szkolenia', amount: -12_345 },
  ];
  const openingBalance = overrides.openingBalance ?? -2_500;
  const linesTotal = lines.reduce((sum, line) => sum + line.share, 0);
  const adjustmentsTotal = adjustments.reduce((sum, adjustment) => sum + adjustment.amount, 0);
  const closingBalance = openingBalance + linesTotal + adjustmentsTotal;
  const amountDue = overrides.amountDue ?? Math.max(closingBalance, 0);
  return {
    number: 'ROZ/2026/11/0007',
    version: 1,
    supersedes: null,
    issuedOn: '2026-12-02',
    period: { from: '2026-11-01', to: '2026-11-30' },
    agency: {
      name: 'Multiagencja Przykładowa Bożena Żółtowska sp. z o.o.',
      nip: '5242953841',
      regon: '301093951',
      address: 'ul. Źródlana 12/4, 61-001 Poznań',
    },
    collaborator: {
      fullName: 'Łukasz Ćwikliński',
      knfNumber: '11257162/A',
      nip: '7261120385',
      address: 'ul. Ślężna 5, 50-001 Wrocław',
      taxMode: 'invoice',
    },
    lines,
    adjustments,
    openingBalance,
    linesTotal,
    adjustmentsTotal,
    closingBalance,
    amountDue,
    carriedForward: closingBalance - amountDue,
    minimumPayout: 5_000,
    ...overrides,
  };
}
