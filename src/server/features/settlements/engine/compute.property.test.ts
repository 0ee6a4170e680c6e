import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeShares, type ComputeResult } from './compute.js';
import { fixedPolicyKey } from './normalise.js';
import {
  isLineProblem,
  type CommissionLine,
  type LineResult,
  type LineShare,
  type SplitBasis,
  type SplitRule,
} from './types.js';

const COLLABORATORS = ['c1', 'c2', 'c3'] as const;
const INSURERS = ['warta', 'pzu'] as const;
const POLICIES = ['P1', 'P2', 'P3', 'P4'] as const;
const BASES: readonly SplitBasis[] = [
  'agency_commission',
  'collected_premium',
  'written_premium',
  'fixed_per_policy',
];

const pad = (value: number) => String(value).padStart(2, '0');
const dateIn = (year: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([month, day]) => `${year}-${pad(month)}-${pad(day)}`);
const anyDate = fc.oneof(dateIn(2025), dateIn(2026));
const rate = fc
  .tuple(fc.integer({ min: 0, max: 150 }), fc.constantFrom('', '.5', '.25', '.125', ',3333', '.05'))
  .map(([whole, fraction]) => `${whole}${fraction}`);
const amount = (max: number) => fc.integer({ min: -max, max });

const ruleArb = fc
  .record({
    version: fc.integer({ min: 1, max: 3 }),
    collaboratorId: fc.constantFrom(null, ...COLLABORATORS),
    insurerId: fc.constantFrom(null, ...INSURERS),
    product: fc.constantFrom(null, 'OC', 'AC', ' oc '),
    risk: fc.constantFrom(null, 'M30', 'C02'),
    policyNumber: fc.option(fc.constantFrom(...POLICIES, 'p 2'), { freq: 4 }),
    validity: fc.tuple(fc.option(anyDate), fc.option(anyDate)),
    renewalsOnly: fc.boolean(),
    basis: fc.constantFrom(...BASES),
    rate,
    fixedAmount: fc.integer({ min: 0, max: 50_000 }),
    clawback: fc.constantFrom<SplitRule['clawback']>('follow', 'follow', 'agency_bears'),
  })
  .map(({ validity: [from, to], rate: ruleRate, fixedAmount, ...rest }): Omit<SplitRule, 'id'> => {
    const isFixed = rest.basis === 'fixed_per_policy';
    const [validFrom, validTo] = from !== null && to !== null && from > to ? [to, from] : [from, to];
    return {
      ...rest,
      validFrom,
      validTo,
      rate: isFixed ? null : ruleRate,
      fixedAmount: isFixed ? fixedAmount : null,
    };
  });

const AGENCY_DEFAULT: SplitRule = {
  id: 'default',
  version: 1,
  collaboratorId: null,
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
};

// Rules of 2026 that every storno would fall under if it were settled on its own date.
const CHANGED_IN_2026: SplitRule[] = COLLABORATORS.map((collaboratorId) => ({
  ...AGENCY_DEFAULT,
  id: `changed-${collaboratorId}`,
  version: 7,
  collaboratorId,
  validFrom: '2026-01-01',
  rate: '99',
}));

const rulesArb = fc
  .tuple(fc.array(ruleArb, { maxLength: 12 }), fc.boolean())
  .map(([rules, hasDefault]): SplitRule[] => [
    ...rules.map((rule, index) => ({ ...rule, id: `r${index}` })),
    ...(hasDefault ? [AGENCY_DEFAULT] : []),
  ]);

const lineFields = {
  importId: fc.constantFrom('i1', 'i2'),
  rowNumber: fc.integer({ min: 1, max: 30 }),
  insurerId: fc.constantFrom(...INSURERS),
  collaboratorId: fc.option(fc.constantFrom(...COLLABORATORS), { freq: 6 }),
  policyNumber: fc.constantFrom(...POLICIES, 'p 1'),
  product: fc.constantFrom(null, 'OC', 'AC', 'oc'),
  risk: fc.constantFrom(null, 'M30', 'C02'),
  renewal: fc.constantFrom(null, true, false),
};

