// Server-side sessions: the cookie holds a random token; the database holds only its hash, so a
// leaked database cannot be replayed as cookies. Idle and absolute timeouts come from the policy.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import type { SecurityPolicy } from '../security/policy.ts';

export const SESSION_COOKIE = 'fazhi_sid';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  userId: string,
  stage: 'totp' | 'active',
  policy: SecurityPolicy,
  ip: string,
  userAgent: string,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      stage,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + policy.absoluteHours * 3600_000).toISOString(),
      ip,
      user_agent: userAgent.slice(0, 300),
    })
    .execute();
  return { token, csrfToken };
}

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  stage: 'totp' | 'active';
}

export async function findSession(db: Db, token: string, policy: SecurityPolicy): Promise<SessionRow | null> {
  const id = hashToken(token);
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  const idleLimit = now - policy.idleMinutes * 60_000;
  if (Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) <= idleLimit) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // Touch at most once a minute so that reads do not turn into a write each.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', id).execute();
  }
  return { id, userId: row.user_id, csrfToken: row.csrf_token, stage: row.stage };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteUserSessions(db: Db, userId: string, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}
