import { describe, expect, it } from 'vitest';
import { periodLabel, recentMonths } from './period-label';

describe('periodLabel', () => {
  it('names a whole month by the month', () => {
    expect(periodLabel({ dateFrom: '2026-11-01', dateTo: '2026-11-30' }, 'pl')).toBe('listopad 2026');
    expect(periodLabel({ dateFrom: '2028-02-01', dateTo: '2028-02-29' }, 'en')).toBe('February 2028');
  });

  it('names any other range by its dates', () => {
    expect(periodLabel({ dateFrom: '2026-11-01', dateTo: '2026-11-15' }, 'pl')).toBe(
      '01.11.2026 – 15.11.2026',
    );
    expect(periodLabel({ dateFrom: '2026-10-15', dateTo: '2026-11-14' }, 'pl')).toBe(
      '15.10.2026 – 14.11.2026',
    );
  });
});

describe('recentMonths', () => {
  it('counts back across years', () => {
    expect(recentMonths('2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });
});
