import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  createChainVerifier,
  genesisHash,
  hashEntry,
  type AuditEntry,
  type StoredAuditEntry,
} from './audit-chain.js';

function entry(seq: number, details: Record<string, unknown> = {}): AuditEntry {
  return {
    chainId: 'agency-1',
    agencyId: '3f0e7a4c-0000-4000-8000-000000000001',
    seq,
    at: new Date(Date.UTC(2026, 10, 30, 9, 0, seq)),
    actorUserId: null,
    actorName: 'Anna Właścicielka',
    event: 'auth.login_succeeded',
    targetType: 'user',
    targetId: 'u1',
    ip: '203.0.113.7',
    details,
  };
}

function chain(length: number): StoredAuditEntry[] {
  const rows: StoredAuditEntry[] = [];
  let prev: Buffer = genesisHash;
  for (let seq = 1; seq <= length; seq++) {
    const e = entry(seq, { n: seq });
    const hash = hashEntry(prev, e);
    rows.push({ ...e, id: seq * 10, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: StoredAuditEntry[], head: { lastSeq: number; lastHash: Buffer } | null) {
  const verifier = createChainVerifier();
  for (const row of rows) {
    verifier.add(row);
  }
  return verifier.finish(head);
}

const headOf = (rows: StoredAuditEntry[]) => ({
  lastSeq: rows.at(-1)?.seq ?? 0,
  lastHash: rows.at(-1)?.hash ?? genesisHash,
});

describe('audit chain', () => {
  it('serialises with sorted keys, so a jsonb round trip hashes the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'ł' } })).toBe(
      '{"a":{"c":"ł","d":[2,{"y":null,"z":1}]},"b":1}',
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reordered = Object.fromEntries(Object.entries(value).reverse());
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
      }),
    );
  });

  it('hashes the audit fields only, not the database id or stored hashes', () => {
    const e = entry(1);
    expect(hashEntry(genesisHash, { ...e, id: 99, hash: Buffer.alloc(32, 1) } as AuditEntry)).toEqual(
      hashEntry(genesisHash, e),
    );
    expect(hashEntry(genesisHash, { ...e, actorName: 'Ktoś' })).not.toEqual(hashEntry(genesisHash, e));
  });

  it('accepts an intact chain', () => {
    const rows = chain(5);
    expect(verify(rows, headOf(rows))).toEqual({ count: 5, failure: null });
  });

  it('names an altered entry', () => {
    const rows = chain(5);
    const altered = rows.map((row) => (row.seq === 3 ? { ...row, details: { n: 300 } } : row));
    expect(verify(altered, headOf(rows)).failure).toEqual({ id: 30, seq: 3, reason: 'hash_mismatch' });
  });

  it('names a removed entry, including the first', () => {
    const rows = chain(5);
    expect(
      verify(
        rows.filter((row) => row.seq !== 4),
        headOf(rows),
      ).failure,
    ).toEqual({ id: 50, seq: 4, reason: 'sequence_gap' });
    expect(verify(rows.slice(1), headOf(rows)).failure).toEqual({ id: 20, seq: 1, reason: 'sequence_gap' });
  });

  it('notices a removed tail through the recorded head', () => {
    const rows = chain(5);
    expect(verify(rows.slice(0, 4), headOf(rows)).failure).toEqual({
      id: null,
      seq: 5,
      reason: 'head_mismatch',
    });
  });

  it('notices a rebuilt entry that no longer links to its predecessor', () => {
    const rows = chain(3);
    const forged = entry(2, { n: 'forged' });
    const rebuilt = rows.map((row) =>
      row.seq === 2
        ? { ...forged, id: 20, prevHash: Buffer.alloc(32, 7), hash: hashEntry(Buffer.alloc(32, 7), forged) }
        : row,
    );
    expect(verify(rebuilt, headOf(rows)).failure).toEqual({ id: 20, seq: 2, reason: 'prev_hash_mismatch' });
  });
});
