// Appends to, verifies and reads the keyed hash chain of the audit trail. Records are only ever
// inserted: no code path updates or deletes them.

import {
  containsText,
  type Database,
  type Db,
  lockAuditChain,
  newId,
  nowIso,
  type Trx,
} from '../../db/index.ts';
import type { AuditTable } from '../../db/schema.ts';
import {
  type AuditFields,
  auditMac,
  type ChainBreak,
  ChainVerifier,
  checkAgainstCheckpoint,
  diffFields,
  GENESIS_HASH,
} from '../../domain/access/audit-chain.ts';
import { chinaDayBoundary } from '../../domain/deadlines/index.ts';
import { type Checkpoint, readCheckpoints } from './checkpoints.ts';
import { scheduleCheckpoint, sealOf } from './seal.ts';

export interface Actor {
  userId: string | null;
  username: string | null;
  unitId: string | null;
  unitName: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'system',
  unitId: null,
  unitName: null,
  ip: null,
  userAgent: 'fazhi-cli',
};

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
}

export async function appendAudit(
  trx: Trx,
  database: Database,
  actor: Actor,
  entry: AuditEntry,
): Promise<string> {
  const { key } = sealOf(database);
  await lockAuditChain(trx, database.dialect);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let changes: string | null = null;
  if (entry.before !== undefined || entry.after !== undefined) {
    changes = JSON.stringify(diffFields(entry.before ?? null, entry.after ?? null));
  } else if (entry.details) {
    changes = JSON.stringify(entry.details);
  }
  const fields: AuditFields = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: nowIso(),
    user_id: actor.userId,
    username: actor.username,
    unit_id: actor.unitId,
    unit_name: actor.unitName,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    changes,
    ip: actor.ip,
    user_agent: actor.userAgent ? actor.userAgent.slice(0, 300) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...fields, hash: auditMac(key, fields) })
    .execute();
  scheduleCheckpoint(database);
  return fields.id;
}

/** Writes one audit record in its own transaction (login events and the like). */
export async function auditNow(database: Database, actor: Actor, entry: AuditEntry): Promise<void> {
  await database.db.transaction().execute((trx) => appendAudit(trx, database, actor, entry));
}

export interface AuditVerification {
  checked: number;
  broken: ChainBreak | null;
  /** The checkpoint the chain's length was compared with, or null when there is none. */
  checkpoint: { seq: number; at: string } | null;
}

/** Walks the whole chain in batches with the key, then compares its head with the checkpoint. */
export async function verifyAuditRows(
  db: Db,
  key: Buffer,
  checkpoint: Checkpoint | null,
): Promise<AuditVerification> {
  const batch = 5000;
  const verifier = new ChainVerifier(key, new Set(checkpoint ? [checkpoint.seq] : []));
  const result = (checked: number, broken: ChainBreak | null): AuditVerification => ({
    checked,
    broken,
    checkpoint: checkpoint ? { seq: checkpoint.seq, at: checkpoint.at } : null,
  });
  let checked = 0;
  let lastId: string | null = null;
  for (;;) {
    const rows: AuditTable[] = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', verifier.head?.seq ?? 0)
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const broken = verifier.check(r);
      if (broken) return result(checked, broken);
      checked += 1;
      lastId = r.id;
    }
  }
  const unkeyed = verifier.finish();
  if (unkeyed) return result(checked, unkeyed);
  if (checkpoint) {
    const truncated = checkAgainstCheckpoint(
      verifier.head,
      checkpoint,
      verifier.hashAt(checkpoint.seq),
      lastId,
    );
    if (truncated) return result(checked, truncated);
  }
  return result(checked, null);
}

/** Verifies the database's chain against the newest checkpoint in its checkpoint file. */
export async function verifyAuditTrail(database: Database): Promise<AuditVerification> {
  const seal = sealOf(database);
  const state = readCheckpoints(seal.checkpointFile, seal.key);
  const verification = await verifyAuditRows(database.db, seal.key, state.latest);
  if (!verification.broken && state.problem) {
    const tail = await database.db
      .selectFrom('audit_log')
      .select(['seq', 'id'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    verification.broken = {
      seq: tail?.seq ?? 0,
      id: tail?.id ?? null,
      reason: state.problem,
      kind: 'checkpoint',
    };
  }
  return verification;
}

export interface AuditQuery {
  user?: string | undefined;
  unit?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_log');
  if (q.user) query = query.where((eb) => eb.or([eb('username', '=', q.user!), eb('user_id', '=', q.user!)]));
  if (q.unit)
    query = query.where((eb) => eb.or([eb('unit_id', '=', q.unit!), containsText('unit_name', q.unit!)]));
  if (q.action) query = query.where('action', '=', q.action);
  if (q.entityType) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('entity_id', '=', q.entityId);
  // Stored times are UTC ISO strings; a date means the whole day in Beijing time.
  const instant = (v: string, end: boolean) =>
    v.length === 10 ? chinaDayBoundary(v, end) : new Date(v).toISOString();
  if (q.from) query = query.where('at', '>=', instant(q.from, false));
  if (q.to) query = query.where('at', '<=', instant(q.to, true));
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      seq: r.seq,
      id: r.id,
      at: r.at,
      userId: r.user_id,
      username: r.username,
      unitId: r.unit_id,
      unitName: r.unit_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      changes: r.changes ? (JSON.parse(r.changes) as unknown) : null,
      ip: r.ip,
      userAgent: r.user_agent,
      hash: r.hash,
    })),
  };
}

export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
