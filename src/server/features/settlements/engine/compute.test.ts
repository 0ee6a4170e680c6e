import { describe, expect, it } from 'vitest';
import { computeShares, type ComputeInput } from './compute.js';
import { fixedPolicyKey } from './normalise.js';
import {
  isLineProblem,
  type CommissionLine,
  type LineResult,
  type LineShare,
  type SplitRule,
} from './types.js';

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
    rate: '40',
    fixedAmount: null,
    clawback: 'follow',
    ...overrides,
  };
}

function line(id: string, overrides: Partial<CommissionLine> = {}): CommissionLine {
  return {
    id,
    importId: 'imp-1',
    rowNumber: 1,
    insurerId: 'warta',
    collaboratorId: 'c1',
    policyNumber: 'P-1',
    product: 'OC',
    risk: null,
    lineDate: '2026-03-10',
    lineType: 'standard',
    renewal: false,
    commission: 10_000,
    premium: 100_000,
    collectedPremium: 80_000,
    ...overrides,
  };
}

function storno(id: string, overrides: Partial<CommissionLine> = {}): CommissionLine {
  return line(id, { lineType: 'storno', commission: -10_000, lineDate: '2026-05-20', ...overrides });
}

function compute(input: Partial<ComputeInput>) {
  return computeShares({ lines: [], history: [], rules: [], ...input });
}

function shareOf(results: readonly LineResult[], lineId: string): LineShare {
  const result = results.find((candidate) => candidate.lineId === lineId);
  if (result === undefined || isLineProblem(result)) {
    throw new Error(`no share for ${lineId}`);
  }
  return result;
}

function only(input: Partial<ComputeInput>): LineResult {
  const { results } = compute(input);
  expect(results).toHaveLength(1);
  const [result] = results;
  if (result === undefined) {
    throw new Error('no result');
  }
  return result;
}

// The rule changed on 1 April: 40 % before, 20 % after.
const CHANGED = [
  rule('old', { validTo: '2026-03-31', rate: '40' }),
  rule('new', { validFrom: '2026-04-01', rate: '20', version: 3 }),
];

describe('computeShares: bases', () => {
  it('takes a percentage of the agency commission and records the rule used', () => {
    expect(only({ lines: [line('l1')], rules: [rule('r', { rate: '12.5', version: 4 })] })).toEqual({
      lineId: 'l1',
      collaboratorId: 'c1',
      insurerId: 'warta',
      attributedBy: 'line',
      share: 1250,
      retained: 8750,
      ruleId: 'r',
      ruleVersion: 4,
      basis: 'agency_commission',
      rate: '12.5',
      base: 10_000,
      appliedOn: '2026-03-10',
      clawbackOf: null,
      note: null,
    });
  });

  it('takes a percentage of the collected premium', () => {
    const result = only({
      lines: [line('l1')],
      rules: [rule('r', { basis: 'collected_premium', rate: '5' })],
    });
    expect(result).toMatchObject({ base: 80_000, share: 4000, retained: 6000 });
  });

  it('takes a percentage of the written premium, the agency keeping a negative remainder if it exceeds', () => {
    const result = only({
      lines: [line('l1')],
      rules: [rule('r', { basis: 'written_premium', rate: '12' })],
    });
    expect(result).toMatchObject({ base: 100_000, share: 12_000, retained: -2000 });
  });

  it('pays a fixed amount per policy', () => {
    const result = only({
      lines: [line('l1')],
      rules: [rule('r', { basis: 'fixed_per_policy', rate: null, fixedAmount: 2500 })],
    });
    expect(result).toMatchObject({ base: 2500, share: 2500, retained: 7500, rate: null });
  });

  it('takes back an unsigned premium on a storno as a negative base', () => {
    const rules = [rule('r', { basis: 'collected_premium', rate: '5' })];
    const signed = only({ lines: [storno('s1', { collectedPremium: -80_000 })], rules });
    const unsigned = only({ lines: [storno('s1', { collectedPremium: 80_000 })], rules });
    expect(signed).toMatchObject({ base: -80_000, share: -4000, retained: -6000 });
    expect(unsigned).toEqual(signed);
  });
});

