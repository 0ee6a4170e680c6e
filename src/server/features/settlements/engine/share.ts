import { applyRate, type Grosze } from '../../../../shared/money.js';
import type { MatchedOriginal } from './clawbacks.js';
import type { CommissionLine, ShareNote, SplitRule } from './types.js';

export type ShareFigures = { base: Grosze | null; share: Grosze; note: ShareNote | null };

/** The amount a percentage rule applies to, or null when the statement did not carry it. */
export function rateBase(rule: SplitRule, line: CommissionLine, isClawback: boolean): Grosze | null {
  switch (rule.basis) {
    case 'agency_commission':
      return line.commission;
    case 'collected_premium':
    case 'written_premium': {
      const premium = rule.basis === 'collected_premium' ? line.collectedPremium : line.premium;
      // Statements often print the reversed premium unsigned on a storno; a clawback's base is negative.
      return premium !== null && isClawback && premium > 0 ? -premium : premium;
    }
    case 'fixed_per_policy':
      throw new RangeError('A fixed amount is not a rate');
  }
}

/**
 * Share under a percentage rule, rounded per line half away from zero, so that share(−x) = −share(x) exactly and
 * a storno takes back precisely what its original paid. null: the basis is missing from the line.
 */
export function computeRateShare(
  rule: SplitRule,
  line: CommissionLine,
  isClawback: boolean,
): ShareFigures | null {
  const base = rateBase(rule, line, isClawback);
  if (base === null || rule.rate === null) {
    return null;
  }
  return { base, share: applyRate(base, rule.rate), note: null };
}

/**
 * Which fixed_per_policy amounts are paid and reversed. A key counts as paid once paid here or in an earlier period
 * (`alreadyPaid`), and as reversed likewise; a reversal does not reopen it, so a reinstated policy is not paid twice.
 */
export type FixedLedger = {
  alreadyPaid: ReadonlySet<string>;
  alreadyReversed: ReadonlySet<string>;
  /** Key → id of the line of this computation that received the amount. */
  paidBy: Map<string, string>;
  reversed: Set<string>;
};

export function createFixedLedger(
  alreadyPaid: ReadonlySet<string>,
  alreadyReversed: ReadonlySet<string>,
): FixedLedger {
  return { alreadyPaid, alreadyReversed, paidBy: new Map(), reversed: new Set() };
}

function isCounted(ledger: FixedLedger, key: string): boolean {
  return ledger.paidBy.has(key) || ledger.alreadyPaid.has(key) || ledger.alreadyReversed.has(key);
}

/** Paid on the first positive line of the policy (lines come in the canonical order); nothing on every other. */
export function settleFixedPayment(
  ledger: FixedLedger,
  key: string,
  fixedAmount: Grosze,
  line: CommissionLine,
): ShareFigures {
  if (isCounted(ledger, key)) {
    return { base: fixedAmount, share: 0, note: 'fixed_already_counted' };
  }
  if (line.commission <= 0) {
    return { base: fixedAmount, share: 0, note: null };
  }
  ledger.paidBy.set(key, line.id);
  return { base: fixedAmount, share: fixedAmount, note: null };
}

/**
 * A clawback takes back what its original received: the fixed amount if the original is the line that was paid
 * it, otherwise nothing, and never twice. Which line of an earlier period was paid is not known, so a clawback of
 * a history line, or one without an original, takes back an amount paid in an earlier period.
 */
export function settleFixedClawback(
  ledger: FixedLedger,
  key: string,
  fixedAmount: Grosze,
  original: MatchedOriginal | null,
): ShareFigures {
  if (ledger.reversed.has(key) || ledger.alreadyReversed.has(key)) {
    return { base: fixedAmount, share: 0, note: 'fixed_already_reversed' };
  }
  const paidBy = ledger.paidBy.get(key);
  const isOwed =
    original === null
      ? isCounted(ledger, key)
      : original.isFromHistory
        ? paidBy === undefined && ledger.alreadyPaid.has(key)
        : paidBy === original.line.id;
  if (!isOwed) {
    return { base: fixedAmount, share: 0, note: isCounted(ledger, key) ? 'fixed_already_counted' : null };
  }
  ledger.reversed.add(key);
  // 0 - x rather than -x: a zero amount stays +0, which keeps results equal under Object.is.
  return { base: fixedAmount, share: 0 - fixedAmount, note: null };
}
