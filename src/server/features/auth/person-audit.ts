import type { Tx } from '../../db/database.js';
import type { AuditRecord, AuditService } from '../audit/audit.service.js';
import { listUserMemberships } from './sessions.repository.js';

/**
 * A person's own security events (logins, second factors, password) matter to every agency they
 * work for, so each agency's chain records them.
 */
export async function recordForPerson(
  tx: Tx,
  audit: Pick<AuditService, 'record'>,
  userId: string,
  record: Omit<AuditRecord, 'agencyId'>,
): Promise<void> {
  for (const membership of await listUserMemberships(tx, userId)) {
    await audit.record(tx, { ...record, agencyId: membership.agencyId });
  }
}