describe('computeShares: rounding', () => {
  it.each([
    [1, '50', 1],
    [-1, '50', -1],
    [3, '50', 2],
    [-3, '50', -2],
    [4, '12.5', 1],
    [-4, '12.5', -1],
    [5, '10', 1],
    [-5, '10', -1],
    [4, '10', 0],
    [14, '10', 1],
    [15, '10', 2],
    [100, '33.333', 33],
    [-100, '66.665', -67],
    [1_000_001, '0.05', 500],
  ])('%i gr at %s %% → %i gr, halves away from zero', (commission, rate, share) => {
    const result = only({ lines: [line('l1', { commission })], rules: [rule('r', { rate })] });
    expect(result).toMatchObject({ share, retained: commission - share });
  });

  it('rounds each line, and totals are sums of the rounded lines', () => {
    const lines = [line('l1', { commission: 1 }), line('l2', { commission: 1, rowNumber: 2 })];
    const { totals, byCollaborator } = compute({ lines, rules: [rule('r', { rate: '50' })] });
    expect(totals).toEqual({ commission: 2, share: 2, retained: 0, problemCommission: 0 });
    expect(byCollaborator.get('c1')).toEqual({ share: 2, commission: 2, lineCount: 2 });
  });
});

describe('computeShares: clawbacks', () => {
  it('settles a matched storno under the rule valid on the original date, even after the rule changed', () => {
    const original = line('o1', { importId: 'imp-0', lineDate: '2026-03-10' });
    const { results } = compute({ lines: [storno('s1')], history: [original], rules: CHANGED });
    expect(shareOf(results, 's1')).toMatchObject({
      share: -4000,
      retained: -6000,
      ruleId: 'old',
      ruleVersion: 1,
      appliedOn: '2026-03-10',
      clawbackOf: 'o1',
      attributedBy: 'line',
    });
  });

  it('settles a storno of a line settled earlier by the very rule version that settled it', () => {
    // Version 1 paid 40 %; the rule has since been edited to 25 % (version 2), and the rule valid today is another.
    const settledRule = rule('edited', { rate: '40' });
    const current = [rule('edited', { rate: '25', version: 2 }), rule('other', { rate: '10', version: 7 })];
    const original = { ...line('o1', { importId: 'imp-0' }), settledRule };
    const { results } = compute({ lines: [storno('s1')], history: [original], rules: current });
    expect(shareOf(results, 's1')).toMatchObject({
      share: -4000,
      ruleId: 'edited',
      ruleVersion: 1,
      clawbackOf: 'o1',
    });
    // Without the record, the rule of the original's date as it is now: the current version.
    const { results: unrecorded } = compute({
      lines: [storno('s1')],
      history: [line('o1', { importId: 'imp-0' })],
      rules: [rule('edited', { rate: '25', version: 2 })],
    });
    expect(shareOf(unrecorded, 's1')).toMatchObject({ share: -2500, ruleVersion: 2 });
  });

  it("does not use the settling rule of another collaborator's line", () => {
    const original = {
      ...line('o1', { importId: 'imp-0', collaboratorId: 'c2' }),
      settledRule: rule('c2-rule', { collaboratorId: 'c2', rate: '90' }),
    };
    const { results } = compute({
      lines: [storno('s1')],
      history: [original],
      rules: [rule('c1-rule', { rate: '30' })],
    });
    expect(shareOf(results, 's1')).toMatchObject({ share: -3000, ruleId: 'c1-rule', clawbackOf: 'o1' });
  });

  it('refuses a malformed settling rule', () => {
    const original = { ...line('o1', { importId: 'imp-0' }), settledRule: rule('bad', { rate: null }) };
    expect(() => compute({ lines: [storno('s1')], history: [original], rules: [rule('r')] })).toThrow(
      RangeError,
    );
  });

  it('matches an original of the same computation, and a negative correction counts as a clawback', () => {
    const lines = [
      line('o1'),
      line('k1', { lineType: 'correction', commission: -10_000, lineDate: '2026-04-15' }),
    ];
    const { results } = compute({ lines, rules: CHANGED });
    expect(shareOf(results, 'o1').share).toBe(4000);
    expect(shareOf(results, 'k1')).toMatchObject({ share: -4000, clawbackOf: 'o1', ruleId: 'old' });
  });

  it("uses the original's product, risk and renewal flag to find the rule", () => {
    const rules = [
      rule('life-renewals', { product: 'Życie', risk: 'Z1', renewalsOnly: true, rate: '30' }),
      rule('general', { rate: '10' }),
    ];
    const original = line('o1', { product: 'życie', risk: 'Z1', renewal: true });
    const bare = storno('s1', { product: null, risk: null, renewal: null });
    const { results } = compute({ lines: [bare], history: [original], rules });
    expect(shareOf(results, 's1')).toMatchObject({ ruleId: 'life-renewals', share: -3000 });
  });

  it('matches the policy number whatever its spacing and case', () => {
    const { results } = compute({
      lines: [storno('s1', { policyNumber: ' p-1 ' })],
      history: [line('o1', { policyNumber: 'P-1' })],
      rules: CHANGED,
    });
    expect(shareOf(results, 's1').clawbackOf).toBe('o1');
  });

  it('does not match a line of another insurer or a different named risk', () => {
    const history = [line('o-pzu', { insurerId: 'pzu' }), line('o-risk', { risk: 'C02' })];
    const { results } = compute({ lines: [storno('s1', { risk: 'M30' })], history, rules: CHANGED });
    expect(shareOf(results, 's1')).toMatchObject({ clawbackOf: null, ruleId: 'new', share: -2000 });
  });

  it('settles an unmatched storno under the rule valid on its own date', () => {
    const { results } = compute({ lines: [storno('s1')], rules: CHANGED });
    expect(shareOf(results, 's1')).toMatchObject({
      share: -2000,
      ruleId: 'new',
      ruleVersion: 3,
      appliedOn: '2026-05-20',
      clawbackOf: null,
    });
  });

  it("gives a storno without a collaborator the original's collaborator", () => {
    const { results, byCollaborator } = compute({
      lines: [storno('s1', { collaboratorId: null })],
      history: [line('o1')],
      rules: CHANGED,
    });
    expect(shareOf(results, 's1')).toMatchObject({
      collaboratorId: 'c1',
      attributedBy: 'original_line',
      share: -4000,
      clawbackOf: 'o1',
    });
    expect(byCollaborator.get('c1')).toEqual({ share: -4000, commission: -10_000, lineCount: 1 });
  });

  it('leaves a storno unattributed when its original was unattributed too', () => {
    const { problems } = compute({
      lines: [storno('s1', { collaboratorId: null })],
      history: [line('o1', { collaboratorId: null })],
      rules: CHANGED,
    });
    expect(problems).toEqual([{ lineId: 's1', problem: 'unattributed' }]);
  });

  it("takes back a storno's own collaborator's payment, not another collaborator's", () => {
    const history = [line('o-c1', { lineDate: '2026-03-01' }), line('o-c2', { collaboratorId: 'c2' })];
    const rules = [...CHANGED, rule('c2', { collaboratorId: 'c2', rate: '50' })];
    const { results } = compute({ lines: [storno('s1')], history, rules });
    expect(shareOf(results, 's1').clawbackOf).toBe('o-c1');
  });

  it('reverses two instalments with two equal stornos, each under its own date rule', () => {
    const rules = [
      rule('jan', { validTo: '2026-01-31', rate: '40' }),
      rule('feb', { validFrom: '2026-02-01', rate: '30' }),
    ];
    const history = [
      line('jan', { lineDate: '2026-01-15', commission: 5000 }),
      line('feb', { lineDate: '2026-02-15', commission: 5000 }),
    ];
    const lines = [
      storno('s1', { commission: -5000, rowNumber: 1 }),
      storno('s2', { commission: -5000, rowNumber: 2 }),
    ];
    const { results, totals } = compute({ lines, history, rules });
    // The latest payment goes first.
    expect(shareOf(results, 's1')).toMatchObject({ clawbackOf: 'feb', share: -1500 });
    expect(shareOf(results, 's2')).toMatchObject({ clawbackOf: 'jan', share: -2000 });
    expect(totals.share).toBe(-3500);
  });

  it('prefers the exact mirror to a later payment of another amount', () => {
    const history = [
      line('big', { lineDate: '2026-01-15', commission: 7000 }),
      line('late', { lineDate: '2026-03-15', commission: 9000 }),
    ];
    const { results } = compute({ lines: [storno('s1', { commission: -7000 })], history, rules: CHANGED });
    expect(shareOf(results, 's1').clawbackOf).toBe('big');
  });

  it('leaves a clawback to the agency when the rule says agency_bears', () => {
    const rules = [rule('r', { clawback: 'agency_bears', basis: 'collected_premium', rate: '5' })];
    const { results, problems } = compute({
      lines: [line('o1'), storno('s1', { collectedPremium: null })],
      rules,
    });
    expect(problems).toEqual([]);
    expect(shareOf(results, 'o1').share).toBe(4000);
    expect(shareOf(results, 's1')).toMatchObject({
      share: 0,
      retained: -10_000,
      base: null,
      note: 'agency_bears_clawback',
      clawbackOf: 'o1',
    });
  });

  it("follows the original date rule's clawback mode, not the current one", () => {
    const rules = [
      rule('old', { validTo: '2026-03-31', clawback: 'agency_bears' }),
      rule('new', { validFrom: '2026-04-01', clawback: 'follow' }),
    ];
    const { results } = compute({ lines: [storno('s1')], history: [line('o1')], rules });
    expect(shareOf(results, 's1')).toMatchObject({ share: 0, note: 'agency_bears_clawback', ruleId: 'old' });
  });
});

