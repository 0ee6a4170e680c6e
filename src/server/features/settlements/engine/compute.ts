import type { Grosze } from '../../../../shared/money.js';
import { addGrosze, subtractGrosze } from './checked-sum.js';
import {
  createClawbackMatcher,
  matchOriginal,
  recordProcessedLine,
  type ClawbackMatcher,
  type MatchedOriginal,
} from './clawbacks.js';
import { assertUsableLines } from './line-checks.js';
import { compareLines, fixedPolicyKey, isClawbackLine } from './normalise.js';
import {
  assertUsableRule,
  buildRuleIndex,
  resolveRule,
  type RuleIndex,
  type RuleQuery,
} from './rule-index.js';
import {
  computeRateShare,
  createFixedLedger,
  rateBase,
  settleFixedClawback,
  settleFixedPayment,
  type FixedLedger,
  type ShareFigures,
} from './share.js';
import {
  isLineProblem,
  type CommissionLine,
  type HistoryLine,
  type LineProblem,
  type LineResult,
  type SplitRule,
} from './types.js';

export type ComputeInput = {
  /** The lines to settle, in any order. */
  lines: readonly CommissionLine[];
  /**
   * Lines of earlier imports and periods, not settled again: the originals a clawback in `lines` may reverse, each
   * with the rule version that settled it where there was one.
   */
  history: readonly HistoryLine[];
  rules: readonly SplitRule[];
  /** fixed_per_policy keys (see fixedPolicyKey) paid in earlier periods: what earlier runs returned as fixedPaid. */
  alreadyPaidFixed?: ReadonlySet<string>;
  /** fixed_per_policy keys taken back in earlier periods: what earlier runs returned as fixedReversed. */
  alreadyReversedFixed?: ReadonlySet<string>;
};

export type CollaboratorTotals = { share: Grosze; commission: Grosze; lineCount: number };

/** commission = share + retained + problemCommission, exactly. */
export type ComputeTotals = {
  commission: Grosze;
  share: Grosze;
  retained: Grosze;
  problemCommission: Grosze;
};

export type ComputeResult = {
  /** One per line, in the canonical processing order (compareLines). */
  results: LineResult[];
  byCollaborator: Map<string, CollaboratorTotals>;
  totals: ComputeTotals;
  problems: LineProblem[];
  /** fixed_per_policy keys newly paid, for the caller to persist. */
  fixedPaid: Set<string>;
  /** fixed_per_policy keys newly taken back, for the caller to persist. */
  fixedReversed: Set<string>;
};

type Engine = { index: RuleIndex; matcher: ClawbackMatcher; ledger: FixedLedger };

const NO_KEYS: ReadonlySet<string> = new Set();

function settleFigures(
  engine: Engine,
  rule: SplitRule,
  line: CommissionLine,
  collaboratorId: string,
  original: MatchedOriginal | null,
  isClawback: boolean,
): ShareFigures | null {
  if (isClawback && rule.clawback === 'agency_bears') {
    const base = rule.basis === 'fixed_per_policy' ? rule.fixedAmount : rateBase(rule, line, true);
    return { base, share: 0, note: 'agency_bears_clawback' };
  }
  if (rule.basis !== 'fixed_per_policy') {
    return computeRateShare(rule, line, isClawback);
  }
  if (rule.fixedAmount === null) {
    throw new RangeError(`Split rule ${rule.id} v${rule.version}: fixed_per_policy needs a fixedAmount`);
  }
  const key = fixedPolicyKey(collaboratorId, line.insurerId, line.policyNumber);
  return isClawback
    ? settleFixedClawback(engine.ledger, key, rule.fixedAmount, original)
    : settleFixedPayment(engine.ledger, key, rule.fixedAmount, line);
}

