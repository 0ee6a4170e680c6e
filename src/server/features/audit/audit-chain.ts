import { createHash } from 'node:crypto';

/** The fields of an audit event that the hash covers (everything but the database id and hashes). */
export type AuditEntry = {
  chainId: string;
  agencyId: string | null;
  seq: number;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  event: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

export type StoredAuditEntry = AuditEntry & { id: number; prevHash: Buffer; hash: Buffer };

export type ChainBreak = {
  id: number | null;
  seq: number;
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch';
};

export const genesisHash = Buffer.alloc(32);

/** JSON with sorted keys and no whitespace, so that a jsonb round trip hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Exactly the fields of AuditEntry, whatever else the object carries (a stored row has more). */
export function hashEntry(prevHash: Buffer, entry: AuditEntry): Buffer {
  const payload = canonicalJson({
    chainId: entry.chainId,
    agencyId: entry.agencyId,
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorUserId: entry.actorUserId,
    actorName: entry.actorName,
    event: entry.event,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: entry.ip,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update(payload, 'utf8').digest();
}

/**
 * Checks one chain, streamed in sequence order. It reports the first entry that does not follow:
 * an altered row (its hash no longer matches), a removed row (a gap in the sequence or a broken
 * link) or a removed tail (the recorded head is ahead of the last row).
 */
export function createChainVerifier() {
  let expectedSeq = 1;
  let prevHash: Buffer = genesisHash;
  let failure: ChainBreak | null = null;
  let count = 0;
  return {
    add(row: StoredAuditEntry): ChainBreak | null {
      if (failure) {
        return failure;
      }
      count++;
      if (row.seq !== expectedSeq) {
        failure = { id: row.id, seq: expectedSeq, reason: 'sequence_gap' };
      } else if (!row.prevHash.equals(prevHash)) {
        failure = { id: row.id, seq: row.seq, reason: 'prev_hash_mismatch' };
      } else if (!hashEntry(row.prevHash, row).equals(row.hash)) {
        failure = { id: row.id, seq: row.seq, reason: 'hash_mismatch' };
      }
      expectedSeq = row.seq + 1;
      prevHash = row.hash;
      return failure;
    },
    finish(head: { lastSeq: number; lastHash: Buffer } | null): {
      count: number;
      failure: ChainBreak | null;
    } {
      if (!failure && head && (head.lastSeq !== expectedSeq - 1 || !head.lastHash.equals(prevHash))) {
        failure = { id: null, seq: expectedSeq, reason: 'head_mismatch' };
      }
      return { count, failure };
    },
  };
}
