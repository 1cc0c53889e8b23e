// Assembles the Fastify server: plugins, module routes, OpenAPI, and the built web app.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from '../modules/audit/routes.ts';
import { authRoutes } from '../modules/auth/routes.ts';
import { demoAccounts } from '../modules/demo/accounts.ts';
import { ledgerExcelRoutes } from '../modules/ledgers/excel-routes.ts';
import { ledgerRoutes } from '../modules/ledgers/routes.ts';
import { orgRoutes } from '../modules/org/routes.ts';
import { proofreadRoutes } from '../modules/proofread/routes.ts';
import { securityRoutes } from '../modules/security/routes.ts';
import authPlugin from './auth-plugin.ts';
import type { AppDeps } from './deps.ts';
import { registerErrorHandling } from './errors.ts';
import { registerSecurityHeaders } from './headers.ts';
import { registerControlCharGuard, registerStrictInputGuard } from './input-guard.ts';
import { type LogOptions, loggerOptions, registerRequestLog } from './logging.ts';

export interface RouteInfo {
  method: string;
  url: string;
  permission?: string | undefined;
  public: boolean;
  scopedEntity?: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its guard, for the authorisation matrix test and docs. */
    routeTable: RouteInfo[];
  }
}

export async function buildApp(deps: AppDeps, opts: { log?: LogOptions } = {}) {
  const { config, database } = deps;
  const app = Fastify({
    logger: loggerOptions(opts.log),
    // registerRequestLog writes one line per request instead of Fastify's incoming/completed pair.
    logController: new LogController({ disableRequestLogging: true }),
    // Unique across restarts, so that a line in the log names one request; a client's own id is not trusted.
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerRequestLog(app);

  // The route table drives the authorisation matrix test and documents every endpoint's guard.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        permission: route.config?.permission,
        public: route.config?.public === true,
        scopedEntity: route.config?.scopedEntity,
      });
    }
  });

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5 },
    throwFileSizeLimit: true,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: 'TOO_MANY_REQUESTS', message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` },
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Fazhi 法治政府建设综合管理平台 API',
        version: '0.1.0',
        description: '所有写操作需携带 x-csrf-token 请求头（登录后由 /api/me 返回）。',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerControlCharGuard(app);
  await app.register(authPlugin, { database, production: config.production });
  registerStrictInputGuard(app);

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['系统'], summary: '健康检查' } },
    async () => {
      await database.db.selectFrom('regions').select('code').limit(1).execute();
      return { status: 'ok', db: database.dialect };
    },
  );
  app.get(
    '/api/meta',
    { config: { public: true }, schema: { tags: ['系统'], summary: '登录页信息（演示模式下给出演示账户）' } },
    async () => ({
      product: '法治政府建设综合管理平台',
      demo: !config.production,
      demoPassword: config.production ? null : config.demoPassword,
      demoAccounts: config.production
        ? []
        : demoAccounts().map((a) => ({ username: a.username, label: a.label })),
    }),
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await authRoutes(app, deps);
  await orgRoutes(app, deps);
  await securityRoutes(app, deps);
  await auditRoutes(app, deps);
  await ledgerRoutes(app, deps);
  await ledgerExcelRoutes(app, deps);
  await proofreadRoutes(app, deps);

  const spa = config.webDir !== null && existsSync(join(config.webDir, 'index.html'));
  if (spa && config.webDir) await app.register(fastifyStatic, { root: config.webDir, wildcard: false });
  // Client-side routes fall back to index.html; unknown /api paths stay JSON 404s.
  app.setNotFoundHandler((req, reply) => {
    if (spa && req.method === 'GET' && !req.url.startsWith('/api/'))
      return reply.type('text/html').sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });

  registerSecurityHeaders(app);

  return app;
}
