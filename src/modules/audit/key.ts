// Where the audit MAC key comes from: FAZHI_AUDIT_KEY (required in production), else — for demo and
// test installations — a key file in the data directory, created once and reused, so that records
// written before a restart still verify after it.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const AUDIT_KEY_FILE = 'audit.key';

export interface AuditKeySource {
  auditKey: string | undefined;
  dataDir: string;
}

/** The key, creating the key file when `create` is set and there is none yet. */
export function loadAuditKey(config: AuditKeySource, opts: { create: boolean }): Buffer {
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
  const file = join(config.dataDir, AUDIT_KEY_FILE);
  const read = (): Buffer | null => {
    try {
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  };
  const existing = read();
  if (existing) {
    if (existing.length < 32) throw new Error(`审计密钥文件 ${file} 内容无效（应为 64 位十六进制）`);
    return existing;
  }
  if (!opts.create)
    throw new Error(
      `找不到审计密钥：请设置 FAZHI_AUDIT_KEY，或确认 DATA_DIR 下有 ${AUDIT_KEY_FILE}（${file}）`,
    );
  try {
    // 'wx': when two processes start at once, one creates the file and the other reads it.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const created = read();
  if (!created) throw new Error(`无法创建审计密钥文件 ${file}`);
  return created;
}
