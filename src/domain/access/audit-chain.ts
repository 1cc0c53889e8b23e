// The audit trail is a hash chain: each record stores the previous record's hash, and its own hash
// covers every stored field. Changing, removing or reordering a record breaks the chain from there.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  unit_id: string | null;
  unit_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  changes: string | null;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
}

export function auditHash(r: AuditFields): string {
  const canonical = JSON.stringify([
    r.seq,
    r.id,
    r.at,
    r.user_id,
    r.username,
    r.unit_id,
    r.unit_name,
    r.action,
    r.entity_type,
    r.entity_id,
    r.changes,
    r.ip,
    r.user_agent,
    r.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: string;
  reason: string;
}

/** Checks records in seq order; returns the first broken one, or null when the chain is intact. */
export function verifyChain(
  records: Iterable<AuditFields & { hash: string }>,
  start?: { seq: number; hash: string },
): ChainBreak | null {
  let prevHash = start?.hash ?? GENESIS_HASH;
  let expectedSeq = (start?.seq ?? 0) + 1;
  for (const r of records) {
    if (r.seq !== expectedSeq)
      return {
        seq: r.seq,
        id: r.id,
        reason: `序号不连续：应为 ${expectedSeq}，实为 ${r.seq}（记录被删除或插入）`,
      };
    if (r.prev_hash !== prevHash)
      return { seq: r.seq, id: r.id, reason: '前序哈希不符（前一条记录被篡改或删除）' };
    if (auditHash(r) !== r.hash) return { seq: r.seq, id: r.id, reason: '记录哈希不符（本条记录被篡改）' };
    prevHash = r.hash;
    expectedSeq += 1;
  }
  return null;
}

/** Field-level difference between two snapshots, for the audit record. */
export function diffFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  hidden: string[] = ['password_hash', 'totp_secret'],
): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (k === 'updated_at' || k === 'version') continue;
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out[k] = hidden.includes(k)
      ? { before: b === null ? null : '***', after: a === null ? null : '***' }
      : { before: b, after: a };
  }
  return out;
}
