// The audit trail is a keyed hash chain: each record stores the previous record's MAC, and its own
// MAC (HMAC-SHA-256 with the audit key, which is kept outside the database) covers every stored
// field. Changing, removing, inserting or reordering a record breaks the chain from there, and
// without the key nobody can recompute the later records to hide it.
import { createHash, createHmac } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The record appended when a database written before the audit key existed is first opened with a
 * key: it closes the unkeyed prefix, so that a chain can never end in unkeyed records.
 */
export const AUDIT_KEY_ENABLED_ACTION = 'audit.key.enable';

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

function canonical(r: AuditFields): string {
  return JSON.stringify([
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
}

/** The record's MAC under the audit key: what is stored in `hash` for every new record. */
export function auditMac(key: Buffer, r: AuditFields): string {
  return createHmac('sha256', key).update(canonical(r)).digest('hex');
}

/**
 * The unkeyed SHA-256 that records written before the audit key carry. Anyone can compute it, so
 * such records are accepted only as a prefix that a keyed record follows.
 */
export function legacyAuditHash(r: AuditFields): string {
  return createHash('sha256').update(canonical(r)).digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: string | null;
  reason: string;
  /**
   * record: the named record fails; unkeyed: no record carries a MAC (recomputed, or never keyed);
   * truncated: records after the last checkpoint are gone; checkpoint: the checkpoint file was changed.
   */
  kind: 'record' | 'unkeyed' | 'truncated' | 'checkpoint';
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Walks records in seq order, across batches: feed every record to `check`, then call `finish`.
 * Unkeyed records are accepted only before the first keyed one, and a chain must not end in them.
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private expectedSeq = 1;
  private keyed = false;
  private lastLegacy: { seq: number; id: string } | null = null;
  private readonly seen = new Map<number, string>();

  constructor(
    private readonly key: Buffer,
    /** Sequence numbers whose stored hash the caller wants back (the checkpoint's). */
    private readonly watch: ReadonlySet<number> = new Set(),
  ) {}

  check(r: AuditFields & { hash: string }): ChainBreak | null {
    const at = (reason: string): ChainBreak => ({ seq: r.seq, id: r.id, reason, kind: 'record' });
    if (r.seq !== this.expectedSeq)
      return at(`序号不连续：应为 ${this.expectedSeq}，实为 ${r.seq}（记录被删除或插入）`);
    if (r.prev_hash !== this.prevHash) return at('前序哈希不符（前一条记录被篡改或删除）');
    if (auditMac(this.key, r) === r.hash) {
      this.keyed = true;
    } else if (this.keyed) {
      return at('记录校验码不符（本条记录被篡改，或此后的记录被不带审计密钥地重新计算）');
    } else if (legacyAuditHash(r) === r.hash) {
      this.lastLegacy = { seq: r.seq, id: r.id };
    } else {
      return at('记录校验码不符（本条记录被篡改，或审计密钥不是写入时的密钥）');
    }
    if (this.watch.has(r.seq)) this.seen.set(r.seq, r.hash);
    this.prevHash = r.hash;
    this.expectedSeq += 1;
    return null;
  }

  /** The last record checked, or null for an empty chain. */
  get head(): ChainHead | null {
    return this.expectedSeq === 1 ? null : { seq: this.expectedSeq - 1, hash: this.prevHash };
  }

  hashAt(seq: number): string | undefined {
    return this.seen.get(seq);
  }

  /** A chain of only unkeyed records may have been recomputed from scratch by anyone. */
  finish(): ChainBreak | null {
    if (this.keyed || !this.lastLegacy) return null;
    return {
      seq: this.lastLegacy.seq,
      id: this.lastLegacy.id,
      reason:
        '审计日志中没有一条带审计密钥校验码的记录，整条链可能被不带密钥地重新计算' +
        '（若数据库来自旧版本，请先启动一次服务以启用审计密钥）',
      kind: 'unkeyed',
    };
  }
}

/** Checks a whole chain held in memory; returns the first broken record, or null when it is intact. */
export function verifyChain(
  key: Buffer,
  records: Iterable<AuditFields & { hash: string }>,
): ChainBreak | null {
  const verifier = new ChainVerifier(key);
  for (const r of records) {
    const broken = verifier.check(r);
    if (broken) return broken;
  }
  return verifier.finish();
}

/** Compares the chain's head with the newest checkpoint kept outside the database. */
export function checkAgainstCheckpoint(
  head: ChainHead | null,
  checkpoint: ChainHead,
  hashAtCheckpoint: string | undefined,
  lastId: string | null,
): ChainBreak | null {
  const last = head?.seq ?? 0;
  if (last < checkpoint.seq)
    return {
      seq: last,
      id: lastId,
      reason: `审计日志被截断：最后记录序号 ${last}，检查点记录到 ${checkpoint.seq}`,
      kind: 'truncated',
    };
  if (hashAtCheckpoint !== checkpoint.hash)
    return {
      seq: checkpoint.seq,
      id: null,
      reason: `第 ${checkpoint.seq} 条记录与检查点不符（此后的记录被删除后又写入了新记录，或记录被替换）`,
      kind: 'truncated',
    };
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
