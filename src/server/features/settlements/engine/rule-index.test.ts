import { describe, expect, it } from 'vitest';
import {
  assertUsableRule,
  buildRuleIndex,
  resolveRule,
  specificityRank,
  type RuleQuery,
} from './rule-index.js';
import type { SplitRule } from './types.js';

function rule(id: string, overrides: Partial<SplitRule> = {}): SplitRule {
  return {
    id,
    version: 1,
    collaboratorId: 'c1',
    insurerId: null,
    product: null,
    risk: null,
    policyNumber: null,
    validFrom: null,
    validTo: null,
    renewalsOnly: false,
    basis: 'agency_commission',
    rate: '10',
    fixedAmount: null,
    clawback: 'follow',
    ...overrides,
  };
}

const QUERY: RuleQuery = {
  collaboratorId: 'c1',
  insurerId: 'warta',
  policyNumber: 'AB 123 456',
  product: 'OC komunikacyjne',
  risk: 'M30',
  renewal: true,
};

function winner(rules: readonly SplitRule[], query: Partial<RuleQuery> = {}, onDate = '2026-03-15') {
  const found = resolveRule(buildRuleIndex(rules), { ...QUERY, ...query }, onDate);
  return found === null ? null : `${found.id} v${found.version}`;
}

describe('resolveRule: dimensions', () => {
  it('matches the insurer exactly, or any insurer when the rule names none', () => {
    const rules = [rule('pzu', { insurerId: 'pzu' })];
    expect(winner(rules)).toBeNull();
    expect(winner(rules, { insurerId: 'pzu' })).toBe('pzu v1');
    expect(winner([...rules, rule('any')])).toBe('any v1');
  });

  it('compares product and risk trimmed, case-insensitively and with spacing collapsed', () => {
    const rules = [rule('product', { product: '  oc   KOMUNIKACYJNE ' }), rule('risk', { risk: 'm30 ' })];
    expect(winner(rules.slice(0, 1))).toBe('product v1');
    expect(winner(rules.slice(0, 1), { product: 'AC' })).toBeNull();
    expect(winner(rules.slice(0, 1), { product: null })).toBeNull();
    expect(winner(rules.slice(1))).toBe('risk v1');
    expect(winner(rules.slice(1), { risk: 'C02' })).toBeNull();
  });

  it('treats a blank product or risk on a line as none', () => {
    expect(winner([rule('risk', { risk: 'M30' })], { risk: '  ' })).toBeNull();
    expect(winner([rule('any')], { risk: '', product: ' ' })).toBe('any v1');
  });

  it('matches a policy override whatever the spacing and case of the number', () => {
    const rules = [rule('override', { policyNumber: 'ab123456' })];
    expect(winner(rules)).toBe('override v1');
    expect(winner(rules, { policyNumber: 'AB 123 457' })).toBeNull();
  });

  it('applies a collaborator rule to that collaborator only', () => {
    expect(winner([rule('own', { collaboratorId: 'c2' })])).toBeNull();
    expect(winner([rule('own', { collaboratorId: 'c2' })], { collaboratorId: 'c2' })).toBe('own v1');
  });

  it('applies a renewals-only rule to renewals only, not to a line without the flag', () => {
    const rules = [rule('renewals', { renewalsOnly: true })];
    expect(winner(rules)).toBe('renewals v1');
    expect(winner(rules, { renewal: false })).toBeNull();
    expect(winner(rules, { renewal: null })).toBeNull();
  });

  it('includes both ends of the validity period', () => {
    const rules = [rule('march', { validFrom: '2026-03-01', validTo: '2026-03-31' })];
    expect(winner(rules, {}, '2026-02-28')).toBeNull();
    expect(winner(rules, {}, '2026-03-01')).toBe('march v1');
    expect(winner(rules, {}, '2026-03-31')).toBe('march v1');
    expect(winner(rules, {}, '2026-04-01')).toBeNull();
  });

  it('treats a missing validity end as open', () => {
    expect(winner([rule('from', { validFrom: '2026-03-15' })], {}, '2099-12-31')).toBe('from v1');
    expect(winner([rule('to', { validTo: '2026-03-15' })], {}, '1990-01-01')).toBe('to v1');
  });
});

