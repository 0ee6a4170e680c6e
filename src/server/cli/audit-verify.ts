import { createAuditService } from '../features/audit/audit.service.js';
import type { Platform } from '../platform.js';

const reasons = {
  hash_mismatch: 'its content was altered (hash does not match)',
  prev_hash_mismatch: 'it does not link to the entry before it (an entry was altered or removed)',
  sequence_gap: 'the entry with this number is missing (removed)',
  head_mismatch: 'entries at the end of the chain were removed',
};

/** Exit 0 when every chain verifies, 1 when any is broken (with the first broken entry named). */
export async function runAuditVerify(platform: Platform): Promise<number> {
  const audit = createAuditService({ clock: platform.clock, db: platform.db });
  const reports = await audit.verifyAll();
  let broken = 0;
  for (const report of reports) {
    const label = report.chainId === 'system' ? 'system chain' : `agency ${report.chainId}`;
    if (report.failure) {
      broken++;
      const where = report.failure.id === null ? '' : ` (row id ${report.failure.id})`;
      console.log(
        `BROKEN  ${label}: entry #${report.failure.seq}${where}: ${reasons[report.failure.reason]}`,
      );
    } else {
      console.log(`OK      ${label}: ${report.count} entries`);
    }
  }
  console.log(
    broken === 0
      ? `All ${reports.length} audit chains verify.`
      : `${broken} of ${reports.length} audit chains are broken.`,
  );
  return broken === 0 ? 0 : 1;
}