function computeLine(engine: Engine, line: CommissionLine): LineResult {
  const isClawback = isClawbackLine(line);
  const original = isClawback ? matchOriginal(engine.matcher, line) : null;
  const collaboratorId = line.collaboratorId ?? original?.line.collaboratorId ?? null;
  if (collaboratorId === null) {
    return { lineId: line.id, problem: 'unattributed' };
  }
  // A matched clawback is settled as its original was: by the very rule version that settled it in an earlier period
  // (for the same collaborator), otherwise by the rule of the original's date, for its product, risk and renewal
  // flag, so that a rule changed since then does not alter what is taken back.
  const source = original?.line ?? line;
  const settledRule =
    original?.isFromHistory === true && original.line.collaboratorId === collaboratorId
      ? (original.line.settledRule ?? null)
      : null;
  const query: RuleQuery =
    original === null
      ? line
      : {
          collaboratorId,
          insurerId: line.insurerId,
          policyNumber: line.policyNumber,
          product: source.product,
          risk: source.risk,
          renewal: source.renewal,
        };
  const rule = settledRule ?? resolveRule(engine.index, query, source.lineDate);
  if (rule === null) {
    return { lineId: line.id, problem: 'no_rule' };
  }
  const figures = settleFigures(engine, rule, line, collaboratorId, original, isClawback);
  if (figures === null) {
    return { lineId: line.id, problem: 'missing_basis' };
  }
  return {
    lineId: line.id,
    collaboratorId,
    insurerId: line.insurerId,
    attributedBy: line.collaboratorId === null ? 'original_line' : 'line',
    share: figures.share,
    retained: subtractGrosze(line.commission, figures.share),
    ruleId: rule.id,
    ruleVersion: rule.version,
    basis: rule.basis,
    rate: rule.rate,
    base: figures.base,
    appliedOn: source.lineDate,
    clawbackOf: original?.line.id ?? null,
    note: figures.note,
  };
}

/**
 * Splits each line's commission between its collaborator and the agency. Pure and deterministic: the lines are
 * processed in one canonical order whatever order they arrive in. Throws a RangeError on a malformed rule or line.
 */
export function computeShares(input: ComputeInput): ComputeResult {
  const index = buildRuleIndex(input.rules);
  assertUsableLines(input.lines, input.history);
  for (const line of input.history) {
    if (line.settledRule) {
      assertUsableRule(line.settledRule);
    }
  }
  const engine: Engine = {
    index,
    matcher: createClawbackMatcher(input.history, index.normaliser),
    ledger: createFixedLedger(input.alreadyPaidFixed ?? NO_KEYS, input.alreadyReversedFixed ?? NO_KEYS),
  };
  const lines = [...input.lines].sort(compareLines);
  const results: LineResult[] = [];
  const problems: LineProblem[] = [];
  const byCollaborator = new Map<string, CollaboratorTotals>();
  const totals: ComputeTotals = { commission: 0, share: 0, retained: 0, problemCommission: 0 };
  for (const line of lines) {
    const result = computeLine(engine, line);
    recordProcessedLine(engine.matcher, line);
    results.push(result);
    totals.commission = addGrosze(totals.commission, line.commission);
    if (isLineProblem(result)) {
      problems.push(result);
      totals.problemCommission = addGrosze(totals.problemCommission, line.commission);
      continue;
    }
    totals.share = addGrosze(totals.share, result.share);
    totals.retained = addGrosze(totals.retained, result.retained);
    const collaborator = byCollaborator.get(result.collaboratorId);
    if (collaborator === undefined) {
      byCollaborator.set(result.collaboratorId, {
        share: result.share,
        commission: line.commission,
        lineCount: 1,
      });
    } else {
      collaborator.share = addGrosze(collaborator.share, result.share);
      collaborator.commission = addGrosze(collaborator.commission, line.commission);
      collaborator.lineCount += 1;
    }
  }
  return {
    results,
    byCollaborator,
    totals,
    problems,
    fixedPaid: new Set(engine.ledger.paidBy.keys()),
    fixedReversed: engine.ledger.reversed,
  };
}