describe('resolveRule: precedence', () => {
  // From the most to the least specific: removing the winner each time must reveal the next one.
  const bySpecificity = [
    rule('policy', { policyNumber: 'AB123456' }),
    rule('risk+product+insurer+renewals', {
      risk: 'M30',
      product: 'OC komunikacyjne',
      insurerId: 'warta',
      renewalsOnly: true,
    }),
    rule('risk+product+insurer', { risk: 'M30', product: 'OC komunikacyjne', insurerId: 'warta' }),
    rule('risk+product', { risk: 'M30', product: 'OC komunikacyjne' }),
    rule('risk+insurer', { risk: 'M30', insurerId: 'warta' }),
    rule('risk', { risk: 'M30' }),
    rule('product+insurer', { product: 'OC komunikacyjne', insurerId: 'warta' }),
    rule('product', { product: 'OC komunikacyjne' }),
    rule('insurer+renewals', { insurerId: 'warta', renewalsOnly: true }),
    rule('insurer', { insurerId: 'warta' }),
    rule('renewals', { renewalsOnly: true }),
    rule('any'),
  ];

  it.each(bySpecificity.map((expected, index) => [expected.id, index] as const))(
    '%s wins over every less specific rule',
    (id, index) => {
      // Reversed, so that the input order cannot be what decides.
      expect(winner(bySpecificity.slice(index).reverse())).toBe(`${id} v1`);
    },
  );

  it('ranks rules strictly by specificity', () => {
    const ranks = bySpecificity.map(specificityRank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it('prefers a policy override for any insurer to the insurer-specific rules', () => {
    const rules = [
      rule('insurer', { insurerId: 'warta', product: 'OC komunikacyjne' }),
      rule('policy', { policyNumber: 'AB123456' }),
    ];
    expect(winner(rules)).toBe('policy v1');
  });

  it('prefers the collaborator own rule to any agency default, however specific', () => {
    const rules = [
      rule('default-policy', {
        collaboratorId: null,
        policyNumber: 'AB123456',
        insurerId: 'warta',
        risk: 'M30',
      }),
      rule('own-generic'),
    ];
    expect(winner(rules)).toBe('own-generic v1');
    expect(winner(rules, { collaboratorId: 'c2' })).toBe('default-policy v1');
  });

  it('falls back to the agency default when no own rule matches the line', () => {
    const rules = [rule('own-ac', { product: 'AC' }), rule('default', { collaboratorId: null })];
    expect(winner(rules)).toBe('default v1');
    expect(winner(rules, { product: 'ac' })).toBe('own-ac v1');
  });

  it('breaks a tie by the later validFrom, then the higher version, then the smaller id', () => {
    const early = rule('b', { validFrom: '2026-01-01', version: 9 });
    const late = rule('c', { validFrom: '2026-02-01', version: 1 });
    const lateV2 = rule('c', { validFrom: '2026-02-01', version: 2 });
    const twin = rule('a', { validFrom: '2026-02-01', version: 2 });
    const open = rule('0', { version: 99 });
    expect(winner([early, open])).toBe('b v9');
    expect(winner([early, late])).toBe('c v1');
    expect(winner([late, lateV2, early])).toBe('c v2');
    expect(winner([lateV2, twin, late])).toBe('a v2');
    // Before the later rule starts, the earlier one applies.
    expect(winner([late, early], {}, '2026-01-31')).toBe('b v9');
  });

  it('returns null when nothing matches', () => {
    expect(winner([])).toBeNull();
    expect(winner([rule('other', { collaboratorId: 'c9' })])).toBeNull();
  });
});

describe('buildRuleIndex: bad rules', () => {
  it.each<[string, Partial<SplitRule>]>([
    ['a malformed date', { validFrom: '15.03.2026' }],
    ['an impossible month', { validTo: '2026-13-01' }],
    ['validFrom after validTo', { validFrom: '2026-04-01', validTo: '2026-03-31' }],
    ['a percentage rule without a rate', { rate: null }],
    ['a rate that is not a decimal', { rate: 'dziesięć' }],
    ['a negative rate', { rate: '-10' }],
    ['a fixed rule without an amount', { basis: 'fixed_per_policy', rate: null }],
    ['a negative fixed amount', { basis: 'fixed_per_policy', rate: null, fixedAmount: -12345 }],
    ['a fractional fixed amount', { basis: 'fixed_per_policy', rate: null, fixedAmount: 12.5 }],
    ['a fixed rule with a rate', { basis: 'fixed_per_policy', rate: '10', fixedAmount: 12345 }],
    ['a percentage rule with a fixed amount', { fixedAmount: 12345 }],
    ['an unknown basis', { basis: 'net_premium' as SplitRule['basis'] }],
    ['an unknown clawback mode', { clawback: 'split' as SplitRule['clawback'] }],
    ['a blank product', { product: '  ' }],
    ['a blank policy override', { policyNumber: '' }],
    ['a fractional version', { version: 1.5 }],
    ['a blank id', { id: ' ' }],
  ])('rejects %s without quoting amounts', (_label, overrides) => {
    const bad = rule('r-1', overrides);
    expect(() => buildRuleIndex([rule('fine'), bad])).toThrow(RangeError);
    expect(() => {
      assertUsableRule(bad);
    }).toThrow(/^Split rule .* v[\d.]+: /);
    try {
      assertUsableRule(bad);
    } catch (error) {
      expect(String(error)).not.toContain('12345');
      expect(String(error)).not.toContain('12.5');
    }
  });

  it('rejects the same version of a rule given twice, and accepts two versions', () => {
    expect(() => buildRuleIndex([rule('r-1'), rule('r-1')])).toThrow(/given twice/);
    expect(() => buildRuleIndex([rule('r-1'), rule('r-1', { version: 2 })])).not.toThrow();
  });

  it('accepts rates with a comma, a percent sign and many decimals', () => {
    for (const rate of ['12,5', '12.5%', '0', '33.3333', '150']) {
      expect(() => {
        assertUsableRule(rule('r', { rate }));
      }).not.toThrow();
    }
  });
});