const anyLineArb = fc.record({
  ...lineFields,
  lineDate: anyDate,
  lineType: fc.constantFrom<CommissionLine['lineType']>('standard', 'standard', 'correction', 'storno'),
  commission: amount(1_000_000),
  premium: fc.option(amount(10_000_000), { freq: 5 }),
  collectedPremium: fc.option(amount(10_000_000), { freq: 5 }),
});

const withIds =
  <T>(prefix: string) =>
  (lines: T[]) =>
    lines.map((line, index) => ({ ...line, id: `${prefix}${index}` }));
const linesArb = fc.array(anyLineArb, { maxLength: 40 }).map(withIds<Omit<CommissionLine, 'id'>>('l'));
const historyArb = fc
  .array(
    anyLineArb.map((line) => ({ ...line, importId: 'i0' })),
    { maxLength: 15 },
  )
  .map(withIds<Omit<CommissionLine, 'id'>>('h'));
const alreadyPaidArb = fc
  .subarray(
    COLLABORATORS.flatMap((collaborator) =>
      POLICIES.map((policy) => fixedPolicyKey(collaborator, 'warta', policy)),
    ),
  )
  .map((keys) => new Set(keys));

function shuffled<T>(items: readonly T[], seed: number): T[] {
  // mulberry32: a seeded shuffle, so that a failing case replays.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

function resultsById(result: ComputeResult): Map<string, LineResult> {
  return new Map(result.results.map((lineResult) => [lineResult.lineId, lineResult]));
}

function resultOf(results: ReadonlyMap<string, LineResult>, lineId: string): LineResult {
  const result = results.get(lineId);
  if (result === undefined) {
    throw new Error(`no result for ${lineId}`);
  }
  return result;
}

describe('computeShares: properties', () => {
  it('reconciles every line and the totals exactly: share + retained = commission', () => {
    fc.assert(
      fc.property(
        linesArb,
        historyArb,
        rulesArb,
        alreadyPaidArb,
        (lines, history, rules, alreadyPaidFixed) => {
          const result = computeShares({ lines, history, rules, alreadyPaidFixed });
          expect(result.results).toHaveLength(lines.length);
          const byId = resultsById(result);
          expect(byId.size).toBe(lines.length);
          const sums = { commission: 0, share: 0, retained: 0, problemCommission: 0 };
          const collaborators = new Map<string, { share: number; commission: number; lineCount: number }>();
          for (const line of lines) {
            const lineResult = byId.get(line.id);
            if (lineResult === undefined) {
              throw new Error('a line has no result');
            }
            sums.commission += line.commission;
            if (isLineProblem(lineResult)) {
              sums.problemCommission += line.commission;
              continue;
            }
            expect(Number.isSafeInteger(lineResult.share)).toBe(true);
            expect(lineResult.share + lineResult.retained).toBe(line.commission);
            sums.share += lineResult.share;
            sums.retained += lineResult.retained;
            const totals = collaborators.get(lineResult.collaboratorId) ?? {
              share: 0,
              commission: 0,
              lineCount: 0,
            };
            totals.share += lineResult.share;
            totals.commission += line.commission;
            totals.lineCount += 1;
            collaborators.set(lineResult.collaboratorId, totals);
          }
          expect(result.totals).toEqual(sums);
          expect(sums.share + sums.retained + sums.problemCommission).toBe(sums.commission);
          expect(result.byCollaborator).toEqual(collaborators);
          expect(result.problems).toEqual(result.results.filter(isLineProblem));
        },
      ),
      { numRuns: 300 },
    );
  });

  const originalArb = fc.record({
    ...lineFields,
    lineDate: dateIn(2025),
    lineType: fc.constantFrom<CommissionLine['lineType']>('standard', 'correction'),
    commission: fc.integer({ min: 1, max: 1_000_000 }),
    premium: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { freq: 5 }),
    collectedPremium: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { freq: 5 }),
  });
  const mirrorArb = fc.record({
    lineDate: dateIn(2026),
    lineType: fc.constantFrom<CommissionLine['lineType']>('storno', 'standard', 'correction'),
    isPremiumSigned: fc.boolean(),
    policySpelling: fc.constantFrom('same', 'lower', 'spaced'),
    rowNumber: fc.integer({ min: 1, max: 30 }),
  });
  const mirroredArb = fc
    .array(fc.tuple(originalArb, mirrorArb), { minLength: 1, maxLength: 25 })
    .map((pairs) =>
      pairs.map(([original, mirror], index) => {
        const negate = (value: number | null) =>
          value === null || !mirror.isPremiumSigned ? value : 0 - value;
        const policy = original.policyNumber;
        const spelling = {
          same: policy,
          lower: policy.toLowerCase(),
          spaced: ` ${policy.slice(0, 1)} ${policy.slice(1).toLowerCase()} `,
        };
        const line: CommissionLine = { ...original, id: `o${index}` };
        const storno: CommissionLine = {
          ...line,
          id: `s${index}`,
          importId: 'i9',
          rowNumber: mirror.rowNumber,
          lineDate: mirror.lineDate,
          lineType: mirror.lineType,
          policyNumber: spelling[mirror.policySpelling],
          commission: 0 - original.commission,
          premium: negate(original.premium),
          collectedPremium: negate(original.collectedPremium),
        };
        return { line, storno };
      }),
    );

  /** isFixedExact: the originals were settled in the same computation, so the line paid a fixed amount is known. */
  function checkMirrors(
    originals: ReadonlyMap<string, LineResult>,
    stornos: readonly (readonly [CommissionLine, LineResult])[],
    rules: readonly SplitRule[],
    isFixedExact: boolean,
  ) {
    const ruleOf = (share: LineShare) =>
      rules.find((rule) => rule.id === share.ruleId && rule.version === share.ruleVersion);
    const reversed = new Set<string>();
    const fixedReversals = new Map<string, number>();
    const zeroFixed = new Set<string>();
    for (const [stornoLine, storno] of stornos) {
      if (isLineProblem(storno)) {
        continue;
      }
      const { clawbackOf } = storno;
      expect(clawbackOf).not.toBeNull();
      expect(reversed.has(String(clawbackOf))).toBe(false);
      reversed.add(String(clawbackOf));
      const original = originals.get(String(clawbackOf));
      const isAgencyBears = ruleOf(storno)?.clawback === 'agency_bears';
      expect(storno.note === 'agency_bears_clawback').toBe(isAgencyBears);
      if (original === undefined || isLineProblem(original)) {
        // Only a missing premium makes the original a problem and its storno not: the agency bears it anyway.
        expect(isAgencyBears).toBe(true);
        continue;
      }
      expect(storno).toMatchObject({
        collaboratorId: original.collaboratorId,
        ruleId: original.ruleId,
        ruleVersion: original.ruleVersion,
        appliedOn: original.appliedOn,
      });
      if (isAgencyBears) {
        expect(storno.share).toBe(0);
      } else if (storno.basis !== 'fixed_per_policy' || isFixedExact) {
        expect(storno.share).toBe(0 - original.share);
      } else if (ruleOf(storno)?.fixedAmount === 0) {
        // Taking back a fixed amount of zero is invisible in the share: which storno did it cannot be told.
        expect(storno.share).toBe(0);
        zeroFixed.add(fixedPolicyKey(storno.collaboratorId, stornoLine.insurerId, stornoLine.policyNumber));
      } else if (storno.share !== 0) {
        const key = fixedPolicyKey(storno.collaboratorId, stornoLine.insurerId, stornoLine.policyNumber);
        fixedReversals.set(key, (fixedReversals.get(key) ?? 0) + 1);
        expect(storno.share).toBe(0 - (ruleOf(storno)?.fixedAmount ?? Number.NaN));
      }
    }
    // A storno that is a problem reversed an original that is one too.
    for (const [id, original] of originals) {
      if (!reversed.has(id)) {
        expect(isLineProblem(original)).toBe(true);
      }
    }
    return { fixedReversals, zeroFixed };
  }

  it('gives a mirrored storno exactly the negated share of the line it reverses, in one computation', () => {
    fc.assert(
      fc.property(mirroredArb, rulesArb, fc.integer(), (pairs, generated, seed) => {
        const rules = [...generated, ...CHANGED_IN_2026];
        const lines = shuffled(
          pairs.flatMap(({ line, storno }) => [line, storno]),
          seed,
        );
        const result = computeShares({ lines, history: [], rules });
        const byId = resultsById(result);
        const stornos = pairs.map(({ storno }) => [storno, resultOf(byId, storno.id)] as const);
        const originals = new Map(pairs.map(({ line }) => [line.id, resultOf(byId, line.id)]));
        checkMirrors(originals, stornos, rules, true);
        expect([...result.fixedReversed].every((key) => result.fixedPaid.has(key))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a mirrored storno the negated share of a line settled in an earlier period', () => {
    fc.assert(
      fc.property(mirroredArb, rulesArb, (pairs, generated) => {
        const rules = [...generated, ...CHANGED_IN_2026];
        const history = pairs.map(({ line }) => line);
        const earlier = computeShares({ lines: history, history: [], rules });
        const later = computeShares({
          lines: pairs.map(({ storno }) => storno),
          history,
          rules,
          alreadyPaidFixed: earlier.fixedPaid,
        });
        const laterById = resultsById(later);
        const stornos = pairs.map(({ storno }) => [storno, resultOf(laterById, storno.id)] as const);
        const { fixedReversals, zeroFixed } = checkMirrors(resultsById(earlier), stornos, rules, false);
        // Which instalment of an earlier period carried a fixed amount is not known: it is taken back once.
        for (const [key, count] of fixedReversals) {
          expect(count).toBe(1);
          expect(earlier.fixedPaid.has(key)).toBe(true);
        }
        const visiblyReversed = [...later.fixedReversed].filter(
          (key) => !zeroFixed.has(key) || fixedReversals.has(key),
        );
        expect(new Set(fixedReversals.keys())).toEqual(new Set(visiblyReversed));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a mirrored storno the negated share of a line settled earlier, under whatever rules hold now', () => {
    fc.assert(
      fc.property(mirroredArb, rulesArb, rulesArb, (pairs, before, now) => {
        const earlierRules = [...before, ...CHANGED_IN_2026];
        const history = pairs.map(({ line }) => line);
        const earlier = resultsById(computeShares({ lines: history, history: [], rules: earlierRules }));
        const settledRuleOf = (lineId: string) => {
          const result = resultOf(earlier, lineId);
          return isLineProblem(result)
            ? null
            : (earlierRules.find(
                (rule) => rule.id === result.ruleId && rule.version === result.ruleVersion,
              ) ?? null);
        };
        const later = resultsById(
          computeShares({
            lines: pairs.map(({ storno }) => storno),
            history: history.map((line) => ({ ...line, settledRule: settledRuleOf(line.id) })),
            rules: now,
          }),
        );
        for (const { storno } of pairs) {
          const result = resultOf(later, storno.id);
          if (isLineProblem(result) || result.clawbackOf === null) {
            continue;
          }
          const original = resultOf(earlier, result.clawbackOf);
          const settledRule = settledRuleOf(result.clawbackOf);
          if (isLineProblem(original) || settledRule === null || settledRule.basis === 'fixed_per_policy') {
            continue;
          }
          expect(result).toMatchObject({ ruleId: original.ruleId, ruleVersion: original.ruleVersion });
          expect(result.share).toBe(settledRule.clawback === 'agency_bears' ? 0 : 0 - original.share);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of lines, history or rules', () => {
    fc.assert(
      fc.property(
        linesArb,
        historyArb,
        rulesArb,
        alreadyPaidArb,
        fc.integer(),
        (lines, history, rules, paid, seed) => {
          const input = { lines, history, rules, alreadyPaidFixed: paid };
          const reordered = {
            lines: shuffled(lines, seed),
            history: shuffled(history, seed + 1),
            rules: shuffled(rules, seed + 2),
            alreadyPaidFixed: new Set(shuffled([...paid], seed + 3)),
          };
          const expected = computeShares(input);
          const actual = computeShares(reordered);
          expect(actual).toEqual(expected);
          expect(actual.results.map((result) => result.lineId)).toEqual(
            expected.results.map((result) => result.lineId),
          );
          expect([...actual.byCollaborator.keys()]).toEqual([...expected.byCollaborator.keys()]);
          expect([...actual.fixedPaid]).toEqual([...expected.fixedPaid]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
