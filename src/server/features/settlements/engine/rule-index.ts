import { applyRate } from '../../../../shared/money.js';
import { compareStrings, createNormaliser, isIsoDate, isUsableText, type Normaliser } from './normalise.js';
import type { CommissionLine, SplitBasis, SplitRule } from './types.js';

type IndexedRule = {
  rule: SplitRule;
  rank: number;
  from: string;
  to: string;
  product: string | null;
  risk: string | null;
};

/** Rules of one collaborator (or the agency) for one insurer (or any insurer). */
type RuleBucket = { byPolicy: Map<string, IndexedRule[]>; general: IndexedRule[] };

type InsurerBuckets = Map<string | null, RuleBucket>;

export type RuleIndex = {
  /** Lives as long as the index: one computation. */
  normaliser: Normaliser;
  byCollaborator: Map<string, InsurerBuckets>;
  agencyDefaults: InsurerBuckets;
};

/** What a rule is matched against: a line's own attributes, or for a clawback those of the line it reverses. */
export type RuleQuery = Pick<
  CommissionLine,
  'collaboratorId' | 'insurerId' | 'policyNumber' | 'product' | 'risk' | 'renewal'
>;

const OPEN_END = '\uffff';

/**
 * Weights make the order lexicographic: a policy override (8) beats risk + product + insurer (7), a risk (4)
 * beats product + insurer (3). A risk rule without a product is allowed: some insurers' risk codes say enough.
 * Doubling leaves room for renewalsOnly to break a tie between otherwise equal rules.
 */
export function specificityRank(rule: SplitRule): number {
  const score =
    (rule.policyNumber === null ? 0 : 8) +
    (rule.risk === null ? 0 : 4) +
    (rule.product === null ? 0 : 2) +
    (rule.insurerId === null ? 0 : 1);
  return score * 2 + (rule.renewalsOnly ? 1 : 0);
}

/** Negative when `a` wins: more specific, then the later validFrom, then the higher version, then the smaller id. */
function comparePrecedence(a: IndexedRule, b: IndexedRule): number {
  return (
    b.rank - a.rank ||
    compareStrings(b.from, a.from) ||
    b.rule.version - a.rule.version ||
    compareStrings(a.rule.id, b.rule.id)
  );
}

const BASES: ReadonlySet<string> = new Set<SplitBasis>([
  'agency_commission',
  'collected_premium',
  'written_premium',
  'fixed_per_policy',
]);
const CLAWBACK_MODES: ReadonlySet<string> = new Set<SplitRule['clawback']>(['follow', 'agency_bears']);

/**
 * Throws when a rule cannot be applied. Services call it when a rule is saved; the engine calls it again, because
 * a bad rule reaching a month-end run is a bug and the run must not guess. Messages name the rule, never amounts.
 */
export function assertUsableRule(rule: SplitRule): void {
  const fail = (reason: string): never => {
    throw new RangeError(`Split rule ${rule.id} v${rule.version}: ${reason}`);
  };
  if (!isUsableText(rule.id) || !Number.isSafeInteger(rule.version) || rule.version < 0) {
    fail('id and version must be a non-blank string and a non-negative integer');
  }
  for (const value of [rule.collaboratorId, rule.insurerId, rule.product, rule.risk, rule.policyNumber]) {
    if (value !== null && !isUsableText(value)) {
      fail('a dimension must be null (any) or a non-blank value');
    }
  }
  for (const date of [rule.validFrom, rule.validTo]) {
    if (date !== null && !isIsoDate(date)) {
      fail('validity dates must be YYYY-MM-DD');
    }
  }
  if (rule.validFrom !== null && rule.validTo !== null && rule.validFrom > rule.validTo) {
    fail('validFrom is after validTo');
  }
  if (
    typeof rule.renewalsOnly !== 'boolean' ||
    !CLAWBACK_MODES.has(rule.clawback) ||
    !BASES.has(rule.basis)
  ) {
    fail('unknown basis, clawback mode or renewalsOnly flag');
  }
  if (rule.basis === 'fixed_per_policy') {
    if (rule.fixedAmount === null || !Number.isSafeInteger(rule.fixedAmount) || rule.fixedAmount < 0) {
      fail('fixed_per_policy needs a non-negative fixedAmount in grosze');
    }
    if (rule.rate !== null) {
      fail('fixed_per_policy takes no rate');
    }
    return;
  }
  if (rule.fixedAmount !== null) {
    fail(`${rule.basis} takes no fixedAmount`);
  }
  if (rule.rate === null) {
    return fail(`${rule.basis} needs a rate`);
  }
  try {
    applyRate(0, rule.rate);
  } catch {
    fail('rate is not a decimal percentage');
  }
}

