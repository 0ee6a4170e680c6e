import type { CollaboratorBalance, PeriodSettlement, SettlementLine } from '../../../shared/api/periods.js';
import type { Grosze } from '../../../shared/money.js';
import type { Tx } from '../../db/database.js';
import { addGrosze } from './engine/checked-sum.js';
import { computeShares } from './engine/compute.js';
import { fixedPolicyKey } from './engine/normalise.js';
import {
  isLineProblem,
  type CommissionLine,
  type HistoryLine,
  type LineResult,
  type SplitRule,
} from './engine/types.js';
import {
  insurerNames,
  listAdjustments,
  listAgencyCollaborators,
  loadFixedLedger,
  loadOpeningBalances,
  loadSettledOriginals,
  loadUnsettledLines,
  type PeriodRow,
  type UnsettledLine,
} from './periods.repository.js';
import { loadCurrentRules, loadRuleVersions, type SplitRuleRow } from './rules.repository.js';
import { normalizeRate } from './rules.service.js';

/** Everything a period's settlement is made of, computed from the database as it is now. */
export type SettlementComputation = {
  lines: UnsettledLine[];
  resultByLine: Map<string, LineResult>;
  balances: CollaboratorBalance[];
  summary: Omit<PeriodSettlement, 'period'>;
  insurerNames: Map<string, string>;
  adjustments: Awaited<ReturnType<typeof listAdjustments>>;
};

export function engineRule(row: SplitRuleRow): SplitRule {
  return {
    id: row.id,
    version: row.version,
    collaboratorId: row.collaboratorId,
    insurerId: row.insurerId,
    product: row.product,
    risk: row.risk,
    policyNumber: row.policyNumber,
    validFrom: row.validFrom,
    validTo: row.validTo,
    renewalsOnly: row.renewalsOnly,
    basis: row.basis,
    rate: row.rate === null ? null : normalizeRate(row.rate),
    fixedAmount: row.fixedAmount,
    clawback: row.clawback,
  };
}

export function engineLine(
  row: Omit<UnsettledLine, 'fileName' | 'policyholder' | 'attributedBy'>,
): CommissionLine {
  return {
    id: row.id,
    importId: row.importId,
    rowNumber: row.rowNumber,
    insurerId: row.insurerId,
    collaboratorId: row.collaboratorId,
    policyNumber: row.policyNumber,
    product: row.product,
    risk: row.risk,
    lineDate: row.lineDate,
    lineType: row.lineType,
    renewal: row.renewal,
    commission: row.commission,
    premium: row.premium,
    collectedPremium: row.collectedPremium,
  };
}

/**
 * The settled lines a clawback of these policies may reverse, each with the rule version that settled it (current or
 * superseded since), for the engine's `history`.
 */
export async function loadClawbackHistory(
  tx: Tx,
  agencyId: string,
  policyKeys: readonly string[],
): Promise<HistoryLine[]> {
  const originals = await loadSettledOriginals(tx, agencyId, policyKeys);
  const wanted = new Map<string, { id: string; version: number }>();
  for (const row of originals) {
    if (row.settledRuleId !== null && row.settledRuleVersion !== null) {
      wanted.set(`${row.settledRuleId}/${String(row.settledRuleVersion)}`, {
        id: row.settledRuleId,
        version: row.settledRuleVersion,
      });
    }
  }
  const versions = new Map(
    (await loadRuleVersions(tx, agencyId, [...wanted.values()])).map((row) => [
      `${row.id}/${String(row.version)}`,
      engineRule(row),
    ]),
  );
  return originals.map((row) => ({
    ...engineLine(row),
    settledRule: versions.get(`${String(row.settledRuleId)}/${String(row.settledRuleVersion)}`) ?? null,
  }));
}

/** A collaborator's balance: a positive one is paid when it reaches the minimum payout, anything else carries. */
export function balanceOf(opening: Grosze, lines: Grosze, adjustments: Grosze, minimumPayout: Grosze) {
  const closing = addGrosze(addGrosze(opening, lines), adjustments);
  const amountDue = closing > 0 && closing >= minimumPayout ? closing : 0;
  return { closingBalance: closing, amountDue, carriedForward: closing - amountDue };
}

