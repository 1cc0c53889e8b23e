// Loads the session for every /api request and enforces, before input validation, per route: signed in, password changed,
// second factor passed, CSRF token present on writes, and the route's permission code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/index.ts';
import type { Permission } from '../domain/access/permissions.ts';
import type { Actor } from '../modules/audit/service.ts';
import { type AuthContext, actorOf, loadAuthUser } from '../modules/auth/context.ts';
import { deleteSession, findSession, SESSION_COOKIE } from '../modules/auth/sessions.ts';
import { getPolicy } from '../modules/security/policy.ts';
import { AppError, forbidden, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, docs). */
    public?: boolean;
    /** Reachable before the password change / second factor that a session still owes. */
    allowPending?: boolean;
    /** Reachable before the second factor of this login has been entered. */
    allowUnverified?: boolean;
    /** The permission code the route requires; absent means any signed-in user. */
    permission?: Permission;
    /** For the authorisation matrix test: which kind of record the route's `:id` names. */
    scopedEntity?: 'unit' | 'user' | 'role' | 'ledgerRecord';
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    actor(): Actor;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function clientOf(req: FastifyRequest) {
  return { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') };
}

export function requireAuth(req: FastifyRequest): AuthContext {
  if (!req.auth) throw unauthorized();
  return req.auth;
}

async function authPlugin(app: FastifyInstance, opts: { database: Database; production: boolean }) {
  const { database, production } = opts;
  app.decorateRequest('auth', null);
  app.decorateRequest('actor', function (this: FastifyRequest) {
    return actorOf(this.auth, this.ip, String(this.headers['user-agent'] ?? ''));
  });

  app.addHook('preValidation', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return;
    const cfg = req.routeOptions.config;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const policy = await getPolicy(database.db, production);
      const session = await findSession(database.db, token, policy);
      const loaded = session ? await loadAuthUser(database.db, session.userId) : null;
      if (session && loaded && !loaded.disabled) {
        const permissions = new Set<Permission>(loaded.roles.flatMap((r) => r.permissions));
        const isAdmin = loaded.roles.some((r) => r.duty !== null);
        req.auth = {
          sessionId: session.id,
          csrfToken: session.csrfToken,
          stage: session.stage,
          user: loaded.user,
          roles: loaded.roles,
          permissions,
          needsTotpSetup: policy.requireTotpForAdmins && isAdmin && !loaded.user.totpEnabled,
        };
      } else {
        if (session) await deleteSession(database.db, session.id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    // The OpenAPI viewer's own routes are static documentation.
    if (cfg.public || req.routeOptions.url?.startsWith('/api/docs')) return;
    const auth = req.auth;
    if (!auth) throw unauthorized('登录已失效，请重新登录');
    if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError(403, 'CSRF', '请求缺少有效的安全令牌（CSRF），请刷新页面后重试');
    }
    if (auth.stage === 'totp' && !cfg.allowUnverified) {
      throw new AppError(401, 'TOTP_REQUIRED', '请输入双因素认证动态验证码');
    }
    if (!cfg.allowPending) {
      if (auth.user.mustChangePassword)
        throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', '请先修改初始密码');
      if (auth.needsTotpSetup) throw new AppError(403, 'TOTP_SETUP_REQUIRED', '管理员账户须先启用双因素认证');
    }
    if (cfg.permission && !auth.permissions.has(cfg.permission)) throw forbidden();
  });
}

export default fp(authPlugin, { name: 'fazhi-auth', dependencies: ['@fastify/cookie'] });
