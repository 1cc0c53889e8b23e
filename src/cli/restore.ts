// `fazhi restore FILE --yes` (SQLite): checks the backup's audit chain with the audit key, then
// replaces the database with a copy in which every session has ended and the restore itself is the
// newest audit record; the checkpoint file gets an explicit reset to that record, since the backup
// is naturally shorter than the chain the checkpoints describe.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type Database, openDatabase } from '../db/index.ts';
import { appendCheckpoint, checkpointFile, readCheckpoints } from '../modules/audit/checkpoints.ts';
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

export async function restoreSqlite(
  config: Config,
  file: string,
  confirmed: boolean,
): Promise<RestoreOutcome> {
  if (!existsSync(file)) throw new RestoreRefused(`找不到备份文件 ${file}`);
  let key: Buffer;
  try {
    key = loadAuditKey(config, { create: false });
  } catch (e) {
    throw new RestoreRefused(`${(e as Error).message}；恢复须使用写入备份时的审计密钥`);
  }
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
    let outcome: Omit<RestoreOutcome, 'checkpointBefore'> & { hash: string };
    const checkpoints = checkpointFile(config.dataDir);
    const before = readCheckpoints(checkpoints, key).latest;
    try {
      let verification: Awaited<ReturnType<typeof verifyAuditRows>>;
      try {
        verification = await verifyAuditRows(probe.db, key, null);
      } catch (e) {
        throw new RestoreRefused(`不是有效的平台数据库备份：${(e as Error).message}`);
      }
      const { broken } = verification;
      if (broken)
        throw new RestoreRefused(`备份中的审计日志已损坏（第 ${broken.seq} 条：${broken.reason}），拒绝恢复`);
      if (!confirmed) throw new RestoreRefused('恢复将覆盖当前数据库，请确认服务已停止并加上 --yes');
      attachSeal(probe, { key, checkpointFile: checkpoints, writes: false, last: null });
      outcome = await probe.db.transaction().execute(async (trx) => {
        const tail = await trx
          .selectFrom('audit_log')
          .select(['seq', 'at'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        // Sessions of the backup's time, like those of the database being replaced, must not
        // survive: whoever held them signed in to a state that no longer exists.
        const ended = await trx.deleteFrom('sessions').executeTakeFirst();
        const sessionsEnded = Number(ended.numDeletedRows);
        await appendAudit(trx, probe, SYSTEM_ACTOR, {
          action: 'system.restore',
          details: {
            file: basename(file),
            backupHead: tail?.seq ?? 0,
            checkpointBefore: before?.seq ?? null,
            sessionsEnded,
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
          hash: head.hash,
          sessionsEnded,
        };
      });
    } finally {
      await probe.close();
    }
    removeSqlite(config.sqliteFile);
    renameSync(work, config.sqliteFile);
    appendCheckpoint(checkpoints, key, 'reset', { seq: outcome.resetTo, hash: outcome.hash });
    const { hash: _hash, ...rest } = outcome;
    return { ...rest, checkpointBefore: before?.seq ?? null };
  } finally {
    removeSqlite(work);
  }
}
