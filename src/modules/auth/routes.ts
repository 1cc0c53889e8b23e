import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DATA_SCOPES, widestScope } from '../../domain/access/permissions.ts';
import { clientOf, requireAuth } from '../../server/auth-plugin.ts';
import type { AppDeps } from '../../server/deps.ts';
import { text } from '../../server/http.ts';
import { changePassword, enableTotp, login, logout, startTotpSetup, verifyTotpLogin } from './service.ts';
import { SESSION_COOKIE } from './sessions.ts';

export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['认证'],
        summary: '登录',
        body: z.object({
          username: text('用户名', 64),
          password: z.string({ error: '密码必须是文本' }).min(1, { error: '密码不能为空' }).max(128),
        }),
      },
      config: {
        public: true,
        rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' },
      },
    },
    async (req, reply) => {
      const result = await login(database, config.production, req.body, clientOf(req));
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
      });
      return {
        ok: true,
        csrfToken: result.csrfToken,
        mustChangePassword: result.mustChangePassword,
        totpRequired: result.totpRequired,
      };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags: ['认证'], summary: '退出登录' },
      config: { allowPending: true, allowUnverified: true },
    },
    async (req, reply) => {
      await logout(database, requireAuth(req), req.actor(), false);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.post(
    '/api/auth/logout-all',
    {
      schema: { tags: ['认证'], summary: '在所有设备上退出' },
      config: { allowPending: true, allowUnverified: true },
    },
    async (req, reply) => {
      const sessions = await logout(database, requireAuth(req), req.actor(), true);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true, sessions };
    },
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['认证'],
        summary: '修改本人密码',
        body: z.object({
          oldPassword: z.string().min(1, { error: '请输入原密码' }).max(128),
          newPassword: z.string().min(1, { error: '请输入新密码' }).max(128),
        }),
      },
      config: { allowPending: true },
    },
    async (req) => {
      await changePassword(database, config.production, requireAuth(req), req.actor(), req.body);
      return { ok: true };
    },
  );

  r.post(
    '/api/auth/totp/setup',
    { schema: { tags: ['认证'], summary: '生成双因素认证密钥' }, config: { allowPending: true } },
    async (req) => {
      return startTotpSetup(database, requireAuth(req), req.actor());
    },
  );

  r.post(
    '/api/auth/totp/enable',
    {
      schema: {
        tags: ['认证'],
        summary: '启用双因素认证',
        body: z.object({ code: z.string().regex(/^\d{6}$/, { error: '请输入 6 位数字验证码' }) }),
      },
      config: { allowPending: true },
    },
    async (req) => {
      await enableTotp(database, requireAuth(req), req.actor(), req.body.code);
      return { ok: true };
    },
  );

  r.post(
    '/api/auth/totp/verify',
    {
      schema: {
        tags: ['认证'],
        summary: '登录时校验动态验证码',
        body: z.object({ code: z.string().regex(/^\d{6}$/, { error: '请输入 6 位数字验证码' }) }),
      },
      config: { allowPending: true, allowUnverified: true },
    },
    async (req) => {
      await verifyTotpLogin(database, requireAuth(req), req.actor(), req.body.code);
      return { ok: true };
    },
  );

  r.get(
    '/api/me',
    {
      schema: { tags: ['认证'], summary: '当前用户、单位、角色、权限与数据范围' },
      config: { allowPending: true, allowUnverified: true },
    },
    async (req) => {
      const auth = requireAuth(req);
      const widest = widestScope(auth.roles.map((x) => x.dataScope));
      return {
        user: { id: auth.user.id, username: auth.user.username, displayName: auth.user.displayName },
        unit: { id: auth.user.unitId, name: auth.user.unitName },
        region: { code: auth.user.regionCode, name: auth.user.regionName },
        roles: auth.roles.map((x) => ({
          code: x.code,
          name: x.name,
          dataScope: x.dataScope,
          dataScopeLabel: DATA_SCOPES[x.dataScope],
        })),
        permissions: [...auth.permissions].sort(),
        dataScope: widest ? { code: widest, label: DATA_SCOPES[widest] } : null,
        csrfToken: auth.csrfToken,
        pending: {
          totp: auth.stage === 'totp',
          passwordChange: auth.user.mustChangePassword,
          totpSetup: auth.needsTotpSetup,
        },
        totpEnabled: auth.user.totpEnabled,
      };
    },
  );
}
