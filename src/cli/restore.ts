// Restoring a backup. `fazhi restore FILE --yes` (SQLite) checks the backup's audit chain with the
// audit key and replaces the database with a prepared copy; `fazhi restore:finish --yes` does the
// same preparation in place after a PostgreSQL database was restored with psql/pg_restore. Either
// way every session ends, the restore is the newest audit record, and the checkpoint file gets an
// explicit reset to that record, since a backup is naturally shorter than the chain the
// checkpoints describe.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type Database, openDatabase } from '../db/index.ts';
import { AUDIT_KEY_ENABLED_ACTION, type ChainHead } from '../domain/access/audit-chain.ts';
import {
  appendCheckpoint,
  type Checkpoint,
  checkpointFile,
  readCheckpoints,
} from '../modules/audit/checkpoints.ts';
import { loadAuditKey } from '../modules/audit/key.ts';
import { attachSeal } from '../modules/audit/seal.ts';
import { appendAudit, SYSTEM_ACTOR, verifyAuditRows } from '../modules/audit/service.ts';
import type { Config } from '../server/config.ts';

export class RestoreRefused extends Error {}

export interface RestoreOutcome {
  backupHead: number;
  backupHeadAt: string | null;
  checkpointBefore: number | null;
  resetTo: number;
  sessionsEnded: number;
}

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function auditKeyFor(config: Config): Buffer {
  try {
    return loadAuditKey(config, { create: false });
  } catch (e) {
    throw new RestoreRefused(`${(e as Error).message}；恢复须使用写入备份时的审计密钥`);
  }
}

/**
 * Refuses a chain that fails with the key. A chain of only unkeyed records is what a backup made
 * before the audit key looks like, and also what a chain recomputed without the key looks like:
 * it is accepted only on the operator's explicit word, and the restore then records that.
 */
async function checkChain(
  database: Database,
  key: Buffer,
  acceptUnkeyed: boolean,
): Promise<{ unkeyed: boolean }> {
  let verification: Awaited<ReturnType<typeof verifyAuditRows>>;
  try {
    verification = await verifyAuditRows(database.db, key, null);
  } catch (e) {
    throw new RestoreRefused(`不是有效的平台数据库备份：${(e as Error).message}`);
  }
  const { broken } = verification;
  if (broken?.kind === 'unkeyed' && acceptUnkeyed) return { unkeyed: true };
  if (broken?.kind === 'unkeyed')
    throw new RestoreRefused(
      '备份中的审计日志没有一条带审计密钥校验码的记录：可能是启用审计密钥之前的备份，也可能被不带密钥地重新计算过，拒绝恢复。' +
        '确认是旧版本的备份后，可加 --accept-unkeyed 恢复（恢复记录中会注明）',
    );
  if (broken)
    throw new RestoreRefused(`备份中的审计日志已损坏（第 ${broken.seq} 条：${broken.reason}），拒绝恢复`);
  return { unkeyed: false };
}

/** In the restored database: ends every session and records the restore as the newest audit record. */
async function recordRestore(
  database: Database,
  key: Buffer,
  checkpoints: string,
  source: string,
  before: Checkpoint | null,
  unkeyed: boolean,
): Promise<Omit<RestoreOutcome, 'checkpointBefore'> & { head: ChainHead }> {
  attachSeal(database, { key, checkpointFile: checkpoints, writes: false, last: null });
  return database.db.transaction().execute(async (trx) => {
    const tail = await trx
      .selectFrom('audit_log')
      .select(['seq', 'at'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    // Sessions of the backup's time, like those of the database being replaced, must not survive:
    // whoever held them signed in to a state that no longer exists.
    const ended = await trx.deleteFrom('sessions').executeTakeFirst();
    const sessionsEnded = Number(ended.numDeletedRows);
    if (unkeyed)
      await appendAudit(trx, database, SYSTEM_ACTOR, {
        action: AUDIT_KEY_ENABLED_ACTION,
        details: { unkeyedUntil: tail?.seq ?? 0, acceptedBy: 'restore --accept-unkeyed' },
      });
    await appendAudit(trx, database, SYSTEM_ACTOR, {
      action: 'system.restore',
      details: {
        source,
        backupHead: tail?.seq ?? 0,
        checkpointBefore: before?.seq ?? null,
        sessionsEnded,
        acceptedUnkeyed: unkeyed,
      },
    });
    const head = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return {
      backupHead: tail?.seq ?? 0,
      backupHeadAt: tail?.at ?? null,
      resetTo: head.seq,
      head,
      sessionsEnded,
    };
  });
}

export interface RestoreOptions {
  confirmed: boolean;
  acceptUnkeyed: boolean;
}

export async function restoreSqlite(
  config: Config,
  file: string,
  opts: RestoreOptions,
): Promise<RestoreOutcome> {
  if (!existsSync(file)) throw new RestoreRefused(`找不到备份文件 ${file}`);
  const key = auditKeyFor(config);
  // Work on a copy beside the target: the backup file stays as it was, and the database is replaced
  // in one rename only once the copy is checked and prepared.
  mkdirSync(dirname(config.sqliteFile), { recursive: true });
  const work = `${config.sqliteFile}.restoring`;
  removeSqlite(work);
  copyFileSync(file, work);
  try {
    let probe: Database;
    try {
      probe = openDatabase({ sqliteFile: work });
    } catch (e) {
      throw new RestoreRefused(`不是有效的平台数据库备份：${(e as Error).message}`);
    }
    const checkpoints = checkpointFile(config.dataDir);
    const before = readCheckpoints(checkpoints, key).latest;
    let outcome: Awaited<ReturnType<typeof recordRestore>>;
    try {
      const { unkeyed } = await checkChain(probe, key, opts.acceptUnkeyed);
      if (!opts.confirmed) throw new RestoreRefused('恢复将覆盖当前数据库，请确认服务已停止并加上 --yes');
      outcome = await recordRestore(probe, key, checkpoints, basename(file), before, unkeyed);
    } finally {
      await probe.close();
    }
    removeSqlite(config.sqliteFile);
    renameSync(work, config.sqliteFile);
    appendCheckpoint(checkpoints, key, 'reset', outcome.head);
    const { head: _head, ...rest } = outcome;
    return { ...rest, checkpointBefore: before?.seq ?? null };
  } finally {
    removeSqlite(work);
  }
}

/** After psql/pg_restore: the same checks and preparation, in the restored PostgreSQL database. */
export async function finishPgRestore(config: Config, opts: RestoreOptions): Promise<RestoreOutcome> {
  if (!config.databaseUrl)
    throw new RestoreRefused('restore:finish 用于 PostgreSQL；SQLite 请使用 fazhi restore FILE --yes');
  const key = auditKeyFor(config);
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    const { unkeyed } = await checkChain(database, key, opts.acceptUnkeyed);
    if (!opts.confirmed)
      throw new RestoreRefused('将结束全部会话并重置审计检查点，请确认服务已停止并加上 --yes');
    const checkpoints = checkpointFile(config.dataDir);
    const before = readCheckpoints(checkpoints, key).latest;
    const { head, ...rest } = await recordRestore(database, key, checkpoints, 'PostgreSQL', before, unkeyed);
    appendCheckpoint(checkpoints, key, 'reset', head);
    return { ...rest, checkpointBefore: before?.seq ?? null };
  } finally {
    await database.close();
  }
}