/**
 * Computes the settlement of an open period: the lines it settles, each line's share under the rules valid on
 * its date, the adjustments, the opening balances and what is due. Every sum is exact and reconciles: commission =
 * shares + retained + lines with problems.
 */
export async function computeSettlement(
  tx: Tx,
  period: Pick<PeriodRow, 'id' | 'agencyId' | 'dateFrom' | 'dateTo'>,
  minimumPayout: Grosze,
): Promise<SettlementComputation> {
  const agencyId = period.agencyId;
  const lines = await loadUnsettledLines(tx, agencyId, period.dateTo);
  const rules = (await loadCurrentRules(tx, agencyId)).map(engineRule);
  const attributedLines = lines.filter((line) => line.attributedBy !== 'agency');
  const clawbackKeys = new Set<string>();
  for (const line of attributedLines) {
    if (line.commission < 0 || line.lineType === 'storno') {
      clawbackKeys.add(line.policyNumber.replace(/\s+/g, '').toUpperCase());
    }
  }
  const history = await loadClawbackHistory(tx, agencyId, [...clawbackKeys]);
  const alreadyPaidFixed = new Set<string>();
  const alreadyReversedFixed = new Set<string>();
  for (const row of await loadFixedLedger(tx, agencyId)) {
    const key = fixedPolicyKey(row.collaboratorId, row.insurerId, row.policyNumber);
    (row.share > 0 ? alreadyPaidFixed : alreadyReversedFixed).add(key);
  }
  // The lines as read are the engine's lines (a copy of a million lines would only cost memory).
  const engineLines: readonly CommissionLine[] = attributedLines;
  const computed = computeShares({
    lines: engineLines,
    history,
    rules,
    alreadyPaidFixed,
    alreadyReversedFixed,
  });
  const resultByLine = new Map<string, LineResult>();
  for (const result of computed.results) {
    resultByLine.set(result.lineId, result);
  }

  const adjustments = await listAdjustments(tx, agencyId, period.id);
  const openings = await loadOpeningBalances(tx, agencyId, period.dateFrom);
  const people = new Map((await listAgencyCollaborators(tx, agencyId)).map((person) => [person.id, person]));
  const names = await insurerNames(tx, agencyId);

  const adjustmentTotals = new Map<string, Grosze>();
  for (const adjustment of adjustments) {
    adjustmentTotals.set(
      adjustment.collaboratorId,
      addGrosze(adjustmentTotals.get(adjustment.collaboratorId) ?? 0, adjustment.amount),
    );
  }
  const involved = new Set<string>([...computed.byCollaborator.keys(), ...adjustmentTotals.keys()]);
  for (const [collaboratorId, balance] of openings) {
    if (balance !== 0) {
      involved.add(collaboratorId);
    }
  }
  const balances: CollaboratorBalance[] = [...involved]
    .map((collaboratorId) => {
      const person = people.get(collaboratorId);
      const totals = computed.byCollaborator.get(collaboratorId) ?? { share: 0, commission: 0, lineCount: 0 };
      const openingBalance = openings.get(collaboratorId) ?? 0;
      const adjustmentTotal = adjustmentTotals.get(collaboratorId) ?? 0;
      return {
        collaboratorId,
        fullName: person?.fullName ?? '',
        knfNumber: person?.knfNumber ?? '',
        lineCount: totals.lineCount,
        commission: totals.commission,
        share: totals.share,
        retained: totals.commission - totals.share,
        adjustments: adjustmentTotal,
        openingBalance,
        ...balanceOf(openingBalance, totals.share, adjustmentTotal, minimumPayout),
      };
    })
    .sort(
      (a, b) =>
        a.fullName.localeCompare(b.fullName, 'pl') || a.collaboratorId.localeCompare(b.collaboratorId),
    );

  const insurers = new Map<
    string,
    { lineCount: number; commission: Grosze; share: Grosze; retained: Grosze }
  >();
  let agencyOwn = 0;
  for (const line of lines) {
    const entry = insurers.get(line.insurerId) ?? { lineCount: 0, commission: 0, share: 0, retained: 0 };
    entry.lineCount += 1;
    entry.commission = addGrosze(entry.commission, line.commission);
    const result = resultByLine.get(line.id);
    if (line.attributedBy === 'agency') {
      agencyOwn = addGrosze(agencyOwn, line.commission);
      entry.retained = addGrosze(entry.retained, line.commission);
    } else if (result && !isLineProblem(result)) {
      entry.share = addGrosze(entry.share, result.share);
      entry.retained = addGrosze(entry.retained, result.retained);
    }
    insurers.set(line.insurerId, entry);
  }
  const problemTotals = new Map<string, { lineCount: number; commission: Grosze }>();
  const problemIds = new Set(computed.problems.map((problem) => problem.lineId));
  const commissionById = new Map<string, Grosze>();
  if (problemIds.size > 0) {
    for (const line of attributedLines) {
      if (problemIds.has(line.id)) {
        commissionById.set(line.id, line.commission);
      }
    }
  }
  for (const problem of computed.problems) {
    const entry = problemTotals.get(problem.problem) ?? { lineCount: 0, commission: 0 };
    entry.lineCount += 1;
    entry.commission = addGrosze(entry.commission, commissionById.get(problem.lineId) ?? 0);
    problemTotals.set(problem.problem, entry);
  }
  const adjustmentsTotal = balances.reduce((sum, balance) => addGrosze(sum, balance.adjustments), 0);
  const amountDue = balances.reduce((sum, balance) => addGrosze(sum, balance.amountDue), 0);
  return {
    lines,
    resultByLine,
    balances,
    insurerNames: names,
    adjustments,
    summary: {
      totals: {
        lineCount: lines.length,
        commission: addGrosze(computed.totals.commission, agencyOwn),
        share: computed.totals.share,
        retained: addGrosze(computed.totals.retained, agencyOwn),
        agencyOwn,
        problemCommission: computed.totals.problemCommission,
        adjustments: adjustmentsTotal,
        amountDue,
      },
      collaborators: balances,
      insurers: [...insurers]
        .map(([insurerId, entry]) => ({ insurerId, insurerName: names.get(insurerId) ?? '', ...entry }))
        .sort((a, b) => a.insurerName.localeCompare(b.insurerName, 'pl')),
      problems: [...problemTotals].map(([problem, entry]) => ({
        problem: problem as 'unattributed' | 'no_rule' | 'missing_basis',
        ...entry,
      })),
    },
  };
}

