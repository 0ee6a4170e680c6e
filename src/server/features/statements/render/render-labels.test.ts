import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../../../shared/money.js';
import { formatAmountCell, formatPeriod, formatRate } from './render-labels.js';

describe('render labels', () => {
  it('formats a cell amount exactly as formatAmount does, without the currency', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (grosze) => {
        expect(formatAmountCell(grosze)).toBe(formatAmount(grosze, { currency: false }));
      }),
      { numRuns: 5_000 },
    );
    for (const grosze of [0, -0, 1, -1, 99, 100, 99_999, 100_000, -100_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(formatAmountCell(grosze)).toBe(formatAmount(grosze, { currency: false }));
    }
    expect(() => formatAmountCell(0.5)).toThrow(/amount/);
  });

  it('names a calendar month and prints any other period as a date range', () => {
    expect(formatPeriod({ from: '2026-11-01', to: '2026-11-30' })).toBe('listopad 2026');
    expect(formatPeriod({ from: '2028-02-01', to: '2028-02-29' })).toBe('luty 2028');
    expect(formatPeriod({ from: '2026-11-01', to: '2026-11-15' })).toBe('01.11.2026 – 15.11.2026');
    expect(formatPeriod({ from: '2026-10-01', to: '2026-11-30' })).toBe('01.10.2026 – 30.11.2026');
    expect(() => formatPeriod({ from: '2026-11-31', to: '2026-12-01' })).toThrow(/period\.from/);
  });

  it('prints decimal rates with a comma and a percent sign', () => {
    expect(formatRate('12.5')).toBe('12,5%');
    expect(formatRate('40')).toBe('40%');
    expect(formatRate(null)).toBe('—');
  });
});