function emptyBucket(): RuleBucket {
  return { byPolicy: new Map(), general: [] };
}

export function buildRuleIndex(rules: readonly SplitRule[]): RuleIndex {
  const normaliser = createNormaliser();
  const index: RuleIndex = { normaliser, byCollaborator: new Map(), agencyDefaults: new Map() };
  const seen = new Set<string>();
  const buckets: RuleBucket[] = [];
  for (const rule of rules) {
    assertUsableRule(rule);
    const versionKey = `${rule.id}\u001f${rule.version}`;
    if (seen.has(versionKey)) {
      throw new RangeError(`Split rule ${rule.id} v${rule.version} is given twice`);
    }
    seen.add(versionKey);
    let insurers = index.agencyDefaults;
    if (rule.collaboratorId !== null) {
      insurers = index.byCollaborator.get(rule.collaboratorId) ?? new Map<string | null, RuleBucket>();
      index.byCollaborator.set(rule.collaboratorId, insurers);
    }
    let bucket = insurers.get(rule.insurerId);
    if (bucket === undefined) {
      bucket = emptyBucket();
      insurers.set(rule.insurerId, bucket);
      buckets.push(bucket);
    }
    const indexed: IndexedRule = {
      rule,
      rank: specificityRank(rule),
      from: rule.validFrom ?? '',
      to: rule.validTo ?? OPEN_END,
      product: normaliser.text(rule.product),
      risk: normaliser.text(rule.risk),
    };
    if (rule.policyNumber === null) {
      bucket.general.push(indexed);
    } else {
      const policy = normaliser.policy(rule.policyNumber);
      const list = bucket.byPolicy.get(policy) ?? [];
      list.push(indexed);
      bucket.byPolicy.set(policy, list);
    }
  }
  for (const bucket of buckets) {
    bucket.general.sort(comparePrecedence);
    for (const list of bucket.byPolicy.values()) {
      list.sort(comparePrecedence);
    }
  }
  return index;
}

type NormalisedQuery = { policy: string; product: string | null; risk: string | null; isRenewal: boolean };

function firstMatch(list: readonly IndexedRule[] | undefined, query: NormalisedQuery, date: string) {
  if (list === undefined) {
    return undefined;
  }
  // Sorted by precedence, so the first rule that applies is the winner.
  for (const candidate of list) {
    if (
      candidate.from <= date &&
      date <= candidate.to &&
      (candidate.product === null || candidate.product === query.product) &&
      (candidate.risk === null || candidate.risk === query.risk) &&
      (!candidate.rule.renewalsOnly || query.isRenewal)
    ) {
      return candidate;
    }
  }
  return undefined;
}

function matchBucket(bucket: RuleBucket | undefined, query: NormalisedQuery, date: string) {
  if (bucket === undefined) {
    return undefined;
  }
  // Every policy override outranks every general rule of the same bucket.
  return (
    firstMatch(bucket.byPolicy.get(query.policy), query, date) ?? firstMatch(bucket.general, query, date)
  );
}

function matchInsurers(
  insurers: InsurerBuckets | undefined,
  insurerId: string,
  query: NormalisedQuery,
  date: string,
) {
  if (insurers === undefined) {
    return undefined;
  }
  const forInsurer = matchBucket(insurers.get(insurerId), query, date);
  const forAny = matchBucket(insurers.get(null), query, date);
  if (forInsurer === undefined || forAny === undefined) {
    return forInsurer ?? forAny;
  }
  return comparePrecedence(forInsurer, forAny) <= 0 ? forInsurer : forAny;
}

/**
 * The most specific rule valid on `onDate` whose dimensions all match, or null. A collaborator's own rule always
 * beats an agency default, however specific the default is.
 */
export function resolveRule(index: RuleIndex, query: RuleQuery, onDate: string): SplitRule | null {
  const { normaliser } = index;
  const normalised: NormalisedQuery = {
    policy: normaliser.policy(query.policyNumber),
    product: normaliser.text(query.product),
    risk: normaliser.text(query.risk),
    isRenewal: query.renewal === true,
  };
  const own =
    query.collaboratorId === null
      ? undefined
      : matchInsurers(index.byCollaborator.get(query.collaboratorId), query.insurerId, normalised, onDate);
  const winner = own ?? matchInsurers(index.agencyDefaults, query.insurerId, normalised, onDate);
  return winner?.rule ?? null;
}