/** One line as the preview shows it: its source, and the rule, rate and share it got (or its problem). */
export function presentSettlementLine(
  line: UnsettledLine,
  result: LineResult | undefined,
  names: Map<string, string>,
): SettlementLine {
  const share = result && !isLineProblem(result) ? result : null;
  return {
    lineId: line.id,
    importId: line.importId,
    fileName: line.fileName,
    rowNumber: line.rowNumber,
    insurerId: line.insurerId,
    insurerName: names.get(line.insurerId) ?? '',
    policyNumber: line.policyNumber,
    policyholder: line.policyholder,
    product: line.product,
    risk: line.risk,
    lineDate: line.lineDate,
    lineType: line.lineType,
    commission: line.commission,
    collaboratorId: share?.collaboratorId ?? line.collaboratorId,
    basis: share?.basis ?? null,
    rate: share?.rate ?? null,
    base: share?.base ?? null,
    share: share?.share ?? (line.attributedBy === 'agency' ? 0 : null),
    ruleId: share?.ruleId ?? null,
    ruleVersion: share?.ruleVersion ?? null,
    appliedOn: share?.appliedOn ?? null,
    clawbackOf: share?.clawbackOf ?? null,
    note: share?.note ?? (line.attributedBy === 'agency' ? 'agency_own' : null),
    problem: result && isLineProblem(result) ? result.problem : null,
  };
}