describe('computeShares: fixed amount per policy', () => {
  const FIXED = [rule('fixed', { basis: 'fixed_per_policy', rate: null, fixedAmount: 2500 })];
  const KEY = fixedPolicyKey('c1', 'warta', 'P-1');

  it('pays once per policy and takes it back once, with the line that received it', () => {
    const lines = [
      line('first', { lineDate: '2026-01-10', commission: 10_000 }),
      line('second', { lineDate: '2026-02-10', commission: 5000, policyNumber: 'p-1' }),
      line('other-policy', { lineDate: '2026-02-10', commission: 5000, policyNumber: 'P-2' }),
      storno('s-second', { lineDate: '2026-03-01', commission: -5000 }),
      storno('s-first', { lineDate: '2026-03-02', commission: -10_000 }),
      storno('s-again', { lineDate: '2026-03-03', commission: -10_000 }),
    ];
    const { results, fixedPaid, fixedReversed } = compute({ lines, rules: FIXED });
    expect(shareOf(results, 'first')).toMatchObject({ share: 2500, note: null });
    expect(shareOf(results, 'second')).toMatchObject({ share: 0, note: 'fixed_already_counted' });
    expect(shareOf(results, 'other-policy')).toMatchObject({ share: 2500 });
    expect(shareOf(results, 's-second')).toMatchObject({ share: 0, clawbackOf: 'second' });
    expect(shareOf(results, 's-first')).toMatchObject({ share: -2500, clawbackOf: 'first', retained: -7500 });
    expect(shareOf(results, 's-again')).toMatchObject({ share: 0, note: 'fixed_already_reversed' });
    expect(fixedPaid).toEqual(new Set([KEY, fixedPolicyKey('c1', 'warta', 'P-2')]));
    expect(fixedReversed).toEqual(new Set([KEY]));
  });

  it('does not pay again what an earlier period paid, and takes it back once', () => {
    const history = [line('h1', { lineDate: '2026-01-10' })];
    const lines = [line('l1', { lineDate: '2026-04-10' }), storno('s1'), storno('s2', { rowNumber: 2 })];
    const { results, fixedPaid, fixedReversed } = compute({
      lines,
      history,
      rules: FIXED,
      alreadyPaidFixed: new Set([KEY]),
    });
    expect(shareOf(results, 'l1')).toMatchObject({ share: 0, note: 'fixed_already_counted' });
    expect(shareOf(results, 's1').share + shareOf(results, 's2').share).toBe(-2500);
    expect(fixedPaid.size).toBe(0);
    expect(fixedReversed).toEqual(new Set([KEY]));
  });

  it('does not take back again what an earlier period took back, nor pay a reinstated policy again', () => {
    const { results } = compute({
      lines: [line('l1', { lineDate: '2026-04-10' }), storno('s1')],
      history: [line('h1', { lineDate: '2026-01-10' })],
      rules: FIXED,
      alreadyPaidFixed: new Set([KEY]),
      alreadyReversedFixed: new Set([KEY]),
    });
    expect(shareOf(results, 'l1')).toMatchObject({ share: 0, note: 'fixed_already_counted' });
    expect(shareOf(results, 's1')).toMatchObject({ share: 0, note: 'fixed_already_reversed' });
  });

  it('takes nothing back for a policy never paid', () => {
    const { results, fixedReversed } = compute({ lines: [storno('s1')], rules: FIXED });
    expect(shareOf(results, 's1')).toMatchObject({ share: 0, note: null });
    expect(fixedReversed.size).toBe(0);
  });

  it('pays on the first positive line, not on a zero line before it', () => {
    const lines = [
      line('zero', { lineDate: '2026-01-01', commission: 0 }),
      line('paid', { lineDate: '2026-01-02' }),
    ];
    const { results } = compute({ lines, rules: FIXED });
    expect(shareOf(results, 'zero').share).toBe(0);
    expect(shareOf(results, 'paid').share).toBe(2500);
  });
});

