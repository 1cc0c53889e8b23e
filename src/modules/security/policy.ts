// The security policy the 安全管理员 maintains, stored in `settings` with safe defaults.
import { z } from 'zod';
import type { Database, Db } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { AppError, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';

export const policySchema = z.object({
  minLength: z.number().int().min(8).max(64),
  minClasses: z.number().int().min(3).max(4),
  maxFailures: z.number().int().min(3).max(10),
  lockMinutes: z.number().int().min(5).max(1440),
  idleMinutes: z.number().int().min(5).max(120),
  absoluteHours: z.number().int().min(1).max(24),
  requireTotpForAdmins: z.boolean(),
});
export type SecurityPolicy = z.infer<typeof policySchema>;

export function defaultPolicy(production: boolean): SecurityPolicy {
  return {
    minLength: 8,
    minClasses: 3,
    maxFailures: 5,
    lockMinutes: 15,
    idleMinutes: 30,
    absoluteHours: 12,
    requireTotpForAdmins: production,
  };
}

const KEY = 'security.policy';

/** Settings production mode fixes, whatever is stored: the three administrator roles always use TOTP. */
export function fixedSettings(production: boolean): Array<keyof SecurityPolicy> {
  return production ? ['requireTotpForAdmins'] : [];
}

export const TOTP_FIXED_MESSAGE = '生产模式下管理员必须启用双因素认证，不能关闭';

export async function getPolicy(db: Db, production: boolean): Promise<SecurityPolicy & { version: number }> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', KEY)
    .executeTakeFirst();
  const base = defaultPolicy(production);
  if (!row) return { ...base, version: 0 };
  const parsed = policySchema.partial().safeParse(JSON.parse(row.value));
  const stored = { ...base, ...(parsed.success ? parsed.data : {}), version: row.version };
  // A value stored before the switch to production (or written into the table) cannot weaken it.
  return production ? { ...stored, requireTotpForAdmins: true } : stored;
}

export async function updatePolicy(
  database: Database,
  production: boolean,
  actor: Actor,
  next: SecurityPolicy,
  version: number,
): Promise<SecurityPolicy & { version: number }> {
  if (production && !next.requireTotpForAdmins)
    throw new AppError(403, 'POLICY_FIXED', TOTP_FIXED_MESSAGE, 'requireTotpForAdmins');
  return database.db.transaction().execute(async (trx) => {
    const current = await getPolicy(trx, production);
    if (current.version !== version) throw staleVersion();
    const now = nowIso();
    if (current.version === 0) {
      await trx
        .insertInto('settings')
        .values({ key: KEY, value: JSON.stringify(next), version: 1, updated_at: now })
        .execute();
    } else {
      await trx
        .updateTable('settings')
        .set({ value: JSON.stringify(next), version: version + 1, updated_at: now })
        .where('key', '=', KEY)
        .where('version', '=', version)
        .execute();
    }
    const { version: _v, ...before } = current;
    await appendAudit(trx, database, actor, {
      action: 'security.policy.update',
      entityType: 'settings',
      entityId: KEY,
      before,
      after: next,
    });
    return { ...next, version: version + 1 };
  });
}
