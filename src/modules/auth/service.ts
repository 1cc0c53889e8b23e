// Login, logout, password change and the optional TOTP second factor.
import { Secret, TOTP } from 'otpauth';
import { type Database, nowIso } from '../../db/index.ts';
import { passwordProblem } from '../../domain/access/password-policy.ts';
import { AppError, badRequest, unauthorized } from '../../server/errors.ts';
import { type Actor, appendAudit, auditNow } from '../audit/service.ts';
import { getPolicy, type SecurityPolicy } from '../security/policy.ts';
import { clearAttempts, countAttempt, lockName } from './attempts.ts';
import type { AuthContext } from './context.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { createSession, deleteSession, deleteUserSessions } from './sessions.ts';

export const LOGIN_FAILED = '用户名或密码错误';

function lockedMessage(policy: SecurityPolicy) {
  return `登录失败次数过多，账户已被锁定，请 ${policy.lockMinutes} 分钟后再试`;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  mustChangePassword: boolean;
  totpRequired: boolean;
}

export async function login(
  database: Database,
  production: boolean,
  input: { username: string; password: string },
  client: { ip: string; userAgent: string },
): Promise<LoginResult> {
  const { db } = database;
  const policy = await getPolicy(db, production);
  const key = input.username.trim().toLowerCase();
  const actor: Actor = {
    userId: null,
    username: input.username.slice(0, 64),
    unitId: null,
    unitName: null,
    ip: client.ip,
    userAgent: client.userAgent,
  };
  const refuseLocked = async (): Promise<never> => {
    await auditNow(database, actor, { action: 'auth.login.locked' });
    throw new AppError(401, 'ACCOUNT_LOCKED', lockedMessage(policy));
  };
  const attempt = await countAttempt(db, key, policy);
  if (attempt.refused) return refuseLocked();
  const user = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id',
      'users.username',
      'users.password_hash',
      'users.disabled',
      'users.must_change_password',
      'users.totp_enabled',
      'users.unit_id',
      'units.name as unit_name',
      'units.disabled as unit_disabled',
    ])
    .where('users.username', '=', key)
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  if (!user || !ok || user.disabled === 1 || user.unit_disabled === 1) {
    const failures = attempt.number;
    const lock = failures >= policy.maxFailures;
    await db.transaction().execute(async (trx) => {
      if (lock) await lockName(trx, key, policy);
      await appendAudit(
        trx,
        database,
        {
          ...actor,
          userId: user?.id ?? null,
          unitId: user?.unit_id ?? null,
          unitName: user?.unit_name ?? null,
        },
        {
          action: lock ? 'auth.login.lock' : 'auth.login.failed',
          details: { failures },
        },
      );
    });
    throw new AppError(
      401,
      lock ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED',
      lock
        ? lockedMessage(policy)
        : `${LOGIN_FAILED}，连续失败 ${policy.maxFailures} 次将锁定 ${policy.lockMinutes} 分钟`,
    );
  }
  // The lock may have been set by a guess that failed while this one was being checked.
  if (!(await clearAttempts(db, key))) return refuseLocked();
  const stage = user.totp_enabled === 1 ? 'totp' : 'active';
  const { token, csrfToken } = await createSession(db, user.id, stage, policy, client.ip, client.userAgent);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ last_login_at: nowIso() }).where('id', '=', user.id).execute();
    await appendAudit(
      trx,
      database,
      { ...actor, userId: user.id, username: user.username, unitId: user.unit_id, unitName: user.unit_name },
      {
        action: 'auth.login',
        details: { stage },
      },
    );
  });
  return {
    token,
    csrfToken,
    mustChangePassword: user.must_change_password === 1,
    totpRequired: stage === 'totp',
  };
}

export async function logout(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  everywhere: boolean,
): Promise<number> {
  let count = 1;
  if (everywhere) count = await deleteUserSessions(database.db, auth.user.id);
  else await deleteSession(database.db, auth.sessionId);
  await auditNow(database, actor, {
    action: everywhere ? 'auth.logout.all' : 'auth.logout',
    entityType: 'user',
    entityId: auth.user.id,
    details: { sessions: count },
  });
  return count;
}

export async function changePassword(
  database: Database,
  production: boolean,
  auth: AuthContext,
  actor: Actor,
  input: { oldPassword: string; newPassword: string },
): Promise<void> {
  const { db } = database;
  const policy = await getPolicy(db, production);
  const row = await db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', auth.user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.oldPassword, row.password_hash)))
    throw badRequest('原密码不正确', 'oldPassword');
  if (input.oldPassword === input.newPassword) throw badRequest('新密码不能与原密码相同', 'newPassword');
  const problem = passwordProblem(input.newPassword, policy, auth.user.username);
  if (problem) throw badRequest(problem, 'newPassword');
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: hash,
        must_change_password: 0,
        password_changed_at: nowIso(),
        updated_at: nowIso(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', auth.user.id)
      .execute();
    // Other sessions of this user end: a changed password should lock out whoever had the old one.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', auth.user.id)
      .where('id', '!=', auth.sessionId)
      .execute();
    await appendAudit(trx, database, actor, {
      action: 'auth.password.change',
      entityType: 'user',
      entityId: auth.user.id,
      before: { password_hash: 'x', must_change_password: auth.user.mustChangePassword ? 1 : 0 },
      after: { password_hash: 'y', must_change_password: 0 },
    });
  });
}

