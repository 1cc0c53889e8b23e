// The audit key and checkpoint file that belong to one open database, and the checkpointer that
// records the chain's head after appends. Kept beside the database handle rather than in it, since
// src/db knows nothing of audit keys.
import { type Database, lockAuditChain } from '../../db/index.ts';
import type { ChainHead } from '../../domain/access/audit-chain.ts';
import { appendCheckpoint } from './checkpoints.ts';

export interface AuditSeal {
  key: Buffer;
  checkpointFile: string;
  /** False when the database is only read (verification): then no checkpoints are written. */
  writes: boolean;
  /** The newest checkpoint this process knows of (its own, or read from the file at start). */
  last: ChainHead | null;
  pending: Promise<void> | null;
  again: boolean;
}

const seals = new WeakMap<Database, AuditSeal>();

export function attachSeal(database: Database, seal: Omit<AuditSeal, 'pending' | 'again'>): AuditSeal {
  const full: AuditSeal = { ...seal, pending: null, again: false };
  seals.set(database, full);
  return full;
}

export function sealOf(database: Database): AuditSeal {
  const seal = seals.get(database);
  // A programming error, not a user's: every way of opening the database for writing attaches one.
  if (!seal) throw new Error('审计日志未配置审计密钥：请通过 prepareDatabase 或 openAuditTrail 打开数据库');
  return seal;
}

async function chainHead(database: Database): Promise<ChainHead | undefined> {
  // Taking the append lock waits for an append still in flight on PostgreSQL, so the head read is
  // a committed one; on SQLite the transaction waits for the single connection likewise.
  return database.db.transaction().execute(async (trx) => {
    await lockAuditChain(trx, database.dialect);
    return trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  });
}

/** Writes a checkpoint of the current head when it extends the last one. */
async function checkpointOnce(database: Database, seal: AuditSeal): Promise<void> {
  if (!seal.writes) return;
  const head = await chainHead(database);
  if (!head) return;
  const last = seal.last;
  if (last) {
    // A head at or below the last checkpoint, or one that no longer contains it, is evidence of
    // tampering that verification reports; a new checkpoint must not paper over it.
    if (head.seq <= last.seq) return;
    const atLast = await database.db
      .selectFrom('audit_log')
      .select('hash')
      .where('seq', '=', last.seq)
      .executeTakeFirst();
    if (atLast?.hash !== last.hash) return;
  }
  appendCheckpoint(seal.checkpointFile, seal.key, 'cp', head);
  seal.last = { seq: head.seq, hash: head.hash };
}

/**
 * Called after each append: checkpoints the head once the append's transaction has ended. Appends
 * in quick succession share one checkpoint.
 */
export function scheduleCheckpoint(database: Database): void {
  const seal = seals.get(database);
  if (!seal?.writes) return;
  if (seal.pending) {
    seal.again = true;
    return;
  }
  seal.pending = (async () => {
    await new Promise((resolve) => setImmediate(resolve));
    do {
      seal.again = false;
      await checkpointOnce(database, seal);
    } while (seal.again);
  })()
    .catch((e: unknown) => {
      console.warn(`写入审计检查点失败：${(e as Error).message}`);
    })
    .finally(() => {
      seal.pending = null;
    });
}

/** Waits for scheduled checkpoints and writes one for the current head (before closing, in tests). */
export async function flushCheckpoints(database: Database): Promise<void> {
  const seal = sealOf(database);
  while (seal.pending) await seal.pending;
  await checkpointOnce(database, seal);
}
