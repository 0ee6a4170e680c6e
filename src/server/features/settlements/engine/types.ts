import type { Grosze } from '../../../../shared/money.js';

export type SplitBasis = 'agency_commission' | 'collected_premium' | 'written_premium' | 'fixed_per_policy';

export type SplitRule = {
  id: string;
  /** Recorded on every computed line, so a statement can say which version of a rule produced it. */
  version: number;
  /** null: agency default, for every collaborator without a rule of their own. */
  collaboratorId: string | null;
  /** null = any. */
  insurerId: string | null;
  /** null = any; compared trimmed and case-insensitively. */
  product: string | null;
  /** null = any; compared trimmed and case-insensitively. */
  risk: string | null;
  /** Per-policy override; compared trimmed, upper-case, without spaces. */
  policyNumber: string | null;
  /** `YYYY-MM-DD`, inclusive; null = open. */
  validFrom: string | null;
  validTo: string | null;
  renewalsOnly: boolean;
  basis: SplitBasis;
  /** Decimal percent (`"40"`, `"12.5"`) for the percentage bases. */
  rate: string | null;
  fixedAmount: Grosze | null;
  /** Whether the collaborator's share follows a storno ('follow') or the agency absorbs it. */
  clawback: 'follow' | 'agency_bears';
};

export type CommissionLineType = 'standard' | 'correction' | 'storno';

export type CommissionLine = {
  id: string;
  importId: string;
  rowNumber: number;
  insurerId: string;
  /** null: not attributed to anyone yet (exception queue). */
  collaboratorId: string | null;
  policyNumber: string;
  product: string | null;
  risk: string | null;
  /** `YYYY-MM-DD`: the due date or statement date. */
  lineDate: string;
  lineType: CommissionLineType;
  renewal: boolean | null;
  commission: Grosze;
  premium: Grosze | null;
  collectedPremium: Grosze | null;
};

/**
 * A line of an earlier period with the rule version that settled it (when it was settled by a rule): a clawback of
 * it in a later period is settled by that same version, so that it takes back exactly what was paid even when the
 * rule has changed since.
 */
export type HistoryLine = CommissionLine & { readonly settledRule?: SplitRule | null };

/**
 * fixed_already_counted: the policy's fixed amount went to another line; fixed_already_reversed: it was taken back
 * already; agency_bears_clawback: the rule leaves a clawback to the agency.
 */
export type ShareNote = 'fixed_already_counted' | 'fixed_already_reversed' | 'agency_bears_clawback';

export type LineShare = {
  lineId: string;
  collaboratorId: string;
  insurerId: string;
  /** 'original_line': the storno had no attribution and took the one of the line it reverses. */
  attributedBy: 'line' | 'original_line';
  share: Grosze;
  /** commission − share: what the agency keeps (negative when a premium-based share exceeds it). */
  retained: Grosze;
  ruleId: string;
  ruleVersion: number;
  basis: SplitBasis;
  rate: string | null;
  /**
   * The amount the rate applies to; for fixed_per_policy, the rule's fixed amount. null only on an agency_bears
   * clawback whose statement line lacks the premium: its share is 0 whatever the base.
   */
  base: Grosze | null;
  /** The date whose rule was used: the line's own, or the reversed line's for a matched clawback. */
  appliedOn: string;
  clawbackOf: string | null;
  note: ShareNote | null;
};

export type LineProblemCode = 'no_rule' | 'missing_basis' | 'unattributed';

export type LineProblem = { lineId: string; problem: LineProblemCode };

export type LineResult = LineShare | LineProblem;

export function isLineProblem(result: LineResult): result is LineProblem {
  return 'problem' in result;
}
