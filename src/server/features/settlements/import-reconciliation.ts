import { and, eq, sql } from 'drizzle-orm';
import type { ImportReconciliation } from '../../../shared/api/imports.js';
import type { Tx } from '../../db/database.js';
import { qualified } from '../../db/qualified.js';
import { collaborators } from '../../db/schema/agencies.js';
import { commissionLines } from '../../db/schema/imports.js';
import { statementLines, statements } from '../../db/schema/settlements.js';
import { addGrosze } from './engine/checked-sum.js';
import { computeShares } from './engine/compute.js';
import { fixedPolicyKey } from './engine/normalise.js';
import { isLineProblem } from './engine/types.js';
import { loadFixedLedger } from './periods.repository.js';
import { loadCurrentRules } from './rules.repository.js';
import { engineLine, engineRule, loadClawbackHistory } from './settlement-computation.js';

type Entry = { lineCount: number; commission: number; share: number; retained: number };

const empty = (): Entry => ({ lineCount: 0, commission: 0, share: 0, retained: 0 });

function add(entry: Entry, commission: number, share: number) {
  entry.lineCount += 1;
  entry.commission = addGrosze(entry.commission, commission);
  entry.share = addGrosze(entry.share, share);
  entry.retained = addGrosze(entry.retained, commission - share);
}

/**
 * How one import's commission splits, to the grosz: settled lines as their statements recorded them, the rest
 * as the current rules would split it today (provisional), the agency's own sales, and lines that cannot be split
 * yet. commission = shares + retained + unresolved, always.
 */
export async function reconcileImport(
  tx: Tx,
  agencyId: string,
  importId: string,
): Promise<ImportReconciliation> {
  const lines = await tx
    .select({
      line: commissionLines,
      recordedShare: statementLines.share,
      recordedCollaboratorId: statementLines.collaboratorId,
    })
    .from(commissionLines)
    .leftJoin(
      statementLines,
      and(
        eq(statementLines.commissionLineId, commissionLines.id),
        sql`exists (select 1 from ${statements} where ${qualified(statements, statements.id)} =
          ${qualified(statementLines, statementLines.statementId)} and ${qualified(statements, statements.isCurrent)})`,
      ),
    )
    .where(and(eq(commissionLines.agencyId, agencyId), eq(commissionLines.importId, importId)));
  const pending = lines.filter(({ line }) => line.settledPeriodId === null && line.attributedBy !== 'agency');
  const clawbackKeys = new Set(
    pending
      .filter(({ line }) => line.commission < 0 || line.lineType === 'storno')
      .map(({ line }) => line.policyKey),
  );
  const alreadyPaidFixed = new Set<string>();
  const alreadyReversedFixed = new Set<string>();
  for (const row of await loadFixedLedger(tx, agencyId)) {
    const key = fixedPolicyKey(row.collaboratorId, row.insurerId, row.policyNumber);
    (row.share > 0 ? alreadyPaidFixed : alreadyReversedFixed).add(key);
  }
  const computed = computeShares({
    lines: pending.map(({ line }) => engineLine(line)),
    history: await loadClawbackHistory(tx, agencyId, [...clawbackKeys]),
    rules: (await loadCurrentRules(tx, agencyId)).map(engineRule),
    alreadyPaidFixed,
    alreadyReversedFixed,
  });
  const provisional = new Map(computed.results.map((result) => [result.lineId, result]));
  const names = new Map(
    (
      await tx
        .select({ id: collaborators.id, fullName: collaborators.fullName })
        .from(collaborators)
        .where(eq(collaborators.agencyId, agencyId))
    ).map((row) => [row.id, row.fullName]),
  );

  const settled = empty();
  const provisionalTotals = empty();
  const agencyOwn = empty();
  const unresolved = empty();
  const byCollaborator = new Map<string, Entry>();
  let commission = 0;
  for (const { line, recordedShare, recordedCollaboratorId } of lines) {
    commission = addGrosze(commission, line.commission);
    if (line.attributedBy === 'agency') {
      add(agencyOwn, line.commission, 0);
      continue;
    }
    // Whose share it is as the engine decided: a storno with no agent code of its own is its original's
    // collaborator's.
    let share: number | null = null;
    let collaboratorId: string | null = null;
    let target = settled;
    if (line.settledPeriodId !== null) {
      share = recordedShare ?? 0;
      collaboratorId = recordedCollaboratorId ?? line.collaboratorId;
    } else {
      const result = provisional.get(line.id);
      target = provisionalTotals;
      if (result && !isLineProblem(result)) {
        share = result.share;
        collaboratorId = result.collaboratorId;
      }
    }
    if (share === null || collaboratorId === null) {
      unresolved.lineCount += 1;
      unresolved.commission = addGrosze(unresolved.commission, line.commission);
      continue;
    }
    add(target, line.commission, share);
    const entry = byCollaborator.get(collaboratorId) ?? empty();
    add(entry, line.commission, share);
    byCollaborator.set(collaboratorId, entry);
  }
  const shares = addGrosze(settled.share, provisionalTotals.share);
  const retained = addGrosze(addGrosze(settled.retained, provisionalTotals.retained), agencyOwn.commission);
  return {
    commission,
    shares,
    retained,
    unresolved: unresolved.commission,
    settled,
    provisional: provisionalTotals,
    agencyOwn: { lineCount: agencyOwn.lineCount, commission: agencyOwn.commission },
    unresolvedLines: unresolved.lineCount,
    collaborators: [...byCollaborator]
      .map(([collaboratorId, entry]) => ({
        collaboratorId,
        fullName: names.get(collaboratorId) ?? '',
        ...entry,
      }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'pl')),
  };
}