describe('computeShares: problems', () => {
  it('reports each problem line instead of giving it zero, and reconciles the totals', () => {
    const rules = [
      rule('r', { insurerId: 'warta' }),
      rule('inkaso', { insurerId: 'pzu', basis: 'collected_premium', rate: '5' }),
    ];
    const lines = [
      line('ok', { rowNumber: 1 }),
      line('nobody', { rowNumber: 2, collaboratorId: null, commission: 111 }),
      line('no-rule', { rowNumber: 3, insurerId: 'ergo', commission: 222 }),
      line('no-inkaso', { rowNumber: 4, insurerId: 'pzu', collectedPremium: null, commission: 333 }),
      storno('orphan', { rowNumber: 5, collaboratorId: null, commission: -444, policyNumber: 'P-9' }),
    ];
    const { results, problems, totals, byCollaborator } = compute({ lines, rules });
    expect(problems).toEqual([
      { lineId: 'nobody', problem: 'unattributed' },
      { lineId: 'no-rule', problem: 'no_rule' },
      { lineId: 'no-inkaso', problem: 'missing_basis' },
      { lineId: 'orphan', problem: 'unattributed' },
    ]);
    expect(results.filter(isLineProblem)).toEqual(problems);
    expect(totals).toEqual({ commission: 10_222, share: 4000, retained: 6000, problemCommission: 222 });
    expect([...byCollaborator.keys()]).toEqual(['c1']);
  });
});