function totpFor(secret: string, username: string) {
  return new TOTP({
    issuer: 'Fazhi 法治政府',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export function totpCodeMatches(secret: string, username: string, code: string): boolean {
  return totpStep(secret, username, code) !== null;
}

/** The 30-second time step a valid code belongs to (one step of clock drift allowed), or null. */
export function totpStep(secret: string, username: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret, username).validate({ token: code.trim(), window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

const MAX_TOTP_FAILURES = 5;

/**
 * Accepts a code once: the step is recorded only if it is later than the last accepted one, in one
 * conditional update, so a replayed or concurrent second use of the same code fails.
 */
async function consumeTotp(
  database: Database,
  userId: string,
  secret: string,
  username: string,
  code: string,
): Promise<boolean> {
  const step = totpStep(secret, username, code);
  if (step === null) return false;
  const res = await database.db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Starts enrolment: stores a fresh secret (not yet enabled) and returns it for the authenticator app. */
export async function startTotpSetup(
  database: Database,
  auth: AuthContext,
  actor: Actor,
): Promise<{ secret: string; uri: string }> {
  if (auth.user.totpEnabled) throw badRequest('已启用双因素认证，如需更换请先停用');
  const secret = new Secret({ size: 20 }).base32;
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ totp_secret: secret, updated_at: nowIso() })
      .where('id', '=', auth.user.id)
      .execute();
    await appendAudit(trx, database, actor, {
      action: 'auth.totp.setup',
      entityType: 'user',
      entityId: auth.user.id,
    });
  });
  return { secret, uri: totpFor(secret, auth.user.username).toString() };
}

export async function enableTotp(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  code: string,
): Promise<void> {
  const row = await database.db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled'])
    .where('id', '=', auth.user.id)
    .executeTakeFirstOrThrow();
  if (!row.totp_secret) throw badRequest('请先生成双因素认证密钥');
  if (!(await consumeTotp(database, auth.user.id, row.totp_secret, auth.user.username, code)))
    throw badRequest('动态验证码不正确或已使用', 'code');
  await database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set((eb) => ({ totp_enabled: 1, updated_at: nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', auth.user.id)
      .execute();
    await appendAudit(trx, database, actor, {
      action: 'auth.totp.enable',
      entityType: 'user',
      entityId: auth.user.id,
      before: { totp_enabled: 0 },
      after: { totp_enabled: 1 },
    });
  });
}

export async function verifyTotpLogin(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  code: string,
): Promise<void> {
  // Counted per half-signed-in session, which ends at the limit; guesses of a burst beyond it are
  // refused unchecked.
  const key = `totp:${auth.sessionId}`;
  const limit = { maxFailures: MAX_TOTP_FAILURES, lockMinutes: 24 * 60 };
  const attempt = await countAttempt(database.db, key, limit);
  if (attempt.refused) {
    await endTotpSession(database, auth);
    throw totpLocked();
  }
  const row = await database.db
    .selectFrom('users')
    .select(['totp_secret'])
    .where('id', '=', auth.user.id)
    .executeTakeFirstOrThrow();
  if (
    !row.totp_secret ||
    !(await consumeTotp(database, auth.user.id, row.totp_secret, auth.user.username, code))
  ) {
    await auditNow(database, actor, {
      action: 'auth.totp.failed',
      entityType: 'user',
      entityId: auth.user.id,
      details: { failures: attempt.number },
    });
    // Guessing codes ends the half-signed-in session after a few tries; the password is asked again.
    if (attempt.number >= MAX_TOTP_FAILURES) {
      await endTotpSession(database, auth);
      throw totpLocked();
    }
    throw badRequest('动态验证码不正确或已使用', 'code');
  }
  await database.db.transaction().execute(async (trx) => {
    // A session ended by a burst of wrong codes stays ended, even for the right code.
    const res = await trx
      .updateTable('sessions')
      .set({ stage: 'active' })
      .where('id', '=', auth.sessionId)
      .where('stage', '=', 'totp')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw unauthorized('登录已失效，请重新登录');
    await trx.deleteFrom('login_attempts').where('username', '=', key).execute();
    await appendAudit(trx, database, actor, {
      action: 'auth.totp.verified',
      entityType: 'user',
      entityId: auth.user.id,
    });
  });
}

function totpLocked() {
  return new AppError(401, 'TOTP_LOCKED', `动态验证码连续错误 ${MAX_TOTP_FAILURES} 次，请重新登录`);
}

/**
 * Ends the session. Its count is kept so that guesses of the same burst still in flight are refused
 * unchecked; counts of sessions older than any session can live are dropped here.
 */
async function endTotpSession(database: Database, auth: AuthContext): Promise<void> {
  const stale = new Date(Date.now() - 24 * 3_600_000).toISOString();
  await database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', auth.sessionId).execute();
    await trx
      .deleteFrom('login_attempts')
      .where('username', 'like', 'totp:%')
      .where('updated_at', '<', stale)
      .execute();
  });
}

export function requireSession(auth: AuthContext | null): AuthContext {
  if (!auth) throw unauthorized();
  return auth;
}
