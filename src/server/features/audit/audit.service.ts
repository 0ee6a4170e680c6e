import type { AuditEventName } from '../../../shared/audit-events.js';
import type { Clock } from '../../clock.js';
import type { Database, TenantScope, Tx } from '../../db/database.js';
import { createChainVerifier, hashEntry, type ChainBreak } from './audit-chain.js';
import {
  appendEntry,
  listActors,
  listChainIdsOfEvents,
  listChains,
  listEntries,
  lockChainHead,
  readChainPage,
  type AuditFilters,
} from './audit.repository.js';

export const systemChainId = 'system';

export type AuditRecord = {
  /** The agency whose chain records the event; null for the system chain. */
  agencyId: string | null;
  actor: { userId: string; name: string } | null;
  event: AuditEventName;
  target?: { type: string; id: string } | undefined;
  ip?: string | null | undefined;
  /** Identifiers and reasons only: never secrets, codes, document contents or file bytes. */
  details?: Record<string, string | number | boolean | null> | undefined;
};

export type ChainReport = { chainId: string; count: number; failure: ChainBreak | null };

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(deps: { clock: Clock; db: Database }) {
  const { db } = deps;
  return {
    /** Appends to the agency's chain inside the caller's transaction: the event commits with the action. */
    async record(tx: Tx, record: AuditRecord): Promise<void> {
      const chainId = record.agencyId ?? systemChainId;
      const head = await lockChainHead(tx, chainId, record.agencyId);
      const entry = {
        chainId,
        agencyId: record.agencyId,
        seq: head.lastSeq + 1,
        at: deps.clock.now(),
        actorUserId: record.actor?.userId ?? null,
        actorName: record.actor?.name ?? null,
        event: record.event,
        targetType: record.target?.type ?? null,
        targetId: record.target?.id ?? null,
        ip: record.ip ?? null,
        details: record.details ?? {},
      };
      await appendEntry(tx, entry, head.lastHash, hashEntry(head.lastHash, entry));
    },

    async list(scope: TenantScope, filters: AuditFilters) {
      return db.tenant(scope, (tx) => listEntries(tx, scope.agencyId, filters));
    },

    /** The people who appear in the agency's trail, for the filter. */
    async listActors(scope: TenantScope) {
      return db.tenant(scope, (tx) => listActors(tx, scope.agencyId));
    },

    /** Recomputes every chain from its first entry; used by `sejf audit verify`. */
    async verifyAll(pageSize = 1000): Promise<ChainReport[]> {
      const { heads, chainIds } = await db.system(async (tx) => ({
        heads: await listChains(tx),
        chainIds: await listChainIdsOfEvents(tx),
      }));
      const allIds = [...new Set([...heads.map((h) => h.chainId), ...chainIds])].sort();
      const reports: ChainReport[] = [];
      for (const chainId of allIds) {
        const verifier = createChainVerifier();
        let afterSeq = 0;
        for (;;) {
          const page = await db.system((tx) => readChainPage(tx, chainId, afterSeq, pageSize));
          for (const row of page) {
            verifier.add(row);
          }
          const last = page.at(-1);
          if (!last || page.length < pageSize) {
            break;
          }
          afterSeq = last.seq;
        }
        const head = heads.find((h) => h.chainId === chainId) ?? null;
        const result = verifier.finish(head ?? { lastSeq: -1, lastHash: Buffer.alloc(0) });
        reports.push({ chainId, ...result });
      }
      return reports;
    },
  };
}