describe('computeShares: order and input checks', () => {
  it('returns the same results whatever the order of lines, history and rules', () => {
    const rules = [...CHANGED, rule('c2', { collaboratorId: 'c2', rate: '25' })];
    const history = [line('h1', { importId: 'imp-0' }), line('h2', { importId: 'imp-0', commission: 5000 })];
    const lines = [
      storno('s1'),
      storno('s2', { commission: -5000 }),
      line('a', { lineDate: '2026-04-02', rowNumber: 3 }),
      line('b', { lineDate: '2026-04-02', rowNumber: 3, importId: 'imp-2', collaboratorId: 'c2' }),
      line('c', { lineDate: '2026-04-01', rowNumber: 9 }),
    ];
    const forward = compute({ lines, history, rules });
    const backward = compute({
      lines: [...lines].reverse(),
      history: [...history].reverse(),
      rules: [...rules].reverse(),
    });
    expect(backward).toEqual(forward);
    expect([...backward.byCollaborator.keys()]).toEqual([...forward.byCollaborator.keys()]);
    expect(forward.results.map((result) => result.lineId)).toEqual(['c', 'a', 'b', 's1', 's2']);
  });

  it.each<[string, Partial<CommissionLine>]>([
    ['a fractional commission', { commission: 12.5 }],
    ['a fractional premium', { premium: 1234.5 }],
    ['an unsafe commission', { commission: 2 ** 60 }],
    ['a Polish date', { lineDate: '10.03.2026' }],
    ['a blank policy number', { policyNumber: '  ' }],
    ['an unknown line type', { lineType: 'bonus' as CommissionLine['lineType'] }],
  ])('rejects a line with %s, without quoting it', (_label, overrides) => {
    const run = () => compute({ lines: [line('l1', overrides)], rules: CHANGED });
    expect(run).toThrow(RangeError);
    expect(run).toThrow(/^Commission line l1: /);
    expect(run).not.toThrow(/12\.5|1234|10\.03/);
  });

  it('rejects a line id given twice, in the lines or across lines and history', () => {
    expect(() => compute({ lines: [line('l1'), line('l1', { rowNumber: 2 })], rules: CHANGED })).toThrow(
      /given twice/,
    );
    expect(() => compute({ lines: [line('l1')], history: [line('l1')], rules: CHANGED })).toThrow(
      /given twice/,
    );
  });

  it('computes 100,000 lines against 100,000 of history in linear time', () => {
    const rules = [...CHANGED, rule('default', { collaboratorId: null, rate: '10' })];
    const build = (count: number, prefix: string, month: string) =>
      Array.from({ length: count }, (_, index) =>
        line(`${prefix}${index}`, {
          importId: prefix,
          rowNumber: index,
          collaboratorId: `c${index % 97}`,
          policyNumber: `P-${index % 20_000}`,
          lineDate: `2026-${month}-${String((index % 28) + 1).padStart(2, '0')}`,
          lineType: index % 10 === 0 ? 'storno' : 'standard',
          commission: index % 10 === 0 ? -((index * 37) % 9000) : (index * 37) % 9000,
        }),
      );
    const history = build(100_000, 'h', '01');
    const lines = build(100_000, 'l', '04');
    const { results, totals } = compute({ lines, history, rules });
    expect(results).toHaveLength(100_000);
    expect(totals.share + totals.retained + totals.problemCommission).toBe(totals.commission);
  });
});
