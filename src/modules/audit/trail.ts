// Opening a database's audit trail: the key, the checkpoint file, and on a database written before
// the key existed the record that closes its unkeyed prefix.
import type { Database } from '../../db/index.ts';
import { AUDIT_KEY_ENABLED_ACTION, auditMac, legacyAuditHash } from '../../domain/access/audit-chain.ts';
import { checkpointFile, readCheckpoints } from './checkpoints.ts';
import { type AuditKeySource, loadAuditKey } from './key.ts';
import { attachSeal, flushCheckpoints } from './seal.ts';
import { auditNow, SYSTEM_ACTOR } from './service.ts';

export interface AuditTrailOptions {
  /** Writing processes (server, commands that change data) create the demo key file and checkpoint. */
  writes: boolean;
  log?: (message: string) => void;
}

export async function openAuditTrail(
  database: Database,
  config: AuditKeySource & { production: boolean },
  opts: AuditTrailOptions,
): Promise<void> {
  const log = opts.log ?? (() => {});
  const key = loadAuditKey(config, { create: opts.writes && !config.production });
  const file = checkpointFile(config.dataDir);
  const state = readCheckpoints(file, key);
  if (state.problem) log(`警告：${state.problem}`);
  attachSeal(database, { key, checkpointFile: file, writes: opts.writes, last: state.latest });
  if (!opts.writes) return;

  const head = await database.db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (head && auditMac(key, head) !== head.hash) {
    // Unkeyed records are accepted once, from a database written before the key existed — never
    // where this data directory has checkpointed a keyed chain: there they mean a chain recomputed
    // by someone without the key, which must stay reported rather than be sealed over.
    if (legacyAuditHash(head) === head.hash && !state.latest) {
      await auditNow(database, SYSTEM_ACTOR, {
        action: AUDIT_KEY_ENABLED_ACTION,
        details: { unkeyedUntil: head.seq },
      });
      log(`已启用审计密钥：第 1–${head.seq} 条为此前写入的记录，此后的记录带审计密钥校验码`);
    } else {
      log('警告：审计日志最后一条记录与当前审计密钥不符，请运行 fazhi audit:verify 检查');
    }
  }
  // The first checkpoint of this process: the head as found, if it extends the last one.
  await flushCheckpoints(database);
  const close = database.close.bind(database);
  database.close = async () => {
    await flushCheckpoints(database).catch((e: unknown) => {
      console.warn(`写入审计检查点失败：${(e as Error).message}`);
    });
    await close();
  };
}
